// mdmctl's exit codes, one meaning each, as documented in README.md and in
// `mdmctl --help`:
//
//   0    success
//   1    some rows rejected (import), an invariant broken (admin verify), or
//        another failure the server reported (internal error, disk full)
//   2    usage error: a bad flag or argument, or a file that cannot be used
//   3    not found: the record, golden id or entity type does not exist
//   4    invalid argument: the server refused the request as given
//   5    permission or authentication: no token, an unknown or expired one,
//        or a token without the call's role
//   6    server unavailable: not reachable, shutting down, busy
//   130  interrupted (Ctrl-C)
//
//   grpc::Status s = stub->Resolve(...);
//   if (!s.ok()) return ExitCodeFor(s.error_code());
#ifndef MDM_TOOLS_MDMCTL_EXIT_CODES_H_
#define MDM_TOOLS_MDMCTL_EXIT_CODES_H_

#include <grpcpp/support/status.h>

namespace mdm::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitNotFound = 3;
inline constexpr int kExitInvalidArgument = 4;
inline constexpr int kExitDenied = 5;
inline constexpr int kExitUnavailable = 6;
inline constexpr int kExitInterrupted = 130;

// The exit code for a call that failed with `code`: NOT_FOUND 3;
// INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE, ALREADY_EXISTS 4;
// UNAUTHENTICATED, PERMISSION_DENIED 5; UNAVAILABLE, DEADLINE_EXCEEDED,
// CANCELLED (by the server) 6; OK 0; any other 1.
int ExitCodeFor(grpc::StatusCode code);

// The exit-code table above, for help texts.
const char* ExitCodeHelp();

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_EXIT_CODES_H_
