#include "app/suivi.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "lifecycle/invoice_json.h"

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

std::string status_text(model::InvoiceStatus s) {
  return fmt::format("{} ({})", model::to_code(s), model::label_fr(s));
}

// The French label of a flow or invoice status code as stored, "" for an unknown code.
std::string label_of(std::string_view kind, std::string_view code) {
  if (kind == "flow") {
    if (auto s = model::flow_status_from_code(code)) return std::string(model::label_fr(*s));
  } else if (auto s = model::invoice_status_from_code(code)) {
    return std::string(model::label_fr(*s));
  }
  return "";
}

std::string code_text(std::string_view kind, std::string_view code) {
  const std::string label = label_of(kind, code);
  return label.empty() ? std::string(code) : fmt::format("{} ({})", code, label);
}

std::string dash(std::string_view s) {
  return s.empty() ? "-" : std::string(s);
}

// "2026-11-23T11:14:00Z" → "2026-11-23 11:14": enough to tell flows apart in a table.
std::string short_time(std::string_view iso) {
  if (iso.size() < 16) return std::string(iso);
  std::string out(iso.substr(0, 16));
  out[10] = ' ';
  return out;
}

// Prefixes every line.
std::string indented(const std::string& text, std::string_view indent) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::size_t stop = end == std::string::npos ? text.size() : end + 1;
    out += std::string(indent) + text.substr(start, stop - start);
    start = stop;
  }
  return out;
}

