#include "matching/contact/internal/full_width.h"

#include "gtest/gtest.h"

namespace mdm::matching::internal {
namespace {

TEST(FoldFullWidth, FullWidthAsciiAndIdeographicSpaceBecomeAscii) {
  struct Case {
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {"＋８６\u3000１３８", "+86 138"},
      {"ａｂｃ＠ｅｘａｍｐｌｅ．ｃｏｍ", "abc@example.com"},
      {"～！", "~!"},
      {"plain 123", "plain 123"},
      {"王伟", "王伟"},
      {"\xEF\xBC", "\xEF\xBC"},  // Truncated sequence copied as is.
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(FoldFullWidth(c.input), c.expected);
}

}  // namespace
}  // namespace mdm::matching::internal
