// Channel construction, the sidecar, backoff, the directory channel, and the libcurl helpers
// the SFTP and HTTP channels share.
#include "route/channel.h"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>

#include "model/durable.h"
#include "model/identifiers.h"
#include "route/channel_curl.h"
#include "route/route.h"

namespace route {

namespace fs = std::filesystem;

namespace {

std::string stem_of(const std::string& file_name) {
  constexpr std::string_view kXml = ".xml";
  std::string stem = file_name;
  if (stem.size() > kXml.size() && stem.ends_with(kXml)) stem.resize(stem.size() - kXml.size());
  return stem;
}

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool has_alnum(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isalnum(c) != 0; });
}

// An attachment's partner-given name as a plain name: {base, extension} (extension "" or like
// ".pdf"), split so that shortening and de-duplication keep the extension, which says what the
// file is.
std::pair<std::string, std::string> safe_attachment_name(std::string_view name) {
  constexpr std::size_t kMaxName = 100;  // with "<stem>." and ".part" still far below 255
  std::string extension;
  if (auto dot = name.rfind('.'); dot != std::string_view::npos && dot > 0) {
    const auto tail = name.substr(dot + 1);
    const bool plain =
        !tail.empty() && tail.size() <= 8 &&
        std::all_of(tail.begin(), tail.end(), [](unsigned char c) { return std::isalnum(c) != 0; });
    if (plain) {
      extension = "." + std::string(tail);
      name = name.substr(0, dot);
    }
  }
  std::string base = safe_path_component(name);
  if (!has_alnum(base)) base = "attachment";  // "", ".", "..", "/": nothing worth keeping
  base.resize(std::min(base.size(), kMaxName - extension.size()));
  return {base, extension};
}

}  // namespace

std::string sidecar_name(const std::string& file_name) {
  return stem_of(file_name) + ".meta.json";
}

std::vector<std::string> attachment_file_names(const Parcel& parcel) {
  const std::string stem = stem_of(parcel.file_name);
  // Case-insensitive: the recipient's filesystem may be.
  std::set<std::string> taken{lower(parcel.file_name), lower(sidecar_name(parcel.file_name))};
  std::vector<std::string> names;
  for (const auto& attachment : parcel.attachments) {
    const auto [base, extension] = safe_attachment_name(attachment.name);
    std::string name = stem + "." + base + extension;
    for (int n = 2; taken.contains(lower(name)); ++n) {
      name = stem + "." + base + "-" + std::to_string(n) + extension;
    }
    taken.insert(lower(name));
    names.push_back(std::move(name));
  }
  return names;
}

