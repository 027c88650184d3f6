// Engine: the ingest pipeline and the reads behind the API.
//
// Every write is one unit of work inside one storage transaction:
//   validate -> standardize -> blocking keys -> candidates from the block
//   index -> score -> edges -> cluster the affected records -> golden ids
//   (create, merge with redirect, split) -> golden attributes -> change events.
// The change events are written in the same transaction as the change.
//
//   MDM_ASSIGN_OR_RETURN(auto engine,
//                        Engine::Create(store.get(), config, Clock::Real()));
//   MDM_ASSIGN_OR_RETURN(UpsertResult r, engine->Upsert(
//       {.entity_type = "person", .key = {"crm", "42"},
//        .attributes = {{"full_name", "Ann Lee"}, {"email", "ann@x.org"}}}));
//   MDM_ASSIGN_OR_RETURN(ResolvedId id, engine->Resolve({"crm", "42"}, ""));
//
// Each entity type matches with its active model: the configuration's
// defaults, or the newest model version trained from the data
// (TrainModel), loaded from the store at start.
//
// The block index (blocking key -> records) lives in memory: Create builds
// it from the stored records' features, and every write changes it in step
// with its transaction.
//
// Thread safety: all methods may be called concurrently. Writes are
// serialized by the store's single writer; reads run on snapshots and do not
// wait for writes. The Engine does not own the Store or the Clock, which must
// outlive it.
#ifndef MDM_SRC_ENGINE_ENGINE_H_
#define MDM_SRC_ENGINE_ENGINE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "matching/candidate_index.h"
#include "matching/candidate_scores.h"
#include "matching/entity_model.h"
#include "mdm/v1/config.pb.h"
#include "src/base/clock.h"
#include "src/base/worker_pool.h"
#include "src/engine/internal/group_commit.h"
#include "src/engine/internal/unit_of_work.h"
#include "src/engine/invariant_checker.h"
#include "src/engine/source_registry.h"
#include "src/engine/types.h"
#include "storage/store.h"

namespace mdm::engine {

struct EngineOptions {
  RecordLimits limits;
  // Most records re-clustered in one unit of work; a larger connected group
  // is an Internal error rather than an unbounded transaction.
  int max_cluster_records = 20000;
  // Records re-matched per transaction by Rematch.
  int rematch_batch_size = 500;
  // Threads that validate and standardize the records of a batch before the
  // single writer applies them (1: the caller's thread only).
  int prepare_threads = 2;
};

class Engine {
 public:
  // Registers the configuration's entity types (and their golden id prefixes)
  // in the store and loads each type's newest trained model. Fails with
  // FailedPrecondition when the store already uses another prefix for a
  // type, since that would change existing golden ids.
  static absl::StatusOr<std::unique_ptr<Engine>> Create(
      storage::Store* store, const v1::MdmConfig& config, Clock* clock,
      EngineOptions options = {});

  // Inserts or updates one source record. Concurrent calls share a
  // transaction (internal/group_commit.h): each is still applied in a
  // savepoint of its own, so a rejected record changes nothing and fails
  // alone, but a failure of the database as a whole (see UpsertBatch)
  // fails every record of that transaction.
  absl::StatusOr<UpsertResult> Upsert(const RecordInput& record);

  // The part of an upsert that needs no storage: validation,
  // standardization, blocking keys under the type's active model. A caller
  // that receives records one by one (a stream) can prepare them as they
  // arrive, on its own thread, and hand them to UpsertBatch: the writer then
  // only matches and writes.
  struct PreparedRecord {
    std::shared_ptr<const matching::EntityModel> model;
    absl::StatusOr<storage::Attributes> attributes =
        absl::UnknownError("not prepared");
    uint64_t content_hash = 0;
    matching::RecordFeatures features;
    std::vector<matching::BlockingKey> keys;
    std::string encoded_features;  // EncodeFeatures(model, features)
    // Weights against the candidates as ScoreAhead found them; the writer
    // scores only candidates new or changed since.
    matching::CandidateScores scores;
  };
  // Pure; thread-safe.
  PreparedRecord Prepare(const RecordInput& record) const;
  // Scores a prepared record against its candidates as they are now, so
  // that the writer need not (matching/candidate_scores.h). Worth it when
  // the record waits for the writer while another core is free. Thread-safe.
  void ScoreAhead(PreparedRecord& prepared) const;

