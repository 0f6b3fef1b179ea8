#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace model {

// One recipient structure of the directory (DOMAIN.md "Structures" file).
struct Structure {
  std::string id_type;                  // TypeIdentifiant, e.g. "SIRET"
  std::string id;                       // Identifiant
  std::string name;                     // RaisonSociale
  bool emitter_edi = false;             // EmetteurEdi
  bool receiver_edi = false;            // RecepteurEdi
  bool manages_payment_status = false;  // GestionStatutMiseEnPaiement
  bool engagement_required = false;     // GestionEngagement
  bool service_required = false;        // GestionService
  bool service_or_engagement = false;   // GestionServiceEngagement
  bool moa = false;                     // EstMOA
  bool moa_only = false;                // EstMOAUniquement
  bool active = false;                  // StructureActive
};

// One service of a structure (DOMAIN.md "Services" file).
struct Service {
  std::string structure_id;          // Identifiant
  std::string code;                  // Code
  std::string name;                  // Nom
  bool engagement_required = false;  // GestionEGMT
  bool active = false;               // ServiceActif
  std::string valid_from;            // DateDebutValidite, ISO date or empty
  std::string valid_to;              // DateFinValidite, ISO date or empty
};

// Read-only index over one consistent version of the referential. Cheap lookups by
// structure id and by (structure id, service code).
class Referential {
 public:
  Referential() = default;
  Referential(std::vector<Structure> structures, std::vector<Service> services,
              std::string version);

  const Structure* structure(std::string_view id) const;
  const Service* service(std::string_view structure_id, std::string_view code) const;
  std::size_t structure_count() const { return structures_.size(); }
  std::size_t service_count() const { return services_.size(); }
  // Names the version an invoice was checked against (e.g. a hash of the loaded files).
  const std::string& version() const { return version_; }

 private:
  std::vector<Structure> structures_;
  std::vector<Service> services_;
  std::unordered_map<std::string, std::size_t> by_id_;
  std::unordered_map<std::string, std::size_t> by_service_;  // key: id + '\x1f' + code
  std::string version_;
};

}  // namespace model
