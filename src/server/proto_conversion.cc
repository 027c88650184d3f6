#include "src/server/proto_conversion.h"

#include "absl/strings/str_cat.h"
#include "matching/entity_model.h"

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
    case storage::ChangeKind::kGoldenRestored:
      return v1::GOLDEN_RESTORED;
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
  for (const std::string& warning : result.warnings) {
    out->add_warnings(warning);
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

engine::RecordRef FromProto(const v1::RecordRef& ref) {
  return {.entity_type = ref.entity_type(), .key = FromProto(ref.key())};
}

v1::MatchDecision ToProto(engine::MatchDecision decision) {
  switch (decision) {
    case engine::MatchDecision::kLink:
      return v1::LINK;
    case engine::MatchDecision::kReview:
      return v1::REVIEW;
    case engine::MatchDecision::kNoMatch:
      return v1::NO_MATCH;
  }
  return v1::MATCH_DECISION_UNSPECIFIED;
}

void ToProto(const engine::Explanation& explanation, v1::ExplainResponse* out) {
  out->set_entity_type(explanation.entity_type);
  out->set_golden_id_a(explanation.golden_id_a);
  out->set_golden_id_b(explanation.golden_id_b);
  out->set_prior_weight(explanation.prior_weight);
  for (const engine::ComparisonExplanation& c : explanation.comparisons) {
    v1::ComparisonExplanation* row = out->add_comparisons();
    row->set_comparison(c.comparison);
    row->set_attribute(c.attribute);
    row->set_value_a(c.value_a);
    row->set_value_b(c.value_b);
    row->set_level(c.level);
    row->set_weight(c.weight);
    row->set_tf_adjusted(c.tf_adjusted);
    row->set_m(c.m);
    row->set_u(c.u);
    row->set_counted(c.counted);
  }
  out->set_match_weight(explanation.match_weight);
  out->set_match_probability(explanation.match_probability);
  out->set_decision(ToProto(explanation.decision));
  for (const engine::SharedBlock& block : explanation.shared_blocks) {
    v1::SharedBlock* row = out->add_shared_blocks();
    row->set_rule(block.rule);
    row->set_key(block.key);
    row->set_block_size(block.block_size);
    row->set_oversized(block.oversized);
  }
  for (const std::string& conflict : explanation.conflicts) {
    out->add_conflicts(conflict);
  }
  out->set_model_version(explanation.model_version);
}

void ToProto(const storage::JudgementRow& judgement, v1::Judgement* out) {
  out->set_entity_type(judgement.entity_type);
  ToProto(judgement.a, out->mutable_a());
  ToProto(judgement.b, out->mutable_b());
  switch (judgement.kind) {
    case storage::JudgementKind::kMustLink:
      out->set_kind(v1::MUST_LINK);
      break;
    case storage::JudgementKind::kCannotLink:
      out->set_kind(v1::CANNOT_LINK);
      break;
    case storage::JudgementKind::kUnsure:
      out->set_kind(v1::UNSURE);
      break;
  }
  out->set_actor(judgement.actor);
  out->set_reason(judgement.reason);
  ToProto(judgement.time, out->mutable_time());
}

void ToProto(const engine::ReviewCandidate& candidate,
             v1::ReviewCandidate* out) {
  out->set_entity_type(candidate.entity_type);
  ToProto(candidate.a, out->mutable_a());
  ToProto(candidate.b, out->mutable_b());
  out->set_golden_id_a(candidate.golden_id_a);
  out->set_golden_id_b(candidate.golden_id_b);
  out->set_match_probability(candidate.match_probability);
  out->set_match_weight(candidate.match_weight);
  out->set_records_moved(candidate.records_moved);
  if (candidate.judgement.has_value()) {
    ToProto(*candidate.judgement, out->mutable_judgement());
  }
}

void ToProto(const engine::StewardOutcome& outcome, v1::StewardOutcome* out) {
  for (const std::string& id : outcome.golden_ids) out->add_golden_ids(id);
  for (const std::string& id : outcome.merged_golden_ids) {
    out->add_merged_golden_ids(id);
  }
  for (const std::string& id : outcome.created_golden_ids) {
    out->add_created_golden_ids(id);
  }
  for (const std::string& id : outcome.restored_golden_ids) {
    out->add_restored_golden_ids(id);
  }
  out->set_audit_sequence(outcome.audit_sequence);
}

void ToProto(const engine::AuditView& entry, v1::AuditEntry* out) {
  const storage::AuditRow& row = entry.row;
  out->set_sequence(row.sequence);
  ToProto(row.time, out->mutable_time());
  out->set_actor(row.actor);
  out->set_action(row.action);
  out->set_entity_type(row.entity_type);
  out->set_automatic(row.automatic);
  for (const std::string& id : entry.golden_ids) out->add_golden_ids(id);
  for (const engine::SourceKey& key : row.keys) ToProto(key, out->add_keys());
  out->set_reason(row.reason);
  if (row.has_weight) {
    out->set_match_probability(matching::WeightToProbability(row.weight));
  }
  out->set_model_version(row.model_version);
  out->set_undoes(entry.undoes);
}

}  // namespace mdm::server
