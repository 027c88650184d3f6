#include "matching/product/model_numbers.h"

#include <re2/re2.h>

#include <algorithm>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "matching/product/quantities.h"

namespace mdm::matching {
namespace {

re2::StringPiece Piece(absl::string_view text) {
  return re2::StringPiece(text.data(), text.size());
}

absl::string_view View(const re2::StringPiece& piece) {
  return absl::string_view(piece.data(), piece.size());
}

// A run of letters and digits joined by dashes, dots or slashes.
const RE2& WordRegex() {
  static const RE2* const regex =
      new RE2(R"(([A-Za-z0-9]+(?:[-./][A-Za-z0-9]+)*))");
  return *regex;
}

// A keyword, its optional "no"/"#" and punctuation, then the model.
const RE2& KeywordRegex() {
  static const RE2* const regex = new RE2(
      R"((?i)\b(model|part|item|p/n|pn|mpn|sku)\b((?:\s*(?:no|nr|number|num)\b)?[\s.:#]*)([a-z0-9]+(?:[-./][a-z0-9]+)*))");
  return *regex;
}

// Words that hold letters and digits but name no product (see header).
const RE2& NotModelRegex() {
  static const RE2* const regex = new RE2(
      "\\d+(?:ST|ND|RD|TH)"              // ordinals
      "|\\d{3,4}X\\d{3,4}|\\d{3,4}[PI]"  // resolutions
      "|\\d?X{1,3}[SL]"                  // clothing sizes
      "|\\d+IN\\d+"                      // 2-in-1
      "|\\d+[A-Z]{3,}"                   // 4-port, 8core, 12month
      "|80211[A-Z]*|IP\\d\\d"            // Wi-Fi, ingress protection
      "|MP[34]|M4[AV]|[HX]26[45]|MPEG\\d|AV1|VP9"
      "|(?:LP|G)?DDR\\d+X?|USB\\d*|IPV[46]|WPA\\d|PCIE\\d*|HDMI\\d*"
      "|HDR\\d+|CAT\\d+[AE]?|WIFI\\d+E?|A2DP|X86|X64|ARM64|AMD64|[2-5]G|3D");
  return *regex;
}

const RE2& VersionRegex() {
  static const RE2* const regex =
      new RE2(R"((?i)v\d+(?:\.\d+)+|f/\d+(?:\.\d+)?)");
  return *regex;
}

// Upper-case words that are not model prefixes in "RTX 3080".
bool IsCommonPrefix(absl::string_view word) {
  static const auto* const words = new absl::flat_hash_set<absl::string_view>{
      "AA",   "AAA", "ABS",  "AC",  "ALL",  "AM",   "AND", "ANSI", "ART",
      "ATV",  "BIG", "BOX",  "BT",  "BY",   "CAR",  "CD",  "CM",   "CPU",
      "DC",   "DIN", "DVD",  "EAN", "EU",   "EV",   "FHD", "FM",   "FOR",
      "GB",   "GPS", "GPU",  "HD",  "HDD",  "HDMI", "HOT", "IN",   "IP",
      "IR",   "ISO", "ITEM", "KIT", "LB",   "LCD",  "LED", "LOT",  "LTE",
      "MAX",  "MB",  "MINI", "MM",  "MP",   "MPN",  "MS",  "NEW",  "NFC",
      "NO",   "NR",  "OEM",  "OF",  "OLED", "ONE",  "OS",  "OZ",   "PACK",
      "PART", "PC",  "PM",   "PN",  "PRO",  "PVC",  "QHD", "QLED", "QTY",
      "RAM",  "REF", "REV",  "RGB", "SET",  "SIZE", "SKU", "SSD",  "SUV",
      "TB",   "THE", "TOP",  "TV",  "TWO",  "UHD",  "UK",  "UPC",  "USA",
      "USB",  "UTV", "VAN",  "VER", "WIN",  "WITH", "WPA", "XP",
  };
  return words->contains(word);
}

std::string Compact(absl::string_view raw) {
  std::string compact;
  for (char c : raw) {
    if (absl::ascii_isalnum(c)) compact.push_back(absl::ascii_toupper(c));
  }
  return compact;
}

bool HasLetterAndDigit(absl::string_view text) {
  return std::any_of(text.begin(), text.end(), absl::ascii_isalpha) &&
         std::any_of(text.begin(), text.end(), absl::ascii_isdigit);
}

bool IsModelWord(absl::string_view raw, absl::string_view compact) {
  return compact.size() >= 3 && HasLetterAndDigit(compact) &&
         !RE2::FullMatch(Piece(compact), NotModelRegex()) &&
         !RE2::FullMatch(Piece(raw), VersionRegex());
}

bool IsAllUpperLetters(absl::string_view raw, size_t min, size_t max) {
  return raw.size() >= min && raw.size() <= max &&
         std::all_of(raw.begin(), raw.end(), absl::ascii_isupper);
}

bool IsAllDigits(absl::string_view raw, size_t min, size_t max) {
  return raw.size() >= min && raw.size() <= max &&
         std::all_of(raw.begin(), raw.end(), absl::ascii_isdigit);
}

// "XM4", "V2": 1-3 letters then 1-2 digits.
bool IsShortSuffix(absl::string_view raw) {
  size_t letters = 0;
  while (letters < raw.size() && absl::ascii_isalpha(raw[letters])) ++letters;
  const size_t digits = raw.size() - letters;
  return letters >= 1 && letters <= 3 && digits >= 1 && digits <= 2 &&
         IsAllDigits(raw.substr(letters), 1, 2);
}

struct Word {
  absl::string_view raw;
  size_t begin = 0;
  size_t end = 0;
};

// `text` with every quantity blanked out, offsets unchanged.
std::string MaskQuantities(absl::string_view text) {
  std::string masked(text);
  for (const QuantityMatch& match : FindQuantities(text)) {
    std::fill(masked.begin() + match.begin, masked.begin() + match.end, ' ');
  }
  return masked;
}

}  // namespace

std::vector<ModelNumberMatch> FindModelNumbers(absl::string_view text) {
  const std::string masked = MaskQuantities(text);
  const re2::StringPiece input = Piece(masked);
  auto offset = [&masked](const re2::StringPiece& piece) {
    return static_cast<size_t>(piece.data() - masked.data());
  };

  std::vector<ModelNumberMatch> matches;
  // Models named by a keyword: "model 12345", "Item #: AB-12".
  re2::StringPiece groups[4];
  for (size_t pos = 0; pos < masked.size();) {
    if (!KeywordRegex().Match(input, pos, input.size(), RE2::UNANCHORED, groups,
                              4)) {
      break;
    }
    pos = offset(groups[0]) + groups[0].size();
    const bool item = absl::AsciiStrToLower(View(groups[1])) == "item";
    if (item &&
        View(groups[2]).find_first_not_of(" \t.:") == absl::string_view::npos) {
      continue;  // "item" alone is too common a word
    }
    std::string model = Compact(View(groups[3]));
    if (model.size() >= 3 &&
        std::any_of(model.begin(), model.end(), absl::ascii_isdigit)) {
      matches.push_back({std::move(model), offset(groups[3]),
                         offset(groups[3]) + groups[3].size()});
    }
  }
  const std::vector<ModelNumberMatch> by_keyword = matches;
  auto taken = [&by_keyword](const Word& word) {
    return std::any_of(by_keyword.begin(), by_keyword.end(),
                       [&](const ModelNumberMatch& m) {
                         return word.begin < m.end && m.begin < word.end;
                       });
  };

  std::vector<Word> words;
  re2::StringPiece word_input = input;
  re2::StringPiece word;
  while (RE2::FindAndConsume(&word_input, WordRegex(), &word)) {
    const Word w{View(word), offset(word), offset(word) + word.size()};
    if (!taken(w)) words.push_back(w);
  }
  auto single_space_between = [&](size_t i) {
    return i + 1 < words.size() && words[i + 1].begin == words[i].end + 1 &&
           masked[words[i].end] == ' ';
  };
  for (size_t i = 0; i < words.size(); ++i) {
    const Word& first = words[i];
    ModelNumberMatch match{"", first.begin, first.end};
    if (IsAllUpperLetters(first.raw, 2, 4) && !IsCommonPrefix(first.raw) &&
        single_space_between(i) && IsAllDigits(words[i + 1].raw, 3, 5)) {
      match.model = absl::StrCat(first.raw, words[i + 1].raw);  // "RTX 3080"
      match.end = words[++i].end;
    } else if (const std::string compact = Compact(first.raw);
               IsModelWord(first.raw, compact)) {
      match.model = compact;
    } else {
      continue;
    }
    if (absl::ascii_isdigit(match.model.back()) && single_space_between(i) &&
        IsShortSuffix(words[i + 1].raw)) {
      absl::StrAppend(&match.model, Compact(words[i + 1].raw));  // "XM4"
      match.end = words[++i].end;
    }
    matches.push_back(std::move(match));
  }
  std::stable_sort(matches.begin(), matches.end(),
                   [](const ModelNumberMatch& a, const ModelNumberMatch& b) {
                     return a.begin < b.begin;
                   });
  return matches;
}

std::vector<std::string> ExtractModelNumbers(absl::string_view text) {
  std::vector<std::string> models;
  for (ModelNumberMatch& match : FindModelNumbers(text)) {
    if (std::find(models.begin(), models.end(), match.model) == models.end()) {
      models.push_back(std::move(match.model));
    }
  }
  return models;
}

}  // namespace mdm::matching
