#include "tools/mdmctl/import_stop.h"

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/mdmctl/exit_codes.h"

namespace mdm::cli {
namespace {

constexpr absl::string_view kRerun =
    "re-run the same command to continue: applied rows are unchanged the "
    "second time";

}  // namespace

std::string WithThousands(int64_t n) {
  std::string digits = absl::StrCat(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return n < 0 ? absl::StrCat("-", out) : out;
}

std::string ImportStop::Describe(int64_t applied_rows) const {
  return absl::StrCat(cause, ": ", WithThousands(applied_rows),
                      applied_rows == 1 ? " row" : " rows", " applied",
                      advice.empty() ? "" : absl::StrCat("; ", advice));
}

ImportStop ClassifyImportStop(const grpc::Status& status, bool interrupted,
                              const CallTarget& target) {
  ImportStop stop;
  if (interrupted) {
    stop.exit_code = kExitInterrupted;
    stop.cause = "interrupted";
    stop.advice = std::string(kRerun);
    stop.rerun_helps = true;
    return stop;
  }
  const std::string& message = status.error_message();
  stop.exit_code = ExitCodeFor(status.error_code());
  // A message of the server's that begins with the cause of a store-wide
  // failure: "database disk is full: records from index N on ...".
  const std::string cause = message.substr(0, message.find(": "));
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::CANCELLED:
    case grpc::StatusCode::DEADLINE_EXCEEDED: {
      if (absl::StrContains(message, "shutting down")) {
        stop.cause = "mdmd shut down";
        stop.advice = absl::StrCat("when it is back, ", kRerun);
      } else if (cause == "database busy") {
        stop.cause = absl::StrCat(message, " (mdmd --max-write-wait)");
        stop.advice = std::string(kRerun);
      } else if (const std::optional<Unreachable> why =
                     WhyUnreachable(status, target);
                 why.has_value()) {
        stop.cause = absl::StrCat("lost the connection to mdmd at ",
                                  target.server, " (", why->reason, ")");
        stop.advice = absl::StrCat("when mdmd is back, ", kRerun);
      } else {
        stop.cause = absl::StrCat("the connection to mdmd at ", target.server,
                                  " ended: ", message);
        stop.advice = absl::StrCat("when mdmd is back, ", kRerun);
      }
      stop.rerun_helps = true;
      return stop;
    }
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
      stop.cause = message;
      stop.advice =
          "import needs a token with the reader and writer roles "
          "(--token-file or $MDM_TOKEN); re-run with one";
      return stop;
    default:
      break;
  }
  if (cause == "database disk is full") {
    stop.cause = cause;
    stop.advice = absl::StrCat(
        "free space on the server (or raise mdmd --max-db-bytes), then ",
        kRerun);
    stop.rerun_helps = true;
    return stop;
  }
  if (absl::StartsWith(cause, "database ")) {
    stop.cause = cause;
    stop.advice = absl::StrCat("see mdmd's log: ", message);
    return stop;
  }
  stop.cause =
      absl::StrCat(message, " (",
                   absl::StatusCodeToString(
                       static_cast<absl::StatusCode>(status.error_code())),
                   ")");
  return stop;
}

}  // namespace mdm::cli
