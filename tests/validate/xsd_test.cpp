// validate::SchemaSet / SchemaValidator against the official XSDs in ../shared/corpus/xsd.
#include "validate/xsd.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>
#include <xercesc/util/PlatformUtils.hpp>

#include "test_paths.h"

namespace fs = std::filesystem;

namespace {

std::shared_ptr<const validate::SchemaSet>& cached_schemas() {
  static std::shared_ptr<const validate::SchemaSet> schemas;
  return schemas;
}

// test_validate has no other Xerces user: initialise it here, and drop the shared grammars
// before Terminate (they live in Xerces-managed memory).
struct XercesPlatform {
  XercesPlatform() { xercesc::XMLPlatformUtils::Initialize(); }
  ~XercesPlatform() {
    cached_schemas().reset();
    xercesc::XMLPlatformUtils::Terminate();
  }
};
BOOST_TEST_GLOBAL_FIXTURE(XercesPlatform);

fs::path corpus() {
  const auto shared = fluxd_test::shared_dir();
  return shared.empty() ? fs::path{} : shared / "corpus";
}

// The official grammars, loaded once for the whole program; null when the corpus is absent.
std::shared_ptr<const validate::SchemaSet> schemas() {
  auto& cached = cached_schemas();
  if (!cached && !corpus().empty()) {
    auto loaded = validate::SchemaSet::load(corpus() / "xsd");
    BOOST_REQUIRE_MESSAGE(loaded.ok(), (loaded.ok() ? std::string() : loaded.error().message));
    cached = *loaded;
  }
  return cached;
}

#define REQUIRE_SCHEMAS()                                            \
  if (!schemas()) {                                                  \
    BOOST_TEST_MESSAGE("../shared/corpus absent: XSD test skipped"); \
    return;                                                          \
  }

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string join(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

std::string describe(const std::vector<model::Finding>& findings) {
  std::string text;
  for (const auto& f : findings) text += "\n  " + f.rule + " @ " + f.location + ": " + f.message;
  return text;
}

// The line number a finding's "line:column …" location starts with; 0 when there is none.
unsigned long line_of(const model::Finding& f) {
  static const std::regex position(R"(^(\d+):(\d+)( /\S+)?$)");
  std::smatch m;
  return std::regex_match(f.location, m, position) ? std::stoul(m[1]) : 0;
}

bool all_are(const std::vector<model::Finding>& findings, const std::string& rule) {
  for (const auto& f : findings)
    if (f.rule != rule || f.severity != model::Severity::fatal) return false;
  return !findings.empty();
}

// A minimal XSD-valid document, one element per line so mutations know their line number
// (vector index + 1), with the indexes the mutations need.
struct Sample {
  std::string label;
  std::vector<std::string> lines;
  std::size_t id_line;       // the document number, mandatory, followed by `next_line`
  std::size_t next_line;     // the element that must come after the number
  std::size_t date_line;     // the issue date
  std::string bad_date;      // replacement line with a malformed date
  std::string date_element;  // the element the bad date is reported in
  std::string unknown_line;  // an element the schema does not know, for after the number
};

Sample ubl_invoice() {
  return {
      "UBL Invoice",
      {
          R"(<?xml version="1.0" encoding="UTF-8"?>)",
          R"(<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2")",
          R"( xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2")",
          R"( xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">)",
          R"(  <cbc:ID>F-1</cbc:ID>)",
          R"(  <cbc:IssueDate>2026-11-01</cbc:IssueDate>)",
          R"(  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>)",
          R"(  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>)",
          R"(  <cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>S</cbc:Name></cac:PartyName></cac:Party></cac:AccountingSupplierParty>)",
          R"(  <cac:AccountingCustomerParty><cac:Party><cac:PartyName><cbc:Name>B</cbc:Name></cac:PartyName></cac:Party></cac:AccountingCustomerParty>)",
          R"(  <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">100.00</cbc:PayableAmount></cac:LegalMonetaryTotal>)",
          R"(  <cac:InvoiceLine>)",
          R"(    <cbc:ID>1</cbc:ID>)",
          R"(    <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>)",
          R"(    <cac:Item><cbc:Name>X</cbc:Name></cac:Item>)",
          R"(  </cac:InvoiceLine>)",
          R"(</Invoice>)",
      },
      4,
      5,
      5,
      R"(  <cbc:IssueDate>01/11/2026</cbc:IssueDate>)",
      "cbc:IssueDate",
      R"(  <cbc:Bogus>1</cbc:Bogus>)"};
}

