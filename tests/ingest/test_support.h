// Helpers shared by the ingest tests: a temporary directory and file writing.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "ingest/ingest.h"
#include "model/decimal.h"

namespace ingest_test {

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "fluxd-ingest-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A sample flow's bytes: samples/flows/<partner>/<file> of the source tree.
inline std::string sample_flow(const char* partner, const char* file) {
  return read_bytes(std::filesystem::path(FLUXD_SOURCE_DIR) / "samples" / "flows" / partner / file);
}

inline void write_file(const std::filesystem::path& file, std::string_view bytes) {
  std::ofstream out(file, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// An amount as written ("229.60"), or "<none>": failures then print something readable.
inline std::string amount(const std::optional<model::Decimal>& value) {
  return value ? value->to_string() : "<none>";
}

// Numeric equality (229.60 == 229.6), the way validation compares amounts.
inline bool same_amount(const std::optional<model::Decimal>& value, std::string_view expected) {
  const auto parsed = model::Decimal::parse(expected);
  return value && parsed && *value == *parsed;
}

}  // namespace ingest_test

namespace ingest {
// Lets BOOST_TEST print a Format when a comparison fails (found by argument-dependent lookup).
inline std::ostream& boost_test_print_type(std::ostream& out, Format format) {
  constexpr const char* kNames[] = {"ubl_invoice", "ubl_credit_note", "cii", "unknown",
                                    "malformed"};
  return out << kNames[static_cast<int>(format)];
}
}  // namespace ingest
