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
      auto rows, OpenRowSource(Write(dir, "a.csv", "id,name\n1,Ann\n2\n3,Bo\n"),
                               RowFormat::kAuto));
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
                    RowFormat::kAuto));
  EXPECT_TRUE(rows->columns().empty());
  InputRow row;
  ASSERT_TRUE(rows->Next(row));
  EXPECT_THAT(row.values, ElementsAre(Pair("id", "7"), Pair("name", "Ann"),
                                      Pair("vip", "true")));
  ASSERT_TRUE(rows->Next(row));
  EXPECT_EQ(row.line, 3);
  EXPECT_EQ(row.error, "is not a JSON object");
  ASSERT_TRUE(rows->Next(row));
  EXPECT_THAT(row.error, HasSubstr("'tags' is an object or array"));
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
    ASSERT_OK_AND_ASSIGN(auto rows, OpenRowSource(Write(dir, "a.jsonl", text),
                                                  RowFormat::kAuto));
    InputRow row;
    while (rows->Next(row)) {
      EXPECT_LE(rows->bytes_read(), rows->total_bytes()) << text;
    }
    EXPECT_EQ(rows->bytes_read(), static_cast<int64_t>(text.size())) << text;
  }
}

TEST(RowSource, MissingFileAndEmptyCsv) {
  mdm::testing::TempDir dir;
  EXPECT_THAT(OpenRowSource(dir.Path("none.csv"), RowFormat::kAuto),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(
      OpenRowSource(Write(dir, "e.csv", ""), RowFormat::kAuto),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no header")));
}

}  // namespace
}  // namespace mdm::cli
