// Shared helpers of the lifecycle tests: a fresh temp folder per test, sample data, every
// status value (to walk the transition tables), and validation against fluxd's own XSDs.
#pragma once

#include <stdlib.h>

#include <algorithm>
#include <array>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>
#include <xercesc/dom/DOM.hpp>
#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/parsers/XercesDOMParser.hpp>
#include <xercesc/sax/ErrorHandler.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/util/PlatformUtils.hpp>
#include <xercesc/util/TransService.hpp>
#include <xercesc/util/XMLString.hpp>
#include <xercesc/validators/common/Grammar.hpp>

#include "lifecycle/lifecycle.h"
#include "test_paths.h"

// Boost.Test prints compared values; show statuses by their code.
namespace model {
inline std::ostream& boost_test_print_type(std::ostream& out, FlowStatus s) {
  return out << to_code(s);
}
inline std::ostream& boost_test_print_type(std::ostream& out, InvoiceStatus s) {
  return out << to_code(s);
}
inline std::ostream& boost_test_print_type(std::ostream& out, Severity s) {
  return out << to_string(s);
}
}  // namespace model

namespace lifecycle_test {

using model::FlowStatus;
using model::InvoiceStatus;

inline constexpr std::array kAllFlowStatuses{
    FlowStatus::recu,   FlowStatus::en_cours,  FlowStatus::integre, FlowStatus::integre_partiel,
    FlowStatus::rejete, FlowStatus::incidente,
};

inline constexpr std::array kAllInvoiceStatuses{
    InvoiceStatus::deposee,
    InvoiceStatus::rejetee,
    InvoiceStatus::mise_a_disposition,
    InvoiceStatus::service_fait,
    InvoiceStatus::mandatee,
    InvoiceStatus::a_recycler,
    InvoiceStatus::suspendue,
    InvoiceStatus::completee,
    InvoiceStatus::mise_a_disposition_comptable,
    InvoiceStatus::comptabilisee,
    InvoiceStatus::mise_en_paiement,
};

// The transitions DOMAIN.md allows, written out again here (not taken from state.cpp) so the
// tests check the implementation against the specification.
inline const std::vector<std::pair<FlowStatus, FlowStatus>> kExpectedFlowTransitions{
    {FlowStatus::recu, FlowStatus::en_cours},
    {FlowStatus::recu, FlowStatus::incidente},
    {FlowStatus::en_cours, FlowStatus::integre},
    {FlowStatus::en_cours, FlowStatus::integre_partiel},
    {FlowStatus::en_cours, FlowStatus::rejete},
    {FlowStatus::en_cours, FlowStatus::incidente},
    {FlowStatus::incidente, FlowStatus::en_cours},
};

inline const std::vector<std::pair<InvoiceStatus, InvoiceStatus>> kExpectedInvoiceTransitions{
    {InvoiceStatus::deposee, InvoiceStatus::rejetee},
    {InvoiceStatus::deposee, InvoiceStatus::mise_a_disposition},
    {InvoiceStatus::mise_a_disposition, InvoiceStatus::service_fait},
    {InvoiceStatus::mise_a_disposition, InvoiceStatus::mandatee},
    {InvoiceStatus::mise_a_disposition, InvoiceStatus::a_recycler},
    {InvoiceStatus::mise_a_disposition, InvoiceStatus::suspendue},
    {InvoiceStatus::mise_a_disposition, InvoiceStatus::rejetee},
    {InvoiceStatus::service_fait, InvoiceStatus::mandatee},
    {InvoiceStatus::service_fait, InvoiceStatus::suspendue},
    {InvoiceStatus::service_fait, InvoiceStatus::rejetee},
    {InvoiceStatus::mandatee, InvoiceStatus::mise_a_disposition_comptable},
    {InvoiceStatus::mandatee, InvoiceStatus::comptabilisee},
    {InvoiceStatus::mandatee, InvoiceStatus::mise_en_paiement},
    {InvoiceStatus::mise_a_disposition_comptable, InvoiceStatus::comptabilisee},
    {InvoiceStatus::comptabilisee, InvoiceStatus::mise_en_paiement},
    {InvoiceStatus::suspendue, InvoiceStatus::completee},
    {InvoiceStatus::completee, InvoiceStatus::mise_a_disposition},
};

// Shortest chain of allowed transitions from `start` to `goal` (empty when start == goal),
// so a test can bring a flow or an invoice to any reachable status.
template <typename Status>
std::vector<Status> path_to(Status start, Status goal,
                            const std::vector<std::pair<Status, Status>>& transitions) {
  std::vector<std::vector<Status>> frontier{{start}};
  std::vector<Status> seen{start};
  while (!frontier.empty()) {
    std::vector<std::vector<Status>> next;
    for (const auto& chain : frontier) {
      if (chain.back() == goal) return {chain.begin() + 1, chain.end()};
      for (const auto& [from, to] : transitions) {
        if (from != chain.back() || std::find(seen.begin(), seen.end(), to) != seen.end()) continue;
        seen.push_back(to);
        auto longer = chain;
        longer.push_back(to);
        next.push_back(std::move(longer));
      }
    }
    frontier = std::move(next);
  }
  throw std::logic_error("status not reachable");
}

// A fresh folder under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "fluxd-lifecycle-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A test's store in its own temp folder.
struct StoreFixture {
  TempDir dir;
  std::filesystem::path db_file = dir.path() / "fluxd.db";
  std::optional<lifecycle::Store> store{std::in_place, db_file};

