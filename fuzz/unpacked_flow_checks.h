// The invariants fuzz_zip and fuzz_pdf hold every unpacked flow to (ingest/ingest.h, open_flow).
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>
#include <string>

#include "fuzz/fuzz_support.h"
#include "ingest/ingest.h"

namespace fluxd_fuzz {

// A flow that unpacked without a fatal finding has documents; one with a fatal finding has
// none. Every finding is a well-formed FLOW-… finding. Every document is a UBL or CII invoice
// as detect_format sees its bytes, within the limits; attachments are plain file names.
inline void check_unpacked_flow(const ingest::FlowContent& flow, const ingest::Limits& limits) {
  bool fatal = false;
  for (const auto& finding : flow.findings) {
    if (!well_formed_flow_finding(finding))
      std::fprintf(stderr, "finding: rule '%s' location '%s' message '%s'\n", finding.rule.c_str(),
                   finding.location.c_str(), finding.message.c_str());
    FUZZ_CHECK(well_formed_flow_finding(finding));
    fatal = fatal || finding.severity == model::Severity::fatal;
  }
  if (fatal) {
    FUZZ_CHECK(flow.documents.empty());
    return;
  }
  FUZZ_CHECK(!flow.documents.empty());
  FUZZ_CHECK(flow.documents.size() <= limits.max_invoices_per_flow);
  FUZZ_CHECK(!flow.syntax_code.empty());

  std::uintmax_t unpacked = 0;
  std::set<std::string> names;  // case-insensitive
  for (const auto& document : flow.documents) {
    FUZZ_CHECK(document.format == ingest::Format::ubl_invoice ||
               document.format == ingest::Format::ubl_credit_note ||
               document.format == ingest::Format::cii);
    FUZZ_CHECK(ingest::detect_format(document.bytes) == document.format);
    FUZZ_CHECK(!document.name.empty());
    FUZZ_CHECK(document.name.front() != '/');
    FUZZ_CHECK(document.name.find('\\') == std::string::npos);
    FUZZ_CHECK(document.name != ".." && !document.name.starts_with("../") &&
               document.name.find("/../") == std::string::npos && !document.name.ends_with("/.."));
    FUZZ_CHECK(std::none_of(document.name.begin(), document.name.end(), [](char c) {
      return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    }));
    std::string folded = document.name;
    std::transform(folded.begin(), folded.end(), folded.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    FUZZ_CHECK(names.insert(folded).second);
    unpacked += document.bytes.size();
    for (const auto& attachment : document.attachments) {
      FUZZ_CHECK(!attachment.name.empty());
      FUZZ_CHECK(attachment.name.find('/') == std::string::npos);
      FUZZ_CHECK(attachment.name.find('\\') == std::string::npos);
    }
  }
  FUZZ_CHECK(unpacked <= limits.max_unpacked_bytes);
}

}  // namespace fluxd_fuzz
