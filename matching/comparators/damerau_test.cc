#include "matching/comparators/damerau.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "matching/comparators/levenshtein.h"
#include "matching/comparators/utf32.h"

namespace mdm::matching {
namespace {

// The textbook full-matrix dynamic program for optimal string alignment.
int ReferenceOsa(std::u32string_view a, std::u32string_view b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] != b[j - 1] ? 1 : 0)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::u32string RandomString(std::mt19937& rng, size_t length,
                            const std::u32string& alphabet) {
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::u32string s(length, U' ');
  for (char32_t& c : s) c = alphabet[pick(rng)];
  return s;
}

// Applies random adjacent swaps and substitutions, the typos OSA is for.
std::u32string Mistype(std::mt19937& rng, std::u32string s,
                       const std::u32string& alphabet) {
  const int edits = static_cast<int>(rng() % 6);
  for (int e = 0; e < edits && s.size() >= 2; ++e) {
    const size_t at = rng() % (s.size() - 1);
    if (rng() % 2 == 0) {
      std::swap(s[at], s[at + 1]);
    } else {
      s[at] = alphabet[rng() % alphabet.size()];
    }
  }
  return s;
}

// Every string over {a, b, c} of length 0 to 4.
std::vector<std::u32string> AllShortStrings() {
  std::vector<std::u32string> out = {U""};
  for (size_t k = 0; k < out.size(); ++k) {
    if (out[k].size() == 4) continue;
    for (char32_t c : {U'a', U'b', U'c'}) out.push_back(out[k] + c);
  }
  return out;
}

TEST(DamerauOsa, AgreesWithDynamicProgramOnAllShortStrings) {
  const std::vector<std::u32string> strings = AllShortStrings();
  ASSERT_EQ(strings.size(), 121u);
  for (const std::u32string& a : strings) {
    for (const std::u32string& b : strings) {
      ASSERT_EQ(DamerauOsa(a, b), ReferenceOsa(a, b))
          << ToUtf8(a) << " / " << ToUtf8(b);
    }
  }
}

TEST(DamerauOsa, KnownDistances) {
  struct Case {
    std::u32string a;
    std::u32string b;
    int osa;
    int levenshtein;
  };
  const Case cases[] = {
      {U"", U"", 0, 0},
      {U"", U"ab", 2, 2},
      {U"a", U"a", 0, 0},
      {U"ab", U"ba", 1, 2},
      {U"martha", U"marhta", 1, 2},
      {U"dwayne", U"dwayen", 1, 2},
      {U"abcdef", U"badcfe", 3, 4},
      // OSA may not edit a transposed pair again, so "ca" -> "abc" needs 3
      // (unrestricted Damerau-Levenshtein: 2, via "ac" then "abc").
      {U"ca", U"abc", 3, 3},
      {U"王伟", U"伟王", 1, 2},
      {U"19850307", U"19580307", 1, 2},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(DamerauOsa(c.a, c.b), c.osa)
        << ToUtf8(c.a) << " / " << ToUtf8(c.b);
    EXPECT_EQ(DamerauOsa(c.b, c.a), c.osa) << "swapped";
    EXPECT_EQ(Levenshtein(c.a, c.b), c.levenshtein) << ToUtf8(c.a);
  }
}

TEST(DamerauOsa, AgreesWithDynamicProgramOnRandomStrings) {
  std::mt19937 rng(3);
  std::u32string wide = U"abc";
  for (char32_t c = 0x4E00; c < 0x4E00 + 70; ++c) wide.push_back(c);
  const std::u32string alphabets[] = {U"ab", U"abc", U"abcdefgh", wide};
  std::uniform_int_distribution<size_t> length(0, 140);
  for (const std::u32string& alphabet : alphabets) {
    for (int trial = 0; trial < 800; ++trial) {
      const std::u32string a = RandomString(rng, length(rng), alphabet);
      const std::u32string b = trial % 2 == 0
                                   ? Mistype(rng, a, alphabet)
                                   : RandomString(rng, length(rng), alphabet);
      const int expected = ReferenceOsa(a, b);
      ASSERT_EQ(DamerauOsa(a, b), expected) << a.size() << " " << b.size();
      for (int bound : {0, 1, 2, 4, 9}) {
        ASSERT_EQ(DamerauOsaBounded(a, b, bound), std::min(expected, bound + 1))
            << "bound " << bound;
      }
    }
  }
}

TEST(DamerauOsa, BitParallelAgreesWithDynamicProgramAtWordBoundary) {
  std::mt19937 rng(65);
  const std::u32string alphabet = U"abcd";
  for (size_t n : {63, 64, 65, 200}) {
    for (int trial = 0; trial < 30; ++trial) {
      std::u32string a = RandomString(rng, n, alphabet);
      std::u32string b = Mistype(rng, a, alphabet);
      a.front() = U'<';
      a.back() = U'>';
      b.front() = U'[';
      b.back() = U']';
      ASSERT_EQ(DamerauOsa(a, b), ReferenceOsa(a, b)) << n;
    }
  }
}

TEST(DamerauOsaBounded, KnownCases) {
  EXPECT_EQ(DamerauOsaBounded(U"abcdef", U"badcfe", 2), 3);
  EXPECT_EQ(DamerauOsaBounded(U"abcdef", U"badcfe", 3), 3);
  EXPECT_EQ(DamerauOsaBounded(U"martha", U"marhta", 0), 1);
  EXPECT_EQ(DamerauOsaBounded(U"", U"abcd", 1), 2);
  EXPECT_EQ(DamerauOsaBounded(U"ab", U"ba", -1), 1);
  EXPECT_EQ(DamerauOsaBounded(U"ab", U"ba", 2147483647), 1);
}

}  // namespace
}  // namespace mdm::matching
