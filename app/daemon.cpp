#include "app/daemon.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <csignal>
#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "app/intake.h"
#include "app/log.h"
#include "app/updates.h"
#include "ingest/drop_watch.h"
#include "ingest/sftp_pull.h"
#include "model/status.h"

namespace app {

namespace fs = std::filesystem;
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kExitOperational = 2;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Everything built from one configuration. Used only on the recorder thread, except `config`
// (read-only) and `schemas` (shared read-only by the workers' checkers).
struct Engine {
  Config config;
  int generation = 0;
  std::shared_ptr<const validate::SchemaSet> schemas;
  std::unique_ptr<ReferentialSource> referentials;
  std::unique_ptr<lifecycle::Store> store;
  std::unique_ptr<Deliverer> deliverer;
  std::unique_ptr<FlowIntake> intake;
  std::unique_ptr<UpdateIntake> updates;
};

model::Result<std::shared_ptr<Engine>> build_engine(Config config, int generation, Log& log) {
  auto engine = std::make_shared<Engine>();
  engine->config = std::move(config);
  engine->generation = generation;
  const Config& c = engine->config;
  if (auto made = make_data_folders(c); !made) return made.error();
  auto schemas = load_schemas(c.xsd_dir);
  if (!schemas) return schemas.error();
  engine->schemas = schemas->schemas;
  log.info("schemas", schemas->notice);
  engine->referentials = std::make_unique<ReferentialSource>(c);
  if (auto loaded = engine->referentials->load(); !loaded) return loaded.error();
  log.info("referential", "",
           {{"version", engine->referentials->current()->version()},
            {"from", engine->referentials->location().origin}});
  for (const auto& row : engine->referentials->bad_rows())
    log.warning("referential.row-skipped", row);
  try {
    engine->store = std::make_unique<lifecycle::Store>(c.store);
  } catch (const std::exception& e) {
    return model::Error{"STORE-OPEN", e.what()};
  }
  engine->deliverer = std::make_unique<Deliverer>(c, *engine->store);
  if (auto opened = engine->deliverer->open(); !opened) return opened.error();
  engine->intake =
      std::make_unique<FlowIntake>(c, *engine->referentials, *engine->store, *engine->deliverer);
  engine->updates = std::make_unique<UpdateIntake>(c, *engine->referentials, *engine->store);
  return engine;
}

// Counters shared by the loop, the recorder and the workers.
class Metrics {
 public:
  // Counters are there from the start, at 0, so a scraper sees them before their first event.
  Metrics() {
    for (const char* name : {"flows_finished", "invoices_checked", "incidents", "record_failures",
                             "sftp_pulled", "sftp_problems", "update_files", "updates_applied",
                             "updates_refused", "lifecycle_messages"})
      counters_[name] = 0;
  }
  void add_stage(std::string_view stage, double seconds) {
    std::lock_guard lock(mutex_);
    auto& s = stages_[std::string(stage)];
    s.sum += seconds;
    ++s.count;
  }
  void count(std::string_view counter, std::uint64_t n = 1) {
    std::lock_guard lock(mutex_);
    counters_[std::string(counter)] += n;
  }

  // The Prometheus text exposition (version 0.0.4).
  std::string text(const std::vector<std::pair<std::string, std::int64_t>>& flows,
                   const std::vector<std::pair<std::string, std::int64_t>>& invoices,
                   std::size_t queued, std::size_t in_flight, unsigned workers,
                   double started_unix) {
    std::lock_guard lock(mutex_);
    std::string out;
    auto gauge = [&](std::string_view name, std::string_view help, auto value) {
      out += fmt::format("# HELP {0} {1}\n# TYPE {0} gauge\n{0} {2}\n", name, help, value);
    };
    out += "# HELP fluxd_flows Flows in the tracking store, by status.\n# TYPE fluxd_flows gauge\n";
    for (const auto& [status, n] : flows)
      out += fmt::format("fluxd_flows{{status=\"{}\"}} {}\n", status, n);
    out +=
        "# HELP fluxd_invoices Invoices in the tracking store, by status.\n"
        "# TYPE fluxd_invoices gauge\n";
    for (const auto& [status, n] : invoices)
      out += fmt::format("fluxd_invoices{{status=\"{}\"}} {}\n", status, n);
    gauge("fluxd_queue_depth", "Complete files waiting to be claimed.", queued);
    gauge("fluxd_flows_in_flight", "Flows claimed and not yet finished.", in_flight);
    gauge("fluxd_workers", "Worker threads checking invoices.", workers);
    gauge("fluxd_start_time_seconds", "Start time of the daemon, Unix seconds.",
          fmt::format("{:.3f}", started_unix));
    for (const auto& [name, n] : counters_)
      out += fmt::format("# TYPE fluxd_{0}_total counter\nfluxd_{0}_total {1}\n", name, n);
    out +=
        "# HELP fluxd_stage_seconds Time spent per stage of a flow.\n"
        "# TYPE fluxd_stage_seconds summary\n";
    for (const auto& [stage, s] : stages_) {
      out += fmt::format("fluxd_stage_seconds_sum{{stage=\"{}\"}} {:.6f}\n", stage, s.sum);
      out += fmt::format("fluxd_stage_seconds_count{{stage=\"{}\"}} {}\n", stage, s.count);
    }
    return out;
  }

