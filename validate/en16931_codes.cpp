// EN 16931 code-list rules (BR-CL-*), artefacts 1.3.16.
#include "validate/en16931_tables.h"

namespace validate {

std::span<const BusinessRule> code_list_rules() {
  return {};
}

}  // namespace validate
