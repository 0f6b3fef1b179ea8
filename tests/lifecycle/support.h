// Shared helpers of the lifecycle tests: a fresh temp folder per test, sample data, and every
// status value (to walk the transition tables).
#pragma once

#include <stdlib.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "lifecycle/lifecycle.h"

// Boost.Test prints compared values; show statuses by their code.
namespace model {
inline std::ostream& boost_test_print_type(std::ostream& out, FlowStatus s) {
  return out << to_code(s);
}
inline std::ostream& boost_test_print_type(std::ostream& out, InvoiceStatus s) {
  return out << to_code(s);
}
inline std::ostream& boost_test_print_type(std::ostream& out, Severity s) {
  return out << to_string(s);
}
}  // namespace model

namespace lifecycle_test {

using model::FlowStatus;
using model::InvoiceStatus;

inline constexpr std::array kAllFlowStatuses{
    FlowStatus::recu,   FlowStatus::en_cours,  FlowStatus::integre, FlowStatus::integre_partiel,
    FlowStatus::rejete, FlowStatus::incidente,
};

inline constexpr std::array kAllInvoiceStatuses{
    InvoiceStatus::deposee,
    InvoiceStatus::rejetee,
    InvoiceStatus::mise_a_disposition,
    InvoiceStatus::service_fait,
    InvoiceStatus::mandatee,
    InvoiceStatus::a_recycler,
    InvoiceStatus::suspendue,
    InvoiceStatus::completee,
    InvoiceStatus::mise_a_disposition_comptable,
    InvoiceStatus::comptabilisee,
    InvoiceStatus::mise_en_paiement,
};

// The transitions DOMAIN.md allows, written out again here (not taken from state.cpp) so the
// tests check the implementation against the specification.
inline const std::vector<std::pair<FlowStatus, FlowStatus>> kExpectedFlowTransitions{
    {FlowStatus::recu, FlowStatus::en_cours},
    {FlowStatus::recu, FlowStatus::incidente},
    {FlowStatus::en_cours, FlowStatus::integre},
    {FlowStatus::en_cours, FlowStatus::integre_partiel},
    {FlowStatus::en_cours, FlowStatus::rejete},
    {FlowStatus::en_cours, FlowStatus::incidente},
    {FlowStatus::incidente, FlowStatus::en_cours},
};

inline const std::vector<std::pair<InvoiceStatus, InvoiceStatus>> kExpectedInvoiceTransitions{
    {InvoiceStatus::deposee, InvoiceStatus::rejetee},
    {InvoiceStatus::deposee, InvoiceStatus::mise_a_disposition},
    {InvoiceStatus::mise_a_disposition, InvoiceStatus::service_fait},
    {InvoiceStatus::mise_a_disposition, InvoiceStatus::mandatee},
    {InvoiceStatus::mise_a_disposition, InvoiceStatus::a_recycler},
    {InvoiceStatus::mise_a_disposition, InvoiceStatus::suspendue},
    {InvoiceStatus::mise_a_disposition, InvoiceStatus::rejetee},
    {InvoiceStatus::service_fait, InvoiceStatus::mandatee},
    {InvoiceStatus::service_fait, InvoiceStatus::suspendue},
    {InvoiceStatus::service_fait, InvoiceStatus::rejetee},
    {InvoiceStatus::mandatee, InvoiceStatus::mise_a_disposition_comptable},
    {InvoiceStatus::mandatee, InvoiceStatus::comptabilisee},
    {InvoiceStatus::mandatee, InvoiceStatus::mise_en_paiement},
    {InvoiceStatus::mise_a_disposition_comptable, InvoiceStatus::comptabilisee},
    {InvoiceStatus::comptabilisee, InvoiceStatus::mise_en_paiement},
    {InvoiceStatus::suspendue, InvoiceStatus::completee},
    {InvoiceStatus::completee, InvoiceStatus::mise_a_disposition},
};

// Shortest chain of allowed transitions from `start` to `goal` (empty when start == goal),
// so a test can bring a flow or an invoice to any reachable status.
template <typename Status>
std::vector<Status> path_to(Status start, Status goal,
                            const std::vector<std::pair<Status, Status>>& transitions) {
  std::vector<std::vector<Status>> frontier{{start}};
  std::vector<Status> seen{start};
  while (!frontier.empty()) {
    std::vector<std::vector<Status>> next;
    for (const auto& chain : frontier) {
      if (chain.back() == goal) return {chain.begin() + 1, chain.end()};
      for (const auto& [from, to] : transitions) {
        if (from != chain.back() || std::find(seen.begin(), seen.end(), to) != seen.end()) continue;
        seen.push_back(to);
        auto longer = chain;
        longer.push_back(to);
        next.push_back(std::move(longer));
      }
    }
    frontier = std::move(next);
  }
  throw std::logic_error("status not reachable");
}

// A fresh folder under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "fluxd-lifecycle-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A test's store in its own temp folder.
struct StoreFixture {
  TempDir dir;
  std::filesystem::path db_file = dir.path() / "fluxd.db";
  std::optional<lifecycle::Store> store{std::in_place, db_file};

  void reopen() {
    store.reset();
    store.emplace(db_file);
  }
};

// 64 hex digits, distinct for distinct seeds.
inline std::string sha_of(int seed) {
  std::string hex = std::to_string(seed);
  return std::string(64 - hex.size(), 'a') + hex;
}

inline lifecycle::InvoiceRecord sample_record(int position) {
  lifecycle::InvoiceRecord r;
  r.position = position;
  r.document = "facture-" + std::to_string(position) + ".xml";
  r.number = "F2026-" + std::to_string(position);
  r.supplier_id = "35600000000048";
  r.key = r.supplier_id + "|" + r.number + "|2026";
  r.issue_date = "2026-11-20";
  r.type_code = "380";
  r.syntax = "IN_DP_E1_UBL_INVOICE";
  r.recipient_id = "11000201100044";
  r.service_code = "SERV-01";
  r.engagement = "EJ-1234567890";
  r.currency = "EUR";
  r.payable = "229.60";
  return r;
}

}  // namespace lifecycle_test