std::string sidecar_json(const Parcel& parcel) {
  nlohmann::ordered_json object = nlohmann::ordered_json::object();
  for (const auto& [field, value] : parcel.metadata) {
    if (!value.empty()) object[field] = value;
  }
  if (!parcel.attachments.empty()) {
    std::string listed;
    for (const auto& name : attachment_file_names(parcel)) {
      listed += (listed.empty() ? "" : ", ") + name;
    }
    object["attachments"] = listed;
  }
  // Metadata comes from invoice content: replace invalid UTF-8 rather than throw.
  return object.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::chrono::seconds retry_delay(int failed_attempts, std::chrono::seconds base,
                                 std::chrono::seconds max) {
  if (failed_attempts <= 0 || base.count() <= 0 || max.count() <= 0) {
    return std::chrono::seconds{0};
  }
  // Double step by step and stop at the cap: no shift can overflow whatever n is.
  auto delay = base;
  for (int n = 1; n < failed_attempts && delay < max; ++n) {
    delay = delay > max / 2 ? max : delay * 2;
  }
  return std::min(delay, max);
}

namespace detail {

std::string parcel_problem(const Parcel& parcel) {
  const std::string& name = parcel.file_name;
  if (name.size() <= 4 || !name.ends_with(".xml") || name.front() == '.') {
    return "parcel file name must be a plain name ending .xml: '" + name + "'";
  }
  for (unsigned char c : name) {
    if (!std::isalnum(c) && c != '-' && c != '_' && c != '.') {
      return "parcel file name has a character outside [A-Za-z0-9._-]: '" + name + "'";
    }
  }
  return "";
}

CurlHandle new_curl_handle() {
  // curl_global_init is not guaranteed thread-safe: run it once, before any handle exists.
  static std::once_flag once;
  static CURLcode init = CURLE_OK;
  std::call_once(once, [] { init = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (init != CURLE_OK) return nullptr;
  return CurlHandle{curl_easy_init()};
}

model::Result<Url> parse_url(const std::string& text, std::string_view schemes,
                             const std::string& channel_name) {
  auto fail = [&](const std::string& why) {
    return model::Error{"CHANNEL-URL", "channel '" + channel_name + "': " + why};
  };
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> url{curl_url(), &curl_url_cleanup};
  if (!url) return fail("libcurl could not parse URLs");
  // No default scheme: "host/path" is refused rather than guessed as http.
  if (curl_url_set(url.get(), CURLUPART_URL, text.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
    return fail("not a URL");
  }
  auto part = [&](CURLUPart which, unsigned flags = 0) -> std::string {
    char* value = nullptr;
    if (curl_url_get(url.get(), which, &value, flags) != CURLUE_OK || value == nullptr) return "";
    std::string out = value;
    curl_free(value);
    return out;
  };
  Url out;
  out.scheme = part(CURLUPART_SCHEME);
  for (auto& c : out.scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool scheme_ok = false;
  for (std::size_t start = 0; start <= schemes.size();) {
    auto end = schemes.find(' ', start);
    if (end == std::string_view::npos) end = schemes.size();
    scheme_ok = scheme_ok || schemes.substr(start, end - start) == out.scheme;
    start = end + 1;
  }
  if (!scheme_ok)
    return fail("scheme must be " + std::string(schemes) + ", not '" + out.scheme + "'");
  // Credentials belong in key files, never in a URL that ends up in logs.
  if (!part(CURLUPART_USER).empty() || !part(CURLUPART_PASSWORD).empty()) {
    return fail("credentials in the URL are not allowed");
  }
  out.host = part(CURLUPART_HOST);
  if (out.host.empty()) return fail("no host");
  out.port = part(CURLUPART_PORT);
  out.path = part(CURLUPART_PATH, CURLU_URLDECODE);
  if (out.path.empty()) out.path = "/";
  for (unsigned char c : out.path) {
    if (c < 0x20 || c == 0x7f) return fail("control character in the path");
  }
  out.redacted = out.scheme + "://" + out.host + (out.port.empty() ? "" : ":" + out.port) +
                 part(CURLUPART_PATH);
  return out;
}

CurlFailure classify(CURLcode rc, std::string_view prefix) {
  const std::string p{prefix};
  const bool ssh = prefix.ends_with("SFTP");
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return {Outcome::retry, p + "-CONNECT"};
    case CURLE_OPERATION_TIMEDOUT:
      return {Outcome::retry, p + "-TIMEOUT"};
    case CURLE_PEER_FAILED_VERIFICATION:  // SSH: host key mismatch; TLS: untrusted certificate
      return {Outcome::permanent, p + (ssh ? "-HOSTKEY" : "-TLS")};
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      return {Outcome::permanent, p + "-TLS"};
    case CURLE_SSL_CONNECT_ERROR:
      return {Outcome::retry, p + "-HANDSHAKE"};
    case CURLE_LOGIN_DENIED:
      return {Outcome::permanent, p + "-AUTH"};
    case CURLE_REMOTE_ACCESS_DENIED:
      return {Outcome::permanent, p + "-DENIED"};
    case CURLE_REMOTE_FILE_NOT_FOUND:  // upload with folder creation on: the base path is wrong
      return {Outcome::permanent, p + "-PATH"};
    case CURLE_REMOTE_DISK_FULL:
      return {Outcome::retry, p + "-DISK-FULL"};
    case CURLE_QUOTE_ERROR:  // the only quote commands are rm and rename
      return {Outcome::retry, p + "-RENAME"};
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_BAD_FUNCTION_ARGUMENT:
      return {Outcome::permanent, p + "-CONFIG"};
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_UPLOAD_FAILED:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSH:
    case CURLE_AGAIN:
      return {Outcome::retry, p + "-TRANSFER"};
    default:
      // Unknown trouble: retrying is bounded by the caller's attempt limit, dropping is not.
      return {Outcome::retry, p + "-FAILED"};
  }
}

std::string curl_text(CURLcode rc, const char* error_buffer) {
  if (error_buffer != nullptr && error_buffer[0] != '\0') return error_buffer;
  return curl_easy_strerror(rc);
}

}  // namespace detail

namespace {

// <root>/<recipient>/<service>/: the attachments, <name>.meta.json, then <name>.xml, each
// written durably (temp, fsync, rename). Delivering again rewrites the same names with the
// same bytes: never a second file.
class DirectoryChannel final : public Channel {
 public:
  DirectoryChannel(std::string name, fs::path root)
      : name_(std::move(name)), root_(std::move(root)) {}

  Attempt deliver(const Parcel& parcel) override {
    if (auto problem = detail::parcel_problem(parcel); !problem.empty()) {
      return Attempt{Outcome::permanent, "", "DELIVERY-PARCEL", problem};
    }
    const fs::path folder =
        root_ / safe_path_component(parcel.recipient) / safe_path_component(parcel.service);
    const fs::path invoice = folder / parcel.file_name;
    // Attachments and sidecar first: whoever sees the invoice finds everything beside it.
    model::Status written = model::Ok{};
    const auto names = attachment_file_names(parcel);
    for (std::size_t i = 0; written && i < names.size(); ++i) {
      written = model::write_file_durably(folder / names[i], parcel.attachments[i].bytes);
    }
    if (written) {
      written =
          model::write_file_durably(folder / sidecar_name(parcel.file_name), sidecar_json(parcel));
    }
    if (written) written = model::write_file_durably(invoice, parcel.bytes);
    if (!written) {
      // Disk full, permissions, a file where a folder should be: an operator can fix these
      // without touching the invoice, so they are worth retrying.
      return Attempt{Outcome::retry, "", "DELIVERY-DIR-WRITE", written.error().message};
    }
    return Attempt{Outcome::delivered, invoice.string(), "", "written to " + invoice.string()};
  }

  std::string describe() const override {
    return "directory " + root_.string() + (name_.empty() ? "" : " (" + name_ + ")");
  }

 private:
  std::string name_;
  fs::path root_;
};

model::Error config_error(const ChannelConfig& config, std::string code, const std::string& why) {
  return model::Error{std::move(code), "channel '" + config.name + "': " + why};
}

}  // namespace

model::Result<std::unique_ptr<Channel>> make_channel(const ChannelConfig& config) {
  using Kind = ChannelConfig::Kind;
  if (config.timeout_ms <= 0)
    return config_error(config, "CHANNEL-TIMEOUT", "timeout_ms must be > 0");
  if (config.kind == Kind::directory) {
    if (config.directory.empty()) {
      return config_error(config, "CHANNEL-DIRECTORY", "a directory channel needs a folder");
    }
    return std::unique_ptr<Channel>{
        std::make_unique<DirectoryChannel>(config.name, config.directory)};
  }

  const bool sftp = config.kind == Kind::sftp;
  auto url = detail::parse_url(config.url, sftp ? "sftp" : "http https", config.name);
  if (!url) return url.error();
  std::error_code ec;
  if (sftp) {
    if (url->path == "/" || url->path.starts_with("/~")) {
      return config_error(config, "CHANNEL-URL", "the sftp URL needs an absolute folder path");
    }
    if (config.user.empty()) return config_error(config, "CHANNEL-USER", "sftp needs a user");
    if (!fs::is_regular_file(config.private_key, ec)) {
      return config_error(config, "CHANNEL-KEY",
                          "private key file not found: " + config.private_key.string());
    }
    fs::path public_key = config.public_key;
    if (public_key.empty()) {
      // libssh2 can derive the public key itself; give it the file when it is there.
      const fs::path beside = config.private_key.string() + ".pub";
      if (fs::is_regular_file(beside, ec)) public_key = beside;
    } else if (!fs::is_regular_file(public_key, ec)) {
      return config_error(config, "CHANNEL-KEY",
                          "public key file not found: " + public_key.string());
    }
    std::string pin = model::normalised_host_key_pin(config.host_key_sha256);
    if (pin.empty()) {
      // Without a pin libcurl would accept any server: refuse rather than deliver blindly.
      return config_error(config, "CHANNEL-HOSTKEY",
                          "sftp needs host_key_sha256 (base64 SHA-256 of the server's host key, as "
                          "ssh-keygen -l -E sha256 shows it)");
    }
    auto handle = detail::new_curl_handle();
    if (!handle) return config_error(config, "CHANNEL-CURL", "libcurl could not start");
    return detail::make_sftp_channel(config, std::move(*url), std::move(public_key), std::move(pin),
                                     std::move(handle));
  }

  if (!config.ca_file.empty() && !fs::is_regular_file(config.ca_file, ec)) {
    return config_error(config, "CHANNEL-CA", "CA file not found: " + config.ca_file.string());
  }
  auto handle = detail::new_curl_handle();
  if (!handle) return config_error(config, "CHANNEL-CURL", "libcurl could not start");
  return detail::make_http_channel(config, std::move(*url), std::move(handle));
}

}  // namespace route