 private:
  struct Stage {
    double sum = 0;
    std::uint64_t count = 0;
  };
  std::mutex mutex_;
  std::map<std::string, Stage> stages_;
  std::map<std::string, std::uint64_t> counters_;
};

// Scraped by a collector at any time: written to a temporary name and renamed, never half.
void write_metrics_file(const fs::path& file, const std::string& text, Log& log) {
  fs::path temp = file;
  temp += ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
      log.warning("metrics.write-failed", temp.string());
      return;
    }
  }
  std::error_code ec;
  fs::rename(temp, file, ec);
  if (ec) log.warning("metrics.write-failed", file.string() + ": " + ec.message());
}

class Daemon {
 public:
  Daemon(fs::path config_file, std::shared_ptr<Engine> engine, unsigned workers, Log& log)
      : config_file_(std::move(config_file)),
        engine_(std::move(engine)),
        log_(log),
        worker_count_(workers),
        workers_(workers),
        started_unix_(
            std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
                .count()) {}

  int run() {
    recover();  // flows an earlier run left in work/ go first
    if (!start_watching()) {
      draining_ = true;  // nothing new; let the recovered flows finish
      if (in_flight_ > 0) loop_.run();
      workers_.join();
      recorder_.join();
      return kExitOperational;
    }
    log_.info("daemon.started", "",
              {{"workers", std::to_string(worker_count_)},
               {"max_in_flight", std::to_string(max_in_flight())},
               {"partners", std::to_string(engine_->config.partners.size())},
               {"pid", std::to_string(::getpid())}});
    signals_.async_wait([this](auto ec, int signal) { on_signal(ec, signal); });
    if (!start_pulling()) {
      draining_ = true;
      stop_watching();
      if (in_flight_ > 0) loop_.run();
      workers_.join();
      recorder_.join();
      return kExitOperational;
    }
    arm_rescan();
    arm_delivery();
    arm_updates();
    arm_metrics();
    loop_.run();
    pullers_.join();
    workers_.join();
    recorder_.join();
    exchange_status_files(*engine_);    // what the last flows changed reaches the partners
    write_metrics_now(*engine_, 0, 0);  // the final picture, after the drain
    log_.info("daemon.stopped", "every claimed flow finished");
    return 0;
  }

 private:
  std::size_t max_in_flight() const {
    const auto& d = engine_->config.daemon;
    return d.max_in_flight ? d.max_in_flight : 2 * static_cast<std::size_t>(worker_count_);
  }

  bool start_watching() {
    auto watch = ingest::DropWatch::open();
    if (!watch) {
      log_.error("watch.failed", watch.error().code + ": " + watch.error().message);
      return false;
    }
    watch_ = std::move(*watch);
    for (const auto& partner : engine_->config.partners) {
      const auto dir = engine_->config.inbox / partner.code;
      if (auto added = watch_->watch(partner.code, dir, partner.drop); !added) {
        log_.error("watch.failed", added.error().message, {{"partner", partner.code}});
        return false;
      }
    }
    watch_fd_ = std::make_unique<asio::posix::stream_descriptor>(loop_, ::dup(watch_->fd()));
    arm_watch();
    take_ready();
    return true;
  }

