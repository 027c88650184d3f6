#include "matching/organization/organization_name_codes.h"

#include <algorithm>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "matching/organization/business_terms.h"
#include "matching/organization/chinese_regions.h"

namespace mdm::matching {
namespace {

// Business terms that say how an organization is built or where it works,
// not what it does: two companies of one brand differing only in these may
// be one (Vantora Group, Vantora Holdings International).
bool IsStructuralTerm(absl::string_view term) {
  constexpr absl::string_view kStructural[] = {
      "america",  "and",     "asia",          "associates", "brothers",
      "center",   "china",   "enterprise",    "europe",     "global",
      "group",    "holding", "international", "japan",      "korea",
      "national", "new",     "pacific",       "partner"};
  return std::find(std::begin(kStructural), std::end(kStructural), term) !=
         std::end(kStructural);
}

// Provincial-level cities and areas (北京, 上海, 香港, ...): places of the
// same kind as the cities, not as the provinces that contain them.
bool IsCityLike(absl::string_view place) {
  return place == "beijing" || place == "tianjin" || place == "shanghai" ||
         place == "chongqing" || place == "hongkong" || place == "macau";
}

bool IsWebSuffix(absl::string_view token) {
  return token == "com" || token == "net" || token == "org";
}

absl::string_view Body(absl::string_view code) {
  return code.substr(code.find(':') + 1);
}

}  // namespace

std::vector<std::string> OrganizationNameCodes(const OrganizationName& name) {
  std::vector<std::string> codes;
  std::string brand;
  for (const std::string& token : name.core_tokens) {
    if (token == "group" || token == "holding") codes.push_back("g");
    if (IsBusinessTerm(token)) {
      if (!IsStructuralTerm(token)) codes.push_back(absl::StrCat("i:", token));
    } else if (!IsWebSuffix(token)) {
      brand += token;
    }
  }
  if (!brand.empty()) codes.push_back(absl::StrCat("b:", brand));
  if (name.branch) codes.push_back("k");
  for (const std::string& qualifier : name.qualifiers) {
    codes.push_back(absl::StrCat("q:", qualifier));
  }
  const std::string& place = name.branch ? name.branch_place : name.region;
  if (!place.empty()) {
    const std::optional<Region> region = FindRegion(place);
    const std::string level =
        !region.has_value() ? "w"
        : IsCityLike(place) ? absl::StrCat(static_cast<int>(RegionLevel::kCity))
                            : absl::StrCat(static_cast<int>(region->level));
    codes.push_back(absl::StrCat("p", level, ":", place));
  }
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return codes;
}

bool OrganizationNameCodesConflict(absl::Span<const std::string> a,
                                   absl::Span<const std::string> b) {
  absl::string_view brand_a, brand_b;
  std::vector<absl::string_view> industries_a, industries_b;
  std::vector<absl::string_view> qualifiers_a, qualifiers_b;
  bool group_a = false, group_b = false, branch_a = false, branch_b = false;
  for (const std::string& x : a) {
    if (absl::StartsWith(x, "b:")) brand_a = Body(x);
    if (absl::StartsWith(x, "i:")) industries_a.push_back(x);
    if (absl::StartsWith(x, "q:")) qualifiers_a.push_back(x);
    group_a = group_a || x == "g";
    branch_a = branch_a || x == "k";
  }
  for (const std::string& y : b) {
    if (absl::StartsWith(y, "b:")) brand_b = Body(y);
    if (absl::StartsWith(y, "i:")) industries_b.push_back(y);
    if (absl::StartsWith(y, "q:")) qualifiers_b.push_back(y);
    group_b = group_b || y == "g";
    branch_b = branch_b || y == "k";
    if (absl::StartsWith(y, "p")) {
      const absl::string_view level =
          absl::string_view(y).substr(0, y.find(':'));
      for (const std::string& x : a) {
        if (absl::StartsWith(x, level) && x.size() > level.size() &&
            x[level.size()] == ':' && x != y) {
          return true;
        }
      }
    }
  }
  if (brand_a.empty() || brand_a != brand_b) return false;
  if (branch_a != branch_b) return true;
  if (!qualifiers_a.empty() && !qualifiers_b.empty() &&
      std::none_of(
          qualifiers_a.begin(), qualifiers_a.end(), [&](absl::string_view x) {
            return std::find(qualifiers_b.begin(), qualifiers_b.end(), x) !=
                   qualifiers_b.end();
          })) {
    return true;
  }
  // Codes are sorted, so the industries are too.
  if (industries_a == industries_b) return false;
  if (group_a != group_b) return true;
  if (industries_a.empty() || industries_b.empty()) return false;
  for (absl::string_view x : industries_a) {
    if (std::find(industries_b.begin(), industries_b.end(), x) !=
        industries_b.end()) {
      return false;
    }
  }
  return true;
}

}  // namespace mdm::matching