  // Applies records in order in one transaction, each in a savepoint, so that
  // a rejected record changes nothing and does not stop the others. Returns
  // one result per record. A failure of the database as a whole (disk full,
  // I/O error, no writer within the wait, a failed commit: see
  // storage/store_failure.h) ends the batch instead: nothing of it is kept
  // and every result carries that error, marked store-wide. A record with
  // `partial` set keeps the stored values of the attributes it leaves out.
  std::vector<absl::StatusOr<UpsertResult>> UpsertBatch(
      absl::Span<const RecordInput> records);
  // The same with records prepared by Prepare (one per record, in order). A
  // record prepared under a model that is no longer active is prepared
  // again.
  std::vector<absl::StatusOr<UpsertResult>> UpsertBatch(
      absl::Span<const RecordInput> records,
      std::vector<PreparedRecord> prepared);

  // Checks a source name before records are sent from it, so that a loader
  // can refuse a bad name once rather than per record: InvalidArgument for
  // a malformed name, or a new one that holds ':' or differs only by case
  // from a known source (source_registry.h). With `new_source`, a name
  // refused only for its case is accepted from then on (a new source that
  // happens to resemble another). The verdict warns when the source is new
  // and the configuration does not name it. Upserts apply the same rules to
  // every record.
  absl::StatusOr<SourceVerdict> CheckSource(absl::string_view source,
                                            bool new_source);

  // Deletes a source record. NotFound when it does not exist.
  absl::StatusOr<DeleteResult> Delete(absl::string_view entity_type,
                                      const SourceKey& key);

  // (source, source_id) -> golden id as of the latest commit, from the
  // store's in-memory directory. `entity_type` may be empty unless the key
  // exists under several types (then FailedPrecondition).
  absl::StatusOr<ResolvedId> Resolve(const SourceKey& key,
                                     absl::string_view entity_type);

  // Resolve for many keys, all as of one commit (looked up under one lock);
  // one result per key, in order.
  absl::StatusOr<std::vector<absl::StatusOr<ResolvedId>>> ResolveMany(
      absl::Span<const SourceKey> keys, absl::string_view entity_type);

  // Golden id -> live golden id, following a merge redirect.
  absl::StatusOr<ResolvedId> ResolveGoldenId(absl::string_view golden_id);

  // A golden record with its members. With follow_redirects a retired id
  // leads to the record it was merged into.
  absl::StatusOr<GoldenView> GetGolden(absl::string_view golden_id,
                                       bool follow_redirects);

  // Resolve as of a past time: the golden id the record was linked to then.
  // NotFound when it was not linked then.
  absl::StatusOr<ResolvedId> ResolveAt(const SourceKey& key,
                                       absl::string_view entity_type,
                                       absl::Time as_of);

  // A golden record as it was at `as_of`: attributes and state then, and the
  // keys of its members then (members carry keys only). With
  // follow_redirects a record merged away by then leads to its survivor as
  // it was then. NotFound when the record did not exist yet.
  absl::StatusOr<GoldenView> GetGoldenAt(absl::string_view golden_id,
                                         bool follow_redirects,
                                         absl::Time as_of);

  // Versions of a golden record after `after_version`, oldest first, at
  // most `limit`, each with the attribute changes from the version before.
  absl::StatusOr<GoldenHistory> History(absl::string_view golden_id,
                                        int64_t after_version, int limit);

  // Ranks golden records against a query without writing anything: the
  // query is standardized and blocked like an incoming record, scored
  // against the candidate records, and each golden record is ranked by its
  // best member. InvalidArgument for an unknown entity type or attribute,
  // an oversized value or an empty query.
  absl::StatusOr<SearchResult> Search(const SearchQuery& query);

  // Data stewardship (engine_steward.cc). `actor` is the caller's identity,
  // written into judgements, the audit log and golden versions.

  // Review candidates, best first. InvalidArgument for an unknown type, a
  // bad range or a malformed page token.
  absl::StatusOr<CandidatePage> ListCandidates(const CandidateFilter& filter);

  // One pair side by side: both records as sent and as standardized, their
  // golden records, the explanation, any judgement.
  absl::StatusOr<CandidateDetail> GetCandidate(const RecordRef& a,
                                               const RecordRef& b);

  // Records a judgement of a pair (approve: must-link, reject: cannot-link,
  // unsure: kept for later) and re-clusters the records it affects.
  // FailedPrecondition when it contradicts earlier judgements (a reject of
  // records that must-links hold together, an approve across a
  // cannot-link).
  absl::StatusOr<StewardOutcome> Decide(const RecordRef& a, const RecordRef& b,
                                        Decision decision,
                                        absl::string_view actor,
                                        absl::string_view reason);

