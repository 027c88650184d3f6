// Engine methods about the matching model: explanations, training and
// re-matching.
#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "matching/blocking.h"
#include "matching/scorer.h"
#include "matching/standardizer.h"
#include "matching/training.h"
#include "src/base/status_macros.h"
#include "src/engine/engine.h"
#include "src/engine/internal/candidate_index_undo.h"
#include "src/engine/record_validator.h"

namespace mdm::engine {
namespace {

constexpr int kDefaultTrainingRecords = 200000;
// Random pairs sampled for u.
constexpr int64_t kRandomPairs = 1000000;
// Candidate pairs kept per blocking rule for EM.
constexpr int64_t kPairsPerRule = 1000000;
// Fixed so that training the same records twice gives the same model.
constexpr uint64_t kTrainingSeed = 0x6d646d2d7472616eULL;

matching::RecordFeatures FeaturesOf(const matching::EntityModel& model,
                                    const storage::RecordRow& row) {
  matching::RecordFeatures features;
  if (!matching::DecodeFeatures(model, row.features, features)) {
    features = matching::Standardize(model, row.attributes);
  }
  return features;
}

std::string Shown(const matching::Feature& feature) {
  return feature.missing() ? "" : feature.value;
}

// Why a comparison that fell in no level did not count, as its level label.
std::string NotCountedBecause(const matching::EntityModel& model,
                              const matching::Comparison& comparison,
                              const matching::RecordFeatures& a,
                              const matching::RecordFeatures& b) {
  auto both = [&](int attribute) {
    return !a.attributes[attribute].missing() &&
           !b.attributes[attribute].missing();
  };
  if (!both(comparison.attribute)) return "missing";
  for (int other : comparison.unless_compared) {
    const matching::Comparison& carrier = model.comparisons()[other];
    if (both(carrier.attribute)) {
      return absl::StrCat("not counted (", carrier.name, " compared)");
    }
  }
  return "no level applies";
}

UnitCause RematchCause(const matching::EntityModel& model) {
  return {.cause = storage::ChangeCause::kRematch,
          .note = model.version() == 0
                      ? std::string("default model")
                      : absl::StrCat("model version ", model.version())};
}

}  // namespace

absl::StatusOr<storage::RecordRow> Engine::FindRef(
    storage::ReadTransaction& txn, const RecordRef& ref) {
  std::string type = ref.entity_type;
  if (type.empty()) {
    MDM_ASSIGN_OR_RETURN(ResolvedId resolved, ResolveIn(txn, ref.key, ""));
    type = resolved.entity_type;
  }
  MDM_ASSIGN_OR_RETURN(std::optional<storage::RecordRow> row,
                       txn.FindRecord(type, ref.key));
  if (!row.has_value()) {
    return absl::NotFoundError(absl::StrCat(
        type, " source record ", RecordLabel(ref.key), " not found"));
  }
  return *std::move(row);
}

absl::StatusOr<Explanation> Engine::Explain(const RecordRef& a,
                                            const RecordRef& b) {
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  MDM_ASSIGN_OR_RETURN(storage::RecordRow row_a, FindRef(*txn, a));
  MDM_ASSIGN_OR_RETURN(storage::RecordRow row_b, FindRef(*txn, b));
  if (row_a.entity_type != row_b.entity_type) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot compare ", row_a.entity_type, " record ", RecordLabel(a.key),
        " with ", row_b.entity_type, " record ", RecordLabel(b.key)));
  }
  const std::shared_ptr<const matching::EntityModel> model =
      Model(row_a.entity_type);
  if (model == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(
        "entity type ", row_a.entity_type, " is not in the configuration"));
  }
  const matching::RecordFeatures fa = FeaturesOf(*model, row_a);
  const matching::RecordFeatures fb = FeaturesOf(*model, row_b);
  const matching::PairScore score = matching::ScorePair(*model, fa, fb);

  Explanation explanation;
  explanation.entity_type = row_a.entity_type;
  explanation.golden_id_a = GoldenIdOf(row_a.entity_type, row_a.golden_id);
  explanation.golden_id_b = GoldenIdOf(row_b.entity_type, row_b.golden_id);
  explanation.prior_weight = model->prior_weight();
  explanation.model_version = model->version();
  for (const matching::ComparisonOutcome& outcome : score.outcomes) {
    const matching::Comparison& comparison =
        model->comparisons()[outcome.comparison];
    ComparisonExplanation row{
        .comparison = comparison.name,
        .attribute = model->attributes()[comparison.attribute].name,
        .value_a = Shown(fa.attributes[comparison.attribute]),
        .value_b = Shown(fb.attributes[comparison.attribute]),
        .level = NotCountedBecause(*model, comparison, fa, fb),
        .weight = outcome.weight,
        .tf_adjusted = outcome.tf_adjusted};
    if (outcome.level >= 0) {
      const matching::ComparisonLevel& level = comparison.levels[outcome.level];
      row.level = level.label;
      row.counted = true;
      row.m = level.m;
      row.u = level.u;
    }
    explanation.comparisons.push_back(std::move(row));
  }
  // A pair decided apart shows its evidence; the decision says NO_MATCH.
  explanation.match_weight = score.evidence_weight;
  explanation.match_probability =
      matching::WeightToProbability(score.evidence_weight);
  explanation.decision =
      score.apart_attribute >= 0                   ? MatchDecision::kNoMatch
      : score.weight >= model->auto_merge_weight() ? MatchDecision::kLink
      : score.weight >= model->review_weight()     ? MatchDecision::kReview
                                                   : MatchDecision::kNoMatch;

  const std::vector<matching::BlockingKey> keys_a =
      matching::BlockingKeys(*model, fa, /*with_text=*/true);
  const std::vector<matching::BlockingKey> keys_b =
      matching::BlockingKeys(*model, fb, /*with_text=*/false);
  absl::flat_hash_set<uint64_t> in_b;
  for (const matching::BlockingKey& key : keys_b) in_b.insert(key.hash);
  for (const matching::BlockingKey& key : keys_a) {
    if (!in_b.contains(key.hash)) continue;
    const matching::BlockingRule& rule = model->blocking_rules()[key.rule];
    const int64_t block_size =
        static_cast<int64_t>(candidate_index_.BlockSize(key.hash));
    explanation.shared_blocks.push_back(
        {.rule = rule.name,
         .key = key.text,
         .block_size = block_size,
         .oversized = block_size > rule.max_block_size});
  }

  for (size_t i = 0; i < model->attributes().size(); ++i) {
    const matching::AttributeSpec& spec = model->attributes()[i];
    const matching::Feature& x = fa.attributes[i];
    const matching::Feature& y = fb.attributes[i];
    if (spec.distinguishing && !spec.strong &&
        matching::FeaturesConflict(spec.kind, x, y)) {
      explanation.conflicts.push_back(
          absl::StrCat(spec.name, ": ", absl::StrJoin(x.codes, " "), " vs ",
                       absl::StrJoin(y.codes, " ")));
    }
    if (!spec.strong) continue;
    for (const std::string& cx : x.codes) {
      for (const std::string& cy : y.codes) {
        if (!matching::StrongValuesCompatible(spec.kind, cx, cy)) {
          explanation.conflicts.push_back(
              absl::StrCat(spec.name, ": ", cx, " vs ", cy));
        }
      }
    }
  }
  auto exclusive = clustering_.exclusive_sources.find(row_a.key.source);
  if (row_a.key.source == row_b.key.source &&
      exclusive != clustering_.exclusive_sources.end()) {
    explanation.conflicts.push_back(
        absl::StrCat("both records come from ", row_a.key.source,
                     ", a source declared deduplicated"));
  }
  return explanation;
}

