// EN 16931 syntax-binding rules of the official artefacts (UBL-SR-*, UBL-DT-*, CII-SR-*,
// CII-DT-*), version 1.3.16. They test the raw XML (occurrences, attributes), which the reader
// records in model::SyntaxFacts during its single pass. The UBL-SR rules whose context repeats
// (UBL-SR-04, 22, 23, 25…28, 30…33, 51) and the CII-DT rules but CII-DT-031 are read off the
// recorded element paths instead, with the conformance rules (en16931_conformance.cpp).
#include <array>
#include <string>

#include "validate/en16931_tables.h"

namespace validate {

namespace {

using model::Finding;
using model::Invoice;
using model::Severity;
using C = model::SyntaxFacts;
using Line = model::SyntaxFacts::Line;

void fatal(std::vector<Finding>& out, std::string_view rule, std::string_view location,
           std::string_view message) {
  out.push_back(
      Finding{std::string(rule), Severity::fatal, std::string(location), std::string(message)});
}

bool is_ubl(const Invoice& inv) {
  return inv.syntax != model::Syntax::cii;
}

// "… shall occur maximum once" (or `limit` times) over a document-level count.
template <C::Count count, int limit = 1>
bool over(const Invoice& inv) {
  return inv.syntax_facts.count(count) > limit;
}
template <std::uint8_t Line::*count>
bool any_line_over_once(const Invoice& inv) {
  for (const auto& line : inv.syntax_facts.lines)
    if (line.*count > 1) return true;
  return false;
}

// A rule of the UBL syntax binding: fires once when `broken` holds on a UBL document.
#define UBL_RULE(Name, id, where, broken, message)               \
  void Name(const Invoice& inv, std::vector<Finding>& out) {     \
    if (is_ubl(inv) && (broken)) fatal(out, id, where, message); \
  }

// The payee's name differs from the seller's registration name: XPath `!=` over both node sets
// (true when some pair differs; false when either side is absent).
bool payee_differs_from_seller(const Invoice& inv) {
  const auto& f = inv.syntax_facts;
  for (const auto& p : f.payee_names)
    for (const auto& s : f.seller_registration_values)
      if (p != s) return true;
  return false;
}

UBL_RULE(ContractIdOnce, "UBL-SR-01", "ContractDocumentReference/ID", (over<C::contract_ids>(inv)),
         "Contract identifier shall occur maximum once.")
UBL_RULE(ReceiptIdOnce, "UBL-SR-02", "ReceiptDocumentReference/ID", (over<C::receipt_ids>(inv)),
         "Receive advice identifier shall occur maximum once")
UBL_RULE(DespatchIdOnce, "UBL-SR-03", "DespatchDocumentReference/ID", (over<C::despatch_ids>(inv)),
         "Despatch advice identifier shall occur maximum once")
UBL_RULE(PaymentTermsOnce, "UBL-SR-05", "PaymentTerms/Note", (over<C::payment_terms_notes>(inv)),
         "Payment terms shall occur maximum once")
UBL_RULE(PrecedingInvoiceOnce, "UBL-SR-06", "BillingReference",
         (inv.syntax_facts.count(C::billing_references_with_many) > 0),
         "Preceding invoice reference shall occur maximum once")
UBL_RULE(PrecedingInvoiceNumber, "UBL-SR-07", "BillingReference",
         (inv.syntax_facts.count(C::billing_references_without_id) > 0),
         "If there is a preceding invoice reference, the preceding invoice number shall be present")
UBL_RULE(InvoicePeriodOnce, "UBL-SR-08", "InvoicePeriod", (over<C::invoice_periods>(inv)),
         "Invoice period shall occur maximum once")
UBL_RULE(SellerNameOnce, "UBL-SR-09", "AccountingSupplierParty",
         (over<C::seller_registration_names>(inv)), "Seller name shall occur maximum once")
UBL_RULE(SellerTradingNameOnce, "UBL-SR-10", "AccountingSupplierParty",
         (over<C::seller_party_names>(inv)), "Seller trader name shall occur maximum once")
UBL_RULE(SellerLegalIdOnce, "UBL-SR-11", "AccountingSupplierParty",
         (over<C::seller_legal_ids>(inv)),
         "Seller legal registration identifier shall occur maximum once")
UBL_RULE(SellerVatIdOnce, "UBL-SR-12", "AccountingSupplierParty",
         (over<C::seller_vat_company_ids>(inv)), "Seller VAT identifier shall occur maximum once")
UBL_RULE(SellerTaxRegistrationOnce, "UBL-SR-13", "AccountingSupplierParty",
         (over<C::seller_other_company_ids>(inv)),
         "Seller tax registration shall occur maximum once")
UBL_RULE(SellerLegalInfoOnce, "UBL-SR-14", "AccountingSupplierParty",
         (over<C::seller_legal_forms>(inv)),
         "Seller additional legal information shall occur maximum once")
UBL_RULE(BuyerNameOnce, "UBL-SR-15", "AccountingCustomerParty",
         (over<C::buyer_registration_names>(inv)), "Buyer name shall occur maximum once")
UBL_RULE(BuyerIdOnce, "UBL-SR-16", "AccountingCustomerParty", (over<C::buyer_party_ids>(inv)),
         "Buyer identifier shall occur maximum once")
UBL_RULE(BuyerLegalIdOnce, "UBL-SR-17", "AccountingCustomerParty", (over<C::buyer_legal_ids>(inv)),
         "Buyer legal registration identifier shall occur maximum once")
UBL_RULE(BuyerVatIdOnce, "UBL-SR-18", "AccountingCustomerParty",
         (over<C::buyer_vat_company_ids>(inv)), "Buyer VAT identifier shall occur maximum once")
UBL_RULE(PayeeNameOnce, "UBL-SR-19", "PayeeParty",
         (inv.payee &&
          !(inv.syntax_facts.payee_names.size() <= 1 && payee_differs_from_seller(inv))),
         "Payee name shall occur maximum once, if the Payee is different from the Seller")
UBL_RULE(PayeeIdOnce, "UBL-SR-20", "PayeeParty",
         (inv.payee &&
          !(inv.syntax_facts.count(C::payee_non_sepa_ids) <= 1 && payee_differs_from_seller(inv))),
         "Payee identifier shall occur maximum once, if the Payee is different from the Seller")
UBL_RULE(PayeeLegalIdOnce, "UBL-SR-21", "PayeeParty",
         (inv.payee &&
          !(inv.syntax_facts.count(C::payee_legal_ids) <= 1 && payee_differs_from_seller(inv))),
         "Payee legal registration identifier shall occur maximum once, if the Payee is different "
         "from the Seller")
UBL_RULE(DeliveryOnce, "UBL-SR-24", "Delivery", (over<C::deliveries>(inv)),
         "Deliver to information shall occur maximum once")
UBL_RULE(BankCreditorReferenceOnce, "UBL-SR-29", "PartyIdentification/ID", (over<C::sepa_ids>(inv)),
         "Bank creditor reference shall occur maximum once")
UBL_RULE(LineNoteOnce, "UBL-SR-34", "InvoiceLine", (any_line_over_once<&Line::notes>(inv)),
         "Invoice line note shall occur maximum once")
UBL_RULE(LineOrderReferenceOnce, "UBL-SR-35", "InvoiceLine",
         (any_line_over_once<&Line::order_line_ids>(inv)),
         "Referenced purchase order line identifier shall occur maximum once")
UBL_RULE(LinePeriodOnce, "UBL-SR-36", "InvoiceLine", (any_line_over_once<&Line::periods>(inv)),
         "Invoice line period shall occur maximum once")
UBL_RULE(PriceDiscountOnce, "UBL-SR-37", "InvoiceLine",
         (any_line_over_once<&Line::price_discounts>(inv)),
         "Item price discount shall occur maximum once")
UBL_RULE(ProjectReferenceOnce, "UBL-SR-39", "ProjectReference/ID", (over<C::project_ids>(inv)),
         "Project reference shall occur maximum once.")
UBL_RULE(BuyerTradingNameOnce, "UBL-SR-40", "AccountingCustomerParty",
         (over<C::buyer_party_names>(inv)), "Buyer trade name shall occur maximum once")
UBL_RULE(SellerTaxSchemesAtMostTwice, "UBL-SR-42", "AccountingSupplierParty",
         (over<C::seller_party_tax_schemes, 2>(inv)),
         "Party tax scheme shall occur maximum twice in accounting supplier party")
UBL_RULE(OnePaymentId, "UBL-SR-44", "PaymentMeans/PaymentID",
         (inv.syntax_facts.payment_ids.size() > 1),
         "An Invoice may only have one unique PaymentID, but the PaymentID may be used for "
         "multiple PaymentMeans")
UBL_RULE(DueDateOnce, "UBL-SR-45", "PaymentMeans/PaymentDueDate", (over<C::payment_due_dates>(inv)),
         "Due Date shall occur maximum once")
UBL_RULE(PaymentMeansTextOnce, "UBL-SR-46", "PaymentMeans/PaymentMeansCode",
         (over<C::payment_means_names>(inv)), "Payment means text shall occur maximum once")
UBL_RULE(OnePaymentMeansCode, "UBL-SR-47", "PaymentMeans/PaymentMeansCode",
         (inv.syntax_facts.payment_means_codes.size() > 1),
         "When there are more than one payment means code, they shall be equal")
UBL_RULE(OneClassifiedTaxCategory, "UBL-SR-48", "InvoiceLine/Item/ClassifiedTaxCategory", ([&] {
           for (const auto& line : inv.syntax_facts.lines)
             if (line.classified_tax_categories != 1) return true;
           return false;
         }()),
         "Invoice lines shall have one and only one classified tax category.")
UBL_RULE(TaxPointDateCodeOnce, "UBL-SR-49", "InvoicePeriod/DescriptionCode",
         (over<C::invoice_period_description_codes>(inv)),
         "Value tax point date shall occur maximum once")
UBL_RULE(ItemDescriptionOnce, "UBL-SR-50", "InvoiceLine/Item/Description",
         (any_line_over_once<&Line::item_descriptions>(inv)),
         "Item description shall occur maximum once")
UBL_RULE(LineDocumentReferenceOnce, "UBL-SR-52", "InvoiceLine/DocumentReference",
         (any_line_over_once<&Line::document_references>(inv)),
         "Document reference shall occur maximum once")
UBL_RULE(
    TaxSchemeWithCompanyId, "UBL-SR-53", "PartyTaxScheme",
    (inv.syntax_facts.count(C::incomplete_party_tax_schemes) > 0),
    " CompanyID (VAT Identifier) must be stated when providing the PartyTaxScheme/TaxScheme/ID.")
// (cbc:DocumentTypeCode='130') or (CreditNote and cbc:DocumentTypeCode='50') or
// (not(cbc:ID/@schemeID) and not(cbc:DocumentTypeCode)), type codes compared as written.
bool any_reference_misused(const Invoice& inv) {
  const bool credit_note = inv.syntax == model::Syntax::ubl_credit_note;
  for (const auto& ref : inv.syntax_facts.additional_references) {
    const bool ok = ref.type_code_130 || (credit_note && ref.type_code_50) ||
                    (!ref.id_has_scheme && !ref.has_type_code);
    if (!ok) return true;
  }
  return false;
}
UBL_RULE(SchemeOnlyForInvoicedObject, "UBL-SR-43", "AdditionalDocumentReference",
         any_reference_misused(inv),
         "Scheme identifier shall only be used for invoiced object (document type code with "
         "value 130 or 50)")
// string-length(substring-after(., '.')) <= 2 on every *Amount but *PriceAmount and those
// below cac:Price.
UBL_RULE(AmountDecimals, "UBL-DT-01", "*Amount",
         (inv.syntax_facts.count(C::amounts_over_two_decimals) > 0),
         "Amounts shall be decimal up to two fraction digits")
UBL_RULE(BinaryObjectMimeCode, "UBL-DT-06", "EmbeddedDocumentBinaryObject",
         (inv.syntax_facts.count(C::binaries_without_mime_code) > 0),
         "Binary object elements shall contain the mime code attribute")
UBL_RULE(BinaryObjectFilename, "UBL-DT-07", "EmbeddedDocumentBinaryObject",
         (inv.syntax_facts.count(C::binaries_without_filename) > 0),
         "Binary object elements shall contain the file name attribute")

#undef UBL_RULE

void AmountWithoutCurrency(const Invoice& inv, std::vector<Finding>& out) {
  if (!is_ubl(inv) && inv.syntax_facts.count(C::cii_amounts_with_currency) > 0)
    fatal(out, "CII-DT-031", "/CrossIndustryInvoice//ram:*Amount",
          "currencyID should not be present");
}

constexpr std::array kRules{
    BusinessRule{"UBL-SR-01", Severity::fatal, "Contract identifier at most once", ContractIdOnce},
    BusinessRule{"UBL-SR-02", Severity::fatal, "Receive advice identifier at most once",
                 ReceiptIdOnce},
    BusinessRule{"UBL-SR-03", Severity::fatal, "Despatch advice identifier at most once",
                 DespatchIdOnce},
    BusinessRule{"UBL-SR-05", Severity::fatal, "Payment terms at most once", PaymentTermsOnce},
    BusinessRule{"UBL-SR-06", Severity::fatal, "Preceding invoice reference at most once",
                 PrecedingInvoiceOnce},
    BusinessRule{"UBL-SR-07", Severity::fatal, "Preceding invoice number present",
                 PrecedingInvoiceNumber},
    BusinessRule{"UBL-SR-08", Severity::fatal, "Invoice period at most once", InvoicePeriodOnce},
    BusinessRule{"UBL-SR-09", Severity::fatal, "Seller name at most once", SellerNameOnce},
    BusinessRule{"UBL-SR-10", Severity::fatal, "Seller trader name at most once",
                 SellerTradingNameOnce},
    BusinessRule{"UBL-SR-11", Severity::fatal, "Seller legal registration id at most once",
                 SellerLegalIdOnce},
    BusinessRule{"UBL-SR-12", Severity::fatal, "Seller VAT identifier at most once",
                 SellerVatIdOnce},
    BusinessRule{"UBL-SR-13", Severity::fatal, "Seller tax registration at most once",
                 SellerTaxRegistrationOnce},
    BusinessRule{"UBL-SR-14", Severity::fatal, "Seller additional legal information at most once",
                 SellerLegalInfoOnce},
    BusinessRule{"UBL-SR-15", Severity::fatal, "Buyer name at most once", BuyerNameOnce},
    BusinessRule{"UBL-SR-16", Severity::fatal, "Buyer identifier at most once", BuyerIdOnce},
    BusinessRule{"UBL-SR-17", Severity::fatal, "Buyer legal registration id at most once",
                 BuyerLegalIdOnce},
    BusinessRule{"UBL-SR-18", Severity::fatal, "Buyer VAT identifier at most once", BuyerVatIdOnce},
    BusinessRule{"UBL-SR-19", Severity::fatal, "Payee name at most once", PayeeNameOnce},
    BusinessRule{"UBL-SR-20", Severity::fatal, "Payee identifier at most once", PayeeIdOnce},
    BusinessRule{"UBL-SR-21", Severity::fatal, "Payee legal registration id at most once",
                 PayeeLegalIdOnce},
    BusinessRule{"UBL-SR-24", Severity::fatal, "Deliver to information at most once", DeliveryOnce},
    BusinessRule{"UBL-SR-29", Severity::fatal, "Bank creditor reference at most once",
                 BankCreditorReferenceOnce},
    BusinessRule{"UBL-SR-34", Severity::fatal, "Invoice line note at most once", LineNoteOnce},
    BusinessRule{"UBL-SR-35", Severity::fatal, "Purchase order line reference at most once",
                 LineOrderReferenceOnce},
    BusinessRule{"UBL-SR-36", Severity::fatal, "Invoice line period at most once", LinePeriodOnce},
    BusinessRule{"UBL-SR-37", Severity::fatal, "Item price discount at most once",
                 PriceDiscountOnce},
    BusinessRule{"UBL-SR-39", Severity::fatal, "Project reference at most once",
                 ProjectReferenceOnce},
    BusinessRule{"UBL-SR-40", Severity::fatal, "Buyer trade name at most once",
                 BuyerTradingNameOnce},
    BusinessRule{"UBL-SR-42", Severity::fatal, "Seller party tax scheme at most twice",
                 SellerTaxSchemesAtMostTwice},
    BusinessRule{"UBL-SR-43", Severity::fatal, "Scheme identifier only for invoiced object",
                 SchemeOnlyForInvoicedObject},
    BusinessRule{"UBL-SR-44", Severity::fatal, "One unique PaymentID", OnePaymentId},
    BusinessRule{"UBL-SR-45", Severity::fatal, "Due date at most once", DueDateOnce},
    BusinessRule{"UBL-SR-46", Severity::fatal, "Payment means text at most once",
                 PaymentMeansTextOnce},
    BusinessRule{"UBL-SR-47", Severity::fatal, "Payment means codes equal", OnePaymentMeansCode},
    BusinessRule{"UBL-SR-48", Severity::fatal, "One classified tax category per line",
                 OneClassifiedTaxCategory},
    BusinessRule{"UBL-SR-49", Severity::fatal, "Value tax point date at most once",
                 TaxPointDateCodeOnce},
    BusinessRule{"UBL-SR-50", Severity::fatal, "Item description at most once",
                 ItemDescriptionOnce},
    BusinessRule{"UBL-SR-52", Severity::fatal, "Line document reference at most once",
                 LineDocumentReferenceOnce},
    BusinessRule{"UBL-SR-53", Severity::fatal, "PartyTaxScheme has CompanyID and TaxScheme/ID",
                 TaxSchemeWithCompanyId},
    BusinessRule{"UBL-DT-01", Severity::fatal, "Amounts with at most two decimals", AmountDecimals},
    BusinessRule{"UBL-DT-06", Severity::fatal, "Binary object has mimeCode", BinaryObjectMimeCode},
    BusinessRule{"UBL-DT-07", Severity::fatal, "Binary object has filename", BinaryObjectFilename},
    BusinessRule{"CII-DT-031", Severity::fatal, "Amount without currencyID", AmountWithoutCurrency},
};

}  // namespace

std::span<const BusinessRule> syntax_rules() {
  return kRules;
}

}  // namespace validate
