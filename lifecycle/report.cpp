// The integration report (compte rendu d'intégration): JSON and XML projections of a
// FlowDetail, and their durable files.
#include <fmt/format.h>
#include <time.h>

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "lifecycle/invoice_json.h"
#include "lifecycle/lifecycle.h"
#include "model/durable.h"

namespace lifecycle {

namespace {

constexpr std::string_view kReportNamespace = "urn:fluxd:integration-report:1";

nlohmann::ordered_json findings_json(const std::vector<model::Finding>& findings) {
  auto array = nlohmann::ordered_json::array();
  for (const auto& f : findings)
    array.push_back({{"rule", f.rule},
                     {"severity", model::to_string(f.severity)},
                     {"location", f.location},
                     {"message", f.message}});
  return array;
}

// ---- XML writing ----

// Decodes one UTF-8 sequence at text[i]; returns its length, or 0 when it is not valid UTF-8
// (overlong, surrogate, beyond U+10FFFF, truncated). `code_point` receives the value.
std::size_t utf8_sequence(std::string_view text, std::size_t i, char32_t& code_point) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  // Lead byte -> sequence length, payload bits, smallest code point it may encode.
  std::size_t length = 0;
  char32_t smallest = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code_point = lead & 0x1F;
    smallest = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code_point = lead & 0x0F;
    smallest = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code_point = lead & 0x07;
    smallest = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i + k) & 0x3F);
  }
  if (code_point < smallest || code_point > 0x10FFFF) return 0;
  if (code_point >= 0xD800 && code_point <= 0xDFFF) return 0;
  return length;
}

// XML 1.0 "Char": what may appear in a document at all, even as a character reference.
bool is_xml_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

// Escapes text for element content. Invoice data is untrusted: bytes that are not valid
// UTF-8 and characters XML cannot carry become U+FFFD instead of breaking the report.
std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = 0;
    const std::size_t length = utf8_sequence(text, i, c);
    if (length == 0 || !is_xml_char(c)) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      i += length == 0 ? 1 : length;
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\r':
        out += "&#13;";
        break;  // a raw CR would be read back as LF
      default:
        out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

// Appends indented elements to a string; empty optional values are left out (the XSD makes
// those elements optional) so the report never shows a made-up value.
class XmlWriter {
 public:
  void open(std::string_view name, std::string_view attributes = {}) {
    indent();
    out_ += fmt::format("<{}{}>\n", name, attributes);
    ++depth_;
  }
  void close(std::string_view name) {
    --depth_;
    indent();
    out_ += fmt::format("</{}>\n", name);
  }
  void element(std::string_view name, std::string_view text) {
    indent();
    out_ += fmt::format("<{0}>{1}</{0}>\n", name, xml_escape(text));
  }
  void element(std::string_view name, std::int64_t value) {
    element(name, std::string_view(std::to_string(value)));
  }
  void optional_element(std::string_view name, std::string_view text) {
    if (!text.empty()) element(name, text);
  }
  void empty_element(std::string_view name) {
    indent();
    out_ += fmt::format("<{}/>\n", name);
  }
  void findings(const std::vector<model::Finding>& findings) {
    if (findings.empty()) return empty_element("findings");
    open("findings");
    for (const auto& f : findings) {
      open("finding");
      element("rule", f.rule);
      element("severity", model::to_string(f.severity));
      optional_element("location", f.location);
      element("message", f.message);
      close("finding");
    }
    close("findings");
  }
  std::string take() { return std::move(out_); }
  void raw(std::string_view text) { out_ += text; }

 private:
  void indent() { out_.append(static_cast<std::size_t>(depth_) * 2, ' '); }
  std::string out_;
  int depth_ = 0;
};

// A partner code names a folder: refuse anything that could leave reports_dir.
bool safe_folder_name(std::string_view name) {
  if (name.empty() || name == "." || name == "..") return false;
  for (char c : name)
    if (c == '/' || c == '\\' || c == '\0') return false;
  return true;
}

}  // namespace

std::string now_utc() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[sizeof "2026-11-23T11:14:00Z" + 8];
  const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(text, length);
}

