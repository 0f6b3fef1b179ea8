// ingest/status_updates.h — reading the status-update files recipients (and partners) drop
// into updates/<structure>/: untrusted input, like flows.
//
// Contract:
//  - Pure: bytes in, values out; knows nothing of the store or of which transitions are
//    allowed. Status codes are checked to be known codes only; the state machine is
//    lifecycle's.
//  - XML files are validated against schemas/status-update.xsd (embedded in the binary at build
//    time) with Xerces locked down as for invoices: no DOCTYPE, no entity, no schema chosen by
//    the document, a depth limit. A file that is not valid is refused as a whole.
//  - CSV files are checked line by line: a bad line is a finding for that line, the good
//    lines still count.
//  - Both formats are held to the same checks: exactly one of invoice id (1 to 2^63-1) or key
//    (at most 200 characters), a known status code (exact case), a real calendar date written
//    YYYY-MM-DD (no time zone), a reason of at most 1000 characters. Values are trimmed of
//    surrounding white space.
//  - Thread-safe: every call uses its own Xerces parser (Xerces must be initialised, see
//    XmlPlatform). Never throws on bad input.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "model/result.h"

namespace ingest {

// One requested status change.
struct StatusUpdate {
  // CSV: the physical line the record starts on (line 1 is the first line of the file, the
  // header unless blank lines precede it). XML: the line where the <update> start tag ends.
  std::size_t line = 0;
  std::optional<std::int64_t> invoice_id;  // fluxd's invoice number (`suivi` id)…
  std::string invoice_key;                 // …or the invoice key as exported; exactly one
  std::string status;                      // a known invoice status code, e.g. "MANDATEE"
  std::string date;                        // YYYY-MM-DD: when the status took effect
  std::string reason;                      // may be empty (the state machine decides)
};

struct StatusUpdateFile {
  std::string format;                 // "csv" or "xml"
  std::vector<StatusUpdate> updates;  // the readable ones, in file order
  // Lines that could not be read (CSV only), severity fatal, location "line N", rule
  // UPD-LINE-INVALID, the message saying every problem of the line; those lines are not in
  // `updates`. At most 1000 lines are listed; then one more finding, located at the first line
  // not listed, gives how many more invalid lines there are.
  std::vector<model::Finding> findings;
};

constexpr std::uintmax_t kMaxStatusUpdateBytes = 16u << 20;

// Errors (the whole file is refused, nothing in it is applied), in the order checked:
//  UPD-TOO-LARGE (> kMaxStatusUpdateBytes, checked before anything else),
//  UPD-EMPTY (nothing but a BOM and white space, or a CSV header without any line after it;
//    a CSV whose lines are all invalid is not empty: it has findings and no update),
//  UPD-UNKNOWN-FORMAT (neither XML nor the CSV header on the first non-blank line),
//  UPD-UNSAFE-XML (any DOCTYPE, entity declaration or reference to an external resource, or
//    elements nested deeper than 32 levels; "line:col: text"),
//  UPD-INVALID-XML (not well-formed, or not valid against the XSD — wrong root or namespace
//    included; "line:col: Xerces' text" of the first error). An XML file without any <update>
//    is UPD-INVALID-XML: the schema requires one.
// The format is recognised by content: XML starts with '<' (after a BOM/whitespace). CSV: an
// optional UTF-8 BOM, then the header `invoice_id;key;status;date;reason` (names in any case;
// the separator is `;`, or `,` when the header has no `;`), RFC 4180 quoting ("…", "" for a
// quote, line breaks allowed inside quotes; blanks around a quoted field are dropped), LF or
// CRLF, blank lines skipped, exactly 5 fields per line, `invoice_id` or `key` left empty, fields
// valid UTF-8.
model::Result<StatusUpdateFile> read_status_updates(std::string_view bytes);

// The text of schemas/status-update.xsd as built into the binary.
std::string_view status_update_xsd();

}  // namespace ingest