  // One SFTP puller per partner with [partners.sftp], polled on its own thread (network waits
  // never hold the loop); what it puts in the inbox arrives as a renamed-in file.
  struct PullSource {
    PullSource(asio::io_context& loop, std::string code, fs::path in, fs::path state,
               std::chrono::seconds period, ingest::SftpPuller p)
        : partner(std::move(code)),
          inbox(std::move(in)),
          state_dir(std::move(state)),
          every(period),
          puller(std::move(p)),
          timer(loop) {}
    std::string partner;
    fs::path inbox, state_dir;
    std::chrono::seconds every;
    ingest::SftpPuller puller;
    asio::steady_timer timer;
    bool cancelled = false;
  };

  bool start_pulling() {
    for (const auto& partner : engine_->config.partners) {
      if (!partner.sftp) continue;
      auto puller = ingest::make_sftp_puller(*partner.sftp);
      if (!puller) {
        log_.error("sftp.failed", puller.error().code + ": " + puller.error().message,
                   {{"partner", partner.code}});
        return false;
      }
      const fs::path state = engine_->config.pull_state / partner.code;
      std::error_code ec;
      fs::create_directories(state, ec);
      auto source =
          std::make_shared<PullSource>(loop_, partner.code, engine_->config.inbox / partner.code,
                                       state, partner.sftp_poll, std::move(*puller));
      log_.info("sftp.source", source->puller.describe(), {{"partner", partner.code}});
      pulls_.push_back(source);
      arm_pull(source, std::chrono::seconds(0));  // the first poll only sees what is there
    }
    return true;
  }

  void arm_pull(const std::shared_ptr<PullSource>& source, std::chrono::seconds after) {
    source->timer.expires_after(after);
    source->timer.async_wait([this, source](auto ec) {
      if (ec || source->cancelled || draining_) return;
      asio::post(pullers_, [this, source] {
        const auto start = Clock::now();
        auto report = source->puller.pull(source->inbox, source->state_dir);
        metrics_.add_stage("sftp_pull", seconds_since(start));
        metrics_.count("sftp_pulled", report.taken.size());
        metrics_.count("sftp_problems", report.problems.size());
        for (const auto& name : report.taken)
          log_.info("sftp.pulled", "", {{"partner", source->partner}, {"file", name}});
        for (const auto& problem : report.problems)
          log_.warning("sftp.problem", problem, {{"partner", source->partner}});
        asio::post(loop_, [this, source] {
          if (!source->cancelled && !draining_) arm_pull(source, source->every);
        });
      });
    });
  }

  void stop_pulling() {
    for (auto& source : pulls_) {
      source->cancelled = true;
      source->timer.cancel();
    }
    pulls_.clear();
  }

  void stop_watching() {
    rescan_timer_.cancel();
    stable_timer_.cancel();
    if (watch_fd_) {
      watch_fd_->cancel();
      watch_fd_.reset();
    }
    watch_.reset();
  }

  void arm_watch() {
    if (!watch_fd_) return;
    watch_fd_->async_wait(asio::posix::stream_descriptor::wait_read, [this](auto ec) {
      if (ec || !watch_) return;
      watch_->read_events(Clock::now());
      take_ready();
      arm_watch();
    });
  }

  void arm_rescan() {
    rescan_timer_.expires_after(engine_->config.daemon.rescan);
    rescan_timer_.async_wait([this](auto ec) {
      if (ec || !watch_) return;
      // Nothing in flight: whatever work/ holds is a flow whose claim or record failed (disk
      // full, store locked); try it again now rather than at the next start.
      if (in_flight_ == 0 && !draining_ && !reload_pending_) recover();
      watch_->rescan(Clock::now());
      take_ready();
      arm_rescan();
    });
  }

  // Looks at the drop directories' complete files and wakes up again when a file seen but not
  // yet stable could become so.
  void take_ready() {
    if (!watch_) return;
    for (auto& ready : watch_->take_ready(Clock::now())) {
      if (queued_.insert(ready.file).second) queue_.push_back(std::move(ready));
    }
    if (auto next = watch_->next_check()) {
      stable_timer_.expires_at(*next + std::chrono::milliseconds(5));
      stable_timer_.async_wait([this](auto ec) {
        if (!ec) take_ready();
      });
    }
    pump();
  }

