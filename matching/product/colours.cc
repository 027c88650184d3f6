#include "matching/product/colours.h"

#include <algorithm>
#include <utility>

#include "matching/text_normalizer.h"

namespace mdm::matching {
namespace {

struct ColourWord {
  absl::string_view word;       // as NormalizedTokens writes it
  absl::string_view canonical;  // what ExtractColours returns
};

// One-word colours.
constexpr ColourWord kWords[] = {
    {"black", "black"},       {"white", "white"},
    {"silver", "silver"},     {"grey", "grey"},
    {"gray", "grey"},         {"red", "red"},
    {"blue", "blue"},         {"green", "green"},
    {"gold", "gold"},         {"golden", "gold"},
    {"pink", "pink"},         {"purple", "purple"},
    {"violet", "purple"},     {"yellow", "yellow"},
    {"orange", "orange"},     {"brown", "brown"},
    {"beige", "beige"},       {"navy", "navy"},
    {"bronze", "bronze"},     {"teal", "teal"},
    {"turquoise", "teal"},    {"ivory", "ivory"},
    {"cream", "ivory"},       {"champagne", "champagne"},
    {"graphite", "graphite"}, {"charcoal", "graphite"},
    {"midnight", "midnight"}, {"starlight", "starlight"},
    {"burgundy", "burgundy"}, {"maroon", "burgundy"},
    {"cyan", "cyan"},         {"magenta", "magenta"},
    {"copper", "copper"},     {"khaki", "khaki"},
};

// Two-word colours, checked before their words count alone.
struct ColourPhrase {
  absl::string_view first, second;
  absl::string_view canonical;
};
constexpr ColourPhrase kPhrases[] = {
    {"space", "gray", "grey"},    {"space", "grey", "grey"},
    {"rose", "gold", "rosegold"}, {"navy", "blue", "navy"},
    {"sky", "blue", "skyblue"},   {"dark", "grey", "graphite"},
    {"dark", "gray", "graphite"}, {"jet", "black", "black"},
};

// Chinese colour words; each is matched with 色 after it.
constexpr ColourWord kHan[] = {
    {"黑", "black"}, {"白", "white"},  {"银", "silver"},       {"灰", "grey"},
    {"红", "red"},   {"蓝", "blue"},   {"绿", "green"},        {"金", "gold"},
    {"粉", "pink"},  {"紫", "purple"}, {"黄", "yellow"},       {"橙", "orange"},
    {"棕", "brown"}, {"米", "beige"},  {"玫瑰金", "rosegold"},
};

absl::string_view CanonicalWord(absl::string_view token) {
  for (const ColourWord& colour : kWords) {
    if (colour.word == token) return colour.canonical;
  }
  return {};
}

}  // namespace

std::vector<std::string> ExtractColours(absl::string_view text) {
  std::vector<std::string> colours;
  const std::vector<std::string> tokens = NormalizedTokens(text);
  for (size_t i = 0; i < tokens.size(); ++i) {
    bool phrase = false;
    if (i + 1 < tokens.size()) {
      for (const ColourPhrase& p : kPhrases) {
        if (p.first == tokens[i] && p.second == tokens[i + 1]) {
          colours.emplace_back(p.canonical);
          phrase = true;
          ++i;
          break;
        }
      }
    }
    if (phrase) continue;
    const absl::string_view canonical = CanonicalWord(tokens[i]);
    if (!canonical.empty()) colours.emplace_back(canonical);
  }
  // Chinese: the colour character(s), then 色. "玫瑰金色" is rose gold, not
  // gold: longer words are tried first at each 色.
  constexpr absl::string_view kSe = "色";
  for (size_t at = text.find(kSe); at != absl::string_view::npos;
       at = text.find(kSe, at + kSe.size())) {
    const absl::string_view before = text.substr(0, at);
    const ColourWord* best = nullptr;
    for (const ColourWord& colour : kHan) {
      if (before.size() >= colour.word.size() &&
          before.substr(before.size() - colour.word.size()) == colour.word &&
          (best == nullptr || colour.word.size() > best->word.size())) {
        best = &colour;
      }
    }
    if (best != nullptr) colours.emplace_back(best->canonical);
  }
  std::sort(colours.begin(), colours.end());
  colours.erase(std::unique(colours.begin(), colours.end()), colours.end());
  return colours;
}

bool ColoursConflict(const std::vector<std::string>& a,
                     const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return false;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) return false;
    if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return true;
}

}  // namespace mdm::matching
