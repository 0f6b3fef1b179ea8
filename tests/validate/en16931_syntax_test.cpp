// The syntax-binding rules (UBL-SR-*, UBL-DT-*, CII-DT-*) and BR-CO-09 on small documents read
// through ingest::InvoiceReader: each fires on a document that breaks it and stays quiet on one
// that keeps it.
#include <boost/test/unit_test.hpp>
#include <set>
#include <string>

#include "ingest/ingest.h"
#include "validate/en16931.h"

namespace {

std::set<std::string> fired(const std::string& xml) {
  ingest::InvoiceReader reader;
  auto result = reader.read(xml, "test.xml");
  BOOST_TEST_REQUIRE(result.invoice.has_value());
  std::set<std::string> ids;
  for (const auto& f : validate::check_en16931(*result.invoice)) ids.insert(f.rule);
  return ids;
}

std::string ubl(const std::string& body) {
  return R"(<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" )"
         R"(xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" )"
         R"(xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">)" +
         body + "</Invoice>";
}

std::string cii(const std::string& body) {
  return R"(<rsm:CrossIndustryInvoice )"
         R"(xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" )"
         R"(xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">)" +
         body + "</rsm:CrossIndustryInvoice>";
}

std::string line(const std::string& item) {
  return "<cac:InvoiceLine><cbc:ID>1</cbc:ID><cac:Item><cbc:Name>x</cbc:Name>" + item +
         "</cac:Item></cac:InvoiceLine>";
}

const std::string kCategory =
    "<cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cac:TaxScheme><cbc:ID>VAT</cbc:ID>"
    "</cac:TaxScheme></cac:ClassifiedTaxCategory>";

