// The transition tables against DOMAIN.md, pair by pair.
#include <boost/test/unit_test.hpp>

#include "lifecycle/lifecycle.h"
#include "support.h"

using namespace lifecycle_test;

namespace {
template <typename Status>
bool expected(const std::vector<std::pair<Status, Status>>& table, Status from, Status to) {
  return std::find(table.begin(), table.end(), std::pair{from, to}) != table.end();
}
}  // namespace

BOOST_AUTO_TEST_SUITE(lifecycle_state)

BOOST_AUTO_TEST_CASE(flow_transitions_are_exactly_the_domain_ones) {
  int allowed = 0;
  for (auto from : kAllFlowStatuses)
    for (auto to : kAllFlowStatuses) {
      BOOST_TEST_CONTEXT(model::to_code(from) << " -> " << model::to_code(to)) {
        BOOST_TEST(lifecycle::flow_transition_allowed(from, to) ==
                   expected(kExpectedFlowTransitions, from, to));
      }
      allowed += lifecycle::flow_transition_allowed(from, to) ? 1 : 0;
    }
  BOOST_TEST(allowed == 7);
}

BOOST_AUTO_TEST_CASE(invoice_transitions_are_exactly_the_domain_ones) {
  int allowed = 0;
  for (auto from : kAllInvoiceStatuses)
    for (auto to : kAllInvoiceStatuses) {
      BOOST_TEST_CONTEXT(model::to_code(from) << " -> " << model::to_code(to)) {
        BOOST_TEST(lifecycle::invoice_transition_allowed(from, to) ==
                   expected(kExpectedInvoiceTransitions, from, to));
      }
      allowed += lifecycle::invoice_transition_allowed(from, to) ? 1 : 0;
    }
  BOOST_TEST(allowed == 17);
}

BOOST_AUTO_TEST_CASE(terminal_and_named_refusals) {
  using model::FlowStatus;
  using model::InvoiceStatus;
  BOOST_TEST(
      !lifecycle::invoice_transition_allowed(InvoiceStatus::deposee, InvoiceStatus::mandatee));
  BOOST_TEST(!lifecycle::invoice_transition_allowed(InvoiceStatus::a_recycler,
                                                    InvoiceStatus::mise_a_disposition));
  for (auto to : kAllInvoiceStatuses) {
    BOOST_TEST(!lifecycle::invoice_transition_allowed(InvoiceStatus::rejetee, to));
    BOOST_TEST(!lifecycle::invoice_transition_allowed(InvoiceStatus::mise_en_paiement, to));
  }
  // A finished flow never goes back to processing; only an incident is replayed.
  for (auto done : {FlowStatus::integre, FlowStatus::integre_partiel, FlowStatus::rejete})
    for (auto to : kAllFlowStatuses) BOOST_TEST(!lifecycle::flow_transition_allowed(done, to));
  BOOST_TEST(!lifecycle::flow_transition_allowed(FlowStatus::recu, FlowStatus::rejete));
  BOOST_TEST(lifecycle::flow_transition_allowed(FlowStatus::incidente, FlowStatus::en_cours));
}

BOOST_AUTO_TEST_SUITE_END()
