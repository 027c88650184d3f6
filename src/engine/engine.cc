#include "src/engine/engine.h"

#include <xxhash.h>

#include <algorithm>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "matching/blocking.h"
#include "matching/standardizer.h"
#include "src/base/error_field.h"
#include "src/base/log.h"
#include "src/base/status_macros.h"
#include "src/engine/golden_id.h"
#include "src/engine/internal/candidate_index_undo.h"
#include "src/engine/record_validator.h"
#include "storage/store_failure.h"

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

Engine::Engine(storage::Store* store, v1::MdmConfig config, Clock* clock,
               EngineOptions options)
    : store_(store),
      config_(std::move(config)),
      prepare_pool_(std::max(0, options.prepare_threads - 1)),
      clock_(clock),
      options_(options),
      sources_(config_) {}

absl::StatusOr<std::unique_ptr<Engine>> Engine::Create(
    storage::Store* store, const v1::MdmConfig& config, Clock* clock,
    EngineOptions options) {
  std::unique_ptr<Engine> engine(new Engine(store, config, clock, options));
  engine->clustering_.max_cluster_records = options.max_cluster_records;
  engine->clustering_.candidate_index = &engine->candidate_index_;
  for (const v1::SourceConfig& source : config.sources()) {
    if (source.deduplicated()) {
      const int index =
          static_cast<int>(engine->clustering_.exclusive_sources.size());
      engine->clustering_.exclusive_sources.emplace(source.name(), index);
    }
  }
  for (const v1::EntityTypeConfig& type : config.entity_types()) {
    MDM_ASSIGN_OR_RETURN(SurvivorshipPolicy policy,
                         SurvivorshipPolicy::Create(type, config));
    engine->clustering_.survivorship.emplace(type.name(), std::move(policy));
  }
  {
    absl::MutexLock lock(&engine->models_mu_);
    for (const v1::EntityTypeConfig& type : config.entity_types()) {
      MDM_ASSIGN_OR_RETURN(matching::EntityModel model,
                           matching::EntityModel::Compile(type));
      const std::string name = model.name();
      engine->type_of_prefix_[model.id_prefix()] = name;
      engine->models_[name].model =
          std::make_shared<const matching::EntityModel>(std::move(model));
    }
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
    MDM_ASSIGN_OR_RETURN(std::optional<storage::ModelRow> stored,
                         txn->LatestModel(type.name()));
    if (stored.has_value()) {
      v1::TrainedModel trained;
      if (!trained.ParseFromString(stored->parameters)) {
        return absl::DataLossError(absl::StrCat("model version ",
                                                stored->version, " of ",
                                                type.name(), " is corrupt"));
      }
      MDM_RETURN_IF_ERROR(engine->InstallTrained(trained, stored->created_at));
    }
  }
  MDM_ASSIGN_OR_RETURN(auto prefixes, txn->EntityTypePrefixes());
  for (const auto& [name, prefix] : prefixes) {
    engine->type_of_prefix_.emplace(prefix, name);
  }
  // Every stored source, of every entity type, configured or not.
  MDM_ASSIGN_OR_RETURN(std::vector<std::string> sources, txn->ListSources());
  for (const std::string& source : sources) engine->sources_.AddHeld(source);
  MDM_ASSIGN_OR_RETURN(int64_t head, txn->HeadSequence());
  MDM_RETURN_IF_ERROR(txn->Commit());
  engine->PublishHead(head);
  MDM_RETURN_IF_ERROR(engine->LoadCandidateIndex());
  return engine;
}

