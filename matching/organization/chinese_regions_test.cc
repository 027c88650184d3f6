#include "matching/organization/chinese_regions.h"

#include <string>

#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

TEST(FindRegion, HanNamesWithOrWithoutSuffixAndLatinSpellings) {
  const struct {
    std::string name;
    std::string canonical;
    RegionLevel level;
  } cases[] = {
      {"深圳", "shenzhen", RegionLevel::kCity},
      {"深圳市", "shenzhen", RegionLevel::kCity},
      {"shenzhen", "shenzhen", RegionLevel::kCity},
      {"北京", "beijing", RegionLevel::kProvince},
      {"北京市", "beijing", RegionLevel::kProvince},
      {"广东省", "guangdong", RegionLevel::kProvince},
      {"内蒙古自治区", "neimenggu", RegionLevel::kProvince},
      {"inner mongolia", "neimenggu", RegionLevel::kProvince},
      {"陕西", "shaanxi", RegionLevel::kProvince},
      {"山西", "shanxi", RegionLevel::kProvince},
      {"香港", "hongkong", RegionLevel::kProvince},
      {"hong kong", "hongkong", RegionLevel::kProvince},
      {"xian", "xian", RegionLevel::kCity},
      {"长沙", "changsha", RegionLevel::kCity},
      {"中国", "china", RegionLevel::kCountry},
      {"china", "china", RegionLevel::kCountry},
      {"asia pacific", "asiapacific", RegionLevel::kCountry},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::optional<Region> region = FindRegion(c.name);
    ASSERT_TRUE(region.has_value());
    EXPECT_EQ(region->canonical, c.canonical);
    EXPECT_EQ(region->level, c.level);
  }
  EXPECT_FALSE(FindRegion("kingdee").has_value());
  EXPECT_FALSE(FindRegion("").has_value());
}

TEST(MatchChineseRegionPrefix, ProvinceOrCityWithOptionalSuffix) {
  const struct {
    std::string text;
    std::string canonical;  // "" for no match
    size_t length;
  } cases[] = {
      {"深圳市腾讯计算机系统", "shenzhen", 9},
      {"深圳腾讯", "shenzhen", 6},
      {"广东省深圳市某某", "guangdong", 9},
      {"广西壮族自治区柳工机械", "guangxi", 21},
      {"黑龙江省某某", "heilongjiang", 12},
      {"北京百度网讯科技", "beijing", 6},
      // 市场 is "market": the city is 上海 alone.
      {"上海市场调研", "shanghai", 6},
      // Countries never strip as a prefix; names elsewhere do not match.
      {"中国银行", "", 0},
      {"金蝶软件", "", 0},
      {"", "", 0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const RegionPrefix prefix = MatchChineseRegionPrefix(c.text);
    EXPECT_EQ(prefix.region.has_value() ? prefix.region->canonical : "",
              c.canonical);
    EXPECT_EQ(prefix.length, c.length);
  }
}

}  // namespace
}  // namespace mdm::matching
