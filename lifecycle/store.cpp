// The tracking store: one SQLite connection in WAL mode, prepared statements reused.
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <string>
#include <unordered_map>
#include <utility>

#include "lifecycle/lifecycle.h"

namespace lifecycle {

namespace {

// Migrations[i] takes the schema from version i to i + 1; PRAGMA user_version holds the
// version reached. Add a step at the end, never edit a released one.
constexpr std::array kMigrations{
    R"sql(
CREATE TABLE flows (
  number       INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, like numeroFluxDepot
  partner      TEXT NOT NULL,
  file_name    TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  size         INTEGER NOT NULL,
  syntax       TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL,
  received_at  TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  duplicate_of INTEGER REFERENCES flows(number)
);
-- Only originals are looked up by hash, so duplicates stay out of the index.
CREATE INDEX flows_by_sha256 ON flows(sha256) WHERE duplicate_of IS NULL;

CREATE TABLE invoices (
  id           INTEGER PRIMARY KEY,
  flow_number  INTEGER NOT NULL REFERENCES flows(number),
  position     INTEGER NOT NULL,
  document     TEXT NOT NULL,
  "key"        TEXT NOT NULL,
  number       TEXT NOT NULL,
  issue_date   TEXT NOT NULL,
  type_code    TEXT NOT NULL,
  syntax       TEXT NOT NULL,
  supplier_id  TEXT NOT NULL,
  recipient_id TEXT NOT NULL,
  service_code TEXT NOT NULL,
  engagement   TEXT NOT NULL,
  currency     TEXT NOT NULL,
  payable      TEXT NOT NULL,
  status       TEXT NOT NULL,
  delivered_to TEXT NOT NULL DEFAULT ''
);
CREATE INDEX invoices_by_flow ON invoices(flow_number);

CREATE TABLE findings (
  id          INTEGER PRIMARY KEY,
  flow_number INTEGER NOT NULL REFERENCES flows(number),
  invoice_id  INTEGER REFERENCES invoices(id),  -- NULL for a flow-level finding
  rule        TEXT NOT NULL,
  severity    TEXT NOT NULL CHECK (severity IN ('fatal', 'warning')),
  location    TEXT NOT NULL,
  message     TEXT NOT NULL
);
CREATE INDEX findings_by_flow ON findings(flow_number);

CREATE TABLE status_history (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('flow', 'invoice')),
  ref         INTEGER NOT NULL,  -- flows.number or invoices.id
  at          TEXT NOT NULL,
  from_status TEXT NOT NULL,     -- '' for the first status
  to_status   TEXT NOT NULL,
  source      TEXT NOT NULL,
  reason      TEXT NOT NULL
);
-- flow_history / invoice_history. Refs mostly grow, so inserts append to the index.
CREATE INDEX history_by_ref ON status_history(kind, ref);
)sql",
    // What a flow's invoices were checked against, named in its report.
    R"sql(
ALTER TABLE flows ADD COLUMN rules_version TEXT NOT NULL DEFAULT '';
ALTER TABLE flows ADD COLUMN referential_version TEXT NOT NULL DEFAULT '';
)sql",
    // Duplicate lookups by invoice key; deliveries with their retry state.
    R"sql(
CREATE INDEX invoices_by_key ON invoices("key");
CREATE TABLE deliveries (
  invoice_id      INTEGER PRIMARY KEY REFERENCES invoices(id),
  channel         TEXT NOT NULL,
  recipient       TEXT NOT NULL,
  service         TEXT NOT NULL,
  file_name       TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  metadata        TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT NOT NULL DEFAULT '',
  delivered_to    TEXT NOT NULL DEFAULT '',
  updated_at      TEXT NOT NULL
);
-- Only pending rows are ever scanned for due work.
CREATE INDEX deliveries_due ON deliveries(next_attempt_at) WHERE state = 'pending';
)sql",
    // `fluxd suivi`: flows by partner and received date, invoices by number and parties.
    R"sql(
CREATE INDEX flows_by_partner ON flows(partner, number);
CREATE INDEX flows_by_received ON flows(received_at);
CREATE INDEX invoices_by_number ON invoices(number);
CREATE INDEX invoices_by_supplier ON invoices(supplier_id);
CREATE INDEX invoices_by_recipient ON invoices(recipient_id);
)sql",
    // Status updates from recipients: the date they gave, whether the supplier side may see
    // the change, the update files applied (by the unique name each got when it was claimed,
    // so a file is applied once even if a crash cuts its hand-off), and how far the lifecycle
    // messages to partners have been written.
    R"sql(
ALTER TABLE status_history ADD COLUMN status_date TEXT NOT NULL DEFAULT '';
ALTER TABLE status_history ADD COLUMN shown_to_supplier INTEGER NOT NULL DEFAULT 1;
CREATE TABLE update_files (
  number      INTEGER PRIMARY KEY AUTOINCREMENT,
  sender       TEXT NOT NULL,
  claimed_name TEXT NOT NULL,
  file_name    TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  received_at  TEXT NOT NULL,
  result       TEXT NOT NULL DEFAULT '',  -- lifecycle::update_result_json
  UNIQUE (sender, claimed_name)
);
CREATE TABLE cursors (
  name    TEXT PRIMARY KEY,
  last_id INTEGER NOT NULL
);
)sql",
};

constexpr int kSchemaVersion = static_cast<int>(kMigrations.size());

// The counts of FlowRow come from the invoices, never stored twice.
constexpr const char* kFlowColumns = R"sql(
SELECT f.number, f.partner, f.file_name, f.sha256, f.size, f.syntax, f.status,
       f.received_at, f.updated_at, f.duplicate_of,
       count(i.id),
       coalesce(sum(i.status <> 'REJETEE'), 0),
       coalesce(sum(i.status = 'REJETEE'), 0),
       f.rules_version, f.referential_version
FROM flows f LEFT JOIN invoices i ON i.flow_number = f.number
)sql";

