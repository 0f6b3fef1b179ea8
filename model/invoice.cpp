#include "model/invoice.h"

#include <cstddef>
#include <string>

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

namespace model {

namespace {

// Writes "label: value" lines, skipping absent terms, with a prefix naming the group instance
// ("line[2].item.") so that a difference points at the exact term.
class DebugWriter {
 public:
  explicit DebugWriter(std::string& out) : out_(out) {}

  void text(std::string_view label, std::string_view value) {
    if (value.empty()) return;
    out_ += prefix_;
    out_ += label;
    out_ += ": ";
    for (char c : value) out_ += c == '\n' ? std::string_view("\\n") : std::string_view(&c, 1);
    out_ += '\n';
  }
  void amount(std::string_view label, const std::optional<Decimal>& value) {
    // Numeric value, not the scale as written: "10" and "10.00" are the same amount.
    if (value) text(label, normalized(*value));
  }
  void id(std::string_view label, const Identifier& value) {
    if (value.empty() && value.scheme.empty()) return;
    text(label, value.value + " [" + value.scheme + "]");
  }
  void flag(std::string_view label) { text(label, "present"); }

  // Runs `body` with `name` appended to the prefix.
  template <class Body>
  void group(const std::string& name, Body body) {
    const auto saved = prefix_.size();
    prefix_ += name;
    prefix_ += '.';
    flag("(group)");
    body();
    prefix_.resize(saved);
  }

 private:
  static std::string normalized(const Decimal& value) {
    std::string text = value.to_string();
    if (text.find('.') == std::string::npos) return text;
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text;
  }

  std::string& out_;
  std::string prefix_;
};

std::string indexed(std::string_view name, std::size_t index) {
  return std::string(name) + "[" + std::to_string(index + 1) + "]";
}

void write_address(DebugWriter& w, const std::string& name,
                   const std::optional<PostalAddress>& address) {
  if (!address) return;
  w.group(name, [&] {
    w.text("line1", address->line1);
    w.text("line2", address->line2);
    w.text("line3", address->line3);
    w.text("city", address->city);
    w.text("post_code", address->post_code);
    w.text("subdivision", address->subdivision);
    w.text("country_code", address->country_code);
  });
}

void write_party(DebugWriter& w, const std::string& name, const Party& party) {
  w.group(name, [&] {
    w.text("name", party.name);
    for (std::size_t i = 0; i < party.ids.size(); ++i) w.id(indexed("id", i), party.ids[i]);
    w.id("legal_id", party.legal_id);
    w.text("trading_name", party.trading_name);
    w.text("vat_id", party.vat_id);
    w.text("tax_registration_id", party.tax_registration_id);
    w.text("additional_legal_info", party.additional_legal_info);
    w.id("electronic_address", party.electronic_address);
    write_address(w, "address", party.address);
    if (party.contact)
      w.group("contact", [&] {
        w.text("name", party.contact->name);
        w.text("telephone", party.contact->telephone);
        w.text("email", party.contact->email);
      });
  });
}

void write_period(DebugWriter& w, const std::string& name, const std::optional<Period>& period) {
  if (!period) return;
  w.group(name, [&] {
    w.text("start_date", period->start_date);
    w.text("end_date", period->end_date);
  });
}

void write_allowance_charges(DebugWriter& w, std::string_view name,
                             const std::vector<AllowanceCharge>& list) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& ac = list[i];
    w.group(indexed(name, i), [&] {
      w.amount("amount", ac.amount);
      w.amount("base_amount", ac.base_amount);
      w.amount("percentage", ac.percentage);
      w.text("vat_category", ac.vat_category);
      w.amount("vat_rate", ac.vat_rate);
      w.text("reason", ac.reason);
      w.text("reason_code", ac.reason_code);
      w.text("charge_indicator", ac.charge_indicator);
    });
  }
}

