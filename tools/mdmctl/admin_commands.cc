#include "tools/mdmctl/admin_commands.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "mdm/v1/admin.grpc.pb.h"
#include "nlohmann/json.hpp"
#include "src/base/sha256.h"
#include "src/server/token_table.h"
#include "tools/mdmctl/output.h"
#include "tools/mdmctl/rpc_util.h"
#include "tools/mdmctl/terminal_text.h"

namespace mdm::cli {
namespace {

constexpr int kTokenBytes = 32;

// A context for a call that may run for long (a backup of gigabytes, a
// check of millions of records).
std::unique_ptr<grpc::ClientContext> LongContext(const CommonOptions& common,
                                                 std::chrono::hours hours) {
  std::unique_ptr<grpc::ClientContext> context = NewContext(common);
  context->set_deadline(std::chrono::system_clock::now() + hours);
  return context;
}

bool SyncFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

int RunBackup(const std::shared_ptr<grpc::Channel>& channel,
              const CommonOptions& common, const std::string& path,
              std::ostream& out, std::ostream& err) {
  std::error_code error;
  if (std::filesystem::exists(path, error)) {
    err << "mdmctl admin backup: " << path
        << " already exists; choose a new file\n";
    return kExitUsage;
  }
  const std::string partial = path + ".partial";
  std::ofstream file(partial, std::ios::binary | std::ios::trunc);
  if (!file) {
    err << "mdmctl admin backup: cannot write " << partial << ": "
        << std::strerror(errno) << "\n";
    return kExitUsage;
  }
  auto stub = v1::AdminService::NewStub(channel);
  std::unique_ptr<grpc::ClientContext> context =
      LongContext(common, std::chrono::hours(24));
  std::unique_ptr<grpc::ClientReader<v1::BackupChunk>> reader =
      stub->Backup(context.get(), v1::BackupRequest());
  Sha256 hash;
  int64_t written = 0;
  v1::BackupChunk chunk;
  std::optional<v1::BackupChunk> last;
  while (reader->Read(&chunk)) {
    if (!chunk.sha256().empty()) last = chunk;
    file.write(chunk.data().data(), chunk.data().size());
    hash.Update(chunk.data());
    written += chunk.data().size();
  }
  grpc::Status status = reader->Finish();
  file.close();
  auto discard = [&](const std::string& why) {
    std::filesystem::remove(partial, error);
    err << "mdmctl admin backup: " << why << "; nothing written to " << path
        << "\n";
    return kExitFailure;
  };
  if (!status.ok()) {
    std::filesystem::remove(partial, error);
    return Fail(err, "admin backup", status);
  }
  if (!file) return discard(absl::StrCat("error writing ", partial));
  if (!last.has_value()) return discard("the server sent no checksum");
  const std::string digest = hash.HexDigest();
  if (last->total_bytes() != written || last->sha256() != digest) {
    return discard(absl::StrCat(
        "copy damaged in transit: ", written, " bytes with SHA-256 ", digest,
        ", server sent ", last->total_bytes(), " bytes with ", last->sha256()));
  }
  if (!SyncFile(partial) || std::rename(partial.c_str(), path.c_str()) != 0) {
    return discard(absl::StrCat("cannot sync or rename ", partial));
  }
  if (common.json) {
    out << nlohmann::json{{"file", path},
                          {"bytes", written},
                          {"sha256", digest}}
               .dump()
        << "\n";
    return 0;
  }
  out << "backup written to " << path << ": " << written << " bytes, SHA-256 "
      << digest << "\n";
  return 0;
}

int RunVerify(const std::shared_ptr<grpc::Channel>& channel,
              const CommonOptions& common, int max_violations,
              std::ostream& out, std::ostream& err) {
  auto stub = v1::AdminService::NewStub(channel);
  std::unique_ptr<grpc::ClientContext> context =
      LongContext(common, std::chrono::hours(4));
  v1::VerifyRequest request;
  request.set_max_violations(max_violations);
  v1::VerifyResponse response;
  grpc::Status status = stub->Verify(context.get(), request, &response);
  if (!status.ok()) return Fail(err, "admin verify", status);
  if (common.json) {
    PrintJson(response, out);
  } else {
    for (const v1::InvariantViolation& v : response.violations()) {
      out << v.invariant() << " " << TerminalSafe(v.subject()) << ": "
          << TerminalSafe(v.detail()) << "\n";
    }
    out << response.records() << " records, " << response.live_golden_records()
        << " live golden records (" << response.golden_records() << " in all), "
        << response.changes() << " changes, " << response.judgements()
        << " judgements: "
        << (response.ok()
                ? "every invariant holds"
                : absl::StrCat(response.violation_count(), " violations"))
        << "\n";
  }
  return response.ok() ? 0 : 1;
}

int RunNewToken(const CommonOptions& common, const std::string& name,
                const std::string& roles, const std::string& expires,
                absl::Time now, std::ostream& out, std::ostream& err) {
  auto refuse = [&](absl::string_view why) {
    err << "mdmctl admin new-token: " << TerminalSafe(why) << "\n";
    return kExitUsage;
  };
  if (absl::Status status = server::CheckTokenName(name); !status.ok()) {
    return refuse(absl::StrCat("--name: ", status.message()));
  }
  if (absl::StatusOr<uint8_t> parsed = server::ParseRoles(roles);
      !parsed.ok()) {
    return refuse(absl::StrCat("--roles: ", parsed.status().message()));
  }
  if (!expires.empty()) {
    absl::Time time;
    std::string error;
    if (!absl::ParseTime(absl::RFC3339_full, expires, &time, &error)) {
      return refuse(absl::StrCat("--expires: '", expires,
                                 "' is not an RFC 3339 time, such as "
                                 "2027-06-30T00:00:00Z"));
    }
    if (time <= now) {
      return refuse(
          absl::StrCat("--expires: ", expires,
                       " is in the past; mdmd would refuse the token at once"));
    }
  }
  unsigned char bytes[kTokenBytes];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
    err << "mdmctl admin new-token: no random bytes available\n";
    return kExitFailure;
  }
  const std::string token = absl::StrCat(
      "mdm_", absl::BytesToHexString(absl::string_view(
                  reinterpret_cast<const char*>(bytes), sizeof(bytes))));
  std::string line =
      absl::StrCat(name, " sha256:", Sha256Hex(token), " ", roles);
  if (!expires.empty()) absl::StrAppend(&line, " expires=", expires);
  // The line must be one mdmd reads; the checks above make it so.
  if (absl::StatusOr<server::TokenTable> table =
          server::TokenTable::Parse(line, "new token");
      !table.ok()) {
    return refuse(table.status().message());
  }
  if (common.json) {
    out << nlohmann::json{{"name", name},
                          {"roles", roles},
                          {"expires", expires},
                          {"token", token},
                          {"tokens_file_line", line}}
               .dump()
        << "\n";
    return 0;
  }
  out << "token (give it to the client; it is not stored anywhere):\n  "
      << token << "\n"
      << "line for the tokens file (mdmd --tokens):\n  " << line << "\n";
  return 0;
}

}  // namespace mdm::cli
