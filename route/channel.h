// route/ delivery channels — handing a routed invoice to its recipient structure.
//
// Contract:
//  - A Channel delivers one Parcel (the invoice's original bytes, its attachments, and a JSON
//    sidecar of its routing metadata) to a directory, an SFTP server or an HTTP(S) endpoint,
//    and says what happened as an Attempt value: delivered, retry (transient: try again later)
//    or permanent (retrying cannot help: dead letter). Expected failures never throw.
//  - Order: the attachments first, then the sidecar, then the invoice last. The invoice is the
//    commit point: a recipient that sees it can rely on everything else being there. A failed
//    attachment fails the whole attempt (retry or permanent, as for the invoice) and the
//    invoice is not sent.
//  - Delivered names, beside each other in <recipient>/<service>/ (directory, SFTP):
//      <stem>.<attachment>   each attachment (see attachment_file_names), e.g.
//                            ABC_2025_F1.facture.pdf
//      <stem>.meta.json      the sidecar, listing the attachments' delivered names
//      <stem>.xml            the invoice
//    Over HTTP: one POST per attachment, in order, then the invoice's POST (see
//    make_channel).
//  - Delivery is idempotent: delivering the same parcel again (a previous success that was not
//    recorded) never creates a second file. Directory: the same names are rewritten, each
//    through a temporary file and a rename. SFTP: every file is uploaded as .<name>.part then
//    renamed; an attachment already on the server is not uploaded again, and an invoice
//    already there means the whole parcel is. HTTP: every try carries the same
//    Idempotency-Keys so the receiver can do the same.
//  - A channel object is used by one thread at a time (it keeps its connection between
//    deliveries). Different channel objects may be used from different threads.
//  - Messages and describe() never contain secrets: no key material, no URL credentials, no
//    URL query string. A channel only talks to its configured URL (its scheme only, no
//    redirects, no proxy).
//  - Retry state, attempt counting and dead letters belong to the caller (the store).
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "model/result.h"

