#include "src/server/proto_conversion.h"

#include "absl/strings/str_cat.h"

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

absl::StatusOr<absl::Time> FromProto(const google::protobuf::Timestamp& time,
                                     absl::string_view field) {
  // 0001-01-01 to 9999-12-31, as google.protobuf.Timestamp defines.
  constexpr int64_t kMinSeconds = -62135596800, kMaxSeconds = 253402300799;
  if (time.seconds() < kMinSeconds || time.seconds() > kMaxSeconds ||
      time.nanos() < 0 || time.nanos() > 999999999) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " is not a valid timestamp"));
  }
  return absl::FromUnixSeconds(time.seconds()) +
         absl::Nanoseconds(time.nanos());
}

namespace {

v1::ChangeCause ToProto(storage::ChangeCause cause) {
  switch (cause) {
    case storage::ChangeCause::kUpsert:
      return v1::RECORD_UPSERT;
    case storage::ChangeCause::kDelete:
      return v1::RECORD_DELETE;
    case storage::ChangeCause::kRematch:
      return v1::REMATCH;
    case storage::ChangeCause::kSteward:
      return v1::STEWARD;
    case storage::ChangeCause::kUnknown:
      break;
  }
  return v1::CHANGE_CAUSE_UNSPECIFIED;
}

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
  out->set_invalid(value.invalid);
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
    if (member.version == 0) continue;  // a key from history only
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

void ToProto(const engine::GoldenHistory& history,
             v1::GetGoldenHistoryResponse* out) {
  out->set_golden_id(history.golden_id);
  out->set_entity_type(history.entity_type);
  out->set_more(history.more);
  for (const engine::GoldenVersionView& view : history.versions) {
    const storage::GoldenVersionRow& row = view.row;
    v1::GoldenVersion* version = out->add_versions();
    version->set_version(row.version);
    ToProto(row.time, version->mutable_time());
    version->set_state(row.state == storage::GoldenState::kLive ? v1::LIVE
                                                                : v1::RETIRED);
    version->set_merged_into(view.merged_into);
    version->set_cause(ToProto(row.cause));
    if (!row.cause_key.source.empty()) {
      ToProto(row.cause_key, version->mutable_cause_key());
    }
    version->set_cause_note(row.cause_note);
    for (const engine::SourceKey& key : row.joined) {
      ToProto(key, version->add_joined());
    }
    for (const auto& [key, to] : view.departed) {
      v1::DepartedXref* departed = version->add_departed();
      ToProto(key, departed->mutable_key());
      departed->set_to_golden_id(to);
    }
    for (const std::string& absorbed : view.absorbed) {
      version->add_absorbed(absorbed);
    }
    for (const engine::AttributeChange& change : view.changes) {
      v1::AttributeChange* c = version->add_changes();
      c->set_name(change.name);
      for (const std::string& v : change.before) c->add_before(v);
      for (const std::string& v : change.after) c->add_after(v);
    }
    for (const storage::GoldenValue& value : row.attributes) {
      ToProto(value, version->add_attributes());
    }
  }
}

}  // namespace mdm::server