absl::Status Engine::LoadCandidateIndex() {
  constexpr int kPage = 4096;
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  for (const v1::EntityTypeConfig& type : config_.entity_types()) {
    const std::shared_ptr<const matching::EntityModel> model =
        Model(type.name());
    for (int64_t after = 0;;) {
      MDM_ASSIGN_OR_RETURN(std::vector<RecordRow> rows,
                           txn->ScanRecords(type.name(), after, kPage));
      if (rows.empty()) break;
      after = rows.back().id;
      std::vector<int64_t> ids(rows.size());
      std::vector<std::vector<uint64_t>> keys(rows.size());
      std::vector<std::string> encoded(rows.size());
      std::vector<matching::CandidateIndex::Identity> identities(rows.size());
      prepare_pool_.ParallelFor(rows.size(), [&](size_t i) {
        ids[i] = rows[i].id;
        identities[i] = RecordIdentity(rows[i].key);
        matching::RecordFeatures features;
        if (matching::DecodeFeatures(*model, rows[i].features, features)) {
          encoded[i] = std::move(rows[i].features);
        } else {  // written under other standardizers
          features = matching::Standardize(*model, rows[i].attributes);
          encoded[i] = matching::EncodeFeatures(*model, features);
        }
        for (const matching::BlockingKey& key :
             matching::BlockingKeys(*model, features)) {
          keys[i].push_back(key.hash);
        }
      });
      candidate_index_.Load(ids, absl::MakeSpan(keys), absl::MakeSpan(encoded),
                            identities);
    }
  }
  return absl::OkStatus();
}

absl::Status Engine::InstallTrained(const v1::TrainedModel& trained,
                                    absl::Time trained_at) {
  const v1::EntityTypeConfig* type_config = nullptr;
  for (const v1::EntityTypeConfig& type : config_.entity_types()) {
    if (type.name() == trained.entity_type()) type_config = &type;
  }
  if (type_config == nullptr) return absl::OkStatus();  // type no longer used
  MDM_ASSIGN_OR_RETURN(matching::EntityModel model,
                       matching::EntityModel::Compile(*type_config, &trained));
  absl::MutexLock lock(&models_mu_);
  ModelEntry& entry = models_[trained.entity_type()];
  entry.model = std::make_shared<const matching::EntityModel>(std::move(model));
  entry.trained = trained;
  entry.trained_at = trained_at;
  return absl::OkStatus();
}

std::shared_ptr<const matching::EntityModel> Engine::Model(
    absl::string_view entity_type) const {
  absl::MutexLock lock(&models_mu_);
  auto it = models_.find(entity_type);
  return it == models_.end() ? nullptr : it->second.model;
}

std::string Engine::GoldenIdOf(absl::string_view entity_type,
                               int64_t number) const {
  for (const auto& [prefix, type] : type_of_prefix_) {
    if (type == entity_type) return FormatGoldenId(prefix, number);
  }
  return absl::StrCat("?", entity_type, "-", number);
}

absl::StatusOr<InvariantReport> Engine::CheckStoreInvariants(
    const CheckOptions& options) const {
  return CheckInvariants(*store_, config_, options);
}

absl::Status Engine::Backup(const std::string& path) {
  return store_->BackupTo(path);
}

