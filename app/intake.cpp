#include "app/intake.h"

#include <openssl/evp.h>

#include <utility>

#include "ingest/drop_watch.h"
#include "ingest/ingest.h"
#include "model/durable.h"
#include "model/invoice.h"
#include "route/route.h"
#include "validate/en16931.h"
#include "validate/validate.h"

namespace app {

namespace fs = std::filesystem;
using model::FlowStatus;
using model::InvoiceStatus;

namespace {

constexpr std::string_view kSource = "fluxd";

// A technical failure while processing a flow: the flow is parked as IN_INCIDENTE.
struct OperationalError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void must(const model::Status& status) {
  if (!status) throw OperationalError(status.error().code + ": " + status.error().message);
}

// Leaving a transaction on a failure (disk full, store locked, I/O): roll it back so the
// connection is usable again — `fluxd run` keeps one FlowIntake, and a transaction left open
// would swallow every later flow's writes and refuse every later begin(). The caller's
// exception is the one that matters; a failed rollback changes nothing about it.
void rollback_quietly(lifecycle::Store& store) noexcept {
  try {
    store.rollback();
  } catch (const std::exception&) {
  }
}

std::string today_utc() {
  return lifecycle::now_utc().substr(0, 10);
}

std::string rule_ids(const std::vector<model::Finding>& findings) {
  std::string ids;
  for (const auto& f : findings) {
    if (f.severity != model::Severity::fatal) continue;
    if (!ids.empty()) ids += ",";
    ids += f.rule;
  }
  return ids;
}

// The identity of a flow over max_flow_bytes, which is refused unread (FLOW-TOO-LARGE): the
// SHA-256 of its claimed name and size, stable across a restart, never anyone's duplicate.
// Hashing its bytes would read the whole file, the very cost the limit is there to refuse.
model::Result<std::string> flow_identity(const fs::path& work_file, std::uintmax_t size,
                                         const ingest::Limits& limits) {
  if (size <= limits.max_flow_bytes) return ingest::sha256_file(work_file);
  const std::string text =
      "fluxd oversized flow\n" + work_file.filename().string() + "\n" + std::to_string(size);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0x0f];
  }
  return hex;
}

bool has_fatal(const std::vector<model::Finding>& findings) {
  return !validate::accepted(findings);
}

lifecycle::InvoiceRecord record_of(const model::Invoice& inv, int position,
                                   const ingest::Document& doc) {
  lifecycle::InvoiceRecord r;
  r.position = position;
  r.document = doc.name;
  r.key = model::invoice_key(inv);
  r.number = inv.number;
  r.issue_date = inv.issue_date;
  r.type_code = inv.type_code;
  r.syntax = std::string(model::syntax_code(inv.syntax));
  r.supplier_id = model::siret_of(inv.seller).value;
  r.recipient_id = model::siret_of(inv.buyer).value;
  r.service_code = inv.buyer_reference;
  r.engagement = inv.order_reference;
  r.currency = inv.currency;
  r.payable = inv.totals.payable ? inv.totals.payable->to_string() : "";
  return r;
}

}  // namespace

model::Status make_data_folders(const Config& config) {
  std::error_code ec;
  for (const auto& partner : config.partners)
    for (const auto& dir :
         {config.inbox, config.work, config.done, config.failed, config.reports}) {
      fs::create_directories(dir / partner.code, ec);
      if (ec) return model::Error{"IO-MKDIR", (dir / partner.code).string() + ": " + ec.message()};
    }
  std::vector<fs::path> dirs{config.outbox, config.updates, config.update_results,
                             config.updates_work, config.updates_done};
  for (const auto& partner : config.partners)
    if (partner.lifecycle_messages) dirs.push_back(config.lifecycle / partner.code);
  for (const auto& dir : dirs) {
    fs::create_directories(dir, ec);
    if (ec) return model::Error{"IO-MKDIR", dir.string() + ": " + ec.message()};
  }
  return model::Ok{};
}

FlowAnalysis analyse_flow(const fs::path& work_file, const ingest::Limits& limits,
                          DocumentChecker& checker, StageClock* clock) {
  checker.set_stage_clock(clock);
  ingest::FlowContent content = [&] {
    StageTimer timer(clock, Stage::read);
    return ingest::open_flow(work_file, limits);
  }();
  FlowAnalysis analysis;
  analysis.syntax_code = std::move(content.syntax_code);
  analysis.findings = std::move(content.findings);
  if (has_fatal(analysis.findings)) return analysis;
  for (auto& doc : content.documents) {
    CheckedDocument checked = checker.read_and_check(doc.bytes, doc.name);
    const bool readable = checked.invoice.has_value();
    analysis.documents.push_back({std::move(doc), std::move(checked)});
    if (!readable) break;  // the flow is refused: no need to read further
  }
  return analysis;
}

