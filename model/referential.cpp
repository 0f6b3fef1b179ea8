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
                         std::string version)
    : structures_(std::move(structures)),
      services_(std::move(services)),
      version_(std::move(version)) {
  by_id_.reserve(structures_.size());
  for (std::size_t i = 0; i < structures_.size(); ++i) by_id_[structures_[i].id] = i;
  by_service_.reserve(services_.size());
  for (std::size_t i = 0; i < services_.size(); ++i)
    by_service_[service_key(services_[i].structure_id, services_[i].code)] = i;
}

const Structure* Referential::structure(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : &structures_[it->second];
}

const Service* Referential::service(std::string_view structure_id, std::string_view code) const {
  auto it = by_service_.find(service_key(structure_id, code));
  return it == by_service_.end() ? nullptr : &services_[it->second];
}

}  // namespace model
