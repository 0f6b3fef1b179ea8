// Delivering accepted invoices through their structure's channel, with retries.
//
// An accepted invoice is spooled (its bytes and its attachments, durably, under <root>/spool/)
// and recorded as a pending delivery in the same transaction that accepts it. Delivery happens
// after that commit: success makes the invoice MISE_A_DISPOSITION and frees its spool files;
// a transient failure is retried with exponential backoff; the last attempt, or a permanent
// failure, leaves it dead until an operator replays it. The channels are idempotent (same
// final names; same Idempotency-Keys), so a crash between a delivery and its record never
// delivers twice. The invoice's attachments travel with it, through the same channel, before
// it (see route/channel.h for the delivered names).
//
// Spool layout (<root>/spool/, files named by invoice id):
//   <id>.xml      the invoice's original bytes
//   <id>.att.<n>  its attachment n (from 1), unchanged bytes, in the flow's order
// The attachments' names (as the partner gave them; the channel makes them safe) are stored
// with the delivery, in its metadata text under the reserved key "spooled_attachments" (a JSON
// array of strings), so a recorded delivery knows exactly which files it needs: one missing
// is DELIVERY-SPOOL-MISSING (permanent), as for the invoice.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/config.h"
#include "ingest/ingest.h"
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

// The metadata as stored with the delivery (a JSON object) and back; the way back leaves out
// the spool's reserved "spooled_attachments" key.
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

  // Checks every configured channel (Error CHANNEL-… naming the channel), then sweeps the spool.
  model::Status open();
  // Removes spool files no pending or dead delivery owns (left by a crash) and abandoned
  // temporary files; returns how many went.
  int sweep_spool();

  // Spools the invoice's bytes and its attachments (the Factur-X PDF, the ZIP members it
  // references), durably, then records its pending delivery. Call inside the transaction that
  // accepts the invoice. Throws lifecycle::StoreError when the spool cannot be written.
  void schedule(std::int64_t invoice_id, std::string_view flow_sha256, int position,
                const model::Invoice& invoice, std::string_view bytes,
                const std::vector<std::pair<std::string, std::string>>& metadata,
                const std::vector<ingest::Attachment>& attachments = {});

  // Attempts every due delivery (only the flow's when given), at most once per delivery and
  // Deliverer: a failure waits for a later run even with no backoff. Outside a transaction.
  DeliveryReport deliver_due(std::optional<std::int64_t> flow_number = std::nullopt);
  // Starts a new round for a long-lived Deliverer (`fluxd run`): failed deliveries may be
  // attempted again once due.
  void new_round() { attempted_.clear(); }

 private:
  void attempt(const lifecycle::DeliveryRow& row, DeliveryReport& report);

  const Config& config_;
  lifecycle::Store& store_;
  std::map<std::string, std::unique_ptr<route::Channel>> channels_;
  std::set<std::int64_t> attempted_;  // invoice ids tried by this Deliverer
};

}  // namespace app
