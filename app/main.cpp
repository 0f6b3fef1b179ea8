// fluxd — EDI invoice flow processor. This file only wires the CLI to the stages.
//
// Exit codes: 0 done; 1 usage or not found; 2 operational failure (config, referential,
// store, disk: a message on stderr says which). `validate` exits with the number of
// rejected files (at most 125).

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "app/batch.h"
#include "app/config.h"
#include "app/daemon.h"
#include "app/delivery.h"
#include "app/document_check.h"
#include "app/referential_source.h"
#include "app/suivi.h"
#include "ingest/ingest.h"
#include "lifecycle/lifecycle.h"
#include "model/durable.h"

namespace {

constexpr int kExitUsage = 1;
constexpr int kExitOperational = 2;

std::string default_config() {
  const char* env = std::getenv("FLUXD_CONFIG");
  return env ? env : "fluxd.toml";
}

int fail(const model::Error& e) {
  fmt::print(stderr, "fluxd: {}: {}\n", e.code, e.message);
  return kExitOperational;
}

// `batch --timings` / `--timings-json FILE` ("-": stdout): where the run's time went.
struct TimingOutput {
  bool table = false;
  std::string json_file;
};

int run_batch_command(const std::string& config_file, const TimingOutput& timing) {
  auto config = app::load_config(config_file);
  if (!config) return fail(config.error());
  ingest::XmlPlatform xml;
  // A progress bar only for a person watching a terminal, and only when there is a wait.
  app::BatchProgress progress;
  if (::isatty(STDERR_FILENO))
    progress = [](std::size_t done, std::size_t total) {
      constexpr std::size_t kProgressFromFlows = 20;
      if (total < kProgressFromFlows) return;
      fmt::print(stderr, "\r{}{}", app::progress_bar(done, total), done == total ? "\n" : "");
    };
  auto result = app::run_batch(*config, progress);
  if (!result) return fail(result.error());
  for (const auto& n : result->notices) fmt::print(stderr, "fluxd: {}\n", n);
  for (const auto& w : result->warnings) fmt::print(stderr, "fluxd: warning: {}\n", w);
  if (result->flows.empty()) {
    fmt::print("Aucun flux en attente (no flow waiting).\n");
  } else {
    int invoices = 0, accepted = 0, rejected = 0;
    for (const auto& d : result->flows) {
      invoices += d.flow.invoices;
      accepted += d.flow.accepted;
      rejected += d.flow.rejected;
    }
    fmt::print("{}", app::batch_table(result->flows));
    fmt::print("{} flux traités, {} factures: {} acceptées, {} rejetées.\n", result->flows.size(),
               invoices, accepted, rejected);
  }
  for (const auto& file : result->updates) {
    const auto applied = std::count_if(file.outcomes.begin(), file.outcomes.end(),
                                       [](const auto& o) { return o.applied; });
    if (!file.file_code.empty())
      fmt::print("Mises à jour {}/{}: fichier refusé, {}: {}\n", file.sender, file.file_name,
                 file.file_code, file.file_message);
    else
      fmt::print("Mises à jour {}/{}: {} appliquées, {} refusées.\n", file.sender, file.file_name,
                 applied, file.outcomes.size() - static_cast<std::size_t>(applied));
  }
  if (result->lifecycle_messages > 0)
    fmt::print("{} messages de cycle de vie écrits.\n", result->lifecycle_messages);
  for (const auto& incident : result->incidents)
    fmt::print(stderr, "fluxd: incident: {}\n", incident);
  const long peak_rss = app::peak_rss_kib();
  if (timing.table) fmt::print("{}", app::timings_table(result->timings, peak_rss));
  if (timing.json_file == "-") {
    fmt::print("{}", app::timings_json(result->timings, peak_rss));
  } else if (!timing.json_file.empty()) {
    std::ofstream out(timing.json_file, std::ios::binary | std::ios::trunc);
    out << app::timings_json(result->timings, peak_rss);
    out.close();
    if (!out) return fail({"IO-WRITE", "cannot write the timings to " + timing.json_file});
  }
  return result->incidents.empty() ? 0 : kExitOperational;
}

// The filters of `suivi flows`, `search`, `stats` and `export` as typed; "" when not given.
struct SuiviFilters {
  std::string status, partner, syntax, file, from, to, supplier, recipient, number, ej;
  int page = 1;
};

int usage_error(const std::string& message) {
  fmt::print(stderr, "fluxd: {}\n", message);
  return kExitUsage;
}

std::optional<std::string> given(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional(text);
}

// A calendar date written YYYY-MM-DD.
bool is_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return false;
  const auto number = [&](std::size_t at, std::size_t n) { return std::stoi(text.substr(at, n)); };
  const std::chrono::year_month_day date{std::chrono::year{number(0, 4)},
                                         std::chrono::month{static_cast<unsigned>(number(5, 2))},
                                         std::chrono::day{static_cast<unsigned>(number(8, 2))}};
  return date.ok();
}

