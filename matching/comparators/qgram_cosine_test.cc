#include "matching/comparators/qgram_cosine.h"

#include <cmath>
#include <cstdint>
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "matching/comparators/utf32.h"

namespace mdm::matching {
namespace {

TEST(QGramProfile, PadsWithBoundaryMarkersAndCountsRepeats) {
  // "aaa", q = 2: ^a aa aa a$ -> three distinct grams, counts 1, 2, 1.
  const QGramProfile profile = QGramProfile::FromCodePoints(U"aaa", 2);
  ASSERT_EQ(profile.grams().size(), 3u);
  int total = 0;
  for (const QGramCount& g : profile.grams()) total += g.count;
  EXPECT_EQ(total, 4);
  EXPECT_DOUBLE_EQ(profile.norm(), std::sqrt(6.0));
  const char32_t start_a[] = {QGramProfile::kStartMarker, U'a'};
  const char32_t a_end[] = {U'a', QGramProfile::kEndMarker};
  std::set<uint64_t> hashes;
  for (const QGramCount& g : profile.grams()) hashes.insert(g.hash);
  EXPECT_TRUE(hashes.count(QGramProfile::GramHash({start_a, 2})));
  EXPECT_TRUE(hashes.count(QGramProfile::GramHash(U"aa")));
  EXPECT_TRUE(hashes.count(QGramProfile::GramHash({a_end, 2})));
}

TEST(QGramProfile, GramsAreSortedByHashAndDistinct) {
  const QGramProfile profile =
      QGramProfile::FromUtf8("the quick brown fox jumps over the lazy dog", 3);
  for (size_t k = 1; k < profile.grams().size(); ++k) {
    EXPECT_LT(profile.grams()[k - 1].hash, profile.grams()[k].hash);
  }
}

TEST(QGramProfile, SizesFollowQ) {
  // n code points give n + q - 1 grams.
  for (int q = 1; q <= 3; ++q) {
    const QGramProfile profile = QGramProfile::FromCodePoints(U"abcdef", q);
    EXPECT_EQ(profile.q(), q);
    EXPECT_EQ(profile.grams().size(), 6u + q - 1) << q;
  }
  EXPECT_TRUE(QGramProfile::FromCodePoints(U"", 2).empty());
  EXPECT_TRUE(QGramProfile().empty());
}

TEST(QGramProfile, HashesAreDistinctAcrossQ) {
  std::set<uint64_t> hashes;
  for (const std::u32string& gram :
       {std::u32string(U"a"), std::u32string(U"ab"), std::u32string(U"ba"),
        std::u32string(U"abc"), std::u32string(1, 0), std::u32string(2, 0),
        std::u32string(3, 0)}) {
    EXPECT_TRUE(hashes.insert(QGramProfile::GramHash(gram)).second)
        << ToUtf8(gram);
  }
}

TEST(QGramProfile, Utf8AndCodePointsAgree) {
  const QGramProfile a = QGramProfile::FromUtf8("王伟 Müller", 2);
  const QGramProfile b = QGramProfile::FromCodePoints(U"王伟 Müller", 2);
  ASSERT_EQ(a.grams().size(), b.grams().size());
  for (size_t k = 0; k < a.grams().size(); ++k) {
    EXPECT_EQ(a.grams()[k].hash, b.grams()[k].hash);
    EXPECT_EQ(a.grams()[k].count, b.grams()[k].count);
  }
}

TEST(Cosine, KnownValues) {
  struct Case {
    const char* a;
    const char* b;
    int q;
    double expected;
    const char* why;
  };
  const Case cases[] = {
      {"", "", 2, 1.0, "two empty strings are equal"},
      {"", "abc", 2, 0.0, "one empty string"},
      {"abc", "", 2, 0.0, "one empty string"},
      {"acme holdings", "acme holdings", 2, 1.0, "identical"},
      {"王伟", "王伟", 2, 1.0, "identical CJK"},
      {"abc", "xyz", 2, 0.0, "disjoint"},
      {"ab", "ba", 2, 0.0, "^a ab b$ vs ^b ba a$"},
      {"abc", "abd", 2, 0.5, "^a ab shared, of four grams each"},
      {"abc", "abd", 3, 0.4, "^^a ^ab shared, of five grams each"},
      {"a", "a", 1, 1.0, "unigrams, no padding"},
  };
  for (const Case& c : cases) {
    const QGramProfile a = QGramProfile::FromUtf8(c.a, c.q);
    const QGramProfile b = QGramProfile::FromUtf8(c.b, c.q);
    EXPECT_NEAR(Cosine(a, b), c.expected, 1e-12) << c.why;
    EXPECT_NEAR(Cosine(b, a), c.expected, 1e-12);
  }
}

TEST(Cosine, ProfilesOfDifferentQShareNothing) {
  EXPECT_DOUBLE_EQ(Cosine(QGramProfile::FromUtf8("abc", 2),
                          QGramProfile::FromUtf8("abc", 3)),
                   0.0);
}

TEST(CosineTfIdf, UnitIdfEqualsPlainCosine) {
  const QGramProfile a = QGramProfile::FromUtf8("acme holdings", 2);
  const QGramProfile b = QGramProfile::FromUtf8("acme holding", 2);
  auto one = [](uint64_t) { return 1.0; };
  EXPECT_NEAR(CosineTfIdf(a, b, one), Cosine(a, b), 1e-12);
  EXPECT_NEAR(CosineTfIdf(a, a, one), 1.0, 1e-12);
}

TEST(CosineTfIdf, DownweightedCommonGramsLowerTheScore) {
  const QGramProfile a = QGramProfile::FromUtf8("acme ltd", 2);
  const QGramProfile b = QGramProfile::FromUtf8("apex ltd", 2);
  // Grams of " ltd" are everywhere: weigh them 0.1, the rest 3.
  const QGramProfile common = QGramProfile::FromUtf8(" ltd", 2);
  std::set<uint64_t> frequent;
  for (const QGramCount& g : common.grams()) frequent.insert(g.hash);
  auto idf = [&frequent](uint64_t h) { return frequent.count(h) ? 0.1 : 3.0; };
  EXPECT_LT(CosineTfIdf(a, b, idf), Cosine(a, b));
  EXPECT_NEAR(CosineTfIdf(a, a, idf), 1.0, 1e-12);
}

TEST(CosineTfIdf, EdgeCases) {
  const QGramProfile empty;
  const QGramProfile abc = QGramProfile::FromUtf8("abc", 2);
  auto one = [](uint64_t) { return 1.0; };
  auto zero = [](uint64_t) { return 0.0; };
  EXPECT_DOUBLE_EQ(CosineTfIdf(empty, empty, one), 1.0);
  EXPECT_DOUBLE_EQ(CosineTfIdf(empty, abc, one), 0.0);
  EXPECT_DOUBLE_EQ(CosineTfIdf(abc, abc, zero), 0.0);
  EXPECT_DOUBLE_EQ(CosineTfIdf(abc, QGramProfile::FromUtf8("xyz", 2), one),
                   0.0);
}

}  // namespace
}  // namespace mdm::matching
