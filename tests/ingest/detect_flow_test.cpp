#include <boost/test/unit_test.hpp>

#include "ingest/ingest.h"
#include "sample_documents.h"
#include "test_support.h"

using ingest::Format;
using ingest_test::TempDir;
using ingest_test::write_file;

BOOST_AUTO_TEST_SUITE(detect)

BOOST_AUTO_TEST_CASE(recognises_the_three_roots) {
  BOOST_TEST(ingest::detect_format(ingest_test::kUblInvoice) == Format::ubl_invoice);
  BOOST_TEST(ingest::detect_format(ingest_test::kUblCreditNote) == Format::ubl_credit_note);
  BOOST_TEST(ingest::detect_format(ingest_test::kCiiInvoice) == Format::cii);
}

BOOST_AUTO_TEST_CASE(accepts_bom_and_leading_whitespace) {
  BOOST_TEST(ingest::detect_format("\xEF\xBB\xBF" + ingest_test::kUblInvoice) ==
             Format::ubl_invoice);
  BOOST_TEST(ingest::detect_format("\n  \xEF\xBB\xBF" + ingest_test::kUblInvoice) ==
             Format::unknown);  // a BOM is only a BOM at the very start
  BOOST_TEST(ingest::detect_format("\n\n  <Invoice xmlns='urn:oasis:names:specification:ubl:"
                                   "schema:xsd:Invoice-2'/>") == Format::ubl_invoice);
}

BOOST_AUTO_TEST_CASE(wrong_namespace_or_root_is_unknown) {
  BOOST_TEST(ingest::detect_format("<Invoice xmlns='urn:example:not-ubl'><ID>1</ID></Invoice>") ==
             Format::unknown);
  BOOST_TEST(ingest::detect_format("<Invoice><ID>1</ID></Invoice>") == Format::unknown);
  BOOST_TEST(ingest::detect_format("<Order xmlns='urn:oasis:names:specification:ubl:schema:xsd:"
                                   "Invoice-2'/>") == Format::unknown);
  // CreditNote in the Invoice namespace is neither.
  BOOST_TEST(ingest::detect_format("<CreditNote xmlns='urn:oasis:names:specification:ubl:schema:"
                                   "xsd:Invoice-2'/>") == Format::unknown);
}

BOOST_AUTO_TEST_CASE(non_xml_and_empty_are_unknown) {
  BOOST_TEST(ingest::detect_format("") == Format::unknown);
  BOOST_TEST(ingest::detect_format("   \n") == Format::unknown);
  BOOST_TEST(ingest::detect_format("%PDF-1.7 not xml") == Format::unknown);
  BOOST_TEST(ingest::detect_format("PK\x03\x04zip") == Format::unknown);
}

BOOST_AUTO_TEST_CASE(broken_prolog_or_root_is_malformed) {
  BOOST_TEST(ingest::detect_format("<") == Format::malformed);
  BOOST_TEST(ingest::detect_format("<?xml version='1.0'?><!-- only a comment -->") ==
             Format::malformed);
  BOOST_TEST(ingest::detect_format("<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:"
                                   "Invoice-2' attr=>") == Format::malformed);
  BOOST_TEST(ingest::detect_format("<p:Invoice><ID/></p:Invoice>") == Format::malformed);
  // A DOCTYPE is refused before anything is resolved.
  BOOST_TEST(ingest::detect_format("<!DOCTYPE Invoice SYSTEM 'http://example.invalid/x.dtd'>"
                                   "<Invoice/>") == Format::malformed);
}

