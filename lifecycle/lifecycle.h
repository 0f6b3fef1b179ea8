// lifecycle/ — flow and invoice states, the tracking store, and the status files.
//
// Contract:
//  - The state machines of DOMAIN.md are enforced here and only here: every status change
//    goes through Store::set_flow_status / set_invoice_status, which refuse an illegal
//    transition with Error{"LC-TRANSITION-REFUSED"} and change nothing.
//  - Every status change is recorded in a history table with time, source and reason.
//  - The store (SQLite, WAL) is the source of truth; reports are projections of it, written
//    temp + fsync + rename.
//  - Store methods throw StoreError only on operational failure (disk, corrupt database);
//    expected refusals are Results.
//  - One Store per thread (it owns one SQLite connection).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "model/result.h"
#include "model/status.h"

namespace lifecycle {

bool flow_transition_allowed(model::FlowStatus from, model::FlowStatus to);
bool invoice_transition_allowed(model::InvoiceStatus from, model::InvoiceStatus to);

struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct FlowRow {
  std::int64_t number = 0;  // sequence number, 1, 2, … (numeroFluxDepot-like)
  std::string partner;
  std::string file_name;
  std::string sha256;
  std::uintmax_t size = 0;
  std::string syntax;  // syntax code, "" until detected
  model::FlowStatus status = model::FlowStatus::recu;
  std::string received_at;  // ISO 8601 UTC, e.g. 2026-11-23T11:14:00Z
  std::string updated_at;
  std::optional<std::int64_t> duplicate_of;  // set on a FLOW-DUPLICATE flow
  int invoices = 0;
  int accepted = 0;
  int rejected = 0;
  std::string rules_version;        // e.g. "EN16931-1.3.16": the rule set invoices were checked by
  std::string referential_version;  // the referential version they were checked against
};

// What fluxd knows of one invoice of a flow.
struct InvoiceRecord {
  int position = 0;      // 1-based place in the flow
  std::string document;  // document name inside the flow
  std::string key;       // model::invoice_key
  std::string number;    // BT-1
  std::string issue_date;
  std::string type_code;
  std::string syntax;
  std::string supplier_id;
  std::string recipient_id;
  std::string service_code;  // BT-10
  std::string engagement;    // BT-13
  std::string currency;
  std::string payable;  // BT-115 as written, "" if absent
};

struct InvoiceRow {
  std::int64_t id = 0;
  InvoiceRecord record;
  model::InvoiceStatus status = model::InvoiceStatus::deposee;
  std::string delivered_to;  // path/URL where the routed copy went, "" if none
  std::vector<model::Finding> findings;
};

struct FlowDetail {
  FlowRow flow;
  std::vector<model::Finding> flow_findings;
  std::vector<InvoiceRow> invoices;
};

struct HistoryRow {
  std::string at;
  std::string from;  // "" for the first status
  std::string to;
  std::string source;  // "fluxd", "recipient:<id>", "partner:<code>", "operator"
  std::string reason;
  std::string status_date;        // YYYY-MM-DD the sender gave for the change, "" if none
  bool shown_to_supplier = true;  // false: MISE_EN_PAIEMENT of a structure that does not
                                  // manage the payment status (DOMAIN.md): never sent
};

// What a status change carries beyond its source and reason.
struct ChangeDetails {
  std::string status_date;  // see HistoryRow
  bool shown_to_supplier = true;
};

// Handing an accepted invoice to its recipient's channel. An invoice is MISE_A_DISPOSITION
// only once its delivery succeeded; until then it is DEPOSEE with a pending delivery, retried
// with backoff, and `dead` after the last attempt, until an operator replays it.
enum class DeliveryState { pending, delivered, dead };
std::string_view to_string(DeliveryState state);  // "pending", "delivered", "dead"
std::optional<DeliveryState> delivery_state_from_string(std::string_view text);

struct DeliveryRow {
  std::int64_t invoice_id = 0;
  std::int64_t flow_number = 0;  // filled on reads
  std::string invoice_number;    // BT-1, filled on reads
  std::string channel;           // configured channel name
  std::string recipient;
  std::string service;
  std::string file_name;        // final name at the destination
  std::string idempotency_key;  // the same on every attempt
  std::string metadata;         // the sidecar (JSON text), opaque to the store
  DeliveryState state = DeliveryState::pending;
  int attempts = 0;             // failed attempts so far
  std::string next_attempt_at;  // ISO 8601 UTC
  std::string last_error;       // "CODE: message" of the last failed attempt
  std::string delivered_to;     // where it landed
  std::string updated_at;
};

struct DeliveryFilter {
  std::optional<DeliveryState> state;
  int limit = 100;  // newest first; 0 or less: no limit
};

// Received dates are YYYY-MM-DD, inclusive, compared with the flow's received_at (UTC).
struct FlowFilter {
  std::optional<model::FlowStatus> status;
  std::optional<std::string> partner;
  int limit = 100;  // newest first; 0 or less: no limit
  // Added after `limit`, so existing initialisers by position keep their meaning.
  std::optional<std::string> syntax;
  std::optional<std::string> file_contains;  // part of the file name
  std::optional<std::string> received_from;
  std::optional<std::string> received_to;
  int offset = 0;  // flows skipped before the first one returned (paging)
};

// Every given criterion must hold. Dates as in FlowFilter, of the invoice's flow.
struct InvoiceFilter {
  std::optional<std::string> supplier;   // supplier id (SIRET), exact
  std::optional<std::string> recipient;  // recipient id (SIRET), exact
  std::optional<std::string> number_contains;
  std::optional<std::string> engagement_contains;
  std::optional<model::InvoiceStatus> status;
  std::optional<std::string> partner;
  std::optional<std::string> received_from;
  std::optional<std::string> received_to;
  int limit = 100;  // newest first; 0 or less: no limit
};

// An invoice with the flow it came in and the routing metadata of its delivery.
struct InvoiceSummary {
  InvoiceRow invoice;  // its findings are not read here
  std::int64_t flow_number = 0;
  std::string partner;
  std::string received_at;        // the flow's
  std::string delivery_metadata;  // deliveries.metadata (JSON text), "" without a delivery
};

// `fluxd suivi invoice`: everything known of one invoice.
struct InvoiceDetail {
  InvoiceSummary summary;  // its invoice with its findings
  FlowRow flow;
  std::vector<HistoryRow> history;
  std::optional<DeliveryRow> delivery;
};

// One row of status_history with what names its subject, for `fluxd suivi follow`.
struct HistoryEvent {
  std::int64_t id = 0;   // status_history.id: grows with every change
  std::string kind;      // "flow" or "invoice"
  std::int64_t ref = 0;  // flow number or invoice id
  HistoryRow change;
  std::int64_t flow_number = 0;  // the flow, or the invoice's flow
  std::string partner;
  std::string file_name;       // the flow's
  std::string invoice_number;  // BT-1, "" for a flow's change
  // The invoice's, "" for a flow's change.
  std::string invoice_key;
  std::string supplier_id;
  std::string recipient_id;
  std::string service_code;
  std::string engagement;
};

struct StatsFilter {
  std::optional<std::string> partner;
  std::optional<std::string> received_from;  // as in FlowFilter
  std::optional<std::string> received_to;
};

// `fluxd suivi stats`. Invoices are counted with the received date and partner of their flow.
struct Stats {
  struct ByStatus {
    std::string status;  // code
    std::int64_t count = 0;
  };
  struct ByDay {
    std::string day;  // YYYY-MM-DD (received, UTC)
    std::int64_t flows = 0;
    std::int64_t invoices = 0;
  };
  struct ByPartner {
    std::string partner;
    std::int64_t flows = 0;
    std::int64_t invoices = 0;
    std::int64_t rejected = 0;  // invoices now REJETEE
  };
  struct ByRecipient {
    std::string recipient;
    std::int64_t invoices = 0;
    std::int64_t rejected = 0;
  };
  // A fatal rule id: how many flows it refused (flow-level findings) and how many invoices
  // it rejected.
  struct Reason {
    std::string rule;
    std::int64_t flows = 0;
    std::int64_t invoices = 0;
  };
  std::int64_t flows = 0;
  std::int64_t invoices = 0;
  std::vector<ByStatus> flows_by_status;     // most frequent first
  std::vector<ByStatus> invoices_by_status;  // most frequent first
  std::vector<ByDay> by_day;                 // oldest day first
  std::vector<ByPartner> by_partner;         // by partner code
  std::vector<ByRecipient> by_recipient;     // most invoices first
  std::vector<Reason> rejection_reasons;     // most frequent first (flows + invoices)
};

class Store {
 public:
  // Opens (creating if needed) the database in WAL mode and migrates its schema.
  explicit Store(const std::filesystem::path& db_file);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Groups the writes of one flow; nothing of it is visible or durable before commit().
  void begin();
  void commit();
  void rollback();

