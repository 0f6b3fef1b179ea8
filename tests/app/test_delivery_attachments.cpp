// An accepted invoice's attachments (the Factur-X PDF, the ZIP members it references) through
// app::Deliverer: spooled durably with the invoice, delivered with it by the outbox directory
// channel, the spool freed after success; a lost spooled attachment keeps the invoice back.
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "app/delivery.h"
#include "lifecycle/lifecycle.h"
#include "route/channel.h"
#include "route/process.h"
#include "route/route.h"

namespace fs = std::filesystem;

namespace {

constexpr const char* kRecipient = "73282932000074";

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

using fluxd_test::names_in;

// A data root of its own: the store, the spool, and the always-there "outbox" channel.
struct Sandbox {
  fs::path dir = fs::temp_directory_path() / ("fluxd-deliv-att-" + std::to_string(::getpid()));
  app::Config config;
  std::unique_ptr<lifecycle::Store> store;

  Sandbox() {
    fs::remove_all(dir);
    config.data_root = dir / "data";
    config.outbox = config.data_root / "outbox";
    config.store = config.data_root / "fluxd.sqlite";
    config.delivery.spool = config.data_root / "spool";
    route::ChannelConfig outbox;
    outbox.name = "outbox";
    outbox.kind = route::ChannelConfig::Kind::directory;
    outbox.directory = config.outbox;
    config.delivery.channels.push_back(outbox);
    fs::create_directories(config.data_root);
    store = std::make_unique<lifecycle::Store>(config.store);
  }
  ~Sandbox() {
    store.reset();
    fs::remove_all(dir);
  }

  // Records a flow with one accepted invoice and schedules its delivery, as `fluxd batch`
  // does: inside the flow's transaction. Returns the invoice id.
  std::int64_t schedule(app::Deliverer& deliverer,
                        const std::vector<ingest::Attachment>& attachments) {
    store->begin();
    const auto flow = store->record_flow("AAA999", "lot.zip", std::string(64, 'a'), 100);
    lifecycle::InvoiceRecord record;
    record.position = 1;
    record.document = "facture.xml";
    record.key = model::invoice_key(invoice());
    record.number = invoice().number;
    const auto id = store->add_invoice(flow, record, {});
    deliverer.schedule(id, std::string(64, 'a'), 1, invoice(), invoice_bytes(),
                       {{"flow", std::to_string(flow)}, {"recipient", kRecipient}}, attachments);
    store->commit();
    return id;
  }

  static model::Invoice invoice() {
    model::Invoice invoice;
    invoice.number = "F-001";
    invoice.issue_date = "2025-01-15";
    invoice.seller.legal_id = {"12345678900011", "0002"};
    invoice.buyer.legal_id = {kRecipient, "0002"};
    invoice.buyer_reference = "ECOLES";
    return invoice;
  }
  static std::string invoice_bytes() { return "<Invoice><ID>F-001</ID></Invoice>\n"; }

