// Per-stage timings of `fluxd batch` (app/stage_clock.h, `--timings`, `--timings-json`): the
// clock's accounting on its own, then the real binary on a temporary copy of samples/, whose
// timings must name every stage with entry counts that match the flows it processed.
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "app/stage_clock.h"
#include "e2e_support.h"
#include "test_paths.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using fluxd_test::quote;
using fluxd_test::Run;
using fluxd_test::run;
using fluxd_test::slurp;

// The samples' sandbox with every sample flow waiting in its inbox.
struct Sandbox : fluxd_test::SampleSandbox {
  Sandbox() : SampleSandbox("fluxd-timings") { drop_samples(); }

  Run batch(const std::string& args) const {
    return run(std::string(FLUXD_BINARY) + " batch " + args + " --config " + quote(config) +
               " 2>/dev/null");
  }
};

std::uint64_t entries(const json& t, const char* stage) {
  return t["stages"][stage]["entries"].get<std::uint64_t>();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stage_timings)

BOOST_AUTO_TEST_CASE(nested_timers_charge_exclusive_time_and_count_entries) {
  using namespace std::chrono_literals;
  app::StageClock clock;
  const auto start = std::chrono::steady_clock::now();
  {
    app::StageTimer outer(&clock, app::Stage::store);
    std::this_thread::sleep_for(5ms);
    {
      app::StageTimer inner(&clock, app::Stage::parse);
      std::this_thread::sleep_for(20ms);
      inner.to(app::Stage::xsd);
      std::this_thread::sleep_for(5ms);
    }
    std::this_thread::sleep_for(5ms);  // back on store once the inner timer is gone
    outer.to(app::Stage::report);
  }
  const auto elapsed = std::chrono::steady_clock::now() - start;
  const auto& t = clock.timings();
  BOOST_TEST(t.of(app::Stage::parse) >= std::chrono::nanoseconds(20ms));
  BOOST_TEST(t.of(app::Stage::xsd) >= std::chrono::nanoseconds(5ms));
  BOOST_TEST(t.of(app::Stage::store) >= std::chrono::nanoseconds(10ms));
  // Exclusive: nothing is counted twice, so the stages never add up to more than the wall time.
  BOOST_TEST(t.staged() <= elapsed);
  BOOST_TEST(t.entries[static_cast<std::size_t>(app::Stage::store)] == 1u);
  BOOST_TEST(t.entries[static_cast<std::size_t>(app::Stage::parse)] == 1u);
  BOOST_TEST(t.entries[static_cast<std::size_t>(app::Stage::xsd)] == 1u);
  BOOST_TEST(t.entries[static_cast<std::size_t>(app::Stage::report)] == 1u);
  BOOST_TEST(t.entries[static_cast<std::size_t>(app::Stage::claim)] == 0u);

  app::StageTimer off(nullptr, app::Stage::parse);  // no clock: a no-op
  off.to(app::Stage::xsd);
}

