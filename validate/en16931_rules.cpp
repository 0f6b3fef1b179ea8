// EN 16931 business rules over the model. Ids, severities and texts follow the official
// validation artefacts (version 1.3.16).
#include <array>

#include "validate/en16931.h"
#include "validate/en16931_tables.h"
#include "validate/locations.h"

namespace validate {

namespace {

using model::Finding;
using model::Invoice;
using model::Severity;

void fatal(std::vector<Finding>& out, std::string_view rule, std::string_view term,
           const Invoice& inv, std::string message) {
  out.push_back(Finding{std::string(rule), Severity::fatal, location_of(term, inv.syntax),
                        std::move(message)});
}

// BR-01 … BR-07: mandatory document-level terms.
void SpecificationIdentifier(const Invoice& inv, std::vector<Finding>& out) {
  if (inv.specification_id.empty())
    fatal(out, "BR-01", "BT-24", inv, "An Invoice shall have a Specification identifier (BT-24).");
}
void InvoiceNumber(const Invoice& inv, std::vector<Finding>& out) {
  if (inv.number.empty())
    fatal(out, "BR-02", "BT-1", inv, "An Invoice shall have an Invoice number (BT-1).");
}
void IssueDate(const Invoice& inv, std::vector<Finding>& out) {
  if (inv.issue_date.empty())
    fatal(out, "BR-03", "BT-2", inv, "An Invoice shall have an Invoice issue date (BT-2).");
}
void InvoiceTypeCode(const Invoice& inv, std::vector<Finding>& out) {
  if (inv.type_code.empty())
    fatal(out, "BR-04", "BT-3", inv, "An Invoice shall have an Invoice type code (BT-3).");
}
void CurrencyCode(const Invoice& inv, std::vector<Finding>& out) {
  if (inv.currency.empty())
    fatal(out, "BR-05", "BT-5", inv, "An Invoice shall have an Invoice currency code (BT-5).");
}
void SellerName(const Invoice& inv, std::vector<Finding>& out) {
  if (inv.seller.name.empty())
    fatal(out, "BR-06", "BT-27", inv, "An Invoice shall contain the Seller name (BT-27).");
}
void BuyerName(const Invoice& inv, std::vector<Finding>& out) {
  if (inv.buyer.name.empty())
    fatal(out, "BR-07", "BT-44", inv, "An Invoice shall contain the Buyer name (BT-44).");
}

constexpr std::array kRules{
    BusinessRule{"BR-01", Severity::fatal, "Specification identifier (BT-24) present",
                 SpecificationIdentifier},
    BusinessRule{"BR-02", Severity::fatal, "Invoice number (BT-1) present", InvoiceNumber},
    BusinessRule{"BR-03", Severity::fatal, "Invoice issue date (BT-2) present", IssueDate},
    BusinessRule{"BR-04", Severity::fatal, "Invoice type code (BT-3) present", InvoiceTypeCode},
    BusinessRule{"BR-05", Severity::fatal, "Invoice currency code (BT-5) present", CurrencyCode},
    BusinessRule{"BR-06", Severity::fatal, "Seller name (BT-27) present", SellerName},
    BusinessRule{"BR-07", Severity::fatal, "Buyer name (BT-44) present", BuyerName},
};

}  // namespace

std::span<const BusinessRule> core_rules() {
  return kRules;
}

std::span<const BusinessRule> en16931_rules() {
  static const std::vector<BusinessRule> all = [] {
    std::vector<BusinessRule> rules;
    for (auto table : {core_rules(), vat_category_rules(), code_list_rules()})
      rules.insert(rules.end(), table.begin(), table.end());
    return rules;
  }();
  return all;
}

std::vector<Finding> check_en16931(const Invoice& invoice) {
  std::vector<Finding> findings;
  for (const auto& rule : en16931_rules()) rule.check(invoice, findings);
  return findings;
}

}  // namespace validate