Sample ubl_credit_note() {
  return {
      "UBL CreditNote",
      {
          R"(<?xml version="1.0" encoding="UTF-8"?>)",
          R"(<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2")",
          R"( xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2")",
          R"( xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">)",
          R"(  <cbc:ID>A-1</cbc:ID>)",
          R"(  <cbc:IssueDate>2026-11-01</cbc:IssueDate>)",
          R"(  <cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>)",
          R"(  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>)",
          R"(  <cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>S</cbc:Name></cac:PartyName></cac:Party></cac:AccountingSupplierParty>)",
          R"(  <cac:AccountingCustomerParty><cac:Party><cac:PartyName><cbc:Name>B</cbc:Name></cac:PartyName></cac:Party></cac:AccountingCustomerParty>)",
          R"(  <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">100.00</cbc:PayableAmount></cac:LegalMonetaryTotal>)",
          R"(  <cac:CreditNoteLine>)",
          R"(    <cbc:ID>1</cbc:ID>)",
          R"(    <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>)",
          R"(    <cac:Item><cbc:Name>X</cbc:Name></cac:Item>)",
          R"(  </cac:CreditNoteLine>)",
          R"(</CreditNote>)",
      },
      4,
      5,
      5,
      R"(  <cbc:IssueDate>2026-11-31</cbc:IssueDate>)",
      "cbc:IssueDate",
      R"(  <cac:Bogus/>)"};
}

Sample cii_invoice() {
  return {
      "CII",
      {
          R"(<?xml version="1.0" encoding="UTF-8"?>)",
          R"(<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100")",
          R"( xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100")",
          R"( xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">)",
          R"(  <rsm:ExchangedDocumentContext>)",
          R"(    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>)",
          R"(  </rsm:ExchangedDocumentContext>)",
          R"(  <rsm:ExchangedDocument>)",
          R"(    <ram:ID>F-1</ram:ID>)",
          R"(    <ram:TypeCode>380</ram:TypeCode>)",
          R"(    <ram:IssueDateTime><udt:DateTimeString format="102">20261101</udt:DateTimeString></ram:IssueDateTime>)",
          R"(  </rsm:ExchangedDocument>)",
          R"(  <rsm:SupplyChainTradeTransaction>)",
          R"(    <ram:ApplicableHeaderTradeAgreement>)",
          R"(      <ram:SellerTradeParty><ram:Name>S</ram:Name></ram:SellerTradeParty>)",
          R"(      <ram:BuyerTradeParty><ram:Name>B</ram:Name></ram:BuyerTradeParty>)",
          R"(    </ram:ApplicableHeaderTradeAgreement>)",
          R"(    <ram:ApplicableHeaderTradeDelivery/>)",
          R"(    <ram:ApplicableHeaderTradeSettlement>)",
          R"(      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>)",
          R"(      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>)",
          R"(        <ram:DuePayableAmount>100.00</ram:DuePayableAmount>)",
          R"(      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>)",
          R"(    </ram:ApplicableHeaderTradeSettlement>)",
          R"(  </rsm:SupplyChainTradeTransaction>)",
          R"(</rsm:CrossIndustryInvoice>)",
      },
      8,
      9,
      10,
      R"(    <ram:IssueDateTime><udt:DateTime>01/11/2026</udt:DateTime></ram:IssueDateTime>)",
      "udt:DateTime",
      R"(    <ram:Bogus>1</ram:Bogus>)"};
}

std::vector<model::Finding> check(const std::vector<std::string>& lines) {
  validate::SchemaValidator validator(schemas());
  return validator.validate(join(lines), "sample.xml");
}

