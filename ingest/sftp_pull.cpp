// SFTP pull through libcurl (libssh2): list the remote folder, wait until a file is stable,
// download it to a hidden temporary name in the inbox, check its size, record it in a durable
// ledger, rename it into the inbox, then remove or move the remote file and drop the entry.
// The ledger is what makes each of these steps resumable after a crash.
#include "ingest/sftp_pull.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>

#include "ingest/ingest.h"
#include "model/durable.h"
#include "model/identifiers.h"

namespace ingest {

namespace fs = std::filesystem;

namespace {

// ---- libcurl handles ---------------------------------------------------------------------

struct CurlDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;

struct CurlListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlList = std::unique_ptr<curl_slist, CurlListDeleter>;

CurlHandle new_curl_handle() {
  // curl_global_init must run before the first handle, and once.
  static std::once_flag once;
  static CURLcode init = CURLE_OK;
  std::call_once(once, [] { init = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (init != CURLE_OK) return nullptr;
  return CurlHandle{curl_easy_init()};
}

// Null only when out of memory.
CurlList command_list(const std::vector<std::string>& commands) {
  CurlList list;
  for (const auto& command : commands) {
    curl_slist* grown = curl_slist_append(list.get(), command.c_str());
    if (grown == nullptr) return nullptr;
    (void)list.release();
    list.reset(grown);
  }
  return list;
}

// Quote commands take paths in double quotes; libcurl unescapes \" and \\ inside them.
std::string sftp_quoted(const std::string& path) {
  std::string out = "\"";
  for (char c : path) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

// What a libcurl failure means to an operator. Removal and move failures are reported as
// SFTP-PULL-REMOVE / -MOVE by their caller, whatever the cause.
std::string failure_code(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return "SFTP-PULL-CONNECT";
    case CURLE_OPERATION_TIMEDOUT:
      return "SFTP-PULL-TIMEOUT";
    case CURLE_PEER_FAILED_VERIFICATION:  // the host key is not the pinned one
      return "SFTP-PULL-HOSTKEY";
    case CURLE_LOGIN_DENIED:
      return "SFTP-PULL-AUTH";
    case CURLE_REMOTE_ACCESS_DENIED:
      return "SFTP-PULL-DENIED";
    case CURLE_REMOTE_FILE_NOT_FOUND:
      return "SFTP-PULL-PATH";
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSH:
    case CURLE_AGAIN:
      return "SFTP-PULL-TRANSFER";
    default:
      return "SFTP-PULL-FAILED";
  }
}

// Failures that concern one file; anything else (connection, identity, timeout) ends the poll,
// since the next file would meet the same trouble.
bool concerns_one_file(CURLcode rc) {
  return rc == CURLE_REMOTE_FILE_NOT_FOUND || rc == CURLE_REMOTE_ACCESS_DENIED ||
         rc == CURLE_QUOTE_ERROR || rc == CURLE_WRITE_ERROR;
}

// ---- configuration ------------------------------------------------------------------------

model::Error config_error(const char* code, const std::string& why) {
  return model::Error{code, "sftp source: " + why};
}

bool has_control_character(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

struct Url {
  std::string base;    // sftp://host[:port]
  std::string folder;  // decoded absolute path, no trailing "/"
};

model::Result<Url> parse_sftp_url(const std::string& text) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> url{curl_url(), &curl_url_cleanup};
  if (!url) return config_error("SFTP-PULL-URL", "libcurl could not parse URLs");
  // No default scheme: "host/path" is refused rather than guessed.
  if (curl_url_set(url.get(), CURLUPART_URL, text.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
    return config_error("SFTP-PULL-URL", "not a URL");
  }
  auto part = [&](CURLUPart which, unsigned flags = 0) -> std::string {
    char* value = nullptr;
    if (curl_url_get(url.get(), which, &value, flags) != CURLUE_OK || value == nullptr) return "";
    std::string out = value;
    curl_free(value);
    return out;
  };
  std::string scheme = part(CURLUPART_SCHEME);
  for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "sftp") {
    return config_error("SFTP-PULL-URL", "scheme must be sftp, not '" + scheme + "'");
  }
  // Credentials belong in the key file or the password field, never in a URL that gets logged.
  if (!part(CURLUPART_USER).empty() || !part(CURLUPART_PASSWORD).empty()) {
    return config_error("SFTP-PULL-URL", "credentials in the URL are not allowed");
  }
  const std::string host = part(CURLUPART_HOST);
  if (host.empty()) return config_error("SFTP-PULL-URL", "no host");
  const std::string port = part(CURLUPART_PORT);
  std::string folder = part(CURLUPART_PATH, CURLU_URLDECODE);
  if (has_control_character(folder)) {
    return config_error("SFTP-PULL-URL", "control character in the path");
  }
  while (!folder.empty() && folder.back() == '/') folder.pop_back();
  if (!folder.starts_with("/") || folder.starts_with("/~")) {
    return config_error("SFTP-PULL-URL", "the sftp URL needs an absolute folder path");
  }
  return Url{"sftp://" + host + (port.empty() ? "" : ":" + port), folder};
}

std::string normalised_folder(std::string folder) {
  while (!folder.empty() && folder.back() == '/') folder.pop_back();
  return folder;
}

// ---- SHA-256 ------------------------------------------------------------------------------

class Sha256 {
 public:
  Sha256() : context_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
    ok_ = context_ && EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr) == 1;
  }
  void update(const char* data, std::size_t size) {
    if (ok_) ok_ = EVP_DigestUpdate(context_.get(), data, size) == 1;
  }
  // Lower-case hex, or "" when OpenSSL failed.
  std::string hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (!ok_ || EVP_DigestFinal_ex(context_.get(), digest, &size) != 1) return "";
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < size; ++i) {
      out += kHex[digest[i] >> 4];
      out += kHex[digest[i] & 0x0f];
    }
    return out;
  }

