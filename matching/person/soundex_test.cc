#include "matching/person/soundex.h"

#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

TEST(Soundex, TextbookCodes) {
  struct Case {
    const char* name;
    const char* code;
  };
  const Case cases[] = {
      {"robert", "R163"},   {"rupert", "R163"},    {"rubin", "R150"},
      {"ashcraft", "A261"}, {"ashcroft", "A261"},  {"tymczak", "T522"},
      {"pfister", "P236"},  {"honeyman", "H555"},  {"washington", "W252"},
      {"lee", "L000"},      {"gutierrez", "G362"}, {"jackson", "J250"},
      {"lloyd", "L300"},    {"a", "A000"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Soundex(c.name), c.code) << c.name;
  }
}

TEST(Soundex, SoundAlikeNamesShareCode) {
  EXPECT_EQ(Soundex("smith"), Soundex("smyth"));
  EXPECT_EQ(Soundex("catherine"), Soundex("cathryn"));
}

TEST(Soundex, CaseAndAsciiPunctuationIgnored) {
  EXPECT_EQ(Soundex("O'Brien"), Soundex("obrien"));
  EXPECT_EQ(Soundex("ROBERT"), "R163");
  EXPECT_EQ(Soundex("van dyke"), Soundex("vandyke"));
}

TEST(Soundex, NonLatinOrLetterlessInputGivesEmpty) {
  EXPECT_EQ(Soundex("王伟"), "");
  EXPECT_EQ(Soundex("josé"), "");
  EXPECT_EQ(Soundex(""), "");
  EXPECT_EQ(Soundex("123"), "");
}

}  // namespace
}  // namespace mdm::matching
