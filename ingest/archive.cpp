// ZIP batch flows: streamed member by member with libarchive, every byte counted as it is
// decompressed, so a hostile archive (bomb, traversal, links, nesting, encryption) is refused
// with FLOW-UNSAFE-ARCHIVE before it costs much.

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/unpack.h"

namespace ingest::detail {

namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;

struct ArchiveFree {
  void operator()(archive* reader) const { archive_read_free(reader); }
};
using ArchiveReader = std::unique_ptr<archive, ArchiveFree>;

// Why a member name could reach outside a folder it is unpacked into, or be read differently
// on another system; empty when it is safe. libarchive hands names over as C strings, so a NUL
// cuts the name before it reaches here; other control characters are refused.
std::string unsafe_name_reason(std::string_view name) {
  if (name.empty()) return "an empty name";
  if (name.front() == '/') return "an absolute path";
  if (name.size() >= 2 && std::isalpha(static_cast<unsigned char>(name[0])) && name[1] == ':')
    return "a drive letter";
  for (const char c : name) {
    if (c == '\\') return "a backslash";
    if (static_cast<unsigned char>(c) < 0x20) return "a control character";
  }
  for (std::size_t start = 0; start <= name.size();) {
    const auto end = std::min(name.find('/', start), name.size());
    if (name.substr(start, end - start) == "..") return "a '..' component";
    start = end + 1;
  }
  return {};
}

// Case-folded, so that A.xml and a.xml, which one file system would merge, count as one name.
std::string folded(std::string_view name) {
  std::string out(name);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view plain_file_name(std::string_view member_name) {
  const auto slash = member_name.rfind('/');
  return slash == std::string_view::npos ? member_name : member_name.substr(slash + 1);
}

bool is_file_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
}

// The invoice names the file: "a.pdf" found as a whole word (after a quote, '>', '/', space…),
// so that it is not found inside "invoice-a.pdf".
bool references(std::string_view document, std::string_view file_name) {
  for (auto at = document.find(file_name); at != std::string_view::npos;
       at = document.find(file_name, at + 1)) {
    const auto after = at + file_name.size();
    const bool starts_word = at == 0 || !is_file_name_char(document[at - 1]);
    const bool ends_word = after == document.size() || !is_file_name_char(document[after]);
    if (starts_word && ends_word) return true;
  }
  return false;
}

// libarchive converts member names to the thread's locale charset; in the "C" locale a daemon
// runs in, any non-ASCII name (facture-été.xml) would be lost. For the time of one archive the
// thread uses C.UTF-8 (thread-local: other workers are not affected).
class Utf8Names {
 public:
  Utf8Names() : utf8_(newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t{})) {
    if (utf8_) previous_ = uselocale(utf8_);
  }
  ~Utf8Names() {
    if (!utf8_) return;
    uselocale(previous_);
    freelocale(utf8_);
  }
  Utf8Names(const Utf8Names&) = delete;
  Utf8Names& operator=(const Utf8Names&) = delete;

 private:
  locale_t utf8_;
  locale_t previous_ = LC_GLOBAL_LOCALE;
};

struct Member {
  std::string name;  // path inside the archive
  std::string bytes;
};

// One pass over the archive; stops at the first unsafe or damaged member.
class ZipUnpacker {
 public:
  ZipUnpacker(archive* reader, std::string flow_name, std::uintmax_t packed_bytes,
              const Limits& limits)
      : reader_(reader),
        flow_name_(std::move(flow_name)),
        packed_bytes_(packed_bytes),
        limits_(limits) {}

  void run() {
    while (next_member()) {
    }
    // The ratio of the totals needs no final check: read_data judges it after every chunk.
    if (refused_) return;
    if (flow_.documents.empty() && !has_fatal())
      flow_.findings.push_back(
          refusal("FLOW-UNKNOWN-FORMAT", flow_name_, "the archive holds no invoice"));
    attach();
  }

  FlowContent result() && {
    if (has_fatal()) flow_.documents.clear();  // a refused flow hands nothing on
    return std::move(flow_);
  }

