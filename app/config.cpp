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
  auto store = doc["data"]["store"].value<std::string>();
  c.store = store ? resolve(*store) : c.data_root / "fluxd.sqlite";

  auto structures = doc["referential"]["structures"].value<std::string>();
  auto services = doc["referential"]["services"].value<std::string>();
  if (!structures || !services)
    return config_error(file, "[referential] structures and services are required");
  c.structures_csv = resolve(*structures);
  c.services_csv = resolve(*services);

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

  const toml::array* partners = doc["partners"].as_array();
  if (!partners || partners->empty())
    return config_error(file, "at least one [[partners]] entry is required");
  for (const auto& node : *partners) {
    const toml::table* t = node.as_table();
    if (!t) return config_error(file, "[[partners]] entries must be tables");
    Partner p;
    p.code = (*t)["code"].value_or(std::string{});
    p.name = (*t)["name"].value_or(p.code);
    if (!is_safe_code(p.code))
      return config_error(file,
                          "partner code '" + p.code + "' must be 1-64 letters, digits, '-' or '_'");
    for (const auto& other : c.partners)
      if (other.code == p.code) return config_error(file, "partner '" + p.code + "' twice");
    c.partners.push_back(std::move(p));
  }
  return c;
}

}  // namespace app