FlowIntake::FlowIntake(const Config& config, ReferentialSource& referentials,
                       lifecycle::Store& store, Deliverer& deliverer, StageClock* clock)
    : config_(config),
      referentials_(referentials),
      store_(store),
      deliverer_(deliverer),
      clock_(clock) {}

std::optional<ClaimedFlow> FlowIntake::recover(const std::string& partner,
                                               const fs::path& work_file) {
  auto size = fs::file_size(work_file);
  auto sha = flow_identity(work_file, size, config_.limits);
  if (!sha) throw OperationalError(sha.error().message);
  auto known = store_.flow_by_sha(*sha);
  // An IN_INCIDENTE flow found in work/ was re-queued by an operator: processed again.
  if (known && model::is_terminal(known->status) && known->status != FlowStatus::incidente) {
    finish(known->number, partner, work_file);  // processed; only the hand-off was cut
    return std::nullopt;
  }
  const auto number =
      known ? known->number
            : store_.record_flow(partner, ingest::original_name_of(work_file), *sha, size);
  return ClaimedFlow{number, partner, work_file};
}

std::optional<ClaimedFlow> FlowIntake::claim(const std::string& partner,
                                             const fs::path& inbox_file) {
  StageTimer timer(clock_, Stage::claim);
  auto claimed = ingest::claim_flow(inbox_file, config_.work / partner);
  if (!claimed) return std::nullopt;  // taken by someone else meanwhile: not ours to process
  for (const auto& p : config_.partners)
    if (auto marker = p.code == partner ? ingest::marker_of(inbox_file, p.drop) : std::nullopt) {
      std::error_code ec;
      fs::remove(*marker, ec);  // its flow is ours now; a leftover marker would mean nothing
    }
  auto sha = flow_identity(claimed->work_path, claimed->size, config_.limits);
  if (!sha) throw OperationalError(sha.error().message);
  timer.to(Stage::store);
  auto original = store_.flow_by_sha(*sha);
  // A parked flow whose bytes come back (`fluxd suivi replay`, or the partner depositing it
  // again) is processed again as itself: it never got an outcome, so it is no duplicate.
  if (original && original->status == FlowStatus::incidente && original->partner == partner)
    return ClaimedFlow{original->number, partner, claimed->work_path};
  if (original) {
    store_.begin();
    std::int64_t number = 0;
    try {
      number = store_.record_flow(partner, claimed->original_name, *sha, claimed->size,
                                  original->number);
      must(store_.set_flow_status(number, FlowStatus::en_cours, kSource, ""));
      store_.add_flow_finding(
          number,
          {"FLOW-DUPLICATE", model::Severity::fatal, claimed->original_name,
           "the same bytes were already received as flow " + std::to_string(original->number)});
      must(store_.set_flow_status(number, FlowStatus::rejete, kSource, "FLOW-DUPLICATE"));
      store_.commit();
    } catch (...) {
      rollback_quietly(store_);  // the file stays in work/: the next run takes it again
      throw;
    }
    finish(number, partner, claimed->work_path);
    return std::nullopt;
  }
  auto number = store_.record_flow(partner, claimed->original_name, *sha, claimed->size);
  return ClaimedFlow{number, partner, claimed->work_path};
}

void FlowIntake::record(const ClaimedFlow& flow, const FlowAnalysis& analysis) {
  // One referential version for the whole flow: a reload lands between flows.
  if (auto notice = referentials_.refresh()) notices_.push_back(*notice);
  referential_ = referentials_.current();
  {
    StageTimer timer(clock_, Stage::store);
    const auto before = store_.flow(flow.number);
    const bool replayed = before && before->flow.status == FlowStatus::incidente;
    store_.begin();
    try {
      must(store_.set_flow_status(flow.number, FlowStatus::en_cours, kSource,
                                  replayed ? "replay" : ""));
      const FlowStatus final_status = record_content(flow.number, analysis);
      must(store_.set_flow_status(flow.number, final_status, kSource, ""));
      store_.commit();
    } catch (const OperationalError& e) {
      store_.rollback();
      // Park it: recorded as an incident with the reason, left for an operator to replay.
      must(store_.set_flow_status(flow.number, FlowStatus::incidente, kSource, e.what()));
      incidents_.push_back(e.what());
    } catch (...) {
      // The store or the disk failed (spool write, commit): nothing of the flow is committed
      // and it stays in work/ for the next run to resume; the connection must not stay inside
      // the failed transaction.
      rollback_quietly(store_);
      throw;
    }
    // Committed: hand the accepted invoices over now, so the report shows where they went.
    timer.to(Stage::route);
    keep_problems(deliverer_.deliver_due(flow.number));
  }
  finish(flow.number, flow.partner, flow.work_file);
}

