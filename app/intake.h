// app/intake.h — one flow from a partner's drop directory to its committed outcome, in three
// steps that `fluxd batch` runs one after the other and `fluxd run` spreads over threads:
//
//   claim (recorder thread)  →  analyse (any worker thread)  →  record (recorder thread)
//
//  - claim / recover: the atomic rename into work/, the flow's identity (SHA-256) and its row
//    in the store. A file already known by its bytes is refused as FLOW-DUPLICATE there and
//    then; a flow a previous run left in work/ is finished or processed again, never twice.
//    The bytes of an IN_INCIDENTE flow coming back (operator replay, or the partner
//    depositing them again) are that flow processed again, not a duplicate.
//  - analyse_flow: reads the claimed flow (plain XML, ZIP, Factur-X) and checks every document
//    on its own (XSD, reader, EN 16931). It touches neither the store nor the referential, so
//    any number run in parallel, each with its own DocumentChecker.
//  - record: in one transaction, the recipient rules against one referential version, the
//    invoices and their statuses, the spooled deliveries; then delivery, the report and the
//    hand-off to done/ or failed/. A technical failure parks the flow IN_INCIDENTE.
// FlowIntake (claim, recover, record) is used by one thread at a time: it owns the store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/config.h"
#include "app/delivery.h"
#include "app/document_check.h"
#include "app/referential_source.h"
#include "app/stage_clock.h"
#include "lifecycle/lifecycle.h"

namespace app {

// Creates inbox/, work/, done/, failed/, reports/ per partner, lifecycle/<partner>/ for the
// partners that receive lifecycle messages, outbox/, updates/, update-results/ and
// updates-done/ (Error IO-MKDIR).
model::Status make_data_folders(const Config& config);

// A claimed flow waiting for its analysis.
struct ClaimedFlow {
  std::int64_t number = 0;
  std::string partner;
  std::filesystem::path work_file;
};

struct AnalysedDocument {
  ingest::Document document;
  CheckedDocument checked;
};

// What a flow holds once read and checked, before any recipient rule.
struct FlowAnalysis {
  std::string syntax_code;
  std::vector<model::Finding> findings;     // flow-level (FLOW-…)
  std::vector<AnalysedDocument> documents;  // stops at the first unreadable document
};

FlowAnalysis analyse_flow(const std::filesystem::path& work_file, const ingest::Limits& limits,
                          DocumentChecker& checker, StageClock* clock = nullptr);

class FlowIntake {
 public:
  FlowIntake(const Config& config, ReferentialSource& referentials, lifecycle::Store& store,
             Deliverer& deliverer, StageClock* clock = nullptr);

  // Claims a waiting file. nullopt when there is nothing to analyse: someone else took the
  // file first, or its bytes were already received (refused as FLOW-DUPLICATE and finished).
  std::optional<ClaimedFlow> claim(const std::string& partner,
                                   const std::filesystem::path& inbox_file);
  // A file an interrupted run left in work/. nullopt when its outcome was already committed
  // (only the hand-off was cut, now done).
  std::optional<ClaimedFlow> recover(const std::string& partner,
                                     const std::filesystem::path& work_file);
  // Commits the flow's outcome, delivers, reports, hands the file off.
  void record(const ClaimedFlow& flow, const FlowAnalysis& analysis);
  // The analysis itself failed (not the flow's content): park the flow IN_INCIDENTE.
  void incident(const ClaimedFlow& flow, const std::string& why);
  // Deliveries of earlier flows whose retry time has come.
  void deliver_due();

  // Finished flows, incidents and notices since the last take_*() call.
  std::vector<lifecycle::FlowDetail> take_finished();
  std::vector<std::string> take_incidents();
  std::vector<std::string> take_notices();

 private:
  void finish(std::int64_t number, const std::string& partner,
              const std::filesystem::path& work_file);
  model::FlowStatus record_content(std::int64_t number, const FlowAnalysis& analysis);
  void keep_problems(const DeliveryReport& report);

  const Config& config_;
  ReferentialSource& referentials_;
  std::shared_ptr<const model::Referential> referential_;  // the current flow's version
  lifecycle::Store& store_;
  Deliverer& deliverer_;
  StageClock* clock_;  // null: not timed
  std::vector<lifecycle::FlowDetail> finished_;
  std::vector<std::string> incidents_;
  std::vector<std::string> notices_;
};

}  // namespace app
