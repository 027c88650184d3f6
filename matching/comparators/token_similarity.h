// Similarity of two token lists, such as the normalized words of two company
// names, where word order and repeated words carry no meaning.
//
// Every function treats its lists as sets: duplicates count once, order is
// ignored. Tokens are compared byte for byte, so normalize them first (see
// matching/text_normalizer.h).
//
//   A = {"kingdee", "software", "china"}   B = {"kingdee", "software", "ltd"}
//   Jaccard(A, B)         == 2 / 4 = 0.5       shared / all distinct tokens
//   TokenSetRatio(A, B)   == 2 / 3             shared / smaller set
//   WeightedJaccard(A, B, idf)                 as Jaccard, each token counting
//                                              its weight: a shared rare
//                                              "kingdee" outweighs a shared
//                                              common "software"
//   SoftTokenOverlap({"jon", "smith"}, {"john", "smyth"}, 0.85) == 1.0
//                                              tokens pair by Jaro-Winkler
//
// Edge cases: two empty lists have Jaccard and WeightedJaccard 1 (equal sets);
// TokenSetRatio and SoftTokenOverlap are 0 when either list is empty.
//
// Cost: lists of up to 16 tokens in total are compared pairwise in place,
// without allocation (O(|a| * |b|) token comparisons, most ending at the
// length check). Longer lists are sorted as string views, with an allocation
// only beyond 16 tokens per list: O(n log n). SoftTokenOverlap decodes each
// distinct token once (on the stack up to 128 bytes in all) and computes
// JaroWinkler for every pair of distinct tokens. Pure; thread-safe if
// `weight` is.
#ifndef MDM_MATCHING_COMPARATORS_TOKEN_SIMILARITY_H_
#define MDM_MATCHING_COMPARATORS_TOKEN_SIMILARITY_H_

#include <string>

#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace mdm::matching {

// |A ∩ B| / |A ∪ B| in [0, 1]; 1 when both are empty.
double Jaccard(absl::Span<const std::string> a,
               absl::Span<const std::string> b);

// |A ∩ B| / min(|A|, |B|) in [0, 1]; 0 when either is empty. 1 when one set
// contains the other, so "acme" vs "acme holdings" scores 1.
double TokenSetRatio(absl::Span<const std::string> a,
                     absl::Span<const std::string> b);

// Σ weight(t), t in A ∩ B  /  Σ weight(t), t in A ∪ B, in [0, 1]. Typically
// `weight` is an inverse document frequency, so rare shared tokens count more
// than common ones. `weight` is called once per distinct token of A ∪ B.
// When the union weighs nothing (both lists empty, or every weight 0) the
// result is 1 if the sets are equal and 0 otherwise.
// REQUIRES: weight(t) >= 0 and finite.
double WeightedJaccard(absl::Span<const std::string> a,
                       absl::Span<const std::string> b,
                       absl::FunctionRef<double(absl::string_view)> weight);

// Cosine similarity of the two token lists as count vectors in which each
// token counts weight(token) (an inverse document frequency): sum over shared
// tokens of w^2 * count_a * count_b, divided by the product of the vectors'
// norms. In [0, 1]; 0 when either list is empty or has zero norm. Repeated
// tokens count more, unlike the set measures above.
// REQUIRES: weight(t) >= 0 and finite.
double TokenCosine(absl::Span<const std::string> a,
                   absl::Span<const std::string> b,
                   absl::FunctionRef<double(absl::string_view)> weight);

// Fraction of the smaller set whose tokens pair with a token of the other set
// at JaroWinkler >= threshold, in [0, 1]; 0 when either set is empty. Pairs
// are chosen greedily, best score first (ties broken deterministically), each
// token used at most once. Tokens are decoded from UTF-8 and
// compared in code points.
double SoftTokenOverlap(absl::Span<const std::string> a,
                        absl::Span<const std::string> b, double threshold);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_COMPARATORS_TOKEN_SIMILARITY_H_