absl::StatusOr<TrainingOutcome> Engine::TrainModel(
    absl::string_view entity_type, int max_records) {
  const absl::Time start = absl::Now();
  const std::shared_ptr<const matching::EntityModel> model = Model(entity_type);
  if (model == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown entity type '", entity_type, "'"));
  }
  if (max_records <= 0) max_records = kDefaultTrainingRecords;

  // A uniform sample of the records, from one snapshot.
  matching::TrainingSample sample;
  {
    MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
    MDM_ASSIGN_OR_RETURN(int64_t count, txn->CountRecords(entity_type));
    const int64_t stride =
        std::max<int64_t>(1, (count + max_records - 1) / max_records);
    int64_t after = 0;
    int64_t seen = 0;
    while (true) {
      MDM_ASSIGN_OR_RETURN(std::vector<storage::RecordRow> rows,
                           txn->ScanRecords(entity_type, after, 2000));
      if (rows.empty()) break;
      after = rows.back().id;
      for (const storage::RecordRow& row : rows) {
        if (seen++ % stride == 0) {
          sample.records.push_back(FeaturesOf(*model, row));
        }
      }
    }
  }
  const int32_t n = static_cast<int32_t>(sample.records.size());

  // Candidate pairs per blocking rule, from an in-memory blocking index of the
  // sample, with the same block-size cap as ingest.
  const size_t rules = model->blocking_rules().size();
  std::vector<absl::flat_hash_map<uint64_t, std::vector<int32_t>>> blocks(
      rules);
  for (int32_t i = 0; i < n; ++i) {
    for (const matching::BlockingKey& key :
         matching::BlockingKeys(*model, sample.records[i])) {
      blocks[key.rule][key.hash].push_back(i);
    }
  }
  sample.blocked_pairs.resize(rules);
  for (size_t r = 0; r < rules; ++r) {
    absl::flat_hash_set<std::pair<int32_t, int32_t>> seen;
    std::vector<std::vector<int32_t>*> ordered;
    for (auto& [hash, members] : blocks[r]) ordered.push_back(&members);
    // Deterministic order: by first member.
    std::sort(ordered.begin(), ordered.end(),
              [](const auto* x, const auto* y) { return *x < *y; });
    const int cap = model->blocking_rules()[r].max_block_size;
    for (const std::vector<int32_t>* members : ordered) {
      if (members->size() < 2 || static_cast<int>(members->size()) > cap) {
        continue;
      }
      for (size_t i = 0; i < members->size(); ++i) {
        for (size_t j = i + 1; j < members->size(); ++j) {
          const auto pair = std::minmax((*members)[i], (*members)[j]);
          if (seen.insert(pair).second) {
            sample.blocked_pairs[r].push_back({pair.first, pair.second});
          }
        }
      }
      if (static_cast<int64_t>(sample.blocked_pairs[r].size()) >=
          kPairsPerRule) {
        break;
      }
    }
  }
  const int64_t all_pairs = static_cast<int64_t>(n) * (n - 1) / 2;
  sample.random_pairs = matching::RandomPairs(
      n, std::min(kRandomPairs, all_pairs), kTrainingSeed);

  absl::StatusOr<v1::TrainedModel> learned =
      matching::TrainModel(*model, sample, {});
  if (absl::IsFailedPrecondition(learned.status())) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot train ", entity_type, ": ", learned.status().message(), "; ",
        model->version() == 0
            ? std::string("the configuration's defaults stay active")
            : absl::StrCat("model version ", model->version(),
                           " stays active")));
  }
  if (!learned.ok()) return learned.status();
  v1::TrainedModel trained = *std::move(learned);
  trained.set_entity_type(std::string(entity_type));
  const absl::Time trained_at = clock_->Now();
  {
    MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginWrite());
    MDM_ASSIGN_OR_RETURN(std::optional<storage::ModelRow> latest,
                         txn->LatestModel(entity_type));
    trained.set_version(latest.has_value() ? latest->version + 1 : 1);
    MDM_RETURN_IF_ERROR(
        txn->InsertModel({.entity_type = std::string(entity_type),
                          .version = trained.version(),
                          .created_at = trained_at,
                          .parameters = trained.SerializeAsString()}));
    MDM_RETURN_IF_ERROR(txn->Commit());
  }
  MDM_RETURN_IF_ERROR(InstallTrained(trained, trained_at));
  MDM_ASSIGN_OR_RETURN(RematchOutcome rematched, Rematch(entity_type));
  return TrainingOutcome{.model = std::move(trained),
                         .rematched_records = rematched.records,
                         .seconds = absl::ToDoubleSeconds(absl::Now() - start)};
}

