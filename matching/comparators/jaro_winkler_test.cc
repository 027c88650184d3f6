#include "matching/comparators/jaro_winkler.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "matching/comparators/utf32.h"

namespace mdm::matching {
namespace {

// Straightforward Jaro, written from the definition, to check the kernels.
double ReferenceJaro(std::u32string_view a, std::u32string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const int la = static_cast<int>(a.size());
  const int lb = static_cast<int>(b.size());
  const int window = std::max(0, std::max(la, lb) / 2 - 1);
  std::vector<bool> used_a(la), used_b(lb);
  int m = 0;
  for (int i = 0; i < la; ++i) {
    for (int j = std::max(0, i - window); j <= std::min(lb - 1, i + window);
         ++j) {
      if (!used_b[j] && a[i] == b[j]) {
        used_a[i] = used_b[j] = true;
        ++m;
        break;
      }
    }
  }
  if (m == 0) return 0.0;
  std::u32string ma, mb;
  for (int i = 0; i < la; ++i) {
    if (used_a[i]) ma.push_back(a[i]);
  }
  for (int j = 0; j < lb; ++j) {
    if (used_b[j]) mb.push_back(b[j]);
  }
  int half = 0;
  for (int k = 0; k < m; ++k) half += ma[k] != mb[k];
  half /= 2;
  return (static_cast<double>(m) / la + static_cast<double>(m) / lb +
          static_cast<double>(m - half) / m) /
         3.0;
}

struct Pair {
  std::u32string a;
  std::u32string b;
  double jaro;
  double jaro_winkler;
};

TEST(JaroWinkler, MatchesTextbookValues) {
  // Winkler (1990) and the strcmp95 documentation, to three decimals.
  const Pair cases[] = {
      {U"MARTHA", U"MARHTA", 0.944, 0.961},
      {U"DWAYNE", U"DUANE", 0.822, 0.840},
      {U"DIXON", U"DICKSONX", 0.767, 0.813},
      {U"JELLYFISH", U"SMELLYFISH", 0.896, 0.896},
  };
  for (const Pair& c : cases) {
    EXPECT_NEAR(Jaro(c.a, c.b), c.jaro, 5e-4) << ToUtf8(c.a);
    EXPECT_NEAR(JaroWinkler(c.a, c.b), c.jaro_winkler, 5e-4);
    EXPECT_NEAR(JaroWinkler(c.b, c.a), c.jaro_winkler, 5e-4);
  }
}

TEST(JaroWinkler, EdgeCasesOfLength) {
  const Pair cases[] = {
      {U"", U"", 1.0, 1.0},
      {U"", U"a", 0.0, 0.0},
      {U"a", U"", 0.0, 0.0},
      {U"a", U"a", 1.0, 1.0},
      {U"a", U"b", 0.0, 0.0},
      {U"ab", U"ba", 0.0, 0.0},  // window 0: neither character matches
      {U"abc", U"abc", 1.0, 1.0},
      {U"abc", U"xyz", 0.0, 0.0},
  };
  for (const Pair& c : cases) {
    EXPECT_DOUBLE_EQ(Jaro(c.a, c.b), c.jaro);
    EXPECT_DOUBLE_EQ(JaroWinkler(c.a, c.b), c.jaro_winkler);
  }
}

TEST(JaroWinkler, ComparesCjkByCodePoint) {
  EXPECT_DOUBLE_EQ(JaroWinkler(U"王伟", U"王伟"), 1.0);
  // Window 0: only 王 matches; 0.667 is below the boost threshold.
  EXPECT_NEAR(JaroWinkler(U"王伟", U"王玮"), 2.0 / 3.0, 1e-12);
  // Window 1: 欧阳娜 match, the second 娜 finds none; prefix 3 boosts.
  const double jaro = (3.0 / 4 + 1 + 1) / 3;
  EXPECT_DOUBLE_EQ(Jaro(U"欧阳娜娜", U"欧阳娜"), jaro);
  EXPECT_DOUBLE_EQ(JaroWinkler(U"欧阳娜娜", U"欧阳娜"),
                   jaro + 3 * 0.1 * (1 - jaro));
}

TEST(JaroWinkler, BoostIsCappedByMaxPrefixAndScale) {
  const std::u32string a = U"ABCDEFGHIJ";
  const std::u32string b = U"ABCDEFGHXY";
  const double jaro = Jaro(a, b);
  ASSERT_GT(jaro, kJaroWinklerBoostThreshold);
  EXPECT_DOUBLE_EQ(JaroWinkler(a, b), jaro + 4 * 0.1 * (1 - jaro));
  EXPECT_DOUBLE_EQ(JaroWinkler(a, b, 0.1, 2), jaro + 2 * 0.1 * (1 - jaro));
  EXPECT_DOUBLE_EQ(JaroWinkler(a, b, 0.0, 4), jaro);
  EXPECT_DOUBLE_EQ(JaroWinkler(a, b, 0.1, 0), jaro);
  EXPECT_LE(JaroWinkler(a, b, 1.0, 4), 1.0);  // out of contract, clamped
}

TEST(JaroWinkler, NoBoostAtOrBelowThreshold) {
  // Shared prefix "ab" but few other matches.
  const std::u32string a = U"abcdefgh";
  const std::u32string b = U"abwxyzuv";
  const double jaro = Jaro(a, b);
  ASSERT_LE(jaro, kJaroWinklerBoostThreshold);
  EXPECT_DOUBLE_EQ(JaroWinkler(a, b), jaro);
}

TEST(JaroWinkler, OddMismatchCountRoundsTranspositionsDown) {
  // Window 2; matched sequences "abcxyz" and "bcaxyz": three characters out
  // of order, so t = 3 / 2 = 1.
  const double expected = (1.0 + 1.0 + (6.0 - 1.0) / 6.0) / 3.0;
  EXPECT_DOUBLE_EQ(Jaro(U"abcxyz", U"bcaxyz"), expected);
  EXPECT_DOUBLE_EQ(ReferenceJaro(U"abcxyz", U"bcaxyz"), expected);
}

std::u32string RandomString(std::mt19937& rng, size_t length,
                            const std::u32string& alphabet) {
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::u32string s(length, U' ');
  for (char32_t& c : s) c = alphabet[pick(rng)];
  return s;
}

TEST(JaroWinkler, AgreesWithReferenceOnRandomStrings) {
  std::mt19937 rng(20240607);
  const std::u32string alphabets[] = {U"ab", U"abcde",
                                      U"abcdefghijklmnopqrstuvwxyz",
                                      U"aé王伟玮\U0001F600\u00FF\u0100"};
  // Lengths straddle the 64-code-point fast path.
  std::uniform_int_distribution<size_t> length(0, 80);
  for (const std::u32string& alphabet : alphabets) {
    for (int trial = 0; trial < 2000; ++trial) {
      const std::u32string a = RandomString(rng, length(rng), alphabet);
      const std::u32string b = RandomString(rng, length(rng), alphabet);
      ASSERT_DOUBLE_EQ(Jaro(a, b), ReferenceJaro(a, b))
          << a.size() << " " << b.size();
      const double jw = JaroWinkler(a, b);
      ASSERT_GE(jw, 0.0);
      ASSERT_LE(jw, 1.0);
    }
  }
}

TEST(JaroWinkler, IsSymmetric) {
  std::mt19937 rng(99);
  std::uniform_int_distribution<size_t> length(1, 70);
  for (const std::u32string alphabet : {U"ab", U"abc", U"abcdefgh王"}) {
    for (int trial = 0; trial < 3000; ++trial) {
      const std::u32string a = RandomString(rng, length(rng), alphabet);
      const std::u32string b = RandomString(rng, length(rng), alphabet);
      ASSERT_EQ(JaroWinkler(a, b), JaroWinkler(b, a))
          << ToUtf8(a) << " / " << ToUtf8(b);
    }
  }
}

TEST(JaroWinkler, HandlesExactly64And65CodePoints) {
  std::mt19937 rng(7);
  const std::u32string alphabet = U"abcdefgh王";
  for (size_t n : {63, 64, 65, 128}) {
    const std::u32string a = RandomString(rng, n, alphabet);
    std::u32string b = a;
    std::swap(b[10], b[11]);
    b[n - 1] = U'z';
    EXPECT_DOUBLE_EQ(Jaro(a, b), ReferenceJaro(a, b)) << n;
    EXPECT_GT(JaroWinkler(a, b), 0.95) << n;
  }
}

}  // namespace
}  // namespace mdm::matching
