// validate/ — is this invoice acceptable for its recipient?
//
// Contract:
//  - Pure: reads a model::Invoice and a model::Referential, returns findings; never writes
//    files or touches the network.
//  - Every rule is a small named function carrying its rule id; `recipient_rules()` lists
//    them as data (id, severity, what it checks) so reports and docs can print the list.
//  - An invoice is accepted iff no finding is fatal.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "model/invoice.h"
#include "model/referential.h"

namespace validate {

// What the caller knows beyond the invoice and the referential.
struct RecipientContext {
  std::string today;  // ISO date ("2026-11-23"), for service validity dates
  // An earlier accepted invoice with the same duplicate key (e.g. "flow 12, invoice 3"), as
  // the store found it; nullopt when none, or when duplicates are not checked.
  std::optional<std::string> duplicate_of;
};

// What a recipient rule sees: the invoice, and what the referential says of its parties.
struct RecipientView {
  const model::Invoice& invoice;
  const model::Referential& referential;
  const RecipientContext& context;
  model::Identifier recipient;          // model::siret_of(invoice.buyer)
  const model::Structure* structure;    // nullptr when unknown
  const model::Service* service;        // nullptr when BT-10 absent or unknown
  const model::Structure* supplier;     // the supplier's own entry, nullptr when unknown
  const model::Engagement* engagement;  // BT-13's entry, nullptr when absent or unknown
};

using RuleCheck = void (*)(const RecipientView&, std::vector<model::Finding>&);

struct Rule {
  std::string_view id;
  model::Severity severity;
  std::string_view description;
  RuleCheck check;
};

// The recipient rules of DOMAIN.md implemented so far, in evaluation order.
std::span<const Rule> recipient_rules();

// Runs every recipient rule.
std::vector<model::Finding> check_recipient(const model::Invoice& invoice,
                                            const model::Referential& referential,
                                            const RecipientContext& context);
// Same, with no duplicate known. `today` is an ISO date ("2026-11-23").
std::vector<model::Finding> check_recipient(const model::Invoice& invoice,
                                            const model::Referential& referential,
                                            std::string_view today);

// The cadre de facturation (DOMAIN.md): BT-23 when it is written as a cadre code ("A9", or an
// API name such as "A9_FACTURE_SOUSTRAITANT"), else the legacy CII guideline parameter (BT-24)
// when it is one, else the default "A1". Other BT-23 values (a Peppol profile URN…) are
// business process ids, not cadres.
std::string cadre_of(const model::Invoice& invoice);
bool is_known_cadre(std::string_view code);  // A1…A25 but A11
bool is_works_cadre(std::string_view code);  // A4–A8, A10, A13–A20, A22–A25

bool accepted(const std::vector<model::Finding>& findings);

}  // namespace validate