absl::StatusOr<RematchOutcome> Engine::Rematch(absl::string_view entity_type) {
  const absl::Time start = absl::Now();
  if (Model(entity_type) == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown entity type '", entity_type, "'"));
  }
  // Pass 1: blocking keys and scored pairs under the active model.
  RematchOutcome outcome;
  for (int64_t after = 0;;) {
    MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginWrite());
    CandidateIndexUndo index_undo(candidate_index_);
    const std::shared_ptr<const matching::EntityModel> model =
        Model(entity_type);
    MDM_ASSIGN_OR_RETURN(
        std::vector<storage::RecordRow> rows,
        txn->ScanRecords(entity_type, after, options_.rematch_batch_size));
    if (rows.empty()) break;
    UnitOfWork unit(clustering_, *txn, *model, clock_->Now(),
                    RematchCause(*model));
    for (storage::RecordRow& row : rows) {
      matching::RecordFeatures features;
      if (!matching::DecodeFeatures(*model, row.features, features)) {
        features = matching::Standardize(*model, row.attributes);
        row.features = matching::EncodeFeatures(*model, features);
        MDM_RETURN_IF_ERROR(txn->UpdateRecord(row));
      }
      const std::vector<matching::BlockingKey> keys =
          matching::BlockingKeys(*model, features);
      std::vector<uint64_t> hashes;
      for (const matching::BlockingKey& key : keys) hashes.push_back(key.hash);
      const std::vector<matching::BlockingKey> old_keys =
          unit.IndexedKeys(row.id);
      candidate_index_.Replace(row.id, std::move(hashes), row.features,
                               RecordIdentity(row.key));
      MDM_ASSIGN_OR_RETURN(std::vector<int64_t> candidates,
                           unit.Candidates(row.id, keys));
      MDM_RETURN_IF_ERROR(unit.ScoreAndStoreEdges(row, features, candidates));
      MDM_RETURN_IF_ERROR(unit.ResyncCrossedBlocks(row.id, old_keys, keys));
    }
    after = rows.back().id;
    outcome.records += static_cast<int64_t>(rows.size());
    MDM_RETURN_IF_ERROR(txn->Commit());
    index_undo.Committed();
  }
  // Pass 2: every connected group re-clustered once.
  absl::flat_hash_set<int64_t> done;
  for (int64_t after = 0;;) {
    MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginWrite());
    const std::shared_ptr<const matching::EntityModel> model =
        Model(entity_type);
    MDM_ASSIGN_OR_RETURN(
        std::vector<storage::RecordRow> rows,
        txn->ScanRecords(entity_type, after, options_.rematch_batch_size));
    if (rows.empty()) break;
    const absl::Time now = clock_->Now();
    for (const storage::RecordRow& row : rows) {
      if (done.contains(row.id)) continue;
      UnitOfWork unit(clustering_, *txn, *model, now, RematchCause(*model));
      MDM_RETURN_IF_ERROR(unit.ReclusterGroup(row.id));
      for (int64_t id : unit.ReclusteredRecords()) done.insert(id);
      outcome.golden_records_created +=
          static_cast<int64_t>(unit.created().size());
      outcome.golden_records_retired +=
          static_cast<int64_t>(unit.retired().size());
      outcome.records_moved += unit.moved_records();
    }
    after = rows.back().id;
    MDM_ASSIGN_OR_RETURN(int64_t head, txn->HeadSequence());
    MDM_RETURN_IF_ERROR(txn->Commit());
    PublishHead(head);
  }
  outcome.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  return outcome;
}

absl::StatusOr<ActiveModel> Engine::GetModel(absl::string_view entity_type) {
  absl::MutexLock lock(&models_mu_);
  auto it = models_.find(entity_type);
  if (it == models_.end()) {
    return absl::NotFoundError(
        absl::StrCat("entity type '", entity_type, "' not found"));
  }
  ActiveModel active{
      .model = it->second.trained,
      .trained_at = it->second.trained_at,
      .oversized_blocks_skipped = it->second.oversized_blocks_skipped};
  active.model.set_entity_type(std::string(entity_type));
  return active;
}

}  // namespace mdm::engine
