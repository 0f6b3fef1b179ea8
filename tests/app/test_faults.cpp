// Faults injected for real into the real `fluxd` binary, end to end: a full disk (RLIMIT_FSIZE,
// and small tmpfs filesystems in a mount namespace of our own), a read-only outbox (fluxd run
// as an unprivileged user), an SFTP server refusing the key, an HTTP endpoint answering 500 or
// never answering, and the store locked by another process. For each: while the fault holds,
// nothing is marked done that is not (check_nothing_false), the work is retried or parked
// with a coded reason; once it clears, a later `batch` or the running daemon recovers it all,
// exactly once (check_recovered). Nothing here measures time: every wait is "until".
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "e2e_support.h"
#include "fault_support.h"
#include "route/process.h"
#include "route/sshd_fixture.h"
#include "test_paths.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using fluxd_faults::FaultBox;

namespace {

constexpr const char* kValmont = "21384512600019";  // AAA999/01, /09: accepted for it
constexpr const char* kBrenac = "26071930700027";   // AAA999/02: accepted for it
const fs::path kFlows = fluxd_test::source_dir() / "samples" / "flows";

const char* kFastRetries = "[delivery]\nretry_base_seconds = 0\nretry_max_seconds = 0\n";

// A shell prefix running the rest under a file size limit (KiB), with SIGXFSZ ignored so a
// write past it fails with EFBIG instead of killing fluxd (an ignored signal stays ignored
// across exec).
std::string file_size_limit(int kib) {
  return "bash -c 'trap \"\" XFSZ; ulimit -f " + std::to_string(kib) + "; exec \"$0\" \"$@\"' ";
}

// AAA999/01 as another invoice (number GB-2026-BIG01) of about `mib` MiB: an XML comment after
// the root element pads it. Accepted like 01, and larger than anything the store writes.
std::string large_invoice(int mib) {
  std::string xml = fluxd_test::slurp(kFlows / "AAA999" / "01-ubl-valmont-accepted.xml");
  for (std::size_t at; (at = xml.find("GB-2026-0412")) != std::string::npos;)
    xml.replace(at, 12, "GB-2026-BIG01");
  return xml + "<!-- " + std::string(static_cast<std::size_t>(mib) << 20, 'p') + " -->\n";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The lifecycle messages AAA999 receives: one file per visible status change of its
// invoices, none lost, none twice (the names are the event ids).
void check_lifecycle_messages(const FaultBox& box) {
  const auto want = box.count(
      "SELECT count(*) FROM status_history h JOIN invoices i ON h.kind = 'invoice' AND h.ref = "
      "i.id JOIN flows f ON f.number = i.flow_number WHERE f.partner = 'AAA999' AND "
      "h.shown_to_supplier = 1");
  const auto files = fluxd_faults::files_in(box.data / "lifecycle" / "AAA999");
  BOOST_TEST(static_cast<std::int64_t>(files.size()) == want);
  BOOST_TEST(want > 0);
}

// `fluxd run` on the box, its log kept beside it.
struct Daemon {
  const FaultBox& box;
  fs::path log = box.root / "daemon.log";
  std::unique_ptr<fluxd_test::ChildProcess> process;

  // `prefix` runs the daemon through another program that execs it (its PID stays fluxd's).
  explicit Daemon(const FaultBox& b, std::vector<std::string> prefix = {}) : box(b) {
    std::vector<std::string> argv = std::move(prefix);
    for (const auto& arg : {std::string(FLUXD_BINARY), std::string("run"), std::string("--config"),
                            box.config.string()})
      argv.push_back(arg);
    process = std::make_unique<fluxd_test::ChildProcess>(argv, log);
    BOOST_REQUIRE_MESSAGE(
        fluxd_test::wait_until([&] { return contains(text(), "daemon.started"); }, 20s),
        "the daemon did not start:\n"
            << text());
  }
  std::string text() const { return fluxd_test::slurp(log); }
  int stop() { return process->signal_and_wait(SIGTERM, 60s); }
};

const char* kDaemonTable =
    "[daemon]\nworkers = 2\nstable_ms = 0\nrescan_seconds = 1\n"
    "delivery_seconds = 1\nmetrics_seconds = 3600\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(faults)

// RLIMIT_FSIZE: every write past the limit fails with EFBIG. Small limits break the store
// (creation, then WAL appends at varying points of the pipeline as the limit grows), a larger
// one only the spooling of a large invoice. While it holds each run exits 2 with a coded
// message and leaves its work where the next run resumes it; then one run without a limit
// finishes everything exactly once, with the outcome a fault-free run gives.
BOOST_AUTO_TEST_CASE(a_file_size_limit_breaks_store_and_spool_writes_and_nothing_is_marked_done) {
  FaultBox box("faults-fsize");
  box.configure(kFastRetries);
  box.drop_samples();
  box.drop("AAA999", "16-ubl-valmont-large.xml", large_invoice(3));
  const auto clean = fluxd_faults::clean_outcomes(box);
  const fs::path outbox = box.data / "outbox";

  // Too small for the store itself: nothing is claimed.
  auto run = box.fluxd("batch", file_size_limit(64));
  BOOST_TEST(run.exit_code == 2, run.out);
  BOOST_TEST(contains(run.out, "BATCH-FAILED"), run.out);
  fluxd_faults::check_nothing_false(box, "store too small to be created", outbox);
  for (const auto& [key, where] : box.file_places())
    BOOST_TEST(where.contains("inbox"), key << " was claimed by a run that could not record it");

  // Growing limits: each run gets further, then a store write (record, commit, delivery
  // bookkeeping) fails somewhere else in the pipeline.
  int failed_runs = 0;
  std::set<std::string> messages;
  for (int kib : {128, 160, 192, 224, 256, 320, 400}) {
    run = box.fluxd("batch", file_size_limit(kib));
    BOOST_TEST_MESSAGE("ulimit -f " << kib << ": exit " << run.exit_code);
    BOOST_TEST((run.exit_code == 0 || run.exit_code == 2), run.out);
    if (run.exit_code == 2) {
      ++failed_runs;
      BOOST_TEST(contains(run.out, "fluxd: BATCH-FAILED: "), run.out);
      const auto at = run.out.find("BATCH-FAILED: ");
      messages.insert(run.out.substr(at, run.out.find('\n', at) - at));
    }
    fluxd_faults::check_nothing_false(box, "ulimit -f " + std::to_string(kib), outbox);
  }
  for (const auto& m : messages) BOOST_TEST_MESSAGE("write refused: " << m);
  BOOST_TEST(failed_runs >= 5);

  // Room for the store, not for the 3 MiB invoice: its spooling fails, it stays in work/ with
  // nothing of it recorded but its reception.
  run = box.fluxd("batch", file_size_limit(2048));
  BOOST_TEST(run.exit_code == 2, run.out);
  BOOST_TEST(contains(run.out, "IO-WRITE"), run.out);
  BOOST_TEST(contains(run.out, "/spool/"), run.out);
  BOOST_TEST(contains(run.out, "File too large"), run.out);
  fluxd_faults::check_nothing_false(box, "ulimit -f 2048", outbox);
  BOOST_TEST(box.file_places()["AAA999/16-ubl-valmont-large.xml"].contains("work"));
  BOOST_TEST(box.text("SELECT status FROM flows WHERE file_name = '16-ubl-valmont-large.xml'") ==
             "IN_RECU");
  BOOST_TEST(box.count("SELECT count(*) FROM invoices WHERE number = 'GB-2026-BIG01'") == 0);

  // The limit is lifted: one run finishes everything.
  run = box.fluxd("batch");
  BOOST_TEST_REQUIRE(run.exit_code == 0, run.out);
  fluxd_faults::check_recovered(box, clean, outbox);
  check_lifecycle_messages(box);
  const auto accepted = box.count("SELECT count(*) FROM deliveries");
  BOOST_TEST_MESSAGE("file size limit: " << box.dropped.size() << " flows, " << accepted
                                         << " accepted invoices, " << failed_runs + 2
                                         << " failed runs");
}

// Real full filesystems: small tmpfs mounted (in a mount namespace of this test program's own,
// which the fluxd runs inherit) on the store's folder, the spool, one partner's reports and the
// outbox, each filled up in turn, then given its space back.
BOOST_AUTO_TEST_CASE(full_filesystems_under_store_spool_reports_and_outbox_park_the_work) {
  FaultBox box("faults-tmpfs");  // first: removed once the mounts are gone
  fluxd_faults::PrivateMounts mounts;
  if (!mounts.usable()) {
    BOOST_TEST_MESSAGE("no mount namespace here (needs CAP_SYS_ADMIN): skipped; "
                       << mounts.why_not());
    return;
  }
  box.store_file = box.data / "db" / "fluxd.sqlite";
  box.configure(kFastRetries, "store = '" + box.store_file.string() + "'\n");
  const fs::path outbox = box.data / "outbox";
  for (const auto& [dir, size] :
       std::vector<std::pair<fs::path, std::string>>{{box.data / "db", "2m"},
                                                     {box.data / "spool", "256k"},
                                                     {box.data / "reports" / "AAA999", "256k"},
                                                     {outbox, "256k"}}) {
    const auto failed = mounts.mount_tmpfs(dir, size);
    BOOST_REQUIRE_MESSAGE(failed.empty(), failed);
  }
  auto run = box.fluxd("batch");  // creates the store on its small filesystem
  BOOST_TEST_REQUIRE(run.exit_code == 0, run.out);

  box.drop_samples(
      {"AAA999/01-ubl-valmont-accepted.xml", "AAA999/02-cii-brenac-urgences-accepted.xml",
       "AAA999/04-cii-brenac-no-service.xml", "ERP042/01-cii-hautvallon-ej-accepted.xml",
       "ERP042/03-ubl-valmont-service-expired.xml"});
  const auto clean = fluxd_faults::clean_outcomes(box);

  // 1. The store's filesystem is full. (A reader needs room too, for SQLite's shared-memory
  // index: the store is looked at once the space is back, before any other run.)
  auto filler = fluxd_faults::fill_up(box.data / "db");
  run = box.fluxd("batch");
  BOOST_TEST(run.exit_code == 2, run.out);
  BOOST_TEST(contains(run.out, "fluxd: BATCH-FAILED: "), run.out);
  BOOST_TEST_MESSAGE("store full: " << run.out);
  for (const auto& [key, where] : box.file_places())
    BOOST_TEST(!where.contains("done"), key << " handed off while the store was full");
  fs::remove(filler);
  fluxd_faults::check_nothing_false(box, "store full", outbox);
  BOOST_TEST(box.count("SELECT count(*) FROM flows") == 0);

  // 2. The spool is full: the first accepted invoice cannot be spooled; its flow stays in
  // work/, received but with nothing else recorded.
  filler = fluxd_faults::fill_up(box.data / "spool");
  run = box.fluxd("batch");
  BOOST_TEST(run.exit_code == 2, run.out);
  BOOST_TEST(contains(run.out, "IO-WRITE"), run.out);
  BOOST_TEST(contains(run.out, "/spool/"), run.out);
  BOOST_TEST(contains(run.out, "No space left on device"), run.out);
  fluxd_faults::check_nothing_false(box, "spool full", outbox);
  BOOST_TEST(box.file_places()["AAA999/01-ubl-valmont-accepted.xml"].contains("work"));
  BOOST_TEST(box.count("SELECT count(*) FROM invoices") == 0);
  fs::remove(filler);

  // 3. AAA999's reports folder is full: the flow's outcome commits and its invoice is
  // delivered, but without its report it is not handed off: it stays in work/.
  filler = fluxd_faults::fill_up(box.data / "reports" / "AAA999");
  run = box.fluxd("batch");
  BOOST_TEST(run.exit_code == 2, run.out);
  BOOST_TEST(contains(run.out, "/reports/AAA999/"), run.out);
  BOOST_TEST(contains(run.out, "No space left on device"), run.out);
  fluxd_faults::check_nothing_false(box, "reports full", outbox);
  BOOST_TEST(box.file_places()["AAA999/01-ubl-valmont-accepted.xml"].contains("work"));
  BOOST_TEST(box.text("SELECT status FROM flows WHERE file_name = "
                      "'01-ubl-valmont-accepted.xml'") == "IN_INTEGRE");
  BOOST_TEST(!fs::exists(box.data / "reports" / "AAA999" / "CR-0000000001.json"));
  fs::remove(filler);

  // 4. The outbox is full: every flow is integrated, the deliveries wait (DEPOSEE), retried by
  // each run, and not a single invoice file is in the outbox.
  filler = fluxd_faults::fill_up(outbox);
  for (int round = 1; round <= 2; ++round) {
    run = box.fluxd("batch");
    BOOST_TEST(run.exit_code == 0, run.out);  // a delivery failure is no operational failure
    fluxd_faults::check_nothing_false(box, "outbox full, run " + std::to_string(round), outbox);
    const auto waiting =
        box.sql("SELECT attempts, last_error FROM deliveries WHERE state = 'pending'");
    BOOST_TEST(waiting.size() == 2u);  // 01 went out in step 3; 02 and ERP042/01 wait
    for (const auto& w : waiting) {
      BOOST_TEST(std::stoi(w[0]) == round);
      BOOST_TEST(w[1].starts_with("DELIVERY-DIR-WRITE: "), w[1]);
      BOOST_TEST(contains(w[1], "No space left on device"), w[1]);
    }
  }
  BOOST_TEST(box.file_places()["AAA999/01-ubl-valmont-accepted.xml"].contains("done"));
  for (const auto& f : fluxd_faults::files_under(outbox))
    if (f.filename().string().ends_with(".xml"))
      BOOST_TEST(contains(f.string(), kValmont), f << " delivered while the outbox was full");
  fs::remove(filler);

  // Space is back everywhere: the next run delivers what waited.
  run = box.fluxd("batch");
  BOOST_TEST_REQUIRE(run.exit_code == 0, run.out);
  fluxd_faults::check_recovered(box, clean, outbox);
  check_lifecycle_messages(box);
}

// A daemon whose disk fills up (RLIMIT_FSIZE on the running process): the flow whose spooling
// fails stays in work/, and once the limit is lifted — while it keeps running — the daemon
// goes on with the next flows. The failed flow is resumed by the next run.
BOOST_AUTO_TEST_CASE(the_running_daemon_goes_on_once_the_disk_has_room_again) {
  FaultBox box("faults-daemon-disk");
  box.configure(std::string(kDaemonTable) + kFastRetries);
  // 1 MiB, soft only: room for the store, not for a 3 MiB invoice; liftable from outside.
  Daemon daemon(box, {"/bin/bash", "-c", "trap '' XFSZ; ulimit -S -f 1024; exec \"$0\" \"$@\""});
  box.drop("AAA999", "16-ubl-valmont-large.xml", large_invoice(3));
  BOOST_REQUIRE_MESSAGE(
      fluxd_test::wait_until([&] { return contains(daemon.text(), "flow.record-failed"); }, 30s),
      daemon.text());
  BOOST_TEST(contains(daemon.text(), "File too large"), daemon.text());
  fluxd_faults::check_nothing_false(box, "daemon, disk full", box.data / "outbox");
  BOOST_TEST(box.file_places()["AAA999/16-ubl-valmont-large.xml"].contains("work"));

  // The operator makes room: the running daemon gets its limit lifted.
  const rlimit unlimited{RLIM_INFINITY, RLIM_INFINITY};
  BOOST_TEST_REQUIRE(::prlimit(daemon.process->pid(), RLIMIT_FSIZE, &unlimited, nullptr) == 0);
  box.drop("AAA999", "17-cii-brenac-urgences.xml",
           fluxd_test::slurp(kFlows / "AAA999" / "02-cii-brenac-urgences-accepted.xml"));
  BOOST_REQUIRE_MESSAGE(
      fluxd_test::wait_until(
          [&] { return box.file_places()["AAA999/17-cii-brenac-urgences.xml"].contains("done"); },
          30s),
      daemon.text());
  BOOST_TEST(box.text("SELECT i.status FROM invoices i JOIN flows f ON f.number = i.flow_number "
                      "WHERE f.file_name = '17-cii-brenac-urgences.xml'") == "MISE_A_DISPOSITION");
  BOOST_TEST(daemon.stop() == 0);

  // The next run resumes the flow the full disk had parked in work/.
  const auto clean = fluxd_faults::clean_outcomes(box);
  auto run = box.fluxd("batch");
  BOOST_TEST_REQUIRE(run.exit_code == 0, run.out);
  fluxd_faults::check_recovered(box, clean, box.data / "outbox");
}

// As root chmod stops nobody: fluxd runs as an unprivileged user (nobody) on a data root it
// owns. One recipient's outbox folder is read-only: its invoices wait, retried by each run,
// while the other recipients get theirs; one partner's done/ folder is read-only: its flows
// stay in work/ with their outcome committed. Once writable again, the next run finishes.
BOOST_AUTO_TEST_CASE(a_read_only_outbox_and_hand_off_folder_leave_the_work_pending) {
  const bool root = ::geteuid() == 0;
  if (root && ::access("/usr/bin/setpriv", X_OK) != 0) {
    BOOST_TEST_MESSAGE("no setpriv to drop root: skipped");
    return;
  }
  FaultBox box("faults-readonly");
  box.configure(kFastRetries);
  box.drop_samples({"AAA999/01-ubl-valmont-accepted.xml",
                    "AAA999/02-cii-brenac-urgences-accepted.xml",
                    "AAA999/09-ubl-public-supplier-valmont-ecoles-accepted.xml",
                    "ERP042/10-ubl-hautvallon-voirie-accepted.xml"});
  const auto clean = fluxd_faults::clean_outcomes(box);
  const fs::path outbox = box.data / "outbox";
  const fs::path locked_outbox = outbox / kValmont;
  const fs::path locked_done = box.data / "done" / "ERP042";
  fs::create_directories(locked_outbox);
  fs::create_directories(locked_done);
  const std::string as_user =
      root ? "setpriv --reuid=65534 --regid=65534 --clear-groups -- " : std::string();
  if (root)
    BOOST_TEST_REQUIRE(
        fluxd_test::run("chown -R 65534:65534 " + fluxd_test::quote(box.data)).exit_code == 0);
  fs::permissions(locked_outbox, fs::perms::owner_write, fs::perm_options::remove);
  fs::permissions(locked_done, fs::perms::owner_write, fs::perm_options::remove);

  for (int round = 1; round <= 2; ++round) {
    auto run = box.fluxd("batch", as_user);
    BOOST_TEST(run.exit_code == (round == 1 ? 2 : 0), run.out);
    if (round == 1) {
      BOOST_TEST(contains(run.out, "IO-RENAME"), run.out);  // the hand-off into done/ERP042
      BOOST_TEST(contains(run.out, "Permission denied"), run.out);
    }
    fluxd_faults::check_nothing_false(box, "read-only, run " + std::to_string(round), outbox);
    const auto waiting =
        box.sql("SELECT recipient, attempts, last_error FROM deliveries WHERE state = 'pending'");
    BOOST_TEST(waiting.size() == 2u);  // Valmont's two invoices
    for (const auto& w : waiting) {
      BOOST_TEST(w[0] == kValmont);
      BOOST_TEST(std::stoi(w[1]) == round);
      BOOST_TEST(w[2].starts_with("DELIVERY-DIR-WRITE: "), w[2]);
      BOOST_TEST(contains(w[2], "Permission denied"), w[2]);
    }
    BOOST_TEST(fluxd_faults::files_under(locked_outbox).empty());
    BOOST_TEST(box.count("SELECT count(*) FROM deliveries WHERE state = 'delivered'") == 2);
    // ERP042/10 is integrated and delivered; while done/ERP042 is read-only it is not handed
    // off but stays in work/, and the next run hands it off.
    BOOST_TEST(box.text("SELECT status FROM flows WHERE partner = 'ERP042'") == "IN_INTEGRE");
    BOOST_TEST(box.file_places()["ERP042/10-ubl-hautvallon-voirie-accepted.xml"].contains(
        round == 1 ? "work" : "done"));
    if (round == 1) fs::permissions(locked_done, fs::perms::owner_write, fs::perm_options::add);
  }
  fs::permissions(locked_outbox, fs::perms::owner_write, fs::perm_options::add);
  auto run = box.fluxd("batch", as_user);
  BOOST_TEST_REQUIRE(run.exit_code == 0, run.out);
  fluxd_faults::check_recovered(box, clean, outbox);
}

// The HTTP endpoint answers 500 while `fluxd run` is up: the invoice waits (DEPOSEE), retried
// every round with the same Idempotency-Key; once the endpoint answers 200 the running daemon
// delivers it, once, and never again.
BOOST_AUTO_TEST_CASE(http_500_is_retried_by_the_running_daemon_and_delivered_once) {
  fluxd_faults::SwitchableHttpServer server;
  server.set_mode("500");
  FaultBox box("faults-http500");
  box.configure(std::string(kDaemonTable) + kFastRetries +
                "max_attempts = 1000\n[[channels]]\nname = 'http-brenac'\nkind = 'http'\nurl = '" +
                server.url("/factures") + "'\ntimeout_ms = 5000\n[[routes]]\nstructure = '" +
                kBrenac + "'\nchannel = 'http-brenac'\n");
  box.drop_samples(
      {"AAA999/01-ubl-valmont-accepted.xml", "AAA999/02-cii-brenac-urgences-accepted.xml"});
  const auto clean = fluxd_faults::clean_outcomes(box);
  Daemon daemon(box);
  const std::string attempts =
      "SELECT coalesce(max(attempts), 0) FROM deliveries WHERE channel = "
      "'http-brenac'";
  BOOST_REQUIRE_MESSAGE(
      fluxd_test::wait_until([&] { return fs::exists(box.store()) && box.count(attempts) >= 3; },
                             60s),
      daemon.text());
  fluxd_faults::check_nothing_false(box, "HTTP 500", box.data / "outbox");
  const auto row = box.sql(
      "SELECT d.state, d.last_error, i.status FROM deliveries d JOIN "
      "invoices i ON i.id = d.invoice_id WHERE d.channel = 'http-brenac'");
  BOOST_TEST_REQUIRE(row.size() == 1u);
  BOOST_TEST(row[0][0] == "pending");
  BOOST_TEST(row[0][1].starts_with("DELIVERY-HTTP-500: "), row[0][1]);
  BOOST_TEST(row[0][2] == "DEPOSEE");

  server.set_mode("ok");
  BOOST_REQUIRE_MESSAGE(fluxd_test::wait_until(
                            [&] {
                              return box.count(
                                         "SELECT count(*) FROM deliveries WHERE state = "
                                         "'delivered'") == 2;
                            },
                            60s),
                        daemon.text());
  BOOST_TEST(daemon.stop() == 0);
  auto run = box.fluxd("batch");  // a later run has nothing left to send
  BOOST_TEST_REQUIRE(run.exit_code == 0, run.out);
  fluxd_faults::check_recovered(box, clean, box.data / "outbox");

  const auto requests = server.requests();
  std::set<std::string> keys;
  int answered_200 = 0;
  for (const auto& r : requests) {
    keys.insert(r["key"].get<std::string>());
    if (r["mode"] == "ok") {
      ++answered_200;
      BOOST_TEST(r["body"].get<std::string>() ==
                 box.dropped.at("AAA999/02-cii-brenac-urgences-accepted.xml"));
    }
  }
  BOOST_TEST(requests.size() >= 4u);
  BOOST_TEST(keys.size() == 1u);  // every try, one key
  BOOST_TEST(answered_200 == 1);  // delivered exactly once
  BOOST_TEST(box.text("SELECT delivered_to FROM invoices WHERE status = 'MISE_A_DISPOSITION' AND "
                      "recipient_id = '" +
                      std::string(kBrenac) + "'") == server.url("/factures"));
}

// The HTTP endpoint takes the request and never answers: the attempt ends at the channel's
// timeout_ms with DELIVERY-HTTP-TIMEOUT, is never taken for a delivery, and is retried by the
// next runs with the same Idempotency-Key until the endpoint answers.
BOOST_AUTO_TEST_CASE(an_http_endpoint_that_never_answers_times_out_and_is_retried) {
  fluxd_faults::SwitchableHttpServer server;
  server.set_mode("hang");
  FaultBox box("faults-http-hang");
  box.configure(std::string(kFastRetries) +
                "[[channels]]\nname = 'http-brenac'\nkind = 'http'\nurl = '" +
                server.url("/factures") + "'\ntimeout_ms = 1000\n[[routes]]\nstructure = '" +
                kBrenac + "'\nchannel = 'http-brenac'\n");
  box.drop_samples({"AAA999/02-cii-brenac-urgences-accepted.xml"});
  const auto clean = fluxd_faults::clean_outcomes(box);

  for (int round = 1; round <= 2; ++round) {
    auto run = box.fluxd("batch");
    BOOST_TEST(run.exit_code == 0, run.out);
    BOOST_TEST(contains(run.out, "DELIVERY-HTTP-TIMEOUT"), run.out);
    fluxd_faults::check_nothing_false(box, "HTTP hang, run " + std::to_string(round));
    const auto row = box.sql(
        "SELECT d.state, d.attempts, d.last_error, i.status FROM deliveries "
        "d JOIN invoices i ON i.id = d.invoice_id");
    BOOST_TEST_REQUIRE(row.size() == 1u);
    BOOST_TEST(row[0][0] == "pending");
    BOOST_TEST(std::stoi(row[0][1]) == round);
    BOOST_TEST(row[0][2].starts_with("DELIVERY-HTTP-TIMEOUT: "), row[0][2]);
    BOOST_TEST(row[0][3] == "DEPOSEE");
    BOOST_TEST(server.requests().size() == static_cast<std::size_t>(round));  // it got there
  }

  server.set_mode("ok");
  auto run = box.fluxd("batch");
  BOOST_TEST_REQUIRE(run.exit_code == 0, run.out);
  run = box.fluxd("batch");  // nothing more to send
  BOOST_TEST_REQUIRE(run.exit_code == 0, run.out);
  fluxd_faults::check_recovered(box, clean);
  const auto requests = server.requests();
  BOOST_TEST_REQUIRE(requests.size() == 3u);
  for (const auto& r : requests) BOOST_TEST(r["key"] == requests[0]["key"]);
  BOOST_TEST(requests[2]["mode"] == "ok");
  BOOST_TEST(requests[2]["body"].get<std::string>() ==
             box.dropped.at("AAA999/02-cii-brenac-urgences-accepted.xml"));
}

// Another process holds the store's write lock (BEGIN EXCLUSIVE) longer than fluxd's busy
// timeout: `batch` fails cleanly (exit 2, coded message), the flow it had claimed stays in
// work/ — also when the next run tries to resume it under the same lock — and once the lock
// is released a run processes every flow exactly once.
BOOST_AUTO_TEST_CASE(a_store_locked_by_another_process_fails_the_run_and_loses_nothing) {
  FaultBox box("faults-busy");
  box.configure(kFastRetries);
  auto run = box.fluxd("batch");  // the store exists
  BOOST_TEST_REQUIRE(run.exit_code == 0, run.out);
  box.drop_samples(
      {"AAA999/01-ubl-valmont-accepted.xml", "AAA999/02-cii-brenac-urgences-accepted.xml"});
  const auto clean = fluxd_faults::clean_outcomes(box);

  const fs::path locked = box.root / "locked", release = box.root / "release";
  std::ofstream(box.root / "lock.py") << "import os, sqlite3, sys, time\n"
                                         "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                                         "db.execute('BEGIN EXCLUSIVE')\n"
                                         "open(sys.argv[2], 'w').close()\n"
                                         "while not os.path.exists(sys.argv[3]):\n"
                                         "    time.sleep(0.05)\n"
                                         "db.execute('ROLLBACK')\n";
  auto holder = std::make_unique<fluxd_test::ChildProcess>(
      std::vector<std::string>{"/usr/bin/python3", (box.root / "lock.py").string(),
                               box.store_file.string(), locked.string(), release.string()},
      box.root / "lock.log");
  BOOST_REQUIRE_MESSAGE(fluxd_test::wait_until([&] { return fs::exists(locked); }, 20s),
                        fluxd_test::slurp(box.root / "lock.log"));

  for (int round = 1; round <= 2; ++round) {
    run = box.fluxd("batch");
    BOOST_TEST(run.exit_code == 2, run.out);
    BOOST_TEST(contains(run.out, "fluxd: BATCH-FAILED: "), run.out);
    BOOST_TEST(contains(run.out, "database is locked"), run.out);
    fluxd_faults::check_nothing_false(box, "store locked, run " + std::to_string(round));
    BOOST_TEST(box.count("SELECT count(*) FROM flows") == 0);
    const auto places = box.file_places();
    BOOST_TEST(places.at("AAA999/01-ubl-valmont-accepted.xml").contains("work"));
    BOOST_TEST(places.at("AAA999/02-cii-brenac-urgences-accepted.xml").contains("inbox"));
  }

  std::ofstream(release).close();
  BOOST_REQUIRE(fluxd_test::wait_until([&] { return !holder->running(); }, 20s));
  run = box.fluxd("batch");
  BOOST_TEST_REQUIRE(run.exit_code == 0, run.out);
  fluxd_faults::check_recovered(box, clean, box.data / "outbox");
  BOOST_TEST(box.count("SELECT count(*) FROM flows") == 2);
}

BOOST_AUTO_TEST_SUITE_END()

// An SFTP server that refuses the configured key: the failure is permanent (no retry can make
// the server accept it), so the invoice is a dead letter at once, DELIVERY-SFTP-AUTH, nothing
// on the server, and later runs leave it dead. The operator fixes the key and replays the
// invoice: delivered once; a second replay is refused.
BOOST_AUTO_TEST_SUITE(faults_sftp, *boost::unit_test::fixture<fluxd_test::SshdSuite>())

BOOST_AUTO_TEST_CASE(a_refused_key_is_a_dead_letter_until_the_operator_fixes_and_replays) {
  auto& sshd = fluxd_test::SshdSuite::server();
  FaultBox box("faults-sftp");
  const fs::path remote = box.root / "remote";
  auto channel = [&](const fs::path& key) {
    return std::string(kFastRetries) +
           "[[channels]]\nname = 'sftp-valmont'\nkind = 'sftp'\nurl = '" + sshd.url(remote) +
           "'\nuser = '" + sshd.user() + "'\nprivate_key = '" + key.string() +
           "'\nhost_key_sha256 = '" + sshd.host_key_sha256() +
           "'\ntimeout_ms = 5000\n[[routes]]\nstructure = '" + kValmont +
           "'\nchannel = 'sftp-valmont'\n";
  };
  box.configure(channel(sshd.other_key()));
  box.drop_samples(
      {"AAA999/01-ubl-valmont-accepted.xml", "AAA999/02-cii-brenac-urgences-accepted.xml"});
  const auto clean = fluxd_faults::clean_outcomes(box);

  for (int round = 1; round <= 2; ++round) {
    auto run = box.fluxd("batch");
    BOOST_TEST(run.exit_code == 0, run.out);
    fluxd_faults::check_nothing_false(box, "key refused, run " + std::to_string(round),
                                      box.data / "outbox");
    const auto dead = box.sql(
        "SELECT d.invoice_id, d.attempts, d.last_error, i.status FROM "
        "deliveries d JOIN invoices i ON i.id = d.invoice_id WHERE d.state "
        "= 'dead'");
    BOOST_TEST_REQUIRE(dead.size() == 1u);
    BOOST_TEST(dead[0][1] == "1");  // permanent: dead at the first failure, not tried again
    BOOST_TEST(dead[0][2].starts_with("DELIVERY-SFTP-AUTH: "), dead[0][2]);
    BOOST_TEST(dead[0][3] == "DEPOSEE");
    BOOST_TEST(fluxd_faults::files_under(remote).empty());
  }
  const std::string id = box.text("SELECT invoice_id FROM deliveries WHERE state = 'dead'");

  // The key is fixed: a run alone does not revive a dead letter; the operator's replay does.
  box.configure(channel(sshd.user_key()));
  auto run = box.fluxd("batch");
  BOOST_TEST(run.exit_code == 0, run.out);
  BOOST_TEST(box.text("SELECT state FROM deliveries WHERE invoice_id = " + id) == "dead");
  run = box.fluxd("suivi replay --invoice " + id + " --json");
  BOOST_TEST_REQUIRE(run.exit_code == 0, run.out);
  BOOST_TEST(box.text("SELECT state FROM deliveries WHERE invoice_id = " + id) == "delivered");
  run = box.fluxd("suivi replay --invoice " + id);
  BOOST_TEST(run.exit_code == 1, run.out);
  BOOST_TEST(contains(run.out, "LC-DELIVERY-DONE"), run.out);
  run = box.fluxd("batch");
  BOOST_TEST(run.exit_code == 0, run.out);
  fluxd_faults::check_recovered(box, clean, box.data / "outbox");

  // On the server: the invoice and its sidecar, once, nothing half-uploaded.
  std::set<std::string> names;
  for (const auto& f : fluxd_faults::files_under(remote)) names.insert(f.filename().string());
  BOOST_TEST(names.size() == 2u);
  for (const auto& name : names) BOOST_TEST(!name.starts_with("."), name);
  const auto invoice = remote / kValmont / "_" / "81247730500013__GB-2026-0412__2026.xml";
  BOOST_TEST_REQUIRE(fs::exists(invoice));
  BOOST_TEST(fluxd_test::slurp(invoice) == box.dropped.at("AAA999/01-ubl-valmont-accepted.xml"));
}

BOOST_AUTO_TEST_SUITE_END()