void write_line(DebugWriter& w, const InvoiceLine& line) {
  w.text("id", line.id);
  w.text("note", line.note);
  w.id("object_id", line.object_id);
  w.amount("quantity", line.quantity);
  w.text("quantity_unit", line.quantity_unit);
  w.amount("net_amount", line.net_amount);
  w.text("order_line_reference", line.order_line_reference);
  w.text("buyer_accounting_reference", line.buyer_accounting_reference);
  write_period(w, "period", line.period);
  write_allowance_charges(w, "allowance", line.allowances);
  write_allowance_charges(w, "charge", line.charges);
  w.group("price", [&] {
    w.amount("net_price", line.price.net_price);
    w.amount("discount", line.price.discount);
    w.amount("gross_price", line.price.gross_price);
    w.amount("base_quantity", line.price.base_quantity);
    w.text("base_quantity_unit", line.price.base_quantity_unit);
  });
  w.text("vat_category", line.vat_category);
  w.amount("vat_rate", line.vat_rate);
  const auto& item = line.item;
  w.group("item", [&] {
    w.text("name", item.name);
    w.text("description", item.description);
    w.text("seller_id", item.seller_id);
    w.text("buyer_id", item.buyer_id);
    w.id("standard_id", item.standard_id);
    for (std::size_t i = 0; i < item.classifications.size(); ++i) {
      const auto& c = item.classifications[i];
      w.text(indexed("classification", i), c.code + " [" + c.list_id + " " + c.list_version + "]");
    }
    w.text("origin_country", item.origin_country);
    for (std::size_t i = 0; i < item.attributes.size(); ++i)
      w.text(indexed("attribute", i), item.attributes[i].name + " = " + item.attributes[i].value);
  });
}

}  // namespace

