// gRPC handlers of mdm.v1.StewardService: the review queue, judgements,
// manual merge, split and move, and the audit log. The caller's identity
// comes from the "mdm-actor" request metadata ("anonymous" when absent).
// The Engine, AccessControl and Admission must outlive the service.
// Thread-safe.
#ifndef MDM_SRC_SERVER_STEWARD_SERVICE_H_
#define MDM_SRC_SERVER_STEWARD_SERVICE_H_

#include "mdm/v1/stewardship.grpc.pb.h"
#include "src/engine/engine.h"
#include "src/server/access_control.h"
#include "src/server/admission.h"

namespace mdm::server {

class StewardService final : public v1::StewardService::Service {
 public:
  StewardService(engine::Engine* engine, const AccessControl* access,
                 Admission* admission)
      : engine_(engine), access_(access), admission_(admission) {}

  grpc::Status ListCandidates(grpc::ServerContext* context,
                              const v1::ListCandidatesRequest* request,
                              v1::ListCandidatesResponse* response) override;
  grpc::Status GetCandidate(grpc::ServerContext* context,
                            const v1::GetCandidateRequest* request,
                            v1::GetCandidateResponse* response) override;
  grpc::Status Decide(grpc::ServerContext* context,
                      const v1::DecideRequest* request,
                      v1::StewardOutcome* response) override;
  grpc::Status UndoDecision(grpc::ServerContext* context,
                            const v1::UndoDecisionRequest* request,
                            v1::StewardOutcome* response) override;
  grpc::Status MergeGoldenRecords(grpc::ServerContext* context,
                                  const v1::MergeGoldenRecordsRequest* request,
                                  v1::StewardOutcome* response) override;
  grpc::Status SplitGoldenRecord(grpc::ServerContext* context,
                                 const v1::SplitGoldenRecordRequest* request,
                                 v1::StewardOutcome* response) override;
  grpc::Status MoveRecord(grpc::ServerContext* context,
                          const v1::MoveRecordRequest* request,
                          v1::StewardOutcome* response) override;
  grpc::Status ListAudit(grpc::ServerContext* context,
                         const v1::ListAuditRequest* request,
                         v1::ListAuditResponse* response) override;

 private:
  engine::Engine* const engine_;
  const AccessControl* const access_;
  Admission* const admission_;
};

}  // namespace mdm::server

#endif  // MDM_SRC_SERVER_STEWARD_SERVICE_H_
