// Status-update files: XML validated against the embedded schemas/status-update.xsd (checked
// against an independent Xerces DOM validation of the file on disk), CSV line by line, and the
// hostile inputs both formats must survive.
#include "ingest/status_updates.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>
#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/parsers/XercesDOMParser.hpp>
#include <xercesc/sax/ErrorHandler.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/validators/common/Grammar.hpp>

#include "test_support.h"

using ingest_test::TempDir;
namespace x = xercesc;

namespace {

const std::string kOpen = "<statusUpdates xmlns=\"urn:fluxd:status-update:1\">";
const std::string kClose = "</statusUpdates>";

// A whole document around `updates`.
std::string xml(const std::string& updates) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + kOpen + updates + kClose;
}

std::string update(const std::string& ref, const std::string& status = "MANDATEE",
                   const std::string& date = "2025-03-14", const std::string& extra = "") {
  return "<update>" + ref + "<status>" + status + "</status><date>" + date + "</date>" + extra +
         "</update>";
}

std::string by_id(const std::string& id) {
  return "<invoiceId>" + id + "</invoiceId>";
}
std::string by_key(const std::string& key) {
  return "<invoiceKey>" + key + "</invoiceKey>";
}

std::filesystem::path schema_file() {
  return std::filesystem::path(FLUXD_SOURCE_DIR) / "schemas" / "status-update.xsd";
}

// Independent of ingest/: a plain Xerces DOM parser validating against the XSD file on disk.
class DomValidator {
 public:
  DomValidator() {
    parser_ = std::make_unique<x::XercesDOMParser>();
    parser_->setErrorHandler(&handler_);
    parser_->setValidationScheme(x::XercesDOMParser::Val_Always);
    parser_->setDoNamespaces(true);
    parser_->setDoSchema(true);
    parser_->setValidationSchemaFullChecking(true);
    parser_->setValidationConstraintFatal(false);
    const auto xsd = schema_file().string();
    BOOST_REQUIRE(parser_->loadGrammar(xsd.c_str(), x::Grammar::SchemaGrammarType, true));
    BOOST_REQUIRE(handler_.errors == 0);
    parser_->useCachedGrammarInParse(true);
    parser_->setLoadSchema(false);
    parser_->setLoadExternalDTD(false);
  }

  int errors(const std::string& doc) {
    handler_.errors = 0;
    x::MemBufInputSource source(reinterpret_cast<const XMLByte*>(doc.data()), doc.size(),
                                "status-update.xml");
    parser_->parse(source);
    return handler_.errors;
  }

 private:
  struct Counter : x::ErrorHandler {
    void warning(const x::SAXParseException&) override {}
    void error(const x::SAXParseException&) override { ++errors; }
    void fatalError(const x::SAXParseException&) override { ++errors; }
    void resetErrors() override { errors = 0; }
    int errors = 0;
  };
  Counter handler_;
  std::unique_ptr<x::XercesDOMParser> parser_;
};

void expect_error(const model::Result<ingest::StatusUpdateFile>& result, const std::string& code) {
  BOOST_REQUIRE(!result.ok());
  BOOST_TEST(result.error().code == code);
  BOOST_TEST_MESSAGE(code << ": " << result.error().message);
}

