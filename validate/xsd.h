// validate/xsd.h — validation against the official XSDs (UBL 2.1 Invoice and CreditNote, CII
// D16B) with Xerces-C++, locked down as TOOLCHAIN-NOTES.md "Xerces-C++ 3.2.4 is unsafe by
// default" requires.
//
// Contract:
//  - SchemaSet::load reads the grammars once, from the configured directory only
//    (`schemas.xsd_dir`), into one grammar pool that it then locks. The set is immutable after
//    load and shared read-only by every thread (hold it as shared_ptr<const SchemaSet>).
//  - SchemaValidator is one per thread and reusable: validate() parses the bytes with a SAX2
//    reader built on the shared pool and returns one model::Finding per schema error.
//  - Documents never choose their schema: xsi:schemaLocation hints are ignored, nothing is
//    fetched (no network, no file but the XSD directory, and those only during load), any
//    DOCTYPE is refused.
//  - Xerces must be initialised (xercesc::XMLPlatformUtils::Initialize, e.g. ingest::XmlPlatform)
//    before load() and stay initialised until every SchemaSet and SchemaValidator is gone.
//
// Finding ids (all fatal; location is "line:column /path/of/the/open/element", the path being the
// element being read when Xerces noticed the error — the parent for an unexpected child):
//  - XSD-SCHEMA           a validity error; Xerces' message. Recoverable: collection goes on, up
//                         to kMaxFindingsPerDocument, then one more XSD-SCHEMA finding says how
//                         many were left out.
//  - XSD-NO-GRAMMAR       the root's namespace is none of the loaded document grammars.
//  - XSD-NOT-WELL-FORMED  a fatal XML error; it ends the document.
//  - XSD-UNSAFE-XML       a DOCTYPE, an entity or external resource, or nesting deeper than the
//                         limit; it ends the document.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "model/result.h"

namespace validate {

class SchemaValidator;

// The official grammars, loaded once into a locked Xerces grammar pool.
class SchemaSet {
 public:
  // Loads, below `dir`:
  //   ubl-2.1/maindoc/UBL-Invoice-2.1.xsd and UBL-CreditNote-2.1.xsd
  //     (or ubl-2.1-runtime/maindoc/… when ubl-2.1/ is absent),
  //   cii-d16b/uncoupled/data/standard/CrossIndustryInvoice_100pD16B.xsd.
  // Imports and includes are read only from inside `dir`. Any failure is an Error with code
  // "XSD-LOAD" whose message names the file.
  static model::Result<std::shared_ptr<const SchemaSet>> load(const std::filesystem::path& dir);

  ~SchemaSet();
  SchemaSet(const SchemaSet&) = delete;
  SchemaSet& operator=(const SchemaSet&) = delete;

  // The entry-point files that were loaded, for the start-up log line.
  const std::vector<std::filesystem::path>& files() const;

 private:
  friend class SchemaValidator;
  struct Impl;
  explicit SchemaSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// One per thread; not thread-safe itself, reusable for any number of documents.
class SchemaValidator {
 public:
  static constexpr std::size_t kMaxFindingsPerDocument = 50;
  static constexpr std::size_t kDefaultMaxDepth = 100;

  explicit SchemaValidator(std::shared_ptr<const SchemaSet> schemas,
                           std::size_t max_depth = kDefaultMaxDepth);
  ~SchemaValidator();
  SchemaValidator(const SchemaValidator&) = delete;
  SchemaValidator& operator=(const SchemaValidator&) = delete;

  // No finding means the document is valid against its grammar. `document_name` only labels
  // the buffer inside Xerces (nothing is ever resolved against it).
  std::vector<model::Finding> validate(std::string_view bytes, std::string_view document_name);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace validate
