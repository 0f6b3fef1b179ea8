// Delivery channels against real servers: a directory, OpenSSH's sftp server, a Python HTTP(S)
// server (tests/route/http_sink.py).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cctype>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "route/channel.h"
#include "route/http_fixture.h"
#include "route/route.h"
#include "route/sshd_fixture.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using fluxd_test::HttpSink;
using fluxd_test::HttpSinkOptions;
using fluxd_test::ScratchDir;
using fluxd_test::SshdSuite;
using route::Outcome;

namespace {

const std::string kRecipient = "73282932000074";

route::Parcel make_parcel(const std::string& number = "F-001") {
  const std::string key = "12345678900011|" + number + "|2024";
  route::Parcel parcel;
  parcel.recipient = kRecipient;
  parcel.service = "ECOLES";
  parcel.file_name = route::routed_file_name(key);
  parcel.bytes = "<Invoice><ID>" + number + "</ID></Invoice>\n";
  parcel.metadata = {{"flow", "42"},        {"invoice_key", key}, {"recipient", kRecipient},
                     {"service", "ECOLES"}, {"engagement", ""},   {"cost_centre", "CC 7"}};
  parcel.idempotency_key = "fluxd-42-" + number;
  return parcel;
}

// The parcel with a PDF and an image, as a Factur-X or ZIP flow brings them.
route::Parcel with_attachments(route::Parcel parcel) {
  parcel.attachments = {{"facture.pdf", "%PDF-1.7 the invoice as a PDF\n"},
                        {"scan.png", std::string("\x89PNG\r\n\x1a\n a scan")}};
  return parcel;
}

// "<invoice stem>.<suffix>": how an attachment of the parcel is named on delivery.
std::string beside(const route::Parcel& parcel, const std::string& suffix) {
  const std::string& name = parcel.file_name;
  return name.substr(0, name.size() - 4) + "." + suffix;
}

// The parcel's four delivered files: two attachments, the sidecar, the invoice.
std::set<std::string> delivered_names(const route::Parcel& parcel) {
  return {beside(parcel, "facture.pdf"), beside(parcel, "scan.png"),
          route::sidecar_name(parcel.file_name), parcel.file_name};
}

route::ChannelConfig directory_config(const fs::path& root) {
  route::ChannelConfig config;
  config.name = "outbox-test";
  config.kind = route::ChannelConfig::Kind::directory;
  config.directory = root;
  return config;
}

std::unique_ptr<route::Channel> channel_for(const route::ChannelConfig& config) {
  auto made = route::make_channel(config);
  BOOST_TEST_REQUIRE(made.ok(), (made.ok() ? "" : made.error().code + ": " + made.error().message));
  return std::move(made.value());
}

std::string outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::delivered:
      return "delivered";
    case Outcome::retry:
      return "retry";
    case Outcome::permanent:
      return "permanent";
  }
  return "?";
}

