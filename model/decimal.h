#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace model {

// An exact decimal as written in an invoice ("229.60" = 22960 × 10^-2). Invoice totals
// must never go through binary floating point.
class Decimal {
 public:
  Decimal() = default;
  Decimal(std::int64_t units, int scale) : units_(units), scale_(scale) {}

  // Accepts [+-]digits[.digits], up to 18 significant digits; nullopt otherwise.
  static std::optional<Decimal> parse(std::string_view text);

  std::int64_t units() const { return units_; }
  int scale() const { return scale_; }
  // Canonical text, keeping the scale it was written with ("229.60", "-3", "0.5").
  std::string to_string() const;

  friend bool operator==(const Decimal& a, const Decimal& b) { return (a <=> b) == 0; }
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);

 private:
  std::int64_t units_ = 0;
  int scale_ = 0;
};

}  // namespace model
