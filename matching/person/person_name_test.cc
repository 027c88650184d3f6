#include "matching/person/person_name.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

struct SplitCase {
  const char* input;
  std::vector<std::string> given;
  std::vector<std::string> family;
};

void ExpectSplits(const std::vector<SplitCase>& cases) {
  for (const SplitCase& c : cases) {
    const PersonName name = ParsePersonName(c.input);
    EXPECT_THAT(name.given, ElementsAreArray(c.given)) << c.input;
    EXPECT_THAT(name.family, ElementsAreArray(c.family)) << c.input;
  }
}

TEST(ParsePersonName, WesternLayouts) {
  ExpectSplits({
      {"Robert Smith", {"robert"}, {"smith"}},
      {"Smith, Robert", {"robert"}, {"smith"}},
      {"Smith, Robert J.", {"robert", "j"}, {"smith"}},
      {"SMITH Robert J.", {"robert", "j"}, {"smith"}},
      {"Robert J. SMITH-JONES", {"robert", "j"}, {"smith", "jones"}},
      {"John Robert Smith", {"john", "robert"}, {"smith"}},
      {"ROBERT SMITH", {"robert"}, {"smith"}},
      {"Madonna", {}, {"madonna"}},
  });
}

TEST(ParsePersonName, HonorificsAndSuffixesDropped) {
  ExpectSplits({
      {"Dr. Anne-Marie O'Neil Jr.", {"anne", "marie"}, {"oneil"}},
      {"Robert Smith, Jr.", {"robert"}, {"smith"}},
      {"Smith, Robert, PhD", {"robert"}, {"smith"}},
      {"Smith Jr., Robert", {"robert"}, {"smith"}},
      {"Prof. Dr. Hans Meier", {"hans"}, {"meier"}},
      {"Mrs. Mary Jane Watson-Parker", {"mary", "jane"}, {"watson", "parker"}},
      {"Henry Ford III", {"henry"}, {"ford"}},
      {"John Smith Ph.D.", {"john"}, {"smith"}},
      // Initials that spell a suffix stay initials.
      {"Smith, J.R.", {"j", "r"}, {"smith"}},
      // A title that is the whole name stays.
      {"Miss", {}, {"miss"}},
  });
}

TEST(ParsePersonName, InitialsHyphensApostrophesAndParticles) {
  ExpectSplits({
      {"J.R.R. Tolkien", {"j", "r", "r"}, {"tolkien"}},
      {"Conan O'Brien", {"conan"}, {"obrien"}},
      {"Ludwig van Beethoven", {"ludwig"}, {"van", "beethoven"}},
      {"Maria de la Cruz", {"maria"}, {"de", "la", "cruz"}},
      {"De Niro, Robert", {"robert"}, {"de", "niro"}},
  });
}

TEST(ParsePersonName, NonAsciiLatinAndOtherScriptsRomanized) {
  ExpectSplits({
      {"José García", {"jose"}, {"garcia"}},
      {"Hans Müller", {"hans"}, {"muller"}},
      {"Иван Петров", {"ivan"}, {"petrov"}},
      {"Ｊｏｈｎ\u3000Ｓｍｉｔｈ", {"john"}, {"smith"}},
  });
}

TEST(ParsePersonName, DerivedKeys) {
  const PersonName name = ParsePersonName("Smith, Robert J.");
  EXPECT_THAT(name.tokens, ElementsAre("robert", "j", "smith"));
  EXPECT_EQ(name.sorted_key, "j robert smith");
  EXPECT_EQ(name.initials, "rjs");
  EXPECT_THAT(name.canonical_given, ElementsAre("robert", "j"));
  EXPECT_EQ(name.han, "");
  EXPECT_EQ(name.han_pinyin, "");
  EXPECT_FALSE(name.chinese);
  EXPECT_FALSE(name.order_ambiguous);
  EXPECT_EQ(ParsePersonName("John Robert Smith").initials, "jrs");
}

TEST(ParsePersonName, CanonicalGivenMapsNicknames) {
  struct Case {
    const char* input;
    std::vector<std::string> canonical_given;
  };
  const Case cases[] = {
      {"Bob Smith", {"robert"}},
      {"Bill Gates", {"william"}},
      {"Peggy Sue Jones", {"margaret", "susan"}},
      {"Liz Taylor", {"elizabeth"}},
      {"Beth Ditto", {"elizabeth"}},
      {"Alex Murray", {"alexander"}},
      {"Robert Smith", {"robert"}},
      {"Annabelle Lee", {"annabelle"}},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(ParsePersonName(c.input).canonical_given,
                ElementsAreArray(c.canonical_given))
        << c.input;
  }
}

