#include "matching/organization/organization_name.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "matching/organization/business_terms.h"
#include "matching/organization/chinese_regions.h"
#include "matching/organization/legal_forms.h"
#include "matching/text_normalizer.h"
#include "matching/transliteration.h"

namespace mdm::matching {
namespace {

enum class CjkScript { kNone, kHan, kKana, kHangul };

CjkScript ScriptOf(UChar32 c) {
  // Marks that belong to Japanese text although Unicode calls them Common:
  // the prolonged sound mark, iteration marks and voicing marks.
  if (c == 0x30FC || c == 0x30FD || c == 0x30FE || c == 0x309B || c == 0x309C ||
      c == 0x309D || c == 0x309E) {
    return CjkScript::kKana;
  }
  if (c == 0x3005 || c == 0x3006 || c == 0x3007) return CjkScript::kHan;
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(c, &status)) {
    case USCRIPT_HAN:
      return CjkScript::kHan;
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_KATAKANA_OR_HIRAGANA:
      return CjkScript::kKana;
    case USCRIPT_HANGUL:
      return CjkScript::kHangul;
    default:
      return CjkScript::kNone;
  }
}

// Decodes the code point at `*i` and advances past it; invalid bytes decode
// as a negative value.
UChar32 NextCodePoint(absl::string_view text, size_t* i) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t offset = static_cast<int32_t>(*i);
  UChar32 c;
  U8_NEXT(bytes, offset, length, c);
  *i = static_cast<size_t>(offset);
  return c;
}

// A Latin word (ASCII, normalized) or a run of Han, kana and Hangul.
struct Piece {
  std::string text;
  bool cjk = false;
};

// Cuts normalized text into pieces; words in other scripts and accented words
// are transliterated to ASCII.
std::vector<Piece> SplitPieces(absl::string_view normalized) {
  std::vector<Piece> pieces;
  auto add_latin = [&pieces](absl::string_view run) {
    const bool ascii = std::all_of(
        run.begin(), run.end(), [](char c) { return absl::ascii_isascii(c); });
    if (ascii) {
      pieces.push_back({std::string(run), false});
      return;
    }
    for (std::string& word : NormalizedTokens(ToLatin(run))) {
      pieces.push_back({std::move(word), false});
    }
  };
  for (absl::string_view token :
       absl::StrSplit(normalized, ' ', absl::SkipEmpty())) {
    size_t run_start = 0;
    bool run_cjk = false;
    for (size_t i = 0; i < token.size();) {
      const size_t start = i;
      const bool cjk = ScriptOf(NextCodePoint(token, &i)) != CjkScript::kNone;
      if (start == 0) {
        run_cjk = cjk;
      } else if (cjk != run_cjk) {
        const absl::string_view run =
            token.substr(run_start, start - run_start);
        if (run_cjk) {
          pieces.push_back({std::string(run), true});
        } else {
          add_latin(run);
        }
        run_start = start;
        run_cjk = cjk;
      }
    }
    const absl::string_view run = token.substr(run_start);
    if (run_cjk) {
      pieces.push_back({std::string(run), true});
    } else {
      add_latin(run);
    }
  }
  return pieces;
}

// The name outside brackets, and the text inside each outermost bracket.
struct Bracketed {
  std::string main;
  std::vector<std::string> brackets;
};

Bracketed CutBrackets(absl::string_view text) {
  constexpr absl::string_view kOpen[] = {"(", "[", "（", "【"};
  constexpr absl::string_view kClose[] = {")", "]", "）", "】"};
  auto match_any = [](absl::string_view rest, auto& marks) -> size_t {
    for (absl::string_view mark : marks) {
      if (absl::StartsWith(rest, mark)) return mark.size();
    }
    return 0;
  };
  Bracketed result;
  std::string inside;
  int depth = 0;
  for (size_t i = 0; i < text.size();) {
    const absl::string_view rest = text.substr(i);
    if (const size_t open = match_any(rest, kOpen); open > 0) {
      if (depth++ == 0) {
        result.main.push_back(' ');
      } else {
        inside.push_back(' ');
      }
      i += open;
      continue;
    }
    if (const size_t close = match_any(rest, kClose); close > 0) {
      if (depth > 0 && --depth == 0) {
        result.brackets.push_back(std::move(inside));
        inside.clear();
      } else {
        (depth > 0 ? inside : result.main).push_back(' ');
      }
      i += close;
      continue;
    }
    (depth > 0 ? inside : result.main).push_back(text[i]);
    ++i;
  }
  if (depth > 0) result.brackets.push_back(std::move(inside));
  return result;
}

