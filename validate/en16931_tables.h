// Private to validate/: the EN 16931 rule tables, one per family and file, that
// en16931_rules() puts together in this order.
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

}  // namespace validate
