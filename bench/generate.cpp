// fluxd-bench-generate — writes a benchmark input: N invoices (UBL 2.1 Invoice/CreditNote and
// CII D16B, 1 to 200 lines, skewed toward few) dropped into an inbox tree, the referential they
// are addressed to (structures, services, engagements in DOMAIN.md's `;` layouts), a fluxd.toml
// pointing at both, and manifest.csv saying what fluxd must decide for each file.
//
// Everything derives from --seed through one small PRNG, in a fixed order: the same seed and
// options give byte-identical files (no clock, no std:: distributions whose output varies
// between standard libraries).
//
// --invalid-percent of the invoices are deliberately wrong for exactly one reason, taken in turn
// from kInvalidKinds (EN 16931 arithmetic, a missing mandatory term, recipient rules, an XSD
// violation, a truncated file; listed in invalid-kinds.txt). The manifest lists, per file, the
// exact set of fatal rule ids fluxd must report; bench/check_outcomes.py compares fluxd's reports
// with it.
//
// --zip-members K also packs the flows into ZIP batches of at most K invoices under zip/ (fluxd
// cannot ingest ZIP flows yet; the runner reports those runs as skipped until it can).

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#ifdef FLUXD_BENCH_HAVE_LIBARCHIVE
#include <archive.h>
#include <archive_entry.h>
#endif

namespace fs = std::filesystem;

namespace {

// ---- deterministic randomness ------------------------------------------------------------------

// SplitMix64: tiny, fast, and the same sequence on every platform for a given seed.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi] (the modulo bias is irrelevant at these ranges).
  std::int64_t range(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }
  template <typename C>
  const auto& pick(const C& items) {
    return items[static_cast<std::size_t>(next() % std::size(items))];
  }
  std::string digits(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + next() % 10);
    return s;
  }

 private:
  std::uint64_t state_;
};

// ---- identifiers -------------------------------------------------------------------------------

bool luhn_ok(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it, twice = !twice) {
    int d = *it - '0';
    if (twice && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return sum % 10 == 0;
}

char luhn_digit(const std::string& body) {
  for (char c = '0'; c <= '9'; ++c)
    if (luhn_ok(body + c)) return c;
  return '0';
}

// SIREN (9 digits, Luhn) + NIC (5 digits) with the 14 digits passing Luhn too, as INSEE issues.
std::string make_siret(Rng& rng, std::string_view prefix, std::set<std::string>& taken) {
  for (;;) {
    std::string body = std::string(prefix) + rng.digits(8 - static_cast<int>(prefix.size()));
    std::string siren = body + luhn_digit(body);
    if (siren.starts_with("356000000")) continue;  // La Poste: its own check rule
    std::string nic_body = siren + "000" + std::to_string(rng.range(1, 9));
    std::string siret = nic_body + luhn_digit(nic_body);
    if (taken.insert(siret).second) return siret;
  }
}

// The same SIRET with a wrong check digit (exactly one digit value passes Luhn).
std::string break_luhn(const std::string& siret) {
  std::string bad = siret;
  bad.back() = static_cast<char>('0' + (bad.back() - '0' + 1) % 10);
  return bad;
}

std::string french_vat(const std::string& siret) {
  const std::uint64_t siren = std::stoull(siret.substr(0, 9));
  return fmt::format("FR{:02}{}", (12 + 3 * (siren % 97)) % 97, siret.substr(0, 9));
}

int mod97(const std::string& digits) {
  int r = 0;
  for (char c : digits) r = (r * 10 + (c - '0')) % 97;
  return r;
}

// A French IBAN: bank, branch, account, RIB key (97 - (89 b + 15 g + 3 c) mod 97), mod-97 check.
std::string french_iban(Rng& rng) {
  const std::string bank = rng.digits(5), branch = rng.digits(5), account = rng.digits(11);
  const auto key =
      97 - static_cast<int>(
               (89 * std::stoull(bank) + 15 * std::stoull(branch) + 3 * std::stoull(account)) % 97);
  const std::string bban = bank + branch + account + fmt::format("{:02}", key);
  const int check = 98 - mod97(bban + "152700");  // "FR00" moved to the end, F=15 R=27
  return fmt::format("FR{:02}{}", check, bban);
}

// ---- words -------------------------------------------------------------------------------------

constexpr std::array kTownHeads = {
    "Saint-Martin", "Val",    "Mont",  "Beau",    "Ville", "Font",  "Roche", "Bois",
    "Pré",          "Châtel", "Mar",   "Bel",     "Cler",  "Lan",   "Ber",   "Sainte-Foy",
    "Pont",         "Vau",    "Champ", "Château", "Neuf",  "Aigue", "Bri",   "Cour"};
constexpr std::array kTownTails = {
    "lieu", "fort", "mont", "val",        "ville",      "court",    "ac",         "an",   "ières",
    "ois",  "ange", "ay",   "-sur-Loire", "-les-Bains", "-le-Haut", "-en-Vallon", "érac", "igny"};
constexpr std::array kStreetTypes = {"rue",    "avenue", "boulevard", "place",
                                     "chemin", "allée",  "quai"};
constexpr std::array kStreetNames = {
    "de la République", "Victor-Hugo",   "Jean-Jaurès",         "du Général-de-Gaulle",
    "des Lilas",        "Pasteur",       "de la Gare",          "du Moulin",
    "des Écoles",       "Gambetta",      "de l'Hôtel de Ville", "des Tilleuls",
    "Émile-Zola",       "du 8 Mai 1945", "des Acacias",         "de la Liberté"};
constexpr std::array kSurnames = {
    "Lemoine",  "Garnier", "Martin",   "Bernard", "Dubois",   "Thomas",    "Robert",   "Richard",
    "Petit",    "Durand",  "Leroy",    "Moreau",  "Simon",    "Laurent",   "Lefebvre", "Michel",
    "Garcia",   "David",   "Bertrand", "Roux",    "Vincent",  "Fournier",  "Morel",    "Girard",
    "André",    "Mercier", "Dupont",   "Lambert", "Bonnet",   "François",  "Legrand",  "Faure",
    "Rousseau", "Blanc",   "Guérin",   "Muller",  "Henry",    "Roussel",   "Perrin",   "Morin",
    "Mathieu",  "Clément", "Gauthier", "Dumont",  "Fontaine", "Chevalier", "Robin",    "Masson",
    "Sanchez",  "Noël"};
constexpr std::array kLegalForms = {"SARL", "SAS", "SA", "EURL", "SASU"};
constexpr std::array kBics = {"BNPAFRPP", "CMCIFR2A", "SOGEFRPP", "CRLYFRPP",
                              "AGRIFRPP", "CEPAFRPP", "PSSTFRPP", "CCBPFRPP"};

struct Item {
  const char* name;
  const char* unit;
  int rate;  // VAT rate in hundredths of a percent (2000 = 20 %)
  std::int64_t min_cents, max_cents;
  int max_quantity;
};

struct Sector {
  const char* activity;  // goes into the supplier's name
  std::vector<Item> items;
};

const std::vector<Sector>& sectors() {
  static const std::vector<Sector> all = {
      {"Fournitures de bureau",
       {{"Ramette papier A4 80 g", "H87", 2000, 450, 690, 200},
        {"Cartouche d'encre noire", "H87", 2000, 2290, 6490, 20},
        {"Classeur à levier dos 80 mm", "H87", 2000, 189, 420, 100},
        {"Stylos bille bleus (boîte de 50)", "C62", 2000, 990, 1890, 20},
        {"Enveloppes C4 (boîte de 250)", "C62", 2000, 2450, 3990, 10},
        {"Agrafeuse de bureau", "H87", 2000, 890, 2490, 15},
        {"Chemises cartonnées (paquet de 100)", "C62", 2000, 1290, 2190, 30}}},
      {"Informatique",
       {{"Ordinateur portable 14 pouces", "H87", 2000, 64900, 129900, 25},
        {"Écran 24 pouces", "H87", 2000, 13900, 28900, 30},
        {"Station d'accueil USB-C", "H87", 2000, 11900, 21900, 30},
        {"Licence logicielle annuelle", "C62", 2000, 4900, 39900, 100},
        {"Prestation de support technique", "HUR", 2000, 6500, 11000, 40},
        {"Disque SSD 1 To", "H87", 2000, 6900, 12900, 20},
        {"Câble réseau Cat6 (5 m)", "H87", 2000, 490, 990, 100}}},
      {"Bâtiment",
       {{"Réfection de peinture", "MTK", 1000, 1800, 3500, 400},
        {"Remplacement de gouttières zinc", "MTR", 1000, 3200, 5400, 80},
        {"Main-d'œuvre maçonnerie", "HUR", 1000, 4200, 6500, 120},
        {"Location d'échafaudage", "DAY", 2000, 8000, 16000, 30},
        {"Fourniture et pose de carrelage", "MTK", 1000, 4500, 9000, 250},
        {"Pose de menuiseries PVC", "C62", 1000, 38000, 95000, 12}}},
      {"Matériel médical",
       {{"Gants nitrile (boîte de 100)", "C62", 2000, 590, 1290, 200},
        {"Compresses stériles (boîte de 50)", "C62", 2000, 290, 690, 300},
        {"Solution hydroalcoolique", "LTR", 2000, 450, 890, 150},
        {"Seringues 10 ml (boîte de 100)", "C62", 2000, 1490, 2990, 80},
        {"Médicament générique (boîte)", "C62", 210, 180, 2490, 500},
        {"Masques chirurgicaux (boîte de 50)", "C62", 2000, 390, 990, 200}}},
      {"Restauration collective",
       {{"Repas élèves", "C62", 1000, 320, 480, 3000},
        {"Fruits de saison", "KGM", 550, 180, 420, 400},
        {"Pain frais", "KGM", 550, 290, 460, 300},
        {"Yaourts nature (lot de 12)", "C62", 550, 290, 520, 200},
        {"Prestation traiteur réception", "C62", 1000, 45000, 180000, 3}}},
      {"Propreté et entretien",
       {{"Nettoyage des locaux", "HUR", 2000, 2400, 3600, 300},
        {"Produit détergent (bidon 5 L)", "H87", 2000, 1290, 2490, 60},
        {"Sacs poubelle 100 L (rouleau)", "C62", 2000, 390, 790, 200},
        {"Entretien des espaces verts", "HUR", 2000, 3200, 4800, 120}}},
      {"Formation et conseil",
       {{"Journée de formation", "DAY", 2000, 90000, 180000, 10},
        {"Prestation de conseil", "DAY", 2000, 70000, 140000, 20},
        {"Frais de déplacement", "C62", 2000, 2500, 30000, 5}}},
      {"Maintenance technique",
       {{"Contrat de maintenance ascenseur", "MON", 2000, 18000, 42000, 12},
        {"Intervention dépannage chauffage", "HUR", 2000, 6500, 9500, 16},
        {"Pièce détachée chaudière", "H87", 2000, 3500, 48000, 6},
        {"Visite de contrôle annuelle", "C62", 2000, 15000, 38000, 4}}},
  };
  return all;
}

// ---- the referential ---------------------------------------------------------------------------

struct Address {
  std::string street, street2, postcode, city;
};

struct Service {
  std::string code, name;
  bool engagement_required = false;
  bool active = true;
  std::string valid_from, valid_to;
  bool usable() const { return active && (valid_to.empty() || valid_to > "2099"); }
};

enum class Kind { plain, service, engagement, service_or_engagement, inactive, no_edi };

struct Structure {
  std::string siret, name, phone, email;
  Address address;
  Kind kind = Kind::plain;
  bool moa = false, payment_status = false;
  std::vector<Service> services;
  std::vector<const Service*> usable_services() const {
    std::vector<const Service*> out;
    for (const auto& s : services)
      if (s.usable()) out.push_back(&s);
    return out;
  }
};

struct Supplier {
  std::string siret, name, vat, iban, bic, phone, email, prefix, partner;
  Address address;
  std::size_t sector = 0;
  int next_number = 1;
};

struct Engagement {
  std::string number, structure, supplier, amount, cost_centre, domain, programme;
};

std::string town(Rng& rng) {
  return std::string(rng.pick(kTownHeads)) + rng.pick(kTownTails);
}

Address address(Rng& rng) {
  Address a;
  a.street =
      fmt::format("{} {} {}", rng.range(1, 180), rng.pick(kStreetTypes), rng.pick(kStreetNames));
  if (rng.chance(0.3))
    a.street2 = fmt::format("Bâtiment {}", static_cast<char>('A' + rng.range(0, 5)));
  int dept = static_cast<int>(rng.range(1, 95));
  if (dept == 20) dept = 21;  // Corsica's postcodes start with 20 but are 2A/2B departments
  a.postcode = fmt::format("{:02}{:03}", dept, rng.range(0, 99) * 10);
  a.city = town(rng);
  return a;
}

std::string slug(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c))
      out += static_cast<char>(std::tolower(c));
    else if ((c == ' ' || c == '-') && !out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "contact" : out;
}

