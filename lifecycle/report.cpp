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
#include "lifecycle/xml_text.h"
#include "model/durable.h"

namespace lifecycle {

namespace {

using detail::kXmlDeclaration;
using detail::safe_folder_name;
using detail::XmlWriter;

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

// Writes a findings list; `<findings/>` when there is none.
void write_findings(XmlWriter& xml, const std::vector<model::Finding>& findings) {
  if (findings.empty()) return xml.empty_element("findings");
  xml.open("findings");
  for (const auto& f : findings) {
    xml.open("finding");
    xml.element("rule", f.rule);
    xml.element("severity", model::to_string(f.severity));
    xml.optional_element("location", f.location);
    xml.element("message", f.message);
    xml.close("finding");
  }
  xml.close("findings");
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
  xml.raw(kXmlDeclaration);
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
  write_findings(xml, detail.flow_findings);
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
      write_findings(xml, invoice.findings);
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
