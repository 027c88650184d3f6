#include "tools/mdmctl/encoding_check.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/base/testing/status_matchers.h"

namespace mdm::cli {
namespace {

using ::mdm::testing::IsOkAndHolds;
using ::mdm::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

// A GBK file as a Chinese ERP exports it.
std::string GbkFile() {
  std::string file = "id,full_name,city\n";
  for (int i = 0; i < 20; ++i) {
    file += std::to_string(i) +
            ",\xCD\xF5\xCE\xB0,\xB1\xB1\xBE\xA9\xCA\xD0\n";  // 王伟,北京市
  }
  return file;
}

TEST(DetectEncoding, Utf8AndByteOrderMarks) {
  EXPECT_THAT(DetectEncodingOf("a.csv", "id,name\n1,Ann\n", false),
              IsOkAndHolds(""));
  EXPECT_THAT(DetectEncodingOf("a.csv", "id,name\n1,王伟\n", false),
              IsOkAndHolds(""));
  EXPECT_THAT(DetectEncodingOf("a.csv", "\xFF\xFEi\0d\0", false),
              IsOkAndHolds("UTF-16"));
  EXPECT_THAT(
      DetectEncodingOf("a.csv", std::string("\xFF\xFE\0\0i\0\0\0", 8), false),
      IsOkAndHolds("UTF-32"));
}

TEST(DetectEncoding, OneBrokenLineIsLeftToThatRow) {
  EXPECT_THAT(
      DetectEncodingOf("a.csv", "id,name\n1,Fa\xFF\xFEGo\n2,Bo\n", false),
      IsOkAndHolds(""));
  // Valid UTF-8 first: a UTF-8 file with a few bad rows.
  EXPECT_THAT(
      DetectEncodingOf("a.csv", "id,name\n1,王伟\n2,\xFF\n3,\xFE\n", false),
      IsOkAndHolds(""));
}

TEST(DetectEncoding, GbkFileIsOneClearErrorWithAHint) {
  EXPECT_THAT(DetectEncodingOf("erp.csv", GbkFile(), false),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("erp.csv is not UTF-8: line 2 (byte 20: "
                                       "0xCD 0xF5) and 19 more lines are not"),
                             HasSubstr("--encoding=GBK"))));
}

TEST(DetectEncoding, GuessesGb18030ForVariedChineseText) {
  // 王伟,北京市,北京华为技术有限公司 / 李娜,上海市,上海浦东发展银行 in GBK.
  const std::string gbk =
      "id,name,city,company\n"
      "1,\xCD\xF5\xCE\xB0,\xB1\xB1\xBE\xA9\xCA\xD0,\xB1\xB1\xBE\xA9"
      "\xBB\xAA\xCE\xAA\xBC\xBC\xCA\xF5\xD3\xD0\xCF\xDE\xB9\xAB\xCB\xBE\n"
      "2,\xC0\xEE\xC4\xC8,\xC9\xCF\xBA\xA3\xCA\xD0,\xC9\xCF\xBA\xA3\xC6"
      "\xD6\xB6\xAB\xB7\xA2\xD5\xB9\xD2\xF8\xD0\xD0\n";
  EXPECT_THAT(DetectEncodingOf("erp.csv", gbk, false),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("it looks like GB18030")));
}

TEST(DetectEncoding, Utf16WithoutByteOrderMarkIsRefused) {
  EXPECT_THAT(DetectEncodingOf("u.csv", std::string("i\0d\0\n\0", 6), false),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("holds NUL bytes (byte 1)")));
}

TEST(DetectEncoding, SequenceCutByTheEndOfTheSampleIsNotIllFormed) {
  std::string sample = "id\n1,\xE7\x8E";  // the start of 王
  EXPECT_THAT(DetectEncodingOf("a.csv", sample, true), IsOkAndHolds(""));
}

}  // namespace
}  // namespace mdm::cli