// --from / --to: "" when both are fine, else the usage error to print.
std::string date_problem(const SuiviFilters& f) {
  for (const auto& [option, value] : {std::pair{"--from", f.from}, std::pair{"--to", f.to}})
    if (!value.empty() && !is_date(value))
      return fmt::format("{} wants a date YYYY-MM-DD (UTC), not '{}'", option, value);
  return "";
}

int suivi_flows(const std::string& config_file, const SuiviFilters& filters, int limit, bool json) {
  lifecycle::FlowFilter filter;
  if (!filters.status.empty()) {
    filter.status = model::flow_status_from_code(filters.status);
    if (!filter.status) return usage_error("unknown flow status '" + filters.status + "'");
  }
  if (auto problem = date_problem(filters); !problem.empty()) return usage_error(problem);
  if (filters.page < 1) return usage_error("--page counts from 1");
  auto config = app::load_config(config_file);
  if (!config) return fail(config.error());
  filter.partner = given(filters.partner);
  filter.syntax = given(filters.syntax);
  filter.file_contains = given(filters.file);
  filter.received_from = given(filters.from);
  filter.received_to = given(filters.to);
  filter.limit = limit;
  filter.offset = (filters.page - 1) * limit;
  lifecycle::Store store(config->store);
  auto flows = store.flows(filter);
  if (json) {
    fmt::print("{}", app::flows_json(flows));
    return 0;
  }
  const app::Page page{filters.page, limit, store.count_flows(filter)};
  fmt::print("{}{}", flows.empty() ? "" : app::flows_table(flows), app::page_line(page));
  return 0;
}

// `suivi invoice`: by reference (id, key or number), or by --id alone.
int suivi_invoice(const std::string& config_file, const std::string& reference,
                  std::optional<std::int64_t> id, bool json) {
  if (reference.empty() == !id)
    return usage_error("suivi invoice wants an invoice reference (id, key or number) or --id");
  auto config = app::load_config(config_file);
  if (!config) return fail(config.error());
  lifecycle::Store store(config->store);
  if (!id) {
    const auto matches = store.invoices_matching(reference);
    if (matches.empty()) return usage_error("no invoice matches '" + reference + "'");
    if (matches.size() > 1) {
      // The operator must choose: listed on stdout, exit 1 so scripts notice.
      fmt::print("{}", json ? app::invoice_choice_json(reference, matches)
                            : app::invoice_choice_text(reference, matches));
      return kExitUsage;
    }
    id = matches.front().invoice.id;
  }
  const auto detail = store.invoice(*id);
  if (!detail) return usage_error(fmt::format("no invoice with id {}", *id));
  fmt::print("{}", json ? app::invoice_json(*detail) : app::invoice_text(*detail));
  return 0;
}

int suivi_search(const std::string& config_file, const SuiviFilters& filters, int limit,
                 bool json) {
  lifecycle::InvoiceFilter filter;
  filter.supplier = given(filters.supplier);
  filter.recipient = given(filters.recipient);
  filter.number_contains = given(filters.number);
  filter.engagement_contains = given(filters.ej);
  if (!filter.supplier && !filter.recipient && !filter.number_contains &&
      !filter.engagement_contains)
    return usage_error(
        "suivi search wants at least one of --supplier, --recipient, --number, --ej");
  filter.limit = limit;
  auto config = app::load_config(config_file);
  if (!config) return fail(config.error());
  lifecycle::Store store(config->store);
  const auto invoices = store.invoices(filter);
  fmt::print("{}", json ? app::invoices_json(invoices) : app::invoices_table(invoices));
  return 0;
}

