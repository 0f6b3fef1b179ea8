// The referential in force, and how an operator replaces it.
//
// Where it comes from: the set an operator installed with `fluxd referential import`
// (<data root>/referential/current/, a symlink switched atomically to a complete folder), else
// the files named in the configuration. A running fluxd reloads when a file changes or when
// asked (SIGHUP); a reload that fails keeps the version in force. Callers take one snapshot
// per flow, so every invoice is checked against one consistent version.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/config.h"
#include "model/referential.h"
#include "model/result.h"
#include "route/route.h"

namespace app {

struct ReferentialLocation {
  route::ReferentialFiles files;
  std::string origin;  // "imported set <folder>" or "configuration"
};

// The imported set when there is one, else the configuration's files.
ReferentialLocation locate_referential(const Config& config);

class ReferentialSource {
 public:
  explicit ReferentialSource(const Config& config);

  // Loads the first version; an Error when it cannot be loaded at all.
  model::Status load();
  // The version in force (never null after a successful load()).
  std::shared_ptr<const model::Referential> current() const { return current_; }
  // Reloads when a file changed since the last load, or when request_reload() was called.
  // Returns what happened, for the log: nullopt when nothing changed. On failure the version
  // in force stays, and the message says why.
  std::optional<std::string> refresh();
  // Safe from a signal handler: the next refresh() reloads.
  static void request_reload();

  const ReferentialLocation& location() const { return location_; }
  // Rows the last successful load skipped, "<file>:<line>: why".
  const std::vector<std::string>& bad_rows() const { return bad_rows_; }

 private:
  struct FileStamp {
    std::filesystem::path resolved;  // through the `current` symlink
    std::filesystem::file_time_type modified;
    std::uintmax_t size = 0;
    bool operator==(const FileStamp&) const = default;
  };
  std::vector<FileStamp> stamps() const;

  const Config& config_;
  ReferentialLocation location_;
  std::shared_ptr<const model::Referential> current_;
  std::vector<FileStamp> loaded_stamps_;
  std::vector<std::string> bad_rows_;
  static std::atomic<bool> reload_requested_;
};

// `fluxd referential import`: checks the files (bad rows are reported and skipped), then
// installs copies as <data root>/referential/<version>/ and switches `current` to it
// atomically. Keeps the three newest sets.
struct ImportResult {
  std::filesystem::path installed;  // the new set's folder
  std::string version;
  std::size_t structures = 0, services = 0, engagements = 0;
  bool has_engagements = false;
  std::vector<std::string> bad_rows;
};
model::Result<ImportResult> import_referential(const Config& config,
                                               const route::ReferentialFiles& files);

// `fluxd referential show <SIRET>`: the structure, its services and engagements.
std::string structure_text(const model::Referential& referential, const model::Structure& s);
std::string structure_json(const model::Referential& referential, const model::Structure& s);

}  // namespace app
