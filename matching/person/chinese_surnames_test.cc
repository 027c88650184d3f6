#include "matching/person/chinese_surnames.h"

#include <string>

#include "absl/container/flat_hash_set.h"
#include "gtest/gtest.h"
#include "matching/person/pinyin_syllables.h"

namespace mdm::matching {
namespace {

TEST(ChineseSurnames, TableHasCommonSingleAndAllRequiredCompoundSurnames) {
  int single = 0;
  for (const ChineseSurname& surname : ChineseSurnames()) {
    if (surname.han.size() == 3) ++single;  // One BMP character.
  }
  EXPECT_GE(single, 120);
  for (const char* compound :
       {"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容",
        "长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离", "端木"}) {
    EXPECT_NE(FindChineseSurname(compound), nullptr) << compound;
  }
}

TEST(ChineseSurnames, EntriesAreUniqueAndRomanizedAsPinyin) {
  absl::flat_hash_set<absl::string_view> seen;
  for (const ChineseSurname& surname : ChineseSurnames()) {
    EXPECT_TRUE(seen.insert(surname.han).second) << surname.han;
    EXPECT_TRUE(IsPinyinWord(surname.pinyin)) << surname.pinyin;
  }
}

TEST(ChineseSurnames, FindsBySimplifiedCharacters) {
  struct Case {
    const char* han;
    const char* pinyin;  // nullptr: not a surname.
  };
  const Case cases[] = {
      {"王", "wang"},  {"单", "shan"},     {"解", "xie"},
      {"区", "ou"},    {"欧阳", "ouyang"}, {"长孙", "zhangsun"},
      {"伟", nullptr}, {"歐陽", nullptr},  // Traditional: convert first.
      {"", nullptr},
  };
  for (const Case& c : cases) {
    const ChineseSurname* surname = FindChineseSurname(c.han);
    if (c.pinyin == nullptr) {
      EXPECT_EQ(surname, nullptr) << c.han;
    } else {
      ASSERT_NE(surname, nullptr) << c.han;
      EXPECT_EQ(surname->pinyin, c.pinyin);
    }
  }
}

TEST(ChineseSurnames, RankFollowsFrequency) {
  EXPECT_EQ(ChineseSurnameRank("wang"), 0);
  EXPECT_LT(ChineseSurnameRank("wang"), ChineseSurnameRank("wei"));
  EXPECT_LT(ChineseSurnameRank("zhang"), ChineseSurnameRank("xiao"));
  EXPECT_GE(ChineseSurnameRank("ouyang"), 0);
  EXPECT_EQ(ChineseSurnameRank("lv"), ChineseSurnameRank("lu"));
  EXPECT_EQ(ChineseSurnameRank("lyu"), ChineseSurnameRank("lu"));
  EXPECT_EQ(ChineseSurnameRank("smith"), -1);
  EXPECT_EQ(ChineseSurnameRank("ming"), -1);
}

}  // namespace
}  // namespace mdm::matching
