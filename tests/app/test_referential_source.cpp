// The referential in force: configuration files, `referential import`, reload on change and on
// request, one consistent snapshot per caller.
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "app/referential_source.h"

namespace fs = std::filesystem;

namespace {

const std::string kStructuresHeader =
    "TypeIdentifiant;Identifiant;RaisonSociale;EmetteurEdi;RecepteurEdi;"
    "GestionStatutMiseEnPaiement;GestionEngagement;GestionService;GestionServiceEngagement;EstMOA;"
    "EstMOAUniquement;StructureActive;Adresse;ComplementAdresse1;ComplementAdresse2;CodePostal;"
    "Ville;NumTelephone;Courriel;CodePays;LibellePays\n";
const std::string kServicesHeader =
    "Identifiant;RaisonSociale;Code;Nom;GestionEGMT;ServiceActif;Adresse;ComplementAdresse1;"
    "ComplementAdresse2;CodePostal;Ville;NumTelephone;Courriel;CodePays;LibellePays\n";

std::string structure_row(const std::string& id, const std::string& name) {
  return "SIRET;" + id + ";" + name +
         ";false;true;false;false;true;false;false;false;true;1 rue X;;;75001;Paris;;;FR;France\n";
}

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

struct Sandbox {
  fs::path dir = fs::temp_directory_path() / ("fluxd-refsrc-" + std::to_string(::getpid()));
  app::Config config;
  Sandbox() {
    fs::remove_all(dir);
    config.data_root = dir / "data";
    config.referential_dir = config.data_root / "referential";
    config.structures_csv = dir / "conf" / "structures.csv";
    config.services_csv = dir / "conf" / "services.csv";
    write(config.structures_csv, kStructuresHeader + structure_row("73282932000074", "Commune A"));
    write(config.services_csv,
          kServicesHeader + "73282932000074;Commune A;ECOLES;Écoles;false;true;;;;;;;;FR;France\n");
  }
  ~Sandbox() { fs::remove_all(dir); }