  fs::path delivered_folder() const { return config.outbox / kRecipient / "ECOLES"; }
  static std::string file_name() { return route::routed_file_name(model::invoice_key(invoice())); }
  // "<invoice stem>.<suffix>"
  static std::string beside(const std::string& suffix) {
    const std::string name = file_name();
    return name.substr(0, name.size() - 4) + "." + suffix;
  }
};

const std::vector<ingest::Attachment> kAttachments{
    {"facture.pdf", "%PDF-1.7 the invoice as a PDF\n"},
    {"scan.png", "\x89PNG\r\n a scan"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(delivery_attachments)

BOOST_AUTO_TEST_CASE(attachments_are_spooled_delivered_with_the_invoice_then_freed) {
  Sandbox box;
  app::Deliverer deliverer(box.config, *box.store);
  BOOST_TEST_REQUIRE(deliverer.open().ok());
  const auto id = box.schedule(deliverer, kAttachments);

  // Spooled durably beside the invoice before its delivery was recorded.
  const fs::path spool = box.config.delivery.spool;
  const auto prefix = std::to_string(id);
  const std::set<std::string> spooled{prefix + ".xml", prefix + ".att.1", prefix + ".att.2"};
  BOOST_TEST(names_in(spool) == spooled, boost::test_tools::per_element());
  BOOST_TEST(read(spool / (prefix + ".att.1")) == kAttachments[0].bytes);
  BOOST_TEST(read(spool / (prefix + ".att.2")) == kAttachments[1].bytes);

  const auto report = deliverer.deliver_due();
  BOOST_TEST(report.delivered == 1);
  BOOST_TEST(report.problems.empty(), (report.problems.empty() ? "" : report.problems[0]));

  // In the outbox: both attachments, the sidecar listing them, the invoice.
  const fs::path folder = box.delivered_folder();
  const std::set<std::string> delivered{Sandbox::beside("facture.pdf"), Sandbox::beside("scan.png"),
                                        route::sidecar_name(Sandbox::file_name()),
                                        Sandbox::file_name()};
  BOOST_TEST(names_in(folder) == delivered, boost::test_tools::per_element());
  BOOST_TEST(read(folder / Sandbox::beside("facture.pdf")) == kAttachments[0].bytes);
  BOOST_TEST(read(folder / Sandbox::beside("scan.png")) == kAttachments[1].bytes);
  BOOST_TEST(read(folder / Sandbox::file_name()) == Sandbox::invoice_bytes());
  const auto sidecar =
      nlohmann::json::parse(read(folder / route::sidecar_name(Sandbox::file_name())));
  BOOST_TEST(sidecar.at("attachments").get<std::string>() ==
             Sandbox::beside("facture.pdf") + ", " + Sandbox::beside("scan.png"));
  BOOST_TEST(!sidecar.contains("spooled_attachments"));  // the spool's bookkeeping stays home
  for (const auto& item : sidecar.items()) BOOST_TEST(item.value().is_string());

  // Delivered: the spool holds nothing of it any more.
  BOOST_TEST(names_in(spool).empty(), names_in(spool).size() << " files left");
  const auto rows = box.store->deliveries({});
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(lifecycle::to_string(rows[0].state) == "delivered");
}

BOOST_AUTO_TEST_CASE(a_lost_spooled_attachment_keeps_the_invoice_back) {
  Sandbox box;
  app::Deliverer deliverer(box.config, *box.store);
  BOOST_TEST_REQUIRE(deliverer.open().ok());
  const auto id = box.schedule(deliverer, kAttachments);
  fs::remove(box.config.delivery.spool / (std::to_string(id) + ".att.2"));

  const auto report = deliverer.deliver_due();
  BOOST_TEST(report.delivered == 0);
  BOOST_TEST(report.dead == 1);  // permanent, as a lost invoice
  BOOST_TEST_REQUIRE(report.problems.size() == 1u);
  BOOST_TEST(report.problems[0].find("DELIVERY-SPOOL-MISSING") != std::string::npos,
             report.problems[0]);
  BOOST_TEST(!fs::exists(box.delivered_folder() / Sandbox::file_name()));
  const auto rows = box.store->deliveries({});
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(lifecycle::to_string(rows[0].state) == "dead");
}

BOOST_AUTO_TEST_CASE(an_invoice_without_attachments_is_delivered_as_before) {
  Sandbox box;
  app::Deliverer deliverer(box.config, *box.store);
  BOOST_TEST_REQUIRE(deliverer.open().ok());
  box.schedule(deliverer, {});
  BOOST_TEST(names_in(box.config.delivery.spool).size() == 1u);  // the invoice only
  BOOST_TEST(deliverer.deliver_due().delivered == 1);
  const std::set<std::string> delivered{route::sidecar_name(Sandbox::file_name()),
                                        Sandbox::file_name()};
  BOOST_TEST(names_in(box.delivered_folder()) == delivered, boost::test_tools::per_element());
  const auto sidecar = nlohmann::json::parse(
      read(box.delivered_folder() / route::sidecar_name(Sandbox::file_name())));
  BOOST_TEST(!sidecar.contains("attachments"));
  BOOST_TEST(names_in(box.config.delivery.spool).empty());
}

BOOST_AUTO_TEST_CASE(the_spool_sweep_keeps_waiting_deliveries_and_removes_what_a_crash_left) {
  Sandbox box;
  const fs::path spool = box.config.delivery.spool;
  std::int64_t waiting = 0;
  {
    app::Deliverer deliverer(box.config, *box.store);
    BOOST_TEST_REQUIRE(deliverer.open().ok());
    waiting = box.schedule(deliverer, kAttachments);  // pending: never delivered here
  }
  const auto an_hour_ago = fs::file_time_type::clock::now() - std::chrono::hours(1);
  auto left = [&](const std::string& name, bool old) {
    std::ofstream(spool / name) << "left by a crash";
    if (old) fs::last_write_time(spool / name, an_hour_ago);
  };
  left("9999.xml", true);  // its transaction never committed
  left("9999.att.1", true);
  left("8888.xml", false);  // maybe a transaction still open elsewhere: kept for now
  left("notes.txt", true);  // not the spool's: kept
  // A write cut by a crash: its writer (a pid above Linux's pid_max) is gone.
  left(".9999.xml.tmp.2147483000.1", true);
  left(".7777.xml.tmp." + std::to_string(::getpid()) + ".1", true);  // a live writer: kept
  for (const auto& name : {std::to_string(waiting) + ".xml", std::to_string(waiting) + ".att.1"})
    fs::last_write_time(spool / name, an_hour_ago);

  app::Deliverer deliverer(box.config, *box.store);
  BOOST_TEST_REQUIRE(deliverer.open().ok());  // sweeps
  const std::string w = std::to_string(waiting);
  const std::set<std::string> kept{
      w + ".xml", w + ".att.1", w + ".att.2",
      "8888.xml", "notes.txt",  ".7777.xml.tmp." + std::to_string(::getpid()) + ".1"};
  BOOST_TEST(names_in(spool) == kept, boost::test_tools::per_element());
  // The waiting delivery still goes through.
  BOOST_TEST(deliverer.deliver_due().delivered == 1);
}

BOOST_AUTO_TEST_SUITE_END()