std::string to_debug_string(const Invoice& inv) {
  std::string out;
  DebugWriter w(out);
  w.text("BT-1 number", inv.number);
  w.text("BT-2 issue_date", inv.issue_date);
  w.text("BT-3 type_code", inv.type_code);
  w.text("BT-5 currency", inv.currency);
  w.text("BT-6 tax_currency", inv.tax_currency);
  w.text("BT-7 tax_point_date", inv.tax_point_date);
  w.text("BT-8 tax_point_date_code", inv.tax_point_date_code);
  w.text("BT-9 payment_due_date", inv.payment_due_date);
  w.text("BT-10 buyer_reference", inv.buyer_reference);
  w.text("BT-11 project_reference", inv.project_reference);
  w.text("BT-12 contract_reference", inv.contract_reference);
  w.text("BT-13 order_reference", inv.order_reference);
  w.text("BT-14 sales_order_reference", inv.sales_order_reference);
  w.text("BT-15 receiving_advice_reference", inv.receiving_advice_reference);
  w.text("BT-16 despatch_advice_reference", inv.despatch_advice_reference);
  w.text("BT-17 tender_reference", inv.tender_reference);
  w.id("BT-18 invoiced_object_id", inv.invoiced_object_id);
  w.text("BT-19 buyer_accounting_reference", inv.buyer_accounting_reference);
  w.text("BT-20 payment_terms", inv.payment_terms);
  for (std::size_t i = 0; i < inv.notes.size(); ++i)
    w.group(indexed("BG-1 note", i), [&] {
      w.text("subject_code", inv.notes[i].subject_code);
      w.text("text", inv.notes[i].text);
    });
  w.text("BT-23 process_id", inv.process_id);
  w.text("BT-24 specification_id", inv.specification_id);
  for (std::size_t i = 0; i < inv.preceding_invoices.size(); ++i)
    w.group(indexed("BG-3 preceding_invoice", i), [&] {
      w.text("number", inv.preceding_invoices[i].number);
      w.text("issue_date", inv.preceding_invoices[i].issue_date);
    });
  write_party(w, "BG-4 seller", inv.seller);
  write_party(w, "BG-7 buyer", inv.buyer);
  if (inv.payee) write_party(w, "BG-10 payee", *inv.payee);
  if (inv.tax_representative) write_party(w, "BG-11 tax_representative", *inv.tax_representative);
  if (inv.delivery)
    w.group("BG-13 delivery", [&] {
      w.text("party_name", inv.delivery->party_name);
      w.id("location_id", inv.delivery->location_id);
      w.text("actual_date", inv.delivery->actual_date);
      write_address(w, "BG-15 address", inv.delivery->address);
    });
  write_period(w, "BG-14 invoicing_period", inv.invoicing_period);
  for (std::size_t i = 0; i < inv.payment_instructions.size(); ++i) {
    const auto& p = inv.payment_instructions[i];
    w.group(indexed("BG-16 payment_instructions", i), [&] {
      w.text("means_code", p.means_code);
      w.text("means_text", p.means_text);
      for (std::size_t j = 0; j < p.credit_transfers.size(); ++j)
        w.group(indexed("BG-17 credit_transfer", j), [&] {
          w.text("account_id", p.credit_transfers[j].account_id);
          w.text("account_name", p.credit_transfers[j].account_name);
          w.text("service_provider_id", p.credit_transfers[j].service_provider_id);
        });
      if (p.card)
        w.group("BG-18 card", [&] {
          w.text("account_number", p.card->account_number);
          w.text("holder_name", p.card->holder_name);
        });
    });
  }
  w.text("BT-83 remittance_information", inv.remittance_information);
  w.text("BT-89 mandate_reference", inv.direct_debit.mandate_reference);
  w.text("BT-90 creditor_id", inv.direct_debit.creditor_id);
  w.text("BT-91 debited_account", inv.direct_debit.debited_account);
  write_allowance_charges(w, "BG-20 allowance", inv.allowances);
  write_allowance_charges(w, "BG-21 charge", inv.charges);
  const auto& t = inv.totals;
  w.amount("BT-106 line_extension", t.line_extension);
  w.amount("BT-107 allowances", t.allowances);
  w.amount("BT-108 charges", t.charges);
  w.amount("BT-109 tax_exclusive", t.tax_exclusive);
  w.amount("BT-110 tax", t.tax);
  w.text("BT-110 currency", t.tax_currency_id);
  w.amount("BT-111 tax_accounting", t.tax_accounting);
  w.text("BT-111 currency", t.tax_accounting_currency_id);
  w.amount("BT-112 tax_inclusive", t.tax_inclusive);
  w.amount("BT-113 prepaid", t.prepaid);
  w.amount("BT-114 rounding", t.rounding);
  w.amount("BT-115 payable", t.payable);
  for (std::size_t i = 0; i < inv.vat_breakdown.size(); ++i) {
    const auto& v = inv.vat_breakdown[i];
    w.group(indexed("BG-23 vat_breakdown", i), [&] {
      w.amount("taxable_amount", v.taxable_amount);
      w.amount("tax_amount", v.tax_amount);
      w.text("category_code", v.category_code);
      w.amount("rate", v.rate);
      w.text("exemption_reason", v.exemption_reason);
      w.text("exemption_reason_code", v.exemption_reason_code);
    });
  }
  for (std::size_t i = 0; i < inv.supporting_documents.size(); ++i) {
    const auto& d = inv.supporting_documents[i];
    w.group(indexed("BG-24 supporting_document", i), [&] {
      w.text("reference", d.reference);
      w.text("description", d.description);
      w.text("external_location", d.external_location);
      if (d.has_attachment) w.text("attachment_size", std::to_string(d.attachment_size));
      w.text("attachment_mime_code", d.attachment_mime_code);
      w.text("attachment_filename", d.attachment_filename);
    });
  }
  for (std::size_t i = 0; i < inv.lines.size(); ++i)
    w.group(indexed("BG-25 line", i), [&] { write_line(w, inv.lines[i]); });
  return out;
}

}  // namespace model