  // Claims waiting files while there is room in flight.
  void pump() {
    while (!draining_ && !reload_pending_ && in_flight_ < max_in_flight() && !queue_.empty()) {
      auto ready = std::move(queue_.front());
      queue_.pop_front();
      ++in_flight_;
      asio::post(recorder_, [this, engine = engine_, ready] {
        const auto start = Clock::now();
        std::optional<ClaimedFlow> flow;
        try {
          flow = engine->intake->claim(ready.partner, ready.file);
        } catch (const std::exception& e) {
          log_.error("flow.claim-failed", e.what(),
                     {{"partner", ready.partner}, {"file", ready.file.filename().string()}});
        }
        metrics_.add_stage("claim", seconds_since(start));
        report(*engine);
        if (flow) {
          analyse(engine, *flow, ready.file);
        } else {
          asio::post(loop_, [this, file = ready.file] { flow_done(file); });
        }
      });
    }
  }

  // On a worker: read and check every document; then back to the recorder to commit.
  void analyse(std::shared_ptr<Engine> engine, ClaimedFlow flow, fs::path inbox_file) {
    asio::post(workers_, [this, engine, flow, inbox_file] {
      const auto start = Clock::now();
      std::optional<FlowAnalysis> analysis;
      std::string failure;
      try {
        analysis = analyse_flow(flow.work_file, engine->config.limits, checker_for(*engine));
      } catch (const std::exception& e) {
        failure = std::string("analysis failed: ") + e.what();
      }
      metrics_.add_stage("analyse", seconds_since(start));
      asio::post(recorder_,
                 [this, engine, flow, inbox_file, analysis = std::move(analysis), failure] {
                   const auto record_start = Clock::now();
                   try {
                     if (analysis)
                       engine->intake->record(flow, *analysis);
                     else
                       engine->intake->incident(flow, failure);
                   } catch (const std::exception& e) {
                     // The store or the disk failed: the flow stays in work/ and the next start
                     // resumes it.
                     log_.error("flow.record-failed", e.what(),
                                {{"flow", std::to_string(flow.number)}, {"partner", flow.partner}});
                     metrics_.count("record_failures");
                   }
                   metrics_.add_stage("record", seconds_since(record_start));
                   report(*engine);
                   asio::post(loop_, [this, inbox_file] { flow_done(inbox_file); });
                 });
    });
  }

  // One reusable checker per worker thread, rebuilt when a reload brought new schemas/limits.
  static DocumentChecker& checker_for(const Engine& engine) {
    thread_local std::unique_ptr<DocumentChecker> checker;
    thread_local int generation = -1;
    if (!checker || generation != engine.generation) {
      checker = std::make_unique<DocumentChecker>(engine.config.limits, engine.schemas);
      generation = engine.generation;
    }
    return *checker;
  }

  // On the recorder: log what the intake finished since the last call.
  void report(Engine& engine) {
    for (const auto& d : engine.intake->take_finished()) {
      const auto& f = d.flow;
      metrics_.count("flows_finished");
      metrics_.count("invoices_checked", static_cast<std::uint64_t>(f.invoices));
      log_.info("flow.finished", "",
                {{"flow", std::to_string(f.number)},
                 {"partner", f.partner},
                 {"file", f.file_name},
                 {"status", std::string(model::to_code(f.status))},
                 {"invoices", std::to_string(f.invoices)},
                 {"accepted", std::to_string(f.accepted)},
                 {"rejected", std::to_string(f.rejected)}});
    }
    for (const auto& why : engine.intake->take_incidents()) {
      metrics_.count("incidents");
      log_.error("flow.incident", why);
    }
    for (const auto& notice : engine.intake->take_notices()) log_.info("notice", notice);
  }

  void flow_done(const fs::path& inbox_file) {
    --in_flight_;
    queued_.erase(inbox_file);
    if (watch_) watch_->forget(inbox_file);
    if (in_flight_ == 0 && draining_) {
      finish_drain();
      return;
    }
    if (in_flight_ == 0 && reload_pending_) reload();
    pump();
  }

