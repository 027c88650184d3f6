// Conversion between the API's protobuf messages and the engine's values.
// The only place where the two meet.
#ifndef MDM_SRC_SERVER_PROTO_CONVERSION_H_
#define MDM_SRC_SERVER_PROTO_CONVERSION_H_

#include "absl/status/statusor.h"
#include "mdm/v1/changes.pb.h"
#include "mdm/v1/matching.pb.h"
#include "mdm/v1/records.pb.h"
#include "mdm/v1/stewardship.pb.h"
#include "src/engine/types.h"

namespace mdm::server {

engine::SourceKey FromProto(const v1::SourceKey& key);
engine::RecordInput FromProto(const v1::SourceRecord& record);
engine::RecordRef FromProto(const v1::RecordRef& ref);

void ToProto(const engine::SourceKey& key, v1::SourceKey* out);
void ToProto(const engine::UpsertResult& result, v1::UpsertRecordResponse* out);
void ToProto(const engine::GoldenView& golden, v1::GoldenRecord* out);
void ToProto(const engine::ChangeView& change, v1::ChangeEvent* out);
void ToProto(const storage::GoldenValue& value, v1::GoldenAttribute* out);
void ToProto(absl::Time time, google::protobuf::Timestamp* out);
v1::MatchDecision ToProto(engine::MatchDecision decision);
void ToProto(const engine::Explanation& explanation, v1::ExplainResponse* out);
void ToProto(const storage::JudgementRow& judgement, v1::Judgement* out);
void ToProto(const engine::ReviewCandidate& candidate,
             v1::ReviewCandidate* out);
void ToProto(const engine::StewardOutcome& outcome, v1::StewardOutcome* out);
void ToProto(const engine::AuditView& entry, v1::AuditEntry* out);
void ToProto(const engine::GoldenHistory& history,
             v1::GetGoldenHistoryResponse* out);

// A request's timestamp; InvalidArgument naming `field` when it is out of
// the range protobuf timestamps allow.
absl::StatusOr<absl::Time> FromProto(const google::protobuf::Timestamp& time,
                                     absl::string_view field);

}  // namespace mdm::server

#endif  // MDM_SRC_SERVER_PROTO_CONVERSION_H_
