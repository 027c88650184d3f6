#include "matching/comparators/utf32.h"

#include <string>

#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

TEST(ToCodePoints, DecodesWellFormedUtf8) {
  struct Case {
    const char* utf8;
    std::u32string expected;
  };
  const Case cases[] = {
      {"", U""},
      {"abc", U"abc"},
      {"Jos\xc3\xa9", U"José"},
      {"\xe7\x8e\x8b\xe4\xbc\x9f", U"王伟"},
      {"a\xf0\x9f\x98\x80z", U"a\U0001F600z"},
      {"\xef\xbf\xbf", U"\uFFFF"},
      {"\xf4\x8f\xbf\xbf", U"\U0010FFFF"},
      // Longer than one 8-byte word, to cover the ASCII fast path's tail.
      {"abcdefghijklmnopqrstuvwxyz", U"abcdefghijklmnopqrstuvwxyz"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ToCodePoints(c.utf8), c.expected) << c.utf8;
  }
}

TEST(ToCodePoints, KeepsNulBytes) {
  EXPECT_EQ(ToCodePoints(absl::string_view("a\0b", 3)),
            std::u32string(U"a\0b", 3));
}

TEST(ToCodePoints, ReplacesEachMaximalIllFormedSubpartWithOneReplacement) {
  struct Case {
    const char* name;
    std::string utf8;
    std::u32string expected;
  };
  const Case cases[] = {
      {"lone continuation", "a\x80z", U"a\uFFFDz"},
      {"invalid lead byte", "\xff", U"\uFFFD"},
      {"truncated three-byte at end", "\xe7\x8e", U"\uFFFD"},
      {"truncated three-byte before ASCII", "\xe7\x8ez", U"\uFFFDz"},
      {"overlong two-byte", "\xc0\xaf", U"\uFFFD\uFFFD"},
      {"overlong three-byte", "\xe0\x80\xaf", U"\uFFFD\uFFFD\uFFFD"},
      {"surrogate", "\xed\xa0\x80", U"\uFFFD\uFFFD\uFFFD"},
      {"above U+10FFFF", "\xf4\x90\x80\x80", U"\uFFFD\uFFFD\uFFFD\uFFFD"},
      {"truncated four-byte", "\xf0\x9f\x98!", U"\uFFFD!"},
      {"mixed", "\xe7\x8e\x8b\xff\xe4\xbc\x9f", U"王\uFFFD伟"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ToCodePoints(c.utf8), c.expected) << c.name;
  }
}

TEST(AppendCodePoints, AppendsToExistingContent) {
  std::u32string buffer = U"x";
  AppendCodePoints("ab", &buffer);
  AppendCodePoints("\xe7\x8e\x8b", &buffer);
  EXPECT_EQ(buffer, U"xab王");
}

TEST(DecodeUtf8, WritesIntoCallerBufferAndCounts) {
  const std::string utf8 = "a\xe7\x8e\x8b\xff";
  char32_t buffer[8];
  const size_t n = DecodeUtf8(utf8, buffer);
  EXPECT_EQ(std::u32string(buffer, n), U"a王\uFFFD");
  EXPECT_EQ(DecodeUtf8("", buffer), 0u);
}

TEST(ToUtf8, RoundTripsWellFormedText) {
  const char* cases[] = {"",
                         "abc",
                         "Jos\xc3\xa9",
                         "\xe7\x8e\x8b\xe4\xbc\x9f",
                         "\xf0\x9f\x98\x80",
                         "\xf4\x8f\xbf\xbf"};
  for (const char* utf8 : cases) {
    EXPECT_EQ(ToUtf8(ToCodePoints(utf8)), utf8);
  }
}

TEST(ToUtf8, WritesNonScalarValuesAsReplacement) {
  const std::u32string surrogate(1, static_cast<char32_t>(0xD800));
  const std::u32string too_big(1, static_cast<char32_t>(0x110000));
  EXPECT_EQ(ToUtf8(surrogate), "\xef\xbf\xbd");
  EXPECT_EQ(ToUtf8(too_big), "\xef\xbf\xbd");
}

}  // namespace
}  // namespace mdm::matching
