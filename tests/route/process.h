// Test helpers for real server processes: temp folders, free ports, and child processes that
// are always stopped and reaped (PID 1 here does not reap orphans).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace fluxd_test {

// A fresh folder under the system temp dir, removed with everything in it on destruction.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& prefix);
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Runs a program to completion (found through PATH), its stdout and stderr appended to
// `output`. Returns its exit status, or -1 if it could not run or was killed.
int run_program(const std::vector<std::string>& argv, const std::filesystem::path& output);

// A port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).
int free_port();

// True when something accepts TCP connections on 127.0.0.1:port.
bool port_accepts(int port);

// A child started directly with posix_spawn, so pid() is the program's own PID (no shell in
// between). Its stdout and stderr go to `log`. The destructor stops it: SIGTERM, then SIGKILL
// after a grace period, and always waitpid.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& log);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // False once the process has exited (reaps it then).
  bool running();
  // Idempotent.
  void stop();
  // Sends `signal` and waits up to `timeout` for the exit: its exit code, 128 + signal number
  // when a signal ended it, or -1 when it is still running (then it is killed and reaped).
  int signal_and_wait(int signal, std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
};

// PIDs whose parent is `parent` (read from /proc).
std::vector<pid_t> children_of(pid_t parent);

// Waits until `ready()` is true, polling; false on timeout.
template <typename Ready>
bool wait_until(Ready ready, std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (ready()) return true;
    if (std::chrono::steady_clock::now() >= end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// Every name in a folder, hidden ones included (none when it does not exist).
std::set<std::string> names_in(const std::filesystem::path& folder);

// The whole file, or "" when it cannot be read.
std::string slurp(const std::filesystem::path& file);

}  // namespace fluxd_test
