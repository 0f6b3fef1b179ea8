#include "app/batch.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "app/delivery.h"
#include "app/document_check.h"
#include "app/referential_source.h"
#include "app/stage_clock.h"
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

class BatchRun {
 public:
  BatchRun(const Config& config, ReferentialSource& referentials, lifecycle::Store& store,
           Deliverer& deliverer, std::shared_ptr<const validate::SchemaSet> schemas,
           StageClock* clock)
      : config_(config),
        referentials_(referentials),
        store_(store),
        deliverer_(deliverer),
        checker_(config.limits, std::move(schemas)),
        clock_(clock) {
    checker_.set_stage_clock(clock_);
  }

  // A file left in work/ by an interrupted run: resume or finish it, never take it twice.
  void recover(const std::string& partner, const fs::path& work_file) {
    auto size = fs::file_size(work_file);
    auto sha = ingest::sha256_file(work_file);
    if (!sha) throw OperationalError(sha.error().message);
    auto known = store_.flow_by_sha(*sha);
    if (known && model::is_terminal(known->status)) {
      finish(known->number, partner, work_file);  // processed; only the hand-off was cut
    } else if (known) {
      process(known->number, work_file);
    } else {
      auto number = store_.record_flow(partner, ingest::original_name_of(work_file), *sha, size);
      process(number, work_file);
    }
  }

  void take(const std::string& partner, const fs::path& inbox_file) {
    StageTimer timer(clock_, Stage::claim);
    auto claimed = ingest::claim_flow(inbox_file, config_.work / partner);
    if (!claimed) return;  // taken by someone else meanwhile: not ours to process
    auto sha = ingest::sha256_file(claimed->work_path);
    if (!sha) throw OperationalError(sha.error().message);
    timer.to(Stage::store);
    if (auto original = store_.flow_by_sha(*sha)) {
      refuse_duplicate(partner, *claimed, *sha, original->number);
      return;
    }
    auto number = store_.record_flow(partner, claimed->original_name, *sha, claimed->size);
    process(number, claimed->work_path);
  }

  std::vector<lifecycle::FlowDetail>& finished() { return finished_; }

 private:
  void refuse_duplicate(const std::string& partner, const ingest::ClaimedFile& claimed,
                        const std::string& sha, std::int64_t original) {
    store_.begin();
    auto number = store_.record_flow(partner, claimed.original_name, sha, claimed.size, original);
    must(store_.set_flow_status(number, FlowStatus::en_cours, kSource, ""));
    store_.add_flow_finding(
        number, {"FLOW-DUPLICATE", model::Severity::fatal, claimed.original_name,
                 "the same bytes were already received as flow " + std::to_string(original)});
    must(store_.set_flow_status(number, FlowStatus::rejete, kSource, "FLOW-DUPLICATE"));
    store_.commit();
    finish(number, partner, claimed.work_path);
  }

  void process(std::int64_t number, const fs::path& work_file) {
    // One referential version for the whole flow: a reload lands between flows.
    if (auto notice = referentials_.refresh()) notices_.push_back(*notice);
    referential_ = referentials_.current();
    StageTimer timer(clock_, Stage::store);
    store_.begin();
    try {
      must(store_.set_flow_status(number, FlowStatus::en_cours, kSource, ""));
      const FlowStatus final_status = process_content(number, work_file);
      must(store_.set_flow_status(number, final_status, kSource, ""));
      store_.commit();
    } catch (const OperationalError& e) {
      store_.rollback();
      // Park it: recorded as an incident with the reason, left for an operator to replay.
      must(store_.set_flow_status(number, FlowStatus::incidente, kSource, e.what()));
      failures_.push_back(e.what());
    }
    // Committed: hand the accepted invoices over now, so the report shows where they went.
    timer.to(Stage::route);
    keep_problems(deliverer_.deliver_due(number));
    timer.to(Stage::store);
    auto row = store_.flow(number);
    finish(number, row ? row->flow.partner : std::string(), work_file);
  }

  FlowStatus process_content(std::int64_t number, const fs::path& work_file) {
    const auto flow_row = store_.flow(number);
    const std::string flow_sha = flow_row ? flow_row->flow.sha256 : std::to_string(number);
    StageTimer timer(clock_, Stage::read);
    const ingest::FlowContent content = ingest::open_flow(work_file, config_.limits);
    timer.to(Stage::store);
    store_.set_flow_syntax(number, content.syntax_code);
    store_.set_flow_versions(number, validate::kRulesVersion, referential_->version());
    for (const auto& f : content.findings) store_.add_flow_finding(number, f);
    if (has_fatal(content.findings)) return FlowStatus::rejete;

    int position = 0, accepted = 0, rejected = 0;
    for (const auto& doc : content.documents) {
      ++position;
      CheckedDocument checked = checker_.read_and_check(doc.bytes, doc.name);
      if (!checked.invoice) {
        // A document that cannot be read is not an invoice: the flow is refused.
        for (const auto& f : checked.findings) store_.add_flow_finding(number, f);
        return FlowStatus::rejete;
      }
      const model::Invoice& invoice = *checked.invoice;
      std::vector<model::Finding> findings = std::move(checked.findings);
      validate::RecipientContext context{today_, std::nullopt};
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
      // delivered once it commits (process()).
      timer.to(Stage::route);
      deliverer_.schedule(
          id, flow_sha, position, invoice, doc.bytes,
          routing_metadata(invoice, number, *referential_, validate::cadre_of(invoice)));
      timer.to(Stage::store);
      ++accepted;
    }
    if (accepted > 0 && rejected == 0) return FlowStatus::integre;
    if (accepted > 0) return FlowStatus::integre_partiel;
    return FlowStatus::rejete;
  }