  // Records a claimed flow as IN_RECU and returns its new sequence number.
  std::int64_t record_flow(std::string_view partner, std::string_view file_name,
                           std::string_view sha256, std::uintmax_t size,
                           std::optional<std::int64_t> duplicate_of = std::nullopt);
  // The first flow recorded with these bytes that is not itself a duplicate.
  std::optional<FlowRow> flow_by_sha(std::string_view sha256);

  void set_flow_syntax(std::int64_t number, std::string_view syntax);
  void set_flow_versions(std::int64_t number, std::string_view rules_version,
                         std::string_view referential_version);
  // Errors (nothing changed): LC-TRANSITION-REFUSED, LC-FLOW-UNKNOWN.
  model::Status set_flow_status(std::int64_t number, model::FlowStatus to, std::string_view source,
                                std::string_view reason);
  void add_flow_finding(std::int64_t number, const model::Finding& finding);

  // Records an invoice of the flow as DEPOSEE with its findings; returns its id.
  std::int64_t add_invoice(std::int64_t flow_number, const InvoiceRecord& record,
                           const std::vector<model::Finding>& findings);
  // Errors (nothing changed): LC-TRANSITION-REFUSED, LC-INVOICE-UNKNOWN, and
  // LC-REASON-REQUIRED when REJETEE or SUSPENDUE comes with an empty reason (DOMAIN.md).
  model::Status set_invoice_status(std::int64_t invoice_id, model::InvoiceStatus to,
                                   std::string_view source, std::string_view reason,
                                   const ChangeDetails& details = {});
  void set_invoice_delivery(std::int64_t invoice_id, std::string_view delivered_to);

