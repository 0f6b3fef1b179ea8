// SchemaSet and SchemaValidator: the official XSDs through one locked Xerces grammar pool.
// The settings follow TOOLCHAIN-NOTES.md "Xerces-C++ 3.2.4 is unsafe by default": grammars are
// loaded and cached first, the pool is locked, and only the validating readers built afterwards
// get every loading switch turned off. Xerces exceptions and the exceptions our callbacks throw
// to stop a parse never leave this file.

#include "validate/xsd.h"

#include <algorithm>
#include <optional>
#include <regex>
#include <string>
#include <system_error>
#include <utility>
#include <xercesc/framework/LocalFileInputSource.hpp>
#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/framework/XMLErrorCodes.hpp>
#include <xercesc/framework/XMLGrammarPoolImpl.hpp>
#include <xercesc/parsers/XercesDOMParser.hpp>
#include <xercesc/sax/Locator.hpp>
#include <xercesc/sax/SAXException.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>
#include <xercesc/sax2/SAX2XMLReader.hpp>
#include <xercesc/sax2/XMLReaderFactory.hpp>
#include <xercesc/util/OutOfMemoryException.hpp>
#include <xercesc/util/PlatformUtils.hpp>
#include <xercesc/util/SecurityManager.hpp>
#include <xercesc/util/TransService.hpp>
#include <xercesc/util/XMLEntityResolver.hpp>
#include <xercesc/util/XMLException.hpp>
#include <xercesc/util/XMLMsgLoader.hpp>
#include <xercesc/util/XMLResourceIdentifier.hpp>
#include <xercesc/util/XMLUni.hpp>
#include <xercesc/validators/common/Grammar.hpp>

namespace validate {

namespace fs = std::filesystem;
using xercesc::XMLUni;

namespace {

// Without a DOCTYPE no entity can be declared, so this only backs up the DOCTYPE refusal.
constexpr XMLSize_t kEntityExpansionLimit = 100;

std::string to_utf8(const XMLCh* text) {
  if (text == nullptr || *text == 0) return {};
  xercesc::TranscodeToStr utf8(text, xercesc::XMLString::stringLen(text), "UTF-8");
  return std::string(reinterpret_cast<const char*>(utf8.str()), utf8.length());
}

std::u16string to_utf16(const std::string& text) {
  xercesc::TranscodeFromStr utf16(reinterpret_cast<const XMLByte*>(text.data()), text.size(),
                                  "UTF-8");
  return std::u16string(utf16.str(), utf16.length());
}

std::string position_text(XMLFileLoc line, XMLFileLoc column) {
  return std::to_string(line) + ":" + std::to_string(column);
}

// ---- loading ---------------------------------------------------------------------------------

// True when `path` is `root` or below it (both absolute and normalised).
bool is_inside(const fs::path& path, const fs::path& root) {
  auto [root_end, _] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return root_end == root.end();
}

// Resolves every import, include and entity of the XSD files, and allows only local files below
// the XSD directory: a schema file can never make fluxd read elsewhere or go on the network.
class ConfinedResolver : public xercesc::XMLEntityResolver {
 public:
  explicit ConfinedResolver(fs::path root) : root_(std::move(root)) {}

