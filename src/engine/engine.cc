#include "src/engine/engine.h"

#include <xxhash.h>

#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "absl/container/btree_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "matching/blocking.h"
#include "matching/clustering.h"
#include "matching/scorer.h"
#include "matching/standardizer.h"
#include "src/base/status_macros.h"
#include "src/engine/golden_id.h"
#include "src/engine/record_validator.h"
#include "src/engine/survivorship.h"

namespace mdm::engine {
namespace {

using storage::ChangeKind;
using storage::ChangeRow;
using storage::GoldenRow;
using storage::GoldenState;
using storage::RecordRow;

uint64_t ContentHash(absl::string_view entity_type,
                     const storage::Attributes& attributes) {
  std::string material(entity_type);
  for (const auto& [name, value] : attributes) {
    absl::StrAppend(&material, "\x1e", name, "\x1f", value);
  }
  return XXH3_64bits(material.data(), material.size());
}

// Follows merge redirects at most this far; longer chains mean corruption,
// since merges re-point older redirects to the survivor.
constexpr int kMaxRedirectHops = 64;

}  // namespace

// One unit of work on the write transaction: the re-clustering of the records
// a change affects, and the golden records and events that follow from it.
class Engine::UnitOfWork {
 public:
  UnitOfWork(Engine& engine, storage::WriteTransaction& txn,
             const matching::EntityModel& model, absl::Time now)
      : engine_(engine), txn_(txn), model_(model), now_(now) {}

  // Standardized features of a stored record, recomputed when they were
  // written under another model.
  matching::StandardizedRecord Features(const RecordRow& row) const {
    matching::StandardizedRecord features;
    if (!matching::DecodeStandardized(model_, row.features, features)) {
      features = matching::Standardize(model_, row.attributes);
    }
    return features;
  }

  // Candidate records sharing a blocking key with `record_id`; blocks larger
  // than the model's cap are skipped.
  absl::StatusOr<std::vector<int64_t>> Candidates(
      int64_t record_id, absl::Span<const matching::BlockingKey> keys) {
    absl::flat_hash_set<int64_t> seen;
    std::vector<int64_t> candidates;
    const int cap = model_.max_block_size();
    for (const matching::BlockingKey& key : keys) {
      MDM_ASSIGN_OR_RETURN(std::vector<int64_t> members,
                           txn_.BlockMembers(key.hash, cap + 1));
      if (static_cast<int>(members.size()) > cap) {
        ++oversized_blocks_;
        continue;
      }
      for (int64_t id : members) {
        if (id != record_id && seen.insert(id).second) {
          candidates.push_back(id);
        }
      }
    }
    std::sort(candidates.begin(), candidates.end());
    return candidates;
  }

  // Scores the record against its candidates and stores the pairs at or above
  // the review threshold as its edges.
  absl::Status ScoreAndStoreEdges(const RecordRow& row,
                                  const matching::StandardizedRecord& features,
                                  absl::Span<const int64_t> candidates) {
    MDM_ASSIGN_OR_RETURN(std::vector<RecordRow> others,
                         txn_.GetRecords(candidates));
    std::vector<storage::Edge> edges;
    for (const RecordRow& other : others) {
      if (other.entity_type != row.entity_type) continue;
      const double weight =
          matching::MatchWeight(model_, features, Features(other));
      if (weight < model_.review_weight()) continue;
      edges.push_back({.a = std::min(row.id, other.id),
                       .b = std::max(row.id, other.id),
                       .weight = weight});
    }
    return txn_.ReplaceEdges(row.id, edges);
  }

  // Re-clusters everything connected by links to `seed_records` and to the
  // members of `seed_goldens`, then writes golden records and events.
  absl::Status Recluster(absl::Span<const int64_t> seed_records,
                         absl::Span<const int64_t> seed_goldens) {
    MDM_RETURN_IF_ERROR(Collect(seed_records, seed_goldens));
    std::vector<int64_t> ids;
    ids.reserve(records_.size());
    for (const auto& [id, row] : records_) ids.push_back(id);
    const std::vector<std::vector<int64_t>> clusters =
        matching::ClusterRecords(ids, pairs_, model_.auto_merge_weight());
    return Apply(clusters);
  }

