#include "model/durable.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace model {

namespace fs = std::filesystem;

namespace {
Error io_error(std::string code, const fs::path& path, int err) {
  return Error{std::move(code), path.string() + ": " + std::strerror(err)};
}

// Unique within the process and across processes (pid) for concurrent writers.
fs::path temp_name_for(const fs::path& target) {
  static std::atomic<unsigned long> counter{0};
  return target.parent_path() / ("." + target.filename().string() + ".tmp." +
                                 std::to_string(::getpid()) + "." + std::to_string(++counter));
}
}  // namespace

Status write_file_durably(const fs::path& target, std::string_view bytes) {
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) return Error{"IO-WRITE", target.parent_path().string() + ": " + ec.message()};
  const fs::path temp = temp_name_for(target);
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return io_error("IO-WRITE", temp, errno);
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      return io_error("IO-WRITE", temp, err);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    return io_error("IO-WRITE", temp, err);
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    return io_error("IO-WRITE", target, err);
  }
  if (!sync_dir(target.parent_path())) return io_error("IO-WRITE", target.parent_path(), errno);
  return Ok{};
}

Status move_durably(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::create_directories(to.parent_path(), ec);
  if (ec) return Error{"IO-RENAME", to.parent_path().string() + ": " + ec.message()};
  if (::rename(from.c_str(), to.c_str()) != 0) return io_error("IO-RENAME", from, errno);
  if (!sync_dir(to.parent_path())) return io_error("IO-RENAME", to.parent_path(), errno);
  return Ok{};
}

Result<std::string> read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return io_error("IO-READ", file, errno);
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) return io_error("IO-READ", file, errno);
  return std::move(out).str();
}

bool sync_dir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

int remove_abandoned_temp_files(const fs::path& dir) {
  int removed = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    const auto tmp = name.rfind(".tmp.");
    if (name.empty() || name.front() != '.' || tmp == std::string::npos) continue;
    const std::string tail = name.substr(tmp + 5);  // "<pid>.<n>"
    const auto dot = tail.find('.');
    if (dot == std::string::npos || dot == 0 ||
        tail.substr(0, dot).find_first_not_of("0123456789") != std::string::npos)
      continue;
    const std::string digits = tail.substr(0, dot);
    // A live writer (this process, or another fluxd on the same data root) keeps its file; a
    // number no pid can be has no writer.
    if (digits.size() < 10) {
      const auto pid = static_cast<pid_t>(std::stol(digits));
      if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
    }
    std::error_code remove_ec;
    if (fs::remove(entry.path(), remove_ec)) ++removed;
  }
  return removed;
}

}  // namespace model