  xercesc::InputSource* resolveEntity(xercesc::XMLResourceIdentifier* resource) override {
    const std::string system_id = to_utf8(resource->getSystemId());
    const auto path = local_path(system_id, to_utf8(resource->getBaseURI()));
    // Default resolution is disabled, so returning nothing reads nothing. Xerces would only warn
    // of a missing import and go on with a partial grammar: make both a load failure.
    if (!path) {
      problems_.push_back("it names a resource outside " + root_.string() + ": " + system_id);
      return nullptr;
    }
    if (!fs::is_regular_file(*path)) {
      problems_.push_back("it names a missing file: " + path->string());
      return nullptr;
    }
    const auto utf16 = to_utf16(path->string());
    return new xercesc::LocalFileInputSource(utf16.c_str());
  }

  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::optional<fs::path> local_path(std::string system_id, std::string base) const {
    static const std::regex scheme("^[A-Za-z][A-Za-z0-9+.-]*:");
    for (auto* id : {&system_id, &base}) {
      if (id->starts_with("file://")) {
        id->erase(0, 7);
      } else if (std::regex_search(*id, scheme)) {
        return std::nullopt;  // http:, ftp:, urn:…: never fetched
      }
    }
    if (system_id.empty()) return std::nullopt;
    fs::path path = system_id;
    if (path.is_relative()) path = fs::path(base).parent_path() / path;
    // Lexical, not canonical: a symlink the operator put inside the directory is theirs to
    // trust; what must never pass is "../" or an absolute path leading out of it.
    path = path.lexically_normal();
    if (!is_inside(path, root_)) return std::nullopt;
    return path;
  }

  fs::path root_;
  std::vector<std::string> problems_;
};

// Keeps the first problem Xerces reports while reading a schema.
class LoadErrors : public xercesc::ErrorHandler {
 public:
  void warning(const xercesc::SAXParseException&) override {}
  void error(const xercesc::SAXParseException& e) override { record(e); }
  void fatalError(const xercesc::SAXParseException& e) override { record(e); }
  void resetErrors() override {}

  const std::string& first() const { return first_; }

