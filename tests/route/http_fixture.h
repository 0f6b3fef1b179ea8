// A real HTTP(S) server for the HTTP channel tests: tests/route/http_sink.py run by python3,
// started directly (its PID is python's) and stopped and reaped on destruction.
#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "route/process.h"

namespace fluxd_test {

struct HttpSinkOptions {
  int fail_first = 0;         // answer the first N requests 503
  std::string retry_after{};  // Retry-After value sent with those 503s ("" = none)
  int fail_attachments = 0;   // answer the first N attachment requests (X-Fluxd-Attachment-Of) 503
  bool tls = false;           // HTTPS with a throw-away self-signed certificate for 127.0.0.1
};

class HttpSink {
 public:
  // Throws std::runtime_error (with the server's log) when it cannot be started.
  explicit HttpSink(HttpSinkOptions options = {});
  ~HttpSink();

  int port() const { return port_; }
  // http(s)://127.0.0.1:<port><path>
  std::string url(const std::string& path) const;
  // The self-signed certificate (tls only), to give the channel as its CA file.
  std::filesystem::path certificate() const { return scratch_.path() / "cert.pem"; }

  // {"requests", "idempotency_keys", "connections"}; requests 0 before the first request.
  nlohmann::json summary() const;
  // Request n (from 1): {"method", "path", "headers": [[name, value]…], "client_port", "status"}.
  nlohmann::json request(int n) const;
  std::string body(int n) const;
  // The value of a header of request n (case-insensitive name), "" when absent.
  std::string header(int n, const std::string& name) const;
  std::string log() const;

 private:
  ScratchDir scratch_{"http"};
  std::filesystem::path store_;
  int port_ = 0;
  bool tls_ = false;
  std::unique_ptr<ChildProcess> server_;
};

}  // namespace fluxd_test
