// app/log.h — the daemon's log: one line per event on stderr, as text for a terminal or as one
// JSON object per line (`log_format = "json"`) for a log collector. Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace app {

using LogFields = std::vector<std::pair<std::string, std::string>>;

class Log {
 public:
  explicit Log(bool json = false) : json_(json) {}
  void set_json(bool json);

  // level: "info", "warning", "error". event: a stable dotted name such as "flow.finished".
  void write(std::string_view level, std::string_view event, std::string_view message,
             const LogFields& fields = {});
  void info(std::string_view event, std::string_view message, const LogFields& fields = {}) {
    write("info", event, message, fields);
  }
  void warning(std::string_view event, std::string_view message, const LogFields& fields = {}) {
    write("warning", event, message, fields);
  }
  void error(std::string_view event, std::string_view message, const LogFields& fields = {}) {
    write("error", event, message, fields);
  }

  // The line write() prints (without the newline), for tests and reuse.
  static std::string line(bool json, std::string_view time, std::string_view level,
                          std::string_view event, std::string_view message,
                          const LogFields& fields);

 private:
  std::mutex mutex_;
  bool json_;
};

}  // namespace app
