#include "matching/comparators/jaro_winkler.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <string_view>
#include <vector>

#include "matching/comparators/internal/pattern_match_vector.h"

namespace mdm::matching {
namespace {

using internal::PatternMatchVector;

// Up to this length the score's numerator and denominator fit in int64_t.
constexpr size_t kExactLength = 1 << 16;

struct MatchCounts {
  size_t matches = 0;
  size_t out_of_order = 0;  // matched characters in a different order
};

// Matches between a[i] and b[j] for |i - j| <= window, with every length at
// most 64: matched positions are bit masks. REQUIRES: a, b non-empty.
MatchCounts CountShort(std::u32string_view a, std::u32string_view b,
                       size_t window) {
  const PatternMatchVector pm(b, a);
  uint64_t matched_a = 0;
  uint64_t matched_b = 0;
  size_t matches = 0;
  // Positions j of `b` with j <= i + window, and with j >= i - window.
  uint64_t up_to_high =
      window >= 63 ? ~uint64_t{0} : (uint64_t{2} << window) - 1;
  uint64_t from_low = ~uint64_t{0};
  // Past |b| + window no character of `a` has a window inside `b`.
  const size_t end = std::min(a.size(), b.size() + window);
  for (size_t i = 0; i < end; ++i) {
    const uint64_t candidates =
        pm.Get(a[i]) & ~matched_b & up_to_high & from_low;
    // Branch-free: whether a character matches is what the predictor cannot
    // guess for names with typos.
    const uint64_t lowest = candidates & (~candidates + 1);
    matched_b |= lowest;
    matched_a |= static_cast<uint64_t>(lowest != 0) << i;
    matches += lowest != 0;
    up_to_high = (up_to_high << 1) | 1;
    from_low <<= static_cast<int>(i >= window);
  }
  // Walk the matched characters of both strings in order.
  size_t out_of_order = 0;
  while (matched_a != 0) {
    const int i = std::countr_zero(matched_a);
    const int j = std::countr_zero(matched_b);
    out_of_order += a[i] != b[j];
    matched_a &= matched_a - 1;
    matched_b &= matched_b - 1;
  }
  return {matches, out_of_order};
}

// Any lengths; one allocation for the match flags.
MatchCounts CountLong(std::u32string_view a, std::u32string_view b,
                      size_t window) {
  std::vector<char> matched(a.size() + b.size(), 0);
  char* matched_a = matched.data();
  char* matched_b = matched.data() + a.size();
  MatchCounts counts;
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t lo = i > window ? i - window : 0;
    const size_t hi = std::min(b.size(), i + window + 1);
    for (size_t j = lo; j < hi; ++j) {
      if (!matched_b[j] && a[i] == b[j]) {
        matched_a[i] = matched_b[j] = 1;
        ++counts.matches;
        break;
      }
    }
  }
  size_t j = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!matched_a[i]) continue;
    while (!matched_b[j]) ++j;
    counts.out_of_order += a[i] != b[j];
    ++j;
  }
  return counts;
}

// Jaro similarity of two non-empty strings whose common prefix has length
// `prefix`.
//
// The prefix needs no search: scanning from the left, a[i] for i < prefix
// finds b[0, i) already matched and b[i] equal, at distance 0, so it matches
// b[i], in order. Dropping the prefix from both strings shifts both positions
// alike and leaves every window intact, so the kernel runs on the rest only.
double JaroWithPrefix(std::u32string_view a, std::u32string_view b,
                      size_t prefix) {
  const size_t la = a.size();
  const size_t lb = b.size();
  if (prefix == la && prefix == lb) return 1.0;
  const size_t longer = std::max(la, lb);
  const size_t window = longer >= 4 ? longer / 2 - 1 : 0;
  MatchCounts counts;
  const std::u32string_view rest_a = a.substr(prefix);
  const std::u32string_view rest_b = b.substr(prefix);
  if (!rest_a.empty() && !rest_b.empty()) {
    counts = longer <= PatternMatchVector::kMaxPatternLength
                 ? CountShort(rest_a, rest_b, window)
                 : CountLong(rest_a, rest_b, window);
  }
  const size_t matches = prefix + counts.matches;
  if (matches == 0) return 0.0;
  const size_t half_transpositions = counts.out_of_order / 2;
  if (longer > kExactLength) {
    const double m = static_cast<double>(matches);
    return (m / static_cast<double>(la) + m / static_cast<double>(lb) +
            (m - static_cast<double>(half_transpositions)) / m) /
           3.0;
  }
  // (m/la + m/lb + (m - t)/m) / 3 over one exact common denominator: one
  // division, and the correctly rounded value of the formula.
  const int64_t m = static_cast<int64_t>(matches);
  const int64_t t = static_cast<int64_t>(half_transpositions);
  const int64_t ila = static_cast<int64_t>(la);
  const int64_t ilb = static_cast<int64_t>(lb);
  const int64_t numerator = m * m * (ila + ilb) + (m - t) * ila * ilb;
  const int64_t denominator = 3 * m * ila * ilb;
  return static_cast<double>(numerator) / static_cast<double>(denominator);
}

size_t CommonPrefix(std::u32string_view a, std::u32string_view b) {
  const size_t n = std::min(a.size(), b.size());
  size_t k = 0;
  while (k < n && a[k] == b[k]) ++k;
  return k;
}

}  // namespace

double Jaro(std::u32string_view a, std::u32string_view b) {
  if (a.empty() || b.empty()) return a.empty() && b.empty() ? 1.0 : 0.0;
  return JaroWithPrefix(a, b, CommonPrefix(a, b));
}

double JaroWinkler(std::u32string_view a, std::u32string_view b,
                   double prefix_scale, int max_prefix) {
  if (a.empty() || b.empty()) return a.empty() && b.empty() ? 1.0 : 0.0;
  const size_t prefix = CommonPrefix(a, b);
  const double jaro = JaroWithPrefix(a, b, prefix);
  if (jaro <= kJaroWinklerBoostThreshold) return jaro;
  const size_t boosted_prefix =
      std::min(prefix, static_cast<size_t>(std::max(max_prefix, 0)));
  const double boosted =
      jaro + static_cast<double>(boosted_prefix) * prefix_scale * (1.0 - jaro);
  return std::clamp(boosted, 0.0, 1.0);
}

}  // namespace mdm::matching
