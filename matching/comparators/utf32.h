// UTF-8 to code points, once per feature, so that the string comparators can
// index characters in constant time.
//
// The comparators in this directory (Jaro-Winkler, Levenshtein, Damerau OSA,
// q-grams) measure distances in code points, not bytes: "王伟" and "王玮"
// differ by one edit, not three. Convert each standardized value once with
// ToCodePoints() and compare the results many times.
//
//   std::u32string a = ToCodePoints("José");    // U'J', U'o', U's', U'é'
//   std::u32string b = ToCodePoints("Jos\xff"); // U'J', U'o', U's', U'\uFFFD'
//   double s = JaroWinkler(a, b);
//
// Ill-formed input never fails: each maximal ill-formed subsequence (Unicode
// 15, section 3.9, "U+FFFD substitution of maximal subparts") becomes one
// U+FFFD. Overlong forms, surrogates and values above U+10FFFF are
// ill-formed. NUL bytes are well-formed and kept.
//
// Cost: linear; one allocation for the result. Pure ASCII input takes a fast
// path that widens eight bytes at a time. Thread-safe.
#ifndef MDM_MATCHING_COMPARATORS_UTF32_H_
#define MDM_MATCHING_COMPARATORS_UTF32_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/strings/string_view.h"

namespace mdm::matching {

// The replacement character that stands for ill-formed input.
inline constexpr char32_t kReplacementCharacter = U'\uFFFD';

// The code points of `utf8`, with ill-formed sequences replaced as above.
std::u32string ToCodePoints(absl::string_view utf8);

// As ToCodePoints(), appending to `*out`, so a caller can reuse one buffer.
void AppendCodePoints(absl::string_view utf8, std::u32string* out);

// As ToCodePoints(), writing to `out` without allocating; returns the number
// of code points written, which is at most utf8.size().
// REQUIRES: `out` has room for utf8.size() code points.
size_t DecodeUtf8(absl::string_view utf8, char32_t* out);

// The UTF-8 encoding of `code_points`. Values that are not Unicode scalar
// values (surrogates, above U+10FFFF) are written as U+FFFD.
//
//   ToUtf8(ToCodePoints(s)) == s   for every well-formed s
std::string ToUtf8(std::u32string_view code_points);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_COMPARATORS_UTF32_H_
