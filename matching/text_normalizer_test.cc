#include "matching/text_normalizer.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

TEST(NormalizeText, FoldsCaseWidthPunctuationAndSpace) {
  struct Case {
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {"", ""},
      {"   ", ""},
      {"Kingdee Software", "kingdee software"},
      {"  Ｋｉｎｇｄｅｅ　Ｓｏｆｔｗａｒｅ ", "kingdee software"},
      {"ACME, Inc.", "acme inc"},
      {"金蝶软件（中国）有限公司", "金蝶软件 中国 有限公司"},
      {"O'Brien", "obrien"},
      {"O’Brien-Smith", "obrien smith"},
      {"STRASSE", "strasse"},
      {"Straße", "strasse"},
      {"tab\tand\nnewline", "tab and newline"},
      {"①②", "12"},
      {"Zoë", "zoë"},
      {"bad\xFFutf8", "bad utf8"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NormalizeText(c.input), c.expected) << c.input;
  }
}

TEST(NormalizedTokens, SplitsOnFoldedSeparators) {
  EXPECT_THAT(NormalizedTokens(" Lee,  Ann "),
              ::testing::ElementsAre("lee", "ann"));
  EXPECT_THAT(NormalizedTokens("..."), ::testing::IsEmpty());
}

}  // namespace
}  // namespace mdm::matching