// A TCP listener on 127.0.0.1 that records whether anyone connected: proof that no document
// setting made Xerces go on the network.
class Listener {
 public:
  Listener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    BOOST_REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    BOOST_REQUIRE(::listen(fd_, 4) == 0);
    socklen_t length = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    ::fcntl(fd_, F_SETFL, O_NONBLOCK);
  }
  ~Listener() { ::close(fd_); }
  std::string url(const std::string& file) const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/" + file;
  }
  bool contacted() const {
    const int client = ::accept(fd_, nullptr, nullptr);
    if (client >= 0) ::close(client);
    return client >= 0;
  }

 private:
  int fd_ = -1;
  unsigned short port_ = 0;
};

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("fluxd-xsd-test-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(xsd)

BOOST_AUTO_TEST_CASE(load_of_a_missing_directory_is_an_error) {
  auto missing = validate::SchemaSet::load("/nonexistent/fluxd-xsd");
  BOOST_REQUIRE(!missing.ok());
  BOOST_TEST(missing.error().code == "XSD-LOAD");
  BOOST_TEST(missing.error().message.find("/nonexistent/fluxd-xsd") != std::string::npos);

  TempDir empty;
  auto incomplete = validate::SchemaSet::load(empty.path);
  BOOST_REQUIRE(!incomplete.ok());
  BOOST_TEST(incomplete.error().code == "XSD-LOAD");
  BOOST_TEST(incomplete.error().message.find("UBL-Invoice-2.1.xsd") != std::string::npos,
             incomplete.error().message);
}

BOOST_AUTO_TEST_CASE(a_schema_importing_from_outside_its_directory_fails_to_load) {
  REQUIRE_SCHEMAS();
  TempDir dir;
  const fs::path maindoc = dir.path / "ubl-2.1" / "maindoc";
  fs::create_directories(maindoc);
  Listener listener;
  std::ofstream(maindoc / "UBL-Invoice-2.1.xsd")
      << R"(<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema")"
      << R"( targetNamespace="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">)"
      << R"(<xsd:import namespace="urn:x" schemaLocation=")" << listener.url("x.xsd") << R"("/>)"
      << "</xsd:schema>";
  auto loaded = validate::SchemaSet::load(dir.path);
  BOOST_REQUIRE(!loaded.ok());
  BOOST_TEST(loaded.error().code == "XSD-LOAD");
  BOOST_TEST(loaded.error().message.find("UBL-Invoice-2.1.xsd") != std::string::npos,
             loaded.error().message);
  BOOST_TEST(!listener.contacted());

  std::ofstream(maindoc / "UBL-Invoice-2.1.xsd", std::ios::trunc)
      << R"(<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema")"
      << R"( targetNamespace="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">)"
      << R"(<xsd:import namespace="urn:x" schemaLocation="../common/not-there.xsd"/>)"
      << "</xsd:schema>";
  auto incomplete = validate::SchemaSet::load(dir.path);
  BOOST_REQUIRE(!incomplete.ok());
  BOOST_TEST(incomplete.error().message.find("not-there.xsd") != std::string::npos,
             incomplete.error().message);

  std::ofstream(maindoc / "UBL-Invoice-2.1.xsd", std::ios::trunc)
      << R"(<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema")"
      << R"( targetNamespace="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">)"
      << R"(<xsd:include schemaLocation="../../../../etc/hosts"/>)"
      << "</xsd:schema>";
  auto escaping = validate::SchemaSet::load(dir.path);
  BOOST_REQUIRE(!escaping.ok());
  BOOST_TEST(escaping.error().message.find("outside") != std::string::npos,
             escaping.error().message);
}

