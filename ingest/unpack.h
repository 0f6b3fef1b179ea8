// Private to ingest/: the containers open_flow unpacks (ZIP batches, Factur-X PDFs) and the
// findings they share with plain XML flows.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/ingest.h"
#include "ingest/xml_lockdown.h"
#include "model/finding.h"

namespace ingest::detail {

// Syntax codes of the containers (DOMAIN.md, "Syntaxes recognised"); each invoice inside keeps
// its own syntax.
inline constexpr std::string_view kZipSyntax = "IN_DP_E1_ZIP";
inline constexpr std::string_view kFacturXSyntax = "IN_DP_E2_CII_FACTURX";

// Below this many unpacked bytes no compression ratio is judged: a few hundred kilobytes of
// whitespace-heavy XML may compress very well and can harm nobody.
inline constexpr std::uintmax_t kRatioFloorBytes = std::uintmax_t{1} << 20;

// A local file header or an empty archive's end record.
bool is_zip(std::string_view head);
bool is_pdf(std::string_view head);  // "%PDF-"

model::Finding refusal(std::string rule, std::string location, std::string message);

// FLOW-MALFORMED-XML / FLOW-UNSAFE-XML / FLOW-UNKNOWN-FORMAT for a document that is not a
// UBL or CII invoice (the same for a plain flow, a ZIP member or a Factur-X attachment);
// nothing when `detection` found an invoice.
std::optional<model::Finding> xml_refusal(const Detection& detection, const std::string& location);

// A ZIP batch, streamed from `file` with libarchive (`packed_bytes` is its size).
// `flow_name` locates flow-wide findings.
FlowContent open_zip(const std::filesystem::path& file, const std::string& flow_name,
                     std::uintmax_t packed_bytes, const Limits& limits);

// A Factur-X / ZUGFeRD PDF already read into `pdf`, opened with qpdf.
FlowContent open_facturx(std::string pdf, const std::string& flow_name, const Limits& limits);

}  // namespace ingest::detail
