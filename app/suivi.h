#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lifecycle/lifecycle.h"

namespace app {

// Renderings for `fluxd suivi` and the batch summary: aligned text for a terminal (French
// labels next to codes) or JSON for scripts.
std::string flows_table(const std::vector<lifecycle::FlowRow>& flows);
// The batch summary: the flows table plus each flow's rejection reasons (rule ids).
std::string batch_table(const std::vector<lifecycle::FlowDetail>& flows);
std::string flows_json(const std::vector<lifecycle::FlowRow>& flows);
std::string flow_text(const lifecycle::FlowDetail& detail);
// `fluxd suivi deliveries`: invoice, flow, channel, destination, state, attempts, last error.
std::string deliveries_table(const std::vector<lifecycle::DeliveryRow>& rows);
std::string deliveries_json(const std::vector<lifecycle::DeliveryRow>& rows);

// Which page of `suivi flows` is shown: `number` (1-based) of `size` flows, out of `total`.
struct Page {
  int number = 1;
  int size = 100;
  std::int64_t total = 0;
};
// The line under the flows table: page k of n, total count, how to see the next page.
std::string page_line(const Page& page);

// `fluxd suivi search`: id, flow, number, date, supplier, recipient, service, EJ, status.
std::string invoices_table(const std::vector<lifecycle::InvoiceSummary>& invoices);
std::string invoices_json(const std::vector<lifecycle::InvoiceSummary>& invoices);
// `fluxd suivi invoice`: the invoice, its flow, its delivery, its history and findings.
std::string invoice_text(const lifecycle::InvoiceDetail& detail);
std::string invoice_json(const lifecycle::InvoiceDetail& detail);
// Several invoices answer to `reference`: the list, and how to choose one by id.
std::string invoice_choice_text(std::string_view reference,
                                const std::vector<lifecycle::InvoiceSummary>& matches);
std::string invoice_choice_json(std::string_view reference,
                                const std::vector<lifecycle::InvoiceSummary>& matches);

// `fluxd suivi stats`.
std::string stats_text(const lifecycle::Stats& stats);
std::string stats_json(const lifecycle::Stats& stats);

// `fluxd suivi export`: one row per invoice with its flow, routing, budget frame and status.
// The column names, in order (the CSV header and the JSON keys).
const std::vector<std::string>& export_columns();
// CSV: `;`-separated (what French finance tools expect), RFC 4180 quoting, CRLF line ends,
// a header row, UTF-8.
std::string export_csv(const std::vector<lifecycle::InvoiceSummary>& invoices);
std::string export_json(const std::vector<lifecycle::InvoiceSummary>& invoices);

// `fluxd suivi follow`: one line per status change.
std::string event_line(const lifecycle::HistoryEvent& event);
std::string event_json_line(const lifecycle::HistoryEvent& event);

// `fluxd batch` on a terminal: "[#####-----] 120/400 flows".
std::string progress_bar(std::size_t done, std::size_t total);

}  // namespace app