 private:
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context_;
  bool ok_ = false;
};

std::string sha256_of(std::string_view text) {
  Sha256 hash;
  hash.update(text.data(), text.size());
  return hash.hex();
}

// ---- the remote listing -------------------------------------------------------------------

struct RemoteFile {
  char type = '?';  // first letter of the mode: '-' regular file, 'd' folder, 'l' link…
  std::uintmax_t size = 0;
  std::string name;
};

// OpenSSH's long listing line: "<mode> <links> <owner> <group> <size> <month> <day>
// <time|year> <name>", one space before the name, which may itself hold spaces. Parsing the long
// form (not the names-only one) is what tells regular files from folders and links.
std::optional<RemoteFile> parse_listing_line(std::string_view line) {
  std::string_view fields[8];
  std::size_t at = 0;
  for (auto& field : fields) {
    while (at < line.size() && line[at] == ' ') ++at;
    const auto end = line.find(' ', at);
    if (at == line.size() || end == std::string_view::npos) return std::nullopt;
    field = line.substr(at, end - at);
    at = end;
  }
  if (at + 1 >= line.size()) return std::nullopt;
  RemoteFile file;
  file.type = fields[0].front();
  const std::string_view size = fields[4];
  const auto parsed = std::from_chars(size.data(), size.data() + size.size(), file.size);
  if (parsed.ec != std::errc{} || parsed.ptr != size.data() + size.size()) return std::nullopt;
  file.name = std::string(line.substr(at + 1));
  // The partner's server writes this line: a file name with a '/' would make the local paths
  // built from it (temporary copy, inbox name) reach outside the inbox. No file is named so (a
  // link's line says "name -> target"; links are never taken).
  if (file.type == '-' && file.name.find('/') != std::string::npos) return std::nullopt;
  return file;
}

constexpr std::size_t kMaxListingBytes = std::size_t{64} << 20;

std::size_t append_listing(char* data, std::size_t size, std::size_t count, void* user) {
  auto* out = static_cast<std::string*>(user);
  const std::size_t n = size * count;
  if (out->size() + n > kMaxListingBytes) return 0;  // aborts the request
  out->append(data, n);
  return n;
}

// ---- downloads ----------------------------------------------------------------------------

struct DownloadSink {
  int fd = -1;
  Sha256 hash;
  std::uintmax_t expected = 0;  // the listed size
  std::uintmax_t received = 0;
  bool too_long = false;  // the file grew beyond the listed size
  int write_errno = 0;    // the local disk failed
};

std::size_t write_download(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<DownloadSink*>(user);
  const std::size_t n = size * count;
  if (sink->received + n > sink->expected) {
    sink->too_long = true;
    return 0;
  }
  for (std::size_t done = 0; done < n;) {
    const ssize_t written = ::write(sink->fd, data + done, n - done);
    if (written < 0) {
      if (errno == EINTR) continue;
      sink->write_errno = errno;
      return 0;
    }
    done += static_cast<std::size_t>(written);
  }
  sink->hash.update(data, n);
  sink->received += n;
  return n;
}

// ---- local files --------------------------------------------------------------------------

