#include "tools/mdmctl/call_errors.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace mdm::cli {
namespace {

CallTarget& Target() {
  static CallTarget* target = new CallTarget{.server = "127.0.0.1:50051"};
  return *target;
}

bool Mentions(absl::string_view message,
              std::initializer_list<absl::string_view> needles) {
  const std::string lower = absl::AsciiStrToLower(message);
  for (absl::string_view needle : needles) {
    if (absl::StrContains(lower, absl::AsciiStrToLower(needle))) return true;
  }
  return false;
}

// Request fields some server messages begin with, and their flags.
constexpr std::pair<absl::string_view, absl::string_view> kLeadingFields[] = {
    {"page_size ", "--limit "},
    {"limit ", "--limit "},
    {"min_probability ", "--min-probability "},
    {"max_probability ", "--max-probability "},
    {"max_records ", "--max-records "},
    {"after_sequence ", "--from "},
    {"max_violations ", "--max-violations "},
    {"as_of ", "--as-of "},
};

}  // namespace

void SetCallTarget(CallTarget target) { Target() = std::move(target); }

const CallTarget& GetCallTarget() { return Target(); }

std::optional<Unreachable> WhyUnreachable(const grpc::Status& status,
                                          const CallTarget& target) {
  if (status.error_code() != grpc::StatusCode::UNAVAILABLE &&
      status.error_code() != grpc::StatusCode::DEADLINE_EXCEEDED) {
    return std::nullopt;
  }
  const std::string& message = status.error_message();
  const std::string ca =
      target.tls_ca.empty() ? "" : absl::StrCat(" ", target.tls_ca);
  std::string reason, hint;
  if (Mentions(message, {"connection refused"})) {
    reason = "connection refused";
    hint = absl::StrCat(
        "is it running? start it with ./tools/dev.sh serve or mdmd --listen=",
        target.server);
  } else if (Mentions(message,
                      {"DNS resolution failed", "name not found",
                       "Name or service not known", "nodename nor servname"})) {
    reason = "unknown host";
    hint = "check the host name in --server";
  } else if (Mentions(message, {"CERTIFICATE_VERIFY_FAILED"})) {
    reason = "TLS: the server's certificate is not trusted";
    hint = absl::StrCat("is it signed by a CA in --tls-ca", ca,
                        ", and does it name the host in --server (else give "
                        "--tls-server-name)?");
  } else if (Mentions(message, {"handshake", "SSL"})) {
    reason = "TLS handshake failed";
    hint = target.tls_ca.empty()
               ? "the server may be serving TLS: give --tls-ca=PEM"
               : absl::StrCat(
                     "is the server serving TLS, and does it want a client "
                     "certificate (--tls-cert, --tls-key)? CA file:",
                     ca);
  } else if (Mentions(message, {"socket closed", "connection reset",
                                "broken pipe", "end of file"})) {
    reason = "the server closed the connection";
    hint = target.tls_ca.empty()
               ? "the server may be serving TLS: give --tls-ca=PEM"
               : "the server may want a client certificate (--tls-cert, "
                 "--tls-key)";
  } else if (Mentions(message, {"no route to host", "network is unreachable",
                                "connection timed out", "timeout"})) {
    reason = "no answer from the network";
    hint = "check the address in --server and the network";
  } else if (Mentions(message, {"failed to connect"})) {
    reason = "cannot connect";
    hint = "check the address in --server";
  } else {
    return std::nullopt;
  }
  return Unreachable{.reason = std::move(reason), .hint = std::move(hint)};
}

std::string DescribeUnreachable(const grpc::Status& status,
                                const CallTarget& target) {
  const std::optional<Unreachable> why = WhyUnreachable(status, target);
  if (!why.has_value()) return "";
  return absl::StrCat("cannot reach mdmd at ", target.server, " (", why->reason,
                      "): ", why->hint);
}

std::string FlagForField(absl::string_view command, absl::string_view field) {
  const bool upsert = command == "upsert";
  const bool positional_key = command == "resolve" || command == "delete";
  if (field == "entity_type") return "--type";
  if (field == "as_of") return "--as-of";
  if (field == "key.source") {
    return upsert ? "--source" : positional_key ? "SOURCE" : "";
  }
  if (field == "key.source_id") {
    return upsert ? "--id" : positional_key ? "SOURCE_ID" : "";
  }
  if (upsert || command == "search") {
    if (field == "attributes") return "--attr";
    if (absl::ConsumePrefix(&field, "attributes.")) {
      return absl::StrCat("--attr ", field);
    }
  }
  return "";
}

std::string DescribeFailure(absl::string_view command,
                            const grpc::Status& status) {
  const std::string unreachable = DescribeUnreachable(status, GetCallTarget());
  if (!unreachable.empty()) return unreachable;
  const std::string full_message = status.error_message();
  absl::string_view message = full_message;
  std::string flag;
  // The server appends the request field an error is about.
  if (const size_t at = message.rfind(" [field: ");
      at != absl::string_view::npos && absl::EndsWith(message, "]")) {
    const absl::string_view field =
        message.substr(at + 9, message.size() - at - 10);
    flag = FlagForField(command, field);
    message = message.substr(0, at);
  }
  std::string text(message);
  for (const auto& [field, name] : kLeadingFields) {
    if (absl::StartsWith(text, field)) {
      text = absl::StrCat(name, text.substr(field.size()));
      break;
    }
  }
  return absl::StrCat(flag.empty() ? "" : absl::StrCat(flag, ": "), text, " (",
                      absl::StatusCodeToString(
                          static_cast<absl::StatusCode>(status.error_code())),
                      ")");
}

}  // namespace mdm::cli
