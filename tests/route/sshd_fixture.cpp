#include "route/sshd_fixture.h"

#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fluxd_test {

namespace fs = std::filesystem;

namespace {

void make_key(const fs::path& file, const fs::path& log) {
  if (run_program(
          {"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "fluxd-test", "-f", file.string()},
          log) != 0) {
    throw std::runtime_error("ssh-keygen failed: " + slurp(log));
  }
}

// An independent tool computes the pin, so a bug in our own code cannot cancel out.
std::string pin_of(const fs::path& public_key, const fs::path& dir) {
  const fs::path out = dir / "fingerprint.txt";
  if (run_program({"ssh-keygen", "-l", "-E", "sha256", "-f", public_key.string()}, out) != 0) {
    throw std::runtime_error("ssh-keygen -l failed: " + slurp(out));
  }
  // "256 SHA256:<base64> comment (ED25519)"
  std::istringstream words(slurp(out));
  std::string bits, fingerprint;
  words >> bits >> fingerprint;
  if (!fingerprint.starts_with("SHA256:")) throw std::runtime_error("unexpected: " + slurp(out));
  return fingerprint.substr(7);
}

SshdServer* current = nullptr;

// sshd processes that became our children after their parent exited (we are a subreaper).
std::vector<pid_t> adopted_sshd() {
  std::vector<pid_t> out;
  for (pid_t pid : children_of(::getpid())) {
    if (slurp("/proc/" + std::to_string(pid) + "/comm").starts_with("sshd")) out.push_back(pid);
  }
  return out;
}

}  // namespace

SshdServer::SshdServer() {
  const fs::path& d = dir();
  // sshd's per-connection processes can outlive their parent for a moment (the pre-auth child
  // of a refused login); orphans go to PID 1, which does not reap here. As a subreaper this
  // test program adopts them and reaps them at teardown.
  ::prctl(PR_SET_CHILD_SUBREAPER, 1);
  const passwd* me = ::getpwuid(::getuid());
  if (me == nullptr) throw std::runtime_error("no passwd entry for the current user");
  user_ = me->pw_name;
  // As root sshd insists on its privilege separation folder (a fresh machine has none).
  if (::getuid() == 0 && !fs::exists("/run/sshd")) {
    fs::create_directories("/run/sshd");
    ::chmod("/run/sshd", 0755);
  }
  const fs::path keygen_log = d / "keygen.log";
  make_key(d / "host_key", keygen_log);
  make_key(d / "user_key", keygen_log);
  make_key(d / "other_key", keygen_log);
  fs::copy_file(d / "user_key.pub", d / "authorized_keys");
  pin_ = pin_of(d / "host_key.pub", d);

  // Another process may take the free port before sshd binds it: then sshd exits at once and
  // we try again with another port.
  for (int attempt = 1; attempt <= 5 && !sshd_; ++attempt) {
    port_ = free_port();
    const fs::path config = d / "sshd_config";
    std::ofstream(config) << "Port " << port_ << "\n"
                          << "ListenAddress 127.0.0.1\n"
                          << "HostKey " << (d / "host_key").string() << "\n"
                          << "PidFile " << (d / "sshd.pid").string() << "\n"
                          << "AuthorizedKeysFile " << (d / "authorized_keys").string() << "\n"
                          << "PubkeyAuthentication yes\n"
                          << "PasswordAuthentication no\n"
                          << "KbdInteractiveAuthentication no\n"
                          << "UsePAM yes\n"  // without PAM sshd calls the account locked
                          << "StrictModes no\n"
                          << "PermitRootLogin prohibit-password\n"
                          << "LogLevel VERBOSE\n"
                          << "Subsystem sftp internal-sftp\n";
    auto child = std::make_unique<ChildProcess>(
        std::vector<std::string>{"/usr/sbin/sshd", "-D", "-e", "-f", config.string()},
        d / "sshd.log");
    const bool up = wait_until([&] { return !child->running() || port_accepts(port_); },
                               std::chrono::seconds(10));
    if (up && child->running()) sshd_ = std::move(child);
  }
  if (!sshd_) throw std::runtime_error("sshd did not start: " + log());
}

SshdServer::~SshdServer() {
  if (!sshd_) return;
  // Let sshd reap its per-connection children first (channels close their connections when
  // destroyed): orphans would end up with PID 1, which does not reap them here.
  const pid_t pid = sshd_->pid();
  wait_until([&] { return children_of(pid).empty(); }, std::chrono::seconds(3));
  sshd_->stop();
  const bool reaped = wait_until(
      [] {
        for (pid_t orphan : adopted_sshd()) {
          int status = 0;
          ::waitpid(orphan, &status, WNOHANG);
        }
        return adopted_sshd().empty();
      },
      std::chrono::seconds(3));
  if (!reaped) {
    for (pid_t orphan : adopted_sshd()) {
      ::kill(orphan, SIGKILL);
      int status = 0;
      ::waitpid(orphan, &status, 0);
    }
  }
}

std::string SshdServer::url(const fs::path& folder) const {
  return "sftp://127.0.0.1:" + std::to_string(port_) + folder.string();
}

std::string SshdServer::log() const {
  return slurp(dir() / "sshd.log");
}

SshdSuite::SshdSuite() {
  current = new SshdServer();
}

SshdSuite::~SshdSuite() {
  delete current;
  current = nullptr;
}

SshdServer& SshdSuite::server() {
  if (current == nullptr) throw std::logic_error("SshdSuite fixture not set up");
  return *current;
}

}  // namespace fluxd_test