std::string errno_text(const fs::path& path, int err) {
  return path.string() + ": " + std::strerror(err);
}

// The entries of a folder; empty when it cannot be read (never throws).
std::vector<fs::path> entries_of(const fs::path& dir, std::error_code& ec) {
  std::vector<fs::path> out;
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) out.push_back(it->path());
  return out;
}

// "a.xml" -> "a-2.xml"; "README" -> "README-2".
std::string name_variant(const std::string& name, int n) {
  if (n <= 1) return name;
  const auto dot = name.rfind('.');
  if (dot == std::string::npos || dot == 0) return name + "-" + std::to_string(n);
  return name.substr(0, dot) + "-" + std::to_string(n) + name.substr(dot);
}

constexpr int kMaxNameVariants = 1000;

// Renames `temp` into `folder` under `name` or its first free variant, never replacing a file,
// then fsyncs the folder. Returns the name used.
model::Result<std::string> publish(const fs::path& temp, const fs::path& folder,
                                   const std::string& name) {
  for (int n = 1; n <= kMaxNameVariants; ++n) {
    const std::string candidate = name_variant(name, n);
    const fs::path target = folder / candidate;
    int rc = ::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE);
    if (rc != 0 && (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP)) {
      // A filesystem without RENAME_NOREPLACE: check, then rename. The rename stays atomic
      // (the temp disappears exactly when the file appears), which the ledger relies on.
      struct stat info {};
      if (::lstat(target.c_str(), &info) == 0) continue;
      rc = ::rename(temp.c_str(), target.c_str());
    }
    if (rc != 0) {
      if (errno == EEXIST) continue;
      return model::Error{"SFTP-PULL-INBOX", errno_text(target, errno)};
    }
    if (!model::sync_dir(folder)) return model::Error{"SFTP-PULL-INBOX", errno_text(folder, errno)};
    return candidate;
  }
  return model::Error{"SFTP-PULL-INBOX", "no free name for " + (folder / name).string()};
}

// ---- the ledger ---------------------------------------------------------------------------

// One file per remote file taken and not yet removed from the server, named after a hash of
// the source and the remote name, holding what identifies that remote file.
struct LedgerEntry {
  std::string name;
  std::uintmax_t size = 0;
  long long mtime = -1;  // seconds since the epoch, -1 when the server gave none
  std::string sha256;    // of the downloaded bytes
};

constexpr std::string_view kLedgerPrefix = "sftp-pull-";
constexpr std::string_view kLedgerSuffix = ".ledger";
constexpr std::string_view kLedgerHeader = "fluxd sftp-pull ledger 1";

// Bytes that would break the line format (and '%' itself) as %XX.
std::string percent_encoded(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (c <= 0x20 || c >= 0x7f || c == '%') {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0f];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::optional<std::string> percent_decoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    unsigned value = 0;
    if (i + 2 >= text.size()) return std::nullopt;
    const auto parsed = std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16);
    if (parsed.ec != std::errc{} || parsed.ptr != text.data() + i + 3) return std::nullopt;
    out += static_cast<char>(value);
    i += 2;
  }
  return out;
}

std::string ledger_text(const std::string& source_key, const LedgerEntry& entry) {
  return std::string(kLedgerHeader) + "\nsource " + percent_encoded(source_key) + "\nname " +
         percent_encoded(entry.name) + "\nsize " + std::to_string(entry.size) + "\nmtime " +
         std::to_string(entry.mtime) + "\nsha256 " + entry.sha256 + "\n";
}

// The entry and the source it belongs to, or nothing when the text is not a ledger entry.
std::optional<std::pair<std::string, LedgerEntry>> parse_ledger(const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  if (!std::getline(lines, line) || line != kLedgerHeader) return std::nullopt;
  std::map<std::string, std::string> fields;
  while (std::getline(lines, line)) {
    const auto space = line.find(' ');
    if (space == std::string::npos) return std::nullopt;
    fields[line.substr(0, space)] = line.substr(space + 1);
  }
  for (const char* key : {"source", "name", "size", "mtime", "sha256"}) {
    if (!fields.contains(key)) return std::nullopt;
  }
  auto source = percent_decoded(fields["source"]);
  auto name = percent_decoded(fields["name"]);
  if (!source || !name) return std::nullopt;
  LedgerEntry entry;
  entry.name = std::move(*name);
  entry.sha256 = fields["sha256"];
  const std::string& size = fields["size"];
  const std::string& mtime = fields["mtime"];
  if (std::from_chars(size.data(), size.data() + size.size(), entry.size).ec != std::errc{} ||
      std::from_chars(mtime.data(), mtime.data() + mtime.size(), entry.mtime).ec != std::errc{}) {
    return std::nullopt;
  }
  return std::make_pair(std::move(*source), std::move(entry));
}

}  // namespace

