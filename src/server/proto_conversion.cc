#include "src/server/proto_conversion.h"

namespace mdm::server {

engine::SourceKey FromProto(const v1::SourceKey& key) {
  return {key.source(), key.source_id()};
}

engine::RecordInput FromProto(const v1::SourceRecord& record) {
  engine::RecordInput input;
  input.entity_type = record.entity_type();
  input.key = FromProto(record.key());
  input.attributes.reserve(record.attributes_size());
  for (const auto& [name, value] : record.attributes()) {
    input.attributes.emplace_back(name, value);
  }
  return input;
}

void ToProto(const engine::SourceKey& key, v1::SourceKey* out) {
  out->set_source(key.source);
  out->set_source_id(key.source_id);
}

void ToProto(absl::Time time, google::protobuf::Timestamp* out) {
  const int64_t micros = absl::ToUnixMicros(time);
  int64_t seconds = micros / 1000000;
  int64_t rest = micros % 1000000;
  if (rest < 0) {
    rest += 1000000;
    seconds -= 1;
  }
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(rest * 1000));
}

namespace {

v1::UpsertOutcome ToProto(engine::UpsertOutcome outcome) {
  switch (outcome) {
    case engine::UpsertOutcome::kCreated:
      return v1::CREATED;
    case engine::UpsertOutcome::kLinked:
      return v1::LINKED;
    case engine::UpsertOutcome::kUpdated:
      return v1::UPDATED;
    case engine::UpsertOutcome::kUnchanged:
      return v1::UNCHANGED;
  }
  return v1::UPSERT_OUTCOME_UNSPECIFIED;
}

v1::ChangeKind ToProto(storage::ChangeKind kind) {
  switch (kind) {
    case storage::ChangeKind::kGoldenCreated:
      return v1::GOLDEN_CREATED;
    case storage::ChangeKind::kGoldenUpdated:
      return v1::GOLDEN_UPDATED;
    case storage::ChangeKind::kGoldenMerged:
      return v1::GOLDEN_MERGED;
    case storage::ChangeKind::kGoldenRetired:
      return v1::GOLDEN_RETIRED;
    case storage::ChangeKind::kXrefLinked:
      return v1::XREF_LINKED;
    case storage::ChangeKind::kXrefUnlinked:
      return v1::XREF_UNLINKED;
  }
  return v1::CHANGE_KIND_UNSPECIFIED;
}

}  // namespace

void ToProto(const engine::UpsertResult& result,
             v1::UpsertRecordResponse* out) {
  out->set_golden_id(result.golden_id);
  out->set_outcome(ToProto(result.outcome));
  for (const std::string& id : result.merged_golden_ids) {
    out->add_merged_golden_ids(id);
  }
}

void ToProto(const storage::GoldenValue& value, v1::GoldenAttribute* out) {
  out->set_name(value.name);
  out->set_value(value.value);
  ToProto(value.source, out->mutable_source());
  out->set_rule(value.rule);
}

void ToProto(const engine::GoldenView& golden, v1::GoldenRecord* out) {
  out->set_golden_id(golden.golden_id);
  out->set_entity_type(golden.entity_type);
  out->set_state(golden.state == storage::GoldenState::kLive ? v1::LIVE
                                                             : v1::RETIRED);
  for (const storage::GoldenValue& value : golden.attributes) {
    ToProto(value, out->add_attributes());
  }
  for (const storage::RecordRow& member : golden.members) {
    v1::Xref* xref = out->add_xrefs();
    ToProto(member.key, xref->mutable_key());
    for (const auto& [name, value] : member.attributes) {
      (*xref->mutable_attributes())[name] = value;
    }
    xref->set_version(member.version);
    ToProto(member.updated_at, xref->mutable_updated_at());
  }
  out->set_version(golden.version);
  ToProto(golden.created_at, out->mutable_created_at());
  ToProto(golden.updated_at, out->mutable_updated_at());
  out->set_merged_into(golden.merged_into);
}

void ToProto(const engine::ChangeView& change, v1::ChangeEvent* out) {
  out->set_sequence(change.row.sequence);
  ToProto(change.row.time, out->mutable_time());
  out->set_entity_type(change.row.entity_type);
  out->set_kind(ToProto(change.row.kind));
  out->set_golden_id(change.golden_id);
  out->set_survivor_id(change.survivor_id);
  for (const engine::SourceKey& key : change.row.keys) {
    ToProto(key, out->add_keys());
  }
  for (const storage::GoldenValue& value : change.row.attributes) {
    ToProto(value, out->add_attributes());
  }
}

}  // namespace mdm::server
