#include "tools/mdmctl/exit_codes.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdm::cli {
namespace {

TEST(ExitCodes, EachStatusCodeHasItsDocumentedExitCode) {
  struct Case {
    grpc::StatusCode code;
    int exit;
  };
  const std::vector<Case> cases = {
      {grpc::StatusCode::OK, 0},
      {grpc::StatusCode::NOT_FOUND, 3},
      {grpc::StatusCode::INVALID_ARGUMENT, 4},
      {grpc::StatusCode::FAILED_PRECONDITION, 4},
      {grpc::StatusCode::OUT_OF_RANGE, 4},
      {grpc::StatusCode::ALREADY_EXISTS, 4},
      {grpc::StatusCode::PERMISSION_DENIED, 5},
      {grpc::StatusCode::UNAUTHENTICATED, 5},
      {grpc::StatusCode::UNAVAILABLE, 6},
      {grpc::StatusCode::DEADLINE_EXCEEDED, 6},
      {grpc::StatusCode::CANCELLED, 6},
      {grpc::StatusCode::INTERNAL, 1},
      {grpc::StatusCode::RESOURCE_EXHAUSTED, 1},
      {grpc::StatusCode::DATA_LOSS, 1},
      {grpc::StatusCode::ABORTED, 1},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ExitCodeFor(c.code), c.exit) << static_cast<int>(c.code);
  }
}

TEST(ExitCodes, HelpListsEveryCode) {
  const std::string help = ExitCodeHelp();
  for (const char* code :
       {"  0 ", "  1 ", "  2 ", "  3 ", "  4 ", "  5 ", "  6 ", "  130 "}) {
    EXPECT_THAT(help, ::testing::HasSubstr(code));
  }
}

}  // namespace
}  // namespace mdm::cli
