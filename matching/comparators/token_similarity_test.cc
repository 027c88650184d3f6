#include "matching/comparators/token_similarity.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

using Tokens = std::vector<std::string>;

TEST(Jaccard, SharedOverDistinctTokens) {
  struct Case {
    Tokens a;
    Tokens b;
    double expected;
  };
  const Case cases[] = {
      {{}, {}, 1.0},
      {{"acme"}, {}, 0.0},
      {{}, {"acme"}, 0.0},
      {{"acme"}, {"acme"}, 1.0},
      {{"a", "b", "c"}, {"b", "c", "d"}, 0.5},
      {{"kingdee", "software", "china"}, {"kingdee", "software", "ltd"}, 0.5},
      {{"china", "kingdee"}, {"kingdee", "china"}, 1.0},  // order ignored
      {{"a", "a", "b"}, {"a", "b", "b"}, 1.0},            // duplicates once
      {{"a", "a", "a"}, {"a", "b"}, 0.5},
      {{"王", "伟"}, {"王", "玮"}, 1.0 / 3},
      {{"x"}, {"y"}, 0.0},
  };
  for (const Case& c : cases) {
    EXPECT_DOUBLE_EQ(Jaccard(c.a, c.b), c.expected);
    EXPECT_DOUBLE_EQ(Jaccard(c.b, c.a), c.expected);
  }
}

TEST(TokenSetRatio, SharedOverSmallerSet) {
  struct Case {
    Tokens a;
    Tokens b;
    double expected;
  };
  const Case cases[] = {
      {{}, {}, 0.0},
      {{"acme"}, {}, 0.0},
      {{"acme"}, {"acme", "holdings"}, 1.0},  // subset scores 1
      {{"acme", "acme"}, {"acme", "holdings", "plc"}, 1.0},
      {{"a", "b", "c"}, {"b", "c", "d", "e"}, 2.0 / 3},
      {{"a", "b"}, {"c", "d"}, 0.0},
  };
  for (const Case& c : cases) {
    EXPECT_DOUBLE_EQ(TokenSetRatio(c.a, c.b), c.expected);
    EXPECT_DOUBLE_EQ(TokenSetRatio(c.b, c.a), c.expected);
  }
}

TEST(WeightedJaccard, RareSharedTokensCountMore) {
  const std::map<std::string, double, std::less<>> idf = {{"the", 0.1},
                                                          {"acme", 5.0},
                                                          {"apex", 5.0},
                                                          {"holdings", 1.0},
                                                          {"group", 1.0}};
  auto weight = [&idf](absl::string_view token) {
    auto it = idf.find(token);
    return it == idf.end() ? 0.0 : it->second;
  };
  // Sharing the rare "acme" scores high...
  EXPECT_DOUBLE_EQ(WeightedJaccard(Tokens{"acme", "holdings"},
                                   Tokens{"acme", "group"}, weight),
                   5.0 / 7.0);
  // ...sharing the common "the" scores low, though plain Jaccard is equal.
  EXPECT_DOUBLE_EQ(
      WeightedJaccard(Tokens{"the", "acme"}, Tokens{"the", "apex"}, weight),
      0.1 / 10.1);
  EXPECT_DOUBLE_EQ(Jaccard(Tokens{"acme", "holdings"}, Tokens{"acme", "group"}),
                   Jaccard(Tokens{"the", "acme"}, Tokens{"the", "apex"}));
}

TEST(WeightedJaccard, WeighsEachDistinctTokenOnce) {
  int calls = 0;
  auto weight = [&calls](absl::string_view) {
    ++calls;
    return 1.0;
  };
  EXPECT_DOUBLE_EQ(WeightedJaccard(Tokens{"a", "a", "b"},
                                   Tokens{"b", "c", "c", "a"}, weight),
                   2.0 / 3);
  EXPECT_EQ(calls, 3);
}

TEST(WeightedJaccard, WeightlessUnionScoresSetEquality) {
  auto zero = [](absl::string_view) { return 0.0; };
  EXPECT_DOUBLE_EQ(WeightedJaccard(Tokens{}, Tokens{}, zero), 1.0);
  EXPECT_DOUBLE_EQ(WeightedJaccard(Tokens{"the"}, Tokens{"the"}, zero), 1.0);
  EXPECT_DOUBLE_EQ(WeightedJaccard(Tokens{"the"}, Tokens{"a"}, zero), 0.0);
  auto one = [](absl::string_view) { return 1.0; };
  EXPECT_DOUBLE_EQ(WeightedJaccard(Tokens{}, Tokens{}, one), 1.0);
  EXPECT_DOUBLE_EQ(WeightedJaccard(Tokens{"x"}, Tokens{}, one), 0.0);
}

