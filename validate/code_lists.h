// Private to validate/: the code lists the EN 16931 code-list rules (BR-CL-*) check values
// against, with the code values of the official validation artefacts (version 1.3.16).
#pragma once

#include <string_view>

namespace validate::codes {

enum class List {
  untdid1001_invoice,      // BR-CL-01, UBL cbc:InvoiceTypeCode
  untdid1001_credit_note,  // BR-CL-01, UBL cbc:CreditNoteTypeCode
  iso4217,                 // BR-CL-03/04/05 currencies
  untdid2005_subset,       // BR-CL-06 in UBL: VAT point date code (InvoicePeriod/DescriptionCode)
  untdid2475_subset,       // BR-CL-06 in CII: DueDateTypeCode
  untdid1153,              // BR-CL-07 object identifier scheme
  untdid4451,              // BR-CL-08 note subject code (CII)
  iso6523_icd,             // BR-CL-10/11/21/26 identifier schemes
  untdid7143,              // BR-CL-13 item classification list
  iso3166,                 // BR-CL-14/15 countries (alpha-2, plus 1A and XI)
  untdid4461,              // BR-CL-16 payment means
  untdid5305,              // BR-CL-17/18 VAT categories
  untdid5189,              // BR-CL-19 allowance reasons
  untdid7161,              // BR-CL-20 charge reasons
  vatex,                   // BR-CL-22 VAT exemption reasons
  unece_rec20_21,          // BR-CL-23 units of measure
  mime,                    // BR-CL-24 attachment MIME codes
  cef_eas,                 // BR-CL-25 electronic address schemes
};

// True when `code` is, exactly, a code of the list (no trimming, case-sensitive).
bool contains(List list, std::string_view code);

}  // namespace validate::codes
