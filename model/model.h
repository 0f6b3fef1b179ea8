// model/ — the data every stage shares. Depends on nothing else in fluxd.
//
// Contract:
//  - Invoice holds EN 16931 business terms by their BT number; an absent term is an
//    empty string / empty optional, never a made-up default.
//  - Amounts are Decimal (exact, no binary floating point).
//  - Finding is the only way any stage reports a problem with a flow or an invoice.
//  - Status enums carry the Chorus-style codes of DOMAIN.md as their text form.
//  - Referential is an in-memory, read-only index of structures and services; loading it
//    from files is route/'s job.
#pragma once

#include "model/decimal.h"
#include "model/finding.h"
#include "model/identifiers.h"
#include "model/invoice.h"
#include "model/referential.h"
#include "model/result.h"
#include "model/status.h"
