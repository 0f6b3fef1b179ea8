#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "model/decimal.h"
#include "model/durable.h"
#include "model/identifiers.h"
#include "model/invoice.h"
#include "model/referential.h"
#include "model/status.h"

namespace fs = std::filesystem;
using model::Decimal;

BOOST_AUTO_TEST_SUITE(decimal)

BOOST_AUTO_TEST_CASE(parses_and_prints_exactly) {
  BOOST_TEST(Decimal::parse("229.60")->to_string() == "229.60");
  BOOST_TEST(Decimal::parse(" -3 ")->to_string() == "-3");
  BOOST_TEST(Decimal::parse("0.05")->to_string() == "0.05");
  BOOST_TEST(Decimal::parse(".5")->to_string() == "0.5");
  BOOST_TEST(Decimal::parse("+12.0")->units() == 120);
}

BOOST_AUTO_TEST_CASE(compares_across_scales) {
  BOOST_TEST((*Decimal::parse("229.6") == *Decimal::parse("229.60")));
  BOOST_TEST((*Decimal::parse("0.1") < *Decimal::parse("0.10000001")));
  BOOST_TEST((*Decimal::parse("-1") < *Decimal::parse("0")));
}

BOOST_AUTO_TEST_CASE(rejects_what_is_not_a_decimal) {
  for (const char* bad : {"", "-", ".", "1.2.3", "12a", "1e5", "1,5", "1234567890123456789"})
    BOOST_TEST(!Decimal::parse(bad).has_value(), bad);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(identifiers)

BOOST_AUTO_TEST_CASE(siret_luhn) {
  BOOST_TEST(model::is_valid_siret("73282932000074"));   // a well-known valid SIRET
  BOOST_TEST(!model::is_valid_siret("73282932000075"));  // check digit off by one
  BOOST_TEST(!model::is_valid_siret("7328293200007"));   // 13 digits
  BOOST_TEST(!model::is_valid_siret("7328293200007A"));
}

BOOST_AUTO_TEST_CASE(siret_la_poste_exception) {
  // La Poste (SIREN 356000000): digit sum multiple of 5, even where Luhn fails.
  BOOST_TEST(!model::luhn_ok("35600000049837"));
  BOOST_TEST(model::is_valid_siret("35600000049837"));   // digit sum 50
  BOOST_TEST(!model::is_valid_siret("35600000000153"));  // neither rule holds
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(invoice)

BOOST_AUTO_TEST_CASE(siret_of_prefers_the_declared_scheme) {
  model::Party p;
  p.ids = {{"GLN123", "0088"}, {"73282932000074", "0009"}};
  p.legal_id = {"732829320", "0002"};
  BOOST_TEST(model::siret_of(p).value == "73282932000074");
  p.ids = {{"GLN123", "0088"}};
  BOOST_TEST(model::siret_of(p).value == "732829320");  // legal id next
  p.legal_id = {"73282932000074", "1"};                 // legacy Chorus schemeName="1"
  BOOST_TEST(model::siret_of(p).value == "73282932000074");
  BOOST_TEST(model::siret_of(model::Party{}).empty());
}

BOOST_AUTO_TEST_CASE(invoice_key_keeps_credit_notes_apart) {
  model::Invoice inv;
  inv.seller.ids = {{"73282932000074", "0009"}};
  inv.number = "F-1";
  inv.issue_date = "2026-03-01";
  BOOST_TEST(model::invoice_key(inv) == "73282932000074|F-1|2026");
  inv.syntax = model::Syntax::ubl_credit_note;
  BOOST_TEST(model::invoice_key(inv) == "73282932000074|F-1|2026|AV");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(status_codes_round_trip) {
  for (auto s : {model::FlowStatus::recu, model::FlowStatus::en_cours, model::FlowStatus::integre,
                 model::FlowStatus::integre_partiel, model::FlowStatus::rejete,
                 model::FlowStatus::incidente})
    BOOST_TEST((model::flow_status_from_code(model::to_code(s)) == s));
  BOOST_TEST(model::to_code(model::FlowStatus::en_cours) == "IN_EN_COURS_TRAITEMENT");
  BOOST_TEST(model::to_code(model::InvoiceStatus::mise_a_disposition) == "MISE_A_DISPOSITION");
  BOOST_TEST(!model::flow_status_from_code("IN_NIMPORTE_QUOI").has_value());
}

BOOST_AUTO_TEST_CASE(referential_lookups) {
  auto structure = [](std::string id) {
    model::Structure s;
    s.id = std::move(id);
    return s;
  };
  auto service = [](std::string structure_id, std::string code) {
    model::Service s;
    s.structure_id = std::move(structure_id);
    s.code = std::move(code);
    return s;
  };
  model::Referential ref({structure("A"), structure("B")}, {service("A", "S1"), service("B", "S1")},
                         "v1");
  BOOST_TEST(ref.structure("A") != nullptr);
  BOOST_TEST(ref.structure("C") == nullptr);
  BOOST_TEST(ref.service("B", "S1")->structure_id == "B");
  BOOST_TEST(ref.service("A", "S2") == nullptr);
}

BOOST_AUTO_TEST_CASE(durable_write_replaces_whole_file_and_leaves_no_temp) {
  const fs::path dir = fs::temp_directory_path() / ("fluxd-model-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const fs::path target = dir / "a" / "b.xml";
  BOOST_TEST(model::write_file_durably(target, "first").ok());
  BOOST_TEST(model::write_file_durably(target, "second").ok());
  BOOST_TEST(*model::read_file(target) == "second");
  BOOST_TEST(std::distance(fs::directory_iterator(dir / "a"), fs::directory_iterator{}) == 1);
  BOOST_TEST(model::move_durably(target, dir / "c" / "d.xml").ok());
  BOOST_TEST(!fs::exists(target));
  BOOST_TEST(!model::read_file(target).ok());
  fs::remove_all(dir);
}
