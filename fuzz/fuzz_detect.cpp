// fuzz_detect — ingest::detect_format (and the detail::detect behind it) on arbitrary bytes.
//
// Exercises the locked-down Xerces SAX2 scan up to the root element: BOMs, encodings,
// prologs, DOCTYPEs, entities, namespaces.
// Asserts, beyond "no crash, no leak, no UB":
//  - detect_format(b) == detail::detect(b).format (two parses: no state kept between them);
//  - bytes that do not look like XML are `unknown`;
//  - `malformed` always carries a problem text, any other format none; `unsafe` (a DOCTYPE or
//    entity refused) only with `malformed`.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_support.h"
#include "ingest/ingest.h"
#include "ingest/xml_lockdown.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fluxd_fuzz::xml_platform_once();
  const auto bytes = fluxd_fuzz::as_text(data, size);

  const auto detection = ingest::detail::detect(bytes);
  const auto format = ingest::detect_format(bytes);  // a second parse: no state is kept
  FUZZ_CHECK(format == detection.format);

  switch (format) {
    case ingest::Format::ubl_invoice:
    case ingest::Format::ubl_credit_note:
    case ingest::Format::cii:
    case ingest::Format::unknown:
      FUZZ_CHECK(!detection.unsafe);
      FUZZ_CHECK(detection.problem.empty());
      break;
    case ingest::Format::malformed:
      FUZZ_CHECK(!detection.problem.empty());
      break;
    default:
      fluxd_fuzz::broken("detect_format returned a value outside ingest::Format", __FILE__,
                         __LINE__);
  }
  if (!ingest::detail::looks_like_xml(bytes)) FUZZ_CHECK(format == ingest::Format::unknown);
  return 0;
}
