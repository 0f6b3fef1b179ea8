#pragma once

// The EN 16931-1 semantic model: every business term (BT-1…BT-165) and group (BG-1…BG-32),
// filled by ingest/ from UBL 2.1 or CII D16B. Plain data: an absent term is an empty string,
// an empty optional or an empty vector, never a made-up default. Validation reads it.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/decimal.h"

namespace model {

enum class Syntax { ubl_invoice, ubl_credit_note, cii };

// Chorus-style syntax code reported for a flow / invoice (DOMAIN.md).
std::string_view syntax_code(Syntax s);  // "IN_DP_E1_UBL_INVOICE", "IN_DP_E1_CII_16B"

// An identifier with its scheme (e.g. "0009" = SIRET; legacy Chorus schemeName "1").
struct Identifier {
  std::string value;
  std::string scheme;
  bool empty() const { return value.empty(); }
};

// BG-5 / BG-8 / BG-12 / BG-15 postal address.
struct PostalAddress {
  std::string line1;         // BT-35 / BT-50 / BT-64 / BT-75
  std::string line2;         // BT-36 / BT-51 / BT-65 / BT-76
  std::string line3;         // BT-162 / BT-163 / BT-164 / BT-165
  std::string city;          // BT-37 / BT-52 / BT-66 / BT-77
  std::string post_code;     // BT-38 / BT-53 / BT-67 / BT-78
  std::string subdivision;   // BT-39 / BT-54 / BT-68 / BT-79
  std::string country_code;  // BT-40 / BT-55 / BT-69 / BT-80
};

// BG-6 / BG-9 contact.
struct Contact {
  std::string name;       // BT-41 / BT-56 (person or department)
  std::string telephone;  // BT-42 / BT-57
  std::string email;      // BT-43 / BT-58
};

// A party: the seller (BG-4), the buyer (BG-7), the payee (BG-10) or the seller's tax
// representative (BG-11). Each uses the terms EN 16931 gives it; the others stay empty.
struct Party {
  std::string name;                   // BT-27 / BT-44 / BT-59 / BT-62
  std::vector<Identifier> ids;        // BT-29 / BT-46 / BT-60 (repeatable), scheme BT-29-1…
  Identifier legal_id;                // BT-30 / BT-47 / BT-61, scheme BT-30-1 / BT-47-1 / BT-61-1
  std::string trading_name;           // BT-28 / BT-45
  std::string vat_id;                 // BT-31 / BT-48 / BT-63
  std::vector<std::string> vat_ids;   // every BT-31 / BT-48 / BT-63 written (vat_id is the first)
  std::string tax_registration_id;    // BT-32 (seller's tax registration other than VAT)
  std::string additional_legal_info;  // BT-33
  Identifier electronic_address;      // BT-34 / BT-49, scheme BT-34-1 / BT-49-1
  std::optional<PostalAddress> address;  // BG-5 / BG-8 / BG-12
  std::optional<Contact> contact;        // BG-6 / BG-9
  bool present = false;                  // its group element was there (kept for the seller)
};

// BG-1 invoice note.
struct Note {
  std::string subject_code;  // BT-21 (UBL: the "#CODE#" prefix of cbc:Note)
  std::string text;          // BT-22
};

// BG-3 preceding invoice reference.
struct PrecedingInvoice {
  std::string number;      // BT-25
  std::string issue_date;  // BT-26, ISO "YYYY-MM-DD"
};

// BG-13 delivery information, with BG-15 deliver-to address. (BG-14, the invoicing period, is
// Invoice::invoicing_period: UBL puts it at document level.)
struct Delivery {
  std::string party_name;                // BT-70
  Identifier location_id;                // BT-71, scheme BT-71-1
  std::string actual_date;               // BT-72, ISO "YYYY-MM-DD"
  std::optional<PostalAddress> address;  // BG-15
};

// BG-14 invoicing period / BG-26 invoice line period.
struct Period {
  std::string start_date;  // BT-73 / BT-134, ISO "YYYY-MM-DD"
  std::string end_date;    // BT-74 / BT-135, ISO "YYYY-MM-DD"
};

// BG-17 credit transfer.
struct CreditTransfer {
  std::string account_id;           // BT-84 (IBAN or proprietary id)
  std::string account_name;         // BT-85
  std::string service_provider_id;  // BT-86 (BIC)
};

// BG-18 payment card information.
struct PaymentCard {
  std::string account_number;  // BT-87 (primary account number, last digits)
  std::string holder_name;     // BT-88
};

// BG-16 payment instructions: one per UBL cac:PaymentMeans / CII
// SpecifiedTradeSettlementPaymentMeans, each with its own means code.
struct PaymentInstructions {
  std::string means_code;                        // BT-81
  std::string means_text;                        // BT-82
  std::vector<CreditTransfer> credit_transfers;  // BG-17
  std::optional<PaymentCard> card;               // BG-18
};

// BG-19 direct debit. Kept once per invoice: CII carries it in the payment terms and the
// settlement, UBL in the payment means and the seller's or payee's "SEPA" identifier.
struct DirectDebit {
  std::string mandate_reference;  // BT-89
  std::string creditor_id;        // BT-90 (bank assigned creditor identifier)
  std::string debited_account;    // BT-91
  bool empty() const {
    return mandate_reference.empty() && creditor_id.empty() && debited_account.empty();
  }
};

// A document level allowance (BG-20) or charge (BG-21), or a line level allowance (BG-27) or
// charge (BG-28). Line level ones have no VAT category or rate.
struct AllowanceCharge {
  std::optional<Decimal> amount;       // BT-92 / BT-99 / BT-136 / BT-141
  std::optional<Decimal> base_amount;  // BT-93 / BT-100 / BT-137 / BT-142
  std::optional<Decimal> percentage;   // BT-94 / BT-101 / BT-138 / BT-143
  std::string vat_category;            // BT-95 / BT-102
  std::optional<Decimal> vat_rate;     // BT-96 / BT-103
  std::string reason;                  // BT-97 / BT-104 / BT-139 / BT-144
  std::string reason_code;             // BT-98 / BT-105 / BT-140 / BT-145
  std::string charge_indicator;        // as written ("true"/"false"); chose BG-20 or BG-21
  std::string vat_scheme;              // UBL TaxCategory/TaxScheme/ID, CII TypeCode, as written
  // BT-95 / BT-102 was written with white space around it (the bindings compare some codes as
  // written, e.g. BR-AF-04's `cbc:ID = 'L'`).
  bool vat_category_padded = false;
};

// BG-23 VAT breakdown.
struct VatBreakdown {
  std::optional<Decimal> taxable_amount;  // BT-116
  std::optional<Decimal> tax_amount;      // BT-117
  std::string category_code;              // BT-118
  std::optional<Decimal> rate;            // BT-119
  std::string exemption_reason;           // BT-120
  std::string exemption_reason_code;      // BT-121
  std::string vat_scheme;                 // UBL TaxCategory/TaxScheme/ID, CII TypeCode, as written
};

// BG-24 additional supporting document. The embedded binary (BT-125) is not kept: only its
// attributes and its decoded size, so a large attachment costs no memory.
struct SupportingDocument {
  std::string reference;              // BT-122
  std::string description;            // BT-123
  std::string external_location;      // BT-124 (URI)
  bool has_attachment = false;        // BT-125 present
  std::uint64_t attachment_size = 0;  // BT-125 size in bytes after base64 decoding
  std::string attachment_mime_code;   // BT-125-1
  std::string attachment_filename;    // BT-125-2
};

// BG-29 price details.
struct PriceDetails {
  std::optional<Decimal> net_price;      // BT-146
  std::optional<Decimal> discount;       // BT-147
  std::optional<Decimal> gross_price;    // BT-148
  std::optional<Decimal> base_quantity;  // BT-149
  std::string base_quantity_unit;        // BT-150
};

// BG-32 item attribute.
struct ItemAttribute {
  std::string name;   // BT-160
  std::string value;  // BT-161
};

// BT-158 item classification identifier with BT-158-1 / BT-158-2.
struct ItemClassification {
  std::string code;          // BT-158
  std::string list_id;       // BT-158-1
  std::string list_version;  // BT-158-2
};

// BG-31 item information.
struct Item {
  std::string name;                                 // BT-153
  std::string description;                          // BT-154
  std::string seller_id;                            // BT-155
  std::string buyer_id;                             // BT-156
  Identifier standard_id;                           // BT-157, scheme BT-157-1
  std::vector<ItemClassification> classifications;  // BT-158 (repeatable)
  std::string origin_country;                       // BT-159
  std::vector<ItemAttribute> attributes;            // BG-32
};

// BG-25 invoice line (UBL InvoiceLine or CreditNoteLine).
struct InvoiceLine {
  std::string id;                           // BT-126
  std::string note;                         // BT-127
  Identifier object_id;                     // BT-128, scheme BT-128-1
  std::optional<Decimal> quantity;          // BT-129
  std::string quantity_unit;                // BT-130
  std::optional<Decimal> net_amount;        // BT-131
  std::string order_line_reference;         // BT-132
  std::string buyer_accounting_reference;   // BT-133
  std::optional<Period> period;             // BG-26
  std::vector<AllowanceCharge> allowances;  // BG-27
  std::vector<AllowanceCharge> charges;     // BG-28
  PriceDetails price;                       // BG-29
  std::string vat_category;                 // BG-30 BT-151
  std::optional<Decimal> vat_rate;          // BG-30 BT-152
  Item item;                                // BG-31
  std::string vat_scheme;                   // UBL ClassifiedTaxCategory/TaxScheme/ID, CII TypeCode
};

// BG-22 document totals, BT-106…BT-115.
struct Totals {
  std::optional<Decimal> line_extension;   // BT-106
  std::optional<Decimal> allowances;       // BT-107
  std::optional<Decimal> charges;          // BT-108
  std::optional<Decimal> tax_exclusive;    // BT-109
  std::optional<Decimal> tax;              // BT-110 (in document currency)
  std::optional<Decimal> tax_accounting;   // BT-111 (in VAT accounting currency)
  std::optional<Decimal> tax_inclusive;    // BT-112
  std::optional<Decimal> prepaid;          // BT-113
  std::optional<Decimal> rounding;         // BT-114
  std::optional<Decimal> payable;          // BT-115
  std::string tax_currency_id;             // currencyID of BT-110 as written
  std::string tax_accounting_currency_id;  // currencyID of BT-111 as written
  int document_currency_tax_totals = 0;    // how many VAT totals are in the invoice currency
  bool present = false;  // UBL LegalMonetaryTotal / CII …MonetarySummation there
};

// Facts of the raw XML that only the syntax-binding rules of the official artefacts (UBL-SR-*,
// UBL-CR-*, UBL-DT-*, CII-SR-*, CII-DT-*) test: occurrence counts of rule-relevant paths and
// attribute presence, recorded by the reader during its single pass.
struct SyntaxFacts {
  // Document-level counts (UBL paths below the root unless told).
  enum Count : std::uint8_t {
    contract_ids,                      // ContractDocumentReference/ID
    receipt_ids,                       // ReceiptDocumentReference/ID
    despatch_ids,                      // DespatchDocumentReference/ID
    payment_terms_notes,               // PaymentTerms/Note
    invoice_periods,                   // InvoicePeriod
    invoice_period_description_codes,  // InvoicePeriod/DescriptionCode
    seller_registration_names,  // AccountingSupplierParty/Party/PartyLegalEntity/RegistrationName
    seller_party_names,         // AccountingSupplierParty/Party/PartyName/Name
    seller_legal_ids,           // AccountingSupplierParty/Party/PartyLegalEntity/CompanyID
    seller_legal_forms,         // AccountingSupplierParty/Party/PartyLegalEntity/CompanyLegalForm
    seller_party_tax_schemes,   // AccountingSupplierParty/Party/PartyTaxScheme
    seller_vat_company_ids,     // … PartyTaxScheme[TaxScheme/upper-case(ID)='VAT']/CompanyID
    seller_other_company_ids,   // … PartyTaxScheme[TaxScheme/upper-case(ID)!='VAT']/CompanyID
    buyer_registration_names,   // AccountingCustomerParty/Party/PartyLegalEntity/RegistrationName
    buyer_party_names,          // AccountingCustomerParty/Party/PartyName/Name
    buyer_party_ids,            // AccountingCustomerParty/Party/PartyIdentification/ID
    buyer_legal_ids,            // AccountingCustomerParty/Party/PartyLegalEntity/CompanyID
    buyer_vat_company_ids,      // … PartyTaxScheme[TaxScheme/upper-case(ID)='VAT']/CompanyID
    payee_non_sepa_ids,         // PayeeParty/PartyIdentification/ID, schemeID not "SEPA"
    payee_legal_ids,            // PayeeParty/PartyLegalEntity/CompanyID
    sepa_ids,                   // any PartyIdentification/ID with schemeID "SEPA"
    deliveries,                 // Delivery
    project_ids,                // ProjectReference/ID
    payment_due_dates,          // PaymentMeans/PaymentDueDate
    payment_means_names,        // PaymentMeans/PaymentMeansCode/@name
    billing_references_without_id,  // BillingReference without InvoiceDocumentReference/ID
    billing_references_with_many,   // BillingReference with several InvoiceDocumentReference
    incomplete_party_tax_schemes,   // any PartyTaxScheme lacking TaxScheme/ID or CompanyID
    binaries_without_mime_code,     // any *BinaryObject element without @mimeCode
    binaries_without_filename,      // any *BinaryObject element without @filename
    cii_amounts_with_currency,      // CII: any ram:*Amount but TaxTotalAmount with @currencyID
    amounts_without_currency,       // UBL: an amount of BR-CL-03's context (cbc:Amount, BaseAmount,
                               // PriceAmount, TaxAmount, … PayableAmount) without @currencyID
    amounts_over_two_decimals,  // UBL: a *Amount (not *PriceAmount, not below Price) with more
                                // than two characters after its first '.' (UBL-DT-01)
    cii_header_references_50,   // CII: header AdditionalReferencedDocument with a TypeCode written
                                // '50' (CII-SR-457)
    cii_header_references_130,  // … written '130' (CII-SR-458)
    cii_line_price_allowance_mismatches,  // CII: line agreements whose gross price allowance has
                                          // no false ChargeIndicator with its ActualAmount
                                          // (CII-SR-119)
    cii_malformed_102_dates,  // CII: udt:DateTimeString with format '102' whose text is not
                              // YYYYMMDD (month 01-12, day 01-31, spaces around allowed)
                              // (CII-DT-097)
    cii_non_vat_trade_taxes,  // CII: ram:*TradeTax elements (any level) with a ram:TypeCode, none
                              // of them written exactly 'VAT' (CII-DT-037)
    allowances_with_reasons,  // UBL: cac:AllowanceCharge (any level) with a cbc:ChargeIndicator
                              // read false and more than one cbc:AllowanceChargeReason (UBL-SR-30)
    charges_with_reasons,     // … with one read true (and none false: the allowances' rule claims
                              // those first) and more than one reason (UBL-SR-31)
    kCountOf
  };
  // Counts per invoice line (UBL InvoiceLine / CreditNoteLine).
  struct Line {
    std::uint8_t classified_tax_categories = 0;  // Item/ClassifiedTaxCategory
    std::uint8_t notes = 0;                      // Note
    std::uint8_t order_line_ids = 0;             // OrderLineReference/LineID
    std::uint8_t periods = 0;                    // InvoicePeriod
    std::uint8_t price_discounts = 0;            // Price/AllowanceCharge/Amount
    std::uint8_t item_descriptions = 0;          // Item/Description
    std::uint8_t document_references = 0;        // DocumentReference
  };

