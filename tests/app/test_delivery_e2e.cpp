// Delivery through `fluxd batch` end to end: structures routed to a real OpenSSH server and a
// real HTTP server (tests/route fixtures), retries by later runs, dead letters and replay.
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "e2e_support.h"
#include "route/http_fixture.h"
#include "route/sshd_fixture.h"
#include "test_paths.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kValmont = "21384512600019";  // AAA999/01 and /09 are accepted for it
constexpr const char* kBrenac = "26071930700027";   // AAA999/02 is accepted for it

// A data root of its own, the samples' referential, and two accepted sample flows.
struct DeliverySandbox {
  fs::path root = fs::temp_directory_path() / ("fluxd-deliv-" + std::to_string(::getpid()));
  fs::path config = root / "fluxd.toml";

  DeliverySandbox() {
    fs::remove_all(root);
    fs::create_directories(root / "data" / "inbox" / "AAA999");
    const auto flows = fluxd_test::source_dir() / "samples" / "flows" / "AAA999";
    for (const char* name : {"01-ubl-valmont-accepted.xml", "02-cii-brenac-urgences-accepted.xml"})
      fs::copy_file(flows / name, root / "data" / "inbox" / "AAA999" / name);
  }
  ~DeliverySandbox() { fs::remove_all(root); }

  void configure(const std::string& channels) const {
    const auto ref = fluxd_test::source_dir() / "samples" / "referential";
    std::ofstream(config) << "[data]\nroot = '" << (root / "data").string() << "'\n"
                          << "[referential]\nstructures = '" << (ref / "structures.csv").string()
                          << "'\nservices = '" << (ref / "services.csv").string() << "'\n"
                          << "engagements = '" << (ref / "engagements.csv").string() << "'\n"
                          << channels << "\n[[partners]]\ncode = 'AAA999'\n";
  }

  fluxd_test::Run fluxd(const std::string& args) const {
    return fluxd_test::run(std::string(FLUXD_BINARY) + " " + args + " --config " +
                           fluxd_test::quote(config));
  }

  json deliveries(const std::string& state = "") const {
    auto r = fluxd("suivi deliveries --json" + (state.empty() ? "" : " --state " + state));
    BOOST_REQUIRE_EQUAL(r.exit_code, 0);
    return json::parse(r.out);
  }
};

std::string sftp_channel(const fluxd_test::SshdServer& sshd, const fs::path& remote,
                         const std::string& url = "") {
  return "[[channels]]\nname = 'sftp-valmont'\nkind = 'sftp'\nurl = '" +
         (url.empty() ? sshd.url(remote) : url) + "'\nuser = '" + sshd.user() +
         "'\nprivate_key = '" + sshd.user_key().string() + "'\nhost_key_sha256 = '" +
         sshd.host_key_sha256() + "'\ntimeout_ms = 5000\n[[routes]]\nstructure = '" + kValmont +
         "'\nchannel = 'sftp-valmont'\n";
}

std::string http_channel(const fluxd_test::HttpSink& sink) {
  return "[[channels]]\nname = 'http-brenac'\nkind = 'http'\nurl = '" + sink.url("/factures") +
         "'\ntimeout_ms = 5000\n[[routes]]\nstructure = '" + kBrenac +
         "'\nchannel = 'http-brenac'\n";
}

const char* kFastRetries = "[delivery]\nretry_base_seconds = 0\nretry_max_seconds = 0\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(delivery_end_to_end, *boost::unit_test::fixture<fluxd_test::SshdSuite>())

BOOST_AUTO_TEST_CASE(each_structure_gets_its_invoices_through_its_channel) {
  DeliverySandbox box;
  auto& sshd = fluxd_test::SshdSuite::server();
  const fs::path remote = box.root / "remote";
  fluxd_test::HttpSink sink;
  box.configure(sftp_channel(sshd, remote) + http_channel(sink));
  auto run = box.fluxd("batch");
  BOOST_TEST_REQUIRE(run.exit_code == 0, run.out);

  // SFTP: the invoice and its sidecar under <SIRET>/<service or _>/, final names only.
  const fs::path folder = remote / kValmont / "_";
  BOOST_TEST_REQUIRE(fs::is_directory(folder));
  int xml = 0, meta = 0;
  for (const auto& e : fs::directory_iterator(folder)) {
    const auto name = e.path().filename().string();
    BOOST_TEST(!name.starts_with("."), name);  // no upload left half-done
    if (name.ends_with(".meta.json")) {
      ++meta;
      std::ifstream in(e.path());
      BOOST_TEST(json::parse(in)["recipient"] == kValmont);
    } else if (name.ends_with(".xml")) {
      ++xml;
    }
  }
  BOOST_TEST(xml == 1);
  BOOST_TEST(meta == 1);

  // HTTP: one POST of the XML with its idempotency key and routing headers.
  BOOST_TEST_REQUIRE(sink.summary()["requests"] == 1);
  BOOST_TEST(sink.header(1, "X-Fluxd-Recipient") == kBrenac);
  BOOST_TEST(sink.header(1, "X-Fluxd-Service") == "URGENCES");
  BOOST_TEST(!sink.header(1, "Idempotency-Key").empty());
  BOOST_TEST(sink.body(1).find("CrossIndustryInvoice") != std::string::npos);

  // The store: both delivered, where they went recorded; nothing in the default outbox.
  const json deliveries = box.deliveries();
  BOOST_TEST_REQUIRE(deliveries.size() == 2u);
  for (const auto& d : deliveries) {
    BOOST_TEST(d["state"] == "delivered");
    BOOST_TEST(d["delivered_to"].get<std::string>().starts_with(
        d["channel"] == "sftp-valmont" ? "sftp://" : "http://"));
  }
  BOOST_TEST(!fs::exists(box.root / "data" / "outbox" / kValmont));
  BOOST_TEST(fs::is_empty(box.root / "data" / "spool"));
}

