// Delivering accepted invoices through their structure's channel, with retries.
//
// An accepted invoice is spooled (its bytes, durably, under <root>/spool/) and recorded as a
// pending delivery in the same transaction that accepts it. Delivery happens after that
// commit: success makes the invoice MISE_A_DISPOSITION and frees its spool file; a transient
// failure is retried with exponential backoff; the last attempt, or a permanent failure,
// leaves it dead until an operator replays it. The channels are idempotent (same final name;
// same Idempotency-Key), so a crash between a delivery and its record never delivers twice.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/config.h"
#include "lifecycle/lifecycle.h"
#include "model/invoice.h"
#include "model/referential.h"
#include "route/channel.h"

namespace app {

// The channel name for a recipient structure: its [[routes]] entry, else the default.
std::string channel_for(const DeliveryConfig& config, std::string_view structure_id);

// The sidecar fields of a routed invoice (flow number, invoice key, recipient, service,
// engagement and its budget frame when the engagement file knows it, cadre, versions).
std::vector<std::pair<std::string, std::string>> routing_metadata(
    const model::Invoice& invoice, std::int64_t flow_number, const model::Referential& referential,
    std::string_view cadre);

// The metadata as stored with the delivery (a JSON object) and back.
std::string metadata_text(const std::vector<std::pair<std::string, std::string>>& metadata);
std::vector<std::pair<std::string, std::string>> metadata_from_text(const std::string& text);

struct DeliveryReport {
  int delivered = 0;
  int retried = 0;                    // failed, due again later
  int dead = 0;                       // failed for the last time
  std::vector<std::string> problems;  // "invoice N: CODE: message"
};

class Deliverer {
 public:
  Deliverer(const Config& config, lifecycle::Store& store);

  // Checks every configured channel (Error CHANNEL-… naming the channel).
  model::Status open();

  // Spools the invoice's bytes and records its pending delivery. Call inside the transaction
  // that accepts the invoice.
  void schedule(std::int64_t invoice_id, std::string_view flow_sha256, int position,
                const model::Invoice& invoice, std::string_view bytes,
                const std::vector<std::pair<std::string, std::string>>& metadata);

  // Attempts every due delivery (only the flow's when given), at most once per delivery and
  // Deliverer: a failure waits for a later run even with no backoff. Outside a transaction.
  DeliveryReport deliver_due(std::optional<std::int64_t> flow_number = std::nullopt);

 private:
  void attempt(const lifecycle::DeliveryRow& row, DeliveryReport& report);

  const Config& config_;
  lifecycle::Store& store_;
  std::map<std::string, std::unique_ptr<route::Channel>> channels_;
  std::set<std::int64_t> attempted_;  // invoice ids tried by this Deliverer
};

}  // namespace app
