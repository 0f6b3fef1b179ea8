// read_status_updates: status-update files (XML validated against the embedded
// schemas/status-update.xsd, or `;`/`,` CSV) to StatusUpdate values. Both formats end in the
// same field checks (make_update), so an XML file the schema lets through is held to exactly
// what a CSV line is.

#include "ingest/status_updates.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>
#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/sax/SAXException.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/sax2/Attributes.hpp>
#include <xercesc/util/OutOfMemoryException.hpp>
#include <xercesc/util/XMLException.hpp>
#include <xercesc/util/XMLUni.hpp>
#include <xercesc/validators/common/Grammar.hpp>

#include "ingest/xml_lockdown.h"
#include "model/status.h"

namespace ingest {

namespace {

using detail::MalformedXml;
using detail::UnsafeXml;

constexpr std::u16string_view kNamespace = u"urn:fluxd:status-update:1";
constexpr std::size_t kMaxDepth = 32;             // deeper nesting is UPD-UNSAFE-XML
constexpr std::size_t kMaxKeyChars = 200;         // as the XSD's InvoiceKey
constexpr std::size_t kMaxReasonChars = 1000;     // as the XSD's Reason
constexpr std::size_t kMaxListedFindings = 1000;  // then one summary finding (bounded memory)
constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kBlank = " \t\r\n";

model::Error error(std::string code, std::string message) {
  return model::Error{std::move(code), std::move(message)};
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(kBlank);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kBlank) - first + 1);
}

// Well-formed UTF-8: no overlong form, no surrogate, nothing above U+10FFFF.
bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    std::uint32_t code = 0, min = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1, code = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, code = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, code = c & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (text.size() - i <= extra) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

