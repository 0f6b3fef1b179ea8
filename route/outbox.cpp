#include <cctype>

#include "model/durable.h"
#include "route/route.h"

namespace route {

Destination decide_route(const model::Invoice& invoice) {
  return Destination{model::siret_of(invoice.buyer).value,
                     invoice.buyer_reference.empty() ? "_" : invoice.buyer_reference};
}

std::string safe_path_component(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    const bool kept = std::isalnum(c) || c == '-' || c == '_' || (c == '.' && !out.empty());
    out.push_back(kept ? static_cast<char>(c) : '_');
  }
  if (out.empty()) out = "_";
  return out.substr(0, 120);
}

std::string routed_file_name(std::string_view invoice_key) {
  std::string name;
  std::size_t start = 0;
  while (true) {
    auto bar = invoice_key.find('|', start);
    if (!name.empty()) name += "__";
    name += safe_path_component(invoice_key.substr(start, bar - start));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return name + ".xml";
}

}  // namespace route
