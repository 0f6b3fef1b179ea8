#include "model/invoice.h"

namespace model {

std::string_view syntax_code(Syntax s) {
  switch (s) {
    case Syntax::ubl_invoice:
    case Syntax::ubl_credit_note:
      return "IN_DP_E1_UBL_INVOICE";
    case Syntax::cii:
      return "IN_DP_E1_CII_16B";
  }
  return "";
}

bool Invoice::is_credit_note() const {
  if (syntax == Syntax::ubl_credit_note) return true;
  // UNTDID 1001 credit note codes used by EN 16931.
  return type_code == "381" || type_code == "396" || type_code == "532" || type_code == "261" ||
         type_code == "262" || type_code == "502" || type_code == "503";
}

bool is_siret_scheme(std::string_view scheme) {
  return scheme == "0009" || scheme == "1";
}

Identifier siret_of(const Party& party) {
  for (const auto& id : party.ids)
    if (is_siret_scheme(id.scheme) && !id.empty()) return id;
  if (is_siret_scheme(party.legal_id.scheme) && !party.legal_id.empty()) return party.legal_id;
  if (!party.legal_id.empty()) return party.legal_id;
  for (const auto& id : party.ids)
    if (!id.empty()) return id;
  return {};
}

std::string invoice_key(const Invoice& invoice) {
  std::string key = siret_of(invoice.seller).value;
  if (key.empty()) key = invoice.seller.name;
  key += '|';
  key += invoice.number;
  key += '|';
  key += invoice.issue_date.substr(0, 4);
  if (invoice.is_credit_note()) key += "|AV";  // avoir: credit notes are keyed apart
  return key;
}

}  // namespace model
