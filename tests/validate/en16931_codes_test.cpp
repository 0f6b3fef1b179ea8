// The EN 16931 code-list rules (BR-CL-*) on small invoices built in code.
#include <boost/test/unit_test.hpp>
#include <set>
#include <string>

#include "validate/code_lists.h"
#include "validate/en16931.h"

namespace {

// Every code this invoice carries is valid.
model::Invoice valid_invoice(model::Syntax syntax = model::Syntax::ubl_invoice) {
  model::Invoice inv;
  inv.syntax = syntax;
  inv.type_code = syntax == model::Syntax::ubl_credit_note ? "381" : "380";
  inv.currency = "EUR";
  inv.tax_currency = "SEK";
  inv.tax_point_date_code = syntax == model::Syntax::cii ? "29" : "35";
  inv.invoiced_object_id = {"OBJ-1", "AAA"};
  inv.seller.ids.push_back({"123", "0088"});
  inv.seller.legal_id = {"456", "0002"};
  inv.seller.electronic_address = {"seller@example.com", "EM"};
  inv.seller.address = model::PostalAddress{};
  inv.seller.address->country_code = "FR";
  inv.buyer.address = model::PostalAddress{};
  inv.buyer.address->country_code = "XI";
  inv.buyer.electronic_address = {"0192:987", "0192"};
  inv.delivery = model::Delivery{};
  inv.delivery->location_id = {"LOC", "0088"};
  model::PaymentInstructions means;
  means.means_code = "58";
  inv.payment_instructions.push_back(means);
  model::AllowanceCharge allowance;
  allowance.charge_indicator = "false";
  allowance.reason_code = "95";
  allowance.vat_category = "S";
  inv.allowances.push_back(allowance);
  model::AllowanceCharge charge;
  charge.charge_indicator = "true";
  charge.reason_code = "FC";
  charge.vat_category = "S";
  inv.charges.push_back(charge);
  model::VatBreakdown vat;
  vat.category_code = "E";
  vat.exemption_reason_code = "vatex-eu-132";  // compared upper-cased
  inv.vat_breakdown.push_back(vat);
  model::SupportingDocument doc;
  doc.has_attachment = true;
  doc.attachment_mime_code = "application/pdf";
  inv.supporting_documents.push_back(doc);
  model::InvoiceLine line;
  line.quantity_unit = "C62";
  line.price.base_quantity_unit = "H87";
  line.vat_category = "S";
  line.object_id = {"X", "ABZ"};
  line.item.origin_country = "1A";
  line.item.standard_id = {"0123456789012", "0160"};
  line.item.classifications.push_back({"12345", "STI", ""});
  inv.lines.push_back(line);
  return inv;
}

std::set<std::string> fired(const model::Invoice& inv) {
  std::set<std::string> ids;
  for (const auto& f : validate::check_en16931(inv))
    if (f.rule.starts_with("BR-CL-")) ids.insert(f.rule);
  return ids;
}

bool fires(const model::Invoice& inv, const std::string& rule) {
  return fired(inv).count(rule) == 1;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(en16931_code_lists)

BOOST_AUTO_TEST_CASE(valid_codes_fire_nothing_in_either_syntax) {
  for (auto syntax :
       {model::Syntax::ubl_invoice, model::Syntax::ubl_credit_note, model::Syntax::cii})
    BOOST_TEST(fired(valid_invoice(syntax)).empty());
  BOOST_TEST(fired(model::Invoice{}).empty());  // absent terms are left to the presence rules
}

BOOST_AUTO_TEST_CASE(rules_carry_official_ids_and_severities) {
  std::set<std::string> ids;
  for (const auto& rule : validate::en16931_rules())
    if (rule.id.starts_with("BR-CL-")) {
      ids.insert(std::string(rule.id));
      BOOST_TEST((rule.severity == model::Severity::fatal), rule.id);
    }
  BOOST_TEST(ids.count("BR-CL-01") == 1);
  BOOST_TEST(ids.count("BR-CL-26") == 1);
}

BOOST_AUTO_TEST_CASE(type_code_list_depends_on_the_document) {
  auto inv = valid_invoice();
  inv.type_code = "381";  // a credit note code in an Invoice
  BOOST_TEST(fires(inv, "BR-CL-01"));
  auto cn = valid_invoice(model::Syntax::ubl_credit_note);
  cn.type_code = "380";
  BOOST_TEST(fires(cn, "BR-CL-01"));
  auto cii = valid_invoice(model::Syntax::cii);
  cii.type_code = "381";  // CII takes both subsets
  BOOST_TEST(!fires(cii, "BR-CL-01"));
  cii.type_code = "999";
  BOOST_TEST(fires(cii, "BR-CL-01"));
  const auto findings = validate::check_en16931(cii);
  const auto it = std::ranges::find(findings, std::string("BR-CL-01"), &model::Finding::rule);
  BOOST_REQUIRE(it != findings.end());
  BOOST_TEST(it->location == "BT-3 /rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:TypeCode");
  BOOST_TEST(it->message ==
             "The document type code MUST be coded by the invoice and credit note related code "
             "lists of UNTDID 1001.");
}

BOOST_AUTO_TEST_CASE(currencies_and_inner_spaces) {
  auto inv = valid_invoice();
  inv.currency = "EURO";
  BOOST_TEST(fires(inv, "BR-CL-04"));
  inv = valid_invoice();
  inv.tax_currency = "S EK";  // normalize-space keeps the inner space: never a code
  BOOST_TEST(fires(inv, "BR-CL-05"));
  inv = valid_invoice();
  inv.currency = "eur";  // case-sensitive
  BOOST_TEST(fires(inv, "BR-CL-04"));
}

BOOST_AUTO_TEST_CASE(vat_point_date_code_list_depends_on_the_syntax) {
  auto ubl = valid_invoice();
  ubl.tax_point_date_code = "29";
  BOOST_TEST(fires(ubl, "BR-CL-06"));
  auto cii = valid_invoice(model::Syntax::cii);
  cii.tax_point_date_code = "35";
  BOOST_TEST(fires(cii, "BR-CL-06"));
}

BOOST_AUTO_TEST_CASE(identifier_schemes) {
  auto inv = valid_invoice();
  inv.buyer.legal_id = {"X", "88"};
  BOOST_TEST(fires(inv, "BR-CL-11"));
  inv = valid_invoice();
  inv.lines[0].item.standard_id.scheme = "GTIN";
  BOOST_TEST(fires(inv, "BR-CL-21"));
  inv = valid_invoice();
  inv.seller.electronic_address.scheme = "0003";  // an ICD code that is not an EAS code
  BOOST_TEST(fires(inv, "BR-CL-25"));
  inv = valid_invoice();
  inv.delivery->location_id.scheme = "GLN";
  BOOST_TEST(fires(inv, "BR-CL-26"));
}

BOOST_AUTO_TEST_CASE(item_classification_and_countries) {
  auto inv = valid_invoice();
  inv.lines[0].item.classifications.push_back({"1", "XX", ""});
  BOOST_TEST(fires(inv, "BR-CL-13"));
  inv = valid_invoice();
  inv.lines[0].item.origin_country = "fr";
  BOOST_TEST(fires(inv, "BR-CL-15"));
}

BOOST_AUTO_TEST_CASE(address_country_codes_and_empty_ones) {
  auto inv = valid_invoice();
  inv.buyer.address->country_code = "ZZ";
  BOOST_TEST(fires(inv, "BR-CL-14"));
  inv = valid_invoice();
  inv.delivery->address = model::PostalAddress{};
  inv.delivery->address->country_code = "fr";
  BOOST_TEST(fires(inv, "BR-CL-14"));
  // An empty code fires, an absent one does not: the reader lists the empty element.
  inv = valid_invoice();
  inv.delivery->address = model::PostalAddress{};
  BOOST_TEST(!fires(inv, "BR-CL-14"));
  inv.empty_elements.push_back("Delivery/DeliveryLocation/Address/Country/IdentificationCode");
  BOOST_TEST(fires(inv, "BR-CL-14"));
  inv.empty_elements = {"InvoiceLine/Item/OriginCountry/IdentificationCode"};  // BR-CL-15's
  BOOST_TEST(!fires(inv, "BR-CL-14"));
  auto cii = valid_invoice(model::Syntax::cii);
  cii.empty_elements.push_back(
      "SupplyChainTradeTransaction/ApplicableHeaderTradeAgreement/BuyerTradeParty/"
      "PostalTradeAddress/CountryID");
  BOOST_TEST(fires(cii, "BR-CL-14"));
  cii.syntax = model::Syntax::ubl_invoice;  // not a UBL path
  BOOST_TEST(!fires(cii, "BR-CL-14"));
}

BOOST_AUTO_TEST_CASE(payment_means_and_vat_categories) {
  auto inv = valid_invoice();
  inv.payment_instructions[0].means_code = "71";
  BOOST_TEST(fires(inv, "BR-CL-16"));

  // UBL: VAT breakdown is a cac:TaxCategory (BR-CL-17); CII: an ApplicableTradeTax (BR-CL-18).
  auto ubl = valid_invoice();
  ubl.vat_breakdown[0].category_code = "X";
  BOOST_TEST(fires(ubl, "BR-CL-17"));
  BOOST_TEST(!fires(ubl, "BR-CL-18"));
  auto cii = valid_invoice(model::Syntax::cii);
  cii.vat_breakdown[0].category_code = "X";
  BOOST_TEST(!fires(cii, "BR-CL-17"));
  BOOST_TEST(fires(cii, "BR-CL-18"));
  ubl = valid_invoice();
  ubl.lines[0].vat_category = "VAT";
  BOOST_TEST(fires(ubl, "BR-CL-18"));
  ubl = valid_invoice();
  ubl.charges[0].vat_category = "Q";
  BOOST_TEST(fires(ubl, "BR-CL-17"));
}

BOOST_AUTO_TEST_CASE(reason_codes_follow_the_charge_indicator) {
  auto inv = valid_invoice();
  inv.allowances[0].reason_code = "FC";  // a charge reason on an allowance
  BOOST_TEST(fires(inv, "BR-CL-19"));
  inv = valid_invoice();
  inv.charges[0].reason_code = "95";  // an allowance reason on a charge
  BOOST_TEST(fires(inv, "BR-CL-20"));
  inv = valid_invoice();
  model::AllowanceCharge line_charge;
  line_charge.charge_indicator = "1";
  line_charge.reason_code = "NOPE";
  inv.lines[0].charges.push_back(line_charge);
  BOOST_TEST(fires(inv, "BR-CL-20"));
  BOOST_TEST(!fires(inv, "BR-CL-19"));
}

BOOST_AUTO_TEST_CASE(exemption_units_and_mime) {
  auto inv = valid_invoice();
  inv.vat_breakdown[0].exemption_reason_code = "VATEX-EU-999";
  BOOST_TEST(fires(inv, "BR-CL-22"));
  inv = valid_invoice();
  inv.lines[0].quantity_unit = "PCS";
  BOOST_TEST(fires(inv, "BR-CL-23"));
  inv = valid_invoice();
  inv.lines[0].price.base_quantity_unit = "c62";
  BOOST_TEST(fires(inv, "BR-CL-23"));
  inv = valid_invoice();
  inv.supporting_documents[0].attachment_mime_code = "application/xml";
  BOOST_TEST(fires(inv, "BR-CL-24"));
  inv = valid_invoice();
  inv.supporting_documents[0].has_attachment = false;  // an external reference only
  inv.supporting_documents[0].attachment_mime_code = "application/xml";
  BOOST_TEST(!fires(inv, "BR-CL-24"));
}

BOOST_AUTO_TEST_CASE(note_subject_code_is_checked_in_cii_only) {
  auto cii = valid_invoice(model::Syntax::cii);
  cii.notes.push_back({"AAI", "note"});
  BOOST_TEST(!fires(cii, "BR-CL-08"));
  cii.notes.push_back({"XYZ", "note"});
  BOOST_TEST(fires(cii, "BR-CL-08"));
  auto ubl = valid_invoice();
  ubl.notes.push_back({"XYZ", "note"});
  BOOST_TEST(!fires(ubl, "BR-CL-08"));
}

BOOST_AUTO_TEST_CASE(code_lists_are_searched_exactly) {
  using validate::codes::contains;
  using validate::codes::List;
  BOOST_TEST(contains(List::iso6523_icd, "0002"));
  BOOST_TEST(contains(List::iso6523_icd, "0240"));
  BOOST_TEST(!contains(List::iso6523_icd, "0001"));
  BOOST_TEST(!contains(List::iso6523_icd, "0103"));
  BOOST_TEST(!contains(List::iso6523_icd, "02a0"));
  BOOST_TEST(!contains(List::iso6523_icd, "88"));
  BOOST_TEST(contains(List::unece_rec20_21, "XZZ"));  // the list is not written in order
  BOOST_TEST(contains(List::unece_rec20_21, "10"));
  BOOST_TEST(contains(List::untdid7161, "DAC"));
  BOOST_TEST(contains(List::cef_eas, "EM"));
  BOOST_TEST(contains(List::iso4217, "ZWG"));
  BOOST_TEST(!contains(List::iso4217, ""));
  BOOST_TEST(!contains(List::mime, "application/pdf "));
}

BOOST_AUTO_TEST_SUITE_END()
