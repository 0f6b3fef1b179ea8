#include <algorithm>
#include <boost/test/unit_test.hpp>

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

BOOST_AUTO_TEST_CASE(the_rule_list_is_data) {
  auto rules = validate::recipient_rules();
  BOOST_TEST(rules.size() >= 9u);
  for (const auto& rule : rules) {
    BOOST_TEST(rule.id.starts_with("FR-"));
    BOOST_TEST(!rule.description.empty());
  }
}

BOOST_AUTO_TEST_SUITE_END()