// The CSV finding of one line.
void expect_line_finding(const model::Finding& finding, std::size_t line, const std::string& text) {
  BOOST_TEST(finding.rule == "UPD-LINE-INVALID");
  BOOST_TEST((finding.severity == model::Severity::fatal));
  BOOST_TEST(finding.location == "line " + std::to_string(line));
  BOOST_TEST(finding.message.find(text) != std::string::npos,
             "'" << finding.message << "' should mention '" << text << "'");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(status_updates)

// ---- XML -------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(xml_updates_by_id_and_by_key) {
  const std::string doc =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"  // line 1
      "<statusUpdates xmlns=\"urn:fluxd:status-update:1\">\n"
      "  <update>\n"  // line 3
      "    <invoiceId>42</invoiceId>\n"
      "    <status>SERVICE_FAIT</status>\n"
      "    <date>2025-03-14</date>\n"
      "  </update>\n"
      "  <update><invoiceKey>\n"  // line 8
      "     12345678200010-F-2025-001-2025  </invoiceKey>\n"
      "    <status> SUSPENDUE </status><date>2024-02-29</date>\n"
      "    <reason>  Pièce manquante : bon de commande &amp; RIB  </reason>\n"
      "  </update>\n"
      "</statusUpdates>\n";
  const auto result = ingest::read_status_updates(doc);
  BOOST_REQUIRE(result.ok());
  BOOST_TEST(result->format == "xml");
  BOOST_TEST(result->findings.empty());
  BOOST_REQUIRE(result->updates.size() == 2u);

  const auto& first = result->updates[0];
  BOOST_TEST(first.line == 3u);
  BOOST_REQUIRE(first.invoice_id.has_value());
  BOOST_TEST(*first.invoice_id == 42);
  BOOST_TEST(first.invoice_key.empty());
  BOOST_TEST(first.status == "SERVICE_FAIT");
  BOOST_TEST(first.date == "2025-03-14");
  BOOST_TEST(first.reason.empty());

  const auto& second = result->updates[1];
  BOOST_TEST(second.line == 8u);
  BOOST_TEST(!second.invoice_id.has_value());
  BOOST_TEST(second.invoice_key == "12345678200010-F-2025-001-2025");
  BOOST_TEST(second.status == "SUSPENDUE");
  BOOST_TEST(second.date == "2024-02-29");
  BOOST_TEST(second.reason == "Pièce manquante : bon de commande & RIB");

  // With a BOM, and a largest id.
  const auto bom = ingest::read_status_updates(
      "\xEF\xBB\xBF" + xml(update(by_id("9223372036854775807"), "MISE_EN_PAIEMENT")));
  BOOST_REQUIRE(bom.ok());
  BOOST_REQUIRE(bom->updates.size() == 1u);
  BOOST_TEST(*bom->updates[0].invoice_id == 9223372036854775807);
}