// ---- the puller ---------------------------------------------------------------------------

struct SftpPuller::Impl {
  Url url;
  std::string source_key;  // base + folder: what ledger entries and temp files belong to
  std::string tag;         // short hash of source_key, in our temp file names
  std::string user;
  std::string private_key;
  std::string public_key;
  std::string password;
  std::string pin;
  SftpSource::After after = SftpSource::After::remove;
  std::string move_to;
  long timeout_ms = 30000;
  CurlHandle curl;
  char error[CURL_ERROR_SIZE] = {};
  TestHooks hooks;

  // What the previous poll saw of each remote file: a file is stable when this poll sees the same.
  struct Sighting {
    std::uintmax_t size = 0;
    long long mtime = -1;
    bool operator==(const Sighting&) const = default;
  };
  std::map<std::string, Sighting> seen;

  struct Reply {
    CURLcode rc = CURLE_OK;
    std::string text;
  };

  // ---- requests (one SSH connection, kept by the handle between requests) ----

  std::string url_for(const std::string& path) const {
    std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> parsed{curl_url(), &curl_url_cleanup};
    char* text = nullptr;
    std::string out = url.base + path;
    if (parsed && curl_url_set(parsed.get(), CURLUPART_URL, url.base.c_str(), 0) == CURLUE_OK &&
        curl_url_set(parsed.get(), CURLUPART_PATH, path.c_str(), CURLU_URLENCODE) == CURLUE_OK &&
        curl_url_get(parsed.get(), CURLUPART_URL, &text, 0) == CURLUE_OK) {
      out = text;
      curl_free(text);
    }
    return out;
  }

  std::string remote_path(const std::string& name) const { return url.folder + "/" + name; }