BOOST_AUTO_TEST_CASE(the_runtime_ubl_edition_is_used_when_the_annotated_one_is_absent) {
  REQUIRE_SCHEMAS();
  TempDir dir;
  fs::create_directory_symlink(corpus() / "xsd" / "ubl-2.1-runtime", dir.path / "ubl-2.1-runtime");
  fs::create_directory_symlink(corpus() / "xsd" / "cii-d16b", dir.path / "cii-d16b");
  auto loaded = validate::SchemaSet::load(dir.path);
  BOOST_REQUIRE_MESSAGE(loaded.ok(), (loaded.ok() ? std::string() : loaded.error().message));
  BOOST_TEST((*loaded)->files().size() == 3u);
  BOOST_TEST((*loaded)->files()[0].string().find("ubl-2.1-runtime") != std::string::npos);
  validate::SchemaValidator validator(*loaded);
  const auto valid = validator.validate(join(ubl_credit_note().lines), "credit-note.xml");
  BOOST_TEST(valid.empty(), describe(valid));
  auto lines = ubl_invoice().lines;
  lines[5] = ubl_invoice().bad_date;
  BOOST_TEST(all_are(validator.validate(join(lines), "invoice.xml"), "XSD-SCHEMA"));
}

BOOST_AUTO_TEST_CASE(every_corpus_example_is_valid_as_the_verdicts_say) {
  REQUIRE_SCHEMAS();
  // expected/en16931-verdicts.json: one object per line with "file" and "xsd_valid".
  const std::string verdicts = read_file(corpus() / "expected" / "en16931-verdicts.json");
  static const std::regex entry(R"re("file":\s*"([^"]+)"[^}]*"xsd_valid":\s*(true|false))re");
  std::map<std::string, bool> expected;
  for (std::sregex_iterator it(verdicts.begin(), verdicts.end(), entry), end; it != end; ++it)
    expected[(*it)[1]] = (*it)[2] == "true";
  BOOST_REQUIRE(!expected.empty());

  validate::SchemaValidator validator(schemas());
  std::size_t checked = 0, agreed = 0;
  for (const char* folder :
       {"en16931/ubl/examples", "en16931/ubl/testfiles", "en16931/cii/examples"}) {
    for (const auto& file : fs::directory_iterator(corpus() / folder)) {
      const std::string name = std::string(folder) + "/" + file.path().filename().string();
      BOOST_TEST_CONTEXT(name) {
        BOOST_REQUIRE_MESSAGE(expected.count(name), "no verdict for " + name);
        const auto findings = validator.validate(read_file(file.path()), name);
        ++checked;
        const bool valid = findings.empty();
        BOOST_TEST(valid == expected[name], describe(findings));
        if (valid == expected[name]) ++agreed;
      }
    }
  }
  BOOST_TEST(checked == expected.size());
  BOOST_TEST_MESSAGE("XSD verdicts agree on " << agreed << " of " << checked << " corpus files");
}

BOOST_AUTO_TEST_CASE(hand_made_invalid_documents_give_positioned_schema_findings) {
  REQUIRE_SCHEMAS();
  for (const Sample& s : {ubl_invoice(), ubl_credit_note(), cii_invoice()}) {
    BOOST_TEST_CONTEXT(s.label) {
      const auto valid = check(s.lines);
      BOOST_TEST(valid.empty(), describe(valid));

      auto unknown = s.lines;
      unknown.insert(unknown.begin() + static_cast<long>(s.id_line) + 1, s.unknown_line);
      const auto unknown_findings = check(unknown);
      BOOST_TEST(all_are(unknown_findings, "XSD-SCHEMA"), describe(unknown_findings));
      if (!unknown_findings.empty()) BOOST_TEST(line_of(unknown_findings[0]) == s.id_line + 2);

      auto no_id = s.lines;
      no_id.erase(no_id.begin() + static_cast<long>(s.id_line));
      const auto no_id_findings = check(no_id);
      BOOST_TEST(all_are(no_id_findings, "XSD-SCHEMA"), describe(no_id_findings));
      if (!no_id_findings.empty()) BOOST_TEST(line_of(no_id_findings[0]) > 0u);

      auto bad_date = s.lines;
      bad_date[s.date_line] = s.bad_date;
      const auto date_findings = check(bad_date);
      BOOST_TEST(all_are(date_findings, "XSD-SCHEMA"), describe(date_findings));
      if (!date_findings.empty()) {
        BOOST_TEST(line_of(date_findings[0]) == s.date_line + 1);
        BOOST_TEST(date_findings[0].location.ends_with(s.date_element), date_findings[0].location);
      }

      auto swapped = s.lines;
      std::swap(swapped[s.id_line], swapped[s.next_line]);
      const auto order_findings = check(swapped);
      BOOST_TEST(all_are(order_findings, "XSD-SCHEMA"), describe(order_findings));
      if (!order_findings.empty()) BOOST_TEST(line_of(order_findings[0]) > 0u);

      BOOST_TEST_MESSAGE(s.label << ": unknown element" << describe(unknown_findings)
                                 << "\nmissing ID" << describe(no_id_findings) << "\nbad date"
                                 << describe(date_findings) << "\nout of order"
                                 << describe(order_findings));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_root_without_grammar_gives_one_no_grammar_finding) {
  REQUIRE_SCHEMAS();
  validate::SchemaValidator validator(schemas());
  for (const char* doc : {R"(<Order xmlns="urn:example:order"><ID>1</ID></Order>)",
                          R"(<Invoice><ID>1</ID></Invoice>)"}) {
    const auto findings = validator.validate(doc, "order.xml");
    BOOST_TEST(findings.size() == 1u, describe(findings));
    BOOST_TEST(all_are(findings, "XSD-NO-GRAMMAR"), describe(findings));
  }
}

BOOST_AUTO_TEST_CASE(malformed_xml_ends_the_document_and_the_validator_stays_usable) {
  REQUIRE_SCHEMAS();
  validate::SchemaValidator validator(schemas());
  auto lines = ubl_invoice().lines;
  lines[6] = "  <cbc:InvoiceTypeCode>380</cbc:Oops>";
  const auto broken = validator.validate(join(lines), "broken.xml");
  BOOST_REQUIRE(!broken.empty());
  BOOST_TEST(broken.back().rule == "XSD-NOT-WELL-FORMED", describe(broken));
  BOOST_TEST(line_of(broken.back()) == 7u);

  BOOST_TEST(validator.validate("", "empty.xml").back().rule == "XSD-NOT-WELL-FORMED");
  BOOST_TEST(validator.validate("not xml", "text.xml").back().rule == "XSD-NOT-WELL-FORMED");
  const auto again = validator.validate(join(ubl_invoice().lines), "good.xml");
  BOOST_TEST(again.empty(), describe(again));
}

BOOST_AUTO_TEST_CASE(findings_are_capped_per_document) {
  REQUIRE_SCHEMAS();
  auto lines = ubl_invoice().lines;
  for (int i = 0; i < 120; ++i) lines.insert(lines.begin() + 5, "  <cbc:Bogus>1</cbc:Bogus>");
  const auto findings = check(lines);
  BOOST_REQUIRE(findings.size() == validate::SchemaValidator::kMaxFindingsPerDocument + 1);
  BOOST_TEST(findings.back().message.find("more schema errors not listed") != std::string::npos,
             findings.back().message);
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_refused) {
  REQUIRE_SCHEMAS();
  std::string deep;
  for (int i = 0; i < 500; ++i) deep += "<cbc:A>";
  for (int i = 0; i < 500; ++i) deep += "</cbc:A>";
  auto lines = ubl_invoice().lines;
  lines.insert(lines.begin() + 5, deep);
  validate::SchemaValidator validator(schemas(), 100);
  const auto findings = validator.validate(join(lines), "deep.xml");
  BOOST_REQUIRE(!findings.empty());
  BOOST_TEST(findings.back().rule == "XSD-UNSAFE-XML", describe(findings));
}

BOOST_AUTO_TEST_CASE(schema_location_hints_are_ignored_and_nothing_is_fetched) {
  REQUIRE_SCHEMAS();
  TempDir dir;
  Listener listener;
  // A local schema that would accept any Invoice if Xerces ever used it.
  const fs::path permissive = dir.path / "anything.xsd";
  std::ofstream(permissive)
      << R"(<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema")"
      << R"( targetNamespace="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">)"
      << R"(<xsd:element name="Invoice"><xsd:complexType><xsd:sequence>)"
      << R"(<xsd:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/>)"
      << R"(</xsd:sequence></xsd:complexType></xsd:element></xsd:schema>)";
  const std::string invoice_ns = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
  for (const std::string& hint :
       {invoice_ns + " " + listener.url("x.xsd"), invoice_ns + " " + permissive.string(),
        invoice_ns + " file://" + permissive.string(), std::string("http://127.0.0.1:9/x.xsd")}) {
    BOOST_TEST_CONTEXT(hint) {
      auto lines = ubl_invoice().lines;
      lines[3] =
          R"( xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2")"
          R"( xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance")"
          R"( xsi:schemaLocation=")" +
          hint +
          R"(")"
          R"( xsi:noNamespaceSchemaLocation=")" +
          listener.url("y.xsd") + R"(">)";
      const auto valid = check(lines);
      BOOST_TEST(valid.empty(), describe(valid));
      lines.insert(lines.begin() + 5, "  <cbc:Bogus>1</cbc:Bogus>");
      const auto invalid = check(lines);
      BOOST_TEST(all_are(invalid, "XSD-SCHEMA"), describe(invalid));
    }
  }
  BOOST_TEST(!listener.contacted());
}

