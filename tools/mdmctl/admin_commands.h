// The mdmctl subcommands for operators: online backup, invariant check, and
// making bearer tokens. Exit codes as in exit_codes.h; `admin verify` exits
// 1 when an invariant is broken.
//
//   mdmctl admin backup /backups/mdm-2026-11-27.db
//   mdmctl admin verify
//   mdmctl admin new-token --name=crm-sync --roles=reader,writer
#ifndef MDM_TOOLS_MDMCTL_ADMIN_COMMANDS_H_
#define MDM_TOOLS_MDMCTL_ADMIN_COMMANDS_H_

#include <grpcpp/channel.h>

#include <memory>
#include <ostream>
#include <string>

#include "absl/time/time.h"
#include "tools/mdmctl/commands.h"

namespace mdm::cli {

// admin backup FILE: a consistent copy of the server's database, taken while
// it keeps serving, written to FILE (which must not exist) only once it is
// complete and its size and SHA-256 match the server's. With --json:
// {"file", "bytes", "sha256"}.
int RunBackup(const std::shared_ptr<grpc::Channel>& channel,
              const CommonOptions& common, const std::string& path,
              std::ostream& out, std::ostream& err);

// admin verify: every invariant checked on one snapshot; 0 when all hold, 1
// when any is broken (the violations are listed).
int RunVerify(const std::shared_ptr<grpc::Channel>& channel,
              const CommonOptions& common, int max_violations,
              std::ostream& out, std::ostream& err);

// admin new-token: a new random token, and the tokens-file line that grants
// it `roles` (comma-separated) under `name`, until `expires` (RFC 3339;
// empty: no expiry). Needs no server. Refuses (exit 2), writing nothing, a
// name or role the tokens file does not allow and an expiry at or before
// `now`. With --json: {"name", "roles", "expires", "token",
// "tokens_file_line"}.
int RunNewToken(const CommonOptions& common, const std::string& name,
                const std::string& roles, const std::string& expires,
                absl::Time now, std::ostream& out, std::ostream& err);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_ADMIN_COMMANDS_H_
