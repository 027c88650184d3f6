// gRPC handlers of mdm.v1.SchemaService: the active configuration's entity
// types. The Engine, AccessControl and Admission must outlive the service.
#ifndef MDM_SRC_SERVER_SCHEMA_SERVICE_H_
#define MDM_SRC_SERVER_SCHEMA_SERVICE_H_

#include "mdm/v1/schema.grpc.pb.h"
#include "src/engine/engine.h"
#include "src/server/access_control.h"

namespace mdm::server {

class SchemaService final : public v1::SchemaService::Service {
 public:
  SchemaService(const engine::Engine* engine, const AccessControl* access)
      : engine_(engine), access_(access) {}

  grpc::Status ListEntityTypes(grpc::ServerContext* context,
                               const v1::ListEntityTypesRequest* request,
                               v1::ListEntityTypesResponse* response) override;
  grpc::Status GetEntityType(grpc::ServerContext* context,
                             const v1::GetEntityTypeRequest* request,
                             v1::EntityTypeConfig* response) override;

 private:
  const engine::Engine* const engine_;
  const AccessControl* const access_;
};

}  // namespace mdm::server

#endif  // MDM_SRC_SERVER_SCHEMA_SERVICE_H_
