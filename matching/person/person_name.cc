#include "matching/person/person_name.h"

#include <algorithm>
#include <cstddef>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/types/span.h"
#include "matching/person/chinese_surnames.h"
#include "matching/person/nicknames.h"
#include "matching/person/pinyin_syllables.h"
#include "matching/text_normalizer.h"
#include "matching/transliteration.h"

namespace mdm::matching {
namespace {

// Titles written before a name.
constexpr absl::string_view kHonorifics[] = {
    "mr",     "mrs",  "ms",   "miss", "mx",       "dr", "prof", "professor",
    "sir",    "dame", "rev",  "revd", "reverend", "fr", "hon",  "madam",
    "madame", "mme",  "mlle", "herr", "frau",     "sr", "sra",  "srta",
};

// Generational suffixes and degrees written after a name.
constexpr absl::string_view kSuffixes[] = {
    "jr",  "jnr", "sr",      "snr", "ii", "iii", "iv",  "2nd",
    "3rd", "esq", "esquire", "phd", "md", "dds", "mba", "cpa",
};

// Lower-case words that join the family name they precede.
constexpr absl::string_view kParticles[] = {
    "van", "von", "de",  "del", "della", "der", "den", "di",  "da", "du", "la",
    "le",  "dos", "das", "ter", "ten",   "st",  "bin", "ibn", "al", "el",
};

// Titles written after a name in Han characters.
constexpr absl::string_view kHanTitles[] = {
    "先生", "女士", "小姐", "太太", "夫人", "博士", "教授", "老师",
};

// Separators of transliterated foreign names (约翰·史密斯).
constexpr absl::string_view kNameDots[] = {
    "\u00B7", "\u30FB", "\u2022", "\u2027", "\uFF65", "\u2219",
};

bool IsOneOf(absl::string_view word, absl::Span<const absl::string_view> set) {
  return std::find(set.begin(), set.end(), word) != set.end();
}

bool IsAscii(absl::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80;
  });
}

bool HasLetter(absl::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x80 || absl::ascii_isalpha(c);
  });
}

// Normalized, romanized tokens of `text`; tokens without letters (numbers)
// are dropped.
std::vector<std::string> LatinTokens(absl::string_view text) {
  std::vector<std::string> out;
  for (std::string& token : NormalizedTokens(text)) {
    if (IsAscii(token)) {
      if (HasLetter(token)) out.push_back(std::move(token));
      continue;
    }
    for (std::string& latin : NormalizedTokens(ToLatin(token))) {
      if (HasLetter(latin)) out.push_back(std::move(latin));
    }
  }
  return out;
}

// One whitespace-separated word of a Latin-script name.
struct Word {
  std::vector<std::string> tokens;  // "Anne-Marie" -> {"anne", "marie"}.
  bool all_caps = false;   // Two or more ASCII capitals, no lower case, not
                           // just initials.
  bool has_lower = false;  // Some lower-case ASCII letter.

  std::string Joined() const { return absl::StrJoin(tokens, ""); }
};

// A word that is a title: "Dr.", "Jr.", "III" or the dotted "Ph.D." (but not
// initials such as "J.R.").
bool IsTitle(const Word& word, absl::Span<const absl::string_view> titles) {
  if (word.tokens.size() == 1) return IsOneOf(word.tokens[0], titles);
  return word.Joined() == "phd" && IsOneOf("phd", titles);
}

bool IsAnyTitle(const Word& word) {
  return IsTitle(word, kHonorifics) || IsTitle(word, kSuffixes);
}

// Unicode spaces that NFKC would fold, as ASCII, so that splitting on
// whitespace sees them; full-width commas as ASCII.
std::string FoldSeparators(absl::string_view text) {
  return absl::StrReplaceAll(
      text, {{"\u3000", " "}, {"\u00A0", " "}, {"\uFF0C", ","}});
}

std::vector<Word> Words(absl::string_view text) {
  std::vector<Word> words;
  for (absl::string_view raw : absl::StrSplit(
           text, absl::ByAnyChar(" \t\r\n\f\v"), absl::SkipEmpty())) {
    Word word;
    word.tokens = LatinTokens(raw);
    if (word.tokens.empty()) continue;
    int upper = 0;
    int lower = 0;
    for (char c : raw) {
      upper += absl::ascii_isupper(c) ? 1 : 0;
      lower += absl::ascii_islower(c) ? 1 : 0;
    }
    // Initials ("J.R.R.") are not a capitalized word.
    const bool initials_only =
        std::all_of(word.tokens.begin(), word.tokens.end(),
                    [](const std::string& token) { return token.size() == 1; });
    word.all_caps = upper >= 2 && lower == 0 && !initials_only;
    word.has_lower = lower > 0;
    words.push_back(std::move(word));
  }
  return words;
}

