// Every EN 16931 group read from small inline documents, the same invoice written in UBL and in
// CII: each syntax must fill the group, and both must give the same model.
#include <boost/test/unit_test.hpp>

#include "ingest/ingest.h"
#include "model/invoice.h"
#include "test_support.h"

using ingest_test::amount;

namespace {

// "QUJD" = "ABC" (3 bytes), "REVGRw==" = "DEFG" (4 bytes): 7 bytes, split over lines.
const std::string kUblFull = R"(<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
    xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
  <cbc:ProfileID>A1</cbc:ProfileID>
  <cbc:ID>INV-7</cbc:ID>
  <cbc:IssueDate>2024-03-15</cbc:IssueDate>
  <cbc:DueDate>2024-04-15</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:Note>#AAI#Thank you</cbc:Note>
  <cbc:TaxPointDate>2024-03-10</cbc:TaxPointDate>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cbc:AccountingCost>ACC-1</cbc:AccountingCost>
  <cbc:BuyerReference>SERV-01</cbc:BuyerReference>
  <cac:InvoicePeriod><cbc:StartDate>2024-02-01</cbc:StartDate><cbc:EndDate>2024-02-29</cbc:EndDate></cac:InvoicePeriod>
  <cac:OrderReference><cbc:ID>PO-9</cbc:ID><cbc:SalesOrderID>SO-3</cbc:SalesOrderID></cac:OrderReference>
  <cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>INV-1</cbc:ID><cbc:IssueDate>2024-01-05</cbc:IssueDate></cac:InvoiceDocumentReference></cac:BillingReference>
  <cac:DespatchDocumentReference><cbc:ID>DES-1</cbc:ID></cac:DespatchDocumentReference>
  <cac:ReceiptDocumentReference><cbc:ID>REC-1</cbc:ID></cac:ReceiptDocumentReference>
  <cac:OriginatorDocumentReference><cbc:ID>LOT-2</cbc:ID></cac:OriginatorDocumentReference>
  <cac:ContractDocumentReference><cbc:ID>CON-4</cbc:ID></cac:ContractDocumentReference>
  <cac:AdditionalDocumentReference><cbc:ID schemeID="AAA">OBJ-5</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>
  <cac:AdditionalDocumentReference>
    <cbc:ID>ATT-1</cbc:ID>
    <cbc:DocumentDescription>Timesheet</cbc:DocumentDescription>
    <cac:Attachment>
      <cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="sheet.pdf">QUJD
        REVGRw==</cbc:EmbeddedDocumentBinaryObject>
      <cac:ExternalReference><cbc:URI>https://example.invalid/sheet</cbc:URI></cac:ExternalReference>
    </cac:Attachment>
  </cac:AdditionalDocumentReference>
  <cac:ProjectReference><cbc:ID>PRJ-8</cbc:ID></cac:ProjectReference>
  <cac:AccountingSupplierParty><cac:Party>
    <cbc:EndpointID schemeID="0225">12345678200010</cbc:EndpointID>
    <cac:PartyIdentification><cbc:ID schemeID="0009">12345678200010</cbc:ID></cac:PartyIdentification>
    <cac:PartyIdentification><cbc:ID schemeID="SEPA">FR12ZZZ123456</cbc:ID></cac:PartyIdentification>
    <cac:PartyName><cbc:Name>Seller Trade</cbc:Name></cac:PartyName>
    <cac:PostalAddress>
      <cbc:StreetName>1 rue A</cbc:StreetName><cbc:AdditionalStreetName>Bat B</cbc:AdditionalStreetName>
      <cbc:CityName>Paris</cbc:CityName><cbc:PostalZone>75001</cbc:PostalZone>
      <cbc:CountrySubentity>IDF</cbc:CountrySubentity>
      <cac:AddressLine><cbc:Line>Porte 3</cbc:Line></cac:AddressLine>
      <cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country>
    </cac:PostalAddress>
    <cac:PartyTaxScheme><cbc:CompanyID>FR12345678901</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyTaxScheme><cbc:CompanyID>TAX-77</cbc:CompanyID><cac:TaxScheme><cbc:ID>FC</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>Seller SA</cbc:RegistrationName><cbc:CompanyID schemeID="0002">123456782</cbc:CompanyID><cbc:CompanyLegalForm>SA au capital de 1 EUR</cbc:CompanyLegalForm></cac:PartyLegalEntity>
    <cac:Contact><cbc:Name>Ann</cbc:Name><cbc:Telephone>+33 1</cbc:Telephone><cbc:ElectronicMail>ann@seller.example</cbc:ElectronicMail></cac:Contact>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cbc:EndpointID schemeID="0009">11000201100044</cbc:EndpointID>
    <cac:PartyIdentification><cbc:ID schemeID="0009">11000201100044</cbc:ID></cac:PartyIdentification>
    <cac:PostalAddress><cbc:CityName>Lyon</cbc:CityName><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyTaxScheme><cbc:CompanyID>FR99110002011</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>Buyer City</cbc:RegistrationName></cac:PartyLegalEntity>
    <cac:Contact><cbc:Name>Bob</cbc:Name></cac:Contact>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:PayeeParty>
    <cac:PartyIdentification><cbc:ID schemeID="0088">5790000000001</cbc:ID></cac:PartyIdentification>
    <cac:PartyName><cbc:Name>Factor Ltd</cbc:Name></cac:PartyName>
    <cac:PartyLegalEntity><cbc:CompanyID schemeID="0002">987654321</cbc:CompanyID></cac:PartyLegalEntity>
  </cac:PayeeParty>
  <cac:TaxRepresentativeParty>
    <cac:PartyName><cbc:Name>Tax Rep</cbc:Name></cac:PartyName>
    <cac:PostalAddress><cbc:StreetName>2 via C</cbc:StreetName><cbc:CityName>Roma</cbc:CityName><cac:Country><cbc:IdentificationCode>IT</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyTaxScheme><cbc:CompanyID>IT01234567890</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
  </cac:TaxRepresentativeParty>
  <cac:Delivery>
    <cbc:ActualDeliveryDate>2024-03-01</cbc:ActualDeliveryDate>
    <cac:DeliveryLocation>
      <cbc:ID schemeID="0088">5790000000002</cbc:ID>
      <cac:Address><cbc:StreetName>Dock 4</cbc:StreetName><cbc:CityName>Le Havre</cbc:CityName><cbc:PostalZone>76600</cbc:PostalZone><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:Address>
    </cac:DeliveryLocation>
    <cac:DeliveryParty><cac:PartyName><cbc:Name>Warehouse</cbc:Name></cac:PartyName></cac:DeliveryParty>
  </cac:Delivery>
  <cac:PaymentMeans>
    <cbc:PaymentMeansCode name="Virement">30</cbc:PaymentMeansCode>
    <cbc:PaymentID>REF-42</cbc:PaymentID>
    <cac:PayeeFinancialAccount><cbc:ID>FR7630006000011234567890189</cbc:ID><cbc:Name>Seller SA</cbc:Name><cac:FinancialInstitutionBranch><cbc:ID>AGRIFRPP</cbc:ID></cac:FinancialInstitutionBranch></cac:PayeeFinancialAccount>
  </cac:PaymentMeans>
  <cac:PaymentMeans>
    <cbc:PaymentMeansCode>48</cbc:PaymentMeansCode>
    <cac:CardAccount><cbc:PrimaryAccountNumberID>1234</cbc:PrimaryAccountNumberID><cbc:NetworkID>VISA</cbc:NetworkID><cbc:HolderName>B. Buyer</cbc:HolderName></cac:CardAccount>
  </cac:PaymentMeans>
  <cac:PaymentMeans>
    <cbc:PaymentMeansCode>59</cbc:PaymentMeansCode>
    <cac:PaymentMandate><cbc:ID>MANDATE-1</cbc:ID><cac:PayerFinancialAccount><cbc:ID>FR7612345987650123456789014</cbc:ID></cac:PayerFinancialAccount></cac:PaymentMandate>
  </cac:PaymentMeans>
  <cac:PaymentTerms><cbc:Note>30 days</cbc:Note></cac:PaymentTerms>
  <cac:AllowanceCharge>
    <cbc:ChargeIndicator>false</cbc:ChargeIndicator>
    <cbc:AllowanceChargeReasonCode>95</cbc:AllowanceChargeReasonCode>
    <cbc:AllowanceChargeReason>Discount</cbc:AllowanceChargeReason>
    <cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric>
    <cbc:Amount currencyID="EUR">10.00</cbc:Amount>
    <cbc:BaseAmount currencyID="EUR">100.00</cbc:BaseAmount>
    <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
  </cac:AllowanceCharge>
  <cac:AllowanceCharge>
    <cbc:ChargeIndicator>true</cbc:ChargeIndicator>
    <cbc:AllowanceChargeReasonCode>FC</cbc:AllowanceChargeReasonCode>
    <cbc:Amount currencyID="EUR">5.00</cbc:Amount>
    <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
  </cac:AllowanceCharge>
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="EUR">19.00</cbc:TaxAmount>
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="EUR">95.00</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="EUR">19.00</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
    </cac:TaxSubtotal>
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="EUR">0</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="EUR">0</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>E</cbc:ID><cbc:Percent>0</cbc:Percent><cbc:TaxExemptionReasonCode>VATEX-EU-132</cbc:TaxExemptionReasonCode><cbc:TaxExemptionReason>Exempt</cbc:TaxExemptionReason><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
    </cac:TaxSubtotal>
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">95.00</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">114.00</cbc:TaxInclusiveAmount>
    <cbc:AllowanceTotalAmount currencyID="EUR">10.00</cbc:AllowanceTotalAmount>
    <cbc:ChargeTotalAmount currencyID="EUR">5.00</cbc:ChargeTotalAmount>
    <cbc:PrepaidAmount currencyID="EUR">4.00</cbc:PrepaidAmount>
    <cbc:PayableRoundingAmount currencyID="EUR">0.00</cbc:PayableRoundingAmount>
    <cbc:PayableAmount currencyID="EUR">110.00</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:InvoiceLine>
    <cbc:ID>1</cbc:ID>
    <cbc:Note>First line</cbc:Note>
    <cbc:InvoicedQuantity unitCode="C62">4</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
    <cbc:AccountingCost>LACC-1</cbc:AccountingCost>
    <cac:InvoicePeriod><cbc:StartDate>2024-02-01</cbc:StartDate><cbc:EndDate>2024-02-15</cbc:EndDate></cac:InvoicePeriod>
    <cac:OrderLineReference><cbc:LineID>7</cbc:LineID></cac:OrderLineReference>
    <cac:DocumentReference><cbc:ID schemeID="ABZ">LOBJ-1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:DocumentReference>
    <cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:AllowanceChargeReason>Volume</cbc:AllowanceChargeReason><cbc:Amount currencyID="EUR">2.00</cbc:Amount></cac:AllowanceCharge>
    <cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator><cbc:AllowanceChargeReasonCode>ABL</cbc:AllowanceChargeReasonCode><cbc:MultiplierFactorNumeric>2</cbc:MultiplierFactorNumeric><cbc:Amount currencyID="EUR">2.00</cbc:Amount><cbc:BaseAmount currencyID="EUR">100.00</cbc:BaseAmount></cac:AllowanceCharge>
    <cac:Item>
      <cbc:Description>Blue paper</cbc:Description>
      <cbc:Name>Paper</cbc:Name>
      <cac:BuyersItemIdentification><cbc:ID>B-1</cbc:ID></cac:BuyersItemIdentification>
      <cac:SellersItemIdentification><cbc:ID>S-1</cbc:ID></cac:SellersItemIdentification>
      <cac:StandardItemIdentification><cbc:ID schemeID="0160">1234567890128</cbc:ID></cac:StandardItemIdentification>
      <cac:OriginCountry><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:OriginCountry>
      <cac:CommodityClassification><cbc:ItemClassificationCode listID="STI" listVersionID="2.1">14111500</cbc:ItemClassificationCode></cac:CommodityClassification>
      <cac:CommodityClassification><cbc:ItemClassificationCode listID="ZZZ">X9</cbc:ItemClassificationCode></cac:CommodityClassification>
      <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>
      <cac:AdditionalItemProperty><cbc:Name>Colour</cbc:Name><cbc:Value>Blue</cbc:Value></cac:AdditionalItemProperty>
      <cac:AdditionalItemProperty><cbc:Name>Weight</cbc:Name><cbc:Value>80g</cbc:Value></cac:AdditionalItemProperty>
    </cac:Item>
    <cac:Price>
      <cbc:PriceAmount currencyID="EUR">25.00</cbc:PriceAmount>
      <cbc:BaseQuantity unitCode="C62">1</cbc:BaseQuantity>
      <cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:Amount currencyID="EUR">5.00</cbc:Amount><cbc:BaseAmount currencyID="EUR">30.00</cbc:BaseAmount></cac:AllowanceCharge>
    </cac:Price>
  </cac:InvoiceLine>
</Invoice>
)";