BOOST_AUTO_TEST_CASE(stops_at_the_root) {
  // Broken after the root start tag: detection does not look that far.
  const std::string truncated = ingest_test::kUblInvoice.substr(0, 900);
  BOOST_TEST(ingest::detect_format(truncated) == Format::ubl_invoice);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(flow)

BOOST_AUTO_TEST_CASE(ubl_flow_is_one_document_with_its_bytes) {
  TempDir dir;
  const auto file = dir / "20240101T000000-1-1--facture.xml";
  write_file(file, ingest_test::kUblInvoice);
  const auto flow = ingest::open_flow(file, {});
  BOOST_TEST(flow.findings.empty());
  BOOST_TEST(flow.syntax_code == "IN_DP_E1_UBL_INVOICE");
  BOOST_REQUIRE(flow.documents.size() == 1u);
  BOOST_TEST(flow.documents[0].name == "facture.xml");
  BOOST_TEST(flow.documents[0].bytes == ingest_test::kUblInvoice);
  BOOST_TEST(flow.documents[0].format == Format::ubl_invoice);
}

BOOST_AUTO_TEST_CASE(credit_note_and_cii_flows) {
  TempDir dir;
  write_file(dir / "avoir.xml", ingest_test::kUblCreditNote);
  write_file(dir / "cii.xml", ingest_test::kCiiInvoice);
  const auto credit_note = ingest::open_flow(dir / "avoir.xml", {});
  BOOST_TEST(credit_note.syntax_code == "IN_DP_E1_UBL_INVOICE");
  BOOST_REQUIRE(credit_note.documents.size() == 1u);
  BOOST_TEST(credit_note.documents[0].format == Format::ubl_credit_note);
  const auto cii = ingest::open_flow(dir / "cii.xml", {});
  BOOST_TEST(cii.findings.empty());
  BOOST_TEST(cii.syntax_code == "IN_DP_E1_CII_16B");
  BOOST_REQUIRE(cii.documents.size() == 1u);
  BOOST_TEST(cii.documents[0].format == Format::cii);
}

BOOST_AUTO_TEST_CASE(too_large_flow_is_refused_before_reading) {
  TempDir dir;
  write_file(dir / "big.xml", ingest_test::kUblInvoice);
  ingest::Limits limits;
  limits.max_flow_bytes = 100;
  const auto flow = ingest::open_flow(dir / "big.xml", limits);
  BOOST_TEST(flow.documents.empty());
  BOOST_TEST(flow.syntax_code == "");
  BOOST_REQUIRE(flow.findings.size() == 1u);
  BOOST_TEST(flow.findings[0].rule == "FLOW-TOO-LARGE");
  BOOST_TEST((flow.findings[0].severity == model::Severity::fatal));
  BOOST_TEST(flow.findings[0].location == "big.xml");
}

BOOST_AUTO_TEST_CASE(unknown_empty_and_malformed_flows) {
  TempDir dir;
  write_file(dir / "note.txt", "hello, this is not an invoice");
  write_file(dir / "empty.xml", "");
  write_file(dir / "other.xml", "<Order xmlns='urn:example'/>");
  write_file(dir / "broken.xml", "<?xml version='1.0'?>\n<Invoice a='1' a='2'/>");

  for (const char* name : {"note.txt", "empty.xml", "other.xml", "broken.xml"}) {
    BOOST_TEST_CONTEXT(name) {
      const auto flow = ingest::open_flow(dir / name, {});
      BOOST_TEST(flow.documents.empty());
      BOOST_TEST(flow.syntax_code == "");
      BOOST_REQUIRE(flow.findings.size() == 1u);
      BOOST_TEST((flow.findings[0].severity == model::Severity::fatal));
      BOOST_TEST(flow.findings[0].location == name);
      BOOST_TEST(!flow.findings[0].message.empty());
    }
  }
  BOOST_TEST(ingest::open_flow(dir / "note.txt", {}).findings[0].rule == "FLOW-UNKNOWN-FORMAT");
  BOOST_TEST(ingest::open_flow(dir / "other.xml", {}).findings[0].rule == "FLOW-UNKNOWN-FORMAT");
  const auto empty = ingest::open_flow(dir / "empty.xml", {});
  BOOST_TEST(empty.findings[0].rule == "FLOW-UNKNOWN-FORMAT");
  BOOST_TEST(empty.findings[0].message.find("empty") != std::string::npos);
  const auto broken = ingest::open_flow(dir / "broken.xml", {});
  BOOST_TEST(broken.findings[0].rule == "FLOW-MALFORMED-XML");
  BOOST_TEST(broken.findings[0].message.find("2:") != std::string::npos);  // line 2
}

BOOST_AUTO_TEST_CASE(doctype_flow_is_unsafe) {
  TempDir dir;
  write_file(dir / "dtd.xml",
             "<?xml version='1.0'?>\n<!DOCTYPE Invoice [<!ENTITY a 'b'>]>\n"
             "<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:"
             "Invoice-2'/>");
  const auto flow = ingest::open_flow(dir / "dtd.xml", {});
  BOOST_TEST(flow.documents.empty());
  BOOST_REQUIRE(flow.findings.size() == 1u);
  BOOST_TEST(flow.findings[0].rule == "FLOW-UNSAFE-XML");
}

BOOST_AUTO_TEST_CASE(missing_flow_is_a_finding_not_an_exception) {
  TempDir dir;
  const auto flow = ingest::open_flow(dir / "gone.xml", {});
  BOOST_TEST(flow.documents.empty());
  BOOST_REQUIRE(flow.findings.size() == 1u);
  BOOST_TEST(flow.findings[0].rule == "FLOW-UNREADABLE");
}

BOOST_AUTO_TEST_SUITE_END()
