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

// The EN 16931 rules of fatal severity implemented as functions, in evaluation order.
std::span<const BusinessRule> en16931_rules();

// The EN 16931 rules of warning severity implemented as functions (BR-51). A warning never
// rejects an invoice.
std::span<const BusinessRule> en16931_warning_rules();

// A conformance rule of the official artefacts, checked through a table of the syntax paths it
// forbids or counts rather than by a function of its own: UBL-CR-*, CII-SR-*, UBL-DT-08…28, the
// CII-DT-* rules (CII-DT-031 aside, a syntax rule) and the UBL-SR-* rules whose context repeats
// (UBL-SR-04, 22, 23, 25…28, 30…33, 51). Severity is the official flag (most UBL-CR and CII-SR
// are warnings; those UBL-SR and most CII-DT are fatal). `path` is the table's path (or
// context), "$name/" abbreviating a context.
struct ConformanceRule {
  std::string_view id;
  model::Severity severity;
  std::string_view path;
};
std::span<const ConformanceRule> en16931_conformance_rules();

// Runs every EN 16931 rule on the invoice: en16931_rules(), en16931_warning_rules(), then the
// conformance rules (at most one finding per conformance rule id).
std::vector<model::Finding> check_en16931(const model::Invoice& invoice);

}  // namespace validate
