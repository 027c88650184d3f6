// Person names standardized once at ingest into the forms the person-name
// comparisons use: ordered tokens, an order-free key, nickname-mapped given
// names, initials, and for Chinese names the Han characters and their pinyin.
//
//   PersonName p = ParsePersonName("Smith, Robert J.");
//   // p.given == {"robert", "j"}, p.family == {"smith"}
//   // p.tokens == {"robert", "j", "smith"}, p.sorted_key == "j robert smith"
//   // p.initials == "rjs", p.chinese == false
//
//   p = ParsePersonName("Dr. Bob O'Neil-Hart Jr.");
//   // p.given == {"bob"}, p.family == {"oneil", "hart"}
//   // p.canonical_given == {"robert"}
//
//   p = ParsePersonName("歐陽修");
//   // p.han == "欧阳修", p.han_pinyin == "ouyang xiu"
//   // p.family == {"ouyang"}, p.given == {"xiu"}, p.chinese == true
//
//   p = ParsePersonName("Wei Wang");   // and the same for "Wang Wei"
//   // p.family == {"wang"}, p.given == {"wei"}, p.chinese == true,
//   // p.order_ambiguous == true; ParsePersonName("王伟") has the same
//   // tokens and sorted_key.
//
// Latin-script names (the rules apply in this order):
//   - Text is normalized with NormalizeText (NFKC, case folding, punctuation
//     to spaces, apostrophes dropped: "O'Brien" -> "obrien"), then any
//     remaining non-ASCII token is romanized with ToLatin ("José" -> "jose",
//     "Иван" -> "ivan"). Hyphens and dots split tokens ("Anne-Marie" ->
//     "anne", "marie"; "J." -> "j"; "J.R." -> "j", "r"). Numbers are
//     dropped.
//   - Leading honorifics (mr, mrs, ms, miss, dr, prof, sir, rev, ...) and
//     trailing suffixes (jr, sr, ii, iii, iv, esq, phd, md, ...) are dropped,
//     unless nothing else would remain. A comma-separated part made only of
//     those ("Robert Smith, Jr.") is dropped too.
//   - "Family, Given": with a comma, what precedes it is the family name.
//   - Otherwise, when some words are all capitals and others are not
//     ("SMITH Robert J.", "ZHANG Xiao-Ming"), the capitalized words are the
//     family name.
//   - Otherwise, a name whose words all split into pinyin syllables and whose
//     first or last word is a known Chinese surname is Chinese (see
//     pinyin_syllables.h, chinese_surnames.h): the surname end is the family
//     name; when both ends are surnames the more common one is taken and
//     `order_ambiguous` is set ("Wei Wang" and "Wang Wei" both give family
//     "wang").
//   - Otherwise Western order: the last word is the family name, together
//     with the particles just before it (van, von, de, la, da, di, ...:
//     "Ludwig van Beethoven" -> family {"van", "beethoven"}); a single word
//     is a family name.
//   - For a Chinese name each name part becomes one token, its syllables
//     joined ("Zhang Xiao-Ming" and "Zhang Xiao Ming" -> given
//     {"xiaoming"}), so that it lines up with the pinyin of 张小明; the
//     surname spellings "lv"/"lyu" become "lu".
//
// Names in Han characters:
//   - Traditional characters become simplified; punctuation is ignored;
//     trailing titles (先生, 女士, 小姐, 博士, 教授, ...) are dropped.
//   - Two runs of characters apart only by a space or comma, the first of
//     one or two characters ("王 伟", "欧阳，修", "山田 太郎"), are family then
//     given name.
//   - Otherwise the characters are read as one: the family name is a known
//     compound surname (欧阳, 司马, 诸葛, ... when at least one character
//     follows), else a known single-character surname, else the first
//     character.
//   - family = {pinyin of the surname, with its surname reading: 单 -> "shan",
//     长孙 -> "zhangsun"}, given = {pinyin of the rest, syllables joined, with
//     ordinary readings: 小明 -> "xiaoming"}. `han` holds the simplified
//     characters and `han_pinyin` the two parts in written order.
//   - Latin words beside the characters ("王伟 David") are extra given
//     tokens.
//   - A name with a middle dot (约翰·史密斯, a transliterated foreign name) is
//     split at the dots and read in Western order.
//
// Cost: microseconds per name (ICU transforms for non-ASCII text and Han);
// call once per record at ingest, never per comparison. Pure; thread-safe.
#ifndef MDM_MATCHING_PERSON_PERSON_NAME_H_
#define MDM_MATCHING_PERSON_PERSON_NAME_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace mdm::matching {

struct PersonName {
  // Normalized given-name tokens, in written order (lower-case ASCII).
  std::vector<std::string> given;
  // Normalized family-name tokens, in written order.
  std::vector<std::string> family;
  // All name tokens, given then family. Han names contribute their pinyin,
  // one token per name part.
  std::vector<std::string> tokens;
  // `tokens` sorted and joined with ' ': an order-free exact key.
  std::string sorted_key;
  // `given` with each token mapped through the nickname table to its most
  // usual formal name ("bob" -> "robert", "liz" -> "elizabeth"); tokens
  // that are not nicknames are unchanged.
  std::vector<std::string> canonical_given;
  // First letter of each given token, then of each family token: "jrs" for
  // John Robert Smith.
  std::string initials;
  // For a name written in Han characters: those characters, simplified,
  // without spaces ("欧阳修"); otherwise empty.
  std::string han;
  // Pinyin of `han`, family part first as written, syllables joined within
  // a part: "wang wei" for 王伟, "ouyang xiu" for 欧阳修. Empty when `han`
  // is.
  std::string han_pinyin;
  // Written in Han characters, or romanized Chinese (every word is pinyin
  // and the family name is a known Chinese surname). The comparison layer
  // may then try the name in both orders.
  bool chinese = false;
  // Romanized Chinese with no hint of order (no comma, no capitals, no
  // separate fields) and a known surname at both ends ("Wang Wei"): the
  // family/given split could be the other way round.
  bool order_ambiguous = false;
};

// Parses a full name in any of the usual layouts: "Robert Smith",
// "Smith, Robert", "SMITH Robert J.", "王伟", "Wang Wei", "Wei Wang".
// Empty or punctuation-only input gives an empty PersonName.
PersonName ParsePersonName(absl::string_view full_name);

// Parses a name held in separate given and family fields; either may be
// empty. The fields decide the split: no comma, capitals or pinyin-order
// rules ("Mary Jane" as a given name stays two given tokens). Honorifics and
// suffixes are dropped and Han characters read as above; a romanized name is
// `chinese` when every word is pinyin and the family field is a known
// surname.
PersonName ParsePersonName(absl::string_view given, absl::string_view family);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_PERSON_PERSON_NAME_H_