const std::string kCiiFull = R"(<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
    xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
    xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext>
    <ram:BusinessProcessSpecifiedDocumentContextParameter><ram:ID>A1</ram:ID></ram:BusinessProcessSpecifiedDocumentContextParameter>
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>INV-7</ram:ID>
    <ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20240315</udt:DateTimeString></ram:IssueDateTime>
    <ram:IncludedNote><ram:Content>Thank you</ram:Content><ram:SubjectCode>AAI</ram:SubjectCode></ram:IncludedNote>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID><ram:IncludedNote><ram:Content>First line</ram:Content></ram:IncludedNote></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct>
        <ram:GlobalID schemeID="0160">1234567890128</ram:GlobalID>
        <ram:SellerAssignedID>S-1</ram:SellerAssignedID>
        <ram:BuyerAssignedID>B-1</ram:BuyerAssignedID>
        <ram:Name>Paper</ram:Name>
        <ram:Description>Blue paper</ram:Description>
        <ram:ApplicableProductCharacteristic><ram:Description>Colour</ram:Description><ram:Value>Blue</ram:Value></ram:ApplicableProductCharacteristic>
        <ram:ApplicableProductCharacteristic><ram:Description>Weight</ram:Description><ram:Value>80g</ram:Value></ram:ApplicableProductCharacteristic>
        <ram:DesignatedProductClassification><ram:ClassCode listID="STI" listVersionID="2.1">14111500</ram:ClassCode></ram:DesignatedProductClassification>
        <ram:DesignatedProductClassification><ram:ClassCode listID="ZZZ">X9</ram:ClassCode></ram:DesignatedProductClassification>
        <ram:OriginTradeCountry><ram:ID>DE</ram:ID></ram:OriginTradeCountry>
      </ram:SpecifiedTradeProduct>
      <ram:SpecifiedLineTradeAgreement>
        <ram:BuyerOrderReferencedDocument><ram:LineID>7</ram:LineID></ram:BuyerOrderReferencedDocument>
        <ram:GrossPriceProductTradePrice>
          <ram:ChargeAmount>30.00</ram:ChargeAmount>
          <ram:AppliedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>false</udt:Indicator></ram:ChargeIndicator><ram:ActualAmount>5.00</ram:ActualAmount></ram:AppliedTradeAllowanceCharge>
        </ram:GrossPriceProductTradePrice>
        <ram:NetPriceProductTradePrice><ram:ChargeAmount>25.00</ram:ChargeAmount><ram:BasisQuantity unitCode="C62">1</ram:BasisQuantity></ram:NetPriceProductTradePrice>
      </ram:SpecifiedLineTradeAgreement>
      <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">4</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement>
        <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20</ram:RateApplicablePercent></ram:ApplicableTradeTax>
        <ram:BillingSpecifiedPeriod>
          <ram:StartDateTime><udt:DateTimeString format="102">20240201</udt:DateTimeString></ram:StartDateTime>
          <ram:EndDateTime><udt:DateTimeString format="102">20240215</udt:DateTimeString></ram:EndDateTime>
        </ram:BillingSpecifiedPeriod>
        <ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>false</udt:Indicator></ram:ChargeIndicator><ram:ActualAmount>2.00</ram:ActualAmount><ram:Reason>Volume</ram:Reason></ram:SpecifiedTradeAllowanceCharge>
        <ram:SpecifiedTradeAllowanceCharge><ram:ChargeIndicator><udt:Indicator>true</udt:Indicator></ram:ChargeIndicator><ram:CalculationPercent>2</ram:CalculationPercent><ram:BasisAmount>100.00</ram:BasisAmount><ram:ActualAmount>2.00</ram:ActualAmount><ram:ReasonCode>ABL</ram:ReasonCode></ram:SpecifiedTradeAllowanceCharge>
        <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>100.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
        <ram:AdditionalReferencedDocument><ram:IssuerAssignedID>LOBJ-1</ram:IssuerAssignedID><ram:TypeCode>130</ram:TypeCode><ram:ReferenceTypeCode>ABZ</ram:ReferenceTypeCode></ram:AdditionalReferencedDocument>
        <ram:ReceivableSpecifiedTradeAccountingAccount><ram:ID>LACC-1</ram:ID></ram:ReceivableSpecifiedTradeAccountingAccount>
      </ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>
    <ram:ApplicableHeaderTradeAgreement>
      <ram:BuyerReference>SERV-01</ram:BuyerReference>
      <ram:SellerTradeParty>
        <ram:ID schemeID="0009">12345678200010</ram:ID>
        <ram:Name>Seller SA</ram:Name>
        <ram:Description>SA au capital de 1 EUR</ram:Description>
        <ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">123456782</ram:ID><ram:TradingBusinessName>Seller Trade</ram:TradingBusinessName></ram:SpecifiedLegalOrganization>
        <ram:DefinedTradeContact>
          <ram:PersonName>Ann</ram:PersonName>
          <ram:TelephoneUniversalCommunication><ram:CompleteNumber>+33 1</ram:CompleteNumber></ram:TelephoneUniversalCommunication>
          <ram:EmailURIUniversalCommunication><ram:URIID>ann@seller.example</ram:URIID></ram:EmailURIUniversalCommunication>
        </ram:DefinedTradeContact>
        <ram:PostalTradeAddress>
          <ram:PostcodeCode>75001</ram:PostcodeCode><ram:LineOne>1 rue A</ram:LineOne><ram:LineTwo>Bat B</ram:LineTwo><ram:LineThree>Porte 3</ram:LineThree>
          <ram:CityName>Paris</ram:CityName><ram:CountryID>FR</ram:CountryID><ram:CountrySubDivisionName>IDF</ram:CountrySubDivisionName>
        </ram:PostalTradeAddress>
        <ram:URIUniversalCommunication><ram:URIID schemeID="0225">12345678200010</ram:URIID></ram:URIUniversalCommunication>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR12345678901</ram:ID></ram:SpecifiedTaxRegistration>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="FC">TAX-77</ram:ID></ram:SpecifiedTaxRegistration>
      </ram:SellerTradeParty>
      <ram:BuyerTradeParty>
        <ram:ID schemeID="0009">11000201100044</ram:ID>
        <ram:Name>Buyer City</ram:Name>
        <ram:DefinedTradeContact><ram:PersonName>Bob</ram:PersonName></ram:DefinedTradeContact>
        <ram:PostalTradeAddress><ram:CityName>Lyon</ram:CityName><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
        <ram:URIUniversalCommunication><ram:URIID schemeID="0009">11000201100044</ram:URIID></ram:URIUniversalCommunication>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR99110002011</ram:ID></ram:SpecifiedTaxRegistration>
      </ram:BuyerTradeParty>
      <ram:SellerTaxRepresentativeTradeParty>
        <ram:Name>Tax Rep</ram:Name>
        <ram:PostalTradeAddress><ram:LineOne>2 via C</ram:LineOne><ram:CityName>Roma</ram:CityName><ram:CountryID>IT</ram:CountryID></ram:PostalTradeAddress>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">IT01234567890</ram:ID></ram:SpecifiedTaxRegistration>
      </ram:SellerTaxRepresentativeTradeParty>
      <ram:SellerOrderReferencedDocument><ram:IssuerAssignedID>SO-3</ram:IssuerAssignedID></ram:SellerOrderReferencedDocument>
      <ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>PO-9</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>
      <ram:ContractReferencedDocument><ram:IssuerAssignedID>CON-4</ram:IssuerAssignedID></ram:ContractReferencedDocument>
      <ram:AdditionalReferencedDocument>
        <ram:IssuerAssignedID>ATT-1</ram:IssuerAssignedID>
        <ram:URIID>https://example.invalid/sheet</ram:URIID>
        <ram:TypeCode>916</ram:TypeCode>
        <ram:Name>Timesheet</ram:Name>
        <ram:AttachmentBinaryObject mimeCode="application/pdf" filename="sheet.pdf">QUJDREVGRw==</ram:AttachmentBinaryObject>
      </ram:AdditionalReferencedDocument>
      <ram:AdditionalReferencedDocument><ram:IssuerAssignedID>LOT-2</ram:IssuerAssignedID><ram:TypeCode>50</ram:TypeCode></ram:AdditionalReferencedDocument>
      <ram:AdditionalReferencedDocument><ram:IssuerAssignedID>OBJ-5</ram:IssuerAssignedID><ram:TypeCode>130</ram:TypeCode><ram:ReferenceTypeCode>AAA</ram:ReferenceTypeCode></ram:AdditionalReferencedDocument>
      <ram:SpecifiedProcuringProject><ram:ID>PRJ-8</ram:ID><ram:Name>Project</ram:Name></ram:SpecifiedProcuringProject>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery>
      <ram:ShipToTradeParty>
        <ram:GlobalID schemeID="0088">5790000000002</ram:GlobalID>
        <ram:Name>Warehouse</ram:Name>
        <ram:PostalTradeAddress><ram:PostcodeCode>76600</ram:PostcodeCode><ram:LineOne>Dock 4</ram:LineOne><ram:CityName>Le Havre</ram:CityName><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
      </ram:ShipToTradeParty>
      <ram:ActualDeliverySupplyChainEvent><ram:OccurrenceDateTime><udt:DateTimeString format="102">20240301</udt:DateTimeString></ram:OccurrenceDateTime></ram:ActualDeliverySupplyChainEvent>
      <ram:DespatchAdviceReferencedDocument><ram:IssuerAssignedID>DES-1</ram:IssuerAssignedID></ram:DespatchAdviceReferencedDocument>
      <ram:ReceivingAdviceReferencedDocument><ram:IssuerAssignedID>REC-1</ram:IssuerAssignedID></ram:ReceivingAdviceReferencedDocument>
    </ram:ApplicableHeaderTradeDelivery>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:CreditorReferenceID>FR12ZZZ123456</ram:CreditorReferenceID>
      <ram:PaymentReference>REF-42</ram:PaymentReference>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:PayeeTradeParty>
        <ram:GlobalID schemeID="0088">5790000000001</ram:GlobalID>
        <ram:Name>Factor Ltd</ram:Name>
        <ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">987654321</ram:ID></ram:SpecifiedLegalOrganization>
      </ram:PayeeTradeParty>
      <ram:SpecifiedTradeSettlementPaymentMeans>
        <ram:TypeCode>30</ram:TypeCode>
        <ram:Information>Virement</ram:Information>
        <ram:PayeePartyCreditorFinancialAccount><ram:IBANID>FR7630006000011234567890189</ram:IBANID><ram:AccountName>Seller SA</ram:AccountName></ram:PayeePartyCreditorFinancialAccount>
        <ram:PayeeSpecifiedCreditorFinancialInstitution><ram:BICID>AGRIFRPP</ram:BICID></ram:PayeeSpecifiedCreditorFinancialInstitution>
      </ram:SpecifiedTradeSettlementPaymentMeans>
      <ram:SpecifiedTradeSettlementPaymentMeans>
        <ram:TypeCode>48</ram:TypeCode>
        <ram:ApplicableTradeSettlementFinancialCard><ram:ID>1234</ram:ID><ram:CardholderName>B. Buyer</ram:CardholderName></ram:ApplicableTradeSettlementFinancialCard>
      </ram:SpecifiedTradeSettlementPaymentMeans>
      <ram:SpecifiedTradeSettlementPaymentMeans>
        <ram:TypeCode>59</ram:TypeCode>
        <ram:PayerPartyDebtorFinancialAccount><ram:IBANID>FR7612345987650123456789014</ram:IBANID></ram:PayerPartyDebtorFinancialAccount>
      </ram:SpecifiedTradeSettlementPaymentMeans>
      <ram:ApplicableTradeTax>
        <ram:CalculatedAmount>19.00</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>95.00</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode>
        <ram:TaxPointDate><udt:DateString format="102">20240310</udt:DateString></ram:TaxPointDate>
        <ram:RateApplicablePercent>20</ram:RateApplicablePercent>
      </ram:ApplicableTradeTax>
      <ram:ApplicableTradeTax>
        <ram:CalculatedAmount>0</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:ExemptionReason>Exempt</ram:ExemptionReason><ram:BasisAmount>0</ram:BasisAmount><ram:CategoryCode>E</ram:CategoryCode>
        <ram:ExemptionReasonCode>VATEX-EU-132</ram:ExemptionReasonCode><ram:RateApplicablePercent>0</ram:RateApplicablePercent>
      </ram:ApplicableTradeTax>
      <ram:BillingSpecifiedPeriod>
        <ram:StartDateTime><udt:DateTimeString format="102">20240201</udt:DateTimeString></ram:StartDateTime>
        <ram:EndDateTime><udt:DateTimeString format="102">20240229</udt:DateTimeString></ram:EndDateTime>
      </ram:BillingSpecifiedPeriod>
      <ram:SpecifiedTradeAllowanceCharge>
        <ram:ChargeIndicator><udt:Indicator>false</udt:Indicator></ram:ChargeIndicator>
        <ram:CalculationPercent>10</ram:CalculationPercent><ram:BasisAmount>100.00</ram:BasisAmount><ram:ActualAmount>10.00</ram:ActualAmount>
        <ram:ReasonCode>95</ram:ReasonCode><ram:Reason>Discount</ram:Reason>
        <ram:CategoryTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20</ram:RateApplicablePercent></ram:CategoryTradeTax>
      </ram:SpecifiedTradeAllowanceCharge>
      <ram:SpecifiedTradeAllowanceCharge>
        <ram:ChargeIndicator><udt:Indicator>true</udt:Indicator></ram:ChargeIndicator>
        <ram:ActualAmount>5.00</ram:ActualAmount><ram:ReasonCode>FC</ram:ReasonCode>
        <ram:CategoryTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>20</ram:RateApplicablePercent></ram:CategoryTradeTax>
      </ram:SpecifiedTradeAllowanceCharge>
      <ram:SpecifiedTradePaymentTerms>
        <ram:Description>30 days</ram:Description>
        <ram:DueDateDateTime><udt:DateTimeString format="102">20240415</udt:DateTimeString></ram:DueDateDateTime>
        <ram:DirectDebitMandateID>MANDATE-1</ram:DirectDebitMandateID>
      </ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>100.00</ram:LineTotalAmount>
        <ram:ChargeTotalAmount>5.00</ram:ChargeTotalAmount>
        <ram:AllowanceTotalAmount>10.00</ram:AllowanceTotalAmount>
        <ram:TaxBasisTotalAmount>95.00</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">19.00</ram:TaxTotalAmount>
        <ram:RoundingAmount>0.00</ram:RoundingAmount>
        <ram:GrandTotalAmount>114.00</ram:GrandTotalAmount>
        <ram:TotalPrepaidAmount>4.00</ram:TotalPrepaidAmount>
        <ram:DuePayableAmount>110.00</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
      <ram:InvoiceReferencedDocument><ram:IssuerAssignedID>INV-1</ram:IssuerAssignedID><ram:FormattedIssueDateTime><udt:DateTimeString format="102">20240105</udt:DateTimeString></ram:FormattedIssueDateTime></ram:InvoiceReferencedDocument>
      <ram:ReceivableSpecifiedTradeAccountingAccount><ram:ID>ACC-1</ram:ID></ram:ReceivableSpecifiedTradeAccountingAccount>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
)";