// Characters (code points) of valid UTF-8, as XSD lengths count them.
std::size_t char_count(std::string_view utf8) {
  std::size_t count = 0;
  for (const char c : utf8) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

// At most `max_bytes` of valid UTF-8 `text` (cut on a character boundary, "…" added): values
// quoted in messages stay readable and small whatever the input holds.
std::string clipped(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

std::string quoted(std::string_view value) {
  return "'" + clipped(value, 60) + "'";
}

// Decimal digits only (leading zeros allowed), 1 ≤ value ≤ INT64_MAX.
std::optional<std::int64_t> positive_id(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const int digit = c - '0';
    if (value > (std::numeric_limits<std::int64_t>::max() - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  if (value == 0) return std::nullopt;
  return value;
}

// YYYY-MM-DD naming a real day of years 0001–9999.
bool valid_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  constexpr std::array<std::pair<std::size_t, std::size_t>, 3> kSpans = {{{0, 4}, {5, 2}, {8, 2}}};
  for (std::size_t p = 0; p < kSpans.size(); ++p)
    for (std::size_t i = kSpans[p].first; i < kSpans[p].first + kSpans[p].second; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      parts[p] = parts[p] * 10 + (text[i] - '0');
    }
  const int year = parts[0], month = parts[1], day = parts[2];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

// The five values of one update as written (already trimmed).
struct Fields {
  std::string_view invoice_id;
  std::string_view key;
  std::string_view status;
  std::string_view date;
  std::string_view reason;
};

// The checks both formats share. On failure, every problem found, joined by "; ".
std::variant<StatusUpdate, std::string> make_update(std::size_t line, const Fields& f) {
  std::vector<std::string> problems;
  StatusUpdate update;
  update.line = line;
  if (f.invoice_id.empty() && f.key.empty()) {
    problems.emplace_back("neither invoice_id nor key is given (exactly one is needed)");
  } else if (!f.invoice_id.empty() && !f.key.empty()) {
    problems.emplace_back("both invoice_id and key are given (exactly one is needed)");
  }
  if (!f.invoice_id.empty()) {
    update.invoice_id = positive_id(f.invoice_id);
    if (!update.invoice_id)
      problems.push_back("invoice_id " + quoted(f.invoice_id) +
                         " is not a positive integer (1 to 9223372036854775807)");
  }
  if (!f.key.empty() && char_count(f.key) > kMaxKeyChars)
    problems.push_back("key is longer than " + std::to_string(kMaxKeyChars) + " characters");
  update.invoice_key = f.key;
  if (f.status.empty()) {
    problems.emplace_back("status is missing");
  } else if (!model::invoice_status_from_code(f.status)) {
    problems.push_back("status " + quoted(f.status) + " is not an invoice status code");
  }
  update.status = f.status;
  if (!valid_date(f.date))
    problems.push_back(f.date.empty() ? std::string("date is missing")
                                      : "date " + quoted(f.date) +
                                            " is not a calendar date written YYYY-MM-DD");
  update.date = f.date;
  if (char_count(f.reason) > kMaxReasonChars)
    problems.push_back("reason is longer than " + std::to_string(kMaxReasonChars) + " characters");
  update.reason = f.reason;
  if (problems.empty()) return update;
  std::string message;
  for (const auto& p : problems) message += (message.empty() ? "" : "; ") + p;
  return message;
}

// ---- XML -------------------------------------------------------------------------------------

// Collects the updates of a document while Xerces validates it. Validity errors are recorded
// (the first one is reported) rather than thrown, so the parse goes on and the depth limit still
// sees every element: deep nesting is UPD-UNSAFE-XML even where the schema would also refuse it.
class UpdateHandler : public detail::LockedDownHandler {
 public:
  void startElement(const XMLCh* const uri, const XMLCh* const local_name, const XMLCh* const,
                    const xercesc::Attributes&) override {
    if (++depth_ > kMaxDepth)
      throw UnsafeXml{"element nesting deeper than " + std::to_string(kMaxDepth) + " levels",
                      detail::line_of(locator_), detail::column_of(locator_)};
    const std::u16string_view name(local_name ? local_name : u"");
    if (depth_ == 1) {
      if (std::u16string_view(uri ? uri : u"") != kNamespace || name != u"statusUpdates")
        record("root element is not statusUpdates of namespace urn:fluxd:status-update:1");
    } else if (depth_ == 2) {
      current_ = Current{};
      current_.line = static_cast<std::size_t>(detail::line_of(locator_));
    } else if (depth_ == 3) {
      text_.clear();
      field_ = name == u"invoiceId"    ? &current_.invoice_id
               : name == u"invoiceKey" ? &current_.key
               : name == u"status"     ? &current_.status
               : name == u"date"       ? &current_.date
               : name == u"reason"     ? &current_.reason
                                       : nullptr;
    }
  }

  void characters(const XMLCh* const chars, const XMLSize_t length) override {
    if (depth_ == 3 && field_ != nullptr) text_ += detail::to_utf8(chars, length);
  }

  void endElement(const XMLCh* const, const XMLCh* const, const XMLCh* const) override {
    if (depth_ == 3 && field_ != nullptr) {
      *field_ = trim(text_);
      field_ = nullptr;
    } else if (depth_ == 2 && !first_error) {
      finish_update();
    }
    --depth_;
  }

  // A validity error (or a recoverable well-formedness one): the file is refused, but only
  // once the whole document was seen.
  void error(const xercesc::SAXParseException& e) override {
    if (!first_error)
      first_error = MalformedXml{detail::to_utf8(e.getMessage()),
                                 static_cast<std::uint64_t>(e.getLineNumber()),
                                 static_cast<std::uint64_t>(e.getColumnNumber())};
  }

  std::optional<MalformedXml> first_error;
  std::vector<StatusUpdate> updates;

 private:
  struct Current {
    std::size_t line = 0;
    std::string invoice_id, key, status, date, reason;
  };

  void record(std::string message) {
    if (!first_error)
      first_error =
          MalformedXml{std::move(message), detail::line_of(locator_), detail::column_of(locator_)};
  }

  // The schema already checked the values; the shared checks run anyway (defence in depth,
  // and the schema's xs:positiveInteger allows a leading '+').
  void finish_update() {
    std::string_view id = current_.invoice_id;
    if (id.starts_with('+')) id.remove_prefix(1);
    auto made = make_update(current_.line,
                            {id, current_.key, current_.status, current_.date, current_.reason});
    if (auto* update = std::get_if<StatusUpdate>(&made)) {
      updates.push_back(std::move(*update));
    } else {
      record("update: " + std::get<std::string>(made));
    }
  }

  std::size_t depth_ = 0;
  Current current_;
  std::string* field_ = nullptr;  // the leaf being read, if it is one we keep
  std::string text_;
};

model::Error invalid_xml(const MalformedXml& e) {
  return error("UPD-INVALID-XML",
               detail::position_text(e.line, e.column) + ": " + clipped(e.message, 300));
}

// Validates with the embedded grammar only: it is loaded first and cached in this reader, then
// every loading switch goes off, so neither xsi:schemaLocation nor any DTD can bring another.
void use_embedded_schema(xercesc::SAX2XMLReader& reader, UpdateHandler& handler) {
  using xercesc::XMLUni;
  reader.setFeature(XMLUni::fgSAX2CoreValidation, true);
  reader.setFeature(XMLUni::fgXercesDynamic, false);  // no grammar for the root: an error
  reader.setFeature(XMLUni::fgXercesSchema, true);
  reader.setFeature(XMLUni::fgXercesSchemaFullChecking, false);
  const std::string_view xsd = status_update_xsd();
  xercesc::MemBufInputSource source(reinterpret_cast<const XMLByte*>(xsd.data()), xsd.size(),
                                    "status-update.xsd", false);
  const xercesc::Grammar* grammar = nullptr;
  try {
    grammar = reader.loadGrammar(source, xercesc::Grammar::SchemaGrammarType, /*toCache=*/true);
  } catch (const MalformedXml& e) {
    handler.first_error = e;
  } catch (const UnsafeXml& e) {
    handler.first_error = MalformedXml{e.message, e.line, e.column};
  } catch (const xercesc::XMLException& e) {
    handler.first_error = MalformedXml{detail::to_utf8(e.getMessage()), 0, 0};
  }
  // A build defect, not bad input.
  if (grammar == nullptr || handler.first_error)
    throw std::logic_error("the embedded status-update.xsd does not load: " +
                           (handler.first_error ? handler.first_error->message : "no grammar"));
  reader.setFeature(XMLUni::fgXercesUseCachedGrammarInParse, true);
  reader.setFeature(XMLUni::fgXercesCacheGrammarFromParse, false);
  reader.setFeature(XMLUni::fgXercesLoadSchema, false);
  reader.setFeature(XMLUni::fgXercesLoadExternalDTD, false);
  reader.setFeature(XMLUni::fgXercesDisableDefaultEntityResolution, true);
}

// Where a DOCTYPE starts in the prolog, if one does. Xerces 3.2.4 tells the handler of a DOCTYPE
// only when it has an internal or external subset (LockedDownHandler::startDTD refuses those);
// a bare <!DOCTYPE root> is harmless but refused all the same, found here before parsing.
std::optional<std::pair<std::uint64_t, std::uint64_t>> doctype_position(std::string_view bytes) {
  std::size_t pos = bytes.starts_with(kBom) ? kBom.size() : 0;
  for (;;) {
    pos = bytes.find_first_not_of(kBlank, pos);
    if (pos == std::string_view::npos) return std::nullopt;
    const auto rest = bytes.substr(pos);
    std::size_t end = std::string_view::npos;
    if (rest.starts_with("<?")) {
      end = bytes.find("?>", pos + 2);
      if (end != std::string_view::npos) end += 2;
    } else if (rest.starts_with("<!--")) {
      end = bytes.find("-->", pos + 4);
      if (end != std::string_view::npos) end += 3;
    } else if (rest.starts_with("<!DOCTYPE")) {
      const auto before = bytes.substr(0, pos);
      const auto last_break = before.rfind('\n');
      const std::uint64_t line = 1 + std::count(before.begin(), before.end(), '\n');
      const std::uint64_t column =
          pos - (last_break == std::string_view::npos ? 0 : last_break + 1) + 1;
      return std::pair{line, column};
    }
    if (end == std::string_view::npos) return std::nullopt;  // the root, or broken: Xerces says
    pos = end;
  }
}

// A fresh parser per call: nothing is shared between threads, and the grammar is small.
model::Result<StatusUpdateFile> read_xml(std::string_view bytes) {
  if (const auto at = doctype_position(bytes))
    return error("UPD-UNSAFE-XML", detail::position_text(at->first, at->second) +
                                       ": DOCTYPE declarations are refused (no DTD, no entities)");
  UpdateHandler handler;
  detail::LockedDownParser parser(handler);
  auto& reader = parser.reader();
  use_embedded_schema(reader, handler);
  xercesc::MemBufInputSource source(reinterpret_cast<const XMLByte*>(bytes.data()), bytes.size(),
                                    "status-update", false);
  source.setCopyBufToStream(false);  // parse the caller's bytes in place
  try {
    reader.parse(source);
  } catch (const UnsafeXml& e) {
    return error("UPD-UNSAFE-XML", detail::position_text(e.line, e.column) + ": " + e.message);
  } catch (const MalformedXml& e) {
    // A validity error may come before the well-formedness error that ended the parse.
    return invalid_xml(handler.first_error ? *handler.first_error : e);
  } catch (const xercesc::XMLException& e) {
    return error("UPD-INVALID-XML", "0:0: " + detail::to_utf8(e.getMessage()));
  } catch (const xercesc::SAXException& e) {
    return error("UPD-INVALID-XML", "0:0: " + detail::to_utf8(e.getMessage()));
  } catch (const xercesc::OutOfMemoryException&) {
    return error("UPD-UNSAFE-XML", "0:0: out of memory while parsing");
  }
  if (handler.first_error) return invalid_xml(*handler.first_error);
  // Unreachable while the schema asks for one update; kept in case it ever does not.
  if (handler.updates.empty()) return error("UPD-EMPTY", "the file holds no update");
  return StatusUpdateFile{"xml", std::move(handler.updates), {}};
}

// ---- CSV -------------------------------------------------------------------------------------

// One RFC 4180 record: fields split on the separator, "…" quoting with "" for a quote, ended by
// LF or CRLF outside quotes (a quoted field may hold line breaks).
struct Record {
  std::size_t line = 0;  // physical line it starts on (1-based)
  std::vector<std::string> fields;
  std::string problem;  // a quoting error; the fields are then incomplete
  bool blank = false;   // nothing but white space
};

class CsvRecords {
 public:
  CsvRecords(std::string_view text, std::size_t first_line, char separator)
      : text_(text), line_(first_line), separator_(separator) {}

  bool next(Record& record) {
    if (pos_ >= text_.size()) return false;
    record = Record{};
    record.line = line_;
    bool quoted_any = false;
    for (;;) {
      std::string field;
      // Blanks around a quoted field are tolerated (and dropped).
      const auto quote = text_.find_first_not_of(" \t", pos_);
      if (quote != std::string_view::npos && text_[quote] == '"') {
        quoted_any = true;
        pos_ = quote;
        if (!read_quoted(field, record)) return true;  // unterminated: the rest is consumed
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
      } else {
        read_plain(field, record);
      }
      record.fields.push_back(std::move(field));
      if (pos_ >= text_.size()) break;
      const char c = text_[pos_];
      if (c == separator_) {
        ++pos_;
        continue;
      }
      if (c == '\n' || (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n')) {
        pos_ += c == '\r' ? 2 : 1;
        ++line_;
        break;
      }
      // Something after a closing quote: report it and skip to the end of the line.
      record.problem = "text after a closing quote";
      skip_line();
      break;
    }
    record.blank = !quoted_any && record.fields.size() == 1 && trim(record.fields[0]).empty();
    return true;
  }

 private:
  void read_plain(std::string& field, Record& record) {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == separator_ || c == '\n') break;
      if (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') break;
      if (c == '"' && record.problem.empty())
        record.problem = "a quote inside an unquoted field (quote the whole field, \"\" for \")";
      field += c;
      ++pos_;
    }
  }

  // After the opening quote; false when the closing quote never comes.
  bool read_quoted(std::string& field, Record& record) {
    ++pos_;
    for (;;) {
      const auto quote = text_.find('"', pos_);
      const auto end = quote == std::string_view::npos ? text_.size() : quote;
      for (std::size_t i = pos_; i < end; ++i) line_ += text_[i] == '\n';
      field.append(text_.substr(pos_, end - pos_));
      if (quote == std::string_view::npos) {
        pos_ = text_.size();
        record.fields.push_back(std::move(field));
        record.problem = "a quoted field is not closed";
        return false;
      }
      pos_ = quote + 1;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        field += '"';
        ++pos_;
        continue;
      }
      return true;
    }
  }

  void skip_line() {
    const auto end = text_.find('\n', pos_);
    pos_ = end == std::string_view::npos ? text_.size() : end + 1;
    if (end != std::string_view::npos) ++line_;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_;
  char separator_;
};

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (x != b[i]) return false;
  }
  return true;
}

constexpr std::array<std::string_view, 5> kColumns = {"invoice_id", "key", "status", "date",
                                                      "reason"};

model::Finding line_finding(std::size_t line, std::string message) {
  return model::Finding{"UPD-LINE-INVALID", model::Severity::fatal, "line " + std::to_string(line),
                        std::move(message)};
}

model::Result<StatusUpdateFile> read_csv(std::string_view text) {
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  // The first non-blank line is the header; its separator is the file's.
  std::size_t line = 1, start = 0;
  for (;;) {
    const auto end = text.find('\n', start);
    const auto physical = text.substr(start, end == std::string_view::npos ? end : end - start);
    if (!trim(physical).empty()) {
      text.remove_prefix(start);
      break;
    }
    if (end == std::string_view::npos) return error("UPD-EMPTY", "the file holds no update");
    start = end + 1;
    ++line;
  }
  const auto first_line = text.substr(0, text.find('\n'));
  const char separator = first_line.find(';') != std::string_view::npos ? ';' : ',';

  CsvRecords records(text, line, separator);
  Record record;
  (void)records.next(record);
  bool header = record.problem.empty() && record.fields.size() == kColumns.size();
  for (std::size_t i = 0; header && i < kColumns.size(); ++i)
    header = same_name(trim(record.fields[i]), kColumns[i]);
  if (!header)
    return error("UPD-UNKNOWN-FORMAT",
                 "neither XML nor CSV with the header invoice_id;key;status;date;reason");

  StatusUpdateFile file{"csv", {}, {}};
  std::size_t lines = 0, unlisted = 0, first_unlisted = 0;
  while (records.next(record)) {
    if (record.blank) continue;
    ++lines;
    std::string problem = record.problem;
    if (problem.empty() && record.fields.size() != kColumns.size())
      problem = std::to_string(record.fields.size()) + " fields instead of " +
                std::to_string(kColumns.size()) + " (invoice_id" + separator + "key" + separator +
                "status" + separator + "date" + separator + "reason)";
    if (problem.empty())
      for (const auto& field : record.fields)
        if (!valid_utf8(field)) problem = "not valid UTF-8";
    if (problem.empty()) {
      const auto& f = record.fields;
      auto made =
          make_update(record.line, {trim(f[0]), trim(f[1]), trim(f[2]), trim(f[3]), trim(f[4])});
      if (auto* update = std::get_if<StatusUpdate>(&made)) {
        file.updates.push_back(std::move(*update));
        continue;
      }
      problem = std::move(std::get<std::string>(made));
    }
    if (file.findings.size() < kMaxListedFindings) {
      file.findings.push_back(line_finding(record.line, std::move(problem)));
    } else if (unlisted++ == 0) {
      first_unlisted = record.line;
    }
  }
  if (unlisted > 0)
    file.findings.push_back(
        line_finding(first_unlisted,
                     std::to_string(unlisted) + " more invalid lines from here on (not listed)"));
  if (lines == 0) return error("UPD-EMPTY", "the file holds no update line, only the header");
  return file;
}

}  // namespace

model::Result<StatusUpdateFile> read_status_updates(std::string_view bytes) {
  if (bytes.size() > kMaxStatusUpdateBytes)
    return error("UPD-TOO-LARGE", std::to_string(bytes.size()) + " bytes, more than the " +
                                      std::to_string(kMaxStatusUpdateBytes) + " allowed");
  std::string_view content = bytes;
  if (content.starts_with(kBom)) content.remove_prefix(kBom.size());
  if (trim(content).empty()) return error("UPD-EMPTY", "the file is empty");
  if (detail::looks_like_xml(bytes)) return read_xml(bytes);
  return read_csv(bytes);
}

}  // namespace ingest