TEST(ParsePersonName, EmptyOrPunctuationGivesEmptyName) {
  for (const char* input : {"", "   ", " ,. - ", "123"}) {
    const PersonName name = ParsePersonName(input);
    EXPECT_THAT(name.tokens, IsEmpty()) << input;
    EXPECT_EQ(name.sorted_key, "") << input;
    EXPECT_FALSE(name.chinese) << input;
  }
}

struct HanCase {
  const char* input;
  const char* han;
  const char* han_pinyin;
  std::vector<std::string> given;
  std::vector<std::string> family;
};

TEST(ParsePersonName, HanNamesSplitAtKnownSurname) {
  const HanCase cases[] = {
      {"王伟", "王伟", "wang wei", {"wei"}, {"wang"}},
      {"张小明", "张小明", "zhang xiaoming", {"xiaoming"}, {"zhang"}},
      {"欧阳修", "欧阳修", "ouyang xiu", {"xiu"}, {"ouyang"}},
      {"歐陽修", "欧阳修", "ouyang xiu", {"xiu"}, {"ouyang"}},
      {"諸葛亮", "诸葛亮", "zhuge liang", {"liang"}, {"zhuge"}},
      {"長孫無忌", "长孙无忌", "zhangsun wuji", {"wuji"}, {"zhangsun"}},
      // Surname readings for the family name only.
      {"单雄信", "单雄信", "shan xiongxin", {"xiongxin"}, {"shan"}},
      {"曾国藩", "曾国藩", "zeng guofan", {"guofan"}, {"zeng"}},
      // Two characters: a single surname first, else the compound.
      {"钟离", "钟离", "zhong li", {"li"}, {"zhong"}},
      {"司马", "司马", "sima", {}, {"sima"}},
      // Unknown surname: the first character.
      {"龘明", "龘明", nullptr, {}, {}},
  };
  for (const HanCase& c : cases) {
    const PersonName name = ParsePersonName(c.input);
    EXPECT_EQ(name.han, c.han) << c.input;
    EXPECT_TRUE(name.chinese) << c.input;
    EXPECT_FALSE(name.order_ambiguous) << c.input;
    if (c.han_pinyin == nullptr) continue;
    EXPECT_EQ(name.han_pinyin, c.han_pinyin) << c.input;
    EXPECT_THAT(name.given, ElementsAreArray(c.given)) << c.input;
    EXPECT_THAT(name.family, ElementsAreArray(c.family)) << c.input;
  }
}

TEST(ParsePersonName, HanNameLayouts) {
  const HanCase cases[] = {
      {"王 伟", "王伟", "wang wei", {"wei"}, {"wang"}},
      {"王，伟", "王伟", "wang wei", {"wei"}, {"wang"}},
      {"王伟先生", "王伟", "wang wei", {"wei"}, {"wang"}},
      {"李娜女士", "李娜", "li na", {"na"}, {"li"}},
      {"王伟 David", "王伟", "wang wei", {"wei", "david"}, {"wang"}},
      {"（王伟）", "王伟", "wang wei", {"wei"}, {"wang"}},
      // A transliterated foreign name, in Western order.
      {"约翰·史密斯", "约翰史密斯", "yuehan shimisi", {"yuehan"}, {"shimisi"}},
  };
  for (const HanCase& c : cases) {
    const PersonName name = ParsePersonName(c.input);
    EXPECT_EQ(name.han, c.han) << c.input;
    EXPECT_EQ(name.han_pinyin, c.han_pinyin) << c.input;
    EXPECT_THAT(name.given, ElementsAreArray(c.given)) << c.input;
    EXPECT_THAT(name.family, ElementsAreArray(c.family)) << c.input;
    EXPECT_TRUE(name.chinese) << c.input;
  }
}

TEST(ParsePersonName, HanNameKeys) {
  const PersonName name = ParsePersonName("王伟");
  EXPECT_THAT(name.tokens, ElementsAre("wei", "wang"));
  EXPECT_EQ(name.sorted_key, "wang wei");
  EXPECT_EQ(name.initials, "ww");
}

struct PinyinCase {
  const char* input;
  std::vector<std::string> given;
  std::vector<std::string> family;
  bool order_ambiguous;
};

TEST(ParsePersonName, RomanizedChineseNamesFindTheSurname) {
  const PinyinCase cases[] = {
      {"Wang Wei", {"wei"}, {"wang"}, true},
      {"Wei Wang", {"wei"}, {"wang"}, true},
      {"Zhang Xiaoming", {"xiaoming"}, {"zhang"}, false},
      {"Xiaoming Zhang", {"xiaoming"}, {"zhang"}, false},
      {"Zhang Xiao Ming", {"xiaoming"}, {"zhang"}, false},
      {"Xiao Ming Zhang", {"xiaoming"}, {"zhang"}, true},
      {"ZHANG Xiao-Ming", {"xiaoming"}, {"zhang"}, false},
      {"Xiao-Ming ZHANG", {"xiaoming"}, {"zhang"}, false},
      {"Wang, Wei", {"wei"}, {"wang"}, false},
      {"Wei, Wang", {"wang"}, {"wei"}, false},
      {"Ouyang Xiu", {"xiu"}, {"ouyang"}, false},
      {"LYU Bu", {"bu"}, {"lu"}, false},
      {"Li", {}, {"li"}, false},
  };
  for (const PinyinCase& c : cases) {
    const PersonName name = ParsePersonName(c.input);
    EXPECT_TRUE(name.chinese) << c.input;
    EXPECT_EQ(name.order_ambiguous, c.order_ambiguous) << c.input;
    EXPECT_THAT(name.given, ElementsAreArray(c.given)) << c.input;
    EXPECT_THAT(name.family, ElementsAreArray(c.family)) << c.input;
    EXPECT_EQ(name.han, "") << c.input;
  }
}

