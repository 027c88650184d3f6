#include "matching/identifiers/us_ein.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "matching/identifiers/internal/check_digits.h"
#include "matching/identifiers/internal/cleaned_text.h"
#include "matching/identifiers/internal/results.h"

namespace mdm::matching {
namespace {

using identifiers_internal::CleanIdentifierText;
using identifiers_internal::DigitsValue;
using identifiers_internal::Invalid;
using identifiers_internal::IsDigits;
using identifiers_internal::NoFormatMatch;
using identifiers_internal::Valid;

bool IsAssignedPrefix(int prefix) {
  switch (prefix) {
    case 0:
    case 7:
    case 8:
    case 9:
    case 17:
    case 18:
    case 19:
    case 28:
    case 29:
    case 49:
    case 69:
    case 70:
    case 78:
    case 79:
    case 89:
    case 96:
    case 97:
      return false;
    default:
      return true;
  }
}

}  // namespace

IdentifierCheck CheckUsEin(absl::string_view text) {
  std::string ein = CleanIdentifierText(text).text;
  if (ein.size() != 9 || !IsDigits(ein)) {
    return NoFormatMatch(std::move(ein), "EIN has 9 digits");
  }
  const absl::string_view prefix = absl::string_view(ein).substr(0, 2);
  if (!IsAssignedPrefix(DigitsValue(prefix))) {
    std::string problem =
        absl::StrCat("EIN prefix ", prefix, " is not assigned by the IRS");
    return Invalid(IdScheme::kUsEin, std::move(ein), std::move(problem));
  }
  return Valid(IdScheme::kUsEin, std::move(ein));
}

}  // namespace mdm::matching
