#include "app/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>

namespace app {

namespace fs = std::filesystem;

namespace {

model::Error config_error(const fs::path& file, std::string what) {
  return model::Error{"CONFIG-INVALID", file.string() + ": " + std::move(what)};
}

bool is_safe_code(std::string_view code) {
  return !code.empty() && code.size() <= 64 &&
         std::all_of(code.begin(), code.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

template <typename Resolve>
std::optional<model::Error> read_delivery(const toml::table& doc, const fs::path& file,
                                          const Resolve& resolve, Config& c) {
  auto& d = c.delivery;
  d.spool = c.data_root / "spool";
  route::ChannelConfig outbox;
  outbox.name = "outbox";
  outbox.kind = route::ChannelConfig::Kind::directory;
  outbox.directory = c.outbox;
  d.channels.push_back(outbox);

  const auto* delivery = doc["delivery"].as_table();
  if (delivery) {
    d.default_channel = (*delivery)["default_channel"].value_or(d.default_channel);
    if (auto v = (*delivery)["max_attempts"].value<std::int64_t>()) {
      if (*v < 1 || *v > 1000) return config_error(file, "[delivery] max_attempts: 1 to 1000");
      d.max_attempts = static_cast<int>(*v);
    }
    if (auto v = (*delivery)["retry_base_seconds"].value<std::int64_t>()) {
      if (*v < 0) return config_error(file, "[delivery] retry_base_seconds must be >= 0");
      d.retry_base = std::chrono::seconds(*v);
    }
    if (auto v = (*delivery)["retry_max_seconds"].value<std::int64_t>()) {
      if (*v < 0) return config_error(file, "[delivery] retry_max_seconds must be >= 0");
      d.retry_max = std::chrono::seconds(*v);
    }
  }

  if (const toml::array* channels = doc["channels"].as_array()) {
    for (const auto& node : *channels) {
      const toml::table* t = node.as_table();
      if (!t) return config_error(file, "[[channels]] entries must be tables");
      route::ChannelConfig ch;
      ch.name = (*t)["name"].value_or(std::string{});
      if (!is_safe_code(ch.name))
        return config_error(
            file, "channel name '" + ch.name + "' must be 1-64 letters, digits, '-' or '_'");
      for (const auto& other : d.channels)
        if (other.name == ch.name) return config_error(file, "channel '" + ch.name + "' twice");
      const std::string kind = (*t)["kind"].value_or(std::string{});
      if (kind == "directory") {
        ch.kind = route::ChannelConfig::Kind::directory;
      } else if (kind == "sftp") {
        ch.kind = route::ChannelConfig::Kind::sftp;
      } else if (kind == "http") {
        ch.kind = route::ChannelConfig::Kind::http;
      } else {
        return config_error(
            file, "channel '" + ch.name + "': kind must be \"directory\", \"sftp\" or \"http\"");
      }
      if (auto v = (*t)["directory"].value<std::string>()) ch.directory = resolve(*v);
      ch.url = (*t)["url"].value_or(std::string{});
      ch.user = (*t)["user"].value_or(std::string{});
      if (auto v = (*t)["private_key"].value<std::string>()) ch.private_key = resolve(*v);
      if (auto v = (*t)["public_key"].value<std::string>()) ch.public_key = resolve(*v);
      ch.host_key_sha256 = (*t)["host_key_sha256"].value_or(std::string{});
      if (auto v = (*t)["ca_file"].value<std::string>()) ch.ca_file = resolve(*v);
      if (auto v = (*t)["timeout_ms"].value<std::int64_t>()) ch.timeout_ms = static_cast<long>(*v);
      d.channels.push_back(std::move(ch));
    }
  }

  auto known = [&d](const std::string& name) {
    return std::any_of(d.channels.begin(), d.channels.end(),
                       [&](const auto& ch) { return ch.name == name; });
  };
  if (!known(d.default_channel))
    return config_error(
        file, "[delivery] default_channel '" + d.default_channel + "' is not a configured channel");
  if (const toml::array* routes = doc["routes"].as_array()) {
    for (const auto& node : *routes) {
      const toml::table* t = node.as_table();
      if (!t) return config_error(file, "[[routes]] entries must be tables");
      const std::string structure = (*t)["structure"].value_or(std::string{});
      const std::string channel = (*t)["channel"].value_or(std::string{});
      if (structure.empty()) return config_error(file, "[[routes]] entry without structure");
      if (!known(channel))
        return config_error(
            file, "route for " + structure + ": channel '" + channel + "' is not configured");
      if (!d.routes.emplace(structure, channel).second)
        return config_error(file, "structure " + structure + " is routed twice");
    }
  }
  return std::nullopt;
}

template <typename Resolve>
std::optional<model::Error> read_daemon(const toml::table& doc, const fs::path& file,
                                        const Resolve& resolve, Config& c) {
  auto& d = c.daemon;
  d.metrics_file = c.data_root / "metrics.prom";
  const auto* t = doc["daemon"].as_table();
  if (!t) return std::nullopt;
  auto seconds = [&](const char* key, std::chrono::seconds& out) -> std::optional<model::Error> {
    if (auto v = (*t)[key].value<std::int64_t>()) {
      if (*v < 1) return config_error(file, std::string("[daemon] ") + key + " must be >= 1");
      out = std::chrono::seconds(*v);
    }
    return std::nullopt;
  };
  if (auto v = (*t)["workers"].value<std::int64_t>()) {
    if (*v < 0 || *v > 256) return config_error(file, "[daemon] workers: 0 (one per core) to 256");
    d.workers = static_cast<unsigned>(*v);
  }
  if (auto v = (*t)["max_in_flight"].value<std::int64_t>()) {
    if (*v < 0) return config_error(file, "[daemon] max_in_flight must be >= 0");
    d.max_in_flight = static_cast<std::size_t>(*v);
  }
  if (auto e = seconds("rescan_seconds", d.rescan)) return e;
  if (auto e = seconds("delivery_seconds", d.delivery_interval)) return e;
  if (auto e = seconds("metrics_seconds", d.metrics_interval)) return e;
  if (auto e = seconds("updates_seconds", d.updates_interval)) return e;
  if (auto v = (*t)["metrics_file"].value<std::string>()) d.metrics_file = resolve(*v);
  if (auto v = (*t)["stable_ms"].value<std::int64_t>()) {
    if (*v < 0) return config_error(file, "[daemon] stable_ms must be >= 0");
    c.daemon.drop.stable_for = std::chrono::milliseconds(*v);
  }
  const std::string format = (*t)["log_format"].value_or(std::string("text"));
  if (format != "text" && format != "json")
    return config_error(file, "[daemon] log_format must be \"text\" or \"json\"");
  d.json_logs = format == "json";
  return std::nullopt;
}

}  // namespace

model::Result<Config> load_config(const fs::path& file) {
  toml::table doc;
  try {
    doc = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    return model::Error{"CONFIG-PARSE", file.string() + ":" +
                                            std::to_string(e.source().begin.line) + ": " +
                                            std::string(e.description())};
  }
  Config c;
  c.file = fs::absolute(file).lexically_normal();
  const fs::path base = c.file.parent_path();
  auto resolve = [&](std::string_view p) { return (base / fs::path(p)).lexically_normal(); };

  auto root = doc["data"]["root"].value<std::string>();
  if (!root) return config_error(file, "[data] root is required");
  c.data_root = resolve(*root);
  c.inbox = c.data_root / "inbox";
  c.work = c.data_root / "work";
  c.done = c.data_root / "done";
  c.failed = c.data_root / "failed";
  c.outbox = c.data_root / "outbox";
  c.reports = c.data_root / "reports";
  c.lifecycle = c.data_root / "lifecycle";
  c.updates = c.data_root / "updates";
  c.update_results = c.data_root / "update-results";
  c.updates_work = c.data_root / "updates-work";
  c.updates_done = c.data_root / "updates-done";
  c.pull_state = c.data_root / "pull";
  auto store = doc["data"]["store"].value<std::string>();
  c.store = store ? resolve(*store) : c.data_root / "fluxd.sqlite";

  auto structures = doc["referential"]["structures"].value<std::string>();
  auto services = doc["referential"]["services"].value<std::string>();
  if (!structures || !services)
    return config_error(file, "[referential] structures and services are required");
  c.structures_csv = resolve(*structures);
  c.services_csv = resolve(*services);
  if (auto engagements = doc["referential"]["engagements"].value<std::string>())
    c.engagements_csv = resolve(*engagements);
  c.referential_dir = c.data_root / "referential";

  if (auto xsd = doc["schemas"]["xsd_dir"].value<std::string>()) c.xsd_dir = resolve(*xsd);

  if (auto v = doc["limits"]["max_flow_bytes"].value<std::int64_t>()) {
    if (*v <= 0) return config_error(file, "[limits] max_flow_bytes must be positive");
    c.limits.max_flow_bytes = static_cast<std::uintmax_t>(*v);
  }
  if (auto v = doc["limits"]["max_invoices_per_flow"].value<std::int64_t>()) {
    if (*v <= 0) return config_error(file, "[limits] max_invoices_per_flow must be positive");
    c.limits.max_invoices_per_flow = static_cast<std::size_t>(*v);
  }
  if (auto v = doc["limits"]["max_xml_depth"].value<std::int64_t>()) {
    if (*v < 8) return config_error(file, "[limits] max_xml_depth must be at least 8");
    c.limits.max_xml_depth = static_cast<std::size_t>(*v);
  }

  if (auto v = doc["limits"]["max_archive_members"].value<std::int64_t>()) {
    if (*v <= 0) return config_error(file, "[limits] max_archive_members must be positive");
    c.limits.max_archive_members = static_cast<std::size_t>(*v);
  }
  if (auto v = doc["limits"]["max_unpacked_bytes"].value<std::int64_t>()) {
    if (*v <= 0) return config_error(file, "[limits] max_unpacked_bytes must be positive");
    c.limits.max_unpacked_bytes = static_cast<std::uintmax_t>(*v);
  }
  if (auto v = doc["limits"]["max_compression_ratio"].value<std::int64_t>()) {
    if (*v < 1 || *v > 100000)
      return config_error(file, "[limits] max_compression_ratio: 1 to 100000");
    c.limits.max_compression_ratio = static_cast<std::uint32_t>(*v);
  }
  if (auto v = doc["rules"]["duplicates"].value<bool>()) c.check_duplicates = *v;
  if (auto error = read_daemon(doc, file, resolve, c)) return *error;
  if (auto error = read_delivery(doc, file, resolve, c)) return *error;

  const toml::array* partners = doc["partners"].as_array();
  if (!partners || partners->empty())
    return config_error(file, "at least one [[partners]] entry is required");
  for (const auto& node : *partners) {
    const toml::table* t = node.as_table();
    if (!t) return config_error(file, "[[partners]] entries must be tables");
    Partner p;
    p.drop = c.daemon.drop;
    p.code = (*t)["code"].value_or(std::string{});
    p.name = (*t)["name"].value_or(p.code);
    if (!is_safe_code(p.code))
      return config_error(file,
                          "partner code '" + p.code + "' must be 1-64 letters, digits, '-' or '_'");
    for (const auto& other : c.partners)
      if (other.code == p.code) return config_error(file, "partner '" + p.code + "' twice");
    if (auto v = (*t)["stable_ms"].value<std::int64_t>()) {
      if (*v < 0) return config_error(file, "partner '" + p.code + "': stable_ms must be >= 0");
      p.drop.stable_for = std::chrono::milliseconds(*v);
    }
    if (auto v = (*t)["lifecycle"].value<bool>()) p.lifecycle_messages = *v;
    if (auto v = (*t)["done_marker"].value<std::string>()) {
      if (v->size() < 2 || v->front() != '.' || v->find('/') != std::string::npos)
        return config_error(
            file, "partner '" + p.code + "': done_marker must be a suffix such as \".done\"");
      p.drop.done_marker = *v;
    }
    if (const toml::table* sftp = (*t)["sftp"].as_table()) {
      ingest::SftpSource source;
      source.url = (*sftp)["url"].value_or(std::string{});
      source.user = (*sftp)["user"].value_or(std::string{});
      if (auto v = (*sftp)["private_key"].value<std::string>()) source.private_key = resolve(*v);
      if (auto v = (*sftp)["public_key"].value<std::string>()) source.public_key = resolve(*v);
      source.password = (*sftp)["password"].value_or(std::string{});
      source.host_key_sha256 = (*sftp)["host_key_sha256"].value_or(std::string{});
      const std::string after = (*sftp)["after"].value_or(std::string("remove"));
      if (after != "remove" && after != "move")
        return config_error(file,
                            "partner '" + p.code + "': sftp.after must be \"remove\" or \"move\"");
      source.after =
          after == "move" ? ingest::SftpSource::After::move : ingest::SftpSource::After::remove;
      source.move_to = (*sftp)["move_to"].value_or(std::string{});
      if (auto v = (*sftp)["timeout_ms"].value<std::int64_t>())
        source.timeout_ms = static_cast<long>(*v);
      if (auto v = (*sftp)["poll_seconds"].value<std::int64_t>()) {
        if (*v < 1)
          return config_error(file, "partner '" + p.code + "': sftp.poll_seconds must be >= 1");
        p.sftp_poll = std::chrono::seconds(*v);
      }
      if (auto checked = ingest::check_sftp_source(source); !checked)
        return config_error(file, "partner '" + p.code + "': sftp: " + checked.error().code + ": " +
                                      checked.error().message);
      p.sftp = std::move(source);
    }
    c.partners.push_back(std::move(p));
  }
  return c;
}

}  // namespace app
