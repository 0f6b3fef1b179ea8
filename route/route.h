// route/ — where an accepted invoice goes, and getting it there.
//
// Contract:
//  - Owns reading the referential files into a model::Referential (validate/ only queries
//    it). Bad rows are skipped and reported with their line number; a missing file or a
//    missing mandatory column is an Error.
//  - Decides nothing about validity: it is only called for accepted invoices.
//  - Destination names are derived from the invoice key (routed_file_name), so delivering
//    again lands on the same name; the delivery channels themselves are in route/channel.h.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/invoice.h"
#include "model/referential.h"
#include "model/result.h"

namespace route {

struct LoadedReferential {
  model::Referential referential;
  std::vector<std::string> bad_rows;  // "structures.csv:12: …"
};

struct ReferentialFiles {
  std::filesystem::path structures;
  std::filesystem::path services;
  std::optional<std::filesystem::path> engagements;  // absent: engagements are not checked
};

// Reads the directory's structures and services files and fluxd's engagement file
// (DOMAIN.md formats, `;`-separated, header row, columns found by name). The version names
// the exact bytes of the files read.
model::Result<LoadedReferential> load_referential(const ReferentialFiles& files);
model::Result<LoadedReferential> load_referential(const std::filesystem::path& structures_csv,
                                                  const std::filesystem::path& services_csv);

struct Destination {
  std::string recipient;  // recipient SIRET
  std::string service;    // BT-10, or "_" when the invoice names no service
};

Destination decide_route(const model::Invoice& invoice);

// A file name safe on any filesystem, derived from the invoice key (same key → same name).
std::string routed_file_name(std::string_view invoice_key);

// A folder or file name component from invoice content, kept to a safe alphabet so it can
// never name another folder ("..", "/", control characters); at most 120 characters.
std::string safe_path_component(std::string_view text);

}  // namespace route
