#pragma once

#include <optional>
#include <string_view>

namespace model {

// Flow statuses of "Suivi des flux" (DOMAIN.md).
enum class FlowStatus {
  recu,             // IN_RECU: claimed and recorded
  en_cours,         // IN_EN_COURS_TRAITEMENT
  integre,          // IN_INTEGRE: every invoice accepted
  integre_partiel,  // IN_INTEGRE_PARTIEL: some rejected
  rejete,           // IN_REJETE: flow refused or every invoice rejected
  incidente,        // IN_INCIDENTE: technical failure
};

// Invoice lifecycle statuses (DOMAIN.md); the intake ones plus the recipient's.
enum class InvoiceStatus {
  deposee,
  rejetee,
  mise_a_disposition,
  service_fait,
  mandatee,
  a_recycler,
  suspendue,
  completee,
  mise_a_disposition_comptable,
  comptabilisee,
  mise_en_paiement,
};

std::string_view to_code(FlowStatus s);     // "IN_INTEGRE"
std::string_view to_code(InvoiceStatus s);  // "MISE_A_DISPOSITION"
std::string_view label_fr(FlowStatus s);    // "Intégré"
std::string_view label_fr(InvoiceStatus s);
std::optional<FlowStatus> flow_status_from_code(std::string_view code);
std::optional<InvoiceStatus> invoice_status_from_code(std::string_view code);

bool is_terminal(FlowStatus s);

}  // namespace model
