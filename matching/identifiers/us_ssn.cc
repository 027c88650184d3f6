#include "matching/identifiers/us_ssn.h"

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

}  // namespace

IdentifierCheck CheckUsSsn(absl::string_view text) {
  std::string ssn = CleanIdentifierText(text).text;
  if (ssn.size() != 9 || !IsDigits(ssn)) {
    return NoFormatMatch(std::move(ssn), "SSN has 9 digits");
  }
  const absl::string_view view = ssn;
  const absl::string_view area = view.substr(0, 3);
  const int area_value = DigitsValue(area);
  std::string problem;
  if (area_value == 0 || area_value == 666 || area_value >= 900) {
    problem = absl::StrCat("SSN area ", area, " is never assigned");
  } else if (view.substr(3, 2) == "00") {
    problem = "SSN group 00 is never assigned";
  } else if (view.substr(5) == "0000") {
    problem = "SSN serial 0000 is never assigned";
  } else if (view == "078051120" || view == "219099999") {
    problem = "SSN was voided after use in advertising";
  }
  if (!problem.empty()) {
    return Invalid(IdScheme::kUsSsn, std::move(ssn), std::move(problem));
  }
  return Valid(IdScheme::kUsSsn, std::move(ssn));
}

}  // namespace mdm::matching
