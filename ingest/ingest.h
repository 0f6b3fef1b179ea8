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
  // ZIP and Factur-X flows (FLOW-UNSAFE-ARCHIVE when exceeded): members, bytes once unpacked
  // (all members together, or the PDF's embedded invoice), and unpacked / packed size of the
  // whole archive and of any one member (judged once more than 1 MiB is unpacked).
  std::size_t max_archive_members = 2000;
  std::uintmax_t max_unpacked_bytes = std::uintmax_t{2} << 30;
  std::uint32_t max_compression_ratio = 200;
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
// keeps the original name as suffix: control characters and '%' written %XX, cut on a
// character boundary so the whole name fits 255 bytes (original_name_of decodes it; a cut name
// loses its end). Error "IO-CLAIM" when the file vanished or the rename failed (e.g. another
// process claimed it first).
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

// A file that travels with an invoice: a ZIP member the invoice references (PDF, image…),
// or the Factur-X PDF the invoice was taken from.
struct Attachment {
  std::string name;   // plain file name (no folder part)
  std::string bytes;  // unchanged
};

// One document of a flow, ready to parse.
struct Document {
  std::string name;   // file name, or the archive member's name
  std::string bytes;  // the original bytes, routed unchanged when accepted
  Format format = Format::unknown;
  std::vector<Attachment> attachments{};  // routed with the invoice when it is accepted
};

// What a claimed flow holds. When `findings` has a fatal one the flow is refused as a whole.
struct FlowContent {
  // "IN_DP_E1_UBL_INVOICE", "IN_DP_E1_CII_16B", "IN_DP_E1_ZIP", "IN_DP_E2_CII_FACTURX", or ""
  // if unknown. Each document of a ZIP or Factur-X flow keeps its own format.
  std::string syntax_code;
  std::vector<Document> documents;
  std::vector<model::Finding> findings;  // FLOW-TOO-LARGE, FLOW-UNKNOWN-FORMAT, FLOW-MALFORMED-XML…
};

// Reads a claimed flow (size checked before reading) and splits it into documents; the kind
// of flow is recognised by content, never by file name. Document::name is the partner's
// original name (original_name_of) for a plain flow.
//  - Plain XML: one document. FLOW-UNKNOWN-FORMAT (also for an empty file), FLOW-MALFORMED-XML
//    (line:column in the message), FLOW-UNSAFE-XML (a DOCTYPE).
//  - ZIP ("PK\3\4" or an empty "PK\5\6"), streamed member by member: each UBL/CII member is a
//    document named by its path in the archive; other members are attachments of the
//    documents whose bytes name them (plain file name, as a whole word), else a warning
//    FLOW-ATTACHMENT-UNREFERENCED and dropped; folders are ignored. Any other XML member gives
//    the plain-XML findings located at the member. FLOW-UNSAFE-ARCHIVE for a limit exceeded, an
//    unsafe name (absolute, "..", backslash, drive letter, control character), a duplicate
//    name (case-insensitive; for attachments, the plain file name), a link or special file,
//    a nested ZIP or an encrypted member;
//    FLOW-MALFORMED-ARCHIVE when libarchive cannot read it; FLOW-UNKNOWN-FORMAT without any
//    invoice; FLOW-TOO-MANY-INVOICES above max_invoices_per_flow.
//  - PDF ("%PDF-"): the embedded factur-x.xml (or zugferd-invoice.xml, ZUGFeRD-invoice.xml,
//    xrechnung.xml) is the one document, named so, with the PDF as its one attachment.
//    FLOW-MALFORMED-PDF when qpdf cannot read it, FLOW-UNKNOWN-FORMAT without such a file or
//    when it is not CII, FLOW-AMBIGUOUS-INVOICE when several embedded files have those names,
//    FLOW-UNSAFE-ARCHIVE when it exceeds the limits, the XML findings.
// FLOW-TOO-LARGE, FLOW-UNREADABLE (the file could not be stat'ed or read) for any flow. When a
// finding is fatal, `documents` is empty.
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
