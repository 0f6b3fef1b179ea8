// fluxd — EDI invoice flow processor. This file only wires the CLI to the stages.
//
// Exit codes: 0 done; 1 usage or not found; 2 operational failure (config, referential,
// store, disk: a message on stderr says which). `validate` exits with the number of
// rejected files (at most 125).

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "app/batch.h"
#include "app/config.h"
#include "app/delivery.h"
#include "app/document_check.h"
#include "app/referential_source.h"
#include "app/suivi.h"
#include "ingest/ingest.h"
#include "lifecycle/lifecycle.h"

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
  auto result = app::run_batch(*config);
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

int suivi_flows(const std::string& config_file, const std::string& status,
                const std::string& partner, int limit, bool json) {
  auto config = app::load_config(config_file);
  if (!config) return fail(config.error());
  lifecycle::FlowFilter filter;
  if (!status.empty()) {
    filter.status = model::flow_status_from_code(status);
    if (!filter.status) {
      fmt::print(stderr, "fluxd: unknown flow status '{}'\n", status);
      return kExitUsage;
    }
  }
  if (!partner.empty()) filter.partner = partner;
  filter.limit = limit;
  lifecycle::Store store(config->store);
  auto flows = store.flows(filter);
  fmt::print("{}", json ? app::flows_json(flows) : app::flows_table(flows));
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

// An operator's replay of a dead (or waiting) delivery: due now, attempted at once.
int suivi_replay(const std::string& config_file, std::int64_t invoice_id) {
  auto config = app::load_config(config_file);
  if (!config) return fail(config.error());
  lifecycle::Store store(config->store);
  if (auto replayed = store.replay_delivery(invoice_id); !replayed) {
    fmt::print(stderr, "fluxd: {}: {}\n", replayed.error().code, replayed.error().message);
    return kExitUsage;
  }
  app::Deliverer deliverer(*config, store);
  if (auto opened = deliverer.open(); !opened) return fail(opened.error());
  const auto report = deliverer.deliver_due();
  for (const auto& p : report.problems) fmt::print(stderr, "fluxd: delivery: {}\n", p);
  lifecycle::DeliveryFilter all;
  all.limit = 0;
  for (const auto& d : store.deliveries(all))
    if (d.invoice_id == invoice_id) {
      fmt::print("{}", app::deliveries_table({d}));
      return d.state == lifecycle::DeliveryState::delivered ? 0 : kExitOperational;
    }
  return kExitOperational;
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

  auto* batch = cli.add_subcommand("batch", "process every flow waiting in inbox/<partner>/ once");
  TimingOutput timing;
  batch->add_flag("--timings", timing.table, "print the wall time spent per stage");
  batch->add_option(
      "--timings-json", timing.json_file,
      "write the per-stage timings, counts and peak RSS as JSON to FILE (- : stdout)");

  auto* suivi = cli.add_subcommand("suivi", "follow flows and invoices (Suivi des flux)");
  suivi->require_subcommand(1);
  std::string status, partner;
  int limit = 100;
  bool json = false;
  std::int64_t number = 0;
  auto* flows = suivi->add_subcommand("flows", "list flows, newest first");
  flows->add_option("--status", status, "only flows in this status (e.g. IN_REJETE)");
  flows->add_option("--partner", partner, "only this partner's flows");
  flows->add_option("--limit", limit, "at most this many flows")->check(CLI::PositiveNumber);
  flows->add_flag("--json", json, "JSON output");
  auto* flow = suivi->add_subcommand("flow", "one flow: its invoices and their findings");
  flow->add_option("number", number, "flow number")->required();
  flow->add_flag("--json", json, "JSON output");
  std::string delivery_state;
  std::int64_t invoice_id = 0;
  auto* deliveries = suivi->add_subcommand(
      "deliveries", "deliveries of accepted invoices: pending, delivered, dead letters");
  deliveries->add_option("--state", delivery_state, "pending, delivered or dead");
  deliveries->add_option("--limit", limit, "at most this many, newest first")
      ->check(CLI::PositiveNumber);
  deliveries->add_flag("--json", json, "JSON output");
  auto* replay = suivi->add_subcommand("replay", "deliver a dead (or waiting) invoice again, now");
  replay->add_option("invoice", invoice_id, "invoice id (suivi deliveries)")->required();

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
  for (auto* sub : {batch, flows, flow, deliveries, replay, import, show})
    sub->add_option("-c,--config", config_file, "configuration file (TOML)");

  CLI11_PARSE(cli, argc, argv);

  try {
    if (*batch) {
      std::signal(SIGHUP, on_sighup);  // reload the referential before the next flow
      return run_batch_command(config_file, timing);
    }
    if (*deliveries) return suivi_deliveries(config_file, delivery_state, limit, json);
    if (*replay) return suivi_replay(config_file, invoice_id);
    if (*import) {
      if (!engagements_file.empty()) import_files.engagements = engagements_file;
      return referential_import(config_file, import_files);
    }
    if (*show) return referential_show(config_file, structure_id, json);
    if (*flows) return suivi_flows(config_file, status, partner, limit, json);
    if (*flow) return suivi_flow(config_file, number, json);
    if (*validate) return validate_command(validate_files, xsd_dir, config_file, json);
  } catch (const std::exception& e) {
    fmt::print(stderr, "fluxd: {}\n", e.what());
    return kExitOperational;
  }
  return kExitUsage;
}
