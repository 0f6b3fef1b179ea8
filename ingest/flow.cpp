// open_flow: size check, then by content: a ZIP batch (archive.cpp), a Factur-X PDF
// (facturx.cpp) or one plain XML invoice. Every problem with the flow itself is a FLOW-… finding.

#include <fstream>
#include <system_error>

#include "ingest/ingest.h"
#include "ingest/unpack.h"
#include "ingest/xml_lockdown.h"
#include "model/durable.h"

namespace ingest {

namespace detail {

bool is_zip(std::string_view head) {
  return head.starts_with("PK\x03\x04") || head.starts_with("PK\x05\x06");
}

bool is_pdf(std::string_view head) {
  return head.starts_with("%PDF-");
}

model::Finding refusal(std::string rule, std::string location, std::string message) {
  return model::Finding{std::move(rule), model::Severity::fatal, std::move(location),
                        std::move(message)};
}

std::optional<model::Finding> xml_refusal(const Detection& detection, const std::string& location) {
  switch (detection.format) {
    case Format::ubl_invoice:
    case Format::ubl_credit_note:
    case Format::cii:
      return std::nullopt;
    case Format::unknown:
      return refusal("FLOW-UNKNOWN-FORMAT", location,
                     "not a UBL 2.1 Invoice/CreditNote nor a CII D16B CrossIndustryInvoice");
    case Format::malformed:
      break;
  }
  return refusal(detection.unsafe ? "FLOW-UNSAFE-XML" : "FLOW-MALFORMED-XML", location,
                 detection.problem);
}

}  // namespace detail

namespace {

// The first bytes of the file, enough to recognise a container; nullopt when unreadable.
std::optional<std::string> read_head(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string head(8, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  if (in.bad()) return std::nullopt;
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

}  // namespace

FlowContent open_flow(const std::filesystem::path& file, const Limits& limits) {
  using detail::refusal;
  FlowContent flow;
  // Reports name the flow as the partner did, not by its claimed work name.
  const std::string name = original_name_of(file);

  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) {
    flow.findings.push_back(
        refusal("FLOW-UNREADABLE", name, "cannot read the flow: " + ec.message()));
    return flow;
  }
  if (size > limits.max_flow_bytes) {
    flow.findings.push_back(refusal("FLOW-TOO-LARGE", name,
                                    "the flow has " + std::to_string(size) +
                                        " bytes, more than the limit of " +
                                        std::to_string(limits.max_flow_bytes)));
    return flow;
  }
  // A ZIP is streamed member by member, never read whole.
  const auto head = read_head(file);
  if (head && detail::is_zip(*head)) return detail::open_zip(file, name, size, limits);

  auto bytes = model::read_file(file);
  if (!bytes) {
    flow.findings.push_back(
        refusal("FLOW-UNREADABLE", name, "cannot read the flow: " + bytes.error().message));
    return flow;
  }
  if (bytes->empty()) {
    flow.findings.push_back(refusal("FLOW-UNKNOWN-FORMAT", name, "the flow is empty"));
    return flow;
  }
  if (detail::is_pdf(*bytes)) return detail::open_facturx(std::move(*bytes), name, limits);

  const auto detection = detail::detect(*bytes);
  if (auto problem = detail::xml_refusal(detection, name)) {
    flow.findings.push_back(std::move(*problem));
    return flow;
  }
  flow.syntax_code = model::syntax_code(
      detection.format == Format::cii ? model::Syntax::cii : model::Syntax::ubl_invoice);
  flow.documents.push_back(Document{name, std::move(*bytes), detection.format});
  return flow;
}

}  // namespace ingest
