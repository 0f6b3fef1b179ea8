// The invoice lifecycle after intake, through the real binary on a private copy of samples/:
// status-update files from recipients and partners, the state machine refusing what it must,
// result files, lifecycle messages to the partner that opted in (never a masked payment
// status), recycled invoices sent again, and an operator's replay of an IN_INCIDENTE flow.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "app/config.h"
#include "app/delivery.h"
#include "app/intake.h"
#include "app/referential_source.h"
#include "e2e_support.h"
#include "lifecycle/lifecycle.h"
#include "test_paths.h"

namespace fs = std::filesystem;
using fluxd_test::SampleSandbox;
using fluxd_test::slurp;

namespace {

constexpr const char* kValmont = "21384512600019";  // manages the payment status
constexpr const char* kBrenac = "26071930700027";   // does not
constexpr const char* kLerans = "19383741600042";

// A sandbox whose partner AAA999 receives lifecycle messages (ERP042 does not).
struct LifecycleSandbox : SampleSandbox {
  explicit LifecycleSandbox(const std::string& prefix) : SampleSandbox(prefix) {
    std::string toml;
    {
      std::istringstream lines(slurp(config));
      for (std::string line; std::getline(lines, line);)
        if (!line.starts_with("lifecycle")) toml += line + "\n";  // whatever samples say
    }
    const std::string partner = "code = \"AAA999\"\n";
    BOOST_REQUIRE(toml.find(partner) != std::string::npos);
    toml.insert(toml.find(partner) + partner.size(), "lifecycle = true\n");
    std::ofstream(config) << toml;
  }

  void drop_update(const std::string& sender, const std::string& name,
                   const std::string& text) const {
    fs::create_directories(data / "updates" / sender);
    std::ofstream(data / "updates" / sender / name, std::ios::binary) << text;
  }

  std::string status_of(std::int64_t invoice) const {
    return sql_text("SELECT status FROM invoices WHERE id = " + std::to_string(invoice));
  }

  // The id of AAA999's accepted invoice for this recipient (the first one).
  std::int64_t accepted_invoice_of(const std::string& recipient) const {
    return sql_count(
        "SELECT min(i.id) FROM invoices i JOIN flows f ON f.number = i.flow_number "
        "WHERE f.partner = 'AAA999' AND i.status = 'MISE_A_DISPOSITION' AND i.recipient_id = '" +
        recipient + "'");
  }

  // The lifecycle messages AAA999 received, oldest first (names sort in event order).
  std::vector<std::string> messages() const {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(data / "lifecycle" / "AAA999"))
      files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<std::string> texts;
    for (const auto& f : files) {
      BOOST_TEST(f.filename().string().starts_with("CV-"));
      texts.push_back(slurp(f));
    }
    return texts;
  }

  // How many messages tell this invoice's change to this status.
  std::size_t messages_about(std::int64_t invoice, const std::string& status) const {
    const std::string id = "<invoiceId>" + std::to_string(invoice) + "</invoiceId>";
    const std::string to = "<status>" + status + "</status>";
    std::size_t n = 0;
    for (const auto& m : messages())
      if (m.find(id) != std::string::npos && m.find(to) != std::string::npos) ++n;
    return n;
  }
};

std::string result_file(const SampleSandbox& box, const std::string& sender, int number,
                        const std::string& name) {
  char prefix[32];
  std::snprintf(prefix, sizeof prefix, "RES-%010d-", number);
  const auto file = box.data / "update-results" / sender / (prefix + name);
  BOOST_REQUIRE_MESSAGE(fs::exists(file), file.string());
  return slurp(file);
}

