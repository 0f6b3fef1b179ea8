// fluxd-bench-xerces — baseline (a) of the benchmark: what Xerces-C++ alone costs to parse and
// XSD-validate the same files, with none of fluxd's logic.
//
// Set up as TOOLCHAIN-NOTES.md "Xerces-C++ 3.2.4 is unsafe by default" says (and as
// validate/xsd.cpp does): the official grammars are loaded once into one grammar pool, which is
// then locked; one SAX2 reader is built on it and reused for every document, validating always,
// using only cached grammars, with schema loading, external DTDs and default entity resolution
// off, a SecurityManager installed and any DOCTYPE refused. Its handler does nothing but count
// validity errors, so the time measured is Xerces' parse + validation (plus reading each file).
//
// Prints one JSON object: documents, valid, invalid (any validity error), malformed (a fatal
// error), bytes, load_ms (grammars), run_ms (read + parse + validate of every file), run_cpu_ms
// (the CPU time of that), parse_ms (the parse + validate part only), docs_per_s
// (documents / run_ms), peak_rss_kib.

#include <fmt/format.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>
#include <xercesc/framework/LocalFileInputSource.hpp>
#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/framework/XMLGrammarPoolImpl.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>
#include <xercesc/sax2/SAX2XMLReader.hpp>
#include <xercesc/sax2/XMLReaderFactory.hpp>
#include <xercesc/util/PlatformUtils.hpp>
#include <xercesc/util/SecurityManager.hpp>
#include <xercesc/util/XMLException.hpp>
#include <xercesc/util/XMLString.hpp>
#include <xercesc/util/XMLUni.hpp>
#include <xercesc/validators/common/Grammar.hpp>

namespace fs = std::filesystem;
using xercesc::XMLUni;