int suivi_stats(const std::string& config_file, const SuiviFilters& filters, bool json) {
  if (auto problem = date_problem(filters); !problem.empty()) return usage_error(problem);
  auto config = app::load_config(config_file);
  if (!config) return fail(config.error());
  lifecycle::StatsFilter filter{given(filters.partner), given(filters.from), given(filters.to)};
  lifecycle::Store store(config->store);
  const auto stats = store.stats(filter);
  fmt::print("{}", json ? app::stats_json(stats) : app::stats_text(stats));
  return 0;
}

int suivi_export(const std::string& config_file, const SuiviFilters& filters,
                 const std::string& format) {
  if (format != "csv" && format != "json")
    return usage_error("--format is csv or json, not '" + format + "'");
  lifecycle::InvoiceFilter filter;
  if (!filters.status.empty()) {
    filter.status = model::invoice_status_from_code(filters.status);
    if (!filter.status) return usage_error("unknown invoice status '" + filters.status + "'");
  }
  if (auto problem = date_problem(filters); !problem.empty()) return usage_error(problem);
  filter.partner = given(filters.partner);
  filter.recipient = given(filters.recipient);
  filter.supplier = given(filters.supplier);
  filter.received_from = given(filters.from);
  filter.received_to = given(filters.to);
  filter.limit = 0;  // every invoice
  auto config = app::load_config(config_file);
  if (!config) return fail(config.error());
  lifecycle::Store store(config->store);
  const auto invoices = store.invoices(filter);
  fmt::print("{}", format == "json" ? app::export_json(invoices) : app::export_csv(invoices));
  return 0;
}

volatile std::sig_atomic_t g_stop_following = 0;

void on_stop_following(int) {
  g_stop_following = 1;
}

// `suivi follow`: polls the status history until SIGINT / SIGTERM, one line per change.
int suivi_follow(const std::string& config_file, int interval_ms,
                 std::optional<std::int64_t> since_id, bool json) {
  auto config = app::load_config(config_file);
  if (!config) return fail(config.error());
  lifecycle::Store store(config->store);
  std::signal(SIGINT, on_stop_following);
  std::signal(SIGTERM, on_stop_following);
  std::int64_t last = since_id ? *since_id : store.last_history_id();
  // On stderr, so stdout holds only events: also tells a script from when it follows.
  fmt::print(stderr, "fluxd: following status changes after #{} (Ctrl-C to stop)\n", last);
  constexpr int kBatch = 500;
  const auto step = std::chrono::milliseconds(std::min(interval_ms, 50));
  while (!g_stop_following) {
    for (bool more = true; more && !g_stop_following;) {
      const auto events = store.history_after(last, kBatch);
      for (const auto& e : events) {
        fmt::print("{}", json ? app::event_json_line(e) : app::event_line(e));
        last = e.id;
      }
      std::fflush(stdout);  // a pipe would hold the lines back
      more = events.size() == static_cast<std::size_t>(kBatch);
    }
    // Sleeps in short steps so a signal ends the wait soon.
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(interval_ms);
    while (!g_stop_following && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(step);
  }
  return 0;
}

int suivi_flow(const std::string& config_file, std::int64_t number, bool json) {
  auto config = app::load_config(config_file);
  if (!config) return fail(config.error());
  lifecycle::Store store(config->store);
  auto detail = store.flow(number);
  if (!detail) {
    fmt::print(stderr, "fluxd: no flow number {}\n", number);
    return kExitUsage;
  }
  fmt::print("{}", json ? lifecycle::report_json(*detail) + "\n" : app::flow_text(*detail));
  return 0;
}

int suivi_deliveries(const std::string& config_file, const std::string& state, int limit,
                     bool json) {
  auto config = app::load_config(config_file);
  if (!config) return fail(config.error());
  lifecycle::DeliveryFilter filter;
  filter.limit = limit;
  if (!state.empty()) {
    filter.state = lifecycle::delivery_state_from_string(state);
    if (!filter.state) {
      fmt::print(stderr, "fluxd: unknown delivery state '{}' (pending, delivered, dead)\n", state);
      return kExitUsage;
    }
  }
  lifecycle::Store store(config->store);
  auto rows = store.deliveries(filter);
  fmt::print("{}", json ? app::deliveries_json(rows) : app::deliveries_table(rows));
  return 0;
}

// `suivi replay <flow>` of an IN_INCIDENTE flow: its file goes back, under its name, into its
// partner's drop directory, where the next `batch` (or the running daemon) processes it again
// as the same flow.
int requeue_flow(const app::Config& config, const lifecycle::FlowRow& flow, bool json) {
  namespace fs = std::filesystem;
  const fs::path target = config.inbox / flow.partner / flow.file_name;
  for (const fs::path& dir : {config.failed / flow.partner, config.work / flow.partner}) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (!entry.is_regular_file() || ingest::original_name_of(entry.path()) != flow.file_name)
        continue;
      auto sha = ingest::sha256_file(entry.path());
      if (!sha || *sha != flow.sha256) continue;
      if (dir == config.work / flow.partner) {
        if (json)
          fmt::print("{}\n", nlohmann::json{{"flow", flow.number},
                                            {"requeued", false},
                                            {"in_work", entry.path().string()}}
                                 .dump());
        else
          fmt::print("Flux {} déjà en cours: {} sera repris au prochain démarrage.\n", flow.number,
                     entry.path().string());
        return 0;
      }
      if (fs::exists(target, ec))
        return fail(
            {"REPLAY-NAME-TAKEN", fmt::format("{} exists; move it away and replay flow {} again",
                                              target.string(), flow.number)});
      if (auto moved = model::move_durably(entry.path(), target); !moved)
        return fail(moved.error());
      if (json)
        fmt::print("{}\n",
                   nlohmann::json{
                       {"flow", flow.number}, {"requeued", true}, {"inbox_file", target.string()}}
                       .dump());
      else
        fmt::print("Flux {} remis en dépôt: {}\n", flow.number, target.string());
      return 0;
    }
  }
  return fail({"REPLAY-FILE-MISSING", fmt::format("flow {}: no file with its bytes in failed/{}/",
                                                  flow.number, flow.partner)});
}

