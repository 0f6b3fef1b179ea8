#include "ingest/drop_watch.h"

#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "ingest/ingest.h"

namespace ingest {

namespace fs = std::filesystem;

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_marker(std::string_view name, const DropRules& rules) {
  return !rules.done_marker.empty() && ends_with(name, rules.done_marker);
}

// The file's marker is there and was written after the file: a marker left over from an
// earlier file of the same name (a crash between its claim and the marker's removal) does not
// make a new file complete.
bool marked_complete(const fs::path& file, const fs::path& marker) {
  std::error_code ec;
  const auto marked = fs::last_write_time(marker, ec);
  if (ec) return false;
  const auto written = fs::last_write_time(file, ec);
  return !ec && marked >= written;
}

}  // namespace

std::optional<fs::path> marker_of(const fs::path& file, const DropRules& rules) {
  if (rules.done_marker.empty()) return std::nullopt;
  fs::path marker = file;
  marker += rules.done_marker;
  return marker;
}

std::vector<fs::path> complete_files(const fs::path& partner_inbox, const DropRules& rules) {
  std::vector<fs::path> out;
  for (auto& file : waiting_files(partner_inbox)) {
    if (is_marker(file.filename().string(), rules)) continue;
    if (auto marker = marker_of(file, rules); marker && !marked_complete(file, *marker)) continue;
    out.push_back(std::move(file));
  }
  return out;
}

model::Result<std::unique_ptr<DropWatch>> DropWatch::open() {
  const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return model::Error{"WATCH-INIT", std::strerror(errno)};
  return std::unique_ptr<DropWatch>(new DropWatch(fd));
}

DropWatch::~DropWatch() {
  if (fd_ >= 0) ::close(fd_);
}

model::Status DropWatch::watch(const std::string& partner, const fs::path& dir,
                               const DropRules& rules) {
  auto folder = std::make_unique<Folder>(Folder{partner, dir, rules, -1});
  // Close-write: a writer finished in place. Moved-to: renamed in, complete by construction.
  // Delete-self/move-self end the watch; rescan() adds it again when the folder is back.
  folder->wd = ::inotify_add_watch(fd_, dir.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO | IN_ONLYDIR);
  if (folder->wd < 0) return model::Error{"WATCH-ADD", dir.string() + ": " + std::strerror(errno)};
  folders_.push_back(std::move(folder));
  rescan(Clock::now());
  return model::Ok{};
}

void DropWatch::read_events(Clock::time_point now) {
  alignas(inotify_event) char buffer[16 * 1024];
  bool overflow = false;
  for (;;) {
    const ssize_t n = ::read(fd_, buffer, sizeof buffer);
    if (n <= 0) break;  // EAGAIN: drained
    for (ssize_t at = 0; at < n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      if (event->mask & IN_Q_OVERFLOW) overflow = true;
      if (event->mask & IN_IGNORED) {
        for (auto& f : folders_)
          if (f->wd == event->wd) f->wd = -1;  // folder gone: rescan() re-adds it
        continue;
      }
      if (event->len == 0) continue;
      for (const auto& f : folders_)
        if (f->wd == event->wd)
          observe(*f, std::string(event->name), (event->mask & IN_MOVED_TO) != 0, now);
    }
  }
  if (overflow) rescan(now);
}

void DropWatch::rescan(Clock::time_point now) {
  for (auto& f : folders_) {
    if (f->wd < 0)
      f->wd = ::inotify_add_watch(fd_, f->dir.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO | IN_ONLYDIR);
    for (const auto& file : waiting_files(f->dir))
      observe(*f, file.filename().string(), false, now);
  }
  // Forget what vanished without being handed out (deleted by the partner).
  for (auto it = seen_.begin(); it != seen_.end();) {
    std::error_code ec;
    if (!it->second.handed_out && !fs::exists(it->first, ec))
      it = seen_.erase(it);
    else
      ++it;
  }
}

void DropWatch::observe(const Folder& folder, const std::string& name, bool renamed_in,
                        Clock::time_point now) {
  if (!is_flow_name(name)) return;
  if (is_marker(name, folder.rules)) {
    // The marker came: its file (if already seen) is looked at by take_ready.
    const fs::path file =
        folder.dir / name.substr(0, name.size() - folder.rules.done_marker.size());
    if (is_flow_name(file.filename().string()))
      observe(folder, file.filename().string(), false, now);
    return;
  }
  const fs::path file = folder.dir / name;
  std::error_code ec;
  const auto status = fs::symlink_status(file, ec);
  if (ec || !fs::is_regular_file(status)) return;
  const auto size = fs::file_size(file, ec);
  const auto mtime = fs::last_write_time(file, ec);
  if (ec) return;
  auto [it, added] = seen_.try_emplace(file);
  Seen& seen = it->second;
  if (seen.handed_out) return;
  if (added || seen.size != size || seen.mtime != mtime) {
    seen.folder = &folder;
    seen.size = size;
    seen.mtime = mtime;
    seen.since = now;
  }
  seen.renamed_in = seen.renamed_in || renamed_in;
}

bool DropWatch::complete(const fs::path& file, Seen& seen, Clock::time_point now) {
  const DropRules& rules = seen.folder->rules;
  std::error_code ec;
  if (auto marker = marker_of(file, rules)) return marked_complete(file, *marker);
  if (seen.renamed_in) return true;
  if (now - seen.since < rules.stable_for) return false;
  const auto size = fs::file_size(file, ec);
  const auto mtime = fs::last_write_time(file, ec);
  if (ec) {
    seen.since = now;  // unreadable for now: look again after a full delay, not at once
    return false;
  }
  if (size == seen.size && mtime == seen.mtime) return true;
  seen.size = size;  // still being written: wait a full delay again
  seen.mtime = mtime;
  seen.since = now;
  return false;
}

std::vector<DropWatch::Ready> DropWatch::take_ready(Clock::time_point now) {
  std::vector<Ready> ready;
  for (auto it = seen_.begin(); it != seen_.end();) {
    auto& [file, seen] = *it;
    std::error_code ec;
    if (!seen.handed_out && !fs::exists(file, ec)) {
      it = seen_.erase(it);
      continue;
    }
    if (!seen.handed_out && complete(file, seen, now)) {
      seen.handed_out = true;
      ready.push_back({seen.folder->partner, file});
    }
    ++it;
  }
  // Oldest change first, so partners see their files taken in the order they finished them.
  std::stable_sort(ready.begin(), ready.end(), [this](const Ready& a, const Ready& b) {
    return seen_.at(a.file).since < seen_.at(b.file).since;
  });
  return ready;
}

std::optional<DropWatch::Clock::time_point> DropWatch::next_check() const {
  std::optional<Clock::time_point> next;
  for (const auto& [file, seen] : seen_) {
    if (seen.handed_out || seen.renamed_in || !seen.folder->rules.done_marker.empty()) continue;
    const auto at = seen.since + seen.folder->rules.stable_for;
    if (!next || at < *next) next = at;
  }
  return next;
}

void DropWatch::forget(const fs::path& file) {
  seen_.erase(file);
}

}  // namespace ingest
