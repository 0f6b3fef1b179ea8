#include "app/suivi.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace app {

namespace {

// Display width of UTF-8 text (French labels have accents): count code points.
std::size_t width_of(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string pad(std::string_view s, std::size_t width) {
  std::string out(s);
  for (std::size_t w = width_of(s); w < width; ++w) out.push_back(' ');
  return out;
}

std::string status_text(model::FlowStatus s) {
  return fmt::format("{} ({})", model::to_code(s), model::label_fr(s));
}

// A simple aligned table: every column as wide as its widest cell.
std::string render(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (widths.size() <= i) widths.push_back(0);
      widths[i] = std::max(widths[i], width_of(row[i]));
    }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i)
      line += i + 1 == row.size() ? row[i] : pad(row[i], widths[i]) + "  ";
    out += line + "\n";
  }
  return out;
}

}  // namespace

namespace {

std::vector<std::string> flow_columns(const lifecycle::FlowRow& f) {
  return {std::to_string(f.number),
          f.partner,
          f.file_name,
          f.syntax.empty() ? "-" : f.syntax,
          std::to_string(f.invoices),
          std::to_string(f.accepted),
          std::to_string(f.rejected),
          status_text(f.status)};
}

const std::vector<std::string> kFlowHeader{"FLUX",     "PARTENAIRE", "FICHIER",  "SYNTAXE",
                                           "FACTURES", "ACCEPTÉES",  "REJETÉES", "STATUT"};

// The distinct fatal rule ids of a flow and its invoices, in first-seen order.
std::string reasons_of(const lifecycle::FlowDetail& d) {
  std::vector<std::string> ids;
  auto collect = [&](const std::vector<model::Finding>& findings) {
    for (const auto& f : findings)
      if (f.severity == model::Severity::fatal &&
          std::find(ids.begin(), ids.end(), f.rule) == ids.end())
        ids.push_back(f.rule);
  };
  collect(d.flow_findings);
  for (const auto& inv : d.invoices) collect(inv.findings);
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ",") + id;
  return out.empty() ? "-" : out;
}

}  // namespace

std::string flows_table(const std::vector<lifecycle::FlowRow>& flows) {
  std::vector<std::vector<std::string>> rows{kFlowHeader};
  for (const auto& f : flows) rows.push_back(flow_columns(f));
  return render(rows);
}

std::string batch_table(const std::vector<lifecycle::FlowDetail>& flows) {
  std::vector<std::vector<std::string>> rows{kFlowHeader};
  rows.front().push_back("MOTIFS");
  for (const auto& d : flows) {
    rows.push_back(flow_columns(d.flow));
    rows.back().push_back(reasons_of(d));
  }
  return render(rows);
}

std::string flows_json(const std::vector<lifecycle::FlowRow>& flows) {
  auto array = nlohmann::json::array();
  for (const auto& f : flows)
    array.push_back({{"number", f.number},
                     {"partner", f.partner},
                     {"file", f.file_name},
                     {"sha256", f.sha256},
                     {"syntax", f.syntax},
                     {"status", model::to_code(f.status)},
                     {"status_label", model::label_fr(f.status)},
                     {"received_at", f.received_at},
                     {"updated_at", f.updated_at},
                     {"duplicate_of", f.duplicate_of ? nlohmann::json(*f.duplicate_of) : nullptr},
                     {"invoices", f.invoices},
                     {"accepted", f.accepted},
                     {"rejected", f.rejected},
                     {"rules_version", f.rules_version},
                     {"referential_version", f.referential_version}});
  return array.dump(2) + "\n";
}

std::string flow_text(const lifecycle::FlowDetail& d) {
  const auto& f = d.flow;
  std::string out = fmt::format(
      "Flux {}  {}\n  partenaire  {}\n  fichier     {}\n  syntaxe     {}\n  sha256      {}\n"
      "  reçu le     {}\n  mis à jour  {}\n  factures    {} (acceptées {}, rejetées {})\n",
      f.number, status_text(f.status), f.partner, f.file_name, f.syntax.empty() ? "-" : f.syntax,
      f.sha256, f.received_at, f.updated_at, f.invoices, f.accepted, f.rejected);
  if (f.duplicate_of) out += fmt::format("  doublon du  flux {}\n", *f.duplicate_of);
  auto findings = [&](const std::vector<model::Finding>& list, std::string_view indent) {
    for (const auto& x : list)
      out += fmt::format("{}{} [{}] {} — {}\n", indent, x.rule, model::to_string(x.severity),
                         x.location, x.message);
  };
  if (!d.flow_findings.empty()) {
    out += "  anomalies du flux:\n";
    findings(d.flow_findings, "    ");
  }
  for (const auto& inv : d.invoices) {
    const auto& r = inv.record;
    out += fmt::format("  facture {} n° {} du {}  {} ({})\n", r.position, r.number, r.issue_date,
                       model::to_code(inv.status), model::label_fr(inv.status));
    out += fmt::format(
        "    fournisseur {}  destinataire {}  service {}  EJ {}  montant {} {}\n",
        r.supplier_id.empty() ? "-" : r.supplier_id, r.recipient_id.empty() ? "-" : r.recipient_id,
        r.service_code.empty() ? "-" : r.service_code, r.engagement.empty() ? "-" : r.engagement,
        r.payable.empty() ? "-" : r.payable, r.currency);
    if (!inv.delivered_to.empty()) out += fmt::format("    déposée dans {}\n", inv.delivered_to);
    findings(inv.findings, "    ");
  }
  return out;
}

std::string deliveries_table(const std::vector<lifecycle::DeliveryRow>& rows) {
  if (rows.empty()) return "Aucune remise (no delivery).\n";
  std::vector<std::vector<std::string>> table{{"FACTURE", "FLUX", "NUMÉRO", "CANAL", "DESTINATION",
                                               "ÉTAT", "ESSAIS", "PROCHAIN ESSAI / DÉTAIL"}};
  for (const auto& d : rows) {
    const std::string detail =
        d.state == lifecycle::DeliveryState::delivered
            ? d.delivered_to
            : (d.state == lifecycle::DeliveryState::pending ? d.next_attempt_at + " " : "") +
                  d.last_error;
    table.push_back({std::to_string(d.invoice_id), std::to_string(d.flow_number), d.invoice_number,
                     d.channel, d.recipient + "/" + d.service,
                     std::string(lifecycle::to_string(d.state)), std::to_string(d.attempts),
                     detail});
  }
  return render(table);
}

std::string deliveries_json(const std::vector<lifecycle::DeliveryRow>& rows) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& d : rows)
    out.push_back({{"invoice_id", d.invoice_id},
                   {"flow", d.flow_number},
                   {"invoice_number", d.invoice_number},
                   {"channel", d.channel},
                   {"recipient", d.recipient},
                   {"service", d.service},
                   {"file_name", d.file_name},
                   {"idempotency_key", d.idempotency_key},
                   {"state", lifecycle::to_string(d.state)},
                   {"attempts", d.attempts},
                   {"next_attempt_at", d.next_attempt_at},
                   {"last_error", d.last_error},
                   {"delivered_to", d.delivered_to},
                   {"updated_at", d.updated_at}});
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace app
