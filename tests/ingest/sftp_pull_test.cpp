// SFTP pull against a real OpenSSH server on 127.0.0.1 (tests/route/sshd_fixture.h). sshd runs
// as the current user, so a remote folder is a local folder under the server's scratch dir.
#include "ingest/sftp_pull.h"

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "route/sshd_fixture.h"
#include "test_support.h"

namespace fs = std::filesystem;
using fluxd_test::slurp;
using fluxd_test::SshdSuite;
using ingest::SftpPuller;
using ingest::SftpSource;
using ingest_test::TempDir;
using ingest_test::write_file;

namespace {

// A fresh, existing remote folder per test.
fs::path remote_folder() {
  static int n = 0;
  const fs::path folder = SshdSuite::server().dir() / ("pull-" + std::to_string(++n));
  fs::create_directories(folder);
  return folder;
}

SftpSource source_for(const fs::path& folder) {
  const auto& server = SshdSuite::server();
  SftpSource source;
  source.url = server.url(folder) + "/";
  source.user = server.user();
  source.private_key = server.user_key();
  source.host_key_sha256 = server.host_key_sha256();
  source.timeout_ms = 10000;
  return source;
}

SftpPuller puller_for(const SftpSource& source, SftpPuller::TestHooks hooks = {}) {
  auto puller = ingest::make_sftp_puller(source);
  if (!puller) BOOST_FAIL(puller.error().code << ": " << puller.error().message);
  puller->set_test_hooks(std::move(hooks));
  return std::move(*puller);
}

std::string problems_of(const ingest::PullReport& report) {
  std::string out;
  for (const auto& problem : report.problems) out += problem + " | ";
  return out;
}

using Names = std::vector<std::string>;

// Local side of a test: the partner's inbox and the puller's state folder.
struct Local {
  TempDir root;
  fs::path inbox = root / "inbox";
  fs::path state = root / "state";
};

// Bytes that survive only a byte-exact copy: several chunks, a NUL, non-UTF-8.
std::string flow_bytes(const std::string& id) {
  std::string bytes = "<?xml version=\"1.0\"?>\n<Invoice id=\"" + id + "\">";
  for (int i = 0; i < 20000; ++i) bytes += "line " + std::to_string(i) + "\n";
  bytes += std::string("\0\xff\xfe", 3) + "</Invoice>\n";
  return bytes;
}

// The pin of another key (the user key's), well-formed, so only the comparison refuses it.
std::string wrong_pin() {
  const auto& server = SshdSuite::server();
  const fs::path out = server.dir() / "pull-wrong-fingerprint.txt";
  fs::remove(out);
  BOOST_TEST_REQUIRE(fluxd_test::run_program({"ssh-keygen", "-l", "-E", "sha256", "-f",
                                              (server.dir() / "user_key.pub").string()},
                                             out) == 0);
  const std::string line = slurp(out);
  const auto start = line.find("SHA256:");
  BOOST_TEST_REQUIRE(start != std::string::npos);
  return line.substr(start, line.find(' ', start) - start);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sftp_pull, *boost::unit_test::fixture<SshdSuite>())

BOOST_AUTO_TEST_CASE(a_stable_file_is_pulled_on_the_second_poll_byte_identical_and_removed) {
  const fs::path remote = remote_folder();
  Local local;
  // Names that need URL encoding: a space, '%', '#'.
  const std::string name = "facture 1%20#.xml";
  const std::string bytes = flow_bytes("1");
  write_file(remote / name, bytes);
  auto puller = puller_for(source_for(remote));

  const auto first = puller.pull(local.inbox, local.state);
  BOOST_TEST(first.problems.empty(), problems_of(first));
  BOOST_TEST(first.taken.empty());
  BOOST_TEST(first.waiting_unstable == 1);
  BOOST_TEST(fs::exists(remote / name));  // first sighting only records it
  BOOST_TEST(fluxd_test::names_in(local.inbox).empty());

  const auto second = puller.pull(local.inbox, local.state);
  BOOST_TEST(second.problems.empty(), problems_of(second));
  BOOST_TEST(second.taken == Names{name}, boost::test_tools::per_element());
  BOOST_TEST(second.waiting_unstable == 0);
  BOOST_TEST(slurp(local.inbox / name) == bytes);
  BOOST_TEST(!fs::exists(remote / name));
  // No temporary file left beside it, and no ledger entry once the remote file is gone.
  BOOST_TEST(fluxd_test::names_in(local.inbox) == std::set<std::string>{name},
             boost::test_tools::per_element());
  BOOST_TEST(fluxd_test::names_in(local.state).empty());

  const auto third = puller.pull(local.inbox, local.state);
  BOOST_TEST(third.problems.empty(), problems_of(third));
  BOOST_TEST(third.taken.empty());
}

BOOST_AUTO_TEST_CASE(a_file_that_grew_between_polls_is_not_taken) {
  const fs::path remote = remote_folder();
  Local local;
  write_file(remote / "batch.xml", "<Invoice>part one");
  auto puller = puller_for(source_for(remote));
  BOOST_TEST(puller.pull(local.inbox, local.state).taken.empty());

  std::ofstream(remote / "batch.xml", std::ios::app) << " and part two</Invoice>";
  const auto second = puller.pull(local.inbox, local.state);
  BOOST_TEST(second.problems.empty(), problems_of(second));
  BOOST_TEST(second.taken.empty());
  BOOST_TEST(second.waiting_unstable == 1);
  BOOST_TEST(fs::exists(remote / "batch.xml"));
  BOOST_TEST(fluxd_test::names_in(local.inbox).empty());

  const auto third = puller.pull(local.inbox, local.state);
  BOOST_TEST(third.taken == Names{"batch.xml"}, boost::test_tools::per_element());
  BOOST_TEST(slurp(local.inbox / "batch.xml") == "<Invoice>part one and part two</Invoice>");
}

BOOST_AUTO_TEST_CASE(a_file_rewritten_with_the_same_size_is_not_taken) {
  const fs::path remote = remote_folder();
  Local local;
  write_file(remote / "a.xml", "<Invoice>AAAA</Invoice>");
  auto puller = puller_for(source_for(remote));
  BOOST_TEST(puller.pull(local.inbox, local.state).taken.empty());

  // Same size, other bytes, another modification time: still being written.
  const auto mtime = fs::last_write_time(remote / "a.xml");
  write_file(remote / "a.xml", "<Invoice>BBBB</Invoice>");
  fs::last_write_time(remote / "a.xml", mtime + std::chrono::seconds(10));
  const auto second = puller.pull(local.inbox, local.state);
  BOOST_TEST(second.problems.empty(), problems_of(second));
  BOOST_TEST(second.taken.empty());
  BOOST_TEST(second.waiting_unstable == 1);

  const auto third = puller.pull(local.inbox, local.state);
  BOOST_TEST(third.taken == Names{"a.xml"}, boost::test_tools::per_element());
  BOOST_TEST(slurp(local.inbox / "a.xml") == "<Invoice>BBBB</Invoice>");
}

BOOST_AUTO_TEST_CASE(move_mode_puts_the_file_in_move_to_without_replacing_an_earlier_one) {
  const fs::path remote = remote_folder();
  const fs::path done = remote.parent_path() / (remote.filename().string() + "-done");
  Local local;
  auto source = source_for(remote);
  source.after = SftpSource::After::move;
  source.move_to = done.string() + "/";
  auto puller = puller_for(source);

  write_file(remote / "a.xml", "first");
  (void)puller.pull(local.inbox, local.state);
  const auto first = puller.pull(local.inbox, local.state);
  BOOST_TEST(first.problems.empty(), problems_of(first));
  BOOST_TEST(first.taken == Names{"a.xml"}, boost::test_tools::per_element());
  BOOST_TEST(!fs::exists(remote / "a.xml"));
  BOOST_TEST(slurp(done / "a.xml") == "first");  // move_to was created

  // The partner sends the same name again: both copies are kept, on each side.
  write_file(remote / "a.xml", "second");
  (void)puller.pull(local.inbox, local.state);
  const auto second = puller.pull(local.inbox, local.state);
  BOOST_TEST(second.problems.empty(), problems_of(second));
  BOOST_TEST(second.taken == Names{"a-2.xml"}, boost::test_tools::per_element());
  BOOST_TEST(slurp(done / "a.xml") == "first");
  BOOST_TEST(slurp(done / "a-2.xml") == "second");
  BOOST_TEST(slurp(local.inbox / "a.xml") == "first");
  BOOST_TEST(slurp(local.inbox / "a-2.xml") == "second");
  BOOST_TEST(fluxd_test::names_in(remote).empty());
}

BOOST_AUTO_TEST_CASE(hidden_temporary_and_non_regular_names_are_never_pulled) {
  const fs::path remote = remote_folder();
  Local local;
  const std::set<std::string> refused{".hidden.xml",     "b.xml.part",    "b.xml.tmp",
                                      "b.xml.filepart",  "b.xml.writing", "B.XML.PART",
                                      ".a.xml.1234.pull"};
  for (const auto& name : refused) write_file(remote / name, "<Invoice/>");
  fs::create_directory(remote / "folder.xml");
  write_file(remote / "folder.xml" / "inside.xml", "<Invoice/>");
  write_file(remote.parent_path() / (remote.filename().string() + "-target.xml"), "<Invoice/>");
  fs::create_symlink(remote.parent_path() / (remote.filename().string() + "-target.xml"),
                     remote / "link.xml");
  write_file(remote / "ok.xml", "<Invoice/>");
  auto puller = puller_for(source_for(remote));

  std::vector<std::string> taken;
  for (int poll = 0; poll < 3; ++poll) {
    const auto report = puller.pull(local.inbox, local.state);
    BOOST_TEST(report.problems.empty(), problems_of(report));
    taken.insert(taken.end(), report.taken.begin(), report.taken.end());
  }
  BOOST_TEST(taken == Names{"ok.xml"}, boost::test_tools::per_element());
  BOOST_TEST(fluxd_test::names_in(local.inbox) == std::set<std::string>{"ok.xml"},
             boost::test_tools::per_element());
  auto left = refused;
  left.insert({"folder.xml", "link.xml"});
  BOOST_TEST(fluxd_test::names_in(remote) == left, boost::test_tools::per_element());
  BOOST_TEST(fs::exists(remote / "folder.xml" / "inside.xml"));
}

BOOST_AUTO_TEST_CASE(a_wrong_host_key_pin_is_refused_and_nothing_is_touched) {
  const fs::path remote = remote_folder();
  Local local;
  write_file(remote / "a.xml", "<Invoice/>");
  auto source = source_for(remote);
  source.host_key_sha256 = wrong_pin();
  BOOST_TEST_REQUIRE(source.host_key_sha256 != "SHA256:" + SshdSuite::server().host_key_sha256());
  auto puller = puller_for(source);
  for (int poll = 0; poll < 2; ++poll) {
    const auto report = puller.pull(local.inbox, local.state);
    BOOST_TEST_REQUIRE(report.problems.size() == 1u, problems_of(report));
    BOOST_TEST(report.problems[0].starts_with("SFTP-PULL-HOSTKEY: "), report.problems[0]);
    BOOST_TEST(report.taken.empty());
  }
  BOOST_TEST(fluxd_test::names_in(local.inbox).empty());
  BOOST_TEST(fluxd_test::names_in(remote) == std::set<std::string>{"a.xml"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_key_the_server_does_not_know_is_auth) {
  const fs::path remote = remote_folder();
  Local local;
  write_file(remote / "a.xml", "<Invoice/>");
  auto source = source_for(remote);
  source.private_key = SshdSuite::server().other_key();
  auto puller = puller_for(source);
  for (int poll = 0; poll < 2; ++poll) {
    const auto report = puller.pull(local.inbox, local.state);
    BOOST_TEST_REQUIRE(report.problems.size() == 1u, problems_of(report));
    BOOST_TEST(report.problems[0].starts_with("SFTP-PULL-AUTH: "), report.problems[0]);
    // Never the key material.
    const std::string key = slurp(SshdSuite::server().other_key());
    BOOST_TEST(report.problems[0].find(key.substr(key.find('\n') + 1, 40)) == std::string::npos);
  }
  BOOST_TEST(fluxd_test::names_in(local.inbox).empty());
  BOOST_TEST(fs::exists(remote / "a.xml"));
}

BOOST_AUTO_TEST_CASE(a_refused_password_is_auth_and_never_shown) {
  // The test server accepts keys only, so the password is refused.
  const fs::path remote = remote_folder();
  Local local;
  write_file(remote / "a.xml", "<Invoice/>");
  auto source = source_for(remote);
  source.private_key.clear();
  source.password = "pw-Secret-42";
  auto puller = puller_for(source);
  const auto report = puller.pull(local.inbox, local.state);
  BOOST_TEST_REQUIRE(report.problems.size() == 1u, problems_of(report));
  BOOST_TEST(report.problems[0].starts_with("SFTP-PULL-AUTH: "), report.problems[0]);
  BOOST_TEST(report.problems[0].find("pw-Secret-42") == std::string::npos);
  BOOST_TEST(puller.describe().find("pw-Secret-42") == std::string::npos);
  BOOST_TEST(fs::exists(remote / "a.xml"));
}

BOOST_AUTO_TEST_CASE(a_closed_port_is_connect) {
  Local local;
  auto source = source_for(remote_folder());
  source.url = "sftp://127.0.0.1:" + std::to_string(fluxd_test::free_port()) + "/in/";
  auto puller = puller_for(source);
  const auto report = puller.pull(local.inbox, local.state);
  BOOST_TEST_REQUIRE(report.problems.size() == 1u, problems_of(report));
  BOOST_TEST(report.problems[0].starts_with("SFTP-PULL-CONNECT: "), report.problems[0]);
}

BOOST_AUTO_TEST_CASE(a_missing_remote_folder_is_path) {
  Local local;
  auto source = source_for(remote_folder() / "absent");
  auto puller = puller_for(source);
  const auto report = puller.pull(local.inbox, local.state);
  BOOST_TEST_REQUIRE(report.problems.size() == 1u, problems_of(report));
  BOOST_TEST(report.problems[0].starts_with("SFTP-PULL-PATH: "), report.problems[0]);
}

BOOST_AUTO_TEST_CASE(a_file_shrunk_during_the_download_fails_the_size_check_and_comes_later) {
  const fs::path remote = remote_folder();
  Local local;
  write_file(remote / "a.xml", "<Invoice>complete</Invoice>");
  SftpPuller::TestHooks hooks;
  hooks.before_download = [&](const std::string& name) {
    // Rewritten between the listing and the download (same name, fewer bytes).
    write_file(remote / name, "<Invoice>");
  };
  auto puller = puller_for(source_for(remote), hooks);
  BOOST_TEST(puller.pull(local.inbox, local.state).taken.empty());
  const auto second = puller.pull(local.inbox, local.state);
  BOOST_TEST_REQUIRE(second.problems.size() == 1u, problems_of(second));
  BOOST_TEST(second.problems[0].starts_with("SFTP-PULL-SIZE: "), second.problems[0]);
  BOOST_TEST(second.taken.empty());
  BOOST_TEST(fluxd_test::names_in(local.inbox).empty());  // the partial download is gone too
  BOOST_TEST(fluxd_test::names_in(local.state).empty());
  BOOST_TEST(fs::exists(remote / "a.xml"));

  // Once the file is stable again it is taken as it now is.
  puller.set_test_hooks({});
  BOOST_TEST(puller.pull(local.inbox, local.state).taken.empty());
  const auto fourth = puller.pull(local.inbox, local.state);
  BOOST_TEST(fourth.problems.empty(), problems_of(fourth));
  BOOST_TEST(fourth.taken == Names{"a.xml"}, boost::test_tools::per_element());
  BOOST_TEST(slurp(local.inbox / "a.xml") == "<Invoice>");
}

BOOST_AUTO_TEST_CASE(a_file_grown_during_the_download_fails_the_size_check) {
  const fs::path remote = remote_folder();
  Local local;
  write_file(remote / "a.xml", "<Invoice>");
  SftpPuller::TestHooks hooks;
  hooks.before_download = [&](const std::string& name) {
    std::ofstream(remote / name, std::ios::app) << "still being written";
  };
  auto puller = puller_for(source_for(remote), hooks);
  BOOST_TEST(puller.pull(local.inbox, local.state).taken.empty());
  const auto second = puller.pull(local.inbox, local.state);
  BOOST_TEST_REQUIRE(second.problems.size() == 1u, problems_of(second));
  BOOST_TEST(second.problems[0].starts_with("SFTP-PULL-SIZE: "), second.problems[0]);
  BOOST_TEST(second.taken.empty());
  BOOST_TEST(fluxd_test::names_in(local.inbox).empty());
  BOOST_TEST(fs::exists(remote / "a.xml"));
}

BOOST_AUTO_TEST_CASE(after_a_crash_before_the_remote_removal_the_next_puller_only_removes) {
  const fs::path remote = remote_folder();
  Local local;
  const std::string bytes = flow_bytes("crash");
  write_file(remote / "a.xml", bytes);
  {
    SftpPuller::TestHooks hooks;
    hooks.stop_after = SftpPuller::StopAfter::inbox;
    auto dying = puller_for(source_for(remote), hooks);
    (void)dying.pull(local.inbox, local.state);
    const auto report = dying.pull(local.inbox, local.state);
    BOOST_TEST(report.taken == Names{"a.xml"}, boost::test_tools::per_element());
  }
  BOOST_TEST_REQUIRE(fs::exists(remote / "a.xml"));  // the "crash" came before the removal
  BOOST_TEST_REQUIRE(fluxd_test::names_in(local.state).size() == 1u);

  // After the restart: the ledger says the file was taken, so it is removed at once, never
  // downloaded again — even by polls that would find it stable.
  auto restarted = puller_for(source_for(remote));
  const auto first = restarted.pull(local.inbox, local.state);
  BOOST_TEST(first.problems.empty(), problems_of(first));
  BOOST_TEST(first.taken.empty());
  BOOST_TEST(first.finished == 1);
  BOOST_TEST(!fs::exists(remote / "a.xml"));
  BOOST_TEST(fluxd_test::names_in(local.state).empty());
  const auto second = restarted.pull(local.inbox, local.state);
  BOOST_TEST(second.taken.empty());
  BOOST_TEST(fluxd_test::names_in(local.inbox) == std::set<std::string>{"a.xml"},
             boost::test_tools::per_element());
  BOOST_TEST(slurp(local.inbox / "a.xml") == bytes);
}

BOOST_AUTO_TEST_CASE(
    after_a_crash_before_the_inbox_rename_the_download_is_published_not_refetched) {
  const fs::path remote = remote_folder();
  Local local;
  const std::string bytes = flow_bytes("ledger");
  write_file(remote / "a.xml", bytes);
  {
    SftpPuller::TestHooks hooks;
    hooks.stop_after = SftpPuller::StopAfter::ledger;
    auto dying = puller_for(source_for(remote), hooks);
    (void)dying.pull(local.inbox, local.state);
    BOOST_TEST(dying.pull(local.inbox, local.state).taken.empty());
  }
  // Only the hidden temporary file: nothing the intake would take yet.
  const auto before = fluxd_test::names_in(local.inbox);
  BOOST_TEST_REQUIRE(before.size() == 1u);
  BOOST_TEST(!ingest::is_flow_name(*before.begin()), *before.begin());
  BOOST_TEST(fs::exists(remote / "a.xml"));

  // The restarted puller has never seen the file, so only the ledger can make it act now.
  auto restarted = puller_for(source_for(remote));
  const auto report = restarted.pull(local.inbox, local.state);
  BOOST_TEST(report.problems.empty(), problems_of(report));
  BOOST_TEST(report.taken == Names{"a.xml"}, boost::test_tools::per_element());
  BOOST_TEST(report.finished == 1);
  BOOST_TEST(fluxd_test::names_in(local.inbox) == std::set<std::string>{"a.xml"},
             boost::test_tools::per_element());
  BOOST_TEST(slurp(local.inbox / "a.xml") == bytes);
  BOOST_TEST(!fs::exists(remote / "a.xml"));
  BOOST_TEST(fluxd_test::names_in(local.state).empty());
}

BOOST_AUTO_TEST_CASE(a_download_cut_short_leaves_nothing_and_is_fetched_again) {
  const fs::path remote = remote_folder();
  Local local;
  write_file(remote / "a.xml", "<Invoice/>");
  {
    SftpPuller::TestHooks hooks;
    hooks.stop_after = SftpPuller::StopAfter::download;
    auto dying = puller_for(source_for(remote), hooks);
    (void)dying.pull(local.inbox, local.state);
    (void)dying.pull(local.inbox, local.state);
  }
  BOOST_TEST_REQUIRE(fluxd_test::names_in(local.inbox).size() == 1u);  // the temporary download
  BOOST_TEST(fluxd_test::names_in(local.state).empty());               // no ledger entry: not taken

  auto restarted = puller_for(source_for(remote));
  const auto first = restarted.pull(local.inbox, local.state);
  BOOST_TEST(first.problems.empty(), problems_of(first));
  BOOST_TEST(first.taken.empty());
  BOOST_TEST(fluxd_test::names_in(local.inbox).empty());  // the stale temporary file is cleaned up
  BOOST_TEST(fs::exists(remote / "a.xml"));
  const auto second = restarted.pull(local.inbox, local.state);
  BOOST_TEST(second.taken == Names{"a.xml"}, boost::test_tools::per_element());
  BOOST_TEST(!fs::exists(remote / "a.xml"));
}

BOOST_AUTO_TEST_CASE(a_name_already_waiting_in_the_inbox_is_kept_and_the_pull_gets_a_variant) {
  const fs::path remote = remote_folder();
  Local local;
  fs::create_directories(local.inbox);
  write_file(local.inbox / "a.xml", "dropped locally");
  write_file(remote / "a.xml", "pulled");
  auto puller = puller_for(source_for(remote));
  (void)puller.pull(local.inbox, local.state);
  const auto report = puller.pull(local.inbox, local.state);
  BOOST_TEST(report.problems.empty(), problems_of(report));
  BOOST_TEST(report.taken == Names{"a-2.xml"}, boost::test_tools::per_element());
  BOOST_TEST(slurp(local.inbox / "a.xml") == "dropped locally");
  BOOST_TEST(slurp(local.inbox / "a-2.xml") == "pulled");
  BOOST_TEST(!fs::exists(remote / "a.xml"));
}

BOOST_AUTO_TEST_CASE(a_failed_move_keeps_the_file_taken_until_the_move_succeeds) {
  const fs::path remote = remote_folder();
  const fs::path done = remote.parent_path() / (remote.filename().string() + "-done");
  write_file(done, "a file where the folder should be");  // the move cannot succeed
  Local local;
  auto source = source_for(remote);
  source.after = SftpSource::After::move;
  source.move_to = done.string();
  write_file(remote / "a.xml", "<Invoice/>");
  auto puller = puller_for(source);

  (void)puller.pull(local.inbox, local.state);
  const auto taken = puller.pull(local.inbox, local.state);
  BOOST_TEST(taken.taken == Names{"a.xml"}, boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(taken.problems.size() == 1u, problems_of(taken));
  BOOST_TEST(taken.problems[0].starts_with("SFTP-PULL-MOVE: "), taken.problems[0]);
  BOOST_TEST(fs::exists(remote / "a.xml"));

  // Still on the server, stable, but taken: later polls (of a restarted puller too) retry the
  // move and never bring it into the inbox again.
  auto restarted = puller_for(source);
  for (int poll = 0; poll < 2; ++poll) {
    const auto report = restarted.pull(local.inbox, local.state);
    BOOST_TEST(report.taken.empty());
    BOOST_TEST_REQUIRE(report.problems.size() == 1u, problems_of(report));
    BOOST_TEST(report.problems[0].starts_with("SFTP-PULL-MOVE: "), report.problems[0]);
  }
  BOOST_TEST(fluxd_test::names_in(local.inbox) == std::set<std::string>{"a.xml"},
             boost::test_tools::per_element());

  fs::remove(done);  // the operator fixes the server
  const auto fixed = restarted.pull(local.inbox, local.state);
  BOOST_TEST(fixed.problems.empty(), problems_of(fixed));
  BOOST_TEST(fixed.finished == 1);
  BOOST_TEST(fixed.taken.empty());
  BOOST_TEST(fs::exists(done / "a.xml"));
  BOOST_TEST(!fs::exists(remote / "a.xml"));
  BOOST_TEST(fluxd_test::names_in(local.state).empty());
}

BOOST_AUTO_TEST_CASE(sources_are_checked_before_any_connection) {
  const auto& server = SshdSuite::server();
  const SftpSource good = source_for(server.dir() / "in");
  BOOST_TEST(ingest::check_sftp_source(good).ok());
  auto code_of = [](const SftpSource& source) {
    auto checked = ingest::check_sftp_source(source);
    auto made = ingest::make_sftp_puller(source);
    BOOST_TEST(!made.ok());
    return checked ? std::string("ok") : checked.error().code;
  };
  auto with = [&](auto change) {
    SftpSource source = good;
    change(source);
    return code_of(source);
  };
  BOOST_TEST(with([](SftpSource& s) { s.url = "http://127.0.0.1/in/"; }) == "SFTP-PULL-URL");
  BOOST_TEST(with([](SftpSource& s) { s.url = "127.0.0.1/in/"; }) == "SFTP-PULL-URL");
  BOOST_TEST(with([](SftpSource& s) { s.url = "sftp://127.0.0.1/"; }) == "SFTP-PULL-URL");
  BOOST_TEST(with([](SftpSource& s) { s.url = "sftp://127.0.0.1/~/in"; }) == "SFTP-PULL-URL");
  const std::string with_credentials =
      with([](SftpSource& s) { s.url = "sftp://bob:hunter2@127.0.0.1/in/"; });
  BOOST_TEST(with_credentials == "SFTP-PULL-URL");
  BOOST_TEST(ingest::check_sftp_source([&] {
               SftpSource s = good;
               s.url = "sftp://bob:hunter2@127.0.0.1/in/";
               return s;
             }())
                 .error()
                 .message.find("hunter2") == std::string::npos);
  BOOST_TEST(with([](SftpSource& s) { s.user.clear(); }) == "SFTP-PULL-USER");
  BOOST_TEST(with([](SftpSource& s) { s.private_key = "/nonexistent/key"; }) == "SFTP-PULL-KEY");
  BOOST_TEST(with([](SftpSource& s) { s.private_key.clear(); }) == "SFTP-PULL-KEY");
  BOOST_TEST(with([](SftpSource& s) { s.host_key_sha256.clear(); }) == "SFTP-PULL-HOSTKEY");
  BOOST_TEST(with([](SftpSource& s) { s.host_key_sha256 = "SHA256:tooshort"; }) ==
             "SFTP-PULL-HOSTKEY");
  BOOST_TEST(with([](SftpSource& s) { s.after = SftpSource::After::move; }) == "SFTP-PULL-MOVE-TO");
  BOOST_TEST(with([](SftpSource& s) {
               s.after = SftpSource::After::move;
               s.move_to = "done";
             }) == "SFTP-PULL-MOVE-TO");
  BOOST_TEST(with([&](SftpSource& s) {
               s.after = SftpSource::After::move;
               s.move_to = (server.dir() / "in").string() + "/";
             }) == "SFTP-PULL-MOVE-TO");
  BOOST_TEST(with([](SftpSource& s) { s.timeout_ms = 0; }) == "SFTP-PULL-TIMEOUT");

  // Accepted forms: the pin with its prefix and padding; a password instead of a key.
  SftpSource padded = good;
  padded.host_key_sha256 = "SHA256:" + server.host_key_sha256() + "=";
  BOOST_TEST(ingest::check_sftp_source(padded).ok());
  SftpSource password = good;
  password.private_key.clear();
  password.password = "secret";
  BOOST_TEST(ingest::check_sftp_source(password).ok());
}

BOOST_AUTO_TEST_SUITE_END()
