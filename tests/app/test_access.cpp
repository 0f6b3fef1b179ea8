// "Prove it", part 5: access, end to end with `fluxd batch`.
//  - A partner is told of its own flows only: reports under reports/<it>/, lifecycle messages
//    under lifecycle/<it>/, `suivi flows --partner <it>` lists nothing of the others.
//  - Paths made from invoice content (BT-1, BT-10, supplier id or name) or from archive member
//    names stay inside the data root: routed files land in outbox/<recipient>/<service>/ under
//    safe names, unsafe members are refused, and nothing is created anywhere else.
//  - A symbolic link in a drop directory is never taken, whatever it points at.
// Status-update sender folders (a recipient reaches only its own invoices, a partner only its
// flows' ones) are proven in tests/app/test_lifecycle_e2e.cpp, not again here.
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "e2e_support.h"
#include "route/process.h"
#include "test_paths.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kSamples = fluxd_test::source_dir() / "samples";
const fs::path kValmont = kSamples / "flows" / "AAA999" / "01-ubl-valmont-accepted.xml";
const std::string kValmontNumber = "<cbc:ID>GB-2026-0412</cbc:ID>";
const std::string kValmontSiret = "21384512600019";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  BOOST_REQUIRE_MESSAGE(at != std::string::npos, from);
  return text.replace(at, from.size(), to);
}

// Valmont's accepted invoice under another number (FR-DUPLICATE stays on).
std::string valmont(const std::string& number) {
  return replaced(fluxd_test::slurp(kValmont), kValmontNumber, "<cbc:ID>" + number + "</cbc:ID>");
}

// The same invoice from a supplier known by no identifier, only by its name (the invoice key
// is then made of the name), or by an identifier in a scheme that is not SIRET.
std::string from_supplier_named(const std::string& number, const std::string& name) {
  std::string xml = valmont(number);
  xml = replaced(xml,
                 "        <cac:PartyIdentification>\n"
                 "          <cbc:ID schemeID=\"0009\">81247730500013</cbc:ID>\n"
                 "        </cac:PartyIdentification>\n",
                 "");
  xml = replaced(xml, "<cbc:CompanyID schemeID=\"0009\">81247730500013</cbc:CompanyID>\n", "");
  xml = replaced(xml, "<cbc:Name>B\xC3\xA2timents Garnier SAS</cbc:Name>",
                 "<cbc:Name>" + name + "</cbc:Name>");
  return replaced(xml, "<cbc:RegistrationName>B\xC3\xA2timents Garnier SAS</cbc:RegistrationName>",
                  "<cbc:RegistrationName>" + name + "</cbc:RegistrationName>");
}
std::string from_supplier_id(const std::string& number, const std::string& id) {
  std::string xml = valmont(number);
  xml = replaced(xml, "<cbc:ID schemeID=\"0009\">81247730500013</cbc:ID>",
                 "<cbc:ID schemeID=\"0088\">" + id + "</cbc:ID>");
  return replaced(xml, "<cbc:CompanyID schemeID=\"0009\">81247730500013</cbc:CompanyID>",
                  "<cbc:CompanyID schemeID=\"0088\">" + id + "</cbc:CompanyID>");
}
std::string with_service(const std::string& number, const std::string& service) {
  return replaced(valmont(number), "<cac:AccountingSupplierParty>",
                  "<cbc:BuyerReference>" + service +
                      "</cbc:BuyerReference>\n    <cac:AccountingSupplierParty>");
}

bool has_control_character(const std::string& name) {
  for (const unsigned char c : name)
    if (c < 0x20 || c == 0x7F) return true;
  return false;
}

using fluxd_test::tree;

// Two partners, both receiving lifecycle messages; the data root inside a scratch folder that
// holds nothing else but the configuration and what a test puts there itself.
struct AccessBox {
  fluxd_test::ScratchDir scratch{"access"};
  fs::path root = scratch.path();
  fs::path data = root / "data";
  fs::path config = root / "fluxd.toml";

