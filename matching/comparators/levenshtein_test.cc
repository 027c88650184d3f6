#include "matching/comparators/levenshtein.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "matching/comparators/utf32.h"

namespace mdm::matching {
namespace {

// The textbook full-matrix dynamic program.
int ReferenceLevenshtein(std::u32string_view a, std::u32string_view b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] != b[j - 1] ? 1 : 0)});
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

// Many distinct non-ASCII code points, to fill the kernel's hash table.
std::u32string WideAlphabet() {
  std::u32string alphabet = U"abcxyz";
  for (char32_t c = 0x4E00; c < 0x4E00 + 70; ++c) alphabet.push_back(c);
  alphabet += U"é\U0001F600\u00FF\u0100\u0080";
  return alphabet;
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

TEST(Levenshtein, AgreesWithDynamicProgramOnAllShortStrings) {
  const std::vector<std::u32string> strings = AllShortStrings();
  ASSERT_EQ(strings.size(), 121u);
  for (const std::u32string& a : strings) {
    for (const std::u32string& b : strings) {
      ASSERT_EQ(Levenshtein(a, b), ReferenceLevenshtein(a, b))
          << ToUtf8(a) << " / " << ToUtf8(b);
    }
  }
}

struct Case {
  std::u32string a;
  std::u32string b;
  int distance;
};

TEST(Levenshtein, KnownDistances) {
  const Case cases[] = {
      {U"", U"", 0},
      {U"", U"abc", 3},
      {U"abc", U"", 3},
      {U"abc", U"abc", 0},
      {U"a", U"a", 0},
      {U"a", U"b", 1},
      {U"kitten", U"sitting", 3},
      {U"flaw", U"lawn", 2},
      {U"martha", U"marhta", 2},  // a transposition costs two
      {U"ca", U"abc", 3},
      {U"王伟", U"王伟", 0},
      {U"王伟", U"王玮", 1},  // one code point, three UTF-8 bytes
      {U"张三丰", U"张丰", 1},
      {U"Müller", U"Mueller", 2},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Levenshtein(c.a, c.b), c.distance)
        << ToUtf8(c.a) << " / " << ToUtf8(c.b);
    EXPECT_EQ(Levenshtein(c.b, c.a), c.distance) << "swapped";
  }
}

TEST(Levenshtein, BitParallelAgreesWithDynamicProgramAtWordBoundary) {
  std::mt19937 rng(64);
  const std::u32string alphabets[] = {U"ab", U"abcdefghij", WideAlphabet()};
  // Shorter-string lengths around 64, where the kernel switches method. The
  // first and last characters differ so that no affix can be stripped.
  const std::pair<size_t, size_t> lengths[] = {
      {64, 64},   {64, 65}, {65, 65}, {64, 200}, {65, 200},
      {200, 200}, {1, 64},  {1, 200}, {63, 64},  {30, 130}};
  for (const std::u32string& alphabet : alphabets) {
    for (auto [la, lb] : lengths) {
      for (int trial = 0; trial < 20; ++trial) {
        std::u32string a = RandomString(rng, la, alphabet);
        std::u32string b = RandomString(rng, lb, alphabet);
        a.front() = U'<';
        a.back() = U'>';
        b.front() = U'[';
        b.back() = U']';
        ASSERT_EQ(Levenshtein(a, b), ReferenceLevenshtein(a, b))
            << la << " " << lb;
        ASSERT_EQ(Levenshtein(b, a), ReferenceLevenshtein(a, b));
      }
    }
  }
}

