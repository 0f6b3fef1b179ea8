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
  // Postal and contact details, shown by `fluxd referential show`.
  std::string address;      // Adresse (+ ComplementAdresse1/2, joined by ", ")
  std::string postal_code;  // CodePostal
  std::string city;         // Ville
  std::string email;        // Courriel
  std::string country;      // CodePays
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

// One legal commitment (engagement juridique, EJ) with its budget frame (DOMAIN.md
// "Engagements" file, fluxd's own).
struct Engagement {
  std::string number;             // NumeroEJ
  std::string structure_id;       // IdentifiantStructure: the buyer it belongs to
  std::string supplier_id;        // IdentifiantFournisseur, empty when not tied to a supplier
  std::string amount_incl_tax;    // MontantTTC as written
  std::string cost_centre;        // CentreDeCout
  std::string functional_domain;  // DomaineFonctionnel
  std::string programming_ref;    // ReferentielProgrammation
};

// Read-only index over one consistent version of the referential. Cheap lookups by
// structure id and by (structure id, service code).
class Referential {
 public:
  Referential() = default;
  // `engagements` absent: no engagement file is loaded, so engagements are not checked.
  Referential(std::vector<Structure> structures, std::vector<Service> services, std::string version,
              std::optional<std::vector<Engagement>> engagements = std::nullopt);

  const Structure* structure(std::string_view id) const;
  const Service* service(std::string_view structure_id, std::string_view code) const;
  const Engagement* engagement(std::string_view number) const;
  // The services of one structure, in file order.
  std::vector<const Service*> services_of(std::string_view structure_id) const;
  std::vector<const Engagement*> engagements_of(std::string_view structure_id) const;
  bool has_engagements() const { return has_engagements_; }
  std::size_t structure_count() const { return structures_.size(); }
  std::size_t service_count() const { return services_.size(); }
  std::size_t engagement_count() const { return engagements_.size(); }
  // Names the version an invoice was checked against (e.g. a hash of the loaded files).
  const std::string& version() const { return version_; }

 private:
  std::vector<Structure> structures_;
  std::vector<Service> services_;
  std::vector<Engagement> engagements_;
  bool has_engagements_ = false;
  std::unordered_map<std::string, std::size_t> by_id_;
  std::unordered_map<std::string, std::size_t> by_service_;  // key: id + '\x1f' + code
  std::unordered_map<std::string, std::size_t> by_engagement_;
  std::string version_;
};

}  // namespace model
