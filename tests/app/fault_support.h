// What the fault-injection tests (test_faults.cpp) share: a data root of their own with the
// samples' referential, the real `fluxd` binary run under a wrapper that injects the fault
// (RLIMIT_FSIZE, another user, small filesystems in a mount namespace), a small HTTP server whose
// answers an operator switches at run time, and the checks that hold while a fault lasts (nothing
// marked done that is not) and once it has cleared (every flow final, every accepted invoice
// delivered exactly once, the store intact).
#pragma once

#include <fcntl.h>
#include <sched.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <unistd.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "e2e_support.h"
#include "route/process.h"
#include "test_paths.h"

namespace fluxd_faults {

namespace fs = std::filesystem;
using fluxd_test::Run;
using Rows = std::vector<std::vector<std::string>>;

constexpr const char* kPartners[] = {"AAA999", "ERP042"};

// What a flow became, as `fluxd suivi` would say: compared between a faulty run and a clean one.
struct Outcome {
  std::string status;
  std::int64_t invoices = 0, accepted = 0, rejected = 0;
  bool operator==(const Outcome&) const = default;
};

inline std::ostream& operator<<(std::ostream& out, const Outcome& o) {
  return out << o.status << " " << o.invoices << "/" << o.accepted << "/" << o.rejected;
}

// Every row of a query, each column as text ("" for NULL). Read-only, straight from the file.
inline Rows sql_rows(const fs::path& db_file, const std::string& query) {
  sqlite3* db = nullptr;
  BOOST_REQUIRE_MESSAGE(
      sqlite3_open_v2(db_file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK,
      db_file << ": " << sqlite3_errmsg(db));
  sqlite3_busy_timeout(db, 10000);
  sqlite3_stmt* st = nullptr;
  BOOST_REQUIRE_MESSAGE(sqlite3_prepare_v2(db, query.c_str(), -1, &st, nullptr) == SQLITE_OK,
                        query << ": " << sqlite3_errmsg(db));
  Rows rows;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int c = 0; c < sqlite3_column_count(st); ++c) {
      const auto* text = sqlite3_column_text(st, c);
      row.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    rows.push_back(std::move(row));
  }
  BOOST_REQUIRE_MESSAGE(rc == SQLITE_DONE, query << ": " << sqlite3_errmsg(db));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rows;
}

// Files directly in a folder, hidden ones included (none when it does not exist).
inline std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file()) out.push_back(entry.path());
  return out;
}

// Regular files anywhere under a folder.
inline std::vector<fs::path> files_under(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec))
    if (it->is_regular_file()) out.push_back(it->path());
  return out;
}

// A claimed flow's file is "<claim prefix>--<original name>" in work/, done/ and failed/.
inline std::string original_name(const fs::path& file) {
  const std::string name = file.filename().string();
  const auto separator = name.find("--");
  return separator == std::string::npos ? name : name.substr(separator + 2);
}

// A data root of its own (partners AAA999 and ERP042, AAA999 receiving lifecycle messages, the
// samples' referential), the flows dropped into it remembered by "<partner>/<name>".
struct FaultBox {
  fluxd_test::ScratchDir scratch;
  fs::path root = scratch.path();
  fs::path data = root / "data";
  fs::path config = root / "fluxd.toml";
  fs::path store_file = data / "fluxd.sqlite";  // as configured (default: in the data root)
  std::map<std::string, std::string> dropped;   // "<partner>/<name>" → bytes

  explicit FaultBox(const std::string& prefix) : scratch(prefix) { fs::create_directories(data); }

  // `data_extra` goes into [data]; `rest` after the fixed tables (channels, routes, [delivery]).
  void configure(const std::string& rest = "", const std::string& data_extra = "") const {
    const auto ref = fluxd_test::source_dir() / "samples" / "referential";
    std::ofstream(config) << "[data]\nroot = '" << data.string() << "'\n"
                          << data_extra << "[referential]\nstructures = '"
                          << (ref / "structures.csv").string() << "'\nservices = '"
                          << (ref / "services.csv").string() << "'\nengagements = '"
                          << (ref / "engagements.csv").string() << "'\n"
                          << rest << "\n[[partners]]\ncode = 'AAA999'\nlifecycle = true\n"
                          << "[[partners]]\ncode = 'ERP042'\n";
  }