  // Golden record number of a record after Recluster.
  int64_t GoldenOf(int64_t record_id) const {
    auto it = final_golden_.find(record_id);
    return it == final_golden_.end() ? 0 : it->second;
  }
  bool Created(int64_t golden_id) const { return created_.contains(golden_id); }
  const std::vector<int64_t>& merged() const { return merged_; }
  const absl::flat_hash_set<int64_t>& retired() const { return retired_; }
  int64_t last_sequence() const { return last_sequence_; }

  absl::Status Emit(ChangeKind kind, int64_t golden_id,
                    std::vector<SourceKey> keys,
                    std::vector<storage::GoldenValue> attributes = {},
                    int64_t survivor_id = 0) {
    ChangeRow event{.time = now_,
                    .entity_type = model_.name(),
                    .kind = kind,
                    .golden_id = golden_id,
                    .survivor_id = survivor_id,
                    .keys = std::move(keys),
                    .attributes = std::move(attributes)};
    MDM_RETURN_IF_ERROR(txn_.AppendChange(event));
    last_sequence_ = event.sequence;
    return absl::OkStatus();
  }

 private:
  // Breadth-first walk over golden membership and link edges.
  absl::Status Collect(absl::Span<const int64_t> seed_records,
                       absl::Span<const int64_t> seed_goldens) {
    std::deque<int64_t> queue(seed_records.begin(), seed_records.end());
    for (int64_t golden : seed_goldens) {
      MDM_RETURN_IF_ERROR(AddGolden(golden, queue));
    }
    absl::flat_hash_set<std::pair<int64_t, int64_t>> seen_pairs;
    while (!queue.empty()) {
      const int64_t id = queue.front();
      queue.pop_front();
      if (records_.contains(id)) continue;
      MDM_ASSIGN_OR_RETURN(std::vector<RecordRow> rows, txn_.GetRecords({id}));
      if (rows.empty()) continue;  // deleted in this unit of work
      RecordRow& row = records_[id] = std::move(rows.front());
      if (static_cast<int>(records_.size()) >
          engine_.options_.max_cluster_records) {
        return absl::InternalError(
            absl::StrCat("re-clustering around record ", RecordLabel(row.key),
                         " reaches more than ",
                         engine_.options_.max_cluster_records, " records"));
      }
      if (row.golden_id != 0)
        MDM_RETURN_IF_ERROR(AddGolden(row.golden_id, queue));
      MDM_ASSIGN_OR_RETURN(std::vector<storage::Edge> edges, txn_.EdgesOf(id));
      for (const storage::Edge& edge : edges) {
        if (!seen_pairs.insert({edge.a, edge.b}).second) continue;
        pairs_.push_back({edge.a, edge.b, edge.weight});
        if (edge.weight >= model_.auto_merge_weight()) {
          queue.push_back(edge.a == id ? edge.b : edge.a);
        }
      }
    }
    return absl::OkStatus();
  }

  absl::Status AddGolden(int64_t golden_id, std::deque<int64_t>& queue) {
    if (!goldens_.insert(golden_id).second) return absl::OkStatus();
    MDM_ASSIGN_OR_RETURN(std::vector<int64_t> members,
                         txn_.GoldenMemberIds(golden_id));
    queue.insert(queue.end(), members.begin(), members.end());
    return absl::OkStatus();
  }

  absl::StatusOr<GoldenRow> LoadGolden(int64_t golden_id) {
    MDM_ASSIGN_OR_RETURN(std::optional<GoldenRow> golden,
                         txn_.GetGolden(golden_id));
    if (!golden.has_value() || golden->state != GoldenState::kLive) {
      return absl::InternalError(absl::StrCat(
          "golden record ", golden_id, " holds records but is not live"));
    }
    return *std::move(golden);
  }

