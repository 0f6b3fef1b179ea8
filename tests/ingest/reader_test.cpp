#include <boost/test/unit_test.hpp>
#include <map>
#include <string>

#include "ingest/ingest.h"
#include "sample_documents.h"
#include "test_support.h"

using ingest_test::amount;

namespace {
model::Invoice read_ok(ingest::InvoiceReader& reader, const std::string& bytes) {
  auto result = reader.read(bytes, "test.xml");
  BOOST_TEST(result.findings.empty());
  for (const auto& f : result.findings) BOOST_TEST_MESSAGE(f.rule << " " << f.message);
  BOOST_REQUIRE(result.invoice.has_value());
  return *result.invoice;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(reader)

BOOST_AUTO_TEST_CASE(ubl_invoice_fields) {
  ingest::InvoiceReader reader;
  const auto inv = read_ok(reader, ingest_test::kUblInvoice);
  BOOST_TEST((inv.syntax == model::Syntax::ubl_invoice));
  BOOST_TEST(inv.number == "F-2024-001");  // trimmed; InvoiceLine/ID did not overwrite it
  BOOST_TEST(inv.issue_date == "2024-03-15");
  BOOST_TEST(inv.type_code == "380");
  BOOST_TEST(inv.currency == "EUR");
  BOOST_TEST(inv.tax_currency == "SEK");
  BOOST_TEST(inv.buyer_reference == "SERV-01");
  BOOST_TEST(inv.order_reference == "EJ-123");
  BOOST_TEST(inv.process_id == "A1");
  BOOST_TEST(inv.specification_id == "urn:cen.eu:en16931:2017");

  BOOST_TEST(inv.seller.name == "Seller SA");  // RegistrationName wins over PartyName
  BOOST_REQUIRE(inv.seller.ids.size() == 3u);
  BOOST_TEST(inv.seller.ids[0].value == "12345678200010");
  BOOST_TEST(inv.seller.ids[0].scheme == "0009");
  BOOST_TEST(inv.seller.ids[1].value == "98765432100016");
  BOOST_TEST(inv.seller.ids[1].scheme == "1");  // legacy Chorus schemeName
  BOOST_TEST(inv.seller.ids[2].value == "SUP-7");
  BOOST_TEST(inv.seller.ids[2].scheme == "");
  BOOST_TEST(inv.seller.legal_id.value == "123456782");  // not PartyTaxScheme/CompanyID
  BOOST_TEST(inv.seller.legal_id.scheme == "0002");

  // BT-44 is RegistrationName only; PartyName/Name is the trading name BT-45 (BR-07 must be
  // able to see that the buyer name is missing).
  BOOST_TEST(inv.buyer.name == "");
  BOOST_TEST(inv.buyer.trading_name == "Buyer Public Entity");
  BOOST_REQUIRE(inv.buyer.ids.size() == 1u);
  BOOST_TEST(inv.buyer.ids[0].value == "11000201100044");
  BOOST_TEST(inv.buyer.ids[0].scheme == "1");
  BOOST_TEST(inv.buyer.legal_id.value == "11000201100044");
  BOOST_TEST(inv.buyer.legal_id.scheme == "1");
  BOOST_TEST(model::siret_of(inv.buyer).value == "11000201100044");

  const auto& t = inv.totals;
  BOOST_TEST(amount(t.line_extension) == "110.00");
  BOOST_TEST(amount(t.allowances) == "15.00");
  BOOST_TEST(amount(t.charges) == "5.00");
  BOOST_TEST(amount(t.tax_exclusive) == "100.00");
  BOOST_TEST(amount(t.tax) == "20.00");              // currencyID EUR = BT-5, though second
  BOOST_TEST(amount(t.tax_accounting) == "230.00");  // currencyID SEK = BT-6
  BOOST_TEST(amount(t.tax_inclusive) == "120.00");
  BOOST_TEST(amount(t.prepaid) == "10.00");
  BOOST_TEST(amount(t.rounding) == "0.01");
  BOOST_TEST(amount(t.payable) == "110.01");
}

BOOST_AUTO_TEST_CASE(ubl_credit_note_fields) {
  ingest::InvoiceReader reader;
  const auto inv = read_ok(reader, ingest_test::kUblCreditNote);
  BOOST_TEST((inv.syntax == model::Syntax::ubl_credit_note));
  BOOST_TEST(inv.is_credit_note());
  BOOST_TEST(inv.number == "AV-7");
  BOOST_TEST(inv.type_code == "381");
  BOOST_TEST(inv.tax_currency == "");
  BOOST_TEST(amount(inv.totals.tax) == "4.00");  // no currencyID at all: the first one
  BOOST_TEST(amount(inv.totals.tax_accounting) == "<none>");
  BOOST_TEST(amount(inv.totals.payable) == "24.00");
  BOOST_TEST(amount(inv.totals.prepaid) == "<none>");  // absent stays absent
  BOOST_TEST(inv.seller.name == "");
  BOOST_TEST(inv.seller.ids.empty());
}

BOOST_AUTO_TEST_CASE(cii_invoice_fields) {
  ingest::InvoiceReader reader;
  const auto inv = read_ok(reader, ingest_test::kCiiInvoice);
  BOOST_TEST((inv.syntax == model::Syntax::cii));
  BOOST_TEST(inv.number == "CII-42");
  BOOST_TEST(inv.issue_date == "2024-03-15");  // format 102 converted
  BOOST_TEST(inv.type_code == "381");
  BOOST_TEST(inv.is_credit_note());
  BOOST_TEST(inv.currency == "EUR");
  BOOST_TEST(inv.tax_currency == "SEK");
  BOOST_TEST(inv.buyer_reference == "SERV-02");
  BOOST_TEST(inv.order_reference == "EJ-456");
  BOOST_TEST(inv.process_id == "A2");
  BOOST_TEST(inv.specification_id == "urn:cen.eu:en16931:2017");

  BOOST_TEST(inv.seller.name == "Seller CII");
  BOOST_REQUIRE(inv.seller.ids.size() == 2u);  // not SpecifiedTaxRegistration/ID
  BOOST_TEST(inv.seller.ids[0].value == "SUP-7");
  BOOST_TEST(inv.seller.ids[0].scheme == "");
  BOOST_TEST(inv.seller.ids[1].value == "12345678200010");
  BOOST_TEST(inv.seller.ids[1].scheme == "0009");
  BOOST_TEST(inv.seller.legal_id.value == "123456782");
  BOOST_TEST(inv.seller.legal_id.scheme == "0002");

  BOOST_TEST(inv.buyer.name == "Buyer CII");
  BOOST_REQUIRE(inv.buyer.ids.size() == 1u);
  BOOST_TEST(inv.buyer.ids[0].value == "11000201100044");
  BOOST_TEST(inv.buyer.ids[0].scheme == "0009");
  BOOST_TEST(inv.buyer.legal_id.value == "11000201100044");
  BOOST_TEST(inv.buyer.legal_id.scheme == "0009");

  const auto& t = inv.totals;
  BOOST_TEST(amount(t.line_extension) == "110.00");
  BOOST_TEST(amount(t.allowances) == "15.00");
  BOOST_TEST(amount(t.charges) == "5.00");
  BOOST_TEST(amount(t.tax_exclusive) == "100.00");
  BOOST_TEST(amount(t.tax) == "20.00");
  BOOST_TEST(amount(t.tax_accounting) == "230.00");
  BOOST_TEST(amount(t.tax_inclusive) == "120.00");
  BOOST_TEST(amount(t.prepaid) == "10.00");
  BOOST_TEST(amount(t.rounding) == "0.01");
  BOOST_TEST(amount(t.payable) == "110.01");
}

BOOST_AUTO_TEST_CASE(tax_totals_without_currency_match) {
  ingest::InvoiceReader reader;
  // Neither TaxAmount is in BT-5: BT-110 is the first; BT-6 equals BT-5 so no BT-111.
  const auto inv = read_ok(reader, R"(<Invoice
      xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
      xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
      xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
    <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
    <cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>
    <cac:TaxTotal><cbc:TaxAmount currencyID="USD">7.00</cbc:TaxAmount></cac:TaxTotal>
    <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">8.00</cbc:TaxAmount></cac:TaxTotal>
  </Invoice>)");
  BOOST_TEST(amount(inv.totals.tax) == "8.00");
  BOOST_TEST(amount(inv.totals.tax_accounting) == "<none>");

  const auto first = read_ok(reader, R"(<Invoice
      xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
      xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
      xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
    <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
    <cac:TaxTotal><cbc:TaxAmount currencyID="USD">7.00</cbc:TaxAmount></cac:TaxTotal>
    <cac:TaxTotal><cbc:TaxAmount currencyID="GBP">6.00</cbc:TaxAmount></cac:TaxTotal>
  </Invoice>)");
  BOOST_TEST(amount(first.totals.tax) == "7.00");
}

BOOST_AUTO_TEST_CASE(unparsable_amount_and_odd_date_are_left_for_validation) {
  ingest::InvoiceReader reader;
  const auto inv = read_ok(reader, R"(<rsm:CrossIndustryInvoice
      xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
      xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
      xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
    <rsm:ExchangedDocument>
      <ram:IssueDateTime><udt:DateTimeString format="610">202403</udt:DateTimeString></ram:IssueDateTime>
    </rsm:ExchangedDocument>
    <rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeSettlement>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:DuePayableAmount>12,50</ram:DuePayableAmount>
        <ram:GrandTotalAmount>  12.50
        </ram:GrandTotalAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction>
  </rsm:CrossIndustryInvoice>)");
  BOOST_TEST(amount(inv.totals.payable) == "<none>");
  BOOST_TEST(amount(inv.totals.tax_inclusive) == "12.50");
  BOOST_TEST(inv.issue_date == "202403");
  BOOST_TEST(inv.number == "");
}

BOOST_AUTO_TEST_CASE(text_split_by_entities_and_cdata_is_joined) {
  ingest::InvoiceReader reader;
  std::string many_amps;
  for (int i = 0; i < 1000; ++i) many_amps += "&amp;";
  const auto inv = read_ok(reader, R"(<Invoice
      xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
      xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
    <cbc:ID>A&amp;B<![CDATA[-C]]>&#x2D;D</cbc:ID>
    <cbc:BuyerReference>)" + many_amps +
                                       R"(</cbc:BuyerReference>
    <cbc:ProfileID>Caf&#xE9; &#x20AC;</cbc:ProfileID>
  </Invoice>)");
  BOOST_TEST(inv.number == "A&B-C-D");
  BOOST_TEST(inv.buyer_reference == std::string(1000, '&'));  // predefined entities are no risk
  BOOST_TEST(inv.process_id == "Caf\xC3\xA9 \xE2\x82\xAC");   // UTF-8 out
}

BOOST_AUTO_TEST_CASE(one_reader_reads_many_documents) {
  ingest::InvoiceReader reader;
  for (int i = 0; i < 300; ++i) {
    switch (i % 4) {
      case 0:
        BOOST_TEST(read_ok(reader, ingest_test::kUblInvoice).number == "F-2024-001");
        break;
      case 1:
        BOOST_TEST(read_ok(reader, ingest_test::kCiiInvoice).number == "CII-42");
        break;
      case 2: {
        const auto bad = reader.read(ingest_test::kUblInvoice.substr(0, 1500), "cut.xml");
        BOOST_TEST(!bad.invoice.has_value());
        BOOST_REQUIRE(bad.findings.size() == 1u);
        BOOST_TEST(bad.findings[0].rule == "FLOW-MALFORMED-XML");
        break;
      }
      case 3: {
        const auto inv = read_ok(reader, ingest_test::kUblCreditNote);
        BOOST_TEST(inv.number == "AV-7");
        BOOST_TEST(inv.seller.ids.empty());  // nothing left over from earlier documents
        BOOST_TEST(inv.tax_currency == "");
        break;
      }
    }
  }
}

// model::SyntaxFacts::paths: each distinct element path once, with its namespace prefix, the
// attributes met on it and occurrence counts per parent and grandparent element.
BOOST_AUTO_TEST_CASE(distinct_paths_are_recorded_once_with_counts) {
  ingest::InvoiceReader reader;
  const std::string doc =
      R"(<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" )"
      R"(xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" )"
      R"(xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" )"
      R"(xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="x" listID="r">)"
      R"(<cbc:ID>1</cbc:ID><cac:InvoiceLine><cbc:Note>a</cbc:Note><cbc:Note>b</cbc:Note>)"
      R"(<cac:Item><cbc:Name schemeID="s">x</cbc:Name></cac:Item></cac:InvoiceLine>)"
      R"(<cac:InvoiceLine><cbc:Note>c</cbc:Note><cac:Item><cbc:Name>y</cbc:Name></cac:Item>)"
      R"(</cac:InvoiceLine><other xmlns="urn:x"/></Invoice>)";
  const auto inv = read_ok(reader, doc);
  const auto& paths = inv.syntax_facts.paths;
  const auto text = [&](std::uint32_t n) {
    std::string t;
    for (; n != model::SyntaxFacts::PathNode::kNoParent; n = paths[n].parent)
      t = "/" + paths[n].step + t;
    return t;
  };
  std::map<std::string, model::SyntaxFacts::PathNode> by_path;
  for (std::uint32_t n = 0; n < paths.size(); ++n) {
    BOOST_TEST((paths[n].parent == model::SyntaxFacts::PathNode::kNoParent || paths[n].parent < n));
    BOOST_TEST(by_path.count(text(n)) == 0u, text(n));  // each path once
    by_path[text(n)] = paths[n];
  }
  BOOST_TEST(by_path.count("/@listID") == 1u);  // the root's attributes, namespaced ones aside
  BOOST_TEST(by_path.count("/@type") == 0u);
  BOOST_TEST(by_path.count("/?:other") == 1u);
  const auto& note = by_path.at("/cac:InvoiceLine/cbc:Note");
  BOOST_TEST(note.count == 3u);
  BOOST_TEST(note.parents == 2u);
  BOOST_TEST(note.max_per_parent == 2u);
  const auto& name = by_path.at("/cac:InvoiceLine/cac:Item/cbc:Name");
  BOOST_TEST(name.count == 2u);
  BOOST_TEST(name.grandparents == 2u);
  BOOST_TEST(name.max_per_grandparent == 1u);
  BOOST_TEST(by_path.at("/cac:InvoiceLine/cac:Item/cbc:Name/@schemeID").count == 1u);
  BOOST_TEST(by_path.at("/cac:InvoiceLine").max_per_parent == 2u);
  BOOST_TEST(!inv.syntax_facts.paths_truncated);

  // Nothing is left over for the next document.
  const auto next = read_ok(reader, ingest_test::kCiiInvoice);
  for (const auto& p : next.syntax_facts.paths) BOOST_TEST(p.step != "cac:InvoiceLine");
}

BOOST_AUTO_TEST_SUITE_END()