BOOST_AUTO_TEST_CASE(embedded_schema_is_the_file_in_schemas) {
  const auto on_disk = ingest_test::read_bytes(schema_file());
  BOOST_TEST(ingest::status_update_xsd() == on_disk);
  BOOST_TEST(on_disk.find("targetNamespace=\"urn:fluxd:status-update:1\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(xml_verdicts_agree_with_an_independent_validation) {
  DomValidator dom;
  std::string all_statuses;
  for (const char* status : {"DEPOSEE", "REJETEE", "MISE_A_DISPOSITION", "SERVICE_FAIT", "MANDATEE",
                             "A_RECYCLER", "SUSPENDUE", "COMPLETEE", "MISE_A_DISPOSITION_COMPTABLE",
                             "COMPTABILISEE", "MISE_EN_PAIEMENT"})
    all_statuses += update(by_id("1"), status, "2025-01-31", "<reason>r</reason>");
  const std::vector<std::string> valid = {
      xml(update(by_id("7"))),
      xml(update(by_key("K-1"), "REJETEE", "2025-12-31", "<reason>Doublon</reason>")),
      xml(all_statuses),
      xml(update(by_id(" 0012 "))),
      xml(update(by_key(std::string(200, 'k')))),
      xml(update(by_id("3"), "MANDATEE", "2025-01-01",
                 "<reason>" + std::string(1000, 'r') + "</reason>")),
      xml("<!-- a comment --><update><invoiceId>5</invoiceId><status>MANDATEE</status>"
          "<date>2025-01-01</date><reason/></update>"),
      "<su:statusUpdates xmlns:su=\"urn:fluxd:status-update:1\"><su:update><su:invoiceId>1"
      "</su:invoiceId><su:status>COMPLETEE</su:status><su:date>2025-06-01</su:date>"
      "</su:update></su:statusUpdates>",
  };
  for (const auto& doc : valid) {
    BOOST_TEST_CONTEXT(doc) {
      BOOST_TEST(dom.errors(doc) == 0);
      const auto result = ingest::read_status_updates(doc);
      BOOST_TEST(result.ok(), (result.ok() ? "" : result.error().message));
    }
  }
  BOOST_TEST(ingest::read_status_updates(valid[2])->updates.size() == 11u);
  BOOST_TEST(*ingest::read_status_updates(valid[3])->updates[0].invoice_id == 12);

  const std::vector<std::string> invalid = {
      // missing status
      xml("<update>" + by_id("1") + "<date>2025-01-01</date></update>"),
      // unknown status, and a known one in the wrong case
      xml(update(by_id("1"), "PAYEE")),
      xml(update(by_id("1"), "mandatee")),
      // both invoiceId and invoiceKey, neither
      xml(update(by_id("1") + by_key("K"))),
      xml("<update><status>MANDATEE</status><date>2025-01-01</date></update>"),
      // bad dates
      xml(update(by_id("1"), "MANDATEE", "2025-02-30")),
      xml(update(by_id("1"), "MANDATEE", "2023-02-29")),
      xml(update(by_id("1"), "MANDATEE", "14/03/2025")),
      xml(update(by_id("1"), "MANDATEE", "2025-03-14Z")),
      xml(update(by_id("1"), "MANDATEE", "2025-03-14T10:00:00")),
      xml(update(by_id("1"), "MANDATEE", "")),
      // ids out of range, blank key, too long key or reason
      xml(update(by_id("0"))),
      xml(update(by_id("-4"))),
      xml(update(by_id("9223372036854775808"))),
      xml(update(by_id("12a"))),
      xml(update(by_key("   "))),
      xml(update(by_key(std::string(201, 'k')))),
      xml(update(by_id("1"), "MANDATEE", "2025-01-01",
                 "<reason>" + std::string(1001, 'r') + "</reason>")),
      // wrong order, unknown element, unknown attribute, text where elements go
      xml("<update><status>MANDATEE</status>" + by_id("1") + "<date>2025-01-01</date></update>"),
      xml(update(by_id("1"), "MANDATEE", "2025-01-01", "<note>x</note>")),
      xml("<update priority=\"high\">" + by_id("1") +
          "<status>MANDATEE</status><date>2025-01-01</date></update>"),
      xml("stray text" + update(by_id("1"))),
      // no update at all
      xml(""),
      // wrong namespace, no namespace, wrong root
      "<statusUpdates xmlns=\"urn:fluxd:status-update:2\">" + update(by_id("1")) + kClose,
      "<statusUpdates>" + update(by_id("1")) + kClose,
      "<update xmlns=\"urn:fluxd:status-update:1\"><invoiceId>1</invoiceId>"
      "<status>MANDATEE</status><date>2025-01-01</date></update>",
      // not well-formed
      xml(update(by_id("1"))).substr(0, 120),
      kOpen + update(by_id("1")) + "</statusUpdate>",
      xml(update(by_id("1"), "&undefined;")),
  };
  for (const auto& doc : invalid) {
    BOOST_TEST_CONTEXT(doc) {
      BOOST_TEST(dom.errors(doc) > 0);
      const auto result = ingest::read_status_updates(doc);
      BOOST_REQUIRE(!result.ok());
      BOOST_TEST(result.error().code == "UPD-INVALID-XML");
      BOOST_TEST_MESSAGE(result.error().message);
    }
  }
}

BOOST_AUTO_TEST_CASE(xml_error_gives_line_and_column) {
  const auto result = ingest::read_status_updates(
      "<statusUpdates xmlns=\"urn:fluxd:status-update:1\">\n<update>\n<invoiceId>1</invoiceId>\n"
      "<status>PAYEE</status>\n<date>2025-01-01</date></update></statusUpdates>");
  expect_error(result, "UPD-INVALID-XML");
  BOOST_TEST(result.error().message.starts_with("4:"), result.error().message);
  BOOST_TEST(result.error().message.find("PAYEE") != std::string::npos, result.error().message);
}

BOOST_AUTO_TEST_CASE(doctype_and_entities_are_unsafe_and_nothing_is_read) {
  TempDir dir;
  const std::string secret = "TOP-SECRET-UPD-CONTENT-81d2";
  ingest_test::write_file(dir / "secret.txt", secret);
  const std::string url = "file://" + (dir / "secret.txt").string();
  const std::string body = update(by_key("&xxe;"));

  const std::vector<std::string> docs = {
      "<?xml version=\"1.0\"?>\n<!DOCTYPE statusUpdates [<!ENTITY xxe SYSTEM \"" + url + "\">]>\n" +
          kOpen + body + kClose,
      "<!DOCTYPE statusUpdates [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>" + kOpen +
          update(by_id("1")) + kClose,
      "<!DOCTYPE statusUpdates SYSTEM \"" + url + "\">" + kOpen + update(by_id("1")) + kClose,
      "<!DOCTYPE statusUpdates>" + kOpen + update(by_id("1")) + kClose,
  };
  for (const auto& doc : docs) {
    BOOST_TEST_CONTEXT(doc) {
      const auto result = ingest::read_status_updates(doc);
      expect_error(result, "UPD-UNSAFE-XML");
      BOOST_TEST(result.error().message.find(secret) == std::string::npos);
    }
  }

  std::string lol = "<?xml version=\"1.0\"?>\n<!DOCTYPE statusUpdates [\n<!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    lol += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) lol += i == 1 ? "&lol;" : "&lol" + std::to_string(i - 1) + ";";
    lol += "\">\n";
  }
  lol += "]>\n" + kOpen + update(by_key("&lol9;")) + kClose;
  const auto start = std::chrono::steady_clock::now();
  expect_error(ingest::read_status_updates(lol), "UPD-UNSAFE-XML");
  BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(1)));
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_unsafe) {
  auto nested = [](int depth) {  // statusUpdates/update/reason + (depth - 3) more levels
    std::string extra = "<reason>";
    for (int i = 3; i < depth; ++i) extra += "<a>";
    for (int i = 3; i < depth; ++i) extra += "</a>";
    return xml(update(by_id("1"), "MANDATEE", "2025-01-01", extra + "</reason>"));
  };
  // 32 levels are not unsafe, only invalid (a reason has no children).
  expect_error(ingest::read_status_updates(nested(32)), "UPD-INVALID-XML");
  expect_error(ingest::read_status_updates(nested(33)), "UPD-UNSAFE-XML");
  expect_error(ingest::read_status_updates(nested(200000)), "UPD-UNSAFE-XML");
  // Below an unknown root too.
  std::string foreign = "<x>";
  for (int i = 0; i < 40; ++i) foreign += "<x>";
  expect_error(ingest::read_status_updates(foreign), "UPD-UNSAFE-XML");
}

