#pragma once

#include <cstdint>
#include <string>
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

}  // namespace app