  std::array<std::uint16_t, kCountOf> counts{};
  std::vector<Line> lines;
  std::vector<std::string> payee_names;                 // PayeeParty/PartyName/Name, as read
  std::vector<std::string> seller_registration_values;  // seller RegistrationName, as read
  std::vector<std::string> payment_means_codes;         // every PaymentMeansCode, distinct
  std::vector<std::string> payment_ids;                 // every PaymentMeans/PaymentID, distinct
  // BR-CL-03: the currencyID (trimmed) of every element of the rule's context, each once: in
  // UBL the amounts named in `amounts_without_currency`, in CII ram:TaxTotalAmount.
  std::vector<std::string> currency_ids;
  // UBL: every cac:PartyIdentification/cbc:ID with a schemeID, value or not (BR-CL-10).
  struct PartyIdScheme {
    std::string scheme;         // trimmed
    bool sepa_allowed = false;  // below AccountingSupplierParty or PayeeParty
  };
  std::vector<PartyIdScheme> party_id_schemes;
  // UBL: the schemeID (trimmed) of the cbc:ID of every cac:AdditionalDocumentReference or
  // cac:DocumentReference (any level) with a cbc:DocumentTypeCode written '130' (BR-CL-07).
  std::vector<std::string> object_id_schemes;
  // UBL: every cac:AdditionalDocumentReference (UBL-SR-43); type codes compared as written.
  struct AdditionalReference {
    bool has_type_code = false;    // a cbc:DocumentTypeCode
    bool type_code_130 = false;    // one is '130'
    bool type_code_50 = false;     // one is '50'
    bool id_has_scheme = false;    // cbc:ID/@schemeID is there
    bool has_attachment = false;   // a cac:Attachment (UBL-CR-666)
    bool has_description = false;  // a cbc:DocumentDescription (UBL-CR-673)
  };
  std::vector<AdditionalReference> additional_references;
  // CII: every ram:AdditionalReferencedDocument (any level), its ram children and its
  // ram:TypeCode(s) compared as written (CII-DT-015, 018, 021, 022, 024).
  struct CiiReference {
    bool has_type_code = false;       // a ram:TypeCode
    bool type_code_50 = false;        // one is '50'
    bool type_code_130 = false;       // one is '130'
    bool type_code_916 = false;       // one is '916'
    bool has_uri = false;             // a ram:URIID
    bool has_name = false;            // a ram:Name
    bool has_attachment = false;      // a ram:AttachmentBinaryObject
    bool has_reference_type = false;  // a ram:ReferenceTypeCode
  };
  std::vector<CiiReference> cii_additional_references;

