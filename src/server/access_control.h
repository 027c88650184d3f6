// Who may call what: every handler asks before it acts.
//
//   AccessControl access(tokens, Clock::Real());   // tokens: null = open
//   absl::StatusOr<std::string> actor =
//       access.Authorize(*context, Role::kSteward);
//   if (!actor.ok()) return ToGrpcStatus(actor.status());
//   engine->Merge(..., *actor, ...);             // the audit log's actor
//
// With a token table, a call must carry "authorization: Bearer TOKEN"
// metadata naming a known, unexpired token that holds the role; the actor is
// the token's name. Without one (a server on loopback only, or started with
// --insecure) every call is allowed and the actor is the caller's own
// "mdm-actor" metadata, or "anonymous".
//
// Thread-safe: Authorize may run on any number of threads while
// ReplaceTokens swaps the table.
#ifndef MDM_SRC_SERVER_ACCESS_CONTROL_H_
#define MDM_SRC_SERVER_ACCESS_CONTROL_H_

#include <grpcpp/server_context.h>

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "src/base/clock.h"
#include "src/server/token_table.h"

namespace mdm::server {

class AccessControl {
 public:
  // `clock` decides expiry; it must outlive this object.
  AccessControl(std::shared_ptr<const TokenTable> tokens, Clock* clock);

  // The caller's name when it may act in `role`. UNAUTHENTICATED: no token,
  // or an unknown or expired one. PERMISSION_DENIED: the token lacks the
  // role. Refusals are logged with the caller's address, at most one a
  // second (the rest are counted in the next line logged).
  absl::StatusOr<std::string> Authorize(const grpc::ServerContext& context,
                                        Role role) const;

  // True when calls need a token.
  bool enabled() const;

  // Takes effect for calls authorized after it returns.
  void ReplaceTokens(std::shared_ptr<const TokenTable> tokens);

 private:
  absl::StatusOr<std::string> Check(const grpc::ServerContext& context,
                                    Role role) const;
  void LogRefusal(const grpc::ServerContext& context,
                  const absl::Status& refusal) const;

  Clock* const clock_;
  mutable absl::Mutex mu_;
  std::shared_ptr<const TokenTable> tokens_ ABSL_GUARDED_BY(mu_);
  mutable absl::Mutex log_mu_;
  mutable absl::Time next_log_ ABSL_GUARDED_BY(log_mu_) = absl::InfinitePast();
  mutable int64_t unlogged_refusals_ ABSL_GUARDED_BY(log_mu_) = 0;
};

}  // namespace mdm::server

#endif  // MDM_SRC_SERVER_ACCESS_CONTROL_H_
