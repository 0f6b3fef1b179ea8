// `fluxd suivi …` and the batch progress bar, through the real binary on a private copy of
// samples/: counts are derived from samples/expected.json and from the flows' own reports.
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "e2e_support.h"
#include "route/process.h"
#include "test_paths.h"

extern char** environ;

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using fluxd_test::quote;
using fluxd_test::Run;
using fluxd_test::run;
using fluxd_test::slurp;

const fs::path kSampleFlows = fluxd_test::source_dir() / "samples" / "flows";

// The samples' sandbox, with what these tests read back.
struct Sandbox : fluxd_test::SampleSandbox {
  Sandbox() : SampleSandbox("fluxd-suivi") {}

  json fluxd_json(const std::string& args) const {
    auto r = fluxd(args + " --json");
    BOOST_TEST_REQUIRE(r.exit_code == 0, args);
    return json::parse(r.out);
  }

  // The store's invoice ids by "flow/position", read straight from the database.
  std::map<std::string, std::int64_t> invoice_ids() const {
    sqlite3* db = nullptr;
    BOOST_REQUIRE(sqlite3_open_v2((data / "fluxd.sqlite").c_str(), &db, SQLITE_OPEN_READONLY,
                                  nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    BOOST_REQUIRE(sqlite3_prepare_v2(db, "SELECT flow_number, position, id FROM invoices", -1, &st,
                                     nullptr) == SQLITE_OK);
    std::map<std::string, std::int64_t> ids;
    while (sqlite3_step(st) == SQLITE_ROW)
      ids[std::to_string(sqlite3_column_int64(st, 0)) + "/" +
          std::to_string(sqlite3_column_int64(st, 1))] = sqlite3_column_int64(st, 2);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return ids;
  }
};

using fluxd_test::expected_outcomes;

// Every sample processed once by `fluxd batch` (stderr kept in batch.err), shared by the
// tests that only read.
struct Processed {
  Sandbox box;
  json expected = expected_outcomes();
  json flows;                           // suivi flows --json, newest first
  std::map<std::string, json> by_name;  // "partner/file" → its flow detail (report JSON)
  std::vector<json> invoices;  // every invoice of every flow, with its "flow", "partner", "id"
  std::string batch_stderr;

  Processed() {
    box.drop_samples();
    const fs::path err = box.root / "batch.err";
    auto batch = box.fluxd("batch 2>" + quote(err));
    BOOST_TEST_REQUIRE(batch.exit_code == 0, batch.out);
    batch_stderr = slurp(err);
    flows = box.fluxd_json("suivi flows --limit 1000");
    BOOST_TEST_REQUIRE(flows.size() == expected.size());
    const auto ids = box.invoice_ids();
    for (const auto& f : flows) {
      auto detail = box.fluxd_json("suivi flow " + std::to_string(f["number"].get<int>()));
      for (auto inv : detail["invoice_details"]) {
        inv["flow"] = f["number"];
        inv["partner"] = f["partner"];
        inv["id"] = ids.at(f["number"].dump() + "/" + inv["position"].dump());
        invoices.push_back(inv);
      }
      by_name[f["partner"].get<std::string>() + "/" + f["file"].get<std::string>()] = detail;
    }
  }

  std::size_t expected_count(const std::string& field, const std::string& value) const {
    return static_cast<std::size_t>(std::count_if(
        expected.begin(), expected.end(), [&](const json& want) { return want[field] == value; }));
  }
};

const Processed& processed() {
  static const Processed once;
  return once;
}

// UTF-8 text as code points: one per display column for the labels and values used here.
std::u32string columns_of(const std::string& line) {
  std::u32string out;
  for (std::size_t i = 0; i < line.size();) {
    const auto c = static_cast<unsigned char>(line[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0x3F >> (n - 1));
    for (std::size_t k = 1; k < n && i + k < line.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(line[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The rows of the table headed by the line starting with `first_heading` (after its indent):
// checks that every cell starts in its heading's display column. Cells are separated by at
// least two spaces; the table ends at a line without that gap before its second column.
std::size_t aligned_rows(const std::string& text, const std::string& first_heading) {
  const auto lines = lines_of(text);
  auto header = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) {
    const auto at = l.find_first_not_of(' ');
    return at != std::string::npos && l.compare(at, first_heading.size(), first_heading) == 0;
  });
  BOOST_TEST_REQUIRE((header != lines.end()), "no table headed " << first_heading);
  const std::u32string head = columns_of(*header);
  std::vector<std::size_t> starts{head.find_first_not_of(U' ')};
  for (std::size_t i = starts[0] + 2; i < head.size(); ++i)
    if (head[i] != U' ' && head[i - 1] == U' ' && head[i - 2] == U' ') starts.push_back(i);
  BOOST_TEST_REQUIRE(starts.size() >= 2u, *header);
  const auto starts_at = [](const std::u32string& row, std::size_t at) {
    return row.size() > at && row[at] != U' ' && row[at - 1] == U' ' && row[at - 2] == U' ';
  };
  std::size_t rows = 0;
  for (auto it = header + 1; it != lines.end(); ++it, ++rows) {
    const std::u32string row = columns_of(*it);
    if (!starts_at(row, starts[1])) break;
    BOOST_TEST((row.find_first_not_of(U' ') == starts[0]), "misaligned: " << *it);
    for (std::size_t k = 2; k < starts.size(); ++k)
      BOOST_TEST(starts_at(row, starts[k]), "misaligned at column " << starts[k] << ": " << *it);
  }
  return rows;
}

// RFC 4180 with ';': quoted fields may hold the separator, quotes (doubled) and line breaks.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = any = true;
    } else if (c == ';') {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      row.push_back(std::move(field));
      rows.push_back(std::move(row));
      field.clear();
      row.clear();
      any = false;
      ++i;
    } else {
      field += c;
      any = true;
    }
  }
  BOOST_TEST(!quoted, "unterminated quote");
  BOOST_TEST(!any, "last line without CRLF");
  return rows;
}

const std::vector<std::string> kExportColumns{
    "flow",    "received_at", "partner",     "invoice_id",        "key",
    "number",  "issue_date",  "type_code",   "supplier",          "recipient",
    "service", "engagement",  "cost_centre", "functional_domain", "programming_ref",
    "payable", "currency",    "status",      "status_label",      "delivered_to"};

std::vector<std::int64_t> ids_of(const json& invoices, const char* key = "id") {
  std::vector<std::int64_t> ids;
  for (const auto& inv : invoices) ids.push_back(inv[key].get<std::int64_t>());
  return ids;
}

// The ids of the samples' invoices that satisfy `keep`, newest first.
template <typename Keep>
std::vector<std::int64_t> invoice_ids_where(Keep keep) {
  std::vector<std::int64_t> ids;
  for (const auto& inv : processed().invoices)
    if (keep(inv)) ids.push_back(inv["id"].get<std::int64_t>());
  std::sort(ids.rbegin(), ids.rend());
  return ids;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(suivi_commands)

BOOST_AUTO_TEST_CASE(flows_filter_page_and_align_their_columns) {
  const auto& p = processed();
  const Sandbox& box = p.box;
  const auto count = [&](const std::string& args) {
    return box.fluxd_json("suivi flows --limit 1000 " + args).size();
  };
  BOOST_TEST(count("--status IN_REJETE") == p.expected_count("flow_status", "IN_REJETE"));
  BOOST_TEST(count("--status IN_INTEGRE") == p.expected_count("flow_status", "IN_INTEGRE"));
  std::size_t erp = 0, cii = 0;
  for (const auto& [name, want] : p.expected.items()) {
    erp += name.starts_with("ERP042/");
    cii += name.find("cii-") != std::string::npos;
  }
  BOOST_TEST(count("--partner ERP042") == erp);
  BOOST_TEST(count("--file CII-") == cii);  // any case
  BOOST_TEST(count("--file CII- --partner ERP042 --status IN_INTEGRE") > 0u);
  BOOST_TEST(count("--file CII- --partner ERP042 --status IN_INTEGRE") < cii);
  std::map<std::string, std::size_t> by_syntax;
  for (const auto& f : p.flows) ++by_syntax[f["syntax"].get<std::string>()];
  BOOST_TEST(by_syntax.count("IN_DP_E1_CII_16B") == 1u);
  for (const auto& [syntax, n] : by_syntax)
    if (!syntax.empty()) BOOST_TEST(count("--syntax " + syntax) == n, syntax);

  // Received days, inclusive, UTC.
  std::set<std::string> days;
  for (const auto& f : p.flows) days.insert(f["received_at"].get<std::string>().substr(0, 10));
  BOOST_TEST(count("--from " + *days.begin() + " --to " + *days.rbegin()) == p.flows.size());
  BOOST_TEST(count("--to " + *days.rbegin()) == p.flows.size());
  BOOST_TEST(count("--to 2000-01-01") == 0u);
  BOOST_TEST(count("--from 2999-01-01") == 0u);
  BOOST_TEST(box.fluxd("suivi flows --from 2026-13-01").exit_code == 1);
  BOOST_TEST(box.fluxd("suivi flows --to 23/11/2026").exit_code == 1);
  BOOST_TEST(box.fluxd("suivi flows --status NOPE").exit_code == 1);

  // Pages of 10, newest first: the full listing cut in three.
  const std::size_t total = p.flows.size();
  BOOST_TEST_REQUIRE(total > 20u);
  for (std::size_t page = 1; page <= 3; ++page) {
    const json got = box.fluxd_json("suivi flows --limit 10 --page " + std::to_string(page));
    const std::size_t first = (page - 1) * 10;
    BOOST_TEST_REQUIRE(got.size() == std::min<std::size_t>(10, total - first));
    for (std::size_t i = 0; i < got.size(); ++i)
      BOOST_TEST(got[i]["number"] == p.flows[first + i]["number"]);
  }
  BOOST_TEST(box.fluxd_json("suivi flows --limit 10 --page 4").empty());
  BOOST_TEST(box.fluxd("suivi flows --page 0").exit_code == 1);
  const std::string pages = std::to_string((total + 9) / 10);
  auto second = box.fluxd("suivi flows --limit 10 --page 2");
  BOOST_TEST(second.exit_code == 0);
  BOOST_TEST(second.out.find("Page 2/" + pages) != std::string::npos, second.out);
  BOOST_TEST(second.out.find("sur " + std::to_string(total)) != std::string::npos, second.out);
  BOOST_TEST(second.out.find("--page 3") != std::string::npos, second.out);
  BOOST_TEST(aligned_rows(second.out, "FLUX") == 10u);
  auto none = box.fluxd("suivi flows --from 2999-01-01");
  BOOST_TEST(none.out.find("Aucun flux") != std::string::npos);

  // Text: aligned columns with French labels beside the codes.
  auto text = box.fluxd("suivi flows");
  BOOST_TEST(text.exit_code == 0);
  BOOST_TEST(text.out.find("IN_REJETE (Rejeté)") != std::string::npos);
  BOOST_TEST(text.out.find("IN_INTEGRE (Intégré)") != std::string::npos);
  BOOST_TEST(text.out.find("REÇU LE") != std::string::npos);
  BOOST_TEST(aligned_rows(text.out, "FLUX") == total);
}

BOOST_AUTO_TEST_CASE(invoice_is_found_by_id_key_or_number_with_its_history) {
  const auto& p = processed();
  const Sandbox& box = p.box;
  // An accepted invoice, by its key.
  const json& accepted_flow = p.by_name.at("AAA999/02-cii-brenac-urgences-accepted.xml");
  const json& accepted = accepted_flow["invoice_details"].at(0);
  const json by_key = box.fluxd_json("suivi invoice " + quote(accepted["key"].get<std::string>()));
  BOOST_TEST(by_key["key"] == accepted["key"]);
  BOOST_TEST(by_key["number"] == accepted["number"]);
  BOOST_TEST(by_key["status"] == "MISE_A_DISPOSITION");
  BOOST_TEST(by_key["status_label"] == "Mise à disposition");
  BOOST_TEST(by_key["recipient"] == "26071930700027");
  BOOST_TEST(by_key["service"] == "URGENCES");
  BOOST_TEST(by_key["flow"] == accepted_flow["number"]);
  BOOST_TEST(by_key["flow_detail"]["number"] == accepted_flow["number"]);
  BOOST_TEST(by_key["flow_detail"]["file"] == "02-cii-brenac-urgences-accepted.xml");
  BOOST_TEST(by_key["flow_detail"]["status"] == "IN_INTEGRE");
  BOOST_TEST(by_key["findings"].empty());
  BOOST_TEST_REQUIRE(by_key["history"].size() == 2u);
  BOOST_TEST(by_key["history"][0]["from"] == "");
  BOOST_TEST(by_key["history"][0]["to"] == "DEPOSEE");
  BOOST_TEST(by_key["history"][1]["from"] == "DEPOSEE");
  BOOST_TEST(by_key["history"][1]["to"] == "MISE_A_DISPOSITION");
  BOOST_TEST(by_key["history"][1]["to_label"] == "Mise à disposition");
  BOOST_TEST(by_key["history"][1]["source"] == "fluxd");
  BOOST_TEST(!by_key["history"][1]["at"].get<std::string>().empty());
  BOOST_TEST_REQUIRE(by_key["delivery"].is_object());
  BOOST_TEST(by_key["delivery"]["channel"] == "outbox");
  BOOST_TEST(by_key["delivery"]["state"] == "delivered");
  BOOST_TEST(by_key["delivery"]["delivered_to"] == accepted["delivered_to"]);
  BOOST_TEST(by_key["delivered_to"] == accepted["delivered_to"]);

  // The same by its id.
  const auto id = by_key["id"].get<std::int64_t>();
  const json by_id = box.fluxd_json("suivi invoice " + std::to_string(id));
  BOOST_TEST(by_id == by_key);
  BOOST_TEST(box.fluxd_json("suivi invoice --id " + std::to_string(id)) == by_key);

  // A rejected one, by its number: its findings, the reason of its rejection, no delivery.
  const json& refused =
      p.by_name.at("ERP042/04-cii-lerans-no-engagement.xml")["invoice_details"][0];
  const json rejected =
      box.fluxd_json("suivi invoice " + quote(refused["number"].get<std::string>()));
  BOOST_TEST(rejected["status"] == "REJETEE");
  BOOST_TEST(rejected["delivery"].is_null());
  std::set<std::string> rules;
  for (const auto& f : rejected["findings"]) rules.insert(f["rule"].get<std::string>());
  BOOST_TEST(rules.count("FR-ENGAGEMENT-REQUIRED") == 1u);
  BOOST_TEST(rejected["history"].back()["to"] == "REJETEE");
  BOOST_TEST(rejected["history"].back()["reason"].get<std::string>().find(
                 "FR-ENGAGEMENT-REQUIRED") != std::string::npos);

  // Sent twice (13 repeats 01): the number names two invoices; the operator chooses by id.
  const json& first = p.by_name.at("AAA999/01-ubl-valmont-accepted.xml")["invoice_details"][0];
  const json& again = p.by_name.at("AAA999/13-ubl-valmont-sent-again.xml")["invoice_details"][0];
  BOOST_TEST_REQUIRE(first["number"] == again["number"]);
  const std::string number = quote(first["number"].get<std::string>());
  auto choice = box.fluxd("suivi invoice " + number + " --json");
  BOOST_TEST(choice.exit_code == 1);
  const json matches = json::parse(choice.out)["matches"];
  BOOST_TEST_REQUIRE(matches.size() == 2u);
  BOOST_TEST(matches[0]["id"].get<std::int64_t>() > matches[1]["id"].get<std::int64_t>());
  std::set<std::string> statuses{matches[0]["status"].get<std::string>(),
                                 matches[1]["status"].get<std::string>()};
  BOOST_TEST((statuses == std::set<std::string>{"MISE_A_DISPOSITION", "REJETEE"}));
  auto choice_text = box.fluxd("suivi invoice " + number);
  BOOST_TEST(choice_text.exit_code == 1);
  BOOST_TEST(choice_text.out.find("Choisissez par id") != std::string::npos, choice_text.out);
  BOOST_TEST(aligned_rows(choice_text.out, "ID") == 2u);
  for (const auto& m : matches) {
    const json one = box.fluxd_json("suivi invoice --id " + std::to_string(m["id"].get<int>()));
    BOOST_TEST(one["id"] == m["id"]);
    BOOST_TEST(one["status"] == m["status"]);
  }

  BOOST_TEST(box.fluxd("suivi invoice NO-SUCH-INVOICE").exit_code == 1);
  BOOST_TEST(box.fluxd("suivi invoice --id 999999").exit_code == 1);
  BOOST_TEST(box.fluxd("suivi invoice").exit_code == 1);

  // Text: the facts, the delivery, the history as an aligned table with French labels.
  auto text = box.fluxd("suivi invoice " + std::to_string(id));
  BOOST_TEST(text.exit_code == 0);
  BOOST_TEST(text.out.find("MISE_A_DISPOSITION (Mise à disposition)") != std::string::npos);
  BOOST_TEST(text.out.find("URGENCES") != std::string::npos);
  BOOST_TEST(text.out.find(accepted["delivered_to"].get<std::string>()) != std::string::npos);
  BOOST_TEST(text.out.find("historique") != std::string::npos);
  BOOST_TEST(aligned_rows(text.out, "DATE") == 2u);
  auto rejected_text = box.fluxd("suivi invoice " + rejected["id"].dump());
  BOOST_TEST(rejected_text.out.find("FR-ENGAGEMENT-REQUIRED") != std::string::npos);
  BOOST_TEST(rejected_text.out.find("REJETEE (Rejetée)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(search_finds_invoices_by_party_number_and_engagement) {
  const auto& p = processed();
  const Sandbox& box = p.box;
  const auto search = [&](const std::string& args) {
    return ids_of(box.fluxd_json("suivi search " + args));
  };
  // By recipient: as many as the samples with an invoice for it.
  const std::string brenac = "26071930700027";
  std::size_t for_brenac = 0;
  for (const auto& want : p.expected)
    for_brenac += want["recipient"] == brenac && !want["invoice_status"].is_null();
  const auto found = search("--recipient " + brenac);
  BOOST_TEST(found.size() == for_brenac);
  BOOST_TEST(found == invoice_ids_where([&](const json& i) { return i["recipient"] == brenac; }));
  BOOST_TEST(std::is_sorted(found.rbegin(), found.rend()));  // newest first

  // By engagement (part of it), by supplier, by number (any case), combined.
  BOOST_TEST(search("--ej 2026000") == invoice_ids_where([](const json& i) {
               return i["engagement"].get<std::string>().find("2026000") != std::string::npos;
             }));
  BOOST_TEST(!search("--ej 2026000").empty());
  const json& sample = *std::find_if(p.invoices.begin(), p.invoices.end(), [](const json& i) {
    return !i["supplier"].get<std::string>().empty() && !i["number"].get<std::string>().empty();
  });
  const std::string supplier = sample["supplier"].get<std::string>();
  const auto of_supplier =
      invoice_ids_where([&](const json& i) { return i["supplier"] == supplier; });
  BOOST_TEST(search("--supplier " + supplier) == of_supplier);
  BOOST_TEST(search("--supplier " + supplier + " --recipient " + brenac) ==
             invoice_ids_where([&](const json& i) {
               return i["supplier"] == supplier && i["recipient"] == brenac;
             }));
  const std::string number = sample["number"].get<std::string>();
  std::string lower = number;
  for (char& c : lower) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  BOOST_TEST(search("--number " + quote(lower)) == invoice_ids_where([&](const json& i) {
               return i["number"].get<std::string>() == number;
             }));
  BOOST_TEST(search("--recipient 00000000000000").empty());
  BOOST_TEST(box.fluxd("suivi search").exit_code == 1);

  // The listing: flow, status with its label, recipient, service, EJ.
  const json listed = box.fluxd_json("suivi search --recipient " + brenac);
  for (const auto& inv : listed) {
    for (const char* key : {"flow", "status", "status_label", "recipient", "service", "engagement"})
      BOOST_TEST(inv.contains(key), key);
  }
  auto text = box.fluxd("suivi search --recipient " + brenac);
  BOOST_TEST(text.exit_code == 0);
  BOOST_TEST(text.out.find("REJETEE (Rejetée)") != std::string::npos);
  BOOST_TEST(text.out.find("URGENCES") != std::string::npos);
  BOOST_TEST(aligned_rows(text.out, "ID") == for_brenac);
}

BOOST_AUTO_TEST_CASE(stats_count_the_samples_outcomes) {
  const auto& p = processed();
  const Sandbox& box = p.box;
  const json stats = box.fluxd_json("suivi stats");
  BOOST_TEST(stats["flows"] == p.expected.size());
  BOOST_TEST(stats["invoices"] == p.invoices.size());
  std::map<std::string, std::int64_t> flows_by_status, invoices_by_status;
  for (const auto& s : stats["flows_by_status"])
    flows_by_status[s["status"].get<std::string>()] = s["count"].get<std::int64_t>();
  for (const auto& s : stats["invoices_by_status"])
    invoices_by_status[s["status"].get<std::string>()] = s["count"].get<std::int64_t>();
  std::map<std::string, std::int64_t> want_flows, want_invoices;
  for (const auto& want : p.expected) {
    ++want_flows[want["flow_status"].get<std::string>()];
    if (!want["invoice_status"].is_null())
      ++want_invoices[want["invoice_status"].get<std::string>()];
  }
  BOOST_TEST((flows_by_status == want_flows));
  BOOST_TEST((invoices_by_status == want_invoices));
  BOOST_TEST(stats["flows_by_status"][0]["label"].get<std::string>().size() > 0u);

  // By day: every flow and invoice counted on its received day.
  std::int64_t day_flows = 0, day_invoices = 0;
  for (const auto& d : stats["by_day"]) {
    day_flows += d["flows"].get<std::int64_t>();
    day_invoices += d["invoices"].get<std::int64_t>();
    BOOST_TEST(d["day"].get<std::string>().size() == 10u);
  }
  BOOST_TEST(day_flows == static_cast<std::int64_t>(p.expected.size()));
  BOOST_TEST(day_invoices == static_cast<std::int64_t>(p.invoices.size()));

  // By partner and by recipient, from the expected outcomes.
  std::map<std::string, std::array<std::int64_t, 3>> partners;    // flows, invoices, rejected
  std::map<std::string, std::array<std::int64_t, 2>> recipients;  // invoices, rejected
  for (const auto& [name, want] : p.expected.items()) {
    auto& counts = partners[name.substr(0, name.find('/'))];
    ++counts[0];
    if (want["invoice_status"].is_null()) continue;
    ++counts[1];
    const bool rejected = want["invoice_status"] == "REJETEE";
    counts[2] += rejected;
    auto& r = recipients[want["recipient"].get<std::string>()];
    ++r[0];
    r[1] += rejected;
  }
  std::map<std::string, std::array<std::int64_t, 3>> got_partners;
  for (const auto& c : stats["by_partner"])
    got_partners[c["partner"].get<std::string>()] = {c["flows"].get<std::int64_t>(),
                                                     c["invoices"].get<std::int64_t>(),
                                                     c["rejected"].get<std::int64_t>()};
  BOOST_TEST((got_partners == partners));
  std::map<std::string, std::array<std::int64_t, 2>> got_recipients;
  for (const auto& c : stats["by_recipient"])
    got_recipients[c["recipient"].get<std::string>()] = {c["invoices"].get<std::int64_t>(),
                                                         c["rejected"].get<std::int64_t>()};
  BOOST_TEST((got_recipients == recipients));

  // Rejection reasons: exactly the fatal findings of the reports (a rule once per flow or
  // invoice), every expected rule among them, most frequent first.
  std::map<std::string, std::array<std::int64_t, 2>> reasons;  // flows, invoices
  for (const auto& [name, detail] : p.by_name) {
    std::set<std::string> flow_rules;
    for (const auto& f : detail["findings"])
      if (f["severity"] == "fatal") flow_rules.insert(f["rule"].get<std::string>());
    for (const auto& rule : flow_rules) ++reasons[rule][0];
    for (const auto& inv : detail["invoice_details"]) {
      std::set<std::string> rules;
      for (const auto& f : inv["findings"])
        if (f["severity"] == "fatal") rules.insert(f["rule"].get<std::string>());
      for (const auto& rule : rules) ++reasons[rule][1];
    }
  }
  std::map<std::string, std::array<std::int64_t, 2>> got_reasons;
  std::int64_t previous = std::numeric_limits<std::int64_t>::max();
  for (const auto& r : stats["rejection_reasons"]) {
    got_reasons[r["rule"].get<std::string>()] = {r["flows"].get<std::int64_t>(),
                                                 r["invoices"].get<std::int64_t>()};
    BOOST_TEST(r["total"].get<std::int64_t>() <= previous);
    previous = r["total"].get<std::int64_t>();
  }
  BOOST_TEST((got_reasons == reasons));
  for (const auto& want : p.expected)
    for (const auto& rule : want["rules"])
      BOOST_TEST(got_reasons.count(rule.get<std::string>()) == 1u, rule);
  // Two samples lack their engagement.
  BOOST_TEST(got_reasons["FR-ENGAGEMENT-REQUIRED"][1] == 2);

  // Filters.
  const json erp = box.fluxd_json("suivi stats --partner ERP042");
  BOOST_TEST(erp["flows"] == partners["ERP042"][0]);
  BOOST_TEST(erp["invoices"] == partners["ERP042"][1]);
  BOOST_TEST(erp["by_partner"].size() == 1u);
  const json later = box.fluxd_json("suivi stats --from 2999-01-01");
  BOOST_TEST(later["flows"] == 0);
  BOOST_TEST(later["rejection_reasons"].empty());
  BOOST_TEST(box.fluxd("suivi stats --to 2026-02-30").exit_code == 1);

  auto text = box.fluxd("suivi stats");
  BOOST_TEST(text.exit_code == 0);
  BOOST_TEST(text.out.find("IN_REJETE (Rejeté)") != std::string::npos);
  BOOST_TEST(text.out.find("MISE_A_DISPOSITION (Mise à disposition)") != std::string::npos);
  BOOST_TEST(text.out.find("Motifs de rejet") != std::string::npos);
  BOOST_TEST(aligned_rows(text.out, "RÈGLE") == reasons.size());
  BOOST_TEST(aligned_rows(text.out, "PARTENAIRE") == partners.size());
  BOOST_TEST(aligned_rows(text.out, "DESTINATAIRE") == recipients.size());
  BOOST_TEST(aligned_rows(text.out, "JOUR") == stats["by_day"].size());
}

BOOST_AUTO_TEST_CASE(export_gives_one_row_per_invoice_in_csv_and_json) {
  const auto& p = processed();
  const Sandbox& box = p.box;
  auto csv = box.fluxd("suivi export --format csv");
  BOOST_TEST_REQUIRE(csv.exit_code == 0);
  const auto rows = parse_csv(csv.out);
  BOOST_TEST_REQUIRE(rows.size() == p.invoices.size() + 1);
  BOOST_TEST(rows[0] == kExportColumns);
  const auto column = [](const std::string& name) {
    return static_cast<std::size_t>(std::find(kExportColumns.begin(), kExportColumns.end(), name) -
                                    kExportColumns.begin());
  };
  const std::string engagements = slurp(box.root / "samples" / "referential" / "engagements.csv");
  std::map<std::int64_t, json> by_id;
  for (const auto& inv : p.invoices) by_id[inv["id"].get<std::int64_t>()] = inv;
  int with_budget = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    BOOST_TEST_REQUIRE(row.size() == kExportColumns.size());
    const json& inv = by_id.at(std::stoll(row[column("invoice_id")]));
    BOOST_TEST(row[column("flow")] == inv["flow"].dump());
    BOOST_TEST(row[column("partner")] == inv["partner"]);
    BOOST_TEST(row[column("key")] == inv["key"]);
    BOOST_TEST(row[column("number")] == inv["number"]);
    BOOST_TEST(row[column("recipient")] == inv["recipient"]);
    BOOST_TEST(row[column("service")] == inv["service"]);
    BOOST_TEST(row[column("engagement")] == inv["engagement"]);
    BOOST_TEST(row[column("payable")] == inv["payable"]);
    BOOST_TEST(row[column("status")] == inv["status"]);
    BOOST_TEST(row[column("status_label")] == inv["status_label"]);
    BOOST_TEST(row[column("delivered_to")] == inv["delivered_to"]);
    BOOST_TEST(row[column("received_at")].size() == 20u);
    // The budget frame comes with every accepted invoice whose EJ the referential knows.
    if (inv["status"] == "MISE_A_DISPOSITION" && !inv["engagement"].get<std::string>().empty()) {
      const auto line = engagements.find(row[column("engagement")] + ";");
      BOOST_TEST_REQUIRE(line != std::string::npos);
      const std::string frame = row[column("cost_centre")] + ";" +
                                row[column("functional_domain")] + ";" +
                                row[column("programming_ref")];
      BOOST_TEST(engagements.substr(line, engagements.find('\n', line) - line).ends_with(frame));
      BOOST_TEST(!row[column("cost_centre")].empty());
      ++with_budget;
    } else {
      BOOST_TEST(row[column("cost_centre")] == "");
    }
  }
  BOOST_TEST(with_budget > 0);

  const json exported = box.fluxd_json("suivi export --format json");
  BOOST_TEST_REQUIRE(exported.size() == p.invoices.size());
  for (const auto& name : kExportColumns) BOOST_TEST(exported[0].contains(name), name);
  BOOST_TEST(exported[0]["invoice_id"].is_number());
  BOOST_TEST(box.fluxd_json("suivi export") == exported);  // --json: --format json

  // Filters: invoice status, partner, recipient, received days.
  const auto exported_count = [&](const std::string& args) {
    return box.fluxd_json("suivi export --format json " + args).size();
  };
  BOOST_TEST(exported_count("--status REJETEE") == p.expected_count("invoice_status", "REJETEE"));
  BOOST_TEST(exported_count("--status MISE_A_DISPOSITION") ==
             p.expected_count("invoice_status", "MISE_A_DISPOSITION"));
  std::size_t erp = 0;
  for (const auto& inv : p.invoices) erp += inv["partner"] == "ERP042";
  BOOST_TEST(exported_count("--partner ERP042") == erp);
  BOOST_TEST(
      exported_count("--recipient 26071930700027") ==
      invoice_ids_where([](const json& i) { return i["recipient"] == "26071930700027"; }).size());
  BOOST_TEST(exported_count("--from 2999-01-01") == 0u);
  BOOST_TEST(parse_csv(box.fluxd("suivi export --to 2000-01-01").out).size() == 1u);  // header
  BOOST_TEST(box.fluxd("suivi export --format xlsx").exit_code == 1);
  BOOST_TEST(box.fluxd("suivi export --status IN_REJETE").exit_code == 1);  // a flow status
}

BOOST_AUTO_TEST_CASE(export_csv_quotes_a_field_holding_the_separator) {
  Sandbox box;
  // A sample whose invoice number holds the separator and quotes.
  std::string xml = slurp(kSampleFlows / "AAA999" / "07-ubl-recipient-unknown.xml");
  const std::string id = "<cbc:ID>GB-2026-0440</cbc:ID>";
  BOOST_REQUIRE(xml.find(id) != std::string::npos);
  const std::string number = "GB;2026 \"0440\"";
  xml.replace(xml.find(id), id.size(), "<cbc:ID>GB;2026 &quot;0440&quot;</cbc:ID>");
  fs::create_directories(box.data / "inbox" / "AAA999");
  std::ofstream(box.data / "inbox" / "AAA999" / "semicolon.xml") << xml;
  BOOST_TEST_REQUIRE(box.fluxd("batch").exit_code == 0);

  auto csv = box.fluxd("suivi export");
  BOOST_TEST(csv.out.find("\"GB;2026 \"\"0440\"\"\"") != std::string::npos, csv.out);
  const auto rows = parse_csv(csv.out);
  BOOST_TEST_REQUIRE(rows.size() == 2u);
  BOOST_TEST_REQUIRE(rows[1].size() == kExportColumns.size());
  BOOST_TEST(rows[1][5] == number);
  BOOST_TEST(rows[1][4].find(number) != std::string::npos);  // the key holds it too
}

BOOST_AUTO_TEST_CASE(follow_prints_the_changes_of_a_later_batch_and_stops_on_sigterm) {
  Sandbox box;
  // Changes before `follow` starts are not printed.
  box.drop_samples("AAA999");
  BOOST_TEST_REQUIRE(box.fluxd("batch").exit_code == 0);
  const auto before = box.sql_count("SELECT max(id) FROM status_history");
  BOOST_TEST_REQUIRE(before > 0);

  fluxd_test::ScratchDir scratch("fluxd-follow");
  const fs::path log = scratch.path() / "follow.log";
  fluxd_test::ChildProcess follow({FLUXD_BINARY, "suivi", "follow", "--json", "--interval-ms", "50",
                                   "--config", box.config.string()},
                                  log);
  BOOST_TEST_REQUIRE(fluxd_test::wait_until(
      [&] { return fluxd_test::slurp(log).find("following status changes") != std::string::npos; },
      std::chrono::seconds(30)));

  box.drop_samples("ERP042");
  BOOST_TEST_REQUIRE(box.fluxd("batch").exit_code == 0);
  const auto changes =
      box.sql_count("SELECT count(*) FROM status_history WHERE id > " + std::to_string(before));
  BOOST_TEST_REQUIRE(changes > 0);
  const auto events = [&] {
    std::vector<json> out;
    for (const auto& line : lines_of(fluxd_test::slurp(log)))
      if (line.starts_with("{")) out.push_back(json::parse(line));
    return out;
  };
  BOOST_TEST_REQUIRE(
      fluxd_test::wait_until([&] { return events().size() >= static_cast<std::size_t>(changes); },
                             std::chrono::seconds(30)));
  BOOST_TEST(follow.signal_and_wait(SIGTERM, std::chrono::seconds(10)) == 0);

  const auto seen = events();
  BOOST_TEST(seen.size() == static_cast<std::size_t>(changes));
  std::int64_t last = before;
  std::map<std::int64_t, std::string> final_flow_status;
  std::size_t invoice_events = 0;
  for (const auto& e : seen) {
    BOOST_TEST(e["id"].get<std::int64_t>() > last);  // in order, each once
    last = e["id"].get<std::int64_t>();
    BOOST_TEST(e["partner"] == "ERP042");
    BOOST_TEST(!e["at"].get<std::string>().empty());
    BOOST_TEST(!e["to_label"].get<std::string>().empty());
    if (e["kind"] == "flow") {
      final_flow_status[e["ref"].get<std::int64_t>()] = e["to"].get<std::string>();
    } else {
      BOOST_TEST(e["kind"] == "invoice");
      BOOST_TEST(!e["invoice_number"].get<std::string>().empty());
      ++invoice_events;
    }
  }
  // Every ERP042 sample's flow reached its expected status before our eyes.
  const json expected = expected_outcomes();
  std::map<std::string, std::string> want;
  for (const auto& [name, outcome] : expected.items())
    if (name.starts_with("ERP042/")) want[name] = outcome["flow_status"].get<std::string>();
  BOOST_TEST(final_flow_status.size() == want.size());
  for (const auto& f : box.fluxd_json("suivi flows --partner ERP042"))
    BOOST_TEST(final_flow_status[f["number"].get<std::int64_t>()] ==
               want.at("ERP042/" + f["file"].get<std::string>()));
  std::size_t with_invoice = 0;
  for (const auto& [name, outcome] : expected.items())
    with_invoice += name.starts_with("ERP042/") && !outcome["invoice_status"].is_null();
  BOOST_TEST(invoice_events == 2 * with_invoice);  // DEPOSEE, then the outcome

  // Text lines from the start (--since-id 0); SIGINT ends it too.
  const fs::path text_log = scratch.path() / "follow.txt";
  const auto all = box.sql_count("SELECT count(*) FROM status_history");
  fluxd_test::ChildProcess text({FLUXD_BINARY, "suivi", "follow", "--since-id", "0",
                                 "--interval-ms", "50", "--config", box.config.string()},
                                text_log);
  const auto text_events = [&] {
    std::vector<std::string> out;
    for (const auto& line : lines_of(fluxd_test::slurp(text_log)))
      if (!line.starts_with("fluxd:")) out.push_back(line);
    return out;
  };
  BOOST_TEST_REQUIRE(
      fluxd_test::wait_until([&] { return text_events().size() >= static_cast<std::size_t>(all); },
                             std::chrono::seconds(30)));
  BOOST_TEST(text.signal_and_wait(SIGINT, std::chrono::seconds(10)) == 0);
  const auto lines = text_events();
  BOOST_TEST(lines.size() == static_cast<std::size_t>(all));
  BOOST_TEST(lines.front().find("flux 1 ") != std::string::npos, lines.front());
  BOOST_TEST(lines.front().find("IN_RECU (Reçu)") != std::string::npos, lines.front());
  BOOST_TEST(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
    return l.find("  facture ") != std::string::npos &&
           l.find("DEPOSEE → REJETEE (Rejetée)") != std::string::npos;
  }));
}

BOOST_AUTO_TEST_CASE(batch_draws_a_progress_bar_only_on_a_terminal) {
  // Not a terminal (the shared run's stderr went to a file): no bar.
  const std::string& logged = processed().batch_stderr;
  BOOST_TEST(logged.find("] 0/") == std::string::npos, logged);
  BOOST_TEST(logged.find("[#") == std::string::npos, logged);

  // stderr on a pseudo-terminal, stdout to a file.
  Sandbox box;
  box.drop_samples();
  const std::size_t total = expected_outcomes().size();
  BOOST_TEST_REQUIRE(total >= 20u);
  const int master = ::posix_openpt(O_RDWR | O_NOCTTY);
  BOOST_TEST_REQUIRE(master >= 0);
  BOOST_TEST_REQUIRE(::grantpt(master) == 0);
  BOOST_TEST_REQUIRE(::unlockpt(master) == 0);
  const std::string terminal = ::ptsname(master);
  const std::string out_file = (box.root / "batch.out").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, 2, terminal.c_str(), O_RDWR | O_NOCTTY, 0);
  posix_spawn_file_actions_addclose(&actions, master);
  const std::string config = box.config.string();
  std::vector<std::string> argv{FLUXD_BINARY, "batch", "--config", config};
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  BOOST_TEST_REQUIRE(spawned == 0);
  // Read the terminal while the batch runs, so it never blocks on a full buffer.
  std::string screen;
  int status = 0;
  bool exited = false;
  while (true) {
    pollfd fd{master, POLLIN, 0};
    if (::poll(&fd, 1, 100) > 0) {
      char buf[4096];
      const ssize_t n = ::read(master, buf, sizeof buf);
      if (n > 0) {
        screen.append(buf, static_cast<std::size_t>(n));
        continue;
      }
    }
    if (exited) break;
    exited = ::waitpid(pid, &status, WNOHANG) == pid;
  }
  ::close(master);
  BOOST_TEST_REQUIRE(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);
  const std::string n = std::to_string(total);
  BOOST_TEST(screen.find("[------------------------------] 0/" + n + " flows") != std::string::npos,
             screen);
  BOOST_TEST(screen.find("[##############################] " + n + "/" + n + " flows") !=
                 std::string::npos,
             screen);
  BOOST_TEST(screen.find("1/" + n + " flows") != std::string::npos);
  // The summary still goes to stdout, without the bar.
  const std::string out = slurp(out_file);
  BOOST_TEST(out.find("IN_INTEGRE") != std::string::npos);
  BOOST_TEST(out.find("] 0/") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