std::string seller_tax_scheme(const std::string& inside) {
  return "<cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme>" + inside +
         "</cac:PartyTaxScheme></cac:Party></cac:AccountingSupplierParty>";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(en16931_syntax)

BOOST_AUTO_TEST_CASE(ubl_sr_48_one_classified_tax_category_per_line) {
  BOOST_TEST(fired(ubl(line(kCategory))).count("UBL-SR-48") == 0u);
  BOOST_TEST(fired(ubl(line(""))).count("UBL-SR-48") == 1u);
  BOOST_TEST(fired(ubl(line(kCategory + kCategory))).count("UBL-SR-48") == 1u);
}

BOOST_AUTO_TEST_CASE(ubl_sr_53_party_tax_scheme_needs_company_id_and_scheme) {
  const std::string scheme = "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>";
  BOOST_TEST(fired(ubl(seller_tax_scheme("<cbc:CompanyID>FR1</cbc:CompanyID>" + scheme)))
                 .count("UBL-SR-53") == 0u);
  BOOST_TEST(fired(ubl(seller_tax_scheme(scheme))).count("UBL-SR-53") == 1u);
  BOOST_TEST(
      fired(ubl(seller_tax_scheme("<cbc:CompanyID>FR1</cbc:CompanyID>"))).count("UBL-SR-53") == 1u);
}

BOOST_AUTO_TEST_CASE(br_co_09_checks_every_vat_identifier) {
  const std::string scheme = "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>";
  const auto two = [&](const std::string& second) {
    return ubl(
        "<cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>FR1"
        "</cbc:CompanyID>" +
        scheme + "</cac:PartyTaxScheme><cac:PartyTaxScheme><cbc:CompanyID>" + second +
        "</cbc:CompanyID>" + scheme +
        "</cac:PartyTaxScheme></cac:Party></cac:AccountingSupplierParty>");
  };
  BOOST_TEST(fired(two("EL123")).count("BR-CO-09") == 0u);
  BOOST_TEST(fired(two("123")).count("BR-CO-09") == 1u);   // the second one breaks it
  BOOST_TEST(fired(two("123")).count("UBL-SR-12") == 1u);  // and makes two VAT identifiers
  const auto buyer = [](const std::string& id) {
    return cii(
        "<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeAgreement>"
        "<ram:BuyerTradeParty><ram:SpecifiedTaxRegistration><ram:ID schemeID=\"VA\">" +
        id +
        "</ram:ID></ram:SpecifiedTaxRegistration></ram:BuyerTradeParty>"
        "</ram:ApplicableHeaderTradeAgreement></rsm:SupplyChainTradeTransaction>");
  };
  BOOST_TEST(fired(buyer("DE123")).count("BR-CO-09") == 0u);
  BOOST_TEST(fired(buyer("QQ123")).count("BR-CO-09") == 1u);
}

BOOST_AUTO_TEST_CASE(ubl_sr_19_to_21_payee_differs_from_seller) {
  const std::string seller =
      "<cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>S"
      "</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>";
  const auto payee = [](const std::string& name) {
    return "<cac:PayeeParty><cac:PartyName><cbc:Name>" + name +
           "</cbc:Name></cac:PartyName></cac:PayeeParty>";
  };
  const auto other = fired(ubl(seller + payee("P")));
  BOOST_TEST(other.count("UBL-SR-19") == 0u);
  BOOST_TEST(other.count("UBL-SR-20") == 0u);
  BOOST_TEST(other.count("UBL-SR-21") == 0u);
  const auto same = fired(ubl(seller + payee("S")));
  BOOST_TEST(same.count("UBL-SR-19") == 1u);
  BOOST_TEST(same.count("UBL-SR-20") == 1u);
  BOOST_TEST(same.count("UBL-SR-21") == 1u);
  BOOST_TEST(fired(ubl(seller)).count("UBL-SR-19") == 0u);  // no payee
}

BOOST_AUTO_TEST_CASE(ubl_occurrence_limits) {
  BOOST_TEST(fired(ubl("<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>1</cbc:ID>"
                       "</cac:InvoiceDocumentReference></cac:BillingReference>"))
                 .count("UBL-SR-07") == 0u);
  BOOST_TEST(fired(ubl("<cac:BillingReference><cac:InvoiceDocumentReference><cbc:IssueDate>"
                       "2024-01-01</cbc:IssueDate></cac:InvoiceDocumentReference>"
                       "</cac:BillingReference>"))
                 .count("UBL-SR-07") == 1u);
  const auto means = [](const char* a, const char* b) {
    return ubl(std::string("<cac:PaymentMeans><cbc:PaymentMeansCode>") + a +
               "</cbc:PaymentMeansCode></cac:PaymentMeans><cac:PaymentMeans>"
               "<cbc:PaymentMeansCode>" +
               b + "</cbc:PaymentMeansCode></cac:PaymentMeans>");
  };
  BOOST_TEST(fired(means("30", "30")).count("UBL-SR-47") == 0u);
  BOOST_TEST(fired(means("30", "58")).count("UBL-SR-47") == 1u);
  BOOST_TEST(fired(ubl("<cac:InvoicePeriod/><cac:InvoicePeriod/>")).count("UBL-SR-08") == 1u);
  BOOST_TEST(fired(ubl("<cac:InvoicePeriod/>")).count("UBL-SR-08") == 0u);
}

BOOST_AUTO_TEST_CASE(ubl_dt_06_07_binary_object_attributes) {
  const auto doc = [](const std::string& attributes) {
    return ubl(
        "<cac:AdditionalDocumentReference><cbc:ID>A</cbc:ID><cac:Attachment>"
        "<cbc:EmbeddedDocumentBinaryObject" +
        attributes +
        ">QUJD</cbc:EmbeddedDocumentBinaryObject></cac:Attachment>"
        "</cac:AdditionalDocumentReference>");
  };
  const auto both = fired(doc(R"( mimeCode="text/csv" filename="a.csv")"));
  BOOST_TEST(both.count("UBL-DT-06") == 0u);
  BOOST_TEST(both.count("UBL-DT-07") == 0u);
  const auto none = fired(doc(""));
  BOOST_TEST(none.count("UBL-DT-06") == 1u);
  BOOST_TEST(none.count("UBL-DT-07") == 1u);
}

BOOST_AUTO_TEST_CASE(cii_dt_031_amount_without_currency) {
  const auto doc = [](const std::string& attributes) {
    return cii(
        "<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeSettlement>"
        "<ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount" +
        attributes +
        ">1.00</ram:LineTotalAmount><ram:TaxTotalAmount currencyID=\"EUR\">0.20"
        "</ram:TaxTotalAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>"
        "</ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction>");
  };
  BOOST_TEST(fired(doc("")).count("CII-DT-031") == 0u);
  BOOST_TEST(fired(doc(R"( currencyID="EUR")")).count("CII-DT-031") == 1u);
}

// ---- Rules that read the raw XML recorded in model::SyntaxFacts ----------------------------

BOOST_AUTO_TEST_CASE(br_cl_03_every_ubl_amount_needs_an_iso_4217_currency_id) {
  const auto total = [](const std::string& attributes) {
    return ubl("<cac:LegalMonetaryTotal><cbc:PayableAmount" + attributes +
               ">1.00</cbc:PayableAmount></cac:LegalMonetaryTotal>");
  };
  BOOST_TEST(fired(total(R"( currencyID="EUR")")).count("BR-CL-03") == 0u);
  BOOST_TEST(fired(total("")).count("BR-CL-03") == 1u);                        // no currencyID
  BOOST_TEST(fired(total(R"( currencyID="")")).count("BR-CL-03") == 1u);       // an empty one
  BOOST_TEST(fired(total(R"( currencyID="EURO")")).count("BR-CL-03") == 1u);   // not ISO 4217
  BOOST_TEST(fired(total(R"( currencyID=" EUR ")")).count("BR-CL-03") == 0u);  // normalised
  // Amounts outside the rule's context are not checked.
  BOOST_TEST(fired(ubl("<cac:PaymentTerms><cbc:PaymentPercent>1</cbc:PaymentPercent>"
                       "<cbc:SettlementDiscountAmount>1</cbc:SettlementDiscountAmount>"
                       "</cac:PaymentTerms>"))
                 .count("BR-CL-03") == 0u);
}

BOOST_AUTO_TEST_CASE(br_cl_03_in_cii_reads_only_tax_total_amount) {
  const auto doc = [](const std::string& line_total, const std::string& tax_total) {
    return cii(
        "<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeSettlement>"
        "<ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount" +
        line_total + ">1.00</ram:LineTotalAmount><ram:TaxTotalAmount" + tax_total +
        ">0.20</ram:TaxTotalAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>"
        "</ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction>");
  };
  BOOST_TEST(fired(doc("", R"( currencyID="EUR")")).count("BR-CL-03") == 0u);
  BOOST_TEST(fired(doc("", "")).count("BR-CL-03") == 0u);  // no currencyID: not in the context
  BOOST_TEST(fired(doc("", R"( currencyID="XXY")")).count("BR-CL-03") == 1u);
  BOOST_TEST(fired(doc(R"( currencyID="XXY")", R"( currencyID="EUR")")).count("BR-CL-03") == 0u);
}

BOOST_AUTO_TEST_CASE(br_cl_07_line_reference_scheme_only_for_type_code_130) {
  const auto doc = [](const std::string& type_code) {
    return ubl(
        "<cac:InvoiceLine><cbc:ID>1</cbc:ID><cac:DocumentReference>"
        "<cbc:ID schemeID=\"XXA\">R1</cbc:ID>" +
        type_code + "</cac:DocumentReference></cac:InvoiceLine>");
  };
  BOOST_TEST(fired(doc("<cbc:DocumentTypeCode>130</cbc:DocumentTypeCode>")).count("BR-CL-07") ==
             1u);
  BOOST_TEST(fired(doc("")).count("BR-CL-07") == 0u);
  BOOST_TEST(fired(doc("<cbc:DocumentTypeCode>100</cbc:DocumentTypeCode>")).count("BR-CL-07") ==
             0u);
  BOOST_TEST(fired(ubl("<cac:AdditionalDocumentReference><cbc:ID schemeID=\"AAA\"/>"
                       "<cbc:DocumentTypeCode>130</cbc:DocumentTypeCode>"
                       "</cac:AdditionalDocumentReference>"))
                 .count("BR-CL-07") == 0u);
}

BOOST_AUTO_TEST_CASE(br_cl_10_checks_every_party_identification_scheme) {
  const auto party = [](const std::string& role, const std::string& id) {
    return ubl("<cac:" + role + "><cac:Party><cac:PartyIdentification>" + id +
               "</cac:PartyIdentification></cac:Party></cac:" + role + ">");
  };
  const std::string seller = "AccountingSupplierParty", buyer = "AccountingCustomerParty";
  BOOST_TEST(fired(party(seller, R"(<cbc:ID schemeID="0088">1</cbc:ID>)")).count("BR-CL-10") == 0u);
  BOOST_TEST(fired(party(seller, R"(<cbc:ID schemeID="XX">1</cbc:ID>)")).count("BR-CL-10") == 1u);
  BOOST_TEST(fired(party(buyer, R"(<cbc:ID schemeID="XX"/>)")).count("BR-CL-10") == 1u);  // empty
  BOOST_TEST(fired(party(seller, R"(<cbc:ID schemeID="SEPA">C1</cbc:ID>)")).count("BR-CL-10") ==
             0u);
  BOOST_TEST(fired(party(buyer, R"(<cbc:ID schemeID="SEPA">C1</cbc:ID>)")).count("BR-CL-10") == 1u);
  BOOST_TEST(fired(party(buyer, "<cbc:ID>1</cbc:ID>")).count("BR-CL-10") == 0u);  // no scheme
}

BOOST_AUTO_TEST_CASE(ubl_sr_43_scheme_only_for_the_invoiced_object) {
  const auto doc = [](const std::string& inside) {
    return ubl("<cac:AdditionalDocumentReference>" + inside + "</cac:AdditionalDocumentReference>");
  };
  BOOST_TEST(fired(doc("<cbc:ID>A</cbc:ID>")).count("UBL-SR-43") == 0u);
  BOOST_TEST(fired(doc(R"(<cbc:ID schemeID="AAA">A</cbc:ID>)"
                       "<cbc:DocumentTypeCode>130</cbc:DocumentTypeCode>"))
                 .count("UBL-SR-43") == 0u);
  BOOST_TEST(fired(doc(R"(<cbc:ID schemeID="AAA">A</cbc:ID>)")).count("UBL-SR-43") == 1u);
  BOOST_TEST(fired(doc("<cbc:ID>A</cbc:ID><cbc:DocumentTypeCode>100</cbc:DocumentTypeCode>"))
                 .count("UBL-SR-43") == 1u);
  // "50" only in a credit note.
  BOOST_TEST(fired(doc("<cbc:ID>A</cbc:ID><cbc:DocumentTypeCode>50</cbc:DocumentTypeCode>"))
                 .count("UBL-SR-43") == 1u);
  const std::string credit_note =
      R"(<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" )"
      R"(xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" )"
      R"(xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">)"
      "<cac:AdditionalDocumentReference><cbc:ID>A</cbc:ID>"
      "<cbc:DocumentTypeCode>50</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>"
      "</CreditNote>";
  BOOST_TEST(fired(credit_note).count("UBL-SR-43") == 0u);
}

