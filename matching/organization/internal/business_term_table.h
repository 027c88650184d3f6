// The raw business-term table behind business_terms.h, exposed for its
// consistency tests. Not for use outside matching/organization/.
#ifndef MDM_MATCHING_ORGANIZATION_INTERNAL_BUSINESS_TERM_TABLE_H_
#define MDM_MATCHING_ORGANIZATION_INTERNAL_BUSINESS_TERM_TABLE_H_

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace mdm::matching::internal {

struct BusinessTermEntry {
  // One canonical token, or a few separated by single spaces.
  absl::string_view canonical;
  // Surface forms separated by single spaces; each form is one word (Latin,
  // lower case) or one run of Han, kana or Hangul characters.
  absl::string_view forms;
};

absl::Span<const BusinessTermEntry> BusinessTermTable();

}  // namespace mdm::matching::internal

#endif  // MDM_MATCHING_ORGANIZATION_INTERNAL_BUSINESS_TERM_TABLE_H_
