#include "matching/identifiers/internal/eu_vat_countries.h"

#include <cstddef>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "matching/identifiers/internal/calendar.h"
#include "matching/identifiers/internal/check_digits.h"
#include "matching/identifiers/internal/cleaned_text.h"

namespace mdm::matching::identifiers_internal {
namespace {

constexpr char kChecksumMismatch[] = "check digits do not match";

VatNationalCheck BadFormat(absl::string_view country, absl::string_view shape) {
  return {false, "", absl::StrCat(country, " VAT number is ", shape)};
}

VatNationalCheck Passed(std::string number) {
  return {true, std::move(number), ""};
}

VatNationalCheck Failed(std::string number, std::string problem) {
  return {true, std::move(number), std::move(problem)};
}

// Passed when the last character of `number` is the digit `expected`.
VatNationalCheck ExpectLastDigit(absl::string_view number, int expected) {
  if (DigitValue(number.back()) == expected) return Passed(std::string(number));
  return Failed(std::string(number),
                absl::StrCat("check digit should be ", expected));
}

// Passed when the last two characters of `number` spell `expected`.
VatNationalCheck ExpectLastTwoDigits(absl::string_view number, int expected) {
  if (DigitsValue(number.substr(number.size() - 2)) == expected) {
    return Passed(std::string(number));
  }
  return Failed(std::string(number),
                absl::StrFormat("check digits should be %02d", expected));
}

bool DigitsOfLength(absl::string_view s, size_t length) {
  return s.size() == length && IsDigits(s);
}

bool IsUpperLetter(char c) { return c >= 'A' && c <= 'Z'; }

// AT: U + 8 digits; Luhn-like with the even positions doubled, offset 4.
VatNationalCheck Austria(absl::string_view n) {
  if (n.size() != 9 || n[0] != 'U' || !IsDigits(n.substr(1))) {
    return BadFormat("AT", "U and 8 digits");
  }
  int sum = 0;
  for (size_t i = 1; i <= 7; ++i) {
    int d = DigitValue(n[i]);
    if (i % 2 == 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return ExpectLastDigit(n, (10 - (sum + 4) % 10) % 10);
}

// BE: 10 digits starting 0 or 1 (9-digit numbers from before 2007 take a
// leading 0); the last two are 97 - (first eight mod 97).
VatNationalCheck Belgium(absl::string_view n) {
  std::string number(n);
  if (DigitsOfLength(number, 9)) number.insert(0, "0");
  if (!DigitsOfLength(number, 10) || (number[0] != '0' && number[0] != '1')) {
    return BadFormat("BE", "10 digits starting 0 or 1");
  }
  return ExpectLastTwoDigits(number, 97 - DigitsMod(number.substr(0, 8), 97));
}

// True when the first six digits of a Bulgarian EGN are a real birth date:
// YYMMDD, with 20 added to the month for the 1800s and 40 for the 2000s.
bool IsEgnBirthDate(absl::string_view n) {
  int year = 1900 + DigitsValue(n.substr(0, 2));
  int month = DigitsValue(n.substr(2, 2));
  if (month > 40) {
    year += 100;
    month -= 40;
  } else if (month > 20) {
    year -= 100;
    month -= 20;
  }
  return IsRealDate(year, month, DigitsValue(n.substr(4, 2)));
}

// BG: 9 digits (legal entities) or 10 (persons: EGN, foreigners' PNF, other).
VatNationalCheck Bulgaria(absl::string_view n) {
  if (!IsDigits(n) || (n.size() != 9 && n.size() != 10)) {
    return BadFormat("BG", "9 or 10 digits");
  }
  if (n.size() == 9) {
    int check = WeightedSum(n, {1, 2, 3, 4, 5, 6, 7, 8}) % 11;
    if (check == 10) check = WeightedSum(n, {3, 4, 5, 6, 7, 8, 9, 10}) % 11;
    return ExpectLastDigit(n, check % 10);
  }
  const int last = DigitValue(n.back());
  const int egn = IsEgnBirthDate(n)
                      ? WeightedSum(n, {2, 4, 8, 5, 10, 9, 7, 3, 6}) % 11 % 10
                      : -1;
  const int pnf = WeightedSum(n, {21, 19, 17, 13, 11, 9, 7, 3, 1}) % 10;
  const int other =
      (11 - WeightedSum(n, {4, 3, 2, 7, 6, 5, 4, 3, 2}) % 11) % 11;
  if (last == egn || last == pnf || last == other) {
    return Passed(std::string(n));
  }
  return Failed(std::string(n), kChecksumMismatch);
}

// CY: 8 digits and a check letter; never starting 12.
VatNationalCheck Cyprus(absl::string_view n) {
  if (n.size() != 9 || !IsDigits(n.substr(0, 8)) || !IsUpperLetter(n[8])) {
    return BadFormat("CY", "8 digits and a letter");
  }
  static constexpr int kEvenPosition[10] = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21};
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) {
    const int d = DigitValue(n[i]);
    sum += i % 2 == 0 ? kEvenPosition[d] : d;
  }
  const char expected = static_cast<char>('A' + sum % 26);
  if (n[8] != expected) {
    return Failed(std::string(n),
                  absl::StrCat("check letter should be ",
                               absl::string_view(&expected, 1)));
  }
  if (n.substr(0, 2) == "12") {
    return Failed(std::string(n), "CY VAT numbers do not start with 12");
  }
  return Passed(std::string(n));
}

// CZ: 8 digits (legal entities), 9 starting 6 (individuals without a birth
// number), otherwise a 9- or 10-digit birth number (rodné číslo).
VatNationalCheck Czechia(absl::string_view n) {
  if (!IsDigits(n) || n.size() < 8 || n.size() > 10) {
    return BadFormat("CZ", "8, 9 or 10 digits");
  }
  if (n.size() == 8) {
    if (n[0] == '9') {
      return Failed(std::string(n), "CZ 8-digit numbers do not start with 9");
    }
    const int check = (11 - WeightedSum(n, {8, 7, 6, 5, 4, 3, 2}) % 11) % 11;
    return ExpectLastDigit(n, check == 0 ? 1 : check % 10);
  }
  if (n.size() == 9 && n[0] == '6') {
    const int sum = WeightedSum(n.substr(1), {8, 7, 6, 5, 4, 3, 2}) % 11;
    return ExpectLastDigit(n, ((8 - (10 - sum) % 11) % 10 + 10) % 10);
  }
  if (n.size() == 9) return Passed(std::string(n));  // Before 1954: no check.
  if (DigitsMod(n, 11) == 0 ||
      (DigitsMod(n.substr(0, 9), 11) == 10 && n[9] == '0')) {
    return Passed(std::string(n));
  }
  return Failed(std::string(n), kChecksumMismatch);
}

// DE: 9 digits, the first not 0; ISO 7064 MOD 11,10.
VatNationalCheck Germany(absl::string_view n) {
  if (!DigitsOfLength(n, 9) || n[0] == '0') {
    return BadFormat("DE", "9 digits, the first not 0");
  }
  return ExpectLastDigit(n, Iso7064Mod11_10CheckDigit(n.substr(0, 8)));
}

// DK: 8 digits, the first not 0; weighted sum divisible by 11.
VatNationalCheck Denmark(absl::string_view n) {
  if (!DigitsOfLength(n, 8) || n[0] == '0') {
    return BadFormat("DK", "8 digits, the first not 0");
  }
  if (WeightedSum(n, {2, 7, 6, 5, 4, 3, 2, 1}) % 11 != 0) {
    return Failed(std::string(n), kChecksumMismatch);
  }
  return Passed(std::string(n));
}

// EE: 9 digits starting 10; weights 3, 7, 1.
VatNationalCheck Estonia(absl::string_view n) {
  if (!DigitsOfLength(n, 9) || n.substr(0, 2) != "10") {
    return BadFormat("EE", "9 digits starting 10");
  }
  return ExpectLastDigit(
      n, (10 - WeightedSum(n, {3, 7, 1, 3, 7, 1, 3, 7}) % 10) % 10);
}

// EL: 9 digits (8-digit legacy numbers take a leading 0); weights 2^8..2^1.
VatNationalCheck Greece(absl::string_view n) {
  std::string number(n);
  if (DigitsOfLength(number, 8)) number.insert(0, "0");
  if (!DigitsOfLength(number, 9)) return BadFormat("EL", "9 digits");
  return ExpectLastDigit(
      number, WeightedSum(number, {256, 128, 64, 32, 16, 8, 4, 2}) % 11 % 10);
}

// ES: NIF. 8 digits + letter (DNI); X/Y/Z + 7 digits + letter (NIE); K/L/M +
// 7 digits + letter; or an entity letter + 7 digits + digit or letter (CIF).
VatNationalCheck Spain(absl::string_view n) {
  constexpr absl::string_view kDniLetters = "TRWAGMYFPDXBNJZSQVHLCKE";
  constexpr absl::string_view kCifLetters = "JABCDEFGHI";
  constexpr absl::string_view kEntityLetters = "ABCDEFGHJNPQRSUVW";
  if (n.size() != 9 || !IsDigits(n.substr(1, 7))) {
    return BadFormat("ES", "9 characters with 7 digits in the middle");
  }
  const char first = n[0];
  const char last = n[8];
  const auto expect_letter = [&](absl::string_view digits) {
    const char expected = kDniLetters[DigitsMod(digits, 23)];
    if (last == expected) return Passed(std::string(n));
    return Failed(std::string(n),
                  absl::StrCat("check letter should be ",
                               absl::string_view(&expected, 1)));
  };
  if (absl::ascii_isdigit(first)) {
    if (!IsUpperLetter(last)) return BadFormat("ES", "8 digits and a letter");
    return expect_letter(n.substr(0, 8));
  }
  if (first == 'X' || first == 'Y' || first == 'Z') {
    if (!IsUpperLetter(last)) {
      return BadFormat("ES", "X, Y or Z, 7 digits and a letter");
    }
    const char lead = static_cast<char>('0' + (first - 'X'));
    return expect_letter(
        absl::StrCat(absl::string_view(&lead, 1), n.substr(1, 7)));
  }
  if (first == 'K' || first == 'L' || first == 'M') {
    if (!IsUpperLetter(last)) {
      return BadFormat("ES", "K, L or M, 7 digits and a letter");
    }
    return expect_letter(n.substr(1, 7));
  }
  if (kEntityLetters.find(first) == absl::string_view::npos) {
    return BadFormat("ES", "a DNI, NIE or CIF");
  }
  // CIF: the check is a Luhn digit, or the letter standing for it.
  const int check = LuhnCheckDigit(n.substr(1, 7));
  if (last == '0' + check || last == kCifLetters[check]) {
    return Passed(std::string(n));
  }
  return Failed(std::string(n),
                absl::StrCat("check character should be ", check, " or ",
                             kCifLetters.substr(check, 1)));
}

// FI: 8 digits; mod 11 with weights 7, 9, 10, 5, 8, 4, 2.
VatNationalCheck Finland(absl::string_view n) {
  if (!DigitsOfLength(n, 8)) return BadFormat("FI", "8 digits");
  const int remainder = WeightedSum(n, {7, 9, 10, 5, 8, 4, 2}) % 11;
  if (remainder == 1) {
    return Failed(std::string(n), "no check digit fits the first 7 digits");
  }
  return ExpectLastDigit(n, remainder == 0 ? 0 : 11 - remainder);
}

// FR: 2-character key + 9-digit SIREN. The SIREN has a Luhn check (Monaco
// numbers, SIREN starting 000, have none). A numeric key is
// (12 + 3 * (SIREN mod 97)) mod 97; a key with a letter (letters without I
// and O) follows the newer scheme.
VatNationalCheck France(absl::string_view n) {
  constexpr absl::string_view kKeyAlphabet =
      "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  const size_t key0 =
      n.empty() ? absl::string_view::npos : kKeyAlphabet.find(n[0]);
  const size_t key1 =
      n.size() < 2 ? absl::string_view::npos : kKeyAlphabet.find(n[1]);
  if (n.size() != 11 || !IsDigits(n.substr(2)) ||
      key0 == absl::string_view::npos || key1 == absl::string_view::npos) {
    return BadFormat("FR", "a 2-character key and 9 digits");
  }
  const absl::string_view siren = n.substr(2);
  if (siren.substr(0, 3) != "000" && !LuhnValid(siren)) {
    return Failed(std::string(n), "SIREN check digit does not match");
  }
  if (key0 < 10 && key1 < 10) {
    const int expected = (12 + 3 * DigitsMod(siren, 97)) % 97;
    if (DigitsValue(n.substr(0, 2)) == expected) return Passed(std::string(n));
    return Failed(std::string(n),
                  absl::StrFormat("check digits should be %02d", expected));
  }
  const int key = key0 < 10 ? static_cast<int>(key0 * 24 + key1) - 10
                            : static_cast<int>(key0 * 34 + key1) - 100;
  if ((DigitsMod(siren, 11) + 1 + key / 11) % 11 != key % 11) {
    return Failed(std::string(n), kChecksumMismatch);
  }
  return Passed(std::string(n));
}

// HR: 11 digits (OIB); ISO 7064 MOD 11,10.
VatNationalCheck Croatia(absl::string_view n) {
  if (!DigitsOfLength(n, 11)) return BadFormat("HR", "11 digits");
  return ExpectLastDigit(n, Iso7064Mod11_10CheckDigit(n.substr(0, 10)));
}

// HU: 8 digits; weights 9, 7, 3, 1.
VatNationalCheck Hungary(absl::string_view n) {
  if (!DigitsOfLength(n, 8)) return BadFormat("HU", "8 digits");
  return ExpectLastDigit(
      n, (10 - WeightedSum(n, {9, 7, 3, 1, 9, 7, 3}) % 10) % 10);
}

// IE: 7 digits + check letter (+ a second letter A-I or W since 2013), or
// the old form digit + letter + 5 digits + check letter. Mod 23 with
// weights 8..2 (and 9 for the second letter).
VatNationalCheck Ireland(absl::string_view n) {
  constexpr absl::string_view kCheckLetters = "WABCDEFGHIJKLMNOPQRSTUV";
  int sum = 0;
  if ((n.size() == 8 || n.size() == 9) && IsDigits(n.substr(0, 7)) &&
      IsUpperLetter(n[7])) {
    sum = WeightedSum(n, {8, 7, 6, 5, 4, 3, 2});
    if (n.size() == 9) {
      if (n[8] == 'W') {
        // Counts as 0.
      } else if (n[8] >= 'A' && n[8] <= 'I') {
        sum += 9 * (n[8] - 'A' + 1);
      } else {
        return BadFormat("IE", "7 digits, a letter, and optionally A-I or W");
      }
    }
  } else if (n.size() == 8 && absl::ascii_isdigit(n[0]) &&
             IsUpperLetter(n[1]) && IsDigits(n.substr(2, 5)) &&
             IsUpperLetter(n[7])) {
    // Old form: the leading digit moves to the end, behind a 0.
    const std::string digits =
        absl::StrCat("0", n.substr(2, 5), n.substr(0, 1));
    sum = WeightedSum(digits, {8, 7, 6, 5, 4, 3, 2});
  } else {
    return BadFormat("IE", "7 digits and 1 or 2 letters");
  }
  const char expected = kCheckLetters[sum % 23];
  if (n[7] != expected) {
    return Failed(std::string(n),
                  absl::StrCat("check letter should be ",
                               absl::string_view(&expected, 1)));
  }
  return Passed(std::string(n));
}

// IT: 11 digits (partita IVA): 7-digit company number (not all zeros),
// 3-digit province office code, Luhn check digit.
VatNationalCheck Italy(absl::string_view n) {
  if (!DigitsOfLength(n, 11)) return BadFormat("IT", "11 digits");
  VatNationalCheck check = ExpectLastDigit(n, LuhnCheckDigit(n.substr(0, 10)));
  if (!check.problem.empty()) return check;
  if (n.substr(0, 7) == "0000000") {
    return Failed(std::string(n), "company number is all zeros");
  }
  const int office = DigitsValue(n.substr(7, 3));
  if (!((office >= 1 && office <= 100) || office == 120 || office == 121 ||
        office == 888 || office == 999)) {
    return Failed(std::string(n),
                  absl::StrCat("province office code ", n.substr(7, 3),
                               " is not assigned"));
  }
  return check;
}

// LT: 9 digits with 1 in 8th place (legal entities) or 12 digits with 1 in
// 11th place (temporary registrations); mod 11 with weights 1..9, then
// 3..9, 1, 2 when the first pass gives 10.
VatNationalCheck Lithuania(absl::string_view n) {
  if (!(DigitsOfLength(n, 9) && n[7] == '1') &&
      !(DigitsOfLength(n, 12) && n[10] == '1')) {
    return BadFormat("LT", "9 digits (8th is 1) or 12 digits (11th is 1)");
  }
  const size_t payload = n.size() - 1;
  int sum = 0;
  for (size_t i = 0; i < payload; ++i) {
    sum += static_cast<int>(1 + i % 9) * DigitValue(n[i]);
  }
  int check = sum % 11;
  if (check == 10) {
    sum = 0;
    for (size_t i = 0; i < payload; ++i) {
      sum += static_cast<int>(1 + (i + 2) % 9) * DigitValue(n[i]);
    }
    check = sum % 11;
  }
  return ExpectLastDigit(n, check % 10);
}

// LU: 8 digits; the last two are the first six mod 89.
VatNationalCheck Luxembourg(absl::string_view n) {
  if (!DigitsOfLength(n, 8)) return BadFormat("LU", "8 digits");
  return ExpectLastTwoDigits(n, DigitsValue(n.substr(0, 6)) % 89);
}

// LV: 11 digits. First digit above 3: legal entity, weighted sum mod 11 is 3.
// Otherwise a personal code: DDMMYY + century digit (format-only; codes
// issued since 2017 start 32 and carry no date).
VatNationalCheck Latvia(absl::string_view n) {
  if (!DigitsOfLength(n, 11)) return BadFormat("LV", "11 digits");
  if (n[0] > '3') {
    if (WeightedSum(n, {9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1}) % 11 != 3) {
      return Failed(std::string(n), kChecksumMismatch);
    }
    return Passed(std::string(n));
  }
  if (n.substr(0, 2) == "32") return Passed(std::string(n));
  const int century = DigitValue(n[6]);
  const int year = 1800 + 100 * century + DigitsValue(n.substr(4, 2));
  if (century > 2 || !IsRealDate(year, DigitsValue(n.substr(2, 2)),
                                 DigitsValue(n.substr(0, 2)))) {
    return Failed(std::string(n), "personal code has no real birth date");
  }
  return Passed(std::string(n));
}

// MT: 8 digits, the first not 0; weighted sum divisible by 37.
VatNationalCheck Malta(absl::string_view n) {
  if (!DigitsOfLength(n, 8) || n[0] == '0') {
    return BadFormat("MT", "8 digits, the first not 0");
  }
  if (WeightedSum(n, {3, 4, 6, 7, 8, 9, 10, 1}) % 37 != 0) {
    return Failed(std::string(n), kChecksumMismatch);
  }
  return Passed(std::string(n));
}

// NL: 9 digits (shorter ones are left-padded), B, 2-digit branch (not 00).
// Valid under the RSIN/BSN mod-11 test, or under ISO 7064 MOD 97-10 over
// "NL" + number (btw-identificatienummers of sole traders since 2020).
VatNationalCheck Netherlands(absl::string_view n) {
  if (n.size() < 10 || n.size() > 12 || n[n.size() - 3] != 'B' ||
      !IsDigits(n.substr(0, n.size() - 3)) ||
      !IsDigits(n.substr(n.size() - 2))) {
    return BadFormat("NL", "9 digits, B and 2 digits");
  }
  const absl::string_view branch = n.substr(n.size() - 2);
  if (branch == "00") return BadFormat("NL", "9 digits, B and 01..99");
  const std::string number = absl::StrCat(std::string(12 - n.size(), '0'), n);
  const absl::string_view digits = absl::string_view(number).substr(0, 9);
  const bool mod11 =
      (WeightedSum(digits, {9, 8, 7, 6, 5, 4, 3, 2}) - DigitValue(digits[8])) %
          11 ==
      0;
  // Letters count as two digits: N = 23, L = 21, B = 11.
  const bool mod97 =
      DigitsMod(absl::StrCat("2321", digits, "11", branch), 97) == 1;
  if (!mod11 && !mod97) return Failed(number, kChecksumMismatch);
  return Passed(number);
}

// PL: 10 digits (NIP); weights 6, 5, 7, 2, 3, 4, 5, 6, 7 mod 11.
VatNationalCheck Poland(absl::string_view n) {
  if (!DigitsOfLength(n, 10)) return BadFormat("PL", "10 digits");
  const int check = WeightedSum(n, {6, 5, 7, 2, 3, 4, 5, 6, 7}) % 11;
  if (check == 10) {
    return Failed(std::string(n), "no check digit fits the first 9 digits");
  }
  return ExpectLastDigit(n, check);
}

// PT: 9 digits (NIF); weights 9..2, check 11 - sum mod 11 (10 and 11 give 0).
VatNationalCheck Portugal(absl::string_view n) {
  if (!DigitsOfLength(n, 9)) return BadFormat("PT", "9 digits");
  const int check = 11 - WeightedSum(n, {9, 8, 7, 6, 5, 4, 3, 2}) % 11;
  return ExpectLastDigit(n, check >= 10 ? 0 : check);
}

// RO: 2 to 10 digits, the first not 0 (CUI; weights 7, 5, 3, 2, 1, 7, 5, 3, 2
// right-aligned), or a 13-digit personal code (CNP; weights 279146358279).
VatNationalCheck Romania(absl::string_view n) {
  if (!IsDigits(n) || n[0] == '0' ||
      !((n.size() >= 2 && n.size() <= 10) || n.size() == 13)) {
    return BadFormat("RO", "2 to 10 digits, the first not 0");
  }
  if (n.size() == 13) {
    const int check = WeightedSum(n, {2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9}) % 11;
    return ExpectLastDigit(n, check == 10 ? 1 : check);
  }
  const std::string payload =
      absl::StrCat(std::string(10 - n.size(), '0'), n.substr(0, n.size() - 1));
  return ExpectLastDigit(
      n, 10 * WeightedSum(payload, {7, 5, 3, 2, 1, 7, 5, 3, 2}) % 11 % 10);
}

// SE: 12 digits: the 10-digit organisation number (Luhn) and 01.
VatNationalCheck Sweden(absl::string_view n) {
  if (!DigitsOfLength(n, 12) || n.substr(10) != "01") {
    return BadFormat("SE", "12 digits ending 01");
  }
  const absl::string_view org = n.substr(0, 10);
  if (!LuhnValid(org)) {
    return Failed(std::string(n),
                  absl::StrCat("check digit should be ",
                               LuhnCheckDigit(org.substr(0, 9))));
  }
  return Passed(std::string(n));
}

// SI: 8 digits, the first not 0; weights 8..2, check 11 - sum mod 11.
VatNationalCheck Slovenia(absl::string_view n) {
  if (!DigitsOfLength(n, 8) || n[0] == '0') {
    return BadFormat("SI", "8 digits, the first not 0");
  }
  const int check = 11 - WeightedSum(n, {8, 7, 6, 5, 4, 3, 2}) % 11;
  if (check == 11) {
    return Failed(std::string(n), "no check digit fits the first 7 digits");
  }
  return ExpectLastDigit(n, check == 10 ? 0 : check);
}

// SK: 10 digits, the first not 0, the third 2, 3, 4, 7, 8 or 9; divisible
// by 11.
VatNationalCheck Slovakia(absl::string_view n) {
  if (!DigitsOfLength(n, 10) || n[0] == '0') {
    return BadFormat("SK", "10 digits, the first not 0");
  }
  if (DigitsMod(n, 11) != 0) return Failed(std::string(n), kChecksumMismatch);
  if (absl::string_view("234789").find(n[2]) == absl::string_view::npos) {
    return Failed(std::string(n), "third digit is not 2, 3, 4, 7, 8 or 9");
  }
  return Passed(std::string(n));
}

// UK numbering, for GB (the United Kingdom's VAT numbers, outside VIES
// since 2021) and XI (Northern Ireland, inside it): 9 digits, or 12 with a
// 3-digit branch; weights 8..2, 10, 1 mod 97 is 0, or 42 or 55 (numbers
// issued since 2010, when the first three digits are 100 or more). GD + 3
// digits below 500 (government departments) and HA + 3 digits from 500
// (health authorities).
VatNationalCheck UkNumbering(absl::string_view prefix, absl::string_view n) {
  if (n.size() == 5 && (n.substr(0, 2) == "GD" || n.substr(0, 2) == "HA") &&
      IsDigits(n.substr(2))) {
    const int unit = DigitsValue(n.substr(2));
    if ((n[0] == 'G') != (unit < 500)) {
      return Failed(std::string(n),
                    "GD numbers are below 500, HA numbers 500 and above");
    }
    return Passed(std::string(n));
  }
  if (!DigitsOfLength(n, 9) && !DigitsOfLength(n, 12)) {
    return BadFormat(prefix, "9 or 12 digits, or GD/HA and 3 digits");
  }
  const int sum = WeightedSum(n, {8, 7, 6, 5, 4, 3, 2, 10, 1}) % 97;
  const bool modern = DigitsValue(n.substr(0, 3)) >= 100;
  if (sum == 0 || (modern && (sum == 42 || sum == 55))) {
    return Passed(std::string(n));
  }
  return Failed(std::string(n), kChecksumMismatch);
}

VatNationalCheck UnitedKingdom(absl::string_view n) {
  return UkNumbering("GB", n);
}

VatNationalCheck NorthernIreland(absl::string_view n) {
  return UkNumbering("XI", n);
}

using CountryRule = VatNationalCheck (*)(absl::string_view);

struct Country {
  absl::string_view prefix;
  CountryRule rule;
};

constexpr Country kCountries[] = {
    {"AT", Austria},         {"BE", Belgium},       {"BG", Bulgaria},
    {"CY", Cyprus},          {"CZ", Czechia},       {"DE", Germany},
    {"DK", Denmark},         {"EE", Estonia},       {"EL", Greece},
    {"ES", Spain},           {"FI", Finland},       {"FR", France},
    {"HR", Croatia},         {"HU", Hungary},       {"IE", Ireland},
    {"IT", Italy},           {"LT", Lithuania},     {"LU", Luxembourg},
    {"LV", Latvia},          {"MT", Malta},         {"NL", Netherlands},
    {"PL", Poland},          {"PT", Portugal},      {"RO", Romania},
    {"SE", Sweden},          {"SI", Slovenia},      {"SK", Slovakia},
    {"XI", NorthernIreland}, {"GB", UnitedKingdom},
};

CountryRule FindRule(absl::string_view country) {
  for (const Country& c : kCountries) {
    if (c.prefix == country) return c.rule;
  }
  return nullptr;
}

}  // namespace

bool IsVatCountry(absl::string_view country) {
  return FindRule(country) != nullptr;
}

VatNationalCheck CheckVatNationalPart(absl::string_view country,
                                      absl::string_view number) {
  const CountryRule rule = FindRule(country);
  if (rule == nullptr) {
    return {false, "", absl::StrCat(country, " is not an EU VAT prefix")};
  }
  return rule(number);
}

}  // namespace mdm::matching::identifiers_internal
