// The official EN 16931 examples come in pairs, the same invoice in UBL (ubl-tc434-exampleN.xml)
// and in CII (CII_exampleN.xml): read both, they must give the same model. Only differences that
// the two files themselves carry (checked by hand, listed in kKnownDifferences) are allowed.
#include <boost/test/unit_test.hpp>
#include <map>
#include <set>
#include <sstream>
#include <string_view>
#include <vector>

#include "ingest/ingest.h"
#include "model/durable.h"
#include "model/invoice.h"
#include "test_paths.h"

namespace fs = std::filesystem;

namespace {

// Terms whose values differ between a pair because the two official files carry different data
// (each checked by hand in the files). Patterns are labels of model::to_debug_string lines; '*'
// stands for any text (e.g. a group index). Everything else must be equal.
struct KnownDifferences {
  int example;
  std::vector<std::string> patterns;
  const char* why;
};

const std::vector<KnownDifferences> kKnownDifferences = {
    // Throughout the set the UBL files use unit code EA (KW in example 8) where the CII files
    // use H87/C62/NAR (KWT), and the CII files repeat SpecifiedTradeSettlementPaymentMeans once
    // more than the UBL files have PaymentMeans.
    {0, {"BG-25 line[*].quantity_unit", "BG-25 line[*].price.base_quantity_unit"}, "unit codes"},
    {0, {"BG-16 payment_instructions[2]*"}, "CII writes one more payment means"},
    {1,
     {"BG-1 note[1].*"},
     "UBL note ends \"'85##Delivery terms\", CII \"'85.\" with SubjectCode AAR"},
    {1, {"BG-25 line[2].item.name", "BG-25 line[13].item.name"}, "item names spelt differently"},
    {2, {"BG-10 payee.id[1]"}, "UBL payee id has schemeID 0088, CII none"},
    {2, {"BG-20 allowance[1].charge_indicator"}, "UBL writes ChargeIndicator 0, CII false"},
    {2, {"BG-20 allowance[1].reason_code", "BG-21 charge[1].reason_code"}, "reason codes differ"},
    {2, {"BG-24 supporting_document[*"}, "attachment on Doc1 in CII, on Doc2 in UBL"},
    {2,
     {"BG-25 line[*].item.classification[*]", "BG-25 line[*].item.standard_id",
      "BG-25 line[*].order_line_reference", "BG-25 line[*].period.end_date",
      "BG-25 line[*].price.*", "BG-25 line[*].quantity"},
     "line data differ (classifications, quantities, base quantities, gross prices)"},
    {2, {"BT-23 process_id"}, "UBL has ProfileID, CII no BusinessProcess parameter"},
    {2, {"BT-7 tax_point_date", "BT-8 tax_point_date_code"}, "UBL gives BT-8 code 3, CII BT-7"},
    {3,
     {"BG-25 line[2]*", "BG-23 vat_breakdown[2]*", "BT-106 *", "BT-109 *", "BT-110 *", "BT-112 *",
      "BT-115 *", "BG-25 line[1].quantity", "BG-21 charge[1].reason_code"},
     "UBL has a second line (and its VAT rate) that CII lacks, so totals differ"},
    {3, {"BG-4 seller.id[1]", "BG-7 buyer.legal_id", "BG-7 buyer.vat_id"}, "ids only in UBL"},
    {4, {"BG-4 seller.contact.email"}, "different seller e-mail"},
    {5, {"BG-1 note[1].*"}, "UBL note ends '#Ordering information', CII has SubjectCode AAI"},
    {5, {"BG-13 delivery.location_id"}, "CII GlobalID has schemeID 0088, UBL ID none"},
    {5, {"BG-16 payment_instructions[*"}, "UBL means 49 (direct debit), CII two 58 transfers"},
    {5,
     {"BT-90 creditor_id", "BT-91 debited_account"},
     "creditor id only in CII, debited account only in UBL"},
    {5, {"BG-20 allowance[1].reason_code", "BG-25 line[1].allowance[1].reason_code"}, "100 vs 95"},
    {5,
     {"BG-24 supporting_document[*", "BT-17 tender_reference"},
     "UBL: OriginatorDocumentReference Lot567 and OBJ999 'ATS'; CII: both without TypeCode"},
    {5,
     {"BG-25 line[1].item.classification[1]", "BG-25 line[2].note", "BG-25 line[*].period.end_date",
      "BG-25 line[1].price.discount"},
     "line data differ (classification only in UBL, note case, period end, discount 0.1 vs 10)"},
    {5, {"BT-23 process_id"}, "UBL has ProfileID, CII no BusinessProcess parameter"},
    {5, {"BT-7 tax_point_date"}, "CII has TaxPointDate, UBL none"},
    {7, {"BG-7 buyer.contact.name"}, "A3150bdn vs 3150bdn"},
    {7, {"BT-110 *"}, "UBL TaxAmount 0.00, CII no TaxTotalAmount"},
    {7, {"BT-2 issue_date"}, "different issue dates"},
    {8,
     {"BG-24 supporting_document[1]*", "BT-18 invoiced_object_id"},
     "UBL reference has no type code 130, CII has"},
    {8, {"BG-25 line[*].price.base_quantity"}, "different base quantities"},
    {8, {"BT-7 tax_point_date"}, "UBL has TaxPointDate, CII none"},
    {9,
     {"BG-14 invoicing_period*", "BG-25 line[1].period*"},
     "UBL period on the document, CII on the line"},
    {9, {"BG-25 line[1].price.base_quantity"}, "different base quantities"},
    {9, {"BT-9 payment_due_date"}, "2015-04-14 vs 2015-04-15"},
};

// '*' matches any run of characters.
bool matches(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern.front() == '*')
    return matches(pattern.substr(1), text) || (!text.empty() && matches(pattern, text.substr(1)));
  return !text.empty() && pattern.front() == text.front() &&
         matches(pattern.substr(1), text.substr(1));
}

