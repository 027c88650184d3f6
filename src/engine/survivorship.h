// Survivorship: the golden record's attribute values chosen from its members.
//
//   std::vector<storage::GoldenValue> golden = SurviveAttributes(members);
//
// Rule (the only one so far, "most_recent"): for each attribute, the value of
// the member updated last; ties go to the member created last. Each value
// carries its lineage: the member's key and the rule. The result is sorted by
// attribute name. Pure; thread-safe.
#ifndef MDM_SRC_ENGINE_SURVIVORSHIP_H_
#define MDM_SRC_ENGINE_SURVIVORSHIP_H_

#include <vector>

#include "absl/types/span.h"
#include "storage/rows.h"

namespace mdm::engine {

std::vector<storage::GoldenValue> SurviveAttributes(
    absl::Span<const storage::RecordRow* const> members);

}  // namespace mdm::engine

#endif  // MDM_SRC_ENGINE_SURVIVORSHIP_H_
