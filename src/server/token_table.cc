#include "src/server/token_table.h"

#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "src/base/file.h"
#include "src/base/sha256.h"

namespace mdm::server {
namespace {

constexpr Role kRoles[] = {Role::kReader, Role::kWriter, Role::kSteward,
                           Role::kAdmin};
constexpr absl::string_view kDigestPrefix = "sha256:";
constexpr size_t kMaxNameBytes = 128;

bool ValidName(absl::string_view name) {
  if (name.empty() || name.size() > kMaxNameBytes) return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(c) && c != '-' && c != '_' && c != '.' &&
        c != '@') {
      return false;
    }
  }
  return true;
}

bool ValidDigest(absl::string_view hex) {
  if (hex.size() != 64) return false;
  for (char c : hex) {
    if (!absl::ascii_isdigit(c) && (c < 'a' || c > 'f')) return false;
  }
  return true;
}

}  // namespace

absl::string_view RoleName(Role role) {
  switch (role) {
    case Role::kReader:
      return "reader";
    case Role::kWriter:
      return "writer";
    case Role::kSteward:
      return "steward";
    case Role::kAdmin:
      return "admin";
  }
  return "unknown";
}

absl::StatusOr<uint8_t> ParseRoles(absl::string_view roles) {
  uint8_t parsed = 0;
  for (absl::string_view name : absl::StrSplit(roles, ',')) {
    bool known = false;
    for (Role role : kRoles) {
      if (name == RoleName(role)) {
        parsed |= static_cast<uint8_t>(role);
        known = true;
      }
    }
    if (!known) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown role '", name, "' (reader, writer, steward, admin)"));
    }
  }
  return parsed;
}

absl::Status CheckTokenName(absl::string_view name) {
  if (ValidName(name)) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      "token name '", name, "' must be 1..128 of [A-Za-z0-9._@-]"));
}

absl::StatusOr<TokenTable> TokenTable::Parse(absl::string_view text,
                                             absl::string_view origin) {
  TokenTable table;
  absl::flat_hash_set<std::string> names;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    auto error = [&](absl::string_view message) {
      return absl::InvalidArgumentError(
          absl::StrCat(origin, ":", line_number, ": ", message));
    };
    const size_t hash = line.find('#');
    if (hash != absl::string_view::npos) line = line.substr(0, hash);
    std::vector<absl::string_view> fields =
        absl::StrSplit(line, absl::ByAnyChar(" \t\r"), absl::SkipEmpty());
    if (fields.empty()) continue;
    if (fields.size() < 3 || fields.size() > 4) {
      return error("expected NAME sha256:DIGEST ROLES [expires=TIME], found " +
                   std::to_string(fields.size()) + " fields");
    }
    TokenEntry entry;
    entry.name = std::string(fields[0]);
    if (absl::Status name = CheckTokenName(entry.name); !name.ok()) {
      return error(name.message());
    }
    if (!names.insert(entry.name).second) {
      return error(absl::StrCat("token name '", entry.name, "' repeated"));
    }
    absl::string_view digest = fields[1];
    if (!absl::ConsumePrefix(&digest, kDigestPrefix) || !ValidDigest(digest)) {
      return error(absl::StrCat("token '", entry.name,
                                "': digest must be sha256: and 64 lowercase "
                                "hex digits"));
    }
    absl::StatusOr<uint8_t> roles = ParseRoles(fields[2]);
    if (!roles.ok()) {
      return error(
          absl::StrCat("token '", entry.name, "': ", roles.status().message()));
    }
    entry.roles = *roles;
    if (fields.size() == 4) {
      absl::string_view expires = fields[3];
      absl::Time time;
      std::string parse_error;
      if (!absl::ConsumePrefix(&expires, "expires=") ||
          !absl::ParseTime(absl::RFC3339_full, expires, &time, &parse_error)) {
        return error(absl::StrCat("token '", entry.name,
                                  "': expected expires=RFC 3339 time, found '",
                                  fields[3], "'"));
      }
      entry.expires = time;
    }
    if (!table.by_digest_.emplace(std::string(digest), std::move(entry))
             .second) {
      return error("digest repeated: two names for one token");
    }
  }
  return table;
}

const TokenEntry* TokenTable::Find(absl::string_view token) const {
  auto it = by_digest_.find(Sha256Hex(token));
  return it == by_digest_.end() ? nullptr : &it->second;
}

absl::StatusOr<TokenTable> LoadTokenFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadFileToString(path, "tokens file");
  if (!text.ok()) return text.status();
  return TokenTable::Parse(*text, absl::StrCat("tokens file ", path));
}

}  // namespace mdm::server
