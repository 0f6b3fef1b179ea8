// The conformance rules (UBL-CR-*, CII-SR-*, UBL-DT-08…28, CII-DT-* warnings) and BR-51 on small
// documents read through ingest::InvoiceReader: each fires, with its official severity, on a
// document holding what it forbids and stays quiet on one without it.
#include <boost/test/unit_test.hpp>
#include <map>
#include <set>
#include <string>

#include "ingest/ingest.h"
#include "validate/en16931.h"
#include "validate/validate.h"

namespace {

std::vector<model::Finding> check(const std::string& xml) {
  ingest::InvoiceReader reader;
  auto result = reader.read(xml, "test.xml");
  BOOST_TEST_REQUIRE(result.invoice.has_value());
  return validate::check_en16931(*result.invoice);
}

// Rule id -> severity of what fired.
std::map<std::string, model::Severity> fired(const std::string& xml) {
  std::map<std::string, model::Severity> ids;
  for (const auto& f : check(xml)) ids.emplace(f.rule, f.severity);
  return ids;
}

bool warns(const std::string& xml, const std::string& rule) {
  const auto ids = fired(xml);
  const auto it = ids.find(rule);
  return it != ids.end() && it->second == model::Severity::warning;
}

bool rejects(const std::string& xml, const std::string& rule) {
  const auto ids = fired(xml);
  const auto it = ids.find(rule);
  return it != ids.end() && it->second == model::Severity::fatal;
}

const char* const kUblNamespaces =
    R"(xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" )"
    R"(xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" )"
    R"(xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2")";

std::string ubl(const std::string& body, const std::string& root_attributes = "") {
  return R"(<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" )" +
         std::string(kUblNamespaces) + root_attributes + ">" + body + "</Invoice>";
}

std::string credit_note(const std::string& body) {
  return R"(<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" )" +
         std::string(kUblNamespaces) + ">" + body + "</CreditNote>";
}

std::string cii(const std::string& body) {
  return R"(<rsm:CrossIndustryInvoice )"
         R"(xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" )"
         R"(xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100" )"
         R"(xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">)" +
         body + "</rsm:CrossIndustryInvoice>";
}

std::string tax_category(const std::string& id) {
  return "<cac:TaxTotal><cac:TaxSubtotal><cac:TaxCategory>" + id +
         "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>"
         "</cac:TaxSubtotal></cac:TaxTotal>";
}