  absl::Status Apply(const std::vector<std::vector<int64_t>>& clusters) {
    absl::flat_hash_map<int64_t, size_t> cluster_of;
    for (size_t c = 0; c < clusters.size(); ++c) {
      for (int64_t id : clusters[c]) cluster_of[id] = c;
    }
    // Each old golden record goes to the cluster holding its oldest remaining
    // record; a cluster heir to several keeps the oldest and merges the rest.
    std::vector<std::vector<int64_t>> heirs(clusters.size());
    std::vector<int64_t> orphans;
    for (int64_t golden : goldens_) {  // std::set: ascending, oldest first
      int64_t oldest = 0;
      for (const auto& [id, row] : records_) {  // ascending ids
        if (row.golden_id == golden) {
          oldest = id;
          break;
        }
      }
      if (oldest == 0) {
        orphans.push_back(golden);
      } else {
        heirs[cluster_of[oldest]].push_back(golden);
      }
    }
    // Split-off parts first, so that records leave a golden record before its
    // update is reported.
    for (size_t c = 0; c < clusters.size(); ++c) {
      if (heirs[c].empty()) {
        MDM_RETURN_IF_ERROR(ApplyCluster(clusters[c], heirs[c]));
      }
    }
    for (size_t c = 0; c < clusters.size(); ++c) {
      if (!heirs[c].empty()) {
        MDM_RETURN_IF_ERROR(ApplyCluster(clusters[c], heirs[c]));
      }
    }
    for (int64_t golden : orphans) {
      MDM_ASSIGN_OR_RETURN(GoldenRow row, LoadGolden(golden));
      row.state = GoldenState::kRetired;
      row.version += 1;
      row.updated_at = now_;
      MDM_RETURN_IF_ERROR(txn_.UpdateGolden(row));
      retired_.insert(golden);
      MDM_RETURN_IF_ERROR(Emit(ChangeKind::kGoldenRetired, golden, {}));
    }
    return absl::OkStatus();
  }

