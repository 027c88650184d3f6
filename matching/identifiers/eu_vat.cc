#include "matching/identifiers/eu_vat.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "matching/identifiers/internal/cleaned_text.h"
#include "matching/identifiers/internal/eu_vat_countries.h"
#include "matching/identifiers/internal/results.h"

namespace mdm::matching {
namespace {

using identifiers_internal::CheckVatNationalPart;
using identifiers_internal::CleanIdentifierText;
using identifiers_internal::Invalid;
using identifiers_internal::IsVatCountry;
using identifiers_internal::NoFormatMatch;
using identifiers_internal::Valid;
using identifiers_internal::VatNationalCheck;

}  // namespace

IdentifierCheck CheckEuVat(absl::string_view text) {
  std::string cleaned = CleanIdentifierText(text).text;
  std::string country = cleaned.substr(0, 2);
  if (country == "GR") country = "EL";
  if (cleaned.size() < 2 || !IsVatCountry(country)) {
    return NoFormatMatch(std::move(cleaned),
                         "EU VAT number starts with an EU country prefix");
  }
  VatNationalCheck national =
      CheckVatNationalPart(country, absl::string_view(cleaned).substr(2));
  if (!national.format_ok) {
    return NoFormatMatch(std::move(cleaned), std::move(national.problem));
  }
  std::string normalized = absl::StrCat(country, national.number);
  if (!national.problem.empty()) {
    return Invalid(IdScheme::kEuVat, std::move(normalized),
                   std::move(national.problem));
  }
  return Valid(IdScheme::kEuVat, std::move(normalized));
}

}  // namespace mdm::matching
