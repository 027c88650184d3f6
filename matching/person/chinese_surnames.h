// Common Chinese surnames (姓) in simplified characters with their pinyin, for
// splitting a name written in Han characters into family and given name and
// for recognising a romanized Chinese name.
//
//   FindChineseSurname("欧阳")->pinyin     == "ouyang"
//   FindChineseSurname("单")->pinyin       == "shan"   (surname reading)
//   FindChineseSurname("伟")               == nullptr
//   ChineseSurnameRank("wang")             == 0        (most frequent)
//   ChineseSurnameRank("lv")               == ChineseSurnameRank("lu")
//   ChineseSurnameRank("smith")            == -1
//
// The table holds about 230 single-character surnames in roughly descending
// order of frequency in mainland China (so a lower rank means a more common
// surname), followed by the compound surnames (复姓). Pinyin is lower-case
// ASCII without tones or separators, with the reading the character takes as
// a surname (单 shan, 解 xie, 仇 qiu, 区 ou, 朴 piao, 长孙 zhangsun); ü is
// written "u", as HanToPinyin does.
//
// Lookups are hash-map probes; the maps are built on first use and never
// change. Thread-safe.
#ifndef MDM_MATCHING_PERSON_CHINESE_SURNAMES_H_
#define MDM_MATCHING_PERSON_CHINESE_SURNAMES_H_

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace mdm::matching {

struct ChineseSurname {
  absl::string_view han;     // Simplified characters, e.g. "王", "欧阳".
  absl::string_view pinyin;  // e.g. "wang", "ouyang".
};

// Every surname in the table: single-character ones by descending frequency,
// then compound ones.
absl::Span<const ChineseSurname> ChineseSurnames();

// The entry whose `han` equals `han` exactly (simplified characters), or
// nullptr.
const ChineseSurname* FindChineseSurname(absl::string_view han);

// Position in ChineseSurnames() of the most frequent surname romanized as
// `pinyin` (lower-case ASCII, e.g. "zhang", "ouyang"), or -1 when no surname
// in the table is written so. The passport spellings of lü ("lv", "lyu") and
// nü ("nv", "nyu") count as "lu" and "nu".
int ChineseSurnameRank(absl::string_view pinyin);

// "lv" and "lyu" -> "lu", "nv" and "nyu" -> "nu"; anything else unchanged.
absl::string_view CanonicalSurnamePinyin(absl::string_view pinyin);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_PERSON_CHINESE_SURNAMES_H_