BOOST_AUTO_TEST_CASE(schema_location_hints_are_ignored) {
  TempDir dir;
  // A schema for our namespace that would accept anything under statusUpdates and refuse
  // <update>: if it were used, the verdicts below would flip.
  ingest_test::write_file(
      dir / "lax.xsd",
      "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
      "targetNamespace=\"urn:fluxd:status-update:1\" elementFormDefault=\"qualified\">"
      "<xs:element name=\"statusUpdates\"><xs:complexType><xs:sequence>"
      "<xs:element name=\"anything\" type=\"xs:string\" maxOccurs=\"unbounded\"/>"
      "</xs:sequence></xs:complexType></xs:element></xs:schema>");
  ingest_test::write_file(dir / "nons.xsd",
                          "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">"
                          "<xs:element name=\"statusUpdates\" type=\"xs:anyType\"/></xs:schema>");
  const std::string lax = "file://" + (dir / "lax.xsd").string();
  const std::string nons = "file://" + (dir / "nons.xsd").string();
  const std::string xsi = " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ";
  const std::string open = "<statusUpdates xmlns=\"urn:fluxd:status-update:1\"" + xsi +
                           "xsi:schemaLocation=\"urn:fluxd:status-update:1 " + lax + "\">";

  const auto ours = ingest::read_status_updates(open + update(by_id("1")) + kClose);
  BOOST_REQUIRE(ours.ok());
  BOOST_TEST(ours->updates.size() == 1u);
  expect_error(ingest::read_status_updates(open + "<anything>x</anything>" + kClose),
               "UPD-INVALID-XML");
  // Xerces itself finds no grammar for the root: the hint's anyType was not loaded.
  const auto no_namespace =
      ingest::read_status_updates("<statusUpdates" + xsi + "xsi:noNamespaceSchemaLocation=\"" +
                                  nons + "\">" + update(by_id("1")) + kClose);
  expect_error(no_namespace, "UPD-INVALID-XML");
  BOOST_TEST(
      no_namespace.error().message.find("no declaration found for element") != std::string::npos,
      no_namespace.error().message);
}