  // The distinct element paths of the document and the attributes met on them, for the
  // conformance rules (UBL-CR-*, CII-SR-*, UBL-DT-08…28, CII-DT-*) that forbid or count an
  // element or an attribute. One node per distinct path: a step is "prefix:LocalName" with the
  // usual prefix of its namespace (cac cbc ext rsm ram udt qdt ubl cn, "?" for another, none
  // without namespace) or "@name" for an attribute without namespace. The root element is not a
  // step: its children and its attributes have no parent. Parents come before their children.
  struct PathNode {
    static constexpr std::uint32_t kNoParent = UINT32_MAX;
    std::uint32_t parent = kNoParent;
    std::string step;
    std::uint32_t count = 0;                      // occurrences
    std::uint32_t parents = 0;                    // parent elements holding at least one
    std::uint32_t grandparents = 0;               // grandparent elements holding at least one
    std::uint32_t max_per_parent = 0;             // most occurrences below one parent element
    std::uint32_t max_per_grandparent = 0;        // most occurrences below one grandparent element
    std::uint32_t max_per_great_grandparent = 0;  // … below one great-grandparent element
  };
  std::vector<PathNode> paths;
  bool paths_truncated = false;  // more distinct paths than the reader keeps (hostile input)
  // UBL: a root cbc:UBLVersionID reads exactly '2.1' (UBL-CR-002).
  bool ubl_version_2_1 = false;
  // CII: every ram:ApplicableTradeTax/ram:DueDateTypeCode as written, each once (CII-SR-462).
  std::vector<std::string> due_date_type_codes;

