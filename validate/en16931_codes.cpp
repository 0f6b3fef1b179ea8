// EN 16931 code-list rules (BR-CL-*), artefacts 1.3.16. Ids, severities and texts follow the
// official validation artefacts; each rule reads the elements its official context names in
// UBL and in CII. As there, a value is first space-normalised (the parser trims it; a value
// with inner white space is never a code); an empty value is left to the rules on presence,
// except for BR-CL-14, which reads Invoice::empty_elements as the artefacts fire on an empty
// country code.
//
// Where the artefacts read the raw XML rather than a business term (BR-CL-03's amounts,
// BR-CL-07's references by their type code as written, BR-CL-10's identifiers with or without a
// value), the UBL rules read model::SyntaxFacts, recorded by the reader in its single pass.
#include <algorithm>
#include <array>
#include <cctype>

#include "validate/code_lists.h"
#include "validate/en16931_tables.h"

namespace validate {

namespace {

using codes::List;
using model::Finding;
using model::Invoice;
using model::Severity;
using model::Syntax;

bool is_cii(const Invoice& inv) {
  return inv.syntax == Syntax::cii;
}

// normalize-space(value) is one code of the list.
bool coded(List list, std::string_view value) {
  if (value.find_first_of(" \t\r\n") != std::string_view::npos) return false;
  return codes::contains(list, value);
}

// ---- Locations ------------------------------------------------------------------------------

constexpr std::string_view kCiiAgreement =
    "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/";
constexpr std::string_view kCiiDelivery =
    "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeDelivery/";
constexpr std::string_view kCiiSettlement =
    "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/";

std::string indexed(std::string_view element, std::size_t index) {
  return std::string(element) + "[" + std::to_string(index + 1) + "]/";
}

std::string root(const Invoice& inv) {
  switch (inv.syntax) {
    case Syntax::cii:
      return "/rsm:CrossIndustryInvoice/";
    case Syntax::ubl_credit_note:
      return "/CreditNote/";
    case Syntax::ubl_invoice:
      break;
  }
  return "/Invoice/";
}

// "BT-n /Root/path…" in the invoice's own syntax.
std::string where(const Invoice& inv, std::string_view term, std::string_view ubl,
                  std::string_view cii) {
  return std::string(term) + " " + root(inv) + std::string(is_cii(inv) ? cii : ubl);
}

std::string line_path(const Invoice& inv, std::size_t index) {
  if (is_cii(inv))
    return "rsm:SupplyChainTradeTransaction/" +
           indexed("ram:IncludedSupplyChainTradeLineItem", index);
  return indexed(inv.syntax == Syntax::ubl_credit_note ? "cac:CreditNoteLine" : "cac:InvoiceLine",
                 index);
}

void fatal(std::vector<Finding>& out, std::string_view rule, std::string location,
           std::string_view message) {
  out.push_back(
      Finding{std::string(rule), Severity::fatal, std::move(location), std::string(message)});
}

// The four parties, with where each sits and the terms its identifiers are.
struct PartyPlace {
  const model::Party* party;
  std::string ubl;  // below the root, ending with '/'
  std::string cii;
  std::string_view id_term, legal_id_term, country_term, address_term;
};

std::vector<PartyPlace> parties(const Invoice& inv) {
  const std::string agreement(kCiiAgreement), settlement(kCiiSettlement);
  std::vector<PartyPlace> out{
      {&inv.seller, "cac:AccountingSupplierParty/cac:Party/", agreement + "ram:SellerTradeParty/",
       "BT-29-1", "BT-30-1", "BT-40", "BT-34-1"},
      {&inv.buyer, "cac:AccountingCustomerParty/cac:Party/", agreement + "ram:BuyerTradeParty/",
       "BT-46-1", "BT-47-1", "BT-55", "BT-49-1"},
  };
  if (inv.payee)
    out.push_back({&*inv.payee, "cac:PayeeParty/", settlement + "ram:PayeeTradeParty/", "BT-60-1",
                   "BT-61-1", "BG-10", "BG-10"});
  if (inv.tax_representative)
    out.push_back({&*inv.tax_representative, "cac:TaxRepresentativeParty/",
                   agreement + "ram:SellerTaxRepresentativeTradeParty/", "BG-11", "BG-11", "BT-69",
                   "BG-11"});
  return out;
}

// ---- Document level codes -------------------------------------------------------------------

constexpr std::string_view kTypeCodeMessage =
    "The document type code MUST be coded by the invoice and credit note related code lists of "
    "UNTDID 1001.";
void DocumentTypeCode(const Invoice& inv, std::vector<Finding>& out) {
  if (inv.type_code.empty()) return;
  const bool ok = inv.syntax == Syntax::ubl_invoice ? coded(List::untdid1001_invoice, inv.type_code)
                  : inv.syntax == Syntax::ubl_credit_note
                      ? coded(List::untdid1001_credit_note, inv.type_code)
                      : coded(List::untdid1001_invoice, inv.type_code) ||
                            coded(List::untdid1001_credit_note, inv.type_code);
  if (ok) return;
  const std::string_view ubl =
      inv.syntax == Syntax::ubl_credit_note ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode";
  fatal(out, "BR-CL-01", where(inv, "BT-3", ubl, "rsm:ExchangedDocument/ram:TypeCode"),
        kTypeCodeMessage);
}

// UBL: cbc:Amount, BaseAmount, PriceAmount, TaxAmount, TaxableAmount, LineExtensionAmount,
// TaxExclusiveAmount, TaxInclusiveAmount, AllowanceTotalAmount, ChargeTotalAmount,
// PrepaidAmount, PayableRoundingAmount and PayableAmount, wherever they are: normalize-space(
// @currencyID) in the list, so an amount without currencyID fails too. CII: the currencyID of
// ram:TaxTotalAmount, when written.
void AmountCurrencyIds(const Invoice& inv, std::vector<Finding>& out) {
  const auto& facts = inv.syntax_facts;
  bool ok = is_cii(inv) || facts.count(model::SyntaxFacts::amounts_without_currency) == 0;
  for (const auto& id : facts.currency_ids) ok = ok && coded(List::iso4217, id);
  if (ok) return;
  fatal(out, "BR-CL-03",
        where(inv, "currencyID", "cbc:*Amount/@currencyID",
              std::string(kCiiSettlement) +
                  "ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:TaxTotalAmount/"
                  "@currencyID"),
        "currencyID MUST be coded using ISO code list 4217 alpha-3");
}

void InvoiceCurrencyCode(const Invoice& inv, std::vector<Finding>& out) {
  if (inv.currency.empty() || coded(List::iso4217, inv.currency)) return;
  fatal(out, "BR-CL-04",
        where(inv, "BT-5", "cbc:DocumentCurrencyCode",
              std::string(kCiiSettlement) + "ram:InvoiceCurrencyCode"),
        "Invoice currency code MUST be coded using ISO code list 4217 alpha-3");
}

void TaxCurrencyCode(const Invoice& inv, std::vector<Finding>& out) {
  if (inv.tax_currency.empty() || coded(List::iso4217, inv.tax_currency)) return;
  fatal(out, "BR-CL-05",
        where(inv, "BT-6", "cbc:TaxCurrencyCode",
              std::string(kCiiSettlement) + "ram:TaxCurrencyCode"),
        "Tax currency code MUST be coded using ISO code list 4217 alpha-3");
}

// UBL: UNTDID 2005 subset in cac:InvoicePeriod/cbc:DescriptionCode; CII: UNTDID 2475 subset in
// ram:DueDateTypeCode.
void VatPointDateCode(const Invoice& inv, std::vector<Finding>& out) {
  if (inv.tax_point_date_code.empty()) return;
  if (is_cii(inv)) {
    if (coded(List::untdid2475_subset, inv.tax_point_date_code)) return;
    fatal(out, "BR-CL-06",
          where(inv, "BT-8", "",
                std::string(kCiiSettlement) + "ram:ApplicableTradeTax/ram:DueDateTypeCode"),
          "Value added tax point date code MUST be coded using a restriction of UNTDID 2475.");
    return;
  }
  if (coded(List::untdid2005_subset, inv.tax_point_date_code)) return;
  fatal(out, "BR-CL-06", where(inv, "BT-8", "cac:InvoicePeriod/cbc:DescriptionCode", ""),
        "Value added tax point date code MUST be coded using a restriction of UNTDID 2005.");
}

// UBL: the cbc:ID/@schemeID of every cac:AdditionalDocumentReference or cac:DocumentReference
// whose cbc:DocumentTypeCode is written '130' (SyntaxFacts::object_id_schemes). CII: BT-18-1
// and BT-128-1.
constexpr std::string_view kObjectSchemeMessage =
    "Object identifier identification scheme identifier MUST be coded using a restriction of "
    "UNTDID 1153.";
void ObjectIdentifierScheme(const Invoice& inv, std::vector<Finding>& out) {
  if (!is_cii(inv)) {
    for (const auto& scheme : inv.syntax_facts.object_id_schemes)
      if (!coded(List::untdid1153, scheme))
        fatal(out, "BR-CL-07",
              where(inv, "BT-18-1/BT-128-1", "cac:*DocumentReference/cbc:ID/@schemeID", ""),
              kObjectSchemeMessage);
    return;
  }
  const auto& scheme = inv.invoiced_object_id.scheme;
  if (!scheme.empty() && !coded(List::untdid1153, scheme))
    fatal(out, "BR-CL-07",
          where(inv, "BT-18-1", "cac:AdditionalDocumentReference/cbc:ID/@schemeID",
                std::string(kCiiAgreement) +
                    "ram:AdditionalReferencedDocument/ram:ReferenceTypeCode"),
          kObjectSchemeMessage);
  for (std::size_t i = 0; i < inv.lines.size(); ++i) {
    const auto& line_scheme = inv.lines[i].object_id.scheme;
    if (line_scheme.empty() || coded(List::untdid1153, line_scheme)) continue;
    const auto line = line_path(inv, i);
    fatal(out, "BR-CL-07",
          where(inv, "BT-128-1", line + "cac:DocumentReference/cbc:ID/@schemeID",
                line + "ram:SpecifiedLineTradeSettlement/ram:AdditionalReferencedDocument/"
                       "ram:ReferenceTypeCode"),
          kObjectSchemeMessage);
  }
}

// CII only: UBL has no element for the subject code, and its artefacts no such rule.
void NoteSubjectCode(const Invoice& inv, std::vector<Finding>& out) {
  if (!is_cii(inv)) return;
  for (std::size_t i = 0; i < inv.notes.size(); ++i) {
    const auto& code = inv.notes[i].subject_code;
    if (code.empty() || coded(List::untdid4451, code)) continue;
    fatal(out, "BR-CL-08",
          where(inv, "BT-21", "",
                "rsm:ExchangedDocument/" + indexed("ram:IncludedNote", i) + "ram:SubjectCode"),
          "Subject Code MUST be coded using a restriction of UNTDID 4451.");
  }
}

// ---- Identifier schemes ---------------------------------------------------------------------

constexpr std::string_view kPartyIdSchemeMessage =
    "Any identifier identification scheme identifier MUST be coded using one of the ISO 6523 ICD "
    "list.";
// UBL: the schemeID of every cac:PartyIdentification/cbc:ID, value or not, "SEPA" accepted only
// below the seller or the payee (SyntaxFacts::party_id_schemes: the model drops identifiers
// without a value and turns UBL "SEPA" ones into BT-90). CII: BT-29-1, BT-46-1, BT-60-1.
void PartyIdentifierScheme(const Invoice& inv, std::vector<Finding>& out) {
  if (!is_cii(inv)) {
    for (const auto& id : inv.syntax_facts.party_id_schemes) {
      if (coded(List::iso6523_icd, id.scheme) || (id.sepa_allowed && id.scheme == "SEPA")) continue;
      fatal(out, "BR-CL-10",
            where(inv, "BT-29-1/BT-46-1/BT-60-1", "cac:PartyIdentification/cbc:ID/@schemeID", ""),
            kPartyIdSchemeMessage);
    }
    return;
  }
  for (const auto& place : parties(inv)) {
    const auto& ids = place.party->ids;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const auto& scheme = ids[i].scheme;
      if (scheme.empty() || coded(List::iso6523_icd, scheme)) continue;
      fatal(out, "BR-CL-10",
            where(inv, place.id_term,
                  place.ubl + indexed("cac:PartyIdentification", i) + "cbc:ID/@schemeID",
                  place.cii + "ram:GlobalID/@schemeID"),
            kPartyIdSchemeMessage);
    }
  }
}

void LegalRegistrationScheme(const Invoice& inv, std::vector<Finding>& out) {
  for (const auto& place : parties(inv)) {
    const auto& scheme = place.party->legal_id.scheme;
    if (scheme.empty() || coded(List::iso6523_icd, scheme)) continue;
    fatal(
        out, "BR-CL-11",
        where(inv, place.legal_id_term, place.ubl + "cac:PartyLegalEntity/cbc:CompanyID/@schemeID",
              place.cii + "ram:SpecifiedLegalOrganization/ram:ID/@schemeID"),
        "Any registration identifier identification scheme identifier MUST be coded using one "
        "of the ISO 6523 ICD list.");
  }
}

void ElectronicAddressScheme(const Invoice& inv, std::vector<Finding>& out) {
  for (const auto& place : parties(inv)) {
    const auto& scheme = place.party->electronic_address.scheme;
    if (scheme.empty() || coded(List::cef_eas, scheme)) continue;
    fatal(out, "BR-CL-25",
          where(inv, place.address_term, place.ubl + "cbc:EndpointID/@schemeID",
                place.cii + "ram:URIUniversalCommunication/ram:URIID/@schemeID"),
          "Endpoint identifier scheme identifier MUST belong to the CEF EAS code list");
  }
}

void DeliveryLocationScheme(const Invoice& inv, std::vector<Finding>& out) {
  if (!inv.delivery) return;
  const auto& scheme = inv.delivery->location_id.scheme;
  if (scheme.empty() || coded(List::iso6523_icd, scheme)) return;
  fatal(out, "BR-CL-26",
        where(inv, "BT-71-1", "cac:Delivery/cac:DeliveryLocation/cbc:ID/@schemeID",
              std::string(kCiiDelivery) + "ram:ShipToTradeParty/ram:GlobalID/@schemeID"),
        "Delivery location identifier scheme identifier MUST belong to the ISO 6523 ICD code "
        "list");
}

// ---- Countries ------------------------------------------------------------------------------

constexpr std::string_view kCountryMessage =
    "Country codes in an invoice MUST be coded using ISO code list 3166-1";
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// An empty <cbc:IdentificationCode/> (UBL cac:Country) or <ram:CountryID/> fires in the
// artefacts, an absent one does not: the model holds both as "", Invoice::empty_elements tells
// them apart (CEN cases ubl-invoice/BR-IC-12.xml #2-#4).
void AddressCountryCode(const Invoice& inv, std::vector<Finding>& out) {
  const std::string_view empty_code =
      inv.syntax == model::Syntax::cii ? "CountryID" : "Country/IdentificationCode";
  for (const auto& path : inv.empty_elements)
    if (path == empty_code || ends_with(path, "/" + std::string(empty_code))) {
      fatal(out, "BR-CL-14",
            where(inv, "BT-40/BT-55/BT-69/BT-80", "cac:Country/cbc:IdentificationCode",
                  "ram:CountryID"),
            kCountryMessage);
      break;
    }
  const auto check = [&](const std::optional<model::PostalAddress>& address, std::string_view term,
                         const std::string& ubl, const std::string& cii) {
    if (!address || address->country_code.empty() || coded(List::iso3166, address->country_code))
      return;
    fatal(out, "BR-CL-14",
          where(inv, term, ubl + "cac:Country/cbc:IdentificationCode", cii + "ram:CountryID"),
          kCountryMessage);
  };
  for (const auto& place : parties(inv))
    check(place.party->address, place.country_term, place.ubl + "cac:PostalAddress/",
          place.cii + "ram:PostalTradeAddress/");
  if (inv.delivery)
    check(inv.delivery->address, "BT-80", "cac:Delivery/cac:DeliveryLocation/cac:Address/",
          std::string(kCiiDelivery) + "ram:ShipToTradeParty/ram:PostalTradeAddress/");
}

// ---- Payment, VAT, allowances and charges ---------------------------------------------------

void PaymentMeansCode(const Invoice& inv, std::vector<Finding>& out) {
  for (std::size_t i = 0; i < inv.payment_instructions.size(); ++i) {
    const auto& code = inv.payment_instructions[i].means_code;
    if (code.empty() || coded(List::untdid4461, code)) continue;
    fatal(out, "BR-CL-16",
          where(inv, "BT-81", indexed("cac:PaymentMeans", i) + "cbc:PaymentMeansCode",
                std::string(kCiiSettlement) +
                    indexed("ram:SpecifiedTradeSettlementPaymentMeans", i) + "ram:TypeCode"),
          is_cii(inv) ? "Payment means in an invoice MUST be coded using UNTDID 4461 code list"
                      : "Payment means in an invoice MUST be coded using UNCL4461 code list");
  }
}

// The VAT category codes each rule covers: UBL BR-CL-17 is every cac:TaxCategory (document
// allowances and charges, VAT breakdown) and BR-CL-18 every cac:ClassifiedTaxCategory (lines);
// CII BR-CL-17 is ram:CategoryTradeTax (document allowances and charges) and BR-CL-18 every
// ram:ApplicableTradeTax (VAT breakdown, lines).
struct CategoryCode {
  std::string_view code;
  std::string_view term;
  std::string location;
};

void document_allowance_charge_categories(const Invoice& inv, std::vector<CategoryCode>& out) {
  std::size_t ubl_index = 0, cii_index = 0;
  for (const auto* list : {&inv.allowances, &inv.charges})
    for (const auto& ac : *list) {
      const bool charge = list == &inv.charges;
      out.push_back({ac.vat_category, charge ? "BT-102" : "BT-95",
                     is_cii(inv)
                         ? std::string(kCiiSettlement) +
                               indexed("ram:SpecifiedTradeAllowanceCharge", cii_index++) +
                               "ram:CategoryTradeTax/ram:CategoryCode"
                         : indexed("cac:AllowanceCharge", ubl_index++) + "cac:TaxCategory/cbc:ID"});
    }
}

void breakdown_categories(const Invoice& inv, std::vector<CategoryCode>& out) {
  for (std::size_t i = 0; i < inv.vat_breakdown.size(); ++i)
    out.push_back(
        {inv.vat_breakdown[i].category_code, "BT-118",
         is_cii(inv) ? std::string(kCiiSettlement) + indexed("ram:ApplicableTradeTax", i) +
                           "ram:CategoryCode"
                     : "cac:TaxTotal/" + indexed("cac:TaxSubtotal", i) + "cac:TaxCategory/cbc:ID"});
}

void line_categories(const Invoice& inv, std::vector<CategoryCode>& out) {
  for (std::size_t i = 0; i < inv.lines.size(); ++i)
    out.push_back({inv.lines[i].vat_category, "BT-151",
                   line_path(inv, i) +
                       (is_cii(inv) ? "ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/"
                                      "ram:CategoryCode"
                                    : "cac:Item/cac:ClassifiedTaxCategory/cbc:ID")});
}

void report_categories(const Invoice& inv, std::string_view rule,
                       const std::vector<CategoryCode>& categories, std::string_view message,
                       std::vector<Finding>& out) {
  for (const auto& c : categories) {
    if (c.code.empty() || coded(List::untdid5305, c.code)) continue;
    fatal(out, rule, std::string(c.term) + " " + root(inv) + c.location, message);
  }
}

void TaxCategoryCode(const Invoice& inv, std::vector<Finding>& out) {
  std::vector<CategoryCode> categories;
  document_allowance_charge_categories(inv, categories);
  if (!is_cii(inv)) breakdown_categories(inv, categories);
  report_categories(inv, "BR-CL-17", categories,
                    is_cii(inv) ? "Invoice tax categories MUST be coded using UNCL 5305 code list"
                                : "Invoice tax categories MUST be coded using UNCL5305 code list",
                    out);
}

void ClassifiedTaxCategoryCode(const Invoice& inv, std::vector<Finding>& out) {
  std::vector<CategoryCode> categories;
  if (is_cii(inv)) breakdown_categories(inv, categories);
  line_categories(inv, categories);
  report_categories(inv, "BR-CL-18", categories,
                    is_cii(inv) ? "Invoice tax categories MUST be coded using UNCL 5305 code list"
                                : "Invoice tax categories MUST be coded using UNCL5305 code list",
                    out);
}

// Every allowance or charge, at document or line level, whose charge indicator reads as the
// boolean `charge` ("true"/"1" or "false"/"0", as xs:boolean casts it).
template <typename Visit>
void each_allowance_charge(const Invoice& inv, bool charge, Visit visit) {
  const auto matches = [charge](const model::AllowanceCharge& ac) {
    const auto& v = ac.charge_indicator;
    return charge ? v == "true" || v == "1" : v == "false" || v == "0";
  };
  std::size_t n = 0;
  for (const auto* list : {&inv.allowances, &inv.charges})
    for (const auto& ac : *list) {
      const std::size_t index = n++;
      if (matches(ac))
        visit(ac,
              std::string(is_cii(inv) ? kCiiSettlement : "") +
                  indexed(is_cii(inv) ? "ram:SpecifiedTradeAllowanceCharge" : "cac:AllowanceCharge",
                          index));
    }
  for (std::size_t l = 0; l < inv.lines.size(); ++l) {
    std::size_t m = 0;
    for (const auto* list : {&inv.lines[l].allowances, &inv.lines[l].charges})
      for (const auto& ac : *list) {
        const std::size_t index = m++;
        if (matches(ac))
          visit(ac, line_path(inv, l) +
                        (is_cii(inv) ? "ram:SpecifiedLineTradeSettlement/" +
                                           indexed("ram:SpecifiedTradeAllowanceCharge", index)
                                     : indexed("cac:AllowanceCharge", index)));
      }
  }
}

void AllowanceReasonCode(const Invoice& inv, std::vector<Finding>& out) {
  each_allowance_charge(inv, false, [&](const model::AllowanceCharge& ac, const std::string& at) {
    if (ac.reason_code.empty() || coded(List::untdid5189, ac.reason_code)) return;
    fatal(out, "BR-CL-19",
          where(inv, "BT-98", at + "cbc:AllowanceChargeReasonCode", at + "ram:ReasonCode"),
          "Coded allowance reasons MUST belong to the UNCL 5189 code list");
  });
}

void ChargeReasonCode(const Invoice& inv, std::vector<Finding>& out) {
  each_allowance_charge(inv, true, [&](const model::AllowanceCharge& ac, const std::string& at) {
    if (ac.reason_code.empty() || coded(List::untdid7161, ac.reason_code)) return;
    fatal(out, "BR-CL-20",
          where(inv, "BT-105", at + "cbc:AllowanceChargeReasonCode", at + "ram:ReasonCode"),
          "Coded charge reasons MUST belong to the UNCL 7161 code list");
  });
}

// The artefacts compare the upper-cased code.
void VatExemptionReasonCode(const Invoice& inv, std::vector<Finding>& out) {
  for (std::size_t i = 0; i < inv.vat_breakdown.size(); ++i) {
    std::string code = inv.vat_breakdown[i].exemption_reason_code;
    if (code.empty()) continue;
    std::ranges::transform(code, code.begin(),
                           [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (coded(List::vatex, code)) continue;
    fatal(out, "BR-CL-22",
          where(inv, "BT-121",
                "cac:TaxTotal/" + indexed("cac:TaxSubtotal", i) +
                    "cac:TaxCategory/cbc:TaxExemptionReasonCode",
                std::string(kCiiSettlement) + indexed("ram:ApplicableTradeTax", i) +
                    "ram:ExemptionReasonCode"),
          "Tax exemption reason code identifier scheme identifier MUST belong to the CEF VATEX "
          "code list");
  }
}

// ---- Lines and items ------------------------------------------------------------------------

void ItemClassificationScheme(const Invoice& inv, std::vector<Finding>& out) {
  for (std::size_t l = 0; l < inv.lines.size(); ++l) {
    const auto& classes = inv.lines[l].item.classifications;
    for (std::size_t i = 0; i < classes.size(); ++i) {
      if (classes[i].list_id.empty() || coded(List::untdid7143, classes[i].list_id)) continue;
      const auto line = line_path(inv, l);
      fatal(out, "BR-CL-13",
            where(inv, "BT-158-1",
                  line + "cac:Item/" + indexed("cac:CommodityClassification", i) +
                      "cbc:ItemClassificationCode/@listID",
                  line + "ram:SpecifiedTradeProduct/" +
                      indexed("ram:DesignatedProductClassification", i) + "ram:ClassCode/@listID"),
            "Item classification identifier identification scheme identifier MUST be coded "
            "using one of the UNTDID 7143 list.");
    }
  }
}

void ItemOriginCountry(const Invoice& inv, std::vector<Finding>& out) {
  for (std::size_t l = 0; l < inv.lines.size(); ++l) {
    const auto& country = inv.lines[l].item.origin_country;
    if (country.empty() || coded(List::iso3166, country)) continue;
    const auto line = line_path(inv, l);
    fatal(out, "BR-CL-15",
          where(inv, "BT-159", line + "cac:Item/cac:OriginCountry/cbc:IdentificationCode",
                line + "ram:SpecifiedTradeProduct/ram:OriginTradeCountry/ram:ID"),
          kCountryMessage);
  }
}

void ItemStandardIdentifierScheme(const Invoice& inv, std::vector<Finding>& out) {
  for (std::size_t l = 0; l < inv.lines.size(); ++l) {
    const auto& scheme = inv.lines[l].item.standard_id.scheme;
    if (scheme.empty() || coded(List::iso6523_icd, scheme)) continue;
    const auto line = line_path(inv, l);
    fatal(out, "BR-CL-21",
          where(inv, "BT-157-1", line + "cac:Item/cac:StandardItemIdentification/cbc:ID/@schemeID",
                line + "ram:SpecifiedTradeProduct/ram:GlobalID/@schemeID"),
          "Item standard identifier scheme identifier MUST belong to the ISO 6523 ICD code "
          "list");
  }
}

constexpr std::string_view kUnitMessage =
    "Unit code MUST be coded according to the UN/ECE Recommendation 20 with Rec 21 extension";
void UnitCode(const Invoice& inv, std::vector<Finding>& out) {
  const bool credit_note = inv.syntax == Syntax::ubl_credit_note;
  for (std::size_t l = 0; l < inv.lines.size(); ++l) {
    const auto& line = inv.lines[l];
    const auto path = line_path(inv, l);
    if (!line.quantity_unit.empty() && !coded(List::unece_rec20_21, line.quantity_unit))
      fatal(out, "BR-CL-23",
            where(inv, "BT-130",
                  path + (credit_note ? "cbc:CreditedQuantity/@unitCode"
                                      : "cbc:InvoicedQuantity/@unitCode"),
                  path + "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity/@unitCode"),
            kUnitMessage);
    const auto& base_unit = line.price.base_quantity_unit;
    if (!base_unit.empty() && !coded(List::unece_rec20_21, base_unit))
      fatal(out, "BR-CL-23",
            where(inv, "BT-150", path + "cac:Price/cbc:BaseQuantity/@unitCode",
                  path + "ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/"
                         "ram:BasisQuantity/@unitCode"),
            kUnitMessage);
  }
}

// ---- Attachments ----------------------------------------------------------------------------

// The artefacts compare the attribute as written, without normalising it.
void AttachmentMimeCode(const Invoice& inv, std::vector<Finding>& out) {
  for (std::size_t i = 0; i < inv.supporting_documents.size(); ++i) {
    const auto& doc = inv.supporting_documents[i];
    if (!doc.has_attachment || doc.attachment_mime_code.empty() ||
        codes::contains(List::mime, doc.attachment_mime_code))
      continue;
    fatal(out, "BR-CL-24",
          where(inv, "BT-125-1",
                indexed("cac:AdditionalDocumentReference", i) +
                    "cac:Attachment/cbc:EmbeddedDocumentBinaryObject/@mimeCode",
                std::string(kCiiAgreement) + indexed("ram:AdditionalReferencedDocument", i) +
                    "ram:AttachmentBinaryObject/@mimeCode"),
          "For Mime code in attribute use MIMEMediaType.");
  }
}

constexpr std::array kRules{
    BusinessRule{"BR-CL-01", Severity::fatal,
                 "Invoice type code (BT-3) in the UNTDID 1001 invoice or credit note subset",
                 DocumentTypeCode},
    BusinessRule{"BR-CL-03", Severity::fatal, "Amount currencyIDs in ISO 4217", AmountCurrencyIds},
    BusinessRule{"BR-CL-04", Severity::fatal, "Invoice currency code (BT-5) in ISO 4217",
                 InvoiceCurrencyCode},
    BusinessRule{"BR-CL-05", Severity::fatal, "VAT accounting currency code (BT-6) in ISO 4217",
                 TaxCurrencyCode},
    BusinessRule{"BR-CL-06", Severity::fatal,
                 "Value added tax point date code (BT-8) in UNTDID 2005 (UBL) / 2475 (CII)",
                 VatPointDateCode},
    BusinessRule{"BR-CL-07", Severity::fatal,
                 "Object identifier schemes (BT-18-1, BT-128-1) in UNTDID 1153",
                 ObjectIdentifierScheme},
    BusinessRule{"BR-CL-08", Severity::fatal, "Invoice note subject code (BT-21) in UNTDID 4451",
                 NoteSubjectCode},
    BusinessRule{"BR-CL-10", Severity::fatal,
                 "Party identifier schemes (BT-29-1, BT-46-1, BT-60-1) in ISO 6523 ICD",
                 PartyIdentifierScheme},
    BusinessRule{"BR-CL-11", Severity::fatal,
                 "Legal registration identifier schemes (BT-30-1, BT-47-1, BT-61-1) in ISO 6523 "
                 "ICD",
                 LegalRegistrationScheme},
    BusinessRule{"BR-CL-13", Severity::fatal,
                 "Item classification identifier scheme (BT-158-1) in UNTDID 7143",
                 ItemClassificationScheme},
    BusinessRule{"BR-CL-14", Severity::fatal,
                 "Country codes (BT-40, BT-55, BT-69, BT-80) in ISO 3166-1", AddressCountryCode},
    BusinessRule{"BR-CL-15", Severity::fatal, "Item country of origin (BT-159) in ISO 3166-1",
                 ItemOriginCountry},
    BusinessRule{"BR-CL-16", Severity::fatal, "Payment means type code (BT-81) in UNTDID 4461",
                 PaymentMeansCode},
    BusinessRule{"BR-CL-17", Severity::fatal,
                 "VAT category codes (UBL cac:TaxCategory, CII ram:CategoryTradeTax) in UNTDID "
                 "5305",
                 TaxCategoryCode},
    BusinessRule{"BR-CL-18", Severity::fatal,
                 "VAT category codes (UBL cac:ClassifiedTaxCategory, CII ram:ApplicableTradeTax) "
                 "in UNTDID 5305",
                 ClassifiedTaxCategoryCode},
    BusinessRule{"BR-CL-19", Severity::fatal,
                 "Allowance reason codes (BT-98, BT-140) in UNTDID 5189", AllowanceReasonCode},
    BusinessRule{"BR-CL-20", Severity::fatal, "Charge reason codes (BT-105, BT-145) in UNTDID 7161",
                 ChargeReasonCode},
    BusinessRule{"BR-CL-21", Severity::fatal,
                 "Item standard identifier scheme (BT-157-1) in ISO 6523 ICD",
                 ItemStandardIdentifierScheme},
    BusinessRule{"BR-CL-22", Severity::fatal,
                 "VAT exemption reason code (BT-121) in the CEF VATEX list",
                 VatExemptionReasonCode},
    BusinessRule{"BR-CL-23", Severity::fatal,
                 "Unit codes (BT-130, BT-150) in UN/ECE Recommendation 20 with Rec 21", UnitCode},
    BusinessRule{"BR-CL-24", Severity::fatal, "Attachment MIME code (BT-125-1) in MIMEMediaType",
                 AttachmentMimeCode},
    BusinessRule{"BR-CL-25", Severity::fatal,
                 "Electronic address schemes (BT-34-1, BT-49-1) in the CEF EAS list",
                 ElectronicAddressScheme},
    BusinessRule{"BR-CL-26", Severity::fatal,
                 "Deliver to location identifier scheme (BT-71-1) in ISO 6523 ICD",
                 DeliveryLocationScheme},
};

}  // namespace

std::span<const BusinessRule> code_list_rules() {
  return kRules;
}

}  // namespace validate
