#include "matching/product/quantities.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

namespace mdm::matching {
namespace {

struct UnitEntry {
  absl::string_view spelling;   // lower-case letters only
  absl::string_view canonical;  // canonical unit
  double factor;                // canonical value = value * factor
};

constexpr UnitEntry kUnits[] = {
    {"tb", "gb", 1000},     {"terabyte", "gb", 1000}, {"terabytes", "gb", 1000},
    {"gb", "gb", 1},        {"gigabyte", "gb", 1},    {"gigabytes", "gb", 1},
    {"mb", "gb", 1e-3},     {"megabyte", "gb", 1e-3}, {"megabytes", "gb", 1e-3},
    {"kb", "gb", 1e-6},     {"kilobyte", "gb", 1e-6}, {"kilobytes", "gb", 1e-6},
    {"ghz", "hz", 1e9},     {"mhz", "hz", 1e6},       {"khz", "hz", 1e3},
    {"hz", "hz", 1},        {"m", "mm", 1000},        {"meter", "mm", 1000},
    {"meters", "mm", 1000}, {"metre", "mm", 1000},    {"metres", "mm", 1000},
    {"cm", "mm", 10},       {"mm", "mm", 1},          {"in", "in", 1},
    {"inch", "in", 1},      {"inches", "in", 1},      {"ft", "in", 12},
    {"feet", "in", 12},     {"foot", "in", 12},       {"kg", "g", 1000},
    {"kgs", "g", 1000},     {"kilogram", "g", 1000},  {"kilograms", "g", 1000},
    {"g", "g", 1},          {"gr", "g", 1},           {"gram", "g", 1},
    {"grams", "g", 1},      {"mg", "g", 1e-3},        {"lb", "oz", 16},
    {"lbs", "oz", 16},      {"pound", "oz", 16},      {"pounds", "oz", 16},
    {"oz", "oz", 1},        {"ounce", "oz", 1},       {"ounces", "oz", 1},
    {"floz", "floz", 1},    {"l", "ml", 1000},        {"liter", "ml", 1000},
    {"liters", "ml", 1000}, {"litre", "ml", 1000},    {"litres", "ml", 1000},
    {"cl", "ml", 10},       {"ml", "ml", 1},          {"kw", "w", 1000},
    {"w", "w", 1},          {"watt", "w", 1},         {"watts", "w", 1},
    {"v", "v", 1},          {"volt", "v", 1},         {"volts", "v", 1},
    {"mah", "mah", 1},      {"mp", "mp", 1},          {"mpx", "mp", 1},
    {"megapixel", "mp", 1}, {"megapixels", "mp", 1},  {"pack", "pack", 1},
    {"packs", "pack", 1},   {"pk", "pack", 1},        {"ct", "pack", 1},
    {"count", "pack", 1},   {"pcs", "pack", 1},       {"piece", "pack", 1},
    {"pieces", "pack", 1},  {"cup", "cup", 1},        {"cups", "cup", 1},
    {"port", "port", 1},    {"ports", "port", 1},     {"x", "x", 1},
};

// Units written in Chinese after the number, glued or not ("34英寸", "2件装",
// "20000毫安"): no word boundary follows a Han character.
constexpr UnitEntry kCjkUnits[] = {
    {"英寸", "in", 1},   {"毫安时", "mah", 1}, {"毫安", "mah", 1},
    {"千克", "g", 1000}, {"公斤", "g", 1000},  {"克", "g", 1},
    {"毫升", "ml", 1},   {"升", "ml", 1000},   {"厘米", "mm", 10},
    {"毫米", "mm", 1},   {"米", "mm", 1000},   {"千瓦", "w", 1000},
    {"瓦", "w", 1},      {"伏", "v", 1},       {"件装", "pack", 1},
    {"个装", "pack", 1}, {"支装", "pack", 1},  {"只装", "pack", 1},
    {"盒装", "pack", 1}, {"片装", "pack", 1},  {"袋装", "pack", 1},
    {"瓶装", "pack", 1}, {"卷装", "pack", 1},  {"件套", "pack", 1},
    {"杯", "cup", 1},    {"口", "port", 1},
};

const UnitEntry* FindCjkUnit(absl::string_view matched) {
  for (const UnitEntry& unit : kCjkUnits) {
    if (unit.spelling == matched) return &unit;
  }
  return nullptr;
}

// Inch marks: straight double quote, two single quotes, right double
// quotation mark, double prime.
constexpr absl::string_view kInchMarks[] = {"\"", "''", "”", "″"};

const UnitEntry* FindUnit(absl::string_view matched) {
  std::string letters;
  for (char c : matched) {
    if (absl::ascii_isalpha(c)) letters.push_back(absl::ascii_tolower(c));
  }
  for (const UnitEntry& unit : kUnits) {
    if (unit.spelling == letters) return &unit;
  }
  return nullptr;
}

// number, separator, then a unit word or an inch mark.
std::string QuantityPattern() {
  std::vector<std::string> words;
  for (const UnitEntry& unit : kUnits) {
    if (unit.spelling != "floz") words.emplace_back(unit.spelling);
  }
  // Longest first, so that "inch" is tried before "in".
  std::sort(words.begin(), words.end(),
            [](const std::string& a, const std::string& b) {
              return a.size() > b.size();
            });
  words.insert(words.begin(), R"(fl\.?\s*oz)");
  std::vector<std::string> marks;
  for (absl::string_view mark : kInchMarks) {
    marks.push_back(RE2::QuoteMeta(re2::StringPiece(mark.data(), mark.size())));
  }
  std::vector<std::string> cjk;
  for (const UnitEntry& unit : kCjkUnits) cjk.emplace_back(unit.spelling);
  std::sort(cjk.begin(), cjk.end(),
            [](const std::string& a, const std::string& b) {
              return a.size() > b.size();
            });
  return absl::StrCat(
      R"((?i)(?:^|[^a-wyz0-9.])(\d+(?:[.,]\d+)*)(\s*-?\s*)(?:()",
      absl::StrJoin(words, "|"), R"()\b|()", absl::StrJoin(marks, "|"), ")|(",
      absl::StrJoin(cjk, "|"), "))");
}

const RE2& QuantityRegex() {
  static const RE2* const regex = new RE2(QuantityPattern());
  return *regex;
}

const RE2& PackOfRegex() {
  static const RE2* const regex =
      new RE2(R"((?i)\b(?:pack|set|box|case|bundle|lot)\s+of\s+(\d+)\b)");
  return *regex;
}

// Parses "1,000", "1.5", "1,5" (decimal comma); false for "1.2.3".
bool ParseNumber(absl::string_view text, double* value) {
  std::string number(text);
  const size_t commas = std::count(number.begin(), number.end(), ',');
  if (commas > 0) {
    static const RE2* const thousands = new RE2(R"(\d{1,3}(?:,\d{3})+)");
    if (RE2::FullMatch(number, *thousands)) {
      number = absl::StrReplaceAll(number, {{",", ""}});
    } else if (commas == 1 && number.find('.') == std::string::npos) {
      std::replace(number.begin(), number.end(), ',', '.');
    } else {
      return false;
    }
  }
  if (std::count(number.begin(), number.end(), '.') > 1) return false;
  return absl::SimpleAtod(number, value);
}

size_t Offset(absl::string_view text, const re2::StringPiece& piece) {
  return static_cast<size_t>(piece.data() - text.data());
}

bool IsInteger(double value) { return value == std::floor(value); }

// Filters the readings that look like quantities but are not (see header).
bool Plausible(double value, absl::string_view unit_text,
               absl::string_view separator, const UnitEntry& unit) {
  if (unit.spelling == "g") {
    if (unit_text == "G") return false;
    if (IsInteger(value) && value >= 2 && value <= 5) return false;
  }
  if (unit.spelling == "in" && !separator.empty() && IsInteger(value)) {
    return false;
  }
  if (unit.spelling == "x" && !separator.empty()) return false;
  return true;
}

bool Near(double a, double b) {
  return std::fabs(a - b) <= 1e-6 * std::max(std::fabs(a), std::fabs(b));
}

// True when every value of `unit` in `a` has an equal value in `b`.
bool Covers(const std::vector<Quantity>& a, const std::vector<Quantity>& b,
            absl::string_view unit) {
  for (const Quantity& x : a) {
    if (x.unit != unit) continue;
    const bool found = std::any_of(b.begin(), b.end(), [&](const Quantity& y) {
      return y.unit == unit && Near(x.value, y.value);
    });
    if (!found) return false;
  }
  return true;
}

}  // namespace

std::vector<QuantityMatch> FindQuantities(absl::string_view text) {
  std::vector<QuantityMatch> matches;
  const re2::StringPiece input(text.data(), text.size());
  re2::StringPiece groups[6];
  for (size_t pos = 0; pos < text.size();) {
    if (!QuantityRegex().Match(input, pos, input.size(), RE2::UNANCHORED,
                               groups, 6)) {
      break;
    }
    pos = Offset(text, groups[0]) + std::max<size_t>(groups[0].size(), 1);
    const absl::string_view number(groups[1].data(), groups[1].size());
    const absl::string_view separator(groups[2].data(), groups[2].size());
    // Exactly one of the unit groups matched: a word, an inch mark, or a
    // Chinese unit.
    const bool word = groups[3].data() != nullptr;
    const bool inch_mark = groups[4].data() != nullptr;
    const re2::StringPiece& unit_piece =
        word ? groups[3] : (inch_mark ? groups[4] : groups[5]);
    const absl::string_view unit_text(unit_piece.data(), unit_piece.size());
    const UnitEntry* unit = word        ? FindUnit(unit_text)
                            : inch_mark ? FindUnit("in")
                                        : FindCjkUnit(unit_text);
    if (inch_mark && !separator.empty()) continue;
    double value = 0;
    if (unit == nullptr || !ParseNumber(number, &value) ||
        !Plausible(value, unit_text, separator, *unit)) {
      continue;
    }
    matches.push_back({{value * unit->factor, std::string(unit->canonical)},
                       Offset(text, groups[1]),
                       Offset(text, unit_piece) + unit_piece.size()});
  }
  re2::StringPiece pack[2];
  for (size_t pos = 0; pos < text.size();) {
    if (!PackOfRegex().Match(input, pos, input.size(), RE2::UNANCHORED, pack,
                             2)) {
      break;
    }
    pos = Offset(text, pack[0]) + pack[0].size();
    double value = 0;
    if (absl::SimpleAtod(absl::string_view(pack[1].data(), pack[1].size()),
                         &value)) {
      matches.push_back({{value, "pack"}, Offset(text, pack[0]), pos});
    }
  }
  std::sort(matches.begin(), matches.end(),
            [](const QuantityMatch& a, const QuantityMatch& b) {
              return a.begin < b.begin;
            });
  return matches;
}

std::vector<Quantity> ExtractQuantities(absl::string_view text) {
  std::vector<Quantity> quantities;
  for (QuantityMatch& match : FindQuantities(text)) {
    quantities.push_back(std::move(match.quantity));
  }
  return quantities;
}

bool QuantitiesConflict(const std::vector<Quantity>& a,
                        const std::vector<Quantity>& b) {
  for (const Quantity& x : a) {
    const bool shared = std::any_of(b.begin(), b.end(), [&](const Quantity& y) {
      return y.unit == x.unit;
    });
    if (shared && !Covers(a, b, x.unit) && !Covers(b, a, x.unit)) return true;
  }
  return false;
}

}  // namespace mdm::matching