  int count(Count c) const { return counts[c]; }
};

struct Invoice {
  Syntax syntax = Syntax::ubl_invoice;
  std::string number;            // BT-1
  std::string issue_date;        // BT-2, ISO 8601 "YYYY-MM-DD"
  std::string type_code;         // BT-3
  std::string currency;          // BT-5
  std::string tax_currency;      // BT-6
  std::string buyer_reference;   // BT-10: the recipient's service code
  std::string order_reference;   // BT-13: the engagement (EJ)
  std::string process_id;        // BT-23: cadre de facturation
  std::string specification_id;  // BT-24
  Party seller;                  // BG-4
  Party buyer;                   // BG-7
  Totals totals;                 // BG-22

  std::string tax_point_date;                             // BT-7, ISO "YYYY-MM-DD"
  std::string tax_point_date_code;                        // BT-8
  std::string payment_due_date;                           // BT-9, ISO "YYYY-MM-DD"
  std::string project_reference;                          // BT-11
  std::string contract_reference;                         // BT-12
  std::string sales_order_reference;                      // BT-14
  std::string receiving_advice_reference;                 // BT-15
  std::string despatch_advice_reference;                  // BT-16
  std::string tender_reference;                           // BT-17 (tender or lot)
  Identifier invoiced_object_id;                          // BT-18, scheme BT-18-1
  std::string buyer_accounting_reference;                 // BT-19
  std::string payment_terms;                              // BT-20
  std::vector<Note> notes;                                // BG-1 (BT-21, BT-22)
  std::vector<PrecedingInvoice> preceding_invoices;       // BG-3
  std::optional<Party> payee;                             // BG-10 (BT-59…BT-61)
  std::optional<Party> tax_representative;                // BG-11 (BT-62, BT-63, BG-12)
  std::optional<Delivery> delivery;                       // BG-13 (BT-70…BT-72, BG-15)
  std::optional<Period> invoicing_period;                 // BG-14 (BT-73, BT-74)
  std::vector<PaymentInstructions> payment_instructions;  // BG-16 (BT-81, BT-82, BG-17, BG-18)
  std::string remittance_information;                     // BT-83
  DirectDebit direct_debit;                               // BG-19
  std::vector<AllowanceCharge> allowances;                // BG-20
  std::vector<AllowanceCharge> charges;                   // BG-21
  std::vector<VatBreakdown> vat_breakdown;                // BG-23
  std::vector<SupportingDocument> supporting_documents;   // BG-24
  std::vector<InvoiceLine> lines;                         // BG-25

