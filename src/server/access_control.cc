#include "src/server/access_control.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace mdm::server {
namespace {

constexpr size_t kMaxActorBytes = 256;
constexpr absl::string_view kBearer = "Bearer ";

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
