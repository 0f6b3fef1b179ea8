#include "app/delivery.h"

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>

#include "model/durable.h"
#include "route/route.h"
#include "validate/en16931.h"

namespace app {

namespace fs = std::filesystem;

namespace {

std::string iso_utc(std::chrono::system_clock::time_point at) {
  const std::time_t t = std::chrono::system_clock::to_time_t(at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return out;
}

// The delivery row's metadata key that lists the spooled attachments' names; never a sidecar
// field.
constexpr const char* kSpooledAttachments = "spooled_attachments";

fs::path spool_file(const Config& config, std::int64_t invoice_id) {
  return config.delivery.spool / fmt::format("{}.xml", invoice_id);
}

// Attachment n (from 1) of the invoice: by position, since the names come from partners.
fs::path attachment_spool_file(const Config& config, std::int64_t invoice_id, std::size_t n) {
  return config.delivery.spool / fmt::format("{}.att.{}", invoice_id, n);
}

// The attachment names a delivery row recorded, in order (none for rows without any).
std::vector<std::string> spooled_attachment_names(const std::string& metadata) {
  std::vector<std::string> names;
  const auto j = nlohmann::json::parse(metadata, nullptr, false);
  if (!j.is_object()) return names;
  const auto listed = j.find(kSpooledAttachments);
  if (listed == j.end() || !listed->is_array()) return names;
  for (const auto& name : *listed) names.push_back(name.is_string() ? name.get<std::string>() : "");
  return names;
}

// Removes the invoice's spool files; a leftover is only disk space.
void free_spool(const Config& config, std::int64_t invoice_id, std::size_t attachments) {
  std::error_code ec;
  fs::remove(spool_file(config, invoice_id), ec);
  for (std::size_t n = 1; n <= attachments; ++n)
    fs::remove(attachment_spool_file(config, invoice_id, n), ec);
}

}  // namespace

std::string channel_for(const DeliveryConfig& config, std::string_view structure_id) {
  auto it = config.routes.find(std::string(structure_id));
  return it == config.routes.end() ? config.default_channel : it->second;
}

std::vector<std::pair<std::string, std::string>> routing_metadata(
    const model::Invoice& invoice, std::int64_t flow_number, const model::Referential& referential,
    std::string_view cadre) {
  const auto destination = route::decide_route(invoice);
  std::vector<std::pair<std::string, std::string>> m{
      {"flow", std::to_string(flow_number)},
      {"invoice_key", model::invoice_key(invoice)},
      {"invoice_number", invoice.number},
      {"issue_date", invoice.issue_date},
      {"supplier", model::siret_of(invoice.seller).value},
      {"recipient", destination.recipient},
      {"service", invoice.buyer_reference},
      {"engagement", invoice.order_reference},
  };
  if (const auto* ej = invoice.order_reference.empty()
                           ? nullptr
                           : referential.engagement(invoice.order_reference)) {
    m.emplace_back("cost_centre", ej->cost_centre);
    m.emplace_back("functional_domain", ej->functional_domain);
    m.emplace_back("programming_ref", ej->programming_ref);
  }
  m.emplace_back("cadre", std::string(cadre));
  m.emplace_back("rules_version", std::string(validate::kRulesVersion));
  m.emplace_back("referential_version", referential.version());
  return m;
}

std::string metadata_text(const std::vector<std::pair<std::string, std::string>>& metadata) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [name, value] : metadata) j[name] = value;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::pair<std::string, std::string>> metadata_from_text(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  const auto j = nlohmann::ordered_json::parse(text, nullptr, false);
  if (!j.is_object()) return out;
  for (const auto& [name, value] : j.items()) {
    if (name == kSpooledAttachments) continue;  // the spool's, not a sidecar field
    out.emplace_back(name, value.is_string() ? value.get<std::string>() : value.dump());
  }
  return out;
}

Deliverer::Deliverer(const Config& config, lifecycle::Store& store)
    : config_(config), store_(store) {}

model::Status Deliverer::open() {
  for (const auto& channel : config_.delivery.channels) {
    auto made = route::make_channel(channel);
    if (!made)
      return model::Error{made.error().code,
                          "channel '" + channel.name + "': " + made.error().message};
    channels_[channel.name] = std::move(*made);
  }
  sweep_spool();
  return model::Ok{};
}

int Deliverer::sweep_spool() {
  // A crash between a spool write and its commit, or between a delivery and the removal of its
  // spool files, leaves files no waiting delivery will ever read. Only files named after an
  // invoice id whose delivery is not waiting (pending or dead), untouched for ten minutes, go,
  // and half-written temporary files of processes that are gone.
  std::set<std::int64_t> waiting;
  for (auto state : {lifecycle::DeliveryState::pending, lifecycle::DeliveryState::dead})
    for (const auto& row : store_.deliveries({state, 0})) waiting.insert(row.invoice_id);
  int removed = model::remove_abandoned_temp_files(config_.delivery.spool);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(config_.delivery.spool, ec)) {
    const std::string name = entry.path().filename().string();
    const auto dot = name.find('.');
    if (dot == 0 || dot == std::string::npos) continue;
    const std::string id_text = name.substr(0, dot);
    if (id_text.find_first_not_of("0123456789") != std::string::npos) continue;
    const std::string rest = name.substr(dot);
    if (rest != ".xml" && !rest.starts_with(".att.")) continue;
    if (waiting.contains(std::stoll(id_text))) continue;
    // Younger files may belong to a transaction still open (another fluxd on this data root).
    const auto written = fs::last_write_time(entry.path(), ec);
    if (ec || fs::file_time_type::clock::now() - written < std::chrono::minutes(10)) continue;
    std::error_code remove_ec;
    if (fs::remove(entry.path(), remove_ec)) ++removed;
  }
  return removed;
}

