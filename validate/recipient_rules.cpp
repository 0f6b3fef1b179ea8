#include <array>
#include <charconv>

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
  else if (!s.valid_from.empty() && v.context.today < s.valid_from)
    add(out, "FR-SERVICE-INACTIVE", "BT-10", v,
        "service '" + s.code + "' is valid only from " + s.valid_from);
  else if (!s.valid_to.empty() && v.context.today > s.valid_to)
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

void SupplierNotEmitter(const RecipientView& v, std::vector<Finding>& out) {
  if (v.supplier && !v.supplier->emitter_edi)
    add(out, "FR-SUPPLIER-NOT-EMITTER", "BT-29", v,
        "supplier " + v.supplier->id + " is in the directory but may not emit EDI invoices");
}

void EngagementUnknown(const RecipientView& v, std::vector<Finding>& out) {
  const auto& ej = v.invoice.order_reference;
  if (ej.empty() || !v.referential.has_engagements()) return;
  if (!v.engagement) {
    add(out, "FR-ENGAGEMENT-UNKNOWN", "BT-13", v,
        "engagement '" + ej + "' is not in the engagement referential");
    return;
  }
  if (!v.recipient.empty() && v.engagement->structure_id != v.recipient.value) {
    add(out, "FR-ENGAGEMENT-UNKNOWN", "BT-13", v,
        "engagement '" + ej + "' belongs to structure " + v.engagement->structure_id +
            ", not to the recipient " + v.recipient.value);
    return;
  }
  const auto supplier = model::siret_of(v.invoice.seller).value;
  if (!v.engagement->supplier_id.empty() && v.engagement->supplier_id != supplier)
    add(out, "FR-ENGAGEMENT-UNKNOWN", "BT-13", v,
        "engagement '" + ej + "' was given to supplier " + v.engagement->supplier_id + ", not to " +
            (supplier.empty() ? std::string("this supplier") : supplier));
}

void CadreInvalid(const RecipientView& v, std::vector<Finding>& out) {
  const std::string cadre = cadre_of(v.invoice);
  if (!is_known_cadre(cadre)) {
    add(out, "FR-CADRE-INVALID", "BT-23", v,
        "'" + cadre + "' is not a cadre de facturation (A1 to A25, A11 excepted)");
    return;
  }
  if (!v.structure) return;
  if (is_works_cadre(cadre) && !v.structure->moa)
    add(out, "FR-CADRE-INVALID", "BT-23", v,
        "cadre " + cadre + " is for works, and structure " + v.structure->id +
            " is not a works client (EstMOA)");
  else if (!is_works_cadre(cadre) && v.structure->moa_only)
    add(out, "FR-CADRE-INVALID", "BT-23", v,
        "structure " + v.structure->id + " receives works invoices only (EstMOAUniquement); " +
            cadre + " is not a works cadre");
}

void Duplicate(const RecipientView& v, std::vector<Finding>& out) {
  if (v.context.duplicate_of)
    add(out, "FR-DUPLICATE", "BT-1", v,
        "invoice '" + v.invoice.number + "' of this supplier and year was already accepted (" +
            *v.context.duplicate_of + ")");
}

void IbanInvalid(const RecipientView& v, std::vector<Finding>& out) {
  for (const auto& means : v.invoice.payment_instructions)
    for (const auto& transfer : means.credit_transfers) {
      const auto& account = transfer.account_id;
      // SEPA credit transfer (58) names an IBAN; other means may carry a proprietary id.
      if (account.empty() || (means.means_code != "58" && !model::looks_like_iban(account)))
        continue;
      if (auto problem = model::iban_problem(account))
        add(out, "FR-IBAN-INVALID", "BT-84", v, "IBAN '" + account + "': " + *problem);
    }
}

void BicInvalid(const RecipientView& v, std::vector<Finding>& out) {
  for (const auto& means : v.invoice.payment_instructions)
    for (const auto& transfer : means.credit_transfers) {
      const auto& bic = transfer.service_provider_id;
      if (!bic.empty() && !model::is_valid_bic(bic))
        add(out, "FR-BIC-INVALID", "BT-86", v,
            "BIC '" + bic + "' is not 8 or 11 characters of the ISO 9362 shape");
    }
}

