#include "app/batch.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "app/delivery.h"
#include "app/document_check.h"
#include "app/intake.h"
#include "app/referential_source.h"
#include "app/stage_clock.h"
#include "app/updates.h"
#include "ingest/ingest.h"

namespace app {

namespace fs = std::filesystem;

model::Result<BatchResult> run_batch(const Config& config, const BatchProgress& progress) {
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
    FlowIntake intake(config, referentials, store, deliverer, &clock);
    DocumentChecker checker(config.limits, schemas->schemas);
    auto process = [&](const std::optional<ClaimedFlow>& flow) {
      if (!flow) return;
      FlowAnalysis analysis;
      try {
        analysis = analyse_flow(flow->work_file, config.limits, checker, &clock);
      } catch (const std::exception& e) {
        // This flow is parked for an operator; the run goes on with the next one.
        intake.incident(*flow, std::string("analysis failed: ") + e.what());
        return;
      }
      intake.record(*flow, analysis);
    };
    lap = Clock::now();
    timings.startup = lap - started;
    const auto cpu_at_start = process_cpu_time();
    // Everything to do is listed first, so the progress knows the total.
    struct Waiting {
      const std::string& partner;
      fs::path file;
      bool left_in_work;
    };
    std::vector<Waiting> waiting;
    for (const auto& partner : config.partners) {
      std::vector<fs::path> left;
      for (const auto& entry : fs::directory_iterator(config.work / partner.code))
        if (entry.is_regular_file()) left.push_back(entry.path());
      std::sort(left.begin(), left.end());
      for (auto& file : left) waiting.push_back({partner.code, std::move(file), true});
    }
    for (const auto& partner : config.partners)
      for (auto& file : ingest::complete_files(config.inbox / partner.code, partner.drop))
        waiting.push_back({partner.code, std::move(file), false});
    if (progress) progress(0, waiting.size());
    for (std::size_t done = 0; done < waiting.size(); ++done) {
      const Waiting& w = waiting[done];
      process(w.left_in_work ? intake.recover(w.partner, w.file) : intake.claim(w.partner, w.file));
      if (progress) progress(done + 1, waiting.size());
    }
    intake.deliver_due();  // deliveries of earlier runs whose retry time has come
    UpdateIntake updates(config, referentials, store);
    auto round = updates.apply_waiting();
    result.updates = std::move(round.files);
    for (auto& problem : round.problems) result.incidents.push_back(std::move(problem));
    result.lifecycle_messages = write_lifecycle_messages(config, store);
    result.flows = intake.take_finished();
    result.incidents = intake.take_incidents();
    auto notices = intake.take_notices();
    result.notices.insert(result.notices.end(), notices.begin(), notices.end());
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
