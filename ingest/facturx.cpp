// Factur-X / ZUGFeRD flows: a PDF whose embedded CII XML is the invoice. qpdf opens the PDF
// from memory; its exceptions and warnings stay here and come back as findings.

#include <algorithm>
#include <array>
#include <exception>
#include <memory>
// qpdf's legacy PointerHolder is not used here (and its header warns unless told so).
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/Pipeline.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/unpack.h"

namespace ingest::detail {

namespace {

// Names the Factur-X, ZUGFeRD 1/2 and XRechnung profiles give the embedded invoice.
constexpr std::array<std::string_view, 4> kInvoiceFileNames = {
    "factur-x.xml", "zugferd-invoice.xml", "ZUGFeRD-invoice.xml", "xrechnung.xml"};

bool is_invoice_file_name(std::string_view name) {
  return std::find(kInvoiceFileNames.begin(), kInvoiceFileNames.end(), name) !=
         kInvoiceFileNames.end();
}

// Keeps the decoded bytes of a stream and stops the decoding (by throwing, which qpdf catches
// and reports as a failed pipe) once they pass `cap`: a Flate bomb is never inflated whole.
class CappedSink : public Pipeline {
 public:
  explicit CappedSink(std::uintmax_t cap) : Pipeline("fluxd-capped-sink", nullptr), cap_(cap) {}

  void write(unsigned char const* data, size_t length) override {
    if (bytes.size() + length > cap_) {
      over_cap = true;
      throw std::length_error("the embedded file is larger than allowed");
    }
    bytes.append(reinterpret_cast<const char*>(data), length);
  }
  void finish() override {}

  std::string bytes;
  bool over_cap = false;

 private:
  std::uintmax_t cap_;
};

struct EmbeddedInvoice {
  std::string name;
  std::shared_ptr<QPDFFileSpecObjectHelper> file_spec;
  std::vector<std::string> others;  // further embedded files with an invoice name
};

// The embedded file named as an invoice, by its key in the EmbeddedFiles name tree or by the
// file name its spec gives. Several such files make the PDF ambiguous: `others` lists them.
EmbeddedInvoice find_embedded_invoice(QPDF& pdf) {
  QPDFEmbeddedFileDocumentHelper files(pdf);
  if (!files.hasEmbeddedFiles()) return {};
  EmbeddedInvoice found;
  for (const auto& [key, spec] : files.getEmbeddedFiles()) {
    const std::string name = is_invoice_file_name(key) ? key : spec->getFilename();
    if (!is_invoice_file_name(name)) continue;
    if (found.file_spec)
      found.others.push_back(name);
    else
      found = {name, spec, {}};
  }
  return found;
}

}  // namespace

FlowContent open_facturx(std::string pdf_bytes, const std::string& flow_name,
                         const Limits& limits) {
  FlowContent flow{std::string(kFacturXSyntax), {}, {}};
  // Past the ratio floor, the embedded file may not outgrow the PDF by more than the ratio.
  const std::uintmax_t ratio_cap = std::max<std::uintmax_t>(
      kRatioFloorBytes, pdf_bytes.size() * std::uintmax_t{limits.max_compression_ratio});
  CappedSink sink(std::min(limits.max_unpacked_bytes, ratio_cap));
  std::string embedded_name;
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.processMemoryFile(flow_name.c_str(), pdf_bytes.data(), pdf_bytes.size());
    auto invoice = find_embedded_invoice(pdf);
    if (!invoice.file_spec) {
      flow.findings.push_back(
          refusal("FLOW-UNKNOWN-FORMAT", flow_name, "a PDF without an embedded factur-x.xml"));
      return flow;
    }
    embedded_name = invoice.name;
    if (!invoice.others.empty()) {
      // Two invoices in one PDF: taking either would silently drop the other.
      std::string names = invoice.name;
      for (const auto& other : invoice.others) names += ", " + other;
      flow.findings.push_back(refusal("FLOW-AMBIGUOUS-INVOICE", flow_name,
                                      "the PDF embeds several invoice files (" + names +
                                          "): which one is the invoice is ambiguous"));
      return flow;
    }
    auto stream = invoice.file_spec->getEmbeddedFileStream();
    if (!stream.isStream()) {
      flow.findings.push_back(
          refusal("FLOW-MALFORMED-PDF", embedded_name, "the embedded file has no data stream"));
      return flow;
    }
    bool filtered = false;  // an unknown filter leaves the bytes as stored: not CII then
    const bool piped = stream.pipeStreamData(&sink, &filtered, 0, qpdf_dl_generalized, true);
    if (sink.over_cap) {
      const bool over_total = limits.max_unpacked_bytes <= ratio_cap;  // the cap that bit
      flow.findings.push_back(
          refusal("FLOW-UNSAFE-ARCHIVE", embedded_name,
                  over_total ? "more than " + std::to_string(limits.max_unpacked_bytes) +
                                   " bytes once unpacked (max_unpacked_bytes)"
                             : "the embedded file inflates to more than " +
                                   std::to_string(limits.max_compression_ratio) + ":1 of the " +
                                   std::to_string(pdf_bytes.size()) +
                                   " bytes of the PDF (max_compression_ratio)"));
      return flow;
    }
    if (!piped) {
      flow.findings.push_back(
          refusal("FLOW-MALFORMED-PDF", embedded_name, "the embedded file cannot be decoded"));
      return flow;
    }
  } catch (const std::exception& e) {
    flow.findings.push_back(
        refusal("FLOW-MALFORMED-PDF", flow_name, std::string("unreadable PDF: ") + e.what()));
    return flow;
  }

  const auto detection = detect(sink.bytes);
  if (detection.format == Format::malformed) {
    flow.findings.push_back(*xml_refusal(detection, embedded_name));
    return flow;
  }
  if (detection.format != Format::cii) {
    flow.findings.push_back(
        refusal("FLOW-UNKNOWN-FORMAT", embedded_name, "the embedded invoice is not CII"));
    return flow;
  }
  Document document{embedded_name, std::move(sink.bytes), Format::cii};
  document.attachments.push_back(Attachment{flow_name, std::move(pdf_bytes)});
  flow.documents.push_back(std::move(document));
  return flow;
}

}  // namespace ingest::detail
