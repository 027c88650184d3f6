#include "matching/organization/business_terms.h"

#include <algorithm>
#include <map>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "matching/organization/internal/business_term_table.h"
#include "matching/text_normalizer.h"
#include "matching/transliteration.h"

namespace mdm::matching {
namespace {

TEST(CanonicalBusinessTerm, FoldsListedVariantsOnly) {
  const struct {
    std::string word;
    std::string canonical;
  } cases[] = {
      {"technology", "technology"},
      {"technologies", "technology"},
      {"logistik", "logistics"},
      {"maschinenbau", "machinery"},
      {"handel", "trading"},
      {"tech", "technology"},
      {"software", "software"},
      {"holdings", "holding"},
      {"networks", "network"},
      {"electronic", "electronics"},
      {"motors", "motor"},
      {"intl", "international"},
      {"industries", "industrial"},
      {"trade", "trading"},
      {"pharma", "pharmaceutical"},
      {"consulting", "consulting"},
      {"und", "and"},
      {"et", "and"},
      {"kingdee", ""},
      {"technologys", ""},
      {"", ""},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CanonicalBusinessTerm(c.word), c.canonical) << c.word;
  }
}

TEST(MatchCjkBusinessTermPrefix, LongestTermStartingTheText) {
  const struct {
    std::string text;
    std::string canonical;
    size_t length;
  } cases[] = {
      {"软件有限公司", "software", 6},
      {"科技集团", "technology", 6},
      {"技术", "technology", 6},
      {"自动车", "motor", 9},  // 自動車, simplified
      {"汽车", "motor", 6},
      {"电子商务平台", "ecommerce", 12},
      {"电子元件", "electronics", 6},
      {"重工业集团", "heavy industrial", 9},
      {"证券", "securities", 6},  // listed as 証券 and 证券
      {"グループ", "group", 12},
      {"ホールディングス", "holding", 24},
      {"コーヒー", "coffee", 12},
      {"전자", "electronics", 6},
      {"金蝶软件", "", 0},
      {"", "", 0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const CjkTermMatch match = MatchCjkBusinessTermPrefix(c.text);
    EXPECT_EQ(match.canonical, c.canonical);
    EXPECT_EQ(match.length, c.length);
  }
}

TEST(IsBusinessTerm, TrueForEveryTokenOfACanonicalTerm) {
  EXPECT_TRUE(IsBusinessTerm("technology"));
  EXPECT_TRUE(IsBusinessTerm("heavy"));
  EXPECT_TRUE(IsBusinessTerm("industrial"));
  EXPECT_TRUE(IsBusinessTerm("china"));
  EXPECT_FALSE(IsBusinessTerm("technologies"));  // a form, not canonical
  EXPECT_FALSE(IsBusinessTerm("huawei"));
  EXPECT_FALSE(IsBusinessTerm(""));
}

TEST(BusinessTermTable, CoversAtLeastEightyTermsInFourLanguages) {
  EXPECT_GE(internal::BusinessTermTable().size(), 80u);
}

TEST(BusinessTermTable, FormsAreSingleNormalizedWordsWithOneMeaning) {
  std::map<std::string, std::string> seen;
  for (const internal::BusinessTermEntry& entry :
       internal::BusinessTermTable()) {
    for (absl::string_view token : absl::StrSplit(entry.canonical, ' ')) {
      EXPECT_EQ(NormalizeText(token), token) << entry.canonical;
    }
    for (absl::string_view form :
         absl::StrSplit(entry.forms, ' ', absl::SkipEmpty())) {
      const std::string key = NormalizeText(TraditionalToSimplified(form));
      EXPECT_EQ(key.find(' '), std::string::npos) << form;
      const bool latin = std::all_of(form.begin(), form.end(), [](char c) {
        return absl::ascii_isascii(c);
      });
      if (latin) {
        EXPECT_EQ(key, form) << "Latin forms are written normalized";
      } else {
        // Single characters would split too many names.
        EXPECT_GT(key.size(), 4u) << form;
      }
      auto [it, inserted] = seen.emplace(key, entry.canonical);
      if (!inserted) {
        EXPECT_EQ(it->second, entry.canonical) << form << " has two meanings";
      }
      // Every form is found as itself.
      if (latin) {
        EXPECT_EQ(CanonicalBusinessTerm(key), entry.canonical) << form;
      } else {
        EXPECT_EQ(MatchCjkBusinessTermPrefix(key).canonical, entry.canonical)
            << form;
      }
    }
  }
}

}  // namespace
}  // namespace mdm::matching
