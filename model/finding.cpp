#include "model/finding.h"

namespace model {

std::string_view to_string(Severity s) {
  return s == Severity::fatal ? "fatal" : "warning";
}

}  // namespace model
