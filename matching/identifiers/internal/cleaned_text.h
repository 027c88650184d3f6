// Separator stripping shared by every identifier checker.
//
//   CleanIdentifierText("１２-3456789").text   == "123456789"
//   CleanIdentifierText("１２-3456789").groups == {2, 7}
//
// Implementation detail of mdm::matching_identifiers; not for use elsewhere.
#ifndef MDM_MATCHING_IDENTIFIERS_INTERNAL_CLEANED_TEXT_H_
#define MDM_MATCHING_IDENTIFIERS_INTERNAL_CLEANED_TEXT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace mdm::matching::identifiers_internal {

struct CleanedText {
  // See NormalizeIdentifier in identifier.h.
  std::string text;
  // Byte lengths, in `text`, of the runs between separators in the input:
  // "123-45-6789" gives {3, 2, 4}; runs of separators count once.
  std::vector<int> groups;
};

CleanedText CleanIdentifierText(absl::string_view text);

// True when `s` is non-empty and every byte is an ASCII digit.
bool IsDigits(absl::string_view s);

// True when `s` is non-empty and every byte is 0-9 or A-Z.
bool IsUpperAlnum(absl::string_view s);

}  // namespace mdm::matching::identifiers_internal

#endif  // MDM_MATCHING_IDENTIFIERS_INTERNAL_CLEANED_TEXT_H_
