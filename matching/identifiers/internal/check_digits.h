// Check-digit arithmetic shared by several identifier schemes.
//
//   LuhnCheckDigit("7992739871")             == 3
//   Gs1CheckDigit("400638133393")            == 1   // EAN 4006381333931
//   Iso7064Mod11_10CheckDigit("13669597")    == 6   // DE 136695976
//   WeightedSum("12345", {1, 2, 3, 4, 5})    == 55
//
// Every function takes ASCII digits only (callers check with IsDigits first)
// and runs in one pass without allocating.
//
// Implementation detail of mdm::matching_identifiers; not for use elsewhere.
#ifndef MDM_MATCHING_IDENTIFIERS_INTERNAL_CHECK_DIGITS_H_
#define MDM_MATCHING_IDENTIFIERS_INTERNAL_CHECK_DIGITS_H_

#include <initializer_list>

#include "absl/strings/string_view.h"

namespace mdm::matching::identifiers_internal {

// Numeric value of the ASCII digit `c`.
inline int DigitValue(char c) { return c - '0'; }

// The decimal number spelled by `digits` (at most 9 of them).
int DigitsValue(absl::string_view digits);

// Sum of digit[i] * weights[i] over min(size, weights.size()) positions.
int WeightedSum(absl::string_view digits, std::initializer_list<int> weights);

// The number spelled by `digits` (any length) modulo `modulus`.
int DigitsMod(absl::string_view digits, int modulus);

// The digit that, appended to `payload`, passes the Luhn (mod 10) check.
int LuhnCheckDigit(absl::string_view payload);

// True when the last digit of `digits` is the Luhn check digit of the rest.
bool LuhnValid(absl::string_view digits);

// GS1 mod-10 check digit of `payload`: weights 3, 1, 3, ... from the right.
// Used by GTIN and by the GTIN form of an ISBN-10.
int Gs1CheckDigit(absl::string_view payload);

// ISO 7064 MOD 11,10 (hybrid) check digit of `payload`; used by DE and HR.
int Iso7064Mod11_10CheckDigit(absl::string_view payload);

}  // namespace mdm::matching::identifiers_internal

#endif  // MDM_MATCHING_IDENTIFIERS_INTERNAL_CHECK_DIGITS_H_
