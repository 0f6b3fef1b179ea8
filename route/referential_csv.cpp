#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <unordered_map>

#include "route/route.h"

namespace route {

namespace fs = std::filesystem;

namespace {

// One `;`-separated line into `fields` (reused between rows to spare allocations); fields may
// be double-quoted with "" as an escaped quote.
void split_fields(std::string_view line, std::vector<std::string>& fields) {
  std::size_t n = 0;
  auto field = [&]() -> std::string& {
    if (n == fields.size()) fields.emplace_back();
    return fields[n];
  };
  field().clear();
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field() += c;
      }
    } else if (c == '"' && field().empty()) {
      quoted = true;
    } else if (c == ';') {
      ++n;
      field().clear();
    } else {
      field() += c;
    }
  }
  fields.resize(n + 1);
}

std::optional<bool> parse_bool(std::string_view text) {
  std::string t(text);
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
  if (t == "true" || t == "1" || t == "oui") return true;
  if (t == "false" || t == "0" || t == "non" || t.empty()) return false;
  return std::nullopt;
}

// A CSV file with a header row. Columns are found by name once; rows are then read by index.
class CsvTable {
 public:
  static model::Result<CsvTable> open(const fs::path& file,
                                      std::initializer_list<std::string_view> required) {
    CsvTable table;
    table.name_ = file.filename().string();
    table.in_.open(file, std::ios::binary);
    if (!table.in_) return model::Error{"REF-READ", file.string() + ": cannot open"};
    std::string header;
    if (!std::getline(table.in_, header))
      return model::Error{"REF-FORMAT", file.string() + ": empty file"};
    if (header.rfind("\xEF\xBB\xBF", 0) == 0) header.erase(0, 3);  // UTF-8 BOM
    if (!header.empty() && header.back() == '\r') header.pop_back();
    split_fields(header, table.names_);
    for (auto column : required)
      if (!table.column(column))
        return model::Error{"REF-FORMAT",
                            file.string() + ": missing column '" + std::string(column) + "'"};
    return table;
  }

  // Index of a column by its header name; nullopt when the file has no such column.
  std::optional<std::size_t> column(std::string_view name) const {
    for (std::size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == name) return i;
    return std::nullopt;
  }

  // Next non-empty row with as many fields as the header; rows of another width are
  // reported in `bad_rows` and skipped. False at end of file.
  bool next(std::vector<std::string>& bad_rows) {
    while (std::getline(in_, line_)) {
      ++line_number_;
      if (!line_.empty() && line_.back() == '\r') line_.pop_back();
      if (line_.empty()) continue;
      split_fields(line_, row_);
      if (row_.size() == names_.size()) return true;
      bad_rows.push_back(where() + ": " + std::to_string(row_.size()) + " fields, header has " +
                         std::to_string(names_.size()));
    }
    return false;
  }

  const std::string& get(std::size_t column) const { return row_[column]; }
  std::string get(std::optional<std::size_t> column) const {
    return column ? row_[*column] : std::string();
  }

  std::string where() const { return name_ + ":" + std::to_string(line_number_ + 1); }

 private:
  std::ifstream in_;
  std::string name_;
  std::vector<std::string> names_;
  std::string line_;
  std::vector<std::string> row_;
  std::size_t line_number_ = 0;  // data lines read after the header
};

// A boolean column and the field it fills; the first bad value makes the row bad.
struct BoolColumn {
  std::size_t column;
  std::string_view name;
  bool* field;
};
std::optional<std::string> read_bools(const CsvTable& table,
                                      std::initializer_list<BoolColumn> cols) {
  for (const auto& col : cols) {
    auto value = parse_bool(table.get(col.column));
    if (!value) return std::string(col.name) + " is not a boolean: '" + table.get(col.column) + "'";
    *col.field = *value;
  }
  return std::nullopt;
}

bool is_iso_date_or_empty(std::string_view d) {
  if (d.empty()) return true;
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(d[i]))) return false;
  return true;
}

