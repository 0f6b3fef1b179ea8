#include "model/decimal.h"

#include <limits>

namespace model {

namespace {
__extension__ typedef __int128 Wide;  // 18 digits × 10^18 still fits

constexpr int kMaxDigits = 18;  // fits in int64 with room to rescale

std::int64_t pow10(int n) {
  std::int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}
}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' ||
                           text.front() == '\r'))
    text.remove_prefix(1);
  while (!text.empty() &&
         (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' || text.back() == '\r'))
    text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  bool negative = false;
  if (text.front() == '+' || text.front() == '-') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  std::int64_t units = 0;
  int scale = 0, digits = 0;
  bool seen_point = false, seen_digit = false;
  for (char c : text) {
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    seen_digit = true;
    if (units != 0 || c != '0') ++digits;
    if (digits > kMaxDigits) return std::nullopt;
    units = units * 10 + (c - '0');
    if (seen_point) ++scale;
  }
  if (!seen_digit) return std::nullopt;
  return Decimal(negative ? -units : units, scale);
}

std::string Decimal::to_string() const {
  const std::string digits = std::to_string(units_ < 0 ? -units_ : units_);
  const auto scale = static_cast<std::size_t>(scale_);
  std::string out = units_ < 0 ? "-" : "";
  if (scale == 0) return out + digits;
  const std::string padded =
      digits.size() <= scale ? std::string(scale + 1 - digits.size(), '0') + digits : digits;
  out.append(padded, 0, padded.size() - scale);
  out += '.';
  out.append(padded, padded.size() - scale, scale);
  return out;
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
  // Compare at the larger scale; both fit because parse caps significant digits.
  int scale = a.scale_ > b.scale_ ? a.scale_ : b.scale_;
  const Wide x = static_cast<Wide>(a.units_) * pow10(scale - a.scale_);
  const Wide y = static_cast<Wide>(b.units_) * pow10(scale - b.scale_);
  return x <=> y;
}

}  // namespace model