const std::string kSelectFlowBySha = std::string(kFlowColumns) + R"sql(
WHERE f.sha256 = ?1 AND f.duplicate_of IS NULL
GROUP BY f.number ORDER BY f.number LIMIT 1)sql";

const std::string kSelectFlow = std::string(kFlowColumns) + R"sql(
WHERE f.number = ?1 GROUP BY f.number)sql";

constexpr const char* kInsertFlow = R"sql(
INSERT INTO flows (partner, file_name, sha256, size, status, received_at, updated_at, duplicate_of)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7))sql";

constexpr const char* kInsertInvoice = R"sql(
INSERT INTO invoices (flow_number, position, document, "key", number, issue_date, type_code,
                      syntax, supplier_id, recipient_id, service_code, engagement, currency,
                      payable, status)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15))sql";

// Read by invoice_row(); an InvoiceSummary adds the flow's and the delivery's columns.
constexpr const char* kInvoiceColumns = R"sql(
SELECT i.id, i.position, i.document, i."key", i.number, i.issue_date, i.type_code, i.syntax,
       i.supplier_id, i.recipient_id, i.service_code, i.engagement, i.currency, i.payable,
       i.status, i.delivered_to)sql";

const std::string kSelectInvoices = std::string(kInvoiceColumns) + R"sql(
FROM invoices i WHERE i.flow_number = ?1 ORDER BY i.position, i.id)sql";

const std::string kInvoiceSummaryColumns = std::string(kInvoiceColumns) + R"sql(,
       f.number, f.partner, f.received_at, coalesce(d.metadata, '')
FROM invoices i JOIN flows f ON f.number = i.flow_number
LEFT JOIN deliveries d ON d.invoice_id = i.id
)sql";

// `?1` is the id (NULL when the reference is not an integer), `?2` the reference itself.
const std::string kSelectInvoicesMatching = kInvoiceSummaryColumns + R"sql(
WHERE i.id = ?1 OR i."key" = ?2 OR i.number = ?2 ORDER BY i.id DESC)sql";

constexpr const char* kSelectHistoryAfter = R"sql(
SELECT h.id, h.kind, h.ref, h.at, h.from_status, h.to_status, h.source, h.reason,
       h.status_date, h.shown_to_supplier,
       coalesce(f.number, 0), coalesce(f.partner, ''), coalesce(f.file_name, ''),
       coalesce(i.number, ''), coalesce(i."key", ''), coalesce(i.supplier_id, ''),
       coalesce(i.recipient_id, ''), coalesce(i.service_code, ''), coalesce(i.engagement, '')
FROM status_history h
LEFT JOIN invoices i ON h.kind = 'invoice' AND i.id = h.ref
LEFT JOIN flows f ON f.number = CASE h.kind WHEN 'flow' THEN h.ref ELSE i.flow_number END
WHERE h.id > ?1 ORDER BY h.id LIMIT ?2)sql";

constexpr const char* kInsertFinding = R"sql(
INSERT INTO findings (flow_number, invoice_id, rule, severity, location, message)
VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql";

constexpr const char* kSelectFindings = R"sql(
SELECT invoice_id, rule, severity, location, message
FROM findings WHERE flow_number = ?1 ORDER BY id)sql";

constexpr const char* kInsertHistory = R"sql(
INSERT INTO status_history (kind, ref, at, from_status, to_status, source, reason, status_date,
                            shown_to_supplier)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))sql";

constexpr const char* kSelectHistory = R"sql(
SELECT at, from_status, to_status, source, reason, status_date, shown_to_supplier
FROM status_history WHERE kind = ?1 AND ref = ?2 ORDER BY id)sql";

constexpr const char* kDeliveryColumns = R"sql(
SELECT d.invoice_id, i.flow_number, i.number, d.channel, d.recipient, d.service, d.file_name,
       d.idempotency_key, d.metadata, d.state, d.attempts, d.next_attempt_at, d.last_error,
       d.delivered_to, d.updated_at
FROM deliveries d JOIN invoices i ON i.id = d.invoice_id
)sql";

const std::string kSelectDueDeliveries = std::string(kDeliveryColumns) + R"sql(
WHERE d.state = 'pending' AND d.next_attempt_at <= ?1 AND (?2 IS NULL OR i.flow_number = ?2)
ORDER BY d.next_attempt_at, d.invoice_id)sql";

const std::string kSelectDeliveries = std::string(kDeliveryColumns) + R"sql(
WHERE (?1 IS NULL OR d.state = ?1) ORDER BY d.invoice_id DESC LIMIT ?2)sql";

const std::string kSelectDelivery = std::string(kDeliveryColumns) + R"sql(
WHERE d.invoice_id = ?1)sql";

// The connection and its statement cache (Store::Impl is private, so helpers use this).
struct Connection {
  sqlite3* db = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> statements;

  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() {
    for (auto& [sql, stmt] : statements) sqlite3_finalize(stmt);
    sqlite3_close(db);  // an open transaction is rolled back
  }

  [[noreturn]] void fail(std::string_view operation) const {
    throw StoreError(fmt::format("{}: {}", operation, sqlite3_errmsg(db)));
  }

  void exec(const char* sql, std::string_view operation) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(operation);
  }

  sqlite3_stmt* prepared(const std::string& sql) {
    auto it = statements.find(sql);
    if (it != statements.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) !=
        SQLITE_OK)
      fail("prepare");
    statements.emplace(sql, stmt);
    return stmt;
  }
};