  // The earliest invoice with this key that is not rejected nor sent back for recycling, as
  // "flow N, invoice P" — what FR-DUPLICATE reports; nullopt when there is none.
  std::optional<std::string> accepted_invoice_with_key(std::string_view key);

  // Records the pending delivery of an accepted invoice, due now.
  void add_delivery(const DeliveryRow& delivery);
  // Pending deliveries due at `now` (ISO UTC), oldest first; only the flow's when given.
  std::vector<DeliveryRow> due_deliveries(std::string_view now,
                                          std::optional<std::int64_t> flow_number = std::nullopt);
  // In one change: the delivery is done, the invoice records where it went and becomes
  // MISE_A_DISPOSITION. Errors: LC-DELIVERY-UNKNOWN, LC-TRANSITION-REFUSED.
  model::Status delivery_succeeded(std::int64_t invoice_id, std::string_view delivered_to);
  // Counts a failed attempt: due again at `next_attempt_at`, or dead when `dead`.
  void delivery_failed(std::int64_t invoice_id, std::string_view error,
                       std::string_view next_attempt_at, bool dead);
  std::vector<DeliveryRow> deliveries(const DeliveryFilter& filter);
  // An operator's replay: a dead (or pending) delivery is due now with its attempts reset.
  // Errors: LC-DELIVERY-UNKNOWN, LC-DELIVERY-DONE (already delivered: never twice).
  model::Status replay_delivery(std::int64_t invoice_id);

  std::vector<FlowRow> flows(const FlowFilter& filter);
  // How many flows match the filter, ignoring its limit and offset (paging's total).
  std::int64_t count_flows(const FlowFilter& filter);
  std::optional<FlowDetail> flow(std::int64_t number);
  std::vector<HistoryRow> flow_history(std::int64_t number);
  std::vector<HistoryRow> invoice_history(std::int64_t invoice_id);

  // How many flows ("flow") or invoices ("invoice") are in each status code, by code.
  std::vector<std::pair<std::string, std::int64_t>> count_by_status(std::string_view kind);

  // Invoices matching every criterion, newest first.
  std::vector<InvoiceSummary> invoices(const InvoiceFilter& filter);
  // Invoices an operator may mean by `reference`: the id (when it is an integer), the key as
  // stored, or the number (BT-1); newest first, each once.
  std::vector<InvoiceSummary> invoices_matching(std::string_view reference);
  std::optional<InvoiceDetail> invoice(std::int64_t invoice_id);

  // Invoices recorded with this key (model::invoice_key), newest first.
  std::vector<InvoiceSummary> invoices_with_key(std::string_view key);

