// "Prove it", part 2: hostile input against ONE running `fluxd run` daemon with two partners.
// Every hostile flow must end IN_REJETE with exactly the FLOW-… finding of the protection that
// stops it, while valid flows dropped in between are all IN_INTEGRE; the daemon is still
// running at the end and stops cleanly; nothing is written outside its data root; a 2 GB file
// is refused without being read.
//
// The small inputs are the hand-written files of tests/hostile/ (see its README.md); the large
// or binary ones are made here: bombs and unsafe ZIPs by tests/hostile/make_archives.py, PDFs
// by qpdf, a 40 MiB text node, 10,000 nested elements and a sparse 2 GB file in code.
#include <signal.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "e2e_support.h"
#include "ingest/ingest.h"
#include "route/process.h"
#include "test_paths.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

const fs::path kSamples = fluxd_test::source_dir() / "samples";
const fs::path kCorpus = fluxd_test::source_dir() / "tests" / "hostile";
const fs::path kValmont = kSamples / "flows" / "AAA999" / "01-ubl-valmont-accepted.xml";
const fs::path kBrenac = kSamples / "flows" / "AAA999" / "02-cii-brenac-urgences-accepted.xml";
const std::string kValmontNumber = "<cbc:ID>GB-2026-0412</cbc:ID>";
const std::string kValmontNote =
    "<cbc:Note>Travaux r\xC3\xA9"
    "alis\xC3\xA9s du 14 au 25 septembre 2026.</cbc:Note>";
constexpr std::uintmax_t kTwoGigabytes = std::uintmax_t{2} << 30;

// Valmont's accepted invoice under another number (FR-DUPLICATE stays on), with a trailing
// comment so that no two flows have the same bytes.
std::string valmont(const std::string& number, const std::string& comment) {
  std::string xml = fluxd_test::slurp(kValmont);
  const auto at = xml.find(kValmontNumber);
  BOOST_REQUIRE(at != std::string::npos);
  xml.replace(at, kValmontNumber.size(), "<cbc:ID>" + number + "</cbc:ID>");
  return xml + "<!-- " + comment + " -->\n";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  BOOST_REQUIRE_MESSAGE(at != std::string::npos, from);
  return text.replace(at, from.size(), to);
}

// A name as JSON text: control characters escaped, bytes that are not UTF-8 replaced.
std::string shown(const std::string& name) {
  return json(name).dump(-1, ' ', false, json::error_handler_t::replace);
}

bool has_control_character(const std::string& name) {
  for (const unsigned char c : name)
    if (c < 0x20 || c == 0x7F) return true;
  return false;
}

// Bytes the process has asked read() for so far (files, pipes, everything): /proc/<pid>/io.
std::uintmax_t bytes_read_by(pid_t pid) {
  std::istringstream io(fluxd_test::slurp("/proc/" + std::to_string(pid) + "/io"));
  std::string key;
  std::uintmax_t value = 0;
  while (io >> key >> value)
    if (key == "rchar:") return value;
  BOOST_FAIL("no rchar in /proc/" << pid << "/io");
  return 0;
}

using fluxd_test::tree;

// What one dropped file must become.
struct Expected {
  std::string partner;
  std::string name;      // as dropped
  std::string sha256;    // of the dropped bytes: how its flow is found
  std::string rule;      // the one fatal flow finding; "" for a flow that must be IN_INTEGRE
  std::string fragment;  // in that finding's message or location: which protection fired
};

struct HostileDaemon {
  fluxd_test::ScratchDir scratch{"hostile"};
  fs::path root = scratch.path();
  fs::path data = root / "data";
  fs::path config = root / "fluxd.toml";
  fs::path log = root / "daemon.log";
  fs::path staging = root / "staging";  // files are made here, then renamed into an inbox
  fs::path canary = root / "canary";    // what traversal members and links aim at
  std::unique_ptr<fluxd_test::ChildProcess> process;
  std::vector<Expected> expected;

