#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/decimal.h"

namespace model {

enum class Syntax { ubl_invoice, ubl_credit_note, cii };

// Chorus-style syntax code reported for a flow / invoice (DOMAIN.md).
std::string_view syntax_code(Syntax s);  // "IN_DP_E1_UBL_INVOICE", "IN_DP_E1_CII_16B"

// An identifier with its scheme (e.g. "0009" = SIRET; legacy Chorus schemeName "1").
struct Identifier {
  std::string value;
  std::string scheme;
  bool empty() const { return value.empty(); }
};

struct Party {
  std::string name;             // BT-27 / BT-44
  std::vector<Identifier> ids;  // BT-29 / BT-46 (repeatable), with scheme BT-29-1 / BT-46-1
  Identifier legal_id;          // BT-30 / BT-47, with scheme BT-30-1 / BT-47-1
};

// BG-22 document totals, BT-106…BT-115.
struct Totals {
  std::optional<Decimal> line_extension;  // BT-106
  std::optional<Decimal> allowances;      // BT-107
  std::optional<Decimal> charges;         // BT-108
  std::optional<Decimal> tax_exclusive;   // BT-109
  std::optional<Decimal> tax;             // BT-110 (in document currency)
  std::optional<Decimal> tax_accounting;  // BT-111 (in VAT accounting currency)
  std::optional<Decimal> tax_inclusive;   // BT-112
  std::optional<Decimal> prepaid;         // BT-113
  std::optional<Decimal> rounding;        // BT-114
  std::optional<Decimal> payable;         // BT-115
};

struct Invoice {
  Syntax syntax = Syntax::ubl_invoice;
  std::string number;            // BT-1
  std::string issue_date;        // BT-2, ISO 8601 "YYYY-MM-DD"
  std::string type_code;         // BT-3
  std::string currency;          // BT-5
  std::string tax_currency;      // BT-6
  std::string buyer_reference;   // BT-10: the recipient's service code
  std::string order_reference;   // BT-13: the engagement (EJ)
  std::string process_id;        // BT-23: cadre de facturation
  std::string specification_id;  // BT-24
  Party seller;                  // BG-4
  Party buyer;                   // BG-7
  Totals totals;

  bool is_credit_note() const;  // UBL CreditNote, or type code 381/396/532 in CII
};

// The identifier fluxd treats as the party's SIRET: an identifier with scheme "0009" (or the
// legacy Chorus schemeName "1") first among BT-29/BT-46 then BT-30/BT-47; failing that the
// legal id (BT-30/BT-47), then the first party id. Empty when the party has no identifier.
Identifier siret_of(const Party& party);

// True when the identifier is declared as a SIRET by its scheme.
bool is_siret_scheme(std::string_view scheme);

// Invoice key (DOMAIN.md): supplier id + BT-1 + year of BT-2, "credit notes keyed apart".
std::string invoice_key(const Invoice& invoice);

}  // namespace model
