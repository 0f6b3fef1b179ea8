#include "route/http_fixture.h"

#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <stdexcept>

#include "test_paths.h"

namespace fluxd_test {

namespace fs = std::filesystem;

namespace {

// The interpreter's own file (the system one first), so the PID we get is python's and not a
// wrapper's (version managers put shell-script shims first in PATH).
std::string python() {
  if (::access("/usr/bin/python3", X_OK) == 0) return "/usr/bin/python3";
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "";
  for (std::size_t start = 0; start <= dirs.size();) {
    auto end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    const fs::path candidate = fs::path(dirs.substr(start, end - start)) / "python3";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    start = end + 1;
  }
  throw std::runtime_error("python3 not found");
}

std::string lower(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

HttpSink::HttpSink(HttpSinkOptions options) : tls_(options.tls) {
  const fs::path& d = scratch_.path();
  store_ = d / "store";
  const fs::path port_file = d / "port";
  std::vector<std::string> argv{python(), (source_dir() / "tests/route/http_sink.py").string()};
  argv.insert(argv.end(), {"--port-file", port_file.string(), "--store", store_.string()});
  argv.insert(argv.end(), {"--fail-first", std::to_string(options.fail_first)});
  argv.insert(argv.end(), {"--fail-attachments", std::to_string(options.fail_attachments)});
  argv.insert(argv.end(), {"--parent-pid", std::to_string(::getpid())});
  if (!options.retry_after.empty()) {
    argv.insert(argv.end(), {"--retry-after", options.retry_after});
  }
  if (tls_) {
    const fs::path openssl_log = d / "openssl.log";
    if (run_program({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                     "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj",
                     "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout",
                     (d / "key.pem").string(), "-out", certificate().string()},
                    openssl_log) != 0) {
      throw std::runtime_error("openssl req failed: " + slurp(openssl_log));
    }
    argv.insert(argv.end(),
                {"--tls-cert", certificate().string(), "--tls-key", (d / "key.pem").string()});
  }
  server_ = std::make_unique<ChildProcess>(argv, d / "server.log");
  const bool up = wait_until([&] { return !server_->running() || !slurp(port_file).empty(); },
                             std::chrono::seconds(15));
  if (!up || !server_->running()) throw std::runtime_error("http_sink.py did not start: " + log());
  port_ = std::stoi(slurp(port_file));
}

HttpSink::~HttpSink() {
  server_->stop();
}

std::string HttpSink::url(const std::string& path) const {
  return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) + path;
}

nlohmann::json HttpSink::summary() const {
  const std::string text = slurp(store_ / "summary.json");
  if (text.empty()) {
    return nlohmann::json{
        {"requests", 0}, {"idempotency_keys", nlohmann::json::array()}, {"connections", 0}};
  }
  return nlohmann::json::parse(text);
}

nlohmann::json HttpSink::request(int n) const {
  return nlohmann::json::parse(slurp(store_ / (std::to_string(n) + ".json")));
}

std::string HttpSink::body(int n) const {
  return slurp(store_ / (std::to_string(n) + ".body"));
}

std::string HttpSink::header(int n, const std::string& name) const {
  const auto record = request(n);  // kept alive: range-for over a temporary's member dangles
  for (const auto& pair : record.at("headers")) {
    if (lower(pair.at(0).get<std::string>()) == lower(name)) return pair.at(1).get<std::string>();
  }
  return "";
}

std::string HttpSink::log() const {
  return slurp(scratch_.path() / "server.log");
}

}  // namespace fluxd_test