struct ServiceName {
  const char* code;
  const char* name;
};
constexpr std::array<ServiceName, 16> kServiceNames = {{
    {"URGENCES", "Service des urgences"},
    {"PHARMA", "Pharmacie à usage intérieur"},
    {"VOIRIE", "Direction de la voirie"},
    {"ECOLES", "Service des affaires scolaires"},
    {"RH", "Direction des ressources humaines"},
    {"DSI", "Direction des systèmes d'information"},
    {"TECHNIQUE", "Services techniques"},
    {"CULTURE", "Direction de la culture"},
    {"SPORTS", "Service des sports"},
    {"FINANCES", "Direction des finances"},
    {"ACHATS", "Service de la commande publique"},
    {"RESTAU", "Restauration scolaire"},
    {"LOGISTIQUE", "Service logistique"},
    {"BIBLIO", "Médiathèque"},
    {"SOCIAL", "Action sociale"},
    {"ARCHIVES", "Service des archives"},
}};

struct StructureType {
  const char* pattern;  // {} = a town
  const char* siren_prefix;
};
constexpr std::array<StructureType, 10> kStructureTypes = {{
    {"Commune de {}", "21"},
    {"Commune de {}", "21"},
    {"Communauté de communes de {}", "24"},
    {"Centre hospitalier de {}", "26"},
    {"Centre communal d'action sociale de {}", "26"},
    {"Collège public de {}", "19"},
    {"Lycée polyvalent de {}", "19"},
    {"Université de {}", "19"},
    {"Syndicat intercommunal des eaux de {}", "25"},
    {"Département de {}", "22"},
}};

