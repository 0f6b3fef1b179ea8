// detect_format: a progressive SAX2 parse (parseFirst/parseNext) stopped at the root start tag,
// so only the prolog and the root's start tag of a large file are ever scanned.

#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/framework/XMLPScanToken.hpp>
#include <xercesc/util/XMLException.hpp>

#include "ingest/ingest.h"
#include "ingest/xml_lockdown.h"

namespace ingest {

namespace detail {

bool bare_doctype_seen(xercesc::SAX2XMLReader& reader);  // reader.cpp

namespace {
class RootCatcher : public LockedDownHandler {
 public:
  void startElement(const XMLCh* const uri, const XMLCh* const local_name, const XMLCh* const,
                    const xercesc::Attributes&) override {
    if (seen_root) return;
    seen_root = true;
    root_format = format_of_root(uri, local_name);
  }

  bool seen_root = false;
  Format root_format = Format::unknown;
};
}  // namespace

Detection detect(std::string_view bytes) {
  if (!looks_like_xml(bytes)) return {Format::unknown, false, {}};
  RootCatcher catcher;
  LockedDownParser parser(catcher);
  auto& reader = parser.reader();
  xercesc::MemBufInputSource source(reinterpret_cast<const XMLByte*>(bytes.data()), bytes.size(),
                                    "fluxd-document", false);
  source.setCopyBufToStream(false);
  xercesc::XMLPScanToken token;
  try {
    if (reader.parseFirst(source, token))
      while (!catcher.seen_root && reader.parseNext(token)) {
      }
    const bool bare_doctype = catcher.seen_root && bare_doctype_seen(reader);
    reader.parseReset(token);
    if (bare_doctype)
      return {Format::malformed, true, "DOCTYPE declarations are refused (no DTD, no entities)"};
  } catch (const UnsafeXml& e) {
    return {Format::malformed, true,
            e.message + " (line:column " + position_text(e.line, e.column) + ")"};
  } catch (const MalformedXml& e) {
    return {
        Format::malformed, false,
        "not well-formed XML at line:column " + position_text(e.line, e.column) + ": " + e.message};
  } catch (const xercesc::XMLException& e) {
    return {Format::malformed, false, "unreadable XML: " + to_utf8(e.getMessage())};
  }
  if (!catcher.seen_root) return {Format::malformed, false, "no root element"};
  return {catcher.root_format, false, {}};
}

}  // namespace detail

Format detect_format(std::string_view bytes) {
  return detail::detect(bytes).format;
}

}  // namespace ingest
