// End to end: the real `fluxd` binary on a temporary copy of samples/, checked through its
// outputs (outbox, reports, store, CLI) — and a second run that must change nothing.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "e2e_support.h"
#include "test_paths.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using fluxd_test::quote;
using fluxd_test::Run;
using fluxd_test::run;
using fluxd_test::slurp;

// The samples' sandbox, with what these tests read back.
struct Sandbox : fluxd_test::SampleSandbox {
  Sandbox() : SampleSandbox("fluxd-e2e") {}

  json flows() const {
    auto r = fluxd("suivi flows --limit 1000 --json");
    BOOST_REQUIRE_EQUAL(r.exit_code, 0);
    return json::parse(r.out);
  }

  json flow(std::int64_t number) const {
    auto r = fluxd("suivi flow " + std::to_string(number) + " --json");
    BOOST_REQUIRE_EQUAL(r.exit_code, 0);
    return json::parse(r.out);
  }

  // Every file under a folder, by path relative to it, with its bytes.
  std::map<std::string, std::string> files_under(const fs::path& dir) const {
    std::map<std::string, std::string> out;
    if (!fs::exists(dir)) return out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
      if (e.is_regular_file()) out[fs::relative(e.path(), dir).string()] = slurp(e.path());
    return out;
  }
};

using fluxd_test::expected_outcomes;