BOOST_AUTO_TEST_CASE(xml_messages_are_bounded) {
  const auto result = ingest::read_status_updates(xml(update(
      by_id("1"), "MANDATEE", "2025-01-01", "<reason>" + std::string(100000, 'r') + "</reason>")));
  expect_error(result, "UPD-INVALID-XML");
  BOOST_TEST(result.error().message.find("maxLength") == std::string::npos);  // cut before
  BOOST_TEST(result.error().message.size() < 400u);
}

// ---- CSV -------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(csv_good_lines_are_kept_and_bad_lines_are_findings) {
  const std::string reason_1001(1001, 'r');
  const std::string csv =
      "invoice_id;key;status;date;reason\r\n"          // 1
      "42;;MANDATEE;2025-03-14;\r\n"                   // 2 good
      ";K-2025-001;REJETEE;2025-03-15;Doublon\r\n"     // 3 good
      "\r\n"                                           // 4 blank
      "1;;MANDATEE;2025-03-14\r\n"                     // 5 4 fields
      ";;MANDATEE;2025-03-14;\r\n"                     // 6 neither
      "7;K-7;MANDATEE;2025-03-14;\r\n"                 // 7 both
      "abc;;MANDATEE;2025-03-14;\r\n"                  // 8 id not a number
      "0;;MANDATEE;2025-03-14;\r\n"                    // 9 id zero
      "9223372036854775808;;MANDATEE;2025-03-14;\r\n"  // 10 id too large
      "8;;PAYEE;2025-03-14;\r\n"                       // 11 unknown status
      "9;;MANDATEE;2025-02-30;\r\n"                    // 12 no such day
      "10;;MANDATEE;14/03/2025;\r\n"                   // 13 not YYYY-MM-DD
      "11;;SUSPENDUE;2025-03-14;" +
      reason_1001 +
      "\r\n"                                           // 14 reason too long
      "  12 ; ; COMPTABILISEE ; 2024-02-29 ; ok \r\n"  // 15 good, trimmed
      "13;;MANDATEE;2025-03-14;a;b\r\n"                // 16 6 fields
      "14;;;2025-03-14;\r\n";                          // 17 no status
  const auto result = ingest::read_status_updates(csv);
  BOOST_REQUIRE(result.ok());
  BOOST_TEST(result->format == "csv");

  BOOST_REQUIRE(result->updates.size() == 3u);
  BOOST_TEST(result->updates[0].line == 2u);
  BOOST_TEST(*result->updates[0].invoice_id == 42);
  BOOST_TEST(result->updates[0].invoice_key.empty());
  BOOST_TEST(result->updates[0].status == "MANDATEE");
  BOOST_TEST(result->updates[0].date == "2025-03-14");
  BOOST_TEST(result->updates[1].line == 3u);
  BOOST_TEST(!result->updates[1].invoice_id.has_value());
  BOOST_TEST(result->updates[1].invoice_key == "K-2025-001");
  BOOST_TEST(result->updates[1].status == "REJETEE");
  BOOST_TEST(result->updates[1].reason == "Doublon");
  BOOST_TEST(result->updates[2].line == 15u);
  BOOST_TEST(*result->updates[2].invoice_id == 12);
  BOOST_TEST(result->updates[2].status == "COMPTABILISEE");
  BOOST_TEST(result->updates[2].date == "2024-02-29");
  BOOST_TEST(result->updates[2].reason == "ok");

  const auto& f = result->findings;
  BOOST_REQUIRE(f.size() == 12u);
  expect_line_finding(f[0], 5, "4 fields instead of 5");
  expect_line_finding(f[1], 6, "neither invoice_id nor key");
  expect_line_finding(f[2], 7, "both invoice_id and key");
  expect_line_finding(f[3], 8, "invoice_id 'abc' is not a positive integer");
  expect_line_finding(f[4], 9, "invoice_id '0' is not a positive integer");
  expect_line_finding(f[5], 10, "is not a positive integer");
  expect_line_finding(f[6], 11, "status 'PAYEE' is not an invoice status code");
  expect_line_finding(f[7], 12, "date '2025-02-30' is not a calendar date");
  expect_line_finding(f[8], 13, "date '14/03/2025'");
  expect_line_finding(f[9], 14, "reason is longer than 1000 characters");
  expect_line_finding(f[10], 16, "6 fields instead of 5");
  expect_line_finding(f[11], 17, "status is missing");
}

