// The raw nickname table behind nicknames.h, exposed for its invariant tests.
// Not for use outside matching/person.
#ifndef MDM_MATCHING_PERSON_INTERNAL_NICKNAME_TABLE_H_
#define MDM_MATCHING_PERSON_INTERNAL_NICKNAME_TABLE_H_

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace mdm::matching::internal {

// One row per nickname: the nickname, then its formal names, most usual
// first, separated by single spaces ("alex alexander alexandra").
absl::Span<const absl::string_view> NicknameTableRows();

}  // namespace mdm::matching::internal

#endif  // MDM_MATCHING_PERSON_INTERNAL_NICKNAME_TABLE_H_
