// Per-country rules for EU VAT numbers; see eu_vat.h for the table of what
// each country checks.
//
//   CheckVatNationalPart("DE", "136695976")  -> {format_ok, "136695976", ""}
//   CheckVatNationalPart("BE", "428759497")  -> {format_ok, "0428759497", ""}
//   CheckVatNationalPart("DE", "13669597")   -> {!format_ok, problem set}
//
// Implementation detail of mdm::matching_identifiers; not for use elsewhere.
#ifndef MDM_MATCHING_IDENTIFIERS_INTERNAL_EU_VAT_COUNTRIES_H_
#define MDM_MATCHING_IDENTIFIERS_INTERNAL_EU_VAT_COUNTRIES_H_

#include <string>

#include "absl/strings/string_view.h"

namespace mdm::matching::identifiers_internal {

struct VatNationalCheck {
  // The national part has the country's format (length, characters).
  bool format_ok = false;
  // When format_ok, the national part in canonical form (legacy short forms
  // padded, e.g. BE 9 -> 10 digits, EL 8 -> 9, NL 7-8 -> 9 before the B).
  std::string number;
  // Empty when valid; otherwise why the format did not match (format_ok
  // false) or which check failed (format_ok true).
  std::string problem;
};

// True when `country` is one of the VAT prefixes handled here (EL for
// Greece; callers map GR to EL first).
bool IsVatCountry(absl::string_view country);

// `country` is a prefix for which IsVatCountry is true; `number` is the
// cleaned text after the prefix (upper-case, separators stripped).
VatNationalCheck CheckVatNationalPart(absl::string_view country,
                                      absl::string_view number);

}  // namespace mdm::matching::identifiers_internal

#endif  // MDM_MATCHING_IDENTIFIERS_INTERNAL_EU_VAT_COUNTRIES_H_
