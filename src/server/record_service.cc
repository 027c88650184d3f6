#include "src/server/record_service.h"

#include <atomic>
#include <deque>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "src/base/error_field.h"
#include "src/base/log.h"
#include "src/server/grpc_status.h"
#include "src/server/proto_conversion.h"
#include "storage/store_failure.h"

namespace mdm::server {
namespace {

void ToRecordError(const absl::Status& status, v1::RecordError* out) {
  out->set_code(absl::StatusCodeToString(status.code()));
  out->set_message(std::string(status.message()));
  out->set_field(ErrorField(status));
}

// The end of a stream cut short at record `index` by a failure of the
// database as a whole (storage/store_failure.h).
grpc::Status StoppedByStore(const absl::Status& status, int64_t index) {
  return grpc::Status(
      static_cast<grpc::StatusCode>(status.code()),
      absl::StrCat(storage::StoreFailureCause(status), ": records from index ",
                   index, " on were not applied (", status.message(), ")"));
}

// The end of a stream cut short by shutdown at record `index`.
grpc::Status ShuttingDown(int64_t index) {
  return grpc::Status(
      grpc::StatusCode::UNAVAILABLE,
      absl::StrCat("mdmd is shutting down; records from index ", index,
                   " on were not applied, send them again"));
}

// A streamed record, prepared by the reader thread (validated and
// standardized) while the applying thread writes earlier ones.
struct PendingRecord {
  engine::RecordInput input;
  engine::Engine::PreparedRecord prepared;
};

// Records read from a stream by a reader thread, handed to the applying
// thread in order. Bounded, so a fast client cannot buffer without limit.
class RequestQueue {
 public:
  explicit RequestQueue(size_t capacity) : capacity_(capacity) {}

  // Blocks while full. Returns false once the queue is closed.
  bool Push(PendingRecord request) {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(
        +[](RequestQueue* q) ABSL_EXCLUSIVE_LOCKS_REQUIRED(q->mu_) {
          return q->closed_ || q->items_.size() < q->capacity_;
        },
        this));
    if (closed_) return false;
    items_.push_back(std::move(request));
    return true;
  }

  // Records waiting to be taken.
  size_t size() {
    absl::MutexLock lock(&mu_);
    return items_.size();
  }

  // Marks the end of input (reader) or abandons the stream (applier).
  void Close() {
    absl::MutexLock lock(&mu_);
    closed_ = true;
  }

  // Waits for at least one request, or for the end; then takes up to `max`.
  // An empty result means the input has ended.
  std::vector<PendingRecord> TakeUpTo(size_t max) {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(
        +[](RequestQueue* q) ABSL_EXCLUSIVE_LOCKS_REQUIRED(q->mu_) {
          return q->closed_ || !q->items_.empty();
        },
        this));
    std::vector<PendingRecord> taken;
    while (!items_.empty() && taken.size() < max) {
      taken.push_back(std::move(items_.front()));
      items_.pop_front();
    }
    return taken;
  }

 private:
  const size_t capacity_;
  absl::Mutex mu_;
  std::deque<PendingRecord> items_ ABSL_GUARDED_BY(mu_);
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace

grpc::Status RecordService::UpsertRecord(grpc::ServerContext* context,
                                         const v1::UpsertRecordRequest* request,
                                         v1::UpsertRecordResponse* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kWriter);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  absl::StatusOr<Admission::Ticket> admitted = admission_->AdmitWrite();
  if (!admitted.ok()) return ToGrpcStatus(admitted.status());
  engine::RecordInput input = FromProto(request->record());
  input.partial = request->partial();
  absl::StatusOr<engine::UpsertResult> result = engine_->Upsert(input);
  if (!result.ok()) {
    // A busy writer is the caller's to retry, not the operator's to fix.
    if (storage::IsStoreFailure(result.status()) &&
        !absl::IsUnavailable(result.status())) {
      LogError(absl::StrCat("upsert from ", context->peer(), " failed: ",
                            storage::StoreFailureCause(result.status()), ": ",
                            result.status().message()));
    }
    return ToGrpcStatus(result.status());
  }
  ToProto(*result, response);
  return grpc::Status::OK;
}

