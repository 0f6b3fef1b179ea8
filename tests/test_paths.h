#pragma once

#include <filesystem>

namespace fluxd_test {

inline std::filesystem::path source_dir() {
  return FLUXD_SOURCE_DIR;
}

// ../shared beside the checkout (the corpus lives there); empty path when absent.
inline std::filesystem::path shared_dir() {
  auto dir = source_dir().parent_path() / "shared";
  return std::filesystem::is_directory(dir / "corpus") ? dir : std::filesystem::path{};
}

}  // namespace fluxd_test