// One use of a cached statement: binds, steps, and resets it when done (even on a throw)
// so a half-read SELECT never keeps a read transaction open.
class Query {
 public:
  Query(Connection& store, const std::string& sql, std::string_view operation)
      : store_(store), stmt_(store.prepared(sql)), operation_(operation) {}
  ~Query() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  Query& bind(int index, std::string_view text) {
    check(sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                            SQLITE_TRANSIENT));
    return *this;
  }
  Query& bind(int index, std::int64_t value) {
    check(sqlite3_bind_int64(stmt_, index, value));
    return *this;
  }
  template <typename T>
  Query& bind(int index, const std::optional<T>& value) {
    if (value) return bind(index, *value);
    check(sqlite3_bind_null(stmt_, index));
    return *this;
  }

  // True while there is a row to read.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    store_.fail(operation_);
  }
  void run() {
    if (step()) throw StoreError(fmt::format("{}: unexpected row", operation_));
  }

  std::int64_t integer(int column) { return sqlite3_column_int64(stmt_, column); }
  bool is_null(int column) { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string text(int column) {
    const auto* bytes = sqlite3_column_text(stmt_, column);
    const int size = sqlite3_column_bytes(stmt_, column);
    return bytes ? std::string(reinterpret_cast<const char*>(bytes), static_cast<size_t>(size))
                 : std::string();
  }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) store_.fail(operation_);
  }

  Connection& store_;
  sqlite3_stmt* stmt_;
  std::string_view operation_;
};

// Makes a multi-statement change atomic. Outside a transaction it opens its own (IMMEDIATE,
// so reading the current status then writing cannot fail on a lock upgrade); inside the
// caller's begin() it uses a savepoint, so a failure undoes only this change.
class Change {
 public:
  explicit Change(Connection& store) : store_(store), own_(sqlite3_get_autocommit(store.db)) {
    store_.exec(own_ ? "BEGIN IMMEDIATE" : "SAVEPOINT lifecycle_change", "begin change");
  }
  ~Change() {
    if (done_) return;
    // Best effort: we are already leaving on an error or a refusal.
    sqlite3_exec(store_.db,
                 own_ ? "ROLLBACK" : "ROLLBACK TO lifecycle_change; RELEASE lifecycle_change",
                 nullptr, nullptr, nullptr);
  }
  Change(const Change&) = delete;
  Change& operator=(const Change&) = delete;

  void commit() {
    store_.exec(own_ ? "COMMIT" : "RELEASE lifecycle_change", "commit change");
    done_ = true;
  }

 private:
  Connection& store_;
  bool own_;
  bool done_ = false;
};

// The WHERE clause of optional filters: only the criteria given, each with its own parameter
// (an "?1 IS NULL OR …" term would keep SQLite from using an index). A term names its one
// parameter "?"; parameters are numbered in the order the terms are added.
class Conditions {
 public:
  void add(std::string_view term, const std::optional<std::string>& value) {
    if (!value) return;
    std::string numbered;
    for (char c : term)
      numbered += c == '?' ? fmt::format("?{}", values_.size() + 1) : std::string(1, c);
    terms_.push_back(std::move(numbered));
    values_.push_back(*value);
  }
  void add_fixed(std::string term) { terms_.push_back(std::move(term)); }
  // A received_at (ISO UTC) within [from, to], both YYYY-MM-DD and inclusive. Compared as
  // text so the index serves: "…-23U" sorts right after every "…-23T…" of that day.
  void add_received(std::string_view column, const std::optional<std::string>& from,
                    const std::optional<std::string>& to) {
    add(fmt::format("{} >= ?", column), from);
    add(fmt::format("{} < ?", column), to ? std::optional(*to + "U") : std::nullopt);
  }

  std::string where() const {
    std::string out;
    for (const auto& term : terms_) out += (out.empty() ? "\nWHERE " : " AND ") + term;
    return out;
  }
  // The number of the first parameter after the conditions'.
  int next_parameter() const { return static_cast<int>(values_.size()) + 1; }
  void bind(Query& q) const {
    for (std::size_t i = 0; i < values_.size(); ++i)
      q.bind(static_cast<int>(i) + 1, std::string_view(values_[i]));
  }

 private:
  std::vector<std::string> terms_;
  std::vector<std::string> values_;
};

std::optional<std::string> code_of(const std::optional<model::FlowStatus>& status) {
  return status ? std::optional<std::string>(model::to_code(*status)) : std::nullopt;
}
std::optional<std::string> code_of(const std::optional<model::InvoiceStatus>& status) {
  return status ? std::optional<std::string>(model::to_code(*status)) : std::nullopt;
}

Conditions flow_conditions(const FlowFilter& filter) {
  Conditions c;
  c.add("f.status = ?", code_of(filter.status));
  c.add("f.partner = ?", filter.partner);
  c.add("f.syntax = ?", filter.syntax);
  c.add("instr(lower(f.file_name), lower(?)) > 0", filter.file_contains);
  c.add_received("f.received_at", filter.received_from, filter.received_to);
  return c;
}

// SQLite's LIMIT: a non-positive limit means none (-1).
std::int64_t limit_of(int limit) {
  return limit > 0 ? limit : -1;
}

model::FlowStatus flow_status_of(const std::string& code) {
  if (auto status = model::flow_status_from_code(code)) return *status;
  throw StoreError("corrupt store: unknown flow status '" + code + "'");
}

model::InvoiceStatus invoice_status_of(const std::string& code) {
  if (auto status = model::invoice_status_from_code(code)) return *status;
  throw StoreError("corrupt store: unknown invoice status '" + code + "'");
}

model::Severity severity_of(const std::string& text) {
  if (text == model::to_string(model::Severity::fatal)) return model::Severity::fatal;
  if (text == model::to_string(model::Severity::warning)) return model::Severity::warning;
  throw StoreError("corrupt store: unknown severity '" + text + "'");
}

DeliveryRow delivery_row(Query& q) {
  DeliveryRow row;
  row.invoice_id = q.integer(0);
  row.flow_number = q.integer(1);
  row.invoice_number = q.text(2);
  row.channel = q.text(3);
  row.recipient = q.text(4);
  row.service = q.text(5);
  row.file_name = q.text(6);
  row.idempotency_key = q.text(7);
  row.metadata = q.text(8);
  auto state = delivery_state_from_string(q.text(9));
  if (!state) throw StoreError("corrupt store: unknown delivery state '" + q.text(9) + "'");
  row.state = *state;
  row.attempts = static_cast<int>(q.integer(10));
  row.next_attempt_at = q.text(11);
  row.last_error = q.text(12);
  row.delivered_to = q.text(13);
  row.updated_at = q.text(14);
  return row;
}

