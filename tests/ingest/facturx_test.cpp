// Factur-X PDF flows through open_flow. Every PDF is written here with qpdf (one blank page and
// an embedded file) from the sample invoices; no binary file is kept in the repository.

// qpdf's legacy PointerHolder is not used here (and its header warns unless told so).
#define POINTERHOLDER_TRANSITION 4
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <optional>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "test_paths.h"
#include "test_support.h"

using ingest::Format;
using ingest_test::TempDir;

namespace {

namespace fs = std::filesystem;

const std::string kCii = ingest_test::sample_flow("AAA999", "02-cii-brenac-urgences-accepted.xml");
const std::string kUbl = ingest_test::sample_flow("AAA999", "01-ubl-valmont-accepted.xml");

struct Embedded {
  std::string name;
  std::string bytes;
};

// A one-page PDF, with each of `embedded_files` attached as a Factur-X file (text/xml,
// /AFRelationship /Alternative). QPDFWriter deflates the embedded stream.
void write_pdf(const fs::path& file, const std::vector<Embedded>& embedded_files,
               bool corrupt_stream = false) {
  QPDF pdf;
  pdf.setSuppressWarnings(true);
  pdf.emptyPDF();
  auto page = pdf.makeIndirectObject(
      QPDFObjectHandle::parse("<< /Type /Page /MediaBox [0 0 595 842] /Resources << >> >>"));
  QPDFPageDocumentHelper(pdf).addPage(QPDFPageObjectHelper(page), false);
  for (const auto& embedded : embedded_files) {
    auto stream = QPDFEFStreamObjectHelper::createEFStream(pdf, embedded.bytes);
    stream.setSubtype("text/xml");
    if (corrupt_stream)  // claims to be deflated but is not: written as is, undecodable
      stream.getObjectHandle().replaceStreamData("not deflate data at all",
                                                 QPDFObjectHandle::newName("/FlateDecode"),
                                                 QPDFObjectHandle::newNull());
    auto spec = QPDFFileSpecObjectHelper::createFileSpec(pdf, embedded.name, stream);
    spec.getObjectHandle().replaceKey("/AFRelationship", QPDFObjectHandle::newName("/Alternative"));
    QPDFEmbeddedFileDocumentHelper(pdf).replaceEmbeddedFile(embedded.name, spec);
  }
  QPDFWriter writer(pdf, file.c_str());
  writer.write();
}

void write_pdf(const fs::path& file, const std::optional<Embedded>& embedded,
               bool corrupt_stream = false) {
  write_pdf(file, embedded ? std::vector<Embedded>{*embedded} : std::vector<Embedded>{},
            corrupt_stream);
}

// The PDF as a partner would drop it, claimed: work name "<stamp>--<original name>".
struct PdfFlow {
  TempDir dir;
  fs::path file = dir / "20240101T000000-1-1--facture.pdf";
};

std::string rules_of(const ingest::FlowContent& flow) {
  std::string out;
  for (const auto& f : flow.findings) out += (out.empty() ? "" : "; ") + f.rule + "@" + f.location;
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(facturx_flow)

BOOST_AUTO_TEST_CASE(facturx_pdf_is_one_cii_document_with_the_pdf_attached) {
  PdfFlow flow;
  write_pdf(flow.file, Embedded{"factur-x.xml", kCii});
  const std::string pdf = ingest_test::read_bytes(flow.file);
  BOOST_REQUIRE(pdf.find(kCii.substr(0, 200)) == std::string::npos);  // stored deflated

  const auto content = ingest::open_flow(flow.file, {});
  BOOST_TEST(rules_of(content) == "");
  BOOST_TEST(content.syntax_code == "IN_DP_E2_CII_FACTURX");
  BOOST_REQUIRE(content.documents.size() == 1u);
  const auto& document = content.documents[0];
  BOOST_TEST(document.name == "factur-x.xml");
  BOOST_TEST(document.format == Format::cii);
  BOOST_TEST(document.bytes == kCii);
  BOOST_REQUIRE(document.attachments.size() == 1u);
  BOOST_TEST(document.attachments[0].name == "facture.pdf");
  BOOST_TEST(document.attachments[0].bytes == pdf);
}

BOOST_AUTO_TEST_CASE(zugferd_file_name_is_recognised) {
  PdfFlow flow;
  write_pdf(flow.file, Embedded{"zugferd-invoice.xml", kCii});
  const auto content = ingest::open_flow(flow.file, {});
  BOOST_TEST(rules_of(content) == "");
  BOOST_REQUIRE(content.documents.size() == 1u);
  BOOST_TEST(content.documents[0].name == "zugferd-invoice.xml");
}

BOOST_AUTO_TEST_CASE(pdf_with_several_invoice_files_is_ambiguous) {
  PdfFlow flow;
  write_pdf(flow.file,
            std::vector<Embedded>{{"factur-x.xml", kCii}, {"zugferd-invoice.xml", kCii}});
  const auto content = ingest::open_flow(flow.file, {});
  BOOST_TEST(rules_of(content) == "FLOW-AMBIGUOUS-INVOICE@facture.pdf");
  BOOST_REQUIRE(!content.findings.empty());
  BOOST_TEST(content.findings[0].message.find("factur-x.xml") != std::string::npos);
  BOOST_TEST(content.findings[0].message.find("zugferd-invoice.xml") != std::string::npos);
  BOOST_TEST(content.documents.empty());

  // One invoice file beside another attachment is not ambiguous.
  write_pdf(flow.file, std::vector<Embedded>{{"factur-x.xml", kCii}, {"notes.xml", kCii}});
  BOOST_TEST(rules_of(ingest::open_flow(flow.file, {})) == "");
}

BOOST_AUTO_TEST_CASE(pdf_without_embedded_invoice_is_unknown_format) {
  PdfFlow flow;
  write_pdf(flow.file, std::nullopt);
  auto content = ingest::open_flow(flow.file, {});
  BOOST_TEST(rules_of(content) == "FLOW-UNKNOWN-FORMAT@facture.pdf");
  BOOST_REQUIRE(!content.findings.empty());
  BOOST_TEST(content.findings[0].message == "a PDF without an embedded factur-x.xml");
  BOOST_TEST(content.documents.empty());

  write_pdf(flow.file, Embedded{"notes.xml", kCii});  // some other attachment
  content = ingest::open_flow(flow.file, {});
  BOOST_TEST(rules_of(content) == "FLOW-UNKNOWN-FORMAT@facture.pdf");
}

BOOST_AUTO_TEST_CASE(garbage_after_the_pdf_magic_is_malformed) {
  PdfFlow flow;
  ingest_test::write_file(flow.file, "%PDF-1.7\n" + std::string(500, '#') + "\n%%EOF\n");
  const auto content = ingest::open_flow(flow.file, {});
  BOOST_TEST(rules_of(content) == "FLOW-MALFORMED-PDF@facture.pdf");
  BOOST_TEST(content.documents.empty());
}

BOOST_AUTO_TEST_CASE(undecodable_embedded_stream_is_malformed) {
  PdfFlow flow;
  write_pdf(flow.file, Embedded{"factur-x.xml", kCii}, true);
  const auto content = ingest::open_flow(flow.file, {});
  BOOST_TEST(rules_of(content) == "FLOW-MALFORMED-PDF@factur-x.xml");
  BOOST_TEST(content.documents.empty());
}

BOOST_AUTO_TEST_CASE(embedded_ubl_is_unknown_format) {
  PdfFlow flow;
  write_pdf(flow.file, Embedded{"factur-x.xml", kUbl});
  const auto content = ingest::open_flow(flow.file, {});
  BOOST_TEST(rules_of(content) == "FLOW-UNKNOWN-FORMAT@factur-x.xml");
  BOOST_REQUIRE(!content.findings.empty());
  BOOST_TEST(content.findings[0].message == "the embedded invoice is not CII");
  BOOST_TEST(content.documents.empty());
}

BOOST_AUTO_TEST_CASE(embedded_doctype_or_broken_xml_gets_the_xml_findings) {
  PdfFlow flow;
  write_pdf(flow.file, Embedded{"factur-x.xml", "<!DOCTYPE x SYSTEM 'http://example.invalid/x'>" +
                                                    kCii.substr(kCii.find("<rsm:"))});
  BOOST_TEST(rules_of(ingest::open_flow(flow.file, {})) == "FLOW-UNSAFE-XML@factur-x.xml");
  write_pdf(flow.file, Embedded{"factur-x.xml", "<rsm:CrossIndustryInvoice <"});
  BOOST_TEST(rules_of(ingest::open_flow(flow.file, {})) == "FLOW-MALFORMED-XML@factur-x.xml");
}

BOOST_AUTO_TEST_CASE(embedded_file_counts_against_the_unpacked_limit) {
  PdfFlow flow;
  write_pdf(flow.file, Embedded{"factur-x.xml", kCii});
  ingest::Limits limits;
  limits.max_unpacked_bytes = kCii.size() - 1;
  auto content = ingest::open_flow(flow.file, limits);
  BOOST_TEST(rules_of(content) == "FLOW-UNSAFE-ARCHIVE@factur-x.xml");
  BOOST_TEST(content.documents.empty());

  // 20 MB of trailing spaces deflate to some 20 KB: refused by the ratio, before the end.
  write_pdf(flow.file, Embedded{"factur-x.xml", kCii + std::string(20u << 20, ' ')});
  content = ingest::open_flow(flow.file, {});
  BOOST_TEST(rules_of(content) == "FLOW-UNSAFE-ARCHIVE@factur-x.xml");
  BOOST_REQUIRE(!content.findings.empty());
  BOOST_TEST(content.findings[0].message.find("max_compression_ratio") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
