// The store's queries for `fluxd suivi`: filters, paging, invoice lookups, the status history
// feed and the statistics, on real database files in a fresh temp folder per test.
#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <set>

#include "lifecycle/lifecycle.h"
#include "support.h"

using namespace lifecycle_test;
using lifecycle::FlowFilter;
using lifecycle::InvoiceFilter;

namespace {

const model::Finding kServiceMissing{"FR-SERVICE-REQUIRED", model::Severity::fatal, "BT-10",
                                     "service requis"};
const model::Finding kTotal{"BR-CO-15", model::Severity::fatal, "BT-112", "total incorrect"};
const model::Finding kLongNumber{"FR-NUMBER-FORMAT", model::Severity::warning, "BT-1", "long"};
const model::Finding kMalformed{"FLOW-MALFORMED-XML", model::Severity::fatal, "/", "XML tronqué"};

// Runs SQL on the database file beside the store, as a test's back door (received dates).
void exec_sql(const std::filesystem::path& db_file, const std::string& sql) {
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(db_file.c_str(), &db) == SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  const std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  BOOST_REQUIRE_MESSAGE(rc == SQLITE_OK, message);
}

void set_received_at(const std::filesystem::path& db_file, std::int64_t flow,
                     const std::string& at) {
  exec_sql(db_file,
           "UPDATE flows SET received_at = '" + at + "' WHERE number = " + std::to_string(flow));
}

// A finished flow of one invoice per record: each accepted (MISE_A_DISPOSITION) unless it
// has a fatal finding (REJETEE). Returns the flow number; ids of the invoices in `ids`.
std::int64_t finished_flow(
    lifecycle::Store& store, const std::string& partner, const std::string& file, int seed,
    const std::vector<std::pair<lifecycle::InvoiceRecord, std::vector<model::Finding>>>& invoices,
    std::vector<std::int64_t>* ids = nullptr) {
  const auto flow = store.record_flow(partner, file, sha_of(seed), 100);
  store.set_flow_syntax(flow, "IN_DP_E1_UBL_INVOICE");
  BOOST_REQUIRE(store.set_flow_status(flow, FlowStatus::en_cours, "fluxd", "").ok());
  int rejected = 0;
  for (const auto& [record, findings] : invoices) {
    const auto id = store.add_invoice(flow, record, findings);
    if (ids) ids->push_back(id);
    const bool fatal = std::any_of(findings.begin(), findings.end(), [](const auto& f) {
      return f.severity == model::Severity::fatal;
    });
    rejected += fatal;
    BOOST_REQUIRE(store
                      .set_invoice_status(
                          id, fatal ? InvoiceStatus::rejetee : InvoiceStatus::mise_a_disposition,
                          "fluxd", fatal ? findings.front().rule : "")
                      .ok());
  }
  const auto status = invoices.empty() || rejected == static_cast<int>(invoices.size())
                          ? FlowStatus::rejete
                          : (rejected ? FlowStatus::integre_partiel : FlowStatus::integre);
  BOOST_REQUIRE(store.set_flow_status(flow, status, "fluxd", "").ok());
  return flow;
}

lifecycle::InvoiceRecord record(int position, const std::string& number,
                                const std::string& recipient = "11000201100044",
                                const std::string& engagement = "") {
  auto r = sample_record(position);
  r.number = number;
  r.key = r.supplier_id + "|" + number + "|2026";
  r.recipient_id = recipient;
  r.engagement = engagement;
  return r;
}

std::vector<std::int64_t> numbers_of(const std::vector<lifecycle::FlowRow>& flows) {
  std::vector<std::int64_t> out;
  for (const auto& f : flows) out.push_back(f.number);
  return out;
}

std::vector<std::int64_t> ids_of(const std::vector<lifecycle::InvoiceSummary>& invoices) {
  std::vector<std::int64_t> out;
  for (const auto& s : invoices) out.push_back(s.invoice.id);
  return out;
}

using Ids = std::vector<std::int64_t>;

}  // namespace

BOOST_AUTO_TEST_SUITE(lifecycle_store_queries)

