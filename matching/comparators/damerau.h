// Optimal string alignment (OSA) distance, the "restricted Damerau-Levenshtein"
// distance: Levenshtein plus the transposition of two adjacent characters as
// a single edit, with no substring edited twice.
//
//   DamerauOsa(U"martha", U"marhta") == 1    (Levenshtein: 2)
//   DamerauOsa(U"ca", U"abc")        == 3    (true Damerau-Levenshtein: 2)
//   DamerauOsaBounded(U"abcdef", U"badcfe", 2) == 3   (more than 2)
//
// Transposed keystrokes are the commonest typing error in names and numbers,
// so OSA suits hand-keyed identifiers and names better than Levenshtein. It
// is symmetric but not a metric (the triangle inequality fails, as "ca" /
// "ac" / "abc" shows), which matters only if you index by it.
//
// Cost: like Levenshtein (see levenshtein.h): bit-parallel (Hyyrö 2003)
// without allocation when, after stripping the common prefix and suffix, the
// shorter string has at most 64 code points; otherwise an O(|a| * |b|)
// dynamic program over three rows with one allocation. Pure; thread-safe.
#ifndef MDM_MATCHING_COMPARATORS_DAMERAU_H_
#define MDM_MATCHING_COMPARATORS_DAMERAU_H_

#include <string_view>

namespace mdm::matching {

int DamerauOsa(std::u32string_view a, std::u32string_view b);

// min(DamerauOsa(a, b), max_distance + 1), returning at once when the lengths
// differ by more than max_distance. A negative max_distance is treated as 0.
int DamerauOsaBounded(std::u32string_view a, std::u32string_view b,
                      int max_distance);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_COMPARATORS_DAMERAU_H_
