#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace model {

// 14 digits with a valid Luhn check digit; La Poste's SIRETs (SIREN 356000000) are checked
// by the sum of their digits being a multiple of 5 instead.
bool is_valid_siret(std::string_view siret);

// Luhn check over an all-digit string (false on any non-digit or empty input).
bool luhn_ok(std::string_view digits);

// An account identifier written as an IBAN: two letters then two digits (ISO 13616). BT-84
// may also hold a proprietary account id, which is not checked.
bool looks_like_iban(std::string_view account);

// Why an IBAN is invalid ("length", "check digits", "RIB key", …), or nullopt when valid:
// ISO 13616 mod-97; for FR and MC also the 27-character length and the French RIB key of the
// BBAN (bank 5, branch 5, account 11, key 2).
std::optional<std::string> iban_problem(std::string_view iban);

// ISO 9362 BIC: 4 letters (bank), 2 letters (country), 2 letters or digits (location),
// optionally 3 letters or digits (branch).
bool is_valid_bic(std::string_view bic);

// An SSH host key pin as `ssh-keygen -l -E sha256` prints it ("SHA256:" prefix and "="
// padding accepted) reduced to its 43 base64 characters; "" when malformed.
std::string normalised_host_key_pin(std::string pin);

}  // namespace model