// One line of text whatever a partner or recipient wrote.
std::string one_line(std::string s) {
  std::replace_if(
      s.begin(), s.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return s;
}

// Invoice data may hold bytes that are not UTF-8: replace them rather than throw.
std::string dumped(const nlohmann::ordered_json& j, int indent = 2) {
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
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
  // The batch summary needs no date: its flows were all received just now.
  std::vector<std::vector<std::string>> rows{kFlowHeader};
  rows.front().insert(rows.front().begin() + 1, "REÇU LE");
  for (const auto& f : flows) {
    rows.push_back(flow_columns(f));
    rows.back().insert(rows.back().begin() + 1, short_time(f.received_at));
  }
  return render(rows);
}

std::string page_line(const Page& page) {
  if (page.total == 0) return "Aucun flux.\n";
  const std::int64_t size = std::max(page.size, 1);
  const std::int64_t pages = (page.total + size - 1) / size;
  const std::int64_t first = (page.number - 1) * size + 1;
  if (first > page.total)
    return fmt::format("Page {}/{}: aucun flux sur cette page ({} flux au total).\n", page.number,
                       pages, page.total);
  const std::int64_t last = std::min(first + size - 1, page.total);
  std::string out = fmt::format("Page {}/{} — flux {} à {} sur {} au total", page.number, pages,
                                first, last, page.total);
  if (page.number < pages) out += fmt::format(" (suite: --page {})", page.number + 1);
  return out + ".\n";
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
  return array.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
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

namespace {

nlohmann::ordered_json findings_json(const std::vector<model::Finding>& findings) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& f : findings)
    out.push_back({{"rule", f.rule},
                   {"severity", model::to_string(f.severity)},
                   {"location", f.location},
                   {"message", f.message}});
  return out;
}

nlohmann::ordered_json summary_json(const lifecycle::InvoiceSummary& s) {
  nlohmann::ordered_json j{{"id", s.invoice.id},
                           {"flow", s.flow_number},
                           {"partner", s.partner},
                           {"received_at", s.received_at}};
  j.update(lifecycle::invoice_fields_json(s.invoice));
  return j;
}

// The budget frame the delivery row recorded with the routing (app/delivery.cpp
// routing_metadata): cost_centre, functional_domain, programming_ref; "" when unknown.
struct BudgetFrame {
  std::string cost_centre, functional_domain, programming_ref;
};

BudgetFrame budget_frame(const std::string& metadata) {
  BudgetFrame frame;
  const auto j = nlohmann::json::parse(metadata, nullptr, false);
  if (!j.is_object()) return frame;
  auto text = [&](const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  frame.cost_centre = text("cost_centre");
  frame.functional_domain = text("functional_domain");
  frame.programming_ref = text("programming_ref");
  return frame;
}

std::vector<std::string> summary_columns(const lifecycle::InvoiceSummary& s) {
  const auto& r = s.invoice.record;
  return {std::to_string(s.invoice.id),
          std::to_string(s.flow_number),
          dash(r.number),
          dash(r.issue_date),
          dash(r.supplier_id),
          dash(r.recipient_id),
          dash(r.service_code),
          dash(r.engagement),
          status_text(s.invoice.status)};
}

const std::vector<std::string> kInvoiceHeader{
    "ID", "FLUX", "NUMÉRO", "DATE", "FOURNISSEUR", "DESTINATAIRE", "SERVICE", "EJ", "STATUT"};

std::string_view delivery_state_fr(lifecycle::DeliveryState state) {
  switch (state) {
    case lifecycle::DeliveryState::pending:
      return "en attente";
    case lifecycle::DeliveryState::delivered:
      return "remise";
    case lifecycle::DeliveryState::dead:
      return "abandonnée";
  }
  return "";
}

// The row of `suivi export` for one invoice, in export_columns() order.
std::vector<std::string> export_row(const lifecycle::InvoiceSummary& s) {
  const auto& r = s.invoice.record;
  const BudgetFrame frame = budget_frame(s.delivery_metadata);
  return {std::to_string(s.flow_number),
          s.received_at,
          s.partner,
          std::to_string(s.invoice.id),
          r.key,
          r.number,
          r.issue_date,
          r.type_code,
          r.supplier_id,
          r.recipient_id,
          r.service_code,
          r.engagement,
          frame.cost_centre,
          frame.functional_domain,
          frame.programming_ref,
          r.payable,
          r.currency,
          std::string(model::to_code(s.invoice.status)),
          std::string(model::label_fr(s.invoice.status)),
          s.invoice.delivered_to};
}

// RFC 4180: a field holding the separator, a quote or a line break is quoted, quotes doubled.
std::string csv_field(std::string_view value) {
  if (value.find_first_of(";\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) line += (i ? ";" : "") + csv_field(fields[i]);
  return line + "\r\n";
}

}  // namespace

std::string invoices_table(const std::vector<lifecycle::InvoiceSummary>& invoices) {
  if (invoices.empty()) return "Aucune facture (no invoice).\n";
  std::vector<std::vector<std::string>> rows{kInvoiceHeader};
  for (const auto& s : invoices) rows.push_back(summary_columns(s));
  return render(rows);
}

std::string invoices_json(const std::vector<lifecycle::InvoiceSummary>& invoices) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& s : invoices) out.push_back(summary_json(s));
  return dumped(out) + "\n";
}

std::string invoice_text(const lifecycle::InvoiceDetail& d) {
  const auto& s = d.summary;
  const auto& inv = s.invoice;
  const auto& r = inv.record;
  std::string out = fmt::format("Facture {}  n° {} du {}  {}\n", inv.id, dash(r.number),
                                dash(r.issue_date), status_text(inv.status));
  std::vector<std::vector<std::string>> facts{
      {"clé", dash(r.key)},
      {"type", fmt::format("{}  ({}, document {}, position {})", dash(r.type_code), dash(r.syntax),
                           dash(r.document), r.position)},
      {"fournisseur", dash(r.supplier_id)},
      {"destinataire", dash(r.recipient_id)},
      {"service", dash(r.service_code)},
      {"EJ", dash(r.engagement)},
      {"montant", r.payable.empty() ? "-" : fmt::format("{} {}", r.payable, r.currency)},
      {"flux", fmt::format("{}  {}  {}  reçu le {}  {}", d.flow.number, d.flow.partner,
                           d.flow.file_name, d.flow.received_at, status_text(d.flow.status))}};
  const BudgetFrame frame = budget_frame(s.delivery_metadata);
  if (!frame.cost_centre.empty() || !frame.functional_domain.empty() ||
      !frame.programming_ref.empty())
    facts.push_back({"cadre budgétaire",
                     fmt::format("centre de coût {}, domaine fonctionnel {}, programmation {}",
                                 dash(frame.cost_centre), dash(frame.functional_domain),
                                 dash(frame.programming_ref))});
  if (!d.delivery) {
    facts.push_back({"remise", "aucune"});
  } else {
    const auto& del = *d.delivery;
    std::string where = del.state == lifecycle::DeliveryState::delivered
                            ? del.delivered_to
                            : fmt::format("{} essai(s) échoué(s){}{}", del.attempts,
                                          del.state == lifecycle::DeliveryState::pending
                                              ? ", prochain essai " + del.next_attempt_at
                                              : "",
                                          del.last_error.empty() ? "" : ", " + del.last_error);
    facts.push_back({"remise", fmt::format("canal {}  {} ({})  {}", del.channel,
                                           lifecycle::to_string(del.state),
                                           delivery_state_fr(del.state), one_line(where))});
  }
  out += indented(render(facts), "  ");
  out += "  historique:\n";
  std::vector<std::vector<std::string>> history{
      {"DATE", "DE", "VERS", "DATE STATUT", "SOURCE", "MOTIF"}};
  for (const auto& h : d.history)
    history.push_back({h.at, h.from.empty() ? "-" : h.from,
                       code_text("invoice", h.to) +
                           (h.shown_to_supplier ? "" : " [non communiqué au fournisseur]"),
                       dash(h.status_date), dash(h.source), dash(one_line(h.reason))});
  out += indented(render(history), "    ");
  if (!inv.findings.empty()) {
    out += "  anomalies:\n";
    for (const auto& x : inv.findings)
      out += fmt::format("    {} [{}] {} — {}\n", x.rule, model::to_string(x.severity), x.location,
                         one_line(x.message));
  }
  return out;
}

std::string invoice_json(const lifecycle::InvoiceDetail& d) {
  auto out = summary_json(d.summary);
  const BudgetFrame frame = budget_frame(d.summary.delivery_metadata);
  out["cost_centre"] = frame.cost_centre;
  out["functional_domain"] = frame.functional_domain;
  out["programming_ref"] = frame.programming_ref;
  out["findings"] = findings_json(d.summary.invoice.findings);
  out["flow_detail"] = {{"number", d.flow.number},
                        {"partner", d.flow.partner},
                        {"file", d.flow.file_name},
                        {"syntax", d.flow.syntax},
                        {"received_at", d.flow.received_at},
                        {"status", model::to_code(d.flow.status)},
                        {"status_label", model::label_fr(d.flow.status)}};
  if (d.delivery) {
    const auto& del = *d.delivery;
    out["delivery"] = {
        {"channel", del.channel},           {"state", lifecycle::to_string(del.state)},
        {"attempts", del.attempts},         {"next_attempt_at", del.next_attempt_at},
        {"last_error", del.last_error},     {"file_name", del.file_name},
        {"delivered_to", del.delivered_to}, {"updated_at", del.updated_at}};
  } else {
    out["delivery"] = nullptr;
  }
  auto history = nlohmann::ordered_json::array();
  for (const auto& h : d.history)
    history.push_back({{"at", h.at},
                       {"from", h.from},
                       {"to", h.to},
                       {"to_label", label_of("invoice", h.to)},
                       {"source", h.source},
                       {"reason", h.reason},
                       {"status_date", h.status_date},
                       {"shown_to_supplier", h.shown_to_supplier}});
  out["history"] = std::move(history);
  return dumped(out) + "\n";
}

std::string invoice_choice_text(std::string_view reference,
                                const std::vector<lifecycle::InvoiceSummary>& matches) {
  std::vector<std::vector<std::string>> rows{kInvoiceHeader};
  rows.front().push_back("CLÉ");
  for (const auto& s : matches) {
    rows.push_back(summary_columns(s));
    rows.back().push_back(s.invoice.record.key);
  }
  return fmt::format("{} factures correspondent à « {} »:\n", matches.size(), reference) +
         render(rows) + "Choisissez par id: fluxd suivi invoice --id <ID>\n";
}

std::string invoice_choice_json(std::string_view reference,
                                const std::vector<lifecycle::InvoiceSummary>& matches) {
  auto list = nlohmann::ordered_json::array();
  for (const auto& s : matches) list.push_back(summary_json(s));
  nlohmann::ordered_json out{{"reference", reference}, {"matches", std::move(list)}};
  return dumped(out) + "\n";
}

std::string stats_text(const lifecycle::Stats& st) {
  auto number = [](std::int64_t n) { return std::to_string(n); };
  std::string out = fmt::format("{} flux, {} factures\n", st.flows, st.invoices);
  auto section = [&](std::string_view title, std::vector<std::vector<std::string>> rows) {
    out += fmt::format("\n{}\n", title);
    out += rows.size() > 1 ? indented(render(rows), "  ") : "  (aucun)\n";
  };
  std::vector<std::vector<std::string>> rows{{"STATUT", "FLUX"}};
  for (const auto& c : st.flows_by_status)
    rows.push_back({code_text("flow", c.status), number(c.count)});
  section("Flux par statut", std::move(rows));
  rows = {{"STATUT", "FACTURES"}};
  for (const auto& c : st.invoices_by_status)
    rows.push_back({code_text("invoice", c.status), number(c.count)});
  section("Factures par statut", std::move(rows));
  rows = {{"JOUR", "FLUX", "FACTURES"}};
  for (const auto& c : st.by_day) rows.push_back({c.day, number(c.flows), number(c.invoices)});
  section("Par jour de réception", std::move(rows));
  rows = {{"PARTENAIRE", "FLUX", "FACTURES", "REJETÉES"}};
  for (const auto& c : st.by_partner)
    rows.push_back({c.partner, number(c.flows), number(c.invoices), number(c.rejected)});
  section("Par partenaire", std::move(rows));
  rows = {{"DESTINATAIRE", "FACTURES", "REJETÉES"}};
  for (const auto& c : st.by_recipient)
    rows.push_back({dash(c.recipient), number(c.invoices), number(c.rejected)});
  section("Par destinataire", std::move(rows));
  rows = {{"RÈGLE", "FLUX", "FACTURES", "TOTAL"}};
  for (const auto& c : st.rejection_reasons)
    rows.push_back({c.rule, number(c.flows), number(c.invoices), number(c.flows + c.invoices)});
  section("Motifs de rejet (règles bloquantes, les plus fréquentes d'abord)", std::move(rows));
  return out;
}

std::string stats_json(const lifecycle::Stats& st) {
  auto by_status = [](std::string_view kind, const std::vector<lifecycle::Stats::ByStatus>& list) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& c : list)
      out.push_back(
          {{"status", c.status}, {"label", label_of(kind, c.status)}, {"count", c.count}});
    return out;
  };
  nlohmann::ordered_json out;
  out["flows"] = st.flows;
  out["invoices"] = st.invoices;
  out["flows_by_status"] = by_status("flow", st.flows_by_status);
  out["invoices_by_status"] = by_status("invoice", st.invoices_by_status);
  out["by_day"] = nlohmann::ordered_json::array();
  for (const auto& c : st.by_day)
    out["by_day"].push_back({{"day", c.day}, {"flows", c.flows}, {"invoices", c.invoices}});
  out["by_partner"] = nlohmann::ordered_json::array();
  for (const auto& c : st.by_partner)
    out["by_partner"].push_back({{"partner", c.partner},
                                 {"flows", c.flows},
                                 {"invoices", c.invoices},
                                 {"rejected", c.rejected}});
  out["by_recipient"] = nlohmann::ordered_json::array();
  for (const auto& c : st.by_recipient)
    out["by_recipient"].push_back(
        {{"recipient", c.recipient}, {"invoices", c.invoices}, {"rejected", c.rejected}});
  out["rejection_reasons"] = nlohmann::ordered_json::array();
  for (const auto& c : st.rejection_reasons)
    out["rejection_reasons"].push_back({{"rule", c.rule},
                                        {"flows", c.flows},
                                        {"invoices", c.invoices},
                                        {"total", c.flows + c.invoices}});
  return dumped(out) + "\n";
}