  // Flows an earlier run left in work/ (crash, kill -9, power cut) come before anything new.
  void recover() {
    for (const auto& partner : engine_->config.partners) {
      std::vector<fs::path> left;
      std::error_code ec;
      for (const auto& entry : fs::directory_iterator(engine_->config.work / partner.code, ec))
        if (entry.is_regular_file()) left.push_back(entry.path());
      std::sort(left.begin(), left.end());
      for (const auto& file : left) {
        ++in_flight_;
        asio::post(recorder_, [this, engine = engine_, partner = partner.code, file] {
          std::optional<ClaimedFlow> flow;
          try {
            flow = engine->intake->recover(partner, file);
          } catch (const std::exception& e) {
            log_.error("flow.recover-failed", e.what(), {{"file", file.string()}});
          }
          report(*engine);
          log_.info("flow.recovered", "",
                    {{"partner", partner}, {"file", file.filename().string()}});
          if (flow)
            analyse(engine, *flow, file);
          else
            asio::post(loop_, [this, file] { flow_done(file); });
        });
      }
    }
  }

  void arm_delivery() {
    delivery_timer_.expires_after(engine_->config.daemon.delivery_interval);
    delivery_timer_.async_wait([this](auto ec) {
      if (ec || draining_) return;
      asio::post(recorder_, [this, engine = engine_] {
        try {
          engine->deliverer->new_round();
          engine->intake->deliver_due();
        } catch (const std::exception& e) {
          log_.error("delivery.failed", e.what());
        }
        report(*engine);
      });
      arm_delivery();
    });
  }

  // Status updates in, lifecycle messages out, on the recorder (the store's thread).
  void arm_updates() {
    updates_timer_.expires_after(engine_->config.daemon.updates_interval);
    updates_timer_.async_wait([this](auto ec) {
      if (ec || draining_) return;
      asio::post(recorder_, [this, engine = engine_] { exchange_status_files(*engine); });
      arm_updates();
    });
  }

  void exchange_status_files(Engine& engine) {
    try {
      auto round = engine.updates->apply_waiting(engine.config.daemon.drop.stable_for);
      for (const auto& file : round.files) {
        const auto applied = static_cast<std::uint64_t>(std::count_if(
            file.outcomes.begin(), file.outcomes.end(), [](const auto& o) { return o.applied; }));
        metrics_.count("update_files");
        metrics_.count("updates_applied", applied);
        metrics_.count("updates_refused", file.outcomes.size() - applied);
        log_.info("updates.applied", file.file_message,
                  {{"sender", file.sender},
                   {"file", file.file_name},
                   {"number", std::to_string(file.number)},
                   {"refused_file", file.file_code},
                   {"applied", std::to_string(applied)},
                   {"refused", std::to_string(file.outcomes.size() - applied)}});
      }
      for (const auto& problem : round.problems) log_.error("updates.failed", problem);
      metrics_.count("lifecycle_messages", static_cast<std::uint64_t>(write_lifecycle_messages(
                                               engine.config, *engine.store)));
    } catch (const std::exception& e) {
      log_.error("status-files.failed", e.what());
    }
  }

  void arm_metrics() {
    metrics_timer_.expires_after(engine_->config.daemon.metrics_interval);
    metrics_timer_.async_wait([this](auto ec) {
      if (ec || draining_) return;
      write_metrics(engine_);
      arm_metrics();
    });
  }

  // Store counts are read on the recorder (the store's thread); loop state is taken now.
  void write_metrics(std::shared_ptr<Engine> engine) {
    asio::post(recorder_, [this, engine, queued = queue_.size(), in_flight = in_flight_] {
      write_metrics_now(*engine, queued, in_flight);
    });
  }

  void write_metrics_now(Engine& engine, std::size_t queued, std::size_t in_flight) {
    try {
      const auto text = metrics_.text(engine.store->count_by_status("flow"),
                                      engine.store->count_by_status("invoice"), queued, in_flight,
                                      worker_count_, started_unix_);
      write_metrics_file(engine.config.daemon.metrics_file, text, log_);
    } catch (const std::exception& e) {
      log_.warning("metrics.write-failed", e.what());
    }
  }