BOOST_AUTO_TEST_CASE(a_failed_delivery_is_retried_by_the_next_run_with_the_same_key) {
  DeliverySandbox box;
  auto& sshd = fluxd_test::SshdSuite::server();
  fluxd_test::HttpSinkOptions failing;
  failing.fail_first = 1;  // 503 once
  fluxd_test::HttpSink sink(failing);
  box.configure(std::string(kFastRetries) + sftp_channel(sshd, box.root / "remote") +
                http_channel(sink));
  BOOST_TEST_REQUIRE(box.fluxd("batch").exit_code == 0);
  json pending = box.deliveries("pending");
  BOOST_TEST_REQUIRE(pending.size() == 1u);
  BOOST_TEST(pending[0]["attempts"] == 1);
  BOOST_TEST(pending[0]["last_error"].get<std::string>().starts_with("DELIVERY-HTTP-503"));
  // Accepted but not yet delivered: the flow is integrated, the invoice waits (DEPOSEE).
  auto flow = json::parse(box.fluxd("suivi flows --json").out);
  for (const auto& f : flow) BOOST_TEST(f["status"] == "IN_INTEGRE");

  BOOST_TEST_REQUIRE(box.fluxd("batch").exit_code == 0);  // no flow waiting: retries only
  BOOST_TEST(box.deliveries("pending").empty());
  BOOST_TEST(box.deliveries("delivered").size() == 2u);
  BOOST_TEST(sink.summary()["requests"] == 2);
  BOOST_TEST(sink.summary()["idempotency_keys"].size() == 1u);  // both tries, one key
}

BOOST_AUTO_TEST_CASE(the_last_failure_is_a_dead_letter_an_operator_replays) {
  DeliverySandbox box;
  auto& sshd = fluxd_test::SshdSuite::server();
  const fs::path remote = box.root / "remote";
  // A port nobody listens on: every attempt fails, transiently.
  const std::string closed = "sftp://127.0.0.1:1" + remote.string();
  box.configure(std::string(kFastRetries) + "max_attempts = 2\n" +
                sftp_channel(sshd, remote, closed));
  BOOST_TEST_REQUIRE(box.fluxd("batch").exit_code == 0);
  BOOST_TEST(box.deliveries("pending").size() == 1u);
  BOOST_TEST_REQUIRE(box.fluxd("batch").exit_code == 0);
  const json dead = box.deliveries("dead");
  BOOST_TEST_REQUIRE(dead.size() == 1u);
  BOOST_TEST(dead[0]["attempts"] == 2);
  BOOST_TEST(dead[0]["last_error"].get<std::string>().starts_with("DELIVERY-SFTP-CONNECT"));
  BOOST_TEST_REQUIRE(box.fluxd("batch").exit_code == 0);  // dead stays dead
  BOOST_TEST(box.deliveries("dead").size() == 1u);

  // The operator fixes the channel and replays the flow: its dead letter is delivered once,
  // and never again.
  box.configure(std::string(kFastRetries) + "max_attempts = 2\n" + sftp_channel(sshd, remote));
  const std::string id = std::to_string(dead[0]["invoice_id"].get<long long>());
  const std::string flow = std::to_string(dead[0]["flow"].get<long long>());
  auto replay = box.fluxd("suivi replay " + flow + " --json");
  BOOST_TEST(replay.exit_code == 0, replay.out);
  BOOST_TEST(json::parse(replay.out).at(0)["state"] == "delivered");
  BOOST_TEST(fs::exists(remote / kValmont / "_"));
  BOOST_TEST(box.deliveries("dead").empty());
  BOOST_TEST(box.fluxd("suivi replay --invoice " + id).exit_code == 1);  // LC-DELIVERY-DONE
  BOOST_TEST(box.fluxd("suivi replay " + flow).exit_code == 1);          // nothing to replay
}

BOOST_AUTO_TEST_SUITE_END()