  // Reverts a decision (approve, reject or unsure), named by its audit
  // entry: the pair's judgement goes back to the one the decision replaced
  // and the records it touches are re-clustered, as one audited steward
  // action ("undo"). A pair that had no judgement before has none again:
  // it is undecided, back in the review queue while it scores in the band.
  // NotFound for an unknown entry; FailedPrecondition for an entry that is
  // no decision or predates undo, when the pair has been judged again
  // since or the decision has been undone already, or when the judgement
  // to restore contradicts later ones.
  absl::StatusOr<StewardOutcome> UndoDecision(int64_t audit_sequence,
                                              absl::string_view actor,
                                              absl::string_view reason);

  // Merges two live golden records of one type: the one holding the older
  // records keeps its id, the other redirects to it. Recorded as a
  // must-link, so the matcher keeps them together.
  absl::StatusOr<StewardOutcome> MergeGoldens(absl::string_view golden_id,
                                              absl::string_view other_id,
                                              absl::string_view actor,
                                              absl::string_view reason);

  // Splits source records out of a golden record into a new one. Each part
  // is must-linked together and the parts are cannot-linked, so the split
  // stands whatever later evidence says. The part holding the oldest record
  // keeps the id.
  absl::StatusOr<StewardOutcome> SplitGolden(absl::string_view golden_id,
                                             absl::Span<const SourceKey> keys,
                                             absl::string_view actor,
                                             absl::string_view reason);

  // Moves a source record to another golden record: cannot-linked from its
  // old golden record's other members (which are must-linked together, so
  // they stay as they were), must-linked to the new one's oldest record.
  absl::StatusOr<StewardOutcome> MoveRecord(const RecordRef& record,
                                            absl::string_view to_golden_id,
                                            absl::string_view actor,
                                            absl::string_view reason);

  // Audit entries matching `filter`, and naming `golden_id` when it is not
  // empty (a retired id finds the entries of its own past).
  absl::StatusOr<std::vector<AuditView>> ListAudit(storage::AuditFilter filter,
                                                   absl::string_view golden_id);

  // Up to `limit` events after `after_sequence`, only `entity_type`'s when it
  // is not empty.
  absl::StatusOr<ChangePage> ListChanges(int64_t after_sequence, int limit,
                                         absl::string_view entity_type);

  absl::StatusOr<int64_t> HeadSequence();

  // Blocks until the feed holds an event after `after_sequence` or until
  // `deadline`; returns whether it does.
  bool WaitForChanges(int64_t after_sequence, absl::Time deadline);

  // Up to `limit` xrefs of live records after record `after_record_id`.
  absl::StatusOr<std::vector<XrefView>> ScanXrefs(absl::string_view entity_type,
                                                  int64_t after_record_id,
                                                  int limit);

  // Every xref (only `entity_type`'s when not empty) from one snapshot, in
  // pages of at most `page_size`, by increasing record id. Stops early, with
  // OK, when `consume` returns false. InvalidArgument for an unknown entity
  // type.
  absl::Status ForEachXref(
      absl::string_view entity_type, int page_size,
      const std::function<bool(std::vector<XrefView>)>& consume);

  // Why two stored records do or do not match. NotFound for an unknown
  // record; InvalidArgument when their entity types differ.
  absl::StatusOr<Explanation> Explain(const RecordRef& a, const RecordRef& b);

  // Learns a new model version of `entity_type` from its records (at most
  // `max_records`, sampled uniformly; 0 means 200,000), stores it, makes it
  // active and re-matches every record of the type under it.
  absl::StatusOr<TrainingOutcome> TrainModel(absl::string_view entity_type,
                                             int max_records);

  // The batch path: scores every record of `entity_type` again under the
  // active model and re-clusters every connected group from scratch. On a
  // healthy store the partition does not change (design invariant 4), so
  // the outcome's counts are 0 unless the model or standardizers changed.
  // Committed in batches: other writes interleave between batches.
  // InvalidArgument for an unknown entity type.
  absl::StatusOr<RematchOutcome> Rematch(absl::string_view entity_type);

  // The active model of an entity type.
  absl::StatusOr<ActiveModel> GetModel(absl::string_view entity_type);

