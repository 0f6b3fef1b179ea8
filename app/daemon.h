// app/daemon.h — `fluxd run`, the always-on intake.
//
// Contract:
//  - One Boost.Asio event loop watches every partner's drop directory (inotify close-write and
//    moved-to, plus a periodic rescan), pulls SFTP sources, and hands complete files to the
//    pipeline of app/intake.h: claims and records on one thread (it owns the store), analyses
//    on a pool of worker threads. At most `max_in_flight` flows are claimed and unfinished at
//    any time; the rest wait, unclaimed, in their drop directory (backpressure).
//  - SIGTERM / SIGINT: stops taking files, lets every claimed flow finish, then exits 0.
//    Nothing is lost by any stop: a flow cut by a crash is in work/ and is finished by the
//    next start (recovery runs first).
//  - SIGHUP: once the flows in flight are finished, reloads the configuration (and with it
//    the referential); a configuration that does not load is logged and the running one kept.
//  - Metrics in Prometheus text format are rewritten every `metrics_seconds` (and at exit):
//    flows and invoices by status, queue depth, flows in flight, stage latencies.
//  - A broken flow never stops the daemon: its problem is a finding (the flow is refused) or
//    an incident (the flow is parked IN_INCIDENTE); both are logged.
#pragma once

#include <filesystem>
#include <optional>

namespace app {

struct RunOptions {
  std::optional<unsigned> workers;  // --workers: overrides [daemon] workers
  std::optional<bool> json_logs;    // --log-format json|text
};

// Returns the process exit code: 0 after a drain on SIGTERM / SIGINT, 2 when it cannot start
// (configuration, referential, store, folders).
int run_daemon(const std::filesystem::path& config_file, const RunOptions& options);

}  // namespace app
