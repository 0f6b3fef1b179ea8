// model::to_debug_string: the canonical rendering tests compare invoices with.
#include <boost/test/unit_test.hpp>

#include "model/invoice.h"

BOOST_AUTO_TEST_SUITE(invoice_debug_string)

BOOST_AUTO_TEST_CASE(renders_present_terms_only_with_numeric_amounts) {
  model::Invoice invoice;
  invoice.number = "F-1";
  invoice.totals.payable = model::Decimal::parse("10.50");
  model::InvoiceLine line;
  line.id = "1";
  line.item.attributes.push_back({"Colour", "Blue"});
  invoice.lines.push_back(line);
  const auto text = model::to_debug_string(invoice);
  BOOST_TEST(text.find("BT-1 number: F-1\n") != std::string::npos);
  BOOST_TEST(text.find("BT-115 payable: 10.5\n") != std::string::npos);  // 10.50 == 10.5
  BOOST_TEST(text.find("BG-25 line[1].item.attribute[1]: Colour = Blue\n") != std::string::npos);
  BOOST_TEST(text.find("BT-2 ") == std::string::npos);  // absent terms are left out
  BOOST_TEST(text.find("payee") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(ignores_the_syntax_and_tells_different_data_apart) {
  model::Invoice ubl, cii;
  ubl.syntax = model::Syntax::ubl_invoice;
  cii.syntax = model::Syntax::cii;
  ubl.notes.push_back({"AAI", "two\nlines"});
  cii.notes = ubl.notes;
  ubl.amount_currency_ids = {"EUR"};
  BOOST_TEST(model::to_debug_string(ubl) == model::to_debug_string(cii));
  BOOST_TEST(model::to_debug_string(ubl).find("two\\nlines") != std::string::npos);  // one line
  cii.payee = model::Party{};
  BOOST_TEST(model::to_debug_string(ubl) != model::to_debug_string(cii));  // empty group counts
}

BOOST_AUTO_TEST_SUITE_END()
