#include "matching/product/colours.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(ExtractColoursTest, FindsColourWordsInAnyCase) {
  EXPECT_THAT(ExtractColours("Logitech MX Master 3 GRAPHITE"),
              ElementsAre("graphite"));
  EXPECT_THAT(ExtractColours("Dell 24 Monitor black/silver"),
              ElementsAre("black", "silver"));
}

TEST(ExtractColoursTest, FoldsSpellingsAndPhrases) {
  EXPECT_THAT(ExtractColours("AirPods Max - Space Gray"), ElementsAre("grey"));
  EXPECT_THAT(ExtractColours("Watch strap, grey"), ElementsAre("grey"));
  EXPECT_THAT(ExtractColours("Case rose gold"), ElementsAre("rosegold"));
  EXPECT_THAT(ExtractColours("Ink Cartridge Cyan"), ElementsAre("cyan"));
}

TEST(ExtractColoursTest, ReadsChineseColourWords) {
  EXPECT_THAT(ExtractColours("小米手环 黑色"), ElementsAre("black"));
  EXPECT_THAT(ExtractColours("手机壳 玫瑰金色"), ElementsAre("rosegold"));
  // 色 without a colour before it names none.
  EXPECT_THAT(ExtractColours("彩色打印机"), IsEmpty());
}

TEST(ExtractColoursTest, IgnoresWordsThatOnlyContainAColour) {
  EXPECT_THAT(ExtractColours("Bluetooth speaker, redundant power"), IsEmpty());
  EXPECT_THAT(ExtractColours("USB cable 2m"), IsEmpty());
}

TEST(ColoursConflictTest, DisjointColoursConflict) {
  EXPECT_TRUE(ColoursConflict({"black"}, {"white"}));
  EXPECT_FALSE(ColoursConflict({"black", "silver"}, {"silver"}));
  EXPECT_FALSE(ColoursConflict({"black"}, {}));
  EXPECT_FALSE(ColoursConflict({}, {}));
}

TEST(ColoursConflictTest, EnglishAndChineseAgree) {
  EXPECT_FALSE(ColoursConflict(ExtractColours("手环 黑色"),
                               ExtractColours("Band Black")));
  EXPECT_TRUE(ColoursConflict(ExtractColours("手环 白色"),
                              ExtractColours("Band Black")));
}

}  // namespace
}  // namespace mdm::matching