// Large lists take the sorted path; check it against std::set arithmetic.
TEST(TokenSimilarity, LongListsAgreeWithSetArithmetic) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 300; ++trial) {
    Tokens a(rng() % 40), b(rng() % 40);
    for (auto& t : a) t = "t" + std::to_string(rng() % 30);
    for (auto& t : b) t = "t" + std::to_string(rng() % 30);
    const std::set<std::string> sa(a.begin(), a.end()), sb(b.begin(), b.end());
    std::vector<std::string> shared, all;
    std::set_intersection(sa.begin(), sa.end(), sb.begin(), sb.end(),
                          std::back_inserter(shared));
    std::set_union(sa.begin(), sa.end(), sb.begin(), sb.end(),
                   std::back_inserter(all));
    const double jaccard =
        all.empty() ? 1.0 : static_cast<double>(shared.size()) / all.size();
    const size_t smaller = std::min(sa.size(), sb.size());
    const double ratio =
        smaller == 0 ? 0.0 : static_cast<double>(shared.size()) / smaller;
    ASSERT_DOUBLE_EQ(Jaccard(a, b), jaccard) << a.size() << " " << b.size();
    ASSERT_DOUBLE_EQ(TokenSetRatio(a, b), ratio);
    auto length = [](absl::string_view t) {
      return static_cast<double>(t.size());
    };
    double shared_weight = 0, all_weight = 0;
    for (const auto& t : shared) shared_weight += t.size();
    for (const auto& t : all) all_weight += t.size();
    ASSERT_NEAR(WeightedJaccard(a, b, length),
                all.empty() ? 1.0 : shared_weight / all_weight, 1e-12);
    // Tokens are distinct exact strings, so threshold 1 is exact overlap.
    ASSERT_DOUBLE_EQ(SoftTokenOverlap(a, b, 1.0), ratio);
  }
}

TEST(SoftTokenOverlap, PairsTokensByJaroWinkler) {
  struct Case {
    Tokens a;
    Tokens b;
    double threshold;
    double expected;
  };
  const Case cases[] = {
      {{"jon", "smith"}, {"john", "smyth"}, 0.85, 1.0},
      {{"jon", "smith"}, {"john", "smyth"}, 0.99, 0.0},
      {{"jon", "smith"}, {"smyth", "jon"}, 0.99, 0.5},  // exact "jon" only
      {{"jon", "smith"}, {"jonathan"}, 0.9, 0.0},       // JW 0.854
      {{"martha", "lee"}, {"marhta"}, 0.9, 1.0},
      {{}, {"a"}, 0.5, 0.0},
      {{}, {}, 0.5, 0.0},
      {{"ann", "ann"}, {"ann"}, 0.9, 1.0},  // duplicates count once
      {{"王伟"}, {"王伟", "李"}, 0.9, 1.0},
  };
  for (const Case& c : cases) {
    EXPECT_DOUBLE_EQ(SoftTokenOverlap(c.a, c.b, c.threshold), c.expected)
        << c.a.size() << " vs " << c.b.size() << " at " << c.threshold;
  }
}

TEST(SoftTokenOverlap, GreedyPairingUsesEachTokenOnce) {
  // "anna" is the best partner of both "ann" and "anna"; once paired with
  // "anna" (score 1), "ann" is left with "xyz", below the threshold.
  const Tokens a = {"ann", "anna"};
  const Tokens b = {"anna", "xyz"};
  EXPECT_DOUBLE_EQ(SoftTokenOverlap(a, b, 0.8), 0.5);
}

TEST(TokenCosine, WeightsRareTokensAndCountsRepeats) {
  const auto one = [](absl::string_view) { return 1.0; };
  const std::vector<std::string> a = {"adobe", "photoshop", "cs3"};
  const std::vector<std::string> b = {"adobe", "photoshop", "cs3"};
  EXPECT_NEAR(TokenCosine(a, b, one), 1.0, 1e-12);
  EXPECT_EQ(TokenCosine(a, {}, one), 0.0);
  EXPECT_EQ(TokenCosine({"x"}, {"y"}, one), 0.0);
  // One of two tokens shared, equal weights: 1/2.
  EXPECT_NEAR(TokenCosine({"a", "b"}, {"a", "c"}, one), 0.5, 1e-12);
  // A rare shared token outweighs a common unshared one.
  const auto idf = [](absl::string_view t) {
    return t == "kingdee" ? 5.0 : 1.0;
  };
  EXPECT_GT(TokenCosine({"kingdee", "software"}, {"kingdee", "systems"}, idf),
            TokenCosine({"kingdee", "software"}, {"acme", "software"}, idf));
  // Repeats count.
  EXPECT_NEAR(TokenCosine({"a", "a"}, {"a"}, one), 1.0, 1e-12);
  EXPECT_NEAR(TokenCosine({"a", "a", "b"}, {"a", "b"}, one),
              3.0 / (std::sqrt(5.0) * std::sqrt(2.0)), 1e-12);
}

}  // namespace
}  // namespace mdm::matching
