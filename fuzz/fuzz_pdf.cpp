// fuzz_pdf — the Factur-X / ZUGFeRD unpacker (ingest::detail::open_facturx: qpdf from memory,
// the embedded factur-x.xml decoded under a cap) on arbitrary bytes, under small limits.
//
// Asserts, beyond "no crash, no leak, no UB", the unpacked-flow invariants of
// unpacked_flow_checks.h (documents iff no fatal finding, FLOW-… findings with a message,
// documents UBL/CII by detect_format, bytes within max_unpacked_bytes), and for Factur-X in
// particular: the syntax code is IN_DP_E2_CII_FACTURX; an accepted flow is exactly one CII
// document whose one attachment is the PDF itself, byte for byte.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_support.h"
#include "fuzz/unpacked_flow_checks.h"
#include "ingest/unpack.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fluxd_fuzz::xml_platform_once();
  static const auto limits = fluxd_fuzz::small_limits();
  const auto bytes = fluxd_fuzz::as_text(data, size);

  const auto flow = ingest::detail::open_facturx(std::string(bytes), "flow.pdf", limits);
  FUZZ_CHECK(flow.syntax_code == ingest::detail::kFacturXSyntax);
  fluxd_fuzz::check_unpacked_flow(flow, limits);
  if (!flow.documents.empty()) {
    FUZZ_CHECK(flow.documents.size() == 1);
    const auto& document = flow.documents.front();
    FUZZ_CHECK(document.format == ingest::Format::cii);
    FUZZ_CHECK(document.attachments.size() == 1);
    FUZZ_CHECK(document.attachments.front().name == "flow.pdf");
    FUZZ_CHECK(document.attachments.front().bytes == bytes);
  }
  return 0;
}
