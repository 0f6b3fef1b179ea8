// fuzz_invoice_reader — ingest::InvoiceReader::read: the UBL 2.1 (Invoice, CreditNote) and
// CII D16B SAX2 parsers that fill model::Invoice, on arbitrary bytes.
//
// One reader for the whole process, reused for every input as the pipeline reuses one per
// worker (Xerces initialised once). Asserts, beyond "no crash, no leak, no UB":
//  - exactly one of: an invoice, or findings — and then only FLOW-… findings, all fatal, each
//    with a rule id, a message and a location naming the document ("fuzz.xml[:line:col]");
//  - an invoice only for bytes detect_format recognises as UBL or CII, and of that syntax;
//  - reading the same bytes again with the reused reader gives the same invoice (compared
//    term by term through model::to_debug_string) or the same findings: no state leaks from
//    one document into the next.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_support.h"
#include "ingest/ingest.h"
#include "model/invoice.h"

namespace {

ingest::InvoiceReader& reader() {
  fluxd_fuzz::xml_platform_once();
  static auto* instance = new ingest::InvoiceReader(fluxd_fuzz::small_limits());
  return *instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto& parser = reader();
  const auto bytes = fluxd_fuzz::as_text(data, size);

  const auto first = parser.read(bytes, "fuzz.xml");
  FUZZ_CHECK(first.invoice.has_value() != !first.findings.empty());
  for (const auto& finding : first.findings) {
    FUZZ_CHECK(fluxd_fuzz::well_formed_flow_finding(finding));
    FUZZ_CHECK(finding.severity == model::Severity::fatal);
    FUZZ_CHECK(finding.location == "fuzz.xml" || finding.location.starts_with("fuzz.xml:"));
  }

  if (first.invoice) {
    const auto format = ingest::detect_format(bytes);
    FUZZ_CHECK(format == ingest::Format::ubl_invoice || format == ingest::Format::ubl_credit_note ||
               format == ingest::Format::cii);
    FUZZ_CHECK((format == ingest::Format::cii) == (first.invoice->syntax == model::Syntax::cii));
    FUZZ_CHECK((format == ingest::Format::ubl_credit_note) ==
               (first.invoice->syntax == model::Syntax::ubl_credit_note));
  }

  const auto again = parser.read(bytes, "fuzz.xml");
  FUZZ_CHECK(again.invoice.has_value() == first.invoice.has_value());
  FUZZ_CHECK(again.findings == first.findings);
  if (first.invoice)
    FUZZ_CHECK(model::to_debug_string(*again.invoice) == model::to_debug_string(*first.invoice));
  return 0;
}
