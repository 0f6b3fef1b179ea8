#include "validate/locations.h"

#include <array>

namespace validate {

namespace {

struct Place {
  std::string_view term;
  std::string_view ubl;  // below the root element
  std::string_view cii;  // below rsm:CrossIndustryInvoice
};

constexpr std::string_view kAgreement =
    "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement/";
constexpr std::string_view kSettlement =
    "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/";
constexpr std::string_view kSummation =
    "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
    "ram:SpecifiedTradeSettlementHeaderMonetarySummation/";

// CII paths below are relative to one of the prefixes above, named by its first letter:
// 'A' agreement, 'S' settlement, 'M' monetary summation, '/' the root.
constexpr std::array kPlaces{
    Place{"BT-1", "cbc:ID", "/rsm:ExchangedDocument/ram:ID"},
    Place{"BT-2", "cbc:IssueDate", "/rsm:ExchangedDocument/ram:IssueDateTime"},
    Place{"BT-3", "cbc:InvoiceTypeCode", "/rsm:ExchangedDocument/ram:TypeCode"},
    Place{"BT-5", "cbc:DocumentCurrencyCode", "SInvoiceCurrencyCode"},
    Place{"BT-10", "cbc:BuyerReference", "ABuyerReference"},
    Place{"BT-13", "cac:OrderReference/cbc:ID",
          "ABuyerOrderReferencedDocument/ram:IssuerAssignedID"},
    Place{"BT-23", "cbc:ProfileID",
          "/rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter/"
          "ram:ID"},
    Place{"BT-24", "cbc:CustomizationID",
          "/rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID"},
    Place{"BT-27",
          "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
          "ASellerTradeParty/ram:Name"},
    Place{"BT-29", "cac:AccountingSupplierParty/cac:Party", "ASellerTradeParty"},
    Place{"BT-44",
          "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
          "ABuyerTradeParty/ram:Name"},
    Place{"BT-46", "cac:AccountingCustomerParty/cac:Party", "ABuyerTradeParty"},
    Place{"BT-106", "cac:LegalMonetaryTotal/cbc:LineExtensionAmount", "MLineTotalAmount"},
    Place{"BT-109", "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount", "MTaxBasisTotalAmount"},
    Place{"BT-110", "cac:TaxTotal/cbc:TaxAmount", "MTaxTotalAmount"},
    Place{"BT-112", "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount", "MGrandTotalAmount"},
    Place{"BT-113", "cac:LegalMonetaryTotal/cbc:PrepaidAmount", "MTotalPrepaidAmount"},
    Place{"BT-114", "cac:LegalMonetaryTotal/cbc:PayableRoundingAmount", "MRoundingAmount"},
    Place{"BT-115", "cac:LegalMonetaryTotal/cbc:PayableAmount", "MDuePayableAmount"},
};

std::string cii_path(std::string_view relative) {
  std::string path = "/rsm:CrossIndustryInvoice";
  switch (relative.front()) {
    case 'A':
      return path + "/" + std::string(kAgreement) + "ram:" + std::string(relative.substr(1));
    case 'S':
      return path + "/" + std::string(kSettlement) + "ram:" + std::string(relative.substr(1));
    case 'M':
      return path + "/" + std::string(kSummation) + "ram:" + std::string(relative.substr(1));
    default:
      return path + std::string(relative);
  }
}

}  // namespace

std::string location_of(std::string_view term, model::Syntax syntax) {
  for (const auto& place : kPlaces) {
    if (place.term != term) continue;
    std::string out(term);
    if (syntax == model::Syntax::cii) return out + " " + cii_path(place.cii);
    const bool credit_note = syntax == model::Syntax::ubl_credit_note;
    std::string ubl(place.ubl);
    if (credit_note && term == "BT-3") ubl = "cbc:CreditNoteTypeCode";
    return out + (credit_note ? " /CreditNote/" : " /Invoice/") + ubl;
  }
  return std::string(term);
}

}  // namespace validate
