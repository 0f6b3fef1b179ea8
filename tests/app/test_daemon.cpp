// `fluxd run` end to end: the real binary, real inotify on real folders, real signals.
// Nothing here measures speed; every wait is "until this is true", with a generous timeout.
#include <signal.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "e2e_support.h"
#include "route/process.h"
#include "route/sshd_fixture.h"
#include "test_paths.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

const fs::path kSamples = fluxd_test::source_dir() / "samples";
const fs::path kValmont = kSamples / "flows" / "AAA999" / "01-ubl-valmont-accepted.xml";

std::size_t files_in(const fs::path& dir) {
  std::size_t n = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file()) ++n;
  return n;
}

struct Daemon {
  fluxd_test::ScratchDir scratch{"fluxd-daemon"};
  fs::path root = scratch.path();
  fs::path data = root / "data";
  fs::path config = root / "fluxd.toml";
  fs::path log = root / "daemon.log";
  std::unique_ptr<fluxd_test::ChildProcess> process;

  // `extra` goes into [daemon]; `partners` is the [[partners]] part.
  void configure(const std::string& extra = "",
                 const std::string& partners = "[[partners]]\ncode = 'AAA999'\n") const {
    const auto ref = kSamples / "referential";
    std::ofstream(config) << "[data]\nroot = '" << data.string() << "'\n"
                          << "[referential]\nstructures = '" << (ref / "structures.csv").string()
                          << "'\nservices = '" << (ref / "services.csv").string() << "'\n"
                          << "engagements = '" << (ref / "engagements.csv").string() << "'\n"
                          << "[daemon]\nworkers = 2\nrescan_seconds = 1\nmetrics_seconds = 1\n"
                          << extra << "\n"
                          << partners;
  }

