#include "tools/mdmctl/csv_reader.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdm::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<CsvRow> ReadAll(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in);
  std::vector<CsvRow> rows;
  CsvRow row;
  while (reader.Next(row)) rows.push_back(row);
  return rows;
}

TEST(CsvReader, ReadsRfc4180QuotingAndLineEnds) {
  const auto rows = ReadAll(
      "\xEF\xBB\xBFid,name,note\r\n"
      "1,\"Lee, Ann\",\"said \"\"hi\"\"\"\r\n"
      "2,\"two\nlines\",\r\n"
      "\n"
      "3,12\" pipe,\"\"\n"
      "4,last,no newline");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_THAT(rows[0].fields, ElementsAre("id", "name", "note"));
  EXPECT_THAT(rows[1].fields, ElementsAre("1", "Lee, Ann", "said \"hi\""));
  EXPECT_THAT(rows[2].fields, ElementsAre("2", "two\nlines", ""));
  EXPECT_EQ(rows[2].raw, "2,\"two\nlines\",");
  EXPECT_EQ(rows[2].line, 3);
  EXPECT_THAT(rows[3].fields, ElementsAre("3", "12\" pipe", ""));
  EXPECT_EQ(rows[3].line, 6);
  EXPECT_THAT(rows[4].fields, ElementsAre("4", "last", "no newline"));
  for (const CsvRow& row : rows) EXPECT_EQ(row.error, "");
}

TEST(CsvReader, TextAfterClosingQuoteSpoilsOnlyThatRow) {
  const auto rows = ReadAll("a,b\n\"x\"y,1\n2,3\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[1].error, HasSubstr("after closing quote in field 1"));
  EXPECT_EQ(rows[1].raw, "\"x\"y,1");
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_EQ(rows[2].error, "");
  EXPECT_THAT(rows[2].fields, ElementsAre("2", "3"));
}

TEST(CsvReader, UnterminatedQuoteNamesTheLineItOpenedOn) {
  const auto rows = ReadAll("a,b\n1,ok\n2,\"open\n3,x\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].line, 3);
  EXPECT_THAT(rows[2].error, HasSubstr("opened on line 3 is never closed"));
}

TEST(CsvReader, EmptyInputHasNoRows) {
  EXPECT_TRUE(ReadAll("").empty());
  EXPECT_TRUE(ReadAll("\n\r\n").empty());
}

TEST(CsvReader, ReadsAcrossChunkBoundaries) {
  std::string text = "id,value\n";
  for (int i = 0; i < 100000; ++i)
    text += std::to_string(i) + ",\"v\"\"" + std::to_string(i) + "\"\n";
  const auto rows = ReadAll(text);
  ASSERT_EQ(rows.size(), 100001u);
  EXPECT_THAT(rows[100000].fields, ElementsAre("99999", "v\"99999"));
}

TEST(CsvReader, DetectDelimiterPicksTheMostFrequentOutsideQuotes) {
  struct Case {
    std::string header;
    char expected;
  };
  const std::vector<Case> cases = {
      {"id,name,email", ','},
      {"id;name;email", ';'},
      {"id\tname\temail", '\t'},
      {"id;\"a,b,c\";email", ';'},  // commas inside quotes do not count
      {"id", ','},                  // no delimiter at all
      {"a,b;c", ','},               // a tie goes to the comma
      {"a;b;c,d", ';'},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(DetectDelimiter(c.header), c.expected) << c.header;
  }
}

TEST(CsvReader, PeekFirstLineReadsNothingAndSkipsTheByteOrderMark) {
  std::istringstream in("\xEF\xBB\xBFid;name\r\n1;Ann\n");
  CsvReader reader(in);
  EXPECT_EQ(reader.PeekFirstLine(), "id;name");
  reader.set_delimiter(';');
  CsvRow row;
  ASSERT_TRUE(reader.Next(row));
  EXPECT_THAT(row.fields, ElementsAre("id", "name"));
  EXPECT_EQ(row.offset, 3);
  ASSERT_TRUE(reader.Next(row));
  EXPECT_THAT(row.fields, ElementsAre("1", "Ann"));
  EXPECT_EQ(row.offset, 12);
}

}  // namespace
}  // namespace mdm::cli
