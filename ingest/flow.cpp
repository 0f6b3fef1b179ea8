// open_flow: size check, read, detect. Every problem with the flow itself is a FLOW-… finding.

#include <system_error>

#include "ingest/ingest.h"
#include "ingest/xml_lockdown.h"
#include "model/durable.h"

namespace ingest {

namespace {
model::Finding refusal(std::string rule, std::string location, std::string message) {
  return model::Finding{std::move(rule), model::Severity::fatal, std::move(location),
                        std::move(message)};
}
}  // namespace

FlowContent open_flow(const std::filesystem::path& file, const Limits& limits) {
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

  const auto detection = detail::detect(*bytes);
  switch (detection.format) {
    case Format::ubl_invoice:
    case Format::ubl_credit_note:
      flow.syntax_code = model::syntax_code(model::Syntax::ubl_invoice);
      break;
    case Format::cii:
      flow.syntax_code = model::syntax_code(model::Syntax::cii);
      break;
    case Format::unknown:
      flow.findings.push_back(refusal("FLOW-UNKNOWN-FORMAT", name,
                                      "not a UBL 2.1 Invoice/CreditNote nor a CII D16B "
                                      "CrossIndustryInvoice"));
      return flow;
    case Format::malformed:
      flow.findings.push_back(refusal(detection.unsafe ? "FLOW-UNSAFE-XML" : "FLOW-MALFORMED-XML",
                                      name, detection.problem));
      return flow;
  }
  flow.documents.push_back(Document{name, std::move(*bytes), detection.format});
  return flow;
}

}  // namespace ingest
