#include "src/server/access_control.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "src/base/log.h"

namespace mdm::server {
namespace {

constexpr size_t kMaxActorBytes = 256;
constexpr absl::string_view kBearer = "Bearer ";
// At most one refusal a second is logged; the others are counted.
constexpr absl::Duration kRefusalLogInterval = absl::Seconds(1);

// A metadata value, or "" when absent.
absl::string_view Metadata(const grpc::ServerContext& context,
                           absl::string_view key) {
  auto it =
      context.client_metadata().find(grpc::string_ref(key.data(), key.size()));
  if (it == context.client_metadata().end()) return "";
  return absl::string_view(it->second.data(), it->second.size());
}

}  // namespace

AccessControl::AccessControl(std::shared_ptr<const TokenTable> tokens,
                             Clock* clock)
    : clock_(clock), tokens_(std::move(tokens)) {}

bool AccessControl::enabled() const {
  absl::MutexLock lock(&mu_);
  return tokens_ != nullptr;
}

void AccessControl::ReplaceTokens(std::shared_ptr<const TokenTable> tokens) {
  absl::MutexLock lock(&mu_);
  tokens_ = std::move(tokens);
}

absl::StatusOr<std::string> AccessControl::Authorize(
    const grpc::ServerContext& context, Role role) const {
  absl::StatusOr<std::string> caller = Check(context, role);
  if (!caller.ok()) LogRefusal(context, caller.status());
  return caller;
}

void AccessControl::LogRefusal(const grpc::ServerContext& context,
                               const absl::Status& refusal) const {
  const absl::Time now = clock_->Now();
  absl::MutexLock lock(&log_mu_);
  if (now < next_log_) {
    ++unlogged_refusals_;
    return;
  }
  std::string line = absl::StrCat("refused a call from ", context.peer(), ": ",
                                  refusal.message());
  if (unlogged_refusals_ > 0) {
    absl::StrAppend(&line, " (", unlogged_refusals_,
                    " more refusals since the last one logged)");
  }
  LogWarning(line);
  unlogged_refusals_ = 0;
  next_log_ = now + kRefusalLogInterval;
}

absl::StatusOr<std::string> AccessControl::Check(
    const grpc::ServerContext& context, Role role) const {
  std::shared_ptr<const TokenTable> tokens;
  {
    absl::MutexLock lock(&mu_);
    tokens = tokens_;
  }
  if (tokens == nullptr) {
    absl::string_view actor = Metadata(context, "mdm-actor");
    if (actor.empty()) return std::string("anonymous");
    return std::string(actor.substr(0, kMaxActorBytes));
  }
  absl::string_view token = Metadata(context, "authorization");
  if (!absl::ConsumePrefix(&token, kBearer) || token.empty()) {
    return absl::UnauthenticatedError(
        "this server needs a bearer token (authorization: Bearer TOKEN; "
        "mdmctl --token-file)");
  }
  const TokenEntry* entry = tokens->Find(token);
  if (entry == nullptr) return absl::UnauthenticatedError("unknown token");
  if (entry->expires.has_value() && clock_->Now() >= *entry->expires) {
    return absl::UnauthenticatedError(
        absl::StrCat("token '", entry->name, "' expired at ",
                     absl::FormatTime(absl::RFC3339_sec, *entry->expires,
                                      absl::UTCTimeZone())));
  }
  if (!entry->Has(role)) {
    return absl::PermissionDeniedError(absl::StrCat(
        "token '", entry->name, "' lacks the ", RoleName(role), " role"));
  }
  return entry->name;
}

}  // namespace mdm::server
