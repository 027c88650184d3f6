#include "tools/mdmctl/import_stop.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/mdmctl/exit_codes.h"

namespace mdm::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(ImportStop, ExitCodeAndAdviceFitTheCause) {
  const CallTarget target{.server = "127.0.0.1:50051"};
  struct Case {
    grpc::Status status;
    bool interrupted;
    int exit_code;
    bool rerun_helps;
    std::string described;  // for 11616 applied rows
  };
  const std::vector<Case> cases = {
      {grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                    "database disk is full: records from index 11616 on were "
                    "not applied (inserting record: database or disk is full "
                    "(sqlite code 13))"),
       false, kExitFailure, true,
       "database disk is full: 11,616 rows applied; free space on the server "
       "(or raise mdmd --max-db-bytes), then re-run the same command"},
      {grpc::Status(grpc::StatusCode::UNAVAILABLE,
                    "mdmd is shutting down; records from index 11616 on were "
                    "not applied, send them again"),
       false, kExitUnavailable, true,
       "mdmd shut down: 11,616 rows applied; when it is back, re-run the same "
       "command"},
      {grpc::Status(grpc::StatusCode::UNAVAILABLE, "Socket closed"), false,
       kExitUnavailable, true,
       "lost the connection to mdmd at 127.0.0.1:50051 (the server closed the "
       "connection): 11,616 rows applied; when mdmd is back, re-run"},
      {grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                    "token 'ci' lacks the writer role"),
       false, kExitDenied, false,
       "token 'ci' lacks the writer role: 11,616 rows applied; import needs a "
       "token with the reader and writer roles"},
      {grpc::Status(grpc::StatusCode::INTERNAL,
                    "database I/O error: records from index 5 on were not "
                    "applied (disk I/O error (sqlite code 10))"),
       false, kExitFailure, false,
       "database I/O error: 11,616 rows applied; see mdmd's log"},
      {grpc::Status(grpc::StatusCode::UNAVAILABLE, "Socket closed"), true,
       kExitInterrupted, true,
       "interrupted: 11,616 rows applied; re-run the same command to "
       "continue"},
  };
  for (const Case& c : cases) {
    const ImportStop stop = ClassifyImportStop(c.status, c.interrupted, target);
    EXPECT_EQ(stop.exit_code, c.exit_code) << c.status.error_message();
    EXPECT_EQ(stop.rerun_helps, c.rerun_helps) << c.status.error_message();
    EXPECT_THAT(stop.Describe(11616), HasSubstr(c.described));
    if (!c.rerun_helps) {
      EXPECT_THAT(stop.Describe(11616), Not(HasSubstr("re-run the same")));
    }
  }
}

TEST(ImportStop, ThousandsSeparators) {
  EXPECT_EQ(WithThousands(0), "0");
  EXPECT_EQ(WithThousands(999), "999");
  EXPECT_EQ(WithThousands(1000), "1,000");
  EXPECT_EQ(WithThousands(11616), "11,616");
  EXPECT_EQ(WithThousands(1234567), "1,234,567");
}

}  // namespace
}  // namespace mdm::cli