 private:
  // Reads the next member; false at the end of the archive or once the flow is refused.
  bool next_member() {
    archive_entry* entry = nullptr;
    const int status = archive_read_next_header(reader_, &entry);
    if (status == ARCHIVE_EOF) return false;
    // ARCHIVE_WARN only says a name could not be converted to the locale; the UTF-8 name is used.
    if (status < ARCHIVE_WARN) return damaged(flow_name_);
    if (++members_ > limits_.max_archive_members)
      return unsafe(flow_name_, "the archive has more than " +
                                    std::to_string(limits_.max_archive_members) +
                                    " members (max_archive_members)");
    const char* utf8_name = archive_entry_pathname_utf8(entry);
    const char* raw_name = utf8_name ? utf8_name : archive_entry_pathname(entry);
    if (raw_name == nullptr)
      return unsafe(flow_name_, "a member name cannot be decoded (neither UTF-8 nor CP437)");
    Member member{raw_name, {}};
    if (const auto reason = unsafe_name_reason(member.name); !reason.empty())
      return unsafe(member.name.empty() ? flow_name_ : member.name,  // a finding has a place
                    "unsafe member name: " + reason);
    if (!seen_names_.insert(folded(member.name)).second)
      return unsafe(member.name, "two members are named " + member.name);
    if (archive_entry_hardlink(entry) != nullptr)
      return unsafe(member.name, "a hard link member is refused");
    const auto type = archive_entry_filetype(entry);
    if (type == AE_IFDIR) return true;  // folders carry nothing
    if (type == AE_IFLNK) return unsafe(member.name, "a symbolic link member is refused");
    if (type != AE_IFREG)
      return unsafe(member.name, "a special file member (device, FIFO, socket) is refused");
    if (archive_entry_is_encrypted(entry))
      return unsafe(member.name, "an encrypted member is refused");
    if (!read_data(member)) return false;
    if (is_zip(member.bytes))
      return unsafe(member.name, "a ZIP inside the ZIP: nested archives are refused");
    return keep(std::move(member));
  }

  bool read_data(Member& member) {
    const auto packed_at_start = archive_filter_bytes(reader_, -1);
    std::uintmax_t unpacked = 0;
    std::array<char, kChunkBytes> chunk;
    for (;;) {
      const auto got = archive_read_data(reader_, chunk.data(), chunk.size());
      if (got < 0) return damaged(member.name);
      if (got == 0) return true;
      const auto size = static_cast<std::size_t>(got);
      unpacked += size;
      total_unpacked_ += size;
      if (total_unpacked_ > limits_.max_unpacked_bytes)
        return unsafe(member.name, "more than " + std::to_string(limits_.max_unpacked_bytes) +
                                       " bytes once unpacked (max_unpacked_bytes)");
      // A bomb is stopped as soon as its ratio shows, not once it is all inflated.
      const auto packed = static_cast<std::uintmax_t>(
          std::max<la_int64_t>(archive_filter_bytes(reader_, -1) - packed_at_start, 0));
      if (unpacked > kRatioFloorBytes && exceeds_ratio(unpacked, packed))
        return unsafe(member.name, "the member inflates to more than " +
                                       std::to_string(limits_.max_compression_ratio) + ":1 (" +
                                       std::to_string(unpacked) + " bytes from " +
                                       std::to_string(packed) + "; max_compression_ratio)");
      // Whole archive: the total only grows, so once past the ratio to the file's size it stays.
      if (total_unpacked_ > kRatioFloorBytes && exceeds_ratio(total_unpacked_, packed_bytes_))
        return unsafe(member.name, "the archive inflates to more than " +
                                       std::to_string(limits_.max_compression_ratio) +
                                       ":1 of its " + std::to_string(packed_bytes_) +
                                       " bytes (max_compression_ratio)");
      member.bytes.append(chunk.data(), size);
    }
  }