// An operator's replay: an IN_INCIDENTE flow is processed again; otherwise the flow's
// undelivered invoices (or the one given with --invoice) are due now and attempted at once.
int suivi_replay(const std::string& config_file, std::optional<std::int64_t> flow_number,
                 std::optional<std::int64_t> invoice_id, bool json) {
  if (flow_number.has_value() == invoice_id.has_value())
    return usage_error("replay: give a flow number, or --invoice <id>");
  auto config = app::load_config(config_file);
  if (!config) return fail(config.error());
  lifecycle::Store store(config->store);
  lifecycle::DeliveryFilter all;
  all.limit = 0;
  std::vector<std::int64_t> invoices;
  if (invoice_id) {
    invoices.push_back(*invoice_id);
  } else {
    auto detail = store.flow(*flow_number);
    if (!detail) return usage_error(fmt::format("no flow {}", *flow_number));
    if (detail->flow.status == model::FlowStatus::incidente)
      return requeue_flow(*config, detail->flow, json);
    for (const auto& d : store.deliveries(all))
      if (d.flow_number == *flow_number && d.state != lifecycle::DeliveryState::delivered)
        invoices.push_back(d.invoice_id);
    if (invoices.empty())
      return usage_error(
          fmt::format("flow {} is {} and has no undelivered invoice: nothing to replay",
                      *flow_number, model::to_code(detail->flow.status)));
  }
  for (const auto id : invoices)
    if (auto replayed = store.replay_delivery(id); !replayed) {
      fmt::print(stderr, "fluxd: {}: {}\n", replayed.error().code, replayed.error().message);
      return kExitUsage;
    }
  app::Deliverer deliverer(*config, store);
  if (auto opened = deliverer.open(); !opened) return fail(opened.error());
  const auto report = deliverer.deliver_due();
  for (const auto& p : report.problems) fmt::print(stderr, "fluxd: delivery: {}\n", p);
  std::vector<lifecycle::DeliveryRow> replayed;
  for (const auto& d : store.deliveries(all))
    if (std::find(invoices.begin(), invoices.end(), d.invoice_id) != invoices.end())
      replayed.push_back(d);
  fmt::print("{}", json ? app::deliveries_json(replayed) : app::deliveries_table(replayed));
  const bool all_delivered = std::all_of(replayed.begin(), replayed.end(), [](const auto& d) {
    return d.state == lifecycle::DeliveryState::delivered;
  });
  return all_delivered && replayed.size() == invoices.size() ? 0 : kExitOperational;
}