  AccessBox() {
    const auto ref = kSamples / "referential";
    std::ofstream(config) << "[data]\nroot = '" << data.string() << "'\n"
                          << "[referential]\nstructures = '" << (ref / "structures.csv").string()
                          << "'\nservices = '" << (ref / "services.csv").string() << "'\n"
                          << "engagements = '" << (ref / "engagements.csv").string() << "'\n"
                          << "[[partners]]\ncode = 'AAA999'\nlifecycle = true\n"
                          << "[[partners]]\ncode = 'ERP042'\nlifecycle = true\n";
  }
  fs::path inbox(const std::string& partner) const { return data / "inbox" / partner; }
  void drop(const std::string& partner, const std::string& name, const std::string& bytes) const {
    fs::create_directories(inbox(partner));
    std::ofstream(inbox(partner) / name, std::ios::binary) << bytes;
  }
  fluxd_test::Run fluxd(const std::string& args) const {
    return fluxd_test::run(std::string(FLUXD_BINARY) + " " + args + " --config " +
                           fluxd_test::quote(config));
  }
  json json_of(const std::string& args) const {
    auto r = fluxd(args + " --json");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, args << ": " << r.out);
    return json::parse(r.out);
  }
  json batch_and_flows() const {
    auto r = fluxd("batch");
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out);
    return json_of("suivi flows --limit 1000");
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(partner_access)

BOOST_AUTO_TEST_CASE(a_partner_is_told_of_its_own_flows_only) {
  AccessBox box;
  const auto flows_of = kSamples / "flows";
  const std::string a_bytes = valmont("GB-A-1");
  box.drop("AAA999", "a-valmont.xml", a_bytes);
  box.drop("AAA999", "a-brenac.xml",
           fluxd_test::slurp(flows_of / "AAA999" / "02-cii-brenac-urgences-accepted.xml"));
  box.drop("AAA999", "a-refused.xml", "pas une facture");
  box.drop("ERP042", "b-hautvallon.xml",
           fluxd_test::slurp(flows_of / "ERP042" / "01-cii-hautvallon-ej-accepted.xml"));
  box.drop("ERP042", "b-valmont.xml", valmont("GB-B-1"));
  box.drop("ERP042", "b-recipient-unknown.xml",
           fluxd_test::slurp(flows_of / "AAA999" / "07-ubl-recipient-unknown.xml"));
  // The very bytes A sent: B gets a FLOW-DUPLICATE of its own, not A's report.
  box.drop("ERP042", "b-same-bytes-as-a.xml", a_bytes);
  const auto flows = box.batch_and_flows();
  BOOST_REQUIRE_EQUAL(flows.size(), 7u);

  std::map<std::string, std::set<std::int64_t>> numbers;  // partner -> its flows
  for (const auto& f : flows)
    numbers[f["partner"].get<std::string>()].insert(f["number"].get<std::int64_t>());
  BOOST_TEST(numbers["AAA999"].size() == 3u);
  BOOST_TEST(numbers["ERP042"].size() == 4u);

  for (const std::string partner : {"AAA999", "ERP042"}) {
    BOOST_TEST_CONTEXT(partner) {
      // Reports: exactly one XML and one JSON per flow of the partner, in its folder only.
      std::set<std::int64_t> reported;
      for (const auto& name : fluxd_test::names_in(box.data / "reports" / partner)) {
        BOOST_REQUIRE(name.starts_with("CR-"));
        const auto number = std::stoll(name.substr(3, 10));
        BOOST_TEST(numbers[partner].contains(number), name);
        if (name.ends_with(".json")) {
          reported.insert(number);
          const auto report = json::parse(fluxd_test::slurp(box.data / "reports" / partner / name));
          BOOST_TEST(report["partner"] == partner);
        } else {
          BOOST_TEST(name.ends_with(".xml"));
          const auto xml = fluxd_test::slurp(box.data / "reports" / partner / name);
          BOOST_TEST(xml.find("<partner>" + partner + "</partner>") != std::string::npos);
        }
      }
      BOOST_TEST(reported == numbers[partner]);
      // Lifecycle messages: each about a flow of the partner.
      const std::regex flow_number("<flowNumber>([0-9]+)</flowNumber>");
      std::size_t messages = 0;
      for (const auto& name : fluxd_test::names_in(box.data / "lifecycle" / partner)) {
        const auto xml = fluxd_test::slurp(box.data / "lifecycle" / partner / name);
        std::smatch m;
        BOOST_REQUIRE(std::regex_search(xml, m, flow_number));
        BOOST_TEST(numbers[partner].contains(std::stoll(m[1].str())), name);
        BOOST_TEST(xml.find("<partner>" + partner + "</partner>") != std::string::npos);
        ++messages;
      }
      // Two per invoice: DEPOSEE, then MISE_A_DISPOSITION (accepted) or REJETEE.
      BOOST_TEST(messages == (partner == "AAA999" ? 4u : 6u));
      // The operators' filter shows one partner's flows, all of them.
      std::set<std::int64_t> listed;
      for (const auto& f : box.json_of("suivi flows --limit 1000 --partner " + partner)) {
        BOOST_TEST(f["partner"] == partner);
        listed.insert(f["number"].get<std::int64_t>());
      }
      BOOST_TEST(listed == numbers[partner]);
      for (const auto& row : box.json_of("suivi export --format json --partner " + partner))
        BOOST_TEST(numbers[partner].contains(row["flow"].get<std::int64_t>()));
    }
  }
  // No folder of a partner that was never configured, nothing for nobody.
  for (const char* folder : {"reports", "lifecycle", "done", "failed"})
    BOOST_TEST(fluxd_test::names_in(box.data / folder) ==
               (std::set<std::string>{"AAA999", "ERP042"}));
  // What B is told about A's identical bytes: a duplicate of flow <n> (a number of A's, no
  // more: not A's name, findings or invoices).
  for (const auto& f : flows)
    if (f["file"] == "b-same-bytes-as-a.xml") {
      BOOST_TEST(f["status"] == "IN_REJETE");
      const auto report = box.json_of("suivi flow " + std::to_string(f["number"].get<int>()));
      BOOST_TEST(report["invoice_details"].empty());
      BOOST_TEST(report.dump().find("a-valmont.xml") == std::string::npos);
      BOOST_TEST_MESSAGE("B's duplicate report: " << report["findings"].dump());
    }
}