// Update files still waiting in updates/<sender>/.
std::size_t updates_left(const SampleSandbox& box) {
  std::size_t n = 0;
  for (const auto& sender : fs::directory_iterator(box.data / "updates"))
    for (const auto& file : fs::directory_iterator(sender.path()))
      if (file.is_regular_file()) ++n;
  return n;
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(lifecycle_e2e)

BOOST_AUTO_TEST_CASE(updates_go_through_the_state_machine_and_partners_hear_of_them) {
  LifecycleSandbox box("fluxd-lifecycle");
  box.drop_samples();
  BOOST_REQUIRE(box.fluxd("batch").exit_code == 0);

  // Every invoice change of AAA999's flows is a message; ERP042 did not opt in.
  const auto aaa_changes = box.sql_count(
      "SELECT count(*) FROM status_history h JOIN invoices i ON h.kind = 'invoice' AND "
      "i.id = h.ref JOIN flows f ON f.number = i.flow_number WHERE f.partner = 'AAA999'");
  BOOST_TEST(aaa_changes > 0);
  BOOST_TEST(box.messages().size() == static_cast<std::size_t>(aaa_changes));
  BOOST_TEST(!fs::exists(box.data / "lifecycle" / "ERP042"));

  const auto valmont = box.accepted_invoice_of(kValmont);
  const auto brenac = box.accepted_invoice_of(kBrenac);
  const auto lerans = box.accepted_invoice_of(kLerans);
  const auto valmont_key =
      box.sql_text("SELECT \"key\" FROM invoices WHERE id = " + std::to_string(valmont));
  BOOST_REQUIRE(valmont > 0 && brenac > 0 && lerans > 0);
  BOOST_TEST(box.messages_about(valmont, "MISE_A_DISPOSITION") == 1u);

  const std::string v = std::to_string(valmont), b = std::to_string(brenac),
                    l = std::to_string(lerans);
  box.drop_update(kValmont, "paiements.csv",
                  "invoice_id;key;status;date;reason\n" +               // line 1
                      v + ";;SERVICE_FAIT;2026-11-20;\n" +              // 2 applied
                      ";" + valmont_key + ";MANDATEE;2026-11-21;\n" +   // 3 applied, by key
                      v + ";;SUSPENDUE;2026-11-21;pièce manquante\n" +  // 4 MANDATEE→SUSPENDUE
                      v + ";;MISE_EN_PAIEMENT;2026-11-22;\n" +          // 5 applied
                      v + ";;COMPTABILISEE;2026-11-22;\n" +             // 6 after a terminal
                      b + ";;MANDATEE;2026-11-22;\n" +                  // 7 not Valmont's
                      v + ";;COMPLETEE;2026-11-22;\n" +                 // 8 the supplier's status
                      v + ";;MANDATEE;2026-13-01;\n");                  // 9 no such date
  box.drop_update(kBrenac, "statuts.xml",
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<statusUpdates xmlns=\"urn:fluxd:status-update:1\">\n"
                  "  <update><invoiceId>" +
                      b +
                      "</invoiceId><status>SERVICE_FAIT</status>"
                      "<date>2026-11-20</date></update>\n"
                      "  <update><invoiceId>" +
                      b +
                      "</invoiceId><status>REJETEE</status>"
                      "<date>2026-11-21</date></update>\n"
                      "  <update><invoiceId>" +
                      b +
                      "</invoiceId><status>MANDATEE</status>"
                      "<date>2026-11-21</date></update>\n"
                      "  <update><invoiceId>" +
                      b +
                      "</invoiceId><status>MISE_EN_PAIEMENT</status>"
                      "<date>2026-11-22</date></update>\n"
                      "</statusUpdates>\n");
  // Lerans suspends its credit note; the partner that sent it completes it (same round:
  // partner folders come after structure folders); ERP042 may not touch it.
  box.drop_update(kLerans, "suspension.csv",
                  "invoice_id;key;status;date;reason\n" + l + ";;SUSPENDUE;2026-11-20;\n" + l +
                      ";;SUSPENDUE;2026-11-20;bon de commande absent\n");
  box.drop_update("AAA999", "complements.csv",
                  "invoice_id;key;status;date;reason\n" + l + ";;COMPLETEE;2026-11-21;ajouté\n");
  box.drop_update("ERP042", "intrus.csv",
                  "invoice_id;key;status;date;reason\n" + l + ";;COMPLETEE;2026-11-21;\n");
  box.drop_update("99999999999999", "inconnu.csv",
                  "invoice_id;key;status;date;reason\n" + v + ";;MANDATEE;2026-11-21;\n");

  const auto history_before = box.sql_count("SELECT count(*) FROM status_history");
  const auto second = box.fluxd("batch");
  BOOST_TEST(second.exit_code == 0, second.out);
  BOOST_TEST(second.out.find("Mises à jour") != std::string::npos, second.out);

  // Valmont: the allowed chain applied, every refusal coded and nothing changed by it.
  BOOST_TEST(box.status_of(valmont) == "MISE_EN_PAIEMENT");
  const auto valmont_result = result_file(box, kValmont, 2, "paiements.csv");
  BOOST_TEST(
      valmont_result.starts_with("line;reference;invoice_id;status;date;result;code;message"));
  BOOST_TEST(count_of(valmont_result, ";APPLIQUE;") == 3u, valmont_result);
  BOOST_TEST(count_of(valmont_result, ";REFUSE;") == 5u, valmont_result);
  BOOST_TEST(count_of(valmont_result, "LC-TRANSITION-REFUSED") == 2u, valmont_result);
  BOOST_TEST(count_of(valmont_result, "UPD-INVOICE-UNKNOWN") == 1u, valmont_result);
  BOOST_TEST(count_of(valmont_result, "UPD-STATUS-NOT-ALLOWED") == 1u, valmont_result);
  BOOST_TEST(count_of(valmont_result, "UPD-LINE-INVALID") == 1u, valmont_result);
  BOOST_TEST(box.sql_count("SELECT count(*) FROM status_history WHERE kind = 'invoice' AND ref = " +
                           v + " AND source = 'recipient:" + kValmont + "'") == 3);
  BOOST_TEST(box.sql_text("SELECT status_date FROM status_history WHERE kind = 'invoice' AND "
                          "to_status = 'MISE_EN_PAIEMENT' AND ref = " +
                          v) == "2026-11-22");
  // Brénac's update is not Valmont's to make.
  BOOST_TEST(box.status_of(brenac) == "MISE_EN_PAIEMENT");

  // Brénac: a rejection needs a reason; its payment status is recorded but masked.
  const auto brenac_result = result_file(box, kBrenac, 3, "statuts.xml");
  BOOST_TEST(brenac_result.find("LC-REASON-REQUIRED") != std::string::npos, brenac_result);
  BOOST_TEST(count_of(brenac_result, "APPLIQUE") == 3u, brenac_result);
  BOOST_TEST(box.sql_count("SELECT shown_to_supplier FROM status_history WHERE kind = 'invoice' "
                           "AND to_status = 'MISE_EN_PAIEMENT' AND ref = " +
                           b) == 0);
  BOOST_TEST(box.sql_count("SELECT shown_to_supplier FROM status_history WHERE kind = 'invoice' "
                           "AND to_status = 'MISE_EN_PAIEMENT' AND ref = " +
                           v) == 1);

  // Lerans: SUSPENDUE without a reason refused, with one applied; the partner's COMPLETEE
  // puts it back at the recipient's disposal; the other partner cannot see it.
  const auto lerans_result = result_file(box, kLerans, 1, "suspension.csv");
  BOOST_TEST(count_of(lerans_result, "LC-REASON-REQUIRED") == 1u, lerans_result);
  BOOST_TEST(box.status_of(lerans) == "MISE_A_DISPOSITION");
  BOOST_TEST(box.sql_count("SELECT count(*) FROM status_history WHERE kind = 'invoice' AND ref = " +
                           l + " AND to_status = 'COMPLETEE' AND source = 'partner:AAA999'") == 1);
  BOOST_TEST(result_file(box, "ERP042", 6, "intrus.csv").find("UPD-INVOICE-UNKNOWN") !=
             std::string::npos);
  BOOST_TEST(result_file(box, "99999999999999", 4, "inconnu.csv").find("UPD-SENDER-UNKNOWN") !=
             std::string::npos);

  // Applied files leave updates/ for updates-done/.
  BOOST_TEST(updates_left(box) == 0u);
  BOOST_TEST(fs::exists(box.data / "updates-done" / kValmont / "0000000002-paiements.csv"));

  // The partner heard of every visible change, never of Brénac's payment.
  BOOST_TEST(box.messages_about(valmont, "MISE_EN_PAIEMENT") == 1u);
  BOOST_TEST(box.messages_about(valmont, "SERVICE_FAIT") == 1u);
  BOOST_TEST(box.messages_about(brenac, "MANDATEE") == 1u);
  BOOST_TEST(box.messages_about(brenac, "MISE_EN_PAIEMENT") == 0u);
  BOOST_TEST(box.messages_about(lerans, "COMPLETEE") == 1u);
  const auto visible_changes = box.sql_count(
      "SELECT count(*) FROM status_history h JOIN invoices i ON h.kind = 'invoice' AND "
      "i.id = h.ref JOIN flows f ON f.number = i.flow_number WHERE f.partner = 'AAA999' AND "
      "h.shown_to_supplier = 1");
  BOOST_TEST(box.messages().size() == static_cast<std::size_t>(visible_changes));
  BOOST_TEST(box.sql_count("SELECT count(*) FROM status_history") > history_before);

  // The operator sees the masked change, marked as such.
  const auto shown = box.fluxd("suivi invoice --id " + b);
  BOOST_TEST(shown.out.find("[non communiqué au fournisseur]") != std::string::npos, shown.out);
  const auto shown_json =
      nlohmann::json::parse(box.fluxd("suivi invoice --id " + b + " --json").out);
  BOOST_TEST(shown_json["history"].back()["to"] == "MISE_EN_PAIEMENT");
  BOOST_TEST(shown_json["history"].back()["shown_to_supplier"] == false);
  BOOST_TEST(shown_json["history"].back()["source"] == std::string("recipient:") + kBrenac);

  // A crash after the commit, before the hand-off, leaves the claimed file in updates-work/:
  // recognised by its claimed name, never applied twice; the result and the move are redone.
  const auto history_after = box.sql_count("SELECT count(*) FROM status_history");
  const auto message_count = box.messages().size();
  const auto claimed_name = box.sql_text("SELECT claimed_name FROM update_files WHERE number = 2");
  fs::create_directories(box.data / "updates-work" / kValmont);
  fs::rename(box.data / "updates-done" / kValmont / "0000000002-paiements.csv",
             box.data / "updates-work" / kValmont / claimed_name);
  fs::remove(box.data / "update-results" / kValmont / "RES-0000000002-paiements.csv");
  BOOST_REQUIRE(box.fluxd("batch").exit_code == 0);
  BOOST_TEST(box.sql_count("SELECT count(*) FROM status_history") == history_after);
  BOOST_TEST(box.sql_count("SELECT count(*) FROM update_files") == 6);
  BOOST_TEST(result_file(box, kValmont, 2, "paiements.csv") == valmont_result);
  BOOST_TEST(fs::exists(box.data / "updates-done" / kValmont / "0000000002-paiements.csv"));
  BOOST_TEST(fs::is_empty(box.data / "updates-work" / kValmont));

  // The same bytes deposited again are a new file: every update meets the state machine
  // again, and it refuses them all; nothing changes, no message is sent.
  fs::copy_file(box.data / "updates-done" / kValmont / "0000000002-paiements.csv",
                box.data / "updates" / kValmont / "paiements.csv");
  BOOST_REQUIRE(box.fluxd("batch").exit_code == 0);
  BOOST_TEST(box.sql_count("SELECT count(*) FROM status_history") == history_after);
  BOOST_TEST(box.sql_count("SELECT count(*) FROM update_files") == 7);
  const auto again = result_file(box, kValmont, 7, "paiements.csv");
  BOOST_TEST(count_of(again, ";APPLIQUE;") == 0u, again);
  BOOST_TEST(count_of(again, ";REFUSE;") == 8u, again);
  BOOST_TEST(box.messages().size() == message_count);
  BOOST_TEST(updates_left(box) == 0u);
}

BOOST_AUTO_TEST_CASE(a_recycled_invoice_sent_again_with_the_same_number_is_not_a_duplicate) {
  LifecycleSandbox box("fluxd-recycle");
  const auto sample =
      fluxd_test::source_dir() / "samples" / "flows" / "AAA999" / "01-ubl-valmont-accepted.xml";
  const std::string original = slurp(sample);
  const auto after_declaration = original.find("?>") + 2;
  // The same invoice with other bytes (a comment): its key is the same.
  auto sent_again = [&](const std::string& note) {
    std::string text = original;
    text.insert(after_declaration, "\n<!-- " + note + " -->");
    return text;
  };
  fs::create_directories(box.data / "inbox" / "AAA999");
  fs::copy_file(sample, box.data / "inbox" / "AAA999" / "facture.xml");
  BOOST_REQUIRE(box.fluxd("batch").exit_code == 0);
  const auto first = box.accepted_invoice_of(kValmont);
  const auto key = box.sql_text("SELECT \"key\" FROM invoices WHERE id = " + std::to_string(first));

  // Sent again while it is with the recipient: a duplicate.
  std::ofstream(box.data / "inbox" / "AAA999" / "renvoi-1.xml") << sent_again("renvoi 1");
  BOOST_REQUIRE(box.fluxd("batch").exit_code == 0);
  BOOST_TEST(box.sql_text("SELECT status FROM invoices ORDER BY id DESC LIMIT 1") == "REJETEE");
  BOOST_TEST(box.sql_count("SELECT count(*) FROM findings WHERE rule = 'FR-DUPLICATE'") == 1);

  // The recipient sends it back for recycling; the supplier sends it again: accepted.
  box.drop_update(kValmont, "recyclage.csv",
                  "invoice_id;key;status;date;reason\n" + std::to_string(first) +
                      ";;A_RECYCLER;2026-11-20;mauvais service destinataire\n");
  BOOST_REQUIRE(box.fluxd("batch").exit_code == 0);
  BOOST_TEST(box.status_of(first) == "A_RECYCLER");
  std::ofstream(box.data / "inbox" / "AAA999" / "renvoi-2.xml") << sent_again("renvoi 2");
  BOOST_REQUIRE(box.fluxd("batch").exit_code == 0);
  const auto resent = box.sql_count("SELECT max(id) FROM invoices");
  BOOST_TEST(box.status_of(resent) == "MISE_A_DISPOSITION");
  BOOST_TEST(box.sql_count("SELECT count(*) FROM findings WHERE rule = 'FR-DUPLICATE'") == 1);
  BOOST_TEST(box.sql_text("SELECT \"key\" FROM invoices WHERE id = " + std::to_string(resent)) ==
             key);

  // An update by key now means the invoice sent again, not the recycled one.
  box.drop_update(kValmont, "service-fait.csv",
                  "invoice_id;key;status;date;reason\n;" + key + ";SERVICE_FAIT;2026-11-23;\n");
  BOOST_REQUIRE(box.fluxd("batch").exit_code == 0);
  BOOST_TEST(box.status_of(resent) == "SERVICE_FAIT");
  BOOST_TEST(box.status_of(first) == "A_RECYCLER");
}

BOOST_AUTO_TEST_CASE(an_incident_flow_is_replayed_as_itself) {
  SampleSandbox box("fluxd-replay");
  auto config = app::load_config(box.config);
  BOOST_REQUIRE(config);
  BOOST_REQUIRE(app::make_data_folders(*config));
  const auto sample =
      fluxd_test::source_dir() / "samples" / "flows" / "AAA999" / "01-ubl-valmont-accepted.xml";
  fs::copy_file(sample, config->inbox / "AAA999" / "facture.xml");
  std::int64_t number = 0;
  {
    // What batch and the daemon do when a flow's analysis throws (not its content's fault).
    app::ReferentialSource referentials(*config);
    BOOST_REQUIRE(referentials.load());
    lifecycle::Store store(config->store);
    app::Deliverer deliverer(*config, store);
    BOOST_REQUIRE(deliverer.open());
    app::FlowIntake intake(*config, referentials, store, deliverer);
    auto flow = intake.claim("AAA999", config->inbox / "AAA999" / "facture.xml");
    BOOST_REQUIRE(flow);
    intake.incident(*flow, "analysis failed: simulated");
    number = flow->number;
  }
  const std::string n = std::to_string(number);
  BOOST_TEST(box.sql_text("SELECT status FROM flows WHERE number = " + n) == "IN_INCIDENTE");

  const auto replay = box.fluxd("suivi replay " + n + " --json");
  BOOST_TEST(replay.exit_code == 0, replay.out);
  const auto answer = nlohmann::json::parse(replay.out);
  BOOST_TEST(answer["requeued"] == true);
  BOOST_TEST(answer["inbox_file"] == (config->inbox / "AAA999" / "facture.xml").string());
  BOOST_TEST(fs::exists(config->inbox / "AAA999" / "facture.xml"));
  BOOST_TEST(fs::is_empty(config->failed / "AAA999"));

  BOOST_REQUIRE(box.fluxd("batch").exit_code == 0);
  BOOST_TEST(box.sql_count("SELECT count(*) FROM flows") == 1);  // the same flow, no duplicate
  BOOST_TEST(box.sql_text("SELECT status FROM flows WHERE number = " + n) == "IN_INTEGRE");
  BOOST_TEST(box.sql_count("SELECT count(*) FROM status_history WHERE kind = 'flow' AND ref = " +
                           n + " AND from_status = 'IN_INCIDENTE' AND reason = 'replay'") == 1);
  BOOST_TEST(box.sql_count("SELECT count(*) FROM invoices WHERE status = 'MISE_A_DISPOSITION'") ==
             1);
  BOOST_TEST(fs::is_empty(config->failed / "AAA999"));

  // Finished and delivered: there is nothing left to replay.
  BOOST_TEST(box.fluxd("suivi replay " + n).exit_code == 1);
}

BOOST_AUTO_TEST_SUITE_END()