  // An invoice becomes a document, any other XML refuses the flow, the rest are attachments.
  bool keep(Member member) {
    if (!looks_like_xml(member.bytes)) {
      attachments_.push_back(std::move(member));
      return true;
    }
    const auto detection = detect(member.bytes);
    if (auto problem = xml_refusal(detection, member.name)) {
      flow_.findings.push_back(std::move(*problem));  // the other members are still reported
      return true;
    }
    if (flow_.documents.size() == limits_.max_invoices_per_flow) {
      flow_.findings.push_back(refusal("FLOW-TOO-MANY-INVOICES", flow_name_,
                                       "the archive holds more than " +
                                           std::to_string(limits_.max_invoices_per_flow) +
                                           " invoices (max_invoices_per_flow)"));
      refused_ = true;
      return false;
    }
    flow_.documents.push_back(Document{member.name, std::move(member.bytes), detection.format});
    return true;
  }

  // Each attachment goes with every invoice that names it.
  void attach() {
    std::set<std::string> attachment_names;
    for (auto& attachment : attachments_) {
      const auto name = plain_file_name(attachment.name);
      if (!attachment_names.insert(folded(name)).second) {
        unsafe(attachment.name, "two attachments are named " + std::string(name) +
                                    ": an invoice could not say which one it means");
        return;
      }
      bool referenced = false;
      for (auto& document : flow_.documents) {
        if (!references(document.bytes, name)) continue;
        document.attachments.push_back(Attachment{std::string(name), attachment.bytes});
        referenced = true;
      }
      if (!referenced)
        flow_.findings.push_back(model::Finding{
            "FLOW-ATTACHMENT-UNREFERENCED", model::Severity::warning, attachment.name,
            "no invoice of the archive names " + std::string(name) + "; it is not routed"});
    }
  }

  bool exceeds_ratio(std::uintmax_t unpacked, std::uintmax_t packed) const {
    return unpacked > packed * limits_.max_compression_ratio;
  }

  bool has_fatal() const {
    return std::any_of(flow_.findings.begin(), flow_.findings.end(),
                       [](const auto& f) { return f.severity == model::Severity::fatal; });
  }

  bool unsafe(const std::string& location, std::string message) {
    flow_.findings.push_back(refusal("FLOW-UNSAFE-ARCHIVE", location, std::move(message)));
    refused_ = true;
    return false;
  }

  bool damaged(const std::string& location) {
    const char* why = archive_error_string(reader_);
    flow_.findings.push_back(refusal("FLOW-MALFORMED-ARCHIVE", location,
                                     std::string("damaged ZIP: ") + (why ? why : "unreadable")));
    refused_ = true;
    return false;
  }

  archive* reader_;
  std::string flow_name_;
  std::uintmax_t packed_bytes_;
  const Limits& limits_;
  FlowContent flow_{std::string(kZipSyntax), {}, {}};
  std::vector<Member> attachments_;
  std::set<std::string> seen_names_;
  std::size_t members_ = 0;
  std::uintmax_t total_unpacked_ = 0;
  bool refused_ = false;
};

}  // namespace

FlowContent open_zip(const std::filesystem::path& file, const std::string& flow_name,
                     std::uintmax_t packed_bytes, const Limits& limits) {
  const Utf8Names utf8_names;  // before libarchive first looks at the locale
  ArchiveReader reader(archive_read_new());
  if (!reader) {
    FlowContent flow{std::string(kZipSyntax), {}, {}};
    flow.findings.push_back(refusal("FLOW-UNREADABLE", flow_name, "cannot start libarchive"));
    return flow;
  }
  archive_read_support_format_zip(reader.get());  // and nothing else: no tar, no filters
  ZipUnpacker unpacker(reader.get(), flow_name, packed_bytes, limits);
  if (archive_read_open_filename(reader.get(), file.c_str(), kChunkBytes) != ARCHIVE_OK) {
    const char* why = archive_error_string(reader.get());
    FlowContent flow{std::string(kZipSyntax), {}, {}};
    flow.findings.push_back(refusal("FLOW-MALFORMED-ARCHIVE", flow_name,
                                    std::string("damaged ZIP: ") + (why ? why : "unreadable")));
    return flow;
  }
  unpacker.run();
  return std::move(unpacker).result();
}

}  // namespace ingest::detail