grpc::Status RecordService::UpsertRecords(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<v1::UpsertRecordsResponse,
                             v1::UpsertRecordsRequest>* stream) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kWriter);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  absl::StatusOr<Admission::Ticket> admitted = admission_->AdmitStream();
  if (!admitted.ok()) return ToGrpcStatus(admitted.status());
  RequestQueue queue(options_.stream_read_ahead);
  std::atomic<bool> stopped_for_drain{false};
  absl::Notification reader_done;
  std::thread reader([&] {
    v1::UpsertRecordsRequest request;
    // Prepares one record and queues it; false once the queue is closed.
    auto push = [&](const v1::SourceRecord& record) {
      PendingRecord pending;
      pending.input = FromProto(record);
      pending.input.partial = request.partial();
      pending.prepared = engine_->Prepare(pending.input);
      // A full batch waiting means the writer is the bottleneck: take its
      // scoring onto this thread. Otherwise the writer scores, and this
      // thread keeps up with the stream.
      if (queue.size() >= static_cast<size_t>(options_.stream_batch_size)) {
        engine_->ScoreAhead(pending.prepared);
      }
      return queue.Push(std::move(pending));
    };
    bool open = true;
    while (open && stream->Read(&request)) {
      if (admission_->draining()) {
        stopped_for_drain = true;
        break;
      }
      if (request.has_record() || request.records().empty()) {
        open = push(request.record());
      }
      for (int i = 0; open && i < request.records_size(); ++i) {
        open = push(request.records(i));
      }
      request = v1::UpsertRecordsRequest();
    }
    queue.Close();
    reader_done.Notify();
  });
  int64_t index = 0;
  grpc::Status outcome = grpc::Status::OK;
  while (true) {
    if (admission_->draining()) {
      // Records read but not applied were never acknowledged; the client
      // sends them again to the restarted server.
      outcome = ShuttingDown(index);
      queue.Close();
      break;
    }
    std::vector<PendingRecord> batch =
        queue.TakeUpTo(options_.stream_batch_size);
    if (batch.empty()) break;
    std::vector<engine::RecordInput> inputs;
    std::vector<engine::Engine::PreparedRecord> prepared;
    inputs.reserve(batch.size());
    prepared.reserve(batch.size());
    for (PendingRecord& pending : batch) {
      inputs.push_back(std::move(pending.input));
      prepared.push_back(std::move(pending.prepared));
    }
    std::vector<absl::StatusOr<engine::UpsertResult>> results =
        engine_->UpsertBatch(inputs, std::move(prepared));
    bool written = true;
    bool store_failed = false;
    for (absl::StatusOr<engine::UpsertResult>& result : results) {
      if (!result.ok() && storage::IsStoreFailure(result.status())) {
        // Reported once, as the end of the stream, not once per record.
        LogError(absl::StrCat("upsert stream from ", context->peer(),
                              " stopped at record index ", index, ": ",
                              storage::StoreFailureCause(result.status()), ": ",
                              result.status().message()));
        outcome = StoppedByStore(result.status(), index);
        store_failed = true;
        break;
      }
      v1::UpsertRecordsResponse response;
      response.set_index(index++);
      if (result.ok()) {
        ToProto(*result, response.mutable_accepted());
      } else {
        ToRecordError(result.status(), response.mutable_rejected());
      }
      if (!stream->Write(response)) {
        written = false;
        break;
      }
    }
    if (store_failed) {
      queue.Close();
      break;
    }
    if (!written) {
      outcome = grpc::Status(grpc::StatusCode::CANCELLED,
                             "client stopped reading responses");
      context->TryCancel();
      queue.Close();
      break;
    }
  }
  // The reader ends at the client's next message or its end of input; a
  // client that sends neither is cancelled rather than waited for.
  if (!outcome.ok() &&
      !reader_done.WaitForNotificationWithTimeout(absl::Seconds(10))) {
    context->TryCancel();
  }
  reader.join();
  if (stopped_for_drain && outcome.ok()) {
    outcome = ShuttingDown(index);
  }
  return outcome;
}

