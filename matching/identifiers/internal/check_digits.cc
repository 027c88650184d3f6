#include "matching/identifiers/internal/check_digits.h"

#include <cstddef>

namespace mdm::matching::identifiers_internal {

int DigitsValue(absl::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + DigitValue(c);
  return value;
}

int WeightedSum(absl::string_view digits, std::initializer_list<int> weights) {
  int sum = 0;
  size_t i = 0;
  for (int weight : weights) {
    if (i >= digits.size()) break;
    sum += weight * DigitValue(digits[i++]);
  }
  return sum;
}

int DigitsMod(absl::string_view digits, int modulus) {
  int remainder = 0;
  for (char c : digits) remainder = (remainder * 10 + DigitValue(c)) % modulus;
  return remainder;
}

int LuhnCheckDigit(absl::string_view payload) {
  // Walking from the right, the first payload digit is the one doubled.
  int sum = 0;
  bool doubled = true;
  for (size_t i = payload.size(); i-- > 0;) {
    int d = DigitValue(payload[i]);
    if (doubled) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    doubled = !doubled;
  }
  return (10 - sum % 10) % 10;
}

bool LuhnValid(absl::string_view digits) {
  if (digits.empty()) return false;
  return LuhnCheckDigit(digits.substr(0, digits.size() - 1)) ==
         DigitValue(digits.back());
}

int Gs1CheckDigit(absl::string_view payload) {
  int sum = 0;
  bool triple = true;
  for (size_t i = payload.size(); i-- > 0;) {
    sum += DigitValue(payload[i]) * (triple ? 3 : 1);
    triple = !triple;
  }
  return (10 - sum % 10) % 10;
}

int Iso7064Mod11_10CheckDigit(absl::string_view payload) {
  int product = 10;
  for (char c : payload) {
    int sum = (DigitValue(c) + product) % 10;
    if (sum == 0) sum = 10;
    product = (2 * sum) % 11;
  }
  return (11 - product) % 10;
}

}  // namespace mdm::matching::identifiers_internal