namespace {

// Ends a document at its first fatal error (or at a DOCTYPE).
struct Stop {};

class Counter : public xercesc::DefaultHandler {
 public:
  int errors = 0;
  void error(const xercesc::SAXParseException&) override { ++errors; }
  void fatalError(const xercesc::SAXParseException&) override { throw Stop{}; }
  void startDTD(const XMLCh* const, const XMLCh* const, const XMLCh* const) override {
    throw Stop{};
  }
  xercesc::InputSource* resolveEntity(const XMLCh* const, const XMLCh* const) override {
    throw Stop{};
  }
};

std::string message(const XMLCh* text) {
  char* s = xercesc::XMLString::transcode(text);
  std::string out = s ? s : "";
  xercesc::XMLString::release(&s);
  return out;
}

// Same entry points as validate::SchemaSet::load.
std::vector<fs::path> entry_points(const fs::path& root) {
  const fs::path ubl =
      fs::is_directory(root / "ubl-2.1") ? root / "ubl-2.1" : root / "ubl-2.1-runtime";
  return {
      ubl / "maindoc" / "UBL-Invoice-2.1.xsd", ubl / "maindoc" / "UBL-CreditNote-2.1.xsd",
      root / "cii-d16b" / "uncoupled" / "data" / "standard" / "CrossIndustryInvoice_100pD16B.xsd"};
}

std::vector<fs::path> collect(const std::vector<std::string>& arguments) {
  std::vector<fs::path> files;
  for (const auto& a : arguments) {
    if (!fs::is_directory(a)) {
      files.emplace_back(a);
      continue;
    }
    std::vector<fs::path> found;
    for (const auto& e : fs::recursive_directory_iterator(a))
      if (e.is_regular_file() && e.path().extension() == ".xml") found.push_back(e.path());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

double ms(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// CPU time (user + system) of this process so far, in ms.
double cpu_ms() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return (static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6 +
          static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)) /
         1000.0;
}

int run(const fs::path& xsd_dir, const std::vector<fs::path>& files) {
  using Clock = std::chrono::steady_clock;
  const auto load_start = Clock::now();
  auto pool =
      std::make_unique<xercesc::XMLGrammarPoolImpl>(xercesc::XMLPlatformUtils::fgMemoryManager);
  {
    // Grammars first, with the switches loading needs (the UBL files carry a DOCTYPE).
    std::unique_ptr<xercesc::SAX2XMLReader> loader(xercesc::XMLReaderFactory::createXMLReader(
        xercesc::XMLPlatformUtils::fgMemoryManager, pool.get()));
    loader->setFeature(XMLUni::fgSAX2CoreNameSpaces, true);
    loader->setFeature(XMLUni::fgXercesSchema, true);
    loader->setFeature(XMLUni::fgXercesHandleMultipleImports, true);
    loader->setFeature(XMLUni::fgXercesSchemaFullChecking, false);
    for (const auto& file : entry_points(fs::canonical(xsd_dir))) {
      XMLCh* path = xercesc::XMLString::transcode(file.c_str());
      xercesc::LocalFileInputSource source(path);
      xercesc::XMLString::release(&path);
      if (!loader->loadGrammar(source, xercesc::Grammar::SchemaGrammarType, true)) {
        fmt::print(stderr, "fluxd-bench-xerces: cannot load {}\n", file.string());
        return 2;
      }
    }
  }
  pool->lockPool();  // no document may add a grammar from here on

  Counter handler;
  xercesc::SecurityManager security;
  security.setEntityExpansionLimit(100);
  std::unique_ptr<xercesc::SAX2XMLReader> reader(xercesc::XMLReaderFactory::createXMLReader(
      xercesc::XMLPlatformUtils::fgMemoryManager, pool.get()));
  auto& r = *reader;
  r.setFeature(XMLUni::fgSAX2CoreNameSpaces, true);
  r.setFeature(XMLUni::fgSAX2CoreNameSpacePrefixes, false);
  r.setFeature(XMLUni::fgSAX2CoreValidation, true);
  r.setFeature(XMLUni::fgXercesDynamic, false);
  r.setFeature(XMLUni::fgXercesSchema, true);
  r.setFeature(XMLUni::fgXercesSchemaFullChecking, false);
  r.setFeature(XMLUni::fgXercesUseCachedGrammarInParse, true);
  r.setFeature(XMLUni::fgXercesCacheGrammarFromParse, false);
  r.setFeature(XMLUni::fgXercesLoadSchema, false);
  r.setFeature(XMLUni::fgXercesLoadExternalDTD, false);
  r.setFeature(XMLUni::fgXercesDisableDefaultEntityResolution, true);
  r.setProperty(XMLUni::fgXercesSecurityManager, &security);
  r.setContentHandler(&handler);
  r.setErrorHandler(&handler);
  r.setEntityResolver(&handler);
  r.setLexicalHandler(&handler);
  const auto load_end = Clock::now();
  const double cpu_start = cpu_ms();

  std::size_t valid = 0, invalid = 0, malformed = 0, bytes = 0;
  Clock::duration parsing{};
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    bytes += text.size();
    const auto parse_start = Clock::now();
    xercesc::MemBufInputSource source(reinterpret_cast<const XMLByte*>(text.data()), text.size(),
                                      "document", false);
    handler.errors = 0;
    try {
      r.parse(source);
      (handler.errors ? invalid : valid) += 1;
    } catch (const Stop&) {
      ++malformed;
    } catch (const xercesc::XMLException& e) {
      fmt::print(stderr, "fluxd-bench-xerces: {}: {}\n", file.string(), message(e.getMessage()));
      ++malformed;
    } catch (const xercesc::SAXParseException&) {
      ++malformed;
    }
    parsing += Clock::now() - parse_start;
  }
  const auto end = Clock::now();
  const double cpu_run = cpu_ms() - cpu_start;

  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const double run_ms = ms(end - load_end);
  fmt::print(
      "{{\"documents\": {}, \"valid\": {}, \"invalid\": {}, \"malformed\": {}, \"bytes\": {}, "
      "\"load_ms\": {:.3f}, \"run_ms\": {:.3f}, \"run_cpu_ms\": {:.3f}, \"parse_ms\": {:.3f}, "
      "\"docs_per_s\": {:.1f}, "
      "\"peak_rss_kib\": {}}}\n",
      files.size(), valid, invalid, malformed, bytes, ms(load_end - load_start), run_ms, cpu_run,
      ms(parsing), run_ms > 0 ? static_cast<double>(files.size()) * 1000.0 / run_ms : 0.0,
      usage.ru_maxrss);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"fluxd-bench-xerces — Xerces-C SAX2 + XSD alone over invoice files (baseline)"};
  fs::path xsd_dir;
  std::vector<std::string> arguments;
  cli.add_option("--xsd-dir", xsd_dir, "official XSD folder (layout of shared/corpus/xsd)")
      ->required();
  cli.add_option("files", arguments, "invoice files or folders (walked for *.xml)")->required();
  CLI11_PARSE(cli, argc, argv);

  const auto files = collect(arguments);
  xercesc::XMLPlatformUtils::Initialize();
  int code = 2;
  try {
    code = run(xsd_dir, files);
  } catch (const xercesc::XMLException& e) {
    fmt::print(stderr, "fluxd-bench-xerces: {}\n", message(e.getMessage()));
  } catch (const std::exception& e) {
    fmt::print(stderr, "fluxd-bench-xerces: {}\n", e.what());
  }
  xercesc::XMLPlatformUtils::Terminate();
  return code;
}
