#include "app/log.h"

#include <fmt/format.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "lifecycle/lifecycle.h"

namespace app {

void Log::set_json(bool json) {
  std::lock_guard lock(mutex_);
  json_ = json;
}

std::string Log::line(bool json, std::string_view time, std::string_view level,
                      std::string_view event, std::string_view message, const LogFields& fields) {
  if (json) {
    nlohmann::ordered_json j;
    j["ts"] = time;
    j["level"] = level;
    j["event"] = event;
    for (const auto& [name, value] : fields) j[name] = value;
    j["msg"] = message;
    // Partner-supplied text (file names) may be any bytes: never let it break the line format.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  std::string out = fmt::format("{} {:<7} {}", time, level, event);
  for (const auto& [name, value] : fields) {
    const bool quote = value.empty() || value.find_first_of(" \t\"=") != std::string::npos;
    out += quote ? fmt::format(" {}=\"{}\"", name, value) : fmt::format(" {}={}", name, value);
  }
  if (!message.empty()) out += fmt::format(" — {}", message);
  for (char& c : out)
    if (c == '\n' || c == '\r') c = ' ';  // one event, one line
  return out;
}

void Log::write(std::string_view level, std::string_view event, std::string_view message,
                const LogFields& fields) {
  const std::string time = lifecycle::now_utc();
  std::lock_guard lock(mutex_);
  const std::string text = line(json_, time, level, event, message, fields);
  std::fprintf(stderr, "%s\n", text.c_str());
  std::fflush(stderr);
}

}  // namespace app
