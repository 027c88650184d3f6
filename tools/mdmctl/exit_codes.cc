#include "tools/mdmctl/exit_codes.h"

namespace mdm::cli {

int ExitCodeFor(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return kExitOk;
    case grpc::StatusCode::NOT_FOUND:
      return kExitNotFound;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::OUT_OF_RANGE:
    case grpc::StatusCode::ALREADY_EXISTS:
      return kExitInvalidArgument;
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
      return kExitDenied;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::CANCELLED:
      return kExitUnavailable;
    default:
      return kExitFailure;
  }
}

const char* ExitCodeHelp() {
  return "Exit codes:\n"
         "  0    success\n"
         "  1    some rows rejected (import), an invariant broken (admin "
         "verify), or another\n"
         "       failure the server reported (internal error, disk full)\n"
         "  2    usage error: a bad flag or argument, or a file that cannot "
         "be used\n"
         "  3    not found: no such record, golden id or entity type\n"
         "  4    invalid argument: the server refused the request as given\n"
         "  5    permission or authentication: no token, an unknown or "
         "expired one, or a\n"
         "       token without the call's role\n"
         "  6    server unavailable: not reachable, shutting down, busy\n"
         "  130  interrupted (Ctrl-C)\n";
}

}  // namespace mdm::cli