  HostileDaemon() {
    fs::create_directories(staging);
    fs::create_directories(canary);
    std::ofstream(canary / "target.txt") << "canary: must stay as it is\n";
    const auto ref = kSamples / "referential";
    const auto shared = fluxd_test::shared_dir();
    std::ofstream(config)
        << "[data]\nroot = '" << data.string() << "'\n"
        << "[referential]\nstructures = '" << (ref / "structures.csv").string() << "'\nservices = '"
        << (ref / "services.csv").string() << "'\n"
        << "engagements = '" << (ref / "engagements.csv").string() << "'\n"
        << (shared.empty()
                ? ""
                : "[schemas]\nxsd_dir = '" + (shared / "corpus" / "xsd").string() + "'\n")
        // The flow size limit stays the default (1 GiB); the unpacked total is lowered so that
        // a total-size bomb costs tens of megabytes here, not gigabytes.
        << "[limits]\nmax_unpacked_bytes = 33554432\n"
        << "[daemon]\nworkers = 2\nstable_ms = 0\nrescan_seconds = 1\nmetrics_seconds = 1\n"
        << "[[partners]]\ncode = 'AAA999'\n[[partners]]\ncode = 'BBB111'\n";
  }

  void start() {
    process = std::make_unique<fluxd_test::ChildProcess>(
        std::vector<std::string>{FLUXD_BINARY, "run", "--config", config.string()}, log);
    BOOST_REQUIRE_MESSAGE(
        fluxd_test::wait_until(
            [&] { return fluxd_test::slurp(log).find("daemon.started") != std::string::npos; },
            30s),
        "the daemon did not start:\n"
            << fluxd_test::slurp(log));
  }

  fs::path inbox(const std::string& partner) const { return data / "inbox" / partner; }

  std::size_t finished() const {
    std::size_t n = 0;
    for (const char* folder : {"done", "failed"})
      for (const char* partner : {"AAA999", "BBB111"}) {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(data / folder / partner, ec))
          n += e.is_regular_file() ? 1 : 0;
      }
    return n;
  }
  // What is not finished, names JSON-quoted (they may hold control characters).
  std::string unfinished() const {
    std::string text = "finished " + std::to_string(finished()) + " of " +
                       std::to_string(expected.size()) + "; still waiting:";
    for (const char* folder : {"inbox", "work"})
      for (const char* partner : {"AAA999", "BBB111"})
        for (const auto& name : fluxd_test::names_in(data / folder / partner))
          text += " " + std::string(folder) + "/" + partner + "/" + shown(name);
    return text;
  }
  bool wait_finished(std::size_t n) const {
    return fluxd_test::wait_until([&] { return finished() >= n; }, 120s);
  }

  // A staged file renamed into the partner's drop directory (complete at once), and what it
  // must become.
  void drop_staged(const fs::path& staged, const std::string& partner, const std::string& name,
                   const std::string& rule, const std::string& fragment = "") {
    std::string sha;
    if (fs::file_size(staged) < (std::uintmax_t{1} << 30)) {
      auto hash = ingest::sha256_file(staged);
      BOOST_REQUIRE(hash);
      sha = *hash;
    }
    expected.push_back({partner, name, sha, rule, fragment});
    fs::create_directories(inbox(partner));
    fs::rename(staged, inbox(partner) / name);
  }
  void drop(const std::string& partner, const std::string& name, const std::string& bytes,
            const std::string& rule, const std::string& fragment = "") {
    const fs::path staged = staging / ("drop-" + std::to_string(expected.size()));
    std::ofstream(staged, std::ios::binary) << bytes;
    drop_staged(staged, partner, name, rule, fragment);
  }
  int valid_flows = 0;
  void drop_valid() {
    ++valid_flows;
    const std::string n = std::to_string(valid_flows);
    drop(valid_flows % 2 ? "AAA999" : "BBB111", "valide-" + n + ".xml",
         valmont("GB-OK-" + n, "valid flow " + n), "");
  }
};

