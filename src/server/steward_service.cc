#include "src/server/steward_service.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "src/server/grpc_status.h"
#include "src/server/proto_conversion.h"

namespace mdm::server {
namespace {

constexpr size_t kMaxReasonBytes = 4096;

grpc::Status Invalid(const std::string& message) {
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, message);
}

grpc::Status CheckReason(const std::string& reason) {
  if (reason.size() > kMaxReasonBytes) {
    return Invalid(
        absl::StrCat("reason is longer than ", kMaxReasonBytes, " bytes"));
  }
  return grpc::Status::OK;
}

void FillSide(const storage::RecordRow& row,
              const std::vector<std::pair<std::string, std::string>>& values,
              const engine::GoldenView& golden, v1::RecordSide* out) {
  v1::Xref* record = out->mutable_record();
  ToProto(row.key, record->mutable_key());
  for (const auto& [name, value] : row.attributes) {
    (*record->mutable_attributes())[name] = value;
  }
  record->set_version(row.version);
  ToProto(row.updated_at, record->mutable_updated_at());
  for (const auto& [attribute, value] : values) {
    v1::StandardizedValue* v = out->add_standardized();
    v->set_attribute(attribute);
    v->set_value(value);
  }
  ToProto(golden, out->mutable_golden());
}

}  // namespace

grpc::Status StewardService::ListCandidates(
    grpc::ServerContext* context, const v1::ListCandidatesRequest* request,
    v1::ListCandidatesResponse* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kSteward);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  if (request->page_size() < 0 || request->page_size() > 1000) {
    return Invalid(absl::StrCat("page_size must be in 1..1000, got ",
                                request->page_size()));
  }
  engine::CandidateFilter filter{
      .entity_type = request->entity_type(),
      .min_probability = request->min_probability(),
      .max_probability =
          request->max_probability() == 0 ? 1 : request->max_probability(),
      .source = request->source(),
      .page_size = request->page_size() == 0 ? 50 : request->page_size(),
      .page_token = request->page_token(),
      .unsure = request->unsure()};
  absl::StatusOr<engine::CandidatePage> page = engine_->ListCandidates(filter);
  if (!page.ok()) return ToGrpcStatus(page.status());
  for (const engine::ReviewCandidate& candidate : page->candidates) {
    ToProto(candidate, response->add_candidates());
  }
  response->set_next_page_token(page->next_page_token);
  return grpc::Status::OK;
}

grpc::Status StewardService::GetCandidate(
    grpc::ServerContext* context, const v1::GetCandidateRequest* request,
    v1::GetCandidateResponse* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kSteward);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  absl::StatusOr<engine::CandidateDetail> detail =
      engine_->GetCandidate(FromProto(request->a()), FromProto(request->b()));
  if (!detail.ok()) return ToGrpcStatus(detail.status());
  ToProto(detail->candidate, response->mutable_candidate());
  FillSide(detail->record_a, detail->standardized_a, detail->golden_a,
           response->mutable_a());
  FillSide(detail->record_b, detail->standardized_b, detail->golden_b,
           response->mutable_b());
  ToProto(detail->explanation, response->mutable_explanation());
  if (detail->judgement.has_value()) {
    ToProto(*detail->judgement, response->mutable_judgement());
  }
  return grpc::Status::OK;
}

grpc::Status StewardService::Decide(grpc::ServerContext* context,
                                    const v1::DecideRequest* request,
                                    v1::StewardOutcome* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kSteward);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  absl::StatusOr<Admission::Ticket> admitted = admission_->AdmitWrite();
  if (!admitted.ok()) return ToGrpcStatus(admitted.status());
  engine::Decision decision;
  switch (request->decision()) {
    case v1::APPROVE:
      decision = engine::Decision::kApprove;
      break;
    case v1::REJECT:
      decision = engine::Decision::kReject;
      break;
    case v1::UNSURE_DECISION:
      decision = engine::Decision::kUnsure;
      break;
    default:
      return Invalid("decision must be APPROVE, REJECT or UNSURE_DECISION");
  }
  if (grpc::Status status = CheckReason(request->reason()); !status.ok()) {
    return status;
  }
  absl::StatusOr<engine::StewardOutcome> outcome =
      engine_->Decide(FromProto(request->a()), FromProto(request->b()),
                      decision, *actor, request->reason());
  if (!outcome.ok()) return ToGrpcStatus(outcome.status());
  ToProto(*outcome, response);
  return grpc::Status::OK;
}