  // `transfer`: a listing or a download, whose length depends on the data: bounded by a stall
  // timeout instead of a total one.
  void prepare(const std::string& path, bool transfer) {
    CURL* h = curl.get();
    curl_easy_reset(h);  // keeps the live connection
    error[0] = '\0';
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(h, CURLOPT_URL, url_for(path).c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "sftp");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_PROXY, "");  // never an environment proxy
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    if (transfer) {
      curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
      curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, std::max(1L, (timeout_ms + 999) / 1000));
    } else {
      curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
    }
    curl_easy_setopt(h, CURLOPT_USERNAME, user.c_str());
    long auth = 0;
    if (!private_key.empty()) {
      auth |= CURLSSH_AUTH_PUBLICKEY;
      curl_easy_setopt(h, CURLOPT_SSH_PRIVATE_KEYFILE, private_key.c_str());
      if (!public_key.empty()) curl_easy_setopt(h, CURLOPT_SSH_PUBLIC_KEYFILE, public_key.c_str());
    }
    if (!password.empty()) {
      auth |= CURLSSH_AUTH_PASSWORD | CURLSSH_AUTH_KEYBOARD;
      curl_easy_setopt(h, CURLOPT_PASSWORD, password.c_str());
    }
    curl_easy_setopt(h, CURLOPT_SSH_AUTH_TYPES, auth);
    curl_easy_setopt(h, CURLOPT_SSH_HOST_PUBLIC_KEY_SHA256, pin.c_str());
  }

  Reply perform() {
    Reply reply;
    reply.rc = curl_easy_perform(curl.get());
    if (reply.rc != CURLE_OK) reply.text = error[0] != '\0' ? error : curl_easy_strerror(reply.rc);
    return reply;
  }

  // The long listing of `folder`, or its names only; `before` runs on the server first.
  Reply list(const std::string& folder, bool names_only, const std::vector<std::string>& before,
             std::string& listing) {
    prepare(folder + "/", true);
    CurlList commands = command_list(before);
    if (!before.empty() && !commands) return Reply{CURLE_OUT_OF_MEMORY, "out of memory"};
    curl_easy_setopt(curl.get(), CURLOPT_QUOTE, commands.get());
    curl_easy_setopt(curl.get(), CURLOPT_DIRLISTONLY, names_only ? 1L : 0L);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, append_listing);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &listing);
    return perform();
  }

  // The modification time of a remote file (-1 when the server gives none).
  Reply modification_time(const std::string& path, long long& mtime) {
    prepare(path, false);
    curl_easy_setopt(curl.get(), CURLOPT_NOBODY, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_FILETIME, 1L);
    Reply reply = perform();
    curl_off_t time = -1;
    if (reply.rc == CURLE_OK) curl_easy_getinfo(curl.get(), CURLINFO_FILETIME_T, &time);
    mtime = static_cast<long long>(time);
    return reply;
  }

  Reply download(const std::string& path, DownloadSink& sink) {
    prepare(path, true);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, write_download);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &sink);
    return perform();
  }

  // Runs SFTP commands (rm, rename, mkdir) in one request on the source folder.
  Reply run(const std::vector<std::string>& commands) {
    prepare(url.folder + "/", false);
    CurlList list = command_list(commands);
    if (!list) return Reply{CURLE_OUT_OF_MEMORY, "out of memory"};
    curl_easy_setopt(curl.get(), CURLOPT_NOBODY, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_QUOTE, list.get());
    return perform();
  }

  // ---- names of our local files ----

  fs::path temp_path(const fs::path& inbox, const std::string& name) const {
    // Hidden (the intake ignores it) and tagged with the source, so that only we clean it up.
    const std::string base = name.size() <= 200 ? name : sha256_of(name).substr(0, 32);
    return inbox / ("." + base + "." + tag + ".pull");
  }

  bool is_our_temp(const std::string& file_name) const {
    const std::string suffix = "." + tag + ".pull";
    return file_name.size() > suffix.size() + 1 && file_name.front() == '.' &&
           file_name.ends_with(suffix);
  }

  fs::path ledger_path(const fs::path& state_dir, const std::string& name) const {
    return state_dir /
           (std::string(kLedgerPrefix) + sha256_of(source_key + "\n" + name).substr(0, 32) +
            std::string(kLedgerSuffix));
  }

  // ---- the steps of a poll ----

  struct Ledger {
    std::map<std::string, LedgerEntry> entries;  // by remote name
    std::set<fs::path> unreadable;               // entry files we cannot trust
  };

  Ledger load_ledger(const fs::path& state_dir, std::vector<std::string>& problems) const {
    Ledger ledger;
    std::error_code ec;
    for (const fs::path& file : entries_of(state_dir, ec)) {
      const std::string file_name = file.filename().string();
      if (!file_name.starts_with(kLedgerPrefix) || !file_name.ends_with(kLedgerSuffix)) continue;
      auto text = model::read_file(file);
      auto parsed = text ? parse_ledger(*text) : std::nullopt;
      if (!parsed) {
        // Its remote file cannot be known, so no file whose entry this could be is taken.
        ledger.unreadable.insert(file);
        problems.push_back("SFTP-PULL-LEDGER: unreadable ledger entry " + file.string());
        continue;
      }
      if (parsed->first != source_key) continue;  // another source sharing the folder
      ledger.entries[parsed->second.name] = std::move(parsed->second);
    }
    if (ec) problems.push_back("SFTP-PULL-LEDGER: " + state_dir.string() + ": " + ec.message());
    return ledger;
  }

  void drop_entry(const fs::path& state_dir, const std::string& name,
                  std::vector<std::string>& problems) const {
    const fs::path file = ledger_path(state_dir, name);
    // A drop lost in a crash is harmless: the next poll finds the remote file gone and drops
    // the entry again.
    if (::unlink(file.c_str()) != 0 && errno != ENOENT) {
      problems.push_back("SFTP-PULL-LEDGER: " + errno_text(file, errno));
      return;
    }
    (void)model::sync_dir(state_dir);
  }

  // Removes the remote file, or moves it into move_to under a name not taken there.
  Reply finish_remote(const std::string& name) {
    if (after == SftpSource::After::remove) return run({"rm " + sftp_quoted(remote_path(name))});
    std::string names;
    Reply listed = list(move_to, true, {"*mkdir " + sftp_quoted(move_to)}, names);
    if (listed.rc != CURLE_OK) return listed;
    std::set<std::string> present;
    std::istringstream lines(names);
    for (std::string line; std::getline(lines, line);) present.insert(line);
    for (int n = 1; n <= kMaxNameVariants; ++n) {
      const std::string target = name_variant(name, n);
      if (present.contains(target)) continue;
      return run(
          {"rename " + sftp_quoted(remote_path(name)) + " " + sftp_quoted(move_to + "/" + target)});
    }
    return Reply{CURLE_QUOTE_ERROR, "no free name in " + move_to};
  }

  std::string remote_step_failure(const std::string& name, const Reply& reply) const {
    const bool removing = after == SftpSource::After::remove;
    return std::string(removing ? "SFTP-PULL-REMOVE" : "SFTP-PULL-MOVE") + ": " +
           url_for(remote_path(name)) + " is in the inbox but could not be " +
           (removing ? "removed" : "moved to " + move_to) + " (" + reply.text +
           "); it will not be taken again";
  }

  enum class Next { go_on, stop };

  // Steps 3 to 5 for one stable remote file.
  Next take(const RemoteFile& file, const Sighting& sighting, const fs::path& inbox,
            const fs::path& state_dir, PullReport& report) {
    const std::string where = url_for(remote_path(file.name));
    const fs::path temp = temp_path(inbox, file.name);
    if (hooks.before_download) hooks.before_download(file.name);

    DownloadSink sink;
    sink.expected = file.size;
    sink.fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (sink.fd < 0) {
      report.problems.push_back("SFTP-PULL-INBOX: " + errno_text(temp, errno));
      return Next::stop;
    }
    const Reply reply = download(remote_path(file.name), sink);
    int local_errno = sink.write_errno;
    if (reply.rc == CURLE_OK && ::fsync(sink.fd) != 0) local_errno = errno;
    if (::close(sink.fd) != 0 && reply.rc == CURLE_OK && local_errno == 0) local_errno = errno;
    const bool complete = reply.rc == CURLE_OK && sink.received == file.size;
    // The folder too: an entry naming the temp file must be able to rely on it after a crash.
    if (complete && local_errno == 0 && !model::sync_dir(inbox)) local_errno = errno;
    if (!complete || local_errno != 0) {
      ::unlink(temp.c_str());
      if (local_errno != 0) {
        report.problems.push_back("SFTP-PULL-INBOX: " + errno_text(temp, local_errno));
        return Next::stop;
      }
      seen.erase(file.name);  // changed under us: wait until it is stable again
      if (sink.too_long || reply.rc == CURLE_OK) {
        report.problems.push_back("SFTP-PULL-SIZE: " + where + " was listed with " +
                                  std::to_string(file.size) + " bytes but " +
                                  (sink.too_long ? "more" : std::to_string(sink.received)) +
                                  " came; it will be fetched again once stable");
        return Next::go_on;
      }
      if (reply.rc == CURLE_REMOTE_FILE_NOT_FOUND) return Next::go_on;  // gone meanwhile
      report.problems.push_back(failure_code(reply.rc) + ": downloading " + where + ": " +
                                reply.text);
      return concerns_one_file(reply.rc) ? Next::go_on : Next::stop;
    }
    if (hooks.stop_after == StopAfter::download) return Next::stop;

    // The ledger entry comes first: from now on the remote file counts as taken.
    const LedgerEntry entry{file.name, file.size, sighting.mtime, sink.hash.hex()};
    if (auto written = model::write_file_durably(ledger_path(state_dir, file.name),
                                                 ledger_text(source_key, entry));
        !written) {
      ::unlink(temp.c_str());
      report.problems.push_back("SFTP-PULL-LEDGER: " + written.error().message);
      return Next::stop;
    }
    if (hooks.stop_after == StopAfter::ledger) return Next::stop;

    auto published = publish(temp, inbox, file.name);
    if (!published) {
      // Entry and temp stay: the next poll publishes it.
      report.problems.push_back("SFTP-PULL-INBOX: " + published.error().message);
      return Next::stop;
    }
    report.taken.push_back(*published);
    seen.erase(file.name);
    if (hooks.stop_after == StopAfter::inbox) return Next::stop;

    const Reply finished = finish_remote(file.name);
    if (finished.rc != CURLE_OK) {
      report.problems.push_back(remote_step_failure(file.name, finished));
      return concerns_one_file(finished.rc) ? Next::go_on : Next::stop;
    }
    drop_entry(state_dir, file.name, report.problems);
    return Next::go_on;
  }

  PullReport pull(const fs::path& inbox, const fs::path& state_dir) {
    PullReport report;
    auto& problems = report.problems;
    std::error_code ec;
    fs::create_directories(inbox, ec);
    if (ec) {
      problems.push_back("SFTP-PULL-INBOX: " + inbox.string() + ": " + ec.message());
      return report;
    }
    fs::create_directories(state_dir, ec);
    if (ec) {
      problems.push_back("SFTP-PULL-LEDGER: " + state_dir.string() + ": " + ec.message());
      return report;
    }
    // An earlier publication whose folder fsync failed becomes durable now.
    (void)model::sync_dir(inbox);

    // Entries whose download never reached the inbox (a crash after the ledger was written):
    // publish the downloaded copy now. Its remote file is handled only once that succeeded.
    Ledger ledger = load_ledger(state_dir, problems);
    std::set<std::string> not_in_inbox;
    for (auto it = ledger.entries.begin(); it != ledger.entries.end();) {
      const LedgerEntry& entry = it->second;
      const fs::path temp = temp_path(inbox, entry.name);
      struct stat info {};
      if (::lstat(temp.c_str(), &info) != 0) {
        ++it;  // published already (the rename into the inbox removed the temp)
        continue;
      }
      auto hash = sha256_file(temp);
      if (!hash || *hash != entry.sha256 ||
          static_cast<std::uintmax_t>(info.st_size) != entry.size) {
        // Damaged copy: the remote file is still there (it is removed only after publication),
        // so forget this take and fetch it again.
        problems.push_back("SFTP-PULL-INBOX: downloaded copy of " +
                           url_for(remote_path(entry.name)) + " is damaged; fetching it again");
        ::unlink(temp.c_str());
        drop_entry(state_dir, entry.name, problems);
        it = ledger.entries.erase(it);
        continue;
      }
      auto published = publish(temp, inbox, entry.name);
      if (published) {
        report.taken.push_back(*published);
      } else {
        problems.push_back("SFTP-PULL-INBOX: " + published.error().message);
        not_in_inbox.insert(entry.name);
      }
      ++it;
    }

    // Our temps that no entry names were left by a download cut short: nothing refers to them.
    std::set<fs::path> pending_temps;
    for (const auto& name : not_in_inbox) pending_temps.insert(temp_path(inbox, name));
    for (const fs::path& file : entries_of(inbox, ec)) {
      if (is_our_temp(file.filename().string()) && !pending_temps.contains(file)) {
        ::unlink(file.c_str());
      }
    }

    std::string listing;
    const Reply listed = list(url.folder, false, {}, listing);
    if (listed.rc != CURLE_OK) {
      problems.push_back(failure_code(listed.rc) + ": listing " + url_for(url.folder + "/") + ": " +
                         listed.text);
      return report;
    }
    std::map<std::string, RemoteFile> files;  // regular files only
    std::istringstream lines(listing);
    for (std::string line; std::getline(lines, line);) {
      if (line.empty()) continue;
      auto file = parse_listing_line(line);
      if (!file) {
        problems.push_back("SFTP-PULL-LIST: unrecognised listing line: " + line);
        continue;
      }
      if (file->type == '-') files[file->name] = std::move(*file);
    }
    for (auto it = seen.begin(); it != seen.end();) {
      it = files.contains(it->first) ? std::next(it) : seen.erase(it);
    }

    // Taken earlier, not removed yet: finish the remote side, never download again.
    std::set<std::string> handled;
    for (const auto& [name, entry] : ledger.entries) {
      handled.insert(name);
      if (not_in_inbox.contains(name)) continue;
      const auto remote = files.find(name);
      if (remote == files.end()) {
        drop_entry(state_dir, name, problems);  // removed or moved already
        continue;
      }
      long long mtime = -1;
      const Reply stat = modification_time(remote_path(name), mtime);
      if (stat.rc == CURLE_REMOTE_FILE_NOT_FOUND) {
        drop_entry(state_dir, name, problems);
        continue;
      }
      if (stat.rc != CURLE_OK) {
        problems.push_back(failure_code(stat.rc) + ": " + url_for(remote_path(name)) + ": " +
                           stat.text);
        if (!concerns_one_file(stat.rc)) return report;
        continue;
      }
      if (remote->second.size != entry.size || mtime != entry.mtime) {
        // Another file under the same name since: the one we took is gone. The new one is a
        // candidate like any other.
        drop_entry(state_dir, name, problems);
        handled.erase(name);
        continue;
      }
      const Reply finished = finish_remote(name);
      if (finished.rc != CURLE_OK) {
        problems.push_back(remote_step_failure(name, finished));
        if (!concerns_one_file(finished.rc)) return report;
        continue;
      }
      drop_entry(state_dir, name, problems);
      ++report.finished;
    }

    // New files: taken on the second sighting with the same size and mtime.
    for (const auto& [name, file] : files) {
      if (handled.contains(name) || !is_flow_name(name)) continue;
      if (ledger.unreadable.contains(ledger_path(state_dir, name))) continue;
      long long mtime = -1;
      const Reply stat = modification_time(remote_path(name), mtime);
      if (stat.rc == CURLE_REMOTE_FILE_NOT_FOUND) {
        seen.erase(name);
        continue;
      }
      if (stat.rc != CURLE_OK) {
        problems.push_back(failure_code(stat.rc) + ": " + url_for(remote_path(name)) + ": " +
                           stat.text);
        if (!concerns_one_file(stat.rc)) return report;
        continue;
      }
      const Sighting now{file.size, mtime};
      const auto before = seen.find(name);
      if (before == seen.end() || !(before->second == now)) {
        seen[name] = now;
        ++report.waiting_unstable;
        continue;
      }
      if (take(file, now, inbox, state_dir, report) == Next::stop) return report;
    }
    return report;
  }
};