// Reads the columns of kInvoiceColumns (findings are read apart).
InvoiceRow invoice_row(Query& q) {
  InvoiceRow invoice;
  invoice.id = q.integer(0);
  InvoiceRecord& r = invoice.record;
  r.position = static_cast<int>(q.integer(1));
  r.document = q.text(2);
  r.key = q.text(3);
  r.number = q.text(4);
  r.issue_date = q.text(5);
  r.type_code = q.text(6);
  r.syntax = q.text(7);
  r.supplier_id = q.text(8);
  r.recipient_id = q.text(9);
  r.service_code = q.text(10);
  r.engagement = q.text(11);
  r.currency = q.text(12);
  r.payable = q.text(13);
  invoice.status = invoice_status_of(q.text(14));
  invoice.delivered_to = q.text(15);
  return invoice;
}

// Reads the columns of kInvoiceSummaryColumns.
InvoiceSummary invoice_summary(Query& q) {
  InvoiceSummary summary;
  summary.invoice = invoice_row(q);
  summary.flow_number = q.integer(16);
  summary.partner = q.text(17);
  summary.received_at = q.text(18);
  summary.delivery_metadata = q.text(19);
  return summary;
}

// Reads the columns of kFlowColumns.
FlowRow flow_row(Query& q) {
  FlowRow row;
  row.number = q.integer(0);
  row.partner = q.text(1);
  row.file_name = q.text(2);
  row.sha256 = q.text(3);
  row.size = static_cast<std::uintmax_t>(q.integer(4));
  row.syntax = q.text(5);
  row.status = flow_status_of(q.text(6));
  row.received_at = q.text(7);
  row.updated_at = q.text(8);
  if (!q.is_null(9)) row.duplicate_of = q.integer(9);
  row.invoices = static_cast<int>(q.integer(10));
  row.accepted = static_cast<int>(q.integer(11));
  row.rejected = static_cast<int>(q.integer(12));
  row.rules_version = q.text(13);
  row.referential_version = q.text(14);
  return row;
}

void insert_history(Connection& store, std::string_view kind, std::int64_t ref, std::string_view at,
                    std::string_view from, std::string_view to, std::string_view source,
                    std::string_view reason, const ChangeDetails& details = {}) {
  Query(store, kInsertHistory, "insert history")
      .bind(1, kind)
      .bind(2, ref)
      .bind(3, at)
      .bind(4, from)
      .bind(5, to)
      .bind(6, source)
      .bind(7, reason)
      .bind(8, details.status_date)
      .bind(9, std::int64_t{details.shown_to_supplier ? 1 : 0})
      .run();
}

void insert_finding(Connection& store, std::int64_t flow_number,
                    std::optional<std::int64_t> invoice_id, const model::Finding& finding) {
  Query(store, kInsertFinding, "insert finding")
      .bind(1, flow_number)
      .bind(2, invoice_id)
      .bind(3, finding.rule)
      .bind(4, model::to_string(finding.severity))
      .bind(5, finding.location)
      .bind(6, finding.message)
      .run();
}

std::vector<HistoryRow> history(Connection& store, std::string_view kind, std::int64_t ref) {
  Query q(store, kSelectHistory, "read history");
  q.bind(1, kind).bind(2, ref);
  std::vector<HistoryRow> rows;
  while (q.step())
    rows.push_back(
        {q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.integer(6) != 0});
  return rows;
}

}  // namespace

struct Store::Impl : Connection {};

Store::Store(const std::filesystem::path& db_file) : impl_(std::make_unique<Impl>()) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(db_file.c_str(), &impl_->db, flags, nullptr) != SQLITE_OK) {
    // sqlite3_open_v2 gives a handle even on failure, for its message; Impl closes it.
    if (!impl_->db) throw StoreError("open " + db_file.string() + ": out of memory");
    impl_->fail("open " + db_file.string());
  }
  sqlite3_extended_result_codes(impl_->db, 1);
  if (sqlite3_busy_timeout(impl_->db, 5000) != SQLITE_OK) impl_->fail("busy_timeout");
  {
    Query q(*impl_, "PRAGMA journal_mode=WAL", "journal_mode");
    if (!q.step() || q.text(0) != "wal")
      throw StoreError("open " + db_file.string() + ": cannot switch to WAL mode");
  }
  impl_->exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON", "pragmas");

  auto schema_version = [this] {
    Query q(*impl_, "PRAGMA user_version", "user_version");
    return q.step() ? static_cast<int>(q.integer(0)) : 0;
  };
  if (schema_version() == kSchemaVersion) return;
  // Another process may be migrating too: decide again once we hold the write lock.
  Change migration(*impl_);
  const int found = schema_version();
  if (found > kSchemaVersion)
    throw StoreError(fmt::format("{}: schema version {} is newer than this fluxd's ({})",
                                 db_file.string(), found, kSchemaVersion));
  for (int version = found; version < kSchemaVersion; ++version)
    impl_->exec(kMigrations[static_cast<std::size_t>(version)], "migrate schema");
  impl_->exec(fmt::format("PRAGMA user_version={}", kSchemaVersion).c_str(), "user_version");
  migration.commit();
}

Store::~Store() = default;

void Store::begin() {
  impl_->exec("BEGIN IMMEDIATE", "begin");
}
void Store::commit() {
  impl_->exec("COMMIT", "commit");
}
void Store::rollback() {
  // Called on error paths: SQLite may already have rolled back by itself (e.g. SQLITE_FULL).
  if (sqlite3_get_autocommit(impl_->db)) return;
  impl_->exec("ROLLBACK", "rollback");
}

std::int64_t Store::record_flow(std::string_view partner, std::string_view file_name,
                                std::string_view sha256, std::uintmax_t size,
                                std::optional<std::int64_t> duplicate_of) {
  const std::string now = now_utc();
  const std::string_view status = model::to_code(model::FlowStatus::recu);
  Change change(*impl_);
  Query(*impl_, kInsertFlow, "record flow")
      .bind(1, partner)
      .bind(2, file_name)
      .bind(3, sha256)
      .bind(4, static_cast<std::int64_t>(size))
      .bind(5, status)
      .bind(6, std::string_view(now))
      .bind(7, duplicate_of)
      .run();
  const std::int64_t number = sqlite3_last_insert_rowid(impl_->db);
  insert_history(*impl_, "flow", number, now, "", status, "fluxd", "");
  change.commit();
  return number;
}