void Engine::CountOversizedBlocks(absl::string_view entity_type,
                                  int64_t count) {
  if (count == 0) return;
  absl::MutexLock lock(&models_mu_);
  auto it = models_.find(entity_type);
  if (it != models_.end()) it->second.oversized_blocks_skipped += count;
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

Engine::PreparedRecord Engine::Prepare(const RecordInput& input) const {
  PreparedRecord prepared;
  prepared.model = Model(input.entity_type);
  prepared.attributes =
      ValidateRecord(input, prepared.model.get(), options_.limits);
  if (!prepared.attributes.ok()) return prepared;
  prepared.content_hash = ContentHash(input.entity_type, *prepared.attributes);
  prepared.features =
      matching::Standardize(*prepared.model, *prepared.attributes);
  prepared.keys = matching::BlockingKeys(*prepared.model, prepared.features);
  prepared.encoded_features =
      matching::EncodeFeatures(*prepared.model, prepared.features);
  return prepared;
}

void Engine::ScoreAhead(PreparedRecord& prepared) const {
  if (!prepared.attributes.ok()) return;
  prepared.scores = matching::ScoreCandidates(
      *prepared.model, prepared.features, prepared.keys, candidate_index_);
}

std::vector<Engine::PreparedRecord> Engine::PrepareAll(
    absl::Span<const RecordInput> records) const {
  std::vector<PreparedRecord> prepared(records.size());
  prepare_pool_.ParallelFor(records.size(), [&](size_t i) {
    prepared[i] = Prepare(records[i]);
    if (records.size() > 1) ScoreAhead(prepared[i]);
  });
  return prepared;
}

namespace {

// `input` with every attribute it leaves absent or empty taken from `stored`.
RecordInput MergeAttributes(const storage::Attributes& stored,
                            const RecordInput& input) {
  std::map<std::string, std::string> merged(stored.begin(), stored.end());
  for (const auto& [name, value] : input.attributes) {
    if (!absl::StripAsciiWhitespace(value).empty()) merged[name] = value;
  }
  RecordInput result{.entity_type = input.entity_type, .key = input.key};
  result.attributes.assign(merged.begin(), merged.end());
  return result;
}

}  // namespace

absl::StatusOr<SourceVerdict> Engine::CheckSource(absl::string_view source,
                                                  bool new_source) {
  if (new_source) MDM_RETURN_IF_ERROR(sources_.Confirm(source));
  return sources_.Check(source, nullptr);
}

absl::StatusOr<UpsertResult> Engine::ApplyUpsert(
    storage::WriteTransaction& txn, const RecordInput& input,
    PreparedRecord& prepared, const SourceRegistry::Batch& batch) {
  if (prepared.model != Model(input.entity_type)) {
    prepared = Prepare(input);  // the model changed since
  }
  if (!prepared.attributes.ok()) return prepared.attributes.status();
  absl::StatusOr<SourceVerdict> source =
      sources_.Check(input.key.source, &batch);
  if (!source.ok()) {
    return WithErrorField(absl::InvalidArgumentError(
                              absl::StrCat("record ", RecordLabel(input.key),
                                           ": ", source.status().message())),
                          "key.source");
  }
  MDM_ASSIGN_OR_RETURN(std::optional<RecordRow> existing,
                       txn.FindRecord(input.entity_type, input.key));
  if (input.partial && existing.has_value()) {
    // Read and merged under the write lock, so no other write comes between.
    prepared = Prepare(MergeAttributes(existing->attributes, input));
    if (!prepared.attributes.ok()) return prepared.attributes.status();
  }
  const std::shared_ptr<const matching::EntityModel>& model = prepared.model;
  storage::Attributes& attributes = *prepared.attributes;
  const uint64_t hash = prepared.content_hash;
  if (existing.has_value() && existing->content_hash == hash) {
    return UpsertResult{
        .golden_id = GoldenIdOf(input.entity_type, existing->golden_id),
        .outcome = UpsertOutcome::kUnchanged};
  }

  const absl::Time now = clock_->Now();
  UnitOfWork unit(clustering_, txn, *model, now,
                  {.cause = storage::ChangeCause::kUpsert, .key = input.key});
  const matching::RecordFeatures& features = prepared.features;
  const std::vector<matching::BlockingKey>& keys = prepared.keys;

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
  row.features = std::move(prepared.encoded_features);
  row.content_hash = hash;
  row.updated_at = now;
  if (existing.has_value()) {
    MDM_RETURN_IF_ERROR(txn.UpdateRecord(row));
  } else {
    // Stored by PlaceNewRecord, once its golden record is known.
    MDM_ASSIGN_OR_RETURN(row.id, txn.NextRecordId());
  }
  std::vector<uint64_t> key_hashes;
  key_hashes.reserve(keys.size());
  for (const matching::BlockingKey& key : keys) key_hashes.push_back(key.hash);
  const std::vector<matching::BlockingKey> old_keys =
      existing.has_value() ? unit.IndexedKeys(row.id)
                           : std::vector<matching::BlockingKey>();
  candidate_index_.Replace(row.id, std::move(key_hashes), row.features,
                           RecordIdentity(row.key));
  MDM_ASSIGN_OR_RETURN(std::vector<int64_t> candidates,
                       unit.Candidates(row.id, keys));
  CountOversizedBlocks(input.entity_type, unit.oversized_blocks());
  MDM_RETURN_IF_ERROR(
      unit.ScoreAndStoreEdges(row, features, candidates, prepared.scores));
  MDM_RETURN_IF_ERROR(unit.ResyncCrossedBlocks(row.id, old_keys, keys));
  if (existing.has_value()) {
    MDM_RETURN_IF_ERROR(unit.Recluster({row.id}, seed_goldens));
  } else {
    MDM_RETURN_IF_ERROR(unit.PlaceNewRecord(row, features));
  }

  UpsertResult result;
  if (!source->warning.empty()) result.warnings.push_back(source->warning);
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
  // Outside the write lock, on the caller's thread: validation,
  // standardization, and scores against the candidates as they are now.
  PreparedRecord prepared = Prepare(record);
  ScoreAhead(prepared);
  return upsert_group_.Submit(
      {record, std::move(prepared)},
      [this](std::vector<std::pair<RecordInput, PreparedRecord>> batch) {
        std::vector<RecordInput> records;
        std::vector<PreparedRecord> prepared;
        records.reserve(batch.size());
        prepared.reserve(batch.size());
        for (auto& [input, ready] : batch) {
          records.push_back(std::move(input));
          prepared.push_back(std::move(ready));
        }
        return UpsertBatch(records, std::move(prepared));
      });
}

std::vector<absl::StatusOr<UpsertResult>> Engine::UpsertBatch(
    absl::Span<const RecordInput> records) {
  // Outside the write lock: other writers go on meanwhile.
  return UpsertBatch(records, PrepareAll(records));
}

std::vector<absl::StatusOr<UpsertResult>> Engine::UpsertBatch(
    absl::Span<const RecordInput> records,
    std::vector<PreparedRecord> prepared) {
  std::vector<absl::StatusOr<UpsertResult>> results;
  results.reserve(records.size());
  // The batch as a whole failed: nothing of it is kept, and every record
  // carries the error, marked store-wide.
  auto fail_all = [&](absl::Status status, absl::string_view cause) {
    if (!storage::IsStoreFailure(status)) {
      status = storage::MarkStoreFailure(std::move(status), cause);
    }
    results.assign(records.size(), status);
    return results;
  };
  if (prepared.size() != records.size()) {
    return fail_all(absl::InternalError("one prepared record per record"),
                    "internal error");
  }
  absl::StatusOr<std::unique_ptr<storage::WriteTransaction>> txn =
      store_->BeginWrite();
  if (!txn.ok()) return fail_all(txn.status(), "database busy");
  CandidateIndexUndo index_undo(candidate_index_);
  SourceRegistry::Batch new_sources;
  for (size_t i = 0; i < records.size(); ++i) {
    const RecordInput& record = records[i];
    absl::Status status = (*txn)->Savepoint();
    if (!status.ok()) return fail_all(status, "database error");
    const matching::CandidateIndex::Mark mark = candidate_index_.mark();
    absl::StatusOr<UpsertResult> result =
        ApplyUpsert(**txn, record, prepared[i], new_sources);
    if (!result.ok() && storage::IsStoreFailure(result.status())) {
      // SQLite may have rolled the whole transaction back; the records
      // before this one are not kept either.
      return fail_all(result.status(), "");
    }
    if (result.ok()) {
      status = (*txn)->ReleaseSavepoint();
      new_sources.Add(record.key.source);
    } else {
      candidate_index_.RollbackTo(mark);
      status = (*txn)->RollbackToSavepoint();
    }
    if (!status.ok()) return fail_all(status, "database error");
    results.push_back(std::move(result));
  }
  absl::StatusOr<int64_t> head = (*txn)->HeadSequence();
  if (!head.ok()) return fail_all(head.status(), "database error");
  absl::Status status = (*txn)->Commit();
  if (!status.ok()) return fail_all(status, "database error");
  index_undo.Committed();
  sources_.Committed(new_sources);  // still the writer: in commit order
  PublishHead(*head);
  for (const absl::StatusOr<UpsertResult>& result : results) {
    if (!result.ok()) continue;
    for (const std::string& warning : result->warnings) LogInfo(warning);
  }
  return results;
}

absl::StatusOr<DeleteResult> Engine::Delete(absl::string_view entity_type,
                                            const SourceKey& key) {
  MDM_RETURN_IF_ERROR(ValidateKey(entity_type, key, options_.limits));
  const std::shared_ptr<const matching::EntityModel> model = Model(entity_type);
  if (model == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown entity type '", entity_type, "'"));
  }
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginWrite());
  CandidateIndexUndo index_undo(candidate_index_);
  MDM_ASSIGN_OR_RETURN(std::optional<RecordRow> row,
                       txn->FindRecord(entity_type, key));
  if (!row.has_value()) {
    return absl::NotFoundError(
        absl::StrCat(entity_type, " record ", RecordLabel(key), " not found"));
  }
  UnitOfWork unit(clustering_, *txn, *model, clock_->Now(),
                  {.cause = storage::ChangeCause::kDelete, .key = key});
  MDM_RETURN_IF_ERROR(unit.DeleteRecord(*row));
  MDM_RETURN_IF_ERROR(unit.Recluster({}, {row->golden_id}));
  DeleteResult result{
      .golden_id = GoldenIdOf(entity_type, row->golden_id),
      .golden_retired = unit.retired().contains(row->golden_id)};
  MDM_ASSIGN_OR_RETURN(const bool source_left, txn->HoldsSource(key.source));
  MDM_ASSIGN_OR_RETURN(int64_t head, txn->HeadSequence());
  MDM_RETURN_IF_ERROR(txn->Commit());
  index_undo.Committed();
  // Still the writer (the write lease ends with `txn`), so no later write
  // can have brought the source back yet.
  if (!source_left) sources_.Forget(key.source);
  PublishHead(head);
  return result;
}