// ---- public API ---------------------------------------------------------------------------

model::Status check_sftp_source(const SftpSource& source) {
  if (source.timeout_ms <= 0) return config_error("SFTP-PULL-TIMEOUT", "timeout_ms must be > 0");
  auto url = parse_sftp_url(source.url);
  if (!url) return url.error();
  if (source.user.empty()) return config_error("SFTP-PULL-USER", "a user is needed");
  std::error_code ec;
  if (source.private_key.empty() && source.password.empty()) {
    return config_error("SFTP-PULL-KEY", "a private key or a password is needed");
  }
  if (!source.private_key.empty() && !fs::is_regular_file(source.private_key, ec)) {
    return config_error("SFTP-PULL-KEY",
                        "private key file not found: " + source.private_key.string());
  }
  if (!source.public_key.empty() && !fs::is_regular_file(source.public_key, ec)) {
    return config_error("SFTP-PULL-KEY",
                        "public key file not found: " + source.public_key.string());
  }
  if (model::normalised_host_key_pin(source.host_key_sha256).empty()) {
    // Without a pin libcurl would accept any server, and hand it our credentials.
    return config_error("SFTP-PULL-HOSTKEY",
                        "host_key_sha256 is needed (base64 SHA-256 of the server's host key, as "
                        "ssh-keygen -l -E sha256 shows it)");
  }
  if (source.after == SftpSource::After::move) {
    const std::string move_to = normalised_folder(source.move_to);
    if (!move_to.starts_with("/") || move_to.starts_with("/~") || has_control_character(move_to)) {
      return config_error("SFTP-PULL-MOVE-TO", "move needs move_to, an absolute remote folder");
    }
    if (move_to == url->folder) {
      return config_error("SFTP-PULL-MOVE-TO", "move_to must differ from the pulled folder");
    }
  }
  return model::Ok{};
}