std::optional<FlowRow> Store::flow_by_sha(std::string_view sha256) {
  Query q(*impl_, kSelectFlowBySha, "flow by sha256");
  q.bind(1, sha256);
  if (!q.step()) return std::nullopt;
  return flow_row(q);
}

void Store::set_flow_syntax(std::int64_t number, std::string_view syntax) {
  Query(*impl_, "UPDATE flows SET syntax = ?1 WHERE number = ?2", "set flow syntax")
      .bind(1, syntax)
      .bind(2, number)
      .run();
  if (sqlite3_changes(impl_->db) != 1)
    throw StoreError(fmt::format("set flow syntax: no flow {}", number));
}

void Store::set_flow_versions(std::int64_t number, std::string_view rules_version,
                              std::string_view referential_version) {
  Query(*impl_, "UPDATE flows SET rules_version = ?1, referential_version = ?2 WHERE number = ?3",
        "set flow versions")
      .bind(1, rules_version)
      .bind(2, referential_version)
      .bind(3, number)
      .run();
  if (sqlite3_changes(impl_->db) != 1)
    throw StoreError(fmt::format("set flow versions: no flow {}", number));
}

model::Status Store::set_flow_status(std::int64_t number, model::FlowStatus to,
                                     std::string_view source, std::string_view reason) {
  Change change(*impl_);
  std::string from_code;
  {
    Query q(*impl_, "SELECT status FROM flows WHERE number = ?1", "read flow status");
    q.bind(1, number);
    if (!q.step())
      return model::Error{"LC-FLOW-UNKNOWN", fmt::format("flow {} is not recorded", number)};
    from_code = q.text(0);
  }
  const model::FlowStatus from = flow_status_of(from_code);
  if (!flow_transition_allowed(from, to))
    return model::Error{"LC-TRANSITION-REFUSED",
                        fmt::format("flow {}: transition refused from {} to {}", number,
                                    model::to_code(from), model::to_code(to))};
  const std::string now = now_utc();
  Query(*impl_, "UPDATE flows SET status = ?1, updated_at = ?2 WHERE number = ?3",
        "set flow status")
      .bind(1, model::to_code(to))
      .bind(2, std::string_view(now))
      .bind(3, number)
      .run();
  insert_history(*impl_, "flow", number, now, from_code, model::to_code(to), source, reason);
  change.commit();
  return model::Ok{};
}

void Store::add_flow_finding(std::int64_t number, const model::Finding& finding) {
  insert_finding(*impl_, number, std::nullopt, finding);
}

std::int64_t Store::add_invoice(std::int64_t flow_number, const InvoiceRecord& record,
                                const std::vector<model::Finding>& findings) {
  const std::string_view status = model::to_code(model::InvoiceStatus::deposee);
  Change change(*impl_);
  Query(*impl_, kInsertInvoice, "add invoice")
      .bind(1, flow_number)
      .bind(2, std::int64_t{record.position})
      .bind(3, record.document)
      .bind(4, record.key)
      .bind(5, record.number)
      .bind(6, record.issue_date)
      .bind(7, record.type_code)
      .bind(8, record.syntax)
      .bind(9, record.supplier_id)
      .bind(10, record.recipient_id)
      .bind(11, record.service_code)
      .bind(12, record.engagement)
      .bind(13, record.currency)
      .bind(14, record.payable)
      .bind(15, status)
      .run();
  const std::int64_t id = sqlite3_last_insert_rowid(impl_->db);
  for (const auto& finding : findings) insert_finding(*impl_, flow_number, id, finding);
  insert_history(*impl_, "invoice", id, now_utc(), "", status, "fluxd", "");
  change.commit();
  return id;
}

model::Status Store::set_invoice_status(std::int64_t invoice_id, model::InvoiceStatus to,
                                        std::string_view source, std::string_view reason,
                                        const ChangeDetails& details) {
  Change change(*impl_);
  std::string from_code;
  {
    Query q(*impl_, "SELECT status FROM invoices WHERE id = ?1", "read invoice status");
    q.bind(1, invoice_id);
    if (!q.step())
      return model::Error{"LC-INVOICE-UNKNOWN",
                          fmt::format("invoice {} is not recorded", invoice_id)};
    from_code = q.text(0);
  }
  const model::InvoiceStatus from = invoice_status_of(from_code);
  if (!invoice_transition_allowed(from, to))
    return model::Error{"LC-TRANSITION-REFUSED",
                        fmt::format("invoice {}: transition refused from {} to {}", invoice_id,
                                    model::to_code(from), model::to_code(to))};
  // DOMAIN.md: a rejection or a suspension must say why (finding ids, recipient's motive).
  if ((to == model::InvoiceStatus::rejetee || to == model::InvoiceStatus::suspendue) &&
      reason.empty())
    return model::Error{"LC-REASON-REQUIRED", fmt::format("invoice {}: {} needs a reason",
                                                          invoice_id, model::to_code(to))};
  Query(*impl_, "UPDATE invoices SET status = ?1 WHERE id = ?2", "set invoice status")
      .bind(1, model::to_code(to))
      .bind(2, invoice_id)
      .run();
  insert_history(*impl_, "invoice", invoice_id, now_utc(), from_code, model::to_code(to), source,
                 reason, details);
  change.commit();
  return model::Ok{};
}

void Store::set_invoice_delivery(std::int64_t invoice_id, std::string_view delivered_to) {
  Query(*impl_, "UPDATE invoices SET delivered_to = ?1 WHERE id = ?2", "set invoice delivery")
      .bind(1, delivered_to)
      .bind(2, invoice_id)
      .run();
  if (sqlite3_changes(impl_->db) != 1)
    throw StoreError(fmt::format("set invoice delivery: no invoice {}", invoice_id));
}

