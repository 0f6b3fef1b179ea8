// fuzz_status_updates — ingest::read_status_updates (XML against the built-in
// status-update.xsd with Xerces locked down, or the `;`/`,` CSV with RFC 4180 quoting) on
// arbitrary bytes.
//
// Asserts, beyond "no crash, no leak, no UB", the contract of ingest/status_updates.h:
//  - a refused file has an UPD-… error code and a message;
//  - a read file is "csv" or "xml"; XML files have no line findings; CSV findings are fatal
//    UPD-LINE-INVALID located "line N", at most 1000 listed plus one summary;
//  - every update holds exactly one of an invoice id (1…2^63-1) or a key (1…200 characters),
//    a known-looking status (non-empty, no blanks), a YYYY-MM-DD date, a reason of at most
//    1000 characters, all trimmed of surrounding blanks, valid UTF-8; lines are ≥ 1 and in
//    file order;
//  - reading the same bytes again gives the same result.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_support.h"
#include "ingest/status_updates.h"

namespace {

constexpr std::string_view kBlank = " \t\r\n";

bool trimmed(std::string_view text) {
  return text.empty() || (kBlank.find(text.front()) == std::string_view::npos &&
                          kBlank.find(text.back()) == std::string_view::npos);
}

// Code points of well-formed UTF-8; SIZE_MAX when the bytes are not UTF-8.
std::size_t utf8_chars(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = c < 0x80           ? 1
                               : (c >> 5) == 0x6  ? 2
                               : (c >> 4) == 0xE  ? 3
                               : (c >> 3) == 0x1E ? 4
                                                  : 0;
    if (length == 0 || text.size() - i < length) return SIZE_MAX;
    for (std::size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return SIZE_MAX;
    i += length;
  }
  return count;
}

bool iso_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fluxd_fuzz::xml_platform_once();
  const auto bytes = fluxd_fuzz::as_text(data, size);

  const auto result = ingest::read_status_updates(bytes);
  const auto again = ingest::read_status_updates(bytes);
  FUZZ_CHECK(result.ok() == again.ok());

  if (!result) {
    FUZZ_CHECK(result.error().code.starts_with("UPD-"));
    FUZZ_CHECK(!result.error().message.empty());
    FUZZ_CHECK(again.error().code == result.error().code);
    return 0;
  }

  const auto& file = *result;
  FUZZ_CHECK(file.format == "csv" || file.format == "xml");
  FUZZ_CHECK(again->format == file.format);
  FUZZ_CHECK(again->updates.size() == file.updates.size());
  FUZZ_CHECK(again->findings == file.findings);
  if (file.format == "xml") {
    FUZZ_CHECK(file.findings.empty());
    FUZZ_CHECK(!file.updates.empty());  // the schema requires one <update>
  }
  FUZZ_CHECK(file.findings.size() <= 1001);
  for (const auto& finding : file.findings) {
    FUZZ_CHECK(finding.rule == "UPD-LINE-INVALID");
    FUZZ_CHECK(finding.severity == model::Severity::fatal);
    FUZZ_CHECK(finding.location.starts_with("line "));
    FUZZ_CHECK(!finding.message.empty());
  }

  std::size_t previous_line = 0;
  for (const auto& update : file.updates) {
    FUZZ_CHECK(update.line >= 1);
    FUZZ_CHECK(update.line >= previous_line);
    previous_line = update.line;
    FUZZ_CHECK(update.invoice_id.has_value() == update.invoice_key.empty());
    if (update.invoice_id) FUZZ_CHECK(*update.invoice_id >= 1);
    FUZZ_CHECK(utf8_chars(update.invoice_key) <= 200);
    FUZZ_CHECK(!update.status.empty());
    FUZZ_CHECK(update.status.find_first_of(kBlank) == std::string::npos);
    FUZZ_CHECK(iso_date(update.date));
    FUZZ_CHECK(utf8_chars(update.reason) <= 1000);
    FUZZ_CHECK(trimmed(update.invoice_key) && trimmed(update.status) && trimmed(update.date) &&
               trimmed(update.reason));
  }
  return 0;
}
