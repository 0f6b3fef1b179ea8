// fluxd's validation against the official EN 16931 artefacts' verdicts (version 1.3.16) on
// the corpus in ../shared: the 63 whole example invoices and the 1,140 CEN unit-test cases.
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "app/document_check.h"
#include "test_paths.h"
#include "validate/en16931.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The invoice embedded in the n-th (1-based) <test> of a CEN unit test set: the element that
// follows the test's <assert>. Namespaces are declared on the invoice element itself.
std::string extract_case(const std::string& test_set, int n) {
  std::size_t pos = 0;
  for (int seen = 0;;) {
    pos = test_set.find("<test", pos);
    if (pos == std::string::npos) return {};
    const char next = test_set[pos + 5];
    pos += 5;
    if (next != '>' && next != ' ' && next != '\t' && next != '\n' && next != '\r') continue;
    if (++seen == n) break;
  }
  const auto body = test_set.find('>', pos) + 1;
  const auto end = test_set.find("</test>", body);
  const auto assert_end = test_set.find("</assert>", body);
  const auto start = assert_end != std::string::npos && assert_end < end ? assert_end + 9 : body;
  return test_set.substr(start, end - start);
}

std::shared_ptr<const validate::SchemaSet> official_schemas(const fs::path& shared) {
  auto loaded = validate::SchemaSet::load(shared / "corpus" / "xsd");
  BOOST_TEST_REQUIRE(loaded.ok());
  return *loaded;
}

bool is_business_rule(const std::string& rule) {
  return !rule.starts_with("XSD-") && !rule.starts_with("FR-") && !rule.starts_with("FLOW-");
}

std::set<std::string> rules_of(const app::DocumentVerdict& v, model::Severity severity) {
  std::set<std::string> ids;
  for (const auto& f : v.findings)
    if (f.severity == severity && is_business_rule(f.rule)) ids.insert(f.rule);
  return ids;
}
std::set<std::string> fatal_rules(const app::DocumentVerdict& v) {
  return rules_of(v, model::Severity::fatal);
}
std::set<std::string> warning_rules(const app::DocumentVerdict& v) {
  return rules_of(v, model::Severity::warning);
}

std::set<std::string> official(const json& ids) {
  std::set<std::string> out;
  for (const auto& id : ids)
    if (is_business_rule(id.get<std::string>())) out.insert(id.get<std::string>());
  return out;
}

// Every rule id check_en16931 can report, fatal or warning.
std::set<std::string> implemented_rules() {
  std::set<std::string> ids;
  for (const auto& rule : validate::en16931_rules()) ids.insert(std::string(rule.id));
  for (const auto& rule : validate::en16931_warning_rules()) ids.insert(std::string(rule.id));
  for (const auto& rule : validate::en16931_conformance_rules()) ids.insert(std::string(rule.id));
  return ids;
}

std::string joined(const std::set<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : " ") + id;
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(en16931_corpus)

// Every example gets the official verdict, no error and no warning.
BOOST_AUTO_TEST_CASE(every_official_example_is_accepted_without_finding) {
  const auto shared = fluxd_test::shared_dir();
  if (shared.empty()) {
    BOOST_TEST_MESSAGE("../shared/corpus is absent: official examples skipped");
    return;
  }
  const json verdicts = json::parse(slurp(shared / "corpus/expected/en16931-verdicts.json"));
  BOOST_TEST_REQUIRE(verdicts.size() == 63u);
  app::DocumentChecker checker(ingest::Limits{}, official_schemas(shared));
  int agree = 0, warnings_agree = 0;
  for (const auto& expected : verdicts) {
    const std::string file = expected["file"];
    const auto verdict = checker.check_file(shared / "corpus" / file);
    std::set<std::string> errors;
    for (const auto& id : expected["errors"]) errors.insert(id.get<std::string>());
    const auto ours = fatal_rules(verdict);
    BOOST_TEST(ours == errors,
               file << ": fluxd [" << joined(ours) << "] official [" << joined(errors) << "]");
    BOOST_TEST(verdict.accepted == expected["valid"].get<bool>(), file);
    agree += ours == errors && verdict.accepted == expected["valid"].get<bool>();
    const auto warnings = official(expected["warnings"]);
    const auto our_warnings = warning_rules(verdict);
    BOOST_TEST(our_warnings == warnings, file << ": fluxd warnings [" << joined(our_warnings)
                                              << "] official [" << joined(warnings) << "]");
    warnings_agree += our_warnings == warnings;
  }
  BOOST_TEST_MESSAGE("official examples: " << agree << "/" << verdicts.size()
                                           << " agree on errors, " << warnings_agree << "/"
                                           << verdicts.size() << " on warnings");
}

