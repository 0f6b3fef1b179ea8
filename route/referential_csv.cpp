#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <unordered_map>

#include "route/route.h"

namespace route {

namespace fs = std::filesystem;

namespace {

// One `;`-separated line; fields may be double-quoted with "" as an escaped quote.
std::vector<std::string> split_fields(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"' && fields.back().empty()) {
      quoted = true;
    } else if (c == ';') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

std::optional<bool> parse_bool(std::string_view text) {
  std::string t(text);
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
  if (t == "true" || t == "1" || t == "oui") return true;
  if (t == "false" || t == "0" || t == "non" || t.empty()) return false;
  return std::nullopt;
}

// A CSV file with a header row; rows are handed out as name → value lookups.
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
    auto names = split_fields(header);
    for (std::size_t i = 0; i < names.size(); ++i) table.columns_[names[i]] = i;
    for (auto column : required)
      if (!table.columns_.contains(std::string(column)))
        return model::Error{"REF-FORMAT",
                            file.string() + ": missing column '" + std::string(column) + "'"};
    return table;
  }

  // Next non-empty row with as many fields as the header; rows of another width are
  // reported in `bad_rows` and skipped. False at end of file.
  bool next(std::vector<std::string>& bad_rows) {
    std::string line;
    while (std::getline(in_, line)) {
      ++line_number_;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      row_ = split_fields(line);
      if (row_.size() == columns_.size()) return true;
      bad_rows.push_back(where() + ": " + std::to_string(row_.size()) + " fields, header has " +
                         std::to_string(columns_.size()));
    }
    return false;
  }

  std::string get(std::string_view column) const {
    auto it = columns_.find(std::string(column));
    if (it == columns_.end() || it->second >= row_.size()) return {};
    return row_[it->second];
  }

  std::string where() const { return name_ + ":" + std::to_string(line_number_ + 1); }

 private:
  std::ifstream in_;
  std::string name_;
  std::unordered_map<std::string, std::size_t> columns_;
  std::vector<std::string> row_;
  std::size_t line_number_ = 0;  // data lines read after the header
};

// Reads the named boolean columns into the given fields; the first bad value is an error.
struct BoolColumn {
  std::string_view name;
  bool* field;
};
std::optional<std::string> read_bools(const CsvTable& table,
                                      std::initializer_list<BoolColumn> cols) {
  for (const auto& col : cols) {
    auto value = parse_bool(table.get(col.name));
    if (!value) return std::string(col.name) + " is not a boolean: '" + table.get(col.name) + "'";
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

// FNV-1a over both files: cheap, stable name for "which referential was this".
std::string version_of(const fs::path& a, const fs::path& b) {
  std::uint64_t h = 1469598103934665603ull;
  for (const auto& file : {a, b}) {
    std::ifstream in(file, std::ios::binary);
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
      for (std::streamsize i = 0; i < in.gcount(); ++i) {
        h ^= static_cast<unsigned char>(buf[i]);
        h *= 1099511628211ull;
      }
    }
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

}  // namespace

model::Result<LoadedReferential> load_referential(const fs::path& structures_csv,
                                                  const fs::path& services_csv) {
  std::vector<std::string> bad_rows;

  auto st = CsvTable::open(
      structures_csv,
      {"TypeIdentifiant", "Identifiant", "RaisonSociale", "EmetteurEdi", "RecepteurEdi",
       "GestionStatutMiseEnPaiement", "GestionEngagement", "GestionService",
       "GestionServiceEngagement", "EstMOA", "EstMOAUniquement", "StructureActive"});
  if (!st) return st.error();
  std::vector<model::Structure> structures;
  while (st->next(bad_rows)) {
    model::Structure s;
    s.id_type = st->get("TypeIdentifiant");
    s.id = st->get("Identifiant");
    s.name = st->get("RaisonSociale");
    if (s.id.empty()) {
      bad_rows.push_back(st->where() + ": empty Identifiant");
      continue;
    }
    if (auto bad = read_bools(*st, {{"EmetteurEdi", &s.emitter_edi},
                                    {"RecepteurEdi", &s.receiver_edi},
                                    {"GestionStatutMiseEnPaiement", &s.manages_payment_status},
                                    {"GestionEngagement", &s.engagement_required},
                                    {"GestionService", &s.service_required},
                                    {"GestionServiceEngagement", &s.service_or_engagement},
                                    {"EstMOA", &s.moa},
                                    {"EstMOAUniquement", &s.moa_only},
                                    {"StructureActive", &s.active}})) {
      bad_rows.push_back(st->where() + ": " + *bad);
      continue;
    }
    structures.push_back(std::move(s));
  }

  auto sv =
      CsvTable::open(services_csv, {"Identifiant", "Code", "Nom", "GestionEGMT", "ServiceActif"});
  if (!sv) return sv.error();
  std::vector<model::Service> services;
  while (sv->next(bad_rows)) {
    model::Service s;
    s.structure_id = sv->get("Identifiant");
    s.code = sv->get("Code");
    s.name = sv->get("Nom");
    s.valid_from = sv->get("DateDebutValidite");
    s.valid_to = sv->get("DateFinValidite");
    if (s.structure_id.empty() || s.code.empty()) {
      bad_rows.push_back(sv->where() + ": empty Identifiant or Code");
      continue;
    }
    if (!is_iso_date_or_empty(s.valid_from) || !is_iso_date_or_empty(s.valid_to)) {
      bad_rows.push_back(sv->where() + ": validity dates must be YYYY-MM-DD");
      continue;
    }
    if (auto bad = read_bools(
            *sv, {{"GestionEGMT", &s.engagement_required}, {"ServiceActif", &s.active}})) {
      bad_rows.push_back(sv->where() + ": " + *bad);
      continue;
    }
    services.push_back(std::move(s));
  }

  return LoadedReferential{model::Referential(std::move(structures), std::move(services),
                                              version_of(structures_csv, services_csv)),
                           std::move(bad_rows)};
}

}  // namespace route
