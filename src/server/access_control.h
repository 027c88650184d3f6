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
#include "src/base/clock.h"
#include "src/server/token_table.h"

namespace mdm::server {

class AccessControl {
 public:
  // `clock` decides expiry; it must outlive this object.
  AccessControl(std::shared_ptr<const TokenTable> tokens, Clock* clock);

  // The caller's name when it may act in `role`. UNAUTHENTICATED: no token,
  // or an unknown or expired one. PERMISSION_DENIED: the token lacks the
  // role.
  absl::StatusOr<std::string> Authorize(const grpc::ServerContext& context,
                                        Role role) const;

  // True when calls need a token.
  bool enabled() const;

  // Takes effect for calls authorized after it returns.
  void ReplaceTokens(std::shared_ptr<const TokenTable> tokens);

 private:
  Clock* const clock_;
  mutable absl::Mutex mu_;
  std::shared_ptr<const TokenTable> tokens_ ABSL_GUARDED_BY(mu_);
};

}  // namespace mdm::server

#endif  // MDM_SRC_SERVER_ACCESS_CONTROL_H_
