// Private to ingest/: the Xerces SAX2 lock-down shared by detect_format and InvoiceReader, so
// both parse untrusted bytes with exactly the same settings (TOOLCHAIN-NOTES.md, "Xerces-C++
// 3.2.4 is unsafe by default").
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <xercesc/sax2/DefaultHandler.hpp>
#include <xercesc/sax2/SAX2XMLReader.hpp>
#include <xercesc/util/SecurityManager.hpp>

#include "ingest/ingest.h"

namespace ingest::detail {

// Thrown from Xerces callbacks and caught around parse(): Xerces offers no other way to stop a
// parse from a handler. They never leave ingest/.
struct UnsafeXml {
  std::string message;
  std::uint64_t line = 0;
  std::uint64_t column = 0;
};
struct MalformedXml {
  std::string message;  // Xerces' own text
  std::uint64_t line = 0;
  std::uint64_t column = 0;
};

// Handler base that refuses what fluxd never accepts: any DOCTYPE (3.2.4 has no switch for
// it), any entity resolution, and every parse error (recoverable ones included).
class LockedDownHandler : public xercesc::DefaultHandler {
 public:
  void setDocumentLocator(const xercesc::Locator* const locator) override;
  void startDTD(const XMLCh* const name, const XMLCh* const public_id,
                const XMLCh* const system_id) override;
  xercesc::InputSource* resolveEntity(const XMLCh* const public_id,
                                      const XMLCh* const system_id) override;
  void fatalError(const xercesc::SAXParseException& e) override;
  void error(const xercesc::SAXParseException& e) override;
  void warning(const xercesc::SAXParseException&) override {}

 protected:
  const xercesc::Locator* locator_ = nullptr;  // where the scanner is, for findings
};

std::uint64_t line_of(const xercesc::Locator* locator);
std::uint64_t column_of(const xercesc::Locator* locator);
std::string position_text(std::uint64_t line, std::uint64_t column);  // "12:7"

// After an optional UTF-8 BOM and whitespace, the bytes start with '<'.
bool looks_like_xml(std::string_view bytes);

// A SAX2 reader with namespaces on and every loading/validation feature off, the security
// manager installed and `handler` wired as content, error, entity and lexical handler.
class LockedDownParser {
 public:
  explicit LockedDownParser(LockedDownHandler& handler);
  ~LockedDownParser();
  LockedDownParser(const LockedDownParser&) = delete;
  LockedDownParser& operator=(const LockedDownParser&) = delete;

  xercesc::SAX2XMLReader& reader() { return *reader_; }

 private:
  xercesc::SecurityManager security_;  // must outlive reader_
  std::unique_ptr<xercesc::SAX2XMLReader> reader_;
};

// UTF-8 text of a Xerces string (exception messages, character data).
std::string to_utf8(const XMLCh* text, std::size_t length);
std::string to_utf8(const XMLCh* text);

// Element names as plain ASCII for fast comparison; any other character becomes '\x01' so a
// non-ASCII name can never match a known one.
void append_ascii_name(std::string& out, const XMLCh* name);

// The root elements fluxd knows, by local name and namespace URI.
Format format_of_root(const XMLCh* uri, const XMLCh* local_name);

// detect_format with the reason it gave `malformed` (line:column) or why a DOCTYPE was refused.
struct Detection {
  Format format = Format::unknown;
  bool unsafe = false;  // a DOCTYPE or entity was refused before the root (format is malformed)
  std::string problem;  // human text for a malformed/unsafe result, empty otherwise
};
Detection detect(std::string_view bytes);

}  // namespace ingest::detail