  void start(const std::vector<std::string>& args = {}) {
    std::vector<std::string> argv{FLUXD_BINARY, "run", "--config", config.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    process = std::make_unique<fluxd_test::ChildProcess>(argv, log);
    BOOST_REQUIRE_MESSAGE(
        fluxd_test::wait_until(
            [&] { return log_text().find("daemon.started") != std::string::npos; }, 20s),
        "the daemon did not start:\n"
            << log_text());
  }
  int stop(int signal = SIGTERM) { return process->signal_and_wait(signal, 60s); }

  std::string log_text() const { return fluxd_test::slurp(log); }
  fs::path inbox(const std::string& partner = "AAA999") const { return data / "inbox" / partner; }
  std::size_t finished() const {
    return files_in(data / "done" / "AAA999") + files_in(data / "failed" / "AAA999");
  }
  bool wait_finished(std::size_t n) const {
    return fluxd_test::wait_until([&] { return finished() >= n; }, 60s);
  }
  // Written elsewhere, then renamed into the drop directory: complete at once.
  void drop(const std::string& name, const std::string& bytes,
            const std::string& partner = "AAA999") const {
    fs::create_directories(inbox(partner));
    const auto temp = inbox(partner) / (name + ".part");
    std::ofstream(temp, std::ios::binary) << bytes;
    fs::rename(temp, inbox(partner) / name);
  }
  json flows() const {
    auto r =
        fluxd_test::run(std::string(FLUXD_BINARY) + " suivi flows --json --limit 1000 --config " +
                        fluxd_test::quote(config));
    BOOST_REQUIRE_EQUAL(r.exit_code, 0);
    return json::parse(r.out);
  }
};

std::string valmont() {
  return fluxd_test::slurp(kValmont);
}

// Distinct bytes (a trailing comment), so no flow is a byte-for-byte duplicate of another.
std::string variant(int n) {
  return valmont() + "<!-- " + std::to_string(n) + " -->\n";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(daemon_run)

BOOST_AUTO_TEST_CASE(a_complete_file_is_taken_a_half_written_one_is_not) {
  Daemon d;
  // Files closed in place must stay unchanged for a minute: far longer than this test.
  d.configure("stable_ms = 60000\n");
  fs::create_directories(d.inbox());
  d.start();
  // A writer still at work: half an invoice, file open.
  std::ofstream half(d.inbox() / "half.xml", std::ios::binary);
  const std::string bytes = valmont();
  half << bytes.substr(0, bytes.size() / 2) << std::flush;
  // Names that are never flows.
  for (const char* name : {"x.xml.tmp", ".hidden.xml", "y.xml.filepart"})
    std::ofstream(d.inbox() / name) << bytes;
  // A careful uploader: renamed in once complete.
  d.drop("renamed.xml", variant(1));
  BOOST_REQUIRE_MESSAGE(d.wait_finished(1), d.log_text());
  BOOST_TEST(files_in(d.data / "done" / "AAA999") == 1u);
  // Two rescans later the half-written file (and the temporaries) are still where they were.
  BOOST_REQUIRE(fluxd_test::wait_until(
      [&] {
        return fluxd_test::slurp(d.data / "metrics.prom").find("fluxd_flows{") != std::string::npos;
      },
      20s));
  std::this_thread::sleep_for(2500ms);
  BOOST_TEST(fs::exists(d.inbox() / "half.xml"));
  BOOST_TEST(fs::exists(d.inbox() / "x.xml.tmp"));
  BOOST_TEST(fs::exists(d.inbox() / ".hidden.xml"));
  BOOST_TEST(fs::exists(d.inbox() / "y.xml.filepart"));
  BOOST_TEST(d.flows().size() == 1u);
  BOOST_TEST(d.stop() == 0);
}

BOOST_AUTO_TEST_CASE(a_file_closed_in_place_is_taken_once_stable) {
  Daemon d;
  d.configure("stable_ms = 300\n");
  fs::create_directories(d.inbox());
  d.start();
  std::ofstream(d.inbox() / "in-place.xml", std::ios::binary) << valmont();  // written, closed
  BOOST_REQUIRE_MESSAGE(d.wait_finished(1), d.log_text());
  const auto flows = d.flows();
  BOOST_REQUIRE_EQUAL(flows.size(), 1u);
  BOOST_TEST(flows[0]["file"] == "in-place.xml");
  BOOST_TEST(flows[0]["status"] == "IN_INTEGRE");
  BOOST_TEST(d.stop() == 0);
}

BOOST_AUTO_TEST_CASE(a_partner_with_a_done_marker_is_taken_when_the_marker_comes) {
  Daemon d;
  d.configure("stable_ms = 0\n", "[[partners]]\ncode = 'AAA999'\ndone_marker = '.ok'\n");
  fs::create_directories(d.inbox());
  d.start();
  d.drop("marked.xml", valmont());
  std::this_thread::sleep_for(2500ms);  // two rescans: still waiting for its marker
  BOOST_TEST(fs::exists(d.inbox() / "marked.xml"));
  BOOST_TEST(d.finished() == 0u);
  std::ofstream(d.inbox() / "marked.xml.ok");
  BOOST_REQUIRE_MESSAGE(d.wait_finished(1), d.log_text());
  BOOST_TEST(!fs::exists(d.inbox() / "marked.xml.ok"));  // consumed with its flow
  BOOST_TEST(d.flows().size() == 1u);
  BOOST_TEST(d.stop() == 0);
}

BOOST_AUTO_TEST_CASE(sigterm_finishes_claimed_flows_and_loses_nothing) {
  Daemon d;
  d.configure("stable_ms = 0\nmax_in_flight = 2\n");
  constexpr int kFlows = 40;
  for (int i = 0; i < kFlows; ++i) d.drop("f" + std::to_string(i) + ".xml", variant(i));
  d.start();
  BOOST_REQUIRE(d.wait_finished(2));
  BOOST_TEST(d.stop() == 0);
  BOOST_TEST(d.log_text().find("daemon.stopped") != std::string::npos);
  // Every flow is either untouched in the inbox or finished; none is half-way in work/.
  BOOST_TEST(files_in(d.data / "work" / "AAA999") == 0u);
  const std::size_t finished = d.finished();
  BOOST_TEST(files_in(d.inbox()) + finished == static_cast<std::size_t>(kFlows));
  BOOST_TEST(d.flows().size() == finished);
  // The next start takes the rest; each file became exactly one flow.
  d.start();
  BOOST_REQUIRE_MESSAGE(d.wait_finished(kFlows), d.log_text());
  BOOST_TEST(d.stop() == 0);
  const auto flows = d.flows();
  BOOST_REQUIRE_EQUAL(flows.size(), static_cast<std::size_t>(kFlows));
  std::set<std::string> names;
  for (const auto& f : flows) names.insert(f["file"].get<std::string>());
  BOOST_TEST(names.size() == static_cast<std::size_t>(kFlows));
}

BOOST_AUTO_TEST_CASE(kill_9_then_restart_takes_every_flow_exactly_once) {
  Daemon d;
  d.configure("stable_ms = 0\nmax_in_flight = 4\n");
  constexpr int kFlows = 30;
  for (int i = 0; i < kFlows; ++i) d.drop("k" + std::to_string(i) + ".xml", variant(100 + i));
  d.start();
  BOOST_REQUIRE(d.wait_finished(3));
  BOOST_TEST(d.stop(SIGKILL) == 128 + SIGKILL);
  d.start();  // recovery first, then the rest of the inbox
  BOOST_REQUIRE_MESSAGE(d.wait_finished(kFlows), d.log_text());
  BOOST_TEST(d.stop() == 0);
  BOOST_TEST(files_in(d.data / "work" / "AAA999") == 0u);
  BOOST_TEST(files_in(d.inbox()) == 0u);
  const auto flows = d.flows();
  std::set<std::string> names;
  for (const auto& f : flows) {
    names.insert(f["file"].get<std::string>());
    BOOST_TEST(f["status"] != "IN_INCIDENTE");
  }
  BOOST_TEST(flows.size() == static_cast<std::size_t>(kFlows));
  BOOST_TEST(names.size() == static_cast<std::size_t>(kFlows));
}

BOOST_AUTO_TEST_CASE(sighup_reloads_the_configuration_and_a_bad_one_is_refused) {
  Daemon d;
  d.configure("stable_ms = 0\n");
  d.start();
  // A partner added while running.
  d.configure("stable_ms = 0\n", "[[partners]]\ncode = 'AAA999'\n[[partners]]\ncode = 'NEW01'\n");
  ::kill(d.process->pid(), SIGHUP);
  BOOST_REQUIRE_MESSAGE(
      fluxd_test::wait_until(
          [&] { return d.log_text().find("daemon.reloaded") != std::string::npos; }, 20s),
      d.log_text());
  d.drop("new-partner.xml", valmont(), "NEW01");
  BOOST_REQUIRE_MESSAGE(
      fluxd_test::wait_until([&] { return files_in(d.data / "done" / "NEW01") == 1u; }, 60s),
      d.log_text());
  // A broken file: logged, and the running configuration stays in force.
  std::ofstream(d.config) << "[data\nroot = ";
  ::kill(d.process->pid(), SIGHUP);
  BOOST_REQUIRE(fluxd_test::wait_until(
      [&] { return d.log_text().find("daemon.reload-failed") != std::string::npos; }, 20s));
  d.drop("still-running.xml", variant(7), "NEW01");  // FR-DUPLICATE of the first: failed/
  BOOST_REQUIRE_MESSAGE(
      fluxd_test::wait_until([&] { return files_in(d.data / "failed" / "NEW01") == 1u; }, 60s),
      d.log_text());
  BOOST_TEST(d.stop() == 0);
}

BOOST_AUTO_TEST_CASE(json_logs_and_prometheus_metrics) {
  Daemon d;
  d.configure("stable_ms = 0\n");
  d.start({"--log-format", "json"});
  d.drop("good.xml", valmont());
  d.drop("bad.xml", "this is not an invoice");
  BOOST_REQUIRE(d.wait_finished(2));
  BOOST_REQUIRE(fluxd_test::wait_until(
      [&] {
        const auto m = fluxd_test::slurp(d.data / "metrics.prom");
        return m.find("fluxd_flows{status=\"IN_REJETE\"} 1") != std::string::npos &&
               m.find("fluxd_flows{status=\"IN_INTEGRE\"} 1") != std::string::npos;
      },
      20s));
  BOOST_TEST(d.stop() == 0);
  const auto metrics = fluxd_test::slurp(d.data / "metrics.prom");
  for (const char* line : {"fluxd_invoices{status=\"MISE_A_DISPOSITION\"} 1", "fluxd_queue_depth 0",
                           "fluxd_flows_in_flight 0", "fluxd_workers 2",
                           "fluxd_stage_seconds_count{stage=\"analyse\"} 2",
                           "fluxd_flows_finished_total 2", "fluxd_incidents_total 0"})
    BOOST_TEST(metrics.find(line) != std::string::npos, line);
  // Every log line is one JSON object with the common fields.
  std::istringstream lines(d.log_text());
  std::string line;
  int finished = 0;
  while (std::getline(lines, line)) {
    const auto j = json::parse(line, nullptr, false);
    BOOST_REQUIRE_MESSAGE(j.is_object(), line);
    BOOST_TEST(j.contains("ts"));
    BOOST_TEST(j.contains("level"));
    if (j["event"] == "flow.finished") {
      ++finished;
      BOOST_TEST(j["partner"] == "AAA999");
    }
  }
  BOOST_TEST(finished == 2);
}

BOOST_AUTO_TEST_CASE(a_failed_delivery_is_retried_by_the_running_daemon) {
  Daemon d;
  const fs::path blocked = d.root / "recipients";
  std::ofstream(blocked) << "a file where the channel's folder should be";
  d.configure(
      "stable_ms = 0\ndelivery_seconds = 1\n[delivery]\nretry_base_seconds = 0\n"
      "retry_max_seconds = 0\ndefault_channel = 'recipients'\n[[channels]]\n"
      "name = 'recipients'\nkind = 'directory'\ndirectory = '" +
      blocked.string() + "'\n");
  d.start();
  d.drop("to-deliver.xml", valmont());
  BOOST_REQUIRE(d.wait_finished(1));
  auto deliveries = [&] {
    auto r = fluxd_test::run(std::string(FLUXD_BINARY) + " suivi deliveries --json --config " +
                             fluxd_test::quote(d.config));
    BOOST_REQUIRE_EQUAL(r.exit_code, 0);
    return json::parse(r.out);
  };
  BOOST_REQUIRE(fluxd_test::wait_until([&] { return deliveries().at(0)["attempts"] >= 2; }, 30s));
  BOOST_TEST(deliveries().at(0)["state"] == "pending");
  fs::remove(blocked);  // the recipient's side is repaired
  BOOST_REQUIRE_MESSAGE(
      fluxd_test::wait_until([&] { return deliveries().at(0)["state"] == "delivered"; }, 30s),
      d.log_text());
  BOOST_TEST(d.stop() == 0);
}

BOOST_AUTO_TEST_CASE(the_running_daemon_applies_status_updates_and_writes_lifecycle_messages) {
  Daemon d;
  d.configure("stable_ms = 0\nupdates_seconds = 1\n",
              "[[partners]]\ncode = 'AAA999'\nlifecycle = true\n");
  d.start();
  d.drop("facture.xml", valmont());
  BOOST_REQUIRE(d.wait_finished(1));
  const auto messages = d.data / "lifecycle" / "AAA999";
  // DEPOSEE then MISE_A_DISPOSITION reach the partner without a restart.
  BOOST_REQUIRE_MESSAGE(fluxd_test::wait_until([&] { return files_in(messages) >= 2; }, 30s),
                        d.log_text());
  // A fresh store: the one invoice is invoice 1.
  const auto sender = d.data / "updates" / "21384512600019";
  fs::create_directories(sender);
  std::ofstream(sender / "statuts.csv.part") << "invoice_id;key;status;date;reason\n1;;SERVICE_"
                                                "FAIT;2026-11-20;\n1;;COMPLETEE;2026-11-20;\n";
  fs::rename(sender / "statuts.csv.part", sender / "statuts.csv");
  const auto result = d.data / "update-results" / "21384512600019" / "RES-0000000001-statuts.csv";
  BOOST_REQUIRE_MESSAGE(fluxd_test::wait_until([&] { return fs::exists(result); }, 30s),
                        d.log_text());
  const auto text = fluxd_test::slurp(result);
  BOOST_TEST(text.find(";APPLIQUE;") != std::string::npos, text);
  BOOST_TEST(text.find("UPD-STATUS-NOT-ALLOWED") != std::string::npos, text);
  BOOST_REQUIRE(fluxd_test::wait_until([&] { return files_in(messages) >= 3; }, 30s));
  BOOST_TEST(d.log_text().find("updates.applied") != std::string::npos);
  BOOST_TEST(d.stop() == 0);
  BOOST_TEST(files_in(messages) == 3u);
}

BOOST_AUTO_TEST_CASE(a_daemon_that_cannot_start_says_why) {
  Daemon d;
  d.configure("max_in_flight = -1\n");
  auto r = fluxd_test::run(std::string(FLUXD_BINARY) + " run --config " +
                           fluxd_test::quote(d.config) + " 2>&1");
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.out.find("max_in_flight") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

namespace {
// AAA999 pulling from `remote` on the test sshd, polled every second.
std::string sftp_partner(const fluxd_test::SshdServer& sshd, const fs::path& remote,
                         const std::string& pin) {
  return "[[partners]]\ncode = 'AAA999'\n[partners.sftp]\nurl = '" + sshd.url(remote) +
         "/'\nuser = '" + sshd.user() + "'\nprivate_key = '" + sshd.user_key().string() +
         "'\nhost_key_sha256 = '" + pin + "'\npoll_seconds = 1\ntimeout_ms = 5000\n";
}
}  // namespace

BOOST_AUTO_TEST_SUITE(daemon_sftp_pull, *boost::unit_test::fixture<fluxd_test::SshdSuite>())

BOOST_AUTO_TEST_CASE(flows_on_the_partners_sftp_server_are_pulled_and_processed) {
  auto& sshd = fluxd_test::SshdSuite::server();
  Daemon d;
  const fs::path remote = d.root / "remote";
  fs::create_directories(remote);
  d.configure("stable_ms = 0\n", sftp_partner(sshd, remote, sshd.host_key_sha256()));
  std::ofstream(remote / "remote-1.xml", std::ios::binary) << valmont();
  std::ofstream(remote / "uploading.xml.part", std::ios::binary) << valmont();
  d.start();
  BOOST_REQUIRE_MESSAGE(d.wait_finished(1), d.log_text());
  const auto flows = d.flows();
  BOOST_REQUIRE_EQUAL(flows.size(), 1u);
  BOOST_TEST(flows[0]["file"] == "remote-1.xml");
  BOOST_TEST(flows[0]["status"] == "IN_INTEGRE");
  BOOST_TEST(!fs::exists(remote / "remote-1.xml"));       // removed once safely in the inbox
  BOOST_TEST(fs::exists(remote / "uploading.xml.part"));  // never a flow
  BOOST_TEST(d.log_text().find("sftp.pulled") != std::string::npos);
  BOOST_TEST(d.stop() == 0);
}

BOOST_AUTO_TEST_CASE(a_wrong_host_key_is_logged_and_nothing_is_taken) {
  auto& sshd = fluxd_test::SshdSuite::server();
  Daemon d;
  const fs::path remote = d.root / "remote";
  fs::create_directories(remote);
  d.configure("stable_ms = 0\n", sftp_partner(sshd, remote, std::string(43, 'A')));
  std::ofstream(remote / "remote-2.xml", std::ios::binary) << valmont();
  d.start();
  BOOST_REQUIRE(fluxd_test::wait_until(
      [&] { return d.log_text().find("SFTP-PULL-HOSTKEY") != std::string::npos; }, 30s));
  BOOST_TEST(fs::exists(remote / "remote-2.xml"));
  BOOST_TEST(d.stop() == 0);
  BOOST_TEST(d.finished() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