  fs::path store() const { return store_file; }

  // Written elsewhere, then renamed into the drop directory.
  void drop(const std::string& partner, const std::string& name, const std::string& bytes) {
    const fs::path inbox = data / "inbox" / partner;
    fs::create_directories(inbox);
    std::ofstream(inbox / ("." + name + ".part"), std::ios::binary) << bytes;
    fs::rename(inbox / ("." + name + ".part"), inbox / name);
    dropped[partner + "/" + name] = bytes;
  }

  // The sample flows named (every one of both partners when empty), in name order: fluxd takes
  // a partner's files oldest first, and a clean run (clean_outcomes) drops them in that order
  // too, so an invoice sent twice is the duplicate in both.
  void drop_samples(const std::vector<std::string>& only = {}) {
    for (const char* partner : kPartners) {
      std::vector<fs::path> files;
      for (const auto& f :
           fs::directory_iterator(fluxd_test::source_dir() / "samples" / "flows" / partner))
        files.push_back(f.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        const std::string key = std::string(partner) + "/" + f.filename().string();
        if (!only.empty() && std::find(only.begin(), only.end(), key) == only.end()) continue;
        drop(partner, f.filename().string(), fluxd_test::slurp(f));
      }
    }
  }

  // `fluxd <args> --config …`, stdout and stderr together; `wrapper` comes first (e.g. an
  // nsenter or setpriv command line, or a shell that sets a limit and execs).
  Run fluxd(const std::string& args, const std::string& wrapper = "") const {
    return fluxd_test::run(wrapper + std::string(FLUXD_BINARY) + " " + args + " --config " +
                           fluxd_test::quote(config) + " 2>&1");
  }

  Rows sql(const std::string& query) const { return sql_rows(store(), query); }
  std::int64_t count(const std::string& query) const {
    const auto rows = sql(query);
    BOOST_REQUIRE(rows.size() == 1u);
    return std::stoll(rows[0][0]);
  }
  std::string text(const std::string& query) const {
    const auto rows = sql(query);
    BOOST_REQUIRE_MESSAGE(rows.size() == 1u, query);
    return rows[0][0];
  }

  // Where a dropped flow's file is now: "inbox", "work", "done", "failed", with how many copies.
  std::map<std::string, std::map<std::string, int>> file_places() const {
    std::map<std::string, std::map<std::string, int>> places;
    for (const char* partner : kPartners)
      for (const char* place : {"inbox", "work", "done", "failed"})
        for (const auto& f : files_in(data / place / partner)) {
          if (f.filename().string().starts_with(".")) continue;
          const std::string name =
              std::string(place) == "inbox" ? f.filename().string() : original_name(f);
          ++places[std::string(partner) + "/" + name][place];
        }
    return places;
  }

  // Final flow outcomes by "<partner>/<file>".
  std::map<std::string, Outcome> outcomes() const {
    std::map<std::string, Outcome> out;
    for (const auto& r : sql("SELECT f.partner || '/' || f.file_name, f.status, "
                             "(SELECT count(*) FROM invoices i WHERE i.flow_number = f.number), "
                             "(SELECT count(*) FROM deliveries d JOIN invoices i ON "
                             "d.invoice_id = i.id WHERE i.flow_number = f.number), "
                             "(SELECT count(*) FROM invoices i WHERE i.flow_number = f.number "
                             "AND i.status = 'REJETEE') FROM flows f"))
      out[r[0]] = {r[1], std::stoll(r[2]), std::stoll(r[3]), std::stoll(r[4])};
    return out;
  }
};

// The outcome of every flow of `box` processed by a fault-free `fluxd batch` on a fresh root.
inline std::map<std::string, Outcome> clean_outcomes(const FaultBox& box) {
  FaultBox clean("faults-clean");
  clean.configure();
  for (const auto& [key, bytes] : box.dropped) {
    const auto slash = key.find('/');
    clean.drop(key.substr(0, slash), key.substr(slash + 1), bytes);
  }
  const auto r = clean.fluxd("batch");
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out);
  return clean.outcomes();
}

