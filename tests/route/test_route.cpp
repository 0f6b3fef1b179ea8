#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "model/durable.h"
#include "route/route.h"
#include "test_paths.h"

namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    static int n = 0;
    path = fs::temp_directory_path() /
           ("fluxd-route-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

void write(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

const std::string kStructuresHeader =
    "TypeIdentifiant;Identifiant;RaisonSociale;EmetteurEdi;RecepteurEdi;"
    "GestionStatutMiseEnPaiement;GestionEngagement;GestionService;GestionServiceEngagement;EstMOA;"
    "EstMOAUniquement;StructureActive;Adresse;ComplementAdresse1;ComplementAdresse2;CodePostal;"
    "Ville;NumTelephone;Courriel;CodePays;LibellePays\n";
const std::string kServicesHeader =
    "Identifiant;RaisonSociale;Code;Nom;GestionEGMT;ServiceActif;Adresse;ComplementAdresse1;"
    "ComplementAdresse2;CodePostal;Ville;NumTelephone;Courriel;CodePays;LibellePays;"
    "DateDebutValidite;DateFinValidite\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(referential_csv)

BOOST_AUTO_TEST_CASE(loads_rows_by_column_name_and_reports_bad_rows_with_line_numbers) {
  TempDir dir;
  write(dir.path / "structures.csv",
        kStructuresHeader +
            "SIRET;73282932000074;Commune A;false;true;false;false;true;false;false;false;true;"
            "1 rue X;;;75001;Paris;;;FR;France\n"
            "SIRET;44306184100047;\"Hôpital \"\"B\"\"; annexe\";0;1;Oui;Non;0;1;false;false;1;"
            ";;;;;;;FR;France\n"
            "SIRET;55208131766522;Bad bool;peut-être;true;false;false;false;false;false;false;"
            "true;;;;;;;;FR;France\n"
            "SIRET;too;few;fields\n");
  write(dir.path / "services.csv",
        kServicesHeader +
            "73282932000074;Commune A;ECOLES;Ecoles;false;true;;;;;;;;FR;France;;\n"
            "73282932000074;Commune A;ANCIEN;Ancien;true;true;;;;;;;;FR;France;2001-01-01;"
            "2020-12-31\n"
            "73282932000074;Commune A;DATE;Bad date;false;true;;;;;;;;FR;France;01/01/2020;\n");
  auto loaded = route::load_referential(dir.path / "structures.csv", dir.path / "services.csv");
  BOOST_TEST_REQUIRE(loaded.ok());
  const auto& ref = loaded->referential;
  BOOST_TEST(ref.structure_count() == 2u);
  BOOST_TEST(ref.service_count() == 2u);
  const auto* a = ref.structure("73282932000074");
  BOOST_TEST_REQUIRE(a != nullptr);
  BOOST_TEST(a->service_required);
  BOOST_TEST(!a->engagement_required);
  BOOST_TEST(a->receiver_edi);
  const auto* b = ref.structure("44306184100047");
  BOOST_TEST_REQUIRE(b != nullptr);
  BOOST_TEST(b->name == "Hôpital \"B\"; annexe");  // quoted field with ; and ""
  BOOST_TEST(b->manages_payment_status);           // "Oui"
  BOOST_TEST(b->service_or_engagement);
  const auto* old = ref.service("73282932000074", "ANCIEN");
  BOOST_TEST_REQUIRE(old != nullptr);
  BOOST_TEST(old->engagement_required);
  BOOST_TEST(old->valid_to == "2020-12-31");
  BOOST_TEST_REQUIRE(loaded->bad_rows.size() == 3u);
  BOOST_TEST(loaded->bad_rows[0].starts_with("structures.csv:4:"));
  BOOST_TEST(loaded->bad_rows[1].starts_with("structures.csv:5:"));
  BOOST_TEST(loaded->bad_rows[2].starts_with("services.csv:4:"));
  BOOST_TEST(!ref.version().empty());
}

BOOST_AUTO_TEST_CASE(a_missing_file_or_column_is_an_error) {
  TempDir dir;
  write(dir.path / "services.csv", kServicesHeader);
  auto missing = route::load_referential(dir.path / "nope.csv", dir.path / "services.csv");
  BOOST_TEST(!missing.ok());
  write(dir.path / "structures.csv", "Identifiant;RaisonSociale\n1;x\n");
  auto no_column = route::load_referential(dir.path / "structures.csv", dir.path / "services.csv");
  BOOST_TEST_REQUIRE(!no_column.ok());
  BOOST_TEST(no_column.error().message.find("TypeIdentifiant") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(engagements_carry_the_budget_frame_and_change_the_version) {
  TempDir dir;
  write(dir.path / "structures.csv",
        kStructuresHeader +
            "SIRET;73282932000074;Commune A;false;true;false;false;true;false;false;false;true;"
            "1 rue X;Bât. B;;75001;Paris;;mairie@a.fr;FR;France\n");
  write(dir.path / "services.csv", kServicesHeader);
  write(dir.path / "engagements.csv",
        "NumeroEJ;IdentifiantStructure;IdentifiantFournisseur;MontantTTC;CentreDeCout;"
        "DomaineFonctionnel;ReferentielProgrammation\n"
        "EJ1;73282932000074;43916283500037;1788.00;CC-1;DF-1;P150-01\n"
        ";73282932000074;;;;;\n"
        "EJ2;73282932000074;;;;;\n");
  const route::ReferentialFiles without{dir.path / "structures.csv", dir.path / "services.csv",
                                        std::nullopt};
  auto plain = route::load_referential(without);
  BOOST_TEST_REQUIRE(plain.ok());
  BOOST_TEST(!plain->referential.has_engagements());
  auto files = without;
  files.engagements = dir.path / "engagements.csv";
  auto loaded = route::load_referential(files);
  BOOST_TEST_REQUIRE(loaded.ok());
  const auto& ref = loaded->referential;
  BOOST_TEST(ref.has_engagements());
  BOOST_TEST(ref.engagement_count() == 2u);
  const auto* ej = ref.engagement("EJ1");
  BOOST_TEST_REQUIRE(ej != nullptr);
  BOOST_TEST(ej->supplier_id == "43916283500037");
  BOOST_TEST(ej->cost_centre == "CC-1");
  BOOST_TEST(ej->functional_domain == "DF-1");
  BOOST_TEST(ej->programming_ref == "P150-01");
  BOOST_TEST(ref.engagements_of("73282932000074").size() == 2u);
  BOOST_TEST_REQUIRE(loaded->bad_rows.size() == 1u);
  BOOST_TEST(loaded->bad_rows[0].starts_with("engagements.csv:3:"));
  BOOST_TEST(ref.version() != plain->referential.version());
  const auto* a = ref.structure("73282932000074");
  BOOST_TEST_REQUIRE(a != nullptr);
  BOOST_TEST(a->address == "1 rue X, Bât. B");
  BOOST_TEST(a->email == "mairie@a.fr");
}

// The real directory has several hundred thousand rows: every row must be read, and a bad one
// deep in the file still gets its own line number. (Speed is measured in bench/, not here.)
BOOST_AUTO_TEST_CASE(a_directory_sized_file_loads_completely) {
  TempDir dir;
  constexpr int kRows = 200000;
  {
    std::ofstream st(dir.path / "structures.csv", std::ios::binary);
    std::ofstream sv(dir.path / "services.csv", std::ios::binary);
    st << kStructuresHeader;
    sv << kServicesHeader;
    for (int i = 0; i < kRows; ++i) {
      const std::string id = std::to_string(10000000000000LL + i);
      if (i == 150000)
        st << "SIRET;" << id << ";Bad;maybe;true;false;false;false;false;false;false;true;"
           << ";;;;;;;FR;France\n";
      else
        st << "SIRET;" << id << ";Structure " << i
           << ";false;true;false;false;true;false;false;false;true;1 rue X;;;75001;Paris;;;FR;"
              "France\n";
      sv << id << ";Structure " << i << ";SVC" << (i % 7)
         << ";Service;false;true;;;;;;;;FR;France;;\n";
    }
  }
  auto loaded = route::load_referential(dir.path / "structures.csv", dir.path / "services.csv");
  BOOST_TEST_REQUIRE(loaded.ok());
  BOOST_TEST(loaded->referential.structure_count() == std::size_t(kRows - 1));
  BOOST_TEST(loaded->referential.service_count() == std::size_t(kRows));
  BOOST_TEST_REQUIRE(loaded->bad_rows.size() == 1u);
  BOOST_TEST(loaded->bad_rows[0].starts_with("structures.csv:150002:"));
  BOOST_TEST(loaded->referential.service(std::to_string(10000000000000LL + 199999),
                                         "SVC2"));  // 199999 % 7
}

BOOST_AUTO_TEST_CASE(the_sample_referential_loads_cleanly) {
  const auto samples = fluxd_test::source_dir() / "samples" / "referential";
  auto loaded = route::load_referential(samples / "structures.csv", samples / "services.csv");
  BOOST_TEST_REQUIRE(loaded.ok());
  BOOST_TEST(loaded->bad_rows.empty());
  BOOST_TEST(loaded->referential.structure_count() >= 6u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(outbox)

BOOST_AUTO_TEST_CASE(routes_by_recipient_and_service) {
  model::Invoice inv;
  inv.buyer.ids = {{"73282932000074", "0009"}};
  auto d = route::decide_route(inv);
  BOOST_TEST(d.recipient == "73282932000074");
  BOOST_TEST(d.service == "_");
  inv.buyer_reference = "ECOLES";
  BOOST_TEST(route::decide_route(inv).service == "ECOLES");
}

BOOST_AUTO_TEST_CASE(names_from_invoice_content_cannot_name_another_folder) {
  BOOST_TEST(route::routed_file_name("78467169500087|F-1|2026") == "78467169500087__F-1__2026.xml");
  BOOST_TEST(route::routed_file_name("a|b/c|2026").find('/') == std::string::npos);
  BOOST_TEST(route::safe_path_component("../../etc") == "_._.._etc");  // no '/', never ".."
  BOOST_TEST(route::safe_path_component("..") == "_.");
  BOOST_TEST(route::safe_path_component("") == "_");
  BOOST_TEST(route::safe_path_component(".hidden") == "_hidden");
  BOOST_TEST(route::safe_path_component(std::string(300, 'a')).size() == 120u);
}

BOOST_AUTO_TEST_SUITE_END()
