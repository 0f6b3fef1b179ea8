#include "model/referential.h"

namespace model {

namespace {
std::string service_key(std::string_view structure_id, std::string_view code) {
  std::string key(structure_id);
  key += '\x1f';
  key += code;
  return key;
}
}  // namespace

Referential::Referential(std::vector<Structure> structures, std::vector<Service> services,
                         std::string version, std::optional<std::vector<Engagement>> engagements)
    : structures_(std::move(structures)),
      services_(std::move(services)),
      engagements_(engagements ? std::move(*engagements) : std::vector<Engagement>{}),
      has_engagements_(engagements.has_value()),
      version_(std::move(version)) {
  by_id_.reserve(structures_.size());
  for (std::size_t i = 0; i < structures_.size(); ++i) by_id_[structures_[i].id] = i;
  by_service_.reserve(services_.size());
  for (std::size_t i = 0; i < services_.size(); ++i)
    by_service_[service_key(services_[i].structure_id, services_[i].code)] = i;
  by_engagement_.reserve(engagements_.size());
  for (std::size_t i = 0; i < engagements_.size(); ++i) by_engagement_[engagements_[i].number] = i;
}

const Structure* Referential::structure(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : &structures_[it->second];
}

const Service* Referential::service(std::string_view structure_id, std::string_view code) const {
  auto it = by_service_.find(service_key(structure_id, code));
  return it == by_service_.end() ? nullptr : &services_[it->second];
}

const Engagement* Referential::engagement(std::string_view number) const {
  auto it = by_engagement_.find(std::string(number));
  return it == by_engagement_.end() ? nullptr : &engagements_[it->second];
}

// Scans: only `fluxd referential show` asks, so no index is kept for it.
std::vector<const Service*> Referential::services_of(std::string_view structure_id) const {
  std::vector<const Service*> found;
  for (const auto& s : services_)
    if (s.structure_id == structure_id) found.push_back(&s);
  return found;
}

std::vector<const Engagement*> Referential::engagements_of(std::string_view structure_id) const {
  std::vector<const Engagement*> found;
  for (const auto& e : engagements_)
    if (e.structure_id == structure_id) found.push_back(&e);
  return found;
}

}  // namespace model
