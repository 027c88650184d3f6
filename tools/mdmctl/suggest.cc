#include "tools/mdmctl/suggest.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace mdm::cli {
namespace {

// Optimal string alignment distance (Damerau-Levenshtein without repeated
// edits of one substring), on ASCII-lowered bytes.
int EditDistance(absl::string_view a, absl::string_view b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      const int cost =
          absl::ascii_tolower(a[i - 1]) == absl::ascii_tolower(b[j - 1]) ? 0
                                                                         : 1;
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

}  // namespace

std::string ClosestName(absl::string_view typed,
                        const std::vector<std::string>& names) {
  std::string best;
  int best_distance = 3;
  for (const std::string& name : names) {
    if (typed.size() >= 2 && absl::StartsWithIgnoreCase(name, typed)) {
      return name;
    }
    const int distance = EditDistance(typed, name);
    if (distance < best_distance && distance < static_cast<int>(typed.size())) {
      best = name;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace mdm::cli