inline bool is_coded(const std::string& error) {
  static const std::regex coded("^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+: .+");
  return std::regex_search(error, coded);
}

// The folder a directory channel rooted at `channel_root` puts a delivery in.
inline fs::path destination(const fs::path& channel_root, const std::string& recipient,
                            const std::string& service) {
  return channel_root / recipient / service;
}

// While a fault holds (and after): nothing is marked done that is not, nothing is lost.
//  - every dropped file is in exactly one place (inbox/, work/, done/ or failed/), once;
//  - a flow in done/ or failed/ has its outcome committed (IN_INTEGRE*/IN_REJETE/IN_INCIDENTE),
//    a flow not final is in work/ and nowhere else; no file became two flows;
//  - an invoice MISE_A_DISPOSITION has a delivered delivery and its file at the destination,
//    byte for byte the partner's (directory channels under `channel_root`); an accepted
//    invoice not yet delivered is DEPOSEE with a pending or dead delivery, its spooled bytes
//    kept, and a coded last_error once an attempt failed;
//  - the store passes PRAGMA integrity_check.
inline void check_nothing_false(const FaultBox& box, const std::string& when,
                                const fs::path& channel_root = {}) {
  BOOST_TEST_CONTEXT(when) {
    const auto places = box.file_places();
    for (const auto& [key, bytes] : box.dropped) {
      const auto it = places.find(key);
      BOOST_TEST_REQUIRE((it != places.end()), key << " is nowhere");
      int copies = 0;
      for (const auto& [place, n] : it->second) copies += n;
      BOOST_TEST(copies == 1, key << " is in " << copies << " places");
    }
    BOOST_TEST(places.size() == box.dropped.size());
    if (!fs::exists(box.store())) return;  // not even created: nothing can be marked
    BOOST_TEST(box.text("PRAGMA integrity_check") == "ok");
    if (box.count("SELECT count(*) FROM sqlite_master WHERE name = 'flows'") == 0) return;
    BOOST_TEST(box.count("SELECT count(*) FROM flows WHERE duplicate_of IS NOT NULL") == 0);
    std::map<std::string, int> flows_per_file;
    for (const auto& r : box.sql("SELECT partner || '/' || file_name, status FROM flows")) {
      const std::string& key = r[0];
      const std::string& status = r[1];
      ++flows_per_file[key];
      const auto it = places.find(key);
      BOOST_TEST_REQUIRE((it != places.end()), key << " has a flow but no file");
      const auto& where = it->second;
      const bool kept = status == "IN_INTEGRE" || status == "IN_INTEGRE_PARTIEL";
      const bool refused = status == "IN_REJETE" || status == "IN_INCIDENTE";
      if (where.contains("done")) BOOST_TEST(kept, key << " is in done/ as " << status);
      if (where.contains("failed")) BOOST_TEST(refused, key << " is in failed/ as " << status);
      if (!kept && !refused) BOOST_TEST(where.contains("work"), key << " " << status);
      BOOST_TEST(!where.contains("inbox"), key << " has a flow but waits in the inbox");
    }
    for (const auto& [key, n] : flows_per_file) BOOST_TEST(n == 1, key << ": " << n << " flows");

    const auto rows = box.sql(
        "SELECT i.id, i.status, f.partner || '/' || f.file_name, coalesce(d.state, ''), "
        "coalesce(d.attempts, 0), coalesce(d.last_error, ''), coalesce(d.delivered_to, ''), "
        "coalesce(d.recipient, ''), coalesce(d.service, ''), coalesce(d.file_name, ''), "
        "coalesce(d.channel, '') FROM invoices i JOIN flows f ON f.number = i.flow_number "
        "LEFT JOIN deliveries d ON d.invoice_id = i.id");
    for (const auto& r : rows) {
      const std::string &id = r[0], &status = r[1], &key = r[2], &state = r[3];
      const int attempts = std::stoi(r[4]);
      const std::string &error = r[5], &delivered_to = r[6], &channel = r[10];
      BOOST_TEST_CONTEXT("invoice " << id << " of " << key << " (" << status << ", delivery "
                                    << state << ", " << attempts << " failed attempts: " << error
                                    << ")") {
        if (status == "REJETEE") {
          BOOST_TEST(state.empty());
          continue;
        }
        BOOST_TEST(!state.empty());  // accepted: it has a delivery
        if (status == "MISE_A_DISPOSITION") {
          BOOST_TEST(state == "delivered");
          if (!channel_root.empty() && channel == "outbox") {
            const fs::path at = destination(channel_root, r[7], r[8]) / r[9];
            BOOST_TEST(delivered_to == destination(channel_root, r[7], r[8]) / r[9]);
            BOOST_TEST_REQUIRE(fs::exists(at), at << " is missing");
            BOOST_TEST((fluxd_test::slurp(at) == box.dropped.at(key)), at << " differs");
          }
        } else {
          BOOST_TEST(status == "DEPOSEE");
          BOOST_TEST((state == "pending" || state == "dead"));
          BOOST_TEST(fs::exists(box.data / "spool" / (id + ".xml")));
          if (attempts > 0) BOOST_TEST(is_coded(error));
        }
      }
    }
  }
}