  // The active model of an entity type, or null when the type is unknown.
  std::shared_ptr<const matching::EntityModel> Model(
      absl::string_view entity_type) const;
  const v1::MdmConfig& config() const { return config_; }

  // Public golden id of a golden record number of an entity type.
  std::string GoldenIdOf(absl::string_view entity_type, int64_t number) const;

  // Checks the store's invariants on one snapshot while writes go on
  // (invariant_checker.h).
  absl::StatusOr<InvariantReport> CheckStoreInvariants(
      const CheckOptions& options = {}) const;

  // Writes a consistent copy of the store to a new file at `path` while
  // reads and writes go on. AlreadyExists when `path` exists.
  absl::Status Backup(const std::string& path);

 private:
  struct ModelEntry {
    std::shared_ptr<const matching::EntityModel> model;
    v1::TrainedModel trained;  // empty for the configuration's defaults
    absl::Time trained_at;
    int64_t oversized_blocks_skipped = 0;
  };

  void CountOversizedBlocks(absl::string_view entity_type, int64_t count);
  // Fills the block index from the stored records of every configured type.
  absl::Status LoadCandidateIndex();

  Engine(storage::Store* store, v1::MdmConfig config, Clock* clock,
         EngineOptions options);

  // The stored golden row of a public id, of the right entity type.
  absl::StatusOr<storage::GoldenRow> FindGolden(storage::ReadTransaction& txn,
                                                absl::string_view golden_id);
  // Resolves now, or as of a past time.
  absl::StatusOr<ResolvedId> ResolveIn(
      storage::ReadTransaction& txn, const SourceKey& key,
      absl::string_view entity_type,
      std::optional<absl::Time> as_of = std::nullopt);
  // The id `key` resolves to, given the links of every record with that key.
  absl::StatusOr<ResolvedId> ResolveFromXrefs(
      const SourceKey& key, absl::string_view entity_type,
      std::vector<storage::XrefRow> xrefs, std::optional<absl::Time> as_of);
  // Prepares every record, on up to options_.prepare_threads threads.
  std::vector<PreparedRecord> PrepareAll(
      absl::Span<const RecordInput> records) const;
  // `batch` holds the new sources of the records applied before in the
  // same transaction.
  absl::StatusOr<UpsertResult> ApplyUpsert(storage::WriteTransaction& txn,
                                           const RecordInput& record,
                                           PreparedRecord& prepared,
                                           const SourceRegistry::Batch& batch);
  // Finds a record for Explain: by type and key, or by key alone.
  absl::StatusOr<storage::RecordRow> FindRef(storage::ReadTransaction& txn,
                                             const RecordRef& ref);
  // Writes judgements, re-clusters around `seed_records` and
  // `seed_goldens` as a steward action, and audits it; one transaction.
  absl::StatusOr<StewardOutcome> ApplyStewardAction(
      storage::WriteTransaction& txn, const matching::EntityModel& model,
      const std::vector<storage::JudgementRow>& judgements,
      absl::Span<const int64_t> seed_records,
      absl::Span<const int64_t> seed_goldens, storage::AuditRow audit,
      absl::Span<const int64_t> outcome_records);
  absl::Status InstallTrained(const v1::TrainedModel& trained,
                              absl::Time trained_at);
  void PublishHead(int64_t head);

  storage::Store* const store_;
  const v1::MdmConfig config_;
  // Prepares the records of a batch in parallel (see PrepareAll).
  mutable WorkerPool prepare_pool_;
  Clock* const clock_;
  const EngineOptions options_;
  ClusteringContext clustering_;
  // Blocking key -> records; see CandidateIndex for the consistency contract.
  matching::CandidateIndex candidate_index_;
  // Golden id prefix -> entity type.
  absl::flat_hash_map<std::string, std::string> type_of_prefix_;
  // Source names known from the configuration and the stored records.
  SourceRegistry sources_;

  mutable absl::Mutex models_mu_;
  absl::flat_hash_map<std::string, ModelEntry> models_
      ABSL_GUARDED_BY(models_mu_);

  // Concurrent Upsert calls, applied a batch a transaction.
  GroupCommit<std::pair<RecordInput, PreparedRecord>,
              absl::StatusOr<UpsertResult>>
      upsert_group_;

  absl::Mutex head_mu_;
  absl::CondVar head_changed_;
  int64_t head_sequence_ ABSL_GUARDED_BY(head_mu_) = 0;
};

}  // namespace mdm::engine

#endif  // MDM_SRC_ENGINE_ENGINE_H_
