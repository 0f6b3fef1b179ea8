#include <boost/test/unit_test.hpp>
#include <chrono>
#include <set>

#include "ingest/ingest.h"
#include "test_support.h"

namespace fs = std::filesystem;
using ingest_test::TempDir;
using ingest_test::write_file;

BOOST_AUTO_TEST_SUITE(claim)

BOOST_AUTO_TEST_CASE(flow_names_exclude_hidden_and_temporary_files) {
  BOOST_TEST(ingest::is_flow_name("invoice.xml"));
  BOOST_TEST(ingest::is_flow_name("batch.zip"));
  BOOST_TEST(ingest::is_flow_name("tmp.xml"));
  BOOST_TEST(ingest::is_flow_name("invoice.xml.tmpl"));
  BOOST_TEST(!ingest::is_flow_name(""));
  BOOST_TEST(!ingest::is_flow_name(".hidden.xml"));
  BOOST_TEST(!ingest::is_flow_name("invoice.xml.tmp"));
  BOOST_TEST(!ingest::is_flow_name("invoice.xml.TMP"));
  BOOST_TEST(!ingest::is_flow_name("invoice.xml.part"));
  BOOST_TEST(!ingest::is_flow_name("invoice.xml.Part"));
  BOOST_TEST(!ingest::is_flow_name("invoice.xml.filepart"));
  BOOST_TEST(!ingest::is_flow_name("invoice.xml.FILEPART"));
  BOOST_TEST(!ingest::is_flow_name("invoice.xml.writing"));
  BOOST_TEST(!ingest::is_flow_name("invoice.xml.Writing"));
}

BOOST_AUTO_TEST_CASE(waiting_files_are_oldest_first_then_by_name) {
  TempDir inbox;
  const auto now = fs::file_time_type::clock::now();
  auto put = [&](const std::string& name, std::chrono::seconds age) {
    write_file(inbox / name, "x");
    fs::last_write_time(inbox / name, now - age);
  };
  put("b.xml", std::chrono::seconds(10));
  put("a.xml", std::chrono::seconds(10));
  put("oldest.xml", std::chrono::seconds(100));
  put("newest.zip", std::chrono::seconds(1));
  // Not flows:
  put(".hidden.xml", std::chrono::seconds(500));
  put("upload.xml.tmp", std::chrono::seconds(500));
  put("upload.xml.PART", std::chrono::seconds(500));
  put("upload.xml.filepart", std::chrono::seconds(500));
  put("upload.xml.writing", std::chrono::seconds(500));
  fs::create_directory(inbox / "subdir.xml");
  fs::create_symlink(inbox / "a.xml", inbox / "link.xml");

  std::vector<std::string> names;
  for (const auto& file : ingest::waiting_files(inbox.path()))
    names.push_back(file.filename().string());
  const std::vector<std::string> expected{"oldest.xml", "a.xml", "b.xml", "newest.zip"};
  BOOST_TEST(names == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(missing_inbox_has_no_waiting_files) {
  TempDir dir;
  BOOST_TEST(ingest::waiting_files(dir / "no-such-partner").empty());
}

BOOST_AUTO_TEST_CASE(claim_moves_the_file_under_a_unique_name) {
  TempDir dir;
  fs::create_directory(dir / "inbox");
  const auto file = dir / "inbox" / "facture--mars.xml";  // "--" in the name is kept
  write_file(file, "<Invoice/>");

  auto claimed = ingest::claim_flow(file, dir / "work");  // work/ does not exist yet
  BOOST_REQUIRE(claimed.ok());
  BOOST_TEST(!fs::exists(file));
  BOOST_TEST(fs::is_regular_file(claimed->work_path));
  BOOST_TEST(claimed->work_path.parent_path() == dir / "work");
  BOOST_TEST(claimed->original_name == "facture--mars.xml");
  BOOST_TEST(claimed->size == 10u);
  BOOST_TEST(ingest::original_name_of(claimed->work_path) == "facture--mars.xml");
  BOOST_TEST(claimed->work_path.filename().string().ends_with("--facture--mars.xml"));

  auto again = ingest::claim_flow(file, dir / "work");
  BOOST_REQUIRE(!again.ok());
  BOOST_TEST(again.error().code == "IO-CLAIM");
  BOOST_TEST(again.error().message.find("facture--mars.xml") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(claims_of_same_name_never_collide) {
  TempDir dir;
  std::set<fs::path> targets;
  for (int i = 0; i < 20; ++i) {
    write_file(dir / "same.xml", std::to_string(i));
    auto claimed = ingest::claim_flow(dir / "same.xml", dir / "work");
    BOOST_REQUIRE(claimed.ok());
    targets.insert(claimed->work_path);
  }
  BOOST_TEST(targets.size() == 20u);
}

BOOST_AUTO_TEST_CASE(original_name_of_an_unclaimed_name_is_the_name) {
  BOOST_TEST(ingest::original_name_of("/x/y/plain.xml") == "plain.xml");
  BOOST_TEST(ingest::original_name_of("/work/20240101T000000-12-3--a.xml") == "a.xml");
}

BOOST_AUTO_TEST_CASE(sha256_of_known_bytes) {
  TempDir dir;
  write_file(dir / "abc", "abc");
  write_file(dir / "empty", "");
  write_file(dir / "million", std::string(1'000'000, 'a'));  // FIPS 180-2 vector, many chunks
  auto abc = ingest::sha256_file(dir / "abc");
  BOOST_REQUIRE(abc.ok());
  BOOST_TEST(*abc == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  auto empty = ingest::sha256_file(dir / "empty");
  BOOST_REQUIRE(empty.ok());
  BOOST_TEST(*empty == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  auto million = ingest::sha256_file(dir / "million");
  BOOST_REQUIRE(million.ok());
  BOOST_TEST(*million == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

BOOST_AUTO_TEST_CASE(sha256_of_missing_file_is_io_read) {
  TempDir dir;
  auto missing = ingest::sha256_file(dir / "missing");
  BOOST_REQUIRE(!missing.ok());
  BOOST_TEST(missing.error().code == "IO-READ");
}

BOOST_AUTO_TEST_SUITE_END()