// Once the fault has cleared and a later run went through: every dropped file is one flow,
// final, with the outcome a fault-free run gives it; every accepted invoice is delivered
// exactly once (one file at its destination under `channel_root`, nothing half-written); the
// spool is empty; the store is intact.
inline void check_recovered(const FaultBox& box, const std::map<std::string, Outcome>& clean,
                            const fs::path& channel_root = {}) {
  check_nothing_false(box, "after recovery", channel_root);
  for (const auto& [key, where] : box.file_places())
    BOOST_TEST((where.contains("done") || where.contains("failed")), key << " not finished");
  const auto got = box.outcomes();
  BOOST_TEST(got.size() == clean.size());
  for (const auto& [key, want] : clean) {
    const auto it = got.find(key);
    BOOST_TEST_REQUIRE((it != got.end()), key << " was lost");
    BOOST_TEST(it->second == want, key);
  }
  BOOST_TEST(box.count("SELECT count(*) FROM invoices WHERE status = 'DEPOSEE'") == 0);
  BOOST_TEST(box.count("SELECT count(*) FROM deliveries WHERE state <> 'delivered'") == 0);
  BOOST_TEST(files_in(box.data / "spool").empty());
  if (!channel_root.empty()) {
    // Exactly one invoice file per delivered invoice, and no temporary file left behind.
    int xml = 0;
    for (const auto& f : files_under(channel_root)) {
      const std::string name = f.filename().string();
      BOOST_TEST(!name.starts_with("."), f);
      if (name.ends_with(".xml")) ++xml;
    }
    BOOST_TEST(xml == box.count("SELECT count(*) FROM deliveries WHERE channel = 'outbox'"));
  }
}

// This test program in a mount namespace of its own, with private mounts, for as long as the
// object lives: small tmpfs mounted there are what the fluxd runs it starts (its children)
// see, and nothing of them reaches the rest of the machine; they vanish with the namespace
// when the program goes back to its own (and if it dies). Needs CAP_SYS_ADMIN and a
// single-threaded program: usable() says, why_not() why.
class PrivateMounts {
 public:
  PrivateMounts() {
    char cwd[4096];
    if (::getcwd(cwd, sizeof cwd) != nullptr) cwd_ = cwd;
    original_ = ::open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);
    if (original_ < 0) {
      why_not_ = std::string("/proc/self/ns/mnt: ") + std::strerror(errno);
    } else if (::unshare(CLONE_NEWNS) != 0) {
      why_not_ = std::string("unshare(CLONE_NEWNS): ") + std::strerror(errno);
    } else if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
      why_not_ = std::string("private mounts: ") + std::strerror(errno);
      restore();
    } else {
      usable_ = true;
    }
  }
  ~PrivateMounts() { restore(); }
  PrivateMounts(const PrivateMounts&) = delete;
  PrivateMounts& operator=(const PrivateMounts&) = delete;

  bool usable() const { return usable_; }
  const std::string& why_not() const { return why_not_; }

  // Mounts a tmpfs of `size` (e.g. "256k") on `dir`; "" or what failed.
  std::string mount_tmpfs(const fs::path& dir, const std::string& size) const {
    fs::create_directories(dir);
    const std::string options = "size=" + size;
    if (::mount("fluxd-fault", dir.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0)
      return dir.string() + ": " + std::strerror(errno);
    return "";
  }

 private:
  void restore() {
    if (original_ < 0) return;
    ::setns(original_, CLONE_NEWNS);  // also moves the working folder to "/": put it back
    ::close(original_);
    original_ = -1;
    if (!cwd_.empty() && ::chdir(cwd_.c_str()) != 0) {
    }
  }

  int original_ = -1;
  std::string cwd_;
  bool usable_ = false;
  std::string why_not_;
};