namespace route {

// A file handed over with the invoice: the PDF of a Factur-X flow, a ZIP member the invoice
// references.
struct ParcelFile {
  std::string name{};   // as the partner named it (untrusted): see attachment_file_names
  std::string bytes{};  // unchanged
};

// One routed invoice ready to hand over.
struct Parcel {
  std::string recipient{};  // recipient SIRET: first folder level
  std::string service{};    // BT-10 or "_": second folder level
  std::string file_name{};  // final name, from routed_file_name(invoice key), ends ".xml"
  std::string bytes{};      // the invoice's original bytes
  // Sidecar fields, in order, e.g. {"flow","42"},{"invoice_key",…},{"recipient",…},
  // {"service",…},{"engagement",…},{"cost_centre",…},{"functional_domain",…},
  // {"programming_ref",…}. Fields with an empty value are left out of the sidecar and headers.
  std::vector<std::pair<std::string, std::string>> metadata{};
  std::string idempotency_key{};  // stable for this invoice's delivery (same on every retry)
  std::vector<ParcelFile> attachments{};  // delivered before the sidecar and the invoice
};

// The names the parcel's attachments are delivered under, in order: "<stem>.<safe name>" where
// <stem> is file_name without ".xml" and <safe name> is the attachment's name kept to
// [A-Za-z0-9._-] (route::safe_path_component: no folder part can survive, "a/b.pdf" becomes
// "a_b.pdf"), at most 100 characters with its extension kept, "attachment" when nothing is
// left of it ("", ".", ".."). Names are unique within the parcel, ignoring case, and never the
// invoice's or the sidecar's: a clash gets "-2", "-3", … before the extension. The same parcel
// always gives the same names.
std::vector<std::string> attachment_file_names(const Parcel& parcel);

// The sidecar: a JSON object of the non-empty metadata fields, in order, all values strings
// (invalid UTF-8 replaced by U+FFFD), pretty-printed with a final newline. When the parcel has
// attachments a last field "attachments" lists their delivered names, ", "-separated (the
// names never contain a comma or a space), e.g. "F1.facture.pdf, F1.scan.png"; it replaces a
// metadata field of that name. Delivered beside the invoice as <file_name without
// .xml>.meta.json, before the invoice itself: a recipient that sees the invoice can rely on
// its sidecar being there.
std::string sidecar_json(const Parcel& parcel);

// "<stem>.meta.json" for "<stem>.xml" (or "<file_name>.meta.json" without the .xml suffix).
std::string sidecar_name(const std::string& file_name);

// Every member has a default ({}), so designated initializers may name only what they set
// (GCC 12 warns about omitted members that have none).
struct ChannelConfig {
  enum class Kind { directory, sftp, http };
  std::string name{};  // for describe() and messages
  Kind kind = Kind::directory;
  std::filesystem::path directory{};  // directory: root folder (created as needed)
  std::string url{};                  // sftp://host[:port]/abs/path  or  http(s)://host[:port]/…
  std::string user{};                 // sftp login
  std::filesystem::path private_key{};  // sftp: ed25519 (or ECDSA) private key, no passphrase
  std::filesystem::path public_key{};   // sftp: optional; default <private_key>.pub when present
  // sftp, required: the server's host key, base64 SHA-256 as `ssh-keygen -l -E sha256` shows
  // it ("SHA256:" prefix and "=" padding accepted).
  std::string host_key_sha256{};
  // https: CA bundle used instead of the system one (self-signed test servers, private CAs).
  std::filesystem::path ca_file{};
  long timeout_ms = 30000;  // per network request (connect + transfer)
};

enum class Outcome { delivered, retry, permanent };

struct Attempt {
  Outcome outcome = Outcome::retry;
  std::string where{};    // delivered: final path / URL (query string left out), else ""
  std::string code{};     // "" when delivered; else e.g. "DELIVERY-SFTP-CONNECT",
                          // "DELIVERY-HTTP-503", "DELIVERY-SFTP-HOSTKEY"
  std::string message{};  // human text; on delivered may say "already on the server"
  // retry over HTTP: the server's Retry-After (delta-seconds or HTTP date), 0 when absent.
  // The caller should wait max(retry_delay(...), retry_after).
  std::chrono::seconds retry_after{0};
};

class Channel {
 public:
  virtual ~Channel() = default;
  // Never throws for expected failures (network, server answers, disk).
  virtual Attempt deliver(const Parcel& parcel) = 0;
  // "directory /srv/outbox", "sftp edi@host:22/in", "http POST https://host/path"; no secrets.
  virtual std::string describe() const = 0;
};

// Checks the configuration and builds the channel (no network access yet).
//
// HTTP requests, all POST to the configured URL, with "Expect:" off:
//  - each attachment n (from 1), in order: body = its bytes, Content-Type by extension (pdf,
//    png, jpeg, tiff, xml, else application/octet-stream), Idempotency-Key: <key>-att-<n>,
//    X-Fluxd-Attachment-Of: <invoice file name>, X-Fluxd-File-Name: <delivered name>;
//  - then the invoice: body = its bytes, Content-Type: application/xml, Idempotency-Key:
//    <key>, X-Fluxd-File-Name: <invoice file name>, X-Fluxd-Attachments: <count> (also 0),
//    and X-Fluxd-<Field-Name>: <value> per non-empty metadata field (values percent-encoded
//    outside printable ASCII; a field that would repeat one of the headers above is left
//    out).
//  Any answer but 2xx stops there: later requests, the invoice's included, are not sent.
//
// Errors:
// CHANNEL-URL (unparsable URL, wrong scheme for the kind, credentials in the URL, no host,
// sftp path not absolute), CHANNEL-DIRECTORY (directory kind without a folder), CHANNEL-USER,
// CHANNEL-KEY (sftp key file missing), CHANNEL-HOSTKEY (sftp without a well-formed pin),
// CHANNEL-CA (ca_file missing), CHANNEL-TIMEOUT (timeout_ms <= 0), CHANNEL-CURL (libcurl
// could not start).
model::Result<std::unique_ptr<Channel>> make_channel(const ChannelConfig& config);

// Exponential backoff: delay before attempt n+1 after n failed attempts (n >= 1):
// base * 2^(n-1), capped at max (no overflow for any n). 0 for n <= 0.
std::chrono::seconds retry_delay(int failed_attempts, std::chrono::seconds base,
                                 std::chrono::seconds max);

}  // namespace route
