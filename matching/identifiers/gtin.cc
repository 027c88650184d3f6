#include "matching/identifiers/gtin.h"

#include <cstddef>
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

IdScheme SchemeForLength(size_t length) {
  switch (length) {
    case 8:
      return IdScheme::kGtin8;
    case 12:
      return IdScheme::kGtin12;
    case 13:
      return IdScheme::kGtin13;
    case 14:
      return IdScheme::kGtin14;
    default:
      return IdScheme::kUnknown;
  }
}

}  // namespace

IdentifierCheck CheckGtin(absl::string_view text) {
  std::string digits = CleanIdentifierText(text).text;
  const IdScheme scheme = SchemeForLength(digits.size());
  if (!IsDigits(digits)) {
    return NoFormatMatch(std::move(digits), "GTIN has only digits");
  }
  if (scheme == IdScheme::kUnknown) {
    std::string problem =
        absl::StrCat("GTIN has 8, 12, 13 or 14 digits, not ", digits.size());
    return NoFormatMatch(std::move(digits), std::move(problem));
  }
  std::string padded = std::string(14 - digits.size(), '0') + digits;

  const int expected = Gs1CheckDigit(absl::string_view(padded).substr(0, 13));
  if (DigitValue(padded[13]) != expected) {
    return Invalid(scheme, std::move(padded),
                   absl::StrCat("check digit should be ", expected));
  }
  if (padded.find_first_not_of('0') == std::string::npos) {
    return Invalid(scheme, std::move(padded), "all-zero GTIN is a placeholder");
  }
  return Valid(scheme, std::move(padded));
}

}  // namespace mdm::matching