 private:
  void record(const xercesc::SAXParseException& e) {
    if (!first_.empty()) return;
    first_ = to_utf8(e.getSystemId()) + " " +
             position_text(e.getLineNumber(), e.getColumnNumber()) + ": " + to_utf8(e.getMessage());
  }
  std::string first_;
};

model::Error load_error(const fs::path& file, const std::string& why) {
  return {"XSD-LOAD", "cannot load XML schema " + file.string() + ": " + why};
}

}  // namespace

struct SchemaSet::Impl {
  // Declared first so it is destroyed last: nothing may outlive the grammars it points into.
  std::unique_ptr<xercesc::XMLGrammarPool> pool;
  std::vector<std::u16string> document_namespaces;  // target namespaces of the entry points
  std::vector<fs::path> files;
};

SchemaSet::SchemaSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SchemaSet::~SchemaSet() = default;

const std::vector<fs::path>& SchemaSet::files() const {
  return impl_->files;
}

model::Result<std::shared_ptr<const SchemaSet>> SchemaSet::load(const fs::path& dir) {
  std::error_code ec;
  const fs::path root = fs::canonical(dir, ec);
  if (ec || !fs::is_directory(root))
    return model::Error{"XSD-LOAD", "XML schema directory " + dir.string() + " is not readable"};
  const fs::path ubl =
      fs::is_directory(root / "ubl-2.1") ? root / "ubl-2.1" : root / "ubl-2.1-runtime";
  const std::vector<fs::path> entry_points = {
      ubl / "maindoc" / "UBL-Invoice-2.1.xsd",
      ubl / "maindoc" / "UBL-CreditNote-2.1.xsd",
      root / "cii-d16b" / "uncoupled" / "data" / "standard" / "CrossIndustryInvoice_100pD16B.xsd",
  };

  auto impl = std::make_unique<Impl>();
  impl->pool =
      std::make_unique<xercesc::XMLGrammarPoolImpl>(xercesc::XMLPlatformUtils::fgMemoryManager);
  try {
    ConfinedResolver resolver(root);
    LoadErrors errors;
    xercesc::SecurityManager security;
    security.setEntityExpansionLimit(kEntityExpansionLimit);
    // A DOM parser only because it takes an XMLEntityResolver (which sees the base URI);
    // loadGrammar builds no document.
    xercesc::XercesDOMParser loader(nullptr, xercesc::XMLPlatformUtils::fgMemoryManager,
                                    impl->pool.get());
    loader.setDoNamespaces(true);
    loader.setDoSchema(true);
    loader.setValidationSchemaFullChecking(false);
    loader.setHandleMultipleImports(true);
    loader.setIgnoreAnnotations(true);  // UBL's are big and never read
    // Every file the schemas name comes through ConfinedResolver, never Xerces' own resolution.
    loader.setDisableDefaultEntityResolution(true);
    loader.setSecurityManager(&security);
    loader.setXMLEntityResolver(&resolver);
    loader.setErrorHandler(&errors);

    for (const auto& file : entry_points) {
      if (!fs::is_regular_file(file)) return load_error(file, "file not found");
      const auto path16 = to_utf16(file.string());
      xercesc::LocalFileInputSource source(path16.c_str());
      const xercesc::Grammar* grammar =
          loader.loadGrammar(source, xercesc::Grammar::SchemaGrammarType, /*toCache=*/true);
      if (!resolver.problems().empty()) return load_error(file, resolver.problems().front());
      if (!errors.first().empty()) return load_error(file, errors.first());
      if (grammar == nullptr) return load_error(file, "Xerces returned no grammar");
      const XMLCh* target = grammar->getTargetNamespace();
      impl->document_namespaces.emplace_back(target ? target : u"");
      impl->files.push_back(file);
    }
  } catch (const xercesc::XMLException& e) {
    return model::Error{"XSD-LOAD", "cannot load XML schemas from " + root.string() + ": " +
                                        to_utf8(e.getMessage())};
  } catch (const xercesc::SAXException& e) {
    return model::Error{"XSD-LOAD", "cannot load XML schemas from " + root.string() + ": " +
                                        to_utf8(e.getMessage())};
  } catch (const xercesc::OutOfMemoryException&) {
    return model::Error{"XSD-LOAD", "out of memory loading XML schemas from " + root.string()};
  }
  // From here on no document can add or replace a grammar, and readers may share the pool.
  impl->pool->lockPool();
  return std::shared_ptr<const SchemaSet>(new SchemaSet(std::move(impl)));
}

// ---- validating ------------------------------------------------------------------------------

namespace {

// Thrown from a callback to end the document; caught in SchemaValidator::validate.
struct StopDocument {
  model::Finding finding;
};

// Xerces reports a malformed xsi:schemaLocation (an odd number of tokens) as a *fatal* error even
// though the hint is never used; one official CII example has one. This is its exact text.
const std::u16string& bad_schema_location_message() {
  static const std::u16string text = [] {
    std::unique_ptr<xercesc::XMLMsgLoader> messages(
        xercesc::XMLPlatformUtils::loadMsgSet(XMLUni::fgXMLErrDomain));
    XMLCh buffer[512] = {};
    if (!messages || !messages->loadMsg(xercesc::XMLErrs::BadSchemaLocation, buffer, 511))
      return std::u16string();
    return std::u16string(buffer);
  }();
  return text;
}

class FindingCollector : public xercesc::DefaultHandler {
 public:
  FindingCollector(const std::vector<std::u16string>& document_namespaces, std::size_t max_depth)
      : document_namespaces_(document_namespaces), max_depth_(max_depth) {}

  void reset() {
    findings_.clear();
    left_out_ = 0;
    path_.clear();
    path_lengths_.clear();
  }

  // Ends the collection: the cap line, then (if any) the finding that stopped the document.
  std::vector<model::Finding> take(std::optional<model::Finding> stop) {
    if (left_out_ > 0)
      findings_.push_back({"XSD-SCHEMA", model::Severity::fatal, "",
                           std::to_string(left_out_) + " more schema errors not listed"});
    if (stop) findings_.push_back(std::move(*stop));
    return std::move(findings_);
  }

  std::string location(XMLFileLoc line, XMLFileLoc column) const {
    std::string text = position_text(line, column);
    if (!path_.empty()) text += " " + to_utf8(path_.c_str());
    return text;
  }

  std::string here() const {
    return locator_ ? location(locator_->getLineNumber(), locator_->getColumnNumber())
                    : std::string();
  }