bool IsStopword(absl::string_view word) {
  return word == "the" || word == "and" || word == "of";
}

void AppendCanonical(absl::string_view canonical,
                     std::vector<std::string>* tokens) {
  for (absl::string_view token :
       absl::StrSplit(canonical, ' ', absl::SkipEmpty())) {
    if (!IsStopword(token)) tokens->emplace_back(token);
  }
}

void AppendHan(absl::string_view text, std::string* han) {
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    if (ScriptOf(NextCodePoint(text, &i)) == CjkScript::kHan) {
      absl::StrAppend(han, text.substr(start, i - start));
    }
  }
}

// Romanizes a run of one script into one token of ASCII letters and digits.
std::string RomanizeRun(absl::string_view run, CjkScript script) {
  const std::string latin =
      script == CjkScript::kHan ? HanToPinyin(run) : ToLatin(run);
  std::string token;
  for (char c : latin) {
    if (absl::ascii_isalnum(c)) token.push_back(absl::ascii_tolower(c));
  }
  return token;
}

// Segments a CJK run into business terms (longest match) and the runs between
// them, one token per run of one script.
void AppendCjkTokens(absl::string_view run, std::vector<std::string>* tokens,
                     std::string* han) {
  std::string pending;
  CjkScript pending_script = CjkScript::kNone;
  auto flush = [&] {
    if (pending.empty()) return;
    std::string token = RomanizeRun(pending, pending_script);
    if (!token.empty()) tokens->push_back(std::move(token));
    pending.clear();
  };
  for (size_t i = 0; i < run.size();) {
    const CjkTermMatch term = MatchCjkBusinessTermPrefix(run.substr(i));
    if (term.length > 0) {
      flush();
      AppendHan(run.substr(i, term.length), han);
      AppendCanonical(term.canonical, tokens);
      i += term.length;
      continue;
    }
    const size_t start = i;
    const CjkScript script = ScriptOf(NextCodePoint(run, &i));
    if (script != pending_script) flush();
    pending_script = script;
    const absl::string_view character = run.substr(start, i - start);
    absl::StrAppend(&pending, character);
    if (script == CjkScript::kHan) absl::StrAppend(han, character);
  }
  flush();
}

struct Core {
  std::vector<std::string> tokens;
  std::string han;
  bool has_cjk = false;
};

Core BuildCore(const std::vector<Piece>& pieces) {
  Core core;
  for (const Piece& piece : pieces) {
    if (piece.cjk) {
      core.has_cjk = true;
      AppendCjkTokens(piece.text, &core.tokens, &core.han);
      continue;
    }
    const absl::string_view canonical = CanonicalBusinessTerm(piece.text);
    if (!canonical.empty()) {
      AppendCanonical(canonical, &core.tokens);
    } else if (!IsStopword(piece.text)) {
      core.tokens.push_back(piece.text);
    }
  }
  return core;
}

bool HasDistinctiveToken(const std::vector<std::string>& tokens) {
  return std::any_of(tokens.begin(), tokens.end(),
                     [](const std::string& t) { return !IsBusinessTerm(t); });
}

