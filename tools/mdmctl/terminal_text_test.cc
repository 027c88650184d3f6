#include "tools/mdmctl/terminal_text.h"

#include <string>

#include "gtest/gtest.h"

namespace mdm::cli {
namespace {

TEST(TerminalSafe, EscapesEveryControlAndFormattingCharacter) {
  const struct {
    std::string text;
    std::string shown;
  } cases[] = {
      {"Ann Lee", "Ann Lee"},
      {"王伟 Zoë", "王伟 Zoë"},
      {"\x1b[2J\x1b[HAnn", "\\x1b[2J\\x1b[HAnn"},  // clear screen, home
      {std::string("a\0b", 3), "a\\x00b"},
      {"a\nb\rc\td", "a\\nb\\rc\\td"},
      {"bell\x07 del\x7f", "bell\\x07 del\\x7f"},
      {"csi\xc2\x9b"
       "2J",
       "csi\\u009b2J"},               // C1 CSI
      {"nel\xc2\x85", "nel\\u0085"},  // C1 next line
      {"abc\xe2\x80\xae"
       "fed",
       "abc\\u202efed"},                // right-to-left override
      {"x\xe2\x81\xa6y", "x\\u2066y"},  // left-to-right isolate
      {"line\xe2\x80\xa8sep", "line\\u2028sep"},
      {"bad\xff\xc3", "bad\\xff\\xc3"},     // not UTF-8
      {"\xed\xa0\x80", "\\xed\\xa0\\x80"},  // a surrogate
  };
  for (const auto& c : cases) {
    EXPECT_EQ(TerminalSafe(c.text), c.shown) << c.text;
  }
}

TEST(TerminalSafe, ItsOutputIsSafeAlready) {
  const std::string once = TerminalSafe("\x1b]0;title\x07\xc2\x9b\n");
  EXPECT_EQ(TerminalSafe(once), once);
  for (char c : once) {
    EXPECT_GE(static_cast<unsigned char>(c), 0x20) << once;
    EXPECT_NE(c, 0x7f) << once;
  }
}

TEST(DisplayWidth, CountsColumnsNotBytes) {
  EXPECT_EQ(DisplayWidth("Ann"), 3u);
  EXPECT_EQ(DisplayWidth("王伟"), 4u);
  EXPECT_EQ(DisplayWidth("Zoë"), 3u);
  EXPECT_EQ(DisplayWidth("\033[1;33mAnn\033[0m"), 3u);
}

TEST(FitToWidth, CutsWithAnEllipsisOnlyWhenTooWide) {
  EXPECT_EQ(FitToWidth("Zhang Wei", 9), "Zhang Wei");
  EXPECT_EQ(FitToWidth("Zhang Wei", 6), "Zhang…");
  EXPECT_EQ(DisplayWidth(FitToWidth("Zhang Wei", 6)), 6u);
  // A wide character that does not fit whole is left out.
  EXPECT_EQ(FitToWidth("王伟王伟", 4), "王…");
  EXPECT_EQ(FitToWidth("abc", 0), "");
  // Styling is kept and closed.
  EXPECT_EQ(FitToWidth("\033[1mbold text\033[0m", 5), "\033[1mbold…\033[0m");
}

}  // namespace
}  // namespace mdm::cli
