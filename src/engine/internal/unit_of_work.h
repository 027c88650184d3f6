// UnitOfWork: one change's re-clustering inside the store's write
// transaction, and the golden records and change events that follow from it.
//
//   UnitOfWork unit(context, txn, model, now,
//                   {.cause = storage::ChangeCause::kUpsert, .key = key});
//   MDM_ASSIGN_OR_RETURN(auto candidates, unit.Candidates(row.id, keys));
//   MDM_RETURN_IF_ERROR(unit.ScoreAndStoreEdges(row, features, candidates));
//   MDM_RETURN_IF_ERROR(unit.Recluster({row.id}, {}));
//   int64_t golden = unit.GoldenOf(row.id);
//
// Every golden record the unit changes gets exactly one new version (with
// what changed and why) when Recluster or PlaceNewRecord returns.
//
// Not thread-safe; lives for one unit of work on the writer's thread. The
// transaction, model and context must outlive it.
#ifndef MDM_SRC_ENGINE_INTERNAL_UNIT_OF_WORK_H_
#define MDM_SRC_ENGINE_INTERNAL_UNIT_OF_WORK_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "matching/blocking.h"
#include "matching/candidate_index.h"
#include "matching/candidate_scores.h"
#include "matching/clustering.h"
#include "matching/entity_model.h"
#include "matching/features.h"
#include "src/engine/survivorship.h"
#include "storage/store.h"

namespace mdm::engine {

// What a unit of work needs from the engine.
struct ClusteringContext {
  // Source name -> index, for sources declared deduplicated.
  absl::flat_hash_map<std::string, int> exclusive_sources;
  // Most records re-clustered at once.
  int max_cluster_records = 20000;
  // Entity type -> its survivorship rules; most recent when absent.
  absl::flat_hash_map<std::string, SurvivorshipPolicy> survivorship;
  // Blocking key -> records, changed by the unit as it writes (owned by the
  // engine; undone with CandidateIndexUndo when the transaction fails).
  matching::CandidateIndex* candidate_index = nullptr;
};

// The identity clustering gives a stored record (ClusterRecord's source and
// rank): hashes of its source and of its source key, so a function of what
// the record is, never of when it arrived.
matching::CandidateIndex::Identity RecordIdentity(
    const storage::SourceKey& key);

// Strong values of a record, as (attribute, value).
std::vector<std::pair<int, std::string>> StrongValues(
    const matching::EntityModel& model,
    const matching::RecordFeatures& features);

// Values of the non-strong distinguishing attributes, as ClusterRecord
// wants them; moves their codes out of `features`.
std::vector<std::pair<int, matching::Feature>> DistinguishingValues(
    const matching::EntityModel& model, matching::RecordFeatures& features);

// How clustering sees a stored record: its identity, its deduplicated
// source (`exclusive_source`, -1 when none) and its strong and
// distinguishing values. The unit of work and the checker's batch
// clustering build their records with it, so they cluster alike.
matching::ClusterRecord ClusterRecordFor(const matching::EntityModel& model,
                                         const storage::RecordRow& row,
                                         int exclusive_source);

// Why a unit of work runs; written into every golden version it makes.
struct UnitCause {
  storage::ChangeCause cause = storage::ChangeCause::kUnknown;
  storage::SourceKey key;
  std::string note;
};

class UnitOfWork {
 public:
  UnitOfWork(const ClusteringContext& context, storage::WriteTransaction& txn,
             const matching::EntityModel& model, absl::Time now,
             UnitCause cause);

  // Standardized features of a stored record, recomputed when they were
  // written under other attributes or standardizers.
  matching::RecordFeatures Features(const storage::RecordRow& row) const;

  // Candidate records sharing a blocking key with `record_id`, increasing;
  // blocks larger than the model's cap are skipped and counted.
  absl::StatusOr<std::vector<int64_t>> Candidates(
      int64_t record_id, absl::Span<const matching::BlockingKey> keys);

  // Scores the record against its candidates and stores the pairs at or
  // above the review threshold as its edges. Takes a candidate's weight from
  // `ahead` when its features are unchanged since. Remembers the golden
  // records of the candidates it links to, for PlaceNewRecord.
  absl::Status ScoreAndStoreEdges(const storage::RecordRow& row,
                                  const matching::RecordFeatures& features,
                                  absl::Span<const int64_t> candidates,
                                  const matching::CandidateScores& ahead = {});

