// InvoiceReader: one locked-down SAX2 pass that fills model::Invoice from UBL 2.1 or CII D16B.
// Fields are found by their element path below the root (local names joined by '/'), looked up
// in a small table when an element starts, so only the handful of wanted elements keep text.

#include <string>
#include <unordered_map>
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

#include "ingest/ingest.h"
#include "ingest/xml_lockdown.h"

namespace ingest {

namespace detail {

namespace {
// Without a DOCTYPE no general entity can exist, so this only backs up the DOCTYPE refusal.
constexpr XMLSize_t kEntityExpansionLimit = 100;
}  // namespace

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
  for (; *name; ++name) out += *name < 0x80 ? static_cast<char>(*name) : '\x01';
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

// What an element's text becomes. One entry per (syntax, path) in the tables below.
enum class Field {
  number,
  issue_date,
  issue_date_102,  // CII DateTimeString, YYYYMMDD when format="102"
  type_code,
  currency,
  tax_currency,
  buyer_reference,
  order_reference,
  process_id,
  specification_id,
  seller_name,
  seller_name_fallback,
  seller_id,
  seller_legal_id,
  buyer_name,
  buyer_name_fallback,
  buyer_id,
  buyer_legal_id,
  line_extension,
  allowances,
  charges,
  tax_exclusive,
  tax_total,  // BT-110 or BT-111, decided by currencyID once the whole document is read
  tax_inclusive,
  prepaid,
  rounding,
  payable,
};

using FieldTable = std::unordered_map<std::string, Field>;

void add_party(FieldTable& table, const std::string& prefix, bool seller, bool ubl) {
  const Field name = seller ? Field::seller_name : Field::buyer_name;
  const Field id = seller ? Field::seller_id : Field::buyer_id;
  const Field legal_id = seller ? Field::seller_legal_id : Field::buyer_legal_id;
  if (ubl) {
    table[prefix + "PartyLegalEntity/RegistrationName"] = name;
    table[prefix + "PartyName/Name"] =
        seller ? Field::seller_name_fallback : Field::buyer_name_fallback;
    table[prefix + "PartyIdentification/ID"] = id;
    table[prefix + "PartyLegalEntity/CompanyID"] = legal_id;
  } else {
    table[prefix + "Name"] = name;
    table[prefix + "ID"] = id;
    table[prefix + "GlobalID"] = id;
    table[prefix + "SpecifiedLegalOrganization/ID"] = legal_id;
  }
}

const FieldTable& ubl_fields() {
  static const FieldTable table = [] {
    FieldTable t{
        {"ID", Field::number},
        {"IssueDate", Field::issue_date},
        {"InvoiceTypeCode", Field::type_code},
        {"CreditNoteTypeCode", Field::type_code},
        {"DocumentCurrencyCode", Field::currency},
        {"TaxCurrencyCode", Field::tax_currency},
        {"BuyerReference", Field::buyer_reference},
        {"OrderReference/ID", Field::order_reference},
        {"ProfileID", Field::process_id},
        {"CustomizationID", Field::specification_id},
        {"TaxTotal/TaxAmount", Field::tax_total},
        {"LegalMonetaryTotal/LineExtensionAmount", Field::line_extension},
        {"LegalMonetaryTotal/AllowanceTotalAmount", Field::allowances},
        {"LegalMonetaryTotal/ChargeTotalAmount", Field::charges},
        {"LegalMonetaryTotal/TaxExclusiveAmount", Field::tax_exclusive},
        {"LegalMonetaryTotal/TaxInclusiveAmount", Field::tax_inclusive},
        {"LegalMonetaryTotal/PrepaidAmount", Field::prepaid},
        {"LegalMonetaryTotal/PayableRoundingAmount", Field::rounding},
        {"LegalMonetaryTotal/PayableAmount", Field::payable},
    };
    add_party(t, "AccountingSupplierParty/Party/", true, true);
    add_party(t, "AccountingCustomerParty/Party/", false, true);
    return t;
  }();
  return table;
}

const FieldTable& cii_fields() {
  static const FieldTable table = [] {
    const std::string agreement = "SupplyChainTradeTransaction/ApplicableHeaderTradeAgreement/";
    const std::string settlement = "SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/";
    const std::string sums = settlement + "SpecifiedTradeSettlementHeaderMonetarySummation/";
    FieldTable t{
        {"ExchangedDocument/ID", Field::number},
        {"ExchangedDocument/IssueDateTime/DateTimeString", Field::issue_date_102},
        {"ExchangedDocument/TypeCode", Field::type_code},
        {"ExchangedDocumentContext/BusinessProcessSpecifiedDocumentContextParameter/ID",
         Field::process_id},
        {"ExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter/ID",
         Field::specification_id},
        {agreement + "BuyerReference", Field::buyer_reference},
        {agreement + "BuyerOrderReferencedDocument/IssuerAssignedID", Field::order_reference},
        {settlement + "InvoiceCurrencyCode", Field::currency},
        {settlement + "TaxCurrencyCode", Field::tax_currency},
        {sums + "LineTotalAmount", Field::line_extension},
        {sums + "AllowanceTotalAmount", Field::allowances},
        {sums + "ChargeTotalAmount", Field::charges},
        {sums + "TaxBasisTotalAmount", Field::tax_exclusive},
        {sums + "TaxTotalAmount", Field::tax_total},
        {sums + "GrandTotalAmount", Field::tax_inclusive},
        {sums + "TotalPrepaidAmount", Field::prepaid},
        {sums + "RoundingAmount", Field::rounding},
        {sums + "DuePayableAmount", Field::payable},
    };
    add_party(t, agreement + "SellerTradeParty/", true, false);
    add_party(t, agreement + "BuyerTradeParty/", false, false);
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

// An unprefixed attribute's value in UTF-8, "" when absent.
std::string attribute(const xercesc::Attributes& attrs, const char16_t* name) {
  return detail::to_utf8(attrs.getValue(name));
}

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

class InvoiceHandler : public detail::LockedDownHandler {
 public:
  explicit InvoiceHandler(std::size_t max_depth) : max_depth_(max_depth) {}

  void start() {
    invoice_ = model::Invoice{};
    fields_ = nullptr;
    depth_ = 0;
    path_.clear();
    path_lengths_.clear();
    capture_depth_ = 0;
    text_.clear();
    tax_totals_.clear();
    seller_name_fallback_.clear();
    buyer_name_fallback_.clear();
  }

  bool saw_root() const { return fields_ != nullptr; }

  // Decisions that need the whole document: name fallbacks and BT-110/BT-111.
  model::Invoice finish() {
    set_once(invoice_.seller.name, seller_name_fallback_);
    set_once(invoice_.buyer.name, buyer_name_fallback_);
    std::size_t document_tax = tax_totals_.size();
    for (std::size_t i = 0; i < tax_totals_.size(); ++i)
      if (tax_totals_[i].currency == invoice_.currency) {
        document_tax = i;
        break;
      }
    if (document_tax == tax_totals_.size() && !tax_totals_.empty()) document_tax = 0;
    if (document_tax < tax_totals_.size()) invoice_.totals.tax = tax_totals_[document_tax].amount;
    if (!invoice_.tax_currency.empty() && invoice_.tax_currency != invoice_.currency)
      for (std::size_t i = 0; i < tax_totals_.size(); ++i)
        if (i != document_tax && tax_totals_[i].currency == invoice_.tax_currency) {
          invoice_.totals.tax_accounting = tax_totals_[i].amount;
          break;
        }
    return std::move(invoice_);
  }

  void startElement(const XMLCh* const uri, const XMLCh* const local_name, const XMLCh* const,
                    const xercesc::Attributes& attrs) override {
    if (++depth_ > max_depth_)
      throw UnsafeXml{"element nesting deeper than " + std::to_string(max_depth_) + " levels",
                      detail::line_of(locator_), detail::column_of(locator_)};
    if (depth_ == 1) {
      start_root(uri, local_name);
      return;
    }
    path_lengths_.push_back(path_.size());
    if (depth_ > 2) path_ += '/';
    detail::append_ascii_name(path_, local_name);

    const auto found = fields_->find(path_);
    if (found == fields_->end()) return;
    capture_field_ = found->second;
    capture_depth_ = depth_;
    text_.clear();
    // The one attribute each kind of field needs.
    switch (capture_field_) {
      case Field::seller_id:
      case Field::seller_legal_id:
      case Field::buyer_id:
      case Field::buyer_legal_id: {
        // Chorus' legacy form put the scheme in schemeName ("1" = SIRET).
        attribute_ = attribute(attrs, u"schemeID");
        if (attribute_.empty()) attribute_ = attribute(attrs, u"schemeName");
        break;
      }
      case Field::tax_total:
        attribute_ = attribute(attrs, u"currencyID");
        break;
      case Field::issue_date_102:
        attribute_ = attribute(attrs, u"format");
        break;
      default:
        attribute_.clear();
    }
  }

  void characters(const XMLCh* const chars, const XMLSize_t length) override {
    if (capture_depth_ != 0 && depth_ == capture_depth_) text_.append(chars, length);
  }

  void endElement(const XMLCh* const, const XMLCh* const, const XMLCh* const) override {
    if (capture_depth_ != 0 && depth_ == capture_depth_) {
      store(capture_field_, trimmed(detail::to_utf8(text_.data(), text_.size())));
      capture_depth_ = 0;
    }
    if (depth_ > 1) {
      path_.resize(path_lengths_.back());
      path_lengths_.pop_back();
    }
    --depth_;
  }

 private:
  struct TaxTotal {
    std::string currency;
    std::optional<model::Decimal> amount;
  };

  void start_root(const XMLCh* uri, const XMLCh* local_name) {
    switch (detail::format_of_root(uri, local_name)) {
      case Format::ubl_invoice:
        invoice_.syntax = model::Syntax::ubl_invoice;
        fields_ = &ubl_fields();
        return;
      case Format::ubl_credit_note:
        invoice_.syntax = model::Syntax::ubl_credit_note;
        fields_ = &ubl_fields();
        return;
      case Format::cii:
        invoice_.syntax = model::Syntax::cii;
        fields_ = &cii_fields();
        return;
      case Format::unknown:
      case Format::malformed:
        break;
    }
    const std::string ns = detail::to_utf8(uri);
    throw WrongRoot{"{" + ns + "}" + detail::to_utf8(local_name)};
  }

  model::Party& party(bool seller) { return seller ? invoice_.seller : invoice_.buyer; }

  void store(Field field, std::string value) {
    auto& t = invoice_.totals;
    switch (field) {
      case Field::number:
        return set_once(invoice_.number, std::move(value));
      case Field::issue_date:
        return set_once(invoice_.issue_date, std::move(value));
      case Field::issue_date_102:
        return set_once(invoice_.issue_date, iso_date_from_102(std::move(value), attribute_));
      case Field::type_code:
        return set_once(invoice_.type_code, std::move(value));
      case Field::currency:
        return set_once(invoice_.currency, std::move(value));
      case Field::tax_currency:
        return set_once(invoice_.tax_currency, std::move(value));
      case Field::buyer_reference:
        return set_once(invoice_.buyer_reference, std::move(value));
      case Field::order_reference:
        return set_once(invoice_.order_reference, std::move(value));
      case Field::process_id:
        return set_once(invoice_.process_id, std::move(value));
      case Field::specification_id:
        return set_once(invoice_.specification_id, std::move(value));
      case Field::seller_name:
        return set_once(invoice_.seller.name, std::move(value));
      case Field::buyer_name:
        return set_once(invoice_.buyer.name, std::move(value));
      case Field::seller_name_fallback:
        return set_once(seller_name_fallback_, std::move(value));
      case Field::buyer_name_fallback:
        return set_once(buyer_name_fallback_, std::move(value));
      case Field::seller_id:
      case Field::buyer_id:
        if (!value.empty())
          party(field == Field::seller_id).ids.push_back({std::move(value), attribute_});
        return;
      case Field::seller_legal_id:
      case Field::buyer_legal_id: {
        auto& legal_id = party(field == Field::seller_legal_id).legal_id;
        if (legal_id.empty()) legal_id = {std::move(value), attribute_};
        return;
      }
      case Field::line_extension:
        return set_once(t.line_extension, value);
      case Field::allowances:
        return set_once(t.allowances, value);
      case Field::charges:
        return set_once(t.charges, value);
      case Field::tax_exclusive:
        return set_once(t.tax_exclusive, value);
      case Field::tax_total:
        tax_totals_.push_back({attribute_, model::Decimal::parse(value)});
        return;
      case Field::tax_inclusive:
        return set_once(t.tax_inclusive, value);
      case Field::prepaid:
        return set_once(t.prepaid, value);
      case Field::rounding:
        return set_once(t.rounding, value);
      case Field::payable:
        return set_once(t.payable, value);
    }
  }

  std::size_t max_depth_;
  model::Invoice invoice_;
  const FieldTable* fields_ = nullptr;  // chosen by the root element
  std::size_t depth_ = 0;               // 1 = root
  std::string path_;                    // local names below the root, '/'-joined
  std::vector<std::size_t> path_lengths_;
  std::size_t capture_depth_ = 0;  // depth of the element whose text is kept, 0 = none
  Field capture_field_ = Field::number;
  std::u16string text_;
  std::string attribute_;  // scheme / currencyID / format of the captured element
  std::vector<TaxTotal> tax_totals_;
  std::string seller_name_fallback_;
  std::string buyer_name_fallback_;
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