BOOST_FIXTURE_TEST_CASE(flows_filter_by_syntax_file_and_received_days, StoreFixture) {
  const auto a = store->record_flow("AAA999", "Lot-Mars.zip", sha_of(1), 10);
  const auto b = store->record_flow("AAA999", "facture-1.xml", sha_of(2), 10);
  const auto c = store->record_flow("ERP042", "LOT-avril.zip", sha_of(3), 10);
  store->set_flow_syntax(a, "IN_DP_E1_ZIP");
  store->set_flow_syntax(b, "IN_DP_E1_UBL_INVOICE");
  store->set_flow_syntax(c, "IN_DP_E1_ZIP");
  set_received_at(db_file, a, "2026-03-31T23:59:59Z");
  set_received_at(db_file, b, "2026-04-01T00:00:00Z");
  set_received_at(db_file, c, "2026-04-02T12:00:00Z");

  FlowFilter zips;
  zips.syntax = "IN_DP_E1_ZIP";
  BOOST_TEST(numbers_of(store->flows(zips)) == (Ids{c, a}));

  FlowFilter named;
  named.file_contains = "lot-";  // any case
  BOOST_TEST(numbers_of(store->flows(named)) == (Ids{c, a}));
  named.partner = "ERP042";
  BOOST_TEST(numbers_of(store->flows(named)) == (Ids{c}));

  // Days are inclusive at both ends, to the last second of the day.
  FlowFilter days;
  days.received_from = "2026-04-01";
  BOOST_TEST(numbers_of(store->flows(days)) == (Ids{c, b}));
  days.received_to = "2026-04-01";
  BOOST_TEST(numbers_of(store->flows(days)) == (Ids{b}));
  days.received_from = "2026-03-31";
  BOOST_TEST(numbers_of(store->flows(days)) == (Ids{b, a}));
  days.received_from.reset();
  days.received_to = "2026-03-30";
  BOOST_TEST(store->flows(days).empty());
  BOOST_TEST(store->count_flows(days) == 0);
}

BOOST_FIXTURE_TEST_CASE(flows_page_with_offset_and_count_ignores_paging, StoreFixture) {
  for (int i = 1; i <= 7; ++i)
    store->record_flow(i % 2 ? "AAA999" : "ERP042", "f.xml", sha_of(i), 1);
  FlowFilter page;
  page.limit = 3;
  BOOST_TEST(numbers_of(store->flows(page)) == (Ids{7, 6, 5}));
  page.offset = 3;
  BOOST_TEST(numbers_of(store->flows(page)) == (Ids{4, 3, 2}));
  page.offset = 6;
  BOOST_TEST(numbers_of(store->flows(page)) == (Ids{1}));
  page.offset = 9;
  BOOST_TEST(store->flows(page).empty());
  BOOST_TEST(store->count_flows(page) == 7);
  page.partner = "AAA999";
  page.offset = 0;
  BOOST_TEST(numbers_of(store->flows(page)) == (Ids{7, 5, 3}));
  BOOST_TEST(store->count_flows(page) == 4);
  // The counts of a listed flow still come from its invoices.
  store->add_invoice(7, sample_record(1), {});
  BOOST_TEST(store->flows(page).front().invoices == 1);
}

