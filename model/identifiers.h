#pragma once

#include <string_view>

namespace model {

// 14 digits with a valid Luhn check digit; La Poste's SIRETs (SIREN 356000000) are checked
// by the sum of their digits being a multiple of 5 instead.
bool is_valid_siret(std::string_view siret);

// Luhn check over an all-digit string (false on any non-digit or empty input).
bool luhn_ok(std::string_view digits);

}  // namespace model
