// Unicode text normalization shared by every standardizer.
//
//   NormalizeText("  Ｋｉｎｇｄｅｅ  Software, (China)  ")  == "kingdee
//   software china" NormalizeText("金蝶软件（中国）有限公司")            ==
//   "金蝶软件 中国 有限公司"
//
// Steps: Unicode NFKC with case folding (so full-width forms become ASCII and
// case differences vanish), then every run of punctuation, symbols, separators
// and control characters becomes one ASCII space, and leading and trailing
// spaces go. Apostrophes are dropped rather than spaced ("O'Brien" ->
// "obrien"). Letters, digits and marks are kept.
//
// Thread-safe; no allocation beyond the result. Invalid UTF-8 sequences are
// replaced by spaces.
#ifndef MDM_MATCHING_TEXT_NORMALIZER_H_
#define MDM_MATCHING_TEXT_NORMALIZER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace mdm::matching {

std::string NormalizeText(absl::string_view text);

// NormalizeText, then split on spaces. Empty input gives no tokens.
std::vector<std::string> NormalizedTokens(absl::string_view text);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_TEXT_NORMALIZER_H_
