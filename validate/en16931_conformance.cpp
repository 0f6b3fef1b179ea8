// EN 16931 conformance rules of the official artefacts (version 1.3.16): the UBL-CR-* and
// CII-SR-* rules, the UBL-DT-08…28 rules, the CII-DT-* rules (but CII-DT-031, in
// en16931_syntax.cpp) and the UBL-SR-* rules about a repeatable context (UBL-SR-04, 22, 23, 25…28,
// 30…33, 51), that forbid an element or an attribute of the syntax, count one, or compare a value
// written in it. Most are warnings; each carries its official flag.
//
// They are facts about the raw XML, not about the semantic model: the reader records each
// distinct element path of the document once, with the attributes met on it and occurrence
// counts (model::SyntaxFacts::paths). Checking is then one pass over those few hundred paths: a
// rule is found through the last step of its path (a hash map built once), then its other steps
// are compared with the path's ancestors. One finding per rule id and document, at the first
// path that breaks it.
//
// Table facts (ids, flags, contexts and paths) come from the official artefacts' syntax binding
// (ubl/schematron/UBL/EN16931-UBL-syntax.sch and cii/schematron/CII/EN16931-CII-syntax.sch, with
// the flags and contexts of their abstract patterns); messages are our own.
#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "validate/en16931_tables.h"