std::string cii_lines(const std::string& first, const std::string& second) {
  const auto line = [](const std::string& settlement) {
    return "<ram:IncludedSupplyChainTradeLineItem><ram:SpecifiedLineTradeSettlement>" + settlement +
           "</ram:SpecifiedLineTradeSettlement></ram:IncludedSupplyChainTradeLineItem>";
  };
  return cii("<rsm:SupplyChainTradeTransaction>" + line(first) + line(second) +
             "</rsm:SupplyChainTradeTransaction>");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(en16931_conformance)

BOOST_AUTO_TEST_CASE(ubl_cr_678_tax_category_scheme_is_a_warning) {
  const auto with = ubl(tax_category(R"(<cbc:ID schemeID="UNCL5305">S</cbc:ID>)"));
  BOOST_TEST(warns(with, "UBL-CR-678"));
  BOOST_TEST(!warns(ubl(tax_category("<cbc:ID>S</cbc:ID>")), "UBL-CR-678"));
  // Anywhere (//): a line's ClassifiedTaxCategory is UBL-CR-679, an allowance's TaxCategory 678.
  BOOST_TEST(warns(ubl("<cac:AllowanceCharge><cac:TaxCategory><cbc:ID schemeID=\"X\">S</cbc:ID>"
                       "</cac:TaxCategory></cac:AllowanceCharge>"),
                   "UBL-CR-678"));
  BOOST_TEST(warns(ubl("<cac:InvoiceLine><cac:Item><cac:ClassifiedTaxCategory>"
                       "<cbc:ID schemeID=\"X\">S</cbc:ID></cac:ClassifiedTaxCategory></cac:Item>"
                       "</cac:InvoiceLine>"),
                   "UBL-CR-679"));
}

BOOST_AUTO_TEST_CASE(a_warning_alone_does_not_reject_and_is_reported_once) {
  const auto doc = ubl(tax_category(R"(<cbc:ID schemeID="UNCL5305">S</cbc:ID>)") +
                       tax_category(R"(<cbc:ID schemeID="UNCL5305">Z</cbc:ID>)"));
  const auto findings = check(doc);
  int count = 0;
  for (const auto& f : findings)
    if (f.rule == "UBL-CR-678") {
      ++count;
      BOOST_TEST(f.location == "/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID/@schemeID");
    }
  BOOST_TEST(count == 1);
  BOOST_TEST(validate::accepted({model::Finding{"UBL-CR-678", model::Severity::warning, "", ""}}));
}

BOOST_AUTO_TEST_CASE(ubl_cr_paths_are_anchored_at_the_root_and_namespace_aware) {
  BOOST_TEST(warns(ubl("<ext:UBLExtensions/>"), "UBL-CR-001"));
  BOOST_TEST(!warns(ubl("<cbc:ID>1</cbc:ID>"), "UBL-CR-001"));
  // The same local name in another namespace is not ext:UBLExtensions.
  BOOST_TEST(!warns(ubl(R"(<x:UBLExtensions xmlns:x="urn:other"/>)"), "UBL-CR-001"));
  BOOST_TEST(warns(ubl("<cbc:UUID>u</cbc:UUID>"), "UBL-CR-005"));
  // A line UUID is UBL-CR-515, for both line kinds, not the document's UBL-CR-005.
  const auto line_uuid = fired(ubl("<cac:InvoiceLine><cbc:UUID>u</cbc:UUID></cac:InvoiceLine>"));
  BOOST_TEST(line_uuid.count("UBL-CR-515") == 1u);
  BOOST_TEST(line_uuid.count("UBL-CR-005") == 0u);
  BOOST_TEST(warns(credit_note("<cac:CreditNoteLine><cbc:UUID>u</cbc:UUID></cac:CreditNoteLine>"),
                   "UBL-CR-515"));
  BOOST_TEST(warns(ubl("<cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity>"
                       "<cac:RegistrationAddress/></cac:PartyLegalEntity></cac:Party>"
                       "</cac:AccountingCustomerParty>"),
                   "UBL-CR-249"));
}

BOOST_AUTO_TEST_CASE(ubl_cr_rules_with_a_value_or_a_root_condition) {
  BOOST_TEST(!warns(ubl("<cbc:UBLVersionID>2.1</cbc:UBLVersionID>"), "UBL-CR-002"));
  BOOST_TEST(warns(ubl("<cbc:UBLVersionID>2.0</cbc:UBLVersionID>"), "UBL-CR-002"));
  BOOST_TEST(warns(ubl("<cbc:UBLVersionID> 2.1</cbc:UBLVersionID>"), "UBL-CR-002"));  // as written
  BOOST_TEST(!warns(ubl(""), "UBL-CR-002"));
  const std::string due =
      "<cac:PaymentMeans><cbc:PaymentDueDate>2024-01-01</cbc:PaymentDueDate>"
      "</cac:PaymentMeans>";
  BOOST_TEST(warns(ubl(due), "UBL-CR-412"));
  BOOST_TEST(!warns(credit_note(due), "UBL-CR-412"));
  const auto reference = [](const std::string& inside) {
    return ubl("<cac:AdditionalDocumentReference>" + inside + "</cac:AdditionalDocumentReference>");
  };
  BOOST_TEST(warns(reference(R"(<cbc:ID schemeID="AAA">1</cbc:ID>)"), "UBL-CR-665"));
  BOOST_TEST(!warns(reference(R"(<cbc:ID schemeID="AAA">1</cbc:ID>)"
                              "<cbc:DocumentTypeCode>130</cbc:DocumentTypeCode>"),
                    "UBL-CR-665"));
  // Fatal ones keep their severity.
  BOOST_TEST(rejects(reference("<cbc:ID>1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode>"
                               "<cac:Attachment/>"),
                     "UBL-CR-666"));
  BOOST_TEST(!rejects(reference("<cbc:ID>1</cbc:ID><cac:Attachment/>"), "UBL-CR-666"));
}

BOOST_AUTO_TEST_CASE(ubl_dt_attribute_warnings_hold_anywhere) {
  BOOST_TEST(warns(ubl(R"(<cbc:ID schemeName="x">1</cbc:ID>)"), "UBL-DT-08"));
  BOOST_TEST(warns(ubl("", R"( schemeName="x")"), "UBL-DT-08"));  // on the root too
  BOOST_TEST(!warns(ubl(R"(<cbc:ID schemeID="x">1</cbc:ID>)"), "UBL-DT-08"));
  // @name is for PaymentMeansCode only.
  BOOST_TEST(!warns(ubl(R"(<cac:PaymentMeans><cbc:PaymentMeansCode name="Transfer">30)"
                        "</cbc:PaymentMeansCode></cac:PaymentMeans>"),
                    "UBL-DT-18"));
  BOOST_TEST(warns(ubl(R"(<cbc:Note name="x">n</cbc:Note>)"), "UBL-DT-18"));
}

BOOST_AUTO_TEST_CASE(cii_sr_forbidden_elements_are_warnings) {
  const auto context = [](const std::string& inside) {
    return cii("<rsm:ExchangedDocumentContext>" + inside +
               "<ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn</ram:ID>"
               "</ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>");
  };
  BOOST_TEST(warns(context("<ram:TestIndicator/>"), "CII-SR-002"));
  BOOST_TEST(!warns(context(""), "CII-SR-002"));
  // Reported under the id the artefacts give it.
  BOOST_TEST(warns(context("<ram:BusinessProcessSpecifiedDocumentContextParameter><ram:Value>v"
                           "</ram:Value></ram:BusinessProcessSpecifiedDocumentContextParameter>"),
                   "CII-SR-04"));
  BOOST_TEST(warns(context("<ram:BusinessProcessSpecifiedDocumentContextParameter/>"
                           "<ram:BusinessProcessSpecifiedDocumentContextParameter/>"),
                   "CII-SR-003"));
  // A fatal one: exactly one guideline parameter.
  BOOST_TEST(rejects(cii("<rsm:ExchangedDocumentContext/>"), "CII-SR-009"));
  BOOST_TEST(!rejects(context(""), "CII-SR-009"));
  BOOST_TEST(warns(cii("<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeSettlement>"
                       "<ram:InvoiceDateTime/></ram:ApplicableHeaderTradeSettlement>"
                       "</rsm:SupplyChainTradeTransaction>"),
                   "CII-SR-346"));
}

BOOST_AUTO_TEST_CASE(cii_sr_454_one_line_tax_per_line) {
  const std::string tax =
      "<ram:ApplicableTradeTax><ram:CategoryCode>S</ram:CategoryCode>"
      "</ram:ApplicableTradeTax>";
  BOOST_TEST(!warns(cii_lines(tax, tax), "CII-SR-454"));
  BOOST_TEST(warns(cii_lines(tax, ""), "CII-SR-454"));         // the second line has none
  BOOST_TEST(warns(cii_lines(tax + tax, tax), "CII-SR-454"));  // the first has two
}

BOOST_AUTO_TEST_CASE(cii_dt_trade_tax_warnings_respect_their_exceptions) {
  const std::string line_basis =
      "<ram:ApplicableTradeTax><ram:BasisAmount>1</ram:BasisAmount></ram:ApplicableTradeTax>";
  BOOST_TEST(warns(cii_lines(line_basis, ""), "CII-DT-041"));
  BOOST_TEST(!warns(
      cii("<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeSettlement>" + line_basis +
          "</ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction>"),
      "CII-DT-041"));
  // An exemption reason belongs in ram:ApplicableTradeTax, not in an allowance's CategoryTradeTax.
  BOOST_TEST(!warns(cii_lines("<ram:ApplicableTradeTax><ram:ExemptionReason>r</ram:ExemptionReason>"
                              "</ram:ApplicableTradeTax>",
                              ""),
                    "CII-DT-098"));
  BOOST_TEST(warns(cii_lines("<ram:SpecifiedTradeAllowanceCharge><ram:CategoryTradeTax>"
                             "<ram:ExemptionReason>r</ram:ExemptionReason></ram:CategoryTradeTax>"
                             "</ram:SpecifiedTradeAllowanceCharge>",
                             ""),
                   "CII-DT-098"));
}

BOOST_AUTO_TEST_CASE(cii_sr_119_gross_price_allowance_only) {
  const auto price = [](const std::string& allowance) {
    return cii(
        "<rsm:SupplyChainTradeTransaction><ram:IncludedSupplyChainTradeLineItem>"
        "<ram:SpecifiedLineTradeAgreement><ram:GrossPriceProductTradePrice>"
        "<ram:ChargeAmount>10</ram:ChargeAmount><ram:AppliedTradeAllowanceCharge>" +
        allowance +
        "</ram:AppliedTradeAllowanceCharge></ram:GrossPriceProductTradePrice>"
        "</ram:SpecifiedLineTradeAgreement></ram:IncludedSupplyChainTradeLineItem>"
        "</rsm:SupplyChainTradeTransaction>");
  };
  const std::string amount = "<ram:ActualAmount>1</ram:ActualAmount>";
  const auto indicator = [](const char* value) {
    return std::string("<ram:ChargeIndicator><udt:Indicator>") + value +
           "</udt:Indicator></ram:ChargeIndicator>";
  };
  BOOST_TEST(!warns(price(indicator("false") + amount), "CII-SR-119"));
  BOOST_TEST(!warns(price(""), "CII-SR-119"));
  BOOST_TEST(warns(price(indicator("true") + amount), "CII-SR-119"));
  BOOST_TEST(warns(price(amount), "CII-SR-119"));
}

BOOST_AUTO_TEST_CASE(br_51_card_number_is_a_warning) {
  const auto card = [](const std::string& number) {
    return ubl(
        "<cac:PaymentMeans><cbc:PaymentMeansCode>48</cbc:PaymentMeansCode><cac:CardAccount>"
        "<cbc:PrimaryAccountNumberID>" +
        number + "</cbc:PrimaryAccountNumberID></cac:CardAccount></cac:PaymentMeans>");
  };
  BOOST_TEST(!warns(card("1234567890"), "BR-51"));
  BOOST_TEST(warns(card("12345678901"), "BR-51"));
  BOOST_TEST(!warns(card("1234  5678"), "BR-51"));  // normalize-space: 9 characters
  const auto cii_card = [](const std::string& number) {
    return cii(
        "<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeSettlement>"
        "<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>48</ram:TypeCode>"
        "<ram:ApplicableTradeSettlementFinancialCard><ram:ID>" +
        number +
        "</ram:ID></ram:ApplicableTradeSettlementFinancialCard>"
        "</ram:SpecifiedTradeSettlementPaymentMeans></ram:ApplicableHeaderTradeSettlement>"
        "</rsm:SupplyChainTradeTransaction>");
  };
  BOOST_TEST(!warns(cii_card("123456"), "BR-51"));
  BOOST_TEST(warns(cii_card("12345678901"), "BR-51"));
}

BOOST_AUTO_TEST_CASE(conformance_rules_carry_official_ids_and_severities) {
  std::map<std::string, model::Severity> rules;
  for (const auto& r : validate::en16931_conformance_rules()) {
    BOOST_TEST(rules.count(std::string(r.id)) == 0u, r.id);  // listed once
    rules.emplace(r.id, r.severity);
  }
  BOOST_TEST((rules.at("UBL-CR-001") == model::Severity::warning));
  BOOST_TEST((rules.at("UBL-CR-682") == model::Severity::warning));
  BOOST_TEST((rules.at("UBL-CR-666") == model::Severity::fatal));
  BOOST_TEST((rules.at("UBL-DT-28") == model::Severity::warning));
  BOOST_TEST((rules.at("CII-SR-001") == model::Severity::warning));
  BOOST_TEST((rules.at("CII-SR-009") == model::Severity::fatal));
  BOOST_TEST((rules.at("CII-DT-067") == model::Severity::warning));
  BOOST_TEST(rules.count("UBL-CR-120") == 0u);  // withdrawn by the artefacts
  BOOST_TEST(rules.size() >= 1150u);
  for (const auto& r : validate::en16931_warning_rules())
    BOOST_TEST((r.severity == model::Severity::warning), r.id);
}

BOOST_AUTO_TEST_SUITE_END()