  absl::Status ApplyCluster(const std::vector<int64_t>& cluster,
                            const std::vector<int64_t>& heir_to) {
    std::vector<const RecordRow*> members;
    members.reserve(cluster.size());
    for (int64_t id : cluster) members.push_back(&records_.at(id));
    std::vector<storage::GoldenValue> attributes = SurviveAttributes(members);

    // Keys of members by the golden record they came from (0: new records).
    std::map<int64_t, std::vector<SourceKey>> arrived_from;
    std::map<int64_t, std::vector<int64_t>> ids_from;

    if (heir_to.empty()) {
      GoldenRow golden{.entity_type = model_.name(),
                       .state = GoldenState::kLive,
                       .attributes = attributes,
                       .version = 1,
                       .created_at = now_,
                       .updated_at = now_};
      MDM_RETURN_IF_ERROR(txn_.InsertGolden(golden));
      created_.insert(golden.id);
      std::vector<SourceKey> keys;
      for (const RecordRow* m : members) {
        if (m->golden_id != 0) {
          arrived_from[m->golden_id].push_back(m->key);
        }
        keys.push_back(m->key);
      }
      for (auto& [old, moved] : arrived_from) {
        MDM_RETURN_IF_ERROR(
            Emit(ChangeKind::kXrefUnlinked, old, std::move(moved)));
      }
      MDM_RETURN_IF_ERROR(txn_.SetRecordGolden(cluster, golden.id));
      for (int64_t id : cluster) final_golden_[id] = golden.id;
      return Emit(ChangeKind::kGoldenCreated, golden.id, std::move(keys),
                  std::move(attributes));
    }

    const int64_t survivor = heir_to.front();
    const absl::flat_hash_set<int64_t> merging(heir_to.begin() + 1,
                                               heir_to.end());
    std::vector<int64_t> moved_ids;
    for (const RecordRow* m : members) {
      final_golden_[m->id] = survivor;
      if (m->golden_id == survivor) continue;
      arrived_from[m->golden_id].push_back(m->key);
      moved_ids.push_back(m->id);
    }
    MDM_RETURN_IF_ERROR(txn_.SetRecordGolden(moved_ids, survivor));

    // Golden records merged into the survivor.
    for (int64_t retired : heir_to) {
      if (retired == survivor) continue;
      MDM_ASSIGN_OR_RETURN(GoldenRow row, LoadGolden(retired));
      row.state = GoldenState::kRetired;
      row.merged_into = survivor;
      row.version += 1;
      row.updated_at = now_;
      MDM_RETURN_IF_ERROR(txn_.UpdateGolden(row));
      MDM_RETURN_IF_ERROR(txn_.RepointMerged(retired, survivor));
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

    MDM_ASSIGN_OR_RETURN(GoldenRow golden, LoadGolden(survivor));
    const bool attributes_changed = golden.attributes != attributes;
    if (!attributes_changed && moved_ids.empty()) return absl::OkStatus();
    golden.attributes = attributes;
    golden.version += 1;
    golden.updated_at = now_;
    MDM_RETURN_IF_ERROR(txn_.UpdateGolden(golden));
    if (attributes_changed) {
      MDM_RETURN_IF_ERROR(Emit(ChangeKind::kGoldenUpdated, survivor, {},
                               std::move(attributes)));
    }
    return absl::OkStatus();
  }

  Engine& engine_;
  storage::WriteTransaction& txn_;
  const matching::EntityModel& model_;
  const absl::Time now_;

  // Records being re-clustered, by id (ascending), as stored before the unit.
  std::map<int64_t, RecordRow> records_;
  std::set<int64_t> goldens_;  // golden records they belonged to
  std::vector<matching::ScoredPair> pairs_;

  absl::flat_hash_map<int64_t, int64_t> final_golden_;
  absl::flat_hash_set<int64_t> created_;
  absl::flat_hash_set<int64_t> retired_;
  std::vector<int64_t> merged_;
  int64_t last_sequence_ = 0;
  int oversized_blocks_ = 0;
};

Engine::Engine(storage::Store* store, v1::MdmConfig config, Clock* clock,
               EngineOptions options)
    : store_(store),
      config_(std::move(config)),
      clock_(clock),
      options_(options) {}

absl::StatusOr<std::unique_ptr<Engine>> Engine::Create(
    storage::Store* store, const v1::MdmConfig& config, Clock* clock,
    EngineOptions options) {
  std::unique_ptr<Engine> engine(new Engine(store, config, clock, options));
  for (const v1::EntityTypeConfig& type : config.entity_types()) {
    MDM_ASSIGN_OR_RETURN(matching::EntityModel model,
                         matching::EntityModel::Compile(type));
    engine->type_of_prefix_[model.id_prefix()] = model.name();
    engine->models_.emplace(model.name(), std::move(model));
  }
  MDM_ASSIGN_OR_RETURN(auto txn, store->BeginWrite());
  for (const v1::EntityTypeConfig& type : config.entity_types()) {
    absl::Status status =
        txn->RegisterEntityType(type.name(), type.id_prefix());
    if (absl::IsAborted(status)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the configuration gives entity type ", type.name(), " prefix ",
          type.id_prefix(), ", but the database disagrees (", status.message(),
          "); changing prefixes would change existing golden ids"));
    }
    MDM_RETURN_IF_ERROR(status);
  }
  MDM_ASSIGN_OR_RETURN(auto prefixes, txn->EntityTypePrefixes());
  for (const auto& [name, prefix] : prefixes) {
    engine->type_of_prefix_.emplace(prefix, name);
  }
  MDM_ASSIGN_OR_RETURN(int64_t head, txn->HeadSequence());
  MDM_RETURN_IF_ERROR(txn->Commit());
  engine->PublishHead(head);
  return engine;
}

const matching::EntityModel* Engine::Model(
    absl::string_view entity_type) const {
  auto it = models_.find(entity_type);
  return it == models_.end() ? nullptr : &it->second;
}

std::string Engine::GoldenIdOf(absl::string_view entity_type,
                               int64_t number) const {
  for (const auto& [prefix, type] : type_of_prefix_) {
    if (type == entity_type) return FormatGoldenId(prefix, number);
  }
  return absl::StrCat("?", entity_type, "-", number);
}

void Engine::PublishHead(int64_t head) {
  absl::MutexLock lock(&head_mu_);
  if (head > head_sequence_) {
    head_sequence_ = head;
    head_changed_.SignalAll();
  }
}

bool Engine::WaitForChanges(int64_t after_sequence, absl::Time deadline) {
  absl::MutexLock lock(&head_mu_);
  while (head_sequence_ <= after_sequence) {
    if (head_changed_.WaitWithDeadline(&head_mu_, deadline)) break;
  }
  return head_sequence_ > after_sequence;
}

