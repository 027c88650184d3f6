// Jaro and Jaro-Winkler similarity of two strings of code points, the usual
// comparator for personal names in record linkage.
//
//   Jaro(U"MARTHA", U"MARHTA")          == 0.944   (6 matches, 1 transposition)
//   JaroWinkler(U"MARTHA", U"MARHTA")   == 0.961   (prefix "MAR" boosts)
//   JaroWinkler(U"DWAYNE", U"DUANE")    == 0.840
//   JaroWinkler(U"DIXON", U"DICKSONX")  == 0.813
//   JaroWinkler(U"王伟", U"王玮")         == 0.667   (see below)
//
// Definitions (Jaro 1989; Winkler 1990, as in the Census strcmp95 code):
//   - Two characters match when they are equal and their positions differ by
//     at most max(|a|, |b|) / 2 - 1 (at least 0). Scanning `a` from the left,
//     each character matches the leftmost still-unmatched equal character of
//     `b` inside its window.
//   - m is the number of matches; t is half the number of matched characters
//     that appear in a different order in the two strings, rounded down.
//   - Jaro = (m/|a| + m/|b| + (m - t)/m) / 3, or 0 when m == 0.
//   - JaroWinkler = Jaro + l * prefix_scale * (1 - Jaro), where l is the length
//     of the common prefix capped at max_prefix. As in Winkler's code, the
//     boost applies only when Jaro > kJaroWinklerBoostThreshold (0.7).
//
// Both return values in [0, 1]: 1 for equal strings (including two empty
// strings) and 0 when exactly one string is empty. Both are symmetric:
// swapping the arguments gives the same score.
//
// The two-character case shows the window's bite: for "王伟" and "王玮" the
// window is 0, so only 王 matches: Jaro = (1/2 + 1/2 + 1)/3 = 0.667, below the
// boost threshold, so JaroWinkler = 0.667. Short CJK names are better served
// by Levenshtein or q-grams.
//
// Cost: the common prefix is matched without search. When both strings have
// at most 64 code points (any name) the rest uses one 64-bit mask per
// distinct character and never allocates: O(|a| + |b|) word operations,
// about 50 ns for a pair of 15-character names (see docs/benchmarks.md).
// Longer strings fall back to O(|a| * window) with one allocation. Pure;
// thread-safe.
#ifndef MDM_MATCHING_COMPARATORS_JARO_WINKLER_H_
#define MDM_MATCHING_COMPARATORS_JARO_WINKLER_H_

#include <string_view>

namespace mdm::matching {

// Jaro similarity must exceed this for the Winkler prefix boost to apply.
inline constexpr double kJaroWinklerBoostThreshold = 0.7;

double Jaro(std::u32string_view a, std::u32string_view b);

// REQUIRES: 0 <= prefix_scale and prefix_scale * max_prefix <= 1 (the result
// is clamped to [0, 1] regardless).
double JaroWinkler(std::u32string_view a, std::u32string_view b,
                   double prefix_scale = 0.1, int max_prefix = 4);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_COMPARATORS_JARO_WINKLER_H_
