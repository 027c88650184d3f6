// Business terms in organization names: the generic words ("technology",
// "group", "bank", 科技, 集团, 银行, グループ, 전자) that say what kind of
// organization it is rather than which one, each mapped to one canonical
// English token so that names written in different scripts and spellings
// compare equal.
//
//   CanonicalBusinessTerm("technologies")   == "technology"
//   CanonicalBusinessTerm("intl")           == "international"
//   CanonicalBusinessTerm("und")            == "and"
//   CanonicalBusinessTerm("kingdee")        == ""            (not a term)
//   MatchCjkBusinessTermPrefix("软件有限公司") == {"software", 6 bytes}
//   MatchCjkBusinessTermPrefix("自动车")      == {"motor", 9 bytes}
//   MatchCjkBusinessTermPrefix("重工业")      == {"heavy industrial", 9}
//   IsBusinessTerm("technology")            == true
//   IsBusinessTerm("huawei")                == false
//
// A canonical value is one token or, for a few compounds, several tokens
// separated by single spaces (重工业 -> "heavy industrial", so that it equals
// the English "Heavy Industries"); every token of every canonical value is a
// business term for IsBusinessTerm. The canonical "and" (for "and", "und",
// "et") is meant to be dropped by the caller as a stopword.
//
// The table holds 166 canonical terms with about 880 forms: 350 Latin (German
// ones among them: Handel, Logistik, Maschinenbau, Medizintechnik), 250 Han
// (Chinese in either script, Japanese kanji), 100 kana, 180 Hangul. Han forms
// are stored as written and converted with TraditionalToSimplified when the
// table is built, so callers must pass simplified text
// (TraditionalToSimplified of the name, then NormalizeText). Latin forms are
// whole words: plurals and variants are folded only where the table lists
// them; there is no general stemming.
//
// Cost: the table is built once, on first use, into hash maps (ICU transforms
// run then, a few milliseconds); after that CanonicalBusinessTerm and
// IsBusinessTerm are one hash lookup and MatchCjkBusinessTermPrefix one per
// candidate length (at most twelve), without allocating. Thread-safe; the
// tables are immutable once built.
#ifndef MDM_MATCHING_ORGANIZATION_BUSINESS_TERMS_H_
#define MDM_MATCHING_ORGANIZATION_BUSINESS_TERMS_H_

#include <cstddef>

#include "absl/strings/string_view.h"

namespace mdm::matching {

// The canonical form of a Latin word, or "" when `word` is not a business
// term. REQUIRES: `word` is one token of NormalizeText output, ASCII.
absl::string_view CanonicalBusinessTerm(absl::string_view word);

// A business term at the start of CJK text.
struct CjkTermMatch {
  absl::string_view canonical;  // "" when there is no match
  size_t length = 0;            // bytes of the text the term covers
};

// The longest business term (Han, kana or Hangul) that starts `text`, or an
// empty match. REQUIRES: `text` is simplified and normalized (see above).
CjkTermMatch MatchCjkBusinessTermPrefix(absl::string_view text);

// True when `canonical_token` is (a token of) a canonical business term:
// "technology", "group", "heavy", "china". Use it to weight distinctive name
// tokens above generic ones.
bool IsBusinessTerm(absl::string_view canonical_token);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_ORGANIZATION_BUSINESS_TERMS_H_
