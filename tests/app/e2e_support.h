// What the end-to-end tests of the real `fluxd` binary share: running a command and reading
// files back.
#pragma once

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_paths.h"

namespace fluxd_test {

struct Run {
  int exit_code = -1;
  std::string out;
};

// Runs a shell command, capturing stdout (stderr goes to the test log).
inline Run run(const std::string& command) {
  Run r;
  FILE* pipe = ::popen(command.c_str(), "r");
  BOOST_REQUIRE(pipe != nullptr);
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string quote(const std::filesystem::path& p) {
  return "'" + p.string() + "'";
}

// A private copy of samples/ (config + referential, XSDs from ../shared when present) with its
// own var/ beside it, removed at the end.
struct SampleSandbox {
  std::filesystem::path root, config, data;

  explicit SampleSandbox(const std::string& prefix) {
    namespace fs = std::filesystem;
    static int n = 0;
    root = fs::temp_directory_path() /
           (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
    fs::remove_all(root);
    const auto samples = source_dir() / "samples";
    fs::create_directories(root / "samples");
    // The embedded default names the XSDs relative to the checkout: point at the same folder.
    std::string toml = slurp(samples / "fluxd.toml");
    const std::string xsd_line = "xsd_dir = \"../../shared/corpus/xsd\"";
    BOOST_REQUIRE(toml.find(xsd_line) != std::string::npos);
    const auto shared = shared_dir();
    toml.replace(toml.find(xsd_line), xsd_line.size(),
                 shared.empty() ? "" : "xsd_dir = '" + (shared / "corpus" / "xsd").string() + "'");
    std::ofstream(root / "samples" / "fluxd.toml") << toml;
    fs::copy(samples / "referential", root / "samples" / "referential",
             fs::copy_options::recursive);
    config = root / "samples" / "fluxd.toml";
    data = root / "var" / "samples";
  }
  ~SampleSandbox() { std::filesystem::remove_all(root); }
  SampleSandbox(const SampleSandbox&) = delete;
  SampleSandbox& operator=(const SampleSandbox&) = delete;

  // Drops a partner's sample flows (every partner's when empty) into its inbox.
  void drop_samples(const std::string& only_partner = "") const {
    namespace fs = std::filesystem;
    for (const auto& dir : fs::directory_iterator(source_dir() / "samples" / "flows")) {
      const std::string partner = dir.path().filename().string();
      if (!only_partner.empty() && partner != only_partner) continue;
      fs::create_directories(data / "inbox" / partner);
      // In name order, so the files' times agree with their names: flows are taken oldest
      // first, and a sample "sent again" must come after its original (directory order is
      // whatever the filesystem gives).
      std::vector<fs::path> files;
      for (const auto& f : fs::directory_iterator(dir.path())) files.push_back(f.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) fs::copy_file(f, data / "inbox" / partner / f.filename());
    }
  }

  Run fluxd(const std::string& args) const {
    return run(std::string(FLUXD_BINARY) + " " + args + " --config " + quote(config));
  }

  // One text value from the store, read straight from the database.
  std::string sql_text(const std::string& query) const {
    sqlite3* db = nullptr;
    BOOST_REQUIRE(sqlite3_open_v2((data / "fluxd.sqlite").c_str(), &db, SQLITE_OPEN_READONLY,
                                  nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    BOOST_REQUIRE(sqlite3_prepare_v2(db, query.c_str(), -1, &st, nullptr) == SQLITE_OK);
    BOOST_REQUIRE_MESSAGE(sqlite3_step(st) == SQLITE_ROW, query);
    const auto* text = sqlite3_column_text(st, 0);
    std::string value = text ? reinterpret_cast<const char*>(text) : "";
    sqlite3_finalize(st);
    sqlite3_close(db);
    return value;
  }

  // One number from the store, read straight from the database.
  std::int64_t sql_count(const std::string& query) const {
    sqlite3* db = nullptr;
    BOOST_REQUIRE(sqlite3_open_v2((data / "fluxd.sqlite").c_str(), &db, SQLITE_OPEN_READONLY,
                                  nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    BOOST_REQUIRE(sqlite3_prepare_v2(db, query.c_str(), -1, &st, nullptr) == SQLITE_OK);
    BOOST_REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    auto n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
  }
};

// Every path below `dir`, relative, folders included; `skip` names top-level entries left out.
inline std::set<std::string> tree(const std::filesystem::path& dir,
                                  const std::set<std::string>& skip = {}) {
  namespace fs = std::filesystem;
  std::set<std::string> paths;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       it != fs::recursive_directory_iterator(); ++it) {
    const auto relative = fs::relative(it->path(), dir).string();
    if (it.depth() == 0 && skip.contains(relative)) {
      it.disable_recursion_pending();
      continue;
    }
    paths.insert(relative);
  }
  return paths;
}

// The outcome each sample must get (samples/expected.json). Without ../shared there are no
// official XSDs, so a sample that only an XSD rejects is accepted then.
inline nlohmann::json expected_outcomes() {
  auto expected = nlohmann::json::parse(slurp(source_dir() / "samples" / "expected.json"));
  if (!shared_dir().empty()) return expected;
  for (auto& [name, want] : expected.items()) {
    auto rules = nlohmann::json::array();
    for (const auto& rule : want["rules"])
      if (!rule.get<std::string>().starts_with("XSD-")) rules.push_back(rule);
    if (rules.empty() && !want["rules"].empty()) {
      want["flow_status"] = "IN_INTEGRE";
      want["invoice_status"] = "MISE_A_DISPOSITION";
    }
    want["rules"] = rules;
  }
  return expected;
}

}  // namespace fluxd_test
