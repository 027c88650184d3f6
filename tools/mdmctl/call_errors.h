// How mdmctl tells a failed call to a person: in the words of the command
// line (the flag the user typed, not the request field), and, when the
// server could not be reached at all, in one line that says where it looked
// and what to do, instead of gRPC's transport details.
//
//   SetCallTarget({.server = "127.0.0.1:50051"});   // once, in main
//   grpc::Status s = stub->Resolve(...);
//   err << "mdmctl resolve: " << DescribeFailure("resolve", s) << "\n";
//   // mdmctl resolve: cannot reach mdmd at 127.0.0.1:50051 (connection
//   // refused): is it running? start it with ./tools/dev.sh serve or
//   // mdmd --listen=127.0.0.1:50051
//
// Not thread-safe to set; reading is safe once set.
#ifndef MDM_TOOLS_MDMCTL_CALL_ERRORS_H_
#define MDM_TOOLS_MDMCTL_CALL_ERRORS_H_

#include <grpcpp/support/status.h>

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace mdm::cli {

// Where calls go, for messages.
struct CallTarget {
  std::string server;  // HOST:PORT
  std::string tls_ca;  // the --tls-ca file; empty: plaintext
};
void SetCallTarget(CallTarget target);
const CallTarget& GetCallTarget();

// Why no connection to the server could be made (refused, unknown host, TLS
// handshake failed, connection closed), and what to check.
struct Unreachable {
  std::string reason;  // "connection refused"
  std::string hint;    // "is it running? start it with ..."
};
// The reason when `status` is a connection failure, else nullopt.
std::optional<Unreachable> WhyUnreachable(const grpc::Status& status,
                                          const CallTarget& target);

// When `status` is a connection failure, the one line to print ("cannot
// reach mdmd at HOST:PORT (REASON): HINT"); else "".
std::string DescribeUnreachable(const grpc::Status& status,
                                const CallTarget& target);

// The command-line name of a request field for `command` ("--id" for
// "key.source_id" of upsert, "--attr email" for "attributes.email"), or ""
// when the command has no flag for it.
std::string FlagForField(absl::string_view command, absl::string_view field);

// The message to print after "mdmctl COMMAND: ": the unreachable line, or
// the server's message with the flag it is about in front ("--id: record
// crm:: source_id is empty") and the status code after ("(INVALID_ARGUMENT)").
std::string DescribeFailure(absl::string_view command,
                            const grpc::Status& status);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_CALL_ERRORS_H_
