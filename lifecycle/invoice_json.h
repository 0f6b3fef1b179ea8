// lifecycle/ — an invoice's recorded fields as JSON, shared by the integration report and
// `fluxd suivi`, so the two always name and order them alike.
#pragma once

#include <nlohmann/json.hpp>

#include "lifecycle/lifecycle.h"

namespace lifecycle {

// position, document, key, number, issue_date, type_code, syntax, supplier, recipient,
// service, engagement, currency, payable, status, status_label, delivered_to.
nlohmann::ordered_json invoice_fields_json(const InvoiceRow& invoice);

}  // namespace lifecycle
