// ZIP batch flows through open_flow. Every archive is written here with libarchive's writer
// (deflate) from the sample invoices; no binary file is kept in the repository.

#include <archive.h>
#include <archive_entry.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <random>
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

const std::string kUbl = ingest_test::sample_flow("AAA999", "01-ubl-valmont-accepted.xml");
const std::string kCii = ingest_test::sample_flow("AAA999", "02-cii-brenac-urgences-accepted.xml");
const std::string kCreditNote =
    ingest_test::sample_flow("AAA999", "03-ubl-creditnote-lerans-ej-accepted.xml");

// The UBL sample with an additional supporting document (BG-24) naming `file_name`.
std::string ubl_referencing(const std::string& file_name) {
  std::string invoice = kUbl;
  const auto at = invoice.find("<cac:AccountingSupplierParty>");
  invoice.insert(at, "<cac:AdditionalDocumentReference><cbc:ID>" + file_name +
                         "</cbc:ID></cac:AdditionalDocumentReference>\n    ");
  return invoice;
}

const std::string kPdf = "%PDF-1.7\n% a delivery note, opaque to fluxd\n%%EOF\n";

struct Member {
  std::string name;  // a name ending in '/' is a folder
  std::string bytes;
  bool symlink = false;  // then `bytes` is the link target
};

void must(archive* writer, int status) {
  if (status < ARCHIVE_WARN)
    throw std::runtime_error(std::string("libarchive: ") + archive_error_string(writer));
}

// A deflated ZIP of `members`, in order; with a passphrase every member is ZipCrypto-encrypted.
void write_zip(const fs::path& file, const std::vector<Member>& members,
               const char* passphrase = nullptr) {
  archive* writer = archive_write_new();
  must(writer, archive_write_set_format_zip(writer));
  must(writer, archive_write_set_options(writer, "zip:compression=deflate"));
  if (passphrase) {
    must(writer, archive_write_set_options(writer, "zip:encryption=zipcrypt"));
    must(writer, archive_write_set_passphrase(writer, passphrase));
  }
  must(writer, archive_write_open_filename(writer, file.c_str()));
  for (const auto& member : members) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, member.name.c_str());
    if (member.name.ends_with('/')) {
      archive_entry_set_filetype(entry, AE_IFDIR);
      archive_entry_set_perm(entry, 0755);
    } else if (member.symlink) {
      archive_entry_set_filetype(entry, AE_IFLNK);
      archive_entry_set_symlink(entry, member.bytes.c_str());
      archive_entry_set_perm(entry, 0777);
    } else {
      archive_entry_set_filetype(entry, AE_IFREG);
      archive_entry_set_perm(entry, 0644);
      archive_entry_set_size(entry, static_cast<la_int64_t>(member.bytes.size()));
    }
    must(writer, archive_write_header(writer, entry));
    if (!member.symlink && !member.bytes.empty()) {
      const auto written = archive_write_data(writer, member.bytes.data(), member.bytes.size());
      if (written != static_cast<la_ssize_t>(member.bytes.size())) must(writer, ARCHIVE_FATAL);
    }
    archive_entry_free(entry);
  }
  must(writer, archive_write_close(writer));
  archive_write_free(writer);
}

// The ZIP as a partner would drop it, claimed: work name "<stamp>--<original name>".
struct ZipFlow {
  TempDir dir;
  fs::path file = dir / "20240101T000000-1-1--lot.zip";
};

ingest::FlowContent open_zip(const std::vector<Member>& members, const ingest::Limits& limits = {},
                             const char* passphrase = nullptr) {
  ZipFlow flow;
  write_zip(flow.file, members, passphrase);
  return ingest::open_flow(flow.file, limits);
}

// "RULE@location" of every finding, so a failure prints what was found.
std::string rules_of(const ingest::FlowContent& flow) {
  std::string out;
  for (const auto& f : flow.findings) {
    if (!out.empty()) out += "; ";
    out += f.rule + "@" + f.location;
    if (f.severity == model::Severity::warning) out += "(warning)";
  }
  return out;
}

