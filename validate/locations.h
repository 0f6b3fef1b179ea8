#pragma once

#include <string>
#include <string_view>

#include "model/invoice.h"

namespace validate {

// "BT-10 /Invoice/cbc:BuyerReference": a business term and where it sits in the invoice's own
// syntax (XPath-like), for findings. Unknown terms give the term alone.
std::string location_of(std::string_view term, model::Syntax syntax);

}  // namespace validate