// A TCP port that accepts connections (the kernel completes the handshake) but never says a
// word: what a hung server looks like to a client.
class SilentServer {
 public:
  SilentServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    BOOST_TEST_REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    BOOST_TEST_REQUIRE(::listen(fd_, 8) == 0);
    BOOST_TEST_REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    port_ = ntohs(address.sin_port);
  }
  ~SilentServer() { ::close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// What happens in a folder while it is watched (inotify), as "CREATE name", "MOVED_TO name",
// "MODIFY name", "DELETE name": shows how a server-side file came to be, not only its end state.
class FolderWatch {
 public:
  explicit FolderWatch(const fs::path& folder) {
    fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    BOOST_TEST_REQUIRE(fd_ >= 0);
    BOOST_TEST_REQUIRE(
        ::inotify_add_watch(fd_, folder.c_str(),
                            IN_CREATE | IN_MODIFY | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE) >= 0);
  }
  ~FolderWatch() { ::close(fd_); }

  // Events since the last call (the server has finished: deliver() returned after its reply).
  std::vector<std::string> events() {
    std::vector<std::string> out;
    alignas(inotify_event) char buffer[8192];
    ssize_t n;
    while ((n = ::read(fd_, buffer, sizeof buffer)) > 0) {
      for (char* at = buffer; at < buffer + n;) {
        const auto* event = reinterpret_cast<const inotify_event*>(at);
        const std::string name = event->len > 0 ? event->name : "";
        if (event->mask & IN_CREATE) out.push_back("CREATE " + name);
        if (event->mask & IN_MODIFY) out.push_back("MODIFY " + name);
        if (event->mask & IN_MOVED_FROM) out.push_back("MOVED_FROM " + name);
        if (event->mask & IN_MOVED_TO) out.push_back("MOVED_TO " + name);
        if (event->mask & IN_DELETE) out.push_back("DELETE " + name);
        at += sizeof(inotify_event) + event->len;
      }
    }
    // Consecutive writes of one upload: keep one MODIFY per run, the count depends on chunking.
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

 private:
  int fd_ = -1;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(channel_basics)

BOOST_AUTO_TEST_CASE(sidecar_json_keeps_field_order_and_leaves_out_empty_values) {
  auto parcel = make_parcel();
  const std::string text = route::sidecar_json(parcel);
  BOOST_TEST(text.ends_with("}\n"));
  const auto sidecar = nlohmann::ordered_json::parse(text);
  std::vector<std::string> fields;
  for (const auto& item : sidecar.items()) fields.push_back(item.key());
  const std::vector<std::string> expected{"flow", "invoice_key", "recipient", "service",
                                          "cost_centre"};
  BOOST_TEST(fields == expected, boost::test_tools::per_element());
  BOOST_TEST(sidecar.at("flow").get<std::string>() == "42");
  BOOST_TEST(sidecar.at("invoice_key").get<std::string>() == "12345678900011|F-001|2024");
  BOOST_TEST(!sidecar.contains("engagement"));  // empty value left out

  // Metadata comes from invoice content: invalid UTF-8 must not throw.
  parcel.metadata.push_back({"cost_centre2", std::string("bad \xff byte")});
  BOOST_CHECK_NO_THROW(nlohmann::json::parse(route::sidecar_json(parcel)).size());
}

BOOST_AUTO_TEST_CASE(sidecar_name_replaces_the_xml_suffix) {
  BOOST_TEST(route::sidecar_name("A__B__2024.xml") == "A__B__2024.meta.json");
}

BOOST_AUTO_TEST_CASE(attachments_are_named_after_the_invoice_with_safe_unique_names) {
  auto parcel = make_parcel();
  const std::string stem = parcel.file_name.substr(0, parcel.file_name.size() - 4);
  const std::string long_name = std::string(300, 'x') + ".pdf";
  for (const auto* name : {"facture.pdf", "../../etc/passwd", "a/b.pdf", "", ".", "..",
                           "FACTURE.PDF", "xml", "meta.json"}) {
    parcel.attachments.push_back({name, "bytes"});
  }
  parcel.attachments.push_back({long_name, "bytes"});
  const auto names = route::attachment_file_names(parcel);
  BOOST_TEST_REQUIRE(names.size() == parcel.attachments.size());
  BOOST_TEST(names[0] == stem + ".facture.pdf");
  BOOST_TEST(names[2] == stem + ".a_b.pdf");  // no folder part survives
  BOOST_TEST(names[3] == stem + ".attachment");
  BOOST_TEST(names[4] == stem + ".attachment-2");
  BOOST_TEST(names[5] == stem + ".attachment-3");
  BOOST_TEST(names[6] == stem + ".FACTURE-2.PDF");  // same as the first, ignoring case
  BOOST_TEST(names[7] == stem + ".xml-2");          // never the invoice's own name
  BOOST_TEST(names[8] == stem + ".meta-2.json");    // nor the sidecar's
  BOOST_TEST(names[9].ends_with(".pdf"));           // shortened, its extension kept
  BOOST_TEST(names[9].size() <= stem.size() + 1 + 100);
  for (const auto& name : names) {
    BOOST_TEST(name.starts_with(stem + "."), name);
    BOOST_TEST(name.find('/') == std::string::npos, name);
    for (unsigned char c : name) {
      BOOST_TEST((std::isalnum(c) || c == '.' || c == '_' || c == '-'), name);
    }
  }
  const std::set<std::string> distinct(names.begin(), names.end());
  BOOST_TEST(distinct.size() == names.size());
  BOOST_TEST(route::attachment_file_names(parcel) == names);  // the same on every attempt
}

BOOST_AUTO_TEST_CASE(the_sidecar_lists_the_delivered_attachment_names) {
  const auto parcel = with_attachments(make_parcel());
  const auto sidecar = nlohmann::ordered_json::parse(route::sidecar_json(parcel));
  BOOST_TEST(sidecar.at("attachments").get<std::string>() ==
             beside(parcel, "facture.pdf") + ", " + beside(parcel, "scan.png"));
  // Still a flat object of strings, and no field at all without attachments.
  for (const auto& item : sidecar.items()) BOOST_TEST(item.value().is_string());
  BOOST_TEST(!nlohmann::json::parse(route::sidecar_json(make_parcel())).contains("attachments"));
}

BOOST_AUTO_TEST_CASE(retry_delay_doubles_from_base_and_stops_at_the_cap) {
  using std::chrono::seconds;
  BOOST_TEST(route::retry_delay(1, 30s, 3600s).count() == 30);
  BOOST_TEST(route::retry_delay(2, 30s, 3600s).count() == 60);
  BOOST_TEST(route::retry_delay(3, 30s, 3600s).count() == 120);
  BOOST_TEST(route::retry_delay(7, 30s, 3600s).count() == 1920);
  BOOST_TEST(route::retry_delay(8, 30s, 3600s).count() == 3600);     // 3840 capped
  BOOST_TEST(route::retry_delay(1000, 30s, 3600s).count() == 3600);  // no overflow
  BOOST_TEST(route::retry_delay(std::numeric_limits<int>::max(), 30s, 3600s).count() == 3600);
  BOOST_TEST(route::retry_delay(1, 7200s, 3600s).count() == 3600);  // base above the cap
  BOOST_TEST(route::retry_delay(0, 30s, 3600s).count() == 0);
}

BOOST_AUTO_TEST_CASE(make_channel_refuses_bad_configurations_with_codes) {
  ScratchDir dir("chan-config");
  const fs::path key = dir.path() / "id_ed25519";
  std::ofstream(key) << "not really a key\n";
  const std::string pin = "hGMexsJGg3P9vbL8h2EiG9vykiCjkqciHWot6Nupz8o";
  using Kind = route::ChannelConfig::Kind;
  auto code_of = [](const route::ChannelConfig& config) {
    auto made = route::make_channel(config);
    return made.ok() ? std::string("OK") : made.error().code;
  };
  route::ChannelConfig sftp;
  sftp.name = "s";
  sftp.kind = Kind::sftp;
  sftp.url = "sftp://127.0.0.1:22/in";
  sftp.user = "edi";
  sftp.private_key = key;
  sftp.host_key_sha256 = pin;
  BOOST_TEST(code_of(sftp) == "OK");
  auto with = [&](auto change) {
    auto copy = sftp;
    change(copy);
    return code_of(copy);
  };
  BOOST_TEST(with([](auto& c) { c.host_key_sha256 = "SHA256:" + c.host_key_sha256 + "="; }) ==
             "OK");
  BOOST_TEST(with([](auto& c) { c.url = "http://127.0.0.1/in"; }) == "CHANNEL-URL");
  BOOST_TEST(with([](auto& c) { c.url = "sftp://edi:secret@127.0.0.1/in"; }) == "CHANNEL-URL");
  BOOST_TEST(with([](auto& c) { c.url = "sftp://127.0.0.1/"; }) == "CHANNEL-URL");
  BOOST_TEST(with([](auto& c) { c.url = "127.0.0.1/in"; }) == "CHANNEL-URL");
  BOOST_TEST(with([](auto& c) { c.user = ""; }) == "CHANNEL-USER");
  BOOST_TEST(with([&](auto& c) { c.private_key = dir.path() / "missing"; }) == "CHANNEL-KEY");
  BOOST_TEST(with([&](auto& c) { c.public_key = dir.path() / "missing.pub"; }) == "CHANNEL-KEY");
  BOOST_TEST(with([](auto& c) { c.host_key_sha256 = ""; }) == "CHANNEL-HOSTKEY");
  BOOST_TEST(with([](auto& c) { c.host_key_sha256 = "not-a-fingerprint"; }) == "CHANNEL-HOSTKEY");
  BOOST_TEST(with([](auto& c) { c.timeout_ms = 0; }) == "CHANNEL-TIMEOUT");

  route::ChannelConfig http;
  http.kind = Kind::http;
  http.url = "https://example.org/in";
  BOOST_TEST(code_of(http) == "OK");
  http.url = "ftp://example.org/in";
  BOOST_TEST(code_of(http) == "CHANNEL-URL");
  http.url = "https://example.org/in";
  http.ca_file = dir.path() / "missing.pem";
  BOOST_TEST(code_of(http) == "CHANNEL-CA");

  BOOST_TEST(code_of(directory_config("")) == "CHANNEL-DIRECTORY");
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(directory_channel)

BOOST_AUTO_TEST_CASE(writes_the_sidecar_and_the_invoice_under_recipient_and_service) {
  ScratchDir root("chan-dir");
  auto channel = channel_for(directory_config(root.path()));
  const auto parcel = make_parcel();
  const auto attempt = channel->deliver(parcel);
  BOOST_TEST(outcome_name(attempt.outcome) == "delivered");
  BOOST_TEST(attempt.code == "");
  const fs::path folder = root.path() / kRecipient / "ECOLES";
  BOOST_TEST(attempt.where == (folder / parcel.file_name).string());
  BOOST_TEST(fluxd_test::slurp(folder / parcel.file_name) == parcel.bytes);
  BOOST_TEST(fluxd_test::slurp(folder / route::sidecar_name(parcel.file_name)) ==
             route::sidecar_json(parcel));
  // Exactly the two files: no temporary left behind.
  const std::set<std::string> expected{parcel.file_name, route::sidecar_name(parcel.file_name)};
  BOOST_TEST(fluxd_test::names_in(folder) == expected, boost::test_tools::per_element());
  BOOST_TEST(channel->describe().find(root.path().string()) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(delivering_again_keeps_the_same_two_files) {
  ScratchDir root("chan-dir");
  auto channel = channel_for(directory_config(root.path()));
  const auto parcel = make_parcel();
  const auto first = channel->deliver(parcel);
  const auto second = channel->deliver(parcel);
  BOOST_TEST(outcome_name(first.outcome) == "delivered");
  BOOST_TEST(outcome_name(second.outcome) == "delivered");
  BOOST_TEST(second.where == first.where);
  const fs::path folder = root.path() / kRecipient / "ECOLES";
  BOOST_TEST(fluxd_test::names_in(folder).size() == 2u);
  BOOST_TEST(fluxd_test::names_in(root.path()).size() == 1u);
  BOOST_TEST(fluxd_test::slurp(folder / parcel.file_name) == parcel.bytes);
}

BOOST_AUTO_TEST_CASE(invoice_content_cannot_name_a_folder_outside_the_root) {
  ScratchDir root("chan-dir");
  auto channel = channel_for(directory_config(root.path() / "out"));
  auto parcel = make_parcel();
  parcel.recipient = "../../escape";
  parcel.service = "a/b";
  const auto attempt = channel->deliver(parcel);
  BOOST_TEST(outcome_name(attempt.outcome) == "delivered");
  BOOST_TEST(attempt.where.starts_with((root.path() / "out").string() + "/"));
  BOOST_TEST(fluxd_test::names_in(root.path()) == std::set<std::string>{"out"});

  parcel.file_name = "../x.xml";  // not a name routed_file_name can produce
  const auto refused = channel->deliver(parcel);
  BOOST_TEST(outcome_name(refused.outcome) == "permanent");
  BOOST_TEST(refused.code == "DELIVERY-PARCEL");
}

BOOST_AUTO_TEST_CASE(a_write_failure_is_worth_retrying) {
  ScratchDir root("chan-dir");
  std::ofstream(root.path() / "file") << "a file where the root folder should be";
  auto channel = channel_for(directory_config(root.path() / "file"));
  const auto attempt = channel->deliver(make_parcel());
  BOOST_TEST(outcome_name(attempt.outcome) == "retry");
  BOOST_TEST(attempt.code == "DELIVERY-DIR-WRITE");
  BOOST_TEST(attempt.where == "");
}

BOOST_AUTO_TEST_CASE(attachments_are_written_before_the_sidecar_and_the_invoice) {
  ScratchDir root("chan-dir");
  const fs::path folder = root.path() / kRecipient / "ECOLES";
  fs::create_directories(folder);
  FolderWatch watch(folder);
  auto channel = channel_for(directory_config(root.path()));
  const auto parcel = with_attachments(make_parcel());
  const auto attempt = channel->deliver(parcel);
  BOOST_TEST_REQUIRE(outcome_name(attempt.outcome) == "delivered", attempt.message);
  BOOST_TEST(attempt.where == (folder / parcel.file_name).string());
  BOOST_TEST(fluxd_test::names_in(folder) == delivered_names(parcel),
             boost::test_tools::per_element());
  BOOST_TEST(fluxd_test::slurp(folder / beside(parcel, "facture.pdf")) ==
             parcel.attachments[0].bytes);
  BOOST_TEST(fluxd_test::slurp(folder / beside(parcel, "scan.png")) == parcel.attachments[1].bytes);
  BOOST_TEST(fluxd_test::slurp(folder / route::sidecar_name(parcel.file_name)) ==
             route::sidecar_json(parcel));
  // Each final name appears by a rename, in this order: the invoice last.
  std::vector<std::string> published;
  for (const auto& event : watch.events()) {
    if (event.starts_with("MOVED_TO ")) published.push_back(event.substr(9));
  }
  const std::vector<std::string> expected{beside(parcel, "facture.pdf"), beside(parcel, "scan.png"),
                                          route::sidecar_name(parcel.file_name), parcel.file_name};
  BOOST_TEST(published == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(delivering_attachments_again_keeps_the_same_files) {
  ScratchDir root("chan-dir");
  auto channel = channel_for(directory_config(root.path()));
  const auto parcel = with_attachments(make_parcel());
  BOOST_TEST_REQUIRE(outcome_name(channel->deliver(parcel).outcome) == "delivered");
  BOOST_TEST_REQUIRE(outcome_name(channel->deliver(parcel).outcome) == "delivered");
  const fs::path folder = root.path() / kRecipient / "ECOLES";
  BOOST_TEST(fluxd_test::names_in(folder) == delivered_names(parcel),
             boost::test_tools::per_element());
  BOOST_TEST(fluxd_test::slurp(folder / beside(parcel, "facture.pdf")) ==
             parcel.attachments[0].bytes);
}

BOOST_AUTO_TEST_CASE(hostile_attachment_names_land_as_plain_names_in_the_recipient_folder) {
  ScratchDir root("chan-dir");
  auto channel = channel_for(directory_config(root.path() / "out"));
  auto parcel = make_parcel();
  parcel.attachments = {{"../../etc/passwd", "root:x:0:0\n"}, {"a/b.pdf", "%PDF"}, {"..", "?"}};
  const auto attempt = channel->deliver(parcel);
  BOOST_TEST_REQUIRE(outcome_name(attempt.outcome) == "delivered", attempt.message);
  const auto names = route::attachment_file_names(parcel);
  const fs::path folder = root.path() / "out" / kRecipient / "ECOLES";
  const std::set<std::string> expected{names[0], names[1], names[2], parcel.file_name,
                                       route::sidecar_name(parcel.file_name)};
  BOOST_TEST(fluxd_test::names_in(folder) == expected, boost::test_tools::per_element());
  BOOST_TEST(names[1] == beside(parcel, "a_b.pdf"));
  BOOST_TEST(fluxd_test::slurp(folder / names[0]) == "root:x:0:0\n");
  // Nothing anywhere else: not above the recipient folder, not in a sub-folder.
  BOOST_TEST(fluxd_test::names_in(root.path()) == std::set<std::string>{"out"});
  BOOST_TEST(fluxd_test::names_in(root.path() / "out") == std::set<std::string>{kRecipient});
  BOOST_TEST(fluxd_test::names_in(root.path() / "out" / kRecipient) ==
             std::set<std::string>{"ECOLES"});
  for (const auto& entry : fs::directory_iterator(folder)) BOOST_TEST(entry.is_regular_file());
}

BOOST_AUTO_TEST_CASE(an_attachment_that_cannot_be_written_keeps_the_invoice_back) {
  ScratchDir root("chan-dir");
  auto channel = channel_for(directory_config(root.path()));
  const auto parcel = with_attachments(make_parcel());
  const fs::path folder = root.path() / kRecipient / "ECOLES";
  // A folder where the second attachment should go: its rename fails (even for root).
  fs::create_directories(folder / beside(parcel, "scan.png") / "occupied");
  const auto attempt = channel->deliver(parcel);
  BOOST_TEST(outcome_name(attempt.outcome) == "retry");
  BOOST_TEST(attempt.code == "DELIVERY-DIR-WRITE");
  BOOST_TEST(!fs::exists(folder / parcel.file_name));
  BOOST_TEST(!fs::exists(folder / route::sidecar_name(parcel.file_name)));
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(sftp_channel, *boost::unit_test::fixture<SshdSuite>())

namespace {

// A fresh remote folder per test, inside the server's scratch folder.
fs::path remote_folder() {
  static int n = 0;
  return SshdSuite::server().dir() / ("remote-" + std::to_string(++n));
}

route::ChannelConfig sftp_config(const fs::path& folder) {
  const auto& server = SshdSuite::server();
  route::ChannelConfig config;
  config.name = "sftp-test";
  config.kind = route::ChannelConfig::Kind::sftp;
  config.url = server.url(folder);
  config.user = server.user();
  config.private_key = server.user_key();
  config.host_key_sha256 = server.host_key_sha256();
  config.timeout_ms = 10000;
  return config;
}

struct stat stat_of(const fs::path& path) {
  struct stat st {};
  BOOST_TEST_REQUIRE(::stat(path.c_str(), &st) == 0, path);
  return st;
}

long long mtime_ns(const struct stat& st) {
  return static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

int accepted_logins() {
  const std::string log = SshdSuite::server().log();
  int count = 0;
  for (auto at = log.find("Accepted publickey"); at != std::string::npos;
       at = log.find("Accepted publickey", at + 1)) {
    ++count;
  }
  return count;
}

}  // namespace

BOOST_AUTO_TEST_CASE(delivers_sidecar_and_invoice_with_their_final_names) {
  const fs::path remote = remote_folder();
  auto channel = channel_for(sftp_config(remote));
  const auto parcel = make_parcel();
  const auto attempt = channel->deliver(parcel);
  BOOST_TEST_REQUIRE(outcome_name(attempt.outcome) == "delivered",
                     attempt.code << " " << attempt.message);
  const fs::path folder = remote / kRecipient / "ECOLES";  // created by the upload
  BOOST_TEST(attempt.where == SshdSuite::server().url(folder) + "/" + parcel.file_name);
  BOOST_TEST(fluxd_test::slurp(folder / parcel.file_name) == parcel.bytes);
  BOOST_TEST(fluxd_test::slurp(folder / route::sidecar_name(parcel.file_name)) ==
             route::sidecar_json(parcel));
  // Only the final names: the temporary .part files were renamed, none is left.
  const std::set<std::string> expected{parcel.file_name, route::sidecar_name(parcel.file_name)};
  BOOST_TEST(fluxd_test::names_in(folder) == expected, boost::test_tools::per_element());
  // describe() names the server, never the key.
  BOOST_TEST(channel->describe().find("127.0.0.1") != std::string::npos);
  BOOST_TEST(channel->describe().find("user_key") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(each_file_is_uploaded_under_a_temporary_name_then_renamed) {
  const fs::path remote = remote_folder();
  const fs::path folder = remote / kRecipient / "ECOLES";
  fs::create_directories(folder);
  FolderWatch watch(folder);
  auto channel = channel_for(sftp_config(remote));
  const auto parcel = make_parcel();
  const auto attempt = channel->deliver(parcel);
  BOOST_TEST_REQUIRE(outcome_name(attempt.outcome) == "delivered",
                     attempt.code << " " << attempt.message);
  // A recipient polling the folder never sees a final name before its bytes are complete, and
  // sees the sidecar before the invoice. (OpenSSH's sftp-server renames by link + unlink, which
  // is also why it refuses to replace an existing file.)
  const std::string sidecar = route::sidecar_name(parcel.file_name);
  const std::string invoice = parcel.file_name;
  const std::vector<std::string> expected{"CREATE ." + sidecar + ".part",
                                          "MODIFY ." + sidecar + ".part",
                                          "CREATE " + sidecar,
                                          "DELETE ." + sidecar + ".part",
                                          "CREATE ." + invoice + ".part",
                                          "MODIFY ." + invoice + ".part",
                                          "CREATE " + invoice,
                                          "DELETE ." + invoice + ".part"};
  const auto events = watch.events();
  BOOST_TEST(events == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(delivering_again_reports_delivered_without_uploading_again) {
  const fs::path remote = remote_folder();
  auto channel = channel_for(sftp_config(remote));
  auto parcel = make_parcel();
  BOOST_TEST_REQUIRE(outcome_name(channel->deliver(parcel).outcome) == "delivered");
  const fs::path folder = remote / kRecipient / "ECOLES";
  const auto file_before = stat_of(folder / parcel.file_name);
  const auto folder_before = stat_of(folder);
  std::this_thread::sleep_for(50ms);  // so any write would move the timestamps
  FolderWatch watch(folder);

  // The success of the first attempt "was not recorded": the same parcel comes again, here
  // with changed bytes so an upload would show.
  const std::string original = parcel.bytes;
  parcel.bytes = "<Invoice>changed</Invoice>\n";
  const auto again = channel->deliver(parcel);
  BOOST_TEST(outcome_name(again.outcome) == "delivered", again.code << " " << again.message);
  BOOST_TEST(again.where == SshdSuite::server().url(folder) + "/" + parcel.file_name);
  BOOST_TEST(fluxd_test::slurp(folder / parcel.file_name) == original);
  const auto file_after = stat_of(folder / parcel.file_name);
  const auto folder_after = stat_of(folder);
  BOOST_TEST(file_after.st_ino == file_before.st_ino);
  BOOST_TEST(mtime_ns(file_after) == mtime_ns(file_before));
  // Not even a temporary file was created and removed in the folder.
  BOOST_TEST(mtime_ns(folder_after) == mtime_ns(folder_before));
  const auto events = watch.events();
  BOOST_TEST(events.empty(), events.size()
                                 << " events, first: " << (events.empty() ? "" : events[0]));
  BOOST_TEST(fluxd_test::names_in(folder).size() == 2u);
}

BOOST_AUTO_TEST_CASE(leftovers_of_an_interrupted_attempt_do_not_block_delivery) {
  const fs::path remote = remote_folder();
  auto channel = channel_for(sftp_config(remote));
  const auto parcel = make_parcel();
  const fs::path folder = remote / kRecipient / "ECOLES";
  fs::create_directories(folder);
  // Interrupted after publishing the sidecar, in the middle of the invoice's upload.
  std::ofstream(folder / route::sidecar_name(parcel.file_name)) << "{\"stale\": true}\n";
  std::ofstream(folder / ("." + parcel.file_name + ".part"))
      << std::string(4 * parcel.bytes.size(), 'x');
  const auto attempt = channel->deliver(parcel);
  BOOST_TEST_REQUIRE(outcome_name(attempt.outcome) == "delivered",
                     attempt.code << " " << attempt.message);
  BOOST_TEST(fluxd_test::slurp(folder / parcel.file_name) == parcel.bytes);
  BOOST_TEST(fluxd_test::slurp(folder / route::sidecar_name(parcel.file_name)) ==
             route::sidecar_json(parcel));
  const std::set<std::string> expected{parcel.file_name, route::sidecar_name(parcel.file_name)};
  BOOST_TEST(fluxd_test::names_in(folder) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(attachments_are_uploaded_before_the_sidecar_and_the_invoice) {
  const fs::path remote = remote_folder();
  const fs::path folder = remote / kRecipient / "ECOLES";
  fs::create_directories(folder);
  FolderWatch watch(folder);
  auto channel = channel_for(sftp_config(remote));
  const auto parcel = with_attachments(make_parcel());
  const auto attempt = channel->deliver(parcel);
  BOOST_TEST_REQUIRE(outcome_name(attempt.outcome) == "delivered",
                     attempt.code << " " << attempt.message);
  BOOST_TEST(attempt.where == SshdSuite::server().url(folder) + "/" + parcel.file_name);
  BOOST_TEST(fluxd_test::names_in(folder) == delivered_names(parcel),
             boost::test_tools::per_element());
  BOOST_TEST(fluxd_test::slurp(folder / beside(parcel, "facture.pdf")) ==
             parcel.attachments[0].bytes);
  BOOST_TEST(fluxd_test::slurp(folder / beside(parcel, "scan.png")) == parcel.attachments[1].bytes);
  const auto sidecar =
      nlohmann::json::parse(fluxd_test::slurp(folder / route::sidecar_name(parcel.file_name)));
  BOOST_TEST(sidecar.at("attachments").get<std::string>() ==
             beside(parcel, "facture.pdf") + ", " + beside(parcel, "scan.png"));
  // Every file through its .part name, the invoice last.
  std::vector<std::string> expected;
  for (const auto& name : {beside(parcel, "facture.pdf"), beside(parcel, "scan.png"),
                           route::sidecar_name(parcel.file_name), parcel.file_name}) {
    expected.insert(expected.end(), {"CREATE ." + name + ".part", "MODIFY ." + name + ".part",
                                     "CREATE " + name, "DELETE ." + name + ".part"});
  }
  const auto events = watch.events();
  BOOST_TEST(events == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(attachments_already_on_the_server_are_not_uploaded_again) {
  const fs::path remote = remote_folder();
  auto channel = channel_for(sftp_config(remote));
  auto parcel = with_attachments(make_parcel());
  BOOST_TEST_REQUIRE(outcome_name(channel->deliver(parcel).outcome) == "delivered");
  const fs::path folder = remote / kRecipient / "ECOLES";
  const fs::path pdf = folder / beside(parcel, "facture.pdf");
  const auto pdf_before = stat_of(pdf);
  const std::string original = parcel.attachments[0].bytes;

  // Delivered again, as after a success that was not recorded: nothing changes.
  parcel.attachments[0].bytes = "%PDF changed";  // so an upload would show
  BOOST_TEST(outcome_name(channel->deliver(parcel).outcome) == "delivered");
  BOOST_TEST(fluxd_test::names_in(folder) == delivered_names(parcel),
             boost::test_tools::per_element());

  // Interrupted after the attachments, before the invoice: the next attempt publishes the
  // invoice and leaves the attachments as they are, without a second copy.
  fs::remove(folder / parcel.file_name);
  FolderWatch watch(folder);
  const auto again = channel->deliver(parcel);
  BOOST_TEST_REQUIRE(outcome_name(again.outcome) == "delivered",
                     again.code << " " << again.message);
  BOOST_TEST(fluxd_test::names_in(folder) == delivered_names(parcel),
             boost::test_tools::per_element());
  BOOST_TEST(fluxd_test::slurp(pdf) == original);
  BOOST_TEST(stat_of(pdf).st_ino == pdf_before.st_ino);
  for (const auto& event : watch.events()) {
    BOOST_TEST(event.find("facture.pdf") == std::string::npos, event);
    BOOST_TEST(event.find("scan.png") == std::string::npos, event);
  }
  BOOST_TEST(fluxd_test::slurp(folder / parcel.file_name) == parcel.bytes);
}

BOOST_AUTO_TEST_CASE(hostile_attachment_names_land_as_plain_names_on_the_server) {
  const fs::path remote = remote_folder();
  auto channel = channel_for(sftp_config(remote));
  auto parcel = make_parcel();
  parcel.attachments = {{"../../etc/passwd", "root:x:0:0\n"}, {"a/b.pdf", "%PDF"}};
  const auto attempt = channel->deliver(parcel);
  BOOST_TEST_REQUIRE(outcome_name(attempt.outcome) == "delivered",
                     attempt.code << " " << attempt.message);
  const auto names = route::attachment_file_names(parcel);
  const fs::path folder = remote / kRecipient / "ECOLES";
  const std::set<std::string> expected{names[0], names[1], parcel.file_name,
                                       route::sidecar_name(parcel.file_name)};
  BOOST_TEST(fluxd_test::names_in(folder) == expected, boost::test_tools::per_element());
  BOOST_TEST(names[1] == beside(parcel, "a_b.pdf"));
  BOOST_TEST(fluxd_test::slurp(folder / names[0]) == "root:x:0:0\n");
  BOOST_TEST(fluxd_test::names_in(remote) == std::set<std::string>{kRecipient});
  BOOST_TEST(fluxd_test::names_in(remote / kRecipient) == std::set<std::string>{"ECOLES"});
  for (const auto& entry : fs::directory_iterator(folder)) BOOST_TEST(entry.is_regular_file());
}

BOOST_AUTO_TEST_CASE(a_failed_attachment_upload_keeps_the_invoice_back) {
  const fs::path remote = remote_folder();
  const fs::path folder = remote / kRecipient / "ECOLES";
  auto channel = channel_for(sftp_config(remote));
  const auto parcel = with_attachments(make_parcel());
  // A folder at the second attachment's temporary name: the server cannot open it for writing
  // (permissions would not stop the root user these tests may run as).
  const fs::path blocker = folder / ("." + beside(parcel, "scan.png") + ".part");
  fs::create_directories(blocker / "occupied");
  const auto attempt = channel->deliver(parcel);
  BOOST_TEST(outcome_name(attempt.outcome) != "delivered");
  BOOST_TEST(attempt.code.starts_with("DELIVERY-SFTP-"), attempt.code);
  BOOST_TEST(attempt.message.find("scan.png") != std::string::npos, attempt.message);
  BOOST_TEST(attempt.where == "");
  BOOST_TEST(!fs::exists(folder / parcel.file_name));
  BOOST_TEST(!fs::exists(folder / route::sidecar_name(parcel.file_name)));

  // Once the obstacle is gone the next attempt delivers everything.
  fs::remove_all(blocker);
  const auto again = channel->deliver(parcel);
  BOOST_TEST(outcome_name(again.outcome) == "delivered", again.code << " " << again.message);
  BOOST_TEST(fluxd_test::names_in(folder) == delivered_names(parcel),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(one_ssh_session_serves_several_deliveries) {
  const fs::path remote = remote_folder();
  auto channel = channel_for(sftp_config(remote));
  const int before = accepted_logins();
  for (const auto* number : {"F-101", "F-102", "F-103"}) {
    BOOST_TEST(outcome_name(channel->deliver(make_parcel(number)).outcome) == "delivered");
  }
  BOOST_TEST(fluxd_test::names_in(remote / kRecipient / "ECOLES").size() == 6u);
  // sshd logs each login; give its log a moment to be written.
  fluxd_test::wait_until([&] { return accepted_logins() > before; }, 2s);
  BOOST_TEST(accepted_logins() - before == 1);
}

BOOST_AUTO_TEST_CASE(a_wrong_pinned_host_key_is_permanent) {
  const auto& server = SshdSuite::server();
  const fs::path remote = remote_folder();
  auto config = sftp_config(remote);
  // A well-formed pin of another key (the user key's), so only the comparison can refuse it.
  const fs::path out = server.dir() / "other-fingerprint.txt";
  BOOST_TEST_REQUIRE(fluxd_test::run_program({"ssh-keygen", "-l", "-E", "sha256", "-f",
                                              (server.dir() / "user_key.pub").string()},
                                             out) == 0);
  const std::string line = fluxd_test::slurp(out);
  const auto start = line.find("SHA256:");
  BOOST_TEST_REQUIRE(start != std::string::npos);
  config.host_key_sha256 = line.substr(start, line.find(' ', start) - start);
  BOOST_TEST_REQUIRE(config.host_key_sha256 != "SHA256:" + server.host_key_sha256());
  auto channel = channel_for(config);
  const auto attempt = channel->deliver(make_parcel());
  BOOST_TEST(outcome_name(attempt.outcome) == "permanent");
  BOOST_TEST(attempt.code == "DELIVERY-SFTP-HOSTKEY");
  BOOST_TEST(attempt.where == "");
  BOOST_TEST(!fs::exists(remote));
  const std::string key_text = fluxd_test::slurp(server.user_key());
  const std::string key_line = key_text.substr(key_text.find('\n') + 1, 40);
  BOOST_TEST(attempt.message.find(key_line) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_key_the_server_does_not_know_is_permanent) {
  const fs::path remote = remote_folder();
  auto config = sftp_config(remote);
  config.private_key = SshdSuite::server().other_key();
  auto channel = channel_for(config);
  const auto attempt = channel->deliver(make_parcel());
  BOOST_TEST(outcome_name(attempt.outcome) == "permanent");
  BOOST_TEST(attempt.code == "DELIVERY-SFTP-AUTH");
  BOOST_TEST(!fs::exists(remote));
}

BOOST_AUTO_TEST_CASE(a_closed_port_is_worth_retrying) {
  auto config = sftp_config(remote_folder());
  config.url = "sftp://127.0.0.1:" + std::to_string(fluxd_test::free_port()) + "/in";
  auto channel = channel_for(config);
  const auto attempt = channel->deliver(make_parcel());
  BOOST_TEST(outcome_name(attempt.outcome) == "retry");
  BOOST_TEST(attempt.code == "DELIVERY-SFTP-CONNECT");
}

BOOST_AUTO_TEST_CASE(a_server_that_never_answers_times_out_as_retry) {
  SilentServer silent;
  auto config = sftp_config(remote_folder());
  config.url = "sftp://127.0.0.1:" + std::to_string(silent.port()) + "/in";
  config.timeout_ms = 700;
  auto channel = channel_for(config);
  const auto started = std::chrono::steady_clock::now();
  const auto attempt = channel->deliver(make_parcel());
  BOOST_TEST(outcome_name(attempt.outcome) == "retry");
  BOOST_TEST(attempt.code == "DELIVERY-SFTP-TIMEOUT", attempt.code << " " << attempt.message);
  BOOST_TEST((std::chrono::steady_clock::now() - started < 5s));  // the timeout, not 10 s
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(http_channel)

namespace {

route::ChannelConfig http_config(const std::string& url) {
  route::ChannelConfig config;
  config.name = "http-test";
  config.kind = route::ChannelConfig::Kind::http;
  config.url = url;
  config.timeout_ms = 10000;
  return config;
}

}  // namespace

BOOST_AUTO_TEST_CASE(post_carries_the_body_the_idempotency_key_and_metadata_headers) {
  HttpSink sink;
  auto channel = channel_for(http_config(sink.url("/invoices")));
  auto parcel = make_parcel();
  parcel.metadata.push_back({"note", "a\r\nX-Injected: 1"});  // from invoice content
  const auto attempt = channel->deliver(parcel);
  BOOST_TEST_REQUIRE(outcome_name(attempt.outcome) == "delivered",
                     attempt.code << " " << attempt.message);
  BOOST_TEST(attempt.where == sink.url("/invoices"));
  BOOST_TEST_REQUIRE(sink.summary().at("requests").get<int>() == 1);
  const auto request = sink.request(1);
  BOOST_TEST(request.at("method").get<std::string>() == "POST");
  BOOST_TEST(request.at("path").get<std::string>() == "/invoices");
  BOOST_TEST(sink.body(1) == parcel.bytes);
  BOOST_TEST(sink.header(1, "Content-Type") == "application/xml");
  BOOST_TEST(sink.header(1, "Idempotency-Key") == "fluxd-42-F-001");
  BOOST_TEST(sink.header(1, "X-Fluxd-Flow") == "42");
  BOOST_TEST(sink.header(1, "X-Fluxd-Invoice-Key") == "12345678900011|F-001|2024");
  BOOST_TEST(sink.header(1, "X-Fluxd-Recipient") == kRecipient);
  BOOST_TEST(sink.header(1, "X-Fluxd-Service") == "ECOLES");
  BOOST_TEST(sink.header(1, "X-Fluxd-Cost-Centre") == "CC 7");
  BOOST_TEST(sink.header(1, "X-Fluxd-File-Name") == parcel.file_name);
  BOOST_TEST(sink.header(1, "X-Fluxd-Engagement") == "");  // empty: not sent
  // CR LF from content is percent-encoded: it cannot start a header of its own.
  BOOST_TEST(sink.header(1, "X-Fluxd-Note") == "a%0D%0AX-Injected: 1");
  BOOST_TEST(sink.header(1, "X-Injected") == "");
}

BOOST_AUTO_TEST_CASE(a_503_is_retried_with_the_same_key_then_delivered) {
  HttpSink sink(HttpSinkOptions{.fail_first = 1, .retry_after = "7"});
  auto channel = channel_for(http_config(sink.url("/invoices")));
  const auto parcel = make_parcel();
  const auto first = channel->deliver(parcel);
  BOOST_TEST(outcome_name(first.outcome) == "retry");
  BOOST_TEST(first.code == "DELIVERY-HTTP-503");
  BOOST_TEST(first.where == "");
  BOOST_TEST(first.retry_after.count() == 7);
  const auto second = channel->deliver(parcel);
  BOOST_TEST(outcome_name(second.outcome) == "delivered");
  const auto summary = sink.summary();
  BOOST_TEST(summary.at("requests").get<int>() == 2);
  // Both tries carried the same key: the receiver can tell it is one delivery.
  BOOST_TEST(summary.at("idempotency_keys").size() == 1u);
  BOOST_TEST(sink.body(2) == parcel.bytes);
}

BOOST_AUTO_TEST_CASE(client_errors_are_permanent_and_server_trouble_is_retried) {
  HttpSink sink;
  const std::vector<std::pair<int, std::string>> cases{
      {400, "permanent"}, {404, "permanent"}, {409, "permanent"}, {408, "retry"},
      {429, "retry"},     {500, "retry"},     {502, "retry"}};
  int sent = 0;
  for (const auto& [status, expected] : cases) {
    auto channel = channel_for(http_config(sink.url("/status/" + std::to_string(status))));
    const auto attempt = channel->deliver(make_parcel());
    ++sent;
    BOOST_TEST(outcome_name(attempt.outcome) == expected, "HTTP " << status);
    BOOST_TEST(attempt.code == "DELIVERY-HTTP-" + std::to_string(status));
    BOOST_TEST(attempt.message.find(std::to_string(status)) != std::string::npos);
    BOOST_TEST(attempt.retry_after.count() == 0);
  }
  BOOST_TEST(sink.summary().at("requests").get<int>() == sent);
}

BOOST_AUTO_TEST_CASE(a_redirect_is_not_followed) {
  HttpSink sink;
  auto channel = channel_for(http_config(sink.url("/status/302")));
  const auto attempt = channel->deliver(make_parcel());
  BOOST_TEST(outcome_name(attempt.outcome) == "permanent");
  BOOST_TEST(attempt.code == "DELIVERY-HTTP-302");
  BOOST_TEST(sink.summary().at("requests").get<int>() == 1);  // /elsewhere never asked
}

BOOST_AUTO_TEST_CASE(one_connection_serves_several_deliveries) {
  HttpSink sink;
  auto channel = channel_for(http_config(sink.url("/invoices")));
  for (const auto* number : {"F-201", "F-202", "F-203"}) {
    BOOST_TEST(outcome_name(channel->deliver(make_parcel(number)).outcome) == "delivered");
  }
  const auto summary = sink.summary();
  BOOST_TEST(summary.at("requests").get<int>() == 3);
  BOOST_TEST(summary.at("connections").get<int>() == 1);
  BOOST_TEST(summary.at("idempotency_keys").size() == 3u);
}

BOOST_AUTO_TEST_CASE(the_query_string_stays_out_of_messages) {
  HttpSink sink;
  auto channel = channel_for(http_config(sink.url("/invoices?token=s3cret")));
  const auto attempt = channel->deliver(make_parcel());
  BOOST_TEST(outcome_name(attempt.outcome) == "delivered");
  BOOST_TEST(sink.request(1).at("path").get<std::string>() == "/invoices?token=s3cret");
  BOOST_TEST(attempt.where == sink.url("/invoices"));
  BOOST_TEST(attempt.message.find("s3cret") == std::string::npos);
  BOOST_TEST(channel->describe().find("s3cret") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_closed_port_is_worth_retrying) {
  auto channel = channel_for(
      http_config("http://127.0.0.1:" + std::to_string(fluxd_test::free_port()) + "/in"));
  const auto attempt = channel->deliver(make_parcel());
  BOOST_TEST(outcome_name(attempt.outcome) == "retry");
  BOOST_TEST(attempt.code == "DELIVERY-HTTP-CONNECT");
}

BOOST_AUTO_TEST_CASE(a_server_that_never_answers_times_out_as_retry) {
  SilentServer silent;
  auto config = http_config("http://127.0.0.1:" + std::to_string(silent.port()) + "/in");
  config.timeout_ms = 700;
  auto channel = channel_for(config);
  const auto attempt = channel->deliver(make_parcel());
  BOOST_TEST(outcome_name(attempt.outcome) == "retry");
  BOOST_TEST(attempt.code == "DELIVERY-HTTP-TIMEOUT");
}

BOOST_AUTO_TEST_CASE(attachments_are_posted_before_the_invoice_with_their_own_keys) {
  HttpSink sink;
  auto channel = channel_for(http_config(sink.url("/invoices")));
  const auto parcel = with_attachments(make_parcel());
  const auto attempt = channel->deliver(parcel);
  BOOST_TEST_REQUIRE(outcome_name(attempt.outcome) == "delivered",
                     attempt.code << " " << attempt.message);
  BOOST_TEST(attempt.where == sink.url("/invoices"));
  BOOST_TEST_REQUIRE(sink.summary().at("requests").get<int>() == 3);
  BOOST_TEST(sink.body(1) == parcel.attachments[0].bytes);
  BOOST_TEST(sink.header(1, "Idempotency-Key") == "fluxd-42-F-001-att-1");
  BOOST_TEST(sink.header(1, "X-Fluxd-Attachment-Of") == parcel.file_name);
  BOOST_TEST(sink.header(1, "X-Fluxd-File-Name") == beside(parcel, "facture.pdf"));
  BOOST_TEST(sink.header(1, "Content-Type") == "application/pdf");
  BOOST_TEST(sink.body(2) == parcel.attachments[1].bytes);
  BOOST_TEST(sink.header(2, "Idempotency-Key") == "fluxd-42-F-001-att-2");
  BOOST_TEST(sink.header(2, "X-Fluxd-Attachment-Of") == parcel.file_name);
  BOOST_TEST(sink.header(2, "X-Fluxd-File-Name") == beside(parcel, "scan.png"));
  BOOST_TEST(sink.header(2, "Content-Type") == "image/png");
  // The invoice last, as without attachments, saying how many went before it.
  BOOST_TEST(sink.body(3) == parcel.bytes);
  BOOST_TEST(sink.header(3, "Idempotency-Key") == "fluxd-42-F-001");
  BOOST_TEST(sink.header(3, "X-Fluxd-File-Name") == parcel.file_name);
  BOOST_TEST(sink.header(3, "X-Fluxd-Attachments") == "2");
  BOOST_TEST(sink.header(3, "X-Fluxd-Attachment-Of") == "");
  BOOST_TEST(sink.header(3, "X-Fluxd-Recipient") == kRecipient);
}

BOOST_AUTO_TEST_CASE(posting_attachments_again_repeats_the_same_keys) {
  HttpSink sink;
  auto channel = channel_for(http_config(sink.url("/invoices")));
  const auto parcel = with_attachments(make_parcel());
  BOOST_TEST(outcome_name(channel->deliver(parcel).outcome) == "delivered");
  BOOST_TEST(outcome_name(channel->deliver(parcel).outcome) == "delivered");
  const auto summary = sink.summary();
  BOOST_TEST(summary.at("requests").get<int>() == 6);
  // Three files, three keys: the receiver can drop the second copy of each.
  BOOST_TEST(summary.at("idempotency_keys").size() == 3u);
  for (int n = 1; n <= 3; ++n) {
    BOOST_TEST(sink.header(n, "Idempotency-Key") == sink.header(n + 3, "Idempotency-Key"));
  }
}

BOOST_AUTO_TEST_CASE(hostile_attachment_names_are_sent_as_plain_names) {
  HttpSink sink;
  auto channel = channel_for(http_config(sink.url("/invoices")));
  auto parcel = make_parcel();
  parcel.attachments = {{"../../etc/passwd", "root:x:0:0\n"}, {"a/b.pdf\r\nX-Injected: 1", "%PDF"}};
  BOOST_TEST_REQUIRE(outcome_name(channel->deliver(parcel).outcome) == "delivered");
  const auto names = route::attachment_file_names(parcel);
  BOOST_TEST(sink.header(1, "X-Fluxd-File-Name") == names[0]);
  BOOST_TEST(names[0].find('/') == std::string::npos);
  BOOST_TEST(sink.header(2, "X-Fluxd-File-Name") == names[1]);
  BOOST_TEST(names[1].find('/') == std::string::npos);
  BOOST_TEST(sink.header(2, "X-Injected") == "");
  BOOST_TEST(sink.header(3, "X-Fluxd-Attachments") == "2");
}

BOOST_AUTO_TEST_CASE(a_refused_attachment_fails_the_attempt_and_the_invoice_is_not_sent) {
  HttpSink sink(HttpSinkOptions{.fail_attachments = 1});
  auto channel = channel_for(http_config(sink.url("/invoices")));
  const auto parcel = with_attachments(make_parcel());
  const auto first = channel->deliver(parcel);
  BOOST_TEST(outcome_name(first.outcome) == "retry");
  BOOST_TEST(first.code == "DELIVERY-HTTP-503");
  BOOST_TEST(first.where == "");
  BOOST_TEST(first.message.find("facture.pdf") != std::string::npos, first.message);
  BOOST_TEST_REQUIRE(sink.summary().at("requests").get<int>() == 1);  // no second file, no invoice
  BOOST_TEST(sink.header(1, "X-Fluxd-Attachment-Of") == parcel.file_name);

  // The retry sends everything again with the same keys, the invoice last.
  const auto second = channel->deliver(parcel);
  BOOST_TEST(outcome_name(second.outcome) == "delivered", second.code << " " << second.message);
  BOOST_TEST_REQUIRE(sink.summary().at("requests").get<int>() == 4);
  BOOST_TEST(sink.header(2, "Idempotency-Key") == sink.header(1, "Idempotency-Key"));
  BOOST_TEST(sink.body(4) == parcel.bytes);
  BOOST_TEST(sink.header(4, "X-Fluxd-Attachment-Of") == "");
}

BOOST_AUTO_TEST_CASE(https_trusts_the_configured_ca_and_nothing_else) {
  HttpSink sink(HttpSinkOptions{.tls = true});
  auto trusted = http_config(sink.url("/invoices"));
  trusted.ca_file = sink.certificate();
  const auto attempt = channel_for(trusted)->deliver(make_parcel());
  BOOST_TEST(outcome_name(attempt.outcome) == "delivered", attempt.code << " " << attempt.message);
  BOOST_TEST(attempt.where.starts_with("https://"));
  BOOST_TEST(sink.body(1) == make_parcel().bytes);

  // Without it the self-signed certificate is refused: nothing is sent.
  const auto refused = channel_for(http_config(sink.url("/invoices")))->deliver(make_parcel());
  BOOST_TEST(outcome_name(refused.outcome) == "permanent");
  BOOST_TEST(refused.code == "DELIVERY-HTTP-TLS", refused.code << " " << refused.message);
  BOOST_TEST(sink.summary().at("requests").get<int>() == 1);
}

BOOST_AUTO_TEST_SUITE_END()
