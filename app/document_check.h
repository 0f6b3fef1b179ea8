#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/stage_clock.h"
#include "ingest/ingest.h"
#include "model/finding.h"
#include "model/invoice.h"
#include "validate/xsd.h"

namespace app {

// One document read and checked on its own: official XSD (when schemas are loaded), fluxd's
// parser, then the EN 16931 business rules on whatever could be read (as the official
// artefacts do, even when the XSD check failed).
struct CheckedDocument {
  std::optional<model::Invoice> invoice;  // nullopt: not readable as an invoice at all
  std::vector<model::Finding> findings;
};

// The verdict on one invoice document, as `fluxd validate` prints it.
struct DocumentVerdict {
  std::string file;
  std::string syntax;  // "UBL-Invoice", "UBL-CreditNote", "CII-D16B", or "unknown"
  bool accepted = false;
  std::vector<model::Finding> findings;
};

// The per-document checks shared by `fluxd batch` and `fluxd validate`. One per thread.
class DocumentChecker {
 public:
  // `schemas` may be null: then only fluxd's own structural checks run.
  DocumentChecker(const ingest::Limits& limits, std::shared_ptr<const validate::SchemaSet> schemas);

  CheckedDocument read_and_check(std::string_view bytes, std::string_view name);
  DocumentVerdict check(std::string_view bytes, std::string file);
  DocumentVerdict check_file(const std::filesystem::path& file);

  // Charges read_and_check's parse, XSD and EN 16931 parts to `clock` (null: no timing).
  void set_stage_clock(StageClock* clock) { clock_ = clock; }

 private:
  ingest::Limits limits_;
  ingest::InvoiceReader reader_;
  std::optional<validate::SchemaValidator> xsd_;
  StageClock* clock_ = nullptr;
};

// Loads the official XSDs from `dir`, or says why fluxd runs without them (`dir` empty).
struct SchemaChoice {
  std::shared_ptr<const validate::SchemaSet> schemas;  // null when none configured
  std::string notice;                                  // one line for the operator
};
model::Result<SchemaChoice> load_schemas(const std::filesystem::path& dir);

// The files named on the command line; folders are walked for *.xml (any case), sorted.
std::vector<std::filesystem::path> files_to_validate(const std::vector<std::string>& arguments);

std::string verdicts_json(const std::vector<DocumentVerdict>& verdicts);
std::string verdicts_text(const std::vector<DocumentVerdict>& verdicts);

}  // namespace app
