// Internal to route/: what the libcurl channels (SFTP, HTTP) share. Not part of the contract.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>
#include <string_view>

#include "route/channel.h"

namespace route::detail {

struct CurlDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;

struct CurlSlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlList = std::unique_ptr<curl_slist, CurlSlistDeleter>;

// A fresh easy handle (null if libcurl cannot start); curl_global_init runs once, first.
CurlHandle new_curl_handle();

// A URL split by libcurl's own parser, so what we check is what libcurl will use.
struct Url {
  std::string scheme;    // lower case
  std::string host;      // as in the URL ("[::1]" for IPv6)
  std::string port;      // "" when the URL names none
  std::string path;      // decoded, starts with "/"
  std::string redacted;  // scheme://host[:port]/path, without credentials or query
};
// Error CHANNEL-URL when unparsable, without a host, with credentials, or not one of `schemes`
// (space-separated, e.g. "http https").
model::Result<Url> parse_url(const std::string& url, std::string_view schemes,
                             const std::string& channel_name);

// Why a parcel cannot be delivered by any channel ("" when fine): its file name must be a
// plain name from routed_file_name(), since it becomes a path on someone else's server.
std::string parcel_problem(const Parcel& parcel);

// How a libcurl failure counts: transient network trouble is `retry`, a refused identity
// (host key, certificate, login) or a malformed request is `permanent`.
struct CurlFailure {
  Outcome outcome;
  std::string code;  // prefix + "-CONNECT", "-TIMEOUT", "-HOSTKEY"/"-TLS", "-AUTH", …
};
CurlFailure classify(CURLcode rc, std::string_view prefix);

// libcurl's detailed error text when it left one, else its generic one.
std::string curl_text(CURLcode rc, const char* error_buffer);

std::unique_ptr<Channel> make_sftp_channel(const ChannelConfig& config, Url url,
                                           std::filesystem::path public_key, std::string pin,
                                           CurlHandle handle);
std::unique_ptr<Channel> make_http_channel(const ChannelConfig& config, Url url, CurlHandle handle);

}  // namespace route::detail
