// ingest/drop_watch.h — knowing when a file in a partner's drop directory is complete.
//
// Contract:
//  - A file is complete, and handed out once, when:
//      * it was renamed into the directory (inotify IN_MOVED_TO): the writer finished elsewhere;
//      * or it was closed after writing (IN_CLOSE_WRITE) or found by a rescan, and its size and
//        mtime stayed unchanged for `stable_for`;
//      * or, for a partner with a done-marker (e.g. ".done"), only and as soon as
//        "<name><marker>" exists, written no earlier than the file (a stale marker of an
//        earlier file of that name does not count). Marker files are never flows.
//    Hidden files and temporary suffixes are never handed out (is_flow_name).
//  - Missed events are harmless: rescan() lists every directory again (network filesystems
//    send no events; the inotify queue may overflow, which triggers a rescan by itself).
//  - DropWatch does no I/O on file contents and takes nothing: the caller claims a handed-out
//    file (claim_flow), then calls forget(). Not thread-safe: one owner (the event loop).
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/result.h"

namespace ingest {

struct DropRules {
  std::chrono::milliseconds stable_for{2000};
  std::string done_marker;  // "" : no marker; else a suffix such as ".done" or ".ok"
};

// "<file><marker>", or nullopt when the rules have no marker.
std::optional<std::filesystem::path> marker_of(const std::filesystem::path& file,
                                               const DropRules& rules);

// For `fluxd batch` (one pass, no waiting): waiting_files() without marker files and, with a
// marker rule, only the files whose marker exists. Oldest first.
std::vector<std::filesystem::path> complete_files(const std::filesystem::path& partner_inbox,
                                                  const DropRules& rules);

class DropWatch {
 public:
  using Clock = std::chrono::steady_clock;
  struct Ready {
    std::string partner;
    std::filesystem::path file;
  };

  // inotify_init1 failed (e.g. the per-user instance limit): Error "WATCH-INIT".
  static model::Result<std::unique_ptr<DropWatch>> open();
  ~DropWatch();
  DropWatch(const DropWatch&) = delete;
  DropWatch& operator=(const DropWatch&) = delete;

  // The inotify descriptor (non-blocking) to wait on for readability.
  int fd() const { return fd_; }

  // Watches a partner's directory (which must exist) and scans what is already there.
  // Error "WATCH-ADD" with the reason.
  model::Status watch(const std::string& partner, const std::filesystem::path& dir,
                      const DropRules& rules);

  // Drains pending inotify events (call when fd() is readable).
  void read_events(Clock::time_point now);
  // Lists every watched directory again; re-adds a watch that was lost.
  void rescan(Clock::time_point now);
  // Files complete at `now` that were not handed out before.
  std::vector<Ready> take_ready(Clock::time_point now);
  // When a file seen but not yet stable should be looked at again; nullopt: none waits.
  std::optional<Clock::time_point> next_check() const;
  // The caller is done with a handed-out file (claimed, or gone): it may be handed out again
  // if a new file of that name appears.
  void forget(const std::filesystem::path& file);

 private:
  DropWatch(int fd) : fd_(fd) {}
  struct Folder {
    std::string partner;
    std::filesystem::path dir;
    DropRules rules;
    int wd = -1;
  };
  struct Seen {
    const Folder* folder = nullptr;
    std::uintmax_t size = 0;
    std::filesystem::file_time_type mtime{};
    Clock::time_point since{};  // last change of size or mtime we noticed
    bool renamed_in = false;
    bool handed_out = false;
  };
  void observe(const Folder& folder, const std::string& name, bool renamed_in,
               Clock::time_point now);
  bool complete(const std::filesystem::path& file, Seen& seen, Clock::time_point now);

  int fd_ = -1;
  std::vector<std::unique_ptr<Folder>> folders_;
  std::map<std::filesystem::path, Seen> seen_;
};

}  // namespace ingest