// Drops leading honorifics and trailing suffixes, keeping at least one word.
void DropTitles(std::vector<Word>& words) {
  size_t begin = 0;
  size_t end = words.size();
  while (end - begin > 1 && IsTitle(words[begin], kHonorifics)) ++begin;
  while (end - begin > 1 && IsTitle(words[end - 1], kSuffixes)) --end;
  words = std::vector<Word>(std::make_move_iterator(words.begin() + begin),
                            std::make_move_iterator(words.begin() + end));
}

std::string JoinWords(absl::Span<const Word> words) {
  std::string out;
  for (const Word& word : words) out += word.Joined();
  return out;
}

bool AllPinyin(absl::Span<const Word> words) {
  return std::all_of(words.begin(), words.end(), [](const Word& word) {
    return IsPinyinWord(word.Joined());
  });
}

std::vector<std::string> AllTokens(absl::Span<const Word> words) {
  std::vector<std::string> out;
  for (const Word& word : words) {
    out.insert(out.end(), word.tokens.begin(), word.tokens.end());
  }
  return out;
}

// Fills the fields derived from `given` and `family`.
PersonName Finish(PersonName name) {
  name.tokens = name.given;
  name.tokens.insert(name.tokens.end(), name.family.begin(), name.family.end());
  std::vector<std::string> sorted = name.tokens;
  std::sort(sorted.begin(), sorted.end());
  name.sorted_key = absl::StrJoin(sorted, " ");
  name.canonical_given.reserve(name.given.size());
  for (const std::string& token : name.given) {
    const absl::Span<const absl::string_view> formal = FormalNamesFor(token);
    name.canonical_given.push_back(formal.empty() ? token
                                                  : std::string(formal[0]));
  }
  for (const std::string& token : name.tokens) {
    if (!token.empty()) name.initials.push_back(token[0]);
  }
  return name;
}

PersonName AssembleLatin(absl::Span<const Word> given,
                         absl::Span<const Word> family, bool chinese,
                         bool order_ambiguous) {
  PersonName name;
  name.chinese = chinese;
  name.order_ambiguous = order_ambiguous;
  if (chinese) {
    // One token per name part, syllables joined, as for Han names.
    if (!family.empty()) {
      name.family.emplace_back(CanonicalSurnamePinyin(JoinWords(family)));
    }
    if (!given.empty()) name.given.push_back(JoinWords(given));
  } else {
    name.family = AllTokens(family);
    name.given = AllTokens(given);
  }
  return Finish(std::move(name));
}

// The split is known (comma, capitals or separate fields).
PersonName AssembleLatinExplicit(absl::Span<const Word> given,
                                 absl::Span<const Word> family) {
  const bool chinese = !family.empty() && AllPinyin(given) &&
                       AllPinyin(family) &&
                       ChineseSurnameRank(JoinWords(family)) >= 0;
  return AssembleLatin(given, family, chinese, /*order_ambiguous=*/false);
}

// No hint of the order: pinyin surname position, else Western order.
PersonName AssembleLatinUnhinted(absl::Span<const Word> words) {
  const size_t n = words.size();
  if (AllPinyin(words)) {
    const int first_rank = ChineseSurnameRank(words.front().Joined());
    const int last_rank =
        n > 1 ? ChineseSurnameRank(words.back().Joined()) : -1;
    if (first_rank >= 0 || last_rank >= 0) {
      const bool family_first =
          last_rank < 0 || (first_rank >= 0 && first_rank <= last_rank);
      const bool ambiguous = first_rank >= 0 && last_rank >= 0;
      if (family_first) {
        return AssembleLatin(words.subspan(1), words.subspan(0, 1), true,
                             ambiguous);
      }
      return AssembleLatin(words.subspan(0, n - 1), words.subspan(n - 1), true,
                           ambiguous);
    }
  }
  size_t family_start = n - 1;
  while (family_start > 1 && words[family_start - 1].tokens.size() == 1 &&
         IsOneOf(words[family_start - 1].tokens[0], kParticles)) {
    --family_start;
  }
  return AssembleLatin(words.subspan(0, family_start),
                       words.subspan(family_start), false, false);
}

