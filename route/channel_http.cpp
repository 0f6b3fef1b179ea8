// HTTP(S) POST through libcurl: one POST per attachment, then the invoice bytes as the body
// with the metadata as X-Fluxd-* headers; stable Idempotency-Keys, one kept-alive connection
// per channel.
#include <algorithm>
#include <cctype>
#include <ctime>
#include <vector>

#include "route/channel_curl.h"

namespace route::detail {

namespace {

// "invoice_key" → "Invoice-Key": the header name suffix for a metadata field.
std::string header_name(std::string_view field) {
  std::string out;
  bool start = true;
  for (unsigned char c : field) {
    if (!std::isalnum(c)) {
      if (!out.empty() && out.back() != '-') out.push_back('-');
      start = true;
      continue;
    }
    out.push_back(static_cast<char>(start ? std::toupper(c) : std::tolower(c)));
    start = false;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// Header values come from invoice content: percent-encode anything outside printable ASCII
// (CR/LF could inject headers) and '%' itself, so the receiver can decode unambiguously.
std::string header_value(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (c >= 0x20 && c < 0x7f && c != '%') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

// Keeps the start of the response body for messages, never more (a hostile server could send
// gigabytes).
std::size_t keep_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  constexpr std::size_t kKept = 512;
  if (body->size() < kKept) body->append(data, std::min(size * count, kKept - body->size()));
  return size * count;
}

// Retry-After as delta-seconds or an HTTP date; 0 when absent or unreadable.
std::chrono::seconds retry_after(CURL* handle) {
  curl_header* header = nullptr;
  if (curl_easy_header(handle, "Retry-After", 0, CURLH_HEADER, -1, &header) != CURLHE_OK) {
    return std::chrono::seconds{0};
  }
  std::string value = header->value;
  if (!value.empty() && std::all_of(value.begin(), value.end(),
                                    [](unsigned char c) { return std::isdigit(c) != 0; })) {
    return std::chrono::seconds{value.size() > 9 ? 999999999L : std::stol(value)};
  }
  const time_t when = curl_getdate(value.c_str(), nullptr);
  const time_t now = std::time(nullptr);
  return std::chrono::seconds{when > now ? static_cast<long>(when - now) : 0L};
}

// What an attachment is, from its extension; the receiver gets its name too.
std::string content_type_of(std::string_view name) {
  const auto dot = name.rfind('.');
  std::string extension{dot == std::string_view::npos ? "" : name.substr(dot + 1)};
  for (auto& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (extension == "pdf") return "application/pdf";
  if (extension == "png") return "image/png";
  if (extension == "jpg" || extension == "jpeg") return "image/jpeg";
  if (extension == "tif" || extension == "tiff") return "image/tiff";
  if (extension == "xml") return "application/xml";
  return "application/octet-stream";
}

std::string printable(std::string text) {
  for (auto& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

class HttpChannel final : public Channel {
 public:
  HttpChannel(const ChannelConfig& config, Url url, CurlHandle handle)
      : name_(config.name),
        url_(config.url),
        safe_url_(std::move(url)),
        ca_file_(config.ca_file.string()),
        timeout_ms_(config.timeout_ms),
        curl_(std::move(handle)) {}

  Attempt deliver(const Parcel& parcel) override {
    if (auto problem = parcel_problem(parcel); !problem.empty()) {
      return Attempt{Outcome::permanent, "", "DELIVERY-PARCEL", problem};
    }
    // Attachments first, each with its own stable key: the invoice POST comes last, so a
    // receiver that has the invoice has everything it references.
    const auto names = attachment_file_names(parcel);
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::vector<std::string> headers{
          "Content-Type: " + content_type_of(names[i]),
          "Idempotency-Key: " +
              header_value(parcel.idempotency_key + "-att-" + std::to_string(i + 1)),
          "X-Fluxd-Attachment-Of: " + parcel.file_name, "X-Fluxd-File-Name: " + names[i]};
      auto sent = post(parcel.attachments[i].bytes, headers);
      if (sent.outcome != Outcome::delivered) {
        sent.message = "attachment " + names[i] + ": " + sent.message;
        return sent;
      }
    }

    std::vector<std::string> headers{"Content-Type: application/xml",
                                     "Idempotency-Key: " + header_value(parcel.idempotency_key),
                                     "X-Fluxd-File-Name: " + parcel.file_name,
                                     "X-Fluxd-Attachments: " + std::to_string(names.size())};
    for (const auto& [field, value] : parcel.metadata) {
      const std::string name = header_name(field);
      // Headers fluxd sets itself are not repeated from metadata.
      const bool reserved = name == "File-Name" || name == "Attachments" || name == "Attachment-Of";
      if (value.empty() || name.empty() || reserved) continue;
      headers.push_back("X-Fluxd-" + name + ": " + header_value(value));
    }
    return post(parcel.bytes, headers);
  }

  std::string describe() const override {
    return "http POST " + safe_url_.redacted + (name_.empty() ? "" : " (" + name_ + ")");
  }

 private:
  // One POST of `body` with `headers` (plus "Expect:") to the configured URL: delivered on 2xx.
  Attempt post(std::string_view body_bytes, const std::vector<std::string>& header_lines) {
    CURL* h = curl_.get();
    // Reset keeps the live connection: requests reuse one kept-alive connection.
    curl_easy_reset(h);
    char error[CURL_ERROR_SIZE] = {};
    std::string body;
    CurlList headers;
    auto add = [&](const std::string& line) {
      curl_slist* grown = curl_slist_append(headers.get(), line.c_str());
      if (grown == nullptr) return false;
      (void)headers.release();
      headers.reset(grown);
      return true;
    };
    bool ok = add("Expect:");  // no 100-continue round trip
    for (const auto& line : header_lines) ok = ok && add(line);
    if (!ok) return Attempt{Outcome::retry, "", "DELIVERY-HTTP-FAILED", "out of memory"};

    const std::string scheme = safe_url_.scheme;
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(h, CURLOPT_URL, url_.c_str());
    // Only the configured scheme, and no redirects: the invoice goes where it is configured to.
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, scheme.c_str());
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, scheme.c_str());
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_PROXY, "");  // never an environment proxy
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms_);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms_);
    if (!ca_file_.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, ca_file_.c_str());
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body_bytes.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body_bytes.size()));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, keep_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);

    const CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK) {
      auto kind = classify(rc, "DELIVERY-HTTP");
      return Attempt{kind.outcome, "", kind.code,
                     "POST " + safe_url_.redacted + ": " + curl_text(rc, error)};
    }
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (status >= 200 && status < 300) {
      return Attempt{Outcome::delivered, safe_url_.redacted, "",
                     "POST " + safe_url_.redacted + ": HTTP " + std::to_string(status)};
    }
    // 408 and 429 say "later"; 5xx is the server's trouble. Any other answer (other 4xx, and
    // 3xx since redirects are not followed) will not change by itself.
    const bool transient = status == 408 || status == 429 || status >= 500;
    std::string message = "POST " + safe_url_.redacted + ": HTTP " + std::to_string(status);
    if (auto excerpt = printable(body); !excerpt.empty()) message += ": " + excerpt;
    return Attempt{transient ? Outcome::retry : Outcome::permanent, "",
                   "DELIVERY-HTTP-" + std::to_string(status), message,
                   transient ? retry_after(h) : std::chrono::seconds{0}};
  }

  std::string name_;
  std::string url_;  // as configured (may carry a query string, kept out of messages)
  Url safe_url_;
  std::string ca_file_;
  long timeout_ms_;
  CurlHandle curl_;
};

}  // namespace

std::unique_ptr<Channel> make_http_channel(const ChannelConfig& config, Url url,
                                           CurlHandle handle) {
  return std::make_unique<HttpChannel>(config, std::move(url), std::move(handle));
}

}  // namespace route::detail
