// Hanyu Pinyin syllables without tones, for recognising romanized Chinese
// names ("Zhang Xiaoming", "Ouyang Xiu", "Wei Wang").
//
//   IsPinyinSyllable("zhuang")   == true
//   IsPinyinSyllable("xiao")     == true
//   IsPinyinSyllable("smith")    == false
//   IsPinyinWord("xiaoming")     == true    (xiao + ming)
//   IsPinyinWord("ouyang")       == true    (ou + yang)
//   IsPinyinWord("robert")       == false
//
// Input is lower-case ASCII. The syllable set is the standard table of about
// 410 syllables (initial + final), with ü written "v" or "u" (lv, lve, nv,
// lue) and the passport spelling "lyu"/"nyu"; interjections such as "hm",
// "ng" are left out. Many short English names also split into syllables
// ("Dan", "Tina", "Anne" = an + ne), so a pinyin word is evidence, not proof,
// of a Chinese name; the caller also asks for a known surname.
//
// Cost: IsPinyinSyllable is one hash probe; IsPinyinWord is O(n * 6) probes
// for a word of n letters, no allocation. Thread-safe.
#ifndef MDM_MATCHING_PERSON_PINYIN_SYLLABLES_H_
#define MDM_MATCHING_PERSON_PINYIN_SYLLABLES_H_

#include "absl/strings/string_view.h"

namespace mdm::matching {

bool IsPinyinSyllable(absl::string_view syllable);

// True when `word` is a concatenation of one or more pinyin syllables. Empty
// words and words longer than 30 letters are not.
bool IsPinyinWord(absl::string_view word);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_PERSON_PINYIN_SYLLABLES_H_
