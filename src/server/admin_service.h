// gRPC handlers of mdm.v1.AdminService: online backup and invariant checks.
//
// Thread safety: handlers run concurrently on gRPC's threads. The Engine,
// AccessControl and Admission must outlive the service.
#ifndef MDM_SRC_SERVER_ADMIN_SERVICE_H_
#define MDM_SRC_SERVER_ADMIN_SERVICE_H_

#include <string>

#include "mdm/v1/admin.grpc.pb.h"
#include "src/engine/engine.h"
#include "src/server/access_control.h"
#include "src/server/admission.h"

namespace mdm::server {

struct AdminServiceOptions {
  // Where a backup is staged before it is streamed; it needs room for a
  // whole copy of the database. The database's own directory by default.
  std::string scratch_dir = ".";
};

class AdminService final : public v1::AdminService::Service {
 public:
  AdminService(engine::Engine* engine, const AccessControl* access,
               Admission* admission, AdminServiceOptions options)
      : engine_(engine),
        access_(access),
        admission_(admission),
        options_(std::move(options)) {}

  grpc::Status Backup(grpc::ServerContext* context,
                      const v1::BackupRequest* request,
                      grpc::ServerWriter<v1::BackupChunk>* writer) override;
  grpc::Status Verify(grpc::ServerContext* context,
                      const v1::VerifyRequest* request,
                      v1::VerifyResponse* response) override;

 private:
  engine::Engine* const engine_;
  const AccessControl* const access_;
  Admission* const admission_;
  const AdminServiceOptions options_;
};

}  // namespace mdm::server

#endif  // MDM_SRC_SERVER_ADMIN_SERVICE_H_
