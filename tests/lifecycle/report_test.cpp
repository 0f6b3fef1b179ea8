// The integration report: JSON content, XML validated against schemas/integration-report.xsd
// with Xerces-C++, and the durable files.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>

#include "lifecycle/lifecycle.h"
#include "model/durable.h"
#include "support.h"

using namespace lifecycle_test;

namespace {

// Validates against the report XSD.
class ReportValidator : public XsdValidator {
 public:
  ReportValidator() : XsdValidator("integration-report.xsd", "urn:fluxd:integration-report:1") {}
};

// A finished flow with one accepted and one rejected invoice, built through the store so the
// report shows what the store really returns.
lifecycle::FlowDetail partial_flow(lifecycle::Store& store, const std::string& message) {
  const auto flow = store.record_flow("AAA999", "lot décembre.zip", sha_of(1), 2048);
  store.set_flow_syntax(flow, "IN_DP_E1_ZIP");
  store.add_flow_finding(flow, {"FLOW-TOO-MANY-INVOICES", model::Severity::warning, "", "note"});
  const auto good = store.add_invoice(flow, sample_record(1), {});
  auto bad_record = sample_record(2);
  bad_record.service_code = "";
  bad_record.engagement = "";
  const auto bad = store.add_invoice(
      flow, bad_record,
      {{"BR-CO-15", model::Severity::fatal, "BT-112 /Invoice/cac:LegalMonetaryTotal", message},
       {"FR-NUMBER-FORMAT", model::Severity::warning, "BT-1", "long"}});
  BOOST_REQUIRE(store.set_flow_status(flow, FlowStatus::en_cours, "fluxd", "").ok());
  BOOST_REQUIRE(
      store.set_invoice_status(good, InvoiceStatus::mise_a_disposition, "fluxd", "").ok());
  store.set_invoice_delivery(good, "/srv/out/11000201100044/F2026-1.xml");
  BOOST_REQUIRE(store.set_invoice_status(bad, InvoiceStatus::rejetee, "fluxd", "BR-CO-15").ok());
  BOOST_REQUIRE(
      store.set_flow_status(flow, FlowStatus::integre_partiel, "fluxd", "1 rejected").ok());
  return store.flow(flow).value();
}

lifecycle::FlowDetail bare_flow(std::int64_t number) {
  lifecycle::FlowDetail detail;
  detail.flow.number = number;
  detail.flow.partner = "AAA999";
  detail.flow.file_name = "f.xml";
  detail.flow.sha256 = sha_of(3);
  detail.flow.received_at = "2026-11-23T11:14:00Z";
  detail.flow.updated_at = "2026-11-23T11:14:02Z";
  return detail;
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  BOOST_REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(lifecycle_report)

BOOST_AUTO_TEST_CASE(now_utc_is_iso_8601_utc_seconds) {
  const std::string now = lifecycle::now_utc();
  BOOST_TEST(std::regex_match(now, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)")));
  // Same instant as the clock, in UTC (compare as a time_t).
  std::tm parts{};
  BOOST_REQUIRE(strptime(now.c_str(), "%Y-%m-%dT%H:%M:%SZ", &parts));
  const auto seconds = timegm(&parts);
  const auto clock = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  BOOST_TEST(clock - seconds >= 0);
  BOOST_TEST(clock - seconds <= 2);
}

BOOST_FIXTURE_TEST_CASE(report_json_carries_the_flow_and_its_invoices, StoreFixture) {
  const auto detail = partial_flow(*store, "total incorrect");
  // ordered_json keeps the keys in document order.
  const auto json = nlohmann::ordered_json::parse(lifecycle::report_json(detail));

  std::vector<std::string> keys;
  for (const auto& item : json.items()) keys.push_back(item.key());
  const std::vector<std::string> expected_keys{
      "number",   "partner",        "file",        "sha256",        "syntax",
      "status",   "status_label",   "received_at", "updated_at",    "duplicate_of",
      "invoices", "accepted",       "rejected",    "rules_version", "referential_version",
      "findings", "invoice_details"};
  BOOST_TEST(keys == expected_keys, boost::test_tools::per_element());

  BOOST_TEST(json["number"] == detail.flow.number);
  BOOST_TEST(json["partner"] == "AAA999");
  BOOST_TEST(json["file"] == "lot décembre.zip");
  BOOST_TEST(json["sha256"] == sha_of(1));
  BOOST_TEST(json["syntax"] == "IN_DP_E1_ZIP");
  BOOST_TEST(json["status"] == "IN_INTEGRE_PARTIEL");
  BOOST_TEST(json["status_label"] == "Intégré partiellement");
  BOOST_TEST(json["received_at"] == detail.flow.received_at);
  BOOST_TEST(json["updated_at"] == detail.flow.updated_at);
  BOOST_TEST(json["duplicate_of"].is_null());
  BOOST_TEST(json["invoices"] == 2);
  BOOST_TEST(json["accepted"] == 1);
  BOOST_TEST(json["rejected"] == 1);
  BOOST_REQUIRE(json["findings"].size() == 1u);
  BOOST_TEST(json["findings"][0]["rule"] == "FLOW-TOO-MANY-INVOICES");
  BOOST_TEST(json["findings"][0]["severity"] == "warning");
  BOOST_TEST(json["findings"][0]["location"] == "");
  BOOST_TEST(json["findings"][0]["message"] == "note");

  const auto& invoices = json["invoice_details"];
  BOOST_REQUIRE(invoices.size() == 2u);
  const auto record = sample_record(1);
  const auto& first = invoices[0];
  std::vector<std::string> invoice_keys;
  for (const auto& item : first.items()) invoice_keys.push_back(item.key());
  const std::vector<std::string> expected_invoice_keys{
      "position", "document", "key",          "number",       "issue_date", "type_code",
      "syntax",   "supplier", "recipient",    "service",      "engagement", "currency",
      "payable",  "status",   "status_label", "delivered_to", "findings"};
  BOOST_TEST(invoice_keys == expected_invoice_keys, boost::test_tools::per_element());
  BOOST_TEST(first["position"] == 1);
  BOOST_TEST(first["document"] == record.document);
  BOOST_TEST(first["key"] == record.key);
  BOOST_TEST(first["number"] == record.number);
  BOOST_TEST(first["issue_date"] == record.issue_date);
  BOOST_TEST(first["type_code"] == record.type_code);
  BOOST_TEST(first["syntax"] == record.syntax);
  BOOST_TEST(first["supplier"] == record.supplier_id);
  BOOST_TEST(first["recipient"] == record.recipient_id);
  BOOST_TEST(first["service"] == record.service_code);
  BOOST_TEST(first["engagement"] == record.engagement);
  BOOST_TEST(first["currency"] == record.currency);
  BOOST_TEST(first["payable"] == record.payable);
  BOOST_TEST(first["status"] == "MISE_A_DISPOSITION");
  BOOST_TEST(first["status_label"] == "Mise à disposition");
  BOOST_TEST(first["delivered_to"] == "/srv/out/11000201100044/F2026-1.xml");
  BOOST_TEST(first["findings"].empty());

  const auto& second = invoices[1];
  BOOST_TEST(second["status"] == "REJETEE");
  BOOST_TEST(second["service"] == "");
  BOOST_REQUIRE(second["findings"].size() == 2u);
  BOOST_TEST(second["findings"][0]["rule"] == "BR-CO-15");
  BOOST_TEST(second["findings"][0]["severity"] == "fatal");
  BOOST_TEST(second["findings"][0]["location"] == "BT-112 /Invoice/cac:LegalMonetaryTotal");
  BOOST_TEST(second["findings"][1]["severity"] == "warning");

  // Pretty-printed with two spaces.
  BOOST_TEST(lifecycle::report_json(detail).rfind("{\n  \"number\": ", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(report_json_of_a_duplicate_names_the_original) {
  auto detail = bare_flow(8);
  detail.flow.status = FlowStatus::rejete;
  detail.flow.duplicate_of = 3;
  detail.flow_findings.push_back({"FLOW-DUPLICATE", model::Severity::fatal, "", "flow 3"});
  const auto json = nlohmann::json::parse(lifecycle::report_json(detail));
  BOOST_TEST(json["duplicate_of"] == 3);
  BOOST_TEST(json["invoice_details"].is_array());
  BOOST_TEST(json["invoice_details"].empty());
  BOOST_TEST(json["findings"][0]["rule"] == "FLOW-DUPLICATE");
}

BOOST_FIXTURE_TEST_CASE(report_xml_is_valid_and_escapes_special_characters, StoreFixture) {
  const std::string message = "Montant <TTC> & \"HT\" l'écart: 229,60 € ≠ 230\x01\r\nfin\xff";
  auto detail = partial_flow(*store, message);
  detail.flow.rules_version = "EN16931-1.3.16";
  detail.flow.referential_version = "0123456789abcdef";
  const auto xml = lifecycle::report_xml(detail);
  BOOST_TEST_MESSAGE(xml);

  ReportValidator validator;
  BOOST_TEST(validator.errors(xml) == 0);
  BOOST_TEST(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0u);
  BOOST_TEST(xml.find("&amp;") != std::string::npos);
  BOOST_TEST(xml.find("&lt;TTC&gt;") != std::string::npos);
  BOOST_TEST(xml.find('\x01') == std::string::npos);

  // What a reader gets back: the text as written, minus what XML cannot carry.
  BOOST_TEST(validator.text_of("message", 1) ==
             "Montant <TTC> & \"HT\" l'écart: 229,60 € ≠ 230\xEF\xBF\xBD\r\nfin\xEF\xBF\xBD");
  BOOST_TEST(validator.text_of("file") == "lot décembre.zip");
  BOOST_TEST(validator.text_of("status") == "IN_INTEGRE_PARTIEL");
  BOOST_TEST(validator.text_of("statusLabel") == "Intégré partiellement");
  BOOST_TEST(validator.text_of("accepted") == "1");
  BOOST_TEST(validator.text_of("rejected") == "1");
  BOOST_TEST(validator.text_of("rulesVersion") == "EN16931-1.3.16");
  BOOST_TEST(validator.text_of("referentialVersion") == "0123456789abcdef");
  BOOST_TEST(validator.text_of("invoice", 1).find("BR-CO-15") != std::string::npos);
  // Empty values are left out, not written as empty elements.
  BOOST_TEST(xml.find("<service>SERV-01</service>") != std::string::npos);
  BOOST_TEST(xml.find("<service></service>") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(report_xml_is_valid_for_every_status_and_a_bare_flow) {
  ReportValidator validator;
  auto detail = bare_flow(1);
  detail.flow.duplicate_of = 1;
  BOOST_TEST(validator.errors(lifecycle::report_xml(detail)) == 0);

  // The XSD enumerations cover every code model/ can produce.
  for (auto status : kAllFlowStatuses) {
    detail.flow.status = status;
    BOOST_TEST_CONTEXT(model::to_code(status)) {
      BOOST_TEST(validator.errors(lifecycle::report_xml(detail)) == 0);
    }
  }
  lifecycle::InvoiceRow invoice;
  invoice.record.position = 1;
  invoice.record.document = "f.xml";  // nothing else could be read from it
  invoice.findings.push_back({"FLOW-MALFORMED-XML", model::Severity::fatal, "", ""});
  detail.invoices.push_back(invoice);
  for (auto status : kAllInvoiceStatuses) {
    detail.invoices[0].status = status;
    BOOST_TEST_CONTEXT(model::to_code(status)) {
      BOOST_TEST(validator.errors(lifecycle::report_xml(detail)) == 0);
    }
  }
}

BOOST_FIXTURE_TEST_CASE(broken_report_xml_is_rejected_by_the_schema, StoreFixture) {
  const auto xml = lifecycle::report_xml(partial_flow(*store, "x"));
  ReportValidator validator;
  BOOST_REQUIRE(validator.errors(xml) == 0);
  BOOST_TEST(validator.errors(replace_once(xml, "<status>IN_INTEGRE_PARTIEL</status>",
                                           "<status>IN_INVENTE</status>")) > 0);
  BOOST_TEST(validator.errors(
                 replace_once(xml, "<status>REJETEE</status>", "<status>PERDUE</status>")) > 0);
  BOOST_TEST(validator.errors(replace_once(xml, "<severity>fatal</severity>",
                                           "<severity>minor</severity>")) > 0);
  BOOST_TEST(validator.errors(replace_once(xml, "<partner>AAA999</partner>", "")) > 0);
  BOOST_TEST(validator.errors(replace_once(xml, "urn:fluxd:integration-report:1", "urn:other")) >
             0);
  BOOST_TEST(validator.errors(
                 replace_once(xml, "<accepted>1</accepted>", "<accepted>one</accepted>")) > 0);
  BOOST_TEST(validator.errors(replace_once(xml, "</integrationReport>", "")) > 0);
}

BOOST_FIXTURE_TEST_CASE(write_report_writes_both_files_under_the_partner_folder, StoreFixture) {
  auto detail = partial_flow(*store, "x");
  const auto reports = dir.path() / "reports";
  const auto files = lifecycle::write_report(reports, detail);
  const auto folder = reports / "AAA999";
  const std::string stem = "CR-" +
                           std::string(10 - std::to_string(detail.flow.number).size(), '0') +
                           std::to_string(detail.flow.number);
  BOOST_TEST(files.xml == folder / (stem + ".xml"));
  BOOST_TEST(files.json == folder / (stem + ".json"));
  BOOST_TEST(files.xml.filename() == "CR-0000000001.xml");
  BOOST_TEST(model::read_file(files.xml).value() == lifecycle::report_xml(detail));
  BOOST_TEST(model::read_file(files.json).value() == lifecycle::report_json(detail));

  // Written again (e.g. after an operator replay): replaced, and still no temp file around.
  detail.flow.number = 1234567;
  lifecycle::write_report(reports, detail);
  lifecycle::write_report(reports, detail);
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  const std::vector<std::string> expected{"CR-0000000001.json", "CR-0000000001.xml",
                                          "CR-0001234567.json", "CR-0001234567.xml"};
  BOOST_TEST(names == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(write_report_failures_are_exceptions) {
  TempDir dir;
  auto detail = bare_flow(5);
  // reports_dir is a plain file: the folder cannot be created.
  std::ofstream(dir.path() / "reports") << "x";
  BOOST_CHECK_THROW(lifecycle::write_report(dir.path() / "reports", detail), std::runtime_error);
  // A partner code that would leave reports_dir.
  for (const char* partner : {"../evil", "..", "", "a/b"}) {
    detail.flow.partner = partner;
    BOOST_CHECK_THROW(lifecycle::write_report(dir.path() / "ok", detail), std::runtime_error);
  }
  BOOST_TEST(!std::filesystem::exists(dir.path() / "evil"));
}

BOOST_AUTO_TEST_SUITE_END()
