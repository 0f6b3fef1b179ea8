// EN 16931 business rules over the model. Ids, severities and texts follow the official
// validation artefacts (version 1.3.16).
#include <array>
#include <optional>
#include <string>

#include "validate/en16931.h"
#include "validate/en16931_tables.h"
#include "validate/locations.h"

namespace validate {

namespace {

using model::AllowanceCharge;
using model::Finding;
using model::Invoice;
using model::InvoiceLine;
using model::Party;
using model::Severity;
using model::VatBreakdown;

void fatal(std::vector<Finding>& out, std::string_view rule, std::string_view term,
           const Invoice& inv, std::string message) {
  out.push_back(Finding{std::string(rule), Severity::fatal, location_of(term, inv.syntax),
                        std::move(message)});
}

// ---- Arithmetic as the artefacts do it: exact decimals, XPath round() (halves towards +inf) ----

__extension__ typedef __int128 Wide;

Wide pow10w(int n) {
  Wide p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

// An exact decimal wide enough for sums and one product of two amounts.
struct Num {
  Wide units = 0;
  int scale = 0;
};

Num num(const model::Decimal& d) {
  return {d.units(), d.scale()};
}
Num rescaled(Num n, int scale) {
  if (scale > n.scale) return {n.units * pow10w(scale - n.scale), scale};
  return n;
}
Num operator+(Num a, Num b) {
  const int s = a.scale > b.scale ? a.scale : b.scale;
  return {rescaled(a, s).units + rescaled(b, s).units, s};
}
Num operator-(Num a, Num b) {
  return a + Num{-b.units, b.scale};
}
bool operator==(Num a, Num b) {
  const int s = a.scale > b.scale ? a.scale : b.scale;
  return rescaled(a, s).units == rescaled(b, s).units;
}
bool operator<(Num a, Num b) {
  const int s = a.scale > b.scale ? a.scale : b.scale;
  return rescaled(a, s).units < rescaled(b, s).units;
}
Num absolute(Num n) {
  return {n.units < 0 ? -n.units : n.units, n.scale};
}
Wide floor_div(Wide a, Wide b) {  // b > 0
  Wide q = a / b;
  if ((a % b) != 0 && a < 0) --q;
  return q;
}
// XPath round(x * 10^digits) div 10^digits: to `digits` decimals, halves towards +infinity.
Num rounded(Num n, int digits) {
  if (n.scale <= digits) return rescaled(n, digits);
  const Wide d = pow10w(n.scale - digits);
  return {floor_div(2 * n.units + d, 2 * d), digits};
}
Num round2(Num n) {
  return rounded(n, 2);
}
std::optional<Num> opt(const std::optional<model::Decimal>& d) {
  if (!d) return std::nullopt;
  return num(*d);
}
// XPath `a = b` with an empty side is false.
bool equal(const std::optional<Num>& a, const std::optional<Num>& b) {
  return a && b && *a == *b;
}
std::optional<Num> operator+(const std::optional<Num>& a, const std::optional<Num>& b) {
  if (!a || !b) return std::nullopt;
  return *a + *b;
}
std::optional<Num> operator-(const std::optional<Num>& a, const std::optional<Num>& b) {
  if (!a || !b) return std::nullopt;
  return *a - *b;
}
std::optional<Num> round2(const std::optional<Num>& n) {
  if (!n) return std::nullopt;
  return round2(*n);
}

bool is_ubl(const Invoice& inv) {
  return inv.syntax != model::Syntax::cii;
}
// ChargeIndicator as xs:boolean: a group with another indicator is neither allowance nor charge.
bool is_allowance(const AllowanceCharge& ac) {
  return ac.charge_indicator == "false" || ac.charge_indicator == "0";
}
bool is_charge(const AllowanceCharge& ac) {
  return ac.charge_indicator == "true" || ac.charge_indicator == "1";
}
// TaxScheme/ID (UBL, normalised) or TypeCode (CII) upper-cased is "VAT".
bool is_vat(std::string_view scheme) {
  return scheme.size() == 3 && (scheme[0] == 'V' || scheme[0] == 'v') &&
         (scheme[1] == 'A' || scheme[1] == 'a') && (scheme[2] == 'T' || scheme[2] == 't');
}
// The element (path below the root) was in the document with no text.
bool present_but_empty(const Invoice& inv, std::string_view path) {
  for (const auto& p : inv.empty_elements)
    if (p == path) return true;
  return false;
}
bool has_more_than_2_decimals(const std::optional<model::Decimal>& d) {
  return d && d->scale() > 2;
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

// BR-08 … BR-11: seller and buyer postal addresses.
void SellerPostalAddress(const Invoice& inv, std::vector<Finding>& out) {
  if (!inv.seller.address)
    fatal(out, "BR-08", "BG-5", inv, "An Invoice shall contain the Seller postal address.");
}
void SellerCountryCode(const Invoice& inv, std::vector<Finding>& out) {
  // UBL asserts it in the address; CII in the invoice, so a missing address fails it too.
  const auto& a = inv.seller.address;
  if (a ? a->country_code.empty() : !is_ubl(inv))
    fatal(out, "BR-09", "BT-40", inv,
          "The Seller postal address (BG-5) shall contain a Seller country code (BT-40).");
}
void BuyerPostalAddress(const Invoice& inv, std::vector<Finding>& out) {
  if (!inv.buyer.address)
    fatal(out, "BR-10", "BG-8", inv, "An Invoice shall contain the Buyer postal address (BG-8).");
}
void BuyerCountryCode(const Invoice& inv, std::vector<Finding>& out) {
  const auto& a = inv.buyer.address;
  if (a ? a->country_code.empty() : !is_ubl(inv))
    fatal(out, "BR-11", "BT-55", inv,
          "The Buyer postal address shall contain a Buyer country code (BT-55).");
}

// BR-12 … BR-15: asserted in the document totals group (BG-22), so only when it is there.
void SumOfLineNetAmounts(const Invoice& inv, std::vector<Finding>& out) {
  if (inv.totals.present && !inv.totals.line_extension)
    fatal(out, "BR-12", "BT-106", inv,
          "An Invoice shall have the Sum of Invoice line net amount (BT-106).");
}
void TotalWithoutVat(const Invoice& inv, std::vector<Finding>& out) {
  if (inv.totals.present && !inv.totals.tax_exclusive)
    fatal(out, "BR-13", "BT-109", inv,
          "An Invoice shall have the Invoice total amount without VAT (BT-109).");
}
void TotalWithVat(const Invoice& inv, std::vector<Finding>& out) {
  if (inv.totals.present && !inv.totals.tax_inclusive)
    fatal(out, "BR-14", "BT-112", inv,
          "An Invoice shall have the Invoice total amount with VAT (BT-112).");
}
void AmountDue(const Invoice& inv, std::vector<Finding>& out) {
  if (inv.totals.present && !inv.totals.payable)
    fatal(out, "BR-15", "BT-115", inv,
          "An Invoice shall have the Amount due for payment (BT-115).");
}
void AtLeastOneLine(const Invoice& inv, std::vector<Finding>& out) {
  if (inv.lines.empty())
    fatal(out, "BR-16", "BG-25", inv, "An Invoice shall have at least one Invoice line (BG-25)");
}

// BR-17 … BR-20, BR-56: payee and seller tax representative.
bool shares_an_id(const Party& a, const Party& b) {
  for (const auto& x : a.ids)
    for (const auto& y : b.ids)
      if (x.value == y.value) return true;
  return false;
}
void PayeeName(const Invoice& inv, std::vector<Finding>& out) {
  if (!inv.payee) return;
  const Party& payee = *inv.payee;
  const std::string& seller_name = is_ubl(inv) ? inv.seller.trading_name : inv.seller.name;
  bool ok = !payee.name.empty() && payee.name != seller_name && !shares_an_id(payee, inv.seller);
  if (!is_ubl(inv) && !payee.legal_id.value.empty() &&
      payee.legal_id.value == inv.seller.legal_id.value)
    ok = false;
  if (!ok)
    fatal(out, "BR-17", "BT-59", inv,
          "The Payee name (BT-59) shall be provided in the Invoice, if the Payee (BG-10) is "
          "different from the Seller (BG-4)");
}
void TaxRepresentativeName(const Invoice& inv, std::vector<Finding>& out) {
  if (inv.tax_representative && inv.tax_representative->name.empty())
    fatal(out, "BR-18", "BT-62", inv,
          "The Seller tax representative name (BT-62) shall be provided in the Invoice, if the "
          "Seller (BG-4) has a Seller tax representative party (BG-11)");
}
void TaxRepresentativeAddress(const Invoice& inv, std::vector<Finding>& out) {
  if (inv.tax_representative && !inv.tax_representative->address)
    fatal(out, "BR-19", "BG-12", inv,
          "The Seller tax representative postal address (BG-12) shall be provided in the "
          "Invoice, if the Seller (BG-4) has a Seller tax representative party (BG-11).");
}
void TaxRepresentativeCountry(const Invoice& inv, std::vector<Finding>& out) {
  if (!inv.tax_representative) return;
  const auto& address = inv.tax_representative->address;
  // UBL asserts it in the address; CII in the party, so a missing address fails it too.
  const bool fails = address ? address->country_code.empty() : !is_ubl(inv);
  if (fails)
    fatal(out, "BR-20", "BT-69", inv,
          "The Seller tax representative postal address (BG-12) shall contain a Tax "
          "representative country code (BT-69), if the Seller (BG-4) has a Seller tax "
          "representative party (BG-11).");
}
void TaxRepresentativeVatId(const Invoice& inv, std::vector<Finding>& out) {
  if (inv.tax_representative && inv.tax_representative->vat_id.empty())
    fatal(out, "BR-56", "BT-63", inv,
          "Each Seller tax representative party (BG-11) shall have a Seller tax representative "
          "VAT identifier (BT-63).");
}

// BR-21 … BR-28, BR-CO-04: invoice lines.
template <class Test>
void each_line(const Invoice& inv, std::vector<Finding>& out, std::string_view rule,
               std::string_view term, std::string_view message, Test fails) {
  for (const auto& line : inv.lines)
    if (fails(line)) {
      fatal(out, rule, term, inv, std::string(message));
      return;
    }
}
void LineIdentifier(const Invoice& inv, std::vector<Finding>& out) {
  each_line(inv, out, "BR-21", "BT-126",
            "Each Invoice line (BG-25) shall have an Invoice line identifier (BT-126).",
            [](const InvoiceLine& l) { return l.id.empty(); });
}
void LineQuantity(const Invoice& inv, std::vector<Finding>& out) {
  each_line(inv, out, "BR-22", "BT-129",
            "Each Invoice line (BG-25) shall have an Invoiced quantity (BT-129).",
            [&inv](const InvoiceLine& l) {
              return !l.quantity && !present_but_empty(inv, "InvoiceLine/InvoicedQuantity") &&
                     !present_but_empty(inv, "CreditNoteLine/CreditedQuantity");
            });
}
void LineQuantityUnit(const Invoice& inv, std::vector<Finding>& out) {
  each_line(inv, out, "BR-23", "BT-130",
            "An Invoice line (BG-25) shall have an Invoiced quantity unit of measure code "
            "(BT-130).",
            [](const InvoiceLine& l) { return l.quantity_unit.empty(); });
}
void LineNetAmount(const Invoice& inv, std::vector<Finding>& out) {
  each_line(inv, out, "BR-24", "BT-131",
            "Each Invoice line (BG-25) shall have an Invoice line net amount (BT-131).",
            [](const InvoiceLine& l) { return !l.net_amount; });
}
void LineItemName(const Invoice& inv, std::vector<Finding>& out) {
  each_line(inv, out, "BR-25", "BT-153",
            "Each Invoice line (BG-25) shall contain the Item name (BT-153).",
            [](const InvoiceLine& l) { return l.item.name.empty(); });
}
void LineNetPrice(const Invoice& inv, std::vector<Finding>& out) {
  each_line(inv, out, "BR-26", "BT-146",
            "Each Invoice line (BG-25) shall contain the Item net price (BT-146).",
            [](const InvoiceLine& l) { return !l.price.net_price; });
}
// `PriceAmount >= 0` is false when the price is missing.
void NetPriceNotNegative(const Invoice& inv, std::vector<Finding>& out) {
  each_line(
      inv, out, "BR-27", "BT-146", "The Item net price (BT-146) shall NOT be negative.",
      [](const InvoiceLine& l) { return !l.price.net_price || l.price.net_price->units() < 0; });
}
void GrossPriceNotNegative(const Invoice& inv, std::vector<Finding>& out) {
  each_line(
      inv, out, "BR-28", "BT-148", "The Item gross price (BT-148) shall NOT be negative.",
      [](const InvoiceLine& l) { return l.price.gross_price && l.price.gross_price->units() < 0; });
}
void LineVatCategory(const Invoice& inv, std::vector<Finding>& out) {
  each_line(inv, out, "BR-CO-04", "BT-151",
            "Each Invoice line (BG-25) shall be categorized with an Invoiced item VAT category "
            "code (BT-151).",
            [](const InvoiceLine& l) { return l.vat_category.empty() || !is_vat(l.vat_scheme); });
}

// BR-29, BR-30, BR-CO-19, BR-CO-20: periods.
bool ends_before_start(const model::Period& p) {
  return !p.start_date.empty() && !p.end_date.empty() && p.end_date < p.start_date;
}
void InvoicingPeriodOrder(const Invoice& inv, std::vector<Finding>& out) {
  if (inv.invoicing_period && ends_before_start(*inv.invoicing_period))
    fatal(out, "BR-29", "BT-74", inv,
          "If both Invoicing period start date (BT-73) and Invoicing period end date (BT-74) "
          "are given then the Invoicing period end date (BT-74) shall be later or equal to the "
          "Invoicing period start date (BT-73).");
}
void LinePeriodOrder(const Invoice& inv, std::vector<Finding>& out) {
  each_line(inv, out, "BR-30", "BT-135",
            "If both Invoice line period start date (BT-134) and Invoice line period end date "
            "(BT-135) are given then the Invoice line period end date (BT-135) shall be later or "
            "equal to the Invoice line period start date (BT-134).",
            [](const InvoiceLine& l) { return l.period && ends_before_start(*l.period); });
}
void InvoicingPeriodFilled(const Invoice& inv, std::vector<Finding>& out) {
  if (!inv.invoicing_period) return;
  const auto& p = *inv.invoicing_period;
  // UBL also accepts a period that only carries the VAT point date code (BT-8).
  const bool code_only = is_ubl(inv) && !inv.tax_point_date_code.empty();
  if (p.start_date.empty() && p.end_date.empty() && !code_only)
    fatal(out, "BR-CO-19", "BG-14", inv,
          "If Invoicing period (BG-14) is used, the Invoicing period start date (BT-73) or the "
          "Invoicing period end date (BT-74) shall be filled, or both.");
}
void LinePeriodFilled(const Invoice& inv, std::vector<Finding>& out) {
  each_line(inv, out, "BR-CO-20", "BG-26",
            "If Invoice line period (BG-26) is used, the Invoice line period start date (BT-134) "
            "or the Invoice line period end date (BT-135) shall be filled, or both.",
            [](const InvoiceLine& l) {
              return l.period && l.period->start_date.empty() && l.period->end_date.empty();
            });
}

// BR-31 … BR-44, BR-CO-21 … BR-CO-24: allowances and charges.
template <class Test>
void each_of(const Invoice& inv, const std::vector<AllowanceCharge>& list, bool charges,
             std::vector<Finding>& out, std::string_view rule, std::string_view term,
             std::string_view message, Test fails) {
  for (const auto& ac : list)
    if ((charges ? is_charge(ac) : is_allowance(ac)) && fails(ac)) {
      fatal(out, rule, term, inv, std::string(message));
      return;
    }
}
template <class Test>
void each_line_ac(const Invoice& inv, bool charges, std::vector<Finding>& out,
                  std::string_view rule, std::string_view term, std::string_view message,
                  Test fails) {
  for (const auto& line : inv.lines)
    for (const auto& ac : charges ? line.charges : line.allowances)
      if ((charges ? is_charge(ac) : is_allowance(ac)) && fails(ac)) {
        fatal(out, rule, term, inv, std::string(message));
        return;
      }
}
bool no_amount(const AllowanceCharge& ac) {
  return !ac.amount;
}
bool no_category(const AllowanceCharge& ac) {
  return ac.vat_category.empty() || !is_vat(ac.vat_scheme);
}
bool no_reason(const AllowanceCharge& ac) {
  return ac.reason.empty() && ac.reason_code.empty();
}
void AllowanceAmount(const Invoice& inv, std::vector<Finding>& out) {
  each_of(inv, inv.allowances, false, out, "BR-31", "BT-92",
          "Each Document level allowance (BG-20) shall have a Document level allowance amount "
          "(BT-92).",
          no_amount);
}
void AllowanceVatCategory(const Invoice& inv, std::vector<Finding>& out) {
  each_of(inv, inv.allowances, false, out, "BR-32", "BT-95",
          "Each Document level allowance (BG-20) shall have a Document level allowance VAT "
          "category code (BT-95).",
          no_category);
}
void AllowanceReason(const Invoice& inv, std::vector<Finding>& out) {
  each_of(inv, inv.allowances, false, out, "BR-33", "BT-97",
          "Each Document level allowance (BG-20) shall have a Document level allowance reason "
          "(BT-97) or a Document level allowance reason code (BT-98).",
          no_reason);
}
void AllowanceReasonOrCode(const Invoice& inv, std::vector<Finding>& out) {
  each_of(inv, inv.allowances, false, out, "BR-CO-21", "BT-97",
          "Each Document level allowance (BG-20) shall contain a Document level allowance reason "
          "(BT-97) or a Document level allowance reason code (BT-98), or both.",
          no_reason);
}
void ChargeAmount(const Invoice& inv, std::vector<Finding>& out) {
  each_of(inv, inv.charges, true, out, "BR-36", "BT-99",
          "Each Document level charge (BG-21) shall have a Document level charge amount (BT-99).",
          no_amount);
}
void ChargeVatCategory(const Invoice& inv, std::vector<Finding>& out) {
  each_of(inv, inv.charges, true, out, "BR-37", "BT-102",
          "Each Document level charge (BG-21) shall have a Document level charge VAT category "
          "code (BT-102).",
          no_category);
}
void ChargeReason(const Invoice& inv, std::vector<Finding>& out) {
  each_of(inv, inv.charges, true, out, "BR-38", "BT-104",
          "Each Document level charge (BG-21) shall have a Document level charge reason (BT-104) "
          "or a Document level charge reason code (BT-105).",
          no_reason);
}
void ChargeReasonOrCode(const Invoice& inv, std::vector<Finding>& out) {
  each_of(inv, inv.charges, true, out, "BR-CO-22", "BT-104",
          "Each Document level charge (BG-21) shall contain a Document level charge reason "
          "(BT-104) or a Document level charge reason code (BT-105), or both.",
          no_reason);
}
void LineAllowanceAmount(const Invoice& inv, std::vector<Finding>& out) {
  each_line_ac(inv, false, out, "BR-41", "BT-136",
               "Each Invoice line allowance (BG-27) shall have an Invoice line allowance amount "
               "(BT-136).",
               no_amount);
}
void LineAllowanceReason(const Invoice& inv, std::vector<Finding>& out) {
  each_line_ac(inv, false, out, "BR-42", "BT-139",
               "Each Invoice line allowance (BG-27) shall have an Invoice line allowance reason "
               "(BT-139) or an Invoice line allowance reason code (BT-140).",
               no_reason);
}
void LineAllowanceReasonOrCode(const Invoice& inv, std::vector<Finding>& out) {
  each_line_ac(inv, false, out, "BR-CO-23", "BT-139",
               "Each Invoice line allowance (BG-27) shall contain an Invoice line allowance "
               "reason (BT-139) or an Invoice line allowance reason code (BT-140), or both.",
               no_reason);
}
void LineChargeAmount(const Invoice& inv, std::vector<Finding>& out) {
  each_line_ac(inv, true, out, "BR-43", "BT-141",
               "Each Invoice line charge (BG-28) shall have an Invoice line charge amount "
               "(BT-141).",
               no_amount);
}
void LineChargeReason(const Invoice& inv, std::vector<Finding>& out) {
  each_line_ac(inv, true, out, "BR-44", "BT-144",
               "Each Invoice line charge shall have an Invoice line charge reason or an invoice "
               "line allowance reason code.",
               no_reason);
}
void LineChargeReasonOrCode(const Invoice& inv, std::vector<Finding>& out) {
  each_line_ac(inv, true, out, "BR-CO-24", "BT-144",
               "Each Invoice line charge (BG-28) shall contain an Invoice line charge reason "
               "(BT-144) or an Invoice line charge reason code (BT-145), or both.",
               no_reason);
}

// BR-45 … BR-48: VAT breakdown.
template <class Test>
void each_breakdown(const Invoice& inv, std::vector<Finding>& out, std::string_view rule,
                    std::string_view term, std::string_view message, Test fails) {
  for (const auto& vb : inv.vat_breakdown)
    if (fails(vb)) {
      fatal(out, rule, term, inv, std::string(message));
      return;
    }
}
void BreakdownTaxableAmount(const Invoice& inv, std::vector<Finding>& out) {
  each_breakdown(inv, out, "BR-45", "BT-116",
                 "Each VAT breakdown (BG-23) shall have a VAT category taxable amount (BT-116).",
                 [](const VatBreakdown& v) { return !v.taxable_amount; });
}
void BreakdownTaxAmount(const Invoice& inv, std::vector<Finding>& out) {
  each_breakdown(inv, out, "BR-46", "BT-117",
                 "Each VAT breakdown (BG-23) shall have a VAT category tax amount (BT-117).",
                 [](const VatBreakdown& v) { return !v.tax_amount; });
}
void BreakdownCategory(const Invoice& inv, std::vector<Finding>& out) {
  each_breakdown(
      inv, out, "BR-47", "BT-118",
      "Each VAT breakdown (BG-23) shall be defined through a VAT category code "
      "(BT-118).",
      [](const VatBreakdown& v) { return v.category_code.empty() || !is_vat(v.vat_scheme); });
}
void BreakdownRate(const Invoice& inv, std::vector<Finding>& out) {
  each_breakdown(
      inv, out, "BR-48", "BT-119",
      "Each VAT breakdown (BG-23) shall have a VAT category rate (BT-119), except if the "
      "Invoice is not subject to VAT.",
      [](const VatBreakdown& v) {
        return !is_vat(v.vat_scheme) || (!v.rate && v.category_code != "O");
      });
}

// BR-49, BR-50, BR-61: payment instructions.
bool is_credit_transfer_code(std::string_view code) {
  return code == "30" || code == "58";
}
void PaymentMeansCode(const Invoice& inv, std::vector<Finding>& out) {
  for (const auto& p : inv.payment_instructions)
    if (p.means_code.empty())
      return fatal(out, "BR-49", "BT-81", inv,
                   "A Payment instruction (BG-16) shall specify the Payment means type code "
                   "(BT-81).");
}
void CreditTransferAccount(const Invoice& inv, std::vector<Finding>& out) {
  if (!is_ubl(inv)) return;  // CII asserts it on the debtor account, which BG-17 does not hold
  for (const auto& p : inv.payment_instructions) {
    if (!is_credit_transfer_code(p.means_code)) continue;
    for (const auto& ct : p.credit_transfers)
      if (ct.account_id.empty())
        return fatal(out, "BR-50", "BT-84", inv,
                     "A Payment account identifier (BT-84) shall be present if Credit transfer "
                     "(BG-17) information is provided in the Invoice.");
  }
}
void CreditTransferAccountForCode(const Invoice& inv, std::vector<Finding>& out) {
  for (const auto& p : inv.payment_instructions) {
    if (!is_credit_transfer_code(p.means_code)) continue;
    bool account = false;
    for (const auto& ct : p.credit_transfers) account = account || !ct.account_id.empty();
    if (!account)
      return fatal(out, "BR-61", "BT-84", inv,
                   "If the Payment means type code (BT-81) means SEPA credit transfer, Local "
                   "credit transfer or Non-SEPA international credit transfer, the Payment "
                   "account identifier (BT-84) shall be present.");
  }
}

// BR-51 (warning): card payment security standards allow at most the first 6 and last 4 digits
// of the card number (BT-87). UBL measures normalize-space(.), CII string-length(ram:ID); the
// model holds the value trimmed, so only white space inside it is told apart here.
std::size_t characters(std::string_view utf8, bool collapse_spaces) {
  std::size_t n = 0;
  bool space = false;
  for (const char c : utf8) {
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    const bool is_space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
    if (!(collapse_spaces && is_space && space)) ++n;
    space = is_space;
  }
  return n;
}
void CardNumberShown(const Invoice& inv, std::vector<Finding>& out) {
  for (const auto& p : inv.payment_instructions)
    if (p.card && characters(p.card->account_number, is_ubl(inv)) > 10)
      return out.push_back(
          Finding{"BR-51", Severity::warning, location_of("BT-87", inv.syntax),
                  "In accordance with card payments security standards an invoice should never "
                  "include a full card primary account number (BT-87): at most the first 6 and "
                  "last 4 digits."});
}

// BR-52 … BR-55, BR-57: other groups.
void SupportingDocumentReference(const Invoice& inv, std::vector<Finding>& out) {
  // UBL asserts it on every AdditionalDocumentReference, invoiced object ones included.
  bool fails = is_ubl(inv) && present_but_empty(inv, "AdditionalDocumentReference/ID");
  for (const auto& d : inv.supporting_documents) fails = fails || d.reference.empty();
  if (fails)
    return fatal(out, "BR-52", "BT-122", inv,
                 "Each Additional supporting document (BG-24) shall contain a Supporting "
                 "document reference (BT-122).");
}
void AccountingCurrencyTotal(const Invoice& inv, std::vector<Finding>& out) {
  const auto& code = inv.tax_currency;
  if (code.empty()) return;
  const auto& t = inv.totals;
  bool fails;
  if (is_ubl(inv))
    fails = code != t.tax_currency_id && code != t.tax_accounting_currency_id;
  else  // CII: a total in the accounting currency, which must differ from the invoice currency
    fails = code == inv.currency || code != t.tax_accounting_currency_id;
  if (fails)
    fatal(out, "BR-53", "BT-111", inv,
          "If the VAT accounting currency code (BT-6) is present, then the Invoice total VAT "
          "amount in accounting currency (BT-111) shall be provided.");
}
void ItemAttributeNameAndValue(const Invoice& inv, std::vector<Finding>& out) {
  for (const auto& line : inv.lines)
    for (const auto& a : line.item.attributes)
      if (a.name.empty() || a.value.empty())
        return fatal(out, "BR-54", "BG-32", inv,
                     "Each Item attribute (BG-32) shall contain an Item attribute name (BT-160) "
                     "and an Item attribute value (BT-161).");
}
void PrecedingInvoiceNumber(const Invoice& inv, std::vector<Finding>& out) {
  for (const auto& p : inv.preceding_invoices)
    if (p.number.empty())
      return fatal(out, "BR-55", "BT-25", inv,
                   "Each Preceding Invoice reference (BG-3) shall contain a Preceding Invoice "
                   "reference (BT-25).");
}
void DeliverToCountry(const Invoice& inv, std::vector<Finding>& out) {
  // UBL only asks for the element; CII for a value.
  const bool empty_element =
      is_ubl(inv) &&
      present_but_empty(inv, "Delivery/DeliveryLocation/Address/Country/IdentificationCode");
  if (inv.delivery && inv.delivery->address && inv.delivery->address->country_code.empty() &&
      !empty_element)
    fatal(out, "BR-57", "BT-80", inv,
          "Each Deliver to address (BG-15) shall contain a Deliver to country code (BT-80).");
}

// BR-62 … BR-65: scheme identifiers.
void SellerEndpointScheme(const Invoice& inv, std::vector<Finding>& out) {
  const auto& e = inv.seller.electronic_address;
  if (!e.value.empty() && e.scheme.empty())
    fatal(out, "BR-62", "BT-34", inv,
          "The Seller electronic address (BT-34) shall have a Scheme identifier.");
}
void BuyerEndpointScheme(const Invoice& inv, std::vector<Finding>& out) {
  const auto& e = inv.buyer.electronic_address;
  if (!e.value.empty() && e.scheme.empty())
    fatal(out, "BR-63", "BT-49", inv,
          "The Buyer electronic address (BT-49) shall have a Scheme identifier.");
}
void StandardIdScheme(const Invoice& inv, std::vector<Finding>& out) {
  each_line(inv, out, "BR-64", "BT-157",
            "The Item standard identifier (BT-157) shall have a Scheme identifier.",
            [](const InvoiceLine& l) {
              return !l.item.standard_id.value.empty() && l.item.standard_id.scheme.empty();
            });
}
void ClassificationScheme(const Invoice& inv, std::vector<Finding>& out) {
  each_line(inv, out, "BR-65", "BT-158",
            "The Item classification identifier (BT-158) shall have a Scheme identifier.",
            [](const InvoiceLine& l) {
              for (const auto& c : l.item.classifications)
                if (c.list_id.empty()) return true;
              return false;
            });
}

// BR-CO-03, BR-CO-18, BR-CO-26.
void TaxPointDateExclusive(const Invoice& inv, std::vector<Finding>& out) {
  if (!inv.tax_point_date.empty() && !inv.tax_point_date_code.empty())
    fatal(out, "BR-CO-03", "BT-7", inv,
          "Value added tax point date (BT-7) and Value added tax point date code (BT-8) are "
          "mutually exclusive.");
}

void AtLeastOneVatBreakdown(const Invoice& inv, std::vector<Finding>& out) {
  // CII asserts it in each invoice line, so an invoice without lines does not fail it.
  if (inv.vat_breakdown.empty() && (is_ubl(inv) || !inv.lines.empty()))
    fatal(out, "BR-CO-18", "BG-23", inv,
          "An Invoice shall at least have one VAT breakdown group (BG-23).");
}
void SellerIdentified(const Invoice& inv, std::vector<Finding>& out) {
  const Party& s = inv.seller;
  if (!s.present) return;
  // UBL keeps a seller identifier with scheme "SEPA" as the creditor identifier (BT-90).
  const bool sepa_id =
      is_ubl(inv) &&
      (!inv.direct_debit.creditor_id.empty() ||
       present_but_empty(inv, "AccountingSupplierParty/Party/PartyIdentification/ID") ||
       present_but_empty(inv, "AccountingSupplierParty/Party/PartyLegalEntity/CompanyID"));
  if (s.ids.empty() && s.legal_id.value.empty() && s.vat_id.empty() && !sepa_id)
    fatal(out, "BR-CO-26", "BT-29", inv,
          "In order for the buyer to automatically identify a supplier, the Seller identifier "
          "(BT-29), the Seller legal registration identifier (BT-30) and/or the Seller VAT "
          "identifier (BT-31) shall be present.");
}

// BR-CO-10 … BR-CO-17: calculations, as the artefacts round them.
Num sum_line_net(const Invoice& inv) {
  Num s;
  for (const auto& l : inv.lines)
    if (l.net_amount) s = s + num(*l.net_amount);
  return s;
}
template <class Pick>
Num sum_of(const std::vector<AllowanceCharge>& list, Pick pick) {
  Num s;
  for (const auto& ac : list)
    if (pick(ac) && ac.amount) s = s + num(*ac.amount);
  return s;
}
// BR-CO-09: each VAT identifier of the seller, the buyer and the tax representative starts with
// an ISO 3166-1 alpha-2 code (or EL, XI). The artefacts test it as `contains(list,
// substring(id, 1, 2))`, so a one-character identifier passes when the list contains it.
constexpr std::string_view kVatPrefixes =
    "1A AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ "
    "BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO "
    "DZ EC EE EG EH EL ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT "
    "GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR "
    "KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT "
    "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT "
    "PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD "
    "TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XI YE "
    "YT ZA ZM ZW";
bool has_country_prefix(std::string_view id) {
  // substring(., 1, 2): the first two characters (UTF-8 aware enough for the ASCII list).
  std::size_t end = 0;
  for (int chars = 0; end < id.size() && chars < 2; ++chars) {
    ++end;
    while (end < id.size() && (static_cast<unsigned char>(id[end]) & 0xC0) == 0x80) ++end;
  }
  return kVatPrefixes.find(id.substr(0, end)) != std::string_view::npos;
}
void VatIdentifierPrefix(const Invoice& inv, std::vector<Finding>& out) {
  const auto check = [&](const std::vector<std::string>& ids, std::string_view term) {
    for (const auto& id : ids)
      if (!has_country_prefix(id))
        return fatal(out, "BR-CO-09", term, inv,
                     "The Seller VAT identifier (BT-31), the Seller tax representative VAT "
                     "identifier (BT-63) and the Buyer VAT identifier (BT-48) shall have a prefix "
                     "in accordance with ISO code ISO 3166-1 alpha-2 by which the country of issue "
                     "may be identified. Nevertheless, Greece may use the prefix 'EL'.");
  };
  const std::size_t before = out.size();
  check(inv.seller.vat_ids, "BT-31");
  if (out.size() == before && inv.tax_representative)
    check(inv.tax_representative->vat_ids, "BT-63");
  if (out.size() == before) check(inv.buyer.vat_ids, "BT-48");
}

void LineNetSum(const Invoice& inv, std::vector<Finding>& out) {
  const auto& t = inv.totals;
  if (t.present && !equal(opt(t.line_extension), round2(sum_line_net(inv))))
    fatal(out, "BR-CO-10", "BT-106", inv,
          "Sum of Invoice line net amount (BT-106) = \u03a3 Invoice line net amount (BT-131).");
}
void AllowanceTotal(const Invoice& inv, std::vector<Finding>& out) {
  const auto& t = inv.totals;
  if (!t.present) return;
  bool any = false;
  for (const auto& ac : inv.allowances) any = any || is_allowance(ac);
  const bool ok = equal(opt(t.allowances), round2(sum_of(inv.allowances, is_allowance))) ||
                  (!t.allowances && !any);
  if (!ok)
    fatal(out, "BR-CO-11", "BT-107", inv,
          "Sum of allowances on document level (BT-107) = \u03a3 Document level allowance amount "
          "(BT-92).");
}
void ChargeTotal(const Invoice& inv, std::vector<Finding>& out) {
  const auto& t = inv.totals;
  if (!t.present) return;
  bool any = false;
  for (const auto& ac : inv.charges) any = any || is_charge(ac);
  const bool ok =
      equal(opt(t.charges), round2(sum_of(inv.charges, is_charge))) || (!t.charges && !any);
  if (!ok)
    fatal(out, "BR-CO-12", "BT-108", inv,
          "Sum of charges on document level (BT-108) = \u03a3 Document level charge amount "
          "(BT-99).");
}
void TotalWithoutVatSum(const Invoice& inv, std::vector<Finding>& out) {
  const auto& t = inv.totals;
  if (!t.present) return;
  const auto lines = opt(t.line_extension), allowances = opt(t.allowances),
             charges = opt(t.charges), without = opt(t.tax_exclusive);
  std::optional<Num> expected;
  if (t.charges && t.allowances)
    expected = round2(lines + charges - allowances);
  else if (t.allowances)
    expected = round2(lines - allowances);
  else if (t.charges)
    expected = round2(lines + charges);
  else
    expected = is_ubl(inv) ? lines : round2(lines);
  if (!equal(without, expected))
    fatal(out, "BR-CO-13", "BT-109", inv,
          "Invoice total amount without VAT (BT-109) = \u03a3 Invoice line net amount (BT-131) - "
          "Sum of allowances on document level (BT-107) + Sum of charges on document level "
          "(BT-108).");
}
void TotalVatSum(const Invoice& inv, std::vector<Finding>& out) {
  Num sum;
  for (const auto& v : inv.vat_breakdown)
    if (v.tax_amount) sum = sum + num(*v.tax_amount);
  bool fails;
  if (is_ubl(inv)) {  // each cac:TaxTotal with subtotals
    fails = !inv.vat_breakdown.empty() && !equal(opt(inv.totals.tax), round2(sum));
  } else {  // the total VAT in the invoice currency, when there is one
    fails = inv.totals.tax && inv.totals.tax_currency_id == inv.currency &&
            !(num(*inv.totals.tax) == round2(sum));
  }
  if (fails)
    fatal(out, "BR-CO-14", "BT-110", inv,
          "Invoice total VAT amount (BT-110) = \u03a3 VAT category tax amount (BT-117).");
}
void TotalWithVatSum(const Invoice& inv, std::vector<Finding>& out) {
  const auto& t = inv.totals;
  if (inv.currency.empty()) return;
  const bool one_total = t.document_currency_tax_totals == 1;
  bool ok;
  if (is_ubl(inv)) {
    ok = one_total && equal(opt(t.tax_inclusive), round2(opt(t.tax_exclusive) + opt(t.tax)));
  } else {
    ok = (one_total && equal(opt(t.tax_inclusive), round2(opt(t.tax_exclusive) + opt(t.tax)))) ||
         equal(opt(t.tax_inclusive), opt(t.tax_exclusive));
  }
  if (!ok)
    fatal(out, "BR-CO-15", "BT-112", inv,
          "Invoice total amount with VAT (BT-112) = Invoice total amount without VAT (BT-109) + "
          "Invoice total VAT amount (BT-110).");
}
void AmountDueSum(const Invoice& inv, std::vector<Finding>& out) {
  const auto& t = inv.totals;
  if (!t.present) return;
  const auto due = opt(t.payable), with_vat = opt(t.tax_inclusive), paid = opt(t.prepaid),
             rounding = opt(t.rounding);
  bool ok;
  if (is_ubl(inv)) {
    if (paid && !rounding)
      ok = equal(due, round2(with_vat - paid));
    else if (!paid && !rounding)
      ok = equal(due, with_vat);
    else if (paid && rounding)
      ok = equal(round2(due - rounding), round2(with_vat - paid));
    else
      ok = equal(round2(due - rounding), with_vat);
  } else {  // xs:decimal(x) as a boolean is false for 0
    const bool has_paid = paid && paid->units != 0, has_rounding = rounding && rounding->units != 0;
    ok = equal(due, with_vat - paid + rounding) || (equal(due, with_vat + rounding) && !has_paid) ||
         (equal(due, with_vat - paid) && !has_rounding) ||
         (equal(due, with_vat) && !has_paid && !has_rounding);
  }
  if (!ok)
    fatal(out, "BR-CO-16", "BT-115", inv,
          "Amount due for payment (BT-115) = Invoice total amount with VAT (BT-112) -Paid amount "
          "(BT-113) +Rounding amount (BT-114).");
}
Num round0(Num n) {
  return rounded(n, 0);
}
void BreakdownTaxCalculation(const Invoice& inv, std::vector<Finding>& out) {
  for (const auto& v : inv.vat_breakdown) {
    const auto tax = opt(v.tax_amount), taxable = opt(v.taxable_amount);
    const auto rate = is_vat(v.vat_scheme) ? opt(v.rate) : std::nullopt;
    bool ok = false;
    const bool tax_rounds_to_zero = tax && round0(*tax).units == 0;
    if (rate && round0(*rate).units == 0) {
      ok = tax_rounds_to_zero;
    } else if (rate && tax && taxable) {
      // round(|taxable| × rate / 100 × 100) div 100 = round(|taxable| × rate) at 2 decimals.
      const Num a = absolute(*taxable);
      const Num product{a.units * rate->units, a.scale + rate->scale + 2};
      const Num expected = round2(product);
      const Num t = absolute(*tax);
      const Num one{1, 0};
      if (is_ubl(inv))
        ok = (t - one) < expected && expected < (t + one);
      else
        ok = !(expected < (t - one)) && !((t + one) < expected);
    } else if (!rate) {
      ok = tax_rounds_to_zero;
    }
    if (!ok)
      return fatal(out, "BR-CO-17", "BT-117", inv,
                   "VAT category tax amount (BT-117) = VAT category taxable amount (BT-116) x "
                   "(VAT category rate (BT-119) / 100), rounded to two decimals.");
  }
}
// BR-DEC-*: at most two decimals in amounts.
void dec(const Invoice& inv, std::vector<Finding>& out, const std::optional<model::Decimal>& d,
         std::string_view rule, std::string_view term, std::string_view what) {
  if (has_more_than_2_decimals(d))
    fatal(out, rule, term, inv,
          "The allowed maximum number of decimals for the " + std::string(what) + " (" +
              std::string(term) + ") is 2.");
}
template <class Member>
void dec_each(const Invoice& inv, std::vector<Finding>& out, const std::vector<AllowanceCharge>& l,
              bool charges, Member m, std::string_view rule, std::string_view term,
              std::string_view what) {
  for (const auto& ac : l)
    if ((charges ? is_charge(ac) : is_allowance(ac)) && has_more_than_2_decimals(ac.*m))
      return dec(inv, out, ac.*m, rule, term, what);
}
using AC = AllowanceCharge;
void DecAllowanceAmount(const Invoice& inv, std::vector<Finding>& out) {
  dec_each(inv, out, inv.allowances, false, &AC::amount, "BR-DEC-01", "BT-92",
           "Document level allowance amount");
}
void DecAllowanceBase(const Invoice& inv, std::vector<Finding>& out) {
  dec_each(inv, out, inv.allowances, false, &AC::base_amount, "BR-DEC-02", "BT-93",
           "Document level allowance base amount");
}
void DecChargeAmount(const Invoice& inv, std::vector<Finding>& out) {
  dec_each(inv, out, inv.charges, true, &AC::amount, "BR-DEC-05", "BT-99",
           "Document level charge amount");
}
void DecChargeBase(const Invoice& inv, std::vector<Finding>& out) {
  dec_each(inv, out, inv.charges, true, &AC::base_amount, "BR-DEC-06", "BT-100",
           "Document level charge base amount");
}
void DecLineTotal(const Invoice& inv, std::vector<Finding>& out) {
  dec(inv, out, inv.totals.line_extension, "BR-DEC-09", "BT-106", "Sum of Invoice line net amount");
}
void DecAllowanceTotal(const Invoice& inv, std::vector<Finding>& out) {
  dec(inv, out, inv.totals.allowances, "BR-DEC-10", "BT-107",
      "Sum of allowanced on document level");
}
void DecChargeTotal(const Invoice& inv, std::vector<Finding>& out) {
  dec(inv, out, inv.totals.charges, "BR-DEC-11", "BT-108", "Sum of charges on document level");
}
void DecTotalWithoutVat(const Invoice& inv, std::vector<Finding>& out) {
  dec(inv, out, inv.totals.tax_exclusive, "BR-DEC-12", "BT-109",
      "Invoice total amount without VAT");
}
// UBL's test for BR-DEC-13 and BR-DEC-15 never holds a node to check, so only CII fires them.
void DecTotalVat(const Invoice& inv, std::vector<Finding>& out) {
  if (!is_ubl(inv) && inv.totals.tax_currency_id == inv.currency)
    dec(inv, out, inv.totals.tax, "BR-DEC-13", "BT-110", "Invoice total VAT amount");
}
void DecTotalWithVat(const Invoice& inv, std::vector<Finding>& out) {
  dec(inv, out, inv.totals.tax_inclusive, "BR-DEC-14", "BT-112", "Invoice total amount with VAT");
}
void DecTotalVatAccounting(const Invoice& inv, std::vector<Finding>& out) {
  if (!is_ubl(inv))
    dec(inv, out, inv.totals.tax_accounting, "BR-DEC-15", "BT-111",
        "Invoice total VAT amount in accounting currency");
}
void DecPaid(const Invoice& inv, std::vector<Finding>& out) {
  dec(inv, out, inv.totals.prepaid, "BR-DEC-16", "BT-113", "Paid amount");
}
void DecRounding(const Invoice& inv, std::vector<Finding>& out) {
  dec(inv, out, inv.totals.rounding, "BR-DEC-17", "BT-114", "Rounding amount");
}
void DecAmountDue(const Invoice& inv, std::vector<Finding>& out) {
  dec(inv, out, inv.totals.payable, "BR-DEC-18", "BT-115", "Amount due for payment");
}
void DecBreakdownTaxable(const Invoice& inv, std::vector<Finding>& out) {
  for (const auto& v : inv.vat_breakdown)
    if (has_more_than_2_decimals(v.taxable_amount))
      return dec(inv, out, v.taxable_amount, "BR-DEC-19", "BT-116", "VAT category taxable amount");
}
void DecBreakdownTax(const Invoice& inv, std::vector<Finding>& out) {
  for (const auto& v : inv.vat_breakdown)
    if (has_more_than_2_decimals(v.tax_amount))
      return dec(inv, out, v.tax_amount, "BR-DEC-20", "BT-117", "VAT category tax amount");
}
void DecLineNet(const Invoice& inv, std::vector<Finding>& out) {
  for (const auto& l : inv.lines)
    if (has_more_than_2_decimals(l.net_amount))
      return dec(inv, out, l.net_amount, "BR-DEC-23", "BT-131", "Invoice line net amount");
}
template <class Member>
void dec_lines(const Invoice& inv, std::vector<Finding>& out, bool charges, Member m,
               std::string_view rule, std::string_view term, std::string_view what) {
  for (const auto& l : inv.lines)
    for (const auto& ac : charges ? l.charges : l.allowances)
      if ((charges ? is_charge(ac) : is_allowance(ac)) && has_more_than_2_decimals(ac.*m))
        return dec(inv, out, ac.*m, rule, term, what);
}
void DecLineAllowanceAmount(const Invoice& inv, std::vector<Finding>& out) {
  dec_lines(inv, out, false, &AC::amount, "BR-DEC-24", "BT-136", "Invoice line allowance amount");
}
void DecLineAllowanceBase(const Invoice& inv, std::vector<Finding>& out) {
  dec_lines(inv, out, false, &AC::base_amount, "BR-DEC-25", "BT-137",
            "Invoice line allowance base amount");
}
void DecLineChargeAmount(const Invoice& inv, std::vector<Finding>& out) {
  dec_lines(inv, out, true, &AC::amount, "BR-DEC-27", "BT-141", "Invoice line charge amount");
}
void DecLineChargeBase(const Invoice& inv, std::vector<Finding>& out) {
  dec_lines(inv, out, true, &AC::base_amount, "BR-DEC-28", "BT-142",
            "Invoice line charge base amount");
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
    BusinessRule{"BR-08", Severity::fatal, "Seller postal address (BG-5) present",
                 SellerPostalAddress},
    BusinessRule{"BR-09", Severity::fatal, "Seller country code (BT-40) present",
                 SellerCountryCode},
    BusinessRule{"BR-10", Severity::fatal, "Buyer postal address (BG-8) present",
                 BuyerPostalAddress},
    BusinessRule{"BR-11", Severity::fatal, "Buyer country code (BT-55) present", BuyerCountryCode},
    BusinessRule{"BR-12", Severity::fatal, "Sum of line net amounts (BT-106) present",
                 SumOfLineNetAmounts},
    BusinessRule{"BR-13", Severity::fatal, "Total without VAT (BT-109) present", TotalWithoutVat},
    BusinessRule{"BR-14", Severity::fatal, "Total with VAT (BT-112) present", TotalWithVat},
    BusinessRule{"BR-15", Severity::fatal, "Amount due (BT-115) present", AmountDue},
    BusinessRule{"BR-16", Severity::fatal, "At least one invoice line (BG-25)", AtLeastOneLine},
    BusinessRule{"BR-17", Severity::fatal, "Payee name (BT-59) when payee differs", PayeeName},
    BusinessRule{"BR-18", Severity::fatal, "Tax representative name (BT-62) present",
                 TaxRepresentativeName},
    BusinessRule{"BR-19", Severity::fatal, "Tax representative address (BG-12) present",
                 TaxRepresentativeAddress},
    BusinessRule{"BR-20", Severity::fatal, "Tax representative country code (BT-69) present",
                 TaxRepresentativeCountry},
    BusinessRule{"BR-21", Severity::fatal, "Line identifier (BT-126) present", LineIdentifier},
    BusinessRule{"BR-22", Severity::fatal, "Invoiced quantity (BT-129) present", LineQuantity},
    BusinessRule{"BR-23", Severity::fatal, "Quantity unit (BT-130) present", LineQuantityUnit},
    BusinessRule{"BR-24", Severity::fatal, "Line net amount (BT-131) present", LineNetAmount},
    BusinessRule{"BR-25", Severity::fatal, "Item name (BT-153) present", LineItemName},
    BusinessRule{"BR-26", Severity::fatal, "Item net price (BT-146) present", LineNetPrice},
    BusinessRule{"BR-27", Severity::fatal, "Item net price (BT-146) not negative",
                 NetPriceNotNegative},
    BusinessRule{"BR-28", Severity::fatal, "Item gross price (BT-148) not negative",
                 GrossPriceNotNegative},
    BusinessRule{"BR-29", Severity::fatal, "Invoicing period end not before start",
                 InvoicingPeriodOrder},
    BusinessRule{"BR-30", Severity::fatal, "Line period end not before start", LinePeriodOrder},
    BusinessRule{"BR-31", Severity::fatal, "Allowance amount (BT-92) present", AllowanceAmount},
    BusinessRule{"BR-32", Severity::fatal, "Allowance VAT category (BT-95) present",
                 AllowanceVatCategory},
    BusinessRule{"BR-33", Severity::fatal, "Allowance reason (BT-97/98) present", AllowanceReason},
    BusinessRule{"BR-36", Severity::fatal, "Charge amount (BT-99) present", ChargeAmount},
    BusinessRule{"BR-37", Severity::fatal, "Charge VAT category (BT-102) present",
                 ChargeVatCategory},
    BusinessRule{"BR-38", Severity::fatal, "Charge reason (BT-104/105) present", ChargeReason},
    BusinessRule{"BR-41", Severity::fatal, "Line allowance amount (BT-136) present",
                 LineAllowanceAmount},
    BusinessRule{"BR-42", Severity::fatal, "Line allowance reason (BT-139/140) present",
                 LineAllowanceReason},
    BusinessRule{"BR-43", Severity::fatal, "Line charge amount (BT-141) present", LineChargeAmount},
    BusinessRule{"BR-44", Severity::fatal, "Line charge reason (BT-144/145) present",
                 LineChargeReason},
    BusinessRule{"BR-45", Severity::fatal, "VAT taxable amount (BT-116) present",
                 BreakdownTaxableAmount},
    BusinessRule{"BR-46", Severity::fatal, "VAT tax amount (BT-117) present", BreakdownTaxAmount},
    BusinessRule{"BR-47", Severity::fatal, "VAT category code (BT-118) present", BreakdownCategory},
    BusinessRule{"BR-48", Severity::fatal, "VAT category rate (BT-119) present", BreakdownRate},
    BusinessRule{"BR-49", Severity::fatal, "Payment means code (BT-81) present", PaymentMeansCode},
    BusinessRule{"BR-50", Severity::fatal, "Credit transfer account (BT-84) present",
                 CreditTransferAccount},
    BusinessRule{"BR-52", Severity::fatal, "Supporting document reference (BT-122) present",
                 SupportingDocumentReference},
    BusinessRule{"BR-53", Severity::fatal, "VAT total in accounting currency (BT-111) present",
                 AccountingCurrencyTotal},
    BusinessRule{"BR-54", Severity::fatal, "Item attribute name and value present",
                 ItemAttributeNameAndValue},
    BusinessRule{"BR-55", Severity::fatal, "Preceding invoice reference (BT-25) present",
                 PrecedingInvoiceNumber},
    BusinessRule{"BR-56", Severity::fatal, "Tax representative VAT identifier (BT-63) present",
                 TaxRepresentativeVatId},
    BusinessRule{"BR-57", Severity::fatal, "Deliver to country code (BT-80) present",
                 DeliverToCountry},
    BusinessRule{"BR-61", Severity::fatal, "Account (BT-84) for credit transfer codes",
                 CreditTransferAccountForCode},
    BusinessRule{"BR-62", Severity::fatal, "Seller electronic address scheme (BT-34-1)",
                 SellerEndpointScheme},
    BusinessRule{"BR-63", Severity::fatal, "Buyer electronic address scheme (BT-49-1)",
                 BuyerEndpointScheme},
    BusinessRule{"BR-64", Severity::fatal, "Item standard identifier scheme (BT-157-1)",
                 StandardIdScheme},
    BusinessRule{"BR-65", Severity::fatal, "Item classification scheme (BT-158-1)",
                 ClassificationScheme},
    BusinessRule{"BR-CO-03", Severity::fatal, "BT-7 and BT-8 mutually exclusive",
                 TaxPointDateExclusive},
    BusinessRule{"BR-CO-04", Severity::fatal, "Line VAT category (BT-151) present",
                 LineVatCategory},
    BusinessRule{"BR-CO-09", Severity::fatal, "VAT identifiers have an ISO 3166-1 prefix",
                 VatIdentifierPrefix},
    BusinessRule{"BR-CO-10", Severity::fatal, "BT-106 = sum of BT-131", LineNetSum},
    BusinessRule{"BR-CO-11", Severity::fatal, "BT-107 = sum of BT-92", AllowanceTotal},
    BusinessRule{"BR-CO-12", Severity::fatal, "BT-108 = sum of BT-99", ChargeTotal},
    BusinessRule{"BR-CO-13", Severity::fatal, "BT-109 = BT-106 - BT-107 + BT-108",
                 TotalWithoutVatSum},
    BusinessRule{"BR-CO-14", Severity::fatal, "BT-110 = sum of BT-117", TotalVatSum},
    BusinessRule{"BR-CO-15", Severity::fatal, "BT-112 = BT-109 + BT-110", TotalWithVatSum},
    BusinessRule{"BR-CO-16", Severity::fatal, "BT-115 = BT-112 - BT-113 + BT-114", AmountDueSum},
    BusinessRule{"BR-CO-17", Severity::fatal, "BT-117 = BT-116 x BT-119 / 100",
                 BreakdownTaxCalculation},
    BusinessRule{"BR-CO-18", Severity::fatal, "At least one VAT breakdown (BG-23)",
                 AtLeastOneVatBreakdown},
    BusinessRule{"BR-CO-19", Severity::fatal, "Invoicing period (BG-14) has a date",
                 InvoicingPeriodFilled},
    BusinessRule{"BR-CO-20", Severity::fatal, "Line period (BG-26) has a date", LinePeriodFilled},
    BusinessRule{"BR-CO-21", Severity::fatal, "Allowance reason or code", AllowanceReasonOrCode},
    BusinessRule{"BR-CO-22", Severity::fatal, "Charge reason or code", ChargeReasonOrCode},
    BusinessRule{"BR-CO-23", Severity::fatal, "Line allowance reason or code",
                 LineAllowanceReasonOrCode},
    BusinessRule{"BR-CO-24", Severity::fatal, "Line charge reason or code", LineChargeReasonOrCode},
    BusinessRule{"BR-CO-26", Severity::fatal, "Seller identified (BT-29, BT-30 or BT-31)",
                 SellerIdentified},
    BusinessRule{"BR-DEC-01", Severity::fatal, "BT-92 two decimals", DecAllowanceAmount},
    BusinessRule{"BR-DEC-02", Severity::fatal, "BT-93 two decimals", DecAllowanceBase},
    BusinessRule{"BR-DEC-05", Severity::fatal, "BT-99 two decimals", DecChargeAmount},
    BusinessRule{"BR-DEC-06", Severity::fatal, "BT-100 two decimals", DecChargeBase},
    BusinessRule{"BR-DEC-09", Severity::fatal, "BT-106 two decimals", DecLineTotal},
    BusinessRule{"BR-DEC-10", Severity::fatal, "BT-107 two decimals", DecAllowanceTotal},
    BusinessRule{"BR-DEC-11", Severity::fatal, "BT-108 two decimals", DecChargeTotal},
    BusinessRule{"BR-DEC-12", Severity::fatal, "BT-109 two decimals", DecTotalWithoutVat},
    BusinessRule{"BR-DEC-13", Severity::fatal, "BT-110 two decimals", DecTotalVat},
    BusinessRule{"BR-DEC-14", Severity::fatal, "BT-112 two decimals", DecTotalWithVat},
    BusinessRule{"BR-DEC-15", Severity::fatal, "BT-111 two decimals", DecTotalVatAccounting},
    BusinessRule{"BR-DEC-16", Severity::fatal, "BT-113 two decimals", DecPaid},
    BusinessRule{"BR-DEC-17", Severity::fatal, "BT-114 two decimals", DecRounding},
    BusinessRule{"BR-DEC-18", Severity::fatal, "BT-115 two decimals", DecAmountDue},
    BusinessRule{"BR-DEC-19", Severity::fatal, "BT-116 two decimals", DecBreakdownTaxable},
    BusinessRule{"BR-DEC-20", Severity::fatal, "BT-117 two decimals", DecBreakdownTax},
    BusinessRule{"BR-DEC-23", Severity::fatal, "BT-131 two decimals", DecLineNet},
    BusinessRule{"BR-DEC-24", Severity::fatal, "BT-136 two decimals", DecLineAllowanceAmount},
    BusinessRule{"BR-DEC-25", Severity::fatal, "BT-137 two decimals", DecLineAllowanceBase},
    BusinessRule{"BR-DEC-27", Severity::fatal, "BT-141 two decimals", DecLineChargeAmount},
    BusinessRule{"BR-DEC-28", Severity::fatal, "BT-142 two decimals", DecLineChargeBase},
};

constexpr std::array kWarningRules{
    BusinessRule{"BR-51", Severity::warning, "At most 10 characters of the card number (BT-87)",
                 CardNumberShown},
};

}  // namespace

std::span<const BusinessRule> core_rules() {
  return kRules;
}

std::span<const BusinessRule> en16931_rules() {
  static const std::vector<BusinessRule> all = [] {
    std::vector<BusinessRule> rules;
    for (auto table : {core_rules(), vat_category_rules(), code_list_rules(), syntax_rules()})
      rules.insert(rules.end(), table.begin(), table.end());
    return rules;
  }();
  return all;
}

std::span<const BusinessRule> warning_rules() {
  return kWarningRules;
}

std::span<const BusinessRule> en16931_warning_rules() {
  return warning_rules();
}

std::vector<Finding> check_en16931(const Invoice& invoice) {
  std::vector<Finding> findings;
  for (const auto& rule : en16931_rules()) rule.check(invoice, findings);
  for (const auto& rule : en16931_warning_rules()) rule.check(invoice, findings);
  check_conformance(invoice, findings);
  return findings;
}

}  // namespace validate