// Every case must get exactly the official set of error rule ids and exactly the official set of
// warning rule ids (XSD-, FR- and FLOW- aside), and every rule fluxd implements must fire on
// exactly the cases where the official artefacts fire it. The agreements are printed.
BOOST_AUTO_TEST_CASE(implemented_rules_fire_exactly_where_the_official_artefacts_do) {
  const auto shared = fluxd_test::shared_dir();
  if (shared.empty()) {
    BOOST_TEST_MESSAGE("../shared/corpus is absent: CEN unit tests skipped");
    return;
  }
  const json cases = json::parse(slurp(shared / "corpus/expected/en16931-unit-verdicts.json"));
  BOOST_TEST_REQUIRE(cases.size() == 1140u);
  const std::set<std::string> implemented = implemented_rules();
  BOOST_TEST(implemented.size() >= 1300u);  // the count only goes up

  app::DocumentChecker checker(ingest::Limits{}, official_schemas(shared));
  std::map<std::string, std::string> test_sets;
  int whole_set_agree = 0, warning_set_agree = 0, expectation_agree = 0, expectations_checked = 0;
  std::map<std::string, int> disagreements;  // by rule id
  for (const auto& c : cases) {
    const std::string file = c["file"];
    auto& text = test_sets[file];
    if (text.empty()) text = slurp(shared / "corpus" / file);
    const int n = c["test"].get<int>();
    const std::string document = extract_case(text, n);
    BOOST_TEST_REQUIRE(!document.empty(), file << " #" << n);
    const auto verdict = checker.check(document, file + "#" + std::to_string(n));
    const auto ours = fatal_rules(verdict);
    const auto errors = official(c["errors"]);
    whole_set_agree += ours == errors;
    BOOST_TEST(ours == errors, file << " #" << n << ": fluxd [" << joined(ours) << "] official ["
                                    << joined(errors) << "]");
    const auto our_warnings = warning_rules(verdict);
    const auto warnings = official(c["warnings"]);
    warning_set_agree += our_warnings == warnings;
    BOOST_TEST(our_warnings == warnings, file << " #" << n << ": fluxd warnings ["
                                              << joined(our_warnings) << "] official ["
                                              << joined(warnings) << "]");

    // A rule fires as the official one does, with the official severity.
    for (const auto& rule : implemented) {
      const bool we_fire = ours.count(rule) + our_warnings.count(rule) == 1;
      const bool they_fire = errors.count(rule) + warnings.count(rule) == 1;
      if (we_fire != they_fire) ++disagreements[rule];
      BOOST_TEST(we_fire == they_fire,
                 file << " #" << n << ": " << rule << (we_fire ? " fired" : " did not fire")
                      << " (official: [" << joined(errors) << "] [" << joined(warnings) << "])");
    }
    const auto fires = [&](const std::string& rule) {
      return ours.count(rule) + our_warnings.count(rule) > 0;
    };
    for (const char* kind : {"error", "warning"})
      for (const auto& rule : c["expected"][kind]) {
        if (!implemented.count(rule.get<std::string>())) continue;
        ++expectations_checked;
        expectation_agree += fires(rule.get<std::string>());
      }
    for (const auto& rule : c["expected"]["success"]) {
      if (!implemented.count(rule.get<std::string>())) continue;
      ++expectations_checked;
      expectation_agree += !fires(rule.get<std::string>());
    }
  }
  BOOST_TEST_MESSAGE("CEN unit cases: "
                     << whole_set_agree << "/" << cases.size()
                     << " with exactly the official error set, " << warning_set_agree << "/"
                     << cases.size() << " with exactly the official warning set; "
                     << implemented.size() << " rules implemented; " << expectation_agree << "/"
                     << expectations_checked << " test expectations on implemented rules met");
  for (const auto& [rule, count] : disagreements)
    BOOST_TEST_MESSAGE("  " << rule << " disagrees on " << count << " cases");
}

BOOST_AUTO_TEST_SUITE_END()
