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
    Place{"BT-44",
          "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
          "ABuyerTradeParty/ram:Name"},
    Place{"BT-46", "cac:AccountingCustomerParty/cac:Party", "ABuyerTradeParty"},
    Place{"BT-7", "cbc:TaxPointDate", "SApplicableTradeTax/ram:TaxPointDate"},
    Place{"BT-9", "cbc:DueDate", "SSpecifiedTradePaymentTerms/ram:DueDateDateTime"},
    Place{"BT-25", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID",
          "SInvoiceReferencedDocument/ram:IssuerAssignedID"},
    Place{"BT-29", "cac:AccountingSupplierParty/cac:Party", "ASellerTradeParty"},
    Place{"BT-34", "cac:AccountingSupplierParty/cac:Party/cbc:EndpointID",
          "ASellerTradeParty/ram:URIUniversalCommunication/ram:URIID"},
    Place{"BG-5", "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress",
          "ASellerTradeParty/ram:PostalTradeAddress"},
    Place{"BT-40",
          "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress/cac:Country/"
          "cbc:IdentificationCode",
          "ASellerTradeParty/ram:PostalTradeAddress/ram:CountryID"},
    Place{"BG-8", "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress",
          "ABuyerTradeParty/ram:PostalTradeAddress"},
    Place{"BT-49", "cac:AccountingCustomerParty/cac:Party/cbc:EndpointID",
          "ABuyerTradeParty/ram:URIUniversalCommunication/ram:URIID"},
    Place{"BT-55",
          "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress/cac:Country/"
          "cbc:IdentificationCode",
          "ABuyerTradeParty/ram:PostalTradeAddress/ram:CountryID"},
    Place{"BT-59", "cac:PayeeParty/cac:PartyName/cbc:Name", "SPayeeTradeParty/ram:Name"},
    Place{"BT-62", "cac:TaxRepresentativeParty/cac:PartyName/cbc:Name",
          "ASellerTaxRepresentativeTradeParty/ram:Name"},
    Place{"BT-63", "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:CompanyID",
          "ASellerTaxRepresentativeTradeParty/ram:SpecifiedTaxRegistration/ram:ID"},
    Place{"BG-12", "cac:TaxRepresentativeParty/cac:PostalAddress",
          "ASellerTaxRepresentativeTradeParty/ram:PostalTradeAddress"},
    Place{"BT-69",
          "cac:TaxRepresentativeParty/cac:PostalAddress/cac:Country/cbc:IdentificationCode",
          "ASellerTaxRepresentativeTradeParty/ram:PostalTradeAddress/ram:CountryID"},
    Place{"BT-74", "cac:InvoicePeriod/cbc:EndDate", "SBillingSpecifiedPeriod/ram:EndDateTime"},
    Place{"BG-14", "cac:InvoicePeriod", "SBillingSpecifiedPeriod"},
    Place{"BT-80",
          "cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode",
          "/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeDelivery/ram:ShipToTradeParty/"
          "ram:PostalTradeAddress/ram:CountryID"},
    Place{"BT-81", "cac:PaymentMeans/cbc:PaymentMeansCode",
          "SSpecifiedTradeSettlementPaymentMeans/ram:TypeCode"},
    Place{"BT-84", "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID",
          "SSpecifiedTradeSettlementPaymentMeans/ram:PayeePartyCreditorFinancialAccount"},
    Place{"BT-86",
          "cac:PaymentMeans/cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID",
          "SSpecifiedTradeSettlementPaymentMeans/ram:PayeeSpecifiedCreditorFinancialInstitution/"
          "ram:BICID"},
    Place{"BT-92", "cac:AllowanceCharge/cbc:Amount",
          "SSpecifiedTradeAllowanceCharge/ram:ActualAmount"},
    Place{"BT-93", "cac:AllowanceCharge/cbc:BaseAmount",
          "SSpecifiedTradeAllowanceCharge/ram:BasisAmount"},
    Place{"BT-95", "cac:AllowanceCharge/cac:TaxCategory/cbc:ID",
          "SSpecifiedTradeAllowanceCharge/ram:CategoryTradeTax/ram:CategoryCode"},
    Place{"BT-97", "cac:AllowanceCharge/cbc:AllowanceChargeReason",
          "SSpecifiedTradeAllowanceCharge/ram:Reason"},
    Place{"BT-99", "cac:AllowanceCharge/cbc:Amount",
          "SSpecifiedTradeAllowanceCharge/ram:ActualAmount"},
    Place{"BT-100", "cac:AllowanceCharge/cbc:BaseAmount",
          "SSpecifiedTradeAllowanceCharge/ram:BasisAmount"},
    Place{"BT-102", "cac:AllowanceCharge/cac:TaxCategory/cbc:ID",
          "SSpecifiedTradeAllowanceCharge/ram:CategoryTradeTax/ram:CategoryCode"},
    Place{"BT-104", "cac:AllowanceCharge/cbc:AllowanceChargeReason",
          "SSpecifiedTradeAllowanceCharge/ram:Reason"},
    Place{"BT-107", "cac:LegalMonetaryTotal/cbc:AllowanceTotalAmount", "MAllowanceTotalAmount"},
    Place{"BT-108", "cac:LegalMonetaryTotal/cbc:ChargeTotalAmount", "MChargeTotalAmount"},
    Place{"BT-111", "cac:TaxTotal/cbc:TaxAmount", "MTaxTotalAmount"},
    Place{"BG-23", "cac:TaxTotal/cac:TaxSubtotal", "SApplicableTradeTax"},
    Place{"BT-116", "cac:TaxTotal/cac:TaxSubtotal/cbc:TaxableAmount",
          "SApplicableTradeTax/ram:BasisAmount"},
    Place{"BT-117", "cac:TaxTotal/cac:TaxSubtotal/cbc:TaxAmount",
          "SApplicableTradeTax/ram:CalculatedAmount"},
    Place{"BT-118", "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID",
          "SApplicableTradeTax/ram:CategoryCode"},
    Place{"BT-119", "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Percent",
          "SApplicableTradeTax/ram:RateApplicablePercent"},
    Place{"BT-122", "cac:AdditionalDocumentReference/cbc:ID",
          "AAdditionalReferencedDocument/ram:IssuerAssignedID"},
    Place{"BG-25", "cac:InvoiceLine",
          "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem"},
    Place{"BT-126", "cac:InvoiceLine/cbc:ID",
          "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
          "ram:AssociatedDocumentLineDocument/ram:LineID"},
    Place{"BT-129", "cac:InvoiceLine/cbc:InvoicedQuantity",
          "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
          "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity"},
    Place{"BT-130", "cac:InvoiceLine/cbc:InvoicedQuantity/@unitCode",
          "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
          "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity/@unitCode"},
    Place{"BT-131", "cac:InvoiceLine/cbc:LineExtensionAmount",
          "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
          "ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/"
          "ram:LineTotalAmount"},
    Place{"BG-26", "cac:InvoiceLine/cac:InvoicePeriod",
          "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
          "ram:SpecifiedLineTradeSettlement/ram:BillingSpecifiedPeriod"},
    Place{"BT-135", "cac:InvoiceLine/cac:InvoicePeriod/cbc:EndDate",
          "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
          "ram:SpecifiedLineTradeSettlement/ram:BillingSpecifiedPeriod/ram:EndDateTime"},
    Place{"BT-136", "cac:InvoiceLine/cac:AllowanceCharge/cbc:Amount",
          "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
          "ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge/ram:ActualAmount"},
    Place{"BT-137", "cac:InvoiceLine/cac:AllowanceCharge/cbc:BaseAmount",
          "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
          "ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge/ram:BasisAmount"},
    Place{"BT-139", "cac:InvoiceLine/cac:AllowanceCharge/cbc:AllowanceChargeReason",
          "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
          "ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge/ram:Reason"},
    Place{"BT-141", "cac:InvoiceLine/cac:AllowanceCharge/cbc:Amount",
          "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
          "ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge/ram:ActualAmount"},
    Place{"BT-142", "cac:InvoiceLine/cac:AllowanceCharge/cbc:BaseAmount",
          "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
          "ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge/ram:BasisAmount"},
    Place{"BT-144", "cac:InvoiceLine/cac:AllowanceCharge/cbc:AllowanceChargeReason",
          "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
          "ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge/ram:Reason"},
    Place{"BT-146", "cac:InvoiceLine/cac:Price/cbc:PriceAmount",
          "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
          "ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount"},
    Place{"BT-148", "cac:InvoiceLine/cac:Price/cac:AllowanceCharge/cbc:BaseAmount",
          "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
          "ram:SpecifiedLineTradeAgreement/ram:GrossPriceProductTradePrice/ram:ChargeAmount"},
    Place{"BT-151", "cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:ID",
          "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
          "ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode"},
    Place{"BT-153", "cac:InvoiceLine/cac:Item/cbc:Name",
          "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
          "ram:SpecifiedTradeProduct/ram:Name"},
    Place{"BT-157", "cac:InvoiceLine/cac:Item/cac:StandardItemIdentification/cbc:ID",
          "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
          "ram:SpecifiedTradeProduct/ram:GlobalID"},
    Place{"BT-158",
          "cac:InvoiceLine/cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode",
          "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
          "ram:SpecifiedTradeProduct/ram:DesignatedProductClassification/ram:ClassCode"},
    Place{"BG-32", "cac:InvoiceLine/cac:Item/cac:AdditionalItemProperty",
          "/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
          "ram:SpecifiedTradeProduct/ram:ApplicableProductCharacteristic"},
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
    if (credit_note && ubl.starts_with("cac:InvoiceLine")) ubl.replace(0, 15, "cac:CreditNoteLine");
    if (credit_note && ubl.find("cbc:InvoicedQuantity") != std::string::npos)
      ubl.replace(ubl.find("cbc:InvoicedQuantity"), 20, "cbc:CreditedQuantity");
    return out + (credit_note ? " /CreditNote/" : " /Invoice/") + ubl;
  }
  return std::string(term);
}

}  // namespace validate
