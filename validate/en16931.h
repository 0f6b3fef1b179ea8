// validate/en16931.h — the EN 16931 business rules, natively.
//
// Contract:
//  - Each rule is a small named function carrying its official id and severity, as the
//    official validation artefacts (version kEn16931ArtefactVersion) define them.
//  - Rules run on whatever the parser could fill, even when the XSD check failed, as the
//    official artefacts do; they only read the model.
//  - Amount arithmetic is exact (model::Decimal), rounded as the artefacts round.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "model/invoice.h"

namespace validate {

inline constexpr std::string_view kEn16931ArtefactVersion = "1.3.16";
// How reports name the rule set: "EN16931-<artefact version>".
inline constexpr std::string_view kRulesVersion = "EN16931-1.3.16";

using InvoiceCheck = void (*)(const model::Invoice&, std::vector<model::Finding>&);

struct BusinessRule {
  std::string_view id;
  model::Severity severity;
  std::string_view description;
  InvoiceCheck check;
};

// The EN 16931 rules implemented so far, in evaluation order.
std::span<const BusinessRule> en16931_rules();

// Runs every EN 16931 rule on the invoice.
std::vector<model::Finding> check_en16931(const model::Invoice& invoice);

}  // namespace validate