BOOST_AUTO_TEST_CASE(timings_json_names_every_stage_with_counts_matching_the_flows) {
  Sandbox box;
  const fs::path file = box.root / "timings.json";
  auto batch = box.batch("--timings-json " + quote(file));
  BOOST_TEST_REQUIRE(batch.exit_code == 0, batch.out);
  const json t = json::parse(slurp(file));

  // Counts: the same as the flows the run reports (samples/expected.json has one entry per flow).
  const json expected = json::parse(slurp(fluxd_test::source_dir() / "samples" / "expected.json"));
  std::uint64_t invoices = 0, accepted = 0;
  for (const auto& [name, want] : expected.items()) {
    invoices += !want["invoice_status"].is_null();
    accepted += want["invoice_status"] == "MISE_A_DISPOSITION";
  }
  const bool with_xsd = !fluxd_test::shared_dir().empty();
  if (!with_xsd) ++accepted;  // the XSD-only rejection is accepted without the official XSDs
  const auto flows = expected.size();
  BOOST_TEST(t["counts"]["flows"] == flows);
  BOOST_TEST(t["counts"]["invoices"] == invoices);
  BOOST_TEST(t["counts"]["accepted"] == accepted);
  BOOST_TEST(t["counts"]["rejected"] == invoices - accepted);
  BOOST_TEST(t["counts"]["bytes"].get<std::uint64_t>() > 0u);
  BOOST_TEST(t["peak_rss_kib"].get<long>() > 0);

  // Every stage is there, and entered as often as the flows processed say.
  for (auto stage : app::kStageNames) {
    const std::string name(stage);
    BOOST_TEST_CONTEXT("stage " << name) {
      BOOST_TEST_REQUIRE(t["stages"].contains(name));
      BOOST_TEST(t["stages"][name]["ms"].get<double>() >= 0.0);
    }
  }
  BOOST_TEST(entries(t, "claim") == flows);
  BOOST_TEST(entries(t, "read") == flows);
  // The unknown-format flow is refused before any parse; every invoice was parsed.
  BOOST_TEST(entries(t, "parse") < flows);
  BOOST_TEST(entries(t, "parse") > invoices);  // the truncated one reaches the reader, no further
  BOOST_TEST(entries(t, "xsd") == (with_xsd ? invoices : 0u));
  BOOST_TEST(entries(t, "en16931") == invoices);
  BOOST_TEST(entries(t, "recipient") == invoices);
  // Each accepted invoice is routed; delivery passes (per flow, end of run) enter it too.
  BOOST_TEST(entries(t, "route") >= accepted);
  BOOST_TEST(entries(t, "route") <= accepted + flows + 1);
  BOOST_TEST(entries(t, "report") == flows);
  BOOST_TEST(entries(t, "handoff") == flows);
  BOOST_TEST(entries(t, "store") >= 2 * flows);
  for (const char* stage : {"claim", "parse", "en16931", "route", "store", "report", "handoff"})
    BOOST_TEST(t["stages"][stage]["ms"].get<double>() > 0.0, stage);

  // The run's time is the stages plus what lies between them; the cold start is apart.
  const double run_ms = t["run_ms"].get<double>();
  double staged = 0;
  for (const auto& [name, s] : t["stages"].items()) staged += s["ms"].get<double>();
  BOOST_TEST(run_ms > 0.0);
  BOOST_TEST(staged <= run_ms + 0.01);
  BOOST_TEST(t["other_ms"].get<double>() >= -0.01);
  BOOST_TEST(t["startup_ms"]["total"].get<double>() > 0.0);
  if (with_xsd) BOOST_TEST(t["startup_ms"]["schemas"].get<double>() > 0.0);
  BOOST_TEST(t["total_ms"].get<double>() >= run_ms);
  BOOST_TEST(t["run_cpu_ms"].get<double>() > 0.0);
}

BOOST_AUTO_TEST_CASE(timings_table_and_an_idle_run) {
  Sandbox box;
  auto first = box.batch("--timings");
  BOOST_TEST_REQUIRE(first.exit_code == 0, first.out);
  for (auto label : app::kStageLabels)
    BOOST_TEST(first.out.find(std::string(label)) != std::string::npos, label);
  BOOST_TEST(first.out.find("invoices/s") != std::string::npos);

  // Nothing left to do: the same shape, with zero counts and no entry anywhere but one pass
  // over deliveries left by earlier runs (route).
  auto idle = box.batch("--timings-json -");
  BOOST_TEST_REQUIRE(idle.exit_code == 0, idle.out);
  const auto brace = idle.out.find('{');
  BOOST_TEST_REQUIRE(brace != std::string::npos);
  const json t = json::parse(idle.out.substr(brace));
  BOOST_TEST(t["counts"]["flows"] == 0);
  for (auto stage : app::kStageNames)
    BOOST_TEST(entries(t, std::string(stage).c_str()) <= (stage == "route" ? 1u : 0u), stage);
}

BOOST_AUTO_TEST_SUITE_END()