BOOST_AUTO_TEST_CASE(doctype_and_external_entities_are_refused_unread) {
  REQUIRE_SCHEMAS();
  TempDir dir;
  Listener listener;
  const fs::path secret = dir.path / "secret.txt";
  std::ofstream(secret) << "TOP-SECRET-MARKER";
  const std::string body =
      R"(<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">)"
      R"(<ID xmlns="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">&xxe;</ID></Invoice>)";
  const std::vector<std::string> documents = {
      "<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM \"file://" + secret.string() + "\">]>" + body,
      "<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM \"" + listener.url("e.txt") + "\">]>" + body,
      "<!DOCTYPE Invoice SYSTEM \"" + listener.url("x.dtd") + "\">" + body,
      "<!DOCTYPE Invoice [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY xxe \"&a;&a;&a;&a;&a;&a;\">]>" + body,
  };
  validate::SchemaValidator validator(schemas());
  for (const auto& doc : documents) {
    BOOST_TEST_CONTEXT(doc) {
      const auto findings = validator.validate(doc, "doctype.xml");
      BOOST_TEST(findings.size() == 1u, describe(findings));
      BOOST_TEST(all_are(findings, "XSD-UNSAFE-XML"), describe(findings));
      BOOST_TEST(describe(findings).find("TOP-SECRET-MARKER") == std::string::npos);
    }
  }
  BOOST_TEST(!listener.contacted());
}

