// 公民身份号码 on the 居民身份证 (Chinese resident identity card),
// GB 11643-1999.
//
//   CheckChinaResidentId("11010519491231002X")  -> valid, cn_resident_id
//   CheckChinaResidentId("11010519491231002x")  -> same (upper-cased)
//   CheckChinaResidentId("110105194912310021")  -> invalid,
//                                                  "check digit should be X"
//   CheckChinaResidentId("110105194902300020")  -> invalid (no 30 February)
//   CheckChinaResidentId("110105491231002")     -> cn_resident_id, NOT valid,
//       normalized "11010519491231002X", "15-digit form has no check digit"
//
// 18-character form: 6-digit address code, birth date YYYYMMDD, 3-digit
// sequence (odd for men), check character. Format (decides scheme
// kChinaResidentId): 17 digits then a digit or X. Validity, in addition:
//  - ISO 7064 MOD 11-2: weights 2^(17-i) mod 11 (7, 9, 10, 5, 8, 4, 2, 1, 6,
//    3, 7, 9, 10, 5, 8, 4, 2); check = (12 - sum mod 11) mod 11, 10 is X;
//  - the birth date is a real date in the years 1900 to 2100 inclusive;
//  - the first two digits are a province-level code: 11-15, 21-23, 31-37,
//    41-46, 50-54, 61-65, or 71, 81, 82, 83 (Taiwan, Hong Kong, Macao
//    residence permits use the same layout).
//
// The old 15-digit form (address code, YYMMDD in the 1900s, 3-digit
// sequence, no check digit) matches the format too. Its `normalized` is the
// 18-character form it was officially upgraded to (19 inserted before the
// year, check character computed), so it compares equal to the same
// person's 18-character number. It is never `valid`: without a check digit a
// typo cannot be told from a different person, and a valid identifier is
// strong enough to keep two records apart. `problem` says either that the
// form has no check digit or which rule failed.
//
// Pure; thread-safe; one pass over the text.
#ifndef MDM_MATCHING_IDENTIFIERS_CHINA_RESIDENT_ID_H_
#define MDM_MATCHING_IDENTIFIERS_CHINA_RESIDENT_ID_H_

#include "absl/strings/string_view.h"
#include "matching/identifiers/identifier.h"

namespace mdm::matching {

IdentifierCheck CheckChinaResidentId(absl::string_view text);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_IDENTIFIERS_CHINA_RESIDENT_ID_H_
