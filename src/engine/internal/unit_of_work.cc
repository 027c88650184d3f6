#include "src/engine/internal/unit_of_work.h"

#include <xxhash.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "matching/scorer.h"
#include "matching/standardizer.h"
#include "src/base/status_macros.h"
#include "src/engine/record_validator.h"
#include "src/engine/survivorship.h"

namespace mdm::engine {

using storage::ChangeKind;
using storage::GoldenRow;
using storage::GoldenState;
using storage::RecordRow;

namespace {

const SurvivorshipPolicy& PolicyOf(const ClusteringContext& context,
                                   absl::string_view entity_type) {
  static const SurvivorshipPolicy* const kMostRecent = new SurvivorshipPolicy;
  auto it = context.survivorship.find(entity_type);
  return it == context.survivorship.end() ? *kMostRecent : it->second;
}

}  // namespace

UnitOfWork::UnitOfWork(const ClusteringContext& context,
                       storage::WriteTransaction& txn,
                       const matching::EntityModel& model, absl::Time now,
                       UnitCause cause)
    : context_(context),
      txn_(txn),
      model_(model),
      now_(now),
      cause_(std::move(cause)),
      survivorship_(&PolicyOf(context, model.name())) {
  for (const auto& [source, number] : context.exclusive_sources) {
    exclusive_sources_.insert(RecordIdentity({.source = source}).source);
  }
}

matching::RecordFeatures UnitOfWork::Features(const RecordRow& row) const {
  matching::RecordFeatures features;
  if (!matching::DecodeFeatures(model_, row.features, features)) {
    features = matching::Standardize(model_, row.attributes);
  }
  return features;
}

absl::StatusOr<std::vector<int64_t>> UnitOfWork::Candidates(
    int64_t record_id, absl::Span<const matching::BlockingKey> keys) {
  std::vector<int64_t> candidates =
      context_.candidate_index->Candidates(model_, keys, &oversized_blocks_);
  auto self = std::lower_bound(candidates.begin(), candidates.end(), record_id);
  if (self != candidates.end() && *self == record_id) candidates.erase(self);
  return candidates;
}

absl::Status UnitOfWork::ScoreAndStoreEdges(
    const RecordRow& row, const matching::RecordFeatures& features,
    absl::Span<const int64_t> candidates,
    const matching::CandidateScores& ahead) {
  std::vector<storage::Edge> edges;
  std::vector<int64_t> linked;
  linked_goldens_.clear();
  has_band_pairs_ = false;
  // Candidates' features come from the index; blocking keys are per entity
  // type, so every candidate is of this record's type.
  matching::LazyFeatures other;  // decoded into again and again
  size_t cursor = 0;
  context_.candidate_index->VisitFeatures(
      candidates, [&](int64_t id, absl::string_view bytes) {
        double weight;
        if (const matching::CandidateScore* score =
                matching::FindScore(ahead, id, bytes, cursor);
            score != nullptr) {
          weight = score->weight;
        } else {
          if (!other.Reset(model_, bytes)) return;
          weight = matching::MatchWeightAtLeast(model_, features, other,
                                                model_.stored_weight());
          if (!other.ok()) return;
        }
        if (weight < model_.stored_weight()) return;
        if (weight >= model_.auto_merge_weight()) {
          linked.push_back(id);
        } else if (weight >= model_.link_weight()) {
          has_band_pairs_ = true;
        }
        edges.push_back({.a = std::min(row.id, id),
                         .b = std::max(row.id, id),
                         .weight = weight});
      });
  linked_records_ = linked;
  if (!linked.empty()) {
    MDM_ASSIGN_OR_RETURN(std::vector<RecordRow> rows, txn_.GetRecords(linked));
    for (const RecordRow& linked_row : rows) {
      linked_goldens_.insert(linked_row.golden_id);
    }
  }
  if (row.version > 1) {  // sent before: its old pairs may go
    MDM_ASSIGN_OR_RETURN(std::vector<storage::Edge> old_edges,
                         txn_.EdgesOf(row.id));
    NotePartners(row.id, old_edges, /*old=*/true);
  }
  NotePartners(row.id, edges, /*old=*/false);
  return txn_.ReplaceEdges(row.id, edges);
}

std::vector<std::pair<int, std::string>> StrongValues(
    const matching::EntityModel& model,
    const matching::RecordFeatures& features) {
  std::vector<std::pair<int, std::string>> values;
  for (size_t a = 0; a < model.attributes().size(); ++a) {
    if (!model.attributes()[a].strong) continue;
    for (const std::string& code : features.attributes[a].codes) {
      values.emplace_back(static_cast<int>(a), code);
    }
  }
  return values;
}

std::vector<std::pair<int, matching::Feature>> DistinguishingValues(
    const matching::EntityModel& model, matching::RecordFeatures& features) {
  std::vector<std::pair<int, matching::Feature>> values;
  for (int a : model.distinguishing_attributes()) {
    if (model.attributes()[a].strong) continue;
    matching::Feature& feature = features.attributes[a];
    if (feature.codes.empty()) continue;
    matching::Feature& kept =
        values.emplace_back(a, matching::Feature()).second;
    kept.codes = std::move(feature.codes);
    kept.validated = feature.validated;
  }
  return values;
}

matching::ClusterRecord ClusterRecordFor(const matching::EntityModel& model,
                                         const RecordRow& row,
                                         int exclusive_source) {
  const matching::CandidateIndex::Identity identity = RecordIdentity(row.key);
  matching::ClusterRecord node{.id = row.id,
                               .source = identity.source,
                               .rank = identity.rank,
                               .exclusive_source = exclusive_source};
  if (model.distinguishing_attributes().empty()) return node;
  matching::RecordFeatures features;
  if (!matching::DecodeFeatures(model, row.features, features)) {
    features = matching::Standardize(model, row.attributes);
  }
  node.strong_values = StrongValues(model, features);
  node.distinguishing = DistinguishingValues(model, features);
  return node;
}

absl::StatusOr<bool> UnitOfWork::CompatibleWithGolden(
    const RecordRow& row, const matching::RecordFeatures& features,
    int64_t golden_id) {
  const std::vector<std::pair<int, std::string>> values =
      StrongValues(model_, features);
  matching::RecordFeatures own = features;
  const std::vector<std::pair<int, matching::Feature>> distinguishing =
      DistinguishingValues(model_, own);
  const bool exclusive = context_.exclusive_sources.contains(row.key.source);
  if (values.empty() && distinguishing.empty() && !exclusive) {
    return true;  // adds no constraint
  }
  MDM_ASSIGN_OR_RETURN(std::vector<RecordRow> members,
                       txn_.GoldenMembers(golden_id));
  // Distinguishing values of the record that some member holds exactly: the
  // record adds no constraint through them.
  std::vector<bool> held(distinguishing.size(), false);
  for (const RecordRow& member : members) {
    if (exclusive && member.key.source == row.key.source) return false;
    if (values.empty() && distinguishing.empty()) continue;
    matching::RecordFeatures member_features = Features(member);
    for (const auto& [attribute, value] :
         StrongValues(model_, member_features)) {
      for (const auto& [own_attribute, own_value] : values) {
        // A new value for an attribute the golden record already holds could
        // change which of its members' unions are accepted.
        if (attribute == own_attribute && value != own_value) return false;
      }
    }
    for (size_t i = 0; i < distinguishing.size(); ++i) {
      const auto& [attribute, value] = distinguishing[i];
      const matching::Feature& theirs = member_features.attributes[attribute];
      if (matching::FeaturesConflict(model_.attributes()[attribute].kind, value,
                                     theirs)) {
        return false;
      }
      held[i] = held[i] || theirs.codes == value.codes;
    }
  }
  // A value no member holds could refuse a union the golden record's
  // members would otherwise make: only a full re-clustering can tell.
  return std::find(held.begin(), held.end(), false) == held.end();
}

absl::Status UnitOfWork::PlaceNewRecord(
    const RecordRow& row, const matching::RecordFeatures& features) {
  auto insert_and_recluster = [&]() -> absl::Status {
    RecordRow unlinked = row;
    unlinked.golden_id = 0;
    MDM_RETURN_IF_ERROR(txn_.InsertRecord(unlinked));
    return Recluster({row.id}, {});
  };
  if (linked_goldens_.size() > 1 || has_band_pairs_ || resynced_pairs_) {
    return insert_and_recluster();
  }
  MDM_ASSIGN_OR_RETURN(bool displaces, DisplacesBestCandidate(row));
  if (displaces) return insert_and_recluster();
  // A record deleted and sent again keeps the judgements of its key.
  MDM_ASSIGN_OR_RETURN(std::vector<storage::JudgementRow> judgements,
                       txn_.JudgementsOf(row.entity_type, row.key));
  if (!judgements.empty()) return insert_and_recluster();
  unstored_record_ = row.id;
  auto finish = [&]() -> absl::Status {
    if (unstored_record_ != 0) {
      return absl::InternalError(
          absl::StrCat("source record ", row.id, " was placed, not stored"));
    }
    return FlushGoldens();
  };
  if (linked_goldens_.empty()) {
    records_[row.id] = row;
    MDM_RETURN_IF_ERROR(ApplyCluster({row.id}, {}));
    return finish();
  }
  const int64_t golden = *linked_goldens_.begin();
  MDM_ASSIGN_OR_RETURN(bool compatible,
                       CompatibleWithGolden(row, features, golden));
  if (!compatible) {
    unstored_record_ = 0;
    return insert_and_recluster();
  }
  MDM_ASSIGN_OR_RETURN(std::vector<RecordRow> members,
                       txn_.GoldenMembers(golden));
  std::vector<const RecordRow*> all;
  all.reserve(members.size() + 1);
  for (const RecordRow& member : members) all.push_back(&member);
  all.push_back(&row);
  MDM_ASSIGN_OR_RETURN(GoldenChange * change, Change(golden));
  change->row.attributes = Survive(all);
  MDM_RETURN_IF_ERROR(MoveRecords({&row}, golden));
  MDM_RETURN_IF_ERROR(Emit(ChangeKind::kXrefLinked, golden, {row.key}));
  return finish();
}

absl::StatusOr<bool> UnitOfWork::DisplacesBestCandidate(const RecordRow& row) {
  if (model_.best_match_weight() >= model_.auto_merge_weight()) {
    return false;  // no mutual-best band
  }
  const uint64_t source = RecordIdentity(row.key).source;
  const bool exclusive = exclusive_sources_.contains(source);
  for (int64_t partner : linked_records_) {
    MDM_ASSIGN_OR_RETURN(std::vector<storage::Edge> edges,
                         txn_.EdgesOf(partner));
    for (const storage::Edge& edge : edges) {
      if (edge.weight < model_.best_match_weight() ||
          edge.weight >= model_.auto_merge_weight()) {
        continue;
      }
      const int64_t other = edge.a == partner ? edge.b : edge.a;
      if (other == row.id) continue;
      const std::optional<matching::CandidateIndex::Identity> identity =
          context_.candidate_index->IdentityOf(other);
      if (!identity.has_value()) return true;
      if (identity->source != source) continue;
      // A deduplicated pair counts whoever is best; any other band pair
      // towards the record's source may have counted as the best.
      if (!(exclusive && exclusive_sources_.contains(identity->source))) {
        return true;
      }
    }
  }
  return false;
}

bool UnitOfWork::IndexedFeatures(int64_t record_id,
                                 matching::RecordFeatures& features) const {
  bool decoded = false;
  context_.candidate_index->VisitFeatures(
      {record_id}, [&](int64_t, absl::string_view bytes) {
        decoded = matching::DecodeFeatures(model_, bytes, features);
      });
  return decoded;
}

std::vector<matching::BlockingKey> UnitOfWork::IndexedKeys(
    int64_t record_id) const {
  matching::RecordFeatures features;
  if (!IndexedFeatures(record_id, features)) return {};
  return matching::BlockingKeys(model_, features);
}

absl::Status UnitOfWork::ResyncCrossedBlocks(
    int64_t record_id, absl::Span<const matching::BlockingKey> old_keys,
    absl::Span<const matching::BlockingKey> new_keys) {
  const matching::CandidateIndex& index = *context_.candidate_index;
  auto holds = [](absl::Span<const matching::BlockingKey> keys,
                  const matching::BlockingKey& key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
  };
  // A block's members change candidates when its size crosses its rule's
  // single_key_block_size or its max_block_size (CandidateIndex::Candidates).
  auto crossed = [&](const matching::BlockingKey& key, size_t size) {
    const matching::BlockingRule& rule = model_.blocking_rules()[key.rule];
    return size == static_cast<size_t>(rule.single_key_block_size) ||
           size == static_cast<size_t>(rule.max_block_size);
  };
  // Only pairs within a crossed block can change: no other block changed
  // size. A block that grew past a limit can only take pairs away; one that
  // shrank back to a limit may give some.
  std::vector<CrossedBlock> blocks;
  auto add_block = [&](uint64_t hash, size_t size, bool shrank) {
    CrossedBlock& block = blocks.emplace_back();
    index.Members(hash, size, block.members);
    std::sort(block.members.begin(), block.members.end());
    block.shrank = shrank;
  };
  for (const matching::BlockingKey& key : new_keys) {
    const size_t size = index.BlockSize(key.hash);
    if (holds(old_keys, key) || size == 0 || !crossed(key, size - 1)) continue;
    add_block(key.hash, size, /*shrank=*/false);
  }
  for (const matching::BlockingKey& key : old_keys) {
    const size_t size = index.BlockSize(key.hash);
    if (holds(new_keys, key) || !crossed(key, size)) continue;
    add_block(key.hash, size, /*shrank=*/true);
  }
  // Member -> the crossed blocks holding it.
  std::map<int64_t, std::vector<const CrossedBlock*>> affected;
  for (const CrossedBlock& block : blocks) {
    for (int64_t member : block.members) affected[member].push_back(&block);
  }
  for (const auto& [member, holding] : affected) {
    if (member == record_id) continue;
    MDM_RETURN_IF_ERROR(ResyncPairs(member, record_id, holding));
  }
  return absl::OkStatus();
}

absl::Status UnitOfWork::ResyncPairs(
    int64_t record_id, int64_t own_record,
    absl::Span<const CrossedBlock* const> blocks) {
  auto in_crossed_block = [&](int64_t id) {
    return std::any_of(blocks.begin(), blocks.end(),
                       [id](const CrossedBlock* block) {
                         return std::binary_search(block->members.begin(),
                                                   block->members.end(), id);
                       });
  };
  const bool may_gain =
      std::any_of(blocks.begin(), blocks.end(),
                  [](const CrossedBlock* block) { return block->shrank; });
  MDM_ASSIGN_OR_RETURN(std::vector<storage::Edge> stored,
                       txn_.EdgesOf(record_id));
  // The unit's own record was scored against its candidates just now.
  bool suspect_pairs = false;
  for (const storage::Edge& edge : stored) {
    const int64_t partner = edge.a == record_id ? edge.b : edge.a;
    suspect_pairs =
        suspect_pairs || (partner != own_record && in_crossed_block(partner));
  }
  if (!suspect_pairs && !may_gain) return absl::OkStatus();

  matching::RecordFeatures features;
  if (!IndexedFeatures(record_id, features)) {
    return absl::InternalError(absl::StrCat(
        "source record ", record_id, " has no usable features in the index"));
  }
  const std::vector<int64_t> candidates = context_.candidate_index->Candidates(
      model_, matching::BlockingKeys(model_, features));
  auto is_candidate = [&](int64_t id) {
    return std::binary_search(candidates.begin(), candidates.end(), id);
  };
  absl::flat_hash_set<int64_t> kept;
  std::vector<storage::Edge> edges, lost;
  for (const storage::Edge& edge : stored) {
    const int64_t partner = edge.a == record_id ? edge.b : edge.a;
    if (partner == own_record || !in_crossed_block(partner) ||
        is_candidate(partner)) {
      edges.push_back(edge);
      kept.insert(partner);
    } else {
      lost.push_back(edge);
    }
  }
  // Pairs below the stored threshold are not stored: only records that may
  // have become candidates are scored, not every candidate without a pair.
  std::vector<int64_t> unscored;
  for (const CrossedBlock* block : blocks) {
    if (!block->shrank) continue;
    for (int64_t id : block->members) {
      if (id != record_id && id != own_record && !kept.contains(id) &&
          is_candidate(id)) {
        unscored.push_back(id);
      }
    }
  }
  // Once each: a record may be in two blocks that shrank.
  std::sort(unscored.begin(), unscored.end());
  unscored.erase(std::unique(unscored.begin(), unscored.end()), unscored.end());
  std::vector<storage::Edge> found;
  matching::LazyFeatures other;
  context_.candidate_index->VisitFeatures(
      unscored, [&](int64_t id, absl::string_view bytes) {
        if (!other.Reset(model_, bytes)) return;
        const double weight = matching::MatchWeightAtLeast(
            model_, features, other, model_.stored_weight());
        if (!other.ok() || weight < model_.stored_weight()) return;
        found.push_back({.a = std::min(record_id, id),
                         .b = std::max(record_id, id),
                         .weight = weight});
      });
  if (lost.empty() && found.empty()) return absl::OkStatus();
  resynced_pairs_ = true;
  // Both ends of a changed pair are walked: either may now count another
  // best candidate.
  for (const storage::Edge& edge : lost) {
    NotePartners(edge.a, {edge}, /*old=*/true);
    NotePartners(edge.b, {edge}, /*old=*/true);
  }
  for (const storage::Edge& edge : found) {
    NotePartners(edge.a, {edge}, /*old=*/false);
    NotePartners(edge.b, {edge}, /*old=*/false);
  }
  edges.insert(edges.end(), found.begin(), found.end());
  return txn_.ReplaceEdges(record_id, edges);
}

absl::Status UnitOfWork::DeleteRecord(const RecordRow& row) {
  MDM_ASSIGN_OR_RETURN(std::vector<storage::Edge> old_edges,
                       txn_.EdgesOf(row.id));
  NotePartners(row.id, old_edges, /*old=*/true);
  MDM_RETURN_IF_ERROR(txn_.DeleteRecord(row.id, now_));
  const std::vector<matching::BlockingKey> old_keys = IndexedKeys(row.id);
  context_.candidate_index->Remove(row.id);
  MDM_RETURN_IF_ERROR(ResyncCrossedBlocks(row.id, old_keys, {}));
  MDM_ASSIGN_OR_RETURN(GoldenChange * change, Change(row.golden_id));
  change->departed.push_back({.key = row.key, .to_golden_id = 0});
  lost_to_delete_.insert(row.golden_id);
  return Emit(ChangeKind::kXrefUnlinked, row.golden_id, {row.key});
}

std::vector<storage::GoldenValue> UnitOfWork::Survive(
    absl::Span<const RecordRow* const> members) const {
  std::vector<SurvivorMember> facts;
  facts.reserve(members.size());
  for (const RecordRow* member : members) {
    const matching::RecordFeatures features = Features(*member);
    SurvivorMember& m = facts.emplace_back();
    m.record = member;
    m.facts.reserve(member->attributes.size());
    for (const auto& [name, value] : member->attributes) {
      ValueFacts& f = m.facts.emplace_back();
      const std::optional<int> index = model_.AttributeIndex(name);
      if (!index.has_value()) {
        f.comparable = value;
        continue;
      }
      const matching::Feature& feature = features.attributes[*index];
      f.invalid = feature.invalid || feature.missing();
      f.comparable = feature.missing() ? value : feature.value;
    }
  }
  return survivorship_->Survive(facts);
}

absl::StatusOr<UnitOfWork::GoldenChange*> UnitOfWork::Change(int64_t golden_id,
                                                             bool retired) {
  auto it = changes_.find(golden_id);
  if (it != changes_.end()) return &it->second;
  MDM_ASSIGN_OR_RETURN(GoldenRow row, LoadGolden(golden_id, retired));
  GoldenChange& change = changes_[golden_id];
  change.original = row;
  change.row = std::move(row);
  return &change;
}

absl::Status UnitOfWork::MoveRecords(absl::Span<const RecordRow* const> rows,
                                     int64_t golden_id) {
  if (rows.empty()) return absl::OkStatus();
  MDM_ASSIGN_OR_RETURN(GoldenChange * to, Change(golden_id));
  for (const RecordRow* row : rows) {
    final_golden_[row->id] = golden_id;
    to->joined.push_back(row->key);
  }
  for (const RecordRow* row : rows) {
    if (row->golden_id == 0) continue;
    if (row->golden_id != golden_id) ++moved_records_;
    MDM_ASSIGN_OR_RETURN(GoldenChange * from, Change(row->golden_id));
    from->departed.push_back({.key = row->key, .to_golden_id = golden_id});
  }
  if (unstored_record_ == 0) return txn_.SetRecordGolden(rows, golden_id, now_);
  std::vector<const RecordRow*> stored;
  stored.reserve(rows.size());
  for (const RecordRow* row : rows) {
    if (row->id != unstored_record_) {
      stored.push_back(row);
      continue;
    }
    RecordRow linked = *row;
    linked.golden_id = golden_id;
    MDM_RETURN_IF_ERROR(txn_.InsertRecord(linked));
    unstored_record_ = 0;
  }
  return txn_.SetRecordGolden(stored, golden_id, now_);
}

std::optional<double> UnitOfWork::StrongestLinkBetween(int64_t from,
                                                       int64_t into) const {
  std::optional<double> strongest;
  auto old_golden = [&](int64_t id) -> int64_t {
    auto it = records_.find(id);
    return it == records_.end() ? -1 : it->second.golden_id;
  };
  for (const matching::ScoredPair& pair : pairs_) {
    const int64_t ga = old_golden(pair.a), gb = old_golden(pair.b);
    if ((ga == from) == (gb == from) || ga == -1 || gb == -1) continue;
    if (GoldenOf(pair.a) != into || GoldenOf(pair.b) != into) continue;
    if (!strongest.has_value() || pair.weight > *strongest) {
      strongest = pair.weight;
    }
  }
  return strongest;
}

absl::Status UnitOfWork::AuditAutomatic(
    int64_t golden_id, const GoldenChange& change,
    const std::vector<storage::DepartedRecord>& split_off) {
  const std::string reason =
      cause_.cause == storage::ChangeCause::kUpsert
          ? absl::StrCat("upsert of ", RecordLabel(cause_.key))
      : cause_.cause == storage::ChangeCause::kDelete
          ? absl::StrCat("delete of ", RecordLabel(cause_.key))
          : cause_.note;
  if (!change.absorbed.empty()) {
    storage::AuditRow entry{.time = now_,
                            .actor = "mdm",
                            .action = "auto_merge",
                            .entity_type = model_.name(),
                            .automatic = true,
                            .keys = change.joined,
                            .reason = reason,
                            .model_version = model_.version()};
    entry.golden_ids.push_back(golden_id);
    for (int64_t absorbed : change.absorbed) {
      entry.golden_ids.push_back(absorbed);
      if (std::optional<double> weight =
              StrongestLinkBetween(absorbed, golden_id)) {
        if (!entry.has_weight || *weight > entry.weight) entry.weight = *weight;
        entry.has_weight = true;
      }
    }
    MDM_RETURN_IF_ERROR(txn_.AppendAudit(entry));
  }
  if (!split_off.empty()) {
    storage::AuditRow entry{.time = now_,
                            .actor = "mdm",
                            .action = "auto_split",
                            .entity_type = model_.name(),
                            .automatic = true,
                            .reason = reason,
                            .model_version = model_.version()};
    entry.golden_ids.push_back(golden_id);
    for (const storage::DepartedRecord& departed : split_off) {
      entry.keys.push_back(departed.key);
      if (std::find(entry.golden_ids.begin(), entry.golden_ids.end(),
                    departed.to_golden_id) == entry.golden_ids.end()) {
        entry.golden_ids.push_back(departed.to_golden_id);
      }
    }
    MDM_RETURN_IF_ERROR(txn_.AppendAudit(entry));
  }
  return absl::OkStatus();
}

absl::Status UnitOfWork::FlushGoldens() {
  std::vector<std::pair<int64_t, std::vector<storage::GoldenValue>>> updated;
  for (auto& [id, change] : changes_) {
    GoldenRow& row = change.row;
    // An inserted or restored golden record's event carries its attributes.
    const bool attributes_changed =
        !change.inserted && !change.restored &&
        row.attributes != change.original.attributes;
    const bool changed = change.inserted || change.restored ||
                         attributes_changed ||
                         row.state != change.original.state ||
                         row.merged_into != change.original.merged_into ||
                         !change.joined.empty() || !change.departed.empty() ||
                         !change.absorbed.empty();
    if (!changed) continue;
    if (!change.inserted) {
      row.version = change.original.version + 1;
      row.updated_at = now_;
      MDM_RETURN_IF_ERROR(txn_.UpdateGolden(row));
    }
    std::sort(change.joined.begin(), change.joined.end());
    std::sort(change.departed.begin(), change.departed.end(),
              [](const storage::DepartedRecord& a,
                 const storage::DepartedRecord& b) { return a.key < b.key; });
    if (cause_.cause != storage::ChangeCause::kSteward) {
      std::vector<storage::DepartedRecord> split_off;
      if (row.state == GoldenState::kLive) {
        for (const storage::DepartedRecord& departed : change.departed) {
          if (departed.to_golden_id != 0) split_off.push_back(departed);
        }
      }
      MDM_RETURN_IF_ERROR(AuditAutomatic(id, change, split_off));
    }
    MDM_RETURN_IF_ERROR(
        txn_.AppendGoldenVersion({.golden_id = id,
                                  .version = row.version,
                                  .time = now_,
                                  .state = row.state,
                                  .merged_into = row.merged_into,
                                  .attributes = row.attributes,
                                  .cause = cause_.cause,
                                  .cause_key = cause_.key,
                                  .cause_note = cause_.note,
                                  .joined = std::move(change.joined),
                                  .departed = std::move(change.departed),
                                  .absorbed = std::move(change.absorbed)}));
    if (attributes_changed && row.state == GoldenState::kLive) {
      updated.emplace_back(id, row.attributes);
    }
  }
  changes_.clear();
  for (auto& [id, attributes] : updated) {
    MDM_RETURN_IF_ERROR(
        Emit(ChangeKind::kGoldenUpdated, id, {}, std::move(attributes)));
  }
  return absl::OkStatus();
}

absl::Status UnitOfWork::Recluster(absl::Span<const int64_t> seed_records,
                                   absl::Span<const int64_t> seed_goldens) {
  MDM_RETURN_IF_ERROR(Collect(seed_records, seed_goldens));
  std::vector<v1::AttributeKind> kinds;
  for (const matching::AttributeSpec& spec : model_.attributes()) {
    kinds.push_back(spec.kind);
  }
  if (whole_group_) {
    // Closed under counted pairs already: no part to widen.
    std::vector<matching::ClusterRecord> nodes;
    nodes.reserve(records_.size() + outside_.size());
    for (const auto& [id, row] : records_) {
      nodes.push_back(ClusterRecordOf(row));
    }
    AppendOutside(nodes);
    MDM_RETURN_IF_ERROR(
        Apply(matching::ClusterRecords(nodes, pairs_, model_.link_thresholds(),
                                       kinds, cannot_links_, must_links_)));
    return FlushGoldens();
  }
  while (true) {
    std::vector<matching::ClusterRecord> nodes;
    nodes.reserve(records_.size() + outside_.size());
    for (const auto& [id, row] : records_) {
      auto [cached, absent] = cluster_records_.try_emplace(id);
      if (absent) cached->second = ClusterRecordOf(row);
      matching::ClusterRecord& node = nodes.emplace_back(cached->second);
      if (row.golden_id != 0 && !changed_goldens_.contains(row.golden_id) &&
          !changed_records_.contains(id)) {
        node.unchanged_cluster = row.golden_id;
      }
    }
    AppendOutside(nodes);
    matching::PartClustering part =
        matching::ClusterPart(nodes, pairs_, model_.link_thresholds(), kinds,
                              cannot_links_, must_links_);
    if (part.undecided.empty()) {
      MDM_RETURN_IF_ERROR(Apply(part.clusters));
      return FlushGoldens();
    }
    const size_t before = records_.size();
    MDM_RETURN_IF_ERROR(Load(part.undecided));
    if (records_.size() == before) {
      return absl::InternalError(
          absl::StrCat("re-clustering cannot load record ",
                       part.undecided.front(), ", which a pair names"));
    }
  }
}

void UnitOfWork::AppendOutside(
    std::vector<matching::ClusterRecord>& nodes) const {
  for (const auto& [id, identity] : outside_) {
    nodes.push_back({.id = id,
                     .source = identity.source,
                     .rank = identity.rank,
                     .outside = true});
  }
}

absl::Status UnitOfWork::ReclusterGroup(int64_t record_id) {
  whole_group_ = true;
  return Recluster({record_id}, {});
}

matching::ClusterRecord UnitOfWork::ClusterRecordOf(const RecordRow& row) {
  auto source = context_.exclusive_sources.find(row.key.source);
  return ClusterRecordFor(
      model_, row,
      source == context_.exclusive_sources.end() ? -1 : source->second);
}

absl::Status UnitOfWork::Emit(ChangeKind kind, int64_t golden_id,
                              std::vector<storage::SourceKey> keys,
                              std::vector<storage::GoldenValue> attributes,
                              int64_t survivor_id) {
  storage::ChangeRow event{.time = now_,
                           .entity_type = model_.name(),
                           .kind = kind,
                           .golden_id = golden_id,
                           .survivor_id = survivor_id,
                           .keys = std::move(keys),
                           .attributes = std::move(attributes)};
  return txn_.AppendChange(event);
}

int64_t UnitOfWork::GoldenOf(int64_t record_id) const {
  auto it = final_golden_.find(record_id);
  return it == final_golden_.end() ? 0 : it->second;
}

std::vector<int64_t> UnitOfWork::ReclusteredRecords() const {
  std::vector<int64_t> ids;
  ids.reserve(records_.size());
  for (const auto& [id, row] : records_) ids.push_back(id);
  return ids;
}

matching::CandidateIndex::Identity RecordIdentity(
    const storage::SourceKey& key) {
  std::string text = key.source;
  const uint64_t source = XXH3_64bits(text.data(), text.size());
  text.push_back('\0');
  text.append(key.source_id);
  return {.source = source, .rank = XXH3_64bits(text.data(), text.size())};
}

absl::StatusOr<const std::vector<storage::Edge>*> UnitOfWork::EdgesOf(
    int64_t record_id) {
  auto it = edges_.find(record_id);
  if (it == edges_.end()) {
    MDM_ASSIGN_OR_RETURN(std::vector<storage::Edge> edges,
                         txn_.EdgesOf(record_id));
    it = edges_.emplace(record_id, std::move(edges)).first;
  }
  return &it->second;
}

std::optional<matching::CandidateIndex::Identity> UnitOfWork::IdentityOf(
    int64_t record_id) {
  auto it = identities_.find(record_id);
  if (it == identities_.end()) {
    it =
        identities_
            .emplace(record_id, context_.candidate_index->IdentityOf(record_id))
            .first;
  }
  return it->second;
}

absl::StatusOr<int64_t> UnitOfWork::BestToward(int64_t record_id,
                                               uint64_t source) {
  MDM_ASSIGN_OR_RETURN(const std::vector<storage::Edge>* edges,
                       EdgesOf(record_id));
  int64_t best = 0;
  double best_weight = 0;
  uint64_t best_rank = 0;
  for (const storage::Edge& edge : *edges) {
    if (edge.weight < model_.link_weight()) continue;
    const int64_t other = edge.a == record_id ? edge.b : edge.a;
    const std::optional<matching::CandidateIndex::Identity> identity =
        IdentityOf(other);
    // A partner of unknown source may be the best towards any source.
    if (!identity.has_value()) return 0;
    if (identity->source != source) continue;
    if (best == 0 || edge.weight > best_weight ||
        (edge.weight == best_weight &&
         std::tie(identity->rank, other) < std::tie(best_rank, best))) {
      best = other;
      best_weight = edge.weight;
      best_rank = identity->rank;
    }
  }
  return best;
}

absl::StatusOr<bool> UnitOfWork::CountedBandPair(int64_t a, int64_t b,
                                                 double weight) {
  const std::optional<matching::CandidateIndex::Identity> identity_a =
      IdentityOf(a);
  const std::optional<matching::CandidateIndex::Identity> identity_b =
      IdentityOf(b);
  if (!identity_a.has_value() || !identity_b.has_value()) return false;
  if (exclusive_sources_.contains(identity_a->source) &&
      exclusive_sources_.contains(identity_b->source)) {
    // Deduplicated sources: the constraint keeps the linking one-to-one.
    return weight >= model_.one_to_one_weight();
  }
  if (weight < model_.best_match_weight()) return false;
  MDM_ASSIGN_OR_RETURN(int64_t best_of_a, BestToward(a, identity_b->source));
  if (best_of_a != b) return false;
  MDM_ASSIGN_OR_RETURN(int64_t best_of_b, BestToward(b, identity_a->source));
  return best_of_b == a;
}

void UnitOfWork::NotePartners(int64_t record_id,
                              absl::Span<const storage::Edge> edges, bool old) {
  for (const storage::Edge& edge : edges) {
    if (edge.weight < model_.link_weight()) continue;
    partners_.push_back({.record = record_id,
                         .partner = edge.a == record_id ? edge.b : edge.a,
                         .old = old});
  }
}

// The part re-clustered starts from the changed records, the golden records
// given, and the partners whose best candidates the change moved; each with
// every member of its golden record, its must-link partners, and all its
// pairs. Recluster widens it as ClusterPart asks.
absl::Status UnitOfWork::Collect(absl::Span<const int64_t> seed_records,
                                 absl::Span<const int64_t> seed_goldens) {
  edges_.clear();
  identities_.clear();
  seen_pairs_.clear();
  cluster_records_.clear();
  changed_records_.clear();
  changed_goldens_.clear();
  std::vector<int64_t> queue(seed_records.begin(), seed_records.end());
  changed_records_.insert(seed_records.begin(), seed_records.end());
  std::vector<int64_t> members;
  for (int64_t golden : seed_goldens) {
    changed_goldens_.insert(golden);
    members.clear();
    MDM_RETURN_IF_ERROR(AddGolden(golden, members));
    queue.insert(queue.end(), members.begin(), members.end());
  }
  // Partners whose pairs changed in a way that changes how their clusters
  // grew: a lost pair may have been counted; a new pair changes which of the
  // partner's band pairs count when the changed record is now its best
  // towards the changed record's source (never without a band). A new pair
  // of a seed record needs no more: it leaves a changed cluster, and
  // ClusterPart asks for the partner's; a new pair between two other
  // records (a block re-synced) seeds both.
  const bool band = model_.link_weight() < model_.auto_merge_weight();
  const absl::flat_hash_set<int64_t> seeds(seed_records.begin(),
                                           seed_records.end());
  for (const PartnerChange& change : partners_) {
    bool moved = change.old || !seeds.contains(change.record);
    if (!moved && band) {
      const std::optional<matching::CandidateIndex::Identity> identity =
          IdentityOf(change.record);
      if (!identity.has_value()) {
        moved = true;
      } else {
        MDM_ASSIGN_OR_RETURN(int64_t best,
                             BestToward(change.partner, identity->source));
        moved = best == change.record || best == 0;
      }
    }
    if (moved) {
      queue.push_back(change.partner);
      changed_records_.insert(change.partner);
    }
  }
  partners_.clear();
  return Load(queue);
}

absl::Status UnitOfWork::Load(std::vector<int64_t>& queue) {
  std::vector<int64_t> members;
  for (size_t next = 0; next < queue.size(); ++next) {
    const int64_t id = queue[next];
    if (records_.contains(id)) continue;
    MDM_ASSIGN_OR_RETURN(std::vector<RecordRow> rows, txn_.GetRecords({id}));
    if (rows.empty()) continue;  // deleted in this unit of work
    RecordRow& row = records_[id] = std::move(rows.front());
    if (static_cast<int>(records_.size()) > context_.max_cluster_records) {
      return absl::InternalError(absl::StrCat(
          "re-clustering around record ", RecordLabel(row.key),
          " reaches more than ", context_.max_cluster_records, " records"));
    }
    if (row.golden_id != 0) {
      if (changed_records_.contains(id)) changed_goldens_.insert(row.golden_id);
      members.clear();
      MDM_RETURN_IF_ERROR(AddGolden(row.golden_id, members));
      queue.insert(queue.end(), members.begin(), members.end());
    }
    MDM_RETURN_IF_ERROR(CollectJudgements(row, queue));
    MDM_ASSIGN_OR_RETURN(const std::vector<storage::Edge>* edges, EdgesOf(id));
    for (const storage::Edge& edge : *edges) {
      if (!seen_pairs_.insert({edge.a, edge.b}).second) continue;
      pairs_.push_back({edge.a, edge.b, edge.weight});
      if (!whole_group_) continue;
      // A whole group: walk every counted pair.
      const int64_t other = edge.a == id ? edge.b : edge.a;
      if (edge.weight >= model_.auto_merge_weight()) {
        queue.push_back(other);
      } else if (edge.weight >= model_.link_weight()) {
        MDM_ASSIGN_OR_RETURN(bool counted,
                             CountedBandPair(id, other, edge.weight));
        if (counted) queue.push_back(other);
      }
    }
  }
  // Partners beyond the records loaded take part in best-candidate tests.
  outside_.clear();
  for (const matching::ScoredPair& pair : pairs_) {
    for (int64_t id : {pair.a, pair.b}) {
      if (records_.contains(id) || outside_.contains(id)) continue;
      const std::optional<matching::CandidateIndex::Identity> identity =
          IdentityOf(id);
      if (!identity.has_value()) continue;  // unknown: counted as such
      outside_.emplace(id, *identity);
    }
  }
  return absl::OkStatus();
}

absl::Status UnitOfWork::CollectJudgements(const RecordRow& row,
                                           std::vector<int64_t>& queue) {
  MDM_ASSIGN_OR_RETURN(std::vector<storage::JudgementRow> judgements,
                       txn_.JudgementsOf(row.entity_type, row.key));
  for (const storage::JudgementRow& judgement : judgements) {
    if (judgement.kind == storage::JudgementKind::kUnsure) continue;
    const storage::SourceKey& other =
        judgement.a == row.key ? judgement.b : judgement.a;
    MDM_ASSIGN_OR_RETURN(std::vector<storage::XrefRow> xrefs,
                         txn_.LookupXrefs(other));
    for (const storage::XrefRow& xref : xrefs) {
      if (xref.entity_type != row.entity_type) continue;
      if (judgement.kind == storage::JudgementKind::kMustLink) {
        must_links_.push_back({row.id, xref.record_id});
        queue.push_back(xref.record_id);
      } else {
        cannot_links_.push_back({row.id, xref.record_id});
      }
    }
  }
  return absl::OkStatus();
}

absl::Status UnitOfWork::AddGolden(int64_t golden_id,
                                   std::vector<int64_t>& members) {
  if (!goldens_.insert(golden_id).second) return absl::OkStatus();
  MDM_ASSIGN_OR_RETURN(members, txn_.GoldenMemberIds(golden_id));
  return absl::OkStatus();
}

absl::StatusOr<GoldenRow> UnitOfWork::LoadGolden(int64_t golden_id,
                                                 bool retired) {
  MDM_ASSIGN_OR_RETURN(std::optional<GoldenRow> golden,
                       txn_.GetGolden(golden_id));
  const GoldenState expected =
      retired ? GoldenState::kRetired : GoldenState::kLive;
  if (!golden.has_value() || golden->state != expected) {
    return absl::InternalError(
        absl::StrCat("golden record ", golden_id,
                     retired ? " was to be retired but is not"
                             : " holds records but is not live"));
  }
  return *std::move(golden);
}

absl::Status UnitOfWork::Apply(
    const std::vector<std::vector<int64_t>>& clusters) {
  absl::flat_hash_map<int64_t, size_t> cluster_of;
  for (size_t c = 0; c < clusters.size(); ++c) {
    for (int64_t id : clusters[c]) cluster_of[id] = c;
  }
  // Each old golden record goes to the cluster holding its oldest remaining
  // record; a cluster heir to several keeps the oldest and merges the rest.
  std::vector<std::vector<int64_t>> heirs(clusters.size());
  std::vector<int64_t> orphans;
  absl::flat_hash_map<int64_t, int64_t> oldest_member;
  for (const auto& [id, row] : records_) {  // ascending ids
    if (row.golden_id != 0) oldest_member.emplace(row.golden_id, id);
  }
  for (int64_t golden : goldens_) {  // ascending: oldest golden first
    auto oldest = oldest_member.find(golden);
    if (oldest == oldest_member.end()) {
      orphans.push_back(golden);
    } else {
      heirs[cluster_of[oldest->second]].push_back(golden);
    }
  }
  MDM_ASSIGN_OR_RETURN(const RedirectPlan plan,
                       PlanRedirects(clusters, cluster_of, heirs));
  // Split-off parts first, so that records leave a golden record before its
  // update is reported.
  for (size_t c = 0; c < clusters.size(); ++c) {
    if (heirs[c].empty()) {
      MDM_RETURN_IF_ERROR(ApplyCluster(clusters[c], heirs[c], plan.revive[c]));
    }
  }
  for (size_t c = 0; c < clusters.size(); ++c) {
    if (!heirs[c].empty())
      MDM_RETURN_IF_ERROR(ApplyCluster(clusters[c], heirs[c]));
  }
  for (int64_t golden : orphans) {
    MDM_ASSIGN_OR_RETURN(GoldenChange * change, Change(golden));
    change->row.state = GoldenState::kRetired;
    retired_.insert(golden);
    MDM_RETURN_IF_ERROR(Emit(ChangeKind::kGoldenRetired, golden, {}));
  }
  // After the merges above re-pointed redirects: those that must lead
  // elsewhere.
  for (const auto& [retired, target] : plan.retarget) {
    MDM_ASSIGN_OR_RETURN(GoldenChange * change,
                         Change(retired, /*retired=*/true));
    change->row.merged_into = target;
    MDM_RETURN_IF_ERROR(
        Emit(ChangeKind::kGoldenMerged, retired, {}, {}, target));
  }
  return absl::OkStatus();
}

absl::StatusOr<UnitOfWork::RedirectPlan> UnitOfWork::PlanRedirects(
    const std::vector<std::vector<int64_t>>& clusters,
    const absl::flat_hash_map<int64_t, size_t>& cluster_of,
    const std::vector<std::vector<int64_t>>& heirs) {
  RedirectPlan plan;
  plan.revive.assign(clusters.size(), 0);
  // The id each old golden record ends under: its cluster's first heir.
  absl::flat_hash_map<int64_t, int64_t> successor;
  for (size_t c = 0; c < clusters.size(); ++c) {
    for (int64_t golden : heirs[c]) successor[golden] = heirs[c].front();
  }
  // Only golden records whose members part ways, or that lost a member to a
  // delete, can strand a redirect: when they all stay together, every id
  // merged into theirs keeps leading to its former records.
  absl::flat_hash_map<int64_t, size_t> first_cluster;
  std::set<int64_t> parted = lost_to_delete_;
  for (const auto& [id, row] : records_) {
    if (row.golden_id == 0) continue;
    const size_t c = cluster_of.at(id);
    auto [it, inserted] = first_cluster.emplace(row.golden_id, c);
    if (!inserted && it->second != c) parted.insert(row.golden_id);
  }
  if (parted.empty()) return plan;

  absl::flat_hash_map<storage::SourceKey, int64_t> record_by_key;
  for (const auto& [id, row] : records_) record_by_key.emplace(row.key, id);
  // Where a former record is now: (0, cluster) or (1, golden record outside
  // this unit).
  using Place = std::pair<int, int64_t>;
  std::map<size_t, std::vector<int64_t>> revivals;  // cluster -> ids
  std::map<int64_t, Place> destination;             // retired id -> place
  for (int64_t golden : parted) {
    MDM_ASSIGN_OR_RETURN(std::vector<int64_t> redirected,
                         txn_.RedirectsTo(golden));
    for (int64_t retired : redirected) {
      MDM_ASSIGN_OR_RETURN(std::optional<storage::GoldenVersionRow> retirement,
                           txn_.LastRetirement(retired));
      if (!retirement.has_value()) continue;
      // Per place: how many former records, and the oldest of them.
      std::map<Place, std::pair<int, int64_t>> held;
      for (const storage::DepartedRecord& former : retirement->departed) {
        const RecordRow* row = nullptr;
        std::optional<RecordRow> outside;
        if (auto it = record_by_key.find(former.key);
            it != record_by_key.end()) {
          row = &records_.at(it->second);
        } else {
          MDM_ASSIGN_OR_RETURN(outside,
                               txn_.FindRecord(model_.name(), former.key));
          if (outside.has_value()) row = &*outside;
        }
        // A record deleted, or deleted and sent again since, is not one of
        // the records the retired id stood for.
        if (row == nullptr || row->created_at > retirement->time) continue;
        const Place place = records_.contains(row->id)
                                ? Place{0, cluster_of.at(row->id)}
                                : Place{1, row->golden_id};
        auto [it, inserted] = held.emplace(place, std::make_pair(1, row->id));
        if (!inserted) {
          ++it->second.first;
          it->second.second = std::min(it->second.second, row->id);
        }
      }
      if (held.empty()) continue;  // its records are gone
      auto best = held.begin();
      for (auto it = held.begin(); it != held.end(); ++it) {
        if (it->second.first > best->second.first ||
            (it->second.first == best->second.first &&
             it->second.second < best->second.second)) {
          best = it;
        }
      }
      destination[retired] = best->first;
      if (best->first.first == 0 && heirs[best->first.second].empty()) {
        revivals[best->first.second].push_back(retired);
      }
    }
  }
  for (auto& [cluster, ids] : revivals) {
    plan.revive[cluster] = *std::min_element(ids.begin(), ids.end());
  }
  // Redirects that lead to their target without a word (merges re-point
  // them).
  std::map<int64_t, int64_t> quiet;
  bool revived = false;
  for (const auto& [retired, place] : destination) {
    int64_t target = place.second;
    if (place.first == 0) {
      target = heirs[place.second].empty() ? plan.revive[place.second]
                                           : heirs[place.second].front();
    }
    if (target == retired) {
      revived = true;
      continue;
    }
    MDM_ASSIGN_OR_RETURN(std::optional<GoldenRow> row, txn_.GetGolden(retired));
    int64_t leads_to = row.has_value() ? row->merged_into : 0;
    if (auto it = successor.find(leads_to); it != successor.end()) {
      leads_to = it->second;
    }
    if (target != leads_to) {
      plan.retarget[retired] = target;
    } else {
      quiet.emplace(retired, target);
    }
  }
  // A redirect re-pointed without a word is followed in the feed through
  // the ids it was merged into; when one of those is revived or re-pointed
  // here, the feed would lead elsewhere than the redirect. Say every target.
  if (revived || !plan.retarget.empty()) {
    plan.retarget.insert(quiet.begin(), quiet.end());
  }
  return plan;
}

absl::Status UnitOfWork::ApplyCluster(const std::vector<int64_t>& cluster,
                                      const std::vector<int64_t>& heir_to,
                                      int64_t revive) {
  std::vector<const RecordRow*> members;
  members.reserve(cluster.size());
  for (int64_t id : cluster) members.push_back(&records_.at(id));
  std::vector<storage::GoldenValue> attributes = Survive(members);

  // Keys of members by the golden record they came from (0: new records).
  std::map<int64_t, std::vector<storage::SourceKey>> arrived_from;

  if (heir_to.empty()) {
    int64_t golden_id = revive;
    if (revive != 0) {
      MDM_ASSIGN_OR_RETURN(GoldenChange * change,
                           Change(revive, /*retired=*/true));
      change->row.state = GoldenState::kLive;
      change->row.merged_into = 0;
      change->row.attributes = attributes;
      change->restored = true;
      restored_.insert(revive);
    } else {
      GoldenRow golden{.entity_type = model_.name(),
                       .state = GoldenState::kLive,
                       .attributes = attributes,
                       .version = 1,
                       .created_at = now_,
                       .updated_at = now_};
      MDM_RETURN_IF_ERROR(txn_.InsertGolden(golden));
      golden_id = golden.id;
      created_.insert(golden.id);
      GoldenChange& change = changes_[golden.id];
      change.row = golden;
      change.inserted = true;
    }
    std::vector<storage::SourceKey> keys;
    for (const RecordRow* m : members) {
      if (m->golden_id != 0) arrived_from[m->golden_id].push_back(m->key);
      keys.push_back(m->key);
    }
    for (auto& [old, moved] : arrived_from) {
      MDM_RETURN_IF_ERROR(
          Emit(ChangeKind::kXrefUnlinked, old, std::move(moved)));
    }
    MDM_RETURN_IF_ERROR(MoveRecords(members, golden_id));
    return Emit(
        revive != 0 ? ChangeKind::kGoldenRestored : ChangeKind::kGoldenCreated,
        golden_id, std::move(keys), std::move(attributes));
  }

  const int64_t survivor = heir_to.front();
  const absl::flat_hash_set<int64_t> merging(heir_to.begin() + 1,
                                             heir_to.end());
  std::vector<const RecordRow*> moved;
  for (const RecordRow* m : members) {
    final_golden_[m->id] = survivor;
    if (m->golden_id == survivor) continue;
    arrived_from[m->golden_id].push_back(m->key);
    moved.push_back(m);
  }
  MDM_RETURN_IF_ERROR(MoveRecords(moved, survivor));
  MDM_ASSIGN_OR_RETURN(GoldenChange * target, Change(survivor));
  target->row.attributes = std::move(attributes);

  // Golden records merged into the survivor.
  for (int64_t retired : heir_to) {
    if (retired == survivor) continue;
    MDM_ASSIGN_OR_RETURN(GoldenChange * change, Change(retired));
    change->row.state = GoldenState::kRetired;
    change->row.merged_into = survivor;
    MDM_RETURN_IF_ERROR(txn_.RepointMerged(retired, survivor));
    MDM_ASSIGN_OR_RETURN(target, Change(survivor));
    target->absorbed.push_back(retired);
    merged_.push_back(retired);
    retired_.insert(retired);
    MDM_RETURN_IF_ERROR(Emit(ChangeKind::kGoldenMerged, retired,
                             std::move(arrived_from[retired]), {}, survivor));
    arrived_from.erase(retired);
  }
  // Records that arrived new, or moved from a golden record that lives on.
  for (auto& [old, keys] : arrived_from) {
    if (old != 0 && !merging.contains(old)) {
      MDM_RETURN_IF_ERROR(Emit(ChangeKind::kXrefUnlinked, old, keys));
    }
    MDM_RETURN_IF_ERROR(
        Emit(ChangeKind::kXrefLinked, survivor, std::move(keys)));
  }
  return absl::OkStatus();
}

}  // namespace mdm::engine
