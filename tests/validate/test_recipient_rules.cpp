#include <algorithm>
#include <boost/test/unit_test.hpp>

#include "model/identifiers.h"
#include "validate/validate.h"

namespace {

// SIRETs with valid Luhn check digits.
constexpr const char* kPlain = "73282932000074";
constexpr const char* kNeedsService = "44306184100047";
constexpr const char* kNeedsEngagement = "55208131766522";
constexpr const char* kServiceOrEngagement = "54205118000066";
constexpr const char* kInactive = "38012986648666";
constexpr const char* kNoEdi = "40483304800022";
constexpr const char* kSupplier = "78467169500087";
constexpr const char* kToday = "2026-11-23";

model::Structure structure(std::string id) {
  model::Structure s;
  s.id_type = "SIRET";
  s.id = std::move(id);
  s.receiver_edi = true;
  s.active = true;
  return s;
}

model::Service service(std::string structure_id, std::string code, bool active = true) {
  model::Service s;
  s.structure_id = std::move(structure_id);
  s.code = std::move(code);
  s.active = active;
  return s;
}

model::Referential make_referential() {
  auto needs_service = structure(kNeedsService);
  needs_service.service_required = true;
  auto needs_engagement = structure(kNeedsEngagement);
  needs_engagement.engagement_required = true;
  auto either = structure(kServiceOrEngagement);
  either.service_or_engagement = true;
  auto inactive = structure(kInactive);
  inactive.active = false;
  auto no_edi = structure(kNoEdi);
  no_edi.receiver_edi = false;
  auto egmt = service(kNeedsService, "PHARMA");
  egmt.engagement_required = true;
  auto expired = service(kPlain, "ANCIEN");
  expired.valid_to = "2020-12-31";
  auto future = service(kPlain, "FUTUR");
  future.valid_from = "2099-01-01";
  return model::Referential(
      {structure(kPlain), needs_service, needs_engagement, either, inactive, no_edi},
      {service(kNeedsService, "URGENCES"), service(kNeedsService, "ARCHIVES", false), egmt, expired,
       future, service(kPlain, "ECOLES")},
      "test");
}

model::Invoice invoice_to(std::string recipient, std::string service_code = "",
                          std::string engagement = "") {
  model::Invoice inv;
  inv.number = "F-1";
  inv.issue_date = "2026-11-01";
  inv.seller.ids = {{kSupplier, "0009"}};
  inv.buyer.ids = {{std::move(recipient), "0009"}};
  inv.buyer_reference = std::move(service_code);
  inv.order_reference = std::move(engagement);
  return inv;
}

std::vector<std::string> rules_fired(const model::Invoice& inv) {
  static const model::Referential ref = make_referential();
  std::vector<std::string> ids;
  for (const auto& f : validate::check_recipient(inv, ref, kToday)) ids.push_back(f.rule);
  return ids;
}

bool fires(const model::Invoice& inv, const std::string& rule) {
  auto ids = rules_fired(inv);
  return std::find(ids.begin(), ids.end(), rule) != ids.end();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(recipient_rules)

BOOST_AUTO_TEST_CASE(a_plain_structure_accepts_a_bare_invoice) {
  auto inv = invoice_to(kPlain);
  BOOST_TEST(rules_fired(inv).empty());
  BOOST_TEST(validate::accepted(validate::check_recipient(inv, make_referential(), kToday)));
}

BOOST_AUTO_TEST_CASE(siret_format) {
  BOOST_TEST(fires(invoice_to("73282932000075"), "FR-SIRET-FORMAT"));
  BOOST_TEST(!fires(invoice_to("73282932000075"), "FR-RECIPIENT-UNKNOWN"));  // one reason, once
  auto inv = invoice_to(kPlain);
  inv.seller.ids = {{"1234", "0009"}};
  BOOST_TEST(fires(inv, "FR-SIRET-FORMAT"));
  inv.seller.ids = {{"DE123456789", "0088"}};  // not declared as a SIRET: not checked
  BOOST_TEST(!fires(inv, "FR-SIRET-FORMAT"));
}

BOOST_AUTO_TEST_CASE(recipient_unknown_inactive_no_edi) {
  BOOST_TEST(fires(invoice_to("78467169500087"), "FR-RECIPIENT-UNKNOWN"));
  auto none = invoice_to(kPlain);
  none.buyer.ids.clear();
  BOOST_TEST(fires(none, "FR-RECIPIENT-UNKNOWN"));
  BOOST_TEST(fires(invoice_to(kInactive), "FR-RECIPIENT-INACTIVE"));
  BOOST_TEST(!fires(invoice_to(kPlain), "FR-RECIPIENT-INACTIVE"));
  BOOST_TEST(fires(invoice_to(kNoEdi), "FR-RECIPIENT-NO-EDI"));
  BOOST_TEST(!fires(invoice_to(kPlain), "FR-RECIPIENT-NO-EDI"));
}

BOOST_AUTO_TEST_CASE(legacy_scheme_name_1_identifies_the_recipient) {
  auto inv = invoice_to("");
  inv.buyer.ids = {{kPlain, "1"}};
  BOOST_TEST(rules_fired(inv).empty());
}

BOOST_AUTO_TEST_CASE(service_required) {
  BOOST_TEST(fires(invoice_to(kNeedsService), "FR-SERVICE-REQUIRED"));
  BOOST_TEST(rules_fired(invoice_to(kNeedsService, "URGENCES")).empty());
}

BOOST_AUTO_TEST_CASE(service_unknown_and_inactive) {
  BOOST_TEST(fires(invoice_to(kNeedsService, "CANTINE"), "FR-SERVICE-UNKNOWN"));
  BOOST_TEST(fires(invoice_to(kNeedsService, "ARCHIVES"), "FR-SERVICE-INACTIVE"));
  BOOST_TEST(fires(invoice_to(kPlain, "ANCIEN"), "FR-SERVICE-INACTIVE"));  // expired
  BOOST_TEST(fires(invoice_to(kPlain, "FUTUR"), "FR-SERVICE-INACTIVE"));   // not yet valid
  BOOST_TEST(rules_fired(invoice_to(kPlain, "ECOLES")).empty());
}

BOOST_AUTO_TEST_CASE(engagement_required_by_structure_or_service) {
  BOOST_TEST(fires(invoice_to(kNeedsEngagement), "FR-ENGAGEMENT-REQUIRED"));
  BOOST_TEST(rules_fired(invoice_to(kNeedsEngagement, "", "EJ1")).empty());
  BOOST_TEST(fires(invoice_to(kNeedsService, "PHARMA"), "FR-ENGAGEMENT-REQUIRED"));
  BOOST_TEST(rules_fired(invoice_to(kNeedsService, "PHARMA", "EJ1")).empty());
}

BOOST_AUTO_TEST_CASE(service_or_engagement) {
  BOOST_TEST(fires(invoice_to(kServiceOrEngagement), "FR-SERVICE-OR-ENGAGEMENT"));
  BOOST_TEST(!fires(invoice_to(kServiceOrEngagement, "", "EJ1"), "FR-SERVICE-OR-ENGAGEMENT"));
}

BOOST_AUTO_TEST_CASE(findings_are_coded_with_location_and_message) {
  auto findings = validate::check_recipient(invoice_to(kNeedsService), make_referential(), kToday);
  BOOST_TEST_REQUIRE(findings.size() == 1u);
  BOOST_TEST(findings[0].rule == "FR-SERVICE-REQUIRED");
  BOOST_TEST((findings[0].severity == model::Severity::fatal));
  BOOST_TEST(findings[0].location == "BT-10 /Invoice/cbc:BuyerReference");
  BOOST_TEST(!findings[0].message.empty());
  auto cii = invoice_to(kNeedsService);
  cii.syntax = model::Syntax::cii;
  auto cii_findings = validate::check_recipient(cii, make_referential(), kToday);
  BOOST_TEST(cii_findings[0].location.find("ram:BuyerReference") != std::string::npos);
}

namespace {

constexpr const char* kWorksClient = "31204567800017";  // EstMOA
constexpr const char* kWorksOnly = "55203253400646";    // EstMOAUniquement
constexpr const char* kSilentSupplier = "65203273900060";

// A referential with an engagement file, MOA structures and a supplier that may not emit.
const model::Referential& full_referential() {
  static const model::Referential ref = [] {
    auto plain = structure(kPlain);
    auto works = structure(kWorksClient);
    works.moa = true;
    auto works_only = structure(kWorksOnly);
    works_only.moa = works_only.moa_only = true;
    auto emitter = structure(kSupplier);
    emitter.emitter_edi = true;
    auto silent = structure(kSilentSupplier);
    std::vector<model::Engagement> ejs{
        {"EJ-PLAIN", kPlain, "", "1200.00", "CC-1", "DF-1", "P-1"},
        {"EJ-OTHER", kWorksClient, "", "", "", "", ""},
        {"EJ-TIED", kPlain, kSilentSupplier, "", "", "", ""},
    };
    return model::Referential({plain, works, works_only, emitter, silent}, {}, "full",
                              std::move(ejs));
  }();
  return ref;
}

std::vector<std::string> fired_with(const model::Invoice& inv,
                                    std::optional<std::string> duplicate_of = std::nullopt) {
  std::vector<std::string> ids;
  const validate::RecipientContext context{kToday, std::move(duplicate_of)};
  for (const auto& f : validate::check_recipient(inv, full_referential(), context))
    ids.push_back(f.rule);
  return ids;
}

bool fires_with(const model::Invoice& inv, const std::string& rule) {
  auto ids = fired_with(inv);
  return std::find(ids.begin(), ids.end(), rule) != ids.end();
}

model::Invoice paid_by_transfer(std::string means, std::string account, std::string bic = "") {
  auto inv = invoice_to(kPlain);
  model::PaymentInstructions p;
  p.means_code = std::move(means);
  p.credit_transfers.push_back({std::move(account), "", std::move(bic)});
  inv.payment_instructions.push_back(p);
  return inv;
}

}  // namespace

BOOST_AUTO_TEST_CASE(supplier_known_to_the_directory_must_be_an_emitter) {
  auto inv = invoice_to(kPlain);
  BOOST_TEST(fired_with(inv).empty());  // kSupplier is an emitter
  inv.seller.ids = {{kSilentSupplier, "0009"}};
  BOOST_TEST(fires_with(inv, "FR-SUPPLIER-NOT-EMITTER"));
  inv.seller.ids = {{"40483304800022", "0009"}};  // unknown private supplier: accepted
  BOOST_TEST(!fires_with(inv, "FR-SUPPLIER-NOT-EMITTER"));
}

BOOST_AUTO_TEST_CASE(engagement_must_exist_and_belong_to_recipient_and_supplier) {
  BOOST_TEST(fired_with(invoice_to(kPlain, "", "EJ-PLAIN")).empty());
  BOOST_TEST(fires_with(invoice_to(kPlain, "", "EJ-NOWHERE"), "FR-ENGAGEMENT-UNKNOWN"));
  BOOST_TEST(fires_with(invoice_to(kPlain, "", "EJ-OTHER"), "FR-ENGAGEMENT-UNKNOWN"));
  BOOST_TEST(fires_with(invoice_to(kPlain, "", "EJ-TIED"), "FR-ENGAGEMENT-UNKNOWN"));
  auto tied = invoice_to(kPlain, "", "EJ-TIED");
  tied.seller.ids = {{"40483304800022", "0009"}};
  BOOST_TEST(fires_with(tied, "FR-ENGAGEMENT-UNKNOWN"));
  tied.seller.ids = {{kSilentSupplier, "0009"}};
  BOOST_TEST(!fires_with(tied, "FR-ENGAGEMENT-UNKNOWN"));
  // Without an engagement file nothing is known about engagements: not checked.
  BOOST_TEST(!fires(invoice_to(kPlain, "", "EJ-NOWHERE"), "FR-ENGAGEMENT-UNKNOWN"));
}

BOOST_AUTO_TEST_CASE(cadre_de_facturation) {
  auto inv = invoice_to(kPlain);
  BOOST_TEST(validate::cadre_of(inv) == "A1");                     // default
  inv.process_id = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";  // a process id, not a cadre
  BOOST_TEST(validate::cadre_of(inv) == "A1");
  inv.process_id = "A9_FACTURE_SOUSTRAITANT";
  BOOST_TEST(validate::cadre_of(inv) == "A9");
  BOOST_TEST(fired_with(inv).empty());
  for (const char* bad : {"A11", "A26", "A0", "A01"}) {
    inv.process_id = bad;
    BOOST_TEST(fires_with(inv, "FR-CADRE-INVALID"), bad);
  }
  inv.process_id = "A4";  // works: only for an EstMOA structure
  BOOST_TEST(fires_with(inv, "FR-CADRE-INVALID"));
  auto works = invoice_to(kWorksClient);
  works.process_id = "A4";
  BOOST_TEST(fired_with(works).empty());
  auto works_only = invoice_to(kWorksOnly);  // A1 by default: not a works cadre
  BOOST_TEST(fires_with(works_only, "FR-CADRE-INVALID"));
  works_only.process_id = "A25";
  BOOST_TEST(fired_with(works_only).empty());
  auto legacy = invoice_to(kPlain);  // Chorus CII: cadre in the guideline parameter
  legacy.syntax = model::Syntax::cii;
  legacy.specification_id = "A8";
  BOOST_TEST(validate::cadre_of(legacy) == "A8");
  BOOST_TEST(fires_with(legacy, "FR-CADRE-INVALID"));
  BOOST_TEST(validate::is_works_cadre("A10"));
  BOOST_TEST(!validate::is_works_cadre("A9"));
  BOOST_TEST(validate::is_works_cadre("A22"));
  BOOST_TEST(!validate::is_works_cadre("A21"));
}

BOOST_AUTO_TEST_CASE(duplicate_reported_when_the_store_knows_an_earlier_one) {
  auto inv = invoice_to(kPlain);
  BOOST_TEST(fired_with(inv).empty());
  auto ids = fired_with(inv, std::string("flow 3, invoice 1"));
  BOOST_TEST((ids == std::vector<std::string>{"FR-DUPLICATE"}));
}

BOOST_AUTO_TEST_CASE(iban_mod97_and_french_rib_key) {
  BOOST_TEST(fired_with(paid_by_transfer("58", "FR7610278374560001038740166")).empty());
  BOOST_TEST(fired_with(paid_by_transfer("30", "DE89370400440532013000")).empty());
  // Passes mod 97 but its RIB key is 67 where 66 is due.
  BOOST_TEST(fires_with(paid_by_transfer("58", "FR4910278374560001038740167"), "FR-IBAN-INVALID"));
  BOOST_TEST(fires_with(paid_by_transfer("30", "FR7610278374560001038740165"), "FR-IBAN-INVALID"));
  BOOST_TEST(fires_with(paid_by_transfer("30", "FR761027837456000103874016"), "FR-IBAN-INVALID"));
  // SEPA credit transfer names an IBAN; other means may carry a proprietary account id.
  BOOST_TEST(fires_with(paid_by_transfer("58", "00012345"), "FR-IBAN-INVALID"));
  BOOST_TEST(!fires_with(paid_by_transfer("30", "00012345"), "FR-IBAN-INVALID"));
  BOOST_TEST(!model::iban_problem("FR7610278374560001038740166"));
  BOOST_TEST(*model::iban_problem("FR4910278374560001038740167") == "RIB key does not match");
}

BOOST_AUTO_TEST_CASE(bic_shape) {
  const std::string iban = "FR7610278374560001038740166";
  BOOST_TEST(fired_with(paid_by_transfer("58", iban, "BNPAFRPP")).empty());
  BOOST_TEST(fired_with(paid_by_transfer("58", iban, "BNPAFRPPXXX")).empty());
  for (const char* bad : {"BNPA", "BNPAFRPPXX", "1NPAFRPP", "BNPAF1PP", "bnpafrpp"})
    BOOST_TEST(fires_with(paid_by_transfer("58", iban, bad), "FR-BIC-INVALID"), bad);
}

BOOST_AUTO_TEST_CASE(number_and_service_code_lengths) {
  auto inv = invoice_to(kPlain);
  inv.number = "FACTURE-2026-0000001";  // 20 characters
  BOOST_TEST(fired_with(inv).empty());
  inv.number = "FÉVRIER-2026-0000001";  // 20 characters, 21 bytes
  BOOST_TEST(fired_with(inv).empty());
  inv.number += "9";
  BOOST_TEST(fires_with(inv, "FR-NUMBER-FORMAT"));
  auto long_service = invoice_to(kPlain, std::string(101, 'S'));
  BOOST_TEST(fires_with(long_service, "FR-NUMBER-FORMAT"));
}

BOOST_AUTO_TEST_CASE(the_rule_list_is_data) {
  auto rules = validate::recipient_rules();
  BOOST_TEST(rules.size() == 16u);
  for (const auto& rule : rules) {
    BOOST_TEST(rule.id.starts_with("FR-"));
    BOOST_TEST(!rule.description.empty());
  }
}

BOOST_AUTO_TEST_SUITE_END()
