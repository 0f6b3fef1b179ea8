#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/ingest.h"
#include "model/finding.h"

namespace app {

// The verdict on one invoice document, as `fluxd validate` prints it.
struct DocumentVerdict {
  std::string file;
  std::string syntax;  // "UBL-Invoice", "UBL-CreditNote", "CII-D16B", or "unknown"
  bool accepted = false;
  std::vector<model::Finding> findings;
};

// Validates documents on their own, without a referential or a store: format, well-formedness,
// then the EN 16931 business rules on whatever could be read. One per thread.
class DocumentChecker {
 public:
  explicit DocumentChecker(const ingest::Limits& limits);

  DocumentVerdict check(std::string_view bytes, std::string file);
  DocumentVerdict check_file(const std::filesystem::path& file);

 private:
  ingest::Limits limits_;
  ingest::InvoiceReader reader_;
};

// The files named on the command line; folders are walked for *.xml (any case), sorted.
std::vector<std::filesystem::path> files_to_validate(const std::vector<std::string>& arguments);

std::string verdicts_json(const std::vector<DocumentVerdict>& verdicts);
std::string verdicts_text(const std::vector<DocumentVerdict>& verdicts);

}  // namespace app
