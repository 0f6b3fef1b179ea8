#include "model/status.h"

#include <array>
#include <utility>

namespace model {

namespace {
struct FlowRow {
  FlowStatus status;
  std::string_view code, label;
};
constexpr std::array kFlow{
    FlowRow{FlowStatus::recu, "IN_RECU", "Reçu"},
    FlowRow{FlowStatus::en_cours, "IN_EN_COURS_TRAITEMENT", "En cours de traitement"},
    FlowRow{FlowStatus::integre, "IN_INTEGRE", "Intégré"},
    FlowRow{FlowStatus::integre_partiel, "IN_INTEGRE_PARTIEL", "Intégré partiellement"},
    FlowRow{FlowStatus::rejete, "IN_REJETE", "Rejeté"},
    FlowRow{FlowStatus::incidente, "IN_INCIDENTE", "En incident"},
};
struct InvoiceRow {
  InvoiceStatus status;
  std::string_view code, label;
};
constexpr std::array kInvoice{
    InvoiceRow{InvoiceStatus::deposee, "DEPOSEE", "Déposée"},
    InvoiceRow{InvoiceStatus::rejetee, "REJETEE", "Rejetée"},
    InvoiceRow{InvoiceStatus::mise_a_disposition, "MISE_A_DISPOSITION", "Mise à disposition"},
    InvoiceRow{InvoiceStatus::service_fait, "SERVICE_FAIT", "Service fait"},
    InvoiceRow{InvoiceStatus::mandatee, "MANDATEE", "Mandatée"},
    InvoiceRow{InvoiceStatus::a_recycler, "A_RECYCLER", "À recycler"},
    InvoiceRow{InvoiceStatus::suspendue, "SUSPENDUE", "Suspendue"},
    InvoiceRow{InvoiceStatus::completee, "COMPLETEE", "Complétée"},
    InvoiceRow{InvoiceStatus::mise_a_disposition_comptable, "MISE_A_DISPOSITION_COMPTABLE",
               "Mise à disposition comptable"},
    InvoiceRow{InvoiceStatus::comptabilisee, "COMPTABILISEE", "Comptabilisée"},
    InvoiceRow{InvoiceStatus::mise_en_paiement, "MISE_EN_PAIEMENT", "Mise en paiement"},
};

template <typename Table, typename Status>
const auto& row_of(const Table& table, Status s) {
  for (const auto& row : table)
    if (row.status == s) return row;
  return table.front();  // unreachable: every enumerator has a row
}
}  // namespace

std::string_view to_code(FlowStatus s) {
  return row_of(kFlow, s).code;
}
std::string_view to_code(InvoiceStatus s) {
  return row_of(kInvoice, s).code;
}
std::string_view label_fr(FlowStatus s) {
  return row_of(kFlow, s).label;
}
std::string_view label_fr(InvoiceStatus s) {
  return row_of(kInvoice, s).label;
}

std::optional<FlowStatus> flow_status_from_code(std::string_view code) {
  for (const auto& row : kFlow)
    if (row.code == code) return row.status;
  return std::nullopt;
}

std::optional<InvoiceStatus> invoice_status_from_code(std::string_view code) {
  for (const auto& row : kInvoice)
    if (row.code == code) return row.status;
  return std::nullopt;
}

bool is_terminal(FlowStatus s) {
  return s == FlowStatus::integre || s == FlowStatus::integre_partiel || s == FlowStatus::rejete ||
         s == FlowStatus::incidente;
}

}  // namespace model
