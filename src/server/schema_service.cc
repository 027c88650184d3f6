#include "src/server/schema_service.h"

#include "absl/strings/str_cat.h"
#include "src/server/grpc_status.h"

namespace mdm::server {

grpc::Status SchemaService::ListEntityTypes(
    grpc::ServerContext* context, const v1::ListEntityTypesRequest*,
    v1::ListEntityTypesResponse* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kReader);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  *response->mutable_entity_types() = engine_->config().entity_types();
  return grpc::Status::OK;
}

grpc::Status SchemaService::GetEntityType(
    grpc::ServerContext* context, const v1::GetEntityTypeRequest* request,
    v1::EntityTypeConfig* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kReader);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  const std::shared_ptr<const matching::EntityModel> model =
      engine_->Model(request->name());
  if (model == nullptr) {
    return grpc::Status(
        grpc::StatusCode::NOT_FOUND,
        absl::StrCat("entity type '", request->name(), "' not found"));
  }
  *response = model->config();
  return grpc::Status::OK;
}

}  // namespace mdm::server