  // The blocking keys of a record as the candidate index holds it now (its
  // indexed features); empty when it is not indexed. For
  // ResyncCrossedBlocks' `old_keys`, read before the index changes.
  std::vector<matching::BlockingKey> IndexedKeys(int64_t record_id) const;

  // Keeps the stored pairs equal to the batch candidate pairs when a record's
  // blocks changed from `old_keys` to `new_keys` (the index already holds
  // the new ones; none for a delete). A block a record joined that grew past
  // its rule's cap (or its single-key size) no longer makes candidates (or
  // only of records sharing another key): its other members lose the pairs
  // nothing else supports. A block a record left that shrank back to a
  // limit makes candidates again: its members are scored against each
  // other. The records whose pairs changed are walked by the next
  // Recluster. Cost: nothing unless a block crosses a limit; then the
  // block's members' stored pairs once each, and the candidates of those
  // with a pair inside the block (of every member when the block shrank).
  absl::Status ResyncCrossedBlocks(
      int64_t record_id, absl::Span<const matching::BlockingKey> old_keys,
      absl::Span<const matching::BlockingKey> new_keys);

  // Stores a new record (row.id reserved with NextRecordId, scored with
  // ScoreAndStoreEdges) and puts it into its golden record. When it links to
  // records of one golden record only and adds no constraint that golden
  // record's members could violate, the result of re-clustering is known
  // without walking the cluster: the record joins it (or founds a new one
  // when it links to nothing), and is inserted with its golden id, written
  // once. Otherwise it is inserted unlinked and Recluster places it.
  absl::Status PlaceNewRecord(const storage::RecordRow& row,
                              const matching::RecordFeatures& features);

  // Re-clusters after a change to `seed_records` (new, sent again, judged,
  // or partners of such) and to the golden records `seed_goldens`, then
  // writes golden records, their versions and events. Every other golden
  // record is taken as the batch clustering left it (design invariant 4):
  // the part re-clustered grows only where a decision can differ
  // (matching::ClusterPart), not over every record linked to the change.
  absl::Status Recluster(absl::Span<const int64_t> seed_records,
                         absl::Span<const int64_t> seed_goldens);

  // Re-clusters the whole group of records connected to `record_id` by
  // counted pairs, taking nothing of the current partition as given: after
  // a re-match changed the stored pairs everywhere.
  absl::Status ReclusterGroup(int64_t record_id);

  // Deletes a stored record (and its blocks) and notes its departure from
  // its golden record; follow with Recluster({}, {row.golden_id}).
  absl::Status DeleteRecord(const storage::RecordRow& row);

  // Appends one change event.
  absl::Status Emit(storage::ChangeKind kind, int64_t golden_id,
                    std::vector<storage::SourceKey> keys,
                    std::vector<storage::GoldenValue> attributes = {},
                    int64_t survivor_id = 0);

  // Golden record number of a record after Recluster.
  int64_t GoldenOf(int64_t record_id) const;
  bool Created(int64_t golden_id) const { return created_.contains(golden_id); }
  const std::vector<int64_t>& merged() const { return merged_; }
  const absl::flat_hash_set<int64_t>& created() const { return created_; }
  const absl::flat_hash_set<int64_t>& retired() const { return retired_; }
  // Retired golden records made live again (design invariant 3).
  const absl::flat_hash_set<int64_t>& restored() const { return restored_; }
  // Every record the last Recluster looked at.
  std::vector<int64_t> ReclusteredRecords() const;
  // Stored records this unit linked to a different golden record.
  int64_t moved_records() const { return moved_records_; }
  int oversized_blocks() const { return oversized_blocks_; }