TEST(Levenshtein, AgreesWithDynamicProgramOnRandomStrings) {
  std::mt19937 rng(1);
  const std::u32string alphabets[] = {U"ab", U"abcd", WideAlphabet()};
  std::uniform_int_distribution<size_t> length(0, 140);
  for (const std::u32string& alphabet : alphabets) {
    for (int trial = 0; trial < 600; ++trial) {
      const std::u32string a = RandomString(rng, length(rng), alphabet);
      std::u32string b = RandomString(rng, length(rng), alphabet);
      if (trial % 3 == 0) {
        // A near copy, so that distances are small and affixes long.
        b = a;
        for (int edit = 0; edit < 3 && !b.empty(); ++edit) {
          b[rng() % b.size()] = alphabet[rng() % alphabet.size()];
        }
        if (trial % 2 == 0 && !b.empty()) b.erase(rng() % b.size(), 1);
      }
      ASSERT_EQ(Levenshtein(a, b), ReferenceLevenshtein(a, b))
          << a.size() << " " << b.size();
    }
  }
}

TEST(LevenshteinBounded, IsDistanceCappedAtBoundPlusOne) {
  std::mt19937 rng(2);
  const std::u32string alphabets[] = {U"ab", U"abcdef", WideAlphabet()};
  std::uniform_int_distribution<size_t> length(0, 150);
  for (const std::u32string& alphabet : alphabets) {
    for (int trial = 0; trial < 400; ++trial) {
      const std::u32string a = RandomString(rng, length(rng), alphabet);
      std::u32string b = a;
      const int edits = static_cast<int>(rng() % 12);
      for (int e = 0; e < edits; ++e) {
        const size_t at = b.empty() ? 0 : rng() % b.size();
        switch (rng() % 3) {
          case 0:
            b.insert(b.begin() + at, alphabet[rng() % alphabet.size()]);
            break;
          case 1:
            if (!b.empty()) b.erase(at, 1);
            break;
          default:
            if (!b.empty()) b[at] = alphabet[rng() % alphabet.size()];
        }
      }
      const int distance = ReferenceLevenshtein(a, b);
      for (int bound : {0, 1, 2, 3, 5, 8, 13, 40, 2147483647}) {
        ASSERT_EQ(LevenshteinBounded(a, b, bound),
                  distance <= bound ? distance : bound + 1)
            << a.size() << " " << b.size() << " bound " << bound;
      }
    }
  }
}

TEST(LevenshteinBounded, KnownCases) {
  struct BoundedCase {
    std::u32string a;
    std::u32string b;
    int bound;
    int expected;
  };
  const BoundedCase cases[] = {
      {U"", U"", 0, 0},
      {U"", U"abc", 2, 3},  // length gap alone exceeds the bound
      {U"", U"abc", 3, 3},
      {U"kitten", U"sitting", 1, 2},
      {U"kitten", U"sitting", 3, 3},
      {U"kitten", U"sitting", 10, 3},
      {U"abc", U"abc", 0, 0},
      {U"abc", U"abd", 0, 1},
      {U"abc", U"abd", -5, 1},  // negative bound acts as 0
      {U"王伟", U"王玮", 1, 1},
      {U"kitten", U"sitting", 2147483647, 3},  // no overflow at INT_MAX
  };
  for (const BoundedCase& c : cases) {
    EXPECT_EQ(LevenshteinBounded(c.a, c.b, c.bound), c.expected)
        << ToUtf8(c.a) << " / " << ToUtf8(c.b) << " bound " << c.bound;
  }
}

TEST(LevenshteinSimilarity, IsOneMinusDistanceOverLongerLength) {
  EXPECT_DOUBLE_EQ(LevenshteinSimilarity(U"", U""), 1.0);
  EXPECT_DOUBLE_EQ(LevenshteinSimilarity(U"", U"abc"), 0.0);
  EXPECT_DOUBLE_EQ(LevenshteinSimilarity(U"abc", U"abc"), 1.0);
  EXPECT_DOUBLE_EQ(LevenshteinSimilarity(U"abc", U"xyz"), 0.0);
  EXPECT_DOUBLE_EQ(LevenshteinSimilarity(U"kitten", U"sitting"), 1 - 3 / 7.0);
  EXPECT_DOUBLE_EQ(LevenshteinSimilarity(U"王伟", U"王玮"), 0.5);
}

}  // namespace
}  // namespace mdm::matching