BOOST_AUTO_TEST_CASE(invoice_content_never_steers_a_path_outside_the_outbox) {
  AccessBox box;
  const std::string long_name = "../../..\\..\\" + [] {
    std::string s;
    for (int i = 0; i < 80; ++i) s += "../";
    return s;
  }() + "\t&#x9B;[31m&#x85;evil";
  // Accepted (so routed) with hostile identifiers.
  box.drop("AAA999", "number.xml", valmont("../..\\a/b\t&#x85;&#x9B;c&#x7F;"));
  box.drop("AAA999", "number-dots.xml", valmont(".."));
  box.drop("AAA999", "supplier-id.xml",
           from_supplier_id("GB-SUP-1", "../../../..\\..\\" + long_name));
  box.drop("AAA999", "supplier-name.xml", from_supplier_named("GB-NAME-1", long_name));
  // Two suppliers known only by names that differ where they are not safe in a file name
  // (u-umlaut, o-umlaut), the same number: two invoices, two files.
  box.drop("AAA999", "mueller.xml", from_supplier_named("F-1", "M\xC3\xBCller GmbH"));
  box.drop("AAA999", "moeller.xml", from_supplier_named("F-1", "M\xC3\xB6ller GmbH"));
  // Refused (never routed), whatever they try.
  box.drop("AAA999", "service.xml", with_service("GB-SVC-1", "../../../x\\y"));
  box.drop("AAA999", "service-long.xml", with_service("GB-SVC-2", std::string(150, '.') + "/x"));
  box.drop("AAA999", "number-long.xml", valmont("../../../../../../../../etc/passwd"));
  const std::set<std::string> before = tree(box.root, {"data"});
  const auto flows = box.batch_and_flows();
  BOOST_REQUIRE_EQUAL(flows.size(), 9u);

  std::map<std::string, std::string> status;  // file -> flow status
  for (const auto& f : flows) status[f["file"].get<std::string>()] = f["status"].get<std::string>();
  for (const char* accepted : {"number.xml", "number-dots.xml", "supplier-id.xml",
                               "supplier-name.xml", "mueller.xml", "moeller.xml"})
    BOOST_TEST(status[accepted] == "IN_INTEGRE", accepted);
  for (const char* refused : {"service.xml", "service-long.xml", "number-long.xml"})
    BOOST_TEST(status[refused] == "IN_REJETE", refused);

  // Every routed file: outbox/<recipient SIRET>/<service or _>/<plain safe name>.
  const fs::path outbox = box.data / "outbox";
  const std::regex safe("[A-Za-z0-9_-][A-Za-z0-9._-]*");
  std::size_t invoices = 0;
  for (const auto& entry : fs::recursive_directory_iterator(outbox)) {
    const auto relative = fs::relative(entry.path(), outbox);
    std::vector<std::string> parts;
    for (const auto& part : relative) parts.push_back(part.string());
    BOOST_TEST_CONTEXT(json(relative.string()).dump()) {
      for (const auto& part : parts) {
        BOOST_TEST(part != "..");
        BOOST_TEST(part != ".");
        BOOST_TEST(!has_control_character(part));
        BOOST_TEST(part.size() <= 255u);
        BOOST_TEST(std::regex_match(part, safe));
      }
      BOOST_TEST(!entry.is_symlink());
      if (!entry.is_regular_file()) continue;
      BOOST_REQUIRE_EQUAL(parts.size(), 3u);
      BOOST_TEST(parts[0] == kValmontSiret);
      BOOST_TEST(parts[1] == "_");
      if (parts[2].ends_with(".meta.json"))
        BOOST_TEST(json::accept(fluxd_test::slurp(entry.path())));
      else if (parts[2].ends_with(".xml"))
        ++invoices;
    }
  }
  BOOST_TEST(invoices == 6u);  // one file per accepted invoice: none overwrote another
  BOOST_TEST(fluxd_test::names_in(outbox) == (std::set<std::string>{kValmontSiret}));
  BOOST_TEST(fluxd_test::names_in(outbox / kValmontSiret) == (std::set<std::string>{"_"}));
  // Nothing beside the data root, and no name with a control character inside it.
  BOOST_TEST(tree(box.root, {"data"}) == before);
  for (const auto& entry : fs::recursive_directory_iterator(box.data))
    BOOST_TEST(!has_control_character(entry.path().filename().string()),
               json(entry.path().string()).dump());
}

