#include "matching/identifiers/identifier.h"

#include <string>
#include <utility>
#include <vector>

#include "matching/identifiers/china_resident_id.h"
#include "matching/identifiers/china_uscc.h"
#include "matching/identifiers/eu_vat.h"
#include "matching/identifiers/gtin.h"
#include "matching/identifiers/internal/calendar.h"
#include "matching/identifiers/internal/check_digits.h"
#include "matching/identifiers/internal/cleaned_text.h"
#include "matching/identifiers/internal/eu_vat_countries.h"
#include "matching/identifiers/isbn10.h"
#include "matching/identifiers/us_ein.h"
#include "matching/identifiers/us_ssn.h"

namespace mdm::matching {
namespace {

using identifiers_internal::CleanedText;
using identifiers_internal::CleanIdentifierText;
using identifiers_internal::DigitsValue;
using identifiers_internal::IsDigits;
using identifiers_internal::IsRealDate;
using identifiers_internal::IsVatCountry;

using Checker = IdentifierCheck (*)(absl::string_view);

bool HasVatPrefix(absl::string_view s) {
  if (s.size() <= 2) return false;
  const absl::string_view prefix = s.substr(0, 2);
  return prefix == "GR" || IsVatCountry(prefix);
}

bool IsGtinLength(size_t size) {
  return size == 8 || size == 12 || size == 13 || size == 14;
}

// 17 digits embedding a plausible birth date, then a digit or X: tried as a
// resident id before a USCC.
bool LooksLikeResidentId(absl::string_view s) {
  if (s.size() != 18 || !IsDigits(s.substr(0, 17)) ||
      !(IsDigits(s.substr(17)) || s[17] == 'X')) {
    return false;
  }
  const int year = DigitsValue(s.substr(6, 4));
  return year >= 1900 && year <= 2100 &&
         IsRealDate(year, DigitsValue(s.substr(10, 2)),
                    DigitsValue(s.substr(12, 2)));
}

// USCC then resident id, or the other way round for text shaped like a
// resident id.
void AddEighteenCharacterSchemes(absl::string_view s,
                                 std::vector<Checker>& out) {
  if (LooksLikeResidentId(s)) {
    out.push_back(CheckChinaResidentId);
    out.push_back(CheckChinaUscc);
  } else {
    out.push_back(CheckChinaUscc);
    out.push_back(CheckChinaResidentId);
  }
}

// The checkers to try, in order, for the cleaned text `c` under `hint`.
std::vector<Checker> Candidates(const CleanedText& c, IdentifierHint hint) {
  const absl::string_view s = c.text;
  const bool digits = IsDigits(s);
  const bool written_as_ein = c.groups == std::vector<int>{2, 7};
  const bool written_as_ssn = c.groups == std::vector<int>{3, 2, 4};
  std::vector<Checker> out;
  switch (hint) {
    case IdentifierHint::kAny:
      if (HasVatPrefix(s)) out.push_back(CheckEuVat);
      if (s.size() == 18) AddEighteenCharacterSchemes(s, out);
      if (digits && IsGtinLength(s.size())) out.push_back(CheckGtin);
      if (digits && s.size() == 9) {
        if (written_as_ein) out.push_back(CheckUsEin);
        if (written_as_ssn) out.push_back(CheckUsSsn);
      }
      break;
    case IdentifierHint::kRegistration:
      if (s.size() == 18) out.push_back(CheckChinaUscc);
      if (HasVatPrefix(s)) out.push_back(CheckEuVat);
      break;
    case IdentifierHint::kTax:
      // Chinese individuals' taxpayer number is their resident id.
      if (s.size() == 18) AddEighteenCharacterSchemes(s, out);
      if (HasVatPrefix(s)) out.push_back(CheckEuVat);
      if (digits && s.size() == 9) {
        out.push_back(written_as_ssn ? CheckUsSsn : CheckUsEin);
      }
      break;
    case IdentifierHint::kNationalId:
      if (s.size() == 18 || s.size() == 15) {
        out.push_back(CheckChinaResidentId);
      }
      if (digits && s.size() == 9) out.push_back(CheckUsSsn);
      break;
    case IdentifierHint::kGtin:
      if (digits && IsGtinLength(s.size())) out.push_back(CheckGtin);
      if (s.size() == 10) out.push_back(CheckIsbn10);
      break;
  }
  return out;
}

}  // namespace

std::string NormalizeIdentifier(absl::string_view text) {
  return CleanIdentifierText(text).text;
}

IdentifierCheck ClassifyIdentifier(absl::string_view text,
                                   IdentifierHint hint) {
  CleanedText cleaned = CleanIdentifierText(text);
  IdentifierCheck first_match;
  for (Checker checker : Candidates(cleaned, hint)) {
    IdentifierCheck check = checker(cleaned.text);
    if (check.valid) return check;
    if (check.scheme != IdScheme::kUnknown &&
        first_match.scheme == IdScheme::kUnknown) {
      first_match = std::move(check);
    }
  }
  if (first_match.scheme != IdScheme::kUnknown) return first_match;
  IdentifierCheck unknown;
  unknown.normalized = std::move(cleaned.text);
  return unknown;
}

absl::string_view IdSchemeName(IdScheme scheme) {
  switch (scheme) {
    case IdScheme::kUnknown:
      return "unknown";
    case IdScheme::kChinaUscc:
      return "cn_uscc";
    case IdScheme::kChinaResidentId:
      return "cn_resident_id";
    case IdScheme::kGtin8:
      return "gtin8";
    case IdScheme::kGtin12:
      return "gtin12";
    case IdScheme::kGtin13:
      return "gtin13";
    case IdScheme::kGtin14:
      return "gtin14";
    case IdScheme::kUsEin:
      return "us_ein";
    case IdScheme::kUsSsn:
      return "us_ssn";
    case IdScheme::kEuVat:
      return "eu_vat";
    case IdScheme::kIsbn10:
      return "isbn10";
  }
  return "unknown";
}

}  // namespace mdm::matching