// Refused as unsafe with no document handed on, the finding located at `location`.
void check_unsafe(const ingest::FlowContent& flow, const std::string& location) {
  BOOST_TEST(rules_of(flow) == "FLOW-UNSAFE-ARCHIVE@" + location);
  BOOST_TEST(flow.documents.empty());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(zip_flow)

BOOST_AUTO_TEST_CASE(three_invoices_are_three_documents_with_their_own_formats) {
  const auto flow = open_zip({{"factures/", ""},
                              {"factures/ubl.xml", kUbl},
                              {"factures/cii.xml", kCii},
                              {"avoir.xml", kCreditNote}});
  BOOST_TEST(rules_of(flow) == "");
  BOOST_TEST(flow.syntax_code == "IN_DP_E1_ZIP");
  BOOST_REQUIRE(flow.documents.size() == 3u);
  BOOST_TEST(flow.documents[0].name == "factures/ubl.xml");
  BOOST_TEST(flow.documents[0].format == Format::ubl_invoice);
  BOOST_TEST(flow.documents[0].bytes == kUbl);
  BOOST_TEST(flow.documents[1].name == "factures/cii.xml");
  BOOST_TEST(flow.documents[1].format == Format::cii);
  BOOST_TEST(flow.documents[1].bytes == kCii);
  BOOST_TEST(flow.documents[2].name == "avoir.xml");
  BOOST_TEST(flow.documents[2].format == Format::ubl_credit_note);
  for (const auto& document : flow.documents) BOOST_TEST(document.attachments.empty());
}

BOOST_AUTO_TEST_CASE(non_ascii_member_names_are_kept) {
  const auto flow = open_zip({{"facture-été.xml", kUbl}, {"reçus/avoir n°7.xml", kCreditNote}});
  BOOST_TEST(rules_of(flow) == "");
  BOOST_REQUIRE(flow.documents.size() == 2u);
  BOOST_TEST(flow.documents[0].name == "facture-été.xml");
  BOOST_TEST(flow.documents[1].name == "reçus/avoir n°7.xml");
}

BOOST_AUTO_TEST_CASE(referenced_attachment_goes_with_that_invoice_only) {
  const auto referencing = ubl_referencing("bon-livraison.pdf");
  const auto flow =
      open_zip({{"a.xml", referencing}, {"b.xml", kCii}, {"pieces/bon-livraison.pdf", kPdf}});
  BOOST_TEST(rules_of(flow) == "");
  BOOST_REQUIRE(flow.documents.size() == 2u);
  BOOST_REQUIRE(flow.documents[0].attachments.size() == 1u);
  BOOST_TEST(flow.documents[0].attachments[0].name == "bon-livraison.pdf");
  BOOST_TEST(flow.documents[0].attachments[0].bytes == kPdf);
  BOOST_TEST(flow.documents[1].attachments.empty());
}

BOOST_AUTO_TEST_CASE(unreferenced_attachment_is_a_warning_and_dropped) {
  // "livraison.pdf" is only part of the name the invoice gives: not a reference.
  const auto flow = open_zip({{"a.xml", ubl_referencing("bon-livraison.pdf")},
                              {"livraison.pdf", kPdf},
                              {"export.csv", "numero;montant\n1;2\n"}});
  BOOST_TEST(rules_of(flow) ==
             "FLOW-ATTACHMENT-UNREFERENCED@livraison.pdf(warning); "
             "FLOW-ATTACHMENT-UNREFERENCED@export.csv(warning)");
  BOOST_REQUIRE(flow.documents.size() == 1u);
  BOOST_TEST(flow.documents[0].attachments.empty());
}

BOOST_AUTO_TEST_CASE(parent_folder_in_a_name_is_unsafe) {
  check_unsafe(open_zip({{"ok.xml", kUbl}, {"../x.xml", kCii}}), "../x.xml");
  check_unsafe(open_zip({{"a/../../x.xml", kCii}}), "a/../../x.xml");
}

BOOST_AUTO_TEST_CASE(absolute_backslash_and_drive_names_are_unsafe) {
  check_unsafe(open_zip({{"/etc/x.xml", kCii}}), "/etc/x.xml");
  // libarchive reads '\\' as a folder separator: the '..' is then seen.
  check_unsafe(open_zip({{"..\\x.xml", kCii}}), "../x.xml");
  check_unsafe(open_zip({{"C:/x.xml", kCii}}), "C:/x.xml");
}

BOOST_AUTO_TEST_CASE(too_many_members_is_unsafe) {
  ingest::Limits limits;
  limits.max_archive_members = 2;
  check_unsafe(open_zip({{"a.xml", kUbl}, {"b.xml", kCii}, {"c.xml", kCreditNote}}, limits),
               "lot.zip");
  BOOST_TEST(open_zip({{"a.xml", kUbl}, {"b.xml", kCii}}, limits).documents.size() == 2u);
}

BOOST_AUTO_TEST_CASE(zip_bomb_is_stopped_by_the_compression_ratio) {
  // 50 MB of zeros deflate to about 50 KB: a ratio near 1000, far above the default 200.
  const auto flow = open_zip({{"a.xml", kUbl}, {"zeros.bin", std::string(50u << 20, '\0')}});
  check_unsafe(flow, "zeros.bin");
  BOOST_REQUIRE(!flow.findings.empty());
  BOOST_TEST(flow.findings[0].message.find("max_compression_ratio") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bomb_among_incompressible_members_is_stopped_by_its_own_ratio) {
  // 4 MB of noise keep the archive's overall ratio near 5:1; the zeros alone are ~1000:1.
  std::mt19937 random(42);
  std::string noise(4u << 20, '\0');
  for (char& c : noise) c = static_cast<char>(random());
  const auto flow = open_zip(
      {{"a.xml", kUbl}, {"noise.bin", noise}, {"zeros.bin", std::string(20u << 20, '\0')}});
  check_unsafe(flow, "zeros.bin");
  BOOST_REQUIRE(!flow.findings.empty());
  BOOST_TEST(flow.findings[0].message.starts_with("the member inflates"));
}

BOOST_AUTO_TEST_CASE(many_small_bombs_are_stopped_by_the_archive_ratio) {
  // Each member stays under the 1 MiB a single member's ratio needs; together they do not.
  std::vector<Member> members{{"a.xml", kUbl}};
  for (int i = 0; i < 30; ++i)
    members.push_back({"zeros-" + std::to_string(i) + ".bin", std::string(1000000, '\0')});
  const auto flow = open_zip(members);
  BOOST_REQUIRE(!flow.findings.empty());
  BOOST_TEST(flow.findings[0].rule == "FLOW-UNSAFE-ARCHIVE");
  BOOST_TEST(flow.findings[0].message.starts_with("the archive inflates"));
  BOOST_TEST(flow.documents.empty());
}

BOOST_AUTO_TEST_CASE(total_unpacked_bytes_are_limited) {
  ingest::Limits limits;
  limits.max_unpacked_bytes = kUbl.size() + kCii.size() / 2;
  const auto flow = open_zip({{"a.xml", kUbl}, {"b.xml", kCii}}, limits);
  check_unsafe(flow, "b.xml");
  BOOST_REQUIRE(!flow.findings.empty());
  BOOST_TEST(flow.findings[0].message.find("max_unpacked_bytes") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(nested_zip_is_unsafe) {
  TempDir dir;
  write_zip(dir / "inner.zip", {{"b.xml", kCii}});
  check_unsafe(
      open_zip({{"a.xml", kUbl}, {"inner.zip", ingest_test::read_bytes(dir / "inner.zip")}}),
      "inner.zip");
}

BOOST_AUTO_TEST_CASE(symlink_member_is_unsafe) {
  check_unsafe(open_zip({{"a.xml", kUbl}, {"link.xml", "/etc/passwd", true}}), "link.xml");
}

BOOST_AUTO_TEST_CASE(duplicate_names_are_unsafe) {
  check_unsafe(open_zip({{"a.xml", kUbl}, {"a.xml", kCii}}), "a.xml");
  check_unsafe(open_zip({{"a.xml", kUbl}, {"A.XML", kCii}}), "A.XML");  // one file on NTFS
}

BOOST_AUTO_TEST_CASE(encrypted_member_is_unsafe) {
  check_unsafe(open_zip({{"a.xml", kUbl}}, {}, "secret"), "a.xml");
}

BOOST_AUTO_TEST_CASE(truncated_zip_is_malformed) {
  ZipFlow flow;
  write_zip(flow.file, {{"a.xml", kUbl}, {"b.xml", kCii}, {"c.xml", kCreditNote}});
  fs::resize_file(flow.file, fs::file_size(flow.file) / 2);
  const auto content = ingest::open_flow(flow.file, {});
  BOOST_TEST(content.syntax_code == "IN_DP_E1_ZIP");
  BOOST_TEST(rules_of(content).starts_with("FLOW-MALFORMED-ARCHIVE@"));
  BOOST_TEST(content.documents.empty());
}

BOOST_AUTO_TEST_CASE(garbage_after_the_zip_magic_is_malformed) {
  ZipFlow flow;
  ingest_test::write_file(flow.file, std::string("PK\x03\x04", 4) + std::string(300, 'x'));
  const auto content = ingest::open_flow(flow.file, {});
  BOOST_TEST(rules_of(content) == "FLOW-MALFORMED-ARCHIVE@lot.zip");
}

BOOST_AUTO_TEST_CASE(malformed_xml_member_refuses_the_flow) {
  const auto flow = open_zip({{"a.xml", kUbl}, {"b.xml", kCii.substr(0, 200)}});
  BOOST_TEST(rules_of(flow) == "FLOW-MALFORMED-XML@b.xml");
  BOOST_TEST(flow.documents.empty());
}

BOOST_AUTO_TEST_CASE(doctype_or_unknown_xml_member_refuses_the_flow) {
  const auto flow = open_zip({{"a.xml",
                               "<!DOCTYPE Invoice SYSTEM 'http://example.invalid/x.dtd'>"
                               "<Invoice/>"},
                              {"b.xml", "<Order xmlns='urn:example:order'/>"},
                              {"c.xml", kCii}});
  BOOST_TEST(rules_of(flow) == "FLOW-UNSAFE-XML@a.xml; FLOW-UNKNOWN-FORMAT@b.xml");
  BOOST_TEST(flow.documents.empty());
}

BOOST_AUTO_TEST_CASE(archive_without_invoice_is_unknown_format) {
  const auto only_pdf = open_zip({{"facture.pdf", kPdf}});
  BOOST_TEST(rules_of(only_pdf) ==
             "FLOW-UNKNOWN-FORMAT@lot.zip; FLOW-ATTACHMENT-UNREFERENCED@facture.pdf(warning)");
  const auto empty = open_zip({});
  BOOST_TEST(rules_of(empty) == "FLOW-UNKNOWN-FORMAT@lot.zip");
  BOOST_REQUIRE(!empty.findings.empty());
  BOOST_TEST(empty.findings[0].message == "the archive holds no invoice");
}

BOOST_AUTO_TEST_CASE(more_invoices_than_the_limit_refuses_the_flow) {
  ingest::Limits limits;
  limits.max_invoices_per_flow = 2;
  const auto flow = open_zip({{"a.xml", kUbl}, {"b.xml", kCii}, {"c.xml", kCreditNote}}, limits);
  BOOST_TEST(rules_of(flow) == "FLOW-TOO-MANY-INVOICES@lot.zip");
  BOOST_TEST(flow.documents.empty());
}

BOOST_AUTO_TEST_SUITE_END()