  // The flow's outcome is committed: write its report, then hand the file off out of work/.
  void finish(std::int64_t number, const std::string& partner, const fs::path& work_file) {
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

 public:
  const std::vector<std::string>& failures() const { return failures_; }
  const std::vector<std::string>& notices() const { return notices_; }

  void keep_problems(const DeliveryReport& report) {
    for (const auto& p : report.problems) notices_.push_back("delivery: " + p);
  }

 private:
  const Config& config_;
  ReferentialSource& referentials_;
  std::shared_ptr<const model::Referential> referential_;  // the current flow's version
  lifecycle::Store& store_;
  Deliverer& deliverer_;
  DocumentChecker checker_;
  StageClock* clock_;  // null: not timed
  const std::string today_ = today_utc();
  std::vector<lifecycle::FlowDetail> finished_;
  std::vector<std::string> failures_;
  std::vector<std::string> notices_;
};

model::Status make_data_folders(const Config& config) {
  std::error_code ec;
  for (const auto& partner : config.partners)
    for (const auto& dir :
         {config.inbox, config.work, config.done, config.failed, config.reports}) {
      fs::create_directories(dir / partner.code, ec);
      if (ec) return model::Error{"IO-MKDIR", (dir / partner.code).string() + ": " + ec.message()};
    }
  fs::create_directories(config.outbox, ec);
  if (ec) return model::Error{"IO-MKDIR", config.outbox.string() + ": " + ec.message()};
  return model::Ok{};
}

}  // namespace

model::Result<BatchResult> run_batch(const Config& config) {
  // Timing (`batch --timings`): cold start apart from the per-invoice work; see stage_clock.h.
  using Clock = std::chrono::steady_clock;
  StageClock clock;
  StageTimings& timings = clock.timings();
  const auto started = Clock::now();
  if (auto made = make_data_folders(config); !made) return made.error();
  auto lap = Clock::now();
  ReferentialSource referentials(config);
  if (auto loaded = referentials.load(); !loaded) return loaded.error();
  timings.referential_load = Clock::now() - lap;
  lap = Clock::now();
  auto schemas = load_schemas(config.xsd_dir);
  if (!schemas) return schemas.error();
  timings.schema_load = Clock::now() - lap;
  BatchResult result;
  result.notices.push_back(schemas->notice);
  result.notices.push_back(fmt::format("referential {} from {}", referentials.current()->version(),
                                       referentials.location().origin));
  result.warnings = referentials.bad_rows();

  try {
    lap = Clock::now();
    lifecycle::Store store(config.store);
    timings.store_open = Clock::now() - lap;
    Deliverer deliverer(config, store);
    if (auto opened = deliverer.open(); !opened) return opened.error();
    BatchRun run(config, referentials, store, deliverer, schemas->schemas, &clock);
    lap = Clock::now();
    timings.startup = lap - started;
    const auto cpu_at_start = process_cpu_time();
    for (const auto& partner : config.partners) {
      std::vector<fs::path> left;
      for (const auto& entry : fs::directory_iterator(config.work / partner.code))
        if (entry.is_regular_file()) left.push_back(entry.path());
      std::sort(left.begin(), left.end());
      for (const auto& file : left) run.recover(partner.code, file);
    }
    for (const auto& partner : config.partners)
      for (const auto& file : ingest::waiting_files(config.inbox / partner.code))
        run.take(partner.code, file);
    {
      // Deliveries of earlier runs whose retry time has come.
      StageTimer timer(&clock, Stage::route);
      run.keep_problems(deliverer.deliver_due());
    }
    result.flows = std::move(run.finished());
    result.incidents = run.failures();
    result.notices.insert(result.notices.end(), run.notices().begin(), run.notices().end());
    timings.run = Clock::now() - lap;
    timings.run_cpu = process_cpu_time() - cpu_at_start;
  } catch (const std::exception& e) {
    return model::Error{"BATCH-FAILED", e.what()};
  }
  for (const auto& d : result.flows) {
    ++timings.flows;
    timings.invoices += static_cast<std::uint64_t>(d.flow.invoices);
    timings.accepted += static_cast<std::uint64_t>(d.flow.accepted);
    timings.rejected += static_cast<std::uint64_t>(d.flow.rejected);
    timings.bytes += d.flow.size;
  }
  result.timings = timings;
  return result;
}

}  // namespace app
