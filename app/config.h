#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "model/result.h"

namespace app {

struct Partner {
  std::string code;  // also the name of its drop, work, done and report folders
  std::string name;
};

// Everything fluxd reads from its one configuration file. Every path in the file is relative
// to the file's own folder; here they are all absolute.
struct Config {
  std::filesystem::path file;
  std::filesystem::path data_root;
  std::filesystem::path inbox, work, done, failed, outbox, reports;  // folders under data_root
  std::filesystem::path store;                                       // SQLite file
  std::filesystem::path structures_csv, services_csv;
  std::filesystem::path xsd_dir;  // official UBL 2.1 / CII D16B XSDs; empty: XSD checks off
  ingest::Limits limits;
  std::vector<Partner> partners;
};

// Reads a TOML configuration (see samples/fluxd.toml). Error "CONFIG-…" with the key at fault.
model::Result<Config> load_config(const std::filesystem::path& file);

}  // namespace app
