#include "app/document_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "model/durable.h"
#include "validate/en16931.h"
#include "validate/validate.h"

namespace app {

namespace fs = std::filesystem;

namespace {

std::string syntax_name(ingest::Format format) {
  switch (format) {
    case ingest::Format::ubl_invoice:
      return "UBL-Invoice";
    case ingest::Format::ubl_credit_note:
      return "UBL-CreditNote";
    case ingest::Format::cii:
      return "CII-D16B";
    default:
      return "unknown";
  }
}

model::Finding refusal(std::string rule, const std::string& file, std::string message) {
  return {std::move(rule), model::Severity::fatal, file, std::move(message)};
}

bool is_xml_name(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return ext == ".xml";
}

}  // namespace

DocumentChecker::DocumentChecker(const ingest::Limits& limits,
                                 std::shared_ptr<const validate::SchemaSet> schemas)
    : limits_(limits), reader_(limits) {
  if (schemas) xsd_.emplace(std::move(schemas), limits.max_xml_depth);
}

CheckedDocument DocumentChecker::read_and_check(std::string_view bytes, std::string_view name) {
  CheckedDocument out;
  StageTimer timer(clock_, Stage::parse);
  auto read = reader_.read(bytes, name);
  out.findings = std::move(read.findings);
  if (!read.invoice) return out;  // the reader's FLOW-… finding says why; XSD would repeat it
  out.invoice = std::move(read.invoice);
  if (xsd_) {
    timer.to(Stage::xsd);
    auto schema = xsd_->validate(bytes, name);
    out.findings.insert(out.findings.end(), schema.begin(), schema.end());
  }
  timer.to(Stage::en16931);
  auto rules = validate::check_en16931(*out.invoice);
  out.findings.insert(out.findings.end(), rules.begin(), rules.end());
  return out;
}

DocumentVerdict DocumentChecker::check(std::string_view bytes, std::string file) {
  DocumentVerdict v;
  v.file = std::move(file);
  const auto format = ingest::detect_format(bytes);
  v.syntax = syntax_name(format);
  if (format == ingest::Format::unknown) {
    v.findings.push_back(refusal("FLOW-UNKNOWN-FORMAT", v.file,
                                 "not a UBL 2.1 Invoice/CreditNote nor a CII D16B invoice"));
    return v;
  }
  auto checked = read_and_check(bytes, v.file);
  v.findings = std::move(checked.findings);
  v.accepted = checked.invoice && validate::accepted(v.findings);
  return v;
}

model::Result<SchemaChoice> load_schemas(const fs::path& dir) {
  if (dir.empty())
    return SchemaChoice{nullptr,
                        "no [schemas] xsd_dir configured: official XSD validation is off; fluxd's "
                        "own structural checks and the business rules still run"};
  auto loaded = validate::SchemaSet::load(dir);
  if (!loaded) return loaded.error();
  return SchemaChoice{*loaded, "official XSDs loaded from " + dir.string()};
}

DocumentVerdict DocumentChecker::check_file(const fs::path& file) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (!ec && size > limits_.max_flow_bytes) {
    DocumentVerdict v{file.string(), "unknown", false, {}};
    v.findings.push_back(
        refusal("FLOW-TOO-LARGE", v.file,
                fmt::format("{} bytes, more than the limit of {}", size, limits_.max_flow_bytes)));
    return v;
  }
  auto bytes = model::read_file(file);
  if (ec || !bytes) {
    DocumentVerdict v{file.string(), "unknown", false, {}};
    v.findings.push_back(
        refusal("FLOW-UNREADABLE", v.file, ec ? ec.message() : bytes.error().message));
    return v;
  }
  return check(*bytes, file.string());
}

std::vector<fs::path> files_to_validate(const std::vector<std::string>& arguments) {
  std::vector<fs::path> files;
  for (const auto& arg : arguments) {
    if (!fs::is_directory(arg)) {
      files.emplace_back(arg);
      continue;
    }
    std::vector<fs::path> found;
    for (const auto& e : fs::recursive_directory_iterator(arg))
      if (e.is_regular_file() && is_xml_name(e.path())) found.push_back(e.path());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

std::string verdicts_json(const std::vector<DocumentVerdict>& verdicts) {
  auto array = nlohmann::json::array();
  for (const auto& v : verdicts) {
    auto findings = nlohmann::json::array();
    for (const auto& f : v.findings)
      findings.push_back({{"rule", f.rule},
                          {"severity", model::to_string(f.severity)},
                          {"location", f.location},
                          {"message", f.message}});
    array.push_back({{"file", v.file},
                     {"syntax", v.syntax},
                     {"verdict", v.accepted ? "accepted" : "rejected"},
                     {"findings", std::move(findings)}});
  }
  return array.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string verdicts_text(const std::vector<DocumentVerdict>& verdicts) {
  std::string out;
  int rejected = 0;
  for (const auto& v : verdicts) {
    rejected += !v.accepted;
    out += fmt::format("{}  {}  {}\n", v.accepted ? "ACCEPTED" : "REJECTED", v.syntax, v.file);
    for (const auto& f : v.findings)
      out += fmt::format("    {} [{}] {} — {}\n", f.rule, model::to_string(f.severity), f.location,
                         f.message);
  }
  out += fmt::format("{} files: {} accepted, {} rejected (EN 16931 artefacts {}).\n",
                     verdicts.size(), verdicts.size() - static_cast<std::size_t>(rejected),
                     rejected, validate::kEn16931ArtefactVersion);
  return out;
}

}  // namespace app
