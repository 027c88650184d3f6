// GTIN (Global Trade Item Number): GTIN-8 (EAN-8), GTIN-12 (UPC-A), GTIN-13
// (EAN-13, ISBN-13) and GTIN-14, GS1 General Specifications section 7.9.
//
//   CheckGtin("4006381333931")   -> valid, gtin13, normalized "04006381333931"
//   CheckGtin("036000291452")    -> valid, gtin12, normalized "00036000291452"
//   CheckGtin("0036000291452")   -> valid, gtin13, normalized "00036000291452"
//   CheckGtin("4006381333932")   -> gtin13, invalid, "check digit should be 1"
//   CheckGtin("40063813339")     -> kUnknown (11 digits)
//
// Format (decides the scheme, by digit count): 8, 12, 13 or 14 ASCII digits
// after stripping separators. Validity: the last digit is the mod-10 check
// digit, weighting the other digits 3, 1, 3, ... from the right; and the
// number is not all zeros (a common placeholder that passes the check).
//
// `normalized` is always 14 digits, left-padded with zeros, so the same item
// written as UPC-A, EAN-13 or GTIN-14 compares equal. Compare GTINs on
// `normalized`, not on `scheme`, which only records the written length.
//
// Not checked: GS1 prefix ranges. Restricted-circulation numbers (prefixes
// 02, 04 and 2 in GTIN-13; 0 and 2 in GTIN-8) are valid here but are only
// unique within one company or market, so the engine should not treat them
// as global evidence.
//
// Pure; thread-safe; one pass over the text.
#ifndef MDM_MATCHING_IDENTIFIERS_GTIN_H_
#define MDM_MATCHING_IDENTIFIERS_GTIN_H_

#include "absl/strings/string_view.h"
#include "matching/identifiers/identifier.h"

namespace mdm::matching {

IdentifierCheck CheckGtin(absl::string_view text);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_IDENTIFIERS_GTIN_H_
