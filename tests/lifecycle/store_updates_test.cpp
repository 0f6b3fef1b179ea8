// What the store keeps for status updates: the change's date and visibility, update files
// recorded once per sender and bytes, named cursors over the history, invoices by key.
#include <boost/test/unit_test.hpp>

#include "lifecycle/lifecycle.h"
#include "support.h"

using namespace lifecycle_test;

namespace {

// An accepted invoice at the recipient's disposal; returns its id.
std::int64_t delivered_invoice(lifecycle::Store& store, int seed, int position) {
  const auto flow = store.record_flow("AAA999", "f.xml", sha_of(seed), 10);
  const auto id = store.add_invoice(flow, sample_record(position), {});
  BOOST_REQUIRE(store.set_invoice_status(id, InvoiceStatus::mise_a_disposition, "fluxd", "").ok());
  return id;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(store_updates, StoreFixture)

BOOST_AUTO_TEST_CASE(a_change_keeps_its_status_date_and_whether_the_supplier_sees_it) {
  const auto id = delivered_invoice(*store, 1, 1);
  BOOST_REQUIRE(
      store
          ->set_invoice_status(id, InvoiceStatus::mandatee, "recipient:1", "", {"2026-11-20", true})
          .ok());
  BOOST_REQUIRE(store
                    ->set_invoice_status(id, InvoiceStatus::mise_en_paiement, "recipient:1", "",
                                         {"2026-11-22", false})
                    .ok());
  reopen();
  const auto history = store->invoice_history(id);
  BOOST_REQUIRE(history.size() == 4u);
  BOOST_TEST(history[2].status_date == "2026-11-20");
  BOOST_TEST(history[2].shown_to_supplier);
  BOOST_TEST(history[3].to == "MISE_EN_PAIEMENT");
  BOOST_TEST(history[3].status_date == "2026-11-22");
  BOOST_TEST(!history[3].shown_to_supplier);
  // Intake's own changes have no date and are visible.
  BOOST_TEST(history[0].status_date.empty());
  BOOST_TEST(history[0].shown_to_supplier);

  std::vector<lifecycle::HistoryEvent> events;
  for (auto& e : store->history_after(0))
    if (e.kind == "invoice") events.push_back(std::move(e));
  BOOST_REQUIRE(events.size() == 4u);
  BOOST_TEST(!events[3].change.shown_to_supplier);
  BOOST_TEST(events[3].invoice_key == sample_record(1).key);
  BOOST_TEST(events[3].recipient_id == sample_record(1).recipient_id);
  BOOST_TEST(events[3].supplier_id == sample_record(1).supplier_id);
  BOOST_TEST(events[3].engagement == sample_record(1).engagement);
}

BOOST_AUTO_TEST_CASE(a_refused_change_records_nothing_even_with_details) {
  const auto id = delivered_invoice(*store, 1, 1);
  const auto refused = store->set_invoice_status(id, InvoiceStatus::comptabilisee, "recipient:1",
                                                 "", {"2026-11-20", true});
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().code == "LC-TRANSITION-REFUSED");
  BOOST_TEST(store->invoice_history(id).size() == 2u);
}

BOOST_AUTO_TEST_CASE(an_update_file_is_known_by_its_claimed_name_once_committed) {
  const std::string claimed = "20261123T100000-42-1--a.csv";
  BOOST_TEST(!store->update_file_result("21384512600019", claimed));
  store->begin();
  const auto first = store->record_update_file("21384512600019", claimed, "a.csv", sha_of(7),
                                               "2026-11-23T10:00:00Z");
  store->set_update_file_result(first, "{\"number\":1}");
  store->rollback();
  BOOST_TEST(!store->update_file_result("21384512600019", claimed));  // rolled back: unknown

  store->begin();
  const auto number = store->record_update_file("21384512600019", claimed, "a.csv", sha_of(7),
                                                "2026-11-23T10:00:00Z");
  store->set_update_file_result(number, "{\"number\":2}");
  store->commit();
  reopen();
  BOOST_TEST(store->update_file_result("21384512600019", claimed).value() == "{\"number\":2}");
  // Another sender's file of that name is another file; the same bytes claimed again too.
  BOOST_TEST(!store->update_file_result("26071930700027", claimed));
  const auto again = store->record_update_file("21384512600019", "20261124T100000-42-1--a.csv",
                                               "a.csv", sha_of(7), "t");
  BOOST_TEST(again > number);
  BOOST_CHECK_THROW(store->record_update_file("21384512600019", claimed, "a.csv", sha_of(8), "t"),
                    lifecycle::StoreError);
}

BOOST_AUTO_TEST_CASE(cursors_start_at_zero_and_keep_their_place) {
  BOOST_TEST(store->cursor("lifecycle-messages") == 0);
  store->set_cursor("lifecycle-messages", 41);
  store->set_cursor("lifecycle-messages", 42);
  store->set_cursor("other", 7);
  reopen();
  BOOST_TEST(store->cursor("lifecycle-messages") == 42);
  BOOST_TEST(store->cursor("other") == 7);
}

BOOST_AUTO_TEST_CASE(invoices_with_a_key_come_newest_first) {
  const auto older = delivered_invoice(*store, 1, 1);
  const auto newer = delivered_invoice(*store, 2, 1);  // same record: same key
  delivered_invoice(*store, 3, 2);                     // another key
  const auto found = store->invoices_with_key(sample_record(1).key);
  BOOST_REQUIRE(found.size() == 2u);
  BOOST_TEST(found[0].invoice.id == newer);
  BOOST_TEST(found[1].invoice.id == older);
  BOOST_TEST(found[0].partner == "AAA999");
  BOOST_TEST(store->invoices_with_key("nobody|x|2026").empty());
}

BOOST_AUTO_TEST_SUITE_END()
