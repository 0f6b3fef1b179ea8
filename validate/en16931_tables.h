// Private to validate/: the EN 16931 rule tables, one per family and file, that
// en16931_rules() puts together in this order, and what check_en16931 runs after them.
#pragma once

#include <span>

#include "validate/en16931.h"

namespace validate {

// en16931_rules.cpp: BR-nn, BR-CO-*, BR-DEC-*
std::span<const BusinessRule> core_rules();
// en16931_vat.cpp: BR-S/Z/E/AE/IC/G/O/AF/AG-*
std::span<const BusinessRule> vat_category_rules();
// en16931_codes.cpp: BR-CL-*
std::span<const BusinessRule> code_list_rules();
// en16931_syntax.cpp: UBL-SR/DT-*, CII-SR/DT-*
std::span<const BusinessRule> syntax_rules();
// en16931_rules.cpp: BR-51, of warning severity (en16931_warning_rules())
std::span<const BusinessRule> warning_rules();
// en16931_conformance.cpp: the table of en16931_conformance_rules() (UBL-CR-*, CII-SR-*,
// UBL-DT-08…28, CII-DT-*, and the UBL-SR-* rules of a repeatable context), in one pass over
// model::SyntaxFacts::paths
void check_conformance(const model::Invoice& invoice, std::vector<model::Finding>& out);

}  // namespace validate
