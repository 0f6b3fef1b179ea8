// The EN 16931 VAT category rules (validate/en16931_vat.cpp) on small invoices built in code:
// each rule stays silent on a consistent invoice of its category and fires once the invoice is
// made to break it.
#include <boost/test/unit_test.hpp>
#include <functional>
#include <map>
#include <string>

#include "validate/en16931.h"
#include "validate/en16931_tables.h"

namespace {

using model::Decimal;
using model::Invoice;

Decimal dec(const char* text) {
  return *Decimal::parse(text);
}

struct Family {
  std::string code;  // VAT category code (BT-118)
  const char* rate;  // line, allowance and breakdown rate; nullptr: no rate (O)
  const char* tax;   // BT-117 of a 100.00 taxable amount
  bool exempt;       // needs an exemption reason (BT-120)
};

const std::map<std::string, Family>& families() {
  static const std::map<std::string, Family> f{
      {"S", {"S", "20", "20.00", false}},  {"Z", {"Z", "0", "0.00", false}},
      {"E", {"E", "0", "0.00", true}},     {"AE", {"AE", "0", "0.00", true}},
      {"IC", {"K", "0", "0.00", true}},    {"G", {"G", "0", "0.00", true}},
      {"O", {"O", nullptr, "0.00", true}}, {"AF", {"L", "7", "7.00", false}},
      {"AG", {"M", "4", "4.00", false}},
  };
  return f;
}

std::optional<Decimal> rate_of(const Family& f) {
  return f.rate ? std::optional<Decimal>(dec(f.rate)) : std::nullopt;
}

model::AllowanceCharge item(const Family& f, const char* amount, bool charge) {
  model::AllowanceCharge ac;
  ac.amount = dec(amount);
  ac.vat_category = f.code;
  ac.vat_rate = rate_of(f);
  ac.reason = "Discount";
  ac.charge_indicator = charge ? "true" : "false";
  ac.vat_scheme = "VAT";
  return ac;
}

// A consistent invoice with one line of the family's category, its breakdown, and the parties
// the family asks for.
Invoice consistent(const Family& f) {
  Invoice inv;
  if (f.code != "O") {
    inv.seller.vat_id = "FR32123456789";
    inv.buyer.vat_id = "DE123456789";
  }
  model::InvoiceLine line;
  line.id = "1";
  line.net_amount = dec("100.00");
  line.vat_category = f.code;
  line.vat_rate = rate_of(f);
  line.vat_scheme = "VAT";
  inv.lines.push_back(line);
  model::VatBreakdown b;
  b.taxable_amount = dec("100.00");
  b.tax_amount = dec(f.tax);
  b.category_code = f.code;
  b.rate = rate_of(f);
  b.vat_scheme = "VAT";
  if (f.exempt) b.exemption_reason = "Exempt";
  inv.vat_breakdown.push_back(b);
  model::Delivery delivery;
  delivery.actual_date = "2024-01-15";
  delivery.address.emplace();
  delivery.address->country_code = "DE";
  inv.delivery = delivery;
  return inv;
}

// Adds a document allowance and a charge of the same amount, which keeps the sums right.
void add_allowance_and_charge(Invoice& inv, const Family& f) {
  inv.allowances.push_back(item(f, "10.00", false));
  inv.charges.push_back(item(f, "10.00", true));
}

void clear_vat_ids(Invoice& inv) {
  inv.seller.vat_id.clear();
  inv.seller.tax_registration_id.clear();
  inv.buyer.vat_id.clear();
  inv.buyer.legal_id = {};
}

const char* wrong_rate(const Family& f) {
  if (!f.rate) return "5";                          // O: a rate where none may be
  if (f.code == "S") return "0";                    // must be above zero
  if (f.code == "L" || f.code == "M") return "-1";  // must be zero or more
  return "10";                                      // must be zero
}

// How to break each rule, by its number within the family.
void break_rule(Invoice& inv, const Family& f, int n) {
  const bool forbidden_ids = f.code == "O";
  switch (n) {
    case 1:
      inv.vat_breakdown.clear();
      break;
    case 2:
      if (forbidden_ids)
        inv.seller.vat_id = "FR32123456789";
      else
        clear_vat_ids(inv);
      break;
    case 3:
    case 4:
      add_allowance_and_charge(inv, f);
      if (n == 3) inv.charges.clear();
      if (n == 4) inv.allowances.clear();
      inv.lines[0].vat_category = "Z";  // only the allowance or charge is of the category
      if (forbidden_ids)
        inv.buyer.vat_id = "DE123456789";
      else
        clear_vat_ids(inv);
      break;
    case 5:
      inv.lines[0].vat_rate = dec(wrong_rate(f));
      break;
    case 6:
    case 7:
      add_allowance_and_charge(inv, f);
      (n == 6 ? inv.allowances[0] : inv.charges[0]).vat_rate = dec(wrong_rate(f));
      break;
    case 8:
      inv.vat_breakdown[0].taxable_amount = dec("150.00");
      break;
    case 9:
      inv.vat_breakdown[0].tax_amount = dec("2.50");
      break;
    case 10:
      if (f.exempt)
        inv.vat_breakdown[0].exemption_reason.clear();
      else
        inv.vat_breakdown[0].exemption_reason_code = "VATEX-EU-79-C";
      break;
    default:
      break;
  }
}

void break_special(Invoice& inv, const std::string& id) {
  if (id == "BR-IC-11") inv.delivery->actual_date.clear();
  if (id == "BR-IC-12") inv.delivery->address.reset();
  if (id == "BR-O-11") inv.vat_breakdown.push_back(inv.vat_breakdown[0]);
  if (id == "BR-O-11") inv.vat_breakdown[1].category_code = "S";
  if (id == "BR-O-12") inv.lines.push_back(inv.lines[0]);
  if (id == "BR-O-12") inv.lines[1].vat_category = "S";
  if (id == "BR-O-13") inv.allowances.push_back(item(families().at("S"), "1.00", false));
  if (id == "BR-O-14") inv.charges.push_back(item(families().at("S"), "1.00", true));
}

const validate::BusinessRule& rule_named(std::string_view id) {
  for (const auto& r : validate::vat_category_rules())
    if (r.id == id) return r;
  BOOST_FAIL("no rule " << id);
  return validate::vat_category_rules()[0];
}

void set_scheme(Invoice& inv, const std::string& scheme) {
  for (auto& l : inv.lines) l.vat_scheme = scheme;
  for (auto& a : inv.allowances) a.vat_scheme = scheme;
  for (auto& c : inv.charges) c.vat_scheme = scheme;
  for (auto& b : inv.vat_breakdown) b.vat_scheme = scheme;
}

int fired(const validate::BusinessRule& rule, const Invoice& inv) {
  std::vector<model::Finding> out;
  rule.check(inv, out);
  int n = 0;
  for (const auto& f : out) n += f.rule == rule.id;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(en16931_vat)

BOOST_AUTO_TEST_CASE(each_vat_rule_is_silent_on_a_consistent_invoice_and_fires_when_broken) {
  int tested = 0;
  for (const auto& rule : validate::vat_category_rules()) {
    const std::string id(rule.id);
    BOOST_TEST((rule.severity == model::Severity::fatal), id);
    BOOST_TEST(!rule.description.empty(), id);
    const auto dash = id.rfind('-');
    const std::string family = id.substr(3, dash - 3);
    const int n = std::stoi(id.substr(dash + 1));
    BOOST_TEST_REQUIRE(families().count(family) == 1u, id);
    const Family& f = families().at(family);

    Invoice inv = consistent(f);
    if (n >= 3 && n <= 7 && n != 5) add_allowance_and_charge(inv, f);
    BOOST_TEST(fired(rule, inv) == 0, id << " fired on a consistent invoice");

    Invoice broken = consistent(f);
    if (n <= 10)
      break_rule(broken, f, n);
    else
      break_special(broken, id);
    BOOST_TEST(fired(rule, broken) >= 1, id << " did not fire on a broken invoice");
    ++tested;
  }
  BOOST_TEST(tested >= 80);
}

BOOST_AUTO_TEST_CASE(every_rule_id_is_unique_and_run_by_check_en16931) {
  std::map<std::string, int> seen;
  for (const auto& rule : validate::vat_category_rules()) ++seen[std::string(rule.id)];
  for (const auto& [id, count] : seen) BOOST_TEST(count == 1, id);
  std::map<std::string, int> all;
  for (const auto& rule : validate::en16931_rules()) ++all[std::string(rule.id)];
  for (const auto& [id, count] : seen) BOOST_TEST(all.count(id) == 1u, id);
}

BOOST_AUTO_TEST_CASE(standard_rated_sums_per_rate_within_one) {
  const auto rule = [](std::string_view id) {
    for (const auto& r : validate::vat_category_rules())
      if (r.id == id) return r;
    BOOST_FAIL("no rule " << id);
    return validate::vat_category_rules()[0];
  };
  const auto s08 = rule("BR-S-08");
  Invoice inv = consistent(families().at("S"));
  inv.lines.push_back(inv.lines[0]);
  inv.lines[1].vat_rate = dec("10");
  inv.lines[1].net_amount = dec("50.00");
  BOOST_TEST(fired(s08, inv) == 0);  // the 10 % line has no breakdown: S-08 looks per breakdown
  inv.vat_breakdown[0].taxable_amount = dec("100.99");
  BOOST_TEST(fired(s08, inv) == 0);  // under 1 apart
  inv.vat_breakdown[0].taxable_amount = dec("101.00");
  BOOST_TEST(fired(s08, inv) == 1);
  inv.vat_breakdown[0].taxable_amount = dec("150.00");  // both rates summed: wrong
  BOOST_TEST(fired(s08, inv) == 1);
}

BOOST_AUTO_TEST_CASE(zero_rated_taxable_amount_is_exact_and_counts_allowances_and_charges) {
  const Family& z = families().at("Z");
  const validate::BusinessRule* z08 = nullptr;
  for (const auto& r : validate::vat_category_rules())
    if (r.id == "BR-Z-08") z08 = &r;
  BOOST_TEST_REQUIRE(z08 != nullptr);
  Invoice inv = consistent(z);
  inv.allowances.push_back(item(z, "10.00", false));
  BOOST_TEST(fired(*z08, inv) == 1);  // 100 − 10 ≠ 100
  inv.vat_breakdown[0].taxable_amount = dec("90.00");
  BOOST_TEST(fired(*z08, inv) == 0);
  inv.vat_breakdown[0].taxable_amount = dec("90.01");
  BOOST_TEST(fired(*z08, inv) == 1);  // no tolerance for zero rated
  inv.lines.clear();
  inv.vat_breakdown[0].taxable_amount = dec("-10.00");
  BOOST_TEST(fired(*z08, inv) == 1);  // an invoice without lines never satisfies it
}

BOOST_AUTO_TEST_CASE(cii_standard_rated_breakdown_counts_as_the_cii_binding_does) {
  const validate::BusinessRule* s01 = nullptr;
  for (const auto& r : validate::vat_category_rules())
    if (r.id == "BR-S-01") s01 = &r;
  BOOST_TEST_REQUIRE(s01 != nullptr);
  Invoice inv = consistent(families().at("S"));
  inv.lines.clear();
  BOOST_TEST(fired(*s01, inv) == 1);  // UBL: a breakdown of S without anything of S
  inv.syntax = model::Syntax::cii;
  BOOST_TEST(fired(*s01, inv) == 0);  // CII only asks for a breakdown when S is used
  inv = consistent(families().at("S"));
  inv.syntax = model::Syntax::cii;
  inv.vat_breakdown.clear();
  BOOST_TEST(fired(*s01, inv) == 1);
}

// The bindings look only at categories of the VAT tax scheme for these rules (UBL
// TaxScheme/ID, CII TypeCode, compared upper-cased): a broken invoice whose categories are of
// another scheme, or of none, passes them.
BOOST_AUTO_TEST_CASE(scheme_filtered_rules_only_count_vat_categories) {
  const std::map<std::string, std::string> rules{
      {"BR-S-03", "S"},   {"BR-S-05", "S"},   {"BR-S-06", "S"},   {"BR-S-09", "S"},
      {"BR-AE-01", "AE"}, {"BR-AE-02", "AE"}, {"BR-AE-05", "AE"}, {"BR-AF-09", "AF"},
      {"BR-G-03", "G"},   {"BR-G-06", "G"},   {"BR-G-08", "G"},   {"BR-G-09", "G"},
      {"BR-G-10", "G"},   {"BR-O-12", "O"},
  };
  for (const auto& [id, family] : rules) {
    const Family& f = families().at(family);
    const auto& rule = rule_named(id);
    const int n = std::stoi(id.substr(id.rfind('-') + 1));
    Invoice broken = consistent(f);
    if (n <= 10)
      break_rule(broken, f, n);
    else
      break_special(broken, id);
    BOOST_TEST(fired(rule, broken) >= 1, id);
    set_scheme(broken, "vat");  // upper-cased by the bindings
    BOOST_TEST(fired(rule, broken) >= 1, id << " with scheme \"vat\"");
    set_scheme(broken, "GST");
    BOOST_TEST(fired(rule, broken) == 0, id << " fired on GST categories");
    set_scheme(broken, "");
    BOOST_TEST(fired(rule, broken) == 0, id << " fired on categories without scheme");
  }
}

BOOST_AUTO_TEST_CASE(igic_breakdown_follows_the_bindings) {
  const auto& af01 = rule_named("BR-AF-01");
  Invoice inv = consistent(families().at("AF"));
  BOOST_TEST(fired(af01, inv) == 0);
  inv.vat_breakdown[0].vat_scheme.clear();  // UBL: any breakdown written "L" answers VAT lines
  BOOST_TEST(fired(af01, inv) == 0);
  inv.vat_breakdown.clear();
  BOOST_TEST(fired(af01, inv) == 1);
  inv = consistent(families().at("AF"));
  inv.lines[0].vat_scheme.clear();  // no VAT line of L: a VAT breakdown of L is one too many
  BOOST_TEST(fired(af01, inv) == 1);
  inv.vat_breakdown[0].vat_scheme.clear();
  BOOST_TEST(fired(af01, inv) == 0);
}

BOOST_AUTO_TEST_CASE(cii_binding_differences_of_scheme_filtered_rules) {
  // BR-S-09 looks at every breakdown of code S in CII, whatever its TypeCode.
  Invoice s = consistent(families().at("S"));
  s.syntax = model::Syntax::cii;
  s.vat_breakdown[0].tax_amount = dec("2.50");
  set_scheme(s, "");
  BOOST_TEST(fired(rule_named("BR-S-09"), s) == 1);
  s.syntax = model::Syntax::ubl_invoice;
  BOOST_TEST(fired(rule_named("BR-S-09"), s) == 0);

  // BR-AF-09 is left to BR-CO-17 by the CII binding.
  Invoice l = consistent(families().at("AF"));
  l.vat_breakdown[0].tax_amount = dec("2.50");
  BOOST_TEST(fired(rule_named("BR-AF-09"), l) == 1);
  l.syntax = model::Syntax::cii;
  BOOST_TEST(fired(rule_named("BR-AF-09"), l) == 0);

  // BR-AE-01: in CII a lone breakdown of AE needs a line, allowance or charge of AE.
  Invoice ae = consistent(families().at("AE"));
  ae.lines[0].vat_category = "S";
  BOOST_TEST(fired(rule_named("BR-AE-01"), ae) == 0);
  ae.syntax = model::Syntax::cii;
  BOOST_TEST(fired(rule_named("BR-AE-01"), ae) == 1);

  // BR-G-08: CII accepts a taxable amount within 1 of the sums rounded to cents.
  Invoice g = consistent(families().at("G"));
  g.vat_breakdown[0].taxable_amount = dec("100.50");
  BOOST_TEST(fired(rule_named("BR-G-08"), g) == 1);
  g.syntax = model::Syntax::cii;
  BOOST_TEST(fired(rule_named("BR-G-08"), g) == 0);
  g.vat_breakdown[0].taxable_amount = dec("101.00");
  BOOST_TEST(fired(rule_named("BR-G-08"), g) == 1);

  // BR-O-12: in CII any other tax written next to a VAT breakdown of O fires, scheme or not.
  Invoice o = consistent(families().at("O"));
  o.syntax = model::Syntax::cii;
  o.lines.push_back(o.lines[0]);
  o.lines[1].vat_category = "S";
  o.lines[1].vat_scheme.clear();
  BOOST_TEST(fired(rule_named("BR-O-12"), o) == 1);
  o.syntax = model::Syntax::ubl_invoice;
  BOOST_TEST(fired(rule_named("BR-O-12"), o) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
