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

BOOST_AUTO_TEST_SUITE_END()