BOOST_FIXTURE_TEST_CASE(invoices_filter_by_parties_number_engagement_status_and_flow,
                        StoreFixture) {
  Ids ids;
  const auto f1 = finished_flow(*store, "AAA999", "a.xml", 1,
                                {{record(1, "F-100", "21384512600019", "EJ2026000123"), {}},
                                 {record(2, "F-101", "26071930700027"), {kServiceMissing}}},
                                &ids);
  const auto f2 = finished_flow(*store, "ERP042", "b.xml", 2,
                                {{record(1, "AV-7", "21384512600019", "EJ2026000456"), {}}}, &ids);
  set_received_at(db_file, f1, "2026-05-01T08:00:00Z");
  set_received_at(db_file, f2, "2026-05-03T08:00:00Z");

  InvoiceFilter by_recipient;
  by_recipient.recipient = "21384512600019";
  const auto found = store->invoices(by_recipient);
  BOOST_TEST(ids_of(found) == (Ids{ids[2], ids[0]}));  // newest first
  BOOST_TEST(found[0].flow_number == f2);
  BOOST_TEST(found[0].partner == "ERP042");
  BOOST_TEST(found[0].received_at == "2026-05-03T08:00:00Z");
  BOOST_TEST(found[0].invoice.record.engagement == "EJ2026000456");
  BOOST_TEST(found[0].invoice.status == InvoiceStatus::mise_a_disposition);

  InvoiceFilter by_number;
  by_number.number_contains = "f-10";  // any case
  BOOST_TEST(ids_of(store->invoices(by_number)) == (Ids{ids[1], ids[0]}));
  by_number.recipient = "26071930700027";  // every criterion must hold
  BOOST_TEST(ids_of(store->invoices(by_number)) == (Ids{ids[1]}));

  InvoiceFilter by_ej;
  by_ej.engagement_contains = "000456";
  BOOST_TEST(ids_of(store->invoices(by_ej)) == (Ids{ids[2]}));

  InvoiceFilter by_supplier;
  by_supplier.supplier = "35600000000048";
  BOOST_TEST(store->invoices(by_supplier).size() == 3u);
  by_supplier.supplier = "35600000000049";
  BOOST_TEST(store->invoices(by_supplier).empty());

  InvoiceFilter rejected;
  rejected.status = InvoiceStatus::rejetee;
  BOOST_TEST(ids_of(store->invoices(rejected)) == (Ids{ids[1]}));

  InvoiceFilter dated;
  dated.partner = "AAA999";
  dated.received_from = "2026-05-01";
  dated.received_to = "2026-05-01";
  BOOST_TEST(ids_of(store->invoices(dated)) == (Ids{ids[1], ids[0]}));
  dated.received_from = "2026-05-02";
  dated.received_to.reset();
  BOOST_TEST(store->invoices(dated).empty());

  InvoiceFilter limited;
  limited.limit = 2;
  BOOST_TEST(ids_of(store->invoices(limited)) == (Ids{ids[2], ids[1]}));
  limited.limit = 0;  // none
  BOOST_TEST(store->invoices(limited).size() == 3u);
}

BOOST_FIXTURE_TEST_CASE(an_invoice_is_found_by_id_key_or_number_each_once, StoreFixture) {
  Ids ids;
  finished_flow(*store, "AAA999", "a.xml", 1, {{record(1, "F-1"), {}}, {record(2, "F-2"), {}}},
                &ids);
  // The same number from another supplier: a different key, the same number.
  auto other = record(1, "F-1");
  other.supplier_id = "43916283500037";
  other.key = other.supplier_id + "|F-1|2026";
  finished_flow(*store, "ERP042", "b.xml", 2, {{other, {}}}, &ids);

  BOOST_TEST(ids_of(store->invoices_matching("F-1")) == (Ids{ids[2], ids[0]}));
  BOOST_TEST(ids_of(store->invoices_matching("43916283500037|F-1|2026")) == (Ids{ids[2]}));
  BOOST_TEST(ids_of(store->invoices_matching("F-2")) == (Ids{ids[1]}));
  BOOST_TEST(ids_of(store->invoices_matching(std::to_string(ids[1]))) == (Ids{ids[1]}));
  BOOST_TEST(store->invoices_matching("F-3").empty());
  BOOST_TEST(store->invoices_matching("").empty());

  // A number that is also another invoice's id matches both; an invoice is listed once.
  Ids more;
  finished_flow(
      *store, "AAA999", "c.xml", 3,
      {{record(1, std::to_string(ids[0])), {}}, {record(2, std::to_string(ids[0] + 10)), {}}},
      &more);
  BOOST_TEST(ids_of(store->invoices_matching(std::to_string(ids[0]))) == (Ids{more[0], ids[0]}));
}