const std::vector<std::string>& export_columns() {
  static const std::vector<std::string> columns{
      "flow",    "received_at", "partner",     "invoice_id",        "key",
      "number",  "issue_date",  "type_code",   "supplier",          "recipient",
      "service", "engagement",  "cost_centre", "functional_domain", "programming_ref",
      "payable", "currency",    "status",      "status_label",      "delivered_to"};
  return columns;
}

std::string export_csv(const std::vector<lifecycle::InvoiceSummary>& invoices) {
  std::string out = csv_line(export_columns());
  for (const auto& s : invoices) out += csv_line(export_row(s));
  return out;
}

std::string export_json(const std::vector<lifecycle::InvoiceSummary>& invoices) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& s : invoices) {
    const auto row = export_row(s);
    nlohmann::ordered_json object;
    for (std::size_t i = 0; i < row.size(); ++i) object[export_columns()[i]] = row[i];
    object["flow"] = s.flow_number;  // numbers stay numbers in JSON
    object["invoice_id"] = s.invoice.id;
    out.push_back(std::move(object));
  }
  return dumped(out) + "\n";
}

std::string event_line(const lifecycle::HistoryEvent& e) {
  const std::string subject = e.kind == "flow"
                                  ? fmt::format("flux {}  {}  {}", e.ref, e.partner, e.file_name)
                                  : fmt::format("facture {} (n° {}, flux {}, {})", e.ref,
                                                dash(e.invoice_number), e.flow_number, e.partner);
  std::string line = fmt::format("{}  {}  {} → {}  {}", e.change.at, subject,
                                 e.change.from.empty() ? "(nouveau)" : e.change.from,
                                 code_text(e.kind, e.change.to), e.change.source);
  if (!e.change.reason.empty()) line += "  motif: " + e.change.reason;
  return one_line(std::move(line)) + "\n";
}

std::string event_json_line(const lifecycle::HistoryEvent& e) {
  nlohmann::ordered_json j{{"id", e.id},
                           {"kind", e.kind},
                           {"ref", e.ref},
                           {"at", e.change.at},
                           {"from", e.change.from},
                           {"to", e.change.to},
                           {"to_label", label_of(e.kind, e.change.to)},
                           {"source", e.change.source},
                           {"reason", e.change.reason},
                           {"flow", e.flow_number},
                           {"partner", e.partner},
                           {"file", e.file_name},
                           {"invoice_number", e.invoice_number}};
  return dumped(j, -1) + "\n";
}

std::string progress_bar(std::size_t done, std::size_t total) {
  constexpr std::size_t kWidth = 30;
  const std::size_t filled = total == 0 ? kWidth : std::min(done, total) * kWidth / total;
  return fmt::format("[{}{}] {}/{} flows", std::string(filled, '#'),
                     std::string(kWidth - filled, '-'), done, total);
}

}  // namespace app