BOOST_AUTO_TEST_CASE(ubl_dt_01_amounts_with_at_most_two_decimals) {
  const auto total = [](const std::string& value) {
    return ubl("<cac:LegalMonetaryTotal><cbc:PayableAmount currencyID=\"EUR\">" + value +
               "</cbc:PayableAmount></cac:LegalMonetaryTotal>");
  };
  BOOST_TEST(fired(total("1.25")).count("UBL-DT-01") == 0u);
  BOOST_TEST(fired(total("12")).count("UBL-DT-01") == 0u);
  BOOST_TEST(fired(total("1.250")).count("UBL-DT-01") == 1u);
  // Prices and what is below a price are out of the context.
  const auto price = [](const std::string& inside) {
    return ubl("<cac:InvoiceLine><cbc:ID>1</cbc:ID><cac:Price>" + inside +
               "</cac:Price></cac:InvoiceLine>");
  };
  BOOST_TEST(fired(price("<cbc:PriceAmount currencyID=\"EUR\">1.2345</cbc:PriceAmount>"))
                 .count("UBL-DT-01") == 0u);
  BOOST_TEST(fired(price("<cac:AllowanceCharge><cbc:Amount currencyID=\"EUR\">0.125</cbc:Amount>"
                         "</cac:AllowanceCharge>"))
                 .count("UBL-DT-01") == 0u);
}

BOOST_AUTO_TEST_CASE(br_af_04_compares_the_charge_category_as_written) {
  const auto charge = [](const std::string& category) {
    return ubl(
        "<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator>"
        "<cbc:Amount currencyID=\"EUR\">10</cbc:Amount><cac:TaxCategory><cbc:ID>" +
        category +
        "</cbc:ID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>"
        "</cac:AllowanceCharge>");
  };
  BOOST_TEST(fired(charge("L")).count("BR-AF-04") == 1u);  // no seller VAT or tax identifier
  BOOST_TEST(fired(charge(" L ")).count("BR-AF-04") == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
