#include "tools/mdmctl/connection.h"

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
using ::testing::HasSubstr;

TEST(Connection, ServerWithoutPortTakesTheDefaultPort) {
  struct Case {
    std::string given;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"mdm.example.com", "mdm.example.com:50051"},
      {"mdm.example.com:7000", "mdm.example.com:7000"},
      {"127.0.0.1", "127.0.0.1:50051"},
      {"[::1]", "[::1]:50051"},
      {"[::1]:7000", "[::1]:7000"},
      {"::1", "[::1]:50051"},
      {"unix:/run/mdm.sock", "unix:/run/mdm.sock"},
      {"dns:///mdm.example.com:7000", "dns:///mdm.example.com:7000"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(WithDefaultPort(c.given), c.expected) << c.given;
  }
}

TEST(Connection, BadTlsFilesSayWhichFileAndWhy) {
  mdm::testing::TempDir dir;
  std::ofstream(dir.Path("notpem.pem")) << "hello\n";
  std::ofstream(dir.Path("broken.pem"))
      << "-----BEGIN CERTIFICATE-----\nnot base64 at all\n"
         "-----END CERTIFICATE-----\n";
  struct Case {
    ConnectionOptions options;
    std::string error;
  };
  const std::vector<Case> cases = {
      {{.tls_ca = dir.Path("missing.pem")},
       "--tls-ca " + dir.Path("missing.pem") +
           ": cannot read it: No such file or directory"},
      {{.tls_ca = dir.Path("notpem.pem")},
       "--tls-ca " + dir.Path("notpem.pem") + ": no PEM certificate in it"},
      {{.tls_ca = dir.Path("broken.pem")},
       "--tls-ca " + dir.Path("broken.pem") + ": certificate 1 does not parse"},
      {{.tls_ca = dir.Path("notpem.pem"), .tls_cert = "c.pem"},
       "--tls-cert and --tls-key go together"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(Connect(c.options), StatusIs(absl::StatusCode::kInvalidArgument,
                                             HasSubstr(c.error)))
        << c.error;
  }
}

}  // namespace
}  // namespace mdm::cli
