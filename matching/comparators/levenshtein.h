// Levenshtein edit distance between two strings of code points: the fewest
// single-character insertions, deletions and substitutions that turn one into
// the other.
//
//   Levenshtein(U"kitten", U"sitting")            == 3
//   Levenshtein(U"王伟", U"王玮")  == 1   (code points, not bytes)
//   LevenshteinBounded(U"kitten", U"sitting", 1)  == 2   (more than 1)
//   LevenshteinSimilarity(U"martha", U"marhta")   == 1 - 2 / 6.0
//
// Use LevenshteinBounded() when only "within k edits?" matters, as in a
// comparison level "distance <= 2": it returns at once when the lengths
// differ by more than k and stops early on long strings.
//
// Cost: after stripping the common prefix and suffix, when the shorter string
// has at most 64 code points the kernel is bit-parallel (Myers 1999, in
// Hyyrö's formulation): O(|longer|) word operations, no allocation; about
// 25 ns for a pair of 15-character names with a typo and 80 ns for unrelated
// names (see docs/benchmarks.md).
// Otherwise a one-row dynamic program takes O(|a| * |b|) time and one
// allocation; the bounded variant then only fills the diagonal band of width
// 2 * max_distance + 1. Pure; thread-safe.
#ifndef MDM_MATCHING_COMPARATORS_LEVENSHTEIN_H_
#define MDM_MATCHING_COMPARATORS_LEVENSHTEIN_H_

#include <string_view>

namespace mdm::matching {

int Levenshtein(std::u32string_view a, std::u32string_view b);

// min(Levenshtein(a, b), max_distance + 1). A negative max_distance is
// treated as 0.
int LevenshteinBounded(std::u32string_view a, std::u32string_view b,
                       int max_distance);

// 1 - Levenshtein(a, b) / max(|a|, |b|), in [0, 1]; 1 for two empty strings.
double LevenshteinSimilarity(std::u32string_view a, std::u32string_view b);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_COMPARATORS_LEVENSHTEIN_H_