namespace validate {

namespace {

using model::Finding;
using model::Invoice;
using model::Severity;
using Facts = model::SyntaxFacts;
using Node = model::SyntaxFacts::PathNode;
constexpr std::uint32_t kNone = Node::kNoParent;

// A rule that forbids what its path names. A path is relative to the root element ("cac:A/cbc:B")
// or holds anywhere ("//cac:A/cbc:B"); "@name" is an attribute; a step "ram:*Tax" is any ram
// element whose name ends with "Tax"; "$name/" abbreviates a context (see the alias tables),
// "a|b" in an alias gives alternatives. `unless` excuses a match whose parent ("=step") or one
// of whose ancestors ("<step") is the given step, or whose parent element is at one of the
// anchored paths an alias stands for ("^$name": a node an earlier rule of the same Schematron
// pattern claims, which the official artefacts then never hand to this one).
struct Forbidden {
  std::string_view id;
  std::string_view path;
  std::string_view unless = {};
};

struct Alias {
  std::string_view name;  // with its '$'
  std::string_view path;
};

// ---- UBL 2.1 --------------------------------------------------------------------------------

constexpr Alias kUblAliases[] = {
    {"$line", "cac:InvoiceLine|cac:CreditNoteLine"},  // the rules name both line kinds
    {"$item", "$line/cac:Item"},
    {"$sup", "cac:AccountingSupplierParty/cac:Party"},
    {"$cus", "cac:AccountingCustomerParty/cac:Party"},
    {"$loc", "cac:Delivery/cac:DeliveryLocation"},
    {"$payee", "cac:PaymentMeans/cac:PayeeFinancialAccount"},
    {"$mandate", "cac:PaymentMeans/cac:PaymentMandate"},
    {"$subtotal", "cac:TaxTotal/cac:TaxSubtotal"},
    {"$external", "cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference"},
    {"$address", "//cac:PostalAddress|//cac:Address"},  // UBL-SR-51's context
};

// Warnings, all in the context of the root (/ubl:Invoice | /cn:CreditNote). The artefacts name
// cbc:ValidityPeriod and cbc:PriceList (UBL-CR-629, 630), which UBL does not have: kept as
// written, so they never fire, as officially.
constexpr Forbidden kUblWarnings[] = {
    {"UBL-CR-001", "ext:UBLExtensions"},
    {"UBL-CR-003", "cbc:ProfileExecutionID"},
    {"UBL-CR-004", "cbc:CopyIndicator"},
    {"UBL-CR-005", "cbc:UUID"},
    {"UBL-CR-006", "cbc:IssueTime"},
    {"UBL-CR-007", "cbc:PricingCurrencyCode"},
    {"UBL-CR-008", "cbc:PaymentCurrencyCode"},
    {"UBL-CR-009", "cbc:PaymentAlternativeCurrencyCode"},
    {"UBL-CR-010", "cbc:AccountingCostCode"},
    {"UBL-CR-011", "cbc:LineCountNumeric"},
    {"UBL-CR-012", "cac:InvoicePeriod/cbc:StartTime"},
    {"UBL-CR-013", "cac:InvoicePeriod/cbc:EndTime"},
    {"UBL-CR-014", "cac:InvoicePeriod/cbc:DurationMeasure"},
    {"UBL-CR-015", "cac:InvoicePeriod/cbc:Description"},
    {"UBL-CR-016", "cac:OrderReference/cbc:CopyIndicator"},
    {"UBL-CR-017", "cac:OrderReference/cbc:UUID"},
    {"UBL-CR-018", "cac:OrderReference/cbc:IssueDate"},
    {"UBL-CR-019", "cac:OrderReference/cbc:IssueTime"},
    {"UBL-CR-020", "cac:OrderReference/cbc:CustomerReference"},
    {"UBL-CR-021", "cac:OrderReference/cbc:OrderTypeCode"},
    {"UBL-CR-022", "cac:OrderReference/cac:DocumentReference"},
    {"UBL-CR-023", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:CopyIndicator"},
    {"UBL-CR-024", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:UUID"},
    {"UBL-CR-025", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueTime"},
    {"UBL-CR-026", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:DocumentTypeCode"},
    {"UBL-CR-027", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:DocumentType"},
    {"UBL-CR-028", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:XPath"},
    {"UBL-CR-029", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:LanguageID"},
    {"UBL-CR-030", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:LocaleCode"},
    {"UBL-CR-031", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:VersionID"},
    {"UBL-CR-032", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:DocumentStatusCode"},
    {"UBL-CR-033", "cac:BillingReference/cac:InvoiceDocumentReference/cbc:DocumentDescription"},
    {"UBL-CR-034", "cac:BillingReference/cac:InvoiceDocumentReference/cac:Attachment"},
    {"UBL-CR-035", "cac:BillingReference/cac:InvoiceDocumentReference/cac:ValidityPeriod"},
    {"UBL-CR-036", "cac:BillingReference/cac:InvoiceDocumentReference/cac:IssuerParty"},
    {"UBL-CR-037", "cac:BillingReference/cac:InvoiceDocumentReference/cac:ResultOfVerification"},
    {"UBL-CR-038", "cac:BillingReference/cac:SelfBilledInvoiceDocumentReference"},
    {"UBL-CR-039", "cac:BillingReference/cac:CreditNoteDocumentReference"},
    {"UBL-CR-040", "cac:BillingReference/cac:SelfBilledCreditNoteDocumentReference"},
    {"UBL-CR-041", "cac:BillingReference/cac:DebitNoteDocumentReference"},
    {"UBL-CR-042", "cac:BillingReference/cac:ReminderDocumentReference"},
    {"UBL-CR-043", "cac:BillingReference/cac:AdditionalDocumentReference"},
    {"UBL-CR-044", "cac:BillingReference/cac:BillingReferenceLine"},
    {"UBL-CR-045", "cac:DespatchDocumentReference/cbc:CopyIndicator"},
    {"UBL-CR-046", "cac:DespatchDocumentReference/cbc:UUID"},
    {"UBL-CR-047", "cac:DespatchDocumentReference/cbc:IssueDate"},
    {"UBL-CR-048", "cac:DespatchDocumentReference/cbc:IssueTime"},
    {"UBL-CR-049", "cac:DespatchDocumentReference/cbc:DocumentTypeCode"},
    {"UBL-CR-050", "cac:DespatchDocumentReference/cbc:DocumentType"},
    {"UBL-CR-051", "cac:DespatchDocumentReference/cbc:XPath"},
    {"UBL-CR-052", "cac:DespatchDocumentReference/cbc:LanguageID"},
    {"UBL-CR-053", "cac:DespatchDocumentReference/cbc:LocaleCode"},
    {"UBL-CR-054", "cac:DespatchDocumentReference/cbc:VersionID"},
    {"UBL-CR-055", "cac:DespatchDocumentReference/cbc:DocumentStatusCode"},
    {"UBL-CR-056", "cac:DespatchDocumentReference/cbc:DocumentDescription"},
    {"UBL-CR-057", "cac:DespatchDocumentReference/cac:Attachment"},
    {"UBL-CR-058", "cac:DespatchDocumentReference/cac:ValidityPeriod"},
    {"UBL-CR-059", "cac:DespatchDocumentReference/cac:IssuerParty"},
    {"UBL-CR-060", "cac:DespatchDocumentReference/cac:ResultOfVerification"},
    {"UBL-CR-061", "cac:ReceiptDocumentReference/cbc:CopyIndicator"},
    {"UBL-CR-062", "cac:ReceiptDocumentReference/cbc:UUID"},
    {"UBL-CR-063", "cac:ReceiptDocumentReference/cbc:IssueDate"},
    {"UBL-CR-064", "cac:ReceiptDocumentReference/cbc:IssueTime"},
    {"UBL-CR-065", "cac:ReceiptDocumentReference/cbc:DocumentTypeCode"},
    {"UBL-CR-066", "cac:ReceiptDocumentReference/cbc:DocumentType"},
    {"UBL-CR-067", "cac:ReceiptDocumentReference/cbc:XPath"},
    {"UBL-CR-068", "cac:ReceiptDocumentReference/cbc:LanguageID"},
    {"UBL-CR-069", "cac:ReceiptDocumentReference/cbc:LocaleCode"},
    {"UBL-CR-070", "cac:ReceiptDocumentReference/cbc:VersionID"},
    {"UBL-CR-071", "cac:ReceiptDocumentReference/cbc:DocumentStatusCode"},
    {"UBL-CR-072", "cac:ReceiptDocumentReference/cbc:DocumentDescription"},
    {"UBL-CR-073", "cac:ReceiptDocumentReference/cac:Attachment"},
    {"UBL-CR-074", "cac:ReceiptDocumentReference/cac:ValidityPeriod"},
    {"UBL-CR-075", "cac:ReceiptDocumentReference/cac:IssuerParty"},
    {"UBL-CR-076", "cac:ReceiptDocumentReference/cac:ResultOfVerification"},
    {"UBL-CR-077", "cac:StatementDocumentReference"},
    {"UBL-CR-078", "cac:OriginatorDocumentReference/cbc:CopyIndicator"},
    {"UBL-CR-079", "cac:OriginatorDocumentReference/cbc:UUID"},
    {"UBL-CR-080", "cac:OriginatorDocumentReference/cbc:IssueDate"},
    {"UBL-CR-081", "cac:OriginatorDocumentReference/cbc:IssueTime"},
    {"UBL-CR-082", "cac:OriginatorDocumentReference/cbc:DocumentTypeCode"},
    {"UBL-CR-083", "cac:OriginatorDocumentReference/cbc:DocumentType"},
    {"UBL-CR-084", "cac:OriginatorDocumentReference/cbc:XPath"},
    {"UBL-CR-085", "cac:OriginatorDocumentReference/cbc:LanguageID"},
    {"UBL-CR-086", "cac:OriginatorDocumentReference/cbc:LocaleCode"},
    {"UBL-CR-087", "cac:OriginatorDocumentReference/cbc:VersionID"},
    {"UBL-CR-088", "cac:OriginatorDocumentReference/cbc:DocumentStatusCode"},
    {"UBL-CR-089", "cac:OriginatorDocumentReference/cbc:DocumentDescription"},
    {"UBL-CR-090", "cac:OriginatorDocumentReference/cac:Attachment"},
    {"UBL-CR-091", "cac:OriginatorDocumentReference/cac:ValidityPeriod"},
    {"UBL-CR-092", "cac:OriginatorDocumentReference/cac:IssuerParty"},
    {"UBL-CR-093", "cac:OriginatorDocumentReference/cac:ResultOfVerification"},
    {"UBL-CR-094", "cac:ContractDocumentReference/cbc:CopyIndicator"},
    {"UBL-CR-095", "cac:ContractDocumentReference/cbc:UUID"},
    {"UBL-CR-096", "cac:ContractDocumentReference/cbc:IssueDate"},
    {"UBL-CR-097", "cac:ContractDocumentReference/cbc:IssueTime"},
    {"UBL-CR-098", "cac:ContractDocumentReference/cbc:DocumentTypeCode"},
    {"UBL-CR-099", "cac:ContractDocumentReference/cbc:DocumentType"},
    {"UBL-CR-100", "cac:ContractDocumentReference/cbc:XPath"},
    {"UBL-CR-101", "cac:ContractDocumentReference/cbc:LanguageID"},
    {"UBL-CR-102", "cac:ContractDocumentReference/cbc:LocaleCode"},
    {"UBL-CR-103", "cac:ContractDocumentReference/cbc:VersionID"},
    {"UBL-CR-104", "cac:ContractDocumentReference/cbc:DocumentStatusCode"},
    {"UBL-CR-105", "cac:ContractDocumentReference/cbc:DocumentDescription"},
    {"UBL-CR-106", "cac:ContractDocumentReference/cac:Attachment"},
    {"UBL-CR-107", "cac:ContractDocumentReference/cac:ValidityPeriod"},
    {"UBL-CR-108", "cac:ContractDocumentReference/cac:IssuerParty"},
    {"UBL-CR-109", "cac:ContractDocumentReference/cac:ResultOfVerification"},
    {"UBL-CR-110", "cac:AdditionalDocumentReference/cbc:CopyIndicator"},
    {"UBL-CR-111", "cac:AdditionalDocumentReference/cbc:UUID"},
    {"UBL-CR-112", "cac:AdditionalDocumentReference/cbc:IssueDate"},
    {"UBL-CR-113", "cac:AdditionalDocumentReference/cbc:IssueTime"},
    {"UBL-CR-114", "cac:AdditionalDocumentReference/cbc:DocumentType"},
    {"UBL-CR-115", "cac:AdditionalDocumentReference/cbc:XPath"},
    {"UBL-CR-116", "cac:AdditionalDocumentReference/cbc:LanguageID"},
    {"UBL-CR-117", "cac:AdditionalDocumentReference/cbc:LocaleCode"},
    {"UBL-CR-118", "cac:AdditionalDocumentReference/cbc:VersionID"},
    {"UBL-CR-119", "cac:AdditionalDocumentReference/cbc:DocumentStatusCode"},
    {"UBL-CR-121", "$external/cbc:DocumentHash"},
    {"UBL-CR-122", "$external/cbc:HashAlgorithmMethod"},
    {"UBL-CR-123", "$external/cbc:ExpiryDate"},
    {"UBL-CR-124", "$external/cbc:ExpiryTime"},
    {"UBL-CR-125", "$external/cbc:MimeCode"},
    {"UBL-CR-126", "$external/cbc:FormatCode"},
    {"UBL-CR-127", "$external/cbc:EncodingCode"},
    {"UBL-CR-128", "$external/cbc:CharacterSetCode"},
    {"UBL-CR-129", "$external/cbc:FileName"},
    {"UBL-CR-130", "$external/cbc:Description"},
    {"UBL-CR-131", "cac:AdditionalDocumentReference/cac:ValidityPeriod"},
    {"UBL-CR-132", "cac:AdditionalDocumentReference/cac:IssuerParty"},
    {"UBL-CR-133", "cac:AdditionalDocumentReference/cac:ResultOfVerification"},
    {"UBL-CR-134", "cac:ProjectReference/cbc:UUID"},
    {"UBL-CR-135", "cac:ProjectReference/cbc:IssueDate"},
    {"UBL-CR-136", "cac:ProjectReference/cac:WorkPhaseReference"},
    {"UBL-CR-137", "cac:Signature"},
    {"UBL-CR-138", "cac:AccountingSupplierParty/cbc:CustomerAssignedAccountID"},
    {"UBL-CR-139", "cac:AccountingSupplierParty/cbc:AdditionalAccountID"},
    {"UBL-CR-140", "cac:AccountingSupplierParty/cbc:DataSendingCapability"},
    {"UBL-CR-141", "$sup/cbc:MarkCareIndicator"},
    {"UBL-CR-142", "$sup/cbc:MarkAttentionIndicator"},
    {"UBL-CR-143", "$sup/cbc:WebsiteURI"},
    {"UBL-CR-144", "$sup/cbc:LogoReferenceID"},
    {"UBL-CR-145", "$sup/cbc:IndustryClassificationCode"},
    {"UBL-CR-146", "$sup/cac:Language"},
    {"UBL-CR-147", "$sup/cac:PostalAddress/cbc:ID"},
    {"UBL-CR-148", "$sup/cac:PostalAddress/cbc:AddressTypeCode"},
    {"UBL-CR-149", "$sup/cac:PostalAddress/cbc:AddressFormatCode"},
    {"UBL-CR-150", "$sup/cac:PostalAddress/cbc:Postbox"},
    {"UBL-CR-151", "$sup/cac:PostalAddress/cbc:Floor"},
    {"UBL-CR-152", "$sup/cac:PostalAddress/cbc:Room"},
    {"UBL-CR-153", "$sup/cac:PostalAddress/cbc:BlockName"},
    {"UBL-CR-154", "$sup/cac:PostalAddress/cbc:BuildingName"},
    {"UBL-CR-155", "$sup/cac:PostalAddress/cbc:BuildingNumber"},
    {"UBL-CR-156", "$sup/cac:PostalAddress/cbc:InhouseMail"},
    {"UBL-CR-157", "$sup/cac:PostalAddress/cbc:Department"},
    {"UBL-CR-158", "$sup/cac:PostalAddress/cbc:MarkAttention"},
    {"UBL-CR-159", "$sup/cac:PostalAddress/cbc:MarkCare"},
    {"UBL-CR-160", "$sup/cac:PostalAddress/cbc:PlotIdentification"},
    {"UBL-CR-161", "$sup/cac:PostalAddress/cbc:CitySubdivisionName"},
    {"UBL-CR-162", "$sup/cac:PostalAddress/cbc:CountrySubentityCode"},
    {"UBL-CR-163", "$sup/cac:PostalAddress/cbc:Region"},
    {"UBL-CR-164", "$sup/cac:PostalAddress/cbc:District"},
    {"UBL-CR-165", "$sup/cac:PostalAddress/cbc:TimezoneOffset"},
    {"UBL-CR-166", "$sup/cac:PostalAddress/cac:Country/cbc:Name"},
    {"UBL-CR-167", "$sup/cac:PostalAddress/cac:LocationCoordinate"},
    {"UBL-CR-168", "$sup/cac:PhysicalLocation"},
    {"UBL-CR-169", "$sup/cac:PartyTaxScheme/cbc:RegistrationName"},
    {"UBL-CR-170", "$sup/cac:PartyTaxScheme/cbc:TaxLevelCode"},
    {"UBL-CR-171", "$sup/cac:PartyTaxScheme/cbc:ExemptionReasonCode"},
    {"UBL-CR-172", "$sup/cac:PartyTaxScheme/cbc:ExemptionReason"},
    {"UBL-CR-173", "$sup/cac:PartyTaxScheme/cac:RegistrationAddress"},
    {"UBL-CR-174", "$sup/cac:PartyTaxScheme/cac:TaxScheme/cbc:Name"},
    {"UBL-CR-175", "$sup/cac:PartyTaxScheme/cac:TaxScheme/cbc:TaxTypeCode"},
    {"UBL-CR-176", "$sup/cac:PartyTaxScheme/cac:TaxScheme/cbc:CurrencyCode"},
    {"UBL-CR-177", "$sup/cac:PartyTaxScheme/cac:TaxScheme/cac:JurisdictionRegionAddress"},
    {"UBL-CR-178", "$sup/cac:PartyLegalEntity/cbc:RegistrationDate"},
    {"UBL-CR-179", "$sup/cac:PartyLegalEntity/cbc:RegistrationExpirationDate"},
    {"UBL-CR-180", "$sup/cac:PartyLegalEntity/cbc:CompanyLegalFormCode"},
    {"UBL-CR-181", "$sup/cac:PartyLegalEntity/cbc:SoleProprietorshipIndicator"},
    {"UBL-CR-182", "$sup/cac:PartyLegalEntity/cbc:CompanyLiquidationStatusCode"},
    {"UBL-CR-183", "$sup/cac:PartyLegalEntity/cbc:CorporateStockAmount"},
    {"UBL-CR-184", "$sup/cac:PartyLegalEntity/cbc:FullyPaidSharesIndicator"},
    {"UBL-CR-185", "$sup/cac:PartyLegalEntity/cac:RegistrationAddress"},
    {"UBL-CR-186", "$sup/cac:PartyLegalEntity/cac:CorporateRegistrationScheme"},
    {"UBL-CR-187", "$sup/cac:PartyLegalEntity/cac:HeadOfficeParty"},
    {"UBL-CR-188", "$sup/cac:PartyLegalEntity/cac:ShareholderParty"},
    {"UBL-CR-189", "$sup/cac:Contact/cbc:ID"},
    {"UBL-CR-190", "$sup/cac:Contact/cbc:Telefax"},
    {"UBL-CR-191", "$sup/cac:Contact/cbc:Note"},
    {"UBL-CR-192", "$sup/cac:Contact/cac:OtherCommunication"},
    {"UBL-CR-193", "$sup/cac:Person"},
    {"UBL-CR-194", "$sup/cac:AgentParty"},
    {"UBL-CR-195", "$sup/cac:ServiceProviderParty"},
    {"UBL-CR-196", "$sup/cac:PowerOfAttorney"},
    {"UBL-CR-197", "$sup/cac:FinancialAccount"},
    {"UBL-CR-198", "cac:AccountingSupplierParty/cac:DespatchContact"},
    {"UBL-CR-199", "cac:AccountingSupplierParty/cac:AccountingContact"},
    {"UBL-CR-200", "cac:AccountingSupplierParty/cac:SellerContact"},
    {"UBL-CR-201", "cac:AccountingCustomerParty/cbc:CustomerAssignedAccountID"},
    {"UBL-CR-202", "cac:AccountingCustomerParty/cbc:SupplierAssignedAccountID"},
    {"UBL-CR-203", "cac:AccountingCustomerParty/cbc:AdditionalAccountID"},
    {"UBL-CR-204", "$cus/cbc:MarkCareIndicator"},
    {"UBL-CR-205", "$cus/cbc:MarkAttentionIndicator"},
    {"UBL-CR-206", "$cus/cbc:WebsiteURI"},
    {"UBL-CR-207", "$cus/cbc:LogoReferenceID"},
    {"UBL-CR-208", "$cus/cbc:IndustryClassificationCode"},
    {"UBL-CR-209", "$cus/cac:Language"},
    {"UBL-CR-210", "$cus/cac:PostalAddress/cbc:ID"},
    {"UBL-CR-211", "$cus/cac:PostalAddress/cbc:AddressTypeCode"},
    {"UBL-CR-212", "$cus/cac:PostalAddress/cbc:AddressFormatCode"},
    {"UBL-CR-213", "$cus/cac:PostalAddress/cbc:Postbox"},
    {"UBL-CR-214", "$cus/cac:PostalAddress/cbc:Floor"},
    {"UBL-CR-215", "$cus/cac:PostalAddress/cbc:Room"},
    {"UBL-CR-216", "$cus/cac:PostalAddress/cbc:BlockName"},
    {"UBL-CR-217", "$cus/cac:PostalAddress/cbc:BuildingName"},
    {"UBL-CR-218", "$cus/cac:PostalAddress/cbc:BuildingNumber"},
    {"UBL-CR-219", "$cus/cac:PostalAddress/cbc:InhouseMail"},
    {"UBL-CR-220", "$cus/cac:PostalAddress/cbc:Department"},
    {"UBL-CR-221", "$cus/cac:PostalAddress/cbc:MarkAttention"},
    {"UBL-CR-222", "$cus/cac:PostalAddress/cbc:MarkCare"},
    {"UBL-CR-223", "$cus/cac:PostalAddress/cbc:PlotIdentification"},
    {"UBL-CR-224", "$cus/cac:PostalAddress/cbc:CitySubdivisionName"},
    {"UBL-CR-225", "$cus/cac:PostalAddress/cbc:CountrySubentityCode"},
    {"UBL-CR-226", "$cus/cac:PostalAddress/cbc:Region"},
    {"UBL-CR-227", "$cus/cac:PostalAddress/cbc:District"},
    {"UBL-CR-228", "$cus/cac:PostalAddress/cbc:TimezoneOffset"},
    {"UBL-CR-229", "$cus/cac:PostalAddress/cac:Country/cbc:Name"},
    {"UBL-CR-230", "$cus/cac:PostalAddress/cac:LocationCoordinate"},
    {"UBL-CR-231", "$cus/cac:PhysicalLocation"},
    {"UBL-CR-232", "$cus/cac:PartyTaxScheme/cbc:RegistrationName"},
    {"UBL-CR-233", "$cus/cac:PartyTaxScheme/cbc:TaxLevelCode"},
    {"UBL-CR-234", "$cus/cac:PartyTaxScheme/cbc:ExemptionReasonCode"},
    {"UBL-CR-235", "$cus/cac:PartyTaxScheme/cbc:ExemptionReason"},
    {"UBL-CR-236", "$cus/cac:PartyTaxScheme/cac:RegistrationAddress"},
    {"UBL-CR-237", "$cus/cac:PartyTaxScheme/cac:TaxScheme/cbc:Name"},
    {"UBL-CR-238", "$cus/cac:PartyTaxScheme/cac:TaxScheme/cbc:TaxTypeCode"},
    {"UBL-CR-239", "$cus/cac:PartyTaxScheme/cac:TaxScheme/cbc:CurrencyCode"},
    {"UBL-CR-240", "$cus/cac:PartyTaxScheme/cac:TaxScheme/cac:JurisdictionRegionAddress"},
    {"UBL-CR-241", "$cus/cac:PartyLegalEntity/cbc:RegistrationDate"},
    {"UBL-CR-242", "$cus/cac:PartyLegalEntity/cbc:RegistrationExpirationDate"},
    {"UBL-CR-243", "$cus/cac:PartyLegalEntity/cbc:CompanyLegalFormCode"},
    {"UBL-CR-244", "$cus/cac:PartyLegalEntity/cbc:CompanyLegalForm"},
    {"UBL-CR-245", "$cus/cac:PartyLegalEntity/cbc:SoleProprietorshipIndicator"},
    {"UBL-CR-246", "$cus/cac:PartyLegalEntity/cbc:CompanyLiquidationStatusCode"},
    {"UBL-CR-247", "$cus/cac:PartyLegalEntity/cbc:CorporateStockAmount"},
    {"UBL-CR-248", "$cus/cac:PartyLegalEntity/cbc:FullyPaidSharesIndicator"},
    {"UBL-CR-249", "$cus/cac:PartyLegalEntity/cac:RegistrationAddress"},
    {"UBL-CR-250", "$cus/cac:PartyLegalEntity/cac:CorporateRegistrationScheme"},
    {"UBL-CR-251", "$cus/cac:PartyLegalEntity/cac:HeadOfficeParty"},
    {"UBL-CR-252", "$cus/cac:PartyLegalEntity/cac:ShareholderParty"},
    {"UBL-CR-253", "$cus/cac:Contact/cbc:ID"},
    {"UBL-CR-254", "$cus/cac:Contact/cbc:Telefax"},
    {"UBL-CR-255", "$cus/cac:Contact/cbc:Note"},
    {"UBL-CR-256", "$cus/cac:Contact/cac:OtherCommunication"},
    {"UBL-CR-257", "$cus/cac:Person"},
    {"UBL-CR-258", "$cus/cac:AgentParty"},
    {"UBL-CR-259", "$cus/cac:ServiceProviderParty"},
    {"UBL-CR-260", "$cus/cac:PowerOfAttorney"},
    {"UBL-CR-261", "$cus/cac:FinancialAccount"},
    {"UBL-CR-262", "cac:AccountingCustomerParty/cac:DeliveryContact"},
    {"UBL-CR-263", "cac:AccountingCustomerParty/cac:AccountingContact"},
    {"UBL-CR-264", "cac:AccountingCustomerParty/cac:BuyerContact"},
    {"UBL-CR-265", "cac:PayeeParty/cbc:MarkCareIndicator"},
    {"UBL-CR-266", "cac:PayeeParty/cbc:MarkAttentionIndicator"},
    {"UBL-CR-267", "cac:PayeeParty/cbc:WebsiteURI"},
    {"UBL-CR-268", "cac:PayeeParty/cbc:LogoReferenceID"},
    {"UBL-CR-269", "cac:PayeeParty/cbc:EndpointID"},
    {"UBL-CR-270", "cac:PayeeParty/cbc:IndustryClassificationCode"},
    {"UBL-CR-271", "cac:PayeeParty/cac:Language"},
    {"UBL-CR-272", "cac:PayeeParty/cac:PostalAddress"},
    {"UBL-CR-273", "cac:PayeeParty/cac:PhysicalLocation"},
    {"UBL-CR-274", "cac:PayeeParty/cac:PartyTaxScheme"},
    {"UBL-CR-275", "cac:PayeeParty/cac:PartyLegalEntity/cbc:RegistrationName"},
    {"UBL-CR-276", "cac:PayeeParty/cac:PartyLegalEntity/cbc:RegistrationDate"},
    {"UBL-CR-277", "cac:PayeeParty/cac:PartyLegalEntity/cbc:RegistrationExpirationDate"},
    {"UBL-CR-278", "cac:PayeeParty/cac:PartyLegalEntity/cbc:CompanyLegalFormCode"},
    {"UBL-CR-279", "cac:PayeeParty/cac:PartyLegalEntity/cbc:CompanyLegalForm"},
    {"UBL-CR-280", "cac:PayeeParty/cac:PartyLegalEntity/cbc:SoleProprietorshipIndicator"},
    {"UBL-CR-281", "cac:PayeeParty/cac:PartyLegalEntity/cbc:CompanyLiquidationStatusCode"},
    {"UBL-CR-282", "cac:PayeeParty/cac:PartyLegalEntity/cbc:CorporateStockAmount"},
    {"UBL-CR-283", "cac:PayeeParty/cac:PartyLegalEntity/cbc:FullyPaidSharesIndicator"},
    {"UBL-CR-284", "cac:PayeeParty/cac:PartyLegalEntity/cac:RegistrationAddress"},
    {"UBL-CR-285", "cac:PayeeParty/cac:PartyLegalEntity/cac:CorporateRegistrationScheme"},
    {"UBL-CR-286", "cac:PayeeParty/cac:PartyLegalEntity/cac:HeadOfficeParty"},
    {"UBL-CR-287", "cac:PayeeParty/cac:PartyLegalEntity/cac:ShareholderParty"},
    {"UBL-CR-288", "cac:PayeeParty/cac:Contact"},
    {"UBL-CR-289", "cac:PayeeParty/cac:Person"},
    {"UBL-CR-290", "cac:PayeeParty/cac:AgentParty"},
    {"UBL-CR-291", "cac:PayeeParty/cac:ServiceProviderParty"},
    {"UBL-CR-292", "cac:PayeeParty/cac:PowerOfAttorney"},
    {"UBL-CR-293", "cac:PayeeParty/cac:FinancialAccount"},
    {"UBL-CR-294", "cac:BuyerCustomerParty"},
    {"UBL-CR-295", "cac:SellerSupplierParty"},
    {"UBL-CR-296", "cac:TaxRepresentativeParty/cbc:MarkCareIndicator"},
    {"UBL-CR-297", "cac:TaxRepresentativeParty/cbc:MarkAttentionIndicator"},
    {"UBL-CR-298", "cac:TaxRepresentativeParty/cbc:WebsiteURI"},
    {"UBL-CR-299", "cac:TaxRepresentativeParty/cbc:LogoReferenceID"},
    {"UBL-CR-300", "cac:TaxRepresentativeParty/cbc:EndpointID"},
    {"UBL-CR-301", "cac:TaxRepresentativeParty/cbc:IndustryClassificationCode"},
    {"UBL-CR-302", "cac:TaxRepresentativeParty/cac:PartyIdentification"},
    {"UBL-CR-303", "cac:TaxRepresentativeParty/cac:Language"},
    {"UBL-CR-304", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:ID"},
    {"UBL-CR-305", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:AddressTypeCode"},
    {"UBL-CR-306", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:AddressFormatCode"},
    {"UBL-CR-307", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:Postbox"},
    {"UBL-CR-308", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:Floor"},
    {"UBL-CR-309", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:Room"},
    {"UBL-CR-310", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:BlockName"},
    {"UBL-CR-311", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:BuildingName"},
    {"UBL-CR-312", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:BuildingNumber"},
    {"UBL-CR-313", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:InhouseMail"},
    {"UBL-CR-314", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:Department"},
    {"UBL-CR-315", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:MarkAttention"},
    {"UBL-CR-316", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:MarkCare"},
    {"UBL-CR-317", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:PlotIdentification"},
    {"UBL-CR-318", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:CitySubdivisionName"},
    {"UBL-CR-319", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:CountrySubentityCode"},
    {"UBL-CR-320", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:Region"},
    {"UBL-CR-321", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:District"},
    {"UBL-CR-322", "cac:TaxRepresentativeParty/cac:PostalAddress/cbc:TimezoneOffset"},
    {"UBL-CR-323", "cac:TaxRepresentativeParty/cac:PostalAddress/cac:Country/cbc:Name"},
    {"UBL-CR-324", "cac:TaxRepresentativeParty/cac:PostalAddress/cac:LocationCoordinate"},
    {"UBL-CR-325", "cac:TaxRepresentativeParty/cac:PhysicalLocation"},
    {"UBL-CR-326", "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:RegistrationName"},
    {"UBL-CR-327", "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:TaxLevelCode"},
    {"UBL-CR-328", "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:ExemptionReasonCode"},
    {"UBL-CR-329", "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:ExemptionReason"},
    {"UBL-CR-330", "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:RegistrationAddress"},
    {"UBL-CR-331", "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:TaxScheme/cbc:Name"},
    {"UBL-CR-332", "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:TaxScheme/cbc:TaxTypeCode"},
    {"UBL-CR-333", "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:TaxScheme/cbc:CurrencyCode"},
    {"UBL-CR-334",
     "cac:TaxRepresentativeParty/cac:PartyTaxScheme/cac:TaxScheme/cac:JurisdictionRegionAddress"},
    {"UBL-CR-335", "cac:TaxRepresentativeParty/cac:PartyLegalEntity"},
    {"UBL-CR-336", "cac:TaxRepresentativeParty/cac:Contact"},
    {"UBL-CR-337", "cac:TaxRepresentativeParty/cac:Person"},
    {"UBL-CR-338", "cac:TaxRepresentativeParty/cac:AgentParty"},
    {"UBL-CR-339", "cac:TaxRepresentativeParty/cac:ServiceProviderParty"},
    {"UBL-CR-340", "cac:TaxRepresentativeParty/cac:PowerOfAttorney"},
    {"UBL-CR-341", "cac:TaxRepresentativeParty/cac:FinancialAccount"},
    {"UBL-CR-342", "cac:Delivery/cbc:ID"},
    {"UBL-CR-343", "cac:Delivery/cbc:Quantity"},
    {"UBL-CR-344", "cac:Delivery/cbc:MinimumQuantity"},
    {"UBL-CR-345", "cac:Delivery/cbc:MaximumQuantity"},
    {"UBL-CR-346", "cac:Delivery/cbc:ActualDeliveryTime"},
    {"UBL-CR-347", "cac:Delivery/cbc:LatestDeliveryDate"},
    {"UBL-CR-348", "cac:Delivery/cbc:LatestDeliveryTime"},
    {"UBL-CR-349", "cac:Delivery/cbc:ReleaseID"},
    {"UBL-CR-350", "cac:Delivery/cbc:TrackingID"},
    {"UBL-CR-351", "$loc/cbc:Description"},
    {"UBL-CR-352", "$loc/cbc:Conditions"},
    {"UBL-CR-353", "$loc/cbc:CountrySubentity"},
    {"UBL-CR-354", "$loc/cbc:CountrySubentityCode"},
    {"UBL-CR-355", "$loc/cbc:LocationTypeCode"},
    {"UBL-CR-356", "$loc/cbc:InformationURI"},
    {"UBL-CR-357", "$loc/cbc:Name"},
    {"UBL-CR-358", "$loc/cac:ValidityPeriod"},
    {"UBL-CR-359", "$loc/cac:Address/cbc:ID"},
    {"UBL-CR-360", "$loc/cac:Address/cbc:AddressTypeCode"},
    {"UBL-CR-361", "$loc/cac:Address/cbc:AddressFormatCode"},
    {"UBL-CR-362", "$loc/cac:Address/cbc:Postbox"},
    {"UBL-CR-363", "$loc/cac:Address/cbc:Floor"},
    {"UBL-CR-364", "$loc/cac:Address/cbc:Room"},
    {"UBL-CR-365", "$loc/cac:Address/cbc:BlockName"},
    {"UBL-CR-366", "$loc/cac:Address/cbc:BuildingName"},
    {"UBL-CR-367", "$loc/cac:Address/cbc:BuildingNumber"},
    {"UBL-CR-368", "$loc/cac:Address/cbc:InhouseMail"},
    {"UBL-CR-369", "$loc/cac:Address/cbc:Department"},
    {"UBL-CR-370", "$loc/cac:Address/cbc:MarkAttention"},
    {"UBL-CR-371", "$loc/cac:Address/cbc:MarkCare"},
    {"UBL-CR-372", "$loc/cac:Address/cbc:PlotIdentification"},
    {"UBL-CR-373", "$loc/cac:Address/cbc:CitySubdivisionName"},
    {"UBL-CR-374", "$loc/cac:Address/cbc:CountrySubentityCode"},
    {"UBL-CR-375", "$loc/cac:Address/cbc:Region"},
    {"UBL-CR-376", "$loc/cac:Address/cbc:District"},
    {"UBL-CR-377", "$loc/cac:Address/cbc:TimezoneOffset"},
    {"UBL-CR-378", "$loc/cac:Address/cac:Country/cbc:Name"},
    {"UBL-CR-379", "$loc/cac:Address/cac:LocationCoordinate"},
    {"UBL-CR-380", "$loc/cac:SubsidiaryLocation"},
    {"UBL-CR-381", "$loc/cac:LocationCoordinate"},
    {"UBL-CR-382", "cac:Delivery/cac:AlternativeDeliveryLocation"},
    {"UBL-CR-383", "cac:Delivery/cac:RequestedDeliveryPeriod"},
    {"UBL-CR-384", "cac:Delivery/cac:EstimatedDeliveryPeriod"},
    {"UBL-CR-385", "cac:Delivery/cac:CarrierParty"},
    {"UBL-CR-386", "cac:Delivery/cac:DeliveryParty/cbc:MarkCareIndicator"},
    {"UBL-CR-387", "cac:Delivery/cac:DeliveryParty/cbc:MarkAttentionIndicator"},
    {"UBL-CR-388", "cac:Delivery/cac:DeliveryParty/cbc:WebsiteURI"},
    {"UBL-CR-389", "cac:Delivery/cac:DeliveryParty/cbc:LogoReferenceID"},
    {"UBL-CR-390", "cac:Delivery/cac:DeliveryParty/cbc:EndpointID"},
    {"UBL-CR-391", "cac:Delivery/cac:DeliveryParty/cbc:IndustryClassificationCode"},
    {"UBL-CR-392", "cac:Delivery/cac:DeliveryParty/cac:PartyIdentification"},
    {"UBL-CR-393", "cac:Delivery/cac:DeliveryParty/cac:Language"},
    {"UBL-CR-394", "cac:Delivery/cac:DeliveryParty/cac:PostalAddress"},
    {"UBL-CR-395", "cac:Delivery/cac:DeliveryParty/cac:PhysicalLocation"},
    {"UBL-CR-396", "cac:Delivery/cac:DeliveryParty/cac:PartyTaxScheme"},
    {"UBL-CR-397", "cac:Delivery/cac:DeliveryParty/cac:PartyLegalEntity"},
    {"UBL-CR-398", "cac:Delivery/cac:DeliveryParty/cac:Contact"},
    {"UBL-CR-399", "cac:Delivery/cac:DeliveryParty/cac:Person"},
    {"UBL-CR-400", "cac:Delivery/cac:DeliveryParty/cac:AgentParty"},
    {"UBL-CR-401", "cac:Delivery/cac:DeliveryParty/cac:ServiceProviderParty"},
    {"UBL-CR-402", "cac:Delivery/cac:DeliveryParty/cac:PowerOfAttorney"},
    {"UBL-CR-403", "cac:Delivery/cac:DeliveryParty/cac:FinancialAccount"},
    {"UBL-CR-404", "cac:Delivery/cac:NotifyParty"},
    {"UBL-CR-405", "cac:Delivery/cac:Despatch"},
    {"UBL-CR-406", "cac:Delivery/cac:DeliveryTerms"},
    {"UBL-CR-407", "cac:Delivery/cac:MinimumDeliveryUnit"},
    {"UBL-CR-408", "cac:Delivery/cac:MaximumDeliveryUnit"},
    {"UBL-CR-409", "cac:Delivery/cac:Shipment"},
    {"UBL-CR-410", "cac:DeliveryTerms"},
    {"UBL-CR-411", "cac:PaymentMeans/cbc:ID"},
    {"UBL-CR-413", "cac:PaymentMeans/cbc:PaymentChannelCode"},
    {"UBL-CR-414", "cac:PaymentMeans/cbc:InstructionID"},
    {"UBL-CR-415", "cac:PaymentMeans/cac:CardAccount/cbc:CardTypeCode"},
    {"UBL-CR-416", "cac:PaymentMeans/cac:CardAccount/cbc:ValidityStartDate"},
    {"UBL-CR-417", "cac:PaymentMeans/cac:CardAccount/cbc:ExpiryDate"},
    {"UBL-CR-418", "cac:PaymentMeans/cac:CardAccount/cbc:IssuerID"},
    {"UBL-CR-419", "cac:PaymentMeans/cac:CardAccount/cbc:IssueNumberID"},
    {"UBL-CR-420", "cac:PaymentMeans/cac:CardAccount/cbc:CV2ID"},
    {"UBL-CR-421", "cac:PaymentMeans/cac:CardAccount/cbc:CardChipCode"},
    {"UBL-CR-422", "cac:PaymentMeans/cac:CardAccount/cbc:ChipApplicationID"},
    {"UBL-CR-424", "$payee/cbc:AliasName"},
    {"UBL-CR-425", "$payee/cbc:AccountTypeCode"},
    {"UBL-CR-426", "$payee/cbc:AccountFormatCode"},
    {"UBL-CR-427", "$payee/cbc:CurrencyCode"},
    {"UBL-CR-428", "$payee/cbc:PaymentNote"},
    {"UBL-CR-429", "$payee/cac:FinancialInstitutionBranch/cbc:Name"},
    {"UBL-CR-430", "$payee/cac:FinancialInstitutionBranch/cac:FinancialInstitution/cbc:Name"},
    {"UBL-CR-431", "$payee/cac:FinancialInstitutionBranch/cac:FinancialInstitution/cac:Address"},
    {"UBL-CR-432", "$payee/cac:FinancialInstitutionBranch/cac:Address"},
    {"UBL-CR-433", "$payee/cac:Country"},
    {"UBL-CR-434", "cac:PaymentMeans/cac:CreditAccount"},
    {"UBL-CR-435", "$mandate/cbc:MandateTypeCode"},
    {"UBL-CR-436", "$mandate/cbc:MaximumPaymentInstructionsNumeric"},
    {"UBL-CR-437", "$mandate/cbc:MaximumPaidAmount"},
    {"UBL-CR-438", "$mandate/cbc:SignatureID"},
    {"UBL-CR-439", "$mandate/cac:PayerParty"},
    {"UBL-CR-440", "$mandate/cac:PayerFinancialAccount/cbc:Name"},
    {"UBL-CR-441", "$mandate/cac:PayerFinancialAccount/cbc:AliasName"},
    {"UBL-CR-442", "$mandate/cac:PayerFinancialAccount/cbc:AccountTypeCode"},
    {"UBL-CR-443", "$mandate/cac:PayerFinancialAccount/cbc:AccountFormatCode"},
    {"UBL-CR-444", "$mandate/cac:PayerFinancialAccount/cbc:CurrencyCode"},
    {"UBL-CR-445", "$mandate/cac:PayerFinancialAccount/cbc:PaymentNote"},
    {"UBL-CR-446", "$mandate/cac:PayerFinancialAccount/cac:FinancialInstitutionBranch"},
    {"UBL-CR-447", "$mandate/cac:PayerFinancialAccount/cac:Country"},
    {"UBL-CR-448", "$mandate/cac:ValidityPeriod"},
    {"UBL-CR-449", "$mandate/cac:PaymentReversalPeriod"},
    {"UBL-CR-450", "$mandate/cac:Clause"},
    {"UBL-CR-451", "cac:PaymentMeans/cac:TradeFinancing"},
    {"UBL-CR-452", "cac:PaymentTerms/cbc:ID"},
    {"UBL-CR-453", "cac:PaymentTerms/cbc:PaymentMeansID"},
    {"UBL-CR-454", "cac:PaymentTerms/cbc:PrepaidPaymentReferenceID"},
    {"UBL-CR-455", "cac:PaymentTerms/cbc:ReferenceEventCode"},
    {"UBL-CR-456", "cac:PaymentTerms/cbc:SettlementDiscountPercent"},
    {"UBL-CR-457", "cac:PaymentTerms/cbc:PenaltySurchargePercent"},
    {"UBL-CR-458", "cac:PaymentTerms/cbc:PaymentPercent"},
    {"UBL-CR-459", "cac:PaymentTerms/cbc:Amount"},
    {"UBL-CR-460", "cac:PaymentTerms/cbc:SettlementDiscountAmount"},
    {"UBL-CR-461", "cac:PaymentTerms/cbc:PenaltyAmount"},
    {"UBL-CR-462", "cac:PaymentTerms/cbc:PaymentTermsDetailsURI"},
    {"UBL-CR-463", "cac:PaymentTerms/cbc:PaymentDueDate"},
    {"UBL-CR-464", "cac:PaymentTerms/cbc:InstallmentDueDate"},
    {"UBL-CR-465", "cac:PaymentTerms/cbc:InvoicingPartyReference"},
    {"UBL-CR-466", "cac:PaymentTerms/cac:SettlementPeriod"},
    {"UBL-CR-467", "cac:PaymentTerms/cac:PenaltyPeriod"},
    {"UBL-CR-468", "cac:PaymentTerms/cac:ExchangeRate"},
    {"UBL-CR-469", "cac:PaymentTerms/cac:ValidityPeriod"},
    {"UBL-CR-470", "cac:PrepaidPayment"},
    {"UBL-CR-471", "cac:AllowanceCharge/cbc:ID"},
    {"UBL-CR-472", "cac:AllowanceCharge/cbc:PrepaidIndicator"},
    {"UBL-CR-473", "cac:AllowanceCharge/cbc:SequenceNumeric"},
    {"UBL-CR-474", "cac:AllowanceCharge/cbc:AccountingCostCode"},
    {"UBL-CR-475", "cac:AllowanceCharge/cbc:AccountingCost"},
    {"UBL-CR-476", "cac:AllowanceCharge/cbc:PerUnitAmount"},
    {"UBL-CR-477", "cac:AllowanceCharge/cac:TaxCategory/cbc:Name"},
    {"UBL-CR-478", "cac:AllowanceCharge/cac:TaxCategory/cbc:BaseUnitMeasure"},
    {"UBL-CR-479", "cac:AllowanceCharge/cac:TaxCategory/cbc:PerUnitAmount"},
    {"UBL-CR-480", "cac:AllowanceCharge/cac:TaxCategory/cbc:TaxExemptionReasonCode"},
    {"UBL-CR-481", "cac:AllowanceCharge/cac:TaxCategory/cbc:TaxExemptionReason"},
    {"UBL-CR-482", "cac:AllowanceCharge/cac:TaxCategory/cbc:TierRange"},
    {"UBL-CR-483", "cac:AllowanceCharge/cac:TaxCategory/cbc:TierRatePercent"},
    {"UBL-CR-484", "cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme/cbc:Name"},
    {"UBL-CR-485", "cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode"},
    {"UBL-CR-486", "cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme/cbc:CurrencyCode"},
    {"UBL-CR-487",
     "cac:AllowanceCharge/cac:TaxCategory/cac:TaxScheme/cac:JurisdictionRegionAddress"},
    {"UBL-CR-488", "cac:AllowanceCharge/cac:TaxTotal"},
    {"UBL-CR-489", "cac:AllowanceCharge/cac:PaymentMeans"},
    {"UBL-CR-490", "cac:TaxExchangeRate"},
    {"UBL-CR-491", "cac:PricingExchangeRate"},
    {"UBL-CR-492", "cac:PaymentExchangeRate"},
    {"UBL-CR-493", "cac:PaymentAlternativeExchangeRate"},
    {"UBL-CR-494", "cac:TaxTotal/cbc:RoundingAmount"},
    {"UBL-CR-495", "cac:TaxTotal/cbc:TaxEvidenceIndicator"},
    {"UBL-CR-496", "cac:TaxTotal/cbc:TaxIncludedIndicator"},
    {"UBL-CR-497", "$subtotal/cbc:CalculationSequenceNumeric"},
    {"UBL-CR-498", "$subtotal/cbc:TransactionCurrencyTaxAmount"},
    {"UBL-CR-499", "$subtotal/cbc:Percent"},
    {"UBL-CR-500", "$subtotal/cbc:BaseUnitMeasure"},
    {"UBL-CR-501", "$subtotal/cbc:PerUnitAmount"},
    {"UBL-CR-502", "$subtotal/cbc:TierRange"},
    {"UBL-CR-503", "$subtotal/cbc:TierRatePercent"},
    {"UBL-CR-504", "$subtotal/cac:TaxCategory/cbc:Name"},
    {"UBL-CR-505", "$subtotal/cac:TaxCategory/cbc:BaseUnitMeasure"},
    {"UBL-CR-506", "$subtotal/cac:TaxCategory/cbc:PerUnitAmount"},
    {"UBL-CR-507", "$subtotal/cac:TaxCategory/cbc:TierRange"},
    {"UBL-CR-508", "$subtotal/cac:TaxCategory/cbc:TierRatePercent"},
    {"UBL-CR-509", "$subtotal/cac:TaxCategory/cac:TaxScheme/cbc:Name"},
    {"UBL-CR-510", "$subtotal/cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode"},
    {"UBL-CR-511", "$subtotal/cac:TaxCategory/cac:TaxScheme/cbc:CurrencyCode"},
    {"UBL-CR-512", "$subtotal/cac:TaxCategory/cac:TaxScheme/cac:JurisdictionRegionAddress"},
    {"UBL-CR-513", "cac:WithholdingTaxTotal"},
    {"UBL-CR-514", "cac:LegalMonetaryTotal/cbc:PayableAlternativeAmount"},
    {"UBL-CR-515", "$line/cbc:UUID"},
    {"UBL-CR-516", "$line/cbc:TaxPointDate"},
    {"UBL-CR-517", "$line/cbc:AccountingCostCode"},
    {"UBL-CR-518", "$line/cbc:PaymentPurposeCode"},
    {"UBL-CR-519", "$line/cbc:FreeOfChargeIndicator"},
    {"UBL-CR-520", "$line/cac:InvoicePeriod/cbc:StartTime"},
    {"UBL-CR-521", "$line/cac:InvoicePeriod/cbc:EndTime"},
    {"UBL-CR-522", "$line/cac:InvoicePeriod/cbc:DurationMeasure"},
    {"UBL-CR-523", "$line/cac:InvoicePeriod/cbc:DescriptionCode"},
    {"UBL-CR-524", "$line/cac:InvoicePeriod/cbc:Description"},
    {"UBL-CR-525", "$line/cac:OrderLineReference/cbc:SalesOrderLineID"},
    {"UBL-CR-526", "$line/cac:OrderLineReference/cbc:UUID"},
    {"UBL-CR-527", "$line/cac:OrderLineReference/cbc:LineStatusCode"},
    {"UBL-CR-528", "$line/cac:OrderLineReference/cac:OrderReference"},
    {"UBL-CR-529", "$line/cac:DespatchLineReference"},
    {"UBL-CR-530", "$line/cac:ReceiptLineReference"},
    {"UBL-CR-531", "$line/cac:BillingReference"},
    {"UBL-CR-532", "$line/cac:DocumentReference/cbc:CopyIndicator"},
    {"UBL-CR-533", "$line/cac:DocumentReference/cbc:UUID"},
    {"UBL-CR-534", "$line/cac:DocumentReference/cbc:IssueDate"},
    {"UBL-CR-535", "$line/cac:DocumentReference/cbc:IssueTime"},
    {"UBL-CR-537", "$line/cac:DocumentReference/cbc:DocumentType"},
    {"UBL-CR-538", "$line/cac:DocumentReference/cbc:XPath"},
    {"UBL-CR-539", "$line/cac:DocumentReference/cbc:LanguageID"},
    {"UBL-CR-540", "$line/cac:DocumentReference/cbc:LocaleCode"},
    {"UBL-CR-541", "$line/cac:DocumentReference/cbc:VersionID"},
    {"UBL-CR-542", "$line/cac:DocumentReference/cbc:DocumentStatusCode"},
    {"UBL-CR-543", "$line/cac:DocumentReference/cbc:DocumentDescription"},
    {"UBL-CR-544", "$line/cac:DocumentReference/cac:Attachment"},
    {"UBL-CR-545", "$line/cac:DocumentReference/cac:ValidityPeriod"},
    {"UBL-CR-546", "$line/cac:DocumentReference/cac:IssuerParty"},
    {"UBL-CR-547", "$line/cac:DocumentReference/cac:ResultOfVerification"},
    {"UBL-CR-548", "$line/cac:PricingReference"},
    {"UBL-CR-549", "$line/cac:OriginatorParty"},
    {"UBL-CR-550", "$line/cac:Delivery"},
    {"UBL-CR-551", "$line/cac:PaymentTerms"},
    {"UBL-CR-552", "$line/cac:AllowanceCharge/cbc:ID"},
    {"UBL-CR-553", "$line/cac:AllowanceCharge/cbc:PrepaidIndicator"},
    {"UBL-CR-554", "$line/cac:AllowanceCharge/cbc:SequenceNumeric"},
    {"UBL-CR-555", "$line/cac:AllowanceCharge/cbc:AccountingCostCode"},
    {"UBL-CR-556", "$line/cac:AllowanceCharge/cbc:AccountingCost"},
    {"UBL-CR-557", "$line/cac:AllowanceCharge/cbc:PerUnitAmount"},
    {"UBL-CR-558", "$line/cac:AllowanceCharge/cac:TaxCategory"},
    {"UBL-CR-559", "$line/cac:AllowanceCharge/cac:TaxTotal"},
    {"UBL-CR-560", "$line/cac:AllowanceCharge/cac:PaymentMeans"},
    {"UBL-CR-561", "$line/cac:TaxTotal"},
    {"UBL-CR-562", "$line/cac:WithholdingTaxTotal"},
    {"UBL-CR-563", "$item/cbc:PackQuantity"},
    {"UBL-CR-564", "$item/cbc:PackSizeNumeric"},
    {"UBL-CR-565", "$item/cbc:CatalogueIndicator"},
    {"UBL-CR-566", "$item/cbc:HazardousRiskIndicator"},
    {"UBL-CR-567", "$item/cbc:AdditionalInformation"},
    {"UBL-CR-568", "$item/cbc:Keyword"},
    {"UBL-CR-569", "$item/cbc:BrandName"},
    {"UBL-CR-570", "$item/cbc:ModelName"},
    {"UBL-CR-571", "$item/cac:BuyersItemIdentification/cbc:ExtendedID"},
    {"UBL-CR-572", "$item/cac:BuyersItemIdentification/cbc:BarcodeSymbologyID"},
    {"UBL-CR-573", "$item/cac:BuyersItemIdentification/cac:PhysicalAttribute"},
    {"UBL-CR-574", "$item/cac:BuyersItemIdentification/cac:MeasurementDimension"},
    {"UBL-CR-575", "$item/cac:BuyersItemIdentification/cac:IssuerParty"},
    {"UBL-CR-576", "$item/cac:SellersItemIdentification/cbc:ExtendedID"},
    {"UBL-CR-577", "$item/cac:SellersItemIdentification/cbc:BarcodeSymbologyID"},
    {"UBL-CR-578", "$item/cac:SellersItemIdentification/cac:PhysicalAttribute"},
    {"UBL-CR-579", "$item/cac:SellersItemIdentification/cac:MeasurementDimension"},
    {"UBL-CR-580", "$item/cac:SellersItemIdentification/cac:IssuerParty"},
    {"UBL-CR-581", "$item/cac:ManufacturersItemIdentification"},
    {"UBL-CR-582", "$item/cac:StandardItemIdentification/cbc:ExtendedID"},
    {"UBL-CR-583", "$item/cac:StandardItemIdentification/cbc:BarcodeSymbologyID"},
    {"UBL-CR-584", "$item/cac:StandardItemIdentification/cac:PhysicalAttribute"},
    {"UBL-CR-585", "$item/cac:StandardItemIdentification/cac:MeasurementDimension"},
    {"UBL-CR-586", "$item/cac:StandardItemIdentification/cac:IssuerParty"},
    {"UBL-CR-587", "$item/cac:CatalogueItemIdentification"},
    {"UBL-CR-588", "$item/cac:AdditionalItemIdentification"},
    {"UBL-CR-589", "$item/cac:CatalogueDocumentReference"},
    {"UBL-CR-590", "$item/cac:ItemSpecificationDocumentReference"},
    {"UBL-CR-591", "$item/cac:OriginCountry/cbc:Name"},
    {"UBL-CR-592", "$item/cac:CommodityClassification/cbc:NatureCode"},
    {"UBL-CR-593", "$item/cac:CommodityClassification/cbc:CargoTypeCode"},
    {"UBL-CR-594", "$item/cac:CommodityClassification/cbc:CommodityCode"},
    {"UBL-CR-595", "$item/cac:TransactionConditions"},
    {"UBL-CR-596", "$item/cac:HazardousItem"},
    {"UBL-CR-597", "$item/cac:ClassifiedTaxCategory/cbc:Name"},
    {"UBL-CR-598", "$item/cac:ClassifiedTaxCategory/cbc:BaseUnitMeasure"},
    {"UBL-CR-599", "$item/cac:ClassifiedTaxCategory/cbc:PerUnitAmount"},
    {"UBL-CR-600", "$item/cac:ClassifiedTaxCategory/cbc:TaxExemptionReasonCode"},
    {"UBL-CR-601", "$item/cac:ClassifiedTaxCategory/cbc:TaxExemptionReason"},
    {"UBL-CR-602", "$item/cac:ClassifiedTaxCategory/cbc:TierRange"},
    {"UBL-CR-603", "$item/cac:ClassifiedTaxCategory/cbc:TierRatePercent"},
    {"UBL-CR-604", "$item/cac:ClassifiedTaxCategory/cac:TaxScheme/cbc:Name"},
    {"UBL-CR-605", "$item/cac:ClassifiedTaxCategory/cac:TaxScheme/cbc:TaxTypeCode"},
    {"UBL-CR-606", "$item/cac:ClassifiedTaxCategory/cac:TaxScheme/cbc:CurrencyCode"},
    {"UBL-CR-607", "$item/cac:ClassifiedTaxCategory/cac:TaxScheme/cac:JurisdictionRegionAddress"},
    {"UBL-CR-608", "$item/cac:AdditionalItemProperty/cbc:ID"},
    {"UBL-CR-609", "$item/cac:AdditionalItemProperty/cbc:NameCode"},
    {"UBL-CR-610", "$item/cac:AdditionalItemProperty/cbc:TestMethod"},
    {"UBL-CR-611", "$item/cac:AdditionalItemProperty/cbc:ValueQuantity"},
    {"UBL-CR-612", "$item/cac:AdditionalItemProperty/cbc:ValueQualifier"},
    {"UBL-CR-613", "$item/cac:AdditionalItemProperty/cbc:ImportanceCode"},
    {"UBL-CR-614", "$item/cac:AdditionalItemProperty/cbc:ListValue"},
    {"UBL-CR-615", "$item/cac:AdditionalItemProperty/cac:UsabilityPeriod"},
    {"UBL-CR-616", "$item/cac:AdditionalItemProperty/cac:ItemPropertyGroup"},
    {"UBL-CR-617", "$item/cac:AdditionalItemProperty/cac:RangeDimension"},
    {"UBL-CR-618", "$item/cac:AdditionalItemProperty/cac:ItemPropertyRange"},
    {"UBL-CR-619", "$item/cac:ManufacturerParty"},
    {"UBL-CR-620", "$item/cac:InformationContentProviderParty"},
    {"UBL-CR-621", "$item/cac:OriginAddress"},
    {"UBL-CR-622", "$item/cac:ItemInstance"},
    {"UBL-CR-623", "$item/cac:Certificate"},
    {"UBL-CR-624", "$item/cac:Dimension"},
    {"UBL-CR-625", "$line/cac:Price/cbc:PriceChangeReason"},
    {"UBL-CR-626", "$line/cac:Price/cbc:PriceTypeCode"},
    {"UBL-CR-627", "$line/cac:Price/cbc:PriceType"},
    {"UBL-CR-628", "$line/cac:Price/cbc:OrderableUnitFactorRate"},
    {"UBL-CR-629", "$line/cac:Price/cbc:ValidityPeriod"},
    {"UBL-CR-630", "$line/cac:Price/cbc:PriceList"},
    {"UBL-CR-631", "$line/cac:Price/cbc:OrderableUnitFactorRate"},
    {"UBL-CR-632", "$line/cac:Price/cac:AllowanceCharge/cbc:ID"},
    {"UBL-CR-633", "$line/cac:Price/cac:AllowanceCharge/cbc:AllowanceChargeReasonCode"},
    {"UBL-CR-634", "$line/cac:Price/cac:AllowanceCharge/cbc:AllowanceChargeReason"},
    {"UBL-CR-635", "$line/cac:Price/cac:AllowanceCharge/cbc:MultiplierFactorNumeric"},
    {"UBL-CR-636", "$line/cac:Price/cac:AllowanceCharge/cbc:PrepaidIndicator"},
    {"UBL-CR-637", "$line/cac:Price/cac:AllowanceCharge/cbc:SequenceNumeric"},
    {"UBL-CR-638", "$line/cac:Price/cac:AllowanceCharge/cbc:AccountingCostCode"},
    {"UBL-CR-639", "$line/cac:Price/cac:AllowanceCharge/cbc:AccountingCost"},
    {"UBL-CR-640", "$line/cac:Price/cac:AllowanceCharge/cbc:PerUnitAmount"},
    {"UBL-CR-641", "$line/cac:Price/cac:AllowanceCharge/cac:TaxCategory"},
    {"UBL-CR-642", "$line/cac:Price/cac:AllowanceCharge/cac:TaxTotal"},
    {"UBL-CR-643", "$line/cac:Price/cac:AllowanceCharge/cac:PaymentMeans"},
    {"UBL-CR-644", "$line/cac:Price/cac:PricingExchangeRate"},
    {"UBL-CR-645", "$line/cac:DeliveryTerms"},
    {"UBL-CR-646", "$line/cac:SubInvoiceLine"},
    {"UBL-CR-647", "$line/cac:ItemPriceExtension"},
    {"UBL-CR-648", "cbc:CustomizationID/@schemeID"},
    {"UBL-CR-649", "cbc:ProfileID/@schemeID"},
    {"UBL-CR-650", "cbc:ID/@schemeID"},
    {"UBL-CR-651", "cbc:SalesOrderID/@schemeID"},
    {"UBL-CR-652", "//cac:PartyTaxScheme/cbc:CompanyID/@schemeID"},
    {"UBL-CR-653", "cac:PaymentMeans/cbc:PaymentID/@schemeID"},
    {"UBL-CR-654", "$payee/cbc:ID/@schemeID"},
    {"UBL-CR-655", "$payee/cac:FinancialInstitutionBranch/cbc:ID/@schemeID"},
    {"UBL-CR-656", "cbc:InvoiceTypeCode/@listID"},
    {"UBL-CR-657", "cbc:DocumentCurrencyCode/@listID"},
    {"UBL-CR-658", "cbc:TaxCurrencyCode/@listID"},
    {"UBL-CR-659", "cac:AdditionalDocumentReference/cbc:DocumentTypeCode/@listID"},
    {"UBL-CR-660", "//cac:Country/cbc:IdentificationCode/@listID"},
    {"UBL-CR-661", "cac:PaymentMeans/cbc:PaymentMeansCode/@listID"},
    {"UBL-CR-662", "//cbc:AllowanceChargeReasonCode/@listID"},
    {"UBL-CR-663", "//@unitCodeListID"},
    {"UBL-CR-664", "//cac:FinancialInstitution"},
    {"UBL-CR-667", "//cac:BuyersItemIdentification/cbc:ID/@schemeID"},
    {"UBL-CR-668", "//cac:SellersItemIdentification/cbc:ID/@schemeID"},
    {"UBL-CR-669", "//cac:Price/cac:AllowanceCharge/cbc:AllowanceChargeReasonCode"},
    {"UBL-CR-670", "//cac:Price/cac:AllowanceCharge/cbc:AllowanceChargeReason"},
    {"UBL-CR-671", "//cac:Price/cac:AllowanceCharge/cbc:MultiplierFactorNumeric"},
    {"UBL-CR-672", "cbc:CreditNoteTypeCode/@listID"},
    {"UBL-CR-674", "//cbc:PrimaryAccountNumber/@schemeID"},
    {"UBL-CR-675", "//cac:CardAccount/cbc:NetworkID/@schemeID"},
    {"UBL-CR-676", "//cac:PaymentMandate/cbc:ID/@schemeID"},
    {"UBL-CR-677", "//cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID/@schemeID"},
    {"UBL-CR-678", "//cac:TaxCategory/cbc:ID/@schemeID"},
    {"UBL-CR-679", "//cac:ClassifiedTaxCategory/cbc:ID/@schemeID"},
    {"UBL-CR-680", "//cac:PaymentMeans/cac:PayerFinancialAccount"},
    {"UBL-CR-681", "cac:PaymentMeans/cbc:InstructionNote"},
    {"UBL-CR-682", "cac:Delivery/cac:DeliveryAddress"},
    {"UBL-DT-08", "//@schemeName"},
    {"UBL-DT-09", "//@schemeAgencyName"},
    {"UBL-DT-10", "//@schemeDataURI"},
    {"UBL-DT-11", "//@schemeURI"},
    {"UBL-DT-12", "//@format"},
    {"UBL-DT-13", "//@unitCodeListIdentifier"},
    {"UBL-DT-14", "//@unitCodeListAgencyIdentifier"},
    {"UBL-DT-15", "//@unitCodeListAgencyName"},
    {"UBL-DT-16", "//@listAgencyName"},
    {"UBL-DT-17", "//@listName"},
    {"UBL-DT-19", "//@languageID"},
    {"UBL-DT-20", "//@listURI"},
    {"UBL-DT-21", "//@listSchemeURI"},
    {"UBL-DT-22", "//@languageLocaleID"},
    {"UBL-DT-23", "//@uri"},
    {"UBL-DT-24", "//@currencyCodeListVersionID"},
    {"UBL-DT-25", "//@characterSetCode"},
    {"UBL-DT-26", "//@encodingCode"},
    {"UBL-DT-27", "//@schemeAgencyID"},
    {"UBL-DT-28", "//@listAgencyID"},
};

// ---- CII D16B -------------------------------------------------------------------------------

constexpr Alias kCiiAliases[] = {
    {"$ctx", "rsm:ExchangedDocumentContext"},
    {"$doc", "rsm:ExchangedDocument"},
    {"$line", "rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem"},
    {"$product", "$line/ram:SpecifiedTradeProduct"},
    {"$lagr", "$line/ram:SpecifiedLineTradeAgreement"},
    {"$gross", "$lagr/ram:GrossPriceProductTradePrice"},
    {"$net", "$lagr/ram:NetPriceProductTradePrice"},
    {"$ldel", "$line/ram:SpecifiedLineTradeDelivery"},
    {"$lset", "$line/ram:SpecifiedLineTradeSettlement"},
    {"$lsum", "$lset/ram:SpecifiedTradeSettlementLineMonetarySummation"},
    {"$hagr", "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement"},
    {"$seller", "$hagr/ram:SellerTradeParty"},
    {"$buyer", "$hagr/ram:BuyerTradeParty"},
    {"$taxrep", "$hagr/ram:SellerTaxRepresentativeTradeParty"},
    {"$hdel", "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeDelivery"},
    {"$shipto", "$hdel/ram:ShipToTradeParty"},
    {"$event", "$hdel/ram:ActualDeliverySupplyChainEvent"},
    {"$hset", "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement"},
    {"$payee", "$hset/ram:PayeeTradeParty"},
    {"$means", "$hset/ram:SpecifiedTradeSettlementPaymentMeans"},
    {"$card", "$means/ram:ApplicableTradeSettlementFinancialCard"},
    {"$terms", "$hset/ram:SpecifiedTradePaymentTerms"},
    {"$sum", "$hset/ram:SpecifiedTradeSettlementHeaderMonetarySummation"},
    // The four identifiers of the "IDTypeNoAttributes" context (CII-DT-001…007), spelled out:
    // an alias's alternatives are not themselves expanded.
    {"$sid",
     "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID|"
     "rsm:ExchangedDocument/ram:ID|"
     "rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
     "ram:AssociatedDocumentLineDocument/ram:LineID|"
     "rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/"
     "ram:SpecifiedTradeProduct/ram:SellerAssignedID"},
};

// Warnings. The artefacts report CII-SR-004 and CII-SR-005 as "CII-SR-04" and "CII-SR-05"; they
// define CII-SR-282 twice, the first definition (BuyerTaxRepresentativeTradeParty) is the one
// that applies; they name ram:ValuationBreakdownStatement (CII-SR-438), an rsm element in CII:
// kept as written. CII-SR-464 is always true and left out.
constexpr Forbidden kCiiWarnings[] = {
    {"CII-SR-001", "$ctx/ram:SpecifiedTransactionID"},
    {"CII-SR-002", "$ctx/ram:TestIndicator"},
    {"CII-SR-006", "$ctx/ram:BIMSpecifiedDocumentContextParameter"},
    {"CII-SR-007", "$ctx/ram:ScenarioSpecifiedDocumentContextParameter"},
    {"CII-SR-008", "$ctx/ram:ApplicationSpecifiedDocumentContextParameter"},
    {"CII-SR-011", "$ctx/ram:SubsetSpecifiedDocumentContextParameter"},
    {"CII-SR-012", "$ctx/ram:MessageStandardSpecifiedDocumentContextParameter"},
    {"CII-SR-04", "//*DocumentContextParameter/ram:Value"},
    {"CII-SR-05", "//*DocumentContextParameter/ram:SpecifiedDocumentVersion"},
    {"CII-SR-013", "$doc/ram:Name"},
    {"CII-SR-015", "$doc/ram:IssueDateTime/udt:DateTime"},
    {"CII-SR-016", "$doc/ram:CopyIndicator"},
    {"CII-SR-017", "$doc/ram:Purpose"},
    {"CII-SR-018", "$doc/ram:ControlRequirementIndicator"},
    {"CII-SR-019", "$doc/ram:LanguageID"},
    {"CII-SR-020", "$doc/ram:PurposeCode"},
    {"CII-SR-021", "$doc/ram:RevisionDateTime"},
    {"CII-SR-022", "$doc/ram:VersionID"},
    {"CII-SR-023", "$doc/ram:GlobalID"},
    {"CII-SR-024", "$doc/ram:RevisionID"},
    {"CII-SR-025", "$doc/ram:PreviousRevisionID"},
    {"CII-SR-026", "$doc/ram:CategoryCode"},
    {"CII-SR-027", "$doc/ram:IncludedNote/ram:Subject"},
    {"CII-SR-028", "$doc/ram:IncludedNote/ram:ContentCode"},
    {"CII-SR-032", "$doc/ram:IncludedNote/ram:ID"},
    {"CII-SR-033", "$doc/ram:EffectiveSpecifiedPeriod"},
    {"CII-SR-034", "$doc/ram:IssuerTradeParty"},
    {"CII-SR-035", "$line/ram:DescriptionCode"},
    {"CII-SR-036", "$line/ram:ParentLineID"},
    {"CII-SR-037", "$line/ram:LineStatusCode"},
    {"CII-SR-038", "$line/ram:LineStatusReasonCode"},
    {"CII-SR-221", "$line/ram:IncludedSubordinateTradeLineItem"},
    {"CII-SR-041", "$line/ram:AssociatedDocumentLineDocument/ram:IncludedNote/ram:SubjectCode"},
    {"CII-SR-042", "$line/ram:AssociatedDocumentLineDocument/ram:IncludedNote/ram:ID"},
    {"CII-SR-043", "$line/ram:AssociatedDocumentLineDocument/ram:IncludedNote/ram:Subject"},
    {"CII-SR-044", "$line/ram:AssociatedDocumentLineDocument/ram:IncludedNote/ram:ContentCode"},
    {"CII-SR-045", "$product/ram:ID"},
    {"CII-SR-048", "$product/ram:ManufacturerAssignedID"},
    {"CII-SR-049", "$product/ram:TradeName"},
    {"CII-SR-050", "$product/ram:TypeCode"},
    {"CII-SR-051", "$product/ram:NetWeightMeasure"},
    {"CII-SR-052", "$product/ram:GrossWeightMeasure"},
    {"CII-SR-053", "$product/ram:ProductGroupID"},
    {"CII-SR-054", "$product/ram:EndItemTypeCode"},
    {"CII-SR-055", "$product/ram:EndItemName"},
    {"CII-SR-056", "$product/ram:AreaDensityMeasure"},
    {"CII-SR-057", "$product/ram:UseDescription"},
    {"CII-SR-058", "$product/ram:BrandName"},
    {"CII-SR-059", "$product/ram:SubBrandName"},
    {"CII-SR-060", "$product/ram:DrainedNetWeightMeasure"},
    {"CII-SR-061", "$product/ram:VariableMeasureIndicator"},
    {"CII-SR-062", "$product/ram:ColourCode"},
    {"CII-SR-063", "$product/ram:ColourDescription"},
    {"CII-SR-064", "$product/ram:Designation"},
    {"CII-SR-065", "$product/ram:FormattedCancellationAnnouncedLaunchDateTime"},
    {"CII-SR-066", "$product/ram:FormattedLatestProductDataChangeDateTime"},
    {"CII-SR-067", "$product/ram:ApplicableProductCharacteristic/ram:ID"},
    {"CII-SR-068", "$product/ram:ApplicableProductCharacteristic/ram:TypeCode"},
    {"CII-SR-070", "$product/ram:ApplicableProductCharacteristic/ram:ValueMeasure"},
    {"CII-SR-071", "$product/ram:ApplicableProductCharacteristic/ram:MeasurementMethodCode"},
    {"CII-SR-073", "$product/ram:ApplicableProductCharacteristic/ram:ValueCode"},
    {"CII-SR-074", "$product/ram:ApplicableProductCharacteristic/ram:ValueDateTime"},
    {"CII-SR-075", "$product/ram:ApplicableProductCharacteristic/ram:ValueIndicator"},
    {"CII-SR-076", "$product/ram:ApplicableProductCharacteristic/ram:ContentTypeCode"},
    {"CII-SR-077", "$product/ram:ApplicableProductCharacteristic/ram:ValueSpecifiedBinaryFile"},
    {"CII-SR-078",
     "$product/ram:ApplicableProductCharacteristic/ram:ApplicableProductCharacteristicCondition"},
    {"CII-SR-079", "$product/ram:ApplicableProductCharacteristic/ram:ApplicableReferencedStandard"},
    {"CII-SR-080", "$product/ram:ApplicableMaterialGoodsCharacteristic"},
    {"CII-SR-081", "$product/ram:DesignatedProductClassification/ram:SystemID"},
    {"CII-SR-082", "$product/ram:DesignatedProductClassification/ram:SystemName"},
    {"CII-SR-083", "$product/ram:DesignatedProductClassification/ram:ClassName"},
    {"CII-SR-084", "$product/ram:DesignatedProductClassification/ram:SubClassCode"},
    {"CII-SR-085", "$product/ram:DesignatedProductClassification/ram:ClassProductCharacteristic"},
    {"CII-SR-086", "$product/ram:DesignatedProductClassification/ram:ApplicableReferencedStandard"},
    {"CII-SR-087", "$product/ram:IndividualTradeProductInstance"},
    {"CII-SR-088", "$product/ram:CertificationEvidenceReferenceReferencedDocument"},
    {"CII-SR-089", "$product/ram:InspectionReferenceReferencedDocument"},
    {"CII-SR-091", "$product/ram:OriginTradeCountry/ram:Name"},
    {"CII-SR-092", "$product/ram:OriginTradeCountry/ram:SubordinateTradeCountrySubDivision"},
    {"CII-SR-093", "$product/ram:LinearSpatialDimension"},
    {"CII-SR-094", "$product/ram:MinimumLinearSpatialDimension"},
    {"CII-SR-095", "$product/ram:MaximumLinearSpatialDimension"},
    {"CII-SR-096", "$product/ram:ManufacturerTradeParty"},
    {"CII-SR-097", "$product/ram:PresentationSpecifiedBinaryFile"},
    {"CII-SR-098", "$product/ram:MSDSReferenceReferencedDocument"},
    {"CII-SR-099", "$product/ram:AdditionalReferenceReferencedDocument"},
    {"CII-SR-100", "$product/ram:LegalRightsOwnerTradeParty"},
    {"CII-SR-101", "$product/ram:BrandOwnerTradeParty"},
    {"CII-SR-102", "$product/ram:IncludedReferencedProduct"},
    {"CII-SR-103", "$product/ram:InformationNote"},
    {"CII-SR-104", "$lagr/ram:BuyerReference"},
    {"CII-SR-105", "$lagr/ram:BuyerRequisitionerTradeParty"},
    {"CII-SR-106", "$lagr/ram:ApplicableTradeDeliveryTerms"},
    {"CII-SR-107", "$lagr/ram:SellerOrderReferencedDocument"},
    {"CII-SR-108", "$lagr/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID"},
    {"CII-SR-109", "$lagr/ram:QuotationReferencedDocument"},
    {"CII-SR-110", "$lagr/ram:ContractReferencedDocument"},
    {"CII-SR-111", "$lagr/ram:DemandForecastReferencedDocument"},
    {"CII-SR-112", "$lagr/ram:PromotionalDealReferencedDocument"},
    {"CII-SR-113", "$lagr/ram:AdditionalReferencedDocument"},
    {"CII-SR-114", "$gross/ram:TypeCode"},
    {"CII-SR-115", "$gross/ram:MinimumQuantity"},
    {"CII-SR-116", "$gross/ram:MaximumQuantity"},
    {"CII-SR-117", "$gross/ram:ChangeReason"},
    {"CII-SR-118", "$gross/ram:OrderUnitConversionFactorNumeric"},
    {"CII-SR-120", "$gross/ram:AppliedTradeAllowanceCharge/ram:ID"},
    {"CII-SR-121", "$gross/ram:AppliedTradeAllowanceCharge/ram:SequenceNumeric"},
    {"CII-SR-122", "$gross/ram:AppliedTradeAllowanceCharge/ram:CalculationPercent"},
    {"CII-SR-123", "$gross/ram:AppliedTradeAllowanceCharge/ram:BasisAmount"},
    {"CII-SR-124", "$gross/ram:AppliedTradeAllowanceCharge/ram:BasisQuantity"},
    {"CII-SR-125", "$gross/ram:AppliedTradeAllowanceCharge/ram:PrepaidIndicator"},
    {"CII-SR-126", "$gross/ram:AppliedTradeAllowanceCharge/ram:UnitBasisAmount"},
    {"CII-SR-127", "$gross/ram:AppliedTradeAllowanceCharge/ram:ReasonCode"},
    {"CII-SR-128", "$gross/ram:AppliedTradeAllowanceCharge/ram:Reason"},
    {"CII-SR-129", "$gross/ram:AppliedTradeAllowanceCharge/ram:TypeCode"},
    {"CII-SR-130", "$gross/ram:AppliedTradeAllowanceCharge/ram:CategoryTradeTax"},
    {"CII-SR-131", "$gross/ram:AppliedTradeAllowanceCharge/ram:ActualTradeCurrencyExchange"},
    {"CII-SR-445", "$gross/ram:IncludedTradeTax"},
    {"CII-SR-132", "$gross/ram:ValiditySpecifiedPeriod"},
    {"CII-SR-133", "$gross/ram:DeliveryTradeLocation"},
    {"CII-SR-134", "$gross/ram:TradeComparisonReferencePrice"},
    {"CII-SR-135", "$gross/ram:AssociatedReferencedDocument"},
    {"CII-SR-136", "$net/ram:TypeCode"},
    {"CII-SR-138", "$net/ram:MinimumQuantity"},
    {"CII-SR-139", "$net/ram:MaximumQuantity"},
    {"CII-SR-140", "$net/ram:ChangeReason"},
    {"CII-SR-141", "$net/ram:OrderUnitConversionFactorNumeric"},
    {"CII-SR-142", "$net/ram:AppliedTradeAllowanceCharge"},
    {"CII-SR-446", "$net/ram:IncludedTradeTax"},
    {"CII-SR-143", "$net/ram:ValiditySpecifiedPeriod"},
    {"CII-SR-144", "$net/ram:DeliveryTradeLocation"},
    {"CII-SR-145", "$net/ram:TradeComparisonReferencePrice"},
    {"CII-SR-146", "$net/ram:AssociatedReferencedDocument"},
    {"CII-SR-147", "$lagr/ram:RequisitionerReferencedDocument"},
    {"CII-SR-148", "$lagr/ram:ItemSellerTradeParty"},
    {"CII-SR-149", "$lagr/ram:ItemBuyerTradeParty"},
    {"CII-SR-150", "$lagr/ram:IncludedSpecifiedMarketplace"},
    {"CII-SR-447", "$lagr/ram:UltimateCustomerOrderReferencedDocument"},
    {"CII-SR-151", "$ldel/ram:RequestedQuantity"},
    {"CII-SR-152", "$ldel/ram:ReceivedQuantity"},
    {"CII-SR-153", "$ldel/ram:ChargeFreeQuantity"},
    {"CII-SR-154", "$ldel/ram:PackageQuantity"},
    {"CII-SR-155", "$ldel/ram:ProductUnitQuantity"},
    {"CII-SR-156", "$ldel/ram:PerPackageUnitQuantity"},
    {"CII-SR-157", "$ldel/ram:NetWeightMeasure"},
    {"CII-SR-158", "$ldel/ram:GrossWeightMeasure"},
    {"CII-SR-159", "$ldel/ram:TheoreticalWeightMeasure"},
    {"CII-SR-160", "$ldel/ram:DespatchedQuantity"},
    {"CII-SR-161", "$ldel/ram:SpecifiedDeliveryAdjustment"},
    {"CII-SR-162", "$ldel/ram:IncludedSupplyChainPackaging"},
    {"CII-SR-163", "$ldel/ram:RelatedSupplyChainConsignment"},
    {"CII-SR-164", "$ldel/ram:ShipToTradeParty"},
    {"CII-SR-165", "$ldel/ram:UltimateShipToTradeParty"},
    {"CII-SR-166", "$ldel/ram:ShipFromTradeParty"},
    {"CII-SR-167", "$ldel/ram:ActualDespatchSupplyChainEvent"},
    {"CII-SR-168", "$ldel/ram:ActualPickUpSupplyChainEvent"},
    {"CII-SR-169", "$ldel/ram:RequestedDeliverySupplyChainEvent"},
    {"CII-SR-170", "$ldel/ram:ActualDeliverySupplyChainEvent"},
    {"CII-SR-171", "$ldel/ram:ActualReceiptSupplyChainEvent"},
    {"CII-SR-172", "$ldel/ram:AdditionalReferencedDocument"},
    {"CII-SR-173", "$ldel/ram:DespatchAdviceReferencedDocument"},
    {"CII-SR-174", "$ldel/ram:ReceivingAdviceReferencedDocument"},
    {"CII-SR-175", "$ldel/ram:DeliveryNoteReferencedDocument"},
    {"CII-SR-176", "$ldel/ram:ConsumptionReportReferencedDocument"},
    {"CII-SR-177", "$ldel/ram:PackingListReferencedDocument"},
    {"CII-SR-178", "$lset/ram:PaymentReference"},
    {"CII-SR-179", "$lset/ram:InvoiceIssuerReference"},
    {"CII-SR-180", "$lset/ram:TotalAdjustmentAmount"},
    {"CII-SR-181", "$lset/ram:DiscountIndicator"},
    {"CII-SR-182", "$lset/ram:ApplicableTradeTax/ram:CalculatedAmount"},
    {"CII-SR-183",
     "$lset/ram:SpecifiedTradeAllowanceCharge/ram:ChargeIndicator/udt:IndicatorString"},
    {"CII-SR-184", "$lset/ram:SpecifiedTradeAllowanceCharge/ram:ID"},
    {"CII-SR-185", "$lset/ram:SpecifiedTradeAllowanceCharge/ram:SequenceNumeric"},
    {"CII-SR-186", "$lset/ram:SpecifiedTradeAllowanceCharge/ram:CalculationPercent/@format"},
    {"CII-SR-187", "$lset/ram:SpecifiedTradeAllowanceCharge/ram:BasisQuantity"},
    {"CII-SR-188", "$lset/ram:SpecifiedTradeAllowanceCharge/ram:PrepaidIndicator"},
    {"CII-SR-189", "$lset/ram:SpecifiedTradeAllowanceCharge/ram:UnitBasisAmount"},
    {"CII-SR-190", "$lset/ram:SpecifiedTradeAllowanceCharge/ram:TypeCode"},
    {"CII-SR-191", "$lset/ram:SpecifiedTradeAllowanceCharge/ram:CategoryTradeTax"},
    {"CII-SR-192", "$lset/ram:SpecifiedTradeAllowanceCharge/ram:ActualTradeCurrencyExchange"},
    {"CII-SR-193", "$lset/ram:SpecifiedTradeAllowanceCharge/ram:ID"},
    {"CII-SR-194", "$lset/ram:SubtotalCalculatedTradeTax"},
    {"CII-SR-195", "$lset/ram:SpecifiedLogisticsServiceCharge"},
    {"CII-SR-196", "$lset/ram:SpecifiedTradePaymentTerms"},
    {"CII-SR-197", "$lsum/ram:ChargeTotalAmount"},
    {"CII-SR-198", "$lsum/ram:AllowanceTotalAmount"},
    {"CII-SR-199", "$lsum/ram:TaxBasisTotalAmount"},
    {"CII-SR-200", "$lsum/ram:TaxTotalAmount"},
    {"CII-SR-201", "$lsum/ram:GrandTotalAmount"},
    {"CII-SR-202", "$lsum/ram:InformationAmount"},
    {"CII-SR-203", "$lsum/ram:TotalAllowanceChargeAmount"},
    {"CII-SR-204", "$lsum/ram:TotalRetailValueInformationAmount"},
    {"CII-SR-205", "$lsum/ram:GrossLineTotalAmount"},
    {"CII-SR-206", "$lsum/ram:NetLineTotalAmount"},
    {"CII-SR-207", "$lsum/ram:NetIncludingTaxesLineTotalAmount"},
    {"CII-SR-208", "$lsum/ram:ProductWeightLossInformationAmount"},
    {"CII-SR-209", "$lset/ram:SpecifiedFinancialAdjustment"},
    {"CII-SR-210", "$lset/ram:InvoiceReferencedDocument"},
    {"CII-SR-212", "$lset/ram:PayableSpecifiedTradeAccountingAccount"},
    {"CII-SR-213", "$lset/ram:ReceivableSpecifiedTradeAccountingAccount/ram:SetTriggerCode"},
    {"CII-SR-214", "$lset/ram:ReceivableSpecifiedTradeAccountingAccount/ram:TypeCode"},
    {"CII-SR-215", "$lset/ram:ReceivableSpecifiedTradeAccountingAccount/ram:AmountTypeCode"},
    {"CII-SR-216", "$lset/ram:ReceivableSpecifiedTradeAccountingAccount/ram:Name"},
    {"CII-SR-217",
     "$lset/ram:ReceivableSpecifiedTradeAccountingAccount/ram:CostReferenceDimensionPattern"},
    {"CII-SR-218", "$lset/ram:PurchaseSpecifiedTradeAccountingAccount"},
    {"CII-SR-219", "$lset/ram:SalesSpecifiedTradeAccountingAccount"},
    {"CII-SR-220", "$lset/ram:SpecifiedTradeSettlementFinancialCard"},
    {"CII-SR-442", "$hagr/ram:Reference"},
    {"CII-SR-222", "$seller/ram:RoleCode"},
    {"CII-SR-223", "$seller/ram:SpecifiedLegalOrganization/ram:LegalClassificationCode"},
    {"CII-SR-224", "$seller/ram:SpecifiedLegalOrganization/ram:Name"},
    {"CII-SR-225", "$seller/ram:SpecifiedLegalOrganization/ram:PostalTradeAddress"},
    {"CII-SR-226", "$seller/ram:SpecifiedLegalOrganization/ram:AuthorizedLegalRegistration"},
    {"CII-SR-227", "$seller/ram:DefinedTradeContact/ram:ID"},
    {"CII-SR-228", "$seller/ram:DefinedTradeContact/ram:TypeCode"},
    {"CII-SR-229", "$seller/ram:DefinedTradeContact/ram:JobTitle"},
    {"CII-SR-230", "$seller/ram:DefinedTradeContact/ram:Responsibility"},
    {"CII-SR-231", "$seller/ram:DefinedTradeContact/ram:PersonID"},
    {"CII-SR-232", "$seller/ram:DefinedTradeContact/ram:TelephoneUniversalCommunication/ram:URIID"},
    {"CII-SR-233",
     "$seller/ram:DefinedTradeContact/ram:TelephoneUniversalCommunication/ram:ChannelCode"},
    {"CII-SR-234", "$seller/ram:DefinedTradeContact/ram:DirectTelephoneUniversalCommunication"},
    {"CII-SR-235", "$seller/ram:DefinedTradeContact/ram:MobileTelephoneUniversalCommunication"},
    {"CII-SR-236", "$seller/ram:DefinedTradeContact/ram:FaxUniversalCommunication"},
    {"CII-SR-237",
     "$seller/ram:DefinedTradeContact/ram:EmailURIUniversalCommunication/ram:ChannelCode"},
    {"CII-SR-238",
     "$seller/ram:DefinedTradeContact/ram:EmailURIUniversalCommunication/ram:CompleteNumber"},
    {"CII-SR-239", "$seller/ram:DefinedTradeContact/ram:TelexUniversalCommunication"},
    {"CII-SR-240", "$seller/ram:DefinedTradeContact/ram:VOIPUniversalCommunication"},
    {"CII-SR-241", "$seller/ram:DefinedTradeContact/ram:InstantMessagingUniversalCommunication"},
    {"CII-SR-242", "$seller/ram:DefinedTradeContact/ram:SpecifiedNote"},
    {"CII-SR-243", "$seller/ram:DefinedTradeContact/ram:SpecifiedContactPerson"},
    {"CII-SR-244", "$seller/ram:URIUniversalCommunication/ram:ChannelCode"},
    {"CII-SR-245", "$seller/ram:URIUniversalCommunication/ram:CompleteNumber"},
    {"CII-SR-246", "$seller/ram:SpecifiedTaxRegistration/ram:AssociatedRegisteredTax"},
    {"CII-SR-247", "$seller/ram:EndPointURIUniversalCommunication"},
    {"CII-SR-248", "$seller/ram:LogoAssociatedSpecifiedBinaryFile"},
    {"CII-SR-249", "$buyer/ram:RoleCode"},
    {"CII-SR-250", "$buyer/ram:Description"},
    {"CII-SR-251", "$buyer/ram:SpecifiedLegalOrganization/ram:LegalClassificationCode"},
    {"CII-SR-252", "$buyer/ram:SpecifiedLegalOrganization/ram:Name"},
    {"CII-SR-254", "$buyer/ram:SpecifiedLegalOrganization/ram:PostalTradeAddress"},
    {"CII-SR-255", "$buyer/ram:SpecifiedLegalOrganization/ram:AuthorizedLegalRegistration"},
    {"CII-SR-256", "$buyer/ram:DefinedTradeContact/ram:ID"},
    {"CII-SR-257", "$buyer/ram:DefinedTradeContact/ram:TypeCode"},
    {"CII-SR-258", "$buyer/ram:DefinedTradeContact/ram:JobTitle"},
    {"CII-SR-259", "$buyer/ram:DefinedTradeContact/ram:Responsibility"},
    {"CII-SR-260", "$buyer/ram:DefinedTradeContact/ram:PersonID"},
    {"CII-SR-261", "$buyer/ram:DefinedTradeContact/ram:TelephoneUniversalCommunication/ram:URIID"},
    {"CII-SR-262",
     "$buyer/ram:DefinedTradeContact/ram:TelephoneUniversalCommunication/ram:ChannelCode"},
    {"CII-SR-263", "$buyer/ram:DefinedTradeContact/ram:DirectTelephoneUniversalCommunication"},
    {"CII-SR-264", "$buyer/ram:DefinedTradeContact/ram:MobileTelephoneUniversalCommunication"},
    {"CII-SR-265", "$buyer/ram:DefinedTradeContact/ram:FaxUniversalCommunication"},
    {"CII-SR-266",
     "$buyer/ram:DefinedTradeContact/ram:EmailURIUniversalCommunication/ram:ChannelCode"},
    {"CII-SR-267",
     "$buyer/ram:DefinedTradeContact/ram:EmailURIUniversalCommunication/ram:CompleteNumber"},
    {"CII-SR-268", "$buyer/ram:DefinedTradeContact/ram:TelexUniversalCommunication"},
    {"CII-SR-269", "$buyer/ram:DefinedTradeContact/ram:VOIPUniversalCommunication"},
    {"CII-SR-270", "$buyer/ram:DefinedTradeContact/ram:InstantMessagingUniversalCommunication"},
    {"CII-SR-271", "$buyer/ram:DefinedTradeContact/ram:SpecifiedNote"},
    {"CII-SR-272", "$buyer/ram:DefinedTradeContact/ram:SpecifiedContactPerson"},
    {"CII-SR-273", "$buyer/ram:URIUniversalCommunication/ram:ChannelCode"},
    {"CII-SR-274", "$buyer/ram:URIUniversalCommunication/ram:CompleteNumber"},
    {"CII-SR-275", "$buyer/ram:SpecifiedTaxRegistration/ram:AssociatedRegisteredTax"},
    {"CII-SR-276", "$buyer/ram:EndPointURIUniversalCommunication"},
    {"CII-SR-277", "$buyer/ram:LogoAssociatedSpecifiedBinaryFile"},
    {"CII-SR-278", "$hagr/ram:SalesAgentTradeParty"},
    {"CII-SR-279", "$hagr/ram:BuyerRequisitionerTradeParty"},
    {"CII-SR-280", "$hagr/ram:BuyerAssignedAccountantTradeParty"},
    {"CII-SR-281", "$hagr/ram:SellerAssignedAccountantTradeParty"},
    {"CII-SR-282", "$hagr/ram:BuyerTaxRepresentativeTradeParty"},
    {"CII-SR-283", "$taxrep/ram:GlobalID"},
    {"CII-SR-284", "$taxrep/ram:RoleCode"},
    {"CII-SR-285", "$taxrep/ram:Description"},
    {"CII-SR-286", "$taxrep/ram:SpecifiedLegalOrganization"},
    {"CII-SR-287", "$taxrep/ram:DefinedTradeContact"},
    {"CII-SR-288", "$taxrep/ram:URIUniversalCommunication"},
    {"CII-SR-289", "$taxrep/ram:SpecifiedTaxRegistration/ram:AssociatedRegisteredTax"},
    {"CII-SR-290", "$taxrep/ram:EndPointURIUniversalCommunication"},
    {"CII-SR-291", "$taxrep/ram:LogoAssociatedSpecifiedBinaryFile"},
    {"CII-SR-292", "$hagr/ram:ProductEndUserTradeParty"},
    {"CII-SR-293", "$hagr/ram:ApplicableTradeDeliveryTerms"},
    {"CII-SR-294", "$hagr/ram:SellerOrderReferencedDocument/ram:LineID"},
    {"CII-SR-295", "$hagr/ram:BuyerOrderReferencedDocument/ram:LineID"},
    {"CII-SR-296", "$hagr/ram:QuotationReferencedDocument"},
    {"CII-SR-297", "$hagr/ram:OrderResponseReferencedDocument"},
    {"CII-SR-298", "$hagr/ram:ContractReferencedDocument/ram:LineID"},
    {"CII-SR-299", "$hagr/ram:DemandForecastReferencedDocument"},
    {"CII-SR-300", "$hagr/ram:SupplyInstructionReferencedDocument"},
    {"CII-SR-301", "$hagr/ram:PromotionalDealReferencedDocument"},
    {"CII-SR-302", "$hagr/ram:PriceListReferencedDocument"},
    {"CII-SR-303", "$hagr/ram:AdditionalReferencedDocument/ram:LineID"},
    {"CII-SR-304", "$hagr/ram:RequisitionerReferencedDocument"},
    {"CII-SR-305", "$hagr/ram:BuyerAgentTradeParty"},
    {"CII-SR-306", "$hagr/ram:PurchaseConditionsReferencedDocument"},
    {"CII-SR-307", "$hagr/ram:SpecifiedProcuringProject/ram:Description"},
    {"CII-SR-448", "$hagr/ram:UltimateCustomerOrderReferencedDocument"},
    {"CII-SR-308", "$hdel/ram:RelatedSupplyChainConsignment"},
    {"CII-SR-309", "$shipto/ram:RoleCode"},
    {"CII-SR-310", "$shipto/ram:Description"},
    {"CII-SR-311", "$shipto/ram:SpecifiedLegalOrganization"},
    {"CII-SR-312", "$shipto/ram:DefinedTradeContact"},
    {"CII-SR-313", "$shipto/ram:URIUniversalCommunication"},
    {"CII-SR-314", "$shipto/ram:SpecifiedTaxRegistration"},
    {"CII-SR-315", "$shipto/ram:EndPointURIUniversalCommunication"},
    {"CII-SR-316", "$shipto/ram:LogoAssociatedSpecifiedBinaryFile"},
    {"CII-SR-317", "$hdel/ram:UltimateShipToTradeParty"},
    {"CII-SR-318", "$hdel/ram:ShipFromTradeParty"},
    {"CII-SR-319", "$hdel/ram:ActualDespatchSupplyChainEvent"},
    {"CII-SR-320", "$hdel/ram:ActualPickUpSupplyChainEvent"},
    {"CII-SR-321", "$event/ram:ID"},
    {"CII-SR-322", "$event/ram:OccurrenceDateTime/udt:DateTime"},
    {"CII-SR-323", "$event/ram:TypeCode"},
    {"CII-SR-324", "$event/ram:Description"},
    {"CII-SR-325", "$event/ram:DescriptionBinaryObject"},
    {"CII-SR-326", "$event/ram:UnitQuantity"},
    {"CII-SR-327", "$event/ram:LatestOccurrenceDateTime"},
    {"CII-SR-328", "$event/ram:EarliestOccurrenceDateTime"},
    {"CII-SR-329", "$event/ram:OccurrenceSpecifiedPeriod"},
    {"CII-SR-330", "$event/ram:OccurrenceLogisticsLocation"},
    {"CII-SR-331", "$hdel/ram:ActualReceiptSupplyChainEvent"},
    {"CII-SR-332", "$hdel/ram:AdditionalReferencedDocument"},
    {"CII-SR-333", "$hdel/ram:DespatchAdviceReferencedDocument/ram:LineID"},
    {"CII-SR-334", "$hdel/ram:DespatchAdviceReferencedDocument/ram:LineID"},
    {"CII-SR-335", "$hdel/ram:DeliveryNoteReferencedDocument"},
    {"CII-SR-336", "$hdel/ram:ConsumptionReportReferencedDocument"},
    {"CII-SR-337", "$hdel/ram:PreviousDeliverySupplyChainEvent"},
    {"CII-SR-338", "$hdel/ram:PackingListReferencedDocument"},
    {"CII-SR-339", "$hset/ram:DuePayableAmount"},
    {"CII-SR-340", "$hset/ram:CreditorReferenceTypeCode"},
    {"CII-SR-341", "$hset/ram:CreditorReferenceType"},
    {"CII-SR-342", "$hset/ram:CreditorReferenceIssuerID"},
    {"CII-SR-344", "$hset/ram:PaymentCurrencyCode"},
    {"CII-SR-345", "$hset/ram:InvoiceIssuerReference"},
    {"CII-SR-346", "$hset/ram:InvoiceDateTime"},
    {"CII-SR-347", "$hset/ram:NextInvoiceDateTime"},
    {"CII-SR-348", "$hset/ram:CreditReasonCode"},
    {"CII-SR-349", "$hset/ram:CreditReason"},
    {"CII-SR-350", "$hset/ram:InvoicerTradeParty"},
    {"CII-SR-351", "$hset/ram:InvoiceeTradeParty"},
    {"CII-SR-352", "$payee/ram:RoleCode"},
    {"CII-SR-353", "$payee/ram:Description"},
    {"CII-SR-354", "$payee/ram:SpecifiedLegalOrganization/ram:LegalClassificationCode"},
    {"CII-SR-355", "$payee/ram:SpecifiedLegalOrganization/ram:Name"},
    {"CII-SR-356", "$payee/ram:SpecifiedLegalOrganization/ram:TradingBusinessName"},
    {"CII-SR-357", "$payee/ram:SpecifiedLegalOrganization/ram:PostalTradeAddress"},
    {"CII-SR-358", "$payee/ram:SpecifiedLegalOrganization/ram:AuthorizedLegalRegistration"},
    {"CII-SR-359", "$payee/ram:DefinedTradeContact"},
    {"CII-SR-360", "$payee/ram:PostalTradeAddress"},
    {"CII-SR-361", "$payee/ram:URIUniversalCommunication"},
    {"CII-SR-362", "$payee/ram:SpecifiedTaxRegistration"},
    {"CII-SR-363", "$payee/ram:EndPointURIUniversalCommunication"},
    {"CII-SR-364", "$payee/ram:LogoAssociatedSpecifiedBinaryFile"},
    {"CII-SR-365", "$hset/ram:PayerTradeParty"},
    {"CII-SR-366", "$hset/ram:TaxApplicableTradeCurrencyExchange"},
    {"CII-SR-367", "$hset/ram:InvoiceApplicableTradeCurrencyExchange"},
    {"CII-SR-368", "$hset/ram:PaymentApplicableTradeCurrencyExchange"},
    {"CII-SR-369", "$means/ram:PaymentChannelCode"},
    {"CII-SR-370", "$means/ram:GuaranteeMethodCode"},
    {"CII-SR-371", "$means/ram:PaymentMethodCode"},
    {"CII-SR-443", "$means/ram:ID"},
    {"CII-SR-372", "$card/ram:MicrochipIndicator"},
    {"CII-SR-373", "$card/ram:TypeCode"},
    {"CII-SR-375", "$card/ram:ExpiryDate"},
    {"CII-SR-376", "$card/ram:VerificationNumeric"},
    {"CII-SR-377", "$card/ram:ValidFromDateTime"},
    {"CII-SR-378", "$card/ram:CreditLimitAmount"},
    {"CII-SR-379", "$card/ram:CreditAvailableAmount"},
    {"CII-SR-380", "$card/ram:InterestRatePercent"},
    {"CII-SR-381", "$card/ram:Description"},
    {"CII-SR-382", "$means/ram:PayerPartyDebtorFinancialAccount/ram:AccountName"},
    {"CII-SR-444", "$means/ram:PayerPartyDebtorFinancialAccount/ram:ProprietaryID"},
    {"CII-SR-384", "$means/ram:PayerSpecifiedDebtorFinancialInstitution/ram:ClearingSystemName"},
    {"CII-SR-385", "$means/ram:PayerSpecifiedDebtorFinancialInstitution/ram:Name"},
    {"CII-SR-386",
     "$means/ram:PayerSpecifiedDebtorFinancialInstitution/ram:LocationFinancialInstitutionAddress"},
    {"CII-SR-388", "$hset/ram:SpecifiedTradeAllowanceCharge/ram:ID"},
    {"CII-SR-389", "$hset/ram:SpecifiedTradeAllowanceCharge/ram:SequenceNumeric"},
    {"CII-SR-390", "$hset/ram:SpecifiedTradeAllowanceCharge/ram:BasisQuantity"},
    {"CII-SR-391", "$hset/ram:SpecifiedTradeAllowanceCharge/ram:PrepaidIndicator"},
    {"CII-SR-392", "$hset/ram:SpecifiedTradeAllowanceCharge/ram:UnitBasisAmount"},
    {"CII-SR-393", "$hset/ram:SpecifiedTradeAllowanceCharge/ram:TypeCode"},
    {"CII-SR-394", "$hset/ram:SpecifiedTradeAllowanceCharge/ram:ActualTradeCurrencyExchange"},
    {"CII-SR-395", "$hset/ram:SubtotalCalculatedTradeTax"},
    {"CII-SR-396", "$hset/ram:SpecifiedLogisticsServiceCharge"},
    {"CII-SR-397", "$terms/ram:ID"},
    {"CII-SR-398", "$terms/ram:FromEventCode"},
    {"CII-SR-399", "$terms/ram:SettlementPeriodMeasure"},
    {"CII-SR-400", "$terms/ram:DueDateDateTime/udt:DateTime"},
    {"CII-SR-401", "$terms/ram:TypeCode"},
    {"CII-SR-402", "$terms/ram:InstructionTypeCode"},
    {"CII-SR-404", "$terms/ram:PartialPaymentPercent"},
    {"CII-SR-405", "$terms/ram:PaymentMeansID"},
    {"CII-SR-406", "$terms/ram:PartialPaymentAmount"},
    {"CII-SR-407", "$terms/ram:ApplicableTradePaymentPenaltyTerms"},
    {"CII-SR-408", "$terms/ram:ApplicableTradePaymentDiscountTerms"},
    {"CII-SR-409", "$terms/ram:PayeeTradeParty"},
    {"CII-SR-421", "$hset/ram:SpecifiedFinancialAdjustment"},
    {"CII-SR-422", "$hset/ram:InvoiceReferencedDocument/ram:LineID"},
    {"CII-SR-423", "$hset/ram:ProFormaInvoiceReferencedDocument"},
    {"CII-SR-424", "$hset/ram:LetterOfCreditReferencedDocument"},
    {"CII-SR-425", "$hset/ram:FactoringAgreementReferencedDocument"},
    {"CII-SR-426", "$hset/ram:FactoringListReferencedDocument"},
    {"CII-SR-427", "$hset/ram:PayableSpecifiedTradeAccountingAccount"},
    {"CII-SR-428", "$hset/ram:ReceivableSpecifiedTradeAccountingAccount/ram:SetTriggerCode"},
    {"CII-SR-429", "$hset/ram:ReceivableSpecifiedTradeAccountingAccount/ram:TypeCode"},
    {"CII-SR-430", "$hset/ram:ReceivableSpecifiedTradeAccountingAccount/ram:AmountTypeCode"},
    {"CII-SR-431", "$hset/ram:ReceivableSpecifiedTradeAccountingAccount/ram:Name"},
    {"CII-SR-432",
     "$hset/ram:ReceivableSpecifiedTradeAccountingAccount/ram:CostReferenceDimensionPattern"},
    {"CII-SR-433", "$hset/ram:PurchaseSpecifiedTradeAccountingAccount"},
    {"CII-SR-434", "$hset/ram:SalesSpecifiedTradeAccountingAccount"},
    {"CII-SR-435", "$hset/ram:SpecifiedTradeSettlementFinancialCard"},
    {"CII-SR-436", "$hset/ram:SpecifiedAdvancePayment"},
    {"CII-SR-437", "$hset/ram:UltimatePayeeTradeParty"},
    {"CII-SR-411", "$sum/ram:InformationAmount"},
    {"CII-SR-412", "$sum/ram:TotalDiscountAmount"},
    {"CII-SR-413", "$sum/ram:TotalAllowanceChargeAmount"},
    {"CII-SR-414", "$sum/ram:RetailValueExcludingTaxInformationAmount"},
    {"CII-SR-415", "$sum/ram:TotalDepositFeeInformationAmount"},
    {"CII-SR-416", "$sum/ram:ProductValueExcludingTobaccoTaxInformationAmount"},
    {"CII-SR-417", "$sum/ram:TotalRetailValueInformationAmount"},
    {"CII-SR-418", "$sum/ram:GrossLineTotalAmount"},
    {"CII-SR-419", "$sum/ram:NetLineTotalAmount"},
    {"CII-SR-420", "$sum/ram:NetIncludingTaxesLineTotalAmount"},
    {"CII-SR-438", "ram:ValuationBreakdownStatement"},
    {"CII-DT-045", "$lset/ram:ApplicableTradeTax/ram:CategoryCode/@listID"},
    {"CII-DT-046", "$lset/ram:ApplicableTradeTax/ram:CategoryCode/@listAgencyID"},
    {"CII-DT-047", "$lset/ram:ApplicableTradeTax/ram:CategoryCode/@listVersionID"},
    {"CII-DT-048", "$lset/ram:ApplicableTradeTax/ram:CategoryCode/@listURI"},
    {"CII-DT-038", "//ram:*TradeTax/ram:CalculatedRate"},
    {"CII-DT-039", "//ram:*TradeTax/ram:CalculationSequenceNumeric"},
    {"CII-DT-040", "//ram:*TradeTax/ram:BasisQuantity"},
    {"CII-DT-042", "//ram:*TradeTax/ram:UnitBasisAmount"},
    {"CII-DT-043", "//ram:*TradeTax/ram:LineTotalBasisAmount"},
    {"CII-DT-044", "//ram:*TradeTax/ram:AllowanceChargeBasisAmount"},
    {"CII-DT-049", "//ram:*TradeTax/ram:CurrencyCode"},
    {"CII-DT-050", "//ram:*TradeTax/ram:Jurisdiction"},
    {"CII-DT-051", "//ram:*TradeTax/ram:CustomsDutyIndicator"},
    {"CII-DT-053", "//ram:*TradeTax/ram:TaxBasisAllowanceRate"},
    {"CII-DT-055", "//ram:*TradeTax/ram:Type"},
    {"CII-DT-056", "//ram:*TradeTax/ram:InformationAmount"},
    {"CII-DT-057", "//ram:*TradeTax/ram:CategoryName"},
    {"CII-DT-059", "//ram:*TradeTax/ram:RateApplicablePercent/@format"},
    {"CII-DT-060", "//ram:*TradeTax/ram:SpecifiedTradeAccountingAccount"},
    {"CII-DT-061", "//ram:*TradeTax/ram:ServiceSupplyTradeCountry"},
    {"CII-DT-062", "//ram:*TradeTax/ram:BuyerRepayableTaxSpecifiedTradeAccountingAccount"},
    {"CII-DT-063", "//ram:*TradeTax/ram:SellerPayableTaxSpecifiedTradeAccountingAccount"},
    {"CII-DT-064", "//ram:*TradeTax/ram:SellerRefundableTaxSpecifiedTradeAccountingAccount"},
    {"CII-DT-065", "//ram:*TradeTax/ram:BuyerDeductibleTaxSpecifiedTradeAccountingAccount"},
    {"CII-DT-066", "//ram:*TradeTax/ram:BuyerNonDeductibleTaxSpecifiedTradeAccountingAccount"},
    {"CII-DT-067", "//ram:*TradeTax/ram:PlaceApplicableTradeLocation"},
    // TradeTax contexts that allow the element at the header or in ram:ApplicableTradeTax.
    {"CII-DT-041", "//ram:*TradeTax/ram:BasisAmount", "<ram:ApplicableHeaderTradeSettlement"},
    {"CII-DT-052", "//ram:*TradeTax/ram:ExemptionReasonCode", "=ram:ApplicableTradeTax"},
    {"CII-DT-098", "//ram:*TradeTax/ram:ExemptionReason", "=ram:ApplicableTradeTax"},
    {"CII-DT-054", "//ram:*TradeTax/ram:TaxPointDate", "<ram:ApplicableHeaderTradeSettlement"},
    {"CII-DT-058", "//ram:*TradeTax/ram:DueDateTypeCode", "<ram:ApplicableHeaderTradeSettlement"},
};

// The CII-DT-* rules flagged "fatal" that forbid an attribute or an element (the datatype rules
// of the CII binding). One Schematron pattern holds them, so a node goes to the first rule whose
// context matches it: the four identifiers of "IDTypeNoAttributes" answer to CII-DT-001…007 and
// never to the "IDType" rule (//ram:*ID, CII-DT-101…104); the invoice type code is claimed by
// //ram:TypeCode (CII-DT-008, 009), so CII-DT-010…012 (ExchangedDocument/ram:TypeCode) never
// run, officially, and are left out. Five ReferencedDocument rules allow their element in an
// ram:AdditionalReferencedDocument of a given TypeCode (916, or 130 for CII-DT-024; CII-DT-018:
// 50, 130 or 916): these rows reject the element in any other *ReferencedDocument, and special
// rules of the same ids (kCiiSpecials) check each AdditionalReferencedDocument's TypeCode.
constexpr Forbidden kCiiFatal[] = {
    // IDTypeNoAttributes (BT-24, BT-1, BT-126, BT-155)
    {"CII-DT-001", "$sid/@schemeName"},
    {"CII-DT-002", "$sid/@schemeAgencyName"},
    {"CII-DT-003", "$sid/@schemeDataURI"},
    {"CII-DT-004", "$sid/@schemeURI"},
    {"CII-DT-005", "$sid/@schemeID"},
    {"CII-DT-006", "$sid/@schemeAgencyID"},
    {"CII-DT-007", "$sid/@schemeVersionID"},
    // IDType: every other ram element whose name ends with "ID"
    {"CII-DT-101", "//ram:*ID/@schemeName", "^$sid"},
    {"CII-DT-102", "//ram:*ID/@schemeAgencyName", "^$sid"},
    {"CII-DT-103", "//ram:*ID/@schemeDataURI", "^$sid"},
    {"CII-DT-104", "//ram:*ID/@schemeURI", "^$sid"},
    // TypeCodeType
    {"CII-DT-008", "//ram:TypeCode/@name"},
    {"CII-DT-009", "//ram:TypeCode/@listURI"},
    // Invoice (the root element)
    {"CII-DT-013", "@languageID"},
    {"CII-DT-014", "@languageLocaleID"},
    // ReferencedDocumentType
    {"CII-DT-015", "//ram:*ReferencedDocument/ram:URIID", "=ram:AdditionalReferencedDocument"},
    {"CII-DT-016", "//ram:*ReferencedDocument/ram:StatusCode"},
    {"CII-DT-017", "//ram:*ReferencedDocument/ram:CopyIndicator"},
    {"CII-DT-018", "//ram:*ReferencedDocument/ram:TypeCode", "=ram:AdditionalReferencedDocument"},
    {"CII-DT-019", "//ram:*ReferencedDocument/ram:GlobalID"},
    {"CII-DT-020", "//ram:*ReferencedDocument/ram:RevisionID"},
    {"CII-DT-021", "//ram:*ReferencedDocument/ram:Name", "=ram:AdditionalReferencedDocument"},
    {"CII-DT-022", "//ram:*ReferencedDocument/ram:AttachmentBinaryObject",
     "=ram:AdditionalReferencedDocument"},
    {"CII-DT-023", "//ram:*ReferencedDocument/ram:Information"},
    {"CII-DT-024", "//ram:*ReferencedDocument/ram:ReferenceTypeCode",
     "=ram:AdditionalReferencedDocument"},
    {"CII-DT-025", "//ram:*ReferencedDocument/ram:SectionName"},
    {"CII-DT-026", "//ram:*ReferencedDocument/ram:PreviousRevisionID"},
    {"CII-DT-027", "//ram:*ReferencedDocument/ram:FormattedIssueDateTime",
     "=ram:InvoiceReferencedDocument"},
    {"CII-DT-028", "//ram:*ReferencedDocument/ram:EffectiveSpecifiedPeriod"},
    {"CII-DT-029", "//ram:*ReferencedDocument/ram:IssuerTradeParty"},
    {"CII-DT-030", "//ram:*ReferencedDocument/ram:AttachedSpecifiedBinaryFile"},
    // AmountType (CII-DT-031, the currencyID, is a rule of en16931_syntax.cpp)
    {"CII-DT-032", "//ram:*Amount/@currencyCodeListVersionID", "=ram:TaxTotalAmount"},
    // QuantityType (CII-DT-033 compares two paths: a special rule)
    {"CII-DT-034", "//ram:*Quantity/@unitCodeListID"},
    {"CII-DT-035", "//ram:*Quantity/@unitCodeListAgencyID"},
    {"CII-DT-036", "//ram:*Quantity/@unitCodeListAgencyName"},
    // BillingSpecifiedPeriodType
    {"CII-DT-068", "//ram:BillingSpecifiedPeriod/ram:StartDateTime/udt:DateTime"},
    {"CII-DT-069", "//ram:BillingSpecifiedPeriod/ram:DurationMeasure"},
    {"CII-DT-070", "//ram:BillingSpecifiedPeriod/ram:InclusiveIndicator"},
    {"CII-DT-071", "//ram:BillingSpecifiedPeriod/ram:Description"},
    {"CII-DT-072", "//ram:BillingSpecifiedPeriod/ram:EndDateTime/udt:DateTime"},
    {"CII-DT-073", "//ram:BillingSpecifiedPeriod/ram:CompleteDateTime"},
    {"CII-DT-074", "//ram:BillingSpecifiedPeriod/ram:OpenIndicator"},
    {"CII-DT-075", "//ram:BillingSpecifiedPeriod/ram:SeasonCode"},
    {"CII-DT-076", "//ram:BillingSpecifiedPeriod/ram:ID"},
    {"CII-DT-077", "//ram:BillingSpecifiedPeriod/ram:Name"},
    {"CII-DT-078", "//ram:BillingSpecifiedPeriod/ram:SequenceNumeric"},
    {"CII-DT-079", "//ram:BillingSpecifiedPeriod/ram:StartDateFlexibilityCode"},
    {"CII-DT-080", "//ram:BillingSpecifiedPeriod/ram:ContinuousIndicator"},
    {"CII-DT-081", "//ram:BillingSpecifiedPeriod/ram:PurposeCode"},
    // PostalTradeAddressType (the artefacts have no CII-DT-085)
    {"CII-DT-082", "//ram:PostalTradeAddress/ram:ID"},
    {"CII-DT-083", "//ram:PostalTradeAddress/ram:PostOfficeBox"},
    {"CII-DT-084", "//ram:PostalTradeAddress/ram:BuildingName"},
    {"CII-DT-086", "//ram:PostalTradeAddress/ram:LineFour"},
    {"CII-DT-087", "//ram:PostalTradeAddress/ram:LineFive"},
    {"CII-DT-088", "//ram:PostalTradeAddress/ram:StreetName"},
    {"CII-DT-089", "//ram:PostalTradeAddress/ram:CitySubDivisionName"},
    {"CII-DT-090", "//ram:PostalTradeAddress/ram:CountryName"},
    {"CII-DT-091", "//ram:PostalTradeAddress/ram:CountrySubDivisionID"},
    {"CII-DT-092", "//ram:PostalTradeAddress/ram:AttentionOf"},
    {"CII-DT-093", "//ram:PostalTradeAddress/ram:CareOf"},
    {"CII-DT-094", "//ram:PostalTradeAddress/ram:BuildingNumber"},
    {"CII-DT-095", "//ram:PostalTradeAddress/ram:DepartmentName"},
    {"CII-DT-096", "//ram:PostalTradeAddress/ram:AdditionalStreetName"},
};

// A rule that counts, in each element of its context, the child (or grandchild, or deeper
// descendant) it names.
enum class Count : std::uint8_t { at_most_one, exactly_one, at_least_one };
struct Counted {
  std::string_view id;
  Severity severity;
  std::string_view context;
  std::string_view child;  // one or two steps; three only with Count::at_most_one
  Count count;
};

// The UBL-SR-* occurrence limits that are about an element of a repeatable (or "anywhere")
// context, all fatal. A context written without "/" in the artefacts (cac:Delivery,
// cac:PaymentMeans, …) is an XSLT match pattern: it holds anywhere. UBL-SR-23 names
// cac:TaxRepresentativeParty/cac:Party, which UBL does not have (the representative is itself a
// party): kept as written, so it only fires on a document the XSD rejects, as officially.
constexpr Counted kUblCounted[] = {
    {"UBL-SR-22", Severity::fatal, "//cac:TaxRepresentativeParty", "cac:PartyName/cbc:Name",
     Count::at_most_one},
    {"UBL-SR-23", Severity::fatal, "//cac:TaxRepresentativeParty",
     "cac:Party/cac:PartyTaxScheme/cbc:CompanyID", Count::at_most_one},
    {"UBL-SR-25", Severity::fatal, "//cac:Delivery", "cac:DeliveryParty/cac:PartyName/cbc:Name",
     Count::at_most_one},
    {"UBL-SR-26", Severity::fatal, "//cac:PaymentMeans", "cbc:PaymentID", Count::at_most_one},
    {"UBL-SR-27", Severity::fatal, "//cac:PaymentMeans", "cbc:PaymentMeansCode",
     Count::at_most_one},
    {"UBL-SR-28", Severity::fatal, "//cac:PaymentMeans", "cac:PaymentMandate/cbc:ID",
     Count::at_most_one},
    {"UBL-SR-32", Severity::fatal, "//cac:TaxSubtotal", "cac:TaxCategory/cbc:TaxExemptionReason",
     Count::at_most_one},
    {"UBL-SR-33", Severity::fatal, "//cac:AdditionalDocumentReference", "cbc:DocumentDescription",
     Count::at_most_one},
    // not(cac:AddressLine) or count(cac:AddressLine) = 1
    {"UBL-SR-51", Severity::fatal, "$address", "cac:AddressLine", Count::at_most_one},
};

constexpr Counted kCiiCounted[] = {
    {"CII-SR-003", Severity::warning, "$ctx",
     "ram:BusinessProcessSpecifiedDocumentContextParameter", Count::at_most_one},
    {"CII-SR-009", Severity::fatal, "$ctx", "ram:GuidelineSpecifiedDocumentContextParameter",
     Count::exactly_one},
    {"CII-SR-010", Severity::fatal, "$ctx", "ram:GuidelineSpecifiedDocumentContextParameter/ram:ID",
     Count::exactly_one},
    {"CII-SR-014", Severity::fatal, "$doc", "ram:TypeCode", Count::exactly_one},
    {"CII-SR-030", Severity::warning, "$doc/ram:IncludedNote", "ram:Content", Count::at_most_one},
    {"CII-SR-039", Severity::warning, "$line/ram:AssociatedDocumentLineDocument",
     "ram:IncludedNote", Count::at_most_one},
    {"CII-SR-040", Severity::warning, "$line/ram:AssociatedDocumentLineDocument",
     "ram:IncludedNote/ram:Content", Count::at_most_one},
    {"CII-SR-069", Severity::fatal, "$product/ram:ApplicableProductCharacteristic",
     "ram:Description", Count::exactly_one},
    {"CII-SR-072", Severity::fatal, "$product/ram:ApplicableProductCharacteristic", "ram:Value",
     Count::exactly_one},
    {"CII-SR-439", Severity::fatal, "$lagr", "ram:NetPriceProductTradePrice/ram:ChargeAmount",
     Count::exactly_one},
    {"CII-SR-441", Severity::fatal, "$lagr", "ram:NetPriceProductTradePrice/ram:ChargeAmount",
     Count::at_most_one},
    {"CII-SR-440", Severity::fatal,
     "//ram:GrossPriceProductTradePrice/ram:AppliedTradeAllowanceCharge", "ram:ActualAmount",
     Count::at_most_one},
    {"CII-SR-463", Severity::fatal, "//ram:SpecifiedTradeAllowanceCharge", "ram:ChargeIndicator",
     Count::at_least_one},
    {"CII-SR-454", Severity::warning, "$lset", "ram:ApplicableTradeTax", Count::exactly_one},
    {"CII-SR-455", Severity::fatal, "$hagr", "ram:SellerTradeParty/ram:DefinedTradeContact",
     Count::at_most_one},
    {"CII-SR-456", Severity::fatal, "$hagr", "ram:BuyerTradeParty/ram:DefinedTradeContact",
     Count::at_most_one},
    {"CII-SR-459", Severity::fatal, "$hagr", "ram:SellerTradeParty/ram:URIUniversalCommunication",
     Count::at_most_one},
    {"CII-SR-460", Severity::fatal, "$hagr", "ram:BuyerTradeParty/ram:URIUniversalCommunication",
     Count::at_most_one},
    {"CII-SR-452", Severity::warning, "$hset", "ram:SpecifiedTradePaymentTerms",
     Count::at_most_one},
    {"CII-SR-453", Severity::warning, "$hset", "ram:SpecifiedTradePaymentTerms/ram:Description",
     Count::at_most_one},
    {"CII-SR-461", Severity::fatal, "$hset", "ram:ApplicableTradeTax/ram:TaxPointDate",
     Count::at_most_one},
};

// ---- Rules that compare a value, or need two paths ------------------------------------------

// Fires when the element at `path` exists (and the one at `also`, when given) and `holds` (when
// given) says so, called with the node of `path`. Paths are anchored, without wildcards. A rule
// without a path is located at `where`.
struct Special {
  std::string_view id;
  Severity severity;
  std::string_view path;
  std::string_view also;
  bool (*holds)(const Invoice&, std::uint32_t node);
  std::string_view message;
  std::string_view where = {};
};

std::uint32_t child_of(const std::vector<Node>& paths, std::uint32_t parent,
                       std::string_view step) {
  for (std::uint32_t i = 0; i < paths.size(); ++i)
    if (paths[i].parent == parent && paths[i].step == step) return i;
  return kNone;
}

template <class Test>
bool any_reference(const Invoice& inv, Test test) {
  return std::ranges::any_of(inv.syntax_facts.additional_references, test);
}

// The node of `n` is at the anchored path `steps` (relative to the root element).
bool anchored_at(const std::vector<Node>& paths, std::uint32_t n,
                 std::initializer_list<std::string_view> steps) {
  for (auto s = std::rbegin(steps); s != std::rend(steps); ++s) {
    if (n == kNone || paths[n].step != *s) return false;
    n = paths[n].parent;
  }
  return n == kNone;
}

// UBL-SR-04: count(cac:AdditionalDocumentReference[cbc:DocumentTypeCode='130']/cbc:ID) <= 1 at the
// root. The reader keeps, per cac:AdditionalDocumentReference (any level, in document order),
// whether a type code of it reads '130'; the root's are the last ones (the only other place the
// schema gives one, cac:BillingReference, comes before them). IDs are counted per path: a 130
// reference counts when it surely has an ID (the XSD requires one), and when every root reference
// is a 130 one, all their IDs count.
bool object_identifier_repeated(const Invoice& inv) {
  const auto& paths = inv.syntax_facts.paths;
  const auto refs = child_of(paths, kNone, "cac:AdditionalDocumentReference");
  if (refs == kNone) return false;
  const auto id = child_of(paths, refs, "cbc:ID");
  if (id == kNone) return false;
  const auto& all = inv.syntax_facts.additional_references;
  const auto roots = static_cast<std::ptrdiff_t>(paths[refs].count);
  if (static_cast<std::ptrdiff_t>(all.size()) < roots) return false;
  const auto with_130 =
      std::count_if(all.end() - roots, all.end(), [](const auto& r) { return r.type_code_130; });
  const auto without_id = roots - static_cast<std::ptrdiff_t>(paths[id].parents);
  if (with_130 - without_id >= 2) return true;
  return with_130 == roots && paths[id].count >= 2;
}

// UBL-SR-30 (context cac:AllowanceCharge[cbc:ChargeIndicator = false()], anywhere) and UBL-SR-31
// (… = true()): count(cbc:AllowanceChargeReason) <= 1. The reader counts, per cac:AllowanceCharge,
// its reasons and its indicators cast as xs:boolean; one whose indicators read both false and
// true is claimed by UBL-SR-30, first in the artefacts' pattern. A price's allowance counts too.
bool reason_repeated(const Invoice& inv, bool charge) {
  return inv.syntax_facts.count(charge ? Facts::charges_with_reasons
                                       : Facts::allowances_with_reasons) > 0;
}

// CII-DT-033: not(@unitCode) or (/rsm:CrossIndustryInvoice/…/ram:SpecifiedLineTradeDelivery/
// ram:BilledQuantity/@unitCode) on every ram:*Quantity: a unit code is allowed anywhere as soon as
// one line's billed quantity carries one.
bool unit_code_without_billed_unit(const Invoice& inv) {
  const auto& paths = inv.syntax_facts.paths;
  bool unit_code = false;
  for (const Node& n : paths) {
    if (n.step != "@unitCode" || n.parent == kNone) continue;
    const std::string_view quantity = paths[n.parent].step;
    if (!quantity.starts_with("ram:") || !quantity.ends_with("Quantity")) continue;
    if (anchored_at(paths, n.parent,
                    {"rsm:SupplyChainTradeTransaction", "ram:IncludedSupplyChainTradeLineItem",
                     "ram:SpecifiedLineTradeDelivery", "ram:BilledQuantity"}))
      return false;
    unit_code = true;
  }
  return unit_code;
}

// CII-DT-037: not(ram:TypeCode) or (ram:TypeCode = 'VAT') in every ram:*TradeTax (any level).
// The reader reads every ram:TypeCode directly below one as written: XPath's "=" compares the
// text untouched (' VAT' and 'vat' are not 'VAT', an empty one neither), and holds when any one of
// several TypeCodes is 'VAT'.
bool tax_type_not_vat(const Invoice& inv) {
  return inv.syntax_facts.count(Facts::cii_non_vat_trade_taxes) > 0;
}

// CII-DT-015, 018, 021, 022, 024 on a ram:AdditionalReferencedDocument (any level): the element
// is allowed only with a ram:TypeCode written as the rule wants (916; 50, 130 or 916 for the
// TypeCode itself; 130 for ram:ReferenceTypeCode). The kCiiFatal rows reject it in any other
// *ReferencedDocument.
template <class Test>
bool any_cii_reference(const Invoice& inv, Test test) {
  return std::ranges::any_of(inv.syntax_facts.cii_additional_references, test);
}

constexpr Special kUblSpecials[] = {
    {"UBL-SR-04",
     Severity::fatal,
     {},
     {},
     [](const Invoice& inv, std::uint32_t) { return object_identifier_repeated(inv); },
     "Invoice object identifier shall occur maximum once",
     "cac:AdditionalDocumentReference/cbc:ID"},
    {"UBL-SR-30",
     Severity::fatal,
     {},
     {},
     [](const Invoice& inv, std::uint32_t) { return reason_repeated(inv, false); },
     "Document level allowance reason shall occur maximum once",
     "//cac:AllowanceCharge/cbc:AllowanceChargeReason"},
    {"UBL-SR-31",
     Severity::fatal,
     {},
     {},
     [](const Invoice& inv, std::uint32_t) { return reason_repeated(inv, true); },
     "Document level charge reason shall occur maximum once",
     "//cac:AllowanceCharge/cbc:AllowanceChargeReason"},
    {"UBL-CR-002",
     Severity::warning,
     "cbc:UBLVersionID",
     {},
     [](const Invoice& inv, std::uint32_t) { return !inv.syntax_facts.ubl_version_2_1; },
     "UBLVersionID should be absent or 2.1"},
    {"UBL-CR-412",
     Severity::warning,
     "cac:PaymentMeans/cbc:PaymentDueDate",
     {},
     [](const Invoice& inv, std::uint32_t) { return inv.syntax == model::Syntax::ubl_invoice; },
     "PaymentMeans/PaymentDueDate should not be present in an invoice"},
    {"UBL-CR-665",
     Severity::warning,
     {},
     {},
     [](const Invoice& inv, std::uint32_t) {
       // //cac:AdditionalDocumentReference[cbc:DocumentTypeCode != '130' or
       // not(cbc:DocumentTypeCode)]/cbc:ID/@schemeID
       return any_reference(inv, [](const auto& r) {
         return r.id_has_scheme && !(r.has_type_code && r.type_code_130);
       });
     },
     "An AdditionalDocumentReference ID should have a schemeID only with DocumentTypeCode 130",
     "//cac:AdditionalDocumentReference/cbc:ID/@schemeID"},
    {"UBL-CR-666",
     Severity::fatal,
     {},
     {},
     [](const Invoice& inv, std::uint32_t) {
       return any_reference(inv, [](const auto& r) { return r.type_code_130 && r.has_attachment; });
     },
     "An invoiced object reference (DocumentTypeCode 130) shall not have an Attachment",
     "//cac:AdditionalDocumentReference/cac:Attachment"},
    {"UBL-CR-673",
     Severity::fatal,
     {},
     {},
     [](const Invoice& inv, std::uint32_t) {
       return any_reference(inv,
                            [](const auto& r) { return r.type_code_130 && r.has_description; });
     },
     "An invoiced object reference (DocumentTypeCode 130) shall not have a DocumentDescription",
     "//cac:AdditionalDocumentReference/cbc:DocumentDescription"},
    {"UBL-DT-18",
     Severity::warning,
     {},
     {},
     [](const Invoice& inv, std::uint32_t) {
       // count(//@name) - count(//cbc:PaymentMeansCode/@name) <= 0
       const auto& paths = inv.syntax_facts.paths;
       return std::ranges::any_of(paths, [&](const Node& n) {
         return n.step == "@name" &&
                (n.parent == kNone || paths[n.parent].step != "cbc:PaymentMeansCode");
       });
     },
     "The name attribute should only be used on PaymentMeansCode",
     "//@name"},
};

constexpr Special kCiiSpecials[] = {
    {"CII-DT-033",
     Severity::fatal,
     {},
     {},
     [](const Invoice& inv, std::uint32_t) { return unit_code_without_billed_unit(inv); },
     "A quantity shall carry a unitCode only when an invoiced quantity (BT-129) carries its unit",
     "//ram:*Quantity/@unitCode"},
    {"CII-DT-097",
     Severity::fatal,
     {},
     {},
     [](const Invoice& inv, std::uint32_t) {
       return inv.syntax_facts.count(Facts::cii_malformed_102_dates) > 0;
     },
     "Date time string with format attribute 102 shall be YYYYMMDD",
     "//udt:DateTimeString[@format = '102']"},
    {"CII-DT-037",
     Severity::fatal,
     {},
     {},
     [](const Invoice& inv, std::uint32_t) { return tax_type_not_vat(inv); },
     "A tax TypeCode shall be 'VAT'",
     "//ram:*TradeTax/ram:TypeCode"},
    {"CII-DT-015",
     Severity::fatal,
     "//ram:AdditionalReferencedDocument/ram:URIID",
     {},
     [](const Invoice& inv, std::uint32_t) {
       return any_cii_reference(inv, [](const auto& r) { return r.has_uri && !r.type_code_916; });
     },
     "A referenced document URIID is allowed only in a supporting document (TypeCode 916)"},
    {"CII-DT-018",
     Severity::fatal,
     "//ram:AdditionalReferencedDocument/ram:TypeCode",
     {},
     [](const Invoice& inv, std::uint32_t) {
       return any_cii_reference(inv, [](const auto& r) {
         return r.has_type_code && !(r.type_code_50 || r.type_code_130 || r.type_code_916);
       });
     },
     "An additional referenced document TypeCode shall be 50, 130 or 916"},
    {"CII-DT-021",
     Severity::fatal,
     "//ram:AdditionalReferencedDocument/ram:Name",
     {},
     [](const Invoice& inv, std::uint32_t) {
       return any_cii_reference(inv, [](const auto& r) { return r.has_name && !r.type_code_916; });
     },
     "A referenced document Name is allowed only in a supporting document (TypeCode 916)"},
    {"CII-DT-022",
     Severity::fatal,
     "//ram:AdditionalReferencedDocument/ram:AttachmentBinaryObject",
     {},
     [](const Invoice& inv, std::uint32_t) {
       return any_cii_reference(inv,
                                [](const auto& r) { return r.has_attachment && !r.type_code_916; });
     },
     "A referenced document attachment is allowed only in a supporting document (TypeCode 916)"},
    {"CII-DT-024",
     Severity::fatal,
     "//ram:AdditionalReferencedDocument/ram:ReferenceTypeCode",
     {},
     [](const Invoice& inv, std::uint32_t) {
       return any_cii_reference(
           inv, [](const auto& r) { return r.has_reference_type && !r.type_code_130; });
     },
     "A referenced document ReferenceTypeCode is allowed only with an invoiced object (TypeCode "
     "130)"},
    {"CII-SR-046",
     Severity::fatal,
     "$product/ram:GlobalID",
     {},
     [](const Invoice& inv, std::uint32_t id) {
       // not(ram:GlobalID) or ram:GlobalID/@schemeID, per product
       const auto& paths = inv.syntax_facts.paths;
       const auto scheme = child_of(paths, id, "@schemeID");
       return scheme == kNone || paths[scheme].count < paths[id].count;
     },
     "An item standard identifier (GlobalID) shall have a schemeID"},
    {"CII-SR-090",
     Severity::fatal,
     "$product/ram:OriginTradeCountry",
     {},
     [](const Invoice& inv, std::uint32_t country) {
       // not(ram:OriginTradeCountry) or count(ram:OriginTradeCountry/ram:ID) = 1, per product
       const auto& paths = inv.syntax_facts.paths;
       const auto id = child_of(paths, country, "ram:ID");
       return id == kNone || paths[id].grandparents < paths[country].parents ||
              paths[id].max_per_grandparent > 1;
     },
     "An item country of origin shall have exactly one ID"},
    {"CII-SR-119",
     Severity::warning,
     {},
     {},
     [](const Invoice& inv, std::uint32_t) {
       return inv.syntax_facts.count(Facts::cii_line_price_allowance_mismatches) > 0;
     },
     "A gross price should only have an allowance: ChargeIndicator false with its ActualAmount",
     "$gross/ram:AppliedTradeAllowanceCharge"},
    {"CII-SR-449", Severity::warning, "$shipto/ram:ID", "$shipto/ram:GlobalID", nullptr,
     "Only one deliver to location identifier should be present (ID or GlobalID)"},
    {"CII-SR-450", Severity::warning, "$buyer/ram:ID", "$buyer/ram:GlobalID", nullptr,
     "Only one buyer identifier should be present (ID or GlobalID)"},
    {"CII-SR-451", Severity::warning, "$payee/ram:ID", "$payee/ram:GlobalID", nullptr,
     "Only one payee identifier should be present (ID or GlobalID)"},
    {"CII-SR-457",
     Severity::warning,
     {},
     {},
     [](const Invoice& inv, std::uint32_t) {
       return inv.syntax_facts.count(Facts::cii_header_references_50) > 1;
     },
     "At most one header AdditionalReferencedDocument should have TypeCode 50",
     "$hagr/ram:AdditionalReferencedDocument/ram:TypeCode"},
    {"CII-SR-458",
     Severity::warning,
     {},
     {},
     [](const Invoice& inv, std::uint32_t) {
       return inv.syntax_facts.count(Facts::cii_header_references_130) > 1;
     },
     "At most one header AdditionalReferencedDocument should have TypeCode 130",
     "$hagr/ram:AdditionalReferencedDocument/ram:TypeCode"},
    {"CII-SR-462",
     Severity::fatal,
     {},
     {},
     [](const Invoice& inv, std::uint32_t) {
       return inv.syntax_facts.due_date_type_codes.size() > 1;
     },
     "All DueDateTypeCode values shall be the same",
     "//ram:ApplicableTradeTax/ram:DueDateTypeCode"},
    {"CII-SR-465", Severity::warning, "$seller/ram:DefinedTradeContact/ram:PersonName",
     "$seller/ram:DefinedTradeContact/ram:DepartmentName", nullptr,
     "The seller contact should give a person name or a department name, not both"},
    {"CII-SR-466", Severity::warning, "$buyer/ram:DefinedTradeContact/ram:PersonName",
     "$buyer/ram:DefinedTradeContact/ram:DepartmentName", nullptr,
     "The buyer contact should give a person name or a department name, not both"},
};

// ---- Paths ----------------------------------------------------------------------------------

// Every path `path` stands for, its aliases replaced (several when an alias has alternatives).
std::vector<std::string> expand(std::string_view path, std::span<const Alias> aliases) {
  if (!path.starts_with('$')) return {std::string(path)};
  const auto slash = path.find('/');
  const auto name = path.substr(0, slash);
  const auto rest = slash == std::string_view::npos ? std::string_view{} : path.substr(slash);
  for (const auto& alias : aliases) {
    if (alias.name != name) continue;
    std::vector<std::string> all;
    for (const auto& head : expand(alias.path, aliases)) {
      std::string_view alternatives = head;
      while (true) {
        const auto bar = alternatives.find('|');
        all.push_back(std::string(alternatives.substr(0, bar)) + std::string(rest));
        if (bar == std::string_view::npos) break;
        alternatives.remove_prefix(bar + 1);
      }
    }
    return all;
  }
  return {std::string(path)};  // an unknown alias matches nothing
}

struct Step {
  std::string text;
  std::size_t star = std::string::npos;  // where a wildcard step has its '*'
};

struct Pattern {
  bool anywhere = false;
  std::vector<Step> steps;
};

Pattern pattern_of(std::string_view path) {
  Pattern p;
  if (path.starts_with("//")) {
    p.anywhere = true;
    path.remove_prefix(2);
  }
  while (!path.empty()) {
    const auto slash = path.find('/');
    const std::string step(path.substr(0, slash));
    p.steps.push_back({step, step.find('*')});
    path.remove_prefix(slash == std::string_view::npos ? path.size() : slash + 1);
  }
  return p;
}

bool step_matches(const Step& wanted, std::string_view step) {
  if (wanted.star == std::string::npos) return wanted.text == step;
  const std::string_view text = wanted.text;
  const auto head = text.substr(0, wanted.star), tail = text.substr(wanted.star + 1);
  return step.size() >= head.size() + tail.size() && step.starts_with(head) && step.ends_with(tail);
}

// The path of node `n` ends with the pattern's steps (and starts with them when anchored).
bool matches(const std::vector<Node>& paths, std::uint32_t n, const Pattern& p) {
  for (auto s = p.steps.rbegin(); s != p.steps.rend(); ++s) {
    if (n == kNone || !step_matches(*s, paths[n].step)) return false;
    n = paths[n].parent;
  }
  return p.anywhere || n == kNone;
}

bool excused(const std::vector<Node>& paths, std::uint32_t n, std::string_view unless) {
  if (unless.empty() || unless.front() == '^') return false;  // '^': Target::except
  const auto step = unless.substr(1);
  std::uint32_t a = paths[n].parent;
  if (unless.front() == '=') return a != kNone && paths[a].step == step;
  for (; a != kNone; a = paths[a].parent)
    if (paths[a].step == step) return true;
  return false;
}

std::string text_of(const std::vector<Node>& paths, std::uint32_t n) {
  std::vector<std::uint32_t> chain;
  for (; n != kNone; n = paths[n].parent) chain.push_back(n);
  std::string text;
  for (auto i = chain.rbegin(); i != chain.rend(); ++i) text += "/" + paths[*i].step;
  return text;
}

// A counted rule on the element node `c` of its context.
bool count_broken(const std::vector<Node>& paths, std::uint32_t c,
                  const std::vector<std::string>& child, Count count) {
  std::uint32_t n = c;
  for (const auto& step : child)
    if (n != kNone) n = child_of(paths, n, step);
  if (n == kNone) return count != Count::at_most_one;
  // Three steps down, the great-grandparent instances of `n` are the context elements.
  if (child.size() > 2) return paths[n].max_per_great_grandparent > 1;
  const bool grandchild = child.size() == 2;
  const auto holders = grandchild ? paths[n].grandparents : paths[n].parents;
  const auto most = grandchild ? paths[n].max_per_grandparent : paths[n].max_per_parent;
  switch (count) {
    case Count::at_most_one:
      return most > 1;
    case Count::exactly_one:
      return most > 1 || holders < paths[c].count;
    case Count::at_least_one:
      return holders < paths[c].count;
  }
  return false;
}

// ---- The compiled tables, built once per syntax ---------------------------------------------

// A path looked up in the pass over the document's paths: a forbidden path, the context of a
// counted rule, or a path a special rule needs (a "mark": where it was found is noted).
struct Target {
  enum Kind : std::uint8_t { forbidden, counted, mark } kind;
  std::uint32_t rule;  // index in its table (kind forbidden, counted) or of the mark
  Pattern pattern;
  std::vector<std::string> child;         // counted
  Severity severity = Severity::warning;  // forbidden
  std::vector<Pattern> except;            // forbidden, `unless` "^…": the parent's paths
};

struct Index {
  std::vector<const Forbidden*> forbidden;  // the warnings, then the fatal ones
  std::span<const Counted> counted;
  std::span<const Special> specials;
  std::vector<Target> targets;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_last_step;
  std::vector<std::pair<int, int>> special_marks;  // per special: marks of path, also (-1: none)
  int marks = 0;
};

Index compile(std::span<const Forbidden> warnings, std::span<const Forbidden> fatal,
              std::span<const Counted> counted, std::span<const Special> specials,
              std::span<const Alias> aliases) {
  Index index{{}, counted, specials, {}, {}, {}, 0};
  const auto forbid = [&](const Forbidden& rule, Severity severity) {
    const auto r = static_cast<std::uint32_t>(index.forbidden.size());
    index.forbidden.push_back(&rule);
    std::vector<Pattern> except;
    if (rule.unless.starts_with('^'))
      for (const auto& path : expand(rule.unless.substr(1), aliases))
        except.push_back(pattern_of(path));
    for (const auto& path : expand(rule.path, aliases))
      index.targets.push_back({Target::forbidden, r, pattern_of(path), {}, severity, except});
  };
  for (const auto& rule : warnings) forbid(rule, Severity::warning);
  for (const auto& rule : fatal) forbid(rule, Severity::fatal);
  for (std::uint32_t r = 0; r < counted.size(); ++r) {
    std::vector<std::string> child;
    for (const auto& step : pattern_of(counted[r].child).steps) child.push_back(step.text);
    for (const auto& path : expand(counted[r].context, aliases))
      index.targets.push_back(
          {Target::counted, r, pattern_of(path), child, counted[r].severity, {}});
  }
  const auto mark = [&](std::string_view path) {
    if (path.empty()) return -1;
    index.targets.push_back({Target::mark,
                             static_cast<std::uint32_t>(index.marks),
                             pattern_of(expand(path, aliases).front()),
                             {},
                             Severity::warning,
                             {}});
    return index.marks++;
  };
  for (const auto& special : specials)
    index.special_marks.emplace_back(mark(special.path), mark(special.also));
  for (std::uint32_t t = 0; t < index.targets.size(); ++t)
    index.by_last_step[index.targets[t].pattern.steps.back().text].push_back(t);
  return index;
}

const Index& ubl_index() {
  static const Index index = compile(kUblWarnings, {}, kUblCounted, kUblSpecials, kUblAliases);
  return index;
}
const Index& cii_index() {
  static const Index index =
      compile(kCiiWarnings, kCiiFatal, kCiiCounted, kCiiSpecials, kCiiAliases);
  return index;
}

// ---- Findings -------------------------------------------------------------------------------

std::string forbidden_message(Severity severity) {
  return severity == Severity::fatal
             ? "shall not be present: the EN 16931 syntax binding does not use it"
             : "should not be present: the EN 16931 syntax binding does not use it";
}

std::string counted_message(const Counted& rule) {
  const std::string_view should = rule.severity == Severity::fatal ? "shall" : "should";
  const std::string_view how = rule.count == Count::at_most_one   ? "at most once"
                               : rule.count == Count::exactly_one ? "exactly once"
                                                                  : "at least once";
  return std::string(rule.child) + " " + std::string(should) + " occur " + std::string(how) +
         " in each element here";
}

}  // namespace

void check_conformance(const Invoice& inv, std::vector<Finding>& out) {
  const auto& paths = inv.syntax_facts.paths;
  const Index& index = inv.syntax == model::Syntax::cii ? cii_index() : ubl_index();
  std::vector<std::string_view> fired;
  const auto fire = [&](std::string_view id, Severity severity, std::string where,
                        std::string message) {
    if (std::ranges::find(fired, id) != fired.end()) return;
    fired.push_back(id);
    out.push_back(Finding{std::string(id), severity, std::move(where), std::move(message)});
  };
  std::vector<std::uint32_t> marked(static_cast<std::size_t>(index.marks), kNone);
  for (std::uint32_t n = 0; n < paths.size(); ++n) {
    const auto found = index.by_last_step.find(paths[n].step);
    if (found == index.by_last_step.end()) continue;
    for (const auto t : found->second) {
      const Target& target = index.targets[t];
      if (!matches(paths, n, target.pattern)) continue;
      switch (target.kind) {
        case Target::forbidden: {
          const auto& rule = *index.forbidden[target.rule];
          const bool claimed = std::ranges::any_of(target.except, [&](const Pattern& p) {
            return paths[n].parent != kNone && matches(paths, paths[n].parent, p);
          });
          if (!claimed && !excused(paths, n, rule.unless))
            fire(rule.id, target.severity, text_of(paths, n), forbidden_message(target.severity));
          break;
        }
        case Target::counted: {
          const auto& rule = index.counted[target.rule];
          if (count_broken(paths, n, target.child, rule.count))
            fire(rule.id, rule.severity, text_of(paths, n), counted_message(rule));
          break;
        }
        case Target::mark:
          if (marked[target.rule] == kNone) marked[target.rule] = n;
          break;
      }
    }
  }
  for (std::size_t s = 0; s < index.specials.size(); ++s) {
    const Special& rule = index.specials[s];
    const auto [path, also] = index.special_marks[s];
    const std::uint32_t node = path < 0 ? kNone : marked[path];
    if (path >= 0 && node == kNone) continue;
    if (also >= 0 && marked[also] == kNone) continue;
    if (rule.holds && !rule.holds(inv, node)) continue;
    fire(rule.id, rule.severity, node == kNone ? std::string(rule.where) : text_of(paths, node),
         std::string(rule.message));
  }
}

std::span<const ConformanceRule> en16931_conformance_rules() {
  static const std::vector<ConformanceRule> all = [] {
    std::vector<ConformanceRule> rules;
    const auto add = [&](std::string_view id, Severity severity, std::string_view path) {
      if (std::ranges::find(rules, id, &ConformanceRule::id) == rules.end())
        rules.push_back({id, severity, path});
    };
    for (const auto& r : kUblWarnings) add(r.id, Severity::warning, r.path);
    for (const auto& r : kUblCounted) add(r.id, r.severity, r.context);
    for (const auto& r : kUblSpecials) add(r.id, r.severity, r.path.empty() ? r.where : r.path);
    for (const auto& r : kCiiWarnings) add(r.id, Severity::warning, r.path);
    for (const auto& r : kCiiFatal) add(r.id, Severity::fatal, r.path);
    for (const auto& r : kCiiCounted) add(r.id, r.severity, r.context);
    for (const auto& r : kCiiSpecials) add(r.id, r.severity, r.path.empty() ? r.where : r.path);
    return rules;
  }();
  return all;
}

}  // namespace validate