BOOST_AUTO_TEST_CASE(two_threads_sharing_one_schema_set_agree_with_one_thread) {
  REQUIRE_SCHEMAS();
  std::vector<std::string> documents;
  for (const char* folder : {"en16931/ubl/examples", "en16931/cii/examples"})
    for (const auto& file : fs::directory_iterator(corpus() / folder))
      documents.push_back(read_file(file.path()));
  for (const Sample& s : {ubl_invoice(), ubl_credit_note(), cii_invoice()}) {
    auto broken = s.lines;
    broken[s.date_line] = s.bad_date;
    documents.push_back(join(broken));
  }
  auto run = [&documents](std::vector<std::vector<model::Finding>>& out) {
    validate::SchemaValidator validator(schemas());
    for (int round = 0; round < 3; ++round)
      for (const auto& doc : documents) out.push_back(validator.validate(doc, "doc.xml"));
  };
  std::vector<std::vector<model::Finding>> alone, first, second;
  run(alone);
  std::thread a(run, std::ref(first)), b(run, std::ref(second));
  a.join();
  b.join();
  BOOST_TEST((first == alone));
  BOOST_TEST((second == alone));
  std::size_t with_findings = 0;
  for (const auto& findings : alone) with_findings += findings.empty() ? 0 : 1;
  BOOST_TEST(with_findings == 3u * 3u);
}

BOOST_AUTO_TEST_SUITE_END()