void Deliverer::schedule(std::int64_t invoice_id, std::string_view flow_sha256, int position,
                         const model::Invoice& invoice, std::string_view bytes,
                         const std::vector<std::pair<std::string, std::string>>& metadata,
                         const std::vector<ingest::Attachment>& attachments) {
  // Durable before the transaction that records the delivery commits: a recorded delivery
  // always finds its bytes, the attachments' included.
  auto spool = [](const fs::path& file, std::string_view content) {
    if (auto written = model::write_file_durably(file, content); !written)
      throw lifecycle::StoreError(written.error().code + ": " + written.error().message);
  };
  spool(spool_file(config_, invoice_id), bytes);
  for (std::size_t n = 1; n <= attachments.size(); ++n)
    spool(attachment_spool_file(config_, invoice_id, n), attachments[n - 1].bytes);
  // An id can come back after a rolled-back transaction: drop attachments spooled for it then.
  std::error_code ec;
  std::size_t stale = attachments.size() + 1;
  while (fs::remove(attachment_spool_file(config_, invoice_id, stale), ec)) ++stale;
  const auto destination = route::decide_route(invoice);
  lifecycle::DeliveryRow row;
  row.invoice_id = invoice_id;
  row.channel = channel_for(config_.delivery, destination.recipient);
  row.recipient = destination.recipient;
  row.service = destination.service;
  row.file_name = route::routed_file_name(model::invoice_key(invoice));
  // The same on every attempt and after a restart: which flow (by its bytes), which invoice.
  row.idempotency_key = fmt::format("{}-{}", flow_sha256.substr(0, 32), position);
  nlohmann::ordered_json stored = nlohmann::ordered_json::object();
  for (const auto& [name, value] : metadata) stored[name] = value;
  if (!attachments.empty()) {
    auto& names = stored[kSpooledAttachments] = nlohmann::ordered_json::array();
    for (const auto& attachment : attachments) names.push_back(attachment.name);
  }
  row.metadata = stored.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  store_.add_delivery(row);
}

DeliveryReport Deliverer::deliver_due(std::optional<std::int64_t> flow_number) {
  DeliveryReport report;
  for (const auto& row : store_.due_deliveries(lifecycle::now_utc(), flow_number))
    if (attempted_.insert(row.invoice_id).second) attempt(row, report);
  return report;
}

void Deliverer::attempt(const lifecycle::DeliveryRow& row, DeliveryReport& report) {
  route::Attempt result;
  auto channel = channels_.find(row.channel);
  auto bytes = model::read_file(spool_file(config_, row.invoice_id));
  const auto names = spooled_attachment_names(row.metadata);
  std::vector<route::ParcelFile> attachments;
  std::optional<model::Error> missing;
  if (!bytes) missing = bytes.error();
  for (std::size_t n = 1; !missing && n <= names.size(); ++n) {
    auto attachment = model::read_file(attachment_spool_file(config_, row.invoice_id, n));
    if (attachment)
      attachments.push_back({names[n - 1], std::move(*attachment)});
    else
      missing = attachment.error();
  }
  if (channel == channels_.end()) {
    result = {route::Outcome::permanent, "", "DELIVERY-CHANNEL-UNKNOWN",
              "channel '" + row.channel + "' is no longer configured"};
  } else if (missing) {
    // Never deliver an invoice without the files it references.
    result = {route::Outcome::permanent, "", "DELIVERY-SPOOL-MISSING", missing->message};
  } else {
    route::Parcel parcel{row.recipient,
                         row.service,
                         row.file_name,
                         std::move(*bytes),
                         metadata_from_text(row.metadata),
                         row.idempotency_key,
                         std::move(attachments)};
    result = channel->second->deliver(parcel);
  }

  if (result.outcome == route::Outcome::delivered) {
    if (auto done = store_.delivery_succeeded(row.invoice_id, result.where); !done) {
      report.problems.push_back(fmt::format("invoice {}: {}: {}", row.invoice_id, done.error().code,
                                            done.error().message));
      return;
    }
    free_spool(config_, row.invoice_id, names.size());
    ++report.delivered;
    return;
  }
  const int failed = row.attempts + 1;
  const bool dead =
      result.outcome == route::Outcome::permanent || failed >= config_.delivery.max_attempts;
  const auto delay =
      std::max(route::retry_delay(failed, config_.delivery.retry_base, config_.delivery.retry_max),
               result.retry_after);
  store_.delivery_failed(row.invoice_id, result.code + ": " + result.message,
                         iso_utc(std::chrono::system_clock::now() + delay), dead);
  ++(dead ? report.dead : report.retried);
  report.problems.push_back(fmt::format("invoice {} via {}: {}: {}{}", row.invoice_id, row.channel,
                                        result.code, result.message, dead ? " (dead letter)" : ""));
}

}  // namespace app