grpc::Status StewardService::UndoDecision(
    grpc::ServerContext* context, const v1::UndoDecisionRequest* request,
    v1::StewardOutcome* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kSteward);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  absl::StatusOr<Admission::Ticket> admitted = admission_->AdmitWrite();
  if (!admitted.ok()) return ToGrpcStatus(admitted.status());
  if (grpc::Status status = CheckReason(request->reason()); !status.ok()) {
    return status;
  }
  absl::StatusOr<engine::StewardOutcome> outcome = engine_->UndoDecision(
      request->audit_sequence(), *actor, request->reason());
  if (!outcome.ok()) return ToGrpcStatus(outcome.status());
  ToProto(*outcome, response);
  return grpc::Status::OK;
}

grpc::Status StewardService::MergeGoldenRecords(
    grpc::ServerContext* context, const v1::MergeGoldenRecordsRequest* request,
    v1::StewardOutcome* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kSteward);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  absl::StatusOr<Admission::Ticket> admitted = admission_->AdmitWrite();
  if (!admitted.ok()) return ToGrpcStatus(admitted.status());
  if (grpc::Status status = CheckReason(request->reason()); !status.ok()) {
    return status;
  }
  absl::StatusOr<engine::StewardOutcome> outcome =
      engine_->MergeGoldens(request->golden_id(), request->other_golden_id(),
                            *actor, request->reason());
  if (!outcome.ok()) return ToGrpcStatus(outcome.status());
  ToProto(*outcome, response);
  return grpc::Status::OK;
}

grpc::Status StewardService::SplitGoldenRecord(
    grpc::ServerContext* context, const v1::SplitGoldenRecordRequest* request,
    v1::StewardOutcome* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kSteward);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  absl::StatusOr<Admission::Ticket> admitted = admission_->AdmitWrite();
  if (!admitted.ok()) return ToGrpcStatus(admitted.status());
  if (grpc::Status status = CheckReason(request->reason()); !status.ok()) {
    return status;
  }
  std::vector<engine::SourceKey> keys;
  for (const v1::SourceKey& key : request->keys())
    keys.push_back(FromProto(key));
  absl::StatusOr<engine::StewardOutcome> outcome = engine_->SplitGolden(
      request->golden_id(), keys, *actor, request->reason());
  if (!outcome.ok()) return ToGrpcStatus(outcome.status());
  ToProto(*outcome, response);
  return grpc::Status::OK;
}

grpc::Status StewardService::MoveRecord(grpc::ServerContext* context,
                                        const v1::MoveRecordRequest* request,
                                        v1::StewardOutcome* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kSteward);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  absl::StatusOr<Admission::Ticket> admitted = admission_->AdmitWrite();
  if (!admitted.ok()) return ToGrpcStatus(admitted.status());
  if (grpc::Status status = CheckReason(request->reason()); !status.ok()) {
    return status;
  }
  absl::StatusOr<engine::StewardOutcome> outcome =
      engine_->MoveRecord(FromProto(request->record()), request->to_golden_id(),
                          *actor, request->reason());
  if (!outcome.ok()) return ToGrpcStatus(outcome.status());
  ToProto(*outcome, response);
  return grpc::Status::OK;
}

grpc::Status StewardService::ListAudit(grpc::ServerContext* context,
                                       const v1::ListAuditRequest* request,
                                       v1::ListAuditResponse* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kSteward);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  if (request->page_size() < 0 || request->page_size() > 1000) {
    return Invalid(absl::StrCat("page_size must be in 1..1000, got ",
                                request->page_size()));
  }
  storage::AuditFilter filter{
      .actor = request->actor(),
      .after_sequence = request->after_sequence(),
      .limit = request->page_size() == 0 ? 100 : request->page_size()};
  if (request->has_since()) {
    absl::StatusOr<absl::Time> since = FromProto(request->since(), "since");
    if (!since.ok()) return ToGrpcStatus(since.status());
    filter.since = *since;
  }
  absl::StatusOr<std::vector<engine::AuditView>> entries =
      engine_->ListAudit(filter, request->golden_id());
  if (!entries.ok()) return ToGrpcStatus(entries.status());
  for (const engine::AuditView& entry : *entries) {
    ToProto(entry, response->add_entries());
  }
  return grpc::Status::OK;
}

}  // namespace mdm::server
