#include "matching/date_parser.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"

namespace mdm::matching {
namespace {

constexpr const char* kMonthNames[] = {"jan", "feb", "mar", "apr",
                                       "may", "jun", "jul", "aug",
                                       "sep", "oct", "nov", "dec"};

struct Part {
  int value = 0;
  int digits = 0;  // 0 for a month name
  bool is_month_name = false;
};

// Splits into runs of digits and runs of ASCII letters; everything else
// separates. Returns false on letters that are not a month name.
bool Tokenize(absl::string_view text, std::vector<Part>& parts) {
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (absl::ascii_isdigit(c)) {
      Part part;
      while (i < text.size() && absl::ascii_isdigit(text[i])) {
        if (part.digits < 9) part.value = part.value * 10 + (text[i] - '0');
        ++part.digits;
        ++i;
      }
      parts.push_back(part);
    } else if (absl::ascii_isalpha(c)) {
      std::string word;
      while (i < text.size() && absl::ascii_isalpha(text[i])) {
        word.push_back(absl::ascii_tolower(text[i]));
        ++i;
      }
      if (word.size() < 3) return false;
      bool found = false;
      for (int m = 0; m < 12; ++m) {
        if (word.compare(0, 3, kMonthNames[m]) == 0) {
          parts.push_back(Part{.value = m + 1, .is_month_name = true});
          found = true;
          break;
        }
      }
      if (!found) return false;
    } else {
      ++i;
    }
  }
  return true;
}

std::optional<CivilDate> Make(int year, int month, int day) {
  if (year < 1000 || year > 2999 || !IsValidDate(year, month, day)) {
    return std::nullopt;
  }
  return CivilDate{year, month, day};
}

}  // namespace

bool IsValidDate(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= days;
}

std::string FormatIsoDate(const CivilDate& date) {
  return absl::StrFormat("%04d-%02d-%02d", date.year, date.month, date.day);
}

std::optional<CivilDate> ParseDate(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  // An ISO timestamp: keep the date.
  if (text.size() > 10 && (text[10] == 'T' || text[10] == ' ') &&
      text[4] == '-' && text[7] == '-') {
    text = text.substr(0, 10);
  }
  std::vector<Part> parts;
  if (text.empty() || !Tokenize(text, parts)) return std::nullopt;

  if (parts.size() == 1 && !parts[0].is_month_name && parts[0].digits == 8) {
    const int v = parts[0].value;
    if (auto ymd = Make(v / 10000, v / 100 % 100, v % 100)) return ymd;
    return Make(v % 10000, v / 10000 % 100, v / 1000000);  // DDMMYYYY
  }
  if (parts.size() != 3) return std::nullopt;

  int month_name = -1;
  for (int i = 0; i < 3; ++i) {
    if (parts[i].is_month_name) {
      if (month_name >= 0) return std::nullopt;
      month_name = i;
    }
  }
  if (month_name >= 0) {
    // "7 March 1985", "March 7 1985", "1985 Mar 07".
    const int month = parts[month_name].value;
    std::vector<Part> rest;
    for (int i = 0; i < 3; ++i) {
      if (i != month_name) rest.push_back(parts[i]);
    }
    if (rest[0].digits == 4) return Make(rest[0].value, month, rest[1].value);
    if (rest[1].digits == 4) return Make(rest[1].value, month, rest[0].value);
    return std::nullopt;
  }

  const Part& a = parts[0];
  const Part& b = parts[1];
  const Part& c = parts[2];
  if (a.digits == 4) return Make(a.value, b.value, c.value);  // Y M D
  if (c.digits != 4) return std::nullopt;
  if (a.value > 12) return Make(c.value, b.value, a.value);  // D M Y
  if (b.value > 12) return Make(c.value, a.value, b.value);  // M D Y
  return Make(c.value, b.value, a.value);                    // D M Y
}

}  // namespace mdm::matching