 private:
  absl::Status Collect(absl::Span<const int64_t> seed_records,
                       absl::Span<const int64_t> seed_goldens);
  // Loads the queued records that are not loaded yet, each with the members
  // of its golden record, its must-link partners and its pairs, appending
  // what they bring to `queue`; then notes the partners beyond them as
  // `outside_`.
  absl::Status Load(std::vector<int64_t>& queue);
  // A block whose size crossed a limit in this write.
  struct CrossedBlock {
    std::vector<int64_t> members;  // sorted
    bool shrank = false;           // back to a limit (else grew past one)
  };
  // Makes the stored pairs of `record_id` (not this unit's own record,
  // `own_record`) with its co-members in `blocks` (crossed blocks holding
  // it) follow its current candidates: drops those pairs whose partner is
  // no candidate any more, and scores the co-members of blocks that shrank
  // that are now candidates without a pair. Reads only the record's stored
  // pairs when none of them is with a co-member and no block shrank.
  absl::Status ResyncPairs(int64_t record_id, int64_t own_record,
                           absl::Span<const CrossedBlock* const> blocks);
  // Decodes a record's features as the candidate index holds them; false
  // when it is not indexed or they do not decode under the model.
  bool IndexedFeatures(int64_t record_id,
                       matching::RecordFeatures& features) const;
  // Marks a golden record as affected; its members go to `members` the first
  // time only.
  absl::Status AddGolden(int64_t golden_id, std::vector<int64_t>& members);
  // A golden record as stored: live, or retired when `retired` is true.
  absl::StatusOr<storage::GoldenRow> LoadGolden(int64_t golden_id,
                                                bool retired = false);
  matching::ClusterRecord ClusterRecordOf(const storage::RecordRow& row);
  absl::Status Apply(const std::vector<std::vector<int64_t>>& clusters);
  // What becomes of retired golden ids when the records that once formed
  // them move (design invariant 3). A retired id goes with the part that
  // holds most of its former records (the records it held when it was
  // retired, still stored and not sent again since): a part that would get
  // a new id gets the retired one back instead (the oldest, when it holds
  // the most of several), and otherwise the redirect leads to that part's
  // golden record.
  struct RedirectPlan {
    std::vector<int64_t> revive;          // by cluster: the id it revives, or 0
    std::map<int64_t, int64_t> retarget;  // retired id -> its new target
  };
  absl::StatusOr<RedirectPlan> PlanRedirects(
      const std::vector<std::vector<int64_t>>& clusters,
      const absl::flat_hash_map<int64_t, size_t>& cluster_of,
      const std::vector<std::vector<int64_t>>& heirs);
  // Writes a cluster's golden record: the first of `heir_to` (merging the
  // rest into it); with no heir, `revive` live again or else a new one.
  absl::Status ApplyCluster(const std::vector<int64_t>& cluster,
                            const std::vector<int64_t>& heir_to,
                            int64_t revive = 0);
  // The golden attributes of a set of records under the type's rules.
  std::vector<storage::GoldenValue> Survive(
      absl::Span<const storage::RecordRow* const> members) const;

  // A golden record changed by this unit, written by FlushGoldens.
  struct GoldenChange {
    storage::GoldenRow row;       // the state to write
    storage::GoldenRow original;  // as loaded; unset id when inserted here
    bool inserted = false;
    bool restored = false;  // retired before, live again
    std::vector<storage::SourceKey> joined;
    std::vector<storage::DepartedRecord> departed;
    std::vector<int64_t> absorbed;
  };
  // The pending change of a golden record, loading it (live, or retired
  // when `retired` is true) on first use.
  absl::StatusOr<GoldenChange*> Change(int64_t golden_id, bool retired = false);
  // Links records (held in records_ or given) to `golden_id`, noting where
  // each came from. The unstored new record is inserted, linked.
  absl::Status MoveRecords(absl::Span<const storage::RecordRow* const> rows,
                           int64_t golden_id);
  // Writes every changed golden record with a new version, then golden
  // update events for changed attributes; outside steward actions, an audit
  // entry for every automatic merge and split.
  absl::Status FlushGoldens();
  // Queues the records a record's must-links name and notes its judgements.
  absl::Status CollectJudgements(const storage::RecordRow& row,
                                 std::vector<int64_t>& queue);
  // A record's stored pairs, read once per Collect.
  absl::StatusOr<const std::vector<storage::Edge>*> EdgesOf(int64_t record_id);
  // A record's identity from the candidate index, looked up once per
  // Collect; nullopt when it is not indexed.
  std::optional<matching::CandidateIndex::Identity> IdentityOf(
      int64_t record_id);
  // The record's best partner towards `source` among its pairs at or above
  // the link weight (by weight, then rank, then id, as ClusterRecords
  // takes it); 0 when it has none there, or a partner of unknown source.
  absl::StatusOr<int64_t> BestToward(int64_t record_id, uint64_t source);
  // Whether a pair of `weight` in the band below auto_merge counts for
  // clustering (as ClusterRecords decides under model.link_thresholds()):
  // both of deduplicated sources and at or above one_to_one, or at or above
  // best_match and each the other's best towards its source.
  absl::StatusOr<bool> CountedBandPair(int64_t a, int64_t b, double weight);
  // Appends the partners beyond the part (`outside_`) as outside records.
  void AppendOutside(std::vector<matching::ClusterRecord>& nodes) const;
  // Notes the partners of a record's pairs (at or above the link weight)
  // that this unit adds (`old` false) or removes (`old` true).
  void NotePartners(int64_t record_id, absl::Span<const storage::Edge> edges,
                    bool old);
  // The strongest scored pair between records that came from golden record
  // `from` and records that did not, among the records now in `into`.
  std::optional<double> StrongestLinkBetween(int64_t from, int64_t into) const;
  absl::Status AuditAutomatic(
      int64_t golden_id, const GoldenChange& change,
      const std::vector<storage::DepartedRecord>& split_off);
  // Whether the scored new record, linking at or above auto_merge, may have
  // taken a partner's best-candidate place towards its source from a band
  // pair that counted (which only a full re-clustering can follow).
  absl::StatusOr<bool> DisplacesBestCandidate(const storage::RecordRow& row);
  // Whether a record with these constraints may join `golden_id` without
  // putting any of its members' unions in question.
  absl::StatusOr<bool> CompatibleWithGolden(
      const storage::RecordRow& row, const matching::RecordFeatures& features,
      int64_t golden_id);