Structure make_structure(Rng& rng, std::set<std::string>& sirets, Kind kind) {
  const auto& type = rng.pick(kStructureTypes);
  Structure s;
  s.kind = kind;
  s.siret = make_siret(rng, type.siren_prefix, sirets);
  s.address = address(rng);
  s.name = fmt::format(fmt::runtime(type.pattern), s.address.city);
  s.phone = "0" + std::to_string(rng.range(1, 5)) + rng.digits(8);
  s.email = "factures@" + slug(s.address.city) + ".fr";
  s.moa = rng.chance(0.3);
  s.payment_status = rng.chance(0.6);
  // Services: required for `service` structures, optional elsewhere; some need an engagement,
  // some are inactive or expired (never picked by a valid invoice).
  int count = 0;
  if (kind == Kind::service || kind == Kind::service_or_engagement)
    count = static_cast<int>(rng.range(2, 6));
  else if (rng.chance(0.25))
    count = static_cast<int>(rng.range(1, 3));
  std::vector<std::size_t> order(kServiceNames.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (std::size_t i = order.size() - 1; i > 0; --i)
    std::swap(order[i],
              order[static_cast<std::size_t>(rng.range(0, static_cast<std::int64_t>(i)))]);
  for (int i = 0; i < count; ++i) {
    const auto& n = kServiceNames[order[static_cast<std::size_t>(i)]];
    Service sv;
    sv.code = n.code;
    sv.name = n.name;
    sv.engagement_required = rng.chance(0.15);
    if (rng.chance(0.3)) sv.valid_from = fmt::format("{}-01-01", rng.range(2012, 2024));
    if (i > 0 && rng.chance(0.08)) sv.active = false;
    if (i > 0 && sv.active && rng.chance(0.06)) sv.valid_to = "2020-12-31";
    s.services.push_back(std::move(sv));
  }
  return s;
}

// ---- one invoice -------------------------------------------------------------------------------

struct Line {
  std::string name, seller_ref, unit;
  std::int64_t quantity = 1, price = 0;  // price in cents
  int rate = 2000;
  std::int64_t net() const { return quantity * price; }
};

struct DocumentCharge {  // a document-level allowance (remise) or charge (frais)
  bool charge = false;
  std::int64_t amount = 0;
  int rate = 2000;
  std::string reason, reason_code;
};

struct VatGroup {
  int rate = 0;
  std::int64_t taxable = 0, tax = 0;
};

struct Party {
  std::string siret, legal_id, name, vat, phone, email;
  Address address;
};

// The mistakes an invalid invoice carries, one per invoice.
enum class Invalid {
  none,
  total_incl_vat,      // BR-CO-15: BT-112 (and BT-115 with it) off
  vat_amount,          // BR-CO-17 / BR-S-09: a breakdown's tax amount off by more than their
                       // 1.00 tolerance (BT-110, BT-112, BT-115 follow it)
  buyer_name,          // BR-07: no BT-44
  seller_name,         // BR-06: no BT-27
  recipient_unknown,   // FR-RECIPIENT-UNKNOWN: a valid SIRET not in the directory
  recipient_siret,     // FR-SIRET-FORMAT: recipient SIRET fails Luhn
  recipient_inactive,  // FR-RECIPIENT-INACTIVE
  recipient_no_edi,    // FR-RECIPIENT-NO-EDI
  service_missing,     // FR-SERVICE-REQUIRED
  service_unknown,     // FR-SERVICE-UNKNOWN
  engagement_missing,  // FR-ENGAGEMENT-REQUIRED
  xsd,                 // XSD-SCHEMA: an element the schema does not allow
  truncated,           // FLOW-MALFORMED-XML: the file is cut off
};

struct InvalidKind {
  Invalid kind;
  const char* rules;  // the exact set of fatal rule ids fluxd must report, comma-separated
};
constexpr std::array<InvalidKind, 13> kInvalidKinds = {{
    {Invalid::total_incl_vat, "BR-CO-15"},
    {Invalid::recipient_unknown, "FR-RECIPIENT-UNKNOWN"},
    {Invalid::buyer_name, "BR-07"},
    {Invalid::service_missing, "FR-SERVICE-REQUIRED"},
    {Invalid::xsd, "XSD-SCHEMA"},
    {Invalid::vat_amount, "BR-CO-17,BR-S-09"},
    {Invalid::engagement_missing, "FR-ENGAGEMENT-REQUIRED"},
    {Invalid::recipient_siret, "FR-SIRET-FORMAT"},
    {Invalid::seller_name, "BR-06"},
    {Invalid::service_unknown, "FR-SERVICE-UNKNOWN"},
    {Invalid::truncated, "FLOW-MALFORMED-XML"},
    {Invalid::recipient_inactive, "FR-RECIPIENT-INACTIVE"},
    {Invalid::recipient_no_edi, "FR-RECIPIENT-NO-EDI"},
}};

struct Invoice {
  bool ubl = true, credit_note = false;
  std::string number, buyer_reference, order_reference, note, preceding_number;
  std::chrono::sys_days issue{}, due{}, delivery{}, preceding_date{};
  Party seller, buyer;
  std::string iban, bic;
  std::vector<Line> lines;
  std::vector<DocumentCharge> charges;
  std::vector<VatGroup> vat;
  std::int64_t line_total = 0, allowance_total = 0, charge_total = 0, tax_exclusive = 0,
               tax_total = 0, tax_inclusive = 0, prepaid = 0, payable = 0;
  Invalid invalid = Invalid::none;

  // Totals and VAT breakdown exactly as EN 16931 computes them (BR-CO-10…16, BR-S-08/09).
  void compute() {
    std::map<int, std::int64_t, std::greater<>> taxable;
    line_total = allowance_total = charge_total = 0;
    for (const auto& l : lines) {
      line_total += l.net();
      taxable[l.rate] += l.net();
    }
    for (const auto& c : charges) {
      (c.charge ? charge_total : allowance_total) += c.amount;
      taxable[c.rate] += c.charge ? c.amount : -c.amount;
    }
    vat.clear();
    tax_total = 0;
    for (const auto& [rate, base] : taxable) {
      // base × rate / 10000, rounded half up to the cent (all amounts here are positive).
      const std::int64_t tax = (base * rate + 5000) / 10000;
      vat.push_back({rate, base, tax});
      tax_total += tax;
    }
    tax_exclusive = line_total - allowance_total + charge_total;
    tax_inclusive = tax_exclusive + tax_total;
    payable = tax_inclusive - prepaid;
  }
};

std::string amount(std::int64_t cents) {
  return fmt::format("{}{}.{:02}", cents < 0 ? "-" : "", std::abs(cents) / 100,
                     std::abs(cents) % 100);
}

std::string percent(int rate) {
  return rate % 100 == 0 ? std::to_string(rate / 100)
                         : fmt::format("{}.{}", rate / 100, (rate % 100) / 10);
}

std::string iso(std::chrono::sys_days d) {
  const std::chrono::year_month_day ymd{d};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string compact(std::chrono::sys_days d) {
  std::string s = iso(d);
  s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
  return s;
}

std::string esc(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

using Buffer = fmt::memory_buffer;

template <typename... Args>
void put(Buffer& out, fmt::format_string<Args...> format, Args&&... args) {
  fmt::format_to(std::back_inserter(out), format, std::forward<Args>(args)...);
}

constexpr const char* kPaymentTerms =
    "Paiement à 30 jours par virement, sans escompte. Indemnité forfaitaire pour frais de "
    "recouvrement en cas de retard : 40 EUR.";

// ---- UBL 2.1 -----------------------------------------------------------------------------------

void ubl_tax_category(Buffer& out, const char* element, int rate, const char* indent) {
  put(out,
      "{0}<cac:{1}>\n{0}  <cbc:ID>S</cbc:ID>\n{0}  <cbc:Percent>{2}</cbc:Percent>\n"
      "{0}  <cac:TaxScheme>\n{0}    <cbc:ID>VAT</cbc:ID>\n{0}  </cac:TaxScheme>\n{0}</cac:{1}>\n",
      indent, element, percent(rate));
}

void ubl_party(Buffer& out, const char* element, const Party& p, bool with_vat, bool with_name) {
  put(out, "  <cac:{}>\n    <cac:Party>\n", element);
  put(out, "      <cbc:EndpointID schemeID=\"0009\">{}</cbc:EndpointID>\n", p.siret);
  put(out,
      "      <cac:PartyIdentification>\n        <cbc:ID schemeID=\"0009\">{}</cbc:ID>\n"
      "      </cac:PartyIdentification>\n",
      p.siret);
  put(out, "      <cac:PartyName>\n        <cbc:Name>{}</cbc:Name>\n      </cac:PartyName>\n",
      esc(p.name));
  put(out, "      <cac:PostalAddress>\n        <cbc:StreetName>{}</cbc:StreetName>\n",
      esc(p.address.street));
  if (!p.address.street2.empty())
    put(out, "        <cbc:AdditionalStreetName>{}</cbc:AdditionalStreetName>\n",
        esc(p.address.street2));
  put(out,
      "        <cbc:CityName>{}</cbc:CityName>\n        <cbc:PostalZone>{}</cbc:PostalZone>\n"
      "        <cac:Country>\n          <cbc:IdentificationCode>FR</cbc:IdentificationCode>\n"
      "        </cac:Country>\n      </cac:PostalAddress>\n",
      esc(p.address.city), p.address.postcode);
  if (with_vat)
    put(out,
        "      <cac:PartyTaxScheme>\n        <cbc:CompanyID>{}</cbc:CompanyID>\n"
        "        <cac:TaxScheme>\n          <cbc:ID>VAT</cbc:ID>\n        </cac:TaxScheme>\n"
        "      </cac:PartyTaxScheme>\n",
        p.vat);
  put(out, "      <cac:PartyLegalEntity>\n");
  if (with_name) put(out, "        <cbc:RegistrationName>{}</cbc:RegistrationName>\n", esc(p.name));
  put(out,
      "        <cbc:CompanyID schemeID=\"0009\">{}</cbc:CompanyID>\n      </cac:PartyLegalEntity>\n"
      "      <cac:Contact>\n        <cbc:Telephone>{}</cbc:Telephone>\n"
      "        <cbc:ElectronicMail>{}</cbc:ElectronicMail>\n      </cac:Contact>\n"
      "    </cac:Party>\n  </cac:{}>\n",
      p.legal_id, p.phone, p.email, element);
}

std::string write_ubl(const Invoice& inv) {
  Buffer out;
  const char* root = inv.credit_note ? "CreditNote" : "Invoice";
  put(out,
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<{0} xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:{0}-2\"\n"
      "    xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\"\n"
      "    xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n"
      "  <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>\n"
      "  <cbc:ProfileID>A1</cbc:ProfileID>\n  <cbc:ID>{1}</cbc:ID>\n",
      root, inv.number);
  if (inv.invalid == Invalid::xsd)
    put(out, "  <cbc:DeliveryNote>livré le {}</cbc:DeliveryNote>\n", iso(inv.delivery));
  put(out, "  <cbc:IssueDate>{}</cbc:IssueDate>\n", iso(inv.issue));
  if (!inv.credit_note) {
    put(out, "  <cbc:DueDate>{}</cbc:DueDate>\n", iso(inv.due));
    put(out, "  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>\n");
  } else {
    put(out, "  <cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>\n");
  }
  if (!inv.note.empty()) put(out, "  <cbc:Note>{}</cbc:Note>\n", esc(inv.note));
  put(out, "  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>\n");
  if (!inv.buyer_reference.empty())
    put(out, "  <cbc:BuyerReference>{}</cbc:BuyerReference>\n", inv.buyer_reference);
  if (!inv.order_reference.empty())
    put(out, "  <cac:OrderReference>\n    <cbc:ID>{}</cbc:ID>\n  </cac:OrderReference>\n",
        inv.order_reference);
  if (!inv.preceding_number.empty())
    put(out,
        "  <cac:BillingReference>\n    <cac:InvoiceDocumentReference>\n"
        "      <cbc:ID>{}</cbc:ID>\n      <cbc:IssueDate>{}</cbc:IssueDate>\n"
        "    </cac:InvoiceDocumentReference>\n  </cac:BillingReference>\n",
        inv.preceding_number, iso(inv.preceding_date));
  ubl_party(out, "AccountingSupplierParty", inv.seller, true, inv.invalid != Invalid::seller_name);
  ubl_party(out, "AccountingCustomerParty", inv.buyer, false, inv.invalid != Invalid::buyer_name);
  put(out,
      "  <cac:Delivery>\n    <cbc:ActualDeliveryDate>{}</cbc:ActualDeliveryDate>\n  "
      "</cac:Delivery>\n",
      iso(inv.delivery));
  put(out, "  <cac:PaymentMeans>\n    <cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>\n");
  if (inv.credit_note) put(out, "    <cbc:PaymentDueDate>{}</cbc:PaymentDueDate>\n", iso(inv.due));
  put(out,
      "    <cbc:PaymentID>{}</cbc:PaymentID>\n    <cac:PayeeFinancialAccount>\n"
      "      <cbc:ID>{}</cbc:ID>\n      <cbc:Name>{}</cbc:Name>\n"
      "      <cac:FinancialInstitutionBranch>\n        <cbc:ID>{}</cbc:ID>\n"
      "      </cac:FinancialInstitutionBranch>\n    </cac:PayeeFinancialAccount>\n"
      "  </cac:PaymentMeans>\n",
      inv.number, inv.iban, esc(inv.seller.name), inv.bic);
  put(out, "  <cac:PaymentTerms>\n    <cbc:Note>{}</cbc:Note>\n  </cac:PaymentTerms>\n",
      kPaymentTerms);
  for (const auto& c : inv.charges) {
    put(out, "  <cac:AllowanceCharge>\n    <cbc:ChargeIndicator>{}</cbc:ChargeIndicator>\n",
        c.charge ? "true" : "false");
    if (!c.reason_code.empty())
      put(out, "    <cbc:AllowanceChargeReasonCode>{}</cbc:AllowanceChargeReasonCode>\n",
          c.reason_code);
    put(out,
        "    <cbc:AllowanceChargeReason>{}</cbc:AllowanceChargeReason>\n"
        "    <cbc:Amount currencyID=\"EUR\">{}</cbc:Amount>\n",
        esc(c.reason), amount(c.amount));
    ubl_tax_category(out, "TaxCategory", c.rate, "    ");
    put(out, "  </cac:AllowanceCharge>\n");
  }
  put(out, "  <cac:TaxTotal>\n    <cbc:TaxAmount currencyID=\"EUR\">{}</cbc:TaxAmount>\n",
      amount(inv.tax_total));
  for (const auto& g : inv.vat) {
    put(out,
        "    <cac:TaxSubtotal>\n      <cbc:TaxableAmount "
        "currencyID=\"EUR\">{}</cbc:TaxableAmount>\n"
        "      <cbc:TaxAmount currencyID=\"EUR\">{}</cbc:TaxAmount>\n",
        amount(g.taxable), amount(g.tax));
    ubl_tax_category(out, "TaxCategory", g.rate, "      ");
    put(out, "    </cac:TaxSubtotal>\n");
  }
  put(out,
      "  </cac:TaxTotal>\n  <cac:LegalMonetaryTotal>\n"
      "    <cbc:LineExtensionAmount currencyID=\"EUR\">{}</cbc:LineExtensionAmount>\n"
      "    <cbc:TaxExclusiveAmount currencyID=\"EUR\">{}</cbc:TaxExclusiveAmount>\n"
      "    <cbc:TaxInclusiveAmount currencyID=\"EUR\">{}</cbc:TaxInclusiveAmount>\n",
      amount(inv.line_total), amount(inv.tax_exclusive), amount(inv.tax_inclusive));
  if (inv.allowance_total)
    put(out, "    <cbc:AllowanceTotalAmount currencyID=\"EUR\">{}</cbc:AllowanceTotalAmount>\n",
        amount(inv.allowance_total));
  if (inv.charge_total)
    put(out, "    <cbc:ChargeTotalAmount currencyID=\"EUR\">{}</cbc:ChargeTotalAmount>\n",
        amount(inv.charge_total));
  if (inv.prepaid)
    put(out, "    <cbc:PrepaidAmount currencyID=\"EUR\">{}</cbc:PrepaidAmount>\n",
        amount(inv.prepaid));
  put(out,
      "    <cbc:PayableAmount currencyID=\"EUR\">{}</cbc:PayableAmount>\n"
      "  </cac:LegalMonetaryTotal>\n",
      amount(inv.payable));
  const char* line_el = inv.credit_note ? "CreditNoteLine" : "InvoiceLine";
  const char* qty_el = inv.credit_note ? "CreditedQuantity" : "InvoicedQuantity";
  for (std::size_t i = 0; i < inv.lines.size(); ++i) {
    const auto& l = inv.lines[i];
    put(out,
        "  <cac:{0}>\n    <cbc:ID>{1}</cbc:ID>\n"
        "    <cbc:{2} unitCode=\"{3}\">{4}</cbc:{2}>\n"
        "    <cbc:LineExtensionAmount currencyID=\"EUR\">{5}</cbc:LineExtensionAmount>\n"
        "    <cac:Item>\n      <cbc:Name>{6}</cbc:Name>\n"
        "      <cac:SellersItemIdentification>\n        <cbc:ID>{7}</cbc:ID>\n"
        "      </cac:SellersItemIdentification>\n",
        line_el, i + 1, qty_el, l.unit, l.quantity, amount(l.net()), esc(l.name), l.seller_ref);
    ubl_tax_category(out, "ClassifiedTaxCategory", l.rate, "      ");
    put(out,
        "    </cac:Item>\n    <cac:Price>\n"
        "      <cbc:PriceAmount currencyID=\"EUR\">{}</cbc:PriceAmount>\n    </cac:Price>\n"
        "  </cac:{}>\n",
        amount(l.price), line_el);
  }
  put(out, "</{}>\n", root);
  return fmt::to_string(out);
}

// ---- CII D16B ----------------------------------------------------------------------------------

void cii_party(Buffer& out, const char* element, const Party& p, bool with_vat, bool with_name) {
  put(out, "      <ram:{}>\n        <ram:GlobalID schemeID=\"0009\">{}</ram:GlobalID>\n", element,
      p.siret);
  if (with_name) put(out, "        <ram:Name>{}</ram:Name>\n", esc(p.name));
  put(out,
      "        <ram:SpecifiedLegalOrganization>\n"
      "          <ram:ID schemeID=\"0009\">{}</ram:ID>\n        </ram:SpecifiedLegalOrganization>\n"
      "        <ram:DefinedTradeContact>\n          <ram:TelephoneUniversalCommunication>\n"
      "            <ram:CompleteNumber>{}</ram:CompleteNumber>\n"
      "          </ram:TelephoneUniversalCommunication>\n"
      "          <ram:EmailURIUniversalCommunication>\n            <ram:URIID>{}</ram:URIID>\n"
      "          </ram:EmailURIUniversalCommunication>\n        </ram:DefinedTradeContact>\n"
      "        <ram:PostalTradeAddress>\n          <ram:PostcodeCode>{}</ram:PostcodeCode>\n"
      "          <ram:LineOne>{}</ram:LineOne>\n",
      p.legal_id, p.phone, p.email, p.address.postcode, esc(p.address.street));
  if (!p.address.street2.empty())
    put(out, "          <ram:LineTwo>{}</ram:LineTwo>\n", esc(p.address.street2));
  put(out,
      "          <ram:CityName>{}</ram:CityName>\n          <ram:CountryID>FR</ram:CountryID>\n"
      "        </ram:PostalTradeAddress>\n        <ram:URIUniversalCommunication>\n"
      "          <ram:URIID schemeID=\"0009\">{}</ram:URIID>\n"
      "        </ram:URIUniversalCommunication>\n",
      esc(p.address.city), p.siret);
  if (with_vat)
    put(out,
        "        <ram:SpecifiedTaxRegistration>\n          <ram:ID schemeID=\"VA\">{}</ram:ID>\n"
        "        </ram:SpecifiedTaxRegistration>\n",
        p.vat);
  put(out, "      </ram:{}>\n", element);
}

void cii_tax(Buffer& out, const char* element, int rate, const char* indent) {
  put(out,
      "{0}<ram:{1}>\n{0}  <ram:TypeCode>VAT</ram:TypeCode>\n{0}  "
      "<ram:CategoryCode>S</ram:CategoryCode>\n"
      "{0}  <ram:RateApplicablePercent>{2}</ram:RateApplicablePercent>\n{0}</ram:{1}>\n",
      indent, element, percent(rate));
}

std::string write_cii(const Invoice& inv) {
  Buffer out;
  put(out,
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rsm:CrossIndustryInvoice "
      "xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\"\n"
      "    xmlns:ram=\"urn:un:unece:uncefact:data:standard:"
      "ReusableAggregateBusinessInformationEntity:100\"\n"
      "    xmlns:qdt=\"urn:un:unece:uncefact:data:standard:QualifiedDataType:100\"\n"
      "    xmlns:udt=\"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100\">\n"
      "  <rsm:ExchangedDocumentContext>\n"
      "    <ram:BusinessProcessSpecifiedDocumentContextParameter>\n      <ram:ID>A1</ram:ID>\n"
      "    </ram:BusinessProcessSpecifiedDocumentContextParameter>\n"
      "    <ram:GuidelineSpecifiedDocumentContextParameter>\n"
      "      <ram:ID>urn:cen.eu:en16931:2017</ram:ID>\n"
      "    </ram:GuidelineSpecifiedDocumentContextParameter>\n"
      "  </rsm:ExchangedDocumentContext>\n"
      "  <rsm:ExchangedDocument>\n    <ram:ID>{}</ram:ID>\n    <ram:TypeCode>{}</ram:TypeCode>\n",
      inv.number, inv.credit_note ? 381 : 380);
  if (inv.invalid == Invalid::xsd)
    put(out, "    <ram:DeliveryNote>livré le {}</ram:DeliveryNote>\n", iso(inv.delivery));
  put(out,
      "    <ram:IssueDateTime>\n      <udt:DateTimeString format=\"102\">{}</udt:DateTimeString>\n"
      "    </ram:IssueDateTime>\n",
      compact(inv.issue));
  if (!inv.note.empty())
    put(out,
        "    <ram:IncludedNote>\n      <ram:Content>{}</ram:Content>\n    </ram:IncludedNote>\n",
        esc(inv.note));
  put(out,
      "    <ram:IncludedNote>\n      <ram:Content>Indemnité forfaitaire pour frais de recouvrement "
      "en cas de retard de paiement : 40 EUR.</ram:Content>\n"
      "      <ram:SubjectCode>PMT</ram:SubjectCode>\n    </ram:IncludedNote>\n"
      "  </rsm:ExchangedDocument>\n  <rsm:SupplyChainTradeTransaction>\n");
  for (std::size_t i = 0; i < inv.lines.size(); ++i) {
    const auto& l = inv.lines[i];
    put(out,
        "    <ram:IncludedSupplyChainTradeLineItem>\n"
        "      <ram:AssociatedDocumentLineDocument>\n        <ram:LineID>{}</ram:LineID>\n"
        "      </ram:AssociatedDocumentLineDocument>\n      <ram:SpecifiedTradeProduct>\n"
        "        <ram:SellerAssignedID>{}</ram:SellerAssignedID>\n        <ram:Name>{}</ram:Name>\n"
        "      </ram:SpecifiedTradeProduct>\n      <ram:SpecifiedLineTradeAgreement>\n"
        "        <ram:NetPriceProductTradePrice>\n          "
        "<ram:ChargeAmount>{}</ram:ChargeAmount>\n"
        "        </ram:NetPriceProductTradePrice>\n      </ram:SpecifiedLineTradeAgreement>\n"
        "      <ram:SpecifiedLineTradeDelivery>\n"
        "        <ram:BilledQuantity unitCode=\"{}\">{}</ram:BilledQuantity>\n"
        "      </ram:SpecifiedLineTradeDelivery>\n      <ram:SpecifiedLineTradeSettlement>\n",
        i + 1, l.seller_ref, esc(l.name), amount(l.price), l.unit, l.quantity);
    cii_tax(out, "ApplicableTradeTax", l.rate, "        ");
    put(out,
        "        <ram:SpecifiedTradeSettlementLineMonetarySummation>\n"
        "          <ram:LineTotalAmount>{}</ram:LineTotalAmount>\n"
        "        </ram:SpecifiedTradeSettlementLineMonetarySummation>\n"
        "      </ram:SpecifiedLineTradeSettlement>\n    </ram:IncludedSupplyChainTradeLineItem>\n",
        amount(l.net()));
  }
  put(out, "    <ram:ApplicableHeaderTradeAgreement>\n");
  if (!inv.buyer_reference.empty())
    put(out, "      <ram:BuyerReference>{}</ram:BuyerReference>\n", inv.buyer_reference);
  cii_party(out, "SellerTradeParty", inv.seller, true, inv.invalid != Invalid::seller_name);
  cii_party(out, "BuyerTradeParty", inv.buyer, false, inv.invalid != Invalid::buyer_name);
  if (!inv.order_reference.empty())
    put(out,
        "      <ram:BuyerOrderReferencedDocument>\n"
        "        <ram:IssuerAssignedID>{}</ram:IssuerAssignedID>\n"
        "      </ram:BuyerOrderReferencedDocument>\n",
        inv.order_reference);
  put(out,
      "    </ram:ApplicableHeaderTradeAgreement>\n    <ram:ApplicableHeaderTradeDelivery>\n"
      "      <ram:ActualDeliverySupplyChainEvent>\n        <ram:OccurrenceDateTime>\n"
      "          <udt:DateTimeString format=\"102\">{}</udt:DateTimeString>\n"
      "        </ram:OccurrenceDateTime>\n      </ram:ActualDeliverySupplyChainEvent>\n"
      "    </ram:ApplicableHeaderTradeDelivery>\n    <ram:ApplicableHeaderTradeSettlement>\n"
      "      <ram:PaymentReference>{}</ram:PaymentReference>\n"
      "      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>\n"
      "      <ram:SpecifiedTradeSettlementPaymentMeans>\n        <ram:TypeCode>30</ram:TypeCode>\n"
      "        <ram:PayeePartyCreditorFinancialAccount>\n          <ram:IBANID>{}</ram:IBANID>\n"
      "          <ram:AccountName>{}</ram:AccountName>\n"
      "        </ram:PayeePartyCreditorFinancialAccount>\n"
      "        <ram:PayeeSpecifiedCreditorFinancialInstitution>\n"
      "          <ram:BICID>{}</ram:BICID>\n        "
      "</ram:PayeeSpecifiedCreditorFinancialInstitution>\n"
      "      </ram:SpecifiedTradeSettlementPaymentMeans>\n",
      compact(inv.delivery), inv.number, inv.iban, esc(inv.seller.name), inv.bic);
  for (const auto& g : inv.vat)
    put(out,
        "      <ram:ApplicableTradeTax>\n        <ram:CalculatedAmount>{}</ram:CalculatedAmount>\n"
        "        <ram:TypeCode>VAT</ram:TypeCode>\n        <ram:BasisAmount>{}</ram:BasisAmount>\n"
        "        <ram:CategoryCode>S</ram:CategoryCode>\n"
        "        <ram:RateApplicablePercent>{}</ram:RateApplicablePercent>\n"
        "      </ram:ApplicableTradeTax>\n",
        amount(g.tax), amount(g.taxable), percent(g.rate));
  for (const auto& c : inv.charges) {
    put(out,
        "      <ram:SpecifiedTradeAllowanceCharge>\n        <ram:ChargeIndicator>\n"
        "          <udt:Indicator>{}</udt:Indicator>\n        </ram:ChargeIndicator>\n"
        "        <ram:ActualAmount>{}</ram:ActualAmount>\n",
        c.charge ? "true" : "false", amount(c.amount));
    if (!c.reason_code.empty())
      put(out, "        <ram:ReasonCode>{}</ram:ReasonCode>\n", c.reason_code);
    put(out, "        <ram:Reason>{}</ram:Reason>\n", esc(c.reason));
    cii_tax(out, "CategoryTradeTax", c.rate, "        ");
    put(out, "      </ram:SpecifiedTradeAllowanceCharge>\n");
  }
  put(out,
      "      <ram:SpecifiedTradePaymentTerms>\n        <ram:Description>{}</ram:Description>\n"
      "        <ram:DueDateDateTime>\n"
      "          <udt:DateTimeString format=\"102\">{}</udt:DateTimeString>\n"
      "        </ram:DueDateDateTime>\n      </ram:SpecifiedTradePaymentTerms>\n",
      kPaymentTerms, compact(inv.due));
  put(out,
      "      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>\n"
      "        <ram:LineTotalAmount>{}</ram:LineTotalAmount>\n",
      amount(inv.line_total));
  if (inv.charge_total)
    put(out, "        <ram:ChargeTotalAmount>{}</ram:ChargeTotalAmount>\n",
        amount(inv.charge_total));
  if (inv.allowance_total)
    put(out, "        <ram:AllowanceTotalAmount>{}</ram:AllowanceTotalAmount>\n",
        amount(inv.allowance_total));
  put(out,
      "        <ram:TaxBasisTotalAmount>{}</ram:TaxBasisTotalAmount>\n"
      "        <ram:TaxTotalAmount currencyID=\"EUR\">{}</ram:TaxTotalAmount>\n"
      "        <ram:GrandTotalAmount>{}</ram:GrandTotalAmount>\n",
      amount(inv.tax_exclusive), amount(inv.tax_total), amount(inv.tax_inclusive));
  if (inv.prepaid)
    put(out, "        <ram:TotalPrepaidAmount>{}</ram:TotalPrepaidAmount>\n", amount(inv.prepaid));
  put(out,
      "        <ram:DuePayableAmount>{}</ram:DuePayableAmount>\n"
      "      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>\n",
      amount(inv.payable));
  if (!inv.preceding_number.empty())
    put(out,
        "      <ram:InvoiceReferencedDocument>\n"
        "        <ram:IssuerAssignedID>{}</ram:IssuerAssignedID>\n"
        "        <ram:FormattedIssueDateTime>\n"
        "          <qdt:DateTimeString format=\"102\">{}</qdt:DateTimeString>\n"
        "        </ram:FormattedIssueDateTime>\n      </ram:InvoiceReferencedDocument>\n",
        inv.preceding_number, compact(inv.preceding_date));
  put(out,
      "    </ram:ApplicableHeaderTradeSettlement>\n  </rsm:SupplyChainTradeTransaction>\n"
      "</rsm:CrossIndustryInvoice>\n");
  return fmt::to_string(out);
}

// ---- the generator -----------------------------------------------------------------------------

struct Options {
  fs::path out;
  int invoices = 1000;
  std::uint64_t seed = 1;
  double invalid_percent = 5.0;
  int structures = 5000;
  int suppliers = 400;
  int partners = 4;
  int max_lines = 200;
  int zip_members = 0;
  fs::path xsd_dir;
};

// Lines per invoice: most invoices are short, a few are long (1 to max, about 60 % ≤ 3).
int line_count(Rng& rng, int max_lines) {
  const auto bucket = rng.range(0, 99);
  int n;
  if (bucket < 60)
    n = static_cast<int>(rng.range(1, 3));
  else if (bucket < 85)
    n = static_cast<int>(rng.range(4, 10));
  else if (bucket < 96)
    n = static_cast<int>(rng.range(11, 50));
  else
    n = static_cast<int>(rng.range(51, 200));
  return std::min(n, max_lines);
}

struct ManifestRow {
  std::string partner, file, syntax;
  std::size_t lines = 0, bytes = 0;
  std::string rules;  // "" = must be accepted
};

class Generator {
 public:
  explicit Generator(const Options& o) : opt_(o), rng_(o.seed) {}

  int run() {
    make_referential();
    make_suppliers();
    std::vector<ManifestRow> manifest;
    int invalid_seen = 0;
    for (int i = 0; i < opt_.invoices; ++i) {
      Invalid invalid = Invalid::none;
      const char* rules = "";
      // Exactly floor(N × percent / 100) invalid invoices, spread evenly, kinds in turn: every
      // kind is present as soon as there are as many invalid invoices as kinds.
      const double p = opt_.invalid_percent / 100.0;
      if (static_cast<long>((i + 1) * p) > static_cast<long>(i * p)) {
        const auto& k =
            kInvalidKinds[static_cast<std::size_t>(invalid_seen++) % kInvalidKinds.size()];
        invalid = k.kind;
        rules = k.rules;
      }
      manifest.push_back(write_invoice(i, invalid, rules));
    }
    write_referential_files();
    write_config();
    write_manifest(manifest);
    std::string kinds;
    for (const auto& k : kInvalidKinds) kinds += std::string(k.rules) + "\n";
    std::ofstream(opt_.out / "invalid-kinds.txt", std::ios::binary) << kinds;
    if (opt_.zip_members > 0) {
      if (!pack_zips(manifest)) return 2;
    }
    std::size_t bytes = 0, valid = 0;
    for (const auto& m : manifest) {
      bytes += m.bytes;
      valid += m.rules.empty();
    }
    fmt::print(
        "generated {} invoices ({} valid, {} invalid), {:.1f} MB; {} structures, {} services, "
        "{} engagements, {} suppliers; config {}\n",
        manifest.size(), valid, manifest.size() - valid, static_cast<double>(bytes) / 1e6,
        structures_.size(), service_count(), engagements_.size(), suppliers_.size(),
        (opt_.out / "fluxd.toml").string());
    return 0;
  }

 private:
  // Structures: mostly plain, then service-managed, engagement-managed, either, plus a few
  // inactive or not accepting EDI (addressed only by deliberately invalid invoices).
  void make_referential() {
    for (int i = 0; i < opt_.structures; ++i) {
      const auto r = rng_.range(0, 999);
      Kind kind = r < 560   ? Kind::plain
                  : r < 760 ? Kind::service
                  : r < 880 ? Kind::engagement
                  : r < 970 ? Kind::service_or_engagement
                  : r < 985 ? Kind::inactive
                            : Kind::no_edi;
      structures_.push_back(make_structure(rng_, sirets_, kind));
    }
    // Every kind at least once, whatever --structures says.
    for (Kind k : {Kind::plain, Kind::service, Kind::engagement, Kind::service_or_engagement,
                   Kind::inactive, Kind::no_edi})
      structures_.push_back(make_structure(rng_, sirets_, k));
    for (std::size_t i = 0; i < structures_.size(); ++i) by_kind_[structures_[i].kind].push_back(i);
    // Background engagements so the file is realistic beyond what the invoices use.
    for (std::size_t i : by_kind_[Kind::engagement]) {
      if (!rng_.chance(0.5)) continue;
      engagements_.push_back({next_engagement(), structures_[i].siret, "",
                              amount(rng_.range(50000, 5000000)), cost_centre(), domain(),
                              programme()});
    }
  }

  void make_suppliers() {
    std::vector<std::string> partners;
    for (int p = 0; p < opt_.partners; ++p)
      partners.push_back(p == 0  ? "AAA999"
                         : p % 2 ? fmt::format("OPE{:03}", 100 + p * 7)
                                 : fmt::format("ERP{:03}", 40 + p));
    partners_ = partners;
    for (int i = 0; i < opt_.suppliers; ++i) {
      Supplier s;
      s.sector =
          static_cast<std::size_t>(rng_.range(0, static_cast<std::int64_t>(sectors().size()) - 1));
      const std::string surname = rng_.pick(kSurnames);
      s.name =
          fmt::format("{} {} {}", sectors()[s.sector].activity, surname, rng_.pick(kLegalForms));
      s.siret = make_siret(rng_, std::to_string(rng_.range(3, 9)), sirets_);
      s.vat = french_vat(s.siret);
      s.iban = french_iban(rng_);
      s.bic = rng_.pick(kBics);
      s.address = address(rng_);
      s.phone = "0" + std::to_string(rng_.range(1, 5)) + rng_.digits(8);
      s.email = "facturation@" + slug(surname) + "-" + s.siret.substr(0, 5) + ".fr";
      // BT-1 prefix: the first three ASCII letters of the name ("LEM" for Lemoine).
      for (char c : surname)
        if (std::isalpha(static_cast<unsigned char>(c)) && s.prefix.size() < 3)
          s.prefix += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      s.partner = partners[static_cast<std::size_t>(i) % partners.size()];
      suppliers_.push_back(std::move(s));
    }
  }

  std::string next_engagement() {
    return fmt::format("EJ{:010}", ++engagement_seq_ + 2026000000LL);
  }
  std::string cost_centre() { return fmt::format("CC-{:04}", rng_.range(100, 9999)); }
  std::string domain() { return fmt::format("DF-{:04}", rng_.range(100, 999)); }
  std::string programme() {
    return fmt::format("P{:03}-{:02}", rng_.range(100, 400), rng_.range(1, 20));
  }

  const Structure& pick_structure(Kind kind) {
    const auto& list = by_kind_[kind];
    return structures_[list[static_cast<std::size_t>(
        rng_.range(0, static_cast<std::int64_t>(list.size()) - 1))]];
  }

  // A recipient a valid invoice may be sent to, weighted like the directory itself.
  const Structure& pick_valid_recipient() {
    for (;;) {
      const auto& s = structures_[static_cast<std::size_t>(
          rng_.range(0, static_cast<std::int64_t>(structures_.size()) - 1))];
      if (s.kind != Kind::inactive && s.kind != Kind::no_edi) return s;
    }
  }

  static Party party_of(const Structure& s) {
    return {s.siret, s.siret, s.name, "", s.phone, s.email, s.address};
  }

  ManifestRow write_invoice(int index, Invalid invalid, const char* rules) {
    Supplier& supplier = suppliers_[static_cast<std::size_t>(
        rng_.range(0, static_cast<std::int64_t>(suppliers_.size()) - 1))];
    Invoice inv;
    inv.invalid = invalid;
    inv.ubl = rng_.chance(0.5);
    inv.credit_note = rng_.chance(0.06);
    // Numbers are unique per supplier and year: the invoice key (supplier, BT-1, year) too.
    inv.number = fmt::format("{}{}-2026-{:06}", supplier.prefix, inv.credit_note ? "AV" : "F",
                             supplier.next_number++);
    using namespace std::chrono;
    const sys_days year_start = sys_days{2026y / January / 2};
    inv.issue = year_start + days{rng_.range(0, 300)};
    inv.delivery = inv.issue - days{rng_.range(0, 20)};
    inv.due = inv.issue + days{30};
    if (inv.credit_note) {
      inv.preceding_number = fmt::format("{}F-2025-{:06}", supplier.prefix, rng_.range(1, 999));
      inv.preceding_date = inv.issue - days{rng_.range(20, 200)};
    }
    inv.seller = {supplier.siret, supplier.siret, supplier.name,   supplier.vat,
                  supplier.phone, supplier.email, supplier.address};
    inv.iban = supplier.iban;
    inv.bic = supplier.bic;

    // The recipient and its BT-10 / BT-13, as the directory requires.
    const Structure* buyer = nullptr;
    switch (invalid) {
      case Invalid::recipient_inactive:
        buyer = &pick_structure(Kind::inactive);
        break;
      case Invalid::recipient_no_edi:
        buyer = &pick_structure(Kind::no_edi);
        break;
      case Invalid::service_missing:
        buyer = &pick_structure(Kind::service);
        break;
      case Invalid::engagement_missing:
        buyer = &pick_structure(Kind::engagement);
        break;
      case Invalid::service_unknown:
        buyer = &pick_structure(Kind::plain);
        break;
      default:
        buyer = &pick_valid_recipient();
    }
    inv.buyer = party_of(*buyer);
    address_as_required(inv, *buyer, supplier);
    switch (invalid) {
      case Invalid::service_missing:
        inv.buyer_reference.clear();
        inv.order_reference.clear();  // an EJ would not satisfy GestionService anyway
        break;
      case Invalid::engagement_missing:
        inv.order_reference.clear();
        break;
      case Invalid::service_unknown:
        inv.buyer_reference = "CANTINE";
        inv.order_reference.clear();
        break;
      case Invalid::recipient_unknown: {
        Structure ghost = make_structure(rng_, sirets_, Kind::plain);  // never written out
        inv.buyer = party_of(ghost);
        inv.buyer_reference.clear();
        inv.order_reference.clear();
        break;
      }
      case Invalid::recipient_siret:
        inv.buyer.siret = inv.buyer.legal_id = break_luhn(inv.buyer.siret);
        inv.buyer_reference.clear();
        inv.order_reference.clear();
        break;
      case Invalid::recipient_inactive:
      case Invalid::recipient_no_edi:
        inv.buyer_reference.clear();
        inv.order_reference.clear();
        break;
      default:
        break;
    }

    // Lines from the supplier's catalogue, one or two VAT rates per invoice as items dictate.
    const auto& sector = sectors()[supplier.sector];
    const int n = line_count(rng_, opt_.max_lines);
    for (int l = 0; l < n; ++l) {
      const Item& item = rng_.pick(sector.items);
      Line line;
      line.name = item.name;
      line.unit = item.unit;
      line.rate = item.rate;
      line.seller_ref =
          fmt::format("REF-{}-{:03}", supplier.prefix, (&item - sector.items.data()) + 1);
      line.quantity = rng_.range(1, item.max_quantity);
      line.price = rng_.range(item.min_cents, item.max_cents);
      inv.lines.push_back(std::move(line));
    }
    inv.compute();
    if (rng_.chance(0.15)) {  // a commercial discount on the main rate
      const auto& g = inv.vat.front();
      const std::int64_t discount = std::max<std::int64_t>(1, g.taxable * rng_.range(2, 5) / 100);
      inv.charges.push_back({false, discount, g.rate, "Remise commerciale", "95"});
    }
    if (rng_.chance(0.10))
      inv.charges.push_back(
          {true, rng_.range(1500, 4500), 2000, "Frais de port et d'emballage", ""});
    inv.compute();
    if (!inv.credit_note && rng_.chance(0.05)) {  // a 30 % deposit already paid (BT-113)
      inv.prepaid = inv.tax_inclusive * 3 / 10;
      inv.compute();
    }
    if (rng_.chance(0.4))
      inv.note =
          fmt::format("Livraison du {} — commande passée par {}.", iso(inv.delivery), buyer->name);

    // The one deliberate mistake in the amounts.
    if (invalid == Invalid::total_incl_vat) {
      inv.tax_inclusive += 100;
      inv.payable += 100;  // BT-115 follows BT-112, so only BR-CO-15 is broken
    } else if (invalid == Invalid::vat_amount) {
      inv.vat.front().tax += 500;  // BT-110, BT-112, BT-115 follow: only the breakdown is wrong
      inv.tax_total += 500;
      inv.tax_inclusive += 500;
      inv.payable += 500;
    }

    std::string xml = inv.ubl ? write_ubl(inv) : write_cii(inv);
    if (invalid == Invalid::truncated) xml.resize(xml.size() * 3 / 5);
    const std::string& partner = supplier.partner;
    const std::string syntax = inv.ubl ? (inv.credit_note ? "ubl-creditnote" : "ubl") : "cii";
    const std::string name = fmt::format("{:06}-{}-{}.xml", index + 1, syntax, inv.number);
    const fs::path file = opt_.out / "data" / "inbox" / partner / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << xml;
    return {partner, name, syntax, inv.lines.size(), xml.size(), rules};
  }

  // Sets BT-10 / BT-13 so that the recipient's rules are met (recorded engagements included).
  void address_as_required(Invoice& inv, const Structure& s, const Supplier& supplier) {
    const auto usable = s.usable_services();
    auto use_service = [&] {
      const Service* sv = usable[static_cast<std::size_t>(
          rng_.range(0, static_cast<std::int64_t>(usable.size()) - 1))];
      inv.buyer_reference = sv->code;
      if (sv->engagement_required) inv.order_reference = engagement_for(s, supplier);
    };
    switch (s.kind) {
      case Kind::service:
        use_service();
        break;
      case Kind::engagement:
        inv.order_reference = engagement_for(s, supplier);
        if (!usable.empty() && rng_.chance(0.3)) use_service();
        break;
      case Kind::service_or_engagement:
        if (rng_.chance(0.5))
          use_service();
        else
          inv.order_reference = engagement_for(s, supplier);
        break;
      default:
        if (!usable.empty() && rng_.chance(0.2)) use_service();
        if (inv.order_reference.empty() && rng_.chance(0.25))
          inv.order_reference = engagement_for(s, supplier);
    }
  }

  std::string engagement_for(const Structure& s, const Supplier& supplier) {
    engagements_.push_back({next_engagement(), s.siret, supplier.siret,
                            amount(rng_.range(10000, 2000000)), cost_centre(), domain(),
                            programme()});
    return engagements_.back().number;
  }

  std::size_t service_count() const {
    std::size_t n = 0;
    for (const auto& s : structures_) n += s.services.size();
    return n;
  }

  void write_referential_files() {
    const fs::path dir = opt_.out / "referential";
    fs::create_directories(dir);
    auto b = [](bool v) { return v ? "true" : "false"; };
    Buffer st;
    put(st,
        "TypeIdentifiant;Identifiant;RaisonSociale;EmetteurEdi;RecepteurEdi;"
        "GestionStatutMiseEnPaiement;GestionEngagement;GestionService;GestionServiceEngagement;"
        "EstMOA;EstMOAUniquement;StructureActive;Adresse;ComplementAdresse1;ComplementAdresse2;"
        "CodePostal;Ville;NumTelephone;Courriel;CodePays;LibellePays\n");
    Buffer sv;
    put(sv,
        "Identifiant;RaisonSociale;Code;Nom;GestionEGMT;ServiceActif;Adresse;ComplementAdresse1;"
        "ComplementAdresse2;CodePostal;Ville;NumTelephone;Courriel;CodePays;LibellePays;"
        "DateDebutValidite;DateFinValidite\n");
    for (const auto& s : structures_) {
      put(st, "SIRET;{};{};false;{};{};{};{};{};{};false;{};{};{};;{};{};{};{};FR;France\n",
          s.siret, s.name, b(s.kind != Kind::no_edi), b(s.payment_status),
          b(s.kind == Kind::engagement), b(s.kind == Kind::service),
          b(s.kind == Kind::service_or_engagement), b(s.moa), b(s.kind != Kind::inactive),
          s.address.street, s.address.street2, s.address.postcode, s.address.city, s.phone,
          s.email);
      for (const auto& x : s.services)
        put(sv, "{};{};{};{};{};{};{};{};;{};{};{};{};FR;France;{};{}\n", s.siret, s.name, x.code,
            x.name, b(x.engagement_required), b(x.active), s.address.street, s.address.street2,
            s.address.postcode, s.address.city, s.phone, s.email, x.valid_from, x.valid_to);
    }
    Buffer ej;
    put(ej,
        "NumeroEJ;IdentifiantStructure;IdentifiantFournisseur;MontantTTC;CentreDeCout;"
        "DomaineFonctionnel;ReferentielProgrammation\n");
    for (const auto& e : engagements_)
      put(ej, "{};{};{};{};{};{};{}\n", e.number, e.structure, e.supplier, e.amount, e.cost_centre,
          e.domain, e.programme);
    std::ofstream(dir / "structures.csv", std::ios::binary) << fmt::to_string(st);
    std::ofstream(dir / "services.csv", std::ios::binary) << fmt::to_string(sv);
    std::ofstream(dir / "engagements.csv", std::ios::binary) << fmt::to_string(ej);
  }

  void write_config() {
    Buffer c;
    put(c,
        "# Generated by fluxd-bench-generate --seed {} --invoices {}: a benchmark run's input.\n"
        "# Every path is relative to this file's folder.\n\n"
        "[data]\nroot = \"data\"\n\n"
        "[referential]\nstructures = \"referential/structures.csv\"\n"
        "services = \"referential/services.csv\"\n"
        "# referential/engagements.csv lists every EJ the invoices quote (not read by fluxd "
        "yet).\n\n",
        opt_.seed, opt_.invoices);
    if (!opt_.xsd_dir.empty())
      put(c, "[schemas]\nxsd_dir = \"{}\"\n\n",
          fs::absolute(opt_.xsd_dir).lexically_normal().string());
    put(c,
        "[limits]\nmax_flow_bytes = 1073741824\nmax_invoices_per_flow = 500\nmax_xml_depth = 64\n");
    for (const auto& p : partners_)
      put(c, "\n[[partners]]\ncode = \"{}\"\nname = \"Partenaire {}\"\n", p, p);
    std::ofstream(opt_.out / "fluxd.toml", std::ios::binary) << fmt::to_string(c);
  }

  void write_manifest(const std::vector<ManifestRow>& rows) {
    Buffer m;
    put(m, "partner;file;syntax;lines;bytes;rules\n");
    for (const auto& r : rows)
      put(m, "{};{};{};{};{};{}\n", r.partner, r.file, r.syntax, r.lines, r.bytes, r.rules);
    std::ofstream(opt_.out / "manifest.csv", std::ios::binary) << fmt::to_string(m);
  }

  // ZIP batches of at most --zip-members flows per partner, under zip/<partner>/ (not in the
  // inbox: fluxd has no ZIP intake yet and would refuse them as FLOW-UNKNOWN-FORMAT).
  bool pack_zips(const std::vector<ManifestRow>& rows) {
#ifdef FLUXD_BENCH_HAVE_LIBARCHIVE
    std::map<std::string, std::vector<const ManifestRow*>> by_partner;
    for (const auto& r : rows) by_partner[r.partner].push_back(&r);
    int zips = 0;
    for (const auto& [partner, list] : by_partner) {
      const fs::path dir = opt_.out / "zip" / partner;
      fs::create_directories(dir);
      for (std::size_t start = 0; start < list.size();
           start += static_cast<std::size_t>(opt_.zip_members)) {
        const fs::path zip =
            dir /
            fmt::format("batch-{:04}.zip", start / static_cast<std::size_t>(opt_.zip_members) + 1);
        archive* a = archive_write_new();
        archive_write_set_format_zip(a);
        if (archive_write_open_filename(a, zip.c_str()) != ARCHIVE_OK) {
          fmt::print(stderr, "fluxd-bench-generate: {}: {}\n", zip.string(),
                     archive_error_string(a));
          archive_write_free(a);
          return false;
        }
        const std::size_t end =
            std::min(list.size(), start + static_cast<std::size_t>(opt_.zip_members));
        for (std::size_t i = start; i < end; ++i) {
          std::ifstream in(opt_.out / "data" / "inbox" / partner / list[i]->file, std::ios::binary);
          const std::string bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
          archive_entry* e = archive_entry_new();
          archive_entry_set_pathname(e, list[i]->file.c_str());
          archive_entry_set_size(e, static_cast<la_int64_t>(bytes.size()));
          archive_entry_set_filetype(e, AE_IFREG);
          archive_entry_set_perm(e, 0644);
          archive_entry_set_mtime(e, 1790000000, 0);  // fixed: same seed, same bytes
          archive_write_header(a, e);
          archive_write_data(a, bytes.data(), bytes.size());
          archive_entry_free(e);
        }
        archive_write_close(a);
        archive_write_free(a);
        ++zips;
      }
    }
    fmt::print("packed {} ZIP batches (at most {} invoices each) under {}\n", zips,
               opt_.zip_members, (opt_.out / "zip").string());
    return true;
#else
    (void)rows;
    fmt::print(stderr,
               "fluxd-bench-generate: built without libarchive: --zip-members unavailable\n");
    return false;
#endif
  }

  const Options& opt_;
  Rng rng_;
  std::set<std::string> sirets_;
  std::vector<Structure> structures_;
  std::map<Kind, std::vector<std::size_t>> by_kind_;
  std::vector<Supplier> suppliers_;
  std::vector<std::string> partners_;
  std::vector<Engagement> engagements_;
  long long engagement_seq_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"fluxd-bench-generate — benchmark input: invoices, referential, fluxd.toml"};
  Options o;
#ifdef FLUXD_BENCH_DEFAULT_XSD_DIR
  // The corpus beside the checkout, when there is one.
  if (fs::is_directory(FLUXD_BENCH_DEFAULT_XSD_DIR))
    o.xsd_dir = fs::path(FLUXD_BENCH_DEFAULT_XSD_DIR).lexically_normal();
#endif
  cli.add_option("-o,--out", o.out, "output folder (created; must be empty or absent)")->required();
  cli.add_option("-n,--invoices", o.invoices, "number of invoices (one flow each)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cli.add_option("--seed", o.seed, "seed: same seed, same files")->capture_default_str();
  cli.add_option("--invalid-percent", o.invalid_percent, "share of deliberately invalid invoices")
      ->check(CLI::Range(0.0, 100.0))
      ->capture_default_str();
  cli.add_option("--structures", o.structures, "structures in the referential")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cli.add_option("--suppliers", o.suppliers, "distinct suppliers")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cli.add_option("--partners", o.partners, "partners (drop folders)")
      ->check(CLI::Range(1, 50))
      ->capture_default_str();
  cli.add_option("--max-lines", o.max_lines, "at most this many lines per invoice")
      ->check(CLI::Range(1, 200))
      ->capture_default_str();
  cli.add_option("--zip-members", o.zip_members,
                 "also pack the flows into ZIP batches of at most this many (0: no ZIP)")
      ->check(CLI::Range(0, 500))
      ->capture_default_str();
  cli.add_option("--xsd-dir", o.xsd_dir,
                 "official XSD folder written into fluxd.toml (empty: no [schemas])")
      ->capture_default_str();
  CLI11_PARSE(cli, argc, argv);

  std::error_code ec;
  if (fs::exists(o.out) && !fs::is_empty(o.out, ec)) {
    fmt::print(stderr, "fluxd-bench-generate: {} is not empty\n", o.out.string());
    return 1;
  }
  fs::create_directories(o.out);
  o.out = fs::canonical(o.out);
  try {
    return Generator(o).run();
  } catch (const std::exception& e) {
    fmt::print(stderr, "fluxd-bench-generate: {}\n", e.what());
    return 2;
  }
}
