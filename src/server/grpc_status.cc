#include "src/server/grpc_status.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "src/base/error_field.h"
#include "storage/store_failure.h"

namespace mdm::server {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  std::string message(status.message());
  if (const std::string cause = storage::StoreFailureCause(status);
      !cause.empty()) {
    message = absl::StrCat(cause, ": ", message);
  }
  const std::string field = ErrorField(status);
  if (!field.empty()) absl::StrAppend(&message, " [field: ", field, "]");
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), message);
}

}  // namespace mdm::server