absl::StatusOr<UpsertResult> Engine::ApplyUpsert(storage::WriteTransaction& txn,
                                                 const RecordInput& input) {
  const matching::EntityModel* model = Model(input.entity_type);
  MDM_ASSIGN_OR_RETURN(storage::Attributes attributes,
                       ValidateRecord(input, model, options_.limits));
  const uint64_t hash = ContentHash(input.entity_type, attributes);
  MDM_ASSIGN_OR_RETURN(std::optional<RecordRow> existing,
                       txn.FindRecord(input.entity_type, input.key));
  if (existing.has_value() && existing->content_hash == hash) {
    return UpsertResult{
        .golden_id = GoldenIdOf(input.entity_type, existing->golden_id),
        .outcome = UpsertOutcome::kUnchanged};
  }

  const absl::Time now = clock_->Now();
  UnitOfWork unit(*this, txn, *model, now);
  const matching::StandardizedRecord features =
      matching::Standardize(*model, attributes);
  const std::vector<matching::BlockingKey> keys =
      matching::BlockingKeys(*model, features);

  RecordRow row;
  std::vector<int64_t> seed_goldens;
  if (existing.has_value()) {
    row = *std::move(existing);
    row.version += 1;
    seed_goldens.push_back(row.golden_id);
  } else {
    row.entity_type = input.entity_type;
    row.key = input.key;
    row.version = 1;
    row.created_at = now;
  }
  row.attributes = std::move(attributes);
  row.features = matching::EncodeStandardized(*model, features);
  row.content_hash = hash;
  row.updated_at = now;
  if (existing.has_value()) {
    MDM_RETURN_IF_ERROR(txn.UpdateRecord(row));
  } else {
    MDM_RETURN_IF_ERROR(txn.InsertRecord(row));
  }
  std::vector<uint64_t> key_hashes;
  key_hashes.reserve(keys.size());
  for (const matching::BlockingKey& key : keys) key_hashes.push_back(key.hash);
  MDM_RETURN_IF_ERROR(txn.ReplaceBlockKeys(row.id, key_hashes));
  MDM_ASSIGN_OR_RETURN(std::vector<int64_t> candidates,
                       unit.Candidates(row.id, keys));
  MDM_RETURN_IF_ERROR(unit.ScoreAndStoreEdges(row, features, candidates));
  MDM_RETURN_IF_ERROR(unit.Recluster({row.id}, seed_goldens));

  UpsertResult result;
  const int64_t golden = unit.GoldenOf(row.id);
  result.golden_id = GoldenIdOf(input.entity_type, golden);
  if (existing.has_value()) {
    result.outcome = UpsertOutcome::kUpdated;
  } else {
    result.outcome =
        unit.Created(golden) ? UpsertOutcome::kCreated : UpsertOutcome::kLinked;
  }
  for (int64_t merged : unit.merged()) {
    result.merged_golden_ids.push_back(GoldenIdOf(input.entity_type, merged));
  }
  return result;
}

absl::StatusOr<UpsertResult> Engine::Upsert(const RecordInput& record) {
  std::vector<absl::StatusOr<UpsertResult>> results = UpsertBatch({record});
  return std::move(results.front());
}

std::vector<absl::StatusOr<UpsertResult>> Engine::UpsertBatch(
    absl::Span<const RecordInput> records) {
  std::vector<absl::StatusOr<UpsertResult>> results;
  results.reserve(records.size());
  auto fail_all = [&](const absl::Status& status) {
    results.assign(records.size(), status);
    return results;
  };
  absl::StatusOr<std::unique_ptr<storage::WriteTransaction>> txn =
      store_->BeginWrite();
  if (!txn.ok()) return fail_all(txn.status());
  for (const RecordInput& record : records) {
    absl::Status status = (*txn)->Savepoint();
    if (!status.ok()) return fail_all(status);
    absl::StatusOr<UpsertResult> result = ApplyUpsert(**txn, record);
    status = result.ok() ? (*txn)->ReleaseSavepoint()
                         : (*txn)->RollbackToSavepoint();
    if (!status.ok()) return fail_all(status);
    results.push_back(std::move(result));
  }
  absl::StatusOr<int64_t> head = (*txn)->HeadSequence();
  if (!head.ok()) return fail_all(head.status());
  absl::Status status = (*txn)->Commit();
  if (!status.ok()) return fail_all(status);
  PublishHead(*head);
  return results;
}