  // ContentHandler: the element path, the depth limit and the root's grammar.
  void setDocumentLocator(const xercesc::Locator* const locator) override { locator_ = locator; }

  void startElement(const XMLCh* const uri, const XMLCh* const local_name, const XMLCh* const qname,
                    const xercesc::Attributes&) override {
    if (path_lengths_.size() >= max_depth_)
      throw StopDocument{{"XSD-UNSAFE-XML", model::Severity::fatal, here(),
                          "elements nested deeper than " + std::to_string(max_depth_)}};
    if (path_lengths_.empty()) check_root(uri, local_name);
    path_lengths_.push_back(path_.size());
    path_ += u'/';
    path_ += qname;
  }

  void endElement(const XMLCh* const, const XMLCh* const, const XMLCh* const) override {
    path_.resize(path_lengths_.back());
    path_lengths_.pop_back();
  }

  // ErrorHandler: validity errors are collected, fatal ones end the document.
  void warning(const xercesc::SAXParseException&) override {}

  void error(const xercesc::SAXParseException& e) override {
    if (findings_.size() >= SchemaValidator::kMaxFindingsPerDocument) {
      ++left_out_;
      return;
    }
    findings_.push_back({"XSD-SCHEMA", model::Severity::fatal,
                         location(e.getLineNumber(), e.getColumnNumber()),
                         to_utf8(e.getMessage())});
  }

  void fatalError(const xercesc::SAXParseException& e) override {
    const XMLCh* message = e.getMessage();
    if (message && !bad_schema_location_message().empty() &&
        bad_schema_location_message() == message)
      return;  // the hint is ignored anyway; the reader runs with continue-after-fatal on
    throw StopDocument{{"XSD-NOT-WELL-FORMED", model::Severity::fatal,
                        location(e.getLineNumber(), e.getColumnNumber()), to_utf8(message)}};
  }

  // LexicalHandler: 3.2.4 has no switch to refuse DOCTYPE in SAX2, and validation makes it
  // ignore load-external-dtd; refusing here stops before any entity or external subset is read.
  void startDTD(const XMLCh* const, const XMLCh* const, const XMLCh* const) override {
    throw StopDocument{{"XSD-UNSAFE-XML", model::Severity::fatal, here(),
                        "DOCTYPE declarations are refused (no DTD, no entities)"}};
  }

  // EntityResolver: nothing a document names is ever read.
  xercesc::InputSource* resolveEntity(const XMLCh* const, const XMLCh* const system_id) override {
    throw StopDocument{{"XSD-UNSAFE-XML", model::Severity::fatal, here(),
                        "external resource refused: " + to_utf8(system_id)}};
  }

 private:
  void check_root(const XMLCh* uri, const XMLCh* local_name) {
    const std::u16string_view ns(uri ? uri : u"");
    if (std::find(document_namespaces_.begin(), document_namespaces_.end(), ns) !=
        document_namespaces_.end())
      return;
    // Xerces has already said the root is undeclared; one clear finding replaces that.
    findings_.clear();
    left_out_ = 0;
    std::string known;
    for (const auto& n : document_namespaces_)
      known += (known.empty() ? "" : ", ") + to_utf8(n.c_str());
    throw StopDocument{{"XSD-NO-GRAMMAR", model::Severity::fatal, here(),
                        "no schema for root element {" + to_utf8(uri) + "}" + to_utf8(local_name) +
                            "; known document namespaces: " + known}};
  }

  const std::vector<std::u16string>& document_namespaces_;
  const std::size_t max_depth_;
  const xercesc::Locator* locator_ = nullptr;
  std::vector<model::Finding> findings_;
  std::size_t left_out_ = 0;
  std::u16string path_;  // "/Invoice/cac:InvoiceLine/cbc:ID", qualified names as written
  std::vector<std::size_t> path_lengths_;
};

}  // namespace

struct SchemaValidator::Impl {
  Impl(std::shared_ptr<const SchemaSet> set, std::size_t max_depth)
      : schemas(std::move(set)), handler(schemas->impl_->document_namespaces, max_depth) {}

