// Status files to partners and recipients: lifecycle messages (one invoice status change, for
// a partner that opted in) and the results of status-update files (what became of each
// update a sender asked for), with their durable files.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "lifecycle/lifecycle.h"
#include "lifecycle/xml_text.h"
#include "model/durable.h"
#include "model/status.h"

namespace lifecycle {

namespace {

using detail::kXmlDeclaration;
using detail::safe_folder_name;
using detail::XmlWriter;

constexpr std::string_view kLifecycleNamespace = "urn:fluxd:lifecycle-message:1";
constexpr std::string_view kUpdateResultNamespace = "urn:fluxd:status-update-result:1";

// Longest file-name part (bytes) of a result file: with "RES-<10 digits>-", the extension and
// the temp-file decoration of write_file_durably, the name stays well under 255 bytes.
constexpr std::size_t kMaxFileNamePart = 120;

constexpr std::string_view kApplied = "APPLIQUE";
constexpr std::string_view kRefused = "REFUSE";

std::string_view result_code(bool applied) {
  return applied ? kApplied : kRefused;
}

model::InvoiceStatus invoice_status(const HistoryEvent& event, std::string_view code) {
  const auto status = model::invoice_status_from_code(code);
  if (!status)
    throw std::runtime_error(
        fmt::format("lifecycle message {}: '{}' is not an invoice status", event.id, code));
  return *status;
}

void write_or_throw(const std::filesystem::path& file, std::string_view bytes) {
  if (auto written = model::write_file_durably(file, bytes); !written)
    throw std::runtime_error(written.error().message);
}

// The received file's name as the readable end of a result file name: one path component
// (no '/' or '\'), no control or bidirectional-formatting character, no leading dot, valid
// UTF-8, at most kMaxFileNamePart bytes. Whatever is refused becomes '_'.
std::string file_name_part(std::string_view name) {
  std::string out;
  bool leading = true;  // only dots (now '_') so far
  for (std::size_t i = 0; i < name.size();) {
    char32_t c = 0;
    const std::size_t length = detail::utf8_sequence(name, i, c);
    const bool refused = length == 0 || c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '/' ||
                         c == '\\' || (c >= 0x202A && c <= 0x202E) ||
                         (c >= 0x2066 && c <= 0x2069) || (leading && c == '.');
    leading = leading && length == 1 && c == '.';
    const std::string_view piece = refused ? std::string_view("_") : name.substr(i, length);
    if (out.size() + piece.size() > kMaxFileNamePart) break;
    out.append(piece);
    i += length == 0 ? 1 : length;
  }
  return out;
}

// ---- CSV ----

// One CSV text cell: UTF-8 made valid, quoted (RFC 4180) when it holds the separator, a quote
// or a line break. A cell a spreadsheet would read as a formula gets a leading apostrophe
// (numbers and the result code are written directly, never through here).
std::string csv_cell(std::string_view raw) {
  std::string value = detail::utf8_sanitize(raw);
  if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos)
    value.insert(0, 1, '\'');
  if (value.find_first_of(";\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

// ---- JSON reading ----

// Reads a string member; false when it is missing or not a string.
bool read_string(const nlohmann::json& object, const char* key, std::string& out) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

std::optional<UpdateOutcome> outcome_from_json(const nlohmann::json& item) {
  if (!item.is_object()) return std::nullopt;
  UpdateOutcome o;
  const auto line = item.find("line");
  if (line == item.end() || !line->is_number_unsigned()) return std::nullopt;
  o.line = line->get<std::size_t>();
  const auto invoice_id = item.find("invoice_id");
  if (invoice_id == item.end()) return std::nullopt;
  if (invoice_id->is_number_integer())
    o.invoice_id = invoice_id->get<std::int64_t>();
  else if (!invoice_id->is_null())
    return std::nullopt;
  std::string result;
  if (!read_string(item, "reference", o.reference) || !read_string(item, "status", o.status) ||
      !read_string(item, "date", o.date) || !read_string(item, "result", result) ||
      !read_string(item, "code", o.code) || !read_string(item, "message", o.message))
    return std::nullopt;
  if (result != kApplied && result != kRefused) return std::nullopt;
  o.applied = result == kApplied;
  return o;
}

}  // namespace

// ---- Lifecycle messages ----

std::string lifecycle_message_xml(const HistoryEvent& event) {
  if (event.kind != "invoice")
    throw std::runtime_error(
        fmt::format("lifecycle message {}: a '{}' change, not an invoice's", event.id, event.kind));
  if (event.id <= 0)
    throw std::runtime_error(fmt::format("lifecycle message: invalid change id {}", event.id));
  const HistoryRow& change = event.change;
  const model::InvoiceStatus to = invoice_status(event, change.to);
  std::optional<model::InvoiceStatus> from;
  if (!change.from.empty()) from = invoice_status(event, change.from);

  XmlWriter xml;
  xml.raw(kXmlDeclaration);
  xml.open("lifecycleMessage", fmt::format(" xmlns=\"{}\"", kLifecycleNamespace));
  xml.element("messageId", event.id);
  xml.element("partner", event.partner);
  xml.element("flowNumber", event.flow_number);
  xml.element("flowFile", event.file_name);
  xml.element("invoiceId", event.ref);
  xml.element("invoiceKey", event.invoice_key);
  xml.element("invoiceNumber", event.invoice_number);
  xml.element("supplier", event.supplier_id);
  xml.element("recipient", event.recipient_id);
  xml.optional_element("service", event.service_code);
  xml.optional_element("engagement", event.engagement);
  xml.element("status", model::to_code(to));
  xml.element("statusLabel", model::label_fr(to));
  if (from) xml.element("previousStatus", model::to_code(*from));
  xml.element("changedAt", change.at);
  xml.optional_element("statusDate", change.status_date);
  xml.element("source", change.source);
  xml.optional_element("reason", change.reason);
  xml.close("lifecycleMessage");
  return xml.take();
}

std::filesystem::path write_lifecycle_message(const std::filesystem::path& lifecycle_dir,
                                              const HistoryEvent& event) {
  if (!safe_folder_name(event.partner))
    throw std::runtime_error(
        fmt::format("write lifecycle message {}: partner code '{}' cannot name a folder", event.id,
                    event.partner));
  const std::string xml = lifecycle_message_xml(event);
  const auto file = lifecycle_dir / event.partner / fmt::format("CV-{:012}.xml", event.id);
  write_or_throw(file, xml);
  return file;
}

// ---- Status-update results ----

std::string update_result_xml(const UpdateFileResult& result) {
  XmlWriter xml;
  xml.raw(kXmlDeclaration);
  xml.open("statusUpdateResult", fmt::format(" xmlns=\"{}\"", kUpdateResultNamespace));
  xml.element("number", result.number);
  xml.element("sender", result.sender);
  xml.element("file", result.file_name);
  xml.optional_element("sha256", result.sha256);
  // Only the formats the schema knows; anything else is as good as unknown.
  if (result.format == "csv" || result.format == "xml") xml.element("format", result.format);
  xml.element("receivedAt", result.received_at);
  if (!result.file_code.empty()) {
    xml.open("fileError");
    xml.element("code", result.file_code);
    xml.element("message", result.file_message);
    xml.close("fileError");
  }
  if (result.outcomes.empty()) {
    xml.empty_element("outcomes");
  } else {
    xml.open("outcomes");
    for (const auto& o : result.outcomes) {
      xml.open("outcome");
      xml.element("line", std::string_view(std::to_string(o.line)));
      xml.optional_element("reference", o.reference);
      if (o.invoice_id) xml.element("invoiceId", *o.invoice_id);
      xml.optional_element("status", o.status);
      xml.optional_element("date", o.date);
      xml.element("result", result_code(o.applied));
      xml.optional_element("code", o.code);
      xml.optional_element("message", o.message);
      xml.close("outcome");
    }
    xml.close("outcomes");
  }
  xml.close("statusUpdateResult");
  return xml.take();
}

std::string update_result_csv(const UpdateFileResult& result) {
  std::string out = "line;reference;invoice_id;status;date;result;code;message\r\n";
  const auto row = [&](std::size_t line, std::string_view reference,
                       const std::optional<std::int64_t>& invoice_id, std::string_view status,
                       std::string_view date, bool applied, std::string_view code,
                       std::string_view message) {
    out += fmt::format("{};{};{};{};{};{};{};{}\r\n", line, csv_cell(reference),
                       invoice_id ? std::to_string(*invoice_id) : std::string(), csv_cell(status),
                       csv_cell(date), result_code(applied), csv_cell(code), csv_cell(message));
  };
  if (!result.file_code.empty()) {
    row(0, "", std::nullopt, "", "", false, result.file_code, result.file_message);
    return out;
  }
  for (const auto& o : result.outcomes)
    row(o.line, o.reference, o.invoice_id, o.status, o.date, o.applied, o.code, o.message);
  return out;
}

std::string update_result_json(const UpdateFileResult& result) {
  nlohmann::ordered_json json;
  json["number"] = result.number;
  json["sender"] = result.sender;
  json["file"] = result.file_name;
  json["sha256"] = result.sha256;
  json["format"] = result.format;
  json["received_at"] = result.received_at;
  json["file_code"] = result.file_code;
  json["file_message"] = result.file_message;
  auto outcomes = nlohmann::ordered_json::array();
  for (const auto& o : result.outcomes)
    outcomes.push_back({{"line", o.line},
                        {"reference", o.reference},
                        {"invoice_id", o.invoice_id ? nlohmann::ordered_json(*o.invoice_id)
                                                    : nlohmann::ordered_json(nullptr)},
                        {"status", o.status},
                        {"date", o.date},
                        {"result", result_code(o.applied)},
                        {"code", o.code},
                        {"message", o.message}});
  json["outcomes"] = std::move(outcomes);
  // Values from the received file may hold bytes that are not UTF-8: replace them, not throw.
  return json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::optional<UpdateFileResult> update_result_from_json(std::string_view text) {
  const auto json = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (json.is_discarded() || !json.is_object()) return std::nullopt;
  UpdateFileResult result;
  const auto number = json.find("number");
  if (number == json.end() || !number->is_number_integer()) return std::nullopt;
  result.number = number->get<std::int64_t>();
  if (!read_string(json, "sender", result.sender) || !read_string(json, "file", result.file_name) ||
      !read_string(json, "sha256", result.sha256) || !read_string(json, "format", result.format) ||
      !read_string(json, "received_at", result.received_at) ||
      !read_string(json, "file_code", result.file_code) ||
      !read_string(json, "file_message", result.file_message))
    return std::nullopt;
  const auto outcomes = json.find("outcomes");
  if (outcomes == json.end() || !outcomes->is_array()) return std::nullopt;
  for (const auto& item : *outcomes) {
    auto outcome = outcome_from_json(item);
    if (!outcome) return std::nullopt;
    result.outcomes.push_back(std::move(*outcome));
  }
  return result;
}

std::filesystem::path write_update_result(const std::filesystem::path& results_dir,
                                          const UpdateFileResult& result) {
  if (!safe_folder_name(result.sender))
    throw std::runtime_error(
        fmt::format("write result of update file {}: sender '{}' cannot name a folder",
                    result.number, result.sender));
  if (result.number <= 0)
    throw std::runtime_error(
        fmt::format("write result of update file: invalid number {}", result.number));
  const bool csv = result.format == "csv";
  std::string name = fmt::format("RES-{:010}", result.number);
  std::string part = file_name_part(result.file_name);
  // "statuts.csv" gives RES-…-statuts.csv, not …statuts.csv.csv.
  const std::string extension = csv ? ".csv" : ".xml";
  if (part.size() > extension.size() &&
      std::equal(extension.rbegin(), extension.rend(), part.rbegin(),
                 [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); }))
    part.resize(part.size() - extension.size());
  if (!part.empty()) name += "-" + part;
  name += extension;
  const auto file = results_dir / result.sender / name;
  write_or_throw(file, csv ? update_result_csv(result) : update_result_xml(result));
  return file;
}

}  // namespace lifecycle
