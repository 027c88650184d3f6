// The command a mistyped one was probably meant to be, as git and kubectl
// suggest it ("did you mean import?").
//
//   ClosestName("imprt", {"import", "export", "get"});   // "import"
//   ClosestName("xyz", {"import", "export", "get"});     // ""
//
// A name is close when typed is a prefix of it (at least two characters), or
// it is at most two edits away (insert, delete, substitute, swap two
// neighbours), fewer than typed has characters. Cost: O(|typed| * |name|)
// per name.
#ifndef MDM_TOOLS_MDMCTL_SUGGEST_H_
#define MDM_TOOLS_MDMCTL_SUGGEST_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace mdm::cli {

// The closest of `names` to `typed`, or "" when none is close. Ties go to the
// earlier name.
std::string ClosestName(absl::string_view typed,
                        const std::vector<std::string>& names);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_SUGGEST_H_
