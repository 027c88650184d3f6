// What keeps two organizations of one group apart: the distinguishing codes
// of an organization name, and when two sets of them conflict.
//
//   OrganizationNameCodes(ParseOrganizationName("腾讯科技（深圳）有限公司"))
//     == {"b:tengxun", "i:technology", "p2:shenzhen"}
//   OrganizationNameCodes(ParseOrganizationName(
//       "Tencent Technology (Beijing) Co., Ltd."))
//     == {"b:tencent", "i:technology", "p2:beijing"}
//   OrganizationNameCodesConflict(shenzhen_codes, beijing_codes) == true
//
// Codes, each at most once, sorted:
//  - "b:BRAND": the core tokens that are not business terms, joined;
//  - "i:TERM": each industry term of the core (business terms other than
//    those of corporate structure or geography: "group", "holding",
//    "international", "china", "center", ...);
//  - "pL:PLACE": the branch's place for a branch, else the name's region, with
//    its level L (0 country, 1 province, 2 city, counting the provincial-level
//    cities and areas 北京, 上海, 天津, 重庆, 香港, 澳门 as cities; "w" for a
//    word before "branch" that is no known region);
//  - "g" when the name says it is a group or holding company;
//  - "k" for a branch;
//  - "q:QUALIFIER": each bracketed qualifier that is no region or legal form
//    ("(Bristol)" -> "q:bristol").
//
// Two names conflict, and so are different legal entities, when
//  - both name a place of one level and the places differ (腾讯科技（深圳）
//    and 腾讯科技（北京）; a branch in Beijing and its parent in Shenzhen), or
//  - they have the same brand and
//    - one is a branch and the other not (Acme Inc. and Acme Inc., Denver
//      Branch), or
//    - both carry bracketed qualifiers, none shared (Acme (Bristol) Ltd and
//      Acme (London) Ltd), or
//    - both name industries, none shared (Vantora Trading and Vantora
//      Logistics; 小米科技 and 小米通讯), or
//    - one is a group or holding company and the other not, and their
//      industries differ (Vantora Holdings and Vantora Media).
// A name that omits its place or its industry conflicts with neither on
// that account.
//
// Pure and thread-safe.
#ifndef MDM_MATCHING_ORGANIZATION_ORGANIZATION_NAME_CODES_H_
#define MDM_MATCHING_ORGANIZATION_ORGANIZATION_NAME_CODES_H_

#include <string>
#include <vector>

#include "absl/types/span.h"
#include "matching/organization/organization_name.h"

namespace mdm::matching {

std::vector<std::string> OrganizationNameCodes(const OrganizationName& name);

bool OrganizationNameCodesConflict(absl::Span<const std::string> a,
                                   absl::Span<const std::string> b);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_ORGANIZATION_ORGANIZATION_NAME_CODES_H_
