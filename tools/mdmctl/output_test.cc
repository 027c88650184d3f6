#include "tools/mdmctl/output.h"

#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mdm/v1/records.pb.h"
#include "tools/mdmctl/terminal_text.h"

namespace mdm::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(Table, ShowsControlCharactersEscapedOnOneLine) {
  Table table({"ATTRIBUTE", "VALUE"});
  table.AddRow({"given_name", "Ann\x1b[2J\x1b[H"});
  table.AddRow({"note", std::string("two\nlines\0", 10)});
  std::ostringstream out;
  table.Print(out);
  EXPECT_EQ(out.str(),
            "ATTRIBUTE   VALUE\n"
            "given_name  Ann\\x1b[2J\\x1b[H\n"
            "note        two\\nlines\\x00\n");
}

TEST(Table, CutsLongCellsWithAnEllipsis) {
  Table table({"A", "B"});
  table.AddRow({"abcdefghij", "x"});
  std::ostringstream out;
  table.Print(out, /*max_width=*/5);
  EXPECT_EQ(out.str(), "A      B\nabcd…  x\n");
}

TEST(Table, NarrowsTheWidestColumnsToFitALine) {
  Table table({"ATTRIBUTE", "A", "B"});
  table.AddRow({"address", std::string(40, 'a'), std::string(30, 'b')});
  table.AddRow({"city", "Oakland", "Berkeley"});
  std::ostringstream out;
  table.Print(out, /*max_width=*/48, /*line_width=*/40);
  std::istringstream lines(out.str());
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    ++count;
    EXPECT_LE(DisplayWidth(line), 40u) << line;
  }
  EXPECT_EQ(count, 3);
  EXPECT_THAT(out.str(), HasSubstr("aaa…"));
  EXPECT_THAT(out.str(), HasSubstr("bbb…"));
  EXPECT_THAT(out.str(), HasSubstr("city       Oakland"));
}

TEST(ToJson, EscapesControlAndFormattingCharactersAsJsonDoes) {
  v1::SourceRecord record;
  record.mutable_key()->set_source("crm");
  record.mutable_key()->set_source_id("1");
  (*record.mutable_attributes())["given_name"] =
      std::string("A\x1b[2J\0\xc2\x9b\xe2\x80\xaeZ", 12);
  const std::string json = ToJson(record);
  EXPECT_THAT(json,
              HasSubstr(R"("given_name":"A\u001b[2J\u0000\u009b\u202eZ")"));
  for (char c : json) {
    EXPECT_GE(static_cast<unsigned char>(c), 0x20) << json;
  }
  EXPECT_THAT(json, Not(HasSubstr("\xc2\x9b")));
}

}  // namespace
}  // namespace mdm::cli