std::set<std::string> rule_ids(const json& flow_detail) {
  std::set<std::string> ids;
  for (const auto& f : flow_detail["findings"]) ids.insert(f["rule"].get<std::string>());
  for (const auto& inv : flow_detail["invoice_details"])
    for (const auto& f : inv["findings"]) ids.insert(f["rule"].get<std::string>());
  return ids;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(end_to_end)

BOOST_AUTO_TEST_CASE(batch_on_the_samples_gives_the_expected_outcome_for_every_flow) {
  Sandbox box;
  box.drop_samples();
  const json expected = expected_outcomes();
  BOOST_TEST_REQUIRE(expected.size() >= 8u);

  auto batch = box.fluxd("batch");
  BOOST_TEST_REQUIRE(batch.exit_code == 0, batch.out);
  BOOST_TEST(batch.out.find("IN_INTEGRE") != std::string::npos);
  BOOST_TEST(batch.out.find("IN_REJETE") != std::string::npos);
  // The summary names every rejection reason.
  for (const auto& [name, want] : expected.items())
    for (const auto& rule : want["rules"])
      BOOST_TEST(batch.out.find(rule.get<std::string>()) != std::string::npos, rule);

  // Every inbox is empty: each flow was claimed once and handed off.
  for (const auto& dir : fs::directory_iterator(box.data / "inbox"))
    BOOST_TEST(fs::is_empty(dir.path()), dir.path());
  for (const auto& dir : fs::directory_iterator(box.data / "work"))
    BOOST_TEST(fs::is_empty(dir.path()), dir.path());

  const json flows = box.flows();
  BOOST_TEST(flows.size() == expected.size());
  std::set<std::int64_t> numbers;
  int with_engagement = 0, with_budget_frame = 0;
  for (const auto& f : flows) {
    for (const char* key : {"number", "partner", "file", "syntax", "status", "invoices", "accepted",
                            "rejected", "rules_version", "referential_version"})
      BOOST_TEST(f.contains(key), key);
    numbers.insert(f["number"].get<std::int64_t>());
    const std::string name = f["partner"].get<std::string>() + "/" + f["file"].get<std::string>();
    BOOST_TEST_CONTEXT("flow " << name) {
      BOOST_TEST_REQUIRE(expected.contains(name));
      const json& want = expected[name];
      BOOST_TEST(f["status"] == want["flow_status"]);

      const json detail = box.flow(f["number"].get<std::int64_t>());
      BOOST_TEST(detail["status"] == want["flow_status"]);
      const auto ids = rule_ids(detail);
      for (const auto& rule : want["rules"])
        BOOST_TEST(ids.count(rule.get<std::string>()) == 1u, "missing rule " << rule);
      if (want["invoice_status"].is_null()) {
        BOOST_TEST(detail["invoice_details"].empty());
        BOOST_TEST(!detail["findings"].empty());  // a refused flow says why
      } else {
        BOOST_TEST_REQUIRE(detail["invoice_details"].size() == 1u);
        const json& inv = detail["invoice_details"][0];
        BOOST_TEST(inv["status"] == want["invoice_status"]);
        BOOST_TEST(inv["recipient"] == want["recipient"]);
        if (want["invoice_status"] == "MISE_A_DISPOSITION") {
          BOOST_TEST(want["rules"].empty());
          // The routed copy is the original bytes, under outbox/<SIRET>/<service or _>/.
          const std::string service = want["service"].get<std::string>();
          const fs::path delivered = inv["delivered_to"].get<std::string>();
          BOOST_TEST(delivered.parent_path() == box.data / "outbox" /
                                                    want["recipient"].get<std::string>() /
                                                    (service.empty() ? "_" : service));
          BOOST_TEST(slurp(delivered) ==
                     slurp(fluxd_test::source_dir() / "samples" / "flows" / name));
          BOOST_TEST(delivered.filename().string().find(inv["number"].get<std::string>()) !=
                     std::string::npos);
          // Beside it, delivered first: the routing sidecar.
          fs::path sidecar = delivered;
          sidecar.replace_extension(".meta.json");
          const json meta = json::parse(slurp(sidecar));
          BOOST_TEST(meta["flow"] == std::to_string(f["number"].get<long long>()));
          BOOST_TEST(meta["recipient"] == want["recipient"]);
          BOOST_TEST(meta["invoice_number"] == inv["number"]);
          BOOST_TEST(meta.value("service", "") == service);
          BOOST_TEST(meta["invoice_key"] == inv["key"]);
          BOOST_TEST(meta["referential_version"] == f["referential_version"]);
          if (!inv["engagement"].get<std::string>().empty()) {
            BOOST_TEST(meta["engagement"] == inv["engagement"]);
            ++with_engagement;
            if (meta.contains("cost_centre")) ++with_budget_frame;
          }
        } else {
          BOOST_TEST(inv["delivered_to"] == "");
          for (const auto& f2 : inv["findings"]) {
            BOOST_TEST(!f2["location"].get<std::string>().empty());
            BOOST_TEST(!f2["message"].get<std::string>().empty());
          }
        }
      }

      // Its integration report, in the partner's folder only, as XML and JSON.
      char report[32];
      std::snprintf(report, sizeof report, "CR-%010lld", f["number"].get<long long>());
      const fs::path dir = box.data / "reports" / f["partner"].get<std::string>();
      BOOST_TEST(fs::exists(dir / (std::string(report) + ".xml")));
      const json rep = json::parse(slurp(dir / (std::string(report) + ".json")));
      BOOST_TEST(rep["status"] == want["flow_status"]);
      BOOST_TEST(rep["rules_version"] == "EN16931-1.3.16");
      BOOST_TEST(rep["referential_version"].get<std::string>().size() == 16u);
      BOOST_TEST(rep["file"] == f["file"]);
    }
  }
  BOOST_TEST(numbers.size() == flows.size());  // one sequence number per flow
  // Accepted invoices with a known engagement carry its budget frame in their sidecar.
  BOOST_TEST(with_engagement > 0);
  BOOST_TEST(with_budget_frame == with_engagement);

  // The store is SQLite in WAL mode with the history of every status change.
  BOOST_TEST(box.sql_count("SELECT count(*) FROM flows") ==
             static_cast<std::int64_t>(flows.size()));
  BOOST_TEST(box.sql_count("SELECT count(*) FROM status_history WHERE kind = 'flow'") >=
             3 * static_cast<std::int64_t>(flows.size()));
  BOOST_TEST(box.sql_count("SELECT count(*) FROM pragma_journal_mode WHERE journal_mode='wal'") ==
             1);

  // Filters of `suivi flows`.
  auto rejected = box.fluxd("suivi flows --status IN_REJETE --json");
  BOOST_TEST_REQUIRE(rejected.exit_code == 0);
  for (const auto& f : json::parse(rejected.out)) BOOST_TEST(f["status"] == "IN_REJETE");
  auto partner = box.fluxd("suivi flows --partner ERP042 --json");
  for (const auto& f : json::parse(partner.out)) BOOST_TEST(f["partner"] == "ERP042");
  BOOST_TEST(!json::parse(partner.out).empty());
  auto text = box.fluxd("suivi flows");
  BOOST_TEST(text.out.find("Rejeté") != std::string::npos);  // French labels beside codes
  auto one = box.fluxd("suivi flow 1");
  BOOST_TEST(one.exit_code == 0);
  BOOST_TEST(one.out.find("Flux 1") != std::string::npos);
  BOOST_TEST(box.fluxd("suivi flow 999999").exit_code == 1);
}

BOOST_AUTO_TEST_CASE(a_second_run_with_the_same_files_changes_nothing) {
  Sandbox box;
  box.drop_samples();
  BOOST_TEST_REQUIRE(box.fluxd("batch").exit_code == 0);
  const auto outbox = box.files_under(box.data / "outbox");
  const auto invoices = box.sql_count("SELECT count(*) FROM invoices");
  const auto flows = box.sql_count("SELECT count(*) FROM flows");
  BOOST_TEST_REQUIRE(!outbox.empty());

  // Nothing waiting: nothing happens.
  auto idle = box.fluxd("batch");
  BOOST_TEST(idle.exit_code == 0);
  BOOST_TEST(box.sql_count("SELECT count(*) FROM flows") == flows);

  // The same bytes dropped again: recorded as duplicates, never processed twice.
  box.drop_samples();
  auto again = box.fluxd("batch");
  BOOST_TEST_REQUIRE(again.exit_code == 0, again.out);
  BOOST_TEST(box.files_under(box.data / "outbox") == outbox);
  BOOST_TEST(box.sql_count("SELECT count(*) FROM invoices") == invoices);
  BOOST_TEST(box.sql_count("SELECT count(*) FROM flows") == 2 * flows);
  const json duplicates = json::parse(box.fluxd("suivi flows --limit 1000 --json").out);
  int dup = 0;
  for (const auto& f : duplicates) {
    if (f["duplicate_of"].is_null()) continue;
    ++dup;
    BOOST_TEST(f["status"] == "IN_REJETE");
    BOOST_TEST(f["duplicate_of"].get<std::int64_t>() < f["number"].get<std::int64_t>());
    const json detail = box.flow(f["number"].get<std::int64_t>());
    BOOST_TEST(rule_ids(detail).count("FLOW-DUPLICATE") == 1u);
  }
  BOOST_TEST(dup == flows);
}

BOOST_AUTO_TEST_CASE(a_flow_left_in_work_by_a_crash_is_processed_once_on_restart) {
  Sandbox box;
  const json expected = expected_outcomes();
  // Pick an accepted sample and place it in work/ as if a run died right after claiming it.
  std::string name;
  for (const auto& [key, want] : expected.items())
    if (want["flow_status"] == "IN_INTEGRE") {
      name = key;
      break;
    }
  BOOST_TEST_REQUIRE(!name.empty());
  const fs::path sample = fluxd_test::source_dir() / "samples" / "flows" / name;
  const std::string partner = fs::path(name).parent_path().string();
  fs::create_directories(box.data / "work" / partner);
  fs::copy_file(
      sample, box.data / "work" / partner / ("20261123T000000-1-1--" + sample.filename().string()));
  BOOST_TEST_REQUIRE(box.fluxd("batch").exit_code == 0);
  const json flows = box.flows();
  BOOST_TEST_REQUIRE(flows.size() == 1u);
  BOOST_TEST(flows[0]["status"] == "IN_INTEGRE");
  BOOST_TEST(flows[0]["file"] == sample.filename().string());
  BOOST_TEST(fs::is_empty(box.data / "work" / partner));
  // The invoice and its sidecar, once.
  BOOST_TEST(box.files_under(box.data / "outbox").size() == 2u);
}

BOOST_AUTO_TEST_CASE(an_unreadable_referential_is_an_operational_failure) {
  Sandbox box;
  fs::remove(box.root / "samples" / "referential" / "services.csv");
  auto r = box.fluxd("batch 2>&1");
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.out.find("services.csv") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(validate_command)

BOOST_AUTO_TEST_CASE(validates_files_and_folders_and_exits_with_the_rejected_count) {
  const auto flows = fluxd_test::source_dir() / "samples" / "flows";
  const json expected = expected_outcomes();
  int rejected_xml = 0, xml_files = 0;
  for (const auto& [name, want] : expected.items()) {
    if (!name.ends_with(".xml")) continue;
    ++xml_files;
    // Only format and EN 16931 problems reject a document here: no referential is involved.
    bool business = want["flow_status"] == "IN_REJETE" && want["invoice_status"].is_null();
    for (const auto& rule : want["rules"])
      business |=
          rule.get<std::string>().starts_with("BR-") || rule.get<std::string>().starts_with("XSD-");
    rejected_xml += business;
  }
  const auto shared = fluxd_test::shared_dir();
  const std::string xsd = shared.empty() ? "" : " --xsd-dir " + quote(shared / "corpus" / "xsd");
  auto r = run(std::string(FLUXD_BINARY) + " validate --json" + xsd + " " + quote(flows));
  BOOST_TEST(r.exit_code == rejected_xml);
  const json verdicts = json::parse(r.out);
  BOOST_TEST(verdicts.size() == static_cast<std::size_t>(xml_files));  // folders: *.xml only
  for (const auto& v : verdicts) {
    for (const char* key : {"file", "syntax", "verdict", "findings"}) BOOST_TEST(v.contains(key));
    const std::string name = fs::relative(v["file"].get<std::string>(), flows).string();
    if (name == "AAA999/12-ubl-no-buyer-name.xml") {
      BOOST_TEST(v["verdict"] == "rejected");
      BOOST_TEST(v["syntax"] == "UBL-Invoice");
      BOOST_TEST_REQUIRE(v["findings"].size() == 1u);
      BOOST_TEST(v["findings"][0]["rule"] == "BR-07");
      BOOST_TEST(v["findings"][0]["severity"] == "fatal");
      BOOST_TEST(v["findings"][0]["location"].get<std::string>().starts_with("BT-44 /Invoice/"));
    }
    if (name == "AAA999/01-ubl-valmont-accepted.xml") BOOST_TEST(v["verdict"] == "accepted");
  }
  auto text = run(std::string(FLUXD_BINARY) + " validate " +
                  quote(flows / "AAA999" / "12-ubl-no-buyer-name.xml"));
  BOOST_TEST(text.exit_code == 1);
  BOOST_TEST(text.out.find("REJECTED") != std::string::npos);
  BOOST_TEST(text.out.find("BR-07") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