// Removes one legal form from the end of the pieces, else from the start.
std::string StripLegalForm(std::vector<Piece>* pieces) {
  if (pieces->empty()) return "";
  if (Piece& last = pieces->back(); last.cjk) {
    const LegalFormMatch match = MatchCjkLegalFormSuffix(last.text);
    if (match.length > 0) {
      last.text.resize(last.text.size() - match.length);
      if (last.text.empty()) pieces->pop_back();
      return std::string(match.code);
    }
  } else {
    std::vector<std::string> words;
    for (auto it = pieces->rbegin(); it != pieces->rend() && !it->cjk; ++it) {
      words.push_back(it->text);
    }
    std::reverse(words.begin(), words.end());
    const LegalFormMatch match = MatchTrailingLegalForm(words);
    if (match.length > 0) {
      pieces->resize(pieces->size() - match.length);
      return std::string(match.code);
    }
  }
  if (Piece& first = pieces->front(); first.cjk) {
    const LegalFormMatch match = MatchCjkLegalFormPrefix(first.text);
    if (match.length > 0) {
      first.text.erase(0, match.length);
      if (first.text.empty()) pieces->erase(pieces->begin());
      return std::string(match.code);
    }
  } else {
    std::vector<std::string> words;
    for (auto it = pieces->begin(); it != pieces->end() && !it->cjk; ++it) {
      words.push_back(it->text);
    }
    const LegalFormMatch match = MatchLeadingLegalForm(words);
    if (match.length > 0) {
      pieces->erase(pieces->begin(), pieces->begin() + match.length);
      return std::string(match.code);
    }
  }
  return "";
}

// A branch marker and its place, cut from the end of a name.
struct BranchCut {
  bool branch = false;
  std::string place;
};

// The longest region (chinese_regions.h) that ends the Han text `text`; its
// byte length, 0 when none.
size_t TrailingRegionLength(absl::string_view text, std::string* canonical) {
  constexpr int kLongestRegion = 8;  // code points: 广西壮族自治区 is 7
  std::vector<size_t> starts;
  for (size_t i = 0; i < text.size();) {
    starts.push_back(i);
    NextCodePoint(text, &i);
  }
  const size_t first =
      starts.size() > kLongestRegion ? starts.size() - kLongestRegion : 0;
  for (size_t k = first; k < starts.size(); ++k) {
    // Leave something of the name before the place.
    if (k == 0) continue;
    if (std::optional<Region> region = FindRegion(text.substr(starts[k]))) {
      *canonical = std::string(region->canonical);
      return text.size() - starts[k];
    }
  }
  return 0;
}

// Removes a trailing branch marker (分公司, "branch") and the place before it.
BranchCut StripBranch(std::vector<Piece>* pieces) {
  constexpr absl::string_view kCjkMarkers[] = {
      "分公司", "分行", "支行", "分店", "分厂", "办事处", "营业部", "代表处"};
  BranchCut cut;
  if (pieces->empty()) return cut;
  if (Piece& last = pieces->back(); last.cjk) {
    for (absl::string_view marker : kCjkMarkers) {
      if (!absl::EndsWith(last.text, marker)) continue;
      cut.branch = true;
      last.text.resize(last.text.size() - marker.size());
      if (last.text.empty()) {
        // "华信软件有限公司 北京 分公司": the place is a piece of its own.
        pieces->pop_back();
        if (!pieces->empty() && pieces->back().cjk && pieces->size() > 1) {
          if (std::optional<Region> region = FindRegion(pieces->back().text)) {
            cut.place = std::string(region->canonical);
            pieces->pop_back();
          }
        }
        return cut;
      }
      const size_t place = TrailingRegionLength(last.text, &cut.place);
      last.text.resize(last.text.size() - place);
      return cut;
    }
    return cut;
  }
  // "Niederlassung Düsseldorf", "Zweigniederlassung München", "Filiale
  // Paris": the marker comes before its place.
  for (size_t words = 1; words <= 3 && words + 1 < pieces->size(); ++words) {
    const Piece& marker = (*pieces)[pieces->size() - words - 1];
    if (marker.cjk ||
        (marker.text != "niederlassung" &&
         marker.text != "zweigniederlassung" && marker.text != "filiale")) {
      continue;
    }
    std::vector<absl::string_view> place;
    for (size_t i = pieces->size() - words; i < pieces->size(); ++i) {
      place.push_back((*pieces)[i].text);
    }
    const std::string joined = absl::StrJoin(place, " ");
    const std::optional<Region> region = FindRegion(joined);
    cut.branch = true;
    cut.place = region.has_value() ? std::string(region->canonical) : joined;
    pieces->resize(pieces->size() - words - 1);
    return cut;
  }
  size_t marker = 0;
  const size_t n = pieces->size();
  if (n >= 2 && (*pieces)[n - 1].text == "branch") {
    marker = 1;
  } else if (n >= 3 && (*pieces)[n - 2].text == "branch" &&
             (*pieces)[n - 1].text == "office") {
    marker = 2;
  }
  if (marker == 0) return cut;
  cut.branch = true;
  pieces->resize(n - marker);
  // The place: a region of one or two words, else one word that is not a
  // legal form, as long as a name remains before it.
  for (size_t words = 2; words >= 1; --words) {
    if (pieces->size() <= words) continue;
    std::vector<absl::string_view> tail;
    for (size_t i = pieces->size() - words; i < pieces->size(); ++i) {
      if ((*pieces)[i].cjk) break;
      tail.push_back((*pieces)[i].text);
    }
    if (tail.size() != words) continue;
    if (std::optional<Region> region = FindRegion(absl::StrJoin(tail, " "))) {
      cut.place = std::string(region->canonical);
      pieces->resize(pieces->size() - words);
      return cut;
    }
  }
  if (pieces->size() >= 2 && !pieces->back().cjk &&
      MatchTrailingLegalForm({pieces->back().text}).length == 0) {
    cut.place = std::move(pieces->back().text);
    pieces->pop_back();
  }
  return cut;
}

