// 统一社会信用代码 (Unified Social Credit Code), GB 32100-2015: the
// 18-character identifier of every legal entity and other organization in
// mainland China.
//
//   CheckChinaUscc("91350100M000100Y43")  -> valid, cn_uscc
//   CheckChinaUscc("９１３５０１００Ｍ０００１００Ｙ４３")
//                                         -> the same (full-width folded)
//   CheckChinaUscc("91350100M000100Y44")  -> cn_uscc, invalid,
//                                            "check digit should be 3"
//   CheckChinaUscc("91350100M0001O0Y43")  -> kUnknown ('O' is not used)
//
// Layout: position 1 registration authority, 2 organization category, 3-8
// administrative division of the registering authority (GB/T 2260), 9-17 the
// subject identifier (the GB 11714 organization code), 18 the check
// character. The alphabet is 0-9 and A-Z without I, O, S, V and Z.
//
// Format (decides scheme kChinaUscc): 18 characters from that alphabet.
// Validity, in addition:
//  - the check character: with values 0-9, A=10 ... Y=30 (skipping the five
//    unused letters) and weights 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13,
//    8, 24, 10, 30, 28 (3^i mod 31), check = (31 - sum mod 31) mod 31;
//  - registration authority and organization category from the published
//    table: 1 机构编制 {1,2,3,9}, 2 外交 {1,9}, 3 司法行政 {1,2,3,4,5,9},
//    4 文化 {1,9}, 5 民政 {1,2,3,9}, 6 旅游 {1,2,9}, 7 宗教 {1,2,9},
//    8 工会 {1,9}, 9 工商/市场监管 {1,2,3}, A 军队 {1,9}, N 农业 {1,2,3,9},
//    Y 其他 {1};
//  - positions 3-8 are digits whose first two are a province-level code
//    (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82) or 100000 for
//    national-level registration.
// Not checked: the GB 11714 check digit inside positions 9-17 (the USCC
// check character already catches every single-character substitution, and
// some issued codes are reported not to follow GB 11714).
//
// Pure; thread-safe; one pass over the text.
#ifndef MDM_MATCHING_IDENTIFIERS_CHINA_USCC_H_
#define MDM_MATCHING_IDENTIFIERS_CHINA_USCC_H_

#include "absl/strings/string_view.h"
#include "matching/identifiers/identifier.h"

namespace mdm::matching {

IdentifierCheck CheckChinaUscc(absl::string_view text);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_IDENTIFIERS_CHINA_USCC_H_
