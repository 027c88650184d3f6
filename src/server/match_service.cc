#include "src/server/match_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "src/server/grpc_status.h"
#include "src/server/proto_conversion.h"

namespace mdm::server {

grpc::Status MatchService::Explain(grpc::ServerContext* context,
                                   const v1::ExplainRequest* request,
                                   v1::ExplainResponse* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kSteward);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  absl::StatusOr<engine::Explanation> explanation =
      engine_->Explain(FromProto(request->a()), FromProto(request->b()));
  if (!explanation.ok()) return ToGrpcStatus(explanation.status());
  ToProto(*explanation, response);
  return grpc::Status::OK;
}

grpc::Status MatchService::TrainModel(grpc::ServerContext* context,
                                      const v1::TrainModelRequest* request,
                                      v1::TrainModelResponse* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kAdmin);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  absl::StatusOr<Admission::Ticket> admitted = admission_->AdmitWrite();
  if (!admitted.ok()) return ToGrpcStatus(admitted.status());
  if (request->max_records() < 0) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "max_records must not be negative");
  }
  absl::StatusOr<engine::TrainingOutcome> outcome =
      engine_->TrainModel(request->entity_type(), request->max_records());
  if (!outcome.ok()) return ToGrpcStatus(outcome.status());
  *response->mutable_model() = outcome->model;
  response->set_rematched_records(outcome->rematched_records);
  response->set_seconds(outcome->seconds);
  return grpc::Status::OK;
}

grpc::Status MatchService::Rematch(grpc::ServerContext* context,
                                   const v1::RematchRequest* request,
                                   v1::RematchResponse* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kAdmin);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  absl::StatusOr<Admission::Ticket> admitted = admission_->AdmitWrite();
  if (!admitted.ok()) return ToGrpcStatus(admitted.status());
  absl::StatusOr<engine::RematchOutcome> outcome =
      engine_->Rematch(request->entity_type());
  if (!outcome.ok()) return ToGrpcStatus(outcome.status());
  response->set_records(outcome->records);
  response->set_golden_records_created(outcome->golden_records_created);
  response->set_golden_records_retired(outcome->golden_records_retired);
  response->set_records_moved(outcome->records_moved);
  response->set_seconds(outcome->seconds);
  return grpc::Status::OK;
}

grpc::Status MatchService::GetModel(grpc::ServerContext* context,
                                    const v1::GetModelRequest* request,
                                    v1::GetModelResponse* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kAdmin);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  absl::StatusOr<engine::ActiveModel> active =
      engine_->GetModel(request->entity_type());
  if (!active.ok()) return ToGrpcStatus(active.status());
  *response->mutable_model() = active->model;
  response->set_oversized_blocks_skipped(active->oversized_blocks_skipped);
  if (active->model.version() > 0) {
    ToProto(active->trained_at, response->mutable_trained_at());
  }
  return grpc::Status::OK;
}

grpc::Status MatchService::Search(grpc::ServerContext* context,
                                  const v1::SearchRequest* request,
                                  v1::SearchResponse* response) {
  absl::StatusOr<std::string> actor =
      access_->Authorize(*context, Role::kReader);
  if (!actor.ok()) return ToGrpcStatus(actor.status());
  constexpr int kDefaultLimit = 10, kMaxLimit = 100;
  if (request->limit() < 0 || request->limit() > kMaxLimit) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        absl::StrCat("limit must be in 1..", kMaxLimit,
                                     ", got ", request->limit()));
  }
  if (!(request->min_probability() >= 0 && request->min_probability() <= 1)) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "min_probability must be in [0, 1]");
  }
  engine::SearchQuery query{
      .entity_type = request->entity_type(),
      .text = request->text(),
      .limit = request->limit() == 0 ? kDefaultLimit : request->limit(),
      .min_probability = request->min_probability()};
  for (const auto& [name, value] : request->attributes()) {
    query.attributes.emplace_back(name, value);
  }
  std::sort(query.attributes.begin(), query.attributes.end());
  absl::StatusOr<engine::SearchResult> result = engine_->Search(query);
  if (!result.ok()) return ToGrpcStatus(result.status());
  for (const engine::SearchMatch& match : result->matches) {
    v1::SearchMatch* out = response->add_matches();
    out->set_golden_id(match.golden_id);
    out->set_match_probability(match.match_probability);
    out->set_match_weight(match.match_weight);
    out->set_decision(ToProto(match.decision));
    ToProto(match.best_record, out->mutable_best_record());
    for (const std::string& reason : match.reasons) out->add_reasons(reason);
    for (const storage::GoldenValue& value : match.attributes) {
      ToProto(value, out->add_attributes());
    }
  }
  for (const auto& [name, value] : result->query_attributes) {
    (*response->mutable_query_attributes())[name] = value;
  }
  response->set_candidates(result->candidates);
  response->set_oversized_blocks_skipped(result->oversized_blocks_skipped);
  return grpc::Status::OK;
}

}  // namespace mdm::server