int referential_import(const std::string& config_file, const route::ReferentialFiles& files) {
  auto config = app::load_config(config_file);
  if (!config) return fail(config.error());
  auto imported = app::import_referential(*config, files);
  if (!imported) return fail(imported.error());
  for (const auto& bad : imported->bad_rows)
    fmt::print(stderr, "fluxd: warning: row skipped: {}\n", bad);
  fmt::print("Référentiel {} installé dans {}: {} structures, {} services, {}.\n",
             imported->version, imported->installed.string(), imported->structures,
             imported->services,
             imported->has_engagements ? fmt::format("{} engagements", imported->engagements)
                                       : std::string("pas d'engagements"));
  if (!imported->bad_rows.empty())
    fmt::print("{} lignes rejetées (voir ci-dessus).\n", imported->bad_rows.size());
  return 0;
}

int referential_show(const std::string& config_file, const std::string& id, bool json) {
  auto config = app::load_config(config_file);
  if (!config) return fail(config.error());
  app::ReferentialSource source(*config);
  if (auto loaded = source.load(); !loaded) return fail(loaded.error());
  const auto ref = source.current();
  const auto* structure = ref->structure(id);
  if (!structure) {
    fmt::print(stderr, "fluxd: structure {} is not in the referential (version {}, {})\n", id,
               ref->version(), source.location().origin);
    return kExitUsage;
  }
  fmt::print("{}",
             json ? app::structure_json(*ref, *structure) : app::structure_text(*ref, *structure));
  return 0;
}

void on_sighup(int) {
  app::ReferentialSource::request_reload();
}