BOOST_AUTO_TEST_CASE(unsafe_zip_members_are_refused_and_nothing_is_created) {
  AccessBox box;
  const fs::path canary = box.root / "canary";
  const fs::path made = box.root / "made";
  fs::create_directories(canary);
  fs::create_directories(made);
  std::ofstream(canary / "target.txt") << "canary\n";
  const auto r = fluxd_test::run(
      "python3 " + fluxd_test::quote(fluxd_test::source_dir() / "tests/hostile/make_archives.py") +
      " " + fluxd_test::quote(made) + " " + fluxd_test::quote(canary) + " " +
      fluxd_test::quote(kValmont) + " " +
      fluxd_test::quote(fluxd_test::source_dir() / "tests/hostile/xxe-external-entity.xml"));
  BOOST_REQUIRE_EQUAL(r.exit_code, 0);
  // Members "../../x.xml", "/abs.xml", "a/../../b.xml", "C:\x.xml", a symbolic link, and
  // traversal / absolute names aiming at the canary folder from wherever they are unpacked.
  const std::map<std::string, std::string> archives = {
      {"zip-dotdot.zip", "a '..' component"},
      {"zip-absolute-root.zip", "an absolute path"},
      {"zip-inner-traversal.zip", "a '..' component"},
      {"zip-drive-letter.zip", "a drive letter"},
      {"zip-symlink.zip", "a symbolic link member is refused"},
      {"zip-traversal.zip", "a '..' component"},
      {"zip-absolute.zip", "an absolute path"},
      {"zip-inner-traversal-canary.zip", "a '..' component"},
      {"zip-backslash.zip", "a backslash"},
  };
  fs::create_directories(box.inbox("ERP042"));
  for (const auto& [zip, why] : archives) fs::rename(made / zip, box.inbox("ERP042") / zip);
  const std::set<std::string> before = tree(box.root, {"data"});
  const bool abs_existed = fs::exists("/abs.xml");
  const bool tmp_x_existed = fs::exists("/tmp/x.xml") || fs::exists("/tmp/b.xml");

  const auto flows = box.batch_and_flows();
  BOOST_REQUIRE_EQUAL(flows.size(), archives.size());
  for (const auto& f : flows) {
    BOOST_TEST_CONTEXT(f["file"].get<std::string>()) {
      const auto report = box.json_of("suivi flow " + std::to_string(f["number"].get<int>()));
      BOOST_TEST(report["status"] == "IN_REJETE");
      BOOST_REQUIRE_EQUAL(report["findings"].size(), 1u);
      BOOST_TEST(report["findings"][0]["rule"] == "FLOW-UNSAFE-ARCHIVE");
      BOOST_TEST(report["findings"][0]["message"].get<std::string>().find(
                     archives.at(f["file"].get<std::string>())) != std::string::npos);
      BOOST_TEST(report["invoice_details"].empty());
    }
  }
  // Nothing was unpacked anywhere: not in the outbox, not beside the data root, not at the
  // places the names aim at.
  BOOST_TEST(fluxd_test::names_in(box.data / "outbox").empty());
  BOOST_TEST(tree(box.root, {"data"}) == before);
  BOOST_TEST(tree(canary) == (std::set<std::string>{"target.txt"}));
  BOOST_TEST(fluxd_test::slurp(canary / "target.txt") == "canary\n");
  BOOST_TEST(fs::exists("/abs.xml") == abs_existed);
  BOOST_TEST((fs::exists("/tmp/x.xml") || fs::exists("/tmp/b.xml")) == tmp_x_existed);
  for (const auto& path : tree(box.data)) {
    const auto name = fs::path(path).filename().string();
    BOOST_TEST(name != "x.xml");
    BOOST_TEST(name != "b.xml");
    BOOST_TEST(name != "abs.xml");
    BOOST_TEST(!fs::is_symlink(box.data / path), path);
  }
}