  void on_signal(const boost::system::error_code& ec, int signal) {
    if (ec) return;
    if (signal == SIGHUP && !draining_) {
      log_.info("daemon.reload-requested", "reloading once the flows in flight are finished");
      reload_pending_ = true;
      if (in_flight_ == 0) reload();
    } else if (signal != SIGHUP && !draining_) {
      log_.info("daemon.stopping", "",
                {{"signal", signal == SIGTERM ? "SIGTERM" : "SIGINT"},
                 {"in_flight", std::to_string(in_flight_)}});
      draining_ = true;
      stop_watching();
      stop_pulling();
      if (in_flight_ == 0) finish_drain();
    } else if (signal != SIGHUP) {
      log_.info("daemon.stopping", "still finishing the flows in flight",
                {{"in_flight", std::to_string(in_flight_)}});
    }
    if (!stopped_) signals_.async_wait([this](auto e, int s) { on_signal(e, s); });
  }

  void finish_drain() {
    stopped_ = true;
    keep_running_.reset();
    delivery_timer_.cancel();
    updates_timer_.cancel();
    metrics_timer_.cancel();
    signals_.cancel();
    loop_.stop();
  }

  // Nothing is in flight: swap in an engine built from the configuration file as it is now.
  void reload() {
    reload_pending_ = false;
    ReferentialSource::request_reload();
    auto config = load_config(config_file_);
    if (!config) {
      log_.error("daemon.reload-failed", config.error().code + ": " + config.error().message);
      pump();
      return;
    }
    auto engine = build_engine(std::move(*config), engine_->generation + 1, log_);
    if (!engine) {
      log_.error("daemon.reload-failed", engine.error().code + ": " + engine.error().message);
      pump();
      return;
    }
    // The recorder thread is idle (nothing in flight); jobs already posted keep the old engine.
    engine_ = std::move(*engine);
    stop_watching();
    stop_pulling();
    queue_.clear();
    queued_.clear();
    if (!start_watching() || !start_pulling()) {
      log_.error("daemon.reload-failed", "drop directories cannot be watched; stopping");
      draining_ = true;
      finish_drain();
      return;
    }
    arm_rescan();
    log_.info("daemon.reloaded", "",
              {{"config", config_file_.string()},
               {"partners", std::to_string(engine_->config.partners.size())}});
  }

  fs::path config_file_;
  std::shared_ptr<Engine> engine_;
  Log& log_;
  Metrics metrics_;
  unsigned worker_count_;
  asio::io_context loop_;
  // The loop waits for the recorder's and workers' posts even when it has nothing else to do.
  asio::executor_work_guard<asio::io_context::executor_type> keep_running_{loop_.get_executor()};
  asio::thread_pool workers_;
  asio::thread_pool recorder_{1};  // the store's only thread: claims, records, deliveries
  asio::thread_pool pullers_{1};   // SFTP polls, one at a time
  std::vector<std::shared_ptr<PullSource>> pulls_;
  asio::signal_set signals_{loop_, SIGTERM, SIGINT, SIGHUP};
  asio::steady_timer rescan_timer_{loop_};
  asio::steady_timer stable_timer_{loop_};
  asio::steady_timer delivery_timer_{loop_};
  asio::steady_timer updates_timer_{loop_};
  asio::steady_timer metrics_timer_{loop_};
  std::unique_ptr<ingest::DropWatch> watch_;
  std::unique_ptr<asio::posix::stream_descriptor> watch_fd_;
  std::deque<ingest::DropWatch::Ready> queue_;  // complete, not yet claimed
  std::set<fs::path> queued_;                   // in queue_ or in flight: never twice
  std::size_t in_flight_ = 0;
  bool draining_ = false;
  bool stopped_ = false;
  bool reload_pending_ = false;
  double started_unix_;
};

}  // namespace

int run_daemon(const fs::path& config_file, const RunOptions& options) {
  auto config = load_config(config_file);
  if (!config) {
    fmt::print(stderr, "fluxd: {}: {}\n", config.error().code, config.error().message);
    return kExitOperational;
  }
  Log log(options.json_logs.value_or(config->daemon.json_logs));
  unsigned workers = options.workers.value_or(config->daemon.workers);
  if (workers == 0) workers = std::max(1u, std::thread::hardware_concurrency());
  ingest::XmlPlatform xml;
  auto engine = build_engine(std::move(*config), 0, log);
  if (!engine) {
    log.error("daemon.start-failed", engine.error().code + ": " + engine.error().message);
    return kExitOperational;
  }
  Daemon daemon(config_file, std::move(*engine), workers, log);
  return daemon.run();
}

}  // namespace app