// FNV-1a over the files: cheap, stable name for "which referential was this".
std::string version_of(std::initializer_list<const fs::path*> files) {
  std::uint64_t h = 1469598103934665603ull;
  std::vector<char> buf(1 << 16);
  for (const fs::path* file : files) {
    if (!file) continue;
    std::ifstream in(*file, std::ios::binary);
    while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0) {
      for (std::streamsize i = 0; i < in.gcount(); ++i) {
        h ^= static_cast<unsigned char>(buf[static_cast<std::size_t>(i)]);
        h *= 1099511628211ull;
      }
    }
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

// A column the open() call required: present by construction.
std::size_t col(const CsvTable& t, std::string_view name) {
  return *t.column(name);
}

std::string joined_address(const CsvTable& t) {
  std::string out;
  for (auto name : {"Adresse", "ComplementAdresse1", "ComplementAdresse2"}) {
    auto value = t.get(t.column(name));
    if (value.empty()) continue;
    if (!out.empty()) out += ", ";
    out += value;
  }
  return out;
}

model::Result<std::vector<model::Structure>> read_structures(const fs::path& file,
                                                             std::vector<std::string>& bad_rows) {
  auto st = CsvTable::open(
      file, {"TypeIdentifiant", "Identifiant", "RaisonSociale", "EmetteurEdi", "RecepteurEdi",
             "GestionStatutMiseEnPaiement", "GestionEngagement", "GestionService",
             "GestionServiceEngagement", "EstMOA", "EstMOAUniquement", "StructureActive"});
  if (!st) return st.error();
  const std::size_t type = col(*st, "TypeIdentifiant"), id = col(*st, "Identifiant"),
                    name = col(*st, "RaisonSociale"), emitter = col(*st, "EmetteurEdi"),
                    receiver = col(*st, "RecepteurEdi"),
                    payment = col(*st, "GestionStatutMiseEnPaiement"),
                    engagement = col(*st, "GestionEngagement"),
                    service = col(*st, "GestionService"),
                    either = col(*st, "GestionServiceEngagement"), moa = col(*st, "EstMOA"),
                    moa_only = col(*st, "EstMOAUniquement"), active = col(*st, "StructureActive");
  const auto postal = st->column("CodePostal"), city = st->column("Ville"),
             email = st->column("Courriel"), country = st->column("CodePays");
  std::vector<model::Structure> structures;
  while (st->next(bad_rows)) {
    model::Structure s;
    s.id_type = st->get(type);
    s.id = st->get(id);
    if (s.id.empty()) {
      bad_rows.push_back(st->where() + ": empty Identifiant");
      continue;
    }
    if (auto bad =
            read_bools(*st, {{emitter, "EmetteurEdi", &s.emitter_edi},
                             {receiver, "RecepteurEdi", &s.receiver_edi},
                             {payment, "GestionStatutMiseEnPaiement", &s.manages_payment_status},
                             {engagement, "GestionEngagement", &s.engagement_required},
                             {service, "GestionService", &s.service_required},
                             {either, "GestionServiceEngagement", &s.service_or_engagement},
                             {moa, "EstMOA", &s.moa},
                             {moa_only, "EstMOAUniquement", &s.moa_only},
                             {active, "StructureActive", &s.active}})) {
      bad_rows.push_back(st->where() + ": " + *bad);
      continue;
    }
    s.name = st->get(name);
    s.address = joined_address(*st);
    s.postal_code = st->get(postal);
    s.city = st->get(city);
    s.email = st->get(email);
    s.country = st->get(country);
    structures.push_back(std::move(s));
  }
  return structures;
}

model::Result<std::vector<model::Service>> read_services(const fs::path& file,
                                                         std::vector<std::string>& bad_rows) {
  auto sv = CsvTable::open(file, {"Identifiant", "Code", "Nom", "GestionEGMT", "ServiceActif"});
  if (!sv) return sv.error();
  const std::size_t id = col(*sv, "Identifiant"), code = col(*sv, "Code"), name = col(*sv, "Nom"),
                    egmt = col(*sv, "GestionEGMT"), active = col(*sv, "ServiceActif");
  const auto from = sv->column("DateDebutValidite"), to = sv->column("DateFinValidite");
  std::vector<model::Service> services;
  while (sv->next(bad_rows)) {
    model::Service s;
    s.structure_id = sv->get(id);
    s.code = sv->get(code);
    s.valid_from = sv->get(from);
    s.valid_to = sv->get(to);
    if (s.structure_id.empty() || s.code.empty()) {
      bad_rows.push_back(sv->where() + ": empty Identifiant or Code");
      continue;
    }
    if (!is_iso_date_or_empty(s.valid_from) || !is_iso_date_or_empty(s.valid_to)) {
      bad_rows.push_back(sv->where() + ": validity dates must be YYYY-MM-DD");
      continue;
    }
    if (auto bad = read_bools(*sv, {{egmt, "GestionEGMT", &s.engagement_required},
                                    {active, "ServiceActif", &s.active}})) {
      bad_rows.push_back(sv->where() + ": " + *bad);
      continue;
    }
    s.name = sv->get(name);
    services.push_back(std::move(s));
  }
  return services;
}

model::Result<std::vector<model::Engagement>> read_engagements(const fs::path& file,
                                                               std::vector<std::string>& bad_rows) {
  auto ej = CsvTable::open(file, {"NumeroEJ", "IdentifiantStructure"});
  if (!ej) return ej.error();
  const std::size_t number = col(*ej, "NumeroEJ"), structure = col(*ej, "IdentifiantStructure");
  const auto supplier = ej->column("IdentifiantFournisseur"), amount = ej->column("MontantTTC"),
             centre = ej->column("CentreDeCout"), domain = ej->column("DomaineFonctionnel"),
             programme = ej->column("ReferentielProgrammation");
  std::vector<model::Engagement> engagements;
  while (ej->next(bad_rows)) {
    model::Engagement e;
    e.number = ej->get(number);
    e.structure_id = ej->get(structure);
    if (e.number.empty() || e.structure_id.empty()) {
      bad_rows.push_back(ej->where() + ": empty NumeroEJ or IdentifiantStructure");
      continue;
    }
    e.supplier_id = ej->get(supplier);
    e.amount_incl_tax = ej->get(amount);
    e.cost_centre = ej->get(centre);
    e.functional_domain = ej->get(domain);
    e.programming_ref = ej->get(programme);
    engagements.push_back(std::move(e));
  }
  return engagements;
}

}  // namespace

model::Result<LoadedReferential> load_referential(const ReferentialFiles& files) {
  std::vector<std::string> bad_rows;
  auto structures = read_structures(files.structures, bad_rows);
  if (!structures) return structures.error();
  auto services = read_services(files.services, bad_rows);
  if (!services) return services.error();
  std::optional<std::vector<model::Engagement>> engagements;
  if (files.engagements) {
    auto read = read_engagements(*files.engagements, bad_rows);
    if (!read) return read.error();
    engagements = std::move(*read);
  }
  auto version = version_of(
      {&files.structures, &files.services, files.engagements ? &*files.engagements : nullptr});
  return LoadedReferential{model::Referential(std::move(*structures), std::move(*services),
                                              std::move(version), std::move(engagements)),
                           std::move(bad_rows)};
}

model::Result<LoadedReferential> load_referential(const fs::path& structures_csv,
                                                  const fs::path& services_csv) {
  return load_referential(ReferentialFiles{structures_csv, services_csv, std::nullopt});
}

}  // namespace route
