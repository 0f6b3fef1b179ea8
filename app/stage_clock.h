// app/stage_clock.h — where the wall time of a `fluxd batch` run goes, stage by stage.
//
// Contract:
//  - A StageClock accumulates exclusive wall time (steady_clock) per Stage. At most one stage
//    is "current"; a StageTimer makes its stage current for its lifetime and, when it ends,
//    gives the clock back to the stage that was current before (so timers nest: time spent in
//    an inner timer is never also counted by the outer one). StageTimer::to() switches the
//    current stage without nesting. Every transition costs one clock read, so a run pays a few
//    dozen reads per invoice (tens of nanoseconds each) against hundreds of microseconds of work.
//  - Time outside any timer is not charged: StageTimings::other() is the run's wall time minus
//    every stage, i.e. the loops, directory listings and bookkeeping between stages.
//  - A null StageClock* turns timers into no-ops (e.g. `fluxd validate` does not time).
//  - One clock per thread (no synchronisation); a worker pool adds the totals up (LATER).
#pragma once

#include <fmt/format.h>
#include <sys/resource.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace app {

enum class Stage : std::uint8_t {
  claim,      // claim by rename into work/ and the SHA-256 of the flow (its identity)
  read,       // read the claimed flow and detect its format (ingest::open_flow)
  parse,      // fluxd's SAX2 reader filling model::Invoice
  xsd,        // official XSD validation (when schemas are loaded)
  en16931,    // EN 16931 business rules
  recipient,  // recipient rules against the referential
  route,      // routing decision and durable delivery to the outbox
  store,      // SQLite tracking store (records, statuses, findings, commit, reading back)
  report,     // integration report files (XML + JSON, durable)
  handoff,    // durable move of the flow out of work/ into done/ or failed/
};
inline constexpr std::size_t kStageCount = 10;
static_assert(static_cast<std::size_t>(Stage::handoff) + 1 == kStageCount);

inline constexpr std::array<std::string_view, kStageCount> kStageNames = {
    "claim", "read", "parse", "xsd", "en16931", "recipient", "route", "store", "report", "handoff"};

inline constexpr std::array<std::string_view, kStageCount> kStageLabels = {
    "claim (rename + SHA-256)",
    "read file + detect",
    "parse (reader)",
    "XSD",
    "EN 16931 rules",
    "recipient rules",
    "routing + delivery",
    "store (SQLite)",
    "reports",
    "hand-off to done/failed"};

// The totals of one run. Durations are wall time; `entries` counts how often a stage became
// current through a timer or to(): per claimed flow for claim, per flow opened for read, per
// document for parse, per readable document for xsd/en16931 and recipient, per finished flow
// for report/handoff; route at least once per accepted invoice (delivery passes enter it too);
// store several times per flow.
struct StageTimings {
  using Duration = std::chrono::steady_clock::duration;

  std::array<Duration, kStageCount> spent{};
  std::array<std::uint64_t, kStageCount> entries{};

  // Cold start, before the first flow: apart from the per-invoice work.
  Duration referential_load{}, schema_load{}, store_open{};
  Duration startup{};  // everything from the start of run_batch to the first flow
  Duration run{};      // from the first flow to the end of the run
  Duration run_cpu{};  // CPU time (user + system) of the process during `run`

  // What the run processed (filled from the finished flows).
  std::uint64_t flows = 0, invoices = 0, accepted = 0, rejected = 0, bytes = 0;

  Duration staged() const {
    Duration sum{};
    for (auto d : spent) sum += d;
    return sum;
  }
  Duration other() const { return run - staged(); }
  const Duration& of(Stage s) const { return spent[static_cast<std::size_t>(s)]; }
};

class StageClock {
 public:
  using Clock = std::chrono::steady_clock;

  const StageTimings& timings() const { return timings_; }
  StageTimings& timings() { return timings_; }

 private:
  friend class StageTimer;
  static constexpr std::uint8_t kNone = 0xff;

  // Charges the current stage up to `now` and makes `next` current; returns the previous one.
  std::uint8_t switch_to(std::uint8_t next, bool counts) {
    const auto now = Clock::now();
    if (current_ != kNone) timings_.spent[current_] += now - since_;
    const std::uint8_t previous = current_;
    current_ = next;
    since_ = now;
    if (counts && next != kNone) ++timings_.entries[next];
    return previous;
  }

  StageTimings timings_;
  std::uint8_t current_ = kNone;
  Clock::time_point since_{};
};

// Makes `stage` current until it is destroyed (or until to() names another stage).
class StageTimer {
 public:
  StageTimer(StageClock* clock, Stage stage) : clock_(clock) {
    if (clock_) previous_ = clock_->switch_to(static_cast<std::uint8_t>(stage), true);
  }
  ~StageTimer() {
    if (clock_) clock_->switch_to(previous_, false);
  }
  StageTimer(const StageTimer&) = delete;
  StageTimer& operator=(const StageTimer&) = delete;