PersonName ParseLatinFullName(absl::string_view full_name) {
  std::vector<std::vector<Word>> parts;
  for (absl::string_view part : absl::StrSplit(full_name, ',')) {
    std::vector<Word> words = Words(part);
    if (!words.empty()) parts.push_back(std::move(words));
  }
  // "Robert Smith, Jr.": a part made only of titles is not the given name.
  const auto all_titles = [](const std::vector<Word>& words) {
    return std::all_of(words.begin(), words.end(), IsAnyTitle);
  };
  if (!std::all_of(parts.begin(), parts.end(), all_titles)) {
    parts.erase(std::remove_if(parts.begin(), parts.end(), all_titles),
                parts.end());
  }
  if (parts.empty()) return PersonName();
  for (std::vector<Word>& words : parts) DropTitles(words);

  if (parts.size() >= 2) {
    std::vector<Word> given;
    for (size_t i = 1; i < parts.size(); ++i) {
      given.insert(given.end(), parts[i].begin(), parts[i].end());
    }
    return AssembleLatinExplicit(given, parts[0]);
  }
  const std::vector<Word>& words = parts[0];
  const bool some_caps = std::any_of(words.begin(), words.end(),
                                     [](const Word& w) { return w.all_caps; });
  const bool some_lower = std::any_of(
      words.begin(), words.end(), [](const Word& w) { return w.has_lower; });
  if (some_caps && some_lower) {
    std::vector<Word> given;
    std::vector<Word> family;
    for (const Word& word : words) {
      (word.all_caps ? family : given).push_back(word);
    }
    return AssembleLatinExplicit(given, family);
  }
  return AssembleLatinUnhinted(words);
}

// --- Han script ---

// The code points of UTF-8 `text` as substrings; a malformed byte is a unit
// of its own.
std::vector<absl::string_view> CodePoints(absl::string_view text) {
  std::vector<absl::string_view> out;
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t length = lead < 0x80    ? 1
                    : lead >= 0xF0 ? 4
                    : lead >= 0xE0 ? 3
                    : lead >= 0xC0 ? 2
                                   : 1;
    length = std::min(length, text.size() - i);
    out.push_back(text.substr(i, length));
    i += length;
  }
  return out;
}

// Han characters of `text` in runs (a run ends at any other character), the
// text between consecutive runs, and the rest of the text with each Han
// character replaced by a space.
struct ScriptSplit {
  std::vector<std::string> han_runs;
  std::vector<std::string> gaps;  // gaps[i] lies between runs i and i + 1.
  std::string other;
};

ScriptSplit SplitScripts(absl::string_view text) {
  ScriptSplit split;
  std::string pending;  // Non-Han text since the last run.
  bool in_run = false;
  for (absl::string_view code_point : CodePoints(text)) {
    if (ContainsHan(code_point)) {
      if (!in_run) {
        if (!split.han_runs.empty()) split.gaps.push_back(pending);
        split.han_runs.emplace_back();
      }
      split.han_runs.back().append(code_point.data(), code_point.size());
      split.other.push_back(' ');
      pending.clear();
      in_run = true;
    } else {
      split.other.append(code_point.data(), code_point.size());
      pending.append(code_point.data(), code_point.size());
      in_run = false;
    }
  }
  return split;
}

// "王 伟", "欧阳，修", "山田 太郎": two runs of Han apart only by spaces or
// a comma, the first short enough to be a family name.
bool WrittenApart(const ScriptSplit& split) {
  if (split.han_runs.size() != 2) return false;
  const absl::string_view gap = absl::StripAsciiWhitespace(split.gaps[0]);
  return (gap.empty() || gap == ",") &&
         CodePoints(split.han_runs[0]).size() <= 2;
}

std::string Concatenate(absl::Span<const std::string> runs) {
  return absl::StrJoin(runs, "");
}

void StripHanTitles(std::string& han) {
  for (absl::string_view title : kHanTitles) {
    if (han.size() > title.size() && absl::EndsWith(han, title)) {
      han.resize(han.size() - title.size());
      return;
    }
  }
}

// Bytes of the family name at the start of `han` (simplified, no spaces).
size_t SurnameLength(absl::string_view han) {
  const std::vector<absl::string_view> chars = CodePoints(han);
  if (chars.empty()) return 0;
  const size_t two = chars.size() >= 2 ? chars[0].size() + chars[1].size() : 0;
  if (chars.size() >= 3 && FindChineseSurname(han.substr(0, two)) != nullptr) {
    return two;
  }
  if (FindChineseSurname(chars[0]) != nullptr) return chars[0].size();
  if (chars.size() == 2 && FindChineseSurname(han) != nullptr) return two;
  return chars[0].size();
}

std::string Unspaced(absl::string_view text) {
  return absl::StrReplaceAll(text, {{" ", ""}});
}

std::string SurnamePinyin(absl::string_view han) {
  if (const ChineseSurname* surname = FindChineseSurname(han)) {
    return std::string(surname->pinyin);
  }
  return Unspaced(HanToPinyinName(han));
}

// Latin words beside Han characters, without titles.
std::vector<std::string> ExtraTokens(absl::string_view text) {
  std::vector<Word> words = Words(text);
  words.erase(std::remove_if(words.begin(), words.end(), IsAnyTitle),
              words.end());
  return AllTokens(words);
}

