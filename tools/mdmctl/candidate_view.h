// A review candidate printed for a steward: both records side by side with
// differing values marked, their golden records, and the explanation.
//
//   PrintCandidate(response, /*color=*/isatty(STDOUT_FILENO), std::cout);
//
// With `color`, rows whose values differ are highlighted with ANSI colors;
// without, they are marked with '*' in the first column.
#ifndef MDM_TOOLS_MDMCTL_CANDIDATE_VIEW_H_
#define MDM_TOOLS_MDMCTL_CANDIDATE_VIEW_H_

#include <ostream>

#include "mdm/v1/stewardship.pb.h"

namespace mdm::cli {

void PrintCandidate(const v1::GetCandidateResponse& candidate, bool color,
                    std::ostream& out);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_CANDIDATE_VIEW_H_
