// fuzz_zip — the ZIP batch unpacker (ingest::detail::open_zip, libarchive streamed member by
// member) on arbitrary bytes, under small limits (fuzz_support.h).
//
// open_zip reads a path, so each input is written to one scratch file of this process and
// reused. Asserts, beyond "no crash, no leak, no UB", the unpacked-flow invariants of
// unpacked_flow_checks.h: a flow without a fatal finding has documents (and at most
// max_invoices_per_flow), a refused one has none; findings are FLOW-… with a message; each
// document is UBL/CII by detect_format, safely and uniquely named; attachments are plain
// names; the unpacked bytes stay within max_unpacked_bytes. Also: the flow's syntax code is
// always IN_DP_E1_ZIP.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_support.h"
#include "fuzz/unpacked_flow_checks.h"
#include "ingest/unpack.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fluxd_fuzz::xml_platform_once();
  static const auto limits = fluxd_fuzz::small_limits();
  static const auto path = fluxd_fuzz::scratch_dir() / "flow.zip";
  fluxd_fuzz::write_file(path, fluxd_fuzz::as_text(data, size));

  const auto flow = ingest::detail::open_zip(path, "flow.zip", size, limits);
  FUZZ_CHECK(flow.syntax_code == ingest::detail::kZipSyntax);
  fluxd_fuzz::check_unpacked_flow(flow, limits);
  return 0;
}
