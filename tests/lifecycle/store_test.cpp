// The SQLite store, on real database files in a fresh temp folder per test.
#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <regex>

#include "lifecycle/lifecycle.h"
#include "support.h"

using namespace lifecycle_test;
using lifecycle::FlowFilter;
using lifecycle::HistoryRow;
using lifecycle::StoreError;

namespace {

const model::Finding kFatal{"BR-CO-15", model::Severity::fatal,
                            "BT-112 /Invoice/cac:LegalMonetaryTotal", "total incorrect"};
const model::Finding kWarning{"FR-NUMBER-FORMAT", model::Severity::warning, "BT-1", "numéro long"};

FlowStatus flow_status(lifecycle::Store& store, std::int64_t number) {
  return store.flow(number).value().flow.status;
}

InvoiceStatus invoice_status(lifecycle::Store& store, std::int64_t flow, std::int64_t id) {
  const auto detail = store.flow(flow).value();  // kept alive for the loop
  for (const auto& invoice : detail.invoices)
    if (invoice.id == id) return invoice.status;
  throw std::logic_error("no such invoice");
}

void walk_flow(lifecycle::Store& store, std::int64_t number, FlowStatus goal) {
  for (auto step : path_to(FlowStatus::recu, goal, kExpectedFlowTransitions))
    BOOST_REQUIRE(store.set_flow_status(number, step, "fluxd", "").ok());
}

void walk_invoice(lifecycle::Store& store, std::int64_t id, InvoiceStatus goal) {
  for (auto step : path_to(InvoiceStatus::deposee, goal, kExpectedInvoiceTransitions))
    BOOST_REQUIRE(store.set_invoice_status(id, step, "fluxd", "reason").ok());
}

bool same(const std::vector<HistoryRow>& a, const std::vector<HistoryRow>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].at != b[i].at || a[i].from != b[i].from || a[i].to != b[i].to ||
        a[i].source != b[i].source || a[i].reason != b[i].reason)
      return false;
  return true;
}

FlowFilter filter(std::optional<FlowStatus> status, std::optional<std::string> partner,
                  int limit = 100) {
  FlowFilter f;
  f.status = status;
  f.partner = std::move(partner);
  f.limit = limit;
  return f;
}