// A province or city removed from the start of the name, with the Han text
// it covered ("" for Latin).
struct LeadingRegion {
  std::optional<Region> region;
  std::string han;
};

LeadingRegion StripLeadingRegion(std::vector<Piece>* pieces) {
  if (pieces->empty()) return {};
  Piece& first = pieces->front();
  if (first.cjk) {
    const RegionPrefix prefix = MatchChineseRegionPrefix(first.text);
    if (!prefix.region.has_value()) return {};
    LeadingRegion result{prefix.region, first.text.substr(0, prefix.length)};
    first.text.erase(0, prefix.length);
    if (first.text.empty()) pieces->erase(pieces->begin());
    return result;
  }
  for (size_t n = std::min<size_t>(2, pieces->size()); n > 0; --n) {
    std::vector<absl::string_view> words;
    for (size_t i = 0; i < n && !(*pieces)[i].cjk; ++i) {
      words.push_back((*pieces)[i].text);
    }
    if (words.size() < n) continue;
    const std::optional<Region> region = FindRegion(absl::StrJoin(words, " "));
    if (region.has_value() && region->level != RegionLevel::kCountry) {
      pieces->erase(pieces->begin(), pieces->begin() + n);
      return {region, ""};
    }
  }
  return {};
}

std::optional<Region> BracketRegion(absl::string_view normalized) {
  if (std::optional<Region> region = FindRegion(normalized)) return region;
  return FindRegion(NormalizeText(ToLatin(normalized)));
}

// See OrganizationName::acronym.
std::string Acronym(absl::string_view main, const Core& core) {
  if (core.has_cjk || core.tokens.empty()) return "";
  std::vector<absl::string_view> words =
      absl::StrSplit(main, absl::ByAnyChar(" \t\n\r,"), absl::SkipEmpty());
  if (!words.empty() && absl::EqualsIgnoreCase(words.front(), "the")) {
    words.erase(words.begin());
  }
  if (!words.empty()) {
    const absl::string_view word = words.front();
    int alnum = 0;
    bool letter = false;
    bool all_caps = true;
    for (char c : word) {
      if (absl::ascii_isalnum(c)) ++alnum;
      if (absl::ascii_isalpha(c)) letter = true;
      if (!absl::ascii_isupper(c) && !absl::ascii_isdigit(c) &&
          !absl::StrContains("&.-'+", c)) {
        all_caps = false;
      }
    }
    if (all_caps && letter && alnum >= 2 && alnum <= 5) {
      std::vector<std::string> word_tokens = NormalizedTokens(word);
      if (word_tokens == core.tokens) return absl::StrJoin(word_tokens, "");
    }
  }
  if (core.tokens.size() < 2) return "";
  std::string acronym;
  for (const std::string& token : core.tokens) {
    // A word of a script ToLatin cannot romanize has no Latin initial.
    if (!absl::ascii_isalnum(token[0])) return "";
    acronym.push_back(token[0]);
  }
  return acronym;
}

}  // namespace

