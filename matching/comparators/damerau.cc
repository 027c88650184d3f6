#include "matching/comparators/damerau.h"

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

// Bit-parallel OSA distance (Hyyrö 2003): the Myers/Hyyrö Levenshtein step
// with the diagonal-zero vector d0 widened by the cells reachable through a
// transposition, i.e. where pattern[i - 1] == text[j] and pattern[i] ==
// text[j - 1] and the diagonal did not already carry a zero delta.
// Returns limit + 1 early when the distance must exceed `limit` (kBounded).
// REQUIRES: 1 <= pattern.size() <= 64.
template <bool kBounded>
int HyyroOsaDistance(std::u32string_view pattern, std::u32string_view text,
                     int limit) {
  const PatternMatchVector pm(pattern, text);
  uint64_t vp = ~uint64_t{0};
  uint64_t vn = 0;
  uint64_t d0 = 0;
  uint64_t previous_eq = 0;
  const uint64_t last = uint64_t{1} << (pattern.size() - 1);
  int score = static_cast<int>(pattern.size());
  [[maybe_unused]] int slack = limit + static_cast<int>(text.size());
  for (char32_t c : text) {
    const uint64_t eq = pm.Get(c);
    const uint64_t transposed = ((~d0 & eq) << 1) & previous_eq;
    d0 = (((eq & vp) + vp) ^ vp) | eq | vn | transposed;
    uint64_t hp = vn | ~(d0 | vp);
    uint64_t hn = vp & d0;
    score += static_cast<int>((hp & last) != 0);
    score -= static_cast<int>((hn & last) != 0);
    hp = (hp << 1) | 1;
    hn <<= 1;
    vp = hn | ~(d0 | hp);
    vn = hp & d0;
    previous_eq = eq;
    if constexpr (kBounded) {
      if (score > --slack) return limit + 1;
    }
  }
  return score;
}

// Dynamic program over three rows. REQUIRES: !pattern.empty().
int RowsOsaDistance(std::u32string_view pattern, std::u32string_view text) {
  const size_t m = pattern.size();
  std::vector<int> rows(3 * (m + 1));
  int* two_back = rows.data();
  int* previous = two_back + (m + 1);
  int* current = previous + (m + 1);
  std::iota(previous, previous + m + 1, 0);
  for (size_t j = 1; j <= text.size(); ++j) {
    current[0] = static_cast<int>(j);
    for (size_t i = 1; i <= m; ++i) {
      const int substitution =
          previous[i - 1] + static_cast<int>(pattern[i - 1] != text[j - 1]);
      int value = std::min({previous[i] + 1, current[i - 1] + 1, substitution});
      if (i > 1 && j > 1 && pattern[i - 1] == text[j - 2] &&
          pattern[i - 2] == text[j - 1]) {
        value = std::min(value, two_back[i - 2] + 1);
      }
      current[i] = value;
    }
    std::swap(two_back, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

template <bool kBounded>
int OsaDistance(std::u32string_view a, std::u32string_view b, int limit) {
  if (a.size() > b.size()) std::swap(a, b);
  internal::RemoveCommonAffix(a, b);
  if (a.empty()) return static_cast<int>(b.size());
  if (a.size() <= PatternMatchVector::kMaxPatternLength) {
    return HyyroOsaDistance<kBounded>(a, b, limit);
  }
  return RowsOsaDistance(a, b);
}

}  // namespace

int DamerauOsa(std::u32string_view a, std::u32string_view b) {
  return OsaDistance<false>(a, b, 0);
}

int DamerauOsaBounded(std::u32string_view a, std::u32string_view b,
                      int max_distance) {
  // No distance exceeds the longer length; clamping keeps limit + 1 and the
  // band arithmetic from overflowing.
  const int limit = std::clamp(max_distance, 0,
                               static_cast<int>(std::max(a.size(), b.size())));
  const size_t gap =
      a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > static_cast<size_t>(limit)) return limit + 1;
  return std::min(OsaDistance<true>(a, b, limit), limit + 1);
}

}  // namespace mdm::matching
