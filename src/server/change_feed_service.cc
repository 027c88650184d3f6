#include "src/server/change_feed_service.h"

#include "absl/strings/str_cat.h"
#include "src/server/grpc_status.h"
#include "src/server/proto_conversion.h"

namespace mdm::server {
namespace {

grpc::Status CheckEntityType(const engine::Engine& engine,
                             const std::string& entity_type) {
  if (entity_type.empty() || engine.Model(entity_type) != nullptr) {
    return grpc::Status::OK;
  }
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                      absl::StrCat("unknown entity type '", entity_type, "'"));
}

}  // namespace

grpc::Status ChangeFeedService::ListChanges(
    grpc::ServerContext* context, const v1::ListChangesRequest* request,
    v1::ListChangesResponse* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kReader);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  if (request->after_sequence() < 0) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "after_sequence must not be negative");
  }
  if (request->page_size() < 0 ||
      request->page_size() > options_.max_page_size) {
    return grpc::Status(
        grpc::StatusCode::INVALID_ARGUMENT,
        absl::StrCat("page_size must be in 1..", options_.max_page_size));
  }
  grpc::Status type_status = CheckEntityType(*engine_, request->entity_type());
  if (!type_status.ok()) return type_status;
  const int page_size = request->page_size() == 0 ? options_.default_page_size
                                                  : request->page_size();
  absl::StatusOr<engine::ChangePage> page = engine_->ListChanges(
      request->after_sequence(), page_size, request->entity_type());
  if (!page.ok()) return ToGrpcStatus(page.status());
  for (const engine::ChangeView& change : page->events) {
    ToProto(change, response->add_events());
  }
  const bool full = static_cast<int>(page->events.size()) == page_size;
  response->set_next_after_sequence(
      full ? page->events.back().row.sequence
           : std::max(request->after_sequence(), page->head_sequence));
  response->set_head_sequence(page->head_sequence);
  return grpc::Status::OK;
}

grpc::Status ChangeFeedService::WatchChanges(
    grpc::ServerContext* context, const v1::WatchChangesRequest* request,
    grpc::ServerWriter<v1::ChangeEvent>* writer) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kReader);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  absl::StatusOr<Admission::Ticket> admitted = admission_->AdmitStream();
  if (!admitted.ok()) return ToGrpcStatus(admitted.status());
  if (request->after_sequence() < 0) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "after_sequence must not be negative");
  }
  grpc::Status type_status = CheckEntityType(*engine_, request->entity_type());
  if (!type_status.ok()) return type_status;
  int64_t after = request->after_sequence();
  while (!context->IsCancelled()) {
    if (admission_->draining()) {
      return grpc::Status(
          grpc::StatusCode::UNAVAILABLE,
          absl::StrCat("mdmd is shutting down; resume after sequence ", after));
    }
    absl::StatusOr<engine::ChangePage> page = engine_->ListChanges(
        after, options_.default_page_size, request->entity_type());
    if (!page.ok()) return ToGrpcStatus(page.status());
    for (const engine::ChangeView& change : page->events) {
      v1::ChangeEvent event;
      ToProto(change, &event);
      if (!writer->Write(event)) {
        return grpc::Status(grpc::StatusCode::CANCELLED, "watcher went away");
      }
    }
    if (static_cast<int>(page->events.size()) == options_.default_page_size) {
      after = page->events.back().row.sequence;
      continue;
    }
    after = std::max(after, page->head_sequence);
    engine_->WaitForChanges(after, absl::Now() + options_.idle_poll);
  }
  return grpc::Status(grpc::StatusCode::CANCELLED, "watch cancelled");
}

}  // namespace mdm::server