absl::StatusOr<DeleteResult> Engine::Delete(absl::string_view entity_type,
                                            const SourceKey& key) {
  MDM_RETURN_IF_ERROR(ValidateKey(entity_type, key, options_.limits));
  const matching::EntityModel* model = Model(entity_type);
  if (model == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown entity type '", entity_type, "'"));
  }
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginWrite());
  MDM_ASSIGN_OR_RETURN(std::optional<RecordRow> row,
                       txn->FindRecord(entity_type, key));
  if (!row.has_value()) {
    return absl::NotFoundError(
        absl::StrCat(entity_type, " record ", RecordLabel(key), " not found"));
  }
  UnitOfWork unit(*this, *txn, *model, clock_->Now());
  MDM_RETURN_IF_ERROR(txn->DeleteRecord(row->id));
  MDM_RETURN_IF_ERROR(
      unit.Emit(ChangeKind::kXrefUnlinked, row->golden_id, {row->key}));
  MDM_RETURN_IF_ERROR(unit.Recluster({}, {row->golden_id}));
  DeleteResult result{
      .golden_id = GoldenIdOf(entity_type, row->golden_id),
      .golden_retired = unit.retired().contains(row->golden_id)};
  MDM_ASSIGN_OR_RETURN(int64_t head, txn->HeadSequence());
  MDM_RETURN_IF_ERROR(txn->Commit());
  PublishHead(head);
  return result;
}

absl::StatusOr<ResolvedId> Engine::Resolve(const SourceKey& key,
                                           absl::string_view entity_type) {
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  return ResolveIn(*txn, key, entity_type);
}

absl::StatusOr<std::vector<absl::StatusOr<ResolvedId>>> Engine::ResolveMany(
    absl::Span<const SourceKey> keys, absl::string_view entity_type) {
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  std::vector<absl::StatusOr<ResolvedId>> results;
  results.reserve(keys.size());
  for (const SourceKey& key : keys) {
    results.push_back(ResolveIn(*txn, key, entity_type));
  }
  return results;
}

absl::StatusOr<ResolvedId> Engine::ResolveIn(storage::ReadTransaction& txn,
                                             const SourceKey& key,
                                             absl::string_view entity_type) {
  MDM_ASSIGN_OR_RETURN(std::vector<storage::XrefRow> xrefs,
                       txn.LookupXrefs(key));
  if (!entity_type.empty()) {
    xrefs.erase(std::remove_if(xrefs.begin(), xrefs.end(),
                               [&](const storage::XrefRow& x) {
                                 return x.entity_type != entity_type;
                               }),
                xrefs.end());
  }
  if (xrefs.empty()) {
    return absl::NotFoundError(
        absl::StrCat(entity_type.empty() ? "" : absl::StrCat(entity_type, " "),
                     "source record ", RecordLabel(key), " not found"));
  }
  if (xrefs.size() > 1) {
    std::vector<std::string> types;
    for (const storage::XrefRow& x : xrefs) types.push_back(x.entity_type);
    return absl::FailedPreconditionError(
        absl::StrCat("source record ", RecordLabel(key), " exists as ",
                     absl::StrJoin(types, " and "), "; give an entity type"));
  }
  return ResolvedId{
      .golden_id = GoldenIdOf(xrefs[0].entity_type, xrefs[0].golden_id),
      .entity_type = xrefs[0].entity_type};
}

absl::StatusOr<ResolvedId> Engine::ResolveGoldenId(
    absl::string_view golden_id) {
  MDM_ASSIGN_OR_RETURN(GoldenView view,
                       GetGolden(golden_id, /*follow_redirects=*/true));
  return ResolvedId{.golden_id = view.golden_id,
                    .entity_type = view.entity_type,
                    .redirected = view.redirected,
                    .retired = view.state == GoldenState::kRetired};
}