  route::ReferentialFiles new_files(const std::string& name, bool with_engagements) {
    route::ReferentialFiles files{dir / "new" / "s.csv", dir / "new" / "v.csv", std::nullopt};
    write(files.structures, kStructuresHeader + structure_row("73282932000074", name) +
                                structure_row("44306184100047", "Hôpital B") + "SIRET;bad\n");
    write(files.services, kServicesHeader);
    if (with_engagements) {
      files.engagements = dir / "new" / "e.csv";
      write(*files.engagements,
            "NumeroEJ;IdentifiantStructure;IdentifiantFournisseur;MontantTTC;CentreDeCout;"
            "DomaineFonctionnel;ReferentielProgrammation\n"
            "EJ1;73282932000074;;100.00;CC;DF;RP\n");
    }
    return files;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(referential_source)

BOOST_AUTO_TEST_CASE(loads_the_configuration_files_until_an_import) {
  Sandbox box;
  app::ReferentialSource source(box.config);
  BOOST_TEST_REQUIRE(source.load().ok());
  BOOST_TEST(source.location().origin == "configuration");
  BOOST_TEST(source.current()->structure("73282932000074")->name == "Commune A");
  BOOST_TEST(!source.refresh());  // nothing changed
}

BOOST_AUTO_TEST_CASE(import_installs_a_complete_set_and_a_running_source_picks_it_up) {
  Sandbox box;
  app::ReferentialSource source(box.config);
  BOOST_TEST_REQUIRE(source.load().ok());
  const auto before = source.current();

  auto imported = app::import_referential(box.config, box.new_files("Commune A (nouveau)", true));
  BOOST_TEST_REQUIRE(imported.ok());
  BOOST_TEST(imported->structures == 2u);
  BOOST_TEST(imported->engagements == 1u);
  BOOST_TEST_REQUIRE(imported->bad_rows.size() == 1u);
  BOOST_TEST(imported->bad_rows[0].starts_with("s.csv:4:"));
  BOOST_TEST(fs::is_symlink(box.config.referential_dir / "current"));
  BOOST_TEST(fs::canonical(box.config.referential_dir / "current") == imported->installed);
  BOOST_TEST(fs::exists(imported->installed / "engagements.csv"));

  auto notice = source.refresh();
  BOOST_TEST_REQUIRE(notice.has_value());
  BOOST_TEST(notice->find("reloaded") != std::string::npos);
  BOOST_TEST(source.location().origin.starts_with("imported set"));
  BOOST_TEST(source.current()->version() == imported->version);
  BOOST_TEST(source.current()->structure("73282932000074")->name == "Commune A (nouveau)");
  BOOST_TEST(source.current()->has_engagements());
  // A caller holding the old snapshot still sees one whole, unchanged version.
  BOOST_TEST(before->structure("73282932000074")->name == "Commune A");
  BOOST_TEST(before->version() != imported->version);
}

BOOST_AUTO_TEST_CASE(a_broken_reload_keeps_the_version_in_force) {
  Sandbox box;
  app::ReferentialSource source(box.config);
  BOOST_TEST_REQUIRE(source.load().ok());
  const auto version = source.current()->version();
  write(box.config.services_csv, "Identifiant;Nom\n");  // mandatory columns gone
  auto notice = source.refresh();
  BOOST_TEST_REQUIRE(notice.has_value());
  BOOST_TEST(notice->find("reload failed") != std::string::npos);
  BOOST_TEST(source.current()->version() == version);
  // Repaired: the next refresh loads it.
  write(box.config.services_csv, kServicesHeader);
  BOOST_TEST(source.refresh().has_value());
  BOOST_TEST(source.current()->version() != version);
  BOOST_TEST(source.current()->service_count() == 0u);
}

BOOST_AUTO_TEST_CASE(a_requested_reload_happens_even_without_a_visible_change) {
  Sandbox box;
  app::ReferentialSource source(box.config);
  BOOST_TEST_REQUIRE(source.load().ok());
  const auto first = source.current();
  app::ReferentialSource::request_reload();  // what SIGHUP does
  BOOST_TEST(source.refresh().has_value());
  BOOST_TEST(source.current() != first);  // a fresh load, same content
  BOOST_TEST(source.current()->version() == first->version());
  BOOST_TEST(!source.refresh());
}

BOOST_AUTO_TEST_CASE(show_lists_services_and_engagements) {
  Sandbox box;
  auto imported = app::import_referential(box.config, box.new_files("Commune A", true));
  BOOST_TEST_REQUIRE(imported.ok());
  app::ReferentialSource source(box.config);
  BOOST_TEST_REQUIRE(source.load().ok());
  const auto& ref = *source.current();
  const auto* s = ref.structure("73282932000074");
  BOOST_TEST_REQUIRE(s != nullptr);
  const auto j = nlohmann::json::parse(app::structure_json(ref, *s));
  BOOST_TEST(j["id"] == "73282932000074");
  BOOST_TEST(j["service_required"] == true);
  BOOST_TEST(j["engagements"].size() == 1u);
  BOOST_TEST(j["engagements"][0]["cost_centre"] == "CC");
  BOOST_TEST(j["referential_version"] == imported->version);
  const auto text = app::structure_text(ref, *s);
  BOOST_TEST(text.find("EJ1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(importing_again_keeps_three_sets) {
  Sandbox box;
  for (int i = 0; i < 5; ++i)
    BOOST_TEST_REQUIRE(
        app::import_referential(box.config, box.new_files("v" + std::to_string(i), false)).ok());
  int sets = 0;
  for (const auto& entry : fs::directory_iterator(box.config.referential_dir))
    if (entry.is_directory() && !entry.is_symlink()) ++sets;
  BOOST_TEST(sets == 3);
  app::ReferentialSource source(box.config);
  BOOST_TEST_REQUIRE(source.load().ok());
  BOOST_TEST(source.current()->structure("73282932000074")->name == "v4");
}

BOOST_AUTO_TEST_SUITE_END()
