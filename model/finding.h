#pragma once

#include <string>
#include <string_view>

namespace model {

enum class Severity { fatal, warning };

std::string_view to_string(Severity s);

// One coded problem: every rejection in fluxd is one of these, never free text.
struct Finding {
  std::string rule;  // official or fluxd rule id: "BR-CO-15", "FR-SERVICE-REQUIRED", "FLOW-…"
  Severity severity = Severity::fatal;
  std::string
      location;  // BT number and/or XPath-like path, e.g. "BT-10 /Invoice/cbc:BuyerReference"
  std::string message;

  friend bool operator==(const Finding&, const Finding&) = default;
};

}  // namespace model
