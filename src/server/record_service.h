// gRPC handlers of mdm.v1.RecordService: validate, convert, call the engine,
// map the status. No matching or storage logic lives here.
//
// Thread safety: handlers run concurrently on gRPC's threads; the engine they
// call is thread-safe. The Engine, AccessControl and Admission must outlive
// the service.
#ifndef MDM_SRC_SERVER_RECORD_SERVICE_H_
#define MDM_SRC_SERVER_RECORD_SERVICE_H_

#include "mdm/v1/records.grpc.pb.h"
#include "src/engine/engine.h"
#include "src/server/access_control.h"
#include "src/server/admission.h"

namespace mdm::server {

struct RecordServiceOptions {
  // Records applied per transaction by the streaming upsert.
  int stream_batch_size = 500;
  // Records read ahead of the one being applied, per stream.
  int stream_read_ahead = 2000;
  // Most keys in one BatchResolve.
  int max_batch_resolve_keys = 10000;
};

class RecordService final : public v1::RecordService::Service {
 public:
  RecordService(engine::Engine* engine, const AccessControl* access,
                Admission* admission, RecordServiceOptions options = {})
      : engine_(engine),
        access_(access),
        admission_(admission),
        options_(options) {}

  grpc::Status UpsertRecord(grpc::ServerContext* context,
                            const v1::UpsertRecordRequest* request,
                            v1::UpsertRecordResponse* response) override;
  grpc::Status UpsertRecords(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::UpsertRecordsResponse,
                               v1::UpsertRecordsRequest>* stream) override;
  grpc::Status CheckSource(grpc::ServerContext* context,
                           const v1::CheckSourceRequest* request,
                           v1::CheckSourceResponse* response) override;
  grpc::Status DeleteRecord(grpc::ServerContext* context,
                            const v1::DeleteRecordRequest* request,
                            v1::DeleteRecordResponse* response) override;
  grpc::Status Resolve(grpc::ServerContext* context,
                       const v1::ResolveRequest* request,
                       v1::ResolveResponse* response) override;
  grpc::Status BatchResolve(grpc::ServerContext* context,
                            const v1::BatchResolveRequest* request,
                            v1::BatchResolveResponse* response) override;
  grpc::Status GetGoldenRecord(grpc::ServerContext* context,
                               const v1::GetGoldenRecordRequest* request,
                               v1::GetGoldenRecordResponse* response) override;
  grpc::Status GetGoldenHistory(
      grpc::ServerContext* context, const v1::GetGoldenHistoryRequest* request,
      v1::GetGoldenHistoryResponse* response) override;
  grpc::Status ExportXrefs(
      grpc::ServerContext* context, const v1::ExportXrefsRequest* request,
      grpc::ServerWriter<v1::ExportXrefsResponse>* writer) override;

 private:
  engine::Engine* const engine_;
  const AccessControl* const access_;
  Admission* const admission_;
  const RecordServiceOptions options_;
};

}  // namespace mdm::server

#endif  // MDM_SRC_SERVER_RECORD_SERVICE_H_