// Fills the filesystem holding `dir` (as the test sees it) with one file, until ENOSPC.
// Returns that file: removing it is the fault clearing.
inline fs::path fill_up(const fs::path& dir) {
  const fs::path filler = dir / "filler.bin";
  const int fd = ::open(filler.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  BOOST_REQUIRE(fd >= 0);
  const std::string chunk(64 * 1024, 'f');
  for (std::size_t size : {chunk.size(), std::size_t{512}, std::size_t{1}})
    while (::write(fd, chunk.data(), size) > 0) {
    }
  ::close(fd);
  return filler;
}

// A real HTTP server (python3, standard library) whose behaviour is switched at run time by
// writing its mode: "ok" (200), "500" (500 Internal Server Error), or "hang" (reads the request
// and never answers while the mode stays "hang"). Every request is logged with its
// Idempotency-Key, the mode it met and its body.
class SwitchableHttpServer {
 public:
  SwitchableHttpServer() {
    const fs::path& d = dir_.path();
    std::ofstream(d / "server.py") << kScript;
    set_mode("ok");
    server_ = std::make_unique<fluxd_test::ChildProcess>(
        std::vector<std::string>{"/usr/bin/python3", (d / "server.py").string(),
                                 (d / "port").string(), (d / "mode").string(),
                                 (d / "requests").string(), std::to_string(::getpid())},
        d / "server.log");
    const bool up = fluxd_test::wait_until(
        [&] { return !server_->running() || !fluxd_test::slurp(d / "port").empty(); },
        std::chrono::seconds(15));
    BOOST_REQUIRE_MESSAGE(up && server_->running(), fluxd_test::slurp(d / "server.log"));
    port_ = std::stoi(fluxd_test::slurp(d / "port"));
  }

  void set_mode(const std::string& mode) const {
    std::ofstream(dir_.path() / "mode.tmp") << mode;
    fs::rename(dir_.path() / "mode.tmp", dir_.path() / "mode");
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  // One object per request, in order: {"key", "mode", "body"}.
  std::vector<nlohmann::json> requests() const {
    std::vector<nlohmann::json> out;
    std::istringstream lines(fluxd_test::slurp(dir_.path() / "requests" / "log.jsonl"));
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) out.push_back(nlohmann::json::parse(line));
    return out;
  }

 private:
  static constexpr const char* kScript = R"py(
import http.server, json, os, sys, threading, time
port_file, mode_file, store, parent = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
os.makedirs(store, exist_ok=True)
lock = threading.Lock()

def mode():
    with open(mode_file) as f:
        return f.read().strip()

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        met = mode()
        with lock, open(os.path.join(store, "log.jsonl"), "a") as log:
            log.write(json.dumps({"key": self.headers.get("Idempotency-Key", ""), "mode": met,
                                  "body": body.decode("utf-8", "replace")}) + "\n")
        if met == "hang":
            while mode() == "hang":
                time.sleep(0.05)
            self.close_connection = True
            return  # this request never gets an answer
        status = 500 if met == "500" else 200
        answer = json.dumps({"status": status}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format, *args):
        pass

def watch_parent():
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
threading.Thread(target=watch_parent, daemon=True).start()
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.replace(port_file + ".tmp", port_file)
server.serve_forever()
)py";

  fluxd_test::ScratchDir dir_{"faults-http"};
  int port_ = 0;
  std::unique_ptr<fluxd_test::ChildProcess> server_;
};

}  // namespace fluxd_faults