absl::StatusOr<ResolvedId> Engine::Resolve(const SourceKey& key,
                                           absl::string_view entity_type) {
  std::vector<std::vector<storage::XrefRow>> xrefs =
      store_->LookupCommittedXrefs({&key, 1});
  return ResolveFromXrefs(key, entity_type, std::move(xrefs.front()),
                          std::nullopt);
}

absl::StatusOr<std::vector<absl::StatusOr<ResolvedId>>> Engine::ResolveMany(
    absl::Span<const SourceKey> keys, absl::string_view entity_type) {
  std::vector<std::vector<storage::XrefRow>> xrefs =
      store_->LookupCommittedXrefs(keys);
  std::vector<absl::StatusOr<ResolvedId>> results;
  results.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    results.push_back(ResolveFromXrefs(keys[i], entity_type,
                                       std::move(xrefs[i]), std::nullopt));
  }
  return results;
}

absl::StatusOr<ResolvedId> Engine::ResolveIn(storage::ReadTransaction& txn,
                                             const SourceKey& key,
                                             absl::string_view entity_type,
                                             std::optional<absl::Time> as_of) {
  std::vector<storage::XrefRow> xrefs;
  if (as_of.has_value()) {
    MDM_ASSIGN_OR_RETURN(xrefs, txn.LookupXrefsAt(key, *as_of));
  } else {
    MDM_ASSIGN_OR_RETURN(xrefs, txn.LookupXrefs(key));
  }
  return ResolveFromXrefs(key, entity_type, std::move(xrefs), as_of);
}

