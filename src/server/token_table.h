// The bearer tokens a server accepts, read from a tokens file.
//
// A tokens file has one token per line; '#' starts a comment:
//
//   # NAME        DIGEST          ROLES            [expires=RFC 3339 time]
//   crm-sync      sha256:5e88...  reader,writer
//   ann           sha256:9f86...  steward,reader   expires=2027-06-30T00:00:00Z
//
// DIGEST is the SHA-256 of the token in hex (`mdmctl admin new-token` makes a
// token and its line); the file never holds a token itself. ROLES are one or
// more of reader, writer, steward, admin. Names and digests are unique.
//
//   MDM_ASSIGN_OR_RETURN(TokenTable tokens, LoadTokenFile("/etc/mdm/tokens"));
//   const TokenEntry* entry = tokens.Find(presented_token);  // null: unknown
//
// A TokenTable is immutable once built; safe to share between threads. This
// file is its own library (mdm::tokens), which mdmctl links to write lines
// that mdmd accepts.
#ifndef MDM_SRC_SERVER_TOKEN_TABLE_H_
#define MDM_SRC_SERVER_TOKEN_TABLE_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace mdm::server {

// What a caller may do. A token holds any combination.
enum class Role : uint8_t {
  kReader = 1,   // resolve, get, history, search, export, the change feed
  kWriter = 2,   // upsert, delete, import
  kSteward = 4,  // review candidates, decide, merge, split, move, audit
  kAdmin = 8,    // models, backup, verify
};

// "reader", "writer", "steward", "admin".
absl::string_view RoleName(Role role);

struct TokenEntry {
  std::string name;  // the actor recorded in the audit log
  uint8_t roles = 0;
  std::optional<absl::Time> expires;

  bool Has(Role role) const { return (roles & static_cast<uint8_t>(role)); }
};

// The roles named by a comma-separated list ("steward,reader").
// InvalidArgument naming the first unknown (or empty) one.
absl::StatusOr<uint8_t> ParseRoles(absl::string_view roles);

// InvalidArgument unless `name` is 1..128 characters of [A-Za-z0-9._@-].
absl::Status CheckTokenName(absl::string_view name);

class TokenTable {
 public:
  // Parses a tokens file's text; `origin` names it in errors
  // ("tokens file /etc/mdm/tokens:3: unknown role 'wrtier'").
  static absl::StatusOr<TokenTable> Parse(absl::string_view text,
                                          absl::string_view origin);

  // The entry whose digest is the token's, or null.
  const TokenEntry* Find(absl::string_view token) const;

  size_t size() const { return by_digest_.size(); }

 private:
  absl::flat_hash_map<std::string, TokenEntry> by_digest_;  // hex digest
};

// Reads and parses a tokens file. NotFound when it cannot be read.
absl::StatusOr<TokenTable> LoadTokenFile(const std::string& path);

}  // namespace mdm::server

#endif  // MDM_SRC_SERVER_TOKEN_TABLE_H_
