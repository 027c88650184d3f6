#include "matching/transliteration.h"

#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

TEST(Transliteration, HanBecomesSpacedToneFreePinyin) {
  struct Case {
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {"金蝶软件", "jin die ruan jian"},
      {"金蝶 Software", "jin die software"},
      {"华为技术", "hua wei ji shu"},
      {"Acme", "acme"},
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(HanToPinyin(c.input), c.expected);
}

TEST(Transliteration, SurnameReadings) {
  EXPECT_EQ(HanToPinyinName("单雄信"), "shan xiong xin");
  EXPECT_EQ(HanToPinyin("单"), "dan");
}

TEST(Transliteration, TraditionalToSimplified) {
  EXPECT_EQ(TraditionalToSimplified("華為技術"), "华为技术");
  EXPECT_EQ(TraditionalToSimplified("Acme"), "Acme");
}

TEST(Transliteration, OtherScriptsToLatin) {
  EXPECT_EQ(ToLatin("トヨタ"), "toyota");
  EXPECT_EQ(ToLatin("삼성"), "samseong");
  EXPECT_EQ(ToLatin("Nestlé"), "nestle");
  EXPECT_TRUE(ContainsNonLatinLetters("ソニー"));
  EXPECT_FALSE(ContainsNonLatinLetters("Nestlé S.A."));
  EXPECT_TRUE(ContainsHan("金蝶"));
  EXPECT_FALSE(ContainsHan("トヨタ"));
}

}  // namespace
}  // namespace mdm::matching