absl::StatusOr<ResolvedId> Engine::ResolveFromXrefs(
    const SourceKey& key, absl::string_view entity_type,
    std::vector<storage::XrefRow> xrefs, std::optional<absl::Time> as_of) {
  if (!entity_type.empty()) {
    xrefs.erase(std::remove_if(xrefs.begin(), xrefs.end(),
                               [&](const storage::XrefRow& x) {
                                 return x.entity_type != entity_type;
                               }),
                xrefs.end());
  }
  const std::string when =
      as_of.has_value()
          ? absl::StrCat(" at ", absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ",
                                                  *as_of, absl::UTCTimeZone()))
          : "";
  if (xrefs.empty()) {
    return absl::NotFoundError(
        absl::StrCat(entity_type.empty() ? "" : absl::StrCat(entity_type, " "),
                     "source record ", RecordLabel(key),
                     as_of.has_value() ? absl::StrCat(" was not linked", when)
                                       : std::string(" not found")));
  }
  if (xrefs.size() > 1) {
    std::sort(xrefs.begin(), xrefs.end(),
              [](const storage::XrefRow& a, const storage::XrefRow& b) {
                return a.entity_type < b.entity_type;
              });
    std::vector<std::string> types;
    for (const storage::XrefRow& x : xrefs) types.push_back(x.entity_type);
    return absl::FailedPreconditionError(absl::StrCat(
        "source record ", RecordLabel(key), as_of.has_value() ? " existed" : "",
        " as ", absl::StrJoin(types, " and "), when, "; give an entity type"));
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
  if (!entity_type.empty() && Model(entity_type) == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown entity type '", entity_type, "'"));
  }
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