std::string_view to_string(DeliveryState state) {
  switch (state) {
    case DeliveryState::pending:
      return "pending";
    case DeliveryState::delivered:
      return "delivered";
    case DeliveryState::dead:
      return "dead";
  }
  return "pending";
}

std::optional<DeliveryState> delivery_state_from_string(std::string_view text) {
  for (auto state : {DeliveryState::pending, DeliveryState::delivered, DeliveryState::dead})
    if (to_string(state) == text) return state;
  return std::nullopt;
}

std::optional<std::string> Store::accepted_invoice_with_key(std::string_view key) {
  Query q(*impl_, R"sql(
SELECT flow_number, position, number FROM invoices
WHERE "key" = ?1 AND status NOT IN ('REJETEE', 'A_RECYCLER') ORDER BY id LIMIT 1)sql",
          "find invoice by key");
  q.bind(1, key);
  if (!q.step()) return std::nullopt;
  return fmt::format("flow {}, invoice {}", q.integer(0), q.integer(1));
}

void Store::add_delivery(const DeliveryRow& d) {
  const std::string now = now_utc();
  Query(*impl_, R"sql(
INSERT INTO deliveries (invoice_id, channel, recipient, service, file_name, idempotency_key,
                        metadata, state, next_attempt_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', ?8, ?8))sql",
        "add delivery")
      .bind(1, d.invoice_id)
      .bind(2, d.channel)
      .bind(3, d.recipient)
      .bind(4, d.service)
      .bind(5, d.file_name)
      .bind(6, d.idempotency_key)
      .bind(7, d.metadata)
      .bind(8, std::string_view(now))
      .run();
}

std::vector<DeliveryRow> Store::due_deliveries(std::string_view now,
                                               std::optional<std::int64_t> flow_number) {
  Query q(*impl_, kSelectDueDeliveries, "due deliveries");
  q.bind(1, now).bind(2, flow_number);
  std::vector<DeliveryRow> rows;
  while (q.step()) rows.push_back(delivery_row(q));
  return rows;
}

model::Status Store::delivery_succeeded(std::int64_t invoice_id, std::string_view delivered_to) {
  Change change(*impl_);
  Query(*impl_, R"sql(
UPDATE deliveries SET state = 'delivered', delivered_to = ?2, last_error = '', updated_at = ?3
WHERE invoice_id = ?1 AND state <> 'delivered')sql",
        "delivery succeeded")
      .bind(1, invoice_id)
      .bind(2, delivered_to)
      .bind(3, std::string_view(now_utc()))
      .run();
  if (sqlite3_changes(impl_->db) != 1)
    return model::Error{"LC-DELIVERY-UNKNOWN",
                        fmt::format("invoice {} has no delivery to complete", invoice_id)};
  set_invoice_delivery(invoice_id, delivered_to);
  if (auto status =
          set_invoice_status(invoice_id, model::InvoiceStatus::mise_a_disposition, "fluxd", "");
      !status)
    return status;
  change.commit();
  return model::Ok{};
}

void Store::delivery_failed(std::int64_t invoice_id, std::string_view error,
                            std::string_view next_attempt_at, bool dead) {
  Query(*impl_, R"sql(
UPDATE deliveries SET attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3,
                      state = CASE WHEN ?4 THEN 'dead' ELSE 'pending' END, updated_at = ?5
WHERE invoice_id = ?1 AND state = 'pending')sql",
        "delivery failed")
      .bind(1, invoice_id)
      .bind(2, error)
      .bind(3, next_attempt_at)
      .bind(4, std::int64_t{dead ? 1 : 0})
      .bind(5, std::string_view(now_utc()))
      .run();
}

std::vector<DeliveryRow> Store::deliveries(const DeliveryFilter& filter) {
  std::optional<std::string_view> state;
  if (filter.state) state = to_string(*filter.state);
  Query q(*impl_, kSelectDeliveries, "list deliveries");
  q.bind(1, state).bind(2, std::int64_t{filter.limit > 0 ? filter.limit : -1});
  std::vector<DeliveryRow> rows;
  while (q.step()) rows.push_back(delivery_row(q));
  return rows;
}

model::Status Store::replay_delivery(std::int64_t invoice_id) {
  Change change(*impl_);
  std::string state;
  {
    Query q(*impl_, "SELECT state FROM deliveries WHERE invoice_id = ?1", "read delivery");
    q.bind(1, invoice_id);
    if (!q.step())
      return model::Error{"LC-DELIVERY-UNKNOWN",
                          fmt::format("invoice {} has no delivery", invoice_id)};
    state = q.text(0);
  }
  if (state == "delivered")
    return model::Error{"LC-DELIVERY-DONE",
                        fmt::format("invoice {} was already delivered; fluxd never delivers "
                                    "an invoice twice",
                                    invoice_id)};
  const std::string now = now_utc();
  Query(*impl_, R"sql(
UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?2, updated_at = ?2
WHERE invoice_id = ?1)sql",
        "replay delivery")
      .bind(1, invoice_id)
      .bind(2, std::string_view(now))
      .run();
  change.commit();
  return model::Ok{};
}

std::vector<FlowRow> Store::flows(const FlowFilter& filter) {
  const Conditions conditions = flow_conditions(filter);
  const int limit = conditions.next_parameter();
  Query q(*impl_,
          fmt::format("{}{}\nGROUP BY f.number ORDER BY f.number DESC LIMIT ?{} OFFSET ?{}",
                      kFlowColumns, conditions.where(), limit, limit + 1),
          "list flows");
  conditions.bind(q);
  q.bind(limit, limit_of(filter.limit)).bind(limit + 1, std::int64_t{std::max(filter.offset, 0)});
  std::vector<FlowRow> rows;
  while (q.step()) rows.push_back(flow_row(q));
  return rows;
}

std::int64_t Store::count_flows(const FlowFilter& filter) {
  const Conditions conditions = flow_conditions(filter);
  Query q(*impl_, "SELECT count(*) FROM flows f" + conditions.where(), "count flows");
  conditions.bind(q);
  return q.step() ? q.integer(0) : 0;
}