  std::shared_ptr<const SchemaSet> schemas;  // keeps the pool alive as long as the reader
  FindingCollector handler;
  xercesc::SecurityManager security;  // must outlive reader
  std::unique_ptr<xercesc::SAX2XMLReader> reader;
};

SchemaValidator::SchemaValidator(std::shared_ptr<const SchemaSet> schemas, std::size_t max_depth)
    : impl_(std::make_unique<Impl>(std::move(schemas), max_depth)) {
  impl_->reader.reset(xercesc::XMLReaderFactory::createXMLReader(
      xercesc::XMLPlatformUtils::fgMemoryManager, impl_->schemas->impl_->pool.get()));
  auto& r = *impl_->reader;
  r.setFeature(XMLUni::fgSAX2CoreNameSpaces, true);
  r.setFeature(XMLUni::fgSAX2CoreNameSpacePrefixes, false);
  // Validate always (not "dynamic"): a document without a known grammar is an error, not a pass.
  r.setFeature(XMLUni::fgSAX2CoreValidation, true);
  r.setFeature(XMLUni::fgXercesDynamic, false);
  r.setFeature(XMLUni::fgXercesSchema, true);
  r.setFeature(XMLUni::fgXercesSchemaFullChecking, false);
  // Grammars come only from the locked pool: none is loaded from a hint or cached from a parse.
  r.setFeature(XMLUni::fgXercesUseCachedGrammarInParse, true);
  r.setFeature(XMLUni::fgXercesCacheGrammarFromParse, false);
  // The pool is loaded, so the loading switches can go off now (TOOLCHAIN-NOTES: order matters).
  r.setFeature(XMLUni::fgXercesLoadSchema, false);
  r.setFeature(XMLUni::fgXercesLoadExternalDTD, false);
  r.setFeature(XMLUni::fgXercesDisableDefaultEntityResolution, true);
  // Needed only to step over the malformed-hint "fatal" error: every other fatal error makes
  // FindingCollector::fatalError throw, which ends the parse.
  r.setFeature(XMLUni::fgXercesContinueAfterFatalError, true);
  impl_->security.setEntityExpansionLimit(kEntityExpansionLimit);
  r.setProperty(XMLUni::fgXercesSecurityManager, &impl_->security);
  r.setContentHandler(&impl_->handler);
  r.setErrorHandler(&impl_->handler);
  r.setEntityResolver(&impl_->handler);
  r.setLexicalHandler(&impl_->handler);
  bad_schema_location_message();  // load the message once, outside any parse
}

SchemaValidator::~SchemaValidator() = default;

std::vector<model::Finding> SchemaValidator::validate(std::string_view bytes,
                                                      std::string_view document_name) {
  auto& handler = impl_->handler;
  handler.reset();
  const std::string buffer_id(document_name);
  xercesc::MemBufInputSource source(reinterpret_cast<const XMLByte*>(bytes.data()), bytes.size(),
                                    buffer_id.c_str(), /*adoptBuffer=*/false);
  std::optional<model::Finding> stop;
  try {
    impl_->reader->parse(source);
  } catch (StopDocument& s) {
    stop = std::move(s.finding);
  } catch (const xercesc::XMLException& e) {
    stop =
        model::Finding{"XSD-NOT-WELL-FORMED", model::Severity::fatal, "", to_utf8(e.getMessage())};
  } catch (const xercesc::SAXException& e) {
    stop =
        model::Finding{"XSD-NOT-WELL-FORMED", model::Severity::fatal, "", to_utf8(e.getMessage())};
  } catch (const xercesc::OutOfMemoryException&) {
    stop = model::Finding{"XSD-UNSAFE-XML", model::Severity::fatal, "",
                          "out of memory while validating"};
  }
  return handler.take(std::move(stop));
}

}  // namespace validate