BOOST_AUTO_TEST_CASE(csv_comma_separator_quotes_and_bom) {
  const std::string csv =
      "\xEF\xBB\xBF"
      "Invoice_ID,KEY,Status,Date,Reason\n"                               // 1
      "5,,SUSPENDUE,2025-04-01,\"Manque; le \"\"bon\"\", et la date\"\n"  // 2
      "\n"                                                                // 3
      ",\"K,1\",SUSPENDUE,2025-04-02,\"sur deux\nlignes\"\n"              // 4-5
      "6,,MANDATEE,2025-04-03,\"pas fermé\n";                             // 6
  const auto result = ingest::read_status_updates(csv);
  BOOST_REQUIRE(result.ok());
  BOOST_REQUIRE(result->updates.size() == 2u);
  BOOST_TEST(result->updates[0].line == 2u);
  BOOST_TEST(result->updates[0].reason == "Manque; le \"bon\", et la date");
  BOOST_TEST(result->updates[1].line == 4u);
  BOOST_TEST(result->updates[1].invoice_key == "K,1");
  BOOST_TEST(result->updates[1].reason == "sur deux\nlignes");
  BOOST_REQUIRE(result->findings.size() == 1u);
  expect_line_finding(result->findings[0], 6, "not closed");

  // `;` file: a `,` in a field needs no quotes, a `;` does; bad quoting is a line finding.
  const auto semi = ingest::read_status_updates(
      "invoice_id;key;status;date;reason\n"
      "1;;SUSPENDUE;2025-04-01;a, b \"c\"\n"
      "2;;SUSPENDUE;2025-04-01;\"a; b\"\n"
      "3;;SUSPENDUE;2025-04-01;\"a\"b\n"
      "4;;SUSPENDUE;2025-04-01;ok\n");
  BOOST_REQUIRE(semi.ok());
  BOOST_REQUIRE(semi->updates.size() == 2u);
  BOOST_TEST(semi->updates[0].reason == "a; b");
  BOOST_TEST(semi->updates[1].line == 5u);
  BOOST_REQUIRE(semi->findings.size() == 2u);
  expect_line_finding(semi->findings[0], 2, "quote inside an unquoted field");
  expect_line_finding(semi->findings[1], 4, "text after a closing quote");
}

BOOST_AUTO_TEST_CASE(csv_invalid_utf8_is_a_line_finding) {
  const auto result = ingest::read_status_updates(
      "invoice_id;key;status;date;reason\n1;;SUSPENDUE;2025-04-01;caf\xE9\n"
      "2;;SUSPENDUE;2025-04-01;caf\xC3\xA9\n");
  BOOST_REQUIRE(result.ok());
  BOOST_REQUIRE(result->updates.size() == 1u);
  BOOST_TEST(result->updates[0].reason == "caf\xC3\xA9");
  BOOST_REQUIRE(result->findings.size() == 1u);
  expect_line_finding(result->findings[0], 2, "UTF-8");
}

