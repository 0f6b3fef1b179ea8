#include <array>

#include "model/identifiers.h"
#include "validate/locations.h"
#include "validate/validate.h"

namespace validate {

namespace {

using model::Finding;
using model::Severity;

void add(std::vector<Finding>& out, std::string_view rule, std::string_view bt,
         const RecipientView& v, std::string message) {
  out.push_back(Finding{std::string(rule), Severity::fatal, location_of(bt, v.invoice.syntax),
                        std::move(message)});
}

bool declared_siret_is_malformed(const model::Identifier& id) {
  return model::is_siret_scheme(id.scheme) && !model::is_valid_siret(id.value);
}

void SiretFormat(const RecipientView& v, std::vector<Finding>& out) {
  if (declared_siret_is_malformed(v.recipient))
    add(out, "FR-SIRET-FORMAT", "BT-46", v,
        "recipient SIRET '" + v.recipient.value + "' is not 14 digits with a valid check digit");
  const auto supplier = model::siret_of(v.invoice.seller);
  if (declared_siret_is_malformed(supplier))
    add(out, "FR-SIRET-FORMAT", "BT-29", v,
        "supplier SIRET '" + supplier.value + "' is not 14 digits with a valid check digit");
}

void RecipientUnknown(const RecipientView& v, std::vector<Finding>& out) {
  if (v.structure) return;
  if (v.recipient.empty()) {
    add(out, "FR-RECIPIENT-UNKNOWN", "BT-46", v, "the invoice names no recipient identifier");
    return;
  }
  if (declared_siret_is_malformed(v.recipient)) return;  // FR-SIRET-FORMAT already says why
  add(out, "FR-RECIPIENT-UNKNOWN", "BT-46", v,
      "recipient '" + v.recipient.value + "' is not in the directory");
}

void RecipientInactive(const RecipientView& v, std::vector<Finding>& out) {
  if (v.structure && !v.structure->active)
    add(out, "FR-RECIPIENT-INACTIVE", "BT-46", v,
        "recipient structure " + v.structure->id + " is not active");
}

void RecipientNoEdi(const RecipientView& v, std::vector<Finding>& out) {
  if (v.structure && !v.structure->receiver_edi)
    add(out, "FR-RECIPIENT-NO-EDI", "BT-46", v,
        "recipient structure " + v.structure->id + " does not accept EDI invoices");
}

void ServiceRequired(const RecipientView& v, std::vector<Finding>& out) {
  if (v.structure && v.structure->service_required && v.invoice.buyer_reference.empty())
    add(out, "FR-SERVICE-REQUIRED", "BT-10", v,
        "recipient structure " + v.structure->id + " requires a service code (BT-10)");
}

void ServiceUnknown(const RecipientView& v, std::vector<Finding>& out) {
  if (v.structure && !v.invoice.buyer_reference.empty() && !v.service)
    add(out, "FR-SERVICE-UNKNOWN", "BT-10", v,
        "service '" + v.invoice.buyer_reference + "' does not exist on structure " +
            v.structure->id);
}

void ServiceInactive(const RecipientView& v, std::vector<Finding>& out) {
  if (!v.service) return;
  const auto& s = *v.service;
  if (!s.active)
    add(out, "FR-SERVICE-INACTIVE", "BT-10", v, "service '" + s.code + "' is not active");
  else if (!s.valid_from.empty() && v.today < s.valid_from)
    add(out, "FR-SERVICE-INACTIVE", "BT-10", v,
        "service '" + s.code + "' is valid only from " + s.valid_from);
  else if (!s.valid_to.empty() && v.today > s.valid_to)
    add(out, "FR-SERVICE-INACTIVE", "BT-10", v,
        "service '" + s.code + "' ceased to be valid on " + s.valid_to);
}

void EngagementRequired(const RecipientView& v, std::vector<Finding>& out) {
  if (!v.structure || !v.invoice.order_reference.empty()) return;
  if (v.structure->engagement_required)
    add(out, "FR-ENGAGEMENT-REQUIRED", "BT-13", v,
        "recipient structure " + v.structure->id + " requires an engagement number (BT-13)");
  else if (v.service && v.service->engagement_required)
    add(out, "FR-ENGAGEMENT-REQUIRED", "BT-13", v,
        "service '" + v.service->code + "' requires an engagement number (BT-13)");
}

void ServiceOrEngagement(const RecipientView& v, std::vector<Finding>& out) {
  if (v.structure && v.structure->service_or_engagement && v.invoice.buyer_reference.empty() &&
      v.invoice.order_reference.empty())
    add(out, "FR-SERVICE-OR-ENGAGEMENT", "BT-10", v,
        "recipient structure " + v.structure->id +
            " requires a service code (BT-10) or an engagement number (BT-13)");
}

constexpr std::array kRecipientRules{
    Rule{"FR-SIRET-FORMAT", Severity::fatal,
         "a supplier/recipient SIRET is 14 digits with a valid check digit", SiretFormat},
    Rule{"FR-RECIPIENT-UNKNOWN", Severity::fatal, "the recipient is in the directory",
         RecipientUnknown},
    Rule{"FR-RECIPIENT-INACTIVE", Severity::fatal, "the recipient structure is active",
         RecipientInactive},
    Rule{"FR-RECIPIENT-NO-EDI", Severity::fatal, "the recipient accepts EDI (RecepteurEdi)",
         RecipientNoEdi},
    Rule{"FR-SERVICE-REQUIRED", Severity::fatal,
         "BT-10 present when the structure has GestionService", ServiceRequired},
    Rule{"FR-SERVICE-UNKNOWN", Severity::fatal, "a given BT-10 exists on the structure",
         ServiceUnknown},
    Rule{"FR-SERVICE-INACTIVE", Severity::fatal,
         "the service is active and within its validity dates", ServiceInactive},
    Rule{"FR-ENGAGEMENT-REQUIRED", Severity::fatal,
         "BT-13 present when the structure has GestionEngagement or the service GestionEGMT",
         EngagementRequired},
    Rule{"FR-SERVICE-OR-ENGAGEMENT", Severity::fatal,
         "BT-10 or BT-13 present when the structure has GestionServiceEngagement",
         ServiceOrEngagement},
};

}  // namespace

std::span<const Rule> recipient_rules() {
  return kRecipientRules;
}

std::vector<Finding> check_recipient(const model::Invoice& invoice,
                                     const model::Referential& referential,
                                     std::string_view today) {
  const auto recipient = model::siret_of(invoice.buyer);
  const model::Structure* structure =
      recipient.empty() ? nullptr : referential.structure(recipient.value);
  const model::Service* service = structure && !invoice.buyer_reference.empty()
                                      ? referential.service(structure->id, invoice.buyer_reference)
                                      : nullptr;
  const RecipientView view{invoice, recipient, structure, service, std::string(today)};
  std::vector<Finding> findings;
  for (const auto& rule : kRecipientRules) rule.check(view, findings);
  return findings;
}

bool accepted(const std::vector<Finding>& findings) {
  for (const auto& f : findings)
    if (f.severity == Severity::fatal) return false;
  return true;
}

}  // namespace validate