BOOST_AUTO_TEST_CASE(a_symbolic_link_in_a_drop_directory_is_never_taken) {
  AccessBox box;
  // A valid invoice outside the inbox: were a link followed, it would make a flow.
  const fs::path outside = box.root / "outside";
  fs::create_directories(outside);
  const std::string secret = valmont("GB-SECRET-1");
  std::ofstream(outside / "secret.xml") << secret;
  const auto secret_time = fs::last_write_time(outside / "secret.xml");
  box.drop("AAA999", "a-facture.xml", valmont("GB-A-1"));
  fs::create_directories(box.inbox("ERP042"));
  fs::create_symlink(outside / "secret.xml", box.inbox("AAA999") / "lien.xml");
  fs::create_directory_symlink(outside, box.inbox("AAA999") / "lien-dossier");
  fs::create_symlink(outside / "absent.xml", box.inbox("AAA999") / "lien-casse.xml");
  // B links to a file waiting in A's drop directory, to have A's flow reported to B.
  fs::create_symlink(box.inbox("AAA999") / "a-facture.xml", box.inbox("ERP042") / "vol.xml");
  fs::create_symlink("../AAA999/a-facture.xml", box.inbox("ERP042") / "vol-relatif.xml");

  for (int run = 0; run < 2; ++run) {
    const auto flows = box.batch_and_flows();
    // Only A's own file became a flow, A's.
    BOOST_REQUIRE_EQUAL(flows.size(), 1u);
    BOOST_TEST(flows[0]["partner"] == "AAA999");
    BOOST_TEST(flows[0]["file"] == "a-facture.xml");
    BOOST_TEST(flows[0]["status"] == "IN_INTEGRE");
  }
  // The links are where they were, untouched; what they point at too.
  for (const char* link : {"lien.xml", "lien-dossier", "lien-casse.xml"})
    BOOST_TEST(fs::is_symlink(box.inbox("AAA999") / link), link);
  for (const char* link : {"vol.xml", "vol-relatif.xml"})
    BOOST_TEST(fs::is_symlink(box.inbox("ERP042") / link), link);
  BOOST_TEST(fluxd_test::slurp(outside / "secret.xml") == secret);
  BOOST_TEST((fs::last_write_time(outside / "secret.xml") == secret_time));
  BOOST_TEST(fluxd_test::names_in(outside) == (std::set<std::string>{"secret.xml"}));
  BOOST_TEST(fluxd_test::names_in(box.data / "reports" / "ERP042").empty());
  BOOST_TEST(fluxd_test::names_in(box.data / "work" / "AAA999").empty());
  BOOST_TEST(fluxd_test::names_in(box.data / "work" / "ERP042").empty());
  // The invoice behind the link was never read: no invoice of that number exists.
  BOOST_TEST(box.json_of("suivi search --number GB-SECRET").empty());
}

BOOST_AUTO_TEST_SUITE_END()