  void to(Stage stage) {
    if (clock_) clock_->switch_to(static_cast<std::uint8_t>(stage), true);
  }

 private:
  StageClock* clock_;
  std::uint8_t previous_ = StageClock::kNone;
};

// Peak resident set of this process so far, in KiB (Linux reports ru_maxrss in KiB).
inline long peak_rss_kib() {
  rusage usage{};
  return ::getrusage(RUSAGE_SELF, &usage) == 0 ? usage.ru_maxrss : 0;
}

// CPU time (user + system) this process has used so far: with the wall time it tells work from
// waiting (fsync, disk).
inline StageTimings::Duration process_cpu_time() {
  rusage usage{};
  if (::getrusage(RUSAGE_SELF, &usage) != 0) return {};
  using std::chrono::microseconds;
  using std::chrono::seconds;
  return std::chrono::duration_cast<StageTimings::Duration>(
      seconds(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
      microseconds(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec));
}

namespace detail {
inline double ms(StageTimings::Duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}
inline double share(StageTimings::Duration part, StageTimings::Duration whole) {
  return whole.count() > 0 ? static_cast<double>(part.count()) / static_cast<double>(whole.count())
                           : 0.0;
}
}  // namespace detail

// `fluxd batch --timings-json`: one object; shares are fractions of `run_ms` (the per-invoice
// work, cold start excluded). Every stage is always present, with zeros when it never ran.
inline std::string timings_json(const StageTimings& t, long peak_rss) {
  using detail::ms;
  using detail::share;
  std::string stages;
  for (std::size_t i = 0; i < kStageCount; ++i)
    stages += fmt::format("{}\n    \"{}\": {{\"ms\": {:.3f}, \"entries\": {}, \"share\": {:.4f}}}",
                          i ? "," : "", kStageNames[i], ms(t.spent[i]), t.entries[i],
                          share(t.spent[i], t.run));
  return fmt::format(
      "{{\n  \"counts\": {{\"flows\": {}, \"invoices\": {}, \"accepted\": {}, \"rejected\": {}, "
      "\"bytes\": {}}},\n"
      "  \"startup_ms\": {{\"referential\": {:.3f}, \"schemas\": {:.3f}, \"store_open\": {:.3f}, "
      "\"total\": {:.3f}}},\n"
      "  \"run_ms\": {:.3f},\n  \"run_cpu_ms\": {:.3f},\n  \"total_ms\": {:.3f},\n"
      "  \"stages\": {{{}\n  }},\n"
      "  \"other_ms\": {:.3f},\n  \"peak_rss_kib\": {}\n}}\n",
      t.flows, t.invoices, t.accepted, t.rejected, t.bytes, ms(t.referential_load),
      ms(t.schema_load), ms(t.store_open), ms(t.startup), ms(t.run), ms(t.run_cpu),
      ms(t.startup + t.run), stages, ms(t.other()), peak_rss);
}

// `fluxd batch --timings`: the same as a table for an operator.
inline std::string timings_table(const StageTimings& t, long peak_rss) {
  using detail::ms;
  using detail::share;
  const double run_s = ms(t.run) / 1000.0;
  std::string out = fmt::format(
      "Timings: {} flows, {} invoices ({} accepted, {} rejected), {:.1f} MB\n"
      "  cold start {:.1f} ms (referential {:.1f}, XSDs {:.1f}, store {:.1f})\n"
      "  run {:.1f} ms ({:.0f} ms CPU): {:.0f} invoices/s, {:.2f} MB/s; peak RSS {:.1f} MiB\n",
      t.flows, t.invoices, t.accepted, t.rejected, static_cast<double>(t.bytes) / 1e6,
      ms(t.startup), ms(t.referential_load), ms(t.schema_load), ms(t.store_open), ms(t.run),
      ms(t.run_cpu), run_s > 0 ? static_cast<double>(t.invoices) / run_s : 0.0,
      run_s > 0 ? static_cast<double>(t.bytes) / 1e6 / run_s : 0.0,
      static_cast<double>(peak_rss) / 1024.0);
  out += fmt::format("  {:<26} {:>10} {:>7} {:>9}\n", "stage", "ms", "share", "entries");
  for (std::size_t i = 0; i < kStageCount; ++i)
    out += fmt::format("  {:<26} {:>10.1f} {:>6.1f}% {:>9}\n", kStageLabels[i], ms(t.spent[i]),
                       100.0 * share(t.spent[i], t.run), t.entries[i]);
  out += fmt::format("  {:<26} {:>10.1f} {:>6.1f}%\n", "other (between stages)", ms(t.other()),
                     100.0 * share(t.other(), t.run));
  return out;
}

}  // namespace app