// Exit code = number of rejected files, capped where shells start to give codes a meaning.
int validate_command(const std::vector<std::string>& arguments, std::string xsd_dir,
                     const std::string& config_file, bool json) {
  ingest::XmlPlatform xml;
  // The XSD folder: --xsd-dir, else the configuration's when there is one.
  if (xsd_dir.empty() && std::filesystem::exists(config_file)) {
    auto config = app::load_config(config_file);
    if (!config) return fail(config.error());
    xsd_dir = config->xsd_dir.string();
  }
  auto schemas = app::load_schemas(xsd_dir);
  if (!schemas) return fail(schemas.error());
  fmt::print(stderr, "fluxd: {}\n", schemas->notice);
  app::DocumentChecker checker(ingest::Limits{}, schemas->schemas);
  std::vector<app::DocumentVerdict> verdicts;
  for (const auto& file : app::files_to_validate(arguments))
    verdicts.push_back(checker.check_file(file));
  fmt::print("{}", json ? app::verdicts_json(verdicts) : app::verdicts_text(verdicts));
  const auto rejected =
      std::count_if(verdicts.begin(), verdicts.end(), [](const auto& v) { return !v.accepted; });
  return static_cast<int>(std::min<long>(rejected, 125));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"fluxd — EDI batch flow processor for e-invoice intake"};
  cli.require_subcommand(1);
  std::string config_file = default_config();
  cli.add_option("-c,--config", config_file, "configuration file (TOML); env FLUXD_CONFIG")
      ->capture_default_str();

  auto* batch = cli.add_subcommand(
      "batch",
      "process every flow waiting in inbox/<partner>/ once (a progress bar on a terminal from "
      "20 flows)");
  TimingOutput timing;
  batch->add_flag("--timings", timing.table, "print the wall time spent per stage");
  batch->add_option(
      "--timings-json", timing.json_file,
      "write the per-stage timings, counts and peak RSS as JSON to FILE (- : stdout)");

  auto* run = cli.add_subcommand(
      "run", "the always-on intake: watch drop directories and SFTP sources until SIGTERM");
  app::RunOptions run_options;
  unsigned workers = 0;
  std::string log_format;
  run->add_option("--workers", workers, "threads checking invoices (default: [daemon] workers)")
      ->check(CLI::Range(1u, 256u));
  run->add_option("--log-format", log_format, "text or json (default: [daemon] log_format)")
      ->check(CLI::IsMember({"text", "json"}));

  auto* suivi = cli.add_subcommand("suivi", "follow flows and invoices (Suivi des flux)");
  suivi->require_subcommand(1);
  SuiviFilters filters;
  int limit = 100;
  bool json = false;
  std::int64_t number = 0;
  auto* flows = suivi->add_subcommand("flows", "list flows, newest first, a page at a time");
  flows->add_option("--status", filters.status, "only flows in this status (e.g. IN_REJETE)");
  flows->add_option("--partner", filters.partner, "only this partner's flows");
  flows->add_option("--syntax", filters.syntax, "only flows of this syntax (e.g. IN_DP_E1_ZIP)");
  flows->add_option("--from", filters.from, "received on or after this day (YYYY-MM-DD, UTC)");
  flows->add_option("--to", filters.to, "received on or before this day (YYYY-MM-DD, UTC)");
  flows->add_option("--file", filters.file, "file name contains this text (any case)");
  flows->add_option("--limit", limit, "flows per page (default 100)")->check(CLI::PositiveNumber);
  flows->add_option("--page", filters.page, "page to show, from 1 (default 1)");
  flows->add_flag("--json", json, "JSON output: an array of the page's flows");
  auto* flow = suivi->add_subcommand("flow", "one flow: its invoices and their findings");
  flow->add_option("number", number, "flow number")->required();
  flow->add_flag("--json", json, "JSON output");
  std::string invoice_reference;
  std::optional<std::int64_t> chosen_invoice_id;
  auto* invoice =
      suivi->add_subcommand("invoice", "one invoice: status history, findings, flow and delivery");
  invoice->add_option("reference", invoice_reference,
                      "fluxd invoice id, invoice key (supplier|number|year) or invoice number");
  invoice->add_option("--id", chosen_invoice_id, "the invoice with this fluxd id, only");
  invoice->add_flag("--json", json, "JSON output");
  auto* search = suivi->add_subcommand(
      "search", "invoices by supplier, recipient, number or EJ (at least one), newest first");
  search->add_option("--supplier", filters.supplier, "supplier SIRET");
  search->add_option("--recipient", filters.recipient, "recipient SIRET");
  search->add_option("--number", filters.number, "invoice number contains this text (any case)");
  search->add_option("--ej", filters.ej, "engagement (EJ) contains this text (any case)");
  search->add_option("--limit", limit, "at most this many (default 100)")
      ->check(CLI::PositiveNumber);
  search->add_flag("--json", json, "JSON output");
  auto* stats = suivi->add_subcommand(
      "stats", "counts by status, day, partner, recipient; rejection reasons ranked");
  stats->add_option("--from", filters.from, "flows received on or after (YYYY-MM-DD, UTC)");
  stats->add_option("--to", filters.to, "flows received on or before (YYYY-MM-DD, UTC)");
  stats->add_option("--partner", filters.partner, "only this partner's flows");
  stats->add_flag("--json", json, "JSON output");
  std::string export_format = "csv";
  auto* export_invoices = suivi->add_subcommand(
      "export", "one row per invoice (flow, parties, EJ, budget frame, amount, status)");
  export_invoices
      ->add_option("--format", export_format,
                   "csv (';'-separated for French finance tools, RFC 4180 quoting, UTF-8) "
                   "or json")
      ->capture_default_str();
  export_invoices->add_option("--status", filters.status,
                              "only invoices in this status (e.g. MISE_A_DISPOSITION)");
  export_invoices->add_option("--partner", filters.partner, "only this partner's flows");
  export_invoices->add_option("--from", filters.from,
                              "flows received on or after (YYYY-MM-DD, UTC)");
  export_invoices->add_option("--to", filters.to, "flows received on or before (YYYY-MM-DD, UTC)");
  export_invoices->add_option("--recipient", filters.recipient, "only this recipient SIRET");
  export_invoices->add_option("--supplier", filters.supplier, "only this supplier SIRET");
  export_invoices->add_flag("--json", json, "same as --format json");
  int follow_interval_ms = 1000;
  std::optional<std::int64_t> follow_since_id;
  auto* follow = suivi->add_subcommand(
      "follow", "print flow and invoice status changes as they happen, until Ctrl-C / SIGTERM");
  follow->add_option("--interval-ms", follow_interval_ms, "poll interval (default 1000)")
      ->check(CLI::Range(10, 3'600'000));
  follow->add_option("--since-id", follow_since_id,
                     "start after this status change id instead of now (0: from the start)");
  follow->add_flag("--json", json, "one JSON object per line");
  std::string delivery_state;
  auto* deliveries = suivi->add_subcommand(
      "deliveries", "deliveries of accepted invoices: pending, delivered, dead letters");
  deliveries->add_option("--state", delivery_state, "pending, delivered or dead");
  deliveries->add_option("--limit", limit, "at most this many, newest first")
      ->check(CLI::PositiveNumber);
  deliveries->add_flag("--json", json, "JSON output");
  std::optional<std::int64_t> replay_flow, replay_invoice;
  auto* replay = suivi->add_subcommand(
      "replay",
      "process an IN_INCIDENTE flow again, or deliver a flow's dead (or waiting) invoices now");
  replay->add_option("flow", replay_flow, "flow number (suivi flows --status IN_INCIDENTE)");
  replay->add_option("--invoice", replay_invoice,
                     "only this invoice's delivery (suivi deliveries)");
  replay->add_flag("--json", json, "JSON output");

  auto* referential = cli.add_subcommand("referential", "the directory referential");
  referential->require_subcommand(1);
  route::ReferentialFiles import_files;
  std::string engagements_file;
  auto* import = referential->add_subcommand(
      "import", "check the files and install them as the referential in force");
  import->add_option("--structures", import_files.structures, "structures file (;-separated)")
      ->required()
      ->check(CLI::ExistingFile);
  import->add_option("--services", import_files.services, "services file (;-separated)")
      ->required()
      ->check(CLI::ExistingFile);
  import->add_option("--engagements", engagements_file, "engagements file (;-separated)")
      ->check(CLI::ExistingFile);
  std::string structure_id;
  auto* show = referential->add_subcommand("show", "one structure, its services and engagements");
  show->add_option("siret", structure_id, "structure identifier")->required();
  show->add_flag("--json", json, "JSON output");

  auto* validate = cli.add_subcommand(
      "validate", "validate invoice files (folders are walked); exit code = rejected files");
  std::vector<std::string> validate_files;
  std::string xsd_dir;
  validate->add_option("files", validate_files, "invoice files or folders")->required();
  validate->add_option(
      "--xsd-dir", xsd_dir,
      "folder of the official XSDs (default: the configuration's schemas.xsd_dir)");
  validate->add_flag("--json", json, "JSON output: one array, one object per file");

  // Let --config also be given after the subcommand, as operators tend to type it.
  for (auto* sub : {batch, run, flows, flow, invoice, search, stats, export_invoices, follow,
                    deliveries, replay, import, show})
    sub->add_option("-c,--config", config_file, "configuration file (TOML)");

  CLI11_PARSE(cli, argc, argv);

  try {
    if (*batch) {
      std::signal(SIGHUP, on_sighup);  // reload the referential before the next flow
      return run_batch_command(config_file, timing);
    }
    if (*run) {
      if (workers > 0) run_options.workers = workers;
      if (!log_format.empty()) run_options.json_logs = log_format == "json";
      return app::run_daemon(config_file, run_options);
    }
    if (*deliveries) return suivi_deliveries(config_file, delivery_state, limit, json);
    if (*replay) return suivi_replay(config_file, replay_flow, replay_invoice, json);
    if (*import) {
      if (!engagements_file.empty()) import_files.engagements = engagements_file;
      return referential_import(config_file, import_files);
    }
    if (*show) return referential_show(config_file, structure_id, json);
    if (*flows) return suivi_flows(config_file, filters, limit, json);
    if (*flow) return suivi_flow(config_file, number, json);
    if (*invoice) return suivi_invoice(config_file, invoice_reference, chosen_invoice_id, json);
    if (*search) return suivi_search(config_file, filters, limit, json);
    if (*stats) return suivi_stats(config_file, filters, json);
    if (*export_invoices) return suivi_export(config_file, filters, json ? "json" : export_format);
    if (*follow) return suivi_follow(config_file, follow_interval_ms, follow_since_id, json);
    if (*validate) return validate_command(validate_files, xsd_dir, config_file, json);
  } catch (const std::exception& e) {
    fmt::print(stderr, "fluxd: {}\n", e.what());
    return kExitOperational;
  }
  return kExitUsage;
}