OrganizationName ParseOrganizationName(absl::string_view name) {
  OrganizationName result;
  // Compatibility characters may hold Han that only normalization shows
  // (㈺ is "(呼)").
  result.has_han =
      ContainsHan(name) || (!absl::c_all_of(name, absl::ascii_isascii) &&
                            ContainsHan(NormalizeText(name)));
  // ㈱, ㈲ and ㈜ are one character each; spell them as brackets.
  std::string text = absl::StrReplaceAll(
      name, {{"㈱", "(株)"}, {"㈲", "(有)"}, {"㈜", "(주)"}});
  if (result.has_han) text = TraditionalToSimplified(text);
  const Bracketed bracketed = CutBrackets(text);
  std::vector<Piece> pieces = SplitPieces(NormalizeText(bracketed.main));
  if (BranchCut branch = StripBranch(&pieces); branch.branch) {
    result.branch = true;
    result.branch_place = std::move(branch.place);
  }
  result.legal_form = StripLegalForm(&pieces);
  if (!result.legal_form.empty()) {
    // "Development Company, L.P.": the outer form is the legal form; an inner
    // one goes too unless it is all that is left.
    std::vector<Piece> inner = pieces;
    if (!StripLegalForm(&inner).empty() && !inner.empty()) {
      pieces = std::move(inner);
    }
  }

  std::vector<Region> regions;
  for (const std::string& bracket : bracketed.brackets) {
    const std::string normalized = NormalizeText(bracket);
    if (normalized.empty()) continue;
    std::vector<Piece> bracket_pieces = SplitPieces(normalized);
    if (BranchCut branch = StripBranch(&bracket_pieces); branch.branch) {
      // "（北京分公司）"; "(Beijing Branch)" leaves its place as a piece.
      result.branch = true;
      result.branch_place = std::move(branch.place);
      if (result.branch_place.empty() && bracket_pieces.size() == 1) {
        const absl::string_view place = bracket_pieces.front().text;
        std::optional<Region> region = FindRegion(place);
        result.branch_place = region.has_value()
                                  ? std::string(region->canonical)
                                  : std::string(place);
      }
      continue;
    }
    if (std::optional<Region> region = BracketRegion(normalized)) {
      regions.push_back(*region);
      continue;
    }
    if (absl::string_view code = LegalFormOf(normalized); !code.empty()) {
      if (result.legal_form.empty()) result.legal_form = std::string(code);
      continue;
    }
    const Core qualifier = BuildCore(SplitPieces(normalized));
    if (!qualifier.tokens.empty()) {
      result.qualifiers.push_back(absl::StrJoin(qualifier.tokens, " "));
    }
  }

  const LeadingRegion leading = StripLeadingRegion(&pieces);
  Core core = BuildCore(pieces);
  if (leading.region.has_value()) {
    regions.insert(regions.begin(), *leading.region);
    if (!HasDistinctiveToken(core.tokens)) {
      // 上海银行: without 上海 only "bank" would remain.
      core.tokens.insert(core.tokens.begin(),
                         std::string(leading.region->canonical));
      core.han = leading.han + core.han;
    }
  }
  if (!regions.empty()) {
    const auto finest = std::max_element(
        regions.begin(), regions.end(),
        [](const Region& a, const Region& b) { return a.level < b.level; });
    result.region = std::string(finest->canonical);
    for (auto it = regions.begin(); it != regions.end(); ++it) {
      if (it != finest) result.qualifiers.emplace_back(it->canonical);
    }
  }

  result.acronym = Acronym(bracketed.main, core);
  for (const std::string& token : core.tokens) {
    if (IsBusinessTerm(token)) result.generic_tokens.push_back(token);
  }
  result.core_key = absl::StrJoin(core.tokens, "");
  result.han_core = std::move(core.han);
  result.core_tokens = std::move(core.tokens);
  return result;
}

}  // namespace mdm::matching
