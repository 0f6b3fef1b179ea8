#pragma once

#include <filesystem>
#include <string_view>

#include "model/result.h"

namespace model {

// Writes `bytes` to `target` so that a crash leaves either the old file or the whole new one:
// temp file in the same folder, write, fsync, rename, fsync the folder. Creates the folder.
// Error "IO-WRITE" with the path and errno text on failure; the temp file is removed.
Status write_file_durably(const std::filesystem::path& target, std::string_view bytes);

// Renames `from` to `to` (same filesystem) and fsyncs `to`'s folder, creating it if missing.
Status move_durably(const std::filesystem::path& from, const std::filesystem::path& to);

// fsyncs a folder, so the names created or renamed in it survive a crash. False (errno set)
// when it cannot be opened or synced.
bool sync_dir(const std::filesystem::path& dir);

// Removes write_file_durably's temporary files (".<name>.tmp.<pid>.<n>") in `dir` whose
// process is gone: what a crash mid-write leaves. Returns how many were removed.
int remove_abandoned_temp_files(const std::filesystem::path& dir);

// Reads a whole file. Error "IO-READ".
Result<std::string> read_file(const std::filesystem::path& file);

}  // namespace model
