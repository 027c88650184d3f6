#include "matching/identifiers/china_resident_id.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "matching/identifiers/internal/calendar.h"
#include "matching/identifiers/internal/check_digits.h"
#include "matching/identifiers/internal/cleaned_text.h"
#include "matching/identifiers/internal/results.h"

namespace mdm::matching {
namespace {

using identifiers_internal::CleanIdentifierText;
using identifiers_internal::DigitsValue;
using identifiers_internal::Invalid;
using identifiers_internal::IsDigits;
using identifiers_internal::IsRealDate;
using identifiers_internal::NoFormatMatch;
using identifiers_internal::Valid;
using identifiers_internal::WeightedSum;

constexpr absl::string_view kCheckCharacters = "0123456789X";

// ISO 7064 MOD 11-2 check character of the first 17 digits.
char CheckCharacter(absl::string_view first17) {
  const int sum = WeightedSum(
      first17, {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2});
  return kCheckCharacters[(12 - sum % 11) % 11];
}

bool IsProvinceCode(int code) {
  return (code >= 11 && code <= 15) || (code >= 21 && code <= 23) ||
         (code >= 31 && code <= 37) || (code >= 41 && code <= 46) ||
         (code >= 50 && code <= 54) || (code >= 61 && code <= 65) ||
         code == 71 || code == 81 || code == 82 || code == 83;
}

// Empty when the address code and the birth date of an 18-character number
// pass; otherwise what failed.
std::string SemanticProblem(absl::string_view id) {
  if (!IsProvinceCode(DigitsValue(id.substr(0, 2)))) {
    return absl::StrCat("address code ", id.substr(0, 6),
                        " is not in a province-level region");
  }
  const int year = DigitsValue(id.substr(6, 4));
  const int month = DigitsValue(id.substr(10, 2));
  const int day = DigitsValue(id.substr(12, 2));
  if (!IsRealDate(year, month, day)) {
    return absl::StrCat("birth date ", id.substr(6, 8), " is not a real date");
  }
  if (year < 1900 || year > 2100) {
    return absl::StrCat("birth year ", year, " is outside 1900..2100");
  }
  return "";
}

}  // namespace

IdentifierCheck CheckChinaResidentId(absl::string_view text) {
  std::string id = CleanIdentifierText(text).text;
  if (id.size() == 15 && IsDigits(id)) {
    std::string upgraded = absl::StrCat(id.substr(0, 6), "19", id.substr(6));
    upgraded.push_back(CheckCharacter(upgraded));
    std::string problem = SemanticProblem(upgraded);
    if (problem.empty()) problem = "15-digit form has no check digit";
    return Invalid(IdScheme::kChinaResidentId, std::move(upgraded),
                   std::move(problem));
  }
  if (id.size() != 18) {
    std::string problem = absl::StrCat(
        "resident id has 18 characters (or 15 digits), not ", id.size());
    return NoFormatMatch(std::move(id), std::move(problem));
  }
  const absl::string_view first17 = absl::string_view(id).substr(0, 17);
  if (!IsDigits(first17) ||
      kCheckCharacters.find(id[17]) == absl::string_view::npos) {
    return NoFormatMatch(std::move(id),
                         "resident id is 17 digits then a digit or X");
  }
  std::string problem;
  const char expected = CheckCharacter(first17);
  if (id[17] != expected) {
    problem =
        absl::StrCat("check digit should be ", absl::string_view(&expected, 1));
  } else {
    problem = SemanticProblem(id);
  }
  if (!problem.empty()) {
    return Invalid(IdScheme::kChinaResidentId, std::move(id),
                   std::move(problem));
  }
  return Valid(IdScheme::kChinaResidentId, std::move(id));
}

}  // namespace mdm::matching
