// A review candidate printed for a steward: both records side by side with
// differing values marked, their golden records, and the explanation.
//
//   PrintCandidate(response, /*color=*/false, std::cout);
//   for (const std::string& line : CandidateLines(
//            response, {.color = true, .width = 80, .height = 20})) {
//     std::cout << line << "\n";
//   }
//
// With `color`, rows whose values differ are highlighted with ANSI colors;
// without, they are marked with '*' in the first column. Every value is
// shown escaped (terminal_text.h), so source data cannot move the cursor.
#ifndef MDM_TOOLS_MDMCTL_CANDIDATE_VIEW_H_
#define MDM_TOOLS_MDMCTL_CANDIDATE_VIEW_H_

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "mdm/v1/stewardship.pb.h"

namespace mdm::cli {

struct CandidateViewOptions {
  bool color = false;
  // The view fits this many terminal columns: tables narrow their widest
  // columns and every line is cut with "…", never wrapped. 0: no limit.
  size_t width = 0;
  // The view takes at most this many lines: blank separators go first,
  // then comparisons that did not count, then table rows, each table ending
  // in "… N more" when cut. 0: no limit.
  size_t height = 0;
};

// The view as lines, without line breaks.
std::vector<std::string> CandidateLines(
    const v1::GetCandidateResponse& candidate,
    const CandidateViewOptions& options);

// The whole view, without limits.
void PrintCandidate(const v1::GetCandidateResponse& candidate, bool color,
                    std::ostream& out);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_CANDIDATE_VIEW_H_
