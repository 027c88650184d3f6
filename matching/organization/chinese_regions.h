// Places that qualify organization names: Chinese provinces and large cities
// (written before a Chinese name, 深圳市腾讯..., or in brackets,
// 百度在线网络技术（北京）公司) and the countries and areas that appear in
// brackets ("Kingdee Software (China) Co., Ltd.", 金蝶软件（中国）有限公司).
//
//   FindRegion("深圳市")      == Region{"shenzhen", kCity}
//   FindRegion("shenzhen")    == Region{"shenzhen", kCity}
//   FindRegion("中国")        == Region{"china", kCountry}
//   FindRegion("hong kong")   == Region{"hongkong", kProvince}
//   FindRegion("kingdee")     == std::nullopt
//   MatchChineseRegionPrefix("深圳市腾讯计算机系统") == {shenzhen, 9 bytes}
//   MatchChineseRegionPrefix("广西壮族自治区...")    == {guangxi, 21 bytes}
//   MatchChineseRegionPrefix("中国银行")             == {}  (countries never)
//
// Canonical names are Hanyu Pinyin without spaces or tone marks, with the
// official spelling where plain pinyin would collide (陕西 "shaanxi", 山西
// "shanxi") and three exceptions where English text never uses pinyin: 香港
// "hongkong", 澳门 "macau", and countries by their English name ("china",
// "japan", "usa"). Each entry also accepts common Latin spellings ("hong
// kong", "xi an", "harbin", "urumqi", "taipei", "inner mongolia").
//
// The table holds the 34 provincial-level divisions, 88 cities (the largest
// by population and economy, and the main cities of Taiwan) and 30 countries
// and areas. Province and city names may carry their administrative suffix
// (省, 市, 自治区, 特别行政区, 壮族自治区, ...). Countries are matched only as
// whole text (brackets), never as a prefix: 中国银行 is Bank of China.
//
// Known ambiguity: a prefix match trusts the table, so a name that merely
// starts with a city's characters (中山大学, 金华 as a brand) loses them; the
// organization parser keeps the place in the name when nothing distinctive
// would remain.
//
// Inputs are simplified (TraditionalToSimplified) and normalized
// (NormalizeText). Cost: tables built once on first use; a lookup is one hash
// probe per candidate length. Thread-safe.
#ifndef MDM_MATCHING_ORGANIZATION_CHINESE_REGIONS_H_
#define MDM_MATCHING_ORGANIZATION_CHINESE_REGIONS_H_

#include <cstddef>
#include <optional>

#include "absl/strings/string_view.h"

namespace mdm::matching {

// Finer levels say more about which organization a name means.
enum class RegionLevel { kCountry = 0, kProvince = 1, kCity = 2 };

struct Region {
  absl::string_view canonical;  // "shenzhen"; points into a static table
  RegionLevel level = RegionLevel::kCountry;
};

// The region `normalized_name` names as a whole: a Han name with or without
// its administrative suffix, or a Latin spelling (tokens joined by single
// spaces, as NormalizeText leaves them).
std::optional<Region> FindRegion(absl::string_view normalized_name);

struct RegionPrefix {
  std::optional<Region> region;  // a province or city; nullopt when none
  size_t length = 0;             // bytes covered, suffix included
};

// The longest province or city name, with its optional administrative suffix,
// that starts the Han text `text`.
RegionPrefix MatchChineseRegionPrefix(absl::string_view text);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_ORGANIZATION_CHINESE_REGIONS_H_
