// US EIN (Employer Identification Number), assigned by the IRS, written
// XX-XXXXXXX.
//
//   CheckUsEin("12-3456789")  -> valid, us_ein, normalized "123456789"
//   CheckUsEin("07-3456789")  -> us_ein, invalid,
//                                "EIN prefix 07 is not assigned by the IRS"
//   CheckUsEin("12-345678")   -> kUnknown (8 digits)
//
// Format (decides scheme kUsEin): 9 ASCII digits after stripping separators,
// in any grouping (CheckUsEin("123-45-6789") is read as an EIN; only
// ClassifyIdentifier looks at the grouping to tell EIN from SSN).
//
// Validity: the two-digit prefix is one the IRS assigns. The IRS's published
// table "How EINs are assigned and valid EIN prefixes" lists, by campus:
// Andover 10 12; Atlanta 60 67; Austin 50 53; Brookhaven 01-06 11 13 14 16
// 21-23 25 34 51 52 54-59 65; Cincinnati 30 32 35-38 61; Fresno 15 24;
// Kansas City 40 44; Memphis 94 95; Ogden 80 90; Philadelphia 33 39 41-48
// 62-64 66 68 71-77 81-88 91-93 98 99; Internet 20 26 27 45-47 81-88; SBA
// 31. The prefixes never assigned are therefore 00, 07-09, 17-19, 28, 29,
// 49, 69, 70, 78, 79, 89, 96 and 97. (Copies of the table differ on whether
// 45-47 and 81-88 belong to Philadelphia or the Internet; all of them are
// assigned either way.) EINs carry no check digit, so a typo in the last
// seven digits cannot be detected and a valid EIN is weaker evidence than a
// checksummed identifier.
//
// Pure; thread-safe; one pass over the text.
#ifndef MDM_MATCHING_IDENTIFIERS_US_EIN_H_
#define MDM_MATCHING_IDENTIFIERS_US_EIN_H_

#include "absl/strings/string_view.h"
#include "matching/identifiers/identifier.h"

namespace mdm::matching {

IdentifierCheck CheckUsEin(absl::string_view text);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_IDENTIFIERS_US_EIN_H_