model::Result<SftpPuller> make_sftp_puller(const SftpSource& source) {
  if (auto checked = check_sftp_source(source); !checked) return checked.error();
  auto impl = std::make_unique<SftpPuller::Impl>();
  impl->curl = new_curl_handle();
  if (!impl->curl) return config_error("SFTP-PULL-CURL", "libcurl could not start");
  impl->url = *parse_sftp_url(source.url);
  impl->source_key = impl->url.base + impl->url.folder;
  impl->tag = sha256_of(impl->source_key).substr(0, 8);
  impl->user = source.user;
  impl->private_key = source.private_key.string();
  impl->public_key = source.public_key.string();
  if (impl->public_key.empty() && !impl->private_key.empty()) {
    // libssh2 can derive the public key itself; give it the file when it is there.
    std::error_code ec;
    const fs::path beside = impl->private_key + ".pub";
    if (fs::is_regular_file(beside, ec)) impl->public_key = beside.string();
  }
  impl->password = source.password;
  impl->pin = model::normalised_host_key_pin(source.host_key_sha256);
  impl->after = source.after;
  impl->move_to = normalised_folder(source.move_to);
  impl->timeout_ms = source.timeout_ms;
  return SftpPuller(std::move(impl));
}

SftpPuller::SftpPuller(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SftpPuller::SftpPuller(SftpPuller&&) noexcept = default;
SftpPuller& SftpPuller::operator=(SftpPuller&&) noexcept = default;
SftpPuller::~SftpPuller() = default;

PullReport SftpPuller::pull(const fs::path& inbox, const fs::path& state_dir) {
  return impl_->pull(inbox, state_dir);
}

std::string SftpPuller::describe() const {
  return "sftp " + impl_->user + "@" + impl_->url.base.substr(7) + impl_->url.folder +
         " (host key SHA256:" + impl_->pin + ")";
}

void SftpPuller::set_test_hooks(TestHooks hooks) {
  impl_->hooks = std::move(hooks);
}

}  // namespace ingest
