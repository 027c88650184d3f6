#include "matching/person/nicknames.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "matching/person/internal/nickname_table.h"

namespace mdm::matching {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(NicknameTable, HasAtLeast300WellFormedUniquePairs) {
  absl::flat_hash_set<absl::string_view> nicknames;
  int pairs = 0;
  for (absl::string_view row : internal::NicknameTableRows()) {
    const std::vector<absl::string_view> words = absl::StrSplit(row, ' ');
    ASSERT_GE(words.size(), 2u) << row;
    EXPECT_TRUE(nicknames.insert(words[0]).second) << "duplicate " << row;
    absl::flat_hash_set<absl::string_view> formal;
    for (size_t i = 1; i < words.size(); ++i) {
      EXPECT_NE(words[i], words[0]) << row;
      EXPECT_TRUE(formal.insert(words[i]).second) << row;
      ++pairs;
    }
    for (absl::string_view word : words) {
      EXPECT_FALSE(word.empty()) << row;
      EXPECT_EQ(absl::AsciiStrToLower(word), word) << row;
    }
  }
  EXPECT_GE(pairs, 300);
}

TEST(Nicknames, FormalNamesMostUsualFirst) {
  EXPECT_THAT(FormalNamesFor("bob"), ElementsAre("robert"));
  EXPECT_THAT(FormalNamesFor("peggy"), ElementsAre("margaret"));
  EXPECT_THAT(FormalNamesFor("alex"),
              ElementsAre("alexander", "alexandra", "alexis"));
  EXPECT_EQ(FormalNamesFor("chris")[0], "christopher");
  EXPECT_THAT(FormalNamesFor("robert"), IsEmpty());
  EXPECT_THAT(FormalNamesFor(""), IsEmpty());
  EXPECT_THAT(FormalNamesFor("Bob"), IsEmpty());  // Input is normalized.
}

TEST(Nicknames, EquivalentPairsBothWays) {
  const std::pair<const char*, const char*> pairs[] = {
      {"bob", "robert"},
      {"robbie", "robert"},
      {"bobby", "robert"},
      {"bill", "william"},
      {"will", "william"},
      {"billy", "william"},
      {"willy", "william"},
      {"dick", "richard"},
      {"rick", "richard"},
      {"rich", "richard"},
      {"jim", "james"},
      {"jimmy", "james"},
      {"peggy", "margaret"},
      {"maggie", "margaret"},
      {"meg", "margaret"},
      {"liz", "elizabeth"},
      {"beth", "elizabeth"},
      {"betty", "elizabeth"},
      {"alex", "alexandra"},
      {"chris", "christine"},
      {"chris", "christina"},
      {"jack", "john"},
      {"ted", "theodore"},
      {"ted", "edward"},
      // Two nicknames of one formal name.
      {"bob", "robbie"},
      {"bill", "will"},
      {"liz", "betty"},
      {"peggy", "meg"},
      {"dick", "rick"},
      {"anne", "anne"},
  };
  for (const auto& [a, b] : pairs) {
    EXPECT_TRUE(NicknameEquivalent(a, b)) << a << " ~ " << b;
    EXPECT_TRUE(NicknameEquivalent(b, a)) << b << " ~ " << a;
  }
}

TEST(Nicknames, UnrelatedNamesAreNotEquivalent) {
  const std::pair<const char*, const char*> pairs[] = {
      {"anne", "annabelle"},   {"bob", "bill"},
      {"robert", "william"},   {"john", "jonathan"},
      {"isabel", "annabelle"}, {"mary", "margaret"},
      {"jim", "john"},         {"", "bob"},
  };
  for (const auto& [a, b] : pairs) {
    EXPECT_FALSE(NicknameEquivalent(a, b)) << a << " !~ " << b;
    EXPECT_FALSE(NicknameEquivalent(b, a)) << b << " !~ " << a;
  }
}

}  // namespace
}  // namespace mdm::matching
