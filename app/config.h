#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ingest/drop_watch.h"
#include "ingest/ingest.h"
#include "ingest/sftp_pull.h"
#include "model/result.h"
#include "route/channel.h"

namespace app {

struct Partner {
  std::string code;  // also the name of its drop, work, done and report folders
  std::string name;
  ingest::DropRules drop;  // when a dropped file is complete (stable_ms, done_marker)
  // [partners.sftp]: flows pulled from the partner's SFTP folder into its drop directory by
  // `fluxd run`, every `sftp_poll`.
  std::optional<ingest::SftpSource> sftp;
  std::chrono::seconds sftp_poll{30};
  // `lifecycle = true`: receives a lifecycle message per invoice status change ("receives
  // lifecycle in EDI", DOMAIN.md) in lifecycle/<code>/.
  bool lifecycle_messages = false;
};

// `fluxd run` ([daemon] table).
struct DaemonConfig {
  unsigned workers = 0;             // threads checking invoices; 0: one per core
  std::size_t max_in_flight = 0;    // flows claimed and not yet finished; 0: 2 × workers
  std::chrono::seconds rescan{30};  // full listing of every drop directory
  std::chrono::seconds delivery_interval{30};  // how often due deliveries are retried
  std::filesystem::path metrics_file;          // Prometheus text; default <root>/metrics.prom
  std::chrono::seconds metrics_interval{15};
  std::chrono::seconds updates_interval{10};  // status-update files looked for, and lifecycle
                                              // messages written

  bool json_logs = false;  // log_format = "json": one JSON object per line
  ingest::DropRules drop;  // partners' default ([daemon] stable_ms)
};

// Where accepted invoices go (route::ChannelConfig) and how failed deliveries are retried.
struct DeliveryConfig {
  std::vector<route::ChannelConfig> channels;  // [[channels]]; "outbox" (the data root's
                                               // outbox/ folder) is always there
  std::map<std::string, std::string> routes;   // [[routes]]: structure id → channel name
  std::string default_channel = "outbox";      // [delivery] default_channel
  int max_attempts = 8;                        // then the delivery is dead (dead letter)
  std::chrono::seconds retry_base{60};         // backoff: base * 2^(n-1), capped at max
  std::chrono::seconds retry_max{3600};
  std::filesystem::path spool;  // accepted invoices waiting for delivery: <root>/spool
};

// Everything fluxd reads from its one configuration file. Every path in the file is relative
// to the file's own folder; here they are all absolute.
struct Config {
  std::filesystem::path file;
  std::filesystem::path data_root;
  std::filesystem::path inbox, work, done, failed, outbox, reports;  // folders under data_root
  std::filesystem::path lifecycle;       // lifecycle messages: <root>/lifecycle/<partner>/
  std::filesystem::path updates;         // status updates dropped: <root>/updates/<sender>/
  std::filesystem::path update_results;  // their result files: <root>/update-results/<sender>/
  std::filesystem::path updates_work;    // claimed, being applied: <root>/updates-work/<sender>/
  std::filesystem::path updates_done;    // applied files kept: <root>/updates-done/<sender>/
  std::filesystem::path pull_state;      // SFTP pull ledgers: <data_root>/pull/<partner>/
  std::filesystem::path store;           // SQLite file
  std::filesystem::path structures_csv, services_csv;
  std::optional<std::filesystem::path> engagements_csv;  // absent: engagements not checked
  std::filesystem::path referential_dir;                 // <data root>/referential: imported sets
  std::filesystem::path xsd_dir;  // official UBL 2.1 / CII D16B XSDs; empty: XSD checks off
  ingest::Limits limits;
  bool check_duplicates = true;  // [rules] duplicates: FR-DUPLICATE on or off
  DeliveryConfig delivery;
  DaemonConfig daemon;
  std::vector<Partner> partners;
};

// Reads a TOML configuration (see samples/fluxd.toml). Error "CONFIG-…" with the key at fault.
model::Result<Config> load_config(const std::filesystem::path& file);

}  // namespace app
