// The official EN 16931 examples, read from ../shared at test time (never copied here).
#include <algorithm>
#include <boost/test/unit_test.hpp>

#include "ingest/ingest.h"
#include "model/durable.h"
#include "test_paths.h"
#include "test_support.h"

namespace fs = std::filesystem;
using ingest_test::same_amount;

namespace {
fs::path examples(const char* syntax) {
  return fluxd_test::shared_dir() / "corpus" / "en16931" / syntax / "examples";
}

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

model::Invoice read_example(ingest::InvoiceReader& reader, const fs::path& file) {
  auto bytes = model::read_file(file);
  BOOST_REQUIRE(bytes.ok());
  auto result = reader.read(*bytes, file.filename().string());
  BOOST_REQUIRE(result.findings.empty());
  BOOST_REQUIRE(result.invoice.has_value());
  return *result.invoice;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(corpus)

BOOST_AUTO_TEST_CASE(every_official_example_reads) {
  if (fluxd_test::shared_dir().empty()) {
    BOOST_TEST_MESSAGE("no ../shared corpus: skipped");
    return;
  }
  ingest::InvoiceReader reader;
  std::size_t count = 0;
  for (const char* syntax : {"ubl", "cii"}) {
    for (const auto& file : files_in(examples(syntax))) {
      BOOST_TEST_CONTEXT(file.filename().string()) {
        auto bytes = model::read_file(file);
        BOOST_REQUIRE(bytes.ok());
        const auto format = ingest::detect_format(*bytes);
        if (syntax == std::string("cii"))
          BOOST_TEST(format == ingest::Format::cii);
        else
          BOOST_TEST(
              (format == ingest::Format::ubl_invoice || format == ingest::Format::ubl_credit_note));
        const auto result = reader.read(*bytes, file.filename().string());
        BOOST_TEST(result.findings.empty());
        for (const auto& f : result.findings) BOOST_TEST_MESSAGE(f.rule << " " << f.message);
        BOOST_REQUIRE(result.invoice.has_value());
        BOOST_TEST(!result.invoice->number.empty());
        BOOST_TEST(result.invoice->totals.payable.has_value());
        ++count;
      }
    }
  }
  BOOST_TEST_MESSAGE(count << " official examples read");
  BOOST_TEST(count > 0u);
}

BOOST_AUTO_TEST_CASE(same_invoice_in_both_syntaxes_gives_the_same_model) {
  if (fluxd_test::shared_dir().empty()) {
    BOOST_TEST_MESSAGE("no ../shared corpus: skipped");
    return;
  }
  ingest::InvoiceReader reader;
  const auto ubl = read_example(reader, examples("ubl") / "ubl-tc434-example1.xml");
  const auto cii = read_example(reader, examples("cii") / "CII_example1.xml");
  BOOST_TEST((ubl.syntax == model::Syntax::ubl_invoice));
  BOOST_TEST((cii.syntax == model::Syntax::cii));
  for (const auto* inv : {&ubl, &cii}) {
    BOOST_TEST_CONTEXT((inv == &ubl ? "UBL" : "CII")) {
      BOOST_TEST(inv->number == "12115118");
      BOOST_TEST(inv->issue_date == "2015-01-09");
      BOOST_TEST(same_amount(inv->totals.tax_exclusive, "229.6"));
      BOOST_TEST(same_amount(inv->totals.tax, "20.73"));
      BOOST_TEST(same_amount(inv->totals.tax_inclusive, "250.33"));
      BOOST_TEST(same_amount(inv->totals.payable, "250.33"));
    }
  }
  BOOST_TEST(ubl.type_code == cii.type_code);
  BOOST_TEST(ubl.currency == cii.currency);
  BOOST_TEST(ubl.seller.name == cii.seller.name);
  BOOST_TEST(ubl.buyer.name == cii.buyer.name);
  BOOST_TEST(ubl.buyer_reference == cii.buyer_reference);
}

BOOST_AUTO_TEST_SUITE_END()