BOOST_FIXTURE_TEST_CASE(invoice_detail_has_history_findings_flow_and_delivery, StoreFixture) {
  Ids ids;
  const auto flow =
      finished_flow(*store, "AAA999", "a.xml", 1,
                    {{record(1, "F-1", "21384512600019", "EJ2026000123"), {kLongNumber}},
                     {record(2, "F-2"), {kTotal}}},
                    &ids);
  BOOST_TEST(!store->invoice(ids.back() + 100));

  // The accepted one, delivered, then paid.
  const auto rejected = store->invoice(ids[1]).value();
  BOOST_TEST(rejected.summary.invoice.findings.size() == 1u);
  BOOST_TEST(rejected.summary.invoice.findings[0].rule == "BR-CO-15");
  BOOST_TEST(!rejected.delivery);
  BOOST_TEST(rejected.summary.delivery_metadata == "");
  BOOST_TEST(rejected.history.back().to == "REJETEE");
  BOOST_TEST(rejected.history.back().reason == "BR-CO-15");

  lifecycle::DeliveryRow d;
  d.invoice_id = ids[0];
  d.channel = "outbox";
  d.recipient = "21384512600019";
  d.file_name = "F-1.xml";
  d.idempotency_key = "k";
  d.metadata = R"({"engagement":"EJ2026000123","cost_centre":"CC-DSI-0420"})";
  store->add_delivery(d);
  for (auto step : {InvoiceStatus::mandatee, InvoiceStatus::mise_en_paiement})
    BOOST_REQUIRE(store->set_invoice_status(ids[0], step, "recipient:21384512600019", "").ok());

  const auto paid = store->invoice(ids[0]).value();
  BOOST_TEST(paid.summary.invoice.id == ids[0]);
  BOOST_TEST(paid.summary.invoice.record.number == "F-1");
  BOOST_TEST(paid.summary.invoice.status == InvoiceStatus::mise_en_paiement);
  BOOST_TEST(paid.summary.flow_number == flow);
  BOOST_TEST(paid.summary.partner == "AAA999");
  BOOST_TEST(paid.flow.number == flow);
  BOOST_TEST(paid.flow.file_name == "a.xml");
  BOOST_TEST(paid.flow.status == FlowStatus::integre_partiel);
  BOOST_TEST_REQUIRE(paid.summary.invoice.findings.size() == 1u);  // its own findings only
  BOOST_TEST(paid.summary.invoice.findings[0].rule == "FR-NUMBER-FORMAT");
  BOOST_TEST(paid.summary.delivery_metadata == d.metadata);
  BOOST_TEST_REQUIRE(paid.delivery.has_value());
  BOOST_TEST(paid.delivery->channel == "outbox");
  BOOST_TEST(lifecycle::to_string(paid.delivery->state) == "pending");
  std::vector<std::string> path;
  for (const auto& h : paid.history) path.push_back(h.from + ">" + h.to);
  BOOST_TEST(path == (std::vector<std::string>{">DEPOSEE", "DEPOSEE>MISE_A_DISPOSITION",
                                               "MISE_A_DISPOSITION>MANDATEE",
                                               "MANDATEE>MISE_EN_PAIEMENT"}));
  BOOST_TEST(paid.history.back().source == "recipient:21384512600019");
}

