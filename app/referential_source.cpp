#include "app/referential_source.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "model/durable.h"

namespace app {

namespace fs = std::filesystem;

namespace {

constexpr const char* kStructures = "structures.csv";
constexpr const char* kServices = "services.csv";
constexpr const char* kEngagements = "engagements.csv";

std::string yes_no(bool b) {
  return b ? "oui" : "non";
}

}  // namespace

std::atomic<bool> ReferentialSource::reload_requested_{false};

ReferentialLocation locate_referential(const Config& config) {
  std::error_code ec;
  const fs::path current = config.referential_dir / "current";
  // Resolved once: every file of a load comes from the same imported folder even if an
  // import switches `current` meanwhile.
  const fs::path set = fs::canonical(current, ec);
  if (!ec && fs::is_directory(set, ec)) {
    ReferentialLocation where{{set / kStructures, set / kServices, std::nullopt},
                              "imported set " + set.string()};
    if (fs::exists(set / kEngagements, ec)) where.files.engagements = set / kEngagements;
    return where;
  }
  return {{config.structures_csv, config.services_csv, config.engagements_csv}, "configuration"};
}

ReferentialSource::ReferentialSource(const Config& config)
    : config_(config), location_(locate_referential(config)) {}

std::vector<ReferentialSource::FileStamp> ReferentialSource::stamps() const {
  const auto where = locate_referential(config_);
  std::vector<FileStamp> out;
  std::vector<fs::path> files{where.files.structures, where.files.services};
  if (where.files.engagements) files.push_back(*where.files.engagements);
  for (const auto& file : files) {
    std::error_code ec;
    FileStamp stamp;
    stamp.resolved = fs::canonical(file, ec);
    if (ec) stamp.resolved = file;
    stamp.modified = fs::last_write_time(file, ec);
    stamp.size = ec ? 0 : fs::file_size(file, ec);
    out.push_back(std::move(stamp));
  }
  return out;
}

model::Status ReferentialSource::load() {
  location_ = locate_referential(config_);
  const auto before = stamps();
  auto loaded = route::load_referential(location_.files);
  if (!loaded) return loaded.error();
  // A file rewritten in place while we read it would give a mixed version: read again later.
  if (stamps() != before)
    return model::Error{"REF-CHANGING", "the referential files changed while being read"};
  current_ = std::make_shared<const model::Referential>(std::move(loaded->referential));
  bad_rows_ = std::move(loaded->bad_rows);
  loaded_stamps_ = before;
  return model::Ok{};
}

std::optional<std::string> ReferentialSource::refresh() {
  const bool asked = reload_requested_.exchange(false);
  if (!asked && stamps() == loaded_stamps_) return std::nullopt;
  const std::string before = current_ ? current_->version() : "";
  if (auto loaded = load(); !loaded)
    return fmt::format("referential reload failed, version {} stays in force: {}: {}", before,
                       loaded.error().code, loaded.error().message);
  return fmt::format(
      "referential reloaded ({}): version {} → {}, {} structures, {} services{}", location_.origin,
      before, current_->version(), current_->structure_count(), current_->service_count(),
      current_->has_engagements() ? fmt::format(", {} engagements", current_->engagement_count())
                                  : "");
}

void ReferentialSource::request_reload() {
  reload_requested_.store(true);
}

model::Result<ImportResult> import_referential(const Config& config,
                                               const route::ReferentialFiles& files) {
  auto loaded = route::load_referential(files);
  if (!loaded) return loaded.error();
  ImportResult result;
  const auto& ref = loaded->referential;
  result.version = ref.version();
  result.structures = ref.structure_count();
  result.services = ref.service_count();
  result.engagements = ref.engagement_count();
  result.has_engagements = ref.has_engagements();
  result.bad_rows = std::move(loaded->bad_rows);

  // Copies first, into a folder no reader looks at; then one rename makes them a set.
  const fs::path root = config.referential_dir;
  result.installed = root / result.version;
  std::error_code ec;
  if (!fs::is_directory(result.installed, ec)) {
    const fs::path staging = root / fmt::format(".import-{}", ::getpid());
    fs::remove_all(staging, ec);
    std::vector<std::pair<fs::path, const char*>> copies{{files.structures, kStructures},
                                                         {files.services, kServices}};
    if (files.engagements) copies.emplace_back(*files.engagements, kEngagements);
    for (const auto& [from, name] : copies) {
      auto bytes = model::read_file(from);
      if (!bytes) return bytes.error();
      if (auto written = model::write_file_durably(staging / name, *bytes); !written)
        return written.error();
    }
    if (auto moved = model::move_durably(staging, result.installed); !moved) return moved.error();
  }
  // `current` switches to the complete set in one atomic rename of a symlink.
  const fs::path link = root / fmt::format(".current-{}", ::getpid());
  fs::remove(link, ec);
  fs::create_directory_symlink(result.version, link, ec);
  if (ec) return model::Error{"IO-WRITE", fmt::format("{}: {}", link.string(), ec.message())};
  if (auto switched = model::move_durably(link, root / "current"); !switched)
    return switched.error();

  // Keep the three newest sets (the current one among them) for a quick way back.
  std::vector<std::pair<fs::file_time_type, fs::path>> sets;
  for (const auto& entry : fs::directory_iterator(root, ec))
    if (entry.is_directory() && !entry.is_symlink() &&
        !entry.path().filename().string().starts_with("."))
      sets.emplace_back(entry.last_write_time(), entry.path());
  std::sort(sets.begin(), sets.end(), [](const auto& a, const auto& b) { return a > b; });
  for (std::size_t i = 3; i < sets.size(); ++i)
    if (sets[i].second != result.installed) fs::remove_all(sets[i].second, ec);
  return result;
}

std::string structure_text(const model::Referential& referential, const model::Structure& s) {
  std::string out = fmt::format(
      "{} {} — {}\n"
      "  adresse: {}{}{}\n"
      "  active: {}   reçoit l'EDI: {}   émet l'EDI: {}   statut mise en paiement: {}\n"
      "  service obligatoire: {}   engagement obligatoire: {}   service ou engagement: {}\n"
      "  MOA: {}   MOA uniquement: {}\n",
      s.id_type, s.id, s.name, s.address, s.postal_code.empty() ? "" : ", " + s.postal_code,
      s.city.empty() ? "" : " " + s.city, yes_no(s.active), yes_no(s.receiver_edi),
      yes_no(s.emitter_edi), yes_no(s.manages_payment_status), yes_no(s.service_required),
      yes_no(s.engagement_required), yes_no(s.service_or_engagement), yes_no(s.moa),
      yes_no(s.moa_only));
  const auto services = referential.services_of(s.id);
  out += fmt::format("  services ({}):\n", services.size());
  for (const auto* sv : services)
    out += fmt::format("    {:<16} {:<40} actif: {}  engagement obligatoire: {}{}\n", sv->code,
                       sv->name, yes_no(sv->active), yes_no(sv->engagement_required),
                       sv->valid_from.empty() && sv->valid_to.empty()
                           ? ""
                           : fmt::format("  valide: {} → {}", sv->valid_from, sv->valid_to));
  if (!referential.has_engagements()) {
    out += "  engagements: pas de fichier d'engagements chargé\n";
  } else {
    const auto ejs = referential.engagements_of(s.id);
    out += fmt::format("  engagements ({}):\n", ejs.size());
    for (const auto* e : ejs)
      out += fmt::format("    {:<16} fournisseur: {:<14} TTC: {:<12} {} / {} / {}\n", e->number,
                         e->supplier_id.empty() ? "-" : e->supplier_id, e->amount_incl_tax,
                         e->cost_centre, e->functional_domain, e->programming_ref);
  }
  out += fmt::format("  version du référentiel: {}\n", referential.version());
  return out;
}

std::string structure_json(const model::Referential& referential, const model::Structure& s) {
  nlohmann::ordered_json j;
  j["id_type"] = s.id_type;
  j["id"] = s.id;
  j["name"] = s.name;
  j["address"] = s.address;
  j["postal_code"] = s.postal_code;
  j["city"] = s.city;
  j["email"] = s.email;
  j["country"] = s.country;
  j["active"] = s.active;
  j["receiver_edi"] = s.receiver_edi;
  j["emitter_edi"] = s.emitter_edi;
  j["manages_payment_status"] = s.manages_payment_status;
  j["service_required"] = s.service_required;
  j["engagement_required"] = s.engagement_required;
  j["service_or_engagement"] = s.service_or_engagement;
  j["moa"] = s.moa;
  j["moa_only"] = s.moa_only;
  j["services"] = nlohmann::ordered_json::array();
  for (const auto* sv : referential.services_of(s.id))
    j["services"].push_back({{"code", sv->code},
                             {"name", sv->name},
                             {"active", sv->active},
                             {"engagement_required", sv->engagement_required},
                             {"valid_from", sv->valid_from},
                             {"valid_to", sv->valid_to}});
  if (referential.has_engagements()) {
    j["engagements"] = nlohmann::ordered_json::array();
    for (const auto* e : referential.engagements_of(s.id))
      j["engagements"].push_back({{"number", e->number},
                                  {"supplier_id", e->supplier_id},
                                  {"amount_incl_tax", e->amount_incl_tax},
                                  {"cost_centre", e->cost_centre},
                                  {"functional_domain", e->functional_domain},
                                  {"programming_ref", e->programming_ref}});
  } else {
    j["engagements"] = nullptr;  // no engagement file loaded: unknown, not "none"
  }
  j["referential_version"] = referential.version();
  return j.dump(2) + "\n";
}

}  // namespace app