  const ClusteringContext& context_;
  storage::WriteTransaction& txn_;
  const matching::EntityModel& model_;
  const absl::Time now_;
  const UnitCause cause_;
  const SurvivorshipPolicy* survivorship_;
  std::map<int64_t, GoldenChange> changes_;

  // Records being re-clustered, by id (ascending), as stored before the unit.
  std::map<int64_t, storage::RecordRow> records_;
  int64_t moved_records_ = 0;
  // The id of the new record PlaceNewRecord has yet to insert, or 0.
  int64_t unstored_record_ = 0;
  std::set<int64_t> goldens_;  // golden records they belonged to
  // Golden records that lost a record to a delete in this unit: ids merged
  // into them may have to lead elsewhere (PlanRedirects).
  std::set<int64_t> lost_to_delete_;
  std::vector<matching::ScoredPair> pairs_;
  // Golden records of the records the scored record links to, and whether it
  // has pairs in the best-match band (which can change other records' best
  // candidates).
  std::set<int64_t> linked_goldens_;
  std::vector<int64_t> linked_records_;  // at or above auto_merge
  bool has_band_pairs_ = false;
  // Whether ResyncCrossedBlocks changed other records' pairs.
  bool resynced_pairs_ = false;
  // Partners of records whose pairs this unit changed, for Collect.
  struct PartnerChange {
    int64_t record = 0;   // the changed record
    int64_t partner = 0;  // its partner
    bool old = false;     // the pair is removed (else added)
  };
  std::vector<PartnerChange> partners_;
  // Per Collect: pairs and identities read, and the partners of the records
  // walked that lie beyond them.
  absl::flat_hash_map<int64_t, std::vector<storage::Edge>> edges_;
  absl::flat_hash_map<int64_t,
                      std::optional<matching::CandidateIndex::Identity>>
      identities_;
  std::map<int64_t, matching::CandidateIndex::Identity> outside_;
  absl::flat_hash_set<std::pair<int64_t, int64_t>> seen_pairs_;
  // How clustering sees each record loaded, decoded once per Collect
  // however often ClusterPart asks to widen the part.
  absl::flat_hash_map<int64_t, matching::ClusterRecord> cluster_records_;
  // Records this Collect starts from, and golden records whose records or
  // pairs changed: no record of theirs has an unchanged cluster.
  absl::flat_hash_set<int64_t> changed_records_;
  absl::flat_hash_set<int64_t> changed_goldens_;
  // ReclusterGroup: Load walks every counted pair, and the group is
  // clustered whole, taking no golden record as it stands.
  bool whole_group_ = false;
  // Source hashes (RecordIdentity) of the deduplicated sources.
  absl::flat_hash_set<uint64_t> exclusive_sources_;
  // Steward judgements among the records being re-clustered (by record id).
  std::vector<matching::MustLink> must_links_;
  std::vector<matching::CannotLink> cannot_links_;

  absl::flat_hash_map<int64_t, int64_t> final_golden_;
  absl::flat_hash_set<int64_t> created_;
  absl::flat_hash_set<int64_t> retired_;
  absl::flat_hash_set<int64_t> restored_;
  std::vector<int64_t> merged_;
  int oversized_blocks_ = 0;
};

}  // namespace mdm::engine

#endif  // MDM_SRC_ENGINE_INTERNAL_UNIT_OF_WORK_H_