BOOST_FIXTURE_TEST_CASE(history_after_feeds_every_change_once_in_order, StoreFixture) {
  BOOST_TEST(store->last_history_id() == 0);
  BOOST_TEST(store->history_after(0).empty());
  const auto flow = store->record_flow("AAA999", "a.xml", sha_of(1), 1);
  const auto start = store->last_history_id();
  BOOST_TEST(start > 0);
  BOOST_REQUIRE(store->set_flow_status(flow, FlowStatus::en_cours, "fluxd", "").ok());
  const auto id = store->add_invoice(flow, record(1, "F-9"), {kTotal});
  BOOST_REQUIRE(store->set_invoice_status(id, InvoiceStatus::rejetee, "fluxd", "BR-CO-15").ok());
  BOOST_REQUIRE(store->set_flow_status(flow, FlowStatus::rejete, "fluxd", "").ok());

  const auto events = store->history_after(start);
  BOOST_TEST_REQUIRE(events.size() == 4u);
  std::vector<std::string> seen;
  for (const auto& e : events) seen.push_back(e.kind + ":" + e.change.from + ">" + e.change.to);
  BOOST_TEST(seen == (std::vector<std::string>{"flow:IN_RECU>IN_EN_COURS_TRAITEMENT",
                                               "invoice:>DEPOSEE", "invoice:DEPOSEE>REJETEE",
                                               "flow:IN_EN_COURS_TRAITEMENT>IN_REJETE"}));
  for (std::size_t i = 1; i < events.size(); ++i) BOOST_TEST(events[i].id > events[i - 1].id);
  BOOST_TEST(events.back().id == store->last_history_id());
  // Both kinds name their flow; an invoice's change names the invoice.
  for (const auto& e : events) {
    BOOST_TEST(e.flow_number == flow);
    BOOST_TEST(e.partner == "AAA999");
    BOOST_TEST(e.file_name == "a.xml");
  }
  BOOST_TEST(events[0].ref == flow);
  BOOST_TEST(events[0].invoice_number == "");
  BOOST_TEST(events[2].ref == id);
  BOOST_TEST(events[2].invoice_number == "F-9");
  BOOST_TEST(events[2].change.reason == "BR-CO-15");
  BOOST_TEST(events[2].change.source == "fluxd");

  // Paged by the limit, resumed from the last id seen.
  const auto first_two = store->history_after(start, 2);
  BOOST_TEST_REQUIRE(first_two.size() == 2u);
  const auto rest = store->history_after(first_two.back().id);
  BOOST_TEST(rest.size() == 2u);
  BOOST_TEST(rest.front().id == events[2].id);
  BOOST_TEST(store->history_after(events.back().id).empty());
}

