// DropWatch on real folders with real inotify events. Time is passed in, so "stable for 2 s"
// is tested by asking at now + 2 s, never by sleeping.
#include "ingest/drop_watch.h"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <fstream>

namespace fs = std::filesystem;
using ingest::DropRules;
using ingest::DropWatch;
using namespace std::chrono_literals;

namespace {

struct Drop {
  fs::path dir = fs::temp_directory_path() /
                 ("fluxd-drop-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
  std::unique_ptr<DropWatch> watch;
  DropWatch::Clock::time_point t0 = DropWatch::Clock::now();
  static inline int counter = 0;

  explicit Drop(DropRules rules = {}) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto opened = DropWatch::open();
    BOOST_REQUIRE(opened);
    watch = std::move(*opened);
    BOOST_REQUIRE(watch->watch("P1", dir, rules));
  }
  ~Drop() { fs::remove_all(dir); }

  void write(const std::string& name, const std::string& bytes) const {
    std::ofstream(dir / name, std::ios::binary) << bytes;
  }
  // Written elsewhere then renamed in, as a careful uploader does.
  void rename_in(const std::string& name, const std::string& bytes) const {
    write(".incoming-" + name, bytes);
    fs::rename(dir / (".incoming-" + name), dir / name);
  }
  std::vector<std::string> ready_at(DropWatch::Clock::duration after) {
    watch->read_events(t0 + after);
    std::vector<std::string> names;
    for (const auto& r : watch->take_ready(t0 + after)) {
      BOOST_TEST(r.partner == "P1");
      names.push_back(r.file.filename().string());
    }
    return names;
  }
};

using Names = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(drop_watch)

BOOST_AUTO_TEST_CASE(a_file_renamed_in_is_complete_at_once) {
  Drop drop(DropRules{60s, ""});
  drop.rename_in("f1.xml", "<x/>");
  BOOST_TEST(drop.ready_at(0s) == Names{"f1.xml"});
  BOOST_TEST(drop.ready_at(1s).empty());  // handed out once
}

BOOST_AUTO_TEST_CASE(a_file_closed_in_place_waits_until_stable) {
  Drop drop(DropRules{2s, ""});
  drop.write("f2.xml", "<x/>");
  BOOST_TEST(drop.ready_at(0s).empty());
  BOOST_TEST(drop.ready_at(1s).empty());
  BOOST_REQUIRE(drop.watch->next_check().has_value());
  BOOST_TEST(drop.ready_at(3s) == Names{"f2.xml"});
  BOOST_TEST(!drop.watch->next_check().has_value());
}

BOOST_AUTO_TEST_CASE(a_half_written_file_is_not_taken_while_it_grows) {
  Drop drop(DropRules{2s, ""});
  std::ofstream out(drop.dir / "big.xml", std::ios::binary);
  out << "<Invoice>" << std::flush;  // still open: no close-write yet
  drop.watch->rescan(drop.t0);       // a rescan sees it, as on a network filesystem
  BOOST_TEST(drop.ready_at(1s).empty());
  out << std::string(4096, ' ') << std::flush;  // grew between two looks
  BOOST_TEST(drop.ready_at(3s).empty());        // changed since: a full delay again
  BOOST_TEST(drop.ready_at(4s).empty());
  out << "</Invoice>";
  out.close();
  BOOST_TEST(drop.ready_at(4500ms).empty());  // just closed: not yet stable
  BOOST_TEST(drop.ready_at(7s) == Names{"big.xml"});
}

BOOST_AUTO_TEST_CASE(hidden_and_temporary_names_are_never_taken) {
  Drop drop(DropRules{0s, ""});
  for (const char* name :
       {".hidden.xml", "a.xml.tmp", "a.xml.part", "a.xml.filepart", "a.xml.writing", "A.XML.PART"})
    drop.write(name, "<x/>");
  drop.watch->rescan(drop.t0);
  BOOST_TEST(drop.ready_at(10s).empty());
}

BOOST_AUTO_TEST_CASE(a_partner_with_a_done_marker_is_taken_only_with_its_marker) {
  Drop drop(DropRules{0s, ".done"});
  drop.rename_in("f3.xml", "<x/>");
  BOOST_TEST(drop.ready_at(10s).empty());  // complete by rename, but no marker yet
  drop.write("f3.xml.done", "");
  BOOST_TEST(drop.ready_at(10s) == Names{"f3.xml"});  // the marker itself is never a flow
  const auto marker = ingest::marker_of(drop.dir / "f3.xml", DropRules{0s, ".done"});
  BOOST_REQUIRE(marker.has_value());
  BOOST_TEST(marker->filename() == "f3.xml.done");
}

BOOST_AUTO_TEST_CASE(a_marker_older_than_its_file_does_not_count) {
  const DropRules rules{0s, ".done"};
  Drop drop(rules);
  drop.write("f5.xml.done", "");  // left over from an earlier f5.xml
  drop.rename_in("f5.xml", "<x/>");
  const auto file_time = fs::last_write_time(drop.dir / "f5.xml");
  fs::last_write_time(drop.dir / "f5.xml.done", file_time - 1h);
  BOOST_TEST(drop.ready_at(10s).empty());
  BOOST_TEST(ingest::complete_files(drop.dir, rules).empty());
  fs::last_write_time(drop.dir / "f5.xml.done", file_time + 1s);  // the partner marks it done
  BOOST_TEST(ingest::complete_files(drop.dir, rules).size() == 1u);
  drop.watch->rescan(drop.t0 + 11s);
  BOOST_TEST(drop.ready_at(11s) == Names{"f5.xml"});
}

BOOST_AUTO_TEST_CASE(a_rescan_finds_files_that_sent_no_event) {
  Drop drop(DropRules{1s, ""});
  // Its events are never read, as when the inotify queue overflowed or on a network
  // filesystem: only the rescan can find it.
  drop.write("f4.xml", "<x/>");
  drop.watch->rescan(drop.t0);
  BOOST_TEST(drop.watch->take_ready(drop.t0 + 2s).size() == 1u);
}

BOOST_AUTO_TEST_CASE(files_already_there_when_watching_starts_are_seen) {
  const fs::path dir = fs::temp_directory_path() / ("fluxd-drop-pre-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "early.xml") << "<x/>";
  auto watch = DropWatch::open();
  BOOST_REQUIRE(watch);
  const auto t0 = DropWatch::Clock::now();
  BOOST_REQUIRE((*watch)->watch("P1", dir, DropRules{1s, ""}));
  const auto ready = (*watch)->take_ready(t0 + 2s);
  BOOST_REQUIRE_EQUAL(ready.size(), 1u);
  BOOST_TEST(ready[0].file.filename() == "early.xml");
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(a_forgotten_name_is_handed_out_again_when_a_new_file_comes) {
  Drop drop(DropRules{0s, ""});
  drop.rename_in("same.xml", "<a/>");
  BOOST_TEST(drop.ready_at(0s) == Names{"same.xml"});
  fs::remove(drop.dir / "same.xml");  // claimed by the daemon
  drop.rename_in("same.xml", "<b/>");
  BOOST_TEST(drop.ready_at(1s).empty());  // not forgotten yet: the daemon still holds it
  drop.watch->forget(drop.dir / "same.xml");
  drop.rename_in("same.xml", "<c/>");
  BOOST_TEST(drop.ready_at(2s) == Names{"same.xml"});
}

BOOST_AUTO_TEST_CASE(batch_takes_only_complete_files) {
  Drop drop(DropRules{0s, ".ok"});
  drop.write("with.xml", "<x/>");
  drop.write("with.xml.ok", "");
  drop.write("without.xml", "<x/>");
  const auto files = ingest::complete_files(drop.dir, DropRules{0s, ".ok"});
  BOOST_REQUIRE_EQUAL(files.size(), 1u);
  BOOST_TEST(files[0].filename() == "with.xml");
  BOOST_TEST(ingest::complete_files(drop.dir, DropRules{}).size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
