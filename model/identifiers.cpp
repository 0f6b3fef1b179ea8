#include "model/identifiers.h"

#include <cctype>
#include <cstdint>

namespace model {

bool luhn_ok(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (*it < '0' || *it > '9') return false;
    int d = *it - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

bool is_valid_siret(std::string_view siret) {
  if (siret.size() != 14) return false;
  for (char c : siret)
    if (c < '0' || c > '9') return false;
  if (siret.substr(0, 9) == "356000000") {
    int sum = 0;
    for (char c : siret) sum += c - '0';
    return sum % 5 == 0;
  }
  return luhn_ok(siret);
}

namespace {

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
  return is_upper(c) || is_digit(c);
}

// The RIB's letter-to-digit table: A/J → 1, B/K/S → 2, … I/R/Z → 9.
int rib_digit(char c) {
  if (is_digit(c)) return c - '0';
  static constexpr int kValue[26] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4,
                                     5, 6, 7, 8, 9, 2, 3, 4, 5, 6, 7, 8, 9};
  return kValue[c - 'A'];
}

std::int64_t rib_number(std::string_view part) {
  std::int64_t n = 0;
  for (char c : part) n = n * 10 + rib_digit(c);
  return n;
}

}  // namespace

bool looks_like_iban(std::string_view account) {
  return account.size() >= 4 && is_upper(account[0]) && is_upper(account[1]) &&
         is_digit(account[2]) && is_digit(account[3]);
}

std::optional<std::string> iban_problem(std::string_view iban) {
  if (!looks_like_iban(iban)) return "does not start with a country code and check digits";
  if (iban.size() < 15 || iban.size() > 34) return "length " + std::to_string(iban.size());
  for (char c : iban)
    if (!is_alnum(c)) return "contains characters other than A-Z and 0-9";
  const auto country = iban.substr(0, 2);
  const bool french = country == "FR" || country == "MC";
  if (french && iban.size() != 27) return "length " + std::to_string(iban.size()) + ", not 27";
  // Country code and check digits moved to the end, letters as 10..35, remainder must be 1.
  int remainder = 0;
  auto feed = [&remainder](char c) {
    if (is_digit(c)) {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else {
      remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
    }
  };
  for (char c : iban.substr(4)) feed(c);
  for (char c : iban.substr(0, 4)) feed(c);
  if (remainder != 1) return "check digits do not match (mod 97)";
  if (french) {
    const auto bban = iban.substr(4);
    const std::int64_t sum = 89 * rib_number(bban.substr(0, 5)) +
                             15 * rib_number(bban.substr(5, 5)) +
                             3 * rib_number(bban.substr(10, 11));
    const auto key = bban.substr(21, 2);
    if (!is_digit(key[0]) || !is_digit(key[1]) || 97 - sum % 97 != rib_number(key))
      return "RIB key does not match";
  }
  return std::nullopt;
}

bool is_valid_bic(std::string_view bic) {
  if (bic.size() != 8 && bic.size() != 11) return false;
  for (std::size_t i = 0; i < bic.size(); ++i) {
    const char c = bic[i];
    if (i < 6 ? !is_upper(c) : !is_alnum(c)) return false;
  }
  return true;
}

std::string normalised_host_key_pin(std::string pin) {
  if (pin.starts_with("SHA256:")) pin.erase(0, 7);
  while (!pin.empty() && pin.back() == '=') pin.pop_back();
  if (pin.size() != 43) return "";
  for (unsigned char c : pin) {
    if (!std::isalnum(c) && c != '+' && c != '/') return "";
  }
  return pin;
}

}  // namespace model