PersonName AssembleHan(absl::string_view family_han,
                       absl::string_view given_han,
                       std::vector<std::string> extra_given,
                       std::vector<std::string> extra_family) {
  PersonName name;
  name.chinese = true;
  name.han = absl::StrCat(family_han, given_han);
  const std::string family_pinyin =
      family_han.empty() ? "" : SurnamePinyin(family_han);
  const std::string given_pinyin =
      given_han.empty() ? "" : Unspaced(HanToPinyin(given_han));
  if (!family_pinyin.empty()) name.family.push_back(family_pinyin);
  if (!given_pinyin.empty()) name.given.push_back(given_pinyin);
  name.han_pinyin = family_pinyin.empty() || given_pinyin.empty()
                        ? family_pinyin + given_pinyin
                        : absl::StrCat(family_pinyin, " ", given_pinyin);
  name.given.insert(name.given.end(), extra_given.begin(), extra_given.end());
  name.family.insert(name.family.end(), extra_family.begin(),
                     extra_family.end());
  return Finish(std::move(name));
}

bool HasNameDot(absl::string_view text) {
  return std::any_of(
      std::begin(kNameDots), std::end(kNameDots),
      [&](absl::string_view dot) { return absl::StrContains(text, dot); });
}

// 约翰·F·肯尼迪: parts in Western order, Han parts as joined pinyin.
PersonName ParseDottedHanName(absl::string_view simplified) {
  std::string text(simplified);
  for (absl::string_view dot : kNameDots) {
    text = absl::StrReplaceAll(text, {{dot, "\x1F"}});
  }
  std::vector<std::vector<std::string>> parts;
  std::string han;
  std::vector<std::string> pinyin_parts;
  for (absl::string_view part : absl::StrSplit(text, '\x1F')) {
    const std::string part_han = Concatenate(SplitScripts(part).han_runs);
    std::vector<std::string> tokens;
    if (!part_han.empty()) {
      han += part_han;
      pinyin_parts.push_back(Unspaced(HanToPinyin(part_han)));
      tokens.push_back(pinyin_parts.back());
    } else {
      tokens = LatinTokens(part);
    }
    if (!tokens.empty()) parts.push_back(std::move(tokens));
  }
  PersonName name;
  name.chinese = true;
  name.han = std::move(han);
  name.han_pinyin = absl::StrJoin(pinyin_parts, " ");
  for (size_t i = 0; i < parts.size(); ++i) {
    std::vector<std::string>& target =
        i + 1 == parts.size() ? name.family : name.given;
    target.insert(target.end(), parts[i].begin(), parts[i].end());
  }
  return Finish(std::move(name));
}

PersonName ParseHanFullName(absl::string_view full_name) {
  const std::string simplified =
      TraditionalToSimplified(FoldSeparators(full_name));
  if (HasNameDot(simplified)) return ParseDottedHanName(simplified);
  ScriptSplit split = SplitScripts(simplified);
  std::string family;
  std::string given;
  if (WrittenApart(split)) {
    family = split.han_runs[0];
    given = split.han_runs[1];
    StripHanTitles(given);
  } else {
    std::string han = Concatenate(split.han_runs);
    StripHanTitles(han);
    const size_t length = SurnameLength(han);
    family = han.substr(0, length);
    given = han.substr(length);
  }
  return AssembleHan(family, given, ExtraTokens(split.other), {});
}

PersonName ParseHanFields(absl::string_view given, absl::string_view family) {
  const ScriptSplit given_split =
      SplitScripts(TraditionalToSimplified(FoldSeparators(given)));
  const ScriptSplit family_split =
      SplitScripts(TraditionalToSimplified(FoldSeparators(family)));
  std::string given_han = Concatenate(given_split.han_runs);
  StripHanTitles(given_han);
  return AssembleHan(Concatenate(family_split.han_runs), given_han,
                     ExtraTokens(given_split.other),
                     ExtraTokens(family_split.other));
}

}  // namespace

PersonName ParsePersonName(absl::string_view full_name) {
  if (ContainsHan(full_name)) return ParseHanFullName(full_name);
  return ParseLatinFullName(FoldSeparators(full_name));
}

PersonName ParsePersonName(absl::string_view given, absl::string_view family) {
  const std::string given_text = FoldSeparators(given);
  const std::string family_text = FoldSeparators(family);
  if (ContainsHan(given_text) || ContainsHan(family_text)) {
    return ParseHanFields(given_text, family_text);
  }
  std::vector<Word> given_words = Words(given_text);
  std::vector<Word> family_words = Words(family_text);
  if (!given_words.empty()) DropTitles(given_words);
  if (!family_words.empty()) DropTitles(family_words);
  return AssembleLatinExplicit(given_words, family_words);
}

}  // namespace mdm::matching