std::optional<FlowDetail> Store::flow(std::int64_t number) {
  FlowDetail detail;
  {
    Query q(*impl_, kSelectFlow, "read flow");
    q.bind(1, number);
    if (!q.step()) return std::nullopt;
    detail.flow = flow_row(q);
  }
  std::unordered_map<std::int64_t, std::size_t> index_of_invoice;
  {
    Query q(*impl_, kSelectInvoices, "read invoices");
    q.bind(1, number);
    while (q.step()) {
      InvoiceRow invoice = invoice_row(q);
      index_of_invoice.emplace(invoice.id, detail.invoices.size());
      detail.invoices.push_back(std::move(invoice));
    }
  }
  // One pass over the flow's findings, sorted to the flow or to their invoice.
  Query q(*impl_, kSelectFindings, "read findings");
  q.bind(1, number);
  while (q.step()) {
    model::Finding finding{q.text(1), severity_of(q.text(2)), q.text(3), q.text(4)};
    if (q.is_null(0)) {
      detail.flow_findings.push_back(std::move(finding));
      continue;
    }
    auto it = index_of_invoice.find(q.integer(0));
    if (it == index_of_invoice.end())
      throw StoreError(fmt::format(
          "corrupt store: finding of flow {} names an invoice of another flow", number));
    detail.invoices[it->second].findings.push_back(std::move(finding));
  }
  return detail;
}

std::vector<HistoryRow> Store::flow_history(std::int64_t number) {
  return history(*impl_, "flow", number);
}

std::vector<HistoryRow> Store::invoice_history(std::int64_t invoice_id) {
  return history(*impl_, "invoice", invoice_id);
}

std::vector<std::pair<std::string, std::int64_t>> Store::count_by_status(std::string_view kind) {
  const char* sql = kind == "flow"
                        ? "SELECT status, COUNT(*) FROM flows GROUP BY status ORDER BY status"
                        : "SELECT status, COUNT(*) FROM invoices GROUP BY status ORDER BY status";
  Query q(*impl_, sql, "count by status");
  std::vector<std::pair<std::string, std::int64_t>> counts;
  while (q.step()) counts.emplace_back(q.text(0), q.integer(1));
  return counts;
}

std::vector<InvoiceSummary> Store::invoices(const InvoiceFilter& filter) {
  Conditions c;
  c.add("i.supplier_id = ?", filter.supplier);
  c.add("i.recipient_id = ?", filter.recipient);
  c.add("instr(lower(i.number), lower(?)) > 0", filter.number_contains);
  c.add("instr(lower(i.engagement), lower(?)) > 0", filter.engagement_contains);
  c.add("i.status = ?", code_of(filter.status));
  c.add("f.partner = ?", filter.partner);
  c.add_received("f.received_at", filter.received_from, filter.received_to);
  const int limit = c.next_parameter();
  Query q(
      *impl_,
      fmt::format("{}{}\nORDER BY i.id DESC LIMIT ?{}", kInvoiceSummaryColumns, c.where(), limit),
      "list invoices");
  c.bind(q);
  q.bind(limit, limit_of(filter.limit));
  std::vector<InvoiceSummary> rows;
  while (q.step()) rows.push_back(invoice_summary(q));
  return rows;
}

std::vector<InvoiceSummary> Store::invoices_matching(std::string_view reference) {
  std::optional<std::int64_t> id;
  std::int64_t parsed = 0;
  const auto* end = reference.data() + reference.size();
  if (auto [at, error] = std::from_chars(reference.data(), end, parsed);
      error == std::errc{} && at == end)
    id = parsed;
  Query q(*impl_, kSelectInvoicesMatching, "find invoices");
  q.bind(1, id).bind(2, reference);
  std::vector<InvoiceSummary> rows;
  while (q.step()) rows.push_back(invoice_summary(q));
  return rows;
}

std::optional<InvoiceDetail> Store::invoice(std::int64_t invoice_id) {
  InvoiceDetail detail;
  {
    Query q(*impl_, kInvoiceSummaryColumns + "WHERE i.id = ?1", "read invoice");
    q.bind(1, invoice_id);
    if (!q.step()) return std::nullopt;
    detail.summary = invoice_summary(q);
  }
  {
    Query q(*impl_, R"sql(
SELECT rule, severity, location, message FROM findings
WHERE flow_number = ?1 AND invoice_id = ?2 ORDER BY id)sql",
            "read invoice findings");
    q.bind(1, detail.summary.flow_number).bind(2, invoice_id);
    while (q.step())
      detail.summary.invoice.findings.push_back(
          {q.text(0), severity_of(q.text(1)), q.text(2), q.text(3)});
  }
  {
    Query q(*impl_, kSelectFlow, "read flow");
    q.bind(1, detail.summary.flow_number);
    if (!q.step())
      throw StoreError(fmt::format("corrupt store: invoice {} has no flow", invoice_id));
    detail.flow = flow_row(q);
  }
  detail.history = history(*impl_, "invoice", invoice_id);
  Query q(*impl_, kSelectDelivery, "read delivery");
  q.bind(1, invoice_id);
  if (q.step()) detail.delivery = delivery_row(q);
  return detail;
}

std::vector<InvoiceSummary> Store::invoices_with_key(std::string_view key) {
  Query q(*impl_, kInvoiceSummaryColumns + "WHERE i.\"key\" = ?1 ORDER BY i.id DESC",
          "invoices with key");
  q.bind(1, key);
  std::vector<InvoiceSummary> found;
  while (q.step()) found.push_back(invoice_summary(q));
  return found;
}

std::optional<std::string> Store::update_file_result(std::string_view sender,
                                                     std::string_view claimed_name) {
  Query q(*impl_, "SELECT result FROM update_files WHERE sender = ?1 AND claimed_name = ?2",
          "read update file");
  q.bind(1, sender).bind(2, claimed_name);
  if (!q.step()) return std::nullopt;
  return q.text(0);
}

