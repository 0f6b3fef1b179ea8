#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "app/config.h"
#include "test_paths.h"

namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(config)

BOOST_AUTO_TEST_CASE(the_embedded_default_resolves_paths_against_its_folder) {
  const auto file = fluxd_test::source_dir() / "samples" / "fluxd.toml";
  auto c = app::load_config(file);
  BOOST_TEST_REQUIRE(c.ok(), (c.ok() ? "" : c.error().message));
  const auto samples = fs::absolute(file).lexically_normal().parent_path();
  BOOST_TEST(c->data_root == (samples / "../var/samples").lexically_normal());
  BOOST_TEST(c->inbox == c->data_root / "inbox");
  BOOST_TEST(c->store == c->data_root / "fluxd.sqlite");
  BOOST_TEST(c->structures_csv == samples / "referential" / "structures.csv");
  BOOST_TEST(c->partners.size() == 2u);
  BOOST_TEST(c->partners[0].code == "AAA999");
  BOOST_TEST(c->limits.max_invoices_per_flow == 500u);
}

BOOST_AUTO_TEST_CASE(bad_configurations_are_refused_with_the_key_at_fault) {
  const fs::path dir = fs::temp_directory_path() / ("fluxd-config-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto load = [&](const std::string& text) {
    std::ofstream(dir / "f.toml") << text;
    return app::load_config(dir / "f.toml");
  };
  const std::string ref = "[referential]\nstructures='s.csv'\nservices='v.csv'\n";
  const std::string partner = "[[partners]]\ncode='P1'\n";
  BOOST_TEST(load("[data]\nroot='d'\n" + ref + partner).ok());
  auto no_root = load(ref + partner);
  BOOST_TEST_REQUIRE(!no_root.ok());
  BOOST_TEST(no_root.error().message.find("root") != std::string::npos);
  BOOST_TEST(!load("[data]\nroot='d'\n" + ref).ok());                                  // no partner
  BOOST_TEST(!load("[data]\nroot='d'\n" + ref + "[[partners]]\ncode='../x'\n").ok());  // unsafe
  BOOST_TEST(!load("[data]\nroot='d'\n" + ref + partner + partner).ok());              // twice
  BOOST_TEST(!load("[data]\nroot='d'\n" + ref + partner + "[limits]\nmax_flow_bytes=0\n").ok());
  auto syntax = load("[data\nroot=");
  BOOST_TEST_REQUIRE(!syntax.ok());
  BOOST_TEST(syntax.error().code == "CONFIG-PARSE");
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(daemon_partner_drop_rules_sftp_sources_and_archive_limits_are_read) {
  const fs::path dir = fs::temp_directory_path() / ("fluxd-config-d-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto load = [&](const std::string& text) {
    std::ofstream(dir / "f.toml") << text;
    return app::load_config(dir / "f.toml");
  };
  const std::string base =
      "[data]\nroot='d'\n[referential]\nstructures='s.csv'\nservices='v.csv'\n";
  const std::string sftp =
      "[partners.sftp]\nurl='sftp://127.0.0.1:2222/out/'\nuser='edi'\npassword='x'\n"
      "host_key_sha256='" +
      std::string(43, 'A') +
      "'\nafter='move'\nmove_to='/taken'\n"
      "poll_seconds=5\n";
  auto c = load(base +
                "[daemon]\nworkers=3\nmax_in_flight=7\nstable_ms=500\nrescan_seconds=9\n"
                "log_format='json'\nmetrics_file='m.prom'\n"
                "[limits]\nmax_archive_members=10\nmax_unpacked_bytes=1000\n"
                "max_compression_ratio=50\n"
                "[[partners]]\ncode='P1'\n[[partners]]\ncode='P2'\nstable_ms=0\n"
                "done_marker='.ok'\n" +
                sftp);
  BOOST_TEST_REQUIRE(c.ok(), (c.ok() ? "" : c.error().message));
  BOOST_TEST(c->daemon.workers == 3u);
  BOOST_TEST(c->daemon.max_in_flight == 7u);
  BOOST_TEST(c->daemon.rescan.count() == 9);
  BOOST_TEST(c->daemon.json_logs);
  BOOST_TEST(c->daemon.metrics_file == (dir / "m.prom").lexically_normal());
  BOOST_TEST(c->partners[0].drop.stable_for.count() == 500);  // the [daemon] default
  BOOST_TEST(c->partners[0].drop.done_marker.empty());
  BOOST_TEST(!c->partners[0].sftp.has_value());
  BOOST_TEST(c->partners[1].drop.stable_for.count() == 0);
  BOOST_TEST(c->partners[1].drop.done_marker == ".ok");
  BOOST_TEST_REQUIRE(c->partners[1].sftp.has_value());
  BOOST_TEST((c->partners[1].sftp->after == ingest::SftpSource::After::move));
  BOOST_TEST(c->partners[1].sftp->move_to == "/taken");
  BOOST_TEST(c->partners[1].sftp_poll.count() == 5);
  BOOST_TEST(c->limits.max_archive_members == 10u);
  BOOST_TEST(c->limits.max_unpacked_bytes == 1000u);
  BOOST_TEST(c->limits.max_compression_ratio == 50u);

  const std::string p1 = "[[partners]]\ncode='P1'\n";
  BOOST_TEST(!load(base + "[daemon]\nlog_format='xml'\n" + p1).ok());
  BOOST_TEST(!load(base + "[daemon]\nworkers=-1\n" + p1).ok());
  BOOST_TEST(!load(base + "[daemon]\nrescan_seconds=0\n" + p1).ok());
  BOOST_TEST(!load(base + p1 + "done_marker='done'\n").ok());  // not a suffix
  BOOST_TEST(!load(base + p1 + "[partners.sftp]\nurl='http://x/'\n").ok());
  BOOST_TEST(!load(base + p1 + sftp + "after='keep'\n").ok());
  BOOST_TEST(!load(base + "[limits]\nmax_compression_ratio=0\n" + p1).ok());
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
