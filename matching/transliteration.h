// Script conversion with ICU transforms, for cross-script matching keys.
//
//   HanToPinyin("金蝶软件")          == "jin die ruan jian"
//   HanToPinyin("金蝶 Software")     == "jin die software"
//   HanToPinyinName("单雄信")        == "shan xiong xin"   (surname readings)
//   TraditionalToSimplified("華為")  == "华为"
//   ToLatin("トヨタ")                == "toyota"
//   ToLatin("삼성")                  == "samseong"
//
// Results are lower-case ASCII where a transliteration exists (tone marks and
// other diacritics removed); each Han character becomes one space-separated
// syllable. Characters without a Latin form pass through unchanged.
//
// Cost: ICU transforms are slow (microseconds per character); call these once
// per record at standardization, never per comparison. Thread-safe: each
// thread lazily builds its own transform objects, which are a cache and hold
// no observable state.
#ifndef MDM_MATCHING_TRANSLITERATION_H_
#define MDM_MATCHING_TRANSLITERATION_H_

#include <string>

#include "absl/strings/string_view.h"

namespace mdm::matching {

// True when `text` holds at least one Han (CJK ideograph) character.
bool ContainsHan(absl::string_view text);

// True when `text` holds a character of a script other than Latin, Common or
// Inherited (Han, Hiragana, Katakana, Hangul, Cyrillic, ...).
bool ContainsNonLatinLetters(absl::string_view text);

std::string HanToPinyin(absl::string_view text);

// As HanToPinyin, with the readings Chinese surnames take.
std::string HanToPinyinName(absl::string_view text);

std::string TraditionalToSimplified(absl::string_view text);

// Any script to Latin ASCII (Han as pinyin, kana and Hangul romanized).
std::string ToLatin(absl::string_view text);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_TRANSLITERATION_H_
