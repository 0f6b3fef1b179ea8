// Status files: lifecycle messages validated against schemas/lifecycle-message.xsd, results of
// status-update files validated against schemas/status-update-result.xsd, their CSV and JSON
// forms, and the durable files with their names.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lifecycle/lifecycle.h"
#include "model/durable.h"
#include "support.h"

using namespace lifecycle_test;
namespace fs = std::filesystem;

namespace {

constexpr const char* kMessageNamespace = "urn:fluxd:lifecycle-message:1";
constexpr const char* kResultNamespace = "urn:fluxd:status-update-result:1";

class MessageValidator : public XsdValidator {
 public:
  MessageValidator() : XsdValidator("lifecycle-message.xsd", kMessageNamespace) {}
};

class ResultValidator : public XsdValidator {
 public:
  ResultValidator() : XsdValidator("status-update-result.xsd", kResultNamespace) {}
};

// An invoice's change from SERVICE_FAIT to MANDATEE, with every field set.
lifecycle::HistoryEvent mandated_event() {
  lifecycle::HistoryEvent e;
  e.id = 42;
  e.kind = "invoice";
  e.ref = 7;
  e.change.at = "2026-11-23T11:14:00Z";
  e.change.from = "SERVICE_FAIT";
  e.change.to = "MANDATEE";
  e.change.source = "recipient:11000201100044";
  e.change.reason = "mandat 2026-118";
  e.change.status_date = "2026-11-22";
  e.flow_number = 3;
  e.partner = "AAA999";
  e.file_name = "lot décembre.zip";
  e.invoice_number = "F2026-1";
  e.invoice_key = "35600000000048|F2026-1|2026";
  e.supplier_id = "35600000000048";
  e.recipient_id = "11000201100044";
  e.service_code = "SERV-01";
  e.engagement = "EJ-1234567890";
  return e;
}

// The files (not folders) in a folder, sorted by name.
std::vector<std::string> names_in(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  BOOST_REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

bool is_valid_utf8(const std::string& text) {
  try {
    (void)nlohmann::json(text).dump();  // the strict handler throws on invalid UTF-8
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

// Three updates of a file: one applied, one refused for a known invoice, one refused for a
// reference that names no invoice.
lifecycle::UpdateFileResult mixed_result() {
  lifecycle::UpdateFileResult r;
  r.number = 12;
  r.sender = "11000201100044";
  r.file_name = "statuts novembre.csv";
  r.sha256 = sha_of(5);
  r.format = "csv";
  r.received_at = "2026-11-23T11:20:00Z";
  lifecycle::UpdateOutcome applied;
  applied.line = 2;
  applied.reference = "7";
  applied.status = "MANDATEE";
  applied.date = "2026-11-22";
  applied.applied = true;
  applied.invoice_id = 7;
  lifecycle::UpdateOutcome refused;
  refused.line = 3;
  refused.reference = "35600000000048|F2026-2|2026";
  refused.status = "COMPTABILISEE";
  refused.date = "2026-11-22";
  refused.invoice_id = 8;
  refused.code = "LC-TRANSITION-REFUSED";
  refused.message = "MISE_A_DISPOSITION -> COMPTABILISEE";
  lifecycle::UpdateOutcome unknown;
  unknown.line = 4;
  unknown.reference = "F<&>]]>\x01\xff";
  unknown.status = "PAYEE";
  unknown.date = "22/11/2026";
  unknown.code = "UPD-INVOICE-UNKNOWN";
  unknown.message = "aucune facture \"F\" ; ligne\r\nsuivante";
  r.outcomes = {applied, refused, unknown};
  return r;
}

lifecycle::UpdateFileResult refused_file() {
  lifecycle::UpdateFileResult r;
  r.number = 13;
  r.sender = "AAA999";
  r.file_name = "statuts.bin";
  r.sha256 = sha_of(6);
  r.format = "";
  r.received_at = "2026-11-23T11:21:00Z";
  r.file_code = "UPD-UNKNOWN-FORMAT";
  r.file_message = "ni CSV ni XML";
  return r;
}

void check_same(const lifecycle::UpdateFileResult& a, const lifecycle::UpdateFileResult& b) {
  BOOST_TEST(a.number == b.number);
  BOOST_TEST(a.sender == b.sender);
  BOOST_TEST(a.file_name == b.file_name);
  BOOST_TEST(a.sha256 == b.sha256);
  BOOST_TEST(a.format == b.format);
  BOOST_TEST(a.received_at == b.received_at);
  BOOST_TEST(a.file_code == b.file_code);
  BOOST_TEST(a.file_message == b.file_message);
  BOOST_REQUIRE(a.outcomes.size() == b.outcomes.size());
  for (std::size_t i = 0; i < a.outcomes.size(); ++i) {
    BOOST_TEST_CONTEXT("outcome " << i) {
      const auto& x = a.outcomes[i];
      const auto& y = b.outcomes[i];
      BOOST_TEST(x.line == y.line);
      BOOST_TEST(x.reference == y.reference);
      BOOST_TEST(x.status == y.status);
      BOOST_TEST(x.date == y.date);
      BOOST_TEST(x.applied == y.applied);
      BOOST_TEST(x.invoice_id.has_value() == y.invoice_id.has_value());
      if (x.invoice_id && y.invoice_id) BOOST_TEST(*x.invoice_id == *y.invoice_id);
      BOOST_TEST(x.code == y.code);
      BOOST_TEST(x.message == y.message);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(lifecycle_status_files)

// ---- Lifecycle messages ----

BOOST_AUTO_TEST_CASE(lifecycle_message_is_valid_and_carries_the_change) {
  const auto xml = lifecycle::lifecycle_message_xml(mandated_event());
  BOOST_TEST_MESSAGE(xml);
  MessageValidator validator;
  BOOST_TEST(validator.errors(xml) == 0);

  const std::string expected =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<lifecycleMessage xmlns=\"urn:fluxd:lifecycle-message:1\">\n"
      "  <messageId>42</messageId>\n"
      "  <partner>AAA999</partner>\n"
      "  <flowNumber>3</flowNumber>\n"
      "  <flowFile>lot décembre.zip</flowFile>\n"
      "  <invoiceId>7</invoiceId>\n"
      "  <invoiceKey>35600000000048|F2026-1|2026</invoiceKey>\n"
      "  <invoiceNumber>F2026-1</invoiceNumber>\n"
      "  <supplier>35600000000048</supplier>\n"
      "  <recipient>11000201100044</recipient>\n"
      "  <service>SERV-01</service>\n"
      "  <engagement>EJ-1234567890</engagement>\n"
      "  <status>MANDATEE</status>\n"
      "  <statusLabel>Mandatée</statusLabel>\n"
      "  <previousStatus>SERVICE_FAIT</previousStatus>\n"
      "  <changedAt>2026-11-23T11:14:00Z</changedAt>\n"
      "  <statusDate>2026-11-22</statusDate>\n"
      "  <source>recipient:11000201100044</source>\n"
      "  <reason>mandat 2026-118</reason>\n"
      "</lifecycleMessage>\n";
  BOOST_TEST(xml == expected);

  // What a reader gets back.
  BOOST_TEST(validator.text_of("messageId") == "42");
  BOOST_TEST(validator.text_of("invoiceId") == "7");
  BOOST_TEST(validator.text_of("flowFile") == "lot décembre.zip");
  BOOST_TEST(validator.text_of("statusLabel") == "Mandatée");
  BOOST_TEST(validator.text_of("previousStatus") == "SERVICE_FAIT");
  BOOST_TEST(validator.text_of("statusDate") == "2026-11-22");
}

BOOST_AUTO_TEST_CASE(lifecycle_message_leaves_out_empty_optional_values) {
  auto event = mandated_event();
  event.change.from = "";
  event.change.to = "DEPOSEE";
  event.change.source = "fluxd";
  event.change.reason = "";
  event.change.status_date = "";
  event.service_code = "";
  event.engagement = "";
  event.invoice_number = "";  // a rejected invoice whose number could not be read
  event.invoice_key = "";
  const auto xml = lifecycle::lifecycle_message_xml(event);
  MessageValidator validator;
  BOOST_TEST(validator.errors(xml) == 0);
  for (const char* name : {"service", "engagement", "previousStatus", "statusDate", "reason"}) {
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(validator.count_of(name) == 0u);
      BOOST_TEST(xml.find(std::string("<") + name) == std::string::npos);
    }
  }
  BOOST_TEST(validator.text_of("status") == "DEPOSEE");
  BOOST_TEST(validator.text_of("statusLabel") == "Déposée");
  BOOST_TEST(validator.text_of("source") == "fluxd");
  // Required values stay, even when empty.
  BOOST_TEST(validator.count_of("invoiceNumber") == 1u);
  BOOST_TEST(validator.text_of("invoiceNumber") == "");
}

BOOST_AUTO_TEST_CASE(lifecycle_message_is_valid_for_every_status_with_its_french_label) {
  MessageValidator validator;
  auto event = mandated_event();
  for (auto status : kAllInvoiceStatuses) {
    BOOST_TEST_CONTEXT(model::to_code(status)) {
      event.change.to = std::string(model::to_code(status));
      event.change.from = std::string(model::to_code(status));
      BOOST_TEST(validator.errors(lifecycle::lifecycle_message_xml(event)) == 0);
      BOOST_TEST(validator.text_of("status") == model::to_code(status));
      BOOST_TEST(validator.text_of("statusLabel") == model::label_fr(status));
    }
  }
  event.change.to = "REJETEE";
  BOOST_TEST(validator.errors(lifecycle::lifecycle_message_xml(event)) == 0);
  BOOST_TEST(validator.text_of("statusLabel") == "Rejetée");
}

BOOST_AUTO_TEST_CASE(lifecycle_message_survives_hostile_text) {
  auto event = mandated_event();
  event.change.reason = "motif <&> ]]> \"q\" 'a'\x01\x1f fin\xff\xc3(\r\nligne";
  event.invoice_number = "]]>";
  event.file_name = "lot\x7f\xed\xa0\x80.zip";  // DEL is allowed, a surrogate is not UTF-8
  event.engagement = "<![CDATA[x]]>";
  const auto xml = lifecycle::lifecycle_message_xml(event);
  MessageValidator validator;
  BOOST_TEST(validator.errors(xml) == 0);
  BOOST_TEST(xml.find('\x01') == std::string::npos);
  BOOST_TEST(xml.find('\x1f') == std::string::npos);
  BOOST_TEST(xml.find("]]>") == std::string::npos);
  BOOST_TEST(xml.find("<![CDATA[") == std::string::npos);
  BOOST_TEST(is_valid_utf8(xml));
  const std::string fffd = "\xEF\xBF\xBD";
  BOOST_TEST(validator.text_of("reason") ==
             "motif <&> ]]> \"q\" 'a'" + fffd + fffd + " fin" + fffd + fffd + "(\r\nligne");
  BOOST_TEST(validator.text_of("invoiceNumber") == "]]>");
  BOOST_TEST(validator.text_of("engagement") == "<![CDATA[x]]>");
  BOOST_TEST(validator.text_of("flowFile") == "lot\x7f" + fffd + fffd + fffd + ".zip");
}

BOOST_AUTO_TEST_CASE(broken_lifecycle_message_is_rejected_by_the_schema) {
  const auto xml = lifecycle::lifecycle_message_xml(mandated_event());
  MessageValidator validator;
  BOOST_REQUIRE(validator.errors(xml) == 0);
  BOOST_TEST(validator.errors(
                 replace_once(xml, "<status>MANDATEE</status>", "<status>PAYEE</status>")) > 0);
  BOOST_TEST(validator.errors(replace_once(xml, "<changedAt>2026-11-23T11:14:00Z",
                                           "<changedAt>2026-11-23 11:14")) > 0);
  BOOST_TEST(validator.errors(replace_once(xml, "<messageId>42</messageId>", "")) > 0);
  BOOST_TEST(validator.errors(replace_once(xml, kMessageNamespace, "urn:other")) > 0);
  // An optional element may be left out.
  BOOST_TEST(validator.errors(replace_once(xml, "  <service>SERV-01</service>\n", "")) == 0);
}

BOOST_AUTO_TEST_CASE(lifecycle_message_refuses_what_is_not_an_invoice_change) {
  auto event = mandated_event();
  event.kind = "flow";
  event.change.to = "IN_INTEGRE";
  BOOST_CHECK_THROW(lifecycle::lifecycle_message_xml(event), std::runtime_error);
  event = mandated_event();
  event.change.to = "PAYEE";
  BOOST_CHECK_THROW(lifecycle::lifecycle_message_xml(event), std::runtime_error);
  event = mandated_event();
  event.change.from = "IN_RECU";
  BOOST_CHECK_THROW(lifecycle::lifecycle_message_xml(event), std::runtime_error);
  event = mandated_event();
  event.id = 0;
  BOOST_CHECK_THROW(lifecycle::lifecycle_message_xml(event), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(write_lifecycle_message_names_the_file_by_partner_and_change) {
  TempDir dir;
  const auto root = dir.path() / "lifecycle";
  auto event = mandated_event();
  const auto file = lifecycle::write_lifecycle_message(root, event);
  BOOST_TEST(file == root / "AAA999" / "CV-000000000042.xml");
  const auto first = model::read_file(file).value();
  BOOST_TEST(first == lifecycle::lifecycle_message_xml(event));

  // A retry after a crash: the same file, the same bytes, no temp file left.
  BOOST_TEST(lifecycle::write_lifecycle_message(root, event) == file);
  BOOST_TEST(model::read_file(file).value() == first);

  // Later changes sort after earlier ones.
  event.id = 1234567;
  lifecycle::write_lifecycle_message(root, event);
  event.id = 9;
  lifecycle::write_lifecycle_message(root, event);
  const std::vector<std::string> expected{"CV-000000000009.xml", "CV-000000000042.xml",
                                          "CV-000001234567.xml"};
  BOOST_TEST(names_in(root / "AAA999") == expected, boost::test_tools::per_element());
  BOOST_TEST(names_in(root) == std::vector<std::string>{"AAA999"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(write_lifecycle_message_failures_are_exceptions) {
  TempDir dir;
  auto event = mandated_event();
  for (const char* partner : {"../evil", "..", ".", "", "a/b", "a\\b"}) {
    BOOST_TEST_CONTEXT("partner '" << partner << "'") {
      event.partner = partner;
      BOOST_CHECK_THROW(lifecycle::write_lifecycle_message(dir.path() / "ok", event),
                        std::runtime_error);
    }
  }
  BOOST_TEST(!fs::exists(dir.path() / "ok"));
  BOOST_TEST(!fs::exists(dir.path() / "evil"));
  // The folder cannot be created: lifecycle_dir is a plain file.
  std::ofstream(dir.path() / "plain") << "x";
  event.partner = "AAA999";
  BOOST_CHECK_THROW(lifecycle::write_lifecycle_message(dir.path() / "plain", event),
                    std::runtime_error);
}

// ---- Status-update results ----

BOOST_AUTO_TEST_CASE(update_result_xml_is_valid_for_applied_and_refused_updates) {
  const auto xml = lifecycle::update_result_xml(mixed_result());
  BOOST_TEST_MESSAGE(xml);
  ResultValidator validator;
  BOOST_TEST(validator.errors(xml) == 0);
  BOOST_TEST(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<statusUpdateResult xmlns=\"urn:fluxd:status-update-result:1\">\n",
                       0) == 0u);
  BOOST_TEST(validator.text_of("number") == "12");
  BOOST_TEST(validator.text_of("sender") == "11000201100044");
  BOOST_TEST(validator.text_of("file") == "statuts novembre.csv");
  BOOST_TEST(validator.text_of("sha256") == sha_of(5));
  BOOST_TEST(validator.text_of("format") == "csv");
  BOOST_TEST(validator.text_of("receivedAt") == "2026-11-23T11:20:00Z");
  BOOST_TEST(validator.count_of("fileError") == 0u);
  BOOST_TEST(validator.count_of("outcome") == 3u);
  BOOST_TEST(validator.text_of("line", 0) == "2");
  BOOST_TEST(validator.text_of("result", 0) == "APPLIQUE");
  BOOST_TEST(validator.text_of("result", 1) == "REFUSE");
  BOOST_TEST(validator.text_of("result", 2) == "REFUSE");
  // The applied update has no code nor message; the unknown reference no invoice id.
  BOOST_TEST(validator.count_of("invoiceId") == 2u);
  BOOST_TEST(validator.text_of("invoiceId", 1) == "8");
  BOOST_TEST(validator.count_of("code") == 2u);
  BOOST_TEST(validator.text_of("code", 0) == "LC-TRANSITION-REFUSED");
  BOOST_TEST(validator.text_of("code", 1) == "UPD-INVOICE-UNKNOWN");
  // Untrusted values as given, minus what XML cannot carry.
  BOOST_TEST(validator.text_of("reference", 2) == "F<&>]]>\xEF\xBF\xBD\xEF\xBF\xBD");
  BOOST_TEST(validator.text_of("status", 2) == "PAYEE");
  BOOST_TEST(validator.text_of("date", 2) == "22/11/2026");
  BOOST_TEST(validator.text_of("message", 1) == "aucune facture \"F\" ; ligne\r\nsuivante");
  BOOST_TEST(xml.find("<code></code>") == std::string::npos);
  BOOST_TEST(xml.find("<message></message>") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(update_result_xml_is_valid_for_a_refused_file) {
  const auto xml = lifecycle::update_result_xml(refused_file());
  BOOST_TEST_MESSAGE(xml);
  ResultValidator validator;
  BOOST_TEST(validator.errors(xml) == 0);
  BOOST_TEST(validator.count_of("fileError") == 1u);
  BOOST_TEST(validator.text_of("code") == "UPD-UNKNOWN-FORMAT");
  BOOST_TEST(validator.text_of("message") == "ni CSV ni XML");
  BOOST_TEST(validator.count_of("format") == 0u);  // unknown format: left out
  BOOST_TEST(validator.count_of("outcome") == 0u);
  BOOST_TEST(xml.find("<outcomes/>") != std::string::npos);

  // Bytes that could not even be hashed, and a format value the schema does not know.
  auto result = refused_file();
  result.sha256 = "";
  result.format = "json";
  const auto bare = lifecycle::update_result_xml(result);
  BOOST_TEST(validator.errors(bare) == 0);
  BOOST_TEST(validator.count_of("sha256") == 0u);
  BOOST_TEST(validator.count_of("format") == 0u);
}

BOOST_AUTO_TEST_CASE(broken_update_result_is_rejected_by_the_schema) {
  const auto xml = lifecycle::update_result_xml(mixed_result());
  ResultValidator validator;
  BOOST_REQUIRE(validator.errors(xml) == 0);
  BOOST_TEST(validator.errors(
                 replace_once(xml, "<result>APPLIQUE</result>", "<result>PEUT-ETRE</result>")) > 0);
  BOOST_TEST(validator.errors(replace_once(xml, "<line>2</line>", "<line>-2</line>")) > 0);
  BOOST_TEST(validator.errors(replace_once(xml, "<format>csv</format>", "<format>json</format>")) >
             0);
  BOOST_TEST(validator.errors(replace_once(xml, "<sender>11000201100044</sender>", "")) > 0);
  BOOST_TEST(validator.errors(replace_once(xml, kResultNamespace, "urn:other")) > 0);
}

BOOST_AUTO_TEST_CASE(update_result_csv_quotes_and_guards_its_cells) {
  const std::string fffd = "\xEF\xBF\xBD";
  const std::string expected =
      "line;reference;invoice_id;status;date;result;code;message\r\n"
      "2;7;7;MANDATEE;2026-11-22;APPLIQUE;;\r\n"
      "3;35600000000048|F2026-2|2026;8;COMPTABILISEE;2026-11-22;REFUSE;LC-TRANSITION-REFUSED;"
      "MISE_A_DISPOSITION -> COMPTABILISEE\r\n"
      "4;F<&>]]>\x01" +
      fffd + ";;PAYEE;22/11/2026;REFUSE;UPD-INVOICE-UNKNOWN;" +
      "\"aucune facture \"\"F\"\" ; ligne\r\nsuivante\"\r\n";
  BOOST_TEST(lifecycle::update_result_csv(mixed_result()) == expected);

  // A text cell a spreadsheet would take for a formula gets a leading apostrophe.
  lifecycle::UpdateFileResult result = mixed_result();
  result.outcomes.resize(1);
  auto& o = result.outcomes[0];
  o.reference = "=HYPERLINK(\"http://x\";\"clic\")";
  o.status = "+SERVICE_FAIT";
  o.date = "-12";
  o.code = "@SUM(A1)";
  o.message = "\tcalc";
  o.applied = false;
  BOOST_TEST(lifecycle::update_result_csv(result) ==
             "line;reference;invoice_id;status;date;result;code;message\r\n"
             "2;\"'=HYPERLINK(\"\"http://x\"\";\"\"clic\"\")\";7;'+SERVICE_FAIT;'-12;REFUSE;"
             "'@SUM(A1);'\tcalc\r\n");
  o.message = "\rx";
  BOOST_TEST(lifecycle::update_result_csv(result).find(";\"'\rx\"\r\n") != std::string::npos);
  // Further in, the same characters are plain text.
  o.message = "a=b+c-d@e";
  BOOST_TEST(lifecycle::update_result_csv(result).find(";a=b+c-d@e\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(update_result_csv_of_a_refused_file_is_one_row) {
  BOOST_TEST(lifecycle::update_result_csv(refused_file()) ==
             "line;reference;invoice_id;status;date;result;code;message\r\n"
             "0;;;;;REFUSE;UPD-UNKNOWN-FORMAT;ni CSV ni XML\r\n");
  lifecycle::UpdateFileResult empty = mixed_result();
  empty.outcomes.clear();
  BOOST_TEST(lifecycle::update_result_csv(empty) ==
             "line;reference;invoice_id;status;date;result;code;message\r\n");
}

BOOST_AUTO_TEST_CASE(update_result_json_round_trips) {
  auto original = mixed_result();
  original.outcomes[2].reference = "F<&>]]> \"é\"\x01";  // valid UTF-8 survives unchanged
  const auto text = lifecycle::update_result_json(original);
  BOOST_TEST_MESSAGE(text);
  const auto json = nlohmann::ordered_json::parse(text);
  std::vector<std::string> keys;
  for (const auto& item : json.items()) keys.push_back(item.key());
  const std::vector<std::string> expected_keys{"number",    "sender",       "file",
                                               "sha256",    "format",       "received_at",
                                               "file_code", "file_message", "outcomes"};
  BOOST_TEST(keys == expected_keys, boost::test_tools::per_element());
  BOOST_TEST(json["outcomes"][0]["result"] == "APPLIQUE");
  BOOST_TEST(json["outcomes"][0]["invoice_id"] == 7);
  BOOST_TEST(json["outcomes"][2]["result"] == "REFUSE");
  BOOST_TEST(json["outcomes"][2]["invoice_id"].is_null());

  const auto back = lifecycle::update_result_from_json(text);
  BOOST_REQUIRE(back.has_value());
  check_same(*back, original);
  const auto file_back =
      lifecycle::update_result_from_json(lifecycle::update_result_json(refused_file()));
  BOOST_REQUIRE(file_back.has_value());
  check_same(*file_back, refused_file());

  // Invalid UTF-8 is replaced, not thrown.
  auto hostile = mixed_result();
  hostile.file_name = "a\xff";
  const auto replaced = lifecycle::update_result_from_json(lifecycle::update_result_json(hostile));
  BOOST_REQUIRE(replaced.has_value());
  BOOST_TEST(replaced->file_name == "a\xEF\xBF\xBD");
}

BOOST_AUTO_TEST_CASE(update_result_from_json_refuses_malformed_documents) {
  const auto valid = nlohmann::json::parse(lifecycle::update_result_json(mixed_result()));
  BOOST_REQUIRE(lifecycle::update_result_from_json(valid.dump()).has_value());
  for (const char* text : {"", "{", "[]", "null", "42", "{\"number\": 1}"})
    BOOST_TEST_CONTEXT(text) {
      BOOST_TEST(!lifecycle::update_result_from_json(text));
    }

  const auto broken = [&](auto&& change) {
    auto copy = valid;
    change(copy);
    return !lifecycle::update_result_from_json(copy.dump()).has_value();
  };
  BOOST_TEST(broken([](auto& j) { j.erase("sender"); }));
  BOOST_TEST(broken([](auto& j) { j["number"] = "12"; }));
  BOOST_TEST(broken([](auto& j) { j["number"] = 1.5; }));
  BOOST_TEST(broken([](auto& j) { j["outcomes"] = nlohmann::json::object(); }));
  BOOST_TEST(broken([](auto& j) { j["outcomes"][0] = "x"; }));
  BOOST_TEST(broken([](auto& j) { j["outcomes"][0]["line"] = -1; }));
  BOOST_TEST(broken([](auto& j) { j["outcomes"][0]["line"] = "2"; }));
  BOOST_TEST(broken([](auto& j) { j["outcomes"][0]["result"] = "OUI"; }));
  BOOST_TEST(broken([](auto& j) { j["outcomes"][0]["invoice_id"] = "7"; }));
  BOOST_TEST(broken([](auto& j) { j["outcomes"][1].erase("message"); }));
  BOOST_TEST(broken([](auto& j) { j["file_code"] = nullptr; }));
}

BOOST_AUTO_TEST_CASE(write_update_result_names_the_file_by_sender_number_and_format) {
  TempDir dir;
  const auto root = dir.path() / "results";
  auto result = mixed_result();  // csv
  const auto csv = lifecycle::write_update_result(root, result);
  BOOST_TEST(csv == root / "11000201100044" / "RES-0000000012-statuts novembre.csv");
  BOOST_TEST(model::read_file(csv).value() == lifecycle::update_result_csv(result));

  result.format = "xml";
  result.file_name = "statuts.xml";
  const auto xml = lifecycle::write_update_result(root, result);
  BOOST_TEST(xml == root / "11000201100044" / "RES-0000000012-statuts.xml");
  BOOST_TEST(model::read_file(xml).value() == lifecycle::update_result_xml(result));

  auto unknown = refused_file();  // format ""
  const auto unknown_file = lifecycle::write_update_result(root, unknown);
  BOOST_TEST(unknown_file == root / "AAA999" / "RES-0000000013-statuts.bin.xml");
  ResultValidator validator;
  BOOST_TEST(validator.errors(model::read_file(unknown_file).value()) == 0);

  // Written again: replaced, no temp file left.
  lifecycle::write_update_result(root, unknown);
  BOOST_TEST(
      names_in(root / "AAA999") == std::vector<std::string>{"RES-0000000013-statuts.bin.xml"},
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(write_update_result_makes_hostile_file_names_safe) {
  TempDir dir;
  const auto root = dir.path() / "results";
  auto result = refused_file();
  result.format = "xml";
  const auto written = [&](const std::string& file_name) {
    result.file_name = file_name;
    const auto file = lifecycle::write_update_result(root, result);
    BOOST_TEST(file.parent_path() == root / "AAA999");
    BOOST_TEST(fs::is_regular_file(file));
    return file.filename().string();
  };
  BOOST_TEST(written("../x") == "RES-0000000013-___x.xml");
  BOOST_TEST(written("a/b") == "RES-0000000013-a_b.xml");
  BOOST_TEST(written("a\\b") == "RES-0000000013-a_b.xml");
  BOOST_TEST(written("\x01") == "RES-0000000013-_.xml");
  BOOST_TEST(written(".hidden") == "RES-0000000013-_hidden.xml");
  BOOST_TEST(written("..") == "RES-0000000013-__.xml");
  BOOST_TEST(written("lot\r\n\x7f\xff.csv") == "RES-0000000013-lot____.csv.xml");
  BOOST_TEST(written("décembre v1.2.xml") == "RES-0000000013-décembre v1.2.xml");
  BOOST_TEST(written("") == "RES-0000000013.xml");
  BOOST_TEST(written("STATUTS.XML") == "RES-0000000013-STATUTS.xml");  // no doubled extension
  BOOST_TEST(written(".xml") == "RES-0000000013-_xml.xml");

  // Long names are cut, on a character boundary, well under the 255-byte limit.
  const std::string ascii = written(std::string(300, 'a'));
  BOOST_TEST(ascii.size() < 200u);
  BOOST_TEST(ascii.rfind("RES-0000000013-aaaaaaaaaa", 0) == 0u);
  std::string accents;
  for (int i = 0; i < 150; ++i) accents += "é";
  const std::string cut = written(accents);
  BOOST_TEST(cut.size() < 200u);
  BOOST_TEST(is_valid_utf8(cut));
  BOOST_TEST(cut.substr(cut.size() - 4) == ".xml");
  BOOST_TEST(accents.rfind(cut.substr(15, cut.size() - 19), 0) == 0u);

  // Nothing was written anywhere else.
  BOOST_TEST(names_in(root) == std::vector<std::string>{"AAA999"},
             boost::test_tools::per_element());
  for (const auto& name : names_in(root / "AAA999")) BOOST_TEST(name.front() != '.');
}

BOOST_AUTO_TEST_CASE(write_update_result_failures_are_exceptions) {
  TempDir dir;
  auto result = mixed_result();
  for (const char* sender : {"../evil", "..", ".", "", "a/b", "a\\b"}) {
    BOOST_TEST_CONTEXT("sender '" << sender << "'") {
      result.sender = sender;
      BOOST_CHECK_THROW(lifecycle::write_update_result(dir.path() / "ok", result),
                        std::runtime_error);
    }
  }
  BOOST_TEST(!fs::exists(dir.path() / "ok"));
  BOOST_TEST(!fs::exists(dir.path() / "evil"));
  std::ofstream(dir.path() / "plain") << "x";
  result.sender = "AAA999";
  BOOST_CHECK_THROW(lifecycle::write_update_result(dir.path() / "plain", result),
                    std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
