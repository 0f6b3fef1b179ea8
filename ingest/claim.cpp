// Claiming files from a partner's drop directory, and the flow's identity (SHA-256).

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>

#include "ingest/ingest.h"
#include "model/durable.h"

namespace ingest {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kNameSeparator = "--";  // between the unique prefix and the name

bool ends_with_ignoring_case(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), text.end() - suffix.size(),
                    [](char a, char b) { return a == (b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b); });
}

std::string errno_text(const fs::path& path, int err) {
  return path.string() + ": " + std::strerror(err);
}

// "<UTC yyyymmddThhmmss>-<pid>-<counter>": unique across processes (pid) and within one.
std::string unique_prefix() {
  static std::atomic<unsigned long> counter{0};
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &utc);
  return std::string(stamp) + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
}

// The partner's name as the suffix of a file name of ours: control characters (a newline, an
// escape sequence) and '%' itself as %XX, so that original_name_of gives the name back; and short
// enough for the whole name to fit NAME_MAX (a name the file system accepted in the inbox would
// otherwise never be claimed). A shortened name loses its end, never half a character.
std::string kept_name(std::string_view original, std::size_t room) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string kept;
  for (std::size_t i = 0; i < original.size();) {
    // One character: a byte and the UTF-8 continuation bytes after it.
    std::size_t end = i + 1;
    while (end < original.size() && (static_cast<unsigned char>(original[end]) & 0xC0) == 0x80)
      ++end;
    std::string piece;
    for (; i < end; ++i) {
      const auto byte = static_cast<unsigned char>(original[i]);
      if (byte < 0x20 || byte == 0x7F || byte == '%')
        piece += {'%', kHex[byte >> 4], kHex[byte & 0xF]};
      else
        piece += original[i];
    }
    if (kept.size() + piece.size() > room) break;
    kept += piece;
  }
  return kept;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

bool is_flow_name(std::string_view file_name) {
  if (file_name.empty() || file_name.front() == '.') return false;
  for (std::string_view suffix : {".tmp", ".part", ".filepart", ".writing"})
    if (ends_with_ignoring_case(file_name, suffix)) return false;
  return true;
}

std::vector<fs::path> waiting_files(const fs::path& partner_inbox) {
  struct Waiting {
    fs::file_time_type mtime;
    fs::path path;
  };
  std::vector<Waiting> found;
  std::error_code ec;
  fs::directory_iterator it(partner_inbox, ec);
  if (ec) return {};  // missing (or unreadable) directory: nothing waits
  for (const auto& entry : it) {
    // symlink_status: a symbolic link is never a flow (it could point at any file of ours).
    std::error_code entry_ec;
    if (!fs::is_regular_file(entry.symlink_status(entry_ec)) || entry_ec) continue;
    if (!is_flow_name(entry.path().filename().string())) continue;
    const auto mtime = entry.last_write_time(entry_ec);
    if (entry_ec) continue;  // vanished meanwhile
    found.push_back({mtime, entry.path()});
  }
  std::sort(found.begin(), found.end(), [](const Waiting& a, const Waiting& b) {
    if (a.mtime != b.mtime) return a.mtime < b.mtime;
    return a.path.filename() < b.path.filename();
  });
  std::vector<fs::path> paths;
  paths.reserve(found.size());
  for (auto& w : found) paths.push_back(std::move(w.path));
  return paths;
}

model::Result<ClaimedFile> claim_flow(const fs::path& file, const fs::path& work_dir) {
  std::error_code ec;
  fs::create_directories(work_dir, ec);
  if (ec) return model::Error{"IO-CLAIM", work_dir.string() + ": " + ec.message()};

  ClaimedFile claimed;
  claimed.original_name = file.filename().string();
  constexpr std::size_t kNameMax = 255;  // bytes of one file name (Linux NAME_MAX)
  const std::string prefix = unique_prefix() + std::string(kNameSeparator);
  claimed.work_path =
      work_dir / (prefix + kept_name(claimed.original_name, kNameMax - prefix.size()));
  // The rename is the claim: whoever renames first owns the file, the other gets ENOENT.
  if (::rename(file.c_str(), claimed.work_path.c_str()) != 0)
    return model::Error{"IO-CLAIM", errno_text(file, errno)};
  if (!model::sync_dir(work_dir))
    // The file is in work_dir but the rename may not survive a crash; say so rather than go on.
    return model::Error{"IO-CLAIM", errno_text(work_dir, errno)};
  struct stat info {};
  if (::lstat(claimed.work_path.c_str(), &info) != 0)
    return model::Error{"IO-CLAIM", errno_text(claimed.work_path, errno)};
  claimed.size = static_cast<std::uintmax_t>(info.st_size);
  return claimed;
}

std::string original_name_of(const fs::path& work_path) {
  const std::string name = work_path.filename().string();
  const auto separator = name.find(kNameSeparator);
  if (separator == std::string::npos) return name;
  std::string original;
  for (std::size_t i = separator + kNameSeparator.size(); i < name.size(); ++i) {
    const int high = name[i] == '%' && i + 2 < name.size() ? hex_value(name[i + 1]) : -1;
    const int low = high < 0 ? -1 : hex_value(name[i + 2]);
    if (low < 0) {
      original += name[i];
      continue;
    }
    original += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return original;
}

model::Result<std::string> sha256_file(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return model::Error{"IO-READ", errno_text(file, errno)};
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  &EVP_MD_CTX_free);
  if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1) {
    ::close(fd);
    return model::Error{"IO-READ", file.string() + ": SHA-256 unavailable"};
  }
  std::vector<unsigned char> chunk(1 << 16);
  for (;;) {
    const ssize_t n = ::read(fd, chunk.data(), chunk.size());
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      return model::Error{"IO-READ", errno_text(file, err)};
    }
    EVP_DigestUpdate(context.get(), chunk.data(), static_cast<std::size_t>(n));
  }
  ::close(fd);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_size = 0;
  EVP_DigestFinal_ex(context.get(), digest, &digest_size);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest_size * 2);
  for (unsigned int i = 0; i < digest_size; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0x0f];
  }
  return hex;
}

}  // namespace ingest
