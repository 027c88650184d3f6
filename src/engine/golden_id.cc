#include "src/engine/golden_id.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace mdm::engine {
namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr int kBase = 32;
constexpr int kMinBodyLength = 6;

// Value of a Crockford base32 character, or -1.
int DigitValue(char c) {
  c = absl::ascii_toupper(c);
  if (c == 'O') c = '0';
  if (c == 'I' || c == 'L') c = '1';
  for (int i = 0; i < kBase; ++i) {
    if (kAlphabet[i] == c) return i;
  }
  return -1;
}

// Luhn mod N check digit over `digits` (most significant first).
int CheckDigit(const std::vector<int>& digits) {
  int factor = 2;
  int sum = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int addend = factor * *it;
    factor = factor == 2 ? 1 : 2;
    addend = addend / kBase + addend % kBase;
    sum += addend;
  }
  return (kBase - sum % kBase) % kBase;
}

}  // namespace

std::string FormatGoldenId(absl::string_view prefix, int64_t number) {
  std::vector<int> digits;
  for (uint64_t n = static_cast<uint64_t>(number); n > 0; n /= kBase) {
    digits.push_back(static_cast<int>(n % kBase));
  }
  while (digits.size() < kMinBodyLength) digits.push_back(0);
  std::reverse(digits.begin(), digits.end());
  std::string id = absl::StrCat(prefix, "-");
  for (int d : digits) id.push_back(kAlphabet[d]);
  id.push_back(kAlphabet[CheckDigit(digits)]);
  return id;
}

absl::StatusOr<ParsedGoldenId> ParseGoldenId(absl::string_view id) {
  auto malformed = [&](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("malformed golden id '", id, "': ", why));
  };
  const size_t dash = id.find('-');
  if (dash == absl::string_view::npos || dash < 2 || dash > 4) {
    return malformed("expected PREFIX-XXXXXXC, e.g. PER-000001Y");
  }
  ParsedGoldenId parsed;
  parsed.prefix = absl::AsciiStrToUpper(id.substr(0, dash));
  for (char c : parsed.prefix) {
    if (!absl::ascii_isupper(c)) return malformed("prefix is not letters");
  }
  const absl::string_view rest = id.substr(dash + 1);
  if (rest.size() < kMinBodyLength + 1 || rest.size() > 14) {
    return malformed("wrong length");
  }
  std::vector<int> digits;
  for (char c : rest) {
    const int d = DigitValue(c);
    if (d < 0)
      return malformed(
          absl::StrCat("'", std::string(1, c), "' is not a base32 character"));
    digits.push_back(d);
  }
  const int check = digits.back();
  digits.pop_back();
  if (CheckDigit(digits) != check) {
    return absl::InvalidArgumentError(absl::StrCat(
        "golden id '", id, "' has a wrong check character; it was mistyped"));
  }
  uint64_t number = 0;
  for (int d : digits) {
    if (number > (static_cast<uint64_t>(INT64_MAX) >> 5)) {
      return malformed("number too large");
    }
    number = number * kBase + d;
  }
  if (number == 0) return malformed("number is zero");
  parsed.number = static_cast<int64_t>(number);
  return parsed;
}

}  // namespace mdm::engine