  // currencyID of every amount that carries one, each once, in order of appearance (BR-CL-03
  // checks them against ISO 4217).
  std::vector<std::string> amount_currency_ids;

  // Element paths (local names below the root, '/'-joined) of the mapped elements that were
  // present but empty, each once: the official artefacts often test `exists(element)`.
  std::vector<std::string> empty_elements;

  SyntaxFacts syntax_facts;  // for the syntax-binding rules only

  bool is_credit_note() const;  // UBL CreditNote, or type code 381/396/532 in CII
};

// The identifier fluxd treats as the party's SIRET: an identifier with scheme "0009" (or the
// legacy Chorus schemeName "1") first among BT-29/BT-46 then BT-30/BT-47; failing that the
// legal id (BT-30/BT-47), then the first party id. Empty when the party has no identifier.
Identifier siret_of(const Party& party);

// True when the identifier is declared as a SIRET by its scheme.
bool is_siret_scheme(std::string_view scheme);

// Invoice key (DOMAIN.md): supplier id + BT-1 + year of BT-2, "credit notes keyed apart".
std::string invoice_key(const Invoice& invoice);

// Every term of the invoice, one "BT-n name: value" line each, in model order; absent terms are
// left out. For tests and debugging: two invoices hold the same data iff their strings match.
// Neither the syntax nor amount_currency_ids (syntax detail: UBL writes a currencyID on every
// amount, CII almost never) are part of it.
std::string to_debug_string(const Invoice& invoice);

}  // namespace model
