#include "src/base/utf8.h"

#include <string>

#include "gtest/gtest.h"

namespace mdm {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  const std::string cases[] = {"",
                               "plain",
                               "金蝶软件（中国）有限公司",
                               "Zoë Ørsted",
                               std::string("nul\0inside", 10),
                               "\xF0\x9F\x98\x80"};
  for (const std::string& text : cases) {
    EXPECT_TRUE(IsValidUtf8(text)) << text;
  }
}

TEST(Utf8, RejectsIllFormedSequencesAndReportsTheirOffset) {
  struct Case {
    std::string text;
    size_t offset;
  };
  const Case cases[] = {
      {"ab\xFF", 2},            // invalid byte
      {"\xC3", 0},              // truncated two-byte sequence
      {"ok\xC0\xAF", 2},        // overlong "/"
      {"x\xED\xA0\x80", 1},     // UTF-16 surrogate
      {"\xF4\x90\x80\x80", 0},  // above U+10FFFF
      {"caf\xC3\xA9\x80", 5},   // stray continuation byte
  };
  for (const Case& c : cases) {
    EXPECT_FALSE(IsValidUtf8(c.text));
    EXPECT_EQ(FirstInvalidUtf8(c.text), c.offset);
  }
}

}  // namespace
}  // namespace mdm
