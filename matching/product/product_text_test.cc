#include "matching/product/product_text.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

TEST(ParseProductText, SplitsTokensModelNumbersAndQuantities) {
  const struct {
    std::string title;
    std::vector<std::string> tokens;
    std::vector<std::string> models;
    std::vector<Quantity> quantities;
  } cases[] = {
      {"Sony WH-1000XM4 Wireless Noise Cancelling Headphones",
       {"sony", "wireless", "noise", "cancelling", "headphones"},
       {"WH1000XM4"},
       {}},
      {"Apple iPhone 13 Pro 256GB",
       {"apple", "iphone", "13", "pro"},
       {},
       {{256, "gb"}}},
      {"clickart 950 000 - premier image pack (dvd-rom)",
       {"clickart", "950", "000", "premier", "image", "pack", "dvd", "rom"},
       {},
       {}},
      {"ca international - arcserve lap/desktop oem 30pk",
       {"ca", "international", "arcserve", "lap", "desktop", "oem"},
       {},
       {{30, "pack"}}},
      {"adobe photoshop cs3 upgrade",
       {"adobe", "photoshop", "upgrade"},
       {"CS3"},
       {}},
      // 2007 is a version year: a token, not a model number.
      {"Microsoft Office 2007 Professional",
       {"microsoft", "office", "2007", "professional"},
       {},
       {}},
      {"Canon PowerShot SD1000 7.1MP Digital Elph Camera",
       {"canon", "powershot", "digital", "elph", "camera"},
       {"SD1000"},
       {{7.1, "mp"}}},
      {"The New Case for the iPad with a Stand, by Acme",
       {"case", "ipad", "stand", "acme"},
       {},
       {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.title);
    const ProductText parsed = ParseProductText(c.title);
    EXPECT_THAT(parsed.tokens, ElementsAreArray(c.tokens));
    EXPECT_THAT(parsed.model_numbers, ElementsAreArray(c.models));
    EXPECT_THAT(parsed.quantities, ElementsAreArray(c.quantities));
  }
}

TEST(ParseProductText, SiblingProductsDifferInModelOrQuantity) {
  const ProductText xm4 =
      ParseProductText("Sony WH-1000XM4 Wireless Noise Cancelling Headphones");
  const ProductText xm5 = ParseProductText(
      "Sony WH-1000XM5 Wireless Noise Cancelling Headphones, Black");
  EXPECT_NE(xm4.model_numbers, xm5.model_numbers);

  const ProductText small = ParseProductText("Apple iPhone 13 Pro 256GB");
  const ProductText large = ParseProductText("Apple iPhone 13 Pro - 512 GB");
  EXPECT_EQ(small.tokens, large.tokens);
  EXPECT_TRUE(QuantitiesConflict(small.quantities, large.quantities));
}

TEST(ParseProductText, DescriptionAddsModelNumbersButNotTokensOrQuantities) {
  const ProductText parsed = ParseProductText(
      "Sony Noise Cancelling Headphones WH-1000XM4",
      "Model WH1000XM4/B. Replaces the WH-1000XM3. 40mm drivers, 30 hours.");
  EXPECT_THAT(parsed.model_numbers,
              ElementsAre("WH1000XM4", "WH1000XM4B", "WH1000XM3"));
  EXPECT_THAT(parsed.tokens,
              ElementsAre("sony", "noise", "cancelling", "headphones"));
  EXPECT_THAT(parsed.quantities, IsEmpty());
}

TEST(ParseProductText, EmptyInputGivesEmptyResult) {
  const ProductText parsed = ParseProductText("");
  EXPECT_THAT(parsed.tokens, IsEmpty());
  EXPECT_THAT(parsed.model_numbers, IsEmpty());
  EXPECT_THAT(parsed.quantities, IsEmpty());
}

}  // namespace
}  // namespace mdm::matching
