// gRPC handlers of mdm.v1.MatchService: explanations and model training.
// The Engine, AccessControl and Admission must outlive the service.
// Thread-safe.
#ifndef MDM_SRC_SERVER_MATCH_SERVICE_H_
#define MDM_SRC_SERVER_MATCH_SERVICE_H_

#include "mdm/v1/matching.grpc.pb.h"
#include "src/engine/engine.h"
#include "src/server/access_control.h"
#include "src/server/admission.h"

namespace mdm::server {

class MatchService final : public v1::MatchService::Service {
 public:
  MatchService(engine::Engine* engine, const AccessControl* access,
               Admission* admission)
      : engine_(engine), access_(access), admission_(admission) {}

  grpc::Status Explain(grpc::ServerContext* context,
                       const v1::ExplainRequest* request,
                       v1::ExplainResponse* response) override;
  grpc::Status Rematch(grpc::ServerContext* context,
                       const v1::RematchRequest* request,
                       v1::RematchResponse* response) override;
  grpc::Status TrainModel(grpc::ServerContext* context,
                          const v1::TrainModelRequest* request,
                          v1::TrainModelResponse* response) override;
  grpc::Status GetModel(grpc::ServerContext* context,
                        const v1::GetModelRequest* request,
                        v1::GetModelResponse* response) override;
  grpc::Status Search(grpc::ServerContext* context,
                      const v1::SearchRequest* request,
                      v1::SearchResponse* response) override;

 private:
  engine::Engine* const engine_;
  const AccessControl* const access_;
  Admission* const admission_;
};

}  // namespace mdm::server

#endif  // MDM_SRC_SERVER_MATCH_SERVICE_H_