grpc::Status RecordService::DeleteRecord(grpc::ServerContext* context,
                                         const v1::DeleteRecordRequest* request,
                                         v1::DeleteRecordResponse* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kWriter);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  absl::StatusOr<Admission::Ticket> admitted = admission_->AdmitWrite();
  if (!admitted.ok()) return ToGrpcStatus(admitted.status());
  absl::StatusOr<engine::DeleteResult> result =
      engine_->Delete(request->entity_type(), FromProto(request->key()));
  if (!result.ok()) return ToGrpcStatus(result.status());
  response->set_golden_id(result->golden_id);
  response->set_golden_retired(result->golden_retired);
  return grpc::Status::OK;
}

grpc::Status RecordService::Resolve(grpc::ServerContext* context,
                                    const v1::ResolveRequest* request,
                                    v1::ResolveResponse* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kReader);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  absl::StatusOr<engine::ResolvedId> resolved;
  std::optional<absl::Time> as_of;
  if (request->has_as_of()) {
    absl::StatusOr<absl::Time> time = FromProto(request->as_of(), "as_of");
    if (!time.ok()) return ToGrpcStatus(time.status());
    as_of = *time;
  }
  switch (request->subject_case()) {
    case v1::ResolveRequest::kKey:
      resolved = as_of.has_value()
                     ? engine_->ResolveAt(FromProto(request->key()),
                                          request->entity_type(), *as_of)
                     : engine_->Resolve(FromProto(request->key()),
                                        request->entity_type());
      break;
    case v1::ResolveRequest::kGoldenId:
      if (as_of.has_value()) {
        absl::StatusOr<engine::GoldenView> view = engine_->GetGoldenAt(
            request->golden_id(), /*follow_redirects=*/true, *as_of);
        if (!view.ok()) return ToGrpcStatus(view.status());
        resolved = engine::ResolvedId{
            .golden_id = view->golden_id,
            .entity_type = view->entity_type,
            .redirected = view->redirected,
            .retired = view->state == storage::GoldenState::kRetired};
      } else {
        resolved = engine_->ResolveGoldenId(request->golden_id());
      }
      break;
    case v1::ResolveRequest::SUBJECT_NOT_SET:
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          "give either key or golden_id");
  }
  if (!resolved.ok()) return ToGrpcStatus(resolved.status());
  response->set_golden_id(resolved->golden_id);
  response->set_entity_type(resolved->entity_type);
  response->set_redirected(resolved->redirected);
  response->set_retired(resolved->retired);
  return grpc::Status::OK;
}

grpc::Status RecordService::BatchResolve(grpc::ServerContext* context,
                                         const v1::BatchResolveRequest* request,
                                         v1::BatchResolveResponse* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kReader);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  if (request->keys_size() > options_.max_batch_resolve_keys) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        absl::StrCat("BatchResolve takes at most ",
                                     options_.max_batch_resolve_keys,
                                     " keys, got ", request->keys_size()));
  }
  std::vector<engine::SourceKey> keys;
  keys.reserve(request->keys_size());
  for (const v1::SourceKey& key : request->keys())
    keys.push_back(FromProto(key));
  absl::StatusOr<std::vector<absl::StatusOr<engine::ResolvedId>>> results =
      engine_->ResolveMany(keys, request->entity_type());
  if (!results.ok()) return ToGrpcStatus(results.status());
  for (size_t i = 0; i < keys.size(); ++i) {
    v1::BatchResolveResult* out = response->add_results();
    *out->mutable_key() = request->keys(static_cast<int>(i));
    const absl::StatusOr<engine::ResolvedId>& result = (*results)[i];
    if (result.ok()) {
      out->set_golden_id(result->golden_id);
      out->set_entity_type(result->entity_type);
    } else {
      ToRecordError(result.status(), out->mutable_error());
    }
  }
  return grpc::Status::OK;
}