// A PDF with the given embedded files (qpdf), staged under `name`.
void make_pdf(const fs::path& pdf, const std::vector<std::pair<std::string, fs::path>>& embedded) {
  std::string command = "qpdf --empty";
  for (const auto& [key, file] : embedded)
    command += " --add-attachment " + fluxd_test::quote(file) + " --key=" + key +
               " --filename=" + key + " --mimetype=text/xml --";
  const auto made = fluxd_test::run(command + " " + fluxd_test::quote(pdf));
  BOOST_REQUIRE_EQUAL(made.exit_code, 0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hostile_flows)

BOOST_AUTO_TEST_CASE(one_daemon_refuses_every_hostile_flow_and_keeps_serving) {
  HostileDaemon d;
  // Snapshot of everything beside the data root (the data root does not exist yet).
  const std::set<std::string> kMoving{"data", "staging", "made", "daemon.log"};
  const auto outside_before = tree(d.root, kMoving);
  const bool abs_existed = fs::exists("/abs.xml");

  // ---- the inputs made by the test (before the daemon starts: none of it is timed) ----
  const fs::path made = d.root / "made";
  fs::create_directories(made);
  const auto archives = fluxd_test::run(
      "python3 " + fluxd_test::quote(kCorpus / "make_archives.py") + " " + fluxd_test::quote(made) +
      " " + fluxd_test::quote(d.canary) + " " + fluxd_test::quote(kValmont) + " " +
      fluxd_test::quote(kCorpus / "xxe-external-entity.xml"));
  BOOST_REQUIRE_EQUAL(archives.exit_code, 0);
  const std::string brenac = fluxd_test::slurp(kBrenac);
  std::ofstream(made / "brenac-pharma.xml") << replaced(brenac, "URGENCES", "PHARMA");
  std::ofstream(made / "valmont-ubl.xml") << valmont("GB-PDF-UBL", "in a PDF");
  make_pdf(made / "pdf-without-invoice.pdf", {});
  make_pdf(made / "pdf-several-invoices.pdf",
           {{"factur-x.xml", kBrenac}, {"zugferd-invoice.xml", made / "brenac-pharma.xml"}});
  make_pdf(made / "pdf-xxe-inside.pdf", {{"factur-x.xml", kCorpus / "xxe-external-entity.xml"}});
  make_pdf(made / "pdf-ubl-inside.pdf", {{"factur-x.xml", made / "valmont-ubl.xml"}});
  fs::remove(made / "brenac-pharma.xml");
  fs::remove(made / "valmont-ubl.xml");

  d.start();

  // ---- hostile inputs, a valid flow after every third one, the two partners taking turns ----
  int turn = 0;
  auto partner = [&] { return turn++ % 2 ? "BBB111" : "AAA999"; };
  auto after = [&] {
    if (turn % 3 == 0) d.drop_valid();
  };
  auto corpus = [&](const std::string& file, const std::string& rule, const std::string& fragment) {
    d.drop(partner(), file, fluxd_test::slurp(kCorpus / file), rule, fragment);
    after();
  };
  auto archive = [&](const std::string& file, const std::string& rule,
                     const std::string& fragment) {
    const fs::path staged = d.staging / file;
    fs::rename(made / file, staged);
    d.drop_staged(staged, partner(), file, rule, fragment);
    after();
  };
  auto generated = [&](const std::string& file, const std::string& bytes, const std::string& rule,
                       const std::string& fragment) {
    d.drop(partner(), file, bytes, rule, fragment);
    after();
  };

  const std::string kDoctype = "DOCTYPE declarations are refused";
  // XXE, entities, DOCTYPE of any kind.
  corpus("xxe-external-entity.xml", "FLOW-UNSAFE-XML", kDoctype);
  corpus("xxe-parameter-entity.xml", "FLOW-UNSAFE-XML", kDoctype);
  corpus("xxe-external-dtd.xml", "FLOW-UNSAFE-XML", kDoctype);
  corpus("billion-laughs.xml", "FLOW-UNSAFE-XML", kDoctype);
  corpus("doctype-plain.xml", "FLOW-UNSAFE-XML", kDoctype);
  corpus("doctype-internal-subset.xml", "FLOW-UNSAFE-XML", kDoctype);
  // Depth and size inside the XML.
  std::string deep = "<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">";
  for (int i = 0; i < 10000; ++i) deep += "<a>";
  for (int i = 0; i < 10000; ++i) deep += "</a>";
  generated("deep-nesting.xml", deep + "</Invoice>", "FLOW-UNSAFE-XML", "nesting deeper than 64");
  generated("huge-text-node.xml",
            replaced(valmont("GB-HUGE-TEXT", "huge"), kValmontNote,
                     "<cbc:Note>" + std::string(40u << 20, 'A') + "</cbc:Note>"),
            "FLOW-UNSAFE-XML", "a text value longer than");
  // Encodings and characters.
  corpus("not-utf8.xml", "FLOW-MALFORMED-XML", "invalid byte");
  corpus("not-utf8-prolog.xml", "FLOW-MALFORMED-XML", "invalid byte");
  corpus("utf8-surrogate.xml", "FLOW-MALFORMED-XML", "3-byte sequence");
  corpus("control-character.xml", "FLOW-MALFORMED-XML", "invalid character 0x1");
  corpus("control-character-reference.xml", "FLOW-MALFORMED-XML", "invalid character reference");
  corpus("noncharacter.xml", "FLOW-MALFORMED-XML", "invalid character 0xFFFE");
  // Not an invoice, or not a whole one.
  corpus("wrong-namespace.xml", "FLOW-UNKNOWN-FORMAT", "not a UBL 2.1");
  corpus("missing-namespace.xml", "FLOW-UNKNOWN-FORMAT", "not a UBL 2.1");
  corpus("empty.xml", "FLOW-UNKNOWN-FORMAT", "the flow is empty");
  const std::string whole = valmont("GB-TRUNCATED", "cut");
  generated("truncated.xml", whole.substr(0, whole.size() / 2), "FLOW-MALFORMED-XML",
            "not well-formed XML at line:column");
  // ZIP batches: bombs, names leaving the folder, links, nesting, damage, a hostile member.
  archive("bomb-ratio.zip", "FLOW-UNSAFE-ARCHIVE", "max_compression_ratio");
  archive("bomb-total.zip", "FLOW-UNSAFE-ARCHIVE", "max_unpacked_bytes");
  archive("zip-traversal.zip", "FLOW-UNSAFE-ARCHIVE", "a '..' component");
  archive("zip-dotdot.zip", "FLOW-UNSAFE-ARCHIVE", "a '..' component");
  archive("zip-absolute.zip", "FLOW-UNSAFE-ARCHIVE", "an absolute path");
  archive("zip-absolute-root.zip", "FLOW-UNSAFE-ARCHIVE", "an absolute path");
  archive("zip-inner-traversal.zip", "FLOW-UNSAFE-ARCHIVE", "a '..' component");
  archive("zip-inner-traversal-canary.zip", "FLOW-UNSAFE-ARCHIVE", "a '..' component");
  archive("zip-drive-letter.zip", "FLOW-UNSAFE-ARCHIVE", "a drive letter");
  archive("zip-backslash.zip", "FLOW-UNSAFE-ARCHIVE", "a backslash");
  archive("zip-control-char.zip", "FLOW-UNSAFE-ARCHIVE", "a control character");
  archive("zip-symlink.zip", "FLOW-UNSAFE-ARCHIVE", "a symbolic link member is refused");
  archive("zip-nested.zip", "FLOW-UNSAFE-ARCHIVE", "nested archives are refused");
  archive("zip-damaged.zip", "FLOW-MALFORMED-ARCHIVE", "damaged ZIP");
  archive("zip-xxe-member.zip", "FLOW-UNSAFE-XML", kDoctype);
  // Factur-X PDFs.
  corpus("truncated.pdf", "FLOW-MALFORMED-PDF", "unreadable PDF");
  archive("pdf-without-invoice.pdf", "FLOW-UNKNOWN-FORMAT", "without an embedded factur-x.xml");
  archive("pdf-xxe-inside.pdf", "FLOW-UNSAFE-XML", kDoctype);
  archive("pdf-ubl-inside.pdf", "FLOW-UNKNOWN-FORMAT", "the embedded invoice is not CII");
  // Two embedded invoice XMLs: refused, rather than taking one and dropping the other.
  archive("pdf-several-invoices.pdf", "FLOW-AMBIGUOUS-INVOICE", "several invoice files");
  // File names: control characters, backslashes and dots, '%', not UTF-8, 240 bytes. Each is a
  // valid invoice, so each must come through to IN_INTEGRE with safe names on disk.
  const std::vector<std::string> odd_names = {
      std::string("ctl-\x01-\x1b[31m-\x7f-\n-\r-\t.xml"),
      "sub\\..\\..\\evil.xml",  // (a name starting with '.' is hidden: never a flow)
      "%2e%2e%2f100%-%0a.xml",
      "facture-\xFF\xFE-latin.xml",
      std::string(236, 'L') + ".xml",
  };
  for (std::size_t i = 0; i < odd_names.size(); ++i)
    generated(odd_names[i], valmont("GB-NAME-" + std::to_string(i), "odd name"), "", "");

  // Everything so far is finished; the daemon is idle.
  const std::size_t dropped = d.expected.size();
  if (!d.wait_finished(dropped)) BOOST_FAIL(d.unfinished());

  // ---- a 2 GB file: refused at the size limit without being read ----
  const fs::path huge = d.staging / "two-gigabytes.xml";
  std::ofstream(huge, std::ios::binary) << "<?xml version=\"1.0\"?>";
  fs::resize_file(huge, kTwoGigabytes);  // sparse: no disk used
  const auto read_before = bytes_read_by(d.process->pid());
  d.drop_staged(huge, "AAA999", "two-gigabytes.xml", "FLOW-TOO-LARGE", "more than the limit");
  if (!d.wait_finished(dropped + 1)) BOOST_FAIL(d.unfinished());
  const auto read_during = bytes_read_by(d.process->pid()) - read_before;
  BOOST_TEST_MESSAGE("bytes read by the daemon while it refused the 2 GB file: " << read_during);
  BOOST_TEST(read_during < (std::uintmax_t{64} << 20),
             "the daemon read " << read_during << " bytes of a refused 2 GB file");
  // And it still serves.
  d.drop_valid();
  if (!d.wait_finished(dropped + 2)) BOOST_FAIL(d.unfinished());
  BOOST_TEST(d.process->running());

  // ---- every flow's outcome, read from the reports each partner is given ----
  using Placed = std::pair<std::string, json>;  // the reports/ folder it is in, the report
  std::map<std::string, Placed> by_sha, by_name;
  for (const char* folder : {"AAA999", "BBB111"})
    for (const auto& name : fluxd_test::names_in(d.data / "reports" / folder)) {
      if (!name.ends_with(".json")) continue;
      // json::parse also refuses text that is not UTF-8, whatever the partner's bytes were.
      auto report =
          json::parse(fluxd_test::slurp(d.data / "reports" / folder / name), nullptr, false);
      BOOST_REQUIRE_MESSAGE(!report.is_discarded(), folder << "/" << name);
      by_sha[report["sha256"].get<std::string>()] = {folder, report};
      by_name[report["file"].get<std::string>()] = {folder, report};
    }
  BOOST_TEST(by_sha.size() == d.expected.size());
  int refused = 0, integrated = 0;
  for (const auto& want : d.expected) {
    BOOST_TEST_CONTEXT(want.partner << "/" << shown(want.name)) {
      const auto found = want.sha256.empty() ? by_name.find(want.name) : by_sha.find(want.sha256);
      if (found == (want.sha256.empty() ? by_name.end() : by_sha.end())) {
        BOOST_ERROR("no report");
        continue;
      }
      const auto& [folder, report] = found->second;
      // Reported to the partner that dropped it, and to no other.
      BOOST_TEST(folder == want.partner);
      BOOST_TEST(report["partner"] == want.partner);
      BOOST_TEST(report["duplicate_of"].is_null());
      if (want.rule.empty()) {
        BOOST_TEST(report["status"] == "IN_INTEGRE");
        BOOST_TEST(report["accepted"] == 1);
        ++integrated;
        continue;
      }
      ++refused;
      BOOST_TEST(report["status"] == "IN_REJETE");
      BOOST_TEST(report["invoices"] == 0);
      std::vector<std::string> fatal;
      for (const auto& f : report["findings"])
        if (f["severity"] == "fatal") fatal.push_back(f["rule"].get<std::string>());
      const std::string said = report["findings"].dump();
      BOOST_TEST(fatal == std::vector<std::string>{want.rule}, said);
      BOOST_TEST_MESSAGE(shown(want.name) << " -> " << said);
      BOOST_TEST(said.find(want.fragment) != std::string::npos, said);
      // Nothing of the files an entity named ever reaches a report.
      BOOST_TEST(said.find("root:x:0:0") == std::string::npos);
    }
  }
  BOOST_TEST_MESSAGE(refused << " hostile flows refused, " << integrated << " flows integrated ("
                             << d.valid_flows << " valid, " << odd_names.size()
                             << " with odd names)");
  BOOST_TEST(integrated == d.valid_flows + static_cast<int>(odd_names.size()));

  // Odd names: recorded as given, the invoice's document named as given (the claimed file's
  // name encodes control characters and '%', and the intake decodes them back).
  for (const auto& name : odd_names) {
    if (name.find('\xFF') != std::string::npos) continue;  // not UTF-8: shown with U+FFFD
    BOOST_TEST_CONTEXT(shown(name)) {
      BOOST_REQUIRE(by_name.count(name) == 1u);
      const json& report = by_name.at(name).second;
      const auto document = report["invoice_details"][0]["document"].get<std::string>();
      if (name.size() < 200) {
        BOOST_TEST(document == name);
      } else {  // the claimed file's name is cut to fit 255 bytes; the flow keeps it whole
        BOOST_TEST(document.size() > 200u);
        BOOST_TEST(name.starts_with(document));
      }
    }
  }
  // The operators' listing holds every flow, whatever bytes the partners put in names.
  const auto listing =
      fluxd_test::run(std::string(FLUXD_BINARY) + " suivi flows --json --limit 1000 --config " +
                      fluxd_test::quote(d.config) + " 2>&1");
  BOOST_TEST(listing.exit_code == 0, "suivi flows --json: " << listing.out);
  if (listing.exit_code == 0) BOOST_TEST(json::parse(listing.out).size() == d.expected.size());

  // ---- the daemon stops cleanly ----
  BOOST_TEST(d.process->running());
  BOOST_TEST(d.process->signal_and_wait(SIGTERM, 60s) == 0);

  // ---- nothing outside the data root, nothing unsafe inside it ----
  BOOST_TEST(tree(d.root, kMoving) == outside_before);
  BOOST_TEST(fluxd_test::slurp(d.canary / "target.txt") == "canary: must stay as it is\n");
  BOOST_TEST(tree(d.canary) == (std::set<std::string>{"target.txt"}));
  BOOST_TEST(fs::exists("/abs.xml") == abs_existed);
  BOOST_TEST(fluxd_test::names_in(d.staging).empty());
  std::vector<fs::path> report_xml;
  for (const auto& entry : fs::recursive_directory_iterator(d.data)) {
    const std::string name = entry.path().filename().string();
    BOOST_TEST(!has_control_character(name), shown(entry.path().string()));
    BOOST_TEST(name.size() <= 255u);
    BOOST_TEST(!entry.is_symlink(), shown(entry.path().string()));
    if (entry.path().extension() == ".xml" &&
        entry.path().parent_path().parent_path() == d.data / "reports")
      report_xml.push_back(entry.path());
    if (entry.path().extension() == ".json" &&
        entry.path().parent_path().parent_path() == d.data / "reports")
      BOOST_TEST(json::accept(fluxd_test::slurp(entry.path())),
                 entry.path().string());  // UTF-8 included
  }
  BOOST_TEST(fluxd_test::names_in(d.inbox("AAA999")).empty());
  BOOST_TEST(fluxd_test::names_in(d.inbox("BBB111")).empty());
  // Every report parses and is valid against its schema, whatever the names and bytes were.
  BOOST_REQUIRE_EQUAL(report_xml.size(), d.expected.size());
  std::string command =
      "xmllint --noout --schema " +
      fluxd_test::quote(fluxd_test::source_dir() / "schemas" / "integration-report.xsd");
  for (const auto& file : report_xml) command += " " + fluxd_test::quote(file);
  const auto lint = fluxd_test::run(command + " 2>&1");
  BOOST_TEST(lint.exit_code == 0, lint.out);
}

BOOST_AUTO_TEST_SUITE_END()