bool is_utc_timestamp(const std::string& text) {
  static const std::regex shape(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
  return std::regex_match(text, shape);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(lifecycle_store)

BOOST_FIXTURE_TEST_CASE(record_flow_starts_as_recu_with_a_history_row, StoreFixture) {
  const auto number = store->record_flow("AAA999", "lot.zip", sha_of(1), 1234);
  BOOST_TEST(number == 1);
  const auto detail = store->flow(number);
  BOOST_REQUIRE(detail);
  const auto& flow = detail->flow;
  BOOST_TEST(flow.partner == "AAA999");
  BOOST_TEST(flow.file_name == "lot.zip");
  BOOST_TEST(flow.sha256 == sha_of(1));
  BOOST_TEST(flow.size == 1234u);
  BOOST_TEST(flow.syntax == "");
  BOOST_TEST(model::to_code(flow.status) == "IN_RECU");
  BOOST_TEST(is_utc_timestamp(flow.received_at));
  BOOST_TEST(flow.updated_at == flow.received_at);
  BOOST_TEST(!flow.duplicate_of);
  BOOST_TEST(flow.invoices == 0);
  const auto history = store->flow_history(number);
  BOOST_REQUIRE(history.size() == 1u);
  BOOST_TEST(history[0].from == "");
  BOOST_TEST(history[0].to == "IN_RECU");
  BOOST_TEST(history[0].source == "fluxd");
  BOOST_TEST(history[0].at == flow.received_at);
}

BOOST_FIXTURE_TEST_CASE(sequence_numbers_increase, StoreFixture) {
  std::int64_t previous = 0;
  for (int i = 0; i < 5; ++i) {
    const auto number = store->record_flow("AAA999", "f.xml", sha_of(i), 10);
    BOOST_TEST(number > previous);
    previous = number;
  }
  reopen();
  BOOST_TEST(store->record_flow("AAA999", "f.xml", sha_of(9), 10) > previous);
}

BOOST_FIXTURE_TEST_CASE(every_allowed_flow_transition_is_applied_and_recorded, StoreFixture) {
  for (const auto& [from, to] : kExpectedFlowTransitions) {
    BOOST_TEST_CONTEXT(model::to_code(from) << " -> " << model::to_code(to)) {
      const auto number = store->record_flow("AAA999", "f.xml", sha_of(1), 10);
      walk_flow(*store, number, from);
      const auto result = store->set_flow_status(number, to, "operator", "why not");
      BOOST_TEST(result.ok());
      BOOST_TEST(flow_status(*store, number) == to);
      const auto history = store->flow_history(number);
      BOOST_TEST(history.back().from == model::to_code(from));
      BOOST_TEST(history.back().to == model::to_code(to));
      BOOST_TEST(history.back().source == "operator");
      BOOST_TEST(history.back().reason == "why not");
    }
  }
}

BOOST_FIXTURE_TEST_CASE(every_allowed_invoice_transition_is_applied_and_recorded, StoreFixture) {
  const auto flow = store->record_flow("AAA999", "f.zip", sha_of(1), 10);
  int position = 0;
  for (const auto& [from, to] : kExpectedInvoiceTransitions) {
    BOOST_TEST_CONTEXT(model::to_code(from) << " -> " << model::to_code(to)) {
      const auto id = store->add_invoice(flow, sample_record(++position), {});
      walk_invoice(*store, id, from);
      const auto result = store->set_invoice_status(id, to, "recipient:11000201100044", "motif");
      BOOST_TEST(result.ok());
      BOOST_TEST(invoice_status(*store, flow, id) == to);
      const auto history = store->invoice_history(id);
      BOOST_TEST(history.back().from == model::to_code(from));
      BOOST_TEST(history.back().to == model::to_code(to));
      BOOST_TEST(history.back().source == "recipient:11000201100044");
      BOOST_TEST(history.back().reason == "motif");
    }
  }
}

BOOST_FIXTURE_TEST_CASE(refused_flow_transition_changes_nothing, StoreFixture) {
  const auto number = store->record_flow("AAA999", "f.xml", sha_of(1), 10);
  walk_flow(*store, number, FlowStatus::integre);
  const auto before = store->flow(number).value().flow;
  const auto history_before = store->flow_history(number);

  const auto result = store->set_flow_status(number, FlowStatus::en_cours, "operator", "replay");
  BOOST_REQUIRE(!result.ok());
  BOOST_TEST(result.error().code == "LC-TRANSITION-REFUSED");
  BOOST_TEST(result.error().message.find("from IN_INTEGRE to IN_EN_COURS_TRAITEMENT") !=
             std::string::npos);
  const auto after = store->flow(number).value().flow;
  BOOST_TEST(after.status == before.status);
  BOOST_TEST(after.updated_at == before.updated_at);
  BOOST_TEST(same(store->flow_history(number), history_before));

  // A fresh flow cannot skip processing either.
  const auto fresh = store->record_flow("AAA999", "g.xml", sha_of(2), 10);
  BOOST_TEST(store->set_flow_status(fresh, FlowStatus::integre, "fluxd", "").error().code ==
             "LC-TRANSITION-REFUSED");
  BOOST_TEST(flow_status(*store, fresh) == FlowStatus::recu);
  BOOST_TEST(store->flow_history(fresh).size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(refused_invoice_transitions_change_nothing, StoreFixture) {
  const auto flow = store->record_flow("AAA999", "f.zip", sha_of(1), 10);
  const auto deposee = store->add_invoice(flow, sample_record(1), {});
  const auto rejetee = store->add_invoice(flow, sample_record(2), {kFatal});
  walk_invoice(*store, rejetee, InvoiceStatus::rejetee);
  const auto recycler = store->add_invoice(flow, sample_record(3), {});
  walk_invoice(*store, recycler, InvoiceStatus::a_recycler);

  struct Case {
    std::int64_t id;
    InvoiceStatus from, to;
  };
  std::vector<Case> cases{{deposee, InvoiceStatus::deposee, InvoiceStatus::mandatee},
                          {deposee, InvoiceStatus::deposee, InvoiceStatus::deposee},
                          {recycler, InvoiceStatus::a_recycler, InvoiceStatus::mise_a_disposition}};
  for (auto to : kAllInvoiceStatuses) cases.push_back({rejetee, InvoiceStatus::rejetee, to});

  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(model::to_code(c.from) << " -> " << model::to_code(c.to)) {
      const auto history_before = store->invoice_history(c.id);
      const auto result = store->set_invoice_status(c.id, c.to, "recipient:x", "no");
      BOOST_REQUIRE(!result.ok());
      BOOST_TEST(result.error().code == "LC-TRANSITION-REFUSED");
      BOOST_TEST(result.error().message.find(
                     std::string("from ") + std::string(model::to_code(c.from)) + " to " +
                     std::string(model::to_code(c.to))) != std::string::npos);
      BOOST_TEST(invoice_status(*store, flow, c.id) == c.from);
      BOOST_TEST(same(store->invoice_history(c.id), history_before));
    }
  }
}

BOOST_FIXTURE_TEST_CASE(rejection_and_suspension_need_a_reason, StoreFixture) {
  const auto flow = store->record_flow("AAA999", "f.zip", sha_of(1), 10);
  const auto rejected = store->add_invoice(flow, sample_record(1), {kFatal});
  const auto history_before = store->invoice_history(rejected);
  const auto refused = store->set_invoice_status(rejected, InvoiceStatus::rejetee, "fluxd", "");
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().code == "LC-REASON-REQUIRED");
  BOOST_TEST(invoice_status(*store, flow, rejected) == InvoiceStatus::deposee);
  BOOST_TEST(same(store->invoice_history(rejected), history_before));
  BOOST_TEST(store->set_invoice_status(rejected, InvoiceStatus::rejetee, "fluxd", "BR-CO-15").ok());

  const auto suspended = store->add_invoice(flow, sample_record(2), {});
  walk_invoice(*store, suspended, InvoiceStatus::mise_a_disposition);
  BOOST_TEST(store->set_invoice_status(suspended, InvoiceStatus::suspendue, "recipient:x", "")
                 .error()
                 .code == "LC-REASON-REQUIRED");
  BOOST_TEST(invoice_status(*store, flow, suspended) == InvoiceStatus::mise_a_disposition);
  // Other statuses do not need one.
  BOOST_TEST(
      store->set_invoice_status(suspended, InvoiceStatus::service_fait, "recipient:x", "").ok());
}

BOOST_FIXTURE_TEST_CASE(unknown_flow_or_invoice_is_an_error_value, StoreFixture) {
  BOOST_TEST(store->set_flow_status(99, FlowStatus::en_cours, "fluxd", "").error().code ==
             "LC-FLOW-UNKNOWN");
  BOOST_TEST(store->set_invoice_status(99, InvoiceStatus::rejetee, "fluxd", "").error().code ==
             "LC-INVOICE-UNKNOWN");
  BOOST_TEST(!store->flow(99));
  BOOST_TEST(store->flow_history(99).empty());
  // Writing to a flow that does not exist is a caller bug, reported loudly.
  BOOST_CHECK_THROW(store->set_flow_syntax(99, "IN_DP_E1_CII_16B"), StoreError);
  BOOST_CHECK_THROW(store->add_flow_finding(99, kFatal), StoreError);
  BOOST_CHECK_THROW(store->add_invoice(99, sample_record(1), {}), StoreError);
  BOOST_CHECK_THROW(store->set_invoice_delivery(99, "/out/x.xml"), StoreError);
}

BOOST_FIXTURE_TEST_CASE(history_rows_keep_order_source_and_reason, StoreFixture) {
  const auto number = store->record_flow("AAA999", "f.xml", sha_of(1), 10);
  BOOST_REQUIRE(store->set_flow_status(number, FlowStatus::en_cours, "fluxd", "").ok());
  BOOST_REQUIRE(store->set_flow_status(number, FlowStatus::incidente, "fluxd", "disk full").ok());
  BOOST_REQUIRE(store->set_flow_status(number, FlowStatus::en_cours, "operator", "replay").ok());
  BOOST_REQUIRE(store->set_flow_status(number, FlowStatus::rejete, "fluxd", "FLOW-DUPLICATE").ok());
  const auto history = store->flow_history(number);
  BOOST_REQUIRE(history.size() == 5u);
  const std::vector<std::array<std::string, 4>> expected{
      {"", "IN_RECU", "fluxd", ""},
      {"IN_RECU", "IN_EN_COURS_TRAITEMENT", "fluxd", ""},
      {"IN_EN_COURS_TRAITEMENT", "IN_INCIDENTE", "fluxd", "disk full"},
      {"IN_INCIDENTE", "IN_EN_COURS_TRAITEMENT", "operator", "replay"},
      {"IN_EN_COURS_TRAITEMENT", "IN_REJETE", "fluxd", "FLOW-DUPLICATE"},
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    BOOST_TEST_CONTEXT("row " << i) {
      BOOST_TEST(history[i].from == expected[i][0]);
      BOOST_TEST(history[i].to == expected[i][1]);
      BOOST_TEST(history[i].source == expected[i][2]);
      BOOST_TEST(history[i].reason == expected[i][3]);
      BOOST_TEST(is_utc_timestamp(history[i].at));
      if (i > 0) BOOST_TEST(history[i].at >= history[i - 1].at);
    }
  }
  BOOST_TEST(store->flow(number)->flow.updated_at == history.back().at);

  const auto id = store->add_invoice(number, sample_record(1), {});
  BOOST_REQUIRE(store->set_invoice_status(id, InvoiceStatus::mise_a_disposition, "fluxd", "").ok());
  BOOST_REQUIRE(store
                    ->set_invoice_status(id, InvoiceStatus::suspendue, "recipient:11000201100044",
                                         "PJ manquante")
                    .ok());
  const auto invoice_history = store->invoice_history(id);
  BOOST_REQUIRE(invoice_history.size() == 3u);
  BOOST_TEST(invoice_history[0].from == "");
  BOOST_TEST(invoice_history[0].to == "DEPOSEE");
  BOOST_TEST(invoice_history[1].to == "MISE_A_DISPOSITION");
  BOOST_TEST(invoice_history[2].from == "MISE_A_DISPOSITION");
  BOOST_TEST(invoice_history[2].to == "SUSPENDUE");
  BOOST_TEST(invoice_history[2].source == "recipient:11000201100044");
  BOOST_TEST(invoice_history[2].reason == "PJ manquante");
  // Invoice and flow histories do not mix even when ids coincide.
  BOOST_TEST(store->flow_history(number).size() == 5u);
}

BOOST_FIXTURE_TEST_CASE(flow_by_sha_finds_the_original_not_a_duplicate, StoreFixture) {
  BOOST_TEST(!store->flow_by_sha(sha_of(7)));
  const auto other = store->record_flow("AAA999", "other.xml", sha_of(8), 10);
  const auto original = store->record_flow("AAA999", "f.xml", sha_of(7), 10);
  const auto duplicate = store->record_flow("BBB111", "f-again.xml", sha_of(7), 10, original);
  const auto found = store->flow_by_sha(sha_of(7));
  BOOST_REQUIRE(found);
  BOOST_TEST(found->number == original);
  BOOST_TEST((store->flow(duplicate)->flow.duplicate_of == std::optional<std::int64_t>(original)));
  BOOST_TEST(store->flow_by_sha(sha_of(8))->number == other);
  // With a later non-duplicate of the same bytes the earliest one still wins.
  store->record_flow("AAA999", "f-later.xml", sha_of(7), 10);
  BOOST_TEST(store->flow_by_sha(sha_of(7))->number == original);
}

BOOST_FIXTURE_TEST_CASE(counts_accepted_and_rejected_invoices, StoreFixture) {
  const auto flow = store->record_flow("AAA999", "lot.zip", sha_of(1), 10);
  // Stays DEPOSEE: accepted, its delivery still pending.
  store->add_invoice(flow, sample_record(1), {});
  const auto rejected = store->add_invoice(flow, sample_record(2), {kFatal});
  const auto delivered = store->add_invoice(flow, sample_record(3), {});
  const auto done = store->add_invoice(flow, sample_record(4), {kWarning});
  walk_invoice(*store, rejected, InvoiceStatus::rejetee);
  walk_invoice(*store, delivered, InvoiceStatus::mise_a_disposition);
  walk_invoice(*store, done, InvoiceStatus::service_fait);

  const auto row = store->flow(flow)->flow;
  BOOST_TEST(row.invoices == 4);
  BOOST_TEST(row.accepted == 3);
  BOOST_TEST(row.rejected == 1);
  const auto listed = store->flows({});
  BOOST_REQUIRE(listed.size() == 1u);
  BOOST_TEST(listed[0].invoices == 4);
  BOOST_TEST(listed[0].accepted == 3);
  BOOST_TEST(listed[0].rejected == 1);
  BOOST_TEST(store->flow_by_sha(sha_of(1))->accepted == 3);
}

BOOST_FIXTURE_TEST_CASE(duplicate_lookup_ignores_rejected_and_recycled_invoices, StoreFixture) {
  const auto flow = store->record_flow("AAA999", "f.xml", sha_of(1), 10);
  const auto key = sample_record(1).key;
  BOOST_TEST(!store->accepted_invoice_with_key(key));
  const auto rejected = store->add_invoice(flow, sample_record(1), {kFatal});
  walk_invoice(*store, rejected, InvoiceStatus::rejetee);
  const auto recycled = store->add_invoice(flow, sample_record(1), {});
  walk_invoice(*store, recycled, InvoiceStatus::a_recycler);
  BOOST_TEST(!store->accepted_invoice_with_key(key));
  auto again = sample_record(1);
  again.position = 3;
  store->add_invoice(flow, again, {});
  BOOST_TEST(store->accepted_invoice_with_key(key).value() ==
             "flow " + std::to_string(flow) + ", invoice 3");
  BOOST_TEST(!store->accepted_invoice_with_key(sample_record(2).key));
}

BOOST_FIXTURE_TEST_CASE(delivery_retries_then_dead_letter_then_replay, StoreFixture) {
  using lifecycle::DeliveryState;
  const auto flow = store->record_flow("AAA999", "f.xml", sha_of(1), 10);
  const auto id = store->add_invoice(flow, sample_record(1), {});
  lifecycle::DeliveryRow d;
  d.invoice_id = id;
  d.channel = "sftp-ville";
  d.recipient = "11000201100044";
  d.service = "SERV-01";
  d.file_name = "x.xml";
  d.idempotency_key = "k1";
  d.metadata = R"({"flow":"1"})";
  store->add_delivery(d);
  const std::string far_future = "2999-01-01T00:00:00Z";
  auto due = store->due_deliveries(far_future);
  BOOST_TEST_REQUIRE(due.size() == 1u);
  BOOST_TEST(due[0].flow_number == flow);
  BOOST_TEST(due[0].invoice_number == "F2026-1");
  BOOST_TEST(due[0].metadata == d.metadata);
  BOOST_TEST(store->due_deliveries(far_future, flow + 1).empty());

  // A failed attempt: not due before its next time, due after.
  store->delivery_failed(id, "DELIVERY-SFTP-CONNECT: refused", "2998-01-01T00:00:00Z", false);
  BOOST_TEST(store->due_deliveries("2997-01-01T00:00:00Z").empty());
  due = store->due_deliveries(far_future);
  BOOST_TEST_REQUIRE(due.size() == 1u);
  BOOST_TEST(due[0].attempts == 1);
  BOOST_TEST(due[0].last_error == "DELIVERY-SFTP-CONNECT: refused");
  BOOST_TEST(invoice_status(*store, flow, id) == InvoiceStatus::deposee);

  // The last attempt: dead, never due again, listed for an operator.
  store->delivery_failed(id, "DELIVERY-SFTP-CONNECT: refused", far_future, true);
  BOOST_TEST(store->due_deliveries(far_future).empty());
  lifecycle::DeliveryFilter dead;
  dead.state = DeliveryState::dead;
  auto listed = store->deliveries(dead);
  BOOST_TEST_REQUIRE(listed.size() == 1u);
  BOOST_TEST(listed[0].attempts == 2);

  // Replay: due now, attempts reset; then success makes the invoice MISE_A_DISPOSITION.
  BOOST_TEST(store->replay_delivery(id).ok());
  due = store->due_deliveries(far_future);
  BOOST_TEST_REQUIRE(due.size() == 1u);
  BOOST_TEST(due[0].attempts == 0);
  BOOST_TEST(store->delivery_succeeded(id, "sftp://127.0.0.1/x.xml").ok());
  BOOST_TEST(invoice_status(*store, flow, id) == InvoiceStatus::mise_a_disposition);
  BOOST_TEST(store->flow(flow)->invoices[0].delivered_to == "sftp://127.0.0.1/x.xml");
  BOOST_TEST(store->due_deliveries(far_future).empty());
  // Never twice: a delivered invoice can be neither replayed nor completed again.
  BOOST_TEST(store->replay_delivery(id).error().code == "LC-DELIVERY-DONE");
  BOOST_TEST(store->delivery_succeeded(id, "again").error().code == "LC-DELIVERY-UNKNOWN");
  BOOST_TEST(store->replay_delivery(id + 100).error().code == "LC-DELIVERY-UNKNOWN");
}

BOOST_FIXTURE_TEST_CASE(flows_filters_newest_first_with_limit, StoreFixture) {
  // 1 AAA integre, 2 BBB rejete, 3 AAA rejete, 4 AAA recu, 5 BBB integre
  const std::vector<std::pair<std::string, FlowStatus>> flows{{"AAA999", FlowStatus::integre},
                                                              {"BBB111", FlowStatus::rejete},
                                                              {"AAA999", FlowStatus::rejete},
                                                              {"AAA999", FlowStatus::recu},
                                                              {"BBB111", FlowStatus::integre}};
  int seed = 0;
  for (const auto& [partner, status] : flows)
    walk_flow(*store, store->record_flow(partner, "f.xml", sha_of(++seed), 10), status);

  const auto numbers = [](const std::vector<lifecycle::FlowRow>& rows) {
    std::vector<std::int64_t> out;
    for (const auto& row : rows) out.push_back(row.number);
    return out;
  };
  BOOST_TEST(numbers(store->flows({})) == (std::vector<std::int64_t>{5, 4, 3, 2, 1}),
             boost::test_tools::per_element());
  BOOST_TEST(
      numbers(store->flows(filter(FlowStatus::rejete, {}))) == (std::vector<std::int64_t>{3, 2}),
      boost::test_tools::per_element());
  BOOST_TEST(numbers(store->flows(filter({}, "AAA999"))) == (std::vector<std::int64_t>{4, 3, 1}),
             boost::test_tools::per_element());
  BOOST_TEST(numbers(store->flows(filter(FlowStatus::integre, "BBB111"))) ==
                 (std::vector<std::int64_t>{5}),
             boost::test_tools::per_element());
  BOOST_TEST(numbers(store->flows(filter({}, {}, 2))) == (std::vector<std::int64_t>{5, 4}),
             boost::test_tools::per_element());
  BOOST_TEST(numbers(store->flows(filter({}, "AAA999", 1))) == (std::vector<std::int64_t>{4}),
             boost::test_tools::per_element());
  BOOST_TEST(store->flows(filter({}, "ZZZ000")).empty());
  BOOST_TEST(store->flows(filter({}, {}, 0)).size() == 5u);  // no limit
}

BOOST_FIXTURE_TEST_CASE(flow_detail_groups_findings_and_orders_invoices, StoreFixture) {
  const auto flow = store->record_flow("AAA999", "lot.zip", sha_of(1), 10);
  store->set_flow_syntax(flow, "IN_DP_E1_ZIP");
  store->add_flow_finding(flow, {"FLOW-TOO-MANY-INVOICES", model::Severity::warning, "", "501"});
  // Added out of order: the detail lists them by position.
  const auto second = store->add_invoice(flow, sample_record(2), {kFatal, kWarning});
  const auto first = store->add_invoice(flow, sample_record(1), {});
  store->set_invoice_delivery(first, "/srv/out/11000201100044/F2026-1.xml");

  const auto detail = store->flow(flow);
  BOOST_REQUIRE(detail);
  BOOST_TEST(detail->flow.syntax == "IN_DP_E1_ZIP");
  BOOST_REQUIRE(detail->flow_findings.size() == 1u);
  BOOST_TEST(detail->flow_findings[0].rule == "FLOW-TOO-MANY-INVOICES");
  BOOST_TEST(detail->flow_findings[0].severity == model::Severity::warning);
  BOOST_REQUIRE(detail->invoices.size() == 2u);
  BOOST_TEST(detail->invoices[0].id == first);
  BOOST_TEST(detail->invoices[0].record.position == 1);
  BOOST_TEST(detail->invoices[0].findings.empty());
  BOOST_TEST(detail->invoices[0].delivered_to == "/srv/out/11000201100044/F2026-1.xml");
  BOOST_TEST(detail->invoices[1].id == second);
  BOOST_TEST(detail->invoices[1].status == InvoiceStatus::deposee);
  BOOST_TEST(detail->invoices[1].delivered_to == "");
  BOOST_TEST((detail->invoices[1].findings == std::vector<model::Finding>{kFatal, kWarning}));
  const auto& r = detail->invoices[1].record;
  const auto expected = sample_record(2);
  BOOST_TEST(r.document == expected.document);
  BOOST_TEST(r.key == expected.key);
  BOOST_TEST(r.number == expected.number);
  BOOST_TEST(r.issue_date == expected.issue_date);
  BOOST_TEST(r.type_code == expected.type_code);
  BOOST_TEST(r.syntax == expected.syntax);
  BOOST_TEST(r.supplier_id == expected.supplier_id);
  BOOST_TEST(r.recipient_id == expected.recipient_id);
  BOOST_TEST(r.service_code == expected.service_code);
  BOOST_TEST(r.engagement == expected.engagement);
  BOOST_TEST(r.currency == expected.currency);
  BOOST_TEST(r.payable == expected.payable);
}

BOOST_FIXTURE_TEST_CASE(data_survives_closing_and_reopening, StoreFixture) {
  const auto flow = store->record_flow("AAA999", "lot.zip", sha_of(1), 4096);
  store->add_flow_finding(flow, kWarning);
  const auto id = store->add_invoice(flow, sample_record(1), {kFatal});
  walk_invoice(*store, id, InvoiceStatus::rejetee);
  walk_flow(*store, flow, FlowStatus::rejete);
  const auto before = store->flow(flow).value();
  const auto flow_history = store->flow_history(flow);
  const auto invoice_history = store->invoice_history(id);

  reopen();
  const auto after = store->flow(flow);
  BOOST_REQUIRE(after);
  BOOST_TEST(after->flow.status == FlowStatus::rejete);
  BOOST_TEST(after->flow.size == 4096u);
  BOOST_TEST(after->flow.updated_at == before.flow.updated_at);
  BOOST_TEST(after->flow.rejected == 1);
  BOOST_TEST((after->flow_findings == before.flow_findings));
  BOOST_REQUIRE(after->invoices.size() == 1u);
  BOOST_TEST(after->invoices[0].status == InvoiceStatus::rejetee);
  BOOST_TEST((after->invoices[0].findings == std::vector<model::Finding>{kFatal}));
  BOOST_TEST(same(store->flow_history(flow), flow_history));
  BOOST_TEST(same(store->invoice_history(id), invoice_history));
  BOOST_TEST(store->flow_by_sha(sha_of(1))->number == flow);
  BOOST_TEST(store->integrity_ok());
}

BOOST_FIXTURE_TEST_CASE(rollback_discards_the_flow_and_its_invoices, StoreFixture) {
  store->begin();
  const auto flow = store->record_flow("AAA999", "lot.zip", sha_of(1), 10);
  store->add_invoice(flow, sample_record(1), {kFatal});
  store->add_flow_finding(flow, kWarning);
  BOOST_REQUIRE(store->set_flow_status(flow, FlowStatus::en_cours, "fluxd", "").ok());
  store->rollback();
  BOOST_TEST(!store->flow(flow));
  BOOST_TEST(store->flows({}).empty());
  BOOST_TEST(!store->flow_by_sha(sha_of(1)));
  BOOST_TEST(store->flow_history(flow).empty());
  store->rollback();  // nothing open: harmless on an error path

  store->begin();
  const auto kept = store->record_flow("AAA999", "lot.zip", sha_of(1), 10);
  const auto id = store->add_invoice(kept, sample_record(1), {});
  // A refusal inside the caller's transaction leaves the rest of it intact.
  BOOST_TEST(!store->set_invoice_status(id, InvoiceStatus::mandatee, "fluxd", "").ok());
  BOOST_REQUIRE(store->set_invoice_status(id, InvoiceStatus::mise_a_disposition, "fluxd", "").ok());
  store->commit();
  reopen();
  const auto detail = store->flow(kept);
  BOOST_REQUIRE(detail);
  BOOST_REQUIRE(detail->invoices.size() == 1u);
  BOOST_TEST(detail->invoices[0].status == InvoiceStatus::mise_a_disposition);
  BOOST_TEST(store->invoice_history(id).size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(another_connection_sees_only_committed_flows, StoreFixture) {
  lifecycle::Store reader(db_file);
  store->begin();
  const auto flow = store->record_flow("AAA999", "lot.zip", sha_of(1), 10);
  BOOST_TEST(!reader.flow(flow));
  store->commit();
  BOOST_TEST(reader.flow(flow).has_value());
}

BOOST_FIXTURE_TEST_CASE(integrity_and_schema_version, StoreFixture) {
  store->record_flow("AAA999", "lot.zip", sha_of(1), 10);
  BOOST_TEST(store->integrity_ok());
  store.reset();

  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(db_file.c_str(), &db) == SQLITE_OK);
  const auto scalar = [db](const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    std::string value;
    if (sqlite3_step(stmt) == SQLITE_ROW)
      value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    return value;
  };
  BOOST_TEST(scalar("PRAGMA user_version") == "5");
  BOOST_TEST(scalar("PRAGMA journal_mode") == "wal");
  // A database from a newer fluxd is refused rather than misread.
  BOOST_REQUIRE(sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  BOOST_CHECK_THROW(lifecycle::Store{db_file}, StoreError);
}

BOOST_FIXTURE_TEST_CASE(unusable_database_is_an_operational_error, StoreFixture) {
  const auto not_a_folder = dir.path() / "plain-file";
  std::ofstream(not_a_folder) << "x";
  BOOST_CHECK_THROW(lifecycle::Store{not_a_folder / "fluxd.db"}, StoreError);

  const auto garbage = dir.path() / "garbage.db";
  std::ofstream(garbage) << std::string(8192, 'z');
  try {
    lifecycle::Store broken(garbage);
    BOOST_ERROR("a file that is not a database was opened");
  } catch (const StoreError& e) {
    BOOST_TEST_MESSAGE("refused: " << e.what());
    BOOST_TEST(std::string(e.what()).find("not a database") != std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_CASE(flow_versions_are_recorded_and_survive_reopening, StoreFixture) {
  const auto number = store->record_flow("P1", "f.xml", sha_of(1), 10);
  BOOST_TEST(store->flow(number)->flow.rules_version.empty());
  store->set_flow_versions(number, "EN16931-1.3.16", "0123456789abcdef");
  reopen();
  const auto row = store->flow(number)->flow;
  BOOST_TEST(row.rules_version == "EN16931-1.3.16");
  BOOST_TEST(row.referential_version == "0123456789abcdef");
  BOOST_CHECK_THROW(store->set_flow_versions(number + 100, "x", "y"), lifecycle::StoreError);
}
