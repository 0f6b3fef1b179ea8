// ZIP batch flows and Factur-X PDF flows through the real binary: the archives and PDFs are
// made here (Python's zipfile, the qpdf tool) from the sample invoices; the routed invoices
// arrive in the outbox with the files that travel with them.
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "e2e_support.h"
#include "route/process.h"
#include "test_paths.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kFlows = fluxd_test::source_dir() / "samples" / "flows" / "AAA999";

struct Box {
  fluxd_test::ScratchDir scratch{"fluxd-unpacked"};
  fs::path root = scratch.path();
  fs::path data = root / "data";
  fs::path inbox = data / "inbox" / "AAA999";
  fs::path config = root / "fluxd.toml";

  Box() {
    const auto ref = fluxd_test::source_dir() / "samples" / "referential";
    std::ofstream(config) << "[data]\nroot = '" << data.string() << "'\n"
                          << "[referential]\nstructures = '" << (ref / "structures.csv").string()
                          << "'\nservices = '" << (ref / "services.csv").string() << "'\n"
                          << "[[partners]]\ncode = 'AAA999'\n";
    fs::create_directories(inbox);
  }
  fluxd_test::Run fluxd(const std::string& args) const {
    return fluxd_test::run(std::string(FLUXD_BINARY) + " " + args + " --config " +
                           fluxd_test::quote(config));
  }
  // Every file under outbox/, by name.
  std::map<std::string, fs::path> outbox() const {
    std::map<std::string, fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(data / "outbox"))
      if (e.is_regular_file()) files[e.path().filename().string()] = e.path();
    return files;
  }
};

// Valmont's invoice naming an annex, as a supplier does in cac:AdditionalDocumentReference.
std::string valmont_with_annex(const std::string& annex) {
  std::string xml = fluxd_test::slurp(kFlows / "01-ubl-valmont-accepted.xml");
  const auto at = xml.find("<cac:AccountingSupplierParty>");
  BOOST_REQUIRE(at != std::string::npos);
  xml.insert(at, "<cac:AdditionalDocumentReference><cbc:ID>" + annex +
                     "</cbc:ID></cac:AdditionalDocumentReference>\n    ");
  return xml;
}

// A ZIP of (member name, file) pairs written with Python's zipfile (deflate).
void make_zip(const fs::path& zip, const std::vector<std::pair<std::string, fs::path>>& members) {
  std::string script =
      "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)\n";
  for (const auto& [name, file] : members)
    script += "z.write('" + file.string() + "', '" + name + "')\n";
  script += "z.close()\n";
  const fs::path py = zip.parent_path() / "make_zip.py";
  std::ofstream(py) << script;
  BOOST_REQUIRE_EQUAL(
      fluxd_test::run("python3 " + fluxd_test::quote(py) + " " + fluxd_test::quote(zip)).exit_code,
      0);
  fs::remove(py);
}

json flow_json(const Box& box, int number) {
  auto r = box.fluxd("suivi flow " + std::to_string(number) + " --json");
  BOOST_REQUIRE_EQUAL(r.exit_code, 0);
  return json::parse(r.out);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(unpacked_flows)

BOOST_AUTO_TEST_CASE(a_zip_batch_routes_each_invoice_with_the_annex_it_references) {
  Box box;
  const fs::path staging = box.root / "staging";
  fs::create_directories(staging);
  std::ofstream(staging / "valmont.xml") << valmont_with_annex("annexe-valmont.pdf");
  std::ofstream(staging / "annexe-valmont.pdf") << "%PDF-1.4 an annex the invoice names\n";
  make_zip(box.inbox / "lot-001.zip",
           {{"valmont.xml", staging / "valmont.xml"},
            {"lerans.xml", kFlows / "03-ubl-creditnote-lerans-ej-accepted.xml"},
            {"annexes/annexe-valmont.pdf", staging / "annexe-valmont.pdf"}});

  auto r = box.fluxd("batch");
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out);
  const auto flow = flow_json(box, 1);
  BOOST_TEST(flow["syntax"] == "IN_DP_E1_ZIP");
  BOOST_TEST(flow["status"] == "IN_INTEGRE");
  BOOST_TEST(flow["invoices"] == 2);
  BOOST_TEST(flow["accepted"] == 2);

  const auto files = box.outbox();
  // The annex lands beside Valmont's invoice only, named after it, before its sidecar says so.
  int annexes = 0;
  for (const auto& [name, path] : files) {
    if (name.size() > 19 && name.ends_with(".annexe-valmont.pdf")) {
      ++annexes;
      const std::string stem = name.substr(0, name.size() - 19);
      BOOST_TEST(fluxd_test::slurp(path) == "%PDF-1.4 an annex the invoice names\n");
      BOOST_REQUIRE(files.count(stem + ".xml"));
      BOOST_TEST(fluxd_test::slurp(files.at(stem + ".xml")) ==
                 valmont_with_annex("annexe-valmont.pdf"));
      const auto sidecar = json::parse(fluxd_test::slurp(files.at(stem + ".meta.json")));
      BOOST_TEST(sidecar["attachments"] == name);
    }
  }
  BOOST_TEST(annexes == 1);
  // Two invoices, one annex, two sidecars.
  BOOST_TEST(files.size() == 5u);
}

