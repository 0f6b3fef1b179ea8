// fuzz_referential_csv — route::load_referential: the directory's structures and services
// files and fluxd's engagement file (`;`-separated, quoted fields, header row, columns found by
// name), on arbitrary text.
//
// Input: up to three files separated by a form feed (\f): structures, services, engagements.
// With one part only, services is a header-only file; without a third part no engagement file
// is loaded. The parts are written to structures.csv, services.csv and engagements.csv in a
// scratch folder of this process (load_referential reads files).
// Asserts, beyond "no crash, no leak, no UB":
//  - a refusal is REF-FORMAT (the files exist, so never REF-READ) with a message;
//  - every bad row names its file and line ("structures.csv:12: …");
//  - no more structures, services or engagements than data lines; engagements are checked
//    exactly when the file was given;
//  - the version is 16 hex digits and the same bytes load to the same version and counts.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_support.h"
#include "route/route.h"

namespace {

std::size_t line_count(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
}

bool names_file_and_line(const std::string& row) {
  for (std::string_view file : {"structures.csv:", "services.csv:", "engagements.csv:"})
    if (row.starts_with(file))
      return row.size() > file.size() && row[file.size()] >= '0' && row[file.size()] <= '9';
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = fluxd_fuzz::as_text(data, size);
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const auto end = text.find('\f', start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos || parts.size() == 3) break;
    start = end + 1;
  }
  if (parts.size() == 1) parts.push_back("Identifiant;Code;Nom;GestionEGMT;ServiceActif\n");

  const auto& dir = fluxd_fuzz::scratch_dir();
  route::ReferentialFiles files{dir / "structures.csv", dir / "services.csv", std::nullopt};
  fluxd_fuzz::write_file(files.structures, parts[0]);
  fluxd_fuzz::write_file(files.services, parts[1]);
  if (parts.size() == 3) {
    files.engagements = dir / "engagements.csv";
    fluxd_fuzz::write_file(*files.engagements, parts[2]);
  }

  const auto loaded = route::load_referential(files);
  const auto again = route::load_referential(files);
  FUZZ_CHECK(loaded.ok() == again.ok());
  if (!loaded) {
    FUZZ_CHECK(loaded.error().code == "REF-FORMAT");
    FUZZ_CHECK(!loaded.error().message.empty());
    return 0;
  }

  const auto& ref = loaded->referential;
  for (const auto& row : loaded->bad_rows) FUZZ_CHECK(names_file_and_line(row));
  FUZZ_CHECK(ref.version().size() == 16);
  FUZZ_CHECK(std::all_of(ref.version().begin(), ref.version().end(),
                         [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }));
  FUZZ_CHECK(again->referential.version() == ref.version());
  FUZZ_CHECK(again->bad_rows == loaded->bad_rows);
  FUZZ_CHECK(again->referential.structure_count() == ref.structure_count());
  FUZZ_CHECK(ref.has_engagements() == files.engagements.has_value());

  FUZZ_CHECK(ref.structure_count() < line_count(parts[0]));
  FUZZ_CHECK(ref.service_count() < line_count(parts[1]));
  if (parts.size() == 3) FUZZ_CHECK(ref.engagement_count() < line_count(parts[2]));
  return 0;
}
