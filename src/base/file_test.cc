#include "src/base/file.h"

#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/base/testing/temp_dir.h"

namespace mdm {
namespace {

TEST(ReadFileToStringTest, ReadsEveryByte) {
  testing::TempDir dir;
  const std::string path = dir.Path("key.pem");
  const std::string bytes("line 1\n\0binary\xff", 15);
  std::ofstream(path, std::ios::binary) << bytes;
  absl::StatusOr<std::string> read = ReadFileToString(path, "key");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, bytes);
}

TEST(ReadFileToStringTest, MissingFileIsNotFoundNamingIt) {
  absl::StatusOr<std::string> read =
      ReadFileToString("/nonexistent/ca.pem", "CA certificates");
  EXPECT_EQ(read.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(read.status().message(),
            "cannot read CA certificates /nonexistent/ca.pem");
}

}  // namespace
}  // namespace mdm