BOOST_AUTO_TEST_CASE(an_unsafe_zip_is_refused_as_a_whole) {
  Box box;
  make_zip(box.inbox / "evil.zip", {{"../../escape.xml", kFlows / "01-ubl-valmont-accepted.xml"}});
  auto r = box.fluxd("batch");
  BOOST_REQUIRE_EQUAL(r.exit_code, 0);
  const auto flow = flow_json(box, 1);
  BOOST_TEST(flow["status"] == "IN_REJETE");
  BOOST_TEST(flow.dump().find("FLOW-UNSAFE-ARCHIVE") != std::string::npos);
  BOOST_TEST(!fs::exists(box.data / "outbox" / "escape.xml"));
  BOOST_TEST(box.outbox().empty());
}

BOOST_AUTO_TEST_CASE(a_facturx_pdf_routes_its_cii_invoice_with_the_pdf) {
  Box box;
  const fs::path cii = kFlows / "02-cii-brenac-urgences-accepted.xml";
  const fs::path pdf = box.inbox / "facture-brenac.pdf";
  const auto made = fluxd_test::run("qpdf --empty --add-attachment " + fluxd_test::quote(cii) +
                                    " --key=factur-x.xml --filename=factur-x.xml "
                                    "--mimetype=text/xml -- " +
                                    fluxd_test::quote(box.root / "staged.pdf"));
  BOOST_REQUIRE_EQUAL(made.exit_code, 0);
  fs::rename(box.root / "staged.pdf", pdf);
  const std::string pdf_bytes = fluxd_test::slurp(pdf);

  auto r = box.fluxd("batch");
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out);
  const auto flow = flow_json(box, 1);
  BOOST_TEST(flow["syntax"] == "IN_DP_E2_CII_FACTURX");
  BOOST_TEST(flow["status"] == "IN_INTEGRE");
  const auto files = box.outbox();
  BOOST_REQUIRE_EQUAL(files.size(), 3u);  // the CII invoice, its sidecar, the PDF
  int pdfs = 0;
  for (const auto& [name, path] : files) {
    if (name.ends_with(".xml")) BOOST_TEST(fluxd_test::slurp(path) == fluxd_test::slurp(cii));
    if (name.ends_with(".facture-brenac.pdf")) {
      ++pdfs;
      BOOST_TEST(fluxd_test::slurp(path) == pdf_bytes);
    }
  }
  BOOST_TEST(pdfs == 1);
}

BOOST_AUTO_TEST_CASE(a_pdf_without_an_embedded_invoice_is_refused) {
  Box box;
  const auto made = fluxd_test::run("qpdf --empty " + fluxd_test::quote(box.root / "plain.pdf"));
  BOOST_REQUIRE_EQUAL(made.exit_code, 0);
  fs::rename(box.root / "plain.pdf", box.inbox / "scan.pdf");
  BOOST_REQUIRE_EQUAL(box.fluxd("batch").exit_code, 0);
  const auto flow = flow_json(box, 1);
  BOOST_TEST(flow["status"] == "IN_REJETE");
  BOOST_TEST(flow.dump().find("FLOW-UNKNOWN-FORMAT") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
