#include "tools/eval/subprocess.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/base/testing/status_matchers.h"
#include "src/base/testing/temp_dir.h"

namespace mdm::eval {
namespace {

using ::mdm::testing::IsOk;
using ::mdm::testing::StatusIs;
using ::testing::HasSubstr;

TEST(RunProcess, CapturesBothStreamsAndTheExitCode) {
  absl::StatusOr<ProcessResult> result =
      RunProcess("/bin/sh", {"-c", "echo out; echo err >&2; exit 3"});
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->exit_code, 3);
  EXPECT_EQ(result->out, "out\n");
  EXPECT_EQ(result->err, "err\n");
}

TEST(RunProcess, OutputLargerThanAPipeOnBothStreamsDoesNotBlock) {
  absl::StatusOr<ProcessResult> result = RunProcess(
      "/bin/sh", {"-c",
                  "head -c 1000000 /dev/zero; head -c 300000 /dev/zero "
                  ">&2; head -c 1000000 /dev/zero"});
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->exit_code, 0);
  EXPECT_EQ(result->out.size(), 2000000u);
  EXPECT_EQ(result->err.size(), 300000u);
}

TEST(RunProcess, KilledBySignalIs128PlusSignal) {
  absl::StatusOr<ProcessResult> result =
      RunProcess("/bin/sh", {"-c", "kill -9 $$"});
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->exit_code, 128 + 9);
}

TEST(RunProcess, MissingProgramIsAnError) {
  EXPECT_THAT(RunProcess("/nonexistent/mdmctl", {}),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

// /bin/sh stands in for mdmd: Start appends --listen=..., which `sh -c`
// takes as $0.
TEST(MdmdProcess, ParsesThePortFromTheReadyLineAndStopsWithSigterm) {
  mdm::testing::TempDir dir;
  absl::StatusOr<std::unique_ptr<MdmdProcess>> server = MdmdProcess::Start(
      "/bin/sh",
      {"-c",
       "trap 'exit 0' TERM; echo '2026-01-01T00:00:00.000Z I starting' >&2; "
       "echo '2026-01-01T00:00:00.001Z I ready: mdmd serving mdm.v1 on "
       "127.0.0.1:40123 (database x.db, configuration built-in)' >&2; "
       "while :; do sleep 0.05; done"},
      dir.Path("mdmd.log"));
  ASSERT_THAT(server, IsOk());
  EXPECT_EQ((*server)->port(), 40123);
  EXPECT_EQ((*server)->address(), "127.0.0.1:40123");
  EXPECT_THAT((*server)->Stop(), IsOk());
}

TEST(MdmdProcess, ExitDuringStartUpQuotesTheLog) {
  mdm::testing::TempDir dir;
  absl::StatusOr<std::unique_ptr<MdmdProcess>> server = MdmdProcess::Start(
      "/bin/sh", {"-c", "echo 'mdmd: cannot open database' >&2; exit 1"},
      dir.Path("mdmd.log"));
  EXPECT_THAT(server, StatusIs(absl::StatusCode::kFailedPrecondition,
                               HasSubstr("cannot open database")));
}

TEST(MdmdProcess, NoReadyLineTimesOut) {
  mdm::testing::TempDir dir;
  absl::StatusOr<std::unique_ptr<MdmdProcess>> server =
      MdmdProcess::Start("/bin/sh", {"-c", "sleep 5"}, dir.Path("mdmd.log"),
                         absl::Milliseconds(200));
  EXPECT_THAT(server, StatusIs(absl::StatusCode::kDeadlineExceeded));
}

TEST(MdmdProcess, NonZeroExitAfterSigtermIsAnError) {
  mdm::testing::TempDir dir;
  absl::StatusOr<std::unique_ptr<MdmdProcess>> server = MdmdProcess::Start(
      "/bin/sh",
      {"-c",
       "trap 'exit 4' TERM; echo 'I ready: mdmd serving mdm.v1 on "
       "127.0.0.1:1 (x)'; while :; do sleep 0.05; done"},
      dir.Path("mdmd.log"));
  ASSERT_THAT(server, IsOk());
  EXPECT_THAT((*server)->Stop(),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("status 4")));
}

}  // namespace
}  // namespace mdm::eval