// Characters, not bytes: a UTF-8 continuation byte does not start a character.
std::size_t characters(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

void NumberFormat(const RecipientView& v, std::vector<Finding>& out) {
  if (characters(v.invoice.number) > 20)
    add(out, "FR-NUMBER-FORMAT", "BT-1", v,
        "invoice number has " + std::to_string(characters(v.invoice.number)) +
            " characters; at most 20 are accepted");
  if (characters(v.invoice.buyer_reference) > 100)
    add(out, "FR-NUMBER-FORMAT", "BT-10", v,
        "service code has " + std::to_string(characters(v.invoice.buyer_reference)) +
            " characters; at most 100 are accepted");
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
    Rule{"FR-SUPPLIER-NOT-EMITTER", Severity::fatal,
         "a supplier known to the directory may emit EDI (EmetteurEdi)", SupplierNotEmitter},
    Rule{"FR-ENGAGEMENT-UNKNOWN", Severity::fatal,
         "with an engagement file loaded, a given BT-13 exists and belongs to the recipient "
         "(and to the supplier when the engagement names one)",
         EngagementUnknown},
    Rule{"FR-CADRE-INVALID", Severity::fatal,
         "the cadre de facturation is a known code allowed for the recipient (works cadres "
         "only to EstMOA structures, only works cadres to EstMOAUniquement ones)",
         CadreInvalid},
    Rule{"FR-DUPLICATE", Severity::fatal,
         "no earlier accepted invoice with the same supplier, BT-1 and year of BT-2 (credit "
         "notes keyed apart)",
         Duplicate},
    Rule{"FR-IBAN-INVALID", Severity::fatal,
         "a given IBAN passes mod 97 (and, for FR/MC, is 27 characters with a valid RIB key)",
         IbanInvalid},
    Rule{"FR-BIC-INVALID", Severity::fatal, "a given BIC is 8 or 11 characters of ISO 9362 shape",
         BicInvalid},
    Rule{"FR-NUMBER-FORMAT", Severity::fatal, "BT-1 is at most 20 characters, BT-10 at most 100",
         NumberFormat},
};

// "A9", or "A9_FACTURE_SOUSTRAITANT": the code part; "" when the text is not cadre-shaped.
std::string cadre_code(std::string_view text) {
  if (text.size() < 2 || text[0] != 'A' || text[1] < '0' || text[1] > '9') return {};
  std::size_t end = 1;
  while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
  if (end < text.size() && text[end] != '_') return {};
  return std::string(text.substr(0, end));
}

int cadre_number(std::string_view code) {
  int n = 0;
  if (code.size() < 2 || code.size() > 3) return 0;
  auto [ptr, ec] = std::from_chars(code.data() + 1, code.data() + code.size(), n);
  return ec == std::errc{} && ptr == code.data() + code.size() ? n : 0;
}

}  // namespace

std::span<const Rule> recipient_rules() {
  return kRecipientRules;
}

std::string cadre_of(const model::Invoice& invoice) {
  if (auto code = cadre_code(invoice.process_id); !code.empty()) return code;
  if (invoice.syntax == model::Syntax::cii)
    if (auto code = cadre_code(invoice.specification_id); !code.empty()) return code;
  return "A1";
}

bool is_known_cadre(std::string_view code) {
  const int n = cadre_number(code);
  return n >= 1 && n <= 25 && n != 11 && code[1] != '0';
}

bool is_works_cadre(std::string_view code) {
  if (!is_known_cadre(code)) return false;
  const int n = cadre_number(code);
  return (n >= 4 && n <= 8) || n == 10 || (n >= 13 && n <= 20) || n >= 22;
}

std::vector<Finding> check_recipient(const model::Invoice& invoice,
                                     const model::Referential& referential,
                                     const RecipientContext& context) {
  const auto recipient = model::siret_of(invoice.buyer);
  const auto supplier = model::siret_of(invoice.seller);
  const model::Structure* structure =
      recipient.empty() ? nullptr : referential.structure(recipient.value);
  const model::Service* service = structure && !invoice.buyer_reference.empty()
                                      ? referential.service(structure->id, invoice.buyer_reference)
                                      : nullptr;
  const RecipientView view{
      invoice,
      referential,
      context,
      recipient,
      structure,
      service,
      supplier.empty() ? nullptr : referential.structure(supplier.value),
      invoice.order_reference.empty() ? nullptr : referential.engagement(invoice.order_reference)};
  std::vector<Finding> findings;
  for (const auto& rule : kRecipientRules) rule.check(view, findings);
  return findings;
}

std::vector<Finding> check_recipient(const model::Invoice& invoice,
                                     const model::Referential& referential,
                                     std::string_view today) {
  return check_recipient(invoice, referential, RecipientContext{std::string(today), std::nullopt});
}

bool accepted(const std::vector<Finding>& findings) {
  for (const auto& f : findings)
    if (f.severity == Severity::fatal) return false;
  return true;
}

}  // namespace validate
