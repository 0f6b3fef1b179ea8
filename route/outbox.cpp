#include <algorithm>
#include <cctype>
#include <cstdint>

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
  bool altered = false;  // a character replaced or the part shortened
  std::size_t start = 0;
  while (true) {
    auto bar = invoice_key.find('|', start);
    if (!name.empty()) name += "__";
    const auto part = invoice_key.substr(start, bar - start);
    const auto safe = safe_path_component(part);
    altered = altered || safe != part;
    name += safe;
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  if (altered) {
    // Keys that differ only where characters were replaced or cut ("Müller"/"Möller", "F/1" and
    // "F_1") would share one file, and the second invoice would overwrite the first at its
    // recipient: such a name ends with a hash of the whole key (FNV-1a, 64 bits), and is kept
    // short enough for "<name>.<attachment>" to fit a file name.
    std::uint64_t hash = 0xcbf29ce484222325u;
    for (const unsigned char c : invoice_key) hash = (hash ^ c) * 0x100000001b3u;
    static constexpr char kHex[] = "0123456789abcdef";
    name.resize(std::min<std::size_t>(name.size(), 60));
    name += "__";
    for (int shift = 60; shift >= 0; shift -= 4) name += kHex[(hash >> shift) & 0xf];
  }
  return name + ".xml";
}

}  // namespace route
