// InvoiceReader: one locked-down SAX2 pass that fills model::Invoice from UBL 2.1 or CII D16B.
// Terms are found by their element path below the root (local names joined by '/'), looked up
// in a table per syntax when an element starts (the EN 16931 syntax bindings): only mapped
// elements keep text, groups start a new model element, and embedded binaries are only counted.

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>
#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/sax/Locator.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/sax2/Attributes.hpp>
#include <xercesc/sax2/XMLReaderFactory.hpp>
#include <xercesc/util/PlatformUtils.hpp>
#include <xercesc/util/TransService.hpp>
#include <xercesc/util/XMLException.hpp>
#include <xercesc/util/XMLUni.hpp>
#include <xercesc/validators/DTD/DTDGrammar.hpp>

#include "ingest/ingest.h"
#include "ingest/xml_lockdown.h"

namespace ingest {

namespace detail {

namespace {
// Without a DOCTYPE no general entity can exist, so this only backs up the DOCTYPE refusal.
constexpr XMLSize_t kEntityExpansionLimit = 100;
}  // namespace

// Xerces 3.2 calls startDTD only for a DOCTYPE with an internal or external subset; a bare
// "<!DOCTYPE Invoice>" shows only as the root element declared "as root" in the DTD grammar.
bool bare_doctype_seen(xercesc::SAX2XMLReader& reader) {
  auto* grammar = reader.getRootGrammar();
  if (grammar == nullptr || grammar->getGrammarType() != xercesc::Grammar::DTDGrammarType)
    return false;
  auto declared = static_cast<xercesc::DTDGrammar*>(grammar)->getElemEnumerator();
  while (declared.hasMoreElements())
    if (declared.nextElement().getCreateReason() == xercesc::XMLElementDecl::AsRootElem)
      return true;
  return false;
}

std::uint64_t line_of(const xercesc::Locator* locator) {
  return locator ? static_cast<std::uint64_t>(locator->getLineNumber()) : 0;
}
std::uint64_t column_of(const xercesc::Locator* locator) {
  return locator ? static_cast<std::uint64_t>(locator->getColumnNumber()) : 0;
}

void LockedDownHandler::setDocumentLocator(const xercesc::Locator* const locator) {
  locator_ = locator;
}

void LockedDownHandler::startDTD(const XMLCh* const, const XMLCh* const, const XMLCh* const) {
  throw UnsafeXml{"DOCTYPE declarations are refused (no DTD, no entities)", line_of(locator_),
                  column_of(locator_)};
}

xercesc::InputSource* LockedDownHandler::resolveEntity(const XMLCh* const,
                                                       const XMLCh* const system_id) {
  throw UnsafeXml{"external resource refused: " + to_utf8(system_id), line_of(locator_),
                  column_of(locator_)};
}

void LockedDownHandler::fatalError(const xercesc::SAXParseException& e) {
  throw MalformedXml{to_utf8(e.getMessage()), static_cast<std::uint64_t>(e.getLineNumber()),
                     static_cast<std::uint64_t>(e.getColumnNumber())};
}

// With validation off the remaining recoverable errors are still broken XML; refuse them too.
void LockedDownHandler::error(const xercesc::SAXParseException& e) {
  fatalError(e);
}

LockedDownParser::LockedDownParser(LockedDownHandler& handler)
    : reader_(xercesc::XMLReaderFactory::createXMLReader()) {
  using xercesc::XMLUni;
  auto& r = *reader_;
  r.setFeature(XMLUni::fgSAX2CoreNameSpaces, true);
  r.setFeature(XMLUni::fgSAX2CoreNameSpacePrefixes, false);
  r.setFeature(XMLUni::fgSAX2CoreValidation, false);
  r.setFeature(XMLUni::fgXercesDynamic, false);
  // Schema processing off: xsi:schemaLocation hints are neither followed nor even parsed (one
  // official CII example carries a malformed one).
  r.setFeature(XMLUni::fgXercesSchema, false);
  r.setFeature(XMLUni::fgXercesLoadSchema, false);
  r.setFeature(XMLUni::fgXercesLoadExternalDTD, false);
  r.setFeature(XMLUni::fgXercesDisableDefaultEntityResolution, true);
  r.setFeature(XMLUni::fgXercesCacheGrammarFromParse, false);
  security_.setEntityExpansionLimit(kEntityExpansionLimit);
  r.setProperty(XMLUni::fgXercesSecurityManager, &security_);
  r.setContentHandler(&handler);
  r.setErrorHandler(&handler);
  r.setEntityResolver(&handler);
  r.setLexicalHandler(&handler);
}

LockedDownParser::~LockedDownParser() = default;

std::string to_utf8(const XMLCh* text, std::size_t length) {
  if (text == nullptr || length == 0) return {};
  xercesc::TranscodeToStr utf8(text, length, "UTF-8");
  return std::string(reinterpret_cast<const char*>(utf8.str()), utf8.length());
}

std::string to_utf8(const XMLCh* text) {
  return text ? to_utf8(text, xercesc::XMLString::stringLen(text)) : std::string{};
}

void append_ascii_name(std::string& out, const XMLCh* name) {
  // Sized once: this runs for every element.
  const std::size_t start = out.size();
  out.resize(start + xercesc::XMLString::stringLen(name));
  for (char* to = out.data() + start; *name; ++name, ++to)
    *to = *name < 0x80 ? static_cast<char>(*name) : '\x01';
}

Format format_of_root(const XMLCh* uri, const XMLCh* local_name) {
  const std::u16string_view ns(uri ? uri : u""), name(local_name ? local_name : u"");
  if (name == u"Invoice" && ns == u"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2")
    return Format::ubl_invoice;
  if (name == u"CreditNote" && ns == u"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2")
    return Format::ubl_credit_note;
  if (name == u"CrossIndustryInvoice" &&
      ns == u"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100")
    return Format::cii;
  return Format::unknown;
}

bool looks_like_xml(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  const auto first = bytes.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && bytes[first] == '<';
}

std::string position_text(std::uint64_t line, std::uint64_t column) {
  return std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace detail

namespace {

using detail::MalformedXml;
using detail::UnsafeXml;

// ---- What the handler knows of one mapped element -------------------------------------------

// The text and the attributes of an element whose value a table entry stores.
struct Value {
  std::string text;
  std::string scheme;             // schemeID, else the legacy Chorus schemeName
  std::string currency;           // currencyID
  std::string unit;               // unitCode
  std::string list_id;            // listID
  std::string list_version;       // listVersionID
  std::string mime_code;          // mimeCode
  std::string filename;           // filename
  std::string format;             // format (CII dates)
  std::string name;               // name (UBL PaymentMeansCode: BT-82)
  bool has_name = false;          // the name attribute is there
  bool padded = false;            // the text had white space around it (trimmed away)
  std::uint64_t binary_size = 0;  // decoded size of a base64 binary object
};

// A supporting-document reference being read: UBL AdditionalDocumentReference and CII
// AdditionalReferencedDocument carry BT-11, BT-17 or BT-18 as well as BG-24, told apart by
// their type code once the element is complete.
struct DocumentReference {
  model::SupportingDocument document;
  std::string type_code;
  std::string scheme;  // BT-18-1: UBL ID/@schemeID, CII ReferenceTypeCode
};

struct TaxTotal {
  std::string currency;
  std::optional<model::Decimal> amount;
};

// The invoice being filled plus the groups whose destination is known only at their end.
struct Builder {
  model::Invoice invoice;
  model::AllowanceCharge allowance_charge;  // BG-20/21/27/28, sorted by its charge indicator
  DocumentReference document_reference;
  std::string tax_scheme_company_id;  // UBL PartyTaxScheme: BT-31/BT-32/BT-48/BT-63 …
  std::string tax_scheme_id;          // … decided by TaxScheme/ID
  std::vector<TaxTotal> tax_totals;   // BT-110/BT-111, decided by currencyID at the end
};

using Action = std::function<void(Builder&, Value&)>;

// A mapped element: `open` runs when it starts (groups), `set` when it ends with its text,
// `close` after `set`. A `binary` element's text is only counted, never kept.
// What the syntax-binding rules need of an element beyond its term (model::SyntaxFacts).
enum class Fact : std::uint8_t {
  none,
  line,                    // a UBL invoice line starts
  billing_reference,       // UBL BillingReference
  billing_invoice_ref,     // … its InvoiceDocumentReference
  billing_invoice_ref_id,  // … its InvoiceDocumentReference/ID
  payee_party_id,          // UBL PayeeParty/PartyIdentification/ID
  payment_means_code,      // UBL PaymentMeans/PaymentMeansCode (value and @name)
  payment_id,              // UBL PaymentMeans/PaymentID (value)
  payee_name,              // UBL PayeeParty/PartyName/Name (value)
  seller_registration,     // UBL seller RegistrationName (count and value)
};

using LineCount = std::uint8_t model::SyntaxFacts::Line::*;

struct Entry {
  Action open;
  Action set;
  Action close;
  bool binary = false;
  Fact fact = Fact::none;
  int count = -1;                  // a model::SyntaxFacts::Count to add one to, or -1
  LineCount line_count = nullptr;  // a count of the current line to add one to
};

using FieldTable = std::unordered_map<std::string, Entry>;

Entry setter(Action set) {
  Entry entry;
  entry.set = std::move(set);
  return entry;
}

Entry group(Action open, Action close = {}) {
  Entry entry;
  entry.open = std::move(open);
  entry.close = std::move(close);
  return entry;
}

// ---- Small value conversions ----------------------------------------------------------------

// "20150109" -> "2015-01-09"; anything else is kept as written for validation to judge.
std::string iso_date_from_102(std::string text, std::string_view format) {
  const bool digits = text.size() == 8 && text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || !(format.empty() || format == "102")) return text;
  return text.substr(0, 4) + "-" + text.substr(4, 2) + "-" + text.substr(6, 2);
}

void set_once(std::string& term, std::string value) {
  if (term.empty()) term = std::move(value);
}

void set_once(std::optional<model::Decimal>& term, const std::string& value) {
  if (!term) term = model::Decimal::parse(value);
}

void set_once(model::Identifier& term, Value& v) {
  if (term.empty()) term = {std::move(v.text), v.scheme};
}

// The element being filled of a repeatable group: its last one, created if the document
// skipped the group's start (partial documents must never crash the reader).
template <class T>
T& last(std::vector<T>& list) {
  if (list.empty()) list.emplace_back();
  return list.back();
}

template <class T>
T& present(std::optional<T>& group) {
  if (!group) group.emplace();
  return *group;
}

// ---- Entry makers: `get` finds the object in the builder, the member pointer the term --------

template <class Get, class T>
Entry text(Get get, std::string T::*member) {
  return setter(
      [get, member](Builder& b, Value& v) { set_once(get(b).*member, std::move(v.text)); });
}

// A date: ISO as written in UBL, CII format 102 turned into ISO.
template <class Get, class T>
Entry date(Get get, std::string T::*member) {
  return setter([get, member](Builder& b, Value& v) {
    set_once(get(b).*member, iso_date_from_102(std::move(v.text), v.format));
  });
}

template <class Get, class T>
Entry amount(Get get, std::optional<model::Decimal> T::*member) {
  return setter([get, member](Builder& b, Value& v) { set_once(get(b).*member, v.text); });
}

template <class Get, class T>
Entry quantity(Get get, std::optional<model::Decimal> T::*member, std::string T::*unit) {
  return setter([get, member, unit](Builder& b, Value& v) {
    auto& object = get(b);
    set_once(object.*member, v.text);
    set_once(object.*unit, std::move(v.unit));
  });
}

template <class Get, class T>
Entry identifier(Get get, model::Identifier T::*member) {
  return setter([get, member](Builder& b, Value& v) { set_once(get(b).*member, v); });
}

// A group that is a std::optional member: present as soon as its element starts.
template <class Get, class T, class G>
Entry optional_group(Get get, std::optional<G> T::*member) {
  return group([get, member](Builder& b, Value&) { present(get(b).*member); });
}

// A repeatable group: a new element each time its element starts.
template <class Get, class T, class G>
Entry repeated_group(Get get, std::vector<G> T::*member) {
  return group([get, member](Builder& b, Value&) { (get(b).*member).emplace_back(); });
}

// ---- Where things are in the builder ---------------------------------------------------------

using model::Invoice;
using model::InvoiceLine;
using model::Party;

Builder& builder(Builder& b) {
  return b;
}
Invoice& document(Builder& b) {
  return b.invoice;
}
InvoiceLine& line(Builder& b) {
  return last(b.invoice.lines);
}
model::Item& item(Builder& b) {
  return line(b).item;
}
model::PriceDetails& price(Builder& b) {
  return line(b).price;
}
model::Period& line_period(Builder& b) {
  return present(line(b).period);
}
model::Period& invoicing_period(Builder& b) {
  return present(b.invoice.invoicing_period);
}
model::AllowanceCharge& allowance_charge(Builder& b) {
  return b.allowance_charge;
}
model::SupportingDocument& supporting_document(Builder& b) {
  return b.document_reference.document;
}
DocumentReference& document_reference(Builder& b) {
  return b.document_reference;
}
model::Delivery& delivery(Builder& b) {
  return present(b.invoice.delivery);
}
model::PaymentInstructions& payment(Builder& b) {
  return last(b.invoice.payment_instructions);
}
model::CreditTransfer& credit_transfer(Builder& b) {
  return last(payment(b).credit_transfers);
}
model::PaymentCard& card(Builder& b) {
  return present(payment(b).card);
}
model::DirectDebit& direct_debit(Builder& b) {
  return b.invoice.direct_debit;
}
model::VatBreakdown& vat_breakdown(Builder& b) {
  return last(b.invoice.vat_breakdown);
}
model::PrecedingInvoice& preceding_invoice(Builder& b) {
  return last(b.invoice.preceding_invoices);
}
model::Note& note(Builder& b) {
  return last(b.invoice.notes);
}
model::ItemAttribute& item_attribute(Builder& b) {
  return last(item(b).attributes);
}
model::Totals& totals(Builder& b) {
  return b.invoice.totals;
}

using PartyOf = Party& (*)(Builder&);
Party& seller(Builder& b) {
  return b.invoice.seller;
}
Party& buyer(Builder& b) {
  return b.invoice.buyer;
}
Party& payee(Builder& b) {
  return present(b.invoice.payee);
}
Party& tax_representative(Builder& b) {
  return present(b.invoice.tax_representative);
}

// ---- Group ends ---------------------------------------------------------------------------

// UBL ChargeIndicator is xs:boolean, so "1"/"0" count too.
bool is_charge(std::string_view indicator) {
  return indicator == "true" || indicator == "1";
}

void start_allowance_charge(Builder& b, Value&) {
  b.allowance_charge = {};
}
void end_document_allowance_charge(Builder& b, Value&) {
  auto& list =
      is_charge(b.allowance_charge.charge_indicator) ? b.invoice.charges : b.invoice.allowances;
  list.push_back(std::move(b.allowance_charge));
}
void end_line_allowance_charge(Builder& b, Value&) {
  auto& list =
      is_charge(b.allowance_charge.charge_indicator) ? line(b).charges : line(b).allowances;
  list.push_back(std::move(b.allowance_charge));
}

void start_document_reference(Builder& b, Value&) {
  b.document_reference = {};
}
// Type code 130 = invoiced object (BT-18), 50 = tender or lot (CII BT-17) or, in a UBL credit
// note, the project (BT-11); anything else is a supporting document (BG-24).
void end_document_reference(Builder& b, Value&) {
  auto& ref = b.document_reference;
  auto& inv = b.invoice;
  if (ref.type_code == "130") {
    if (inv.invoiced_object_id.empty())
      inv.invoiced_object_id = {std::move(ref.document.reference), ref.scheme};
  } else if (ref.type_code == "50" && inv.syntax == model::Syntax::cii) {
    set_once(inv.tender_reference, std::move(ref.document.reference));
  } else if (ref.type_code == "50" && inv.syntax == model::Syntax::ubl_credit_note) {
    set_once(inv.project_reference, std::move(ref.document.reference));
  } else {
    inv.supporting_documents.push_back(std::move(ref.document));
  }
}

// ---- Party tables ---------------------------------------------------------------------------

void add_address(FieldTable& t, const std::string& prefix,
                 std::function<model::PostalAddress&(Builder&)> get, bool ubl) {
  using A = model::PostalAddress;
  if (ubl) {
    t[prefix + "StreetName"] = text(get, &A::line1);
    t[prefix + "AdditionalStreetName"] = text(get, &A::line2);
    t[prefix + "AddressLine/Line"] = text(get, &A::line3);
    t[prefix + "CityName"] = text(get, &A::city);
    t[prefix + "PostalZone"] = text(get, &A::post_code);
    t[prefix + "CountrySubentity"] = text(get, &A::subdivision);
    t[prefix + "Country/IdentificationCode"] = text(get, &A::country_code);
  } else {
    t[prefix + "LineOne"] = text(get, &A::line1);
    t[prefix + "LineTwo"] = text(get, &A::line2);
    t[prefix + "LineThree"] = text(get, &A::line3);
    t[prefix + "CityName"] = text(get, &A::city);
    t[prefix + "PostcodeCode"] = text(get, &A::post_code);
    t[prefix + "CountrySubDivisionName"] = text(get, &A::subdivision);
    t[prefix + "CountryID"] = text(get, &A::country_code);
  }
}

// TaxScheme/ID upper-cased is "VAT" (the artefacts' test for a VAT registration).
bool is_vat_scheme(std::string_view id) {
  return id.size() == 3 && (id[0] == 'V' || id[0] == 'v') && (id[1] == 'A' || id[1] == 'a') &&
         (id[2] == 'T' || id[2] == 't');
}

// A party's identifiers: BT-29/BT-46/BT-60, except the "SEPA" one which in UBL is the bank
// assigned creditor identifier BT-90.
Entry party_id(PartyOf party) {
  return setter([party](Builder& b, Value& v) {
    if (v.text.empty()) return;
    if (v.scheme == "SEPA" && b.invoice.syntax != model::Syntax::cii)
      return set_once(b.invoice.direct_debit.creditor_id, std::move(v.text));
    party(b).ids.push_back({std::move(v.text), v.scheme});
  });
}

// `name_in_party_name`: the payee and the tax representative have their name (BT-59, BT-62) in
// UBL PartyName/Name, where the seller and the buyer have their trading name (BT-28, BT-45).
void add_ubl_party(FieldTable& t, const std::string& prefix, PartyOf party,
                   bool name_in_party_name) {
  t[prefix + "EndpointID"] = identifier(party, &Party::electronic_address);
  t[prefix + "PartyIdentification/ID"] = party_id(party);
  t[prefix + "PartyName/Name"] =
      text(party, name_in_party_name ? &Party::name : &Party::trading_name);
  t[prefix + "PostalAddress"] = optional_group(party, &Party::address);
  add_address(
      t, prefix + "PostalAddress/",
      [party](Builder& b) -> model::PostalAddress& { return present(party(b).address); }, true);
  t[prefix + "PartyTaxScheme"] = group(
      [](Builder& b, Value&) {
        b.tax_scheme_company_id.clear();
        b.tax_scheme_id.clear();
      },
      [party](Builder& b, Value&) {
        auto& p = party(b);
        if (is_vat_scheme(b.tax_scheme_id) && !b.tax_scheme_company_id.empty())
          p.vat_ids.push_back(b.tax_scheme_company_id);
        set_once(b.tax_scheme_id == "VAT" ? p.vat_id : p.tax_registration_id,
                 std::move(b.tax_scheme_company_id));
      });
  t[prefix + "PartyTaxScheme/CompanyID"] = text(builder, &Builder::tax_scheme_company_id);
  t[prefix + "PartyTaxScheme/TaxScheme/ID"] = text(builder, &Builder::tax_scheme_id);
  t[prefix + "PartyLegalEntity/RegistrationName"] = text(party, &Party::name);
  t[prefix + "PartyLegalEntity/CompanyID"] = identifier(party, &Party::legal_id);
  t[prefix + "PartyLegalEntity/CompanyLegalForm"] = text(party, &Party::additional_legal_info);
  const auto contact = [party](Builder& b) -> model::Contact& { return present(party(b).contact); };
  t[prefix + "Contact"] = optional_group(party, &Party::contact);
  t[prefix + "Contact/Name"] = text(contact, &model::Contact::name);
  t[prefix + "Contact/Telephone"] = text(contact, &model::Contact::telephone);
  t[prefix + "Contact/ElectronicMail"] = text(contact, &model::Contact::email);
}

void add_cii_party(FieldTable& t, const std::string& prefix, PartyOf party) {
  t[prefix + "ID"] = party_id(party);
  t[prefix + "GlobalID"] = party_id(party);
  t[prefix + "Name"] = text(party, &Party::name);
  t[prefix + "Description"] = text(party, &Party::additional_legal_info);
  t[prefix + "SpecifiedLegalOrganization/ID"] = identifier(party, &Party::legal_id);
  t[prefix + "SpecifiedLegalOrganization/TradingBusinessName"] = text(party, &Party::trading_name);
  const auto contact = [party](Builder& b) -> model::Contact& { return present(party(b).contact); };
  const std::string c = prefix + "DefinedTradeContact/";
  t[prefix + "DefinedTradeContact"] = optional_group(party, &Party::contact);
  t[c + "PersonName"] = text(contact, &model::Contact::name);
  t[c + "DepartmentName"] = text(contact, &model::Contact::name);
  t[c + "TelephoneUniversalCommunication/CompleteNumber"] =
      text(contact, &model::Contact::telephone);
  t[c + "EmailURIUniversalCommunication/URIID"] = text(contact, &model::Contact::email);
  t[prefix + "PostalTradeAddress"] = optional_group(party, &Party::address);
  add_address(
      t, prefix + "PostalTradeAddress/",
      [party](Builder& b) -> model::PostalAddress& { return present(party(b).address); }, false);
  t[prefix + "URIUniversalCommunication/URIID"] = identifier(party, &Party::electronic_address);
  // schemeID "VA" = VAT identifier (BT-31/48/63), "FC" = tax registration (BT-32).
  t[prefix + "SpecifiedTaxRegistration/ID"] = setter([party](Builder& b, Value& v) {
    auto& p = party(b);
    if (v.scheme == "VA" && !v.text.empty()) p.vat_ids.push_back(v.text);
    set_once(v.scheme == "VA" ? p.vat_id : p.tax_registration_id, std::move(v.text));
  });
}

// ---- Allowances and charges ----------------------------------------------------------------

// BT-95 / BT-102, noting whether it was written padded with white space.
Entry allowance_charge_category() {
  return setter([](Builder& b, Value& v) {
    auto& ac = allowance_charge(b);
    if (!ac.vat_category.empty()) return;
    ac.vat_category = std::move(v.text);
    ac.vat_category_padded = v.padded;
  });
}

void add_allowance_charge(FieldTable& t, const std::string& prefix, bool document_level, bool ubl) {
  using AC = model::AllowanceCharge;
  t[prefix] = group(start_allowance_charge,
                    document_level ? end_document_allowance_charge : end_line_allowance_charge);
  const std::string p = prefix + "/";
  if (ubl) {
    t[p + "ChargeIndicator"] = text(allowance_charge, &AC::charge_indicator);
    t[p + "AllowanceChargeReasonCode"] = text(allowance_charge, &AC::reason_code);
    t[p + "AllowanceChargeReason"] = text(allowance_charge, &AC::reason);
    t[p + "MultiplierFactorNumeric"] = amount(allowance_charge, &AC::percentage);
    t[p + "Amount"] = amount(allowance_charge, &AC::amount);
    t[p + "BaseAmount"] = amount(allowance_charge, &AC::base_amount);
    t[p + "TaxCategory/ID"] = allowance_charge_category();
    t[p + "TaxCategory/Percent"] = amount(allowance_charge, &AC::vat_rate);
    t[p + "TaxCategory/TaxScheme/ID"] = text(allowance_charge, &AC::vat_scheme);
  } else {
    t[p + "ChargeIndicator/Indicator"] = text(allowance_charge, &AC::charge_indicator);
    t[p + "CalculationPercent"] = amount(allowance_charge, &AC::percentage);
    t[p + "BasisAmount"] = amount(allowance_charge, &AC::base_amount);
    t[p + "ActualAmount"] = amount(allowance_charge, &AC::amount);
    t[p + "ReasonCode"] = text(allowance_charge, &AC::reason_code);
    t[p + "Reason"] = text(allowance_charge, &AC::reason);
    t[p + "CategoryTradeTax/CategoryCode"] = allowance_charge_category();
    t[p + "CategoryTradeTax/RateApplicablePercent"] = amount(allowance_charge, &AC::vat_rate);
    t[p + "CategoryTradeTax/TypeCode"] = text(allowance_charge, &AC::vat_scheme);
  }
}

// Classification codes (BT-158) are repeatable leaves: each one is a new entry.
Entry classification() {
  return setter([](Builder& b, Value& v) {
    item(b).classifications.push_back({std::move(v.text), v.list_id, v.list_version});
  });
}

Entry binary_object() {
  Entry entry = setter([](Builder& b, Value& v) {
    auto& doc = b.document_reference.document;
    doc.has_attachment = true;
    doc.attachment_size = v.binary_size;
    doc.attachment_mime_code = v.mime_code;
    doc.attachment_filename = v.filename;
  });
  entry.binary = true;
  return entry;
}

// ---- UBL 2.1 ------------------------------------------------------------------------------

// The occurrences the UBL syntax-binding rules count (model::SyntaxFacts).
void add_ubl_syntax_facts(FieldTable& t) {
  using C = model::SyntaxFacts;
  const std::pair<const char*, C::Count> counts[] = {
      {"ContractDocumentReference/ID", C::contract_ids},
      {"ReceiptDocumentReference/ID", C::receipt_ids},
      {"DespatchDocumentReference/ID", C::despatch_ids},
      {"PaymentTerms/Note", C::payment_terms_notes},
      {"InvoicePeriod", C::invoice_periods},
      {"InvoicePeriod/DescriptionCode", C::invoice_period_description_codes},
      {"AccountingSupplierParty/Party/PartyName/Name", C::seller_party_names},
      {"AccountingSupplierParty/Party/PartyLegalEntity/CompanyID", C::seller_legal_ids},
      {"AccountingSupplierParty/Party/PartyLegalEntity/CompanyLegalForm", C::seller_legal_forms},
      {"AccountingCustomerParty/Party/PartyLegalEntity/RegistrationName",
       C::buyer_registration_names},
      {"AccountingCustomerParty/Party/PartyName/Name", C::buyer_party_names},
      {"AccountingCustomerParty/Party/PartyIdentification/ID", C::buyer_party_ids},
      {"AccountingCustomerParty/Party/PartyLegalEntity/CompanyID", C::buyer_legal_ids},
      {"PayeeParty/PartyLegalEntity/CompanyID", C::payee_legal_ids},
      {"Delivery", C::deliveries},
      {"ProjectReference/ID", C::project_ids},
      {"PaymentMeans/PaymentDueDate", C::payment_due_dates},
  };
  for (const auto& [path, count] : counts) t[path].count = count;
  t["AccountingSupplierParty/Party/PartyLegalEntity/RegistrationName"].fact =
      Fact::seller_registration;
  t["BillingReference"].fact = Fact::billing_reference;
  t["BillingReference/InvoiceDocumentReference"].fact = Fact::billing_invoice_ref;
  t["BillingReference/InvoiceDocumentReference/ID"].fact = Fact::billing_invoice_ref_id;
  t["PayeeParty/PartyIdentification/ID"].fact = Fact::payee_party_id;
  t["PayeeParty/PartyName/Name"].fact = Fact::payee_name;
  t["PaymentMeans/PaymentMeansCode"].fact = Fact::payment_means_code;
  t["PaymentMeans/PaymentID"].fact = Fact::payment_id;

  using L = model::SyntaxFacts::Line;
  const std::pair<const char*, LineCount> line_counts[] = {
      {"Item/ClassifiedTaxCategory", &L::classified_tax_categories},
      {"Note", &L::notes},
      {"OrderLineReference/LineID", &L::order_line_ids},
      {"InvoicePeriod", &L::periods},
      {"Price/AllowanceCharge/Amount", &L::price_discounts},
      {"Item/Description", &L::item_descriptions},
      {"DocumentReference", &L::document_references},
  };
  for (const std::string line : {"InvoiceLine", "CreditNoteLine"}) {
    t[line].fact = Fact::line;
    for (const auto& [path, count] : line_counts) t[line + "/" + path].line_count = count;
  }
}

// UBL has no element for BT-21: by the binding's convention a note may start with "#CODE#".
Entry ubl_note() {
  return setter([](Builder& b, Value& v) {
    model::Note note{{}, std::move(v.text)};
    const auto end = note.text.find('#', 1);
    if (note.text.starts_with('#') && end != std::string::npos && end > 1) {
      note.subject_code = note.text.substr(1, end - 1);
      note.text.erase(0, end + 1);
    }
    b.invoice.notes.push_back(std::move(note));
  });
}

void add_ubl_line(FieldTable& t, const std::string& l, const char* quantity_element) {
  using L = InvoiceLine;
  t[l] = repeated_group(document, &Invoice::lines);
  const std::string p = l + "/";
  t[p + "ID"] = text(line, &L::id);
  t[p + "Note"] = text(line, &L::note);
  t[p + quantity_element] = quantity(line, &L::quantity, &L::quantity_unit);
  t[p + "LineExtensionAmount"] = amount(line, &L::net_amount);
  t[p + "AccountingCost"] = text(line, &L::buyer_accounting_reference);
  t[p + "InvoicePeriod"] = optional_group(line, &L::period);
  t[p + "InvoicePeriod/StartDate"] = date(line_period, &model::Period::start_date);
  t[p + "InvoicePeriod/EndDate"] = date(line_period, &model::Period::end_date);
  t[p + "OrderLineReference/LineID"] = text(line, &L::order_line_reference);
  // BT-128 from any line DocumentReference, type code or not (as the official UBL example 5
  // and its CII twin have it); BR-CL-07 reads SyntaxFacts::object_id_schemes instead.
  t[p + "DocumentReference/ID"] = identifier(line, &L::object_id);
  add_allowance_charge(t, p + "AllowanceCharge", false, true);
  using I = model::Item;
  t[p + "Item/Description"] = text(item, &I::description);
  t[p + "Item/Name"] = text(item, &I::name);
  t[p + "Item/BuyersItemIdentification/ID"] = text(item, &I::buyer_id);
  t[p + "Item/SellersItemIdentification/ID"] = text(item, &I::seller_id);
  t[p + "Item/StandardItemIdentification/ID"] = identifier(item, &I::standard_id);
  t[p + "Item/OriginCountry/IdentificationCode"] = text(item, &I::origin_country);
  t[p + "Item/CommodityClassification/ItemClassificationCode"] = classification();
  t[p + "Item/ClassifiedTaxCategory/ID"] = text(line, &L::vat_category);
  t[p + "Item/ClassifiedTaxCategory/Percent"] = amount(line, &L::vat_rate);
  t[p + "Item/ClassifiedTaxCategory/TaxScheme/ID"] = text(line, &L::vat_scheme);
  t[p + "Item/AdditionalItemProperty"] = repeated_group(item, &I::attributes);
  t[p + "Item/AdditionalItemProperty/Name"] = text(item_attribute, &model::ItemAttribute::name);
  t[p + "Item/AdditionalItemProperty/Value"] = text(item_attribute, &model::ItemAttribute::value);
  using P = model::PriceDetails;
  t[p + "Price/PriceAmount"] = amount(price, &P::net_price);
  t[p + "Price/BaseQuantity"] = quantity(price, &P::base_quantity, &P::base_quantity_unit);
  t[p + "Price/AllowanceCharge/Amount"] = amount(price, &P::discount);
  t[p + "Price/AllowanceCharge/BaseAmount"] = amount(price, &P::gross_price);
}

const FieldTable& ubl_fields() {
  static const FieldTable table = [] {
    FieldTable t;
    t["CustomizationID"] = text(document, &Invoice::specification_id);
    t["ProfileID"] = text(document, &Invoice::process_id);
    t["ID"] = text(document, &Invoice::number);
    t["IssueDate"] = date(document, &Invoice::issue_date);
    t["DueDate"] = date(document, &Invoice::payment_due_date);
    t["InvoiceTypeCode"] = text(document, &Invoice::type_code);
    t["CreditNoteTypeCode"] = text(document, &Invoice::type_code);
    t["Note"] = ubl_note();
    t["TaxPointDate"] = date(document, &Invoice::tax_point_date);
    t["DocumentCurrencyCode"] = text(document, &Invoice::currency);
    t["TaxCurrencyCode"] = text(document, &Invoice::tax_currency);
    t["AccountingCost"] = text(document, &Invoice::buyer_accounting_reference);
    t["BuyerReference"] = text(document, &Invoice::buyer_reference);
    t["InvoicePeriod"] = optional_group(document, &Invoice::invoicing_period);
    t["InvoicePeriod/StartDate"] = date(invoicing_period, &model::Period::start_date);
    t["InvoicePeriod/EndDate"] = date(invoicing_period, &model::Period::end_date);
    t["InvoicePeriod/DescriptionCode"] = text(document, &Invoice::tax_point_date_code);
    t["OrderReference/ID"] = text(document, &Invoice::order_reference);
    t["OrderReference/SalesOrderID"] = text(document, &Invoice::sales_order_reference);
    t["BillingReference"] = repeated_group(document, &Invoice::preceding_invoices);
    t["BillingReference/InvoiceDocumentReference/ID"] =
        text(preceding_invoice, &model::PrecedingInvoice::number);
    t["BillingReference/InvoiceDocumentReference/IssueDate"] =
        date(preceding_invoice, &model::PrecedingInvoice::issue_date);
    t["DespatchDocumentReference/ID"] = text(document, &Invoice::despatch_advice_reference);
    t["ReceiptDocumentReference/ID"] = text(document, &Invoice::receiving_advice_reference);
    t["OriginatorDocumentReference/ID"] = text(document, &Invoice::tender_reference);
    t["ContractDocumentReference/ID"] = text(document, &Invoice::contract_reference);
    t["ProjectReference/ID"] = text(document, &Invoice::project_reference);

    using S = model::SupportingDocument;
    const std::string adr = "AdditionalDocumentReference";
    t[adr] = group(start_document_reference, end_document_reference);
    t[adr + "/ID"] = setter([](Builder& b, Value& v) {
      set_once(b.document_reference.document.reference, std::move(v.text));
      set_once(b.document_reference.scheme, v.scheme);
    });
    t[adr + "/DocumentTypeCode"] = text(document_reference, &DocumentReference::type_code);
    t[adr + "/DocumentDescription"] = text(supporting_document, &S::description);
    t[adr + "/Attachment/EmbeddedDocumentBinaryObject"] = binary_object();
    t[adr + "/Attachment/ExternalReference/URI"] = text(supporting_document, &S::external_location);

    add_ubl_party(t, "AccountingSupplierParty/Party/", seller, false);
    t["AccountingSupplierParty"] =
        group([](Builder& b, Value&) { b.invoice.seller.present = true; });
    add_ubl_party(t, "AccountingCustomerParty/Party/", buyer, false);
    add_ubl_party(t, "PayeeParty/", payee, true);
    t["PayeeParty"] = group([](Builder& b, Value&) { payee(b); });
    add_ubl_party(t, "TaxRepresentativeParty/", tax_representative, true);
    t["TaxRepresentativeParty"] = group([](Builder& b, Value&) { tax_representative(b); });

    using D = model::Delivery;
    t["Delivery"] = optional_group(document, &Invoice::delivery);
    t["Delivery/ActualDeliveryDate"] = date(delivery, &D::actual_date);
    t["Delivery/DeliveryLocation/ID"] = identifier(delivery, &D::location_id);
    t["Delivery/DeliveryLocation/Address"] = optional_group(delivery, &D::address);
    add_address(
        t, "Delivery/DeliveryLocation/Address/",
        [](Builder& b) -> model::PostalAddress& { return present(delivery(b).address); }, true);
    t["Delivery/DeliveryParty/PartyName/Name"] = text(delivery, &D::party_name);

    using PI = model::PaymentInstructions;
    t["PaymentMeans"] = repeated_group(document, &Invoice::payment_instructions);
    t["PaymentMeans/PaymentMeansCode"] = setter([](Builder& b, Value& v) {
      set_once(payment(b).means_code, std::move(v.text));
      set_once(payment(b).means_text, std::move(v.name));
    });
    t["PaymentMeans/PaymentDueDate"] = date(document, &Invoice::payment_due_date);  // CreditNote
    t["PaymentMeans/PaymentID"] = text(document, &Invoice::remittance_information);
    t["PaymentMeans/CardAccount"] = optional_group(payment, &PI::card);
    t["PaymentMeans/CardAccount/PrimaryAccountNumberID"] =
        text(card, &model::PaymentCard::account_number);
    t["PaymentMeans/CardAccount/HolderName"] = text(card, &model::PaymentCard::holder_name);
    using CT = model::CreditTransfer;
    t["PaymentMeans/PayeeFinancialAccount"] = repeated_group(payment, &PI::credit_transfers);
    t["PaymentMeans/PayeeFinancialAccount/ID"] = text(credit_transfer, &CT::account_id);
    t["PaymentMeans/PayeeFinancialAccount/Name"] = text(credit_transfer, &CT::account_name);
    t["PaymentMeans/PayeeFinancialAccount/FinancialInstitutionBranch/ID"] =
        text(credit_transfer, &CT::service_provider_id);
    t["PaymentMeans/PaymentMandate/ID"] =
        text(direct_debit, &model::DirectDebit::mandate_reference);
    t["PaymentMeans/PaymentMandate/PayerFinancialAccount/ID"] =
        text(direct_debit, &model::DirectDebit::debited_account);
    t["PaymentTerms/Note"] = text(document, &Invoice::payment_terms);

    add_allowance_charge(t, "AllowanceCharge", true, true);

    t["TaxTotal/TaxAmount"] = setter([](Builder& b, Value& v) {
      b.tax_totals.push_back({v.currency, model::Decimal::parse(v.text)});
    });
    using V = model::VatBreakdown;
    const std::string sub = "TaxTotal/TaxSubtotal";
    t[sub] = repeated_group(document, &Invoice::vat_breakdown);
    t[sub + "/TaxableAmount"] = amount(vat_breakdown, &V::taxable_amount);
    t[sub + "/TaxAmount"] = amount(vat_breakdown, &V::tax_amount);
    t[sub + "/TaxCategory/ID"] = text(vat_breakdown, &V::category_code);
    t[sub + "/TaxCategory/Percent"] = amount(vat_breakdown, &V::rate);
    t[sub + "/TaxCategory/TaxExemptionReasonCode"] = text(vat_breakdown, &V::exemption_reason_code);
    t[sub + "/TaxCategory/TaxExemptionReason"] = text(vat_breakdown, &V::exemption_reason);
    t[sub + "/TaxCategory/TaxScheme/ID"] = text(vat_breakdown, &V::vat_scheme);

    using T = model::Totals;
    t["LegalMonetaryTotal"] = group([](Builder& b, Value&) { b.invoice.totals.present = true; });
    const std::string sums = "LegalMonetaryTotal/";
    t[sums + "LineExtensionAmount"] = amount(totals, &T::line_extension);
    t[sums + "AllowanceTotalAmount"] = amount(totals, &T::allowances);
    t[sums + "ChargeTotalAmount"] = amount(totals, &T::charges);
    t[sums + "TaxExclusiveAmount"] = amount(totals, &T::tax_exclusive);
    t[sums + "TaxInclusiveAmount"] = amount(totals, &T::tax_inclusive);
    t[sums + "PrepaidAmount"] = amount(totals, &T::prepaid);
    t[sums + "PayableRoundingAmount"] = amount(totals, &T::rounding);
    t[sums + "PayableAmount"] = amount(totals, &T::payable);

    add_ubl_line(t, "InvoiceLine", "InvoicedQuantity");
    add_ubl_line(t, "CreditNoteLine", "CreditedQuantity");
    add_ubl_syntax_facts(t);
    return t;
  }();
  return table;
}

// ---- CII D16B -----------------------------------------------------------------------------

void add_cii_line(FieldTable& t) {
  using L = InvoiceLine;
  using I = model::Item;
  using P = model::PriceDetails;
  const std::string l = "SupplyChainTradeTransaction/IncludedSupplyChainTradeLineItem";
  t[l] = repeated_group(document, &Invoice::lines);
  const std::string doc = l + "/AssociatedDocumentLineDocument/";
  t[doc + "LineID"] = text(line, &L::id);
  t[doc + "IncludedNote/Content"] = text(line, &L::note);
  const std::string product = l + "/SpecifiedTradeProduct/";
  t[product + "GlobalID"] = identifier(item, &I::standard_id);
  t[product + "SellerAssignedID"] = text(item, &I::seller_id);
  t[product + "BuyerAssignedID"] = text(item, &I::buyer_id);
  t[product + "Name"] = text(item, &I::name);
  t[product + "Description"] = text(item, &I::description);
  t[product + "ApplicableProductCharacteristic"] = repeated_group(item, &I::attributes);
  t[product + "ApplicableProductCharacteristic/Description"] =
      text(item_attribute, &model::ItemAttribute::name);
  t[product + "ApplicableProductCharacteristic/Value"] =
      text(item_attribute, &model::ItemAttribute::value);
  t[product + "DesignatedProductClassification/ClassCode"] = classification();
  t[product + "OriginTradeCountry/ID"] = text(item, &I::origin_country);
  const std::string agreement = l + "/SpecifiedLineTradeAgreement/";
  t[agreement + "BuyerOrderReferencedDocument/LineID"] = text(line, &L::order_line_reference);
  t[agreement + "GrossPriceProductTradePrice/ChargeAmount"] = amount(price, &P::gross_price);
  // BT-149/150 is the net price's basis quantity; the gross price's only stands in for it.
  t[agreement + "GrossPriceProductTradePrice/BasisQuantity"] =
      quantity(price, &P::base_quantity, &P::base_quantity_unit);
  t[agreement + "GrossPriceProductTradePrice/AppliedTradeAllowanceCharge/ActualAmount"] =
      amount(price, &P::discount);
  t[agreement + "NetPriceProductTradePrice/ChargeAmount"] = amount(price, &P::net_price);
  t[agreement + "NetPriceProductTradePrice/BasisQuantity"] = setter([](Builder& b, Value& v) {
    price(b).base_quantity = model::Decimal::parse(v.text);
    price(b).base_quantity_unit = std::move(v.unit);
  });
  t[l + "/SpecifiedLineTradeDelivery/BilledQuantity"] =
      quantity(line, &L::quantity, &L::quantity_unit);
  const std::string settlement = l + "/SpecifiedLineTradeSettlement/";
  t[settlement + "ApplicableTradeTax/CategoryCode"] = text(line, &L::vat_category);
  t[settlement + "ApplicableTradeTax/RateApplicablePercent"] = amount(line, &L::vat_rate);
  t[settlement + "ApplicableTradeTax/TypeCode"] = text(line, &L::vat_scheme);
  t[settlement + "BillingSpecifiedPeriod"] = optional_group(line, &L::period);
  t[settlement + "BillingSpecifiedPeriod/StartDateTime/DateTimeString"] =
      date(line_period, &model::Period::start_date);
  t[settlement + "BillingSpecifiedPeriod/EndDateTime/DateTimeString"] =
      date(line_period, &model::Period::end_date);
  add_allowance_charge(t, settlement + "SpecifiedTradeAllowanceCharge", false, false);
  t[settlement + "SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount"] =
      amount(line, &L::net_amount);
  t[settlement + "AdditionalReferencedDocument/IssuerAssignedID"] =
      setter([](Builder& b, Value& v) { set_once(line(b).object_id.value, std::move(v.text)); });
  t[settlement + "AdditionalReferencedDocument/ReferenceTypeCode"] =
      setter([](Builder& b, Value& v) { set_once(line(b).object_id.scheme, std::move(v.text)); });
  t[settlement + "ReceivableSpecifiedTradeAccountingAccount/ID"] =
      text(line, &L::buyer_accounting_reference);
}

const FieldTable& cii_fields() {
  static const FieldTable table = [] {
    FieldTable t;
    const std::string context = "ExchangedDocumentContext/";
    t[context + "BusinessProcessSpecifiedDocumentContextParameter/ID"] =
        text(document, &Invoice::process_id);
    t[context + "GuidelineSpecifiedDocumentContextParameter/ID"] =
        text(document, &Invoice::specification_id);
    t["ExchangedDocument/ID"] = text(document, &Invoice::number);
    t["ExchangedDocument/TypeCode"] = text(document, &Invoice::type_code);
    t["ExchangedDocument/IssueDateTime/DateTimeString"] = date(document, &Invoice::issue_date);
    t["ExchangedDocument/IncludedNote"] = repeated_group(document, &Invoice::notes);
    t["ExchangedDocument/IncludedNote/Content"] = text(note, &model::Note::text);
    t["ExchangedDocument/IncludedNote/SubjectCode"] = text(note, &model::Note::subject_code);

    add_cii_line(t);

    const std::string agreement = "SupplyChainTradeTransaction/ApplicableHeaderTradeAgreement/";
    t[agreement + "BuyerReference"] = text(document, &Invoice::buyer_reference);
    add_cii_party(t, agreement + "SellerTradeParty/", seller);
    t[agreement + "SellerTradeParty"] =
        group([](Builder& b, Value&) { b.invoice.seller.present = true; });
    add_cii_party(t, agreement + "BuyerTradeParty/", buyer);
    add_cii_party(t, agreement + "SellerTaxRepresentativeTradeParty/", tax_representative);
    t[agreement + "SellerTaxRepresentativeTradeParty"] =
        group([](Builder& b, Value&) { tax_representative(b); });
    t[agreement + "SellerOrderReferencedDocument/IssuerAssignedID"] =
        text(document, &Invoice::sales_order_reference);
    t[agreement + "BuyerOrderReferencedDocument/IssuerAssignedID"] =
        text(document, &Invoice::order_reference);
    t[agreement + "ContractReferencedDocument/IssuerAssignedID"] =
        text(document, &Invoice::contract_reference);
    t[agreement + "SpecifiedProcuringProject/ID"] = text(document, &Invoice::project_reference);
    using S = model::SupportingDocument;
    const std::string adr = agreement + "AdditionalReferencedDocument";
    t[adr] = group(start_document_reference, end_document_reference);
    t[adr + "/IssuerAssignedID"] = text(supporting_document, &S::reference);
    t[adr + "/URIID"] = text(supporting_document, &S::external_location);
    t[adr + "/TypeCode"] = text(document_reference, &DocumentReference::type_code);
    t[adr + "/Name"] = text(supporting_document, &S::description);
    t[adr + "/AttachmentBinaryObject"] = binary_object();
    t[adr + "/ReferenceTypeCode"] = text(document_reference, &DocumentReference::scheme);

    using D = model::Delivery;
    const std::string delivery_ = "SupplyChainTradeTransaction/ApplicableHeaderTradeDelivery/";
    t[delivery_ + "ShipToTradeParty"] = optional_group(document, &Invoice::delivery);
    t[delivery_ + "ShipToTradeParty/ID"] = identifier(delivery, &D::location_id);
    t[delivery_ + "ShipToTradeParty/GlobalID"] = identifier(delivery, &D::location_id);
    t[delivery_ + "ShipToTradeParty/Name"] = text(delivery, &D::party_name);
    t[delivery_ + "ShipToTradeParty/PostalTradeAddress"] = optional_group(delivery, &D::address);
    add_address(
        t, delivery_ + "ShipToTradeParty/PostalTradeAddress/",
        [](Builder& b) -> model::PostalAddress& { return present(delivery(b).address); }, false);
    t[delivery_ + "ActualDeliverySupplyChainEvent"] = optional_group(document, &Invoice::delivery);
    t[delivery_ + "ActualDeliverySupplyChainEvent/OccurrenceDateTime/DateTimeString"] =
        date(delivery, &D::actual_date);
    t[delivery_ + "DespatchAdviceReferencedDocument/IssuerAssignedID"] =
        text(document, &Invoice::despatch_advice_reference);
    t[delivery_ + "ReceivingAdviceReferencedDocument/IssuerAssignedID"] =
        text(document, &Invoice::receiving_advice_reference);

    const std::string s = "SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/";
    t[s + "CreditorReferenceID"] = text(direct_debit, &model::DirectDebit::creditor_id);
    t[s + "PaymentReference"] = text(document, &Invoice::remittance_information);
    t[s + "TaxCurrencyCode"] = text(document, &Invoice::tax_currency);
    t[s + "InvoiceCurrencyCode"] = text(document, &Invoice::currency);
    add_cii_party(t, s + "PayeeTradeParty/", payee);
    t[s + "PayeeTradeParty"] = group([](Builder& b, Value&) { payee(b); });

    using PI = model::PaymentInstructions;
    using CT = model::CreditTransfer;
    const std::string means = s + "SpecifiedTradeSettlementPaymentMeans";
    t[means] = repeated_group(document, &Invoice::payment_instructions);
    t[means + "/TypeCode"] = text(payment, &PI::means_code);
    t[means + "/Information"] = text(payment, &PI::means_text);
    t[means + "/ApplicableTradeSettlementFinancialCard"] = optional_group(payment, &PI::card);
    t[means + "/ApplicableTradeSettlementFinancialCard/ID"] =
        text(card, &model::PaymentCard::account_number);
    t[means + "/ApplicableTradeSettlementFinancialCard/CardholderName"] =
        text(card, &model::PaymentCard::holder_name);
    t[means + "/PayerPartyDebtorFinancialAccount/IBANID"] =
        text(direct_debit, &model::DirectDebit::debited_account);
    t[means + "/PayeePartyCreditorFinancialAccount"] =
        repeated_group(payment, &PI::credit_transfers);
    t[means + "/PayeePartyCreditorFinancialAccount/IBANID"] =
        text(credit_transfer, &CT::account_id);
    t[means + "/PayeePartyCreditorFinancialAccount/ProprietaryID"] =
        text(credit_transfer, &CT::account_id);
    t[means + "/PayeePartyCreditorFinancialAccount/AccountName"] =
        text(credit_transfer, &CT::account_name);
    t[means + "/PayeeSpecifiedCreditorFinancialInstitution/BICID"] =
        text(credit_transfer, &CT::service_provider_id);

    using V = model::VatBreakdown;
    const std::string tax = s + "ApplicableTradeTax";
    t[tax] = repeated_group(document, &Invoice::vat_breakdown);
    t[tax + "/CalculatedAmount"] = amount(vat_breakdown, &V::tax_amount);
    t[tax + "/BasisAmount"] = amount(vat_breakdown, &V::taxable_amount);
    t[tax + "/CategoryCode"] = text(vat_breakdown, &V::category_code);
    t[tax + "/RateApplicablePercent"] = amount(vat_breakdown, &V::rate);
    t[tax + "/ExemptionReason"] = text(vat_breakdown, &V::exemption_reason);
    t[tax + "/ExemptionReasonCode"] = text(vat_breakdown, &V::exemption_reason_code);
    t[tax + "/TypeCode"] = text(vat_breakdown, &V::vat_scheme);
    // BT-7 and BT-8 are document terms that CII repeats in each VAT breakdown.
    t[tax + "/TaxPointDate/DateString"] = date(document, &Invoice::tax_point_date);
    t[tax + "/DueDateTypeCode"] = text(document, &Invoice::tax_point_date_code);

    t[s + "BillingSpecifiedPeriod"] = optional_group(document, &Invoice::invoicing_period);
    t[s + "BillingSpecifiedPeriod/StartDateTime/DateTimeString"] =
        date(invoicing_period, &model::Period::start_date);
    t[s + "BillingSpecifiedPeriod/EndDateTime/DateTimeString"] =
        date(invoicing_period, &model::Period::end_date);
    add_allowance_charge(t, s + "SpecifiedTradeAllowanceCharge", true, false);
    t[s + "SpecifiedTradePaymentTerms/Description"] = text(document, &Invoice::payment_terms);
    t[s + "SpecifiedTradePaymentTerms/DueDateDateTime/DateTimeString"] =
        date(document, &Invoice::payment_due_date);
    t[s + "SpecifiedTradePaymentTerms/DirectDebitMandateID"] =
        text(direct_debit, &model::DirectDebit::mandate_reference);

    using T = model::Totals;
    t[s + "SpecifiedTradeSettlementHeaderMonetarySummation"] =
        group([](Builder& b, Value&) { b.invoice.totals.present = true; });
    const std::string sums = s + "SpecifiedTradeSettlementHeaderMonetarySummation/";
    t[sums + "LineTotalAmount"] = amount(totals, &T::line_extension);
    t[sums + "AllowanceTotalAmount"] = amount(totals, &T::allowances);
    t[sums + "ChargeTotalAmount"] = amount(totals, &T::charges);
    t[sums + "TaxBasisTotalAmount"] = amount(totals, &T::tax_exclusive);
    t[sums + "TaxTotalAmount"] = setter([](Builder& b, Value& v) {
      b.tax_totals.push_back({v.currency, model::Decimal::parse(v.text)});
    });
    t[sums + "GrandTotalAmount"] = amount(totals, &T::tax_inclusive);
    t[sums + "TotalPrepaidAmount"] = amount(totals, &T::prepaid);
    t[sums + "RoundingAmount"] = amount(totals, &T::rounding);
    t[sums + "DuePayableAmount"] = amount(totals, &T::payable);

    t[s + "InvoiceReferencedDocument"] = repeated_group(document, &Invoice::preceding_invoices);
    t[s + "InvoiceReferencedDocument/IssuerAssignedID"] =
        text(preceding_invoice, &model::PrecedingInvoice::number);
    t[s + "InvoiceReferencedDocument/FormattedIssueDateTime/DateTimeString"] =
        date(preceding_invoice, &model::PrecedingInvoice::issue_date);
    t[s + "ReceivableSpecifiedTradeAccountingAccount/ID"] =
        text(document, &Invoice::buyer_accounting_reference);
    return t;
  }();
  return table;
}

// Thrown when the root is not an invoice fluxd reads; ends the parse at once.
struct WrongRoot {
  std::string name;
};

std::string trimmed(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// Base64 characters carry 6 bits each; padding and whitespace carry none.
std::uint64_t base64_symbols(const XMLCh* chars, XMLSize_t length) {
  std::uint64_t count = 0;
  for (XMLSize_t i = 0; i < length; ++i) {
    const XMLCh c = chars[i];
    if ((c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') ||
        c == u'+' || c == u'/')
      ++count;
  }
  return count;
}

// The attributes table entries use, read once per mapped element.
void read_attributes(const xercesc::Attributes& attrs, Value& v) {
  std::string scheme_name;
  for (XMLSize_t i = 0; i < attrs.getLength(); ++i) {
    const std::u16string_view name(attrs.getLocalName(i));
    std::string* target = nullptr;
    if (name == u"schemeID")
      target = &v.scheme;
    else if (name == u"schemeName")
      target = &scheme_name;
    else if (name == u"currencyID")
      target = &v.currency;
    else if (name == u"unitCode")
      target = &v.unit;
    else if (name == u"listID")
      target = &v.list_id;
    else if (name == u"listVersionID")
      target = &v.list_version;
    else if (name == u"mimeCode")
      target = &v.mime_code;
    else if (name == u"filename")
      target = &v.filename;
    else if (name == u"format")
      target = &v.format;
    else if (name == u"name") {
      target = &v.name;
      v.has_name = true;
    }
    if (target) *target = trimmed(detail::to_utf8(attrs.getValue(i)));
  }
  // Chorus' legacy form put the scheme in schemeName ("1" = SIRET).
  if (v.scheme.empty()) v.scheme = std::move(scheme_name);
}

class InvoiceHandler : public detail::LockedDownHandler {
 public:
  explicit InvoiceHandler(std::size_t max_depth) : max_depth_(max_depth) {}

  void start() {
    builder_ = Builder{};
    fields_ = nullptr;
    depth_ = 0;
    path_.clear();
    path_lengths_.clear();
    open_entries_.clear();
    capture_depth_ = 0;
    text_.clear();
    value_ = Value{};
    tax_scheme_depth_ = 0;
    amount_depth_ = reference_depth_ = type_code_depth_ = 0;
    path_keys_.clear();
    // Keep the table's size from one document to the next, unless a large one grew it.
    if (path_slots_.size() > 4096) path_slots_.clear();
    std::fill(path_slots_.begin(), path_slots_.end(), kEmptySlot);
    path_tracks_.clear();
    open_paths_.clear();
    serial_ = 0;
    uri_cache_ = {};
    raw_depth_ = line_agreement_depth_ = header_reference_depth_ = 0;
    groups_.clear();
    group_text_depth_ = 0;
  }

  bool saw_root() const { return fields_ != nullptr; }

  // Decisions that need the whole document: BT-110/BT-111 by their currencyID.
  model::Invoice finish() {
    auto& invoice = builder_.invoice;
    const auto& tax_totals = builder_.tax_totals;
    std::size_t document_tax = tax_totals.size();
    for (std::size_t i = 0; i < tax_totals.size(); ++i)
      if (tax_totals[i].currency == invoice.currency) {
        document_tax = i;
        break;
      }
    if (document_tax == tax_totals.size() && !tax_totals.empty()) document_tax = 0;
    for (const auto& total : tax_totals)
      invoice.totals.document_currency_tax_totals += total.currency == invoice.currency;
    if (document_tax < tax_totals.size()) {
      invoice.totals.tax = tax_totals[document_tax].amount;
      invoice.totals.tax_currency_id = tax_totals[document_tax].currency;
    }
    if (!invoice.tax_currency.empty() && invoice.tax_currency != invoice.currency)
      for (std::size_t i = 0; i < tax_totals.size(); ++i)
        if (i != document_tax && tax_totals[i].currency == invoice.tax_currency) {
          invoice.totals.tax_accounting = tax_totals[i].amount;
          invoice.totals.tax_accounting_currency_id = tax_totals[i].currency;
          break;
        }
    return std::move(invoice);
  }

  void startElement(const XMLCh* const uri, const XMLCh* const local_name, const XMLCh* const,
                    const xercesc::Attributes& attrs) override {
    if (++depth_ > max_depth_)
      throw UnsafeXml{"element nesting deeper than " + std::to_string(max_depth_) + " levels",
                      detail::line_of(locator_), detail::column_of(locator_)};
    if (depth_ == 1) {
      start_root(uri, local_name);
      note_path(uri, local_name, attrs);
      return;
    }
    path_lengths_.push_back(path_.size());
    if (depth_ > 2) path_ += '/';
    detail::append_ascii_name(path_, local_name);
    note_path(uri, local_name, attrs);

    const auto found = fields_->find(path_);
    const Entry* entry = found == fields_->end() ? nullptr : &found->second;
    open_entries_.push_back(entry);
    note_syntax_facts(entry, attrs);
    note_group_facts(namespace_of(uri));
    if (builder_.invoice.syntax == model::Syntax::cii && same_name("DateTimeString", local_name) &&
        namespace_of(uri) < std::size(kPrefixes) && kPrefixes[namespace_of(uri)].second == "udt") {
      const XMLCh* format = attribute(attrs, u"format");
      if (format && std::u16string_view(format) == u"102") start_raw(Raw::date_102);
    }
    if (entry == nullptr) return;
    if (entry->open) {
      Value none;
      entry->open(builder_, none);
    }
    // Mapped elements with text are leaves; one is captured at a time.
    if (entry->set && capture_depth_ == 0) {
      capture_depth_ = depth_;
      capture_binary_ = entry->binary;
      text_.clear();
      value_ = Value{};
      read_attributes(attrs, value_);
    }
  }

  void characters(const XMLCh* const chars, const XMLSize_t length) override {
    if (amount_depth_ != 0 && depth_ == amount_depth_) count_decimals(chars, length);
    if (type_code_depth_ != 0 && depth_ == type_code_depth_ && type_code_text_.size() < 8)
      type_code_text_.append(chars, std::min<XMLSize_t>(length, 8));
    if (raw_depth_ != 0 && depth_ == raw_depth_ && raw_text_.size() < kRawTextLimit)
      raw_text_.append(chars, std::min<XMLSize_t>(length, kRawTextLimit));
    if (group_text_depth_ != 0 && depth_ == group_text_depth_ && group_text_.size() < kRawTextLimit)
      group_text_.append(chars, std::min<XMLSize_t>(length, kRawTextLimit));
    if (capture_depth_ == 0 || depth_ != capture_depth_) return;
    if (capture_binary_) {
      value_.binary_size += base64_symbols(chars, length);
    } else {
      // A huge text node would be copied whole, several times over: refused instead.
      if (text_.size() + length > kMaxTextChars)
        throw UnsafeXml{"a text value longer than " + std::to_string(kMaxTextChars) + " characters",
                        detail::line_of(locator_), detail::column_of(locator_)};
      text_.append(chars, length);
    }
  }

  void endElement(const XMLCh* const, const XMLCh* const, const XMLCh* const) override {
    if (depth_ > 1) {
      const Entry* entry = open_entries_.back();
      if (entry && capture_depth_ == depth_) {
        capture_depth_ = 0;
        std::string raw = detail::to_utf8(text_.data(), text_.size());
        const std::size_t raw_size = raw.size();
        value_.text = trimmed(std::move(raw));
        value_.padded = !value_.text.empty() && value_.text.size() != raw_size;
        if (capture_binary_) value_.binary_size = value_.binary_size * 6 / 8;
        remember_currency(value_.currency);
        if (value_.text.empty() && !capture_binary_) remember_empty(path_);
        note_value_fact(entry->fact, value_.text);
        entry->set(builder_, value_);
      }
      end_syntax_facts(entry);
      end_conformance_facts();
      if (entry && entry->close) entry->close(builder_, value_);
      open_entries_.pop_back();
      path_.resize(path_lengths_.back());
      path_lengths_.pop_back();
    }
    if (!open_paths_.empty()) open_paths_.pop_back();
    --depth_;
  }

 private:
  void start_root(const XMLCh* uri, const XMLCh* local_name) {
    switch (detail::format_of_root(uri, local_name)) {
      case Format::ubl_invoice:
        builder_.invoice.syntax = model::Syntax::ubl_invoice;
        fields_ = &ubl_fields();
        return;
      case Format::ubl_credit_note:
        builder_.invoice.syntax = model::Syntax::ubl_credit_note;
        fields_ = &ubl_fields();
        return;
      case Format::cii:
        builder_.invoice.syntax = model::Syntax::cii;
        fields_ = &cii_fields();
        return;
      case Format::unknown:
      case Format::malformed:
        break;
    }
    const std::string ns = detail::to_utf8(uri);
    throw WrongRoot{"{" + ns + "}" + detail::to_utf8(local_name)};
  }

  // ---- model::SyntaxFacts, noted as elements start and end ----

  void add(model::SyntaxFacts::Count c) {
    auto& n = builder_.invoice.syntax_facts.counts[c];
    if (n < UINT16_MAX) ++n;
  }

  // The local name of the element just opened: the last step of path_.
  std::string_view current_name() const {
    const std::size_t start = path_lengths_.back() + (depth_ > 2 ? 1 : 0);
    return std::string_view(path_).substr(start);
  }

  static bool has_attribute(const xercesc::Attributes& attrs, std::u16string_view wanted) {
    return attribute(attrs, wanted) != nullptr;
  }

  static const XMLCh* attribute(const xercesc::Attributes& attrs, std::u16string_view wanted) {
    for (XMLSize_t i = 0; i < attrs.getLength(); ++i)
      if (std::u16string_view(attrs.getLocalName(i)) == wanted) return attrs.getValue(i);
    return nullptr;
  }

  // The elements of BR-CL-03's UBL context.
  static bool currency_checked(std::string_view name) {
    static constexpr std::string_view kNames[] = {"Amount",
                                                  "BaseAmount",
                                                  "PriceAmount",
                                                  "TaxAmount",
                                                  "TaxableAmount",
                                                  "LineExtensionAmount",
                                                  "TaxExclusiveAmount",
                                                  "TaxInclusiveAmount",
                                                  "AllowanceTotalAmount",
                                                  "ChargeTotalAmount",
                                                  "PrepaidAmount",
                                                  "PayableRoundingAmount",
                                                  "PayableAmount"};
    if (!name.ends_with("Amount")) return false;
    for (const auto n : kNames)
      if (n == name) return true;
    return false;
  }

  void remember_currency_id(const XMLCh* value) {
    remember_distinct(builder_.invoice.syntax_facts.currency_ids, trimmed(detail::to_utf8(value)));
  }

  // UBL-DT-01: characters after the first '.' of the open amount (its string value, as written).
  void count_decimals(const XMLCh* chars, XMLSize_t length) {
    XMLSize_t from = 0;
    if (amount_decimals_ < 0) {
      while (from < length && chars[from] != u'.') ++from;
      if (from == length) return;
      amount_decimals_ = 0;
      ++from;
    }
    const auto more = static_cast<long>(std::min<XMLSize_t>(length - from, 1000));
    amount_decimals_ = std::min<long>(1000, amount_decimals_ + more);
  }

  // UBL cac:AdditionalDocumentReference and cac:DocumentReference: BR-CL-07 and UBL-SR-43.
  void note_reference_child(std::string_view name, const xercesc::Attributes& attrs) {
    if (name == "ID") {
      const XMLCh* scheme = attribute(attrs, u"schemeID");
      if (scheme && !reference_.id_has_scheme) {
        reference_.id_has_scheme = true;
        reference_scheme_ = trimmed(detail::to_utf8(scheme));
      }
    } else if (name == "DocumentTypeCode") {
      reference_.has_type_code = true;
      type_code_depth_ = depth_;
      type_code_text_.clear();
    } else if (name == "Attachment") {
      reference_.has_attachment = true;
    } else if (name == "DocumentDescription") {
      reference_.has_description = true;
    }
  }

  // The facts read from the text of an element once it ends (UBL-DT-01, BR-CL-07, UBL-SR-43).
  void end_raw_value_facts() {
    auto& facts = builder_.invoice.syntax_facts;
    if (depth_ == amount_depth_) {
      if (amount_decimals_ > 2) add(model::SyntaxFacts::amounts_over_two_decimals);
      amount_depth_ = 0;
    }
    if (depth_ == type_code_depth_) {
      type_code_depth_ = 0;
      if (type_code_text_ == u"130") reference_.type_code_130 = true;
      if (type_code_text_ == u"50") reference_.type_code_50 = true;
    }
    if (depth_ == reference_depth_) {
      reference_depth_ = 0;
      if (reference_additional_) facts.additional_references.push_back(reference_);
      if (reference_.type_code_130 && reference_.id_has_scheme)
        facts.object_id_schemes.push_back(std::move(reference_scheme_));
    }
  }

  // upper-case(@schemeID) = 'SEPA'
  static bool scheme_is_sepa(const xercesc::Attributes& attrs) {
    for (XMLSize_t i = 0; i < attrs.getLength(); ++i) {
      if (std::u16string_view(attrs.getLocalName(i)) != u"schemeID") continue;
      const std::u16string_view v(attrs.getValue(i));
      if (v.size() != 4) return false;
      const char16_t want[] = u"SEPA";
      for (std::size_t k = 0; k < 4; ++k) {
        const char16_t c = v[k] >= u'a' && v[k] <= u'z' ? v[k] - (u'a' - u'A') : v[k];
        if (c != want[k]) return false;
      }
      return true;
    }
    return false;
  }

  void note_syntax_facts(const Entry* entry, const xercesc::Attributes& attrs) {
    auto& facts = builder_.invoice.syntax_facts;
    const std::string_view name = current_name();
    const bool cii = builder_.invoice.syntax == model::Syntax::cii;
    if (cii) {
      // CII-DT-031: an amount (TaxTotalAmount aside) carries no currencyID.
      if (name.ends_with("Amount") && name != "TaxTotalAmount" &&
          has_attribute(attrs, u"currencyID"))
        add(model::SyntaxFacts::cii_amounts_with_currency);
      if (name == "TaxTotalAmount")
        if (const XMLCh* currency = attribute(attrs, u"currencyID")) remember_currency_id(currency);
    } else {
      if (currency_checked(name)) {
        if (const XMLCh* currency = attribute(attrs, u"currencyID"))
          remember_currency_id(currency);
        else
          add(model::SyntaxFacts::amounts_without_currency);
      }
      // UBL-DT-01's context: *Amount but *PriceAmount and what is below a Price.
      if (name.ends_with("Amount") && !name.ends_with("PriceAmount") && amount_depth_ == 0 &&
          !path_.starts_with("Price/") && path_.find("/Price/") == std::string::npos) {
        amount_depth_ = depth_;
        amount_decimals_ = -1;
      }
      if (name == "AdditionalDocumentReference" || name == "DocumentReference") {
        if (reference_depth_ == 0) {
          reference_depth_ = depth_;
          reference_additional_ = name == "AdditionalDocumentReference";
          reference_ = {};
          reference_scheme_.clear();
        }
      } else if (reference_depth_ != 0 && depth_ == reference_depth_ + 1) {
        note_reference_child(name, attrs);
      }
      if (name == "ID" && path_.ends_with("PartyIdentification/ID"))
        if (const XMLCh* scheme = attribute(attrs, u"schemeID"))
          facts.party_id_schemes.push_back(
              {trimmed(detail::to_utf8(scheme)),
               path_.find("AccountingSupplierParty/") != std::string::npos ||
                   path_.find("PayeeParty/") != std::string::npos});
      if (name == "PartyTaxScheme" && tax_scheme_depth_ == 0) {
        tax_scheme_depth_ = depth_;
        tax_scheme_owner_ = path_ == "AccountingSupplierParty/Party/PartyTaxScheme"   ? 1
                            : path_ == "AccountingCustomerParty/Party/PartyTaxScheme" ? 2
                                                                                      : 0;
        tax_scheme_company_ids_ = tax_scheme_schemes_ = tax_scheme_scheme_ids_ = 0;
      } else if (tax_scheme_depth_ != 0 && depth_ == tax_scheme_depth_ + 1) {
        if (name == "CompanyID") ++tax_scheme_company_ids_;
        if (name == "TaxScheme") ++tax_scheme_schemes_;
      } else if (tax_scheme_depth_ != 0 && depth_ == tax_scheme_depth_ + 2 && name == "ID" &&
                 path_.ends_with("/TaxScheme/ID")) {
        ++tax_scheme_scheme_ids_;
      }
      if (name == "ID" && path_.ends_with("PartyIdentification/ID") && scheme_is_sepa(attrs))
        add(model::SyntaxFacts::sepa_ids);
      if (name.ends_with("BinaryObject")) {
        if (!has_attribute(attrs, u"mimeCode")) add(model::SyntaxFacts::binaries_without_mime_code);
        if (!has_attribute(attrs, u"filename")) add(model::SyntaxFacts::binaries_without_filename);
      }
    }
    note_conformance_facts(name, cii);
    if (entry == nullptr) return;
    if (entry->count >= 0) add(static_cast<model::SyntaxFacts::Count>(entry->count));
    if (entry->line_count && !facts.lines.empty()) {
      auto& n = facts.lines.back().*(entry->line_count);
      if (n < UINT8_MAX) ++n;
    }
    switch (entry->fact) {
      case Fact::line:
        facts.lines.emplace_back();
        break;
      case Fact::billing_reference:
        billing_invoice_refs_ = billing_invoice_ref_ids_ = 0;
        break;
      case Fact::billing_invoice_ref:
        ++billing_invoice_refs_;
        break;
      case Fact::billing_invoice_ref_id:
        ++billing_invoice_ref_ids_;
        break;
      case Fact::payee_party_id:
        if (!scheme_is_sepa(attrs)) add(model::SyntaxFacts::payee_non_sepa_ids);
        break;
      case Fact::payment_means_code:
        if (has_attribute(attrs, u"name")) add(model::SyntaxFacts::payment_means_names);
        break;
      case Fact::seller_registration:
        add(model::SyntaxFacts::seller_registration_names);
        break;
      default:
        break;
    }
  }

  static void remember_distinct(std::vector<std::string>& seen, const std::string& value) {
    for (const auto& s : seen)
      if (s == value) return;
    seen.push_back(value);
  }

  void note_value_fact(Fact fact, const std::string& text) {
    auto& facts = builder_.invoice.syntax_facts;
    switch (fact) {
      case Fact::payment_means_code:
        remember_distinct(facts.payment_means_codes, text);
        break;
      case Fact::payment_id:
        remember_distinct(facts.payment_ids, text);
        break;
      case Fact::payee_name:
        facts.payee_names.push_back(text);
        break;
      case Fact::seller_registration:
        facts.seller_registration_values.push_back(text);
        break;
      default:
        break;
    }
  }

  void end_syntax_facts(const Entry* entry) {
    end_raw_value_facts();
    if (depth_ == tax_scheme_depth_) {
      tax_scheme_depth_ = 0;
      using C = model::SyntaxFacts;
      if (tax_scheme_company_ids_ == 0 || tax_scheme_scheme_ids_ == 0)
        add(C::incomplete_party_tax_schemes);
      if (tax_scheme_owner_ != 0) {
        // The mapped PartyTaxScheme of the seller or the buyer: its TaxScheme/ID is in the builder.
        const bool vat = is_vat_scheme(builder_.tax_scheme_id);
        if (tax_scheme_owner_ == 1) add(C::seller_party_tax_schemes);
        const C::Count target = tax_scheme_owner_ == 2 ? C::buyer_vat_company_ids
                                : vat                  ? C::seller_vat_company_ids
                                                       : C::seller_other_company_ids;
        const bool counted = tax_scheme_schemes_ > 0 && (vat || tax_scheme_owner_ == 1);
        for (unsigned i = 0; counted && i < tax_scheme_company_ids_; ++i) add(target);
      }
    }
    if (entry && entry->fact == Fact::billing_reference) {
      if (billing_invoice_ref_ids_ == 0) add(model::SyntaxFacts::billing_references_without_id);
      if (billing_invoice_refs_ > 1) add(model::SyntaxFacts::billing_references_with_many);
    }
  }

  void remember_currency(const std::string& currency) {
    if (currency.empty()) return;
    auto& seen = builder_.invoice.amount_currency_ids;
    for (const auto& c : seen)
      if (c == currency) return;
    seen.push_back(currency);
  }

  void remember_empty(const std::string& path) {
    auto& seen = builder_.invoice.empty_elements;
    for (const auto& p : seen)
      if (p == path) return;
    seen.push_back(path);
  }

  // ---- model::SyntaxFacts::paths: every distinct element path and attribute, interned ----

  static constexpr std::uint32_t kRoot = model::SyntaxFacts::PathNode::kNoParent;
  static constexpr std::uint32_t kDropped = kRoot - 1;  // a path not kept (over kMaxPaths)
  // A document has a few hundred distinct paths; the cap bounds what a hostile one can cost.
  static constexpr std::size_t kMaxPaths = 20000;

  // The usual prefixes of the namespaces, so that paths read like the official artefacts' XPath;
  // a namespace is told by its index here.
  static constexpr std::pair<std::u16string_view, std::string_view> kPrefixes[] = {
      {u"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2", "cac"},
      {u"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2", "cbc"},
      {u"urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2", "ext"},
      {u"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2", "ubl"},
      {u"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2", "cn"},
      {u"urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
       "ram"},
      {u"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100", "udt"},
      {u"urn:un:unece:uncefact:data:standard:QualifiedDataType:100", "qdt"},
      {u"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100", "rsm"},
      {u"", ""}};
  static constexpr std::uint8_t kOtherNamespace = std::size(kPrefixes);  // step "?:Name"
  static constexpr std::uint8_t kAttribute = kOtherNamespace + 1;        // step "@name"

  std::uint8_t namespace_of(const XMLCh* uri) {
    // Xerces hands out one pooled string per namespace during a parse: the pointer is enough,
    // once it has been compared.
    for (const auto& [seen, ns] : uri_cache_)
      if (seen == uri && uri != nullptr) return ns;
    const std::u16string_view text(uri ? uri : u"");
    std::uint8_t ns = kOtherNamespace;
    for (std::uint8_t i = 0; i < std::size(kPrefixes); ++i)
      if (kPrefixes[i].first == text) ns = i;
    uri_cache_[uri_cache_next_++ % uri_cache_.size()] = {uri, ns};
    return ns;
  }

  // The name as a step holds it (detail::append_ascii_name): names told apart only by their
  // non-ASCII characters share a node, which no rule names anyway.
  static bool same_name(std::string_view ascii, std::u16string_view name) {
    if (ascii.size() != name.size()) return false;
    for (std::size_t i = 0; i < name.size(); ++i)
      if (ascii[i] != (name[i] < 0x80 ? static_cast<char>(name[i]) : '\x01')) return false;
    return true;
  }

  static std::uint64_t path_hash(std::uint32_t parent, std::uint8_t ns, std::u16string_view name) {
    std::uint64_t h = 14695981039346656037ull ^ ((std::uint64_t{parent} << 8) | ns);
    for (const char16_t c : name) h = (h ^ (c < 0x80 ? c : 1)) * 1099511628211ull;
    return h ^ (h >> 29);
  }

  void grow_path_slots() {
    path_slots_.assign(std::max<std::size_t>(64, path_slots_.size() * 2), kEmptySlot);
    const std::size_t mask = path_slots_.size() - 1;
    for (std::uint32_t id = 0; id < path_keys_.size(); ++id) {
      std::size_t slot = path_keys_[id].hash & mask;
      while (path_slots_[slot] != kEmptySlot) slot = (slot + 1) & mask;
      path_slots_[slot] = id;
    }
  }

  // The node of the step (ns, local_name) below `parent`, created on first sight. An open
  // addressing table over the UTF-16 names: no string is built unless the path is new.
  std::uint32_t intern_path(std::uint32_t parent, std::uint8_t ns, const XMLCh* local_name) {
    if (parent == kDropped) return kDropped;
    const std::u16string_view name(local_name ? local_name : u"");
    const std::uint64_t hash = path_hash(parent, ns, name);
    if (path_slots_.empty()) grow_path_slots();
    const std::size_t mask = path_slots_.size() - 1;
    std::size_t slot = hash & mask;
    for (; path_slots_[slot] != kEmptySlot; slot = (slot + 1) & mask) {
      const std::uint32_t id = path_slots_[slot];
      const PathKey& key = path_keys_[id];
      if (key.hash == hash && key.parent == parent && key.ns == ns &&
          same_name(std::string_view(builder_.invoice.syntax_facts.paths[id].step)
                        .substr(key.name_offset),
                    name))
        return id;
    }
    auto& facts = builder_.invoice.syntax_facts;
    if (facts.paths.size() >= kMaxPaths) {
      facts.paths_truncated = true;
      return kDropped;
    }
    const auto id = static_cast<std::uint32_t>(facts.paths.size());
    const std::string_view prefix = ns == kAttribute        ? "@"
                                    : ns == kOtherNamespace ? "?"
                                                            : kPrefixes[ns].second;
    const bool colon = ns != kAttribute && !prefix.empty();
    const std::size_t name_offset = prefix.size() + (colon ? 1 : 0);
    model::SyntaxFacts::PathNode& node = facts.paths.emplace_back();
    node.parent = parent;
    node.step.resize(name_offset + name.size());  // one allocation at most
    std::copy(prefix.begin(), prefix.end(), node.step.begin());
    if (colon) node.step[prefix.size()] = ':';
    for (std::size_t i = 0; i < name.size(); ++i)
      node.step[name_offset + i] = name[i] < 0x80 ? static_cast<char>(name[i]) : '\x01';
    path_tracks_.emplace_back();
    path_keys_.push_back({hash, parent, ns, static_cast<std::uint8_t>(name_offset)});
    path_slots_[slot] = id;
    if (path_keys_.size() * 2 > path_slots_.size()) grow_path_slots();
    return id;
  }

  // One more occurrence of `node` below the given parent, grandparent and great-grandparent
  // element instances.
  void count_path(std::uint32_t node, std::uint64_t parent, std::uint64_t grandparent,
                  std::uint64_t great_grandparent) {
    if (node == kDropped) return;
    auto& n = builder_.invoice.syntax_facts.paths[node];
    auto& t = path_tracks_[node];
    ++n.count;
    if (t.parent != parent) {
      t.parent = parent;
      t.in_parent = 0;
      ++n.parents;
    }
    if (t.grandparent != grandparent) {
      t.grandparent = grandparent;
      t.in_grandparent = 0;
      ++n.grandparents;
    }
    if (t.great_grandparent != great_grandparent) {
      t.great_grandparent = great_grandparent;
      t.in_great_grandparent = 0;
    }
    n.max_per_parent = std::max(n.max_per_parent, ++t.in_parent);
    n.max_per_grandparent = std::max(n.max_per_grandparent, ++t.in_grandparent);
    n.max_per_great_grandparent = std::max(n.max_per_great_grandparent, ++t.in_great_grandparent);
  }

  // The element just started (the root included) and its attributes without namespace.
  void note_path(const XMLCh* uri, const XMLCh* local_name, const xercesc::Attributes& attrs) {
    const std::uint64_t serial = ++serial_;  // 0 stands for the document node
    std::uint32_t node = kRoot;
    std::uint64_t parent_serial = 0, grandparent_serial = 0;
    if (!open_paths_.empty()) {
      const OpenPath parent = open_paths_.back();
      const std::size_t open = open_paths_.size();
      grandparent_serial = open > 1 ? open_paths_[open - 2].serial : 0;
      const std::uint64_t great_grandparent_serial = open > 2 ? open_paths_[open - 3].serial : 0;
      node = intern_path(parent.node, namespace_of(uri), local_name);
      count_path(node, parent.serial, grandparent_serial, great_grandparent_serial);
      parent_serial = parent.serial;
    }
    if (open_paths_.empty())
      builder_.invoice.syntax_facts.paths.reserve(256);  // the root: a new document
    open_paths_.push_back({node, serial});
    for (XMLSize_t i = 0; i < attrs.getLength(); ++i) {
      const XMLCh* attr_uri = attrs.getURI(i);
      if (attr_uri != nullptr && *attr_uri != 0) continue;  // xsi:… and the like: no rule asks
      count_path(intern_path(node, kAttribute, attrs.getLocalName(i)), serial, parent_serial,
                 grandparent_serial);
    }
  }

  // ---- Texts that conformance rules compare as written (no trimming) ----

  enum class Raw : std::uint8_t {
    none,
    ubl_version,             // UBL root cbc:UBLVersionID (UBL-CR-002)
    header_reference_type,   // CII header AdditionalReferencedDocument/TypeCode (CII-SR-457/458)
    due_date_type,           // CII ApplicableTradeTax/DueDateTypeCode (CII-SR-462)
    price_charge_indicator,  // CII line gross price allowance ChargeIndicator/Indicator
                             // (CII-SR-119)
    date_102,                // CII udt:DateTimeString with format '102' (CII-DT-097)
  };
  static constexpr std::size_t kRawTextLimit = 64;

  void start_raw(Raw kind) {
    if (raw_depth_ != 0) return;
    raw_depth_ = depth_;
    raw_kind_ = kind;
    raw_text_.clear();
  }

  // CII line agreement being read, for CII-SR-119.
  static constexpr std::string_view kLineAgreement =
      "SupplyChainTradeTransaction/IncludedSupplyChainTradeLineItem/SpecifiedLineTradeAgreement";
  static constexpr std::string_view kHeaderReference =
      "SupplyChainTradeTransaction/ApplicableHeaderTradeAgreement/AdditionalReferencedDocument";

  void note_conformance_facts(std::string_view name, bool cii) {
    if (!cii) {
      if (depth_ == 2 && name == "UBLVersionID") start_raw(Raw::ubl_version);
      return;
    }
    if (path_ == kLineAgreement) {
      line_agreement_depth_ = depth_;
      price_charge_indicator_ = price_charge_false_ = price_actual_amount_ = false;
    } else if (line_agreement_depth_ != 0 && path_.starts_with(kLineAgreement)) {
      const std::string_view rest = std::string_view(path_).substr(kLineAgreement.size());
      if (rest == "/GrossPriceProductTradePrice/AppliedTradeAllowanceCharge/ChargeIndicator")
        price_charge_indicator_ = true;
      else if (rest == "/GrossPriceProductTradePrice/AppliedTradeAllowanceCharge/ActualAmount")
        price_actual_amount_ = true;
      else if (rest ==
               "/GrossPriceProductTradePrice/AppliedTradeAllowanceCharge/ChargeIndicator/Indicator")
        start_raw(Raw::price_charge_indicator);
    }
    if (path_ == kHeaderReference) {
      header_reference_depth_ = depth_;
      header_reference_50_ = header_reference_130_ = false;
    } else if (header_reference_depth_ != 0 && depth_ == header_reference_depth_ + 1 &&
               name == "TypeCode") {
      start_raw(Raw::header_reference_type);
    }
    if (name == "DueDateTypeCode" && path_.ends_with("ApplicableTradeTax/DueDateTypeCode"))
      start_raw(Raw::due_date_type);
  }

  // CII-DT-097's pattern: optional white space, four digits, a month 01-12, a day 01-31 (no
  // calendar: the artefacts accept 20260231), optional white space.
  static bool is_yyyymmdd(std::u16string_view text) {
    const auto first = text.find_first_not_of(u" \t\r\n");
    if (first == std::u16string_view::npos) return false;
    text = text.substr(first, text.find_last_not_of(u" \t\r\n") - first + 1);
    if (text.size() != 8) return false;
    for (char16_t c : text)
      if (c < u'0' || c > u'9') return false;
    const int month = (text[4] - u'0') * 10 + (text[5] - u'0');
    const int day = (text[6] - u'0') * 10 + (text[7] - u'0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }

  // xs:boolean false as the artefacts cast it: "false" or "0", white space collapsed.
  static bool is_false(std::u16string_view text) {
    const auto first = text.find_first_not_of(u" \t\r\n");
    if (first == std::u16string_view::npos) return false;
    text = text.substr(first, text.find_last_not_of(u" \t\r\n") - first + 1);
    return text == u"false" || text == u"0";
  }

  void end_conformance_facts() {
    end_group_facts();
    auto& facts = builder_.invoice.syntax_facts;
    if (depth_ == raw_depth_) {
      raw_depth_ = 0;
      switch (raw_kind_) {
        case Raw::ubl_version:
          if (raw_text_ == u"2.1") facts.ubl_version_2_1 = true;
          break;
        case Raw::header_reference_type:
          if (raw_text_ == u"50") header_reference_50_ = true;
          if (raw_text_ == u"130") header_reference_130_ = true;
          break;
        case Raw::due_date_type:
          remember_distinct(facts.due_date_type_codes,
                            detail::to_utf8(raw_text_.data(), raw_text_.size()));
          break;
        case Raw::price_charge_indicator:
          if (is_false(raw_text_)) price_charge_false_ = true;
          break;
        case Raw::date_102:
          if (!is_yyyymmdd(raw_text_)) add(model::SyntaxFacts::cii_malformed_102_dates);
          break;
        case Raw::none:
          break;
      }
    }
    if (depth_ == line_agreement_depth_) {
      line_agreement_depth_ = 0;
      // (ChargeIndicator[false] and ActualAmount) or (neither): anything else breaks CII-SR-119.
      const bool ok = (price_charge_false_ && price_actual_amount_) ||
                      (!price_charge_indicator_ && !price_actual_amount_);
      if (!ok) add(model::SyntaxFacts::cii_line_price_allowance_mismatches);
    }
    if (depth_ == header_reference_depth_) {
      header_reference_depth_ = 0;
      if (header_reference_50_) add(model::SyntaxFacts::cii_header_references_50);
      if (header_reference_130_) add(model::SyntaxFacts::cii_header_references_130);
    }
  }

  // ---- Elements whose children a conformance rule reads together (any level) ----
  //
  // CII ram:AdditionalReferencedDocument (CII-DT-015…024), CII ram:*TradeTax (CII-DT-037) and UBL
  // cac:AllowanceCharge (UBL-SR-30/31): a stack, so that even a schema-invalid nesting keeps each
  // element's children apart. The text of a child that is compared (ram:TypeCode,
  // cbc:ChargeIndicator) is read as written, from the child itself.

  struct OpenGroup {
    enum Kind : std::uint8_t { cii_reference, trade_tax, allowance_charge } kind;
    std::size_t depth;
    model::SyntaxFacts::CiiReference reference{};  // cii_reference
    bool tax_type = false, tax_type_vat = false;   // trade_tax: a ram:TypeCode, one is 'VAT'
    bool indicator_false = false, indicator_true = false;  // allowance_charge
    unsigned reasons = 0;                                  // … cbc:AllowanceChargeReason
  };

  bool in_namespace(std::uint8_t ns, std::string_view prefix) const {
    return ns < std::size(kPrefixes) && kPrefixes[ns].second == prefix;
  }

  void note_group_facts(std::uint8_t ns) {
    const std::string_view name = current_name();
    const bool cii = builder_.invoice.syntax == model::Syntax::cii;
    if (!groups_.empty() && depth_ == groups_.back().depth + 1) {
      OpenGroup& g = groups_.back();
      bool read_text = false;
      if (g.kind == OpenGroup::cii_reference && in_namespace(ns, "ram")) {
        if (name == "TypeCode") g.reference.has_type_code = read_text = true;
        if (name == "URIID") g.reference.has_uri = true;
        if (name == "Name") g.reference.has_name = true;
        if (name == "AttachmentBinaryObject") g.reference.has_attachment = true;
        if (name == "ReferenceTypeCode") g.reference.has_reference_type = true;
      } else if (g.kind == OpenGroup::trade_tax && in_namespace(ns, "ram")) {
        if (name == "TypeCode") g.tax_type = read_text = true;
      } else if (g.kind == OpenGroup::allowance_charge && in_namespace(ns, "cbc")) {
        if (name == "ChargeIndicator") read_text = true;
        if (name == "AllowanceChargeReason") ++g.reasons;
      }
      if (read_text && group_text_depth_ == 0) {
        group_text_depth_ = depth_;
        group_text_.clear();
      }
    }
    if (cii && in_namespace(ns, "ram") && name == "AdditionalReferencedDocument")
      groups_.push_back({OpenGroup::cii_reference, depth_});
    else if (cii && in_namespace(ns, "ram") && name.ends_with("TradeTax"))
      groups_.push_back({OpenGroup::trade_tax, depth_});
    else if (!cii && in_namespace(ns, "cac") && name == "AllowanceCharge")
      groups_.push_back({OpenGroup::allowance_charge, depth_});
  }

  void end_group_facts() {
    if (depth_ == group_text_depth_) {
      group_text_depth_ = 0;
      if (!groups_.empty()) {
        OpenGroup& g = groups_.back();
        const std::u16string_view text(group_text_);
        if (g.kind == OpenGroup::cii_reference) {
          if (text == u"50") g.reference.type_code_50 = true;
          if (text == u"130") g.reference.type_code_130 = true;
          if (text == u"916") g.reference.type_code_916 = true;
        } else if (g.kind == OpenGroup::trade_tax) {
          if (text == u"VAT") g.tax_type_vat = true;
        } else if (is_false(text)) {
          g.indicator_false = true;
        } else if (is_true(text)) {
          g.indicator_true = true;
        }
      }
    }
    if (groups_.empty() || depth_ != groups_.back().depth) return;
    const OpenGroup g = groups_.back();
    groups_.pop_back();
    using C = model::SyntaxFacts;
    switch (g.kind) {
      case OpenGroup::cii_reference:
        builder_.invoice.syntax_facts.cii_additional_references.push_back(g.reference);
        break;
      case OpenGroup::trade_tax:
        if (g.tax_type && !g.tax_type_vat) add(C::cii_non_vat_trade_taxes);
        break;
      case OpenGroup::allowance_charge:
        // The allowances' rule comes first in the artefacts' pattern: it claims an element whose
        // indicators read both false and true.
        if (g.reasons > 1 && g.indicator_false) add(C::allowances_with_reasons);
        if (g.reasons > 1 && g.indicator_true && !g.indicator_false) add(C::charges_with_reasons);
        break;
    }
  }

  // xs:boolean true as the artefacts cast it: "true" or "1", white space collapsed.
  static bool is_true(std::u16string_view text) {
    const auto first = text.find_first_not_of(u" \t\r\n");
    if (first == std::u16string_view::npos) return false;
    text = text.substr(first, text.find_last_not_of(u" \t\r\n") - first + 1);
    return text == u"true" || text == u"1";
  }

  // The longest text one element may carry (embedded binaries are only counted, never kept).
  static constexpr std::size_t kMaxTextChars = std::size_t{1} << 20;

  std::size_t max_depth_;
  Builder builder_;
  const FieldTable* fields_ = nullptr;  // chosen by the root element
  std::size_t depth_ = 0;               // 1 = root
  std::string path_;                    // local names below the root, '/'-joined
  std::vector<std::size_t> path_lengths_;
  std::vector<const Entry*> open_entries_;  // the table entry of each open element, or null
  std::size_t capture_depth_ = 0;           // depth of the element whose text is kept, 0 = none
  bool capture_binary_ = false;             // the captured element's text is only counted
  std::u16string text_;
  Value value_;  // attributes (and then text) of the captured element
  // The UBL PartyTaxScheme being read (any party), for model::SyntaxFacts.
  std::size_t tax_scheme_depth_ = 0;  // 0 = none open
  int tax_scheme_owner_ = 0;          // 1 seller, 2 buyer, 0 another party
  unsigned tax_scheme_company_ids_ = 0, tax_scheme_schemes_ = 0, tax_scheme_scheme_ids_ = 0;
  unsigned billing_invoice_refs_ = 0, billing_invoice_ref_ids_ = 0;  // the open BillingReference
  // UBL-DT-01: the open amount of its context, and the characters after its first '.' (-1: none).
  std::size_t amount_depth_ = 0;
  long amount_decimals_ = -1;
  // The open UBL (Additional)DocumentReference and its DocumentTypeCode, read as written.
  std::size_t reference_depth_ = 0, type_code_depth_ = 0;
  bool reference_additional_ = false;
  model::SyntaxFacts::AdditionalReference reference_;
  std::string reference_scheme_;
  std::u16string type_code_text_;
  // model::SyntaxFacts::paths being built: the key of each node and the table finding it, what
  // counting needs per node, and the node and instance serial of each open element.
  struct PathTrack {
    std::uint64_t parent = UINT64_MAX, grandparent = UINT64_MAX;  // last instances seen
    std::uint64_t great_grandparent = UINT64_MAX;
    std::uint32_t in_parent = 0, in_grandparent = 0, in_great_grandparent = 0;  // below them
  };
  struct OpenPath {
    std::uint32_t node;
    std::uint64_t serial;
  };
  struct PathKey {
    std::uint64_t hash;
    std::uint32_t parent;
    std::uint8_t ns;
    std::uint8_t name_offset;  // where the name starts in the node's step, after its prefix
  };
  static constexpr std::uint32_t kEmptySlot = UINT32_MAX;
  std::vector<PathKey> path_keys_;
  std::vector<std::uint32_t> path_slots_;  // node ids, kEmptySlot where free; size a power of 2
  std::vector<PathTrack> path_tracks_;
  std::vector<OpenPath> open_paths_;
  std::uint64_t serial_ = 0;
  std::array<std::pair<const XMLCh*, std::uint8_t>, 4> uri_cache_{};
  unsigned uri_cache_next_ = 0;
  // The text read as written for a conformance rule, and the CII groups they belong to.
  std::size_t raw_depth_ = 0;
  Raw raw_kind_ = Raw::none;
  std::u16string raw_text_;
  std::size_t line_agreement_depth_ = 0;
  bool price_charge_indicator_ = false, price_charge_false_ = false, price_actual_amount_ = false;
  std::size_t header_reference_depth_ = 0;
  bool header_reference_50_ = false, header_reference_130_ = false;
  std::vector<OpenGroup> groups_;     // the open elements of note_group_facts, innermost last
  std::size_t group_text_depth_ = 0;  // the child of groups_.back() whose text is read, 0 = none
  std::u16string group_text_;
};

model::Finding flow_finding(std::string rule, std::string location, std::string message) {
  return model::Finding{std::move(rule), model::Severity::fatal, std::move(location),
                        std::move(message)};
}

}  // namespace

struct InvoiceReader::Impl {
  explicit Impl(const Limits& limits) : handler(limits.max_xml_depth), parser(handler) {}
  InvoiceHandler handler;
  detail::LockedDownParser parser;
};

InvoiceReader::InvoiceReader(const Limits& limits) : impl_(std::make_unique<Impl>(limits)) {}
InvoiceReader::~InvoiceReader() = default;

ReadResult InvoiceReader::read(std::string_view bytes, std::string_view document_name) {
  const std::string name(document_name);
  ReadResult result;
  if (!detail::looks_like_xml(bytes)) {
    result.findings.push_back(
        flow_finding("FLOW-UNKNOWN-FORMAT", name,
                     bytes.empty() ? "the document is empty" : "the document is not XML"));
    return result;
  }
  auto& handler = impl_->handler;
  handler.start();
  xercesc::MemBufInputSource source(reinterpret_cast<const XMLByte*>(bytes.data()), bytes.size(),
                                    "fluxd-document", false);
  source.setCopyBufToStream(false);  // parse the caller's bytes in place
  try {
    impl_->parser.reader().parse(source);
    if (detail::bare_doctype_seen(impl_->parser.reader())) {
      result.findings.push_back(flow_finding(
          "FLOW-UNSAFE-XML", name, "DOCTYPE declarations are refused (no DTD, no entities)"));
      return result;
    }
    result.invoice = handler.finish();
  } catch (const UnsafeXml& e) {
    const auto at = detail::position_text(e.line, e.column);
    result.findings.push_back(
        flow_finding("FLOW-UNSAFE-XML", name + ":" + at, e.message + " (line:column " + at + ")"));
  } catch (const MalformedXml& e) {
    const auto at = detail::position_text(e.line, e.column);
    result.findings.push_back(
        flow_finding("FLOW-MALFORMED-XML", name + ":" + at,
                     "not well-formed XML at line:column " + at + ": " + e.message));
  } catch (const WrongRoot& e) {
    result.findings.push_back(flow_finding(
        "FLOW-UNKNOWN-FORMAT", name,
        "root element " + e.name + " is not a UBL Invoice/CreditNote or CII CrossIndustryInvoice"));
  } catch (const xercesc::XMLException& e) {
    result.findings.push_back(flow_finding("FLOW-MALFORMED-XML", name,
                                           "unreadable XML: " + detail::to_utf8(e.getMessage())));
  }
  return result;
}

XmlPlatform::XmlPlatform() {
  xercesc::XMLPlatformUtils::Initialize();
}
XmlPlatform::~XmlPlatform() {
  xercesc::XMLPlatformUtils::Terminate();
}

}  // namespace ingest
