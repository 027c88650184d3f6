#include "matching/identifiers/isbn10.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "matching/identifiers/internal/check_digits.h"
#include "matching/identifiers/internal/cleaned_text.h"
#include "matching/identifiers/internal/results.h"

namespace mdm::matching {
namespace {

using identifiers_internal::CleanIdentifierText;
using identifiers_internal::DigitValue;
using identifiers_internal::Gs1CheckDigit;
using identifiers_internal::Invalid;
using identifiers_internal::IsDigits;
using identifiers_internal::NoFormatMatch;
using identifiers_internal::Valid;

}  // namespace

IdentifierCheck CheckIsbn10(absl::string_view text) {
  std::string isbn = CleanIdentifierText(text).text;
  if (isbn.size() != 10 || !IsDigits(absl::string_view(isbn).substr(0, 9)) ||
      !(IsDigits(absl::string_view(isbn).substr(9)) || isbn[9] == 'X')) {
    return NoFormatMatch(std::move(isbn),
                         "ISBN-10 is 9 digits then a digit or X");
  }
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (10 - i) * DigitValue(isbn[i]);
  const int expected = (11 - sum % 11) % 11;
  const int actual = isbn[9] == 'X' ? 10 : DigitValue(isbn[9]);
  if (actual != expected) {
    std::string problem = absl::StrCat(
        "check digit should be ",
        expected == 10 ? std::string("X") : absl::StrCat(expected));
    return Invalid(IdScheme::kIsbn10, std::move(isbn), std::move(problem));
  }
  // The same book as a GTIN-13 (978 + first nine digits + mod-10 check),
  // left-padded to 14 digits like CheckGtin's output.
  std::string gtin = absl::StrCat("0978", isbn.substr(0, 9));
  gtin.push_back(static_cast<char>('0' + Gs1CheckDigit(gtin)));
  return Valid(IdScheme::kIsbn10, std::move(gtin));
}

}  // namespace mdm::matching