absl::StatusOr<GoldenView> Engine::GetGolden(absl::string_view golden_id,
                                             bool follow_redirects) {
  MDM_ASSIGN_OR_RETURN(ParsedGoldenId parsed, ParseGoldenId(golden_id));
  auto not_found = [&] {
    return absl::NotFoundError(
        absl::StrCat("golden record ", golden_id, " not found"));
  };
  auto type = type_of_prefix_.find(parsed.prefix);
  if (type == type_of_prefix_.end()) return not_found();
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  MDM_ASSIGN_OR_RETURN(std::optional<GoldenRow> row,
                       txn->GetGolden(parsed.number));
  if (!row.has_value() || row->entity_type != type->second) return not_found();
  bool redirected = false;
  for (int hops = 0; follow_redirects && row->state == GoldenState::kRetired &&
                     row->merged_into != 0;
       ++hops) {
    if (hops == kMaxRedirectHops) {
      return absl::InternalError(absl::StrCat("golden record ", golden_id,
                                              " redirects more than ",
                                              kMaxRedirectHops, " times"));
    }
    MDM_ASSIGN_OR_RETURN(row, txn->GetGolden(row->merged_into));
    if (!row.has_value()) {
      return absl::InternalError(absl::StrCat(
          "golden record ", golden_id, " redirects to a missing record"));
    }
    redirected = true;
  }
  GoldenView view;
  view.golden_id = GoldenIdOf(row->entity_type, row->id);
  view.entity_type = row->entity_type;
  view.state = row->state;
  if (row->merged_into != 0) {
    view.merged_into = GoldenIdOf(row->entity_type, row->merged_into);
  }
  view.attributes = row->attributes;
  view.version = row->version;
  view.created_at = row->created_at;
  view.updated_at = row->updated_at;
  view.redirected = redirected;
  MDM_ASSIGN_OR_RETURN(view.members, txn->GoldenMembers(row->id));
  std::sort(
      view.members.begin(), view.members.end(),
      [](const RecordRow& a, const RecordRow& b) { return a.key < b.key; });
  return view;
}

absl::StatusOr<ChangePage> Engine::ListChanges(int64_t after_sequence,
                                               int limit,
                                               absl::string_view entity_type) {
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  ChangePage page;
  MDM_ASSIGN_OR_RETURN(page.head_sequence, txn->HeadSequence());
  MDM_ASSIGN_OR_RETURN(std::vector<ChangeRow> rows,
                       txn->ListChanges(after_sequence, limit, entity_type));
  page.events.reserve(rows.size());
  for (ChangeRow& row : rows) {
    ChangeView view;
    view.golden_id = GoldenIdOf(row.entity_type, row.golden_id);
    if (row.survivor_id != 0) {
      view.survivor_id = GoldenIdOf(row.entity_type, row.survivor_id);
    }
    view.row = std::move(row);
    page.events.push_back(std::move(view));
  }
  return page;
}

absl::StatusOr<int64_t> Engine::HeadSequence() {
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  return txn->HeadSequence();
}

namespace {

std::vector<XrefView> ToViews(const Engine& engine,
                              std::vector<storage::XrefRow> rows) {
  std::vector<XrefView> views;
  views.reserve(rows.size());
  for (storage::XrefRow& row : rows) {
    views.push_back(
        {.record_id = row.record_id,
         .entity_type = row.entity_type,
         .key = std::move(row.key),
         .golden_id = engine.GoldenIdOf(row.entity_type, row.golden_id)});
  }
  return views;
}

}  // namespace

absl::StatusOr<std::vector<XrefView>> Engine::ScanXrefs(
    absl::string_view entity_type, int64_t after_record_id, int limit) {
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  MDM_ASSIGN_OR_RETURN(std::vector<storage::XrefRow> rows,
                       txn->ScanXrefs(entity_type, after_record_id, limit));
  return ToViews(*this, std::move(rows));
}

absl::Status Engine::ForEachXref(
    absl::string_view entity_type, int page_size,
    const std::function<bool(std::vector<XrefView>)>& consume) {
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  int64_t after = 0;
  while (true) {
    MDM_ASSIGN_OR_RETURN(std::vector<storage::XrefRow> rows,
                         txn->ScanXrefs(entity_type, after, page_size));
    if (rows.empty()) return absl::OkStatus();
    after = rows.back().record_id;
    const bool last = static_cast<int>(rows.size()) < page_size;
    if (!consume(ToViews(*this, std::move(rows))) || last) {
      return absl::OkStatus();
    }
  }
}

}  // namespace mdm::engine
