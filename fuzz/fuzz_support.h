// Shared by the fuzz targets in fuzz/: the invariant check, the small limits every target
// runs under, and a per-process scratch file for the entry points that only read files.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "ingest/ingest.h"
#include "model/finding.h"

namespace fluxd_fuzz {

// A broken invariant is a crash libFuzzer keeps as a reproducer; the message says which one.
[[noreturn]] inline void broken(const char* what, const char* file, int line) {
  std::fprintf(stderr, "fuzz invariant broken at %s:%d: %s\n", file, line, what);
  std::fflush(stderr);
  __builtin_trap();
}

#define FUZZ_CHECK(condition) \
  ((condition) ? static_cast<void>(0) : ::fluxd_fuzz::broken(#condition, __FILE__, __LINE__))

// Small limits: one input never takes long nor holds much memory, and the limits themselves
// are reached by small inputs (so their findings are fuzzed too).
inline ingest::Limits small_limits() {
  ingest::Limits limits;
  limits.max_flow_bytes = 1u << 20;
  limits.max_invoices_per_flow = 8;
  limits.max_xml_depth = 32;
  limits.max_archive_members = 32;
  limits.max_unpacked_bytes = 2u << 20;
  limits.max_compression_ratio = 50;
  return limits;
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A finding as every FLOW-… producer must make it: a rule id of the family and a message.
// (The location is not required: a ZIP member with an empty name is located by that name.)
inline bool well_formed_flow_finding(const model::Finding& f) {
  return f.rule.starts_with("FLOW-") && f.rule.size() > 5 && !f.message.empty();
}

// A folder of this process under the temporary directory (removed at exit), for entry points
// that take paths: each input overwrites the same files.
inline const std::filesystem::path& scratch_dir() {
  // Never destroyed, so the exit handler below can still read it.
  static const std::filesystem::path* dir = [] {
    auto* path =
        new std::filesystem::path(std::filesystem::temp_directory_path() /
                                  ("fluxd-fuzz-" + std::to_string(static_cast<long>(::getpid()))));
    std::filesystem::create_directories(*path);
    return path;
  }();
  static const bool cleanup = [] {
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(*dir, ec);
    });
    return true;
  }();
  (void)cleanup;
  return *dir;
}

inline void write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  FUZZ_CHECK(static_cast<bool>(out));
}

// Xerces is initialised once per process, before any reader, and never torn down while a
// target runs (the object is deliberately never destroyed).
inline void xml_platform_once() {
  static const ingest::XmlPlatform* platform = new ingest::XmlPlatform;
  (void)platform;
}

}  // namespace fluxd_fuzz