BOOST_FIXTURE_TEST_CASE(stats_count_by_status_day_partner_recipient_and_reason, StoreFixture) {
  // Day 1: AAA999 sends a flow of 3 invoices (2 rejected: service, total) and a refused flow.
  // Day 2: ERP042 sends a flow of 1 accepted and 1 rejected (service) invoice.
  const auto f1 =
      finished_flow(*store, "AAA999", "a.xml", 1,
                    {{record(1, "F-1", "21384512600019"), {}},
                     {record(2, "F-2", "26071930700027"), {kServiceMissing, kLongNumber}},
                     {record(3, "F-3", "26071930700027"), {kTotal, kTotal}}});
  const auto f2 = finished_flow(*store, "AAA999", "b.xml", 2, {});
  store->add_flow_finding(f2, kMalformed);
  const auto f3 = finished_flow(*store, "ERP042", "c.xml", 3,
                                {{record(1, "G-1", "21384512600019"), {}},
                                 {record(2, "G-2", "21384512600019"), {kServiceMissing}}});
  set_received_at(db_file, f1, "2026-06-01T09:00:00Z");
  set_received_at(db_file, f2, "2026-06-01T23:00:00Z");
  set_received_at(db_file, f3, "2026-06-02T10:00:00Z");

  const auto all = store->stats({});
  BOOST_TEST(all.flows == 3);
  BOOST_TEST(all.invoices == 5);
  BOOST_TEST_REQUIRE(all.flows_by_status.size() == 2u);
  BOOST_TEST(all.flows_by_status[0].status == "IN_INTEGRE_PARTIEL");
  BOOST_TEST(all.flows_by_status[0].count == 2);
  BOOST_TEST(all.flows_by_status[1].status == "IN_REJETE");
  BOOST_TEST(all.flows_by_status[1].count == 1);
  BOOST_TEST_REQUIRE(all.invoices_by_status.size() == 2u);
  BOOST_TEST(all.invoices_by_status[0].status == "REJETEE");
  BOOST_TEST(all.invoices_by_status[0].count == 3);
  BOOST_TEST(all.invoices_by_status[1].status == "MISE_A_DISPOSITION");
  BOOST_TEST(all.invoices_by_status[1].count == 2);

  BOOST_TEST_REQUIRE(all.by_day.size() == 2u);
  BOOST_TEST(all.by_day[0].day == "2026-06-01");
  BOOST_TEST(all.by_day[0].flows == 2);
  BOOST_TEST(all.by_day[0].invoices == 3);
  BOOST_TEST(all.by_day[1].day == "2026-06-02");
  BOOST_TEST(all.by_day[1].flows == 1);
  BOOST_TEST(all.by_day[1].invoices == 2);

  BOOST_TEST_REQUIRE(all.by_partner.size() == 2u);
  BOOST_TEST(all.by_partner[0].partner == "AAA999");
  BOOST_TEST(all.by_partner[0].flows == 2);
  BOOST_TEST(all.by_partner[0].invoices == 3);
  BOOST_TEST(all.by_partner[0].rejected == 2);
  BOOST_TEST(all.by_partner[1].partner == "ERP042");
  BOOST_TEST(all.by_partner[1].flows == 1);
  BOOST_TEST(all.by_partner[1].invoices == 2);
  BOOST_TEST(all.by_partner[1].rejected == 1);

  BOOST_TEST_REQUIRE(all.by_recipient.size() == 2u);
  BOOST_TEST(all.by_recipient[0].recipient == "21384512600019");
  BOOST_TEST(all.by_recipient[0].invoices == 3);
  BOOST_TEST(all.by_recipient[0].rejected == 1);
  BOOST_TEST(all.by_recipient[1].recipient == "26071930700027");
  BOOST_TEST(all.by_recipient[1].invoices == 2);
  BOOST_TEST(all.by_recipient[1].rejected == 2);

  // Fatal rules only, most frequent first; a rule found twice on one invoice counts once.
  BOOST_TEST_REQUIRE(all.rejection_reasons.size() == 3u);
  BOOST_TEST(all.rejection_reasons[0].rule == "FR-SERVICE-REQUIRED");
  BOOST_TEST(all.rejection_reasons[0].flows == 0);
  BOOST_TEST(all.rejection_reasons[0].invoices == 2);
  BOOST_TEST(all.rejection_reasons[1].rule == "BR-CO-15");
  BOOST_TEST(all.rejection_reasons[1].invoices == 1);
  BOOST_TEST(all.rejection_reasons[2].rule == "FLOW-MALFORMED-XML");
  BOOST_TEST(all.rejection_reasons[2].flows == 1);
  BOOST_TEST(all.rejection_reasons[2].invoices == 0);

  // Filtered by partner and by received day.
  const auto aaa = store->stats({"AAA999", std::nullopt, std::nullopt});
  BOOST_TEST(aaa.flows == 2);
  BOOST_TEST(aaa.invoices == 3);
  BOOST_TEST(aaa.by_partner.size() == 1u);
  BOOST_TEST(aaa.rejection_reasons.size() == 3u);
  const auto day2 = store->stats({std::nullopt, "2026-06-02", "2026-06-02"});
  BOOST_TEST(day2.flows == 1);
  BOOST_TEST(day2.invoices == 2);
  BOOST_TEST_REQUIRE(day2.rejection_reasons.size() == 1u);
  BOOST_TEST(day2.rejection_reasons[0].rule == "FR-SERVICE-REQUIRED");
  BOOST_TEST(day2.rejection_reasons[0].invoices == 1);
  const auto none = store->stats({std::nullopt, "2026-07-01", std::nullopt});
  BOOST_TEST(none.flows == 0);
  BOOST_TEST(none.by_day.empty());
  BOOST_TEST(none.rejection_reasons.empty());
}

BOOST_FIXTURE_TEST_CASE(the_lookups_have_their_indexes, StoreFixture) {
  std::set<std::string> indexes;
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(db_file.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  BOOST_REQUIRE(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'index'", -1,
                                   &stmt, nullptr) == SQLITE_OK);
  while (sqlite3_step(stmt) == SQLITE_ROW)
    indexes.insert(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  for (const char* name : {"flows_by_partner", "flows_by_received", "invoices_by_number",
                           "invoices_by_supplier", "invoices_by_recipient"})
    BOOST_TEST(indexes.count(name) == 1u, name);
}

BOOST_AUTO_TEST_SUITE_END()
