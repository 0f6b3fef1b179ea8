#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "app/config.h"
#include "app/stage_clock.h"
#include "lifecycle/lifecycle.h"
#include "model/result.h"

namespace app {

struct BatchResult {
  std::vector<lifecycle::FlowDetail> flows;  // every flow this run finished, in order
  std::vector<std::string> notices;          // e.g. which XSDs are in force
  std::vector<std::string> warnings;         // e.g. referential rows skipped
  std::vector<std::string> incidents;        // flows parked IN_INCIDENTE: operational failures
  StageTimings timings;                      // wall time per stage (`batch --timings`)
  std::vector<lifecycle::UpdateFileResult> updates;  // status-update files applied (app/updates.h)
  int lifecycle_messages = 0;                        // lifecycle messages written to partners
};

// `fluxd batch`: finishes flows a previous run left in work/, then claims and processes every
// flow waiting in inbox/<partner>/ once, retries due deliveries, applies the status-update
// files waiting in updates/<sender>/ and writes the partners' lifecycle messages. Rejected invoices
// and refused flows are normal outcomes. A flow that fails for a technical reason is parked
// IN_INCIDENTE and listed in `incidents`; an Error means the run itself could not proceed
// (referential, store, folders). `progress`, when given, is called with (flows done, flows to do)
// before the first flow and after each one (`fluxd batch` draws its progress bar with it).
using BatchProgress = std::function<void(std::size_t done, std::size_t total)>;
model::Result<BatchResult> run_batch(const Config& config, const BatchProgress& progress = {});

}  // namespace app