std::int64_t Store::record_update_file(std::string_view sender, std::string_view claimed_name,
                                       std::string_view file_name, std::string_view sha256,
                                       std::string_view received_at) {
  Query(*impl_,
        "INSERT INTO update_files (sender, claimed_name, file_name, sha256, received_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5)",
        "record update file")
      .bind(1, sender)
      .bind(2, claimed_name)
      .bind(3, file_name)
      .bind(4, sha256)
      .bind(5, received_at)
      .run();
  return sqlite3_last_insert_rowid(impl_->db);
}

void Store::set_update_file_result(std::int64_t number, std::string_view result_json) {
  Query(*impl_, "UPDATE update_files SET result = ?1 WHERE number = ?2", "set update result")
      .bind(1, result_json)
      .bind(2, number)
      .run();
}

std::int64_t Store::cursor(std::string_view name) {
  Query q(*impl_, "SELECT last_id FROM cursors WHERE name = ?1", "read cursor");
  q.bind(1, name);
  return q.step() ? q.integer(0) : 0;
}

void Store::set_cursor(std::string_view name, std::int64_t last_id) {
  Query(*impl_,
        "INSERT INTO cursors (name, last_id) VALUES (?1, ?2) "
        "ON CONFLICT (name) DO UPDATE SET last_id = excluded.last_id",
        "set cursor")
      .bind(1, name)
      .bind(2, last_id)
      .run();
}

std::int64_t Store::last_history_id() {
  Query q(*impl_, "SELECT coalesce(max(id), 0) FROM status_history", "last history id");
  return q.step() ? q.integer(0) : 0;
}

std::vector<HistoryEvent> Store::history_after(std::int64_t after_id, int limit) {
  Query q(*impl_, kSelectHistoryAfter, "history after");
  q.bind(1, after_id).bind(2, limit_of(limit));
  std::vector<HistoryEvent> events;
  while (q.step()) {
    HistoryEvent e;
    e.id = q.integer(0);
    e.kind = q.text(1);
    e.ref = q.integer(2);
    e.change = {q.text(3), q.text(4), q.text(5),        q.text(6),
                q.text(7), q.text(8), q.integer(9) != 0};
    e.flow_number = q.integer(10);
    e.partner = q.text(11);
    e.file_name = q.text(12);
    e.invoice_number = q.text(13);
    e.invoice_key = q.text(14);
    e.supplier_id = q.text(15);
    e.recipient_id = q.text(16);
    e.service_code = q.text(17);
    e.engagement = q.text(18);
    events.push_back(std::move(e));
  }
  return events;
}

Stats Store::stats(const StatsFilter& filter) {
  Conditions c;
  c.add("f.partner = ?", filter.partner);
  c.add_received("f.received_at", filter.received_from, filter.received_to);
  const std::string where = c.where();
  // Runs one grouped query of the statistics with the filter's parameters.
  auto each_row = [&](const std::string& sql, auto&& read) {
    Query q(*impl_, sql, "statistics");
    c.bind(q);
    while (q.step()) read(q);
  };
  constexpr const char* kInvoicesOfFlows =
      " FROM invoices i JOIN flows f ON f.number = i.flow_number";
  constexpr const char* kFlowsWithInvoices =
      " FROM flows f LEFT JOIN invoices i ON i.flow_number = f.number";

  Stats stats;
  each_row("SELECT f.status, count(*) FROM flows f" + where +
               " GROUP BY f.status ORDER BY count(*) DESC, f.status",
           [&](Query& q) {
             stats.flows_by_status.push_back({q.text(0), q.integer(1)});
             stats.flows += q.integer(1);
           });
  each_row(std::string("SELECT i.status, count(*)") + kInvoicesOfFlows + where +
               " GROUP BY i.status ORDER BY count(*) DESC, i.status",
           [&](Query& q) {
             stats.invoices_by_status.push_back({q.text(0), q.integer(1)});
             stats.invoices += q.integer(1);
           });
  each_row(std::string("SELECT substr(f.received_at, 1, 10) AS day, count(DISTINCT f.number), "
                       "count(i.id)") +
               kFlowsWithInvoices + where + " GROUP BY day ORDER BY day",
           [&](Query& q) {
             stats.by_day.push_back({q.text(0), q.integer(1), q.integer(2)});
           });
  each_row(std::string("SELECT f.partner, count(DISTINCT f.number), count(i.id), "
                       "coalesce(sum(i.status = 'REJETEE'), 0)") +
               kFlowsWithInvoices + where + " GROUP BY f.partner ORDER BY f.partner",
           [&](Query& q) {
             stats.by_partner.push_back({q.text(0), q.integer(1), q.integer(2), q.integer(3)});
           });
  each_row(std::string("SELECT i.recipient_id, count(*), coalesce(sum(i.status = 'REJETEE'), 0)") +
               kInvoicesOfFlows + where +
               " GROUP BY i.recipient_id ORDER BY count(*) DESC, i.recipient_id",
           [&](Query& q) {
             stats.by_recipient.push_back({q.text(0), q.integer(1), q.integer(2)});
           });
  // A rule counts once per flow it refused and once per invoice it rejected.
  Conditions fatal = c;
  fatal.add_fixed("x.severity = 'fatal'");
  Query q(*impl_,
          "SELECT x.rule, count(DISTINCT CASE WHEN x.invoice_id IS NULL THEN x.flow_number END) "
          "AS flows, count(DISTINCT x.invoice_id) AS invoices "
          "FROM findings x JOIN flows f ON f.number = x.flow_number" +
              fatal.where() + " GROUP BY x.rule ORDER BY flows + invoices DESC, x.rule",
          "statistics");
  fatal.bind(q);
  while (q.step()) stats.rejection_reasons.push_back({q.text(0), q.integer(1), q.integer(2)});
  return stats;
}

bool Store::integrity_ok() {
  Query q(*impl_, "PRAGMA integrity_check", "integrity check");
  return q.step() && q.text(0) == "ok";
}

}  // namespace lifecycle
