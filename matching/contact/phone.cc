#include "matching/contact/phone.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "matching/contact/internal/full_width.h"
#include "matching/contact/region_code.h"

namespace mdm::matching {
namespace {

using ::i18n::phonenumbers::PhoneNumberUtil;
using LibPhoneNumber = ::i18n::phonenumbers::PhoneNumber;

constexpr absl::string_view kUnknownRegion = "ZZ";

// Extension markers libphonenumber does not know; the text from the first
// one on is dropped.
constexpr absl::string_view kChineseExtensionMarkers[] = {
    "转",
    "轉",
    "分机",
    "分機",
};

// Markers for the digits-only fallback, matched case-insensitively.
constexpr absl::string_view kExtensionMarkers[] = {"ext", "x", "#", ";"};

std::string CutAtChineseExtension(std::string text) {
  for (absl::string_view marker : kChineseExtensionMarkers) {
    const size_t at = text.find(marker.data(), 0, marker.size());
    if (at != std::string::npos) text.resize(at);
  }
  return text;
}

std::string DigitsBeforeExtension(absl::string_view text) {
  const std::string lower = absl::AsciiStrToLower(text);
  size_t end = lower.size();
  for (absl::string_view marker : kExtensionMarkers) {
    end = std::min(end, lower.find(marker.data(), 0, marker.size()));
  }
  std::string digits;
  for (char c : text.substr(0, end)) {
    if (absl::ascii_isdigit(c)) digits.push_back(c);
  }
  return digits;
}

std::optional<LibPhoneNumber> Parse(const std::string& text,
                                    absl::string_view region) {
  LibPhoneNumber number;
  if (PhoneNumberUtil::GetInstance()->Parse(text, std::string(region),
                                            &number) !=
      PhoneNumberUtil::NO_PARSING_ERROR) {
    return std::nullopt;
  }
  return number;
}

// "0086 138..." -> "+86 138...", for the reading with "00" as the
// international prefix; nullopt when the number does not start with "00".
std::optional<std::string> WithPlusForDoubleZero(absl::string_view text) {
  const size_t first = text.find_first_of("+0123456789");
  if (first == absl::string_view::npos) return std::nullopt;
  const absl::string_view number = text.substr(first);
  if (!absl::StartsWith(number, "00")) return std::nullopt;
  return absl::StrCat("+", number.substr(2));
}

PhoneNumber FromParsed(const LibPhoneNumber& number) {
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber out;
  util.Format(number, PhoneNumberUtil::E164, &out.e164);
  util.GetNationalSignificantNumber(number, &out.digits);
  // What IsValidNumber does, without finding the region a second time: the
  // region search runs the number patterns of every region of the country
  // code, the costliest step of parsing.
  util.GetRegionCodeForNumber(number, &out.region);
  out.valid = !out.region.empty() && out.region != kUnknownRegion &&
              util.IsValidNumberForRegion(number, out.region);
  if (out.region.empty() || out.region == kUnknownRegion) {
    out.region.clear();
    util.GetRegionCodeForCountryCode(number.country_code(), &out.region);
    if (out.region == kUnknownRegion) out.region.clear();
  }
  return out;
}

}  // namespace

PhoneNumber ParsePhone(absl::string_view raw, absl::string_view region_hint) {
  const std::string text = CutAtChineseExtension(internal::FoldFullWidth(raw));
  const std::string region = RegionCodeFor(region_hint);

  std::optional<LibPhoneNumber> parsed =
      Parse(text, region.empty() ? kUnknownRegion : region);
  // "00..." may be the international prefix: prefer that reading when the
  // first one does not give a valid number and it does.
  if (const std::optional<std::string> international =
          WithPlusForDoubleZero(text);
      international.has_value() &&
      (!parsed.has_value() ||
       !PhoneNumberUtil::GetInstance()->IsValidNumber(*parsed))) {
    std::optional<LibPhoneNumber> alternative =
        Parse(*international, kUnknownRegion);
    if (alternative.has_value() &&
        (!parsed.has_value() ||
         PhoneNumberUtil::GetInstance()->IsValidNumber(*alternative))) {
      parsed = std::move(alternative);
    }
  }
  if (parsed.has_value()) return FromParsed(*parsed);

  PhoneNumber out;
  out.digits = DigitsBeforeExtension(text);
  out.region = region;
  return out;
}

}  // namespace mdm::matching