BOOST_AUTO_TEST_CASE(csv_only_bad_lines_is_not_empty) {
  const auto result =
      ingest::read_status_updates("invoice_id;key;status;date;reason\n1;;NOPE;2025-01-01;\n");
  BOOST_REQUIRE(result.ok());
  BOOST_TEST(result->updates.empty());
  BOOST_TEST(result->findings.size() == 1u);
}

BOOST_AUTO_TEST_CASE(csv_findings_are_bounded) {
  std::string csv = "invoice_id;key;status;date;reason\n";
  for (int i = 0; i < 5000; ++i) csv += "x\n";
  csv += "1;;MANDATEE;2025-01-01;\n";
  const auto result = ingest::read_status_updates(csv);
  BOOST_REQUIRE(result.ok());
  BOOST_TEST(result->updates.size() == 1u);
  BOOST_REQUIRE(result->findings.size() == 1001u);
  expect_line_finding(result->findings[999], 1001, "fields instead of 5");
  expect_line_finding(result->findings[1000], 1002, "4000 more invalid lines");
}

// ---- Whole-file refusals ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(unknown_format) {
  for (const std::string& bytes :
       {std::string("hello"), std::string("id;key;status;date;reason\n1;;MANDATEE;2025-01-01;\n"),
        std::string("invoice_id;key;status;date\n1;;MANDATEE;2025-01-01\n"),
        std::string("invoice_id;key;status;date;reason;extra\n"),
        std::string("\n\n42;;MANDATEE;2025-01-01;\ninvoice_id;key;status;date;reason\n"),
        std::string("%PDF-1.7\n\x01\x02\x03", 12), std::string("PK\x03\x04", 4)})
    BOOST_TEST_CONTEXT(bytes) {
      expect_error(ingest::read_status_updates(bytes), "UPD-UNKNOWN-FORMAT");
    }
}

BOOST_AUTO_TEST_CASE(empty_files) {
  for (const std::string& bytes :
       {std::string(), std::string(" \r\n\t\n"), std::string("\xEF\xBB\xBF"),
        std::string("invoice_id;key;status;date;reason"),
        std::string("\xEF\xBB\xBFinvoice_id;key;status;date;reason\r\n\r\n  \r\n")})
    BOOST_TEST_CONTEXT(bytes) {
      expect_error(ingest::read_status_updates(bytes), "UPD-EMPTY");
    }
  // An XML file without update fails the schema, which requires one.
  expect_error(ingest::read_status_updates(xml("")), "UPD-INVALID-XML");
}

BOOST_AUTO_TEST_CASE(too_large_is_checked_first) {
  std::string bytes = "invoice_id;key;status;date;reason\n";
  bytes.resize(ingest::kMaxStatusUpdateBytes, ' ');
  expect_error(ingest::read_status_updates(bytes), "UPD-EMPTY");  // at the limit: read
  bytes += '\n';
  expect_error(ingest::read_status_updates(bytes), "UPD-TOO-LARGE");
  expect_error(ingest::read_status_updates(std::string(ingest::kMaxStatusUpdateBytes + 1, '<')),
               "UPD-TOO-LARGE");
}

BOOST_AUTO_TEST_CASE(threads_read_at_the_same_time) {
  const std::string doc = xml(update(by_id("1")) + update(by_key("K")));
  const std::string bad = xml(update(by_id("1"), "PAYEE"));
  std::vector<int> ok(4, 0);
  {
    std::vector<std::jthread> threads;
    for (std::size_t t = 0; t < ok.size(); ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < 50; ++i) {
          const auto good = ingest::read_status_updates(doc);
          const auto refused = ingest::read_status_updates(bad);
          ok[t] += good.ok() && good->updates.size() == 2u && !refused.ok() &&
                   refused.error().code == "UPD-INVALID-XML";
        }
      });
  }
  for (const int count : ok) BOOST_TEST(count == 50);
}

BOOST_AUTO_TEST_SUITE_END()
