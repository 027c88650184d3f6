#include "tools/mdmctl/rejects_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/base/testing/status_matchers.h"
#include "src/base/testing/temp_dir.h"

namespace mdm::cli {
namespace {

using ::mdm::testing::IsOk;
using ::mdm::testing::StatusIs;
using ::testing::HasSubstr;

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(RejectsFile, DefaultPathIsBesideTheInput) {
  EXPECT_EQ(RejectsPathFor("in/people.csv"), "in/people.csv.rejects.csv");
  EXPECT_EQ(RejectsPathFor("/data/erp.jsonl"), "/data/erp.jsonl.rejects.csv");
}

TEST(RejectsFile, WritesCsvRowsAndIsRemovedWhenNothingWasRejected) {
  mdm::testing::TempDir dir;
  const std::string path = dir.Path("r.csv");
  ASSERT_OK_AND_ASSIGN(auto rejects, RejectsFile::Create(path));
  EXPECT_TRUE(std::filesystem::exists(path));  // created up front
  EXPECT_TRUE(
      rejects->Add(3, "C-1", "attributes.email", "bad, \"really\"", "C-1,x"));
  EXPECT_THAT(rejects->Close(), IsOk());
  EXPECT_EQ(Read(path),
            "line,source_id,field,reason,row\n"
            "3,C-1,attributes.email,\"bad, \"\"really\"\"\",\"C-1,x\"\n");

  std::ofstream(dir.Path("stale.csv")) << "an earlier run's report";
  ASSERT_OK_AND_ASSIGN(auto empty, RejectsFile::Create(dir.Path("stale.csv")));
  EXPECT_THAT(empty->Close(), IsOk());
  EXPECT_FALSE(std::filesystem::exists(dir.Path("stale.csv")));
}

TEST(RejectsFile, UnwritablePathFailsAtCreate) {
  mdm::testing::TempDir dir;
  EXPECT_THAT(RejectsFile::Create(dir.Path("no/such/dir/r.csv")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cannot create the rejects file")));
}

TEST(RejectsFile, FullDiskFailsAtCreateBeforeAnyRowIsSent) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  EXPECT_THAT(RejectsFile::Create("/dev/full"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cannot write the rejects file /dev/full: No "
                                 "space left on device")));
}

}  // namespace
}  // namespace mdm::cli
