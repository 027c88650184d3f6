#include "src/server/admin_service.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "src/base/sha256.h"
#include "src/server/grpc_status.h"

namespace mdm::server {
namespace {

constexpr size_t kChunkBytes = 1 << 20;
constexpr int kDefaultViolations = 100;
constexpr int kMaxViolations = 10000;

// A staged backup file, removed when this goes out of scope.
class StagedFile {
 public:
  explicit StagedFile(const std::string& dir) {
    static std::atomic<int> counter{0};
    path_ = (std::filesystem::path(dir) /
             absl::StrCat(".mdm-backup-", getpid(), "-", counter.fetch_add(1),
                          ".db"))
                .string();
  }
  ~StagedFile() {
    std::error_code error;
    std::filesystem::remove(path_, error);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

grpc::Status AdminService::Backup(grpc::ServerContext* context,
                                  const v1::BackupRequest*,
                                  grpc::ServerWriter<v1::BackupChunk>* writer) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kAdmin);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  absl::StatusOr<Admission::Ticket> admitted = admission_->AdmitStream();
  if (!admitted.ok()) return ToGrpcStatus(admitted.status());
  StagedFile staged(options_.scratch_dir);
  if (absl::Status status = engine_->Backup(staged.path()); !status.ok()) {
    return ToGrpcStatus(status);
  }
  std::ifstream in(staged.path(), std::ios::binary);
  if (!in) {
    return grpc::Status(
        grpc::StatusCode::INTERNAL,
        absl::StrCat("cannot read staged backup ", staged.path()));
  }
  Sha256 hash;
  int64_t total = 0;
  std::string buffer(kChunkBytes, '\0');
  while (true) {
    in.read(buffer.data(), buffer.size());
    const std::streamsize read = in.gcount();
    if (read <= 0) break;
    v1::BackupChunk chunk;
    chunk.set_data(buffer.data(), read);
    hash.Update(chunk.data());
    total += read;
    if (!writer->Write(chunk)) {
      return grpc::Status(grpc::StatusCode::CANCELLED,
                          "backup client went away");
    }
  }
  if (in.bad()) {
    return grpc::Status(
        grpc::StatusCode::INTERNAL,
        absl::StrCat("error reading staged backup ", staged.path()));
  }
  v1::BackupChunk last;
  last.set_total_bytes(total);
  last.set_sha256(hash.HexDigest());
  if (!writer->Write(last)) {
    return grpc::Status(grpc::StatusCode::CANCELLED, "backup client went away");
  }
  return grpc::Status::OK;
}

grpc::Status AdminService::Verify(grpc::ServerContext* context,
                                  const v1::VerifyRequest* request,
                                  v1::VerifyResponse* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kAdmin);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  if (request->max_violations() < 0 ||
      request->max_violations() > kMaxViolations) {
    return grpc::Status(
        grpc::StatusCode::INVALID_ARGUMENT,
        absl::StrCat("max_violations must be in 0..", kMaxViolations));
  }
  engine::CheckOptions options;
  options.max_violations = request->max_violations() == 0
                               ? kDefaultViolations
                               : request->max_violations();
  absl::StatusOr<engine::InvariantReport> report =
      engine_->CheckStoreInvariants(options);
  if (!report.ok()) return ToGrpcStatus(report.status());
  response->set_ok(report->ok());
  response->set_records(report->records);
  response->set_golden_records(report->goldens);
  response->set_live_golden_records(report->live_goldens);
  response->set_changes(report->changes);
  response->set_judgements(report->judgements);
  response->set_violation_count(report->violation_count);
  for (const engine::InvariantViolation& violation : report->violations) {
    v1::InvariantViolation* out = response->add_violations();
    out->set_invariant(violation.invariant);
    out->set_subject(violation.subject);
    out->set_detail(violation.detail);
  }
  return grpc::Status::OK;
}

}  // namespace mdm::server
