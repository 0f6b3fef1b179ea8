// ingest/ — from a file in a partner's drop directory to parsed invoices.
//
// Contract:
//  - Knows nothing of recipients, rules or statuses: it claims files, identifies flows,
//    recognises formats and fills model::Invoice.
//  - claim_flow moves a file by one atomic rename; a file is never copied or read before it
//    is claimed, so two claimers can never both take it.
//  - open_flow never throws on bad input: an unreadable, oversized, unknown or malformed flow
//    comes back as FLOW-… findings (flow-level refusal).
//  - InvoiceReader parses with Xerces-C++ SAX2 locked down: no DTD (a DOCTYPE is refused),
//    no external entity, no network, a nesting-depth limit. One reader per thread; reusable.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "model/invoice.h"
#include "model/result.h"

namespace ingest {

struct Limits {
  std::uintmax_t max_flow_bytes = 1u << 30;  // FLOW-TOO-LARGE above this
  std::size_t max_invoices_per_flow = 500;   // FLOW-TOO-MANY-INVOICES above this
  std::size_t max_xml_depth = 64;            // FLOW-UNSAFE-XML above this
};

// Names a drop directory may hold that are not (yet) flows: hidden files and temporary
// suffixes (.tmp, .part, .filepart, .writing).
bool is_flow_name(std::string_view file_name);

// Regular files waiting in one partner's drop directory that pass is_flow_name, oldest
// first (mtime, then name). A missing directory is an empty list.
std::vector<std::filesystem::path> waiting_files(const std::filesystem::path& partner_inbox);

struct ClaimedFile {
  std::filesystem::path work_path;  // where the file now is, under work_dir
  std::string original_name;        // the name the partner gave it
  std::uintmax_t size = 0;
};

// Claims `file` by renaming it into `work_dir` (created if missing) under a unique name that
// keeps the original name as suffix. Error "IO-CLAIM" when the file vanished or the rename
// failed (e.g. another process claimed it first).
model::Result<ClaimedFile> claim_flow(const std::filesystem::path& file,
                                      const std::filesystem::path& work_dir);

// The original name of a file already in work/ (inverse of claim_flow's naming).
std::string original_name_of(const std::filesystem::path& work_path);

// SHA-256 of the file's bytes, lower-case hex (the flow's identity). Error "IO-READ".
model::Result<std::string> sha256_file(const std::filesystem::path& file);

enum class Format { ubl_invoice, ubl_credit_note, cii, unknown, malformed };

// Recognises the document by its root element and namespace only (stops parsing there).
// `malformed`: looks like XML but is not well-formed before the root; `unknown`: anything else.
// A DOCTYPE before the root also gives `malformed` (DTDs are refused; open_flow reports it as
// FLOW-UNSAFE-XML).
Format detect_format(std::string_view bytes);

// One document of a flow, ready to parse.
struct Document {
  std::string name;   // file name (or archive member name later)
  std::string bytes;  // the original bytes, routed unchanged when accepted
  Format format = Format::unknown;
};

// What a claimed flow holds. When `findings` has a fatal one the flow is refused as a whole.
struct FlowContent {
  std::string syntax_code;  // "IN_DP_E1_UBL_INVOICE", "IN_DP_E1_CII_16B", or "" if unknown
  std::vector<Document> documents;
  std::vector<model::Finding> findings;  // FLOW-TOO-LARGE, FLOW-UNKNOWN-FORMAT, FLOW-MALFORMED-XML…
};

// Reads a claimed flow (size checked before reading) and splits it into documents. Plain XML
// flows give one document. Findings: FLOW-TOO-LARGE, FLOW-UNKNOWN-FORMAT (also for an empty
// file), FLOW-MALFORMED-XML (line:column in the message), FLOW-UNSAFE-XML (a DOCTYPE),
// FLOW-UNREADABLE (the file could not be stat'ed or read). Document::name is the partner's
// original name (original_name_of).
FlowContent open_flow(const std::filesystem::path& file, const Limits& limits);

struct ReadResult {
  std::optional<model::Invoice> invoice;  // set when the document was read
  std::vector<model::Finding>
      findings;  // FLOW-MALFORMED-XML / FLOW-UNSAFE-XML / FLOW-UNKNOWN-FORMAT
};

// A reusable, locked-down SAX2 reader that fills model::Invoice from UBL 2.1 (Invoice,
// CreditNote) or CII D16B. Not thread-safe: one per worker.
class InvoiceReader {
 public:
  explicit InvoiceReader(const Limits& limits = {});
  ~InvoiceReader();
  InvoiceReader(const InvoiceReader&) = delete;
  InvoiceReader& operator=(const InvoiceReader&) = delete;

  ReadResult read(std::string_view bytes, std::string_view document_name);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Xerces must be initialised once per process before any reader exists; RAII guard.
class XmlPlatform {
 public:
  XmlPlatform();
  ~XmlPlatform();
  XmlPlatform(const XmlPlatform&) = delete;
  XmlPlatform& operator=(const XmlPlatform&) = delete;
};

}  // namespace ingest
