// A real OpenSSH server for the SFTP channel tests: throw-away host and user keys, its own
// sshd_config, listening on a free port of 127.0.0.1, started directly (its PID is sshd's) and
// stopped and reaped on destruction.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "route/process.h"

namespace fluxd_test {

class SshdServer {
 public:
  // Throws std::runtime_error (with sshd's log) when the server cannot be started.
  SshdServer();
  ~SshdServer();

  const std::filesystem::path& dir() const { return scratch_.path(); }
  int port() const { return port_; }
  std::string user() const { return user_; }
  std::filesystem::path user_key() const { return dir() / "user_key"; }    // authorised
  std::filesystem::path other_key() const { return dir() / "other_key"; }  // not authorised
  // The host key pin as `ssh-keygen -l -E sha256` prints it, without "SHA256:".
  const std::string& host_key_sha256() const { return pin_; }
  // sftp://127.0.0.1:<port><absolute folder>
  std::string url(const std::filesystem::path& folder) const;
  // sshd's stderr (one line per event, e.g. "Accepted publickey for …").
  std::string log() const;

 private:
  ScratchDir scratch_{"sshd"};
  int port_ = 0;
  std::string user_;
  std::string pin_;
  std::unique_ptr<ChildProcess> sshd_;
};

// Boost.Test suite fixture: one server per suite (decorate the suite with
// `*boost::unit_test::fixture<SshdSuite>()`), reached by tests through server().
struct SshdSuite {
  SshdSuite();
  ~SshdSuite();
  static SshdServer& server();
};

}  // namespace fluxd_test
