// The one mapping from absl::Status to grpc::Status.
//
//   return ToGrpcStatus(engine->Upsert(record).status());
//
// Codes carry over one to one (both follow google.rpc.Code); the message is
// kept, prefixed with the cause of a store-wide failure ("database disk is
// full: ...", storage/store_failure.h), and the field attached with
// WithErrorField (if any) is appended as " [field: attributes.email]".
#ifndef MDM_SRC_SERVER_GRPC_STATUS_H_
#define MDM_SRC_SERVER_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace mdm::server {

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace mdm::server

#endif  // MDM_SRC_SERVER_GRPC_STATUS_H_
