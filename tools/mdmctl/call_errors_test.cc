#include "tools/mdmctl/call_errors.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdm::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(CallErrors, ConnectionFailuresBecomeOneLineNamingTheAddress) {
  const CallTarget target{.server = "127.0.0.1:50051"};
  struct Case {
    std::string grpc_message;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"failed to connect to all addresses; last error: UNKNOWN: "
       "ipv4:127.0.0.1:50051: Failed to connect to remote host: Connection "
       "refused",
       "cannot reach mdmd at 127.0.0.1:50051 (connection refused): is it "
       "running? start it with ./tools/dev.sh serve or mdmd "
       "--listen=127.0.0.1:50051"},
      {"DNS resolution failed for nosuch.example:50051: C-ares status is not "
       "ARES_SUCCESS qtype=A name=nosuch.example is_balancer=0: Domain name "
       "not found",
       "cannot reach mdmd at 127.0.0.1:50051 (unknown host): check the host "
       "name in --server"},
      {"failed to connect to all addresses; last error: UNKNOWN: "
       "ipv4:127.0.0.1:50051: Ssl handshake failed: SSL_ERROR_SSL: "
       "error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED",
       "cannot reach mdmd at 127.0.0.1:50051 (TLS: the server's certificate is "
       "not trusted)"},
      {"Socket closed",
       "cannot reach mdmd at 127.0.0.1:50051 (the server closed the "
       "connection): the server may be serving TLS: give --tls-ca=PEM"},
  };
  for (const Case& c : cases) {
    const grpc::Status status(grpc::StatusCode::UNAVAILABLE, c.grpc_message);
    EXPECT_THAT(DescribeUnreachable(status, target), HasSubstr(c.expected));
    EXPECT_THAT(DescribeUnreachable(status, target), Not(HasSubstr("ipv4:")));
  }
}

TEST(CallErrors, ServerRefusalsAreNotConnectionFailures) {
  const CallTarget target{.server = "127.0.0.1:50051"};
  for (const grpc::Status& status :
       {grpc::Status(grpc::StatusCode::UNAVAILABLE,
                     "mdmd is shutting down; records from index 3 on were "
                     "not applied, send them again"),
        grpc::Status(grpc::StatusCode::NOT_FOUND, "Connection refused")}) {
    EXPECT_EQ(DescribeUnreachable(status, target), "");
  }
}

TEST(CallErrors, FieldsAreNamedByTheFlagTheUserTyped) {
  struct Case {
    std::string command;
    std::string message;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"upsert", "record crm:: source_id is empty [field: key.source_id]",
       "--id: record crm:: source_id is empty (INVALID_ARGUMENT)"},
      {"upsert",
       "record crm:1: attribute 'email' is 40000 bytes [field: "
       "attributes.email]",
       "--attr email: record crm:1: attribute 'email' is 40000 bytes "
       "(INVALID_ARGUMENT)"},
      {"upsert", "unknown entity type 'ship' [field: entity_type]",
       "--type: unknown entity type 'ship' (INVALID_ARGUMENT)"},
      {"resolve", "source 'c rm' is not a source name [field: key.source]",
       "SOURCE: source 'c rm' is not a source name (INVALID_ARGUMENT)"},
      {"changes", "page_size must be in 1..10000, got 0",
       "--limit must be in 1..10000, got 0 (INVALID_ARGUMENT)"},
      {"get", "golden record PER-1 has a wrong check character",
       "golden record PER-1 has a wrong check character (INVALID_ARGUMENT)"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(DescribeFailure(
                  c.command,
                  grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, c.message)),
              c.expected);
  }
}

}  // namespace
}  // namespace mdm::cli