void FlowIntake::incident(const ClaimedFlow& flow, const std::string& why) {
  must(store_.set_flow_status(flow.number, FlowStatus::incidente, kSource, why));
  incidents_.push_back(why);
  finish(flow.number, flow.partner, flow.work_file);
}

void FlowIntake::deliver_due() {
  StageTimer timer(clock_, Stage::route);
  keep_problems(deliverer_.deliver_due());
}

FlowStatus FlowIntake::record_content(std::int64_t number, const FlowAnalysis& analysis) {
  const auto flow_row = store_.flow(number);
  const std::string flow_sha = flow_row ? flow_row->flow.sha256 : std::to_string(number);
  StageTimer timer(clock_, Stage::store);
  store_.set_flow_syntax(number, analysis.syntax_code);
  store_.set_flow_versions(number, validate::kRulesVersion, referential_->version());
  for (const auto& f : analysis.findings) store_.add_flow_finding(number, f);
  if (has_fatal(analysis.findings)) return FlowStatus::rejete;

  const std::string today = today_utc();
  int position = 0, accepted = 0, rejected = 0;
  for (const auto& [doc, checked] : analysis.documents) {
    ++position;
    if (!checked.invoice) {
      // A document that cannot be read is not an invoice: the flow is refused.
      for (const auto& f : checked.findings) store_.add_flow_finding(number, f);
      return FlowStatus::rejete;
    }
    const model::Invoice& invoice = *checked.invoice;
    std::vector<model::Finding> findings = checked.findings;
    validate::RecipientContext context{today, std::nullopt};
    if (config_.check_duplicates)
      context.duplicate_of = store_.accepted_invoice_with_key(model::invoice_key(invoice));
    timer.to(Stage::recipient);
    auto recipient = validate::check_recipient(invoice, *referential_, context);
    findings.insert(findings.end(), recipient.begin(), recipient.end());
    timer.to(Stage::store);

    const auto id = store_.add_invoice(number, record_of(invoice, position, doc), findings);
    if (has_fatal(findings)) {
      must(store_.set_invoice_status(id, InvoiceStatus::rejetee, kSource, rule_ids(findings)));
      ++rejected;
      continue;
    }
    // Accepted: spooled and recorded as a pending delivery in this flow's transaction;
    // delivered once it commits (record()).
    timer.to(Stage::route);
    deliverer_.schedule(
        id, flow_sha, position, invoice, doc.bytes,
        routing_metadata(invoice, number, *referential_, validate::cadre_of(invoice)),
        doc.attachments);
    timer.to(Stage::store);
    ++accepted;
  }
  if (accepted > 0 && rejected == 0) return FlowStatus::integre;
  if (accepted > 0) return FlowStatus::integre_partiel;
  return FlowStatus::rejete;
}

// The flow's outcome is committed: write its report, then hand the file off out of work/.
void FlowIntake::finish(std::int64_t number, const std::string& partner,
                        const fs::path& work_file) {
  StageTimer timer(clock_, Stage::store);
  auto detail = store_.flow(number);
  if (!detail) throw OperationalError("flow " + std::to_string(number) + " vanished");
  timer.to(Stage::report);
  lifecycle::write_report(config_.reports, *detail);
  timer.to(Stage::handoff);
  const bool kept = detail->flow.status == FlowStatus::integre ||
                    detail->flow.status == FlowStatus::integre_partiel;
  must(model::move_durably(
      work_file, (kept ? config_.done : config_.failed) / partner / work_file.filename()));
  finished_.push_back(std::move(*detail));
}

void FlowIntake::keep_problems(const DeliveryReport& report) {
  for (const auto& p : report.problems) notices_.push_back("delivery: " + p);
}

std::vector<lifecycle::FlowDetail> FlowIntake::take_finished() {
  return std::exchange(finished_, {});
}
std::vector<std::string> FlowIntake::take_incidents() {
  return std::exchange(incidents_, {});
}
std::vector<std::string> FlowIntake::take_notices() {
  return std::exchange(notices_, {});
}

}  // namespace app