  void reopen() {
    store.reset();
    store.emplace(db_file);
  }
};

// 64 hex digits, distinct for distinct seeds.
inline std::string sha_of(int seed) {
  std::string hex = std::to_string(seed);
  return std::string(64 - hex.size(), 'a') + hex;
}

inline lifecycle::InvoiceRecord sample_record(int position) {
  lifecycle::InvoiceRecord r;
  r.position = position;
  r.document = "facture-" + std::to_string(position) + ".xml";
  r.number = "F2026-" + std::to_string(position);
  r.supplier_id = "35600000000048";
  r.key = r.supplier_id + "|" + r.number + "|2026";
  r.issue_date = "2026-11-20";
  r.type_code = "380";
  r.syntax = "IN_DP_E1_UBL_INVOICE";
  r.recipient_id = "11000201100044";
  r.service_code = "SERV-01";
  r.engagement = "EJ-1234567890";
  r.currency = "EUR";
  r.payable = "229.60";
  return r;
}

// ---- XSD validation (Xerces-C++) ----

inline std::string utf8(const XMLCh* text) {
  xercesc::TranscodeToStr bytes(text, "UTF-8");
  return std::string(reinterpret_cast<const char*>(bytes.str()), bytes.length());
}

// Counts every warning and error instead of stopping at the first.
class CountingErrorHandler : public xercesc::ErrorHandler {
 public:
  void warning(const xercesc::SAXParseException& e) override { record(e); }
  void error(const xercesc::SAXParseException& e) override { record(e); }
  void fatalError(const xercesc::SAXParseException& e) override { record(e); }
  void resetErrors() override { errors = 0; }
  int errors = 0;

 private:
  void record(const xercesc::SAXParseException& e) {
    ++errors;
    BOOST_TEST_MESSAGE("line " << e.getLineNumber() << ": " << utf8(e.getMessage()));
  }
};

// Validates documents against one of fluxd's XSDs (a file name under schemas/, whose target
// namespace is `target_namespace`) only: the grammar is loaded first and cached, and
// documents cannot bring schemas of their own.
class XsdValidator {
 public:
  XsdValidator(const std::string& xsd_file, std::string target_namespace)
      : namespace_(std::move(target_namespace)) {
    static const XercesLifetime xerces;
    parser_ = std::make_unique<xercesc::XercesDOMParser>();
    parser_->setErrorHandler(&handler_);
    parser_->setValidationScheme(xercesc::XercesDOMParser::Val_Always);
    parser_->setDoNamespaces(true);
    parser_->setDoSchema(true);
    parser_->setValidationSchemaFullChecking(true);
    parser_->setValidationConstraintFatal(false);
    const auto xsd = fluxd_test::source_dir() / "schemas" / xsd_file;
    BOOST_REQUIRE(std::filesystem::is_regular_file(xsd));
    BOOST_REQUIRE(parser_->loadGrammar(xsd.c_str(), xercesc::Grammar::SchemaGrammarType, true));
    BOOST_REQUIRE(handler_.errors == 0);
    parser_->useCachedGrammarInParse(true);
    parser_->setLoadSchema(false);
    parser_->setLoadExternalDTD(false);
  }

  // Number of validation errors (0: valid).
  int errors(const std::string& xml) {
    handler_.errors = 0;
    xercesc::MemBufInputSource source(reinterpret_cast<const XMLByte*>(xml.data()), xml.size(),
                                      "document.xml");
    parser_->parse(source);
    return handler_.errors;
  }

  // How many elements with that local name (in the schema's namespace) the last parsed
  // document has.
  XMLSize_t count_of(const char* local_name) { return elements(local_name)->getLength(); }

  // Text of the n-th element with that local name in the last parsed document.
  std::string text_of(const char* local_name, XMLSize_t n = 0) {
    const auto* nodes = elements(local_name);
    BOOST_REQUIRE(nodes->getLength() > n);
    return utf8(nodes->item(n)->getTextContent());
  }

 private:
  struct XercesLifetime {
    XercesLifetime() { xercesc::XMLPlatformUtils::Initialize(); }
    ~XercesLifetime() { xercesc::XMLPlatformUtils::Terminate(); }
  };

  const xercesc::DOMNodeList* elements(const char* local_name) {
    BOOST_REQUIRE(parser_->getDocument() != nullptr);
    XMLCh* ns = xercesc::XMLString::transcode(namespace_.c_str());
    XMLCh* name = xercesc::XMLString::transcode(local_name);
    const auto* nodes = parser_->getDocument()->getElementsByTagNameNS(ns, name);
    xercesc::XMLString::release(&ns);
    xercesc::XMLString::release(&name);
    return nodes;
  }

  std::string namespace_;
  CountingErrorHandler handler_;
  std::unique_ptr<xercesc::XercesDOMParser> parser_;
};

}  // namespace lifecycle_test
