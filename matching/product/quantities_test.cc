#include "matching/product/quantities.h"

#include <ostream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdm::matching {

void PrintTo(const Quantity& q, std::ostream* os) {
  *os << q.value << " " << q.unit;
}

namespace {

using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

TEST(ExtractQuantities, ReadsNumberAndCanonicalUnit) {
  const struct {
    std::string text;
    std::vector<Quantity> quantities;
  } cases[] = {
      {"Apple iPhone 13 Pro 256GB", {{256, "gb"}}},
      {"Apple iPhone 13 Pro 256 gb", {{256, "gb"}}},
      {"Seagate 1.5TB external drive", {{1500, "gb"}}},
      {"1 TB", {{1000, "gb"}}},
      {"512MB RAM", {{0.512, "gb"}}},
      {"Dell 15.6\" laptop", {{15.6, "in"}}},
      {"Dell 15.6-inch laptop", {{15.6, "in"}}},
      {"Dell 15.6 in. laptop", {{15.6, "in"}}},
      {"27in monitor", {{27, "in"}}},
      {"6 ft HDMI cable", {{72, "in"}}},
      {"ca international - arcserve lap/desktop oem 30pk", {{30, "pack"}}},
      {"AA batteries, 2-pack", {{2, "pack"}}},
      {"Crayons (Pack of 24)", {{24, "pack"}}},
      {"100 count napkins", {{100, "pack"}}},
      {"Coffee Maker 12-Cup", {{12, "cup"}}},
      {"USB hub, 4 ports", {{4, "port"}}},
      {"Canon PowerShot SD1000 7.1MP Digital Elph Camera", {{7.1, "mp"}}},
      {"12 MP camera", {{12, "mp"}}},
      {"Anker 10,000mAh power bank", {{10000, "mah"}}},
      {"Coffee beans 1kg", {{1000, "g"}}},
      {"Coffee beans 500g", {{500, "g"}}},
      {"Soda 2L bottle, 12 fl oz can", {{2000, "ml"}, {12, "floz"}}},
      {"Dog food 5 lb bag", {{80, "oz"}}},
      {"Ladder 2.5m", {{2500, "mm"}}},
      {"65W USB-C charger, 20V", {{65, "w"}, {20, "v"}}},
      {"Nikon 10x zoom", {{10, "x"}}},
      {"4,5 kg", {{4500, "g"}}},
      {"2x128GB kit", {{128, "gb"}}},
      {"16GB-DDR4", {{16, "gb"}}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_THAT(ExtractQuantities(c.text), ElementsAreArray(c.quantities));
  }
}

TEST(ExtractQuantities, ReadsChineseUnitsGluedOrNot) {
  const struct {
    std::string text;
    std::vector<Quantity> quantities;
  } cases[] = {
      {"Zorida显示器 Aurora 3 34英寸 带鱼屏 蓝色 2件装",
       {{34, "in"}, {2, "pack"}}},
      {"波蒂 Prism S14 Plus 移动电源 20000mAh 2件装",
       {{20000, "mah"}, {2, "pack"}}},
      {"充电宝 10000毫安 白色", {{10000, "mah"}}},
      {"矿泉水 550 毫升 24瓶装", {{550, "ml"}, {24, "pack"}}},
      {"大米 5公斤", {{5000, "g"}}},
      {"数据线 1.5米", {{1500, "mm"}}},
      {"8口 千兆交换机", {{8, "port"}}},
      // A Han character before the number is no obstacle; letters are.
      {"型号A2件装", {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_THAT(ExtractQuantities(c.text), ElementsAreArray(c.quantities));
  }
}

TEST(ExtractQuantities, FrequenciesConvertToHertz) {
  const std::vector<Quantity> ghz = ExtractQuantities("Intel 2.4GHz");
  ASSERT_EQ(ghz.size(), 1u);
  EXPECT_EQ(ghz[0].unit, "hz");
  EXPECT_DOUBLE_EQ(ghz[0].value, 2.4e9);
  EXPECT_FALSE(QuantitiesConflict(ghz, ExtractQuantities("2400 MHz")));
}

TEST(ExtractQuantities, IgnoresLookalikesThatAreNotQuantities) {
  for (const std::string text : {
           "Samsung Galaxy S21 5G",   // a network, not grams
           "4G LTE router",           // likewise
           "HP 2 in 1 laptop",        // no length
           "HP 2-in-1 laptop",        //
           "Sony WH-1000XM4",         // model number digits
           "Canon PowerShot SD1000",  //
           "Dell 1920x1080 monitor",  // a resolution
           "3 x 4 rug",               // a dimension, not a multiplier
           "Microsoft Office 2007",   // a year
           "firmware v2.5GB",         // preceded by a letter or point
           "clickart 950 000 - premier image pack (dvd-rom)",
       }) {
    SCOPED_TRACE(text);
    EXPECT_THAT(ExtractQuantities(text), IsEmpty());
  }
}

TEST(FindQuantities, ReportsTheSpanOfNumberAndUnit) {
  const std::string text = "iPhone 256 GB, Pack of 2";
  const std::vector<QuantityMatch> matches = FindQuantities(text);
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(text.substr(matches[0].begin, matches[0].end - matches[0].begin),
            "256 GB");
  EXPECT_EQ(text.substr(matches[1].begin, matches[1].end - matches[1].begin),
            "Pack of 2");
}

TEST(QuantitiesConflict, SameUnitWithDisagreeingValues) {
  const struct {
    std::string a;
    std::string b;
    bool conflict;
  } cases[] = {
      {"Apple iPhone 13 Pro 256GB", "Apple iPhone 13 Pro 512GB", true},
      {"oem 30pk", "oem 5 pack", true},
      {"1 TB SSD", "1000 GB SSD", false},
      {"256GB", "256 GB, 8GB RAM", false},  // one side says more
      {"256GB SSD 8GB RAM", "512GB SSD 8GB RAM", true},
      {"256GB", "15.6 inch", false},  // no shared unit
      {"256GB", "", false},
      {"", "", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.a + " / " + c.b);
    const std::vector<Quantity> a = ExtractQuantities(c.a);
    const std::vector<Quantity> b = ExtractQuantities(c.b);
    EXPECT_EQ(QuantitiesConflict(a, b), c.conflict);
    EXPECT_EQ(QuantitiesConflict(b, a), c.conflict);
  }
}

}  // namespace
}  // namespace mdm::matching
