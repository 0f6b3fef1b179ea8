// Hostile inputs: the reader must refuse them as findings, read nothing from disk or network,
// and stay usable afterwards.
#include <boost/test/unit_test.hpp>
#include <chrono>

#include "ingest/ingest.h"
#include "sample_documents.h"
#include "test_support.h"

using ingest_test::TempDir;

namespace {
const std::string kUblOpen =
    "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" "
    "xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">";

bool mentions(const ingest::ReadResult& result, const std::string& text) {
  for (const auto& f : result.findings)
    if (f.location.find(text) != std::string::npos || f.message.find(text) != std::string::npos)
      return true;
  return false;
}

void expect_refused(const ingest::ReadResult& result, const std::string& rule) {
  BOOST_TEST(!result.invoice.has_value());
  BOOST_REQUIRE(result.findings.size() == 1u);
  BOOST_TEST(result.findings[0].rule == rule);
  BOOST_TEST((result.findings[0].severity == model::Severity::fatal));
  BOOST_TEST_MESSAGE(rule << ": " << result.findings[0].location << " — "
                          << result.findings[0].message);
}

// The reader still works after a refusal.
void expect_still_usable(ingest::InvoiceReader& reader) {
  const auto ok = reader.read(ingest_test::kUblInvoice, "good.xml");
  BOOST_TEST(ok.findings.empty());
  BOOST_REQUIRE(ok.invoice.has_value());
  BOOST_TEST(ok.invoice->number == "F-2024-001");
}
}  // namespace

BOOST_AUTO_TEST_SUITE(hostile)