  // Status-update files: one row per claimed file (sender, the unique name it was claimed
  // under), so a file is applied once. Recorded in the caller's transaction with its updates;
  // the result (update_result_json) with them. nullopt when this file was never applied.
  std::optional<std::string> update_file_result(std::string_view sender,
                                                std::string_view claimed_name);
  std::int64_t record_update_file(std::string_view sender, std::string_view claimed_name,
                                  std::string_view file_name, std::string_view sha256,
                                  std::string_view received_at);
  void set_update_file_result(std::int64_t number, std::string_view result_json);

  // Named positions in the status history (e.g. how far lifecycle messages were written);
  // 0 for a name never set.
  std::int64_t cursor(std::string_view name);
  void set_cursor(std::string_view name, std::int64_t last_id);

  // The id of the latest status change, 0 when there is none.
  std::int64_t last_history_id();
  // Status changes (flows and invoices) after `after_id`, oldest first, at most `limit`.
  std::vector<HistoryEvent> history_after(std::int64_t after_id, int limit = 1000);

  Stats stats(const StatsFilter& filter);

  // PRAGMA integrity_check == "ok".
  bool integrity_ok();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The integration report (compte rendu d'intégration) of a finished flow, as
// `<reports_dir>/<partner>/CR-<number, 10 digits>.xml` (valid against
// schemas/integration-report.xsd) and `.json`, each written temp + fsync + rename.
struct ReportFiles {
  std::filesystem::path xml;
  std::filesystem::path json;
};
ReportFiles write_report(const std::filesystem::path& reports_dir, const FlowDetail& detail);

// The report's JSON document (also used by `fluxd suivi flow --json`).
std::string report_json(const FlowDetail& detail);
std::string report_xml(const FlowDetail& detail);

// ---- Status files to partners and recipients (lifecycle/status_files.cpp) ----

// A lifecycle message (compte rendu de cycle de vie): one invoice status change, for a partner
// that opted in, as `<lifecycle_dir>/<partner>/CV-<event id, 12 digits>.xml`, valid against
// schemas/lifecycle-message.xsd, written temp + fsync + rename. Event ids only grow, so the
// names sort in the order the changes happened; writing the same event again gives the same
// file with the same content (a retry after a crash replaces it, never adds one).
// `event` must be an invoice change (kind "invoice").
std::string lifecycle_message_xml(const HistoryEvent& event);
std::filesystem::path write_lifecycle_message(const std::filesystem::path& lifecycle_dir,
                                              const HistoryEvent& event);

// What became of one status-update file (see app/updates.h).
struct UpdateOutcome {
  std::size_t line = 0;   // where the update was in the file (0: the whole file)
  std::string reference;  // the invoice id or key as given
  std::string status;     // the status asked for, as given
  std::string date;       // as given
  bool applied = false;
  std::optional<std::int64_t> invoice_id;  // the invoice it was applied to or refused for
  std::string code;     // refusal code ("LC-TRANSITION-REFUSED", "UPD-…"), "" when applied
  std::string message;  // why, "" when applied
};
struct UpdateFileResult {
  std::int64_t number = 0;  // sequence of the update file (1, 2, …)
  std::string sender;       // the folder: a structure id, or a partner code
  std::string file_name;
  std::string sha256;
  std::string format;       // "csv", "xml", "" when unknown
  std::string received_at;  // ISO 8601 UTC
  std::string file_code;    // set when the whole file was refused ("UPD-…"), else ""
  std::string file_message;
  std::vector<UpdateOutcome> outcomes;  // one per update, in file order
};
// The result file, valid against schemas/status-update-result.xsd.
std::string update_result_xml(const UpdateFileResult& result);
// Header `line;reference;invoice_id;status;date;result;code;message`, result `APPLIQUE` or
// `REFUSE`; a refused file is one row with line 0. `;`, RFC 4180 quoting, CRLF, UTF-8.
std::string update_result_csv(const UpdateFileResult& result);
std::string update_result_json(const UpdateFileResult& result);
std::optional<UpdateFileResult> update_result_from_json(std::string_view json);
// `<results_dir>/<sender>/RES-<number, 10 digits>-<file name>.xml` (for XML and unknown
// input) or `.csv` (for CSV input), temp + fsync + rename.
std::filesystem::path write_update_result(const std::filesystem::path& results_dir,
                                          const UpdateFileResult& result);

// Current time as ISO 8601 UTC with seconds ("2026-11-23T11:14:00Z").
std::string now_utc();

}  // namespace lifecycle
