#include "matching/person/pinyin_syllables.h"

#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

TEST(PinyinSyllables, KnowsSyllablesOfEveryInitial) {
  for (const char* syllable :
       {"a",    "er",    "yi",    "wu",  "bo",  "pou",    "miu",
        "fo",   "dia",   "te",    "nve", "lv",  "lyu",    "gei",
        "kuai", "huang", "jiong", "qu",  "xue", "zhuang", "chuai",
        "shei", "rua",   "zei",   "cen", "suo"}) {
    EXPECT_TRUE(IsPinyinSyllable(syllable)) << syllable;
  }
}

TEST(PinyinSyllables, RejectsNonSyllables) {
  for (const char* text :
       {"", "b", "ng", "hm", "bia", "fi", "ti'an", "zhia", "smith", "Wang"}) {
    EXPECT_FALSE(IsPinyinSyllable(text)) << text;
  }
}

TEST(PinyinSyllables, WordsSplitIntoSyllables) {
  struct Case {
    const char* word;
    bool pinyin;
  };
  const Case cases[] = {
      {"xiaoming", true},
      {"ouyang", true},
      {"zhuge", true},
      {"xian", true},
      {"shangguan", true},
      {"jianguo", true},
      {"wei", true},
      {"robert", false},
      {"smith", false},
      {"john", false},
      {"", false},
      {"xiaomingx", false},
      {"christopher", false},
      // Short English names can split too; the caller asks for a surname.
      {"anne", true},
      {"dan", true},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IsPinyinWord(c.word), c.pinyin) << c.word;
  }
}

TEST(PinyinSyllables, OverlongWordIsNotPinyin) {
  EXPECT_FALSE(IsPinyinWord("mamamamamamamamamamamamamamamama"));
}

}  // namespace
}  // namespace mdm::matching