BOOST_AUTO_TEST_CASE(external_entity_is_refused_and_never_read) {
  TempDir dir;
  const std::string secret = "TOP-SECRET-XXE-CONTENT-4f1c";
  ingest_test::write_file(dir / "secret.txt", secret);
  const std::string url = "file://" + (dir / "secret.txt").string();
  ingest::InvoiceReader reader;

  const auto general = reader.read(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE Invoice [\n"
      "  <!ENTITY xxe SYSTEM \"" +
          url + "\">\n]>\n" + kUblOpen + "<cbc:ID>&xxe;</cbc:ID></Invoice>",
      "xxe.xml");
  expect_refused(general, "FLOW-UNSAFE-XML");
  BOOST_TEST(!mentions(general, secret));

  const auto parameter = reader.read("<!DOCTYPE Invoice [<!ENTITY % p SYSTEM \"" + url +
                                         "\"> %p;]>" + kUblOpen + "<cbc:ID>1</cbc:ID></Invoice>",
                                     "xxe-param.xml");
  expect_refused(parameter, "FLOW-UNSAFE-XML");
  BOOST_TEST(!mentions(parameter, secret));

  const auto external_dtd = reader.read(
      "<!DOCTYPE Invoice SYSTEM \"" + url + "\">" + kUblOpen + "<cbc:ID>1</cbc:ID></Invoice>",
      "xxe-dtd.xml");
  expect_refused(external_dtd, "FLOW-UNSAFE-XML");
  BOOST_TEST(!mentions(external_dtd, secret));

  // Through the flow path too: detection refuses the DOCTYPE before reading further.
  ingest_test::write_file(dir / "xxe.xml", "<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM \"" + url +
                                               "\">]>" + kUblOpen +
                                               "<cbc:ID>&xxe;</cbc:ID></Invoice>");
  const auto flow = ingest::open_flow(dir / "xxe.xml", {});
  BOOST_TEST(flow.documents.empty());
  BOOST_REQUIRE(flow.findings.size() == 1u);
  BOOST_TEST(flow.findings[0].rule == "FLOW-UNSAFE-XML");
  BOOST_TEST(flow.findings[0].message.find(secret) == std::string::npos);
  expect_still_usable(reader);
}

BOOST_AUTO_TEST_CASE(billion_laughs_is_refused_quickly) {
  std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE Invoice [\n<!ENTITY lol \"lol\">\n";
  doc += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
  for (int i = 2; i <= 9; ++i) {
    doc += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) doc += "&lol" + std::to_string(i - 1) + ";";
    doc += "\">\n";
  }
  doc += "]>\n" + kUblOpen + "<cbc:ID>&lol9;</cbc:ID></Invoice>";
  ingest::InvoiceReader reader;
  const auto start = std::chrono::steady_clock::now();
  const auto result = reader.read(doc, "lol.xml");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  expect_refused(result, "FLOW-UNSAFE-XML");
  BOOST_TEST(elapsed < std::chrono::seconds(1));
  BOOST_TEST(ingest::detect_format(doc) == ingest::Format::malformed);
  expect_still_usable(reader);
}

BOOST_AUTO_TEST_CASE(nesting_depth_is_limited) {
  ingest::Limits limits;
  limits.max_xml_depth = 64;
  ingest::InvoiceReader reader(limits);
  auto nested = [&](int depth) {  // root + (depth - 1) nested elements
    std::string doc = kUblOpen;
    for (int i = 1; i < depth; ++i) doc += "<a>";
    for (int i = 1; i < depth; ++i) doc += "</a>";
    return doc + "</Invoice>";
  };
  const auto at_limit = reader.read(nested(64), "deep64.xml");
  BOOST_TEST(at_limit.findings.empty());
  BOOST_TEST(at_limit.invoice.has_value());
  expect_refused(reader.read(nested(65), "deep65.xml"), "FLOW-UNSAFE-XML");
  expect_refused(reader.read(nested(100000), "deep.xml"), "FLOW-UNSAFE-XML");
  expect_still_usable(reader);
}

BOOST_AUTO_TEST_CASE(truncated_document_is_malformed_with_position) {
  ingest::InvoiceReader reader;
  const auto result = reader.read(ingest_test::kUblInvoice.substr(0, 2000), "cut.xml");
  expect_refused(result, "FLOW-MALFORMED-XML");
  BOOST_TEST(result.findings[0].location.starts_with("cut.xml:"));
  BOOST_TEST(result.findings[0].message.find("line:column") != std::string::npos);

  const auto mismatched = reader.read(kUblOpen + "\n<cbc:ID>1</cbc:Id></Invoice>", "tag.xml");
  expect_refused(mismatched, "FLOW-MALFORMED-XML");
  BOOST_TEST(mismatched.findings[0].location.starts_with("tag.xml:2:"));
  expect_still_usable(reader);
}

BOOST_AUTO_TEST_CASE(wrong_root_or_namespace_is_unknown_format) {
  ingest::InvoiceReader reader;
  expect_refused(reader.read("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:"
                             "Invoice-3\"><ID>1</ID></Invoice>",
                             "ns.xml"),
                 "FLOW-UNKNOWN-FORMAT");
  expect_refused(reader.read("<Invoice><ID>1</ID></Invoice>", "nons.xml"), "FLOW-UNKNOWN-FORMAT");
  expect_refused(reader.read("not xml at all", "text.xml"), "FLOW-UNKNOWN-FORMAT");
  expect_refused(reader.read("", "empty.xml"), "FLOW-UNKNOWN-FORMAT");
  expect_still_usable(reader);
}

BOOST_AUTO_TEST_CASE(processing_instructions_and_comments_are_harmless) {
  ingest::InvoiceReader reader;
  const auto result = reader.read(
      "<?xml version=\"1.0\"?><?xml-stylesheet href=\"http://example.invalid/x.xsl\"?>"
      "<!-- c -->" +
          kUblOpen + "<!-- c --><cbc:ID>7<!-- inside -->7</cbc:ID></Invoice>",
      "pi.xml");
  BOOST_TEST(result.findings.empty());
  BOOST_REQUIRE(result.invoice.has_value());
  BOOST_TEST(result.invoice->number == "77");
}

BOOST_AUTO_TEST_SUITE_END()