model::Invoice read_ok(const std::string& bytes) {
  ingest::InvoiceReader reader;
  auto result = reader.read(bytes, "test.xml");
  BOOST_TEST(result.findings.empty());
  for (const auto& f : result.findings) BOOST_TEST_MESSAGE(f.rule << " " << f.message);
  BOOST_REQUIRE(result.invoice.has_value());
  return *result.invoice;
}

// Runs `check` on the UBL and on the CII reading of the same invoice.
template <class Check>
void in_both_syntaxes(Check check) {
  for (const auto* document : {&kUblFull, &kCiiFull}) {
    BOOST_TEST_CONTEXT((document == &kUblFull ? "UBL" : "CII")) {
      check(read_ok(*document));
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(model_groups)

BOOST_AUTO_TEST_CASE(both_syntaxes_give_the_same_model) {
  const auto ubl = model::to_debug_string(read_ok(kUblFull));
  const auto cii = model::to_debug_string(read_ok(kCiiFull));
  BOOST_TEST(ubl == cii);
  BOOST_TEST(ubl.size() > 2000u);  // the whole invoice, not two empty renderings
}

BOOST_AUTO_TEST_CASE(header_terms_and_references) {
  in_both_syntaxes([](const model::Invoice& inv) {
    BOOST_TEST(inv.payment_due_date == "2024-04-15");
    BOOST_TEST(inv.tax_point_date == "2024-03-10");
    BOOST_TEST(inv.buyer_accounting_reference == "ACC-1");
    BOOST_TEST(inv.project_reference == "PRJ-8");
    BOOST_TEST(inv.contract_reference == "CON-4");
    BOOST_TEST(inv.sales_order_reference == "SO-3");
    BOOST_TEST(inv.receiving_advice_reference == "REC-1");
    BOOST_TEST(inv.despatch_advice_reference == "DES-1");
    BOOST_TEST(inv.tender_reference == "LOT-2");
    BOOST_TEST(inv.invoiced_object_id.value == "OBJ-5");
    BOOST_TEST(inv.invoiced_object_id.scheme == "AAA");
    BOOST_TEST(inv.payment_terms == "30 days");
    BOOST_REQUIRE(inv.notes.size() == 1u);
    BOOST_TEST(inv.notes[0].subject_code == "AAI");
    BOOST_TEST(inv.notes[0].text == "Thank you");
    BOOST_REQUIRE(inv.preceding_invoices.size() == 1u);
    BOOST_TEST(inv.preceding_invoices[0].number == "INV-1");
    BOOST_TEST(inv.preceding_invoices[0].issue_date == "2024-01-05");
    BOOST_REQUIRE(inv.invoicing_period.has_value());
    BOOST_TEST(inv.invoicing_period->start_date == "2024-02-01");
    BOOST_TEST(inv.invoicing_period->end_date == "2024-02-29");
  });
}

BOOST_AUTO_TEST_CASE(seller_and_buyer) {
  in_both_syntaxes([](const model::Invoice& inv) {
    const auto& s = inv.seller;
    BOOST_TEST(s.name == "Seller SA");
    BOOST_TEST(s.trading_name == "Seller Trade");
    BOOST_REQUIRE(s.ids.size() == 1u);  // the SEPA identifier is BT-90, not BT-29
    BOOST_TEST(s.ids[0].scheme == "0009");
    BOOST_TEST(s.legal_id.value == "123456782");
    BOOST_TEST(s.vat_id == "FR12345678901");
    BOOST_TEST(s.tax_registration_id == "TAX-77");
    BOOST_TEST(s.additional_legal_info == "SA au capital de 1 EUR");
    BOOST_TEST(s.electronic_address.value == "12345678200010");
    BOOST_TEST(s.electronic_address.scheme == "0225");
    BOOST_REQUIRE(s.address.has_value());
    BOOST_TEST(s.address->line1 == "1 rue A");
    BOOST_TEST(s.address->line2 == "Bat B");
    BOOST_TEST(s.address->line3 == "Porte 3");
    BOOST_TEST(s.address->city == "Paris");
    BOOST_TEST(s.address->post_code == "75001");
    BOOST_TEST(s.address->subdivision == "IDF");
    BOOST_TEST(s.address->country_code == "FR");
    BOOST_REQUIRE(s.contact.has_value());
    BOOST_TEST(s.contact->name == "Ann");
    BOOST_TEST(s.contact->telephone == "+33 1");
    BOOST_TEST(s.contact->email == "ann@seller.example");
    BOOST_TEST(inv.buyer.name == "Buyer City");
    BOOST_TEST(inv.buyer.vat_id == "FR99110002011");
    BOOST_TEST(inv.buyer.electronic_address.scheme == "0009");
    BOOST_REQUIRE(inv.buyer.address.has_value());
    BOOST_TEST(inv.buyer.address->country_code == "FR");
  });
}

BOOST_AUTO_TEST_CASE(payee_and_tax_representative) {
  in_both_syntaxes([](const model::Invoice& inv) {
    BOOST_REQUIRE(inv.payee.has_value());
    BOOST_TEST(inv.payee->name == "Factor Ltd");
    BOOST_REQUIRE(inv.payee->ids.size() == 1u);
    BOOST_TEST(inv.payee->ids[0].value == "5790000000001");
    BOOST_TEST(inv.payee->legal_id.value == "987654321");
    BOOST_TEST(inv.payee->legal_id.scheme == "0002");
    BOOST_REQUIRE(inv.tax_representative.has_value());
    BOOST_TEST(inv.tax_representative->name == "Tax Rep");
    BOOST_TEST(inv.tax_representative->vat_id == "IT01234567890");
    BOOST_REQUIRE(inv.tax_representative->address.has_value());
    BOOST_TEST(inv.tax_representative->address->country_code == "IT");
  });
}

BOOST_AUTO_TEST_CASE(delivery) {
  in_both_syntaxes([](const model::Invoice& inv) {
    BOOST_REQUIRE(inv.delivery.has_value());
    BOOST_TEST(inv.delivery->party_name == "Warehouse");
    BOOST_TEST(inv.delivery->location_id.value == "5790000000002");
    BOOST_TEST(inv.delivery->location_id.scheme == "0088");
    BOOST_TEST(inv.delivery->actual_date == "2024-03-01");
    BOOST_REQUIRE(inv.delivery->address.has_value());
    BOOST_TEST(inv.delivery->address->city == "Le Havre");
    BOOST_TEST(inv.delivery->address->country_code == "FR");
  });
}

BOOST_AUTO_TEST_CASE(payment_means_transfer_card_and_direct_debit) {
  in_both_syntaxes([](const model::Invoice& inv) {
    BOOST_REQUIRE(inv.payment_instructions.size() == 3u);
    const auto& transfer = inv.payment_instructions[0];
    BOOST_TEST(transfer.means_code == "30");
    BOOST_TEST(transfer.means_text == "Virement");
    BOOST_REQUIRE(transfer.credit_transfers.size() == 1u);
    BOOST_TEST(transfer.credit_transfers[0].account_id == "FR7630006000011234567890189");
    BOOST_TEST(transfer.credit_transfers[0].account_name == "Seller SA");
    BOOST_TEST(transfer.credit_transfers[0].service_provider_id == "AGRIFRPP");
    const auto& card = inv.payment_instructions[1];
    BOOST_TEST(card.means_code == "48");
    BOOST_REQUIRE(card.card.has_value());
    BOOST_TEST(card.card->account_number == "1234");
    BOOST_TEST(card.card->holder_name == "B. Buyer");
    BOOST_TEST(inv.payment_instructions[2].means_code == "59");
    BOOST_TEST(inv.remittance_information == "REF-42");
    BOOST_TEST(inv.direct_debit.mandate_reference == "MANDATE-1");
    BOOST_TEST(inv.direct_debit.creditor_id == "FR12ZZZ123456");
    BOOST_TEST(inv.direct_debit.debited_account == "FR7612345987650123456789014");
  });
}

BOOST_AUTO_TEST_CASE(document_allowances_charges_vat_breakdown_and_totals) {
  in_both_syntaxes([](const model::Invoice& inv) {
    BOOST_REQUIRE(inv.allowances.size() == 1u);
    const auto& a = inv.allowances[0];
    BOOST_TEST(amount(a.amount) == "10.00");
    BOOST_TEST(amount(a.base_amount) == "100.00");
    BOOST_TEST(amount(a.percentage) == "10");
    BOOST_TEST(a.vat_category == "S");
    BOOST_TEST(amount(a.vat_rate) == "20");
    BOOST_TEST(a.reason == "Discount");
    BOOST_TEST(a.reason_code == "95");
    BOOST_REQUIRE(inv.charges.size() == 1u);
    BOOST_TEST(amount(inv.charges[0].amount) == "5.00");
    BOOST_TEST(inv.charges[0].reason_code == "FC");
    BOOST_REQUIRE(inv.vat_breakdown.size() == 2u);
    BOOST_TEST(amount(inv.vat_breakdown[0].taxable_amount) == "95.00");
    BOOST_TEST(amount(inv.vat_breakdown[0].tax_amount) == "19.00");
    BOOST_TEST(inv.vat_breakdown[0].category_code == "S");
    BOOST_TEST(amount(inv.vat_breakdown[0].rate) == "20");
    BOOST_TEST(inv.vat_breakdown[1].exemption_reason == "Exempt");
    BOOST_TEST(inv.vat_breakdown[1].exemption_reason_code == "VATEX-EU-132");
    BOOST_TEST(amount(inv.totals.prepaid) == "4.00");
    BOOST_TEST(amount(inv.totals.rounding) == "0.00");
    BOOST_TEST(amount(inv.totals.tax) == "19.00");
    BOOST_TEST(inv.totals.tax_currency_id == "EUR");
    BOOST_TEST(!inv.totals.tax_accounting.has_value());
  });
}

BOOST_AUTO_TEST_CASE(attachment_size_without_keeping_the_binary) {
  in_both_syntaxes([](const model::Invoice& inv) {
    BOOST_REQUIRE(inv.supporting_documents.size() == 1u);
    const auto& d = inv.supporting_documents[0];
    BOOST_TEST(d.reference == "ATT-1");
    BOOST_TEST(d.description == "Timesheet");
    BOOST_TEST(d.external_location == "https://example.invalid/sheet");
    BOOST_TEST(d.has_attachment);
    BOOST_TEST(d.attachment_size == 7u);  // "ABCDEFG"
    BOOST_TEST(d.attachment_mime_code == "application/pdf");
    BOOST_TEST(d.attachment_filename == "sheet.pdf");
  });
}

BOOST_AUTO_TEST_CASE(lines_with_period_allowances_price_vat_and_item) {
  in_both_syntaxes([](const model::Invoice& inv) {
    BOOST_REQUIRE(inv.lines.size() == 1u);
    const auto& l = inv.lines[0];
    BOOST_TEST(l.id == "1");
    BOOST_TEST(l.note == "First line");
    BOOST_TEST(l.object_id.value == "LOBJ-1");
    BOOST_TEST(l.object_id.scheme == "ABZ");
    BOOST_TEST(amount(l.quantity) == "4");
    BOOST_TEST(l.quantity_unit == "C62");
    BOOST_TEST(amount(l.net_amount) == "100.00");
    BOOST_TEST(l.order_line_reference == "7");
    BOOST_TEST(l.buyer_accounting_reference == "LACC-1");
    BOOST_REQUIRE(l.period.has_value());
    BOOST_TEST(l.period->start_date == "2024-02-01");
    BOOST_TEST(l.period->end_date == "2024-02-15");
    BOOST_REQUIRE(l.allowances.size() == 1u);
    BOOST_TEST(l.allowances[0].reason == "Volume");
    BOOST_REQUIRE(l.charges.size() == 1u);
    BOOST_TEST(l.charges[0].reason_code == "ABL");
    BOOST_TEST(amount(l.charges[0].percentage) == "2");
    BOOST_TEST(amount(l.price.net_price) == "25.00");
    BOOST_TEST(amount(l.price.discount) == "5.00");
    BOOST_TEST(amount(l.price.gross_price) == "30.00");
    BOOST_TEST(amount(l.price.base_quantity) == "1");
    BOOST_TEST(l.price.base_quantity_unit == "C62");
    BOOST_TEST(l.vat_category == "S");
    BOOST_TEST(amount(l.vat_rate) == "20");
  });
}

BOOST_AUTO_TEST_CASE(item_attributes_and_classification) {
  in_both_syntaxes([](const model::Invoice& inv) {
    BOOST_REQUIRE(inv.lines.size() == 1u);
    const auto& item = inv.lines[0].item;
    BOOST_TEST(item.name == "Paper");
    BOOST_TEST(item.description == "Blue paper");
    BOOST_TEST(item.seller_id == "S-1");
    BOOST_TEST(item.buyer_id == "B-1");
    BOOST_TEST(item.standard_id.value == "1234567890128");
    BOOST_TEST(item.standard_id.scheme == "0160");
    BOOST_TEST(item.origin_country == "DE");
    BOOST_REQUIRE(item.classifications.size() == 2u);
    BOOST_TEST(item.classifications[0].code == "14111500");
    BOOST_TEST(item.classifications[0].list_id == "STI");
    BOOST_TEST(item.classifications[0].list_version == "2.1");
    BOOST_TEST(item.classifications[1].list_id == "ZZZ");
    BOOST_REQUIRE(item.attributes.size() == 2u);
    BOOST_TEST(item.attributes[0].name == "Colour");
    BOOST_TEST(item.attributes[0].value == "Blue");
    BOOST_TEST(item.attributes[1].name == "Weight");
  });
}

BOOST_AUTO_TEST_CASE(ubl_credit_note_lines_and_project) {
  const std::string credit_note =
      R"(<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
      xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
      xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
    <cbc:ID>CN-1</cbc:ID>
    <cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>
    <cac:AdditionalDocumentReference><cbc:ID>PRJ-1</cbc:ID><cbc:DocumentTypeCode>50</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>
    <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentDueDate>2024-05-01</cbc:PaymentDueDate></cac:PaymentMeans>
    <cac:CreditNoteLine>
      <cbc:ID>1</cbc:ID>
      <cbc:CreditedQuantity unitCode="HUR">2.5</cbc:CreditedQuantity>
      <cbc:LineExtensionAmount currencyID="EUR">50</cbc:LineExtensionAmount>
      <cac:Item><cbc:Name>Consulting</cbc:Name></cac:Item>
    </cac:CreditNoteLine>
  </CreditNote>)";
  const auto inv = read_ok(credit_note);
  BOOST_TEST(inv.is_credit_note());
  BOOST_TEST(inv.project_reference == "PRJ-1");
  BOOST_TEST(inv.supporting_documents.empty());
  BOOST_TEST(inv.payment_due_date == "2024-05-01");
  BOOST_REQUIRE(inv.lines.size() == 1u);
  BOOST_TEST(amount(inv.lines[0].quantity) == "2.5");
  BOOST_TEST(inv.lines[0].quantity_unit == "HUR");
  BOOST_TEST(inv.lines[0].item.name == "Consulting");
}

BOOST_AUTO_TEST_CASE(amount_currencies_are_listed_once) {
  const auto inv = read_ok(kUblFull);
  BOOST_REQUIRE(inv.amount_currency_ids.size() == 1u);
  BOOST_TEST(inv.amount_currency_ids[0] == "EUR");
}

// The raw facts the code-list and syntax rules need beyond the business terms.
BOOST_AUTO_TEST_CASE(syntax_facts_for_currency_ids_references_identifiers_and_decimals) {
  const auto inv = read_ok(kUblFull);
  const auto& facts = inv.syntax_facts;
  BOOST_REQUIRE(facts.currency_ids.size() == 1u);
  BOOST_TEST(facts.currency_ids[0] == "EUR");
  BOOST_TEST(facts.count(model::SyntaxFacts::amounts_without_currency) == 0);

  const std::string doc = R"(<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
    xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cac:AdditionalDocumentReference><cbc:ID schemeID=" AAA ">A</cbc:ID>
    <cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>
  <cac:AdditionalDocumentReference><cbc:ID>B</cbc:ID>
    <cbc:DocumentTypeCode> 130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>
  <cac:AccountingCustomerParty><cac:Party>
    <cac:PartyIdentification><cbc:ID schemeID="SEPA">C1</cbc:ID></cac:PartyIdentification>
    <cac:PartyIdentification><cbc:ID schemeID="0088"/></cac:PartyIdentification>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:PayeeParty><cac:PartyIdentification><cbc:ID schemeID="SEPA">C2</cbc:ID>
  </cac:PartyIdentification></cac:PayeeParty>
  <cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator>
    <cbc:Amount>1.005</cbc:Amount>
    <cac:TaxCategory><cbc:ID> L </cbc:ID></cac:TaxCategory></cac:AllowanceCharge>
  <cac:TaxTotal><cbc:TaxAmount currencyID="USD">0.1</cbc:TaxAmount></cac:TaxTotal>
  <cac:InvoiceLine><cbc:ID>1</cbc:ID>
    <cac:DocumentReference><cbc:ID schemeID="XXA">R</cbc:ID></cac:DocumentReference>
  </cac:InvoiceLine>
</Invoice>)";
  const auto read = read_ok(doc);
  const auto& f = read.syntax_facts;
  BOOST_TEST(f.count(model::SyntaxFacts::amounts_without_currency) == 1);  // the charge Amount
  BOOST_TEST(f.count(model::SyntaxFacts::amounts_over_two_decimals) == 1);
  BOOST_REQUIRE(f.currency_ids.size() == 1u);
  BOOST_TEST(f.currency_ids[0] == "USD");
  // Type codes as written: only the first reference is "130".
  BOOST_REQUIRE(f.additional_references.size() == 2u);
  BOOST_TEST(f.additional_references[0].type_code_130);
  BOOST_TEST(f.additional_references[0].id_has_scheme);
  BOOST_TEST(!f.additional_references[1].type_code_130);
  BOOST_TEST(f.additional_references[1].has_type_code);
  BOOST_REQUIRE(f.object_id_schemes.size() == 1u);  // the line reference has no type code
  BOOST_TEST(f.object_id_schemes[0] == "AAA");
  // Every PartyIdentification/ID with a schemeID, the empty one too.
  BOOST_REQUIRE(f.party_id_schemes.size() == 3u);
  BOOST_TEST(f.party_id_schemes[0].scheme == "SEPA");
  BOOST_TEST(!f.party_id_schemes[0].sepa_allowed);  // the buyer
  BOOST_TEST(f.party_id_schemes[1].scheme == "0088");
  BOOST_TEST(f.party_id_schemes[2].sepa_allowed);  // the payee
  BOOST_REQUIRE(read.charges.size() == 1u);
  BOOST_TEST(read.charges[0].vat_category == "L");
  BOOST_TEST(read.charges[0].vat_category_padded);
}

// The CEN unit tests embed partial invoices: groups without their parent, children without
// their group, empty and unparsable values. The reader fills what is there and never fails.
BOOST_AUTO_TEST_CASE(partial_documents_read_without_crashing) {
  const std::string ubl = R"(<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
      xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
      xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
    <cac:InvoiceLine><cac:Price><cbc:PriceAmount>abc</cbc:PriceAmount></cac:Price></cac:InvoiceLine>
    <cac:AllowanceCharge><cbc:Amount>1</cbc:Amount></cac:AllowanceCharge>
    <cac:AllowanceCharge><cbc:ChargeIndicator>maybe</cbc:ChargeIndicator></cac:AllowanceCharge>
    <cac:PaymentMeans/>
    <cac:AdditionalDocumentReference><cac:Attachment><cbc:EmbeddedDocumentBinaryObject/></cac:Attachment></cac:AdditionalDocumentReference>
    <cac:TaxTotal><cac:TaxSubtotal/></cac:TaxTotal>
  </Invoice>)";
  const auto inv = read_ok(ubl);
  BOOST_REQUIRE(inv.lines.size() == 1u);
  BOOST_TEST(!inv.lines[0].price.net_price.has_value());  // unparsable: absent, not zero
  BOOST_TEST(inv.allowances.size() == 2u);  // no (or no valid) indicator: not a charge
  BOOST_TEST(inv.allowances[1].charge_indicator == "maybe");
  BOOST_TEST(inv.payment_instructions.size() == 1u);
  BOOST_REQUIRE(inv.supporting_documents.size() == 1u);
  BOOST_TEST(inv.supporting_documents[0].has_attachment);
  BOOST_TEST(inv.supporting_documents[0].attachment_size == 0u);
  BOOST_TEST(inv.vat_breakdown.size() == 1u);

  const std::string cii =
      R"(<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
      xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100">
    <rsm:SupplyChainTradeTransaction>
      <ram:ApplicableHeaderTradeSettlement>
        <ram:SpecifiedTradeSettlementPaymentMeans>
          <ram:PayeeSpecifiedCreditorFinancialInstitution><ram:BICID>X</ram:BICID></ram:PayeeSpecifiedCreditorFinancialInstitution>
        </ram:SpecifiedTradeSettlementPaymentMeans>
      </ram:ApplicableHeaderTradeSettlement>
    </rsm:SupplyChainTradeTransaction>
  </rsm:CrossIndustryInvoice>)";
  const auto partial = read_ok(cii);
  BOOST_REQUIRE(partial.payment_instructions.size() == 1u);
  BOOST_REQUIRE(partial.payment_instructions[0].credit_transfers.size() == 1u);
  BOOST_TEST(partial.payment_instructions[0].credit_transfers[0].service_provider_id == "X");
  BOOST_TEST(partial.number.empty());
}

BOOST_AUTO_TEST_SUITE_END()
