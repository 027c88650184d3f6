#include "tools/mdmctl/row_source.h"

#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/base/testing/status_matchers.h"
#include "src/base/testing/temp_dir.h"

namespace mdm::cli {
namespace {

using ::mdm::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

std::string Write(const mdm::testing::TempDir& dir, const std::string& name,
                  const std::string& text) {
  const std::string path = dir.Path(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(RowSource, CsvRowsWithWrongFieldCountAreErrorsNotTheEnd) {
  mdm::testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(
      auto rows,
      OpenRowSource(Write(dir, "a.csv", "id,name\n1,Ann\n2\n3,Bo\n"), {}));
  EXPECT_THAT(rows->columns(), ElementsAre("id", "name"));
  InputRow row;
  ASSERT_TRUE(rows->Next(row));
  EXPECT_THAT(row.values, ElementsAre(Pair("id", "1"), Pair("name", "Ann")));
  ASSERT_TRUE(rows->Next(row));
  EXPECT_EQ(row.line, 3);
  EXPECT_THAT(row.error, HasSubstr("has 1 fields; the header has 2"));
  ASSERT_TRUE(rows->Next(row));
  EXPECT_EQ(row.error, "");
  EXPECT_FALSE(rows->Next(row));
}

TEST(RowSource, JsonLinesAcceptScalarsAndRejectNesting) {
  mdm::testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(
      auto rows,
      OpenRowSource(Write(dir, "a.jsonl",
                          "{\"id\": 7, \"name\": \"Ann\", \"vip\": true, "
                          "\"x\": null}\r\n\n"
                          "not json\n"
                          "{\"id\": \"8\", \"tags\": [1]}\n"),
                    {}));
  EXPECT_TRUE(rows->columns().empty());
  InputRow row;
  ASSERT_TRUE(rows->Next(row));
  EXPECT_THAT(row.values, ElementsAre(Pair("id", "7"), Pair("name", "Ann"),
                                      Pair("vip", "true")));
  ASSERT_TRUE(rows->Next(row));
  EXPECT_EQ(row.line, 3);
  EXPECT_THAT(row.error, HasSubstr("is not JSON: byte 1 of the line"));
  ASSERT_TRUE(rows->Next(row));
  EXPECT_THAT(row.error, HasSubstr("'tags' is an object or array"));
  EXPECT_FALSE(rows->Next(row));
}

TEST(RowSource, JsonLinesNumberBeyondDoubleIsARejectedRowNotACrash) {
  mdm::testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto rows,
                       OpenRowSource(Write(dir, "a.jsonl",
                                           "{\"id\": \"1\", \"size\": 1e400}\n"
                                           "{\"id\": \"2\"}\n"),
                                     {}));
  InputRow row;
  ASSERT_TRUE(rows->Next(row));
  EXPECT_THAT(row.error, HasSubstr("number overflow parsing '1e400'"));
  ASSERT_TRUE(rows->Next(row));
  EXPECT_EQ(row.error, "");
  EXPECT_THAT(row.values, ElementsAre(Pair("id", "2")));
  EXPECT_FALSE(rows->Next(row));
}

TEST(RowSource, JsonLinesBytesReadEqualsFileSizeWithoutFinalLineBreak) {
  mdm::testing::TempDir dir;
  const std::vector<std::string> files = {
      "{\"id\":\"1\"}\n{\"id\":\"2\"}",  // no line break at the end
      "{\"id\":\"1\"}\n{\"id\":\"2\"}\n",
      "{\"id\":\"1\"}\r\n\n  ",  // ends on a blank line
  };
  for (const std::string& text : files) {
    ASSERT_OK_AND_ASSIGN(auto rows,
                         OpenRowSource(Write(dir, "a.jsonl", text), {}));
    InputRow row;
    while (rows->Next(row)) {
      EXPECT_LE(rows->bytes_read(), rows->total_bytes()) << text;
    }
    EXPECT_EQ(rows->bytes_read(), static_cast<int64_t>(text.size())) << text;
  }
}

TEST(RowSource, MissingFileAndEmptyCsv) {
  mdm::testing::TempDir dir;
  EXPECT_THAT(OpenRowSource(dir.Path("none.csv"), {}),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(
      OpenRowSource(Write(dir, "e.csv", ""), {}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no header")));
}

TEST(RowSource, JsonLinesErrorsNameTheByteOfTheLineAndOfTheFile) {
  mdm::testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto rows,
                       OpenRowSource(Write(dir, "a.jsonl",
                                           "{\"id\": 1}\n"
                                           "{\"id\": 2, \"name\": \"Ann}\n"
                                           "[1, 2]\n"),
                                     {}));
  InputRow row;
  ASSERT_TRUE(rows->Next(row));
  EXPECT_EQ(row.error, "");
  ASSERT_TRUE(rows->Next(row));
  EXPECT_EQ(row.line, 2);
  EXPECT_THAT(row.error,
              HasSubstr("is not JSON: byte 23 of the line (byte 33 of the "
                        "file): syntax error while parsing value"));
  ASSERT_TRUE(rows->Next(row));
  EXPECT_EQ(row.error, "is a JSON array, not an object");
}

TEST(RowSource, CsvDelimiterIsDetectedFromTheHeaderOrGiven) {
  mdm::testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(
      auto semicolons,
      OpenRowSource(Write(dir, "s.csv", "id;name\n1;Lee, Ann\n"), {}));
  EXPECT_EQ(semicolons->delimiter(), ';');
  InputRow row;
  ASSERT_TRUE(semicolons->Next(row));
  EXPECT_THAT(row.values,
              ElementsAre(Pair("id", "1"), Pair("name", "Lee, Ann")));
  ASSERT_OK_AND_ASSIGN(
      auto tabs, OpenRowSource(Write(dir, "t.tsv", "id\tname\n1\tAnn\n"), {}));
  EXPECT_EQ(tabs->delimiter(), '\t');
  ASSERT_OK_AND_ASSIGN(auto pipes,
                       OpenRowSource(Write(dir, "p.csv", "id|name\n1|Ann\n"),
                                     {.delimiter = '|'}));
  ASSERT_TRUE(pipes->Next(row));
  EXPECT_THAT(row.values, ElementsAre(Pair("id", "1"), Pair("name", "Ann")));
}

TEST(RowSource, GbkFileIsReadWithItsEncodingAndRefusedWithoutIt) {
  mdm::testing::TempDir dir;
  const std::string path =
      Write(dir, "erp.csv",
            "id;name\n1;\xCD\xF5\xCE\xB0\n2;\xC0\xEE\xC4\xC8\n3;\x81!\n");
  EXPECT_THAT(
      OpenRowSource(path, {}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("is not UTF-8")));
  ASSERT_OK_AND_ASSIGN(auto rows, OpenRowSource(path, {.encoding = "GBK"}));
  EXPECT_EQ(rows->encoding(), "GBK");
  InputRow row;
  ASSERT_TRUE(rows->Next(row));
  EXPECT_THAT(row.values, ElementsAre(Pair("id", "1"), Pair("name", "王伟")));
  ASSERT_TRUE(rows->Next(row));
  EXPECT_THAT(row.values, ElementsAre(Pair("id", "2"), Pair("name", "李娜")));
  ASSERT_TRUE(rows->Next(row));
  EXPECT_EQ(row.line, 4);
  EXPECT_EQ(row.error, "byte 24 of the file is not valid GBK");
  EXPECT_FALSE(rows->Next(row));
  EXPECT_EQ(rows->bytes_read(), rows->total_bytes());
}

TEST(RowSource, Utf16WithByteOrderMarkNeedsNoFlag) {
  mdm::testing::TempDir dir;
  std::string utf16 = "\xFF\xFE";
  for (char c : std::string("id,name\n1,Ann\n")) {
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  ASSERT_OK_AND_ASSIGN(auto rows,
                       OpenRowSource(Write(dir, "u.csv", utf16), {}));
  EXPECT_THAT(rows->columns(), ElementsAre("id", "name"));
  InputRow row;
  ASSERT_TRUE(rows->Next(row));
  EXPECT_THAT(row.values, ElementsAre(Pair("id", "1"), Pair("name", "Ann")));
}

}  // namespace
}  // namespace mdm::cli