grpc::Status RecordService::GetGoldenRecord(
    grpc::ServerContext* context, const v1::GetGoldenRecordRequest* request,
    v1::GetGoldenRecordResponse* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kReader);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  absl::StatusOr<engine::GoldenView> golden;
  if (request->has_as_of()) {
    absl::StatusOr<absl::Time> as_of = FromProto(request->as_of(), "as_of");
    if (!as_of.ok()) return ToGrpcStatus(as_of.status());
    golden = engine_->GetGoldenAt(request->golden_id(),
                                  request->follow_redirects(), *as_of);
  } else {
    golden =
        engine_->GetGolden(request->golden_id(), request->follow_redirects());
  }
  if (!golden.ok()) return ToGrpcStatus(golden.status());
  ToProto(*golden, response->mutable_record());
  response->set_redirected(golden->redirected);
  return grpc::Status::OK;
}

grpc::Status RecordService::GetGoldenHistory(
    grpc::ServerContext* context, const v1::GetGoldenHistoryRequest* request,
    v1::GetGoldenHistoryResponse* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kReader);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  constexpr int kDefaultPage = 100, kMaxPage = 1000;
  if (request->page_size() < 0 || request->page_size() > kMaxPage) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        absl::StrCat("page_size must be in 1..", kMaxPage,
                                     ", got ", request->page_size()));
  }
  if (request->after_version() < 0) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "after_version must not be negative");
  }
  absl::StatusOr<engine::GoldenHistory> history = engine_->History(
      request->golden_id(), request->after_version(),
      request->page_size() == 0 ? kDefaultPage : request->page_size());
  if (!history.ok()) return ToGrpcStatus(history.status());
  ToProto(*history, response);
  return grpc::Status::OK;
}

grpc::Status RecordService::ExportXrefs(
    grpc::ServerContext* context, const v1::ExportXrefsRequest* request,
    grpc::ServerWriter<v1::ExportXrefsResponse>* writer) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kReader);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  absl::StatusOr<Admission::Ticket> admitted = admission_->AdmitStream();
  if (!admitted.ok()) return ToGrpcStatus(admitted.status());
  bool client_gone = false;
  absl::Status status = engine_->ForEachXref(
      request->entity_type(), 1000, [&](std::vector<engine::XrefView> page) {
        if (context->IsCancelled()) {
          client_gone = true;
          return false;
        }
        v1::ExportXrefsResponse response;
        for (const engine::XrefView& xref : page) {
          v1::XrefRow* row = response.add_rows();
          row->set_entity_type(xref.entity_type);
          ToProto(xref.key, row->mutable_key());
          row->set_golden_id(xref.golden_id);
        }
        client_gone = !writer->Write(response);
        return !client_gone;
      });
  if (client_gone) {
    return grpc::Status(grpc::StatusCode::CANCELLED, "export cancelled");
  }
  return ToGrpcStatus(status);
}

grpc::Status RecordService::CheckSource(grpc::ServerContext* context,
                                        const v1::CheckSourceRequest* request,
                                        v1::CheckSourceResponse* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kWriter);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  absl::StatusOr<engine::SourceVerdict> verdict =
      engine_->CheckSource(request->source(), request->new_source());
  if (!verdict.ok()) return ToGrpcStatus(verdict.status());
  response->set_configured(verdict->configured);
  response->set_held(verdict->held);
  if (!verdict->warning.empty()) response->add_warnings(verdict->warning);
  return grpc::Status::OK;
}

}  // namespace mdm::server
