#include "matching/comparators/levenshtein.h"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string_view>
#include <utility>
#include <vector>

#include "matching/comparators/internal/affix.h"
#include "matching/comparators/internal/pattern_match_vector.h"

namespace mdm::matching {
namespace {

using internal::PatternMatchVector;

// Bit-parallel distance (Myers 1999; Hyyrö 2001). Bit i of the vertical delta
// vectors describes D[i + 1][j] - D[i][j] of the dynamic-programming column
// for the prefix text[0, j): vp marks +1, vn marks -1. The score follows the
// last row. Stops and returns `limit` + 1 as soon as the distance must exceed
// `limit` (only when kBounded).
// REQUIRES: 1 <= pattern.size() <= 64.
template <bool kBounded>
int MyersDistance(std::u32string_view pattern, std::u32string_view text,
                  int limit) {
  const PatternMatchVector pm(pattern, text);
  uint64_t vp = ~uint64_t{0};
  uint64_t vn = 0;
  const uint64_t last = uint64_t{1} << (pattern.size() - 1);
  int score = static_cast<int>(pattern.size());
  // Each remaining text character can lower the score by at most one.
  [[maybe_unused]] int slack = limit + static_cast<int>(text.size());
  for (char32_t c : text) {
    const uint64_t eq = pm.Get(c);
    const uint64_t xv = eq | vn;
    const uint64_t xh = (((eq & vp) + vp) ^ vp) | eq;
    uint64_t hp = vn | ~(xh | vp);
    uint64_t hn = vp & xh;
    score += static_cast<int>((hp & last) != 0);
    score -= static_cast<int>((hn & last) != 0);
    hp = (hp << 1) | 1;
    hn <<= 1;
    vp = hn | ~(xv | hp);
    vn = hp & xv;
    if constexpr (kBounded) {
      if (score > --slack) return limit + 1;
    }
  }
  return score;
}

// One-row dynamic program. REQUIRES: !pattern.empty().
int RowDistance(std::u32string_view pattern, std::u32string_view text) {
  std::vector<int> row(pattern.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (size_t j = 0; j < text.size(); ++j) {
    int diagonal = row[0];
    row[0] = static_cast<int>(j) + 1;
    for (size_t i = 1; i <= pattern.size(); ++i) {
      const int up = row[i];
      row[i] = std::min(std::min(up, row[i - 1]) + 1,
                        diagonal + static_cast<int>(pattern[i - 1] != text[j]));
      diagonal = up;
    }
  }
  return row.back();
}

// Ukkonen's band: only cells with |i - j| <= limit can hold values <= limit.
// Returns min(distance, limit + 1).
// REQUIRES: !pattern.empty(), |text| - |pattern| <= limit.
int BandDistance(std::u32string_view pattern, std::u32string_view text,
                 int limit) {
  const int m = static_cast<int>(pattern.size());
  const int n = static_cast<int>(text.size());
  const int out = limit + 1;
  std::vector<int> row(m + 1);
  for (int i = 0; i <= m; ++i) row[i] = std::min(i, out);
  for (int j = 1; j <= n; ++j) {
    const int lo = std::max(1, j - limit);
    const int hi = std::min(m, j + limit);
    int diagonal = row[lo - 1];
    int left = lo == 1 ? std::min(j, out) : out;
    row[lo - 1] = left;
    int best = left;
    for (int i = lo; i <= hi; ++i) {
      const int up = row[i];  // `out` when (i, j - 1) lay right of the band
      const int value = std::min(
          {up + 1, left + 1,
           diagonal + static_cast<int>(pattern[i - 1] != text[j - 1]), out});
      diagonal = up;
      row[i] = left = value;
      best = std::min(best, value);
    }
    if (best == out) return out;
  }
  return row[m];
}

// Orders the pair as (shorter, longer) and strips the common affix.
void Prepare(std::u32string_view& a, std::u32string_view& b) {
  if (a.size() > b.size()) std::swap(a, b);
  internal::RemoveCommonAffix(a, b);
}

}  // namespace

int Levenshtein(std::u32string_view a, std::u32string_view b) {
  Prepare(a, b);
  if (a.empty()) return static_cast<int>(b.size());
  if (a.size() <= PatternMatchVector::kMaxPatternLength) {
    return MyersDistance<false>(a, b, 0);
  }
  return RowDistance(a, b);
}

int LevenshteinBounded(std::u32string_view a, std::u32string_view b,
                       int max_distance) {
  // No distance exceeds the longer length; clamping keeps limit + 1 and the
  // band arithmetic from overflowing.
  const int limit = std::clamp(max_distance, 0,
                               static_cast<int>(std::max(a.size(), b.size())));
  const size_t gap =
      a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > static_cast<size_t>(limit)) return limit + 1;
  Prepare(a, b);
  if (a.empty()) return static_cast<int>(b.size());  // == gap <= limit
  if (limit == 0) return 1;  // something is left after stripping
  if (a.size() <= PatternMatchVector::kMaxPatternLength) {
    return std::min(MyersDistance<true>(a, b, limit), limit + 1);
  }
  return BandDistance(a, b, limit);
}

double LevenshteinSimilarity(std::u32string_view a, std::u32string_view b) {
  const size_t longer = std::max(a.size(), b.size());
  if (longer == 0) return 1.0;
  return 1.0 -
         static_cast<double>(Levenshtein(a, b)) / static_cast<double>(longer);
}

}  // namespace mdm::matching
