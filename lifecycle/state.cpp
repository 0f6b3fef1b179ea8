// The state machines of DOMAIN.md, as data: one row per allowed (from, to) pair. Anything
// not listed is refused.
#include <array>
#include <utility>

#include "lifecycle/lifecycle.h"

namespace lifecycle {

namespace {

using model::FlowStatus;
using model::InvoiceStatus;

// A duplicate flow goes RECU -> EN_COURS -> REJETE like any refused flow; an operator replay
// takes an INCIDENTE flow back to EN_COURS.
constexpr std::array<std::pair<FlowStatus, FlowStatus>, 7> kFlowTransitions{{
    {FlowStatus::recu, FlowStatus::en_cours},
    {FlowStatus::recu, FlowStatus::incidente},
    {FlowStatus::en_cours, FlowStatus::integre},
    {FlowStatus::en_cours, FlowStatus::integre_partiel},
    {FlowStatus::en_cours, FlowStatus::rejete},
    {FlowStatus::en_cours, FlowStatus::incidente},
    {FlowStatus::incidente, FlowStatus::en_cours},
}};

// DOMAIN.md "Invoice lifecycle". A_RECYCLER has no way out: the supplier sends a new invoice.
constexpr std::array<std::pair<InvoiceStatus, InvoiceStatus>, 17> kInvoiceTransitions{{
    {InvoiceStatus::deposee, InvoiceStatus::rejetee},
    {InvoiceStatus::deposee, InvoiceStatus::mise_a_disposition},
    {InvoiceStatus::mise_a_disposition, InvoiceStatus::service_fait},
    {InvoiceStatus::mise_a_disposition, InvoiceStatus::mandatee},
    {InvoiceStatus::mise_a_disposition, InvoiceStatus::a_recycler},
    {InvoiceStatus::mise_a_disposition, InvoiceStatus::suspendue},
    {InvoiceStatus::mise_a_disposition, InvoiceStatus::rejetee},
    {InvoiceStatus::service_fait, InvoiceStatus::mandatee},
    {InvoiceStatus::service_fait, InvoiceStatus::suspendue},
    {InvoiceStatus::service_fait, InvoiceStatus::rejetee},
    {InvoiceStatus::mandatee, InvoiceStatus::mise_a_disposition_comptable},
    {InvoiceStatus::mandatee, InvoiceStatus::comptabilisee},
    {InvoiceStatus::mandatee, InvoiceStatus::mise_en_paiement},
    {InvoiceStatus::mise_a_disposition_comptable, InvoiceStatus::comptabilisee},
    {InvoiceStatus::comptabilisee, InvoiceStatus::mise_en_paiement},
    {InvoiceStatus::suspendue, InvoiceStatus::completee},
    {InvoiceStatus::completee, InvoiceStatus::mise_a_disposition},
}};

template <typename Table, typename Status>
bool listed(const Table& table, Status from, Status to) {
  for (const auto& [allowed_from, allowed_to] : table)
    if (allowed_from == from && allowed_to == to) return true;
  return false;
}

}  // namespace

bool flow_transition_allowed(model::FlowStatus from, model::FlowStatus to) {
  return listed(kFlowTransitions, from, to);
}

bool invoice_transition_allowed(model::InvoiceStatus from, model::InvoiceStatus to) {
  return listed(kInvoiceTransitions, from, to);
}

}  // namespace lifecycle