bool known_difference(int example, const std::string& label) {
  for (const auto& known : kKnownDifferences)
    if (known.example == 0 || known.example == example)
      for (const auto& pattern : known.patterns)
        if (matches(pattern, label)) return true;
  return false;
}

// The files wrap long texts differently; whitespace runs (and escaped newlines) count as one
// space.
std::string collapsed(const std::string& value) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const bool newline = value.compare(i, 2, "\\n") == 0;
    if (newline || value[i] == ' ' || value[i] == '\t') {
      space = true;
      if (newline) ++i;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += value[i];
  }
  return out;
}

std::map<std::string, std::string> lines_by_label(const std::string& debug) {
  std::map<std::string, std::string> out;
  std::istringstream in(debug);
  std::string line;
  while (std::getline(in, line)) {
    const auto colon = line.find(": ");
    out[line.substr(0, colon)] = colon == std::string::npos ? "" : line.substr(colon + 2);
  }
  return out;
}

std::optional<model::Invoice> read(ingest::InvoiceReader& reader, const fs::path& file) {
  auto bytes = model::read_file(file);
  if (!bytes.ok()) return std::nullopt;
  auto result = reader.read(*bytes, file.filename().string());
  return result.invoice;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(model_pairs)

BOOST_AUTO_TEST_CASE(ubl_and_cii_examples_give_the_same_model) {
  if (fluxd_test::shared_dir().empty()) {
    BOOST_TEST_MESSAGE("no ../shared corpus: skipped");
    return;
  }
  const auto examples = fluxd_test::shared_dir() / "corpus" / "en16931";
  ingest::InvoiceReader reader;
  int equal = 0, compared = 0;
  for (int n = 1; n <= 9; ++n) {
    const auto ubl_file =
        examples / "ubl" / "examples" / ("ubl-tc434-example" + std::to_string(n) + ".xml");
    const auto cii_file =
        examples / "cii" / "examples" / ("CII_example" + std::to_string(n) + ".xml");
    if (!fs::exists(ubl_file) || !fs::exists(cii_file)) {
      BOOST_TEST_MESSAGE("pair " << n << " absent: skipped");
      continue;
    }
    BOOST_TEST_CONTEXT("example " << n) {
      const auto ubl = read(reader, ubl_file);
      const auto cii = read(reader, cii_file);
      BOOST_REQUIRE(ubl.has_value());
      BOOST_REQUIRE(cii.has_value());
      ++compared;
      const auto u = lines_by_label(model::to_debug_string(*ubl));
      const auto c = lines_by_label(model::to_debug_string(*cii));
      std::set<std::string> labels;
      for (const auto& [label, value] : u) labels.insert(label);
      for (const auto& [label, value] : c) labels.insert(label);
      bool same = true;
      int known = 0;
      for (const auto& label : labels) {
        const auto in_ubl = u.count(label) ? u.at(label) : "<absent>";
        const auto in_cii = c.count(label) ? c.at(label) : "<absent>";
        if (collapsed(in_ubl) == collapsed(in_cii)) continue;
        if (known_difference(n, label)) {
          ++known;
          continue;
        }
        same = false;
        BOOST_ERROR(label << ": UBL '" << in_ubl << "' vs CII '" << in_cii << "'");
      }
      if (same) ++equal;
      BOOST_TEST_MESSAGE("pair " << n << ": " << (u.size() > c.size() ? u.size() : c.size())
                                 << " terms, " << known << " known file differences"
                                 << (same ? "" : ", UNEXPLAINED differences"));
    }
  }
  BOOST_TEST_MESSAGE(equal << " of " << compared
                           << " UBL/CII example pairs give the same model (apart from the "
                              "documented differences of their files)");
}

BOOST_AUTO_TEST_SUITE_END()