std::string report_json(const FlowDetail& detail) {
  const FlowRow& flow = detail.flow;
  nlohmann::ordered_json report;
  report["number"] = flow.number;
  report["partner"] = flow.partner;
  report["file"] = flow.file_name;
  report["sha256"] = flow.sha256;
  report["syntax"] = flow.syntax;
  report["status"] = model::to_code(flow.status);
  report["status_label"] = model::label_fr(flow.status);
  report["received_at"] = flow.received_at;
  report["updated_at"] = flow.updated_at;
  report["duplicate_of"] = flow.duplicate_of ? nlohmann::ordered_json(*flow.duplicate_of)
                                             : nlohmann::ordered_json(nullptr);
  report["invoices"] = flow.invoices;
  report["accepted"] = flow.accepted;
  report["rejected"] = flow.rejected;
  report["rules_version"] = flow.rules_version;
  report["referential_version"] = flow.referential_version;
  report["findings"] = findings_json(detail.flow_findings);
  auto invoices = nlohmann::ordered_json::array();
  for (const auto& invoice : detail.invoices) {
    auto fields = invoice_fields_json(invoice);
    fields["findings"] = findings_json(invoice.findings);
    invoices.push_back(std::move(fields));
  }
  report["invoice_details"] = std::move(invoices);
  // Invoice data may hold bytes that are not UTF-8: replace them rather than throw.
  return report.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string report_xml(const FlowDetail& detail) {
  const FlowRow& flow = detail.flow;
  XmlWriter xml;
  xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  xml.open("integrationReport", fmt::format(" xmlns=\"{}\"", kReportNamespace));
  xml.element("number", flow.number);
  xml.element("partner", flow.partner);
  xml.element("file", flow.file_name);
  xml.element("sha256", flow.sha256);
  xml.optional_element("syntax", flow.syntax);
  xml.element("status", model::to_code(flow.status));
  xml.element("statusLabel", model::label_fr(flow.status));
  xml.element("receivedAt", flow.received_at);
  xml.element("updatedAt", flow.updated_at);
  if (flow.duplicate_of) xml.element("duplicateOf", *flow.duplicate_of);
  xml.element("invoices", flow.invoices);
  xml.element("accepted", flow.accepted);
  xml.element("rejected", flow.rejected);
  xml.optional_element("rulesVersion", flow.rules_version);
  xml.optional_element("referentialVersion", flow.referential_version);
  xml.findings(detail.flow_findings);
  if (detail.invoices.empty()) {
    xml.empty_element("invoiceDetails");
  } else {
    xml.open("invoiceDetails");
    for (const auto& invoice : detail.invoices) {
      const InvoiceRecord& r = invoice.record;
      xml.open("invoice");
      xml.element("position", r.position);
      xml.element("document", r.document);
      xml.optional_element("key", r.key);
      xml.optional_element("number", r.number);
      xml.optional_element("issueDate", r.issue_date);
      xml.optional_element("typeCode", r.type_code);
      xml.optional_element("syntax", r.syntax);
      xml.optional_element("supplier", r.supplier_id);
      xml.optional_element("recipient", r.recipient_id);
      xml.optional_element("service", r.service_code);
      xml.optional_element("engagement", r.engagement);
      xml.optional_element("currency", r.currency);
      xml.optional_element("payable", r.payable);
      xml.element("status", model::to_code(invoice.status));
      xml.element("statusLabel", model::label_fr(invoice.status));
      xml.optional_element("deliveredTo", invoice.delivered_to);
      xml.findings(invoice.findings);
      xml.close("invoice");
    }
    xml.close("invoiceDetails");
  }
  xml.close("integrationReport");
  return xml.take();
}

ReportFiles write_report(const std::filesystem::path& reports_dir, const FlowDetail& detail) {
  const std::string& partner = detail.flow.partner;
  if (!safe_folder_name(partner))
    throw std::runtime_error(
        fmt::format("write report of flow {}: partner code '{}' cannot name a folder",
                    detail.flow.number, partner));
  const auto folder = reports_dir / partner;
  const std::string stem = fmt::format("CR-{:010}", detail.flow.number);
  ReportFiles files{folder / (stem + ".xml"), folder / (stem + ".json")};
  if (auto written = model::write_file_durably(files.xml, report_xml(detail)); !written)
    throw std::runtime_error(written.error().message);
  if (auto written = model::write_file_durably(files.json, report_json(detail)); !written)
    throw std::runtime_error(written.error().message);
  return files;
}

nlohmann::ordered_json invoice_fields_json(const InvoiceRow& invoice) {
  const InvoiceRecord& r = invoice.record;
  return {{"position", r.position},
          {"document", r.document},
          {"key", r.key},
          {"number", r.number},
          {"issue_date", r.issue_date},
          {"type_code", r.type_code},
          {"syntax", r.syntax},
          {"supplier", r.supplier_id},
          {"recipient", r.recipient_id},
          {"service", r.service_code},
          {"engagement", r.engagement},
          {"currency", r.currency},
          {"payable", r.payable},
          {"status", model::to_code(invoice.status)},
          {"status_label", model::label_fr(invoice.status)},
          {"delivered_to", invoice.delivered_to}};
}

}  // namespace lifecycle
