// validate/ — is this invoice acceptable for its recipient?
//
// Contract:
//  - Pure: reads a model::Invoice and a model::Referential, returns findings; never writes
//    files or touches the network.
//  - Every rule is a small named function carrying its rule id; `recipient_rules()` lists
//    them as data (id, severity, what it checks) so reports and docs can print the list.
//  - An invoice is accepted iff no finding is fatal.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "model/invoice.h"
#include "model/referential.h"

namespace validate {

// What a recipient rule sees: the invoice, and what the referential says of its recipient.
struct RecipientView {
  const model::Invoice& invoice;
  model::Identifier recipient;        // model::siret_of(invoice.buyer)
  const model::Structure* structure;  // nullptr when unknown
  const model::Service* service;      // nullptr when BT-10 absent or unknown
  std::string today;                  // ISO date, for service validity dates
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

// Runs every recipient rule. `today` is an ISO date ("2026-11-23").
std::vector<model::Finding> check_recipient(const model::Invoice& invoice,
                                            const model::Referential& referential,
                                            std::string_view today);

bool accepted(const std::vector<model::Finding>& findings);

}  // namespace validate