TEST(ParsePersonName, NonPinyinOrSurnamelessNamesAreNotChinese) {
  for (const char* input : {"Robert Smith", "Anne-Marie O'Neil",
                            "Xiaoming Ming", "Wei J. Wang", "David Wang"}) {
    EXPECT_FALSE(ParsePersonName(input).chinese) << input;
  }
}

TEST(ParsePersonName, ScriptsAndOrdersShareSortedKey) {
  const std::vector<std::vector<const char*>> groups = {
      {"王伟", "王 伟", "Wang Wei", "Wei Wang", "WANG Wei", "Wang, Wei"},
      {"张小明", "Zhang Xiaoming", "Xiaoming Zhang", "ZHANG Xiao-Ming",
       "Zhang Xiao Ming"},
      {"歐陽修", "欧阳修", "Ouyang Xiu", "Xiu Ouyang"},
  };
  for (const auto& group : groups) {
    const std::string key = ParsePersonName(group[0]).sorted_key;
    for (const char* input : group) {
      EXPECT_EQ(ParsePersonName(input).sorted_key, key)
          << input << " vs " << group[0];
    }
  }
}

TEST(ParsePersonNameFields, FieldsDecideTheSplit) {
  struct Case {
    const char* given_field;
    const char* family_field;
    std::vector<std::string> given;
    std::vector<std::string> family;
    bool chinese;
  };
  const Case cases[] = {
      {"Robert", "Smith", {"robert"}, {"smith"}, false},
      {"Dr. Robert J.", "Smith Jr.", {"robert", "j"}, {"smith"}, false},
      {"Anne-Marie", "O'Neil", {"anne", "marie"}, {"oneil"}, false},
      {"Wei", "Wang", {"wei"}, {"wang"}, true},
      {"Wang", "Wei", {"wang"}, {"wei"}, true},
      {"Xiao-Ming", "ZHANG", {"xiaoming"}, {"zhang"}, true},
      {"伟", "王", {"wei"}, {"wang"}, true},
      {"修", "歐陽", {"xiu"}, {"ouyang"}, true},
      // One field only: it keeps all its words.
      {"Robert", "", {"robert"}, {}, false},
      {"Mary Jane", "", {"mary", "jane"}, {}, false},
      {"Anne-Marie", "", {"anne", "marie"}, {}, false},
      {"Mrs. Mary", "", {"mary"}, {}, false},
      {"小明", "", {"xiaoming"}, {}, true},
      {"伟", "", {"wei"}, {}, true},
      {"", "de la Cruz", {}, {"de", "la", "cruz"}, false},
      {"", "Smith", {}, {"smith"}, false},
      {"", "Wang", {}, {"wang"}, true},
      {"", "欧阳", {}, {"ouyang"}, true},
      {"", "王", {}, {"wang"}, true},
  };
  for (const Case& c : cases) {
    const PersonName name = ParsePersonName(c.given_field, c.family_field);
    EXPECT_THAT(name.given, ElementsAreArray(c.given))
        << c.given_field << " / " << c.family_field;
    EXPECT_THAT(name.family, ElementsAreArray(c.family))
        << c.given_field << " / " << c.family_field;
    EXPECT_EQ(name.chinese, c.chinese)
        << c.given_field << " / " << c.family_field;
    EXPECT_FALSE(name.order_ambiguous);
  }
}

TEST(ParsePersonNameFields, HanFieldsKeepCharactersAndPinyin) {
  const PersonName name = ParsePersonName("小明", "張");
  EXPECT_EQ(name.han, "张小明");
  EXPECT_EQ(name.han_pinyin, "zhang xiaoming");
  EXPECT_EQ(name.sorted_key, ParsePersonName("张小明").sorted_key);
}

TEST(ParsePersonNameFields, BothEmptyGivesEmptyName) {
  EXPECT_THAT(ParsePersonName("", "").tokens, IsEmpty());
  EXPECT_THAT(ParsePersonName(" ", "-").tokens, IsEmpty());
}

}  // namespace
}  // namespace mdm::matching
