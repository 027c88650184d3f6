// Store: durable state of the mdm service, spoken in domain rows.
//
// A Store holds source records (with their standardized features), golden
// records, the links between them, scored pairs and the change feed, and the
// history of golden records and links for reads as of a past time. All work
// happens inside a transaction: a ReadTransaction sees one consistent snapshot;
// a WriteTransaction is the single writer and applies all of its changes, with
// their change-feed events, atomically on Commit().
//
//   MDM_ASSIGN_OR_RETURN(std::unique_ptr<Store> store,
//                        OpenSqliteStore({.path = "var/mdm.db"}));
//   MDM_ASSIGN_OR_RETURN(auto txn, store->BeginWrite());
//   RecordRow row = ...;
//   MDM_RETURN_IF_ERROR(txn->InsertRecord(row));   // row.id is now set
//   MDM_RETURN_IF_ERROR(txn->AppendChange(event));
//   MDM_RETURN_IF_ERROR(txn->Commit());
//
// Thread safety: a Store is safe for concurrent use from many threads. Any
// number of read transactions may be open at once; BeginWrite() blocks while
// another write transaction is open. A transaction object is used by one
// thread at a time. A transaction destroyed without Commit() rolls back.
//
// Errors: NotFound is never returned for a missing row (lookups return an empty
// optional); Unavailable means the database was busy or locked and the caller
// may retry; Internal means corruption or a broken invariant; Aborted means a
// uniqueness conflict (the caller's view was stale).
#ifndef MDM_STORAGE_STORE_H_
#define MDM_STORAGE_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "storage/rows.h"

namespace mdm::storage {

// Reads of one consistent snapshot.
class ReadTransaction {
 public:
  virtual ~ReadTransaction() = default;

  // The record with this key and entity type, if any.
  virtual absl::StatusOr<std::optional<RecordRow>> FindRecord(
      absl::string_view entity_type, const SourceKey& key) = 0;

  // Links of every record with this key, under any entity type (usually zero
  // or one).
  virtual absl::StatusOr<std::vector<XrefRow>> LookupXrefs(
      const SourceKey& key) = 0;

  // Records by id, in the order of `ids`; ids that do not exist are skipped.
  virtual absl::StatusOr<std::vector<RecordRow>> GetRecords(
      absl::Span<const int64_t> ids) = 0;

  // The records linked to a golden record, by increasing id.
  virtual absl::StatusOr<std::vector<RecordRow>> GoldenMembers(
      int64_t golden_id) = 0;

  // Ids of the records linked to a golden record, increasing.
  virtual absl::StatusOr<std::vector<int64_t>> GoldenMemberIds(
      int64_t golden_id) = 0;

  virtual absl::StatusOr<std::optional<GoldenRow>> GetGolden(
      int64_t golden_id) = 0;

  // Scored pairs that involve `record_id`.
  virtual absl::StatusOr<std::vector<Edge>> EdgesOf(int64_t record_id) = 0;

  // Up to `limit` events with sequence > after_sequence, in order; only
  // `entity_type`'s when it is not empty.
  virtual absl::StatusOr<std::vector<ChangeRow>> ListChanges(
      int64_t after_sequence, int limit, absl::string_view entity_type) = 0;

  // Highest sequence number in the feed; 0 when empty.
  virtual absl::StatusOr<int64_t> HeadSequence() = 0;

  // Up to `limit` links of live records with id > after_record_id, by
  // increasing record id; only `entity_type`'s when it is not empty.
  virtual absl::StatusOr<std::vector<XrefRow>> ScanXrefs(
      absl::string_view entity_type, int64_t after_record_id, int limit) = 0;

  // Up to `limit` records of `entity_type` with id > after_record_id, by
  // increasing id.
  virtual absl::StatusOr<std::vector<RecordRow>> ScanRecords(
      absl::string_view entity_type, int64_t after_record_id, int limit) = 0;

  // Number of records of an entity type.
  virtual absl::StatusOr<int64_t> CountRecords(
      absl::string_view entity_type) = 0;

  // The distinct sources of the stored records, of every entity type, in
  // byte order. Costs about one index seek per distinct source, however
  // many records each holds.
  virtual absl::StatusOr<std::vector<std::string>> ListSources() = 0;

  // Whether any record of `source`, of any entity type, is stored. One
  // index seek.
  virtual absl::StatusOr<bool> HoldsSource(absl::string_view source) = 0;

  // The newest model version of an entity type, if any.
  virtual absl::StatusOr<std::optional<ModelRow>> LatestModel(
      absl::string_view entity_type) = 0;

  // The versions of a golden record with version > after_version, oldest
  // first, at most `limit`.
  virtual absl::StatusOr<std::vector<GoldenVersionRow>> GoldenHistory(
      int64_t golden_id, int64_t after_version, int limit) = 0;

  // The version of a golden record current at `time`: the last one written
  // at or before it. Empty when the record did not exist yet.
  virtual absl::StatusOr<std::optional<GoldenVersionRow>> GoldenVersionAt(
      int64_t golden_id, absl::Time time) = 0;

  // The version in which a golden record last went from live to retired:
  // its `departed` lists the records it held then. Empty when the golden
  // record is live, or has no version showing the change (history kept
  // since schema 4 only).
  virtual absl::StatusOr<std::optional<GoldenVersionRow>> LastRetirement(
      int64_t golden_id) = 0;

  // Retired golden records that redirect to `golden_id`, by increasing id.
  virtual absl::StatusOr<std::vector<int64_t>> RedirectsTo(
      int64_t golden_id) = 0;

  // Links that records with this key had at `time` (under any entity type;
  // record_id is the record's id then).
  virtual absl::StatusOr<std::vector<XrefRow>> LookupXrefsAt(
      const SourceKey& key, absl::Time time) = 0;

  // Keys of the records linked to a golden record at `time`, sorted.
  virtual absl::StatusOr<std::vector<SourceKey>> GoldenMembersAt(
      int64_t golden_id, absl::Time time) = 0;

  // The judgements that name a record with this key, under `entity_type`.
  virtual absl::StatusOr<std::vector<JudgementRow>> JudgementsOf(
      absl::string_view entity_type, const SourceKey& key) = 0;

  // The judgement of one pair (a < b), if any.
  virtual absl::StatusOr<std::optional<JudgementRow>> FindJudgement(
      absl::string_view entity_type, const SourceKey& a,
      const SourceKey& b) = 0;

  // Scored pairs of `entity_type` with min_weight <= weight < max_weight
  // whose records belong to different golden records, by descending weight
  // then (a, b), after the pair (after_weight, after_a, after_b) when
  // after_a is not 0; at most `limit`. Only pairs where either record is
  // from `source`, when it is not empty.
  virtual absl::StatusOr<std::vector<Edge>> ReviewPairs(
      absl::string_view entity_type, double min_weight, double max_weight,
      absl::string_view source, double after_weight, int64_t after_a,
      int64_t after_b, int limit) = 0;

  // Audit entries matching `filter`, by increasing sequence.
  virtual absl::StatusOr<std::vector<AuditRow>> ListAudit(
      const AuditFilter& filter) = 0;

  // Entity type name -> golden id prefix, as registered.
  virtual absl::StatusOr<absl::flat_hash_map<std::string, std::string>>
  EntityTypePrefixes() = 0;

  // Whole-database scans, for consistency checks (src/engine/
  // invariant_checker.h). Each returns one page; the caller pages on with
  // the last row's position.

  // Up to `limit` golden records of every entity type and state with id >
  // after_golden_id, by increasing id.
  virtual absl::StatusOr<std::vector<GoldenRow>> ScanGoldens(
      int64_t after_golden_id, int limit) = 0;

  // Up to `limit` open intervals of the xref history (valid_to unset: the
  // links current now) with record_id > after_record_id, by increasing
  // record id; rows of one record come together but a page may end between
  // them. record_id names the record that holds (or held) the link.
  virtual absl::StatusOr<std::vector<XrefRow>> ScanOpenLinks(
      int64_t after_record_id, int limit) = 0;

  // Up to `limit` judgements of every entity type and kind that come after
  // the pair (after_entity_type, after_a, after_b) in (entity_type, a, b)
  // order, in that order. Empty strings start at the first.
  virtual absl::StatusOr<std::vector<JudgementRow>> ScanJudgements(
      absl::string_view after_entity_type, const SourceKey& after_a,
      const SourceKey& after_b, int limit) = 0;
};

// The single writer. Reads through it see its own uncommitted writes.
class WriteTransaction : public ReadTransaction {
 public:
  // The id InsertRecord gives a record inserted next without an id: one
  // above the largest stored. Reserving it lets a record be scored and placed
  // before it is stored, so that it is written once, with its golden id.
  virtual absl::StatusOr<int64_t> NextRecordId() = 0;

  // Inserts `row` (version and times as given) and sets row.id: row.id when
  // it is nonzero (from NextRecordId), else the next id. When row.golden_id
  // is nonzero, the record's link to it starts at row.updated_at in the xref
  // history, as SetRecordGolden would start it. Aborted if the
  // (entity_type, key) or the id exists.
  virtual absl::Status InsertRecord(RecordRow& row) = 0;

  // Replaces the stored record with id row.id.
  virtual absl::Status UpdateRecord(const RecordRow& row) = 0;

  // Moves records to another golden record at `time`, which ends their
  // previous links in the xref history and starts the new ones. Of each
  // row, as stored, only id, entity_type and key are read.
  virtual absl::Status SetRecordGolden(
      absl::Span<const RecordRow* const> records, int64_t golden_id,
      absl::Time time) = 0;

  // Deletes a record with its edges; its link ends at
  // `time` in the xref history.
  virtual absl::Status DeleteRecord(int64_t record_id, absl::Time time) = 0;

  // Makes `edges` the scored pairs that involve `record_id`, replacing the
  // previous ones. Each edge must have a or b equal to record_id, a < b.
  virtual absl::Status ReplaceEdges(int64_t record_id,
                                    absl::Span<const Edge> edges) = 0;

  // Inserts a golden record and sets row.id.
  virtual absl::Status InsertGolden(GoldenRow& row) = 0;

  // Replaces the golden record with id row.id.
  virtual absl::Status UpdateGolden(const GoldenRow& row) = 0;

  // Records a version of a golden record. Aborted if that version exists.
  virtual absl::Status AppendGoldenVersion(const GoldenVersionRow& version) = 0;

  // Points every golden record merged into `from` at `to` instead, so that
  // redirects stay one hop long.
  virtual absl::Status RepointMerged(int64_t from, int64_t to) = 0;

  // Appends an event and sets event.sequence.
  virtual absl::Status AppendChange(ChangeRow& event) = 0;

  // Registers an entity type's golden id prefix. Aborted if the name or the
  // prefix is registered with a different partner.
  virtual absl::Status RegisterEntityType(absl::string_view name,
                                          absl::string_view id_prefix) = 0;

  // Stores the judgement of a pair, replacing an earlier one of that pair.
  virtual absl::Status PutJudgement(const JudgementRow& judgement) = 0;

  // Removes the judgement of a pair (a < b), leaving the pair undecided; OK
  // when it has none. Internal when a < b does not hold.
  virtual absl::Status DeleteJudgement(absl::string_view entity_type,
                                       const SourceKey& a,
                                       const SourceKey& b) = 0;

  // Appends an audit entry and sets its sequence.
  virtual absl::Status AppendAudit(AuditRow& entry) = 0;

  // Stores a model version. Aborted if that version exists.
  virtual absl::Status InsertModel(const ModelRow& model) = 0;

  // Savepoints let one record of a batch fail without undoing the others:
  // writes after Savepoint() are undone by RollbackToSavepoint() and kept by
  // ReleaseSavepoint(). Savepoints do not nest.
  virtual absl::Status Savepoint() = 0;
  virtual absl::Status ReleaseSavepoint() = 0;
  virtual absl::Status RollbackToSavepoint() = 0;

  // Makes every write durable and ends the transaction. After a failed Commit
  // the transaction is rolled back.
  virtual absl::Status Commit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  virtual absl::StatusOr<std::unique_ptr<ReadTransaction>> BeginRead() = 0;

  // Blocks until no other write transaction is open; Unavailable when that
  // takes longer than the implementation's limit (SqliteOptions).
  virtual absl::StatusOr<std::unique_ptr<WriteTransaction>> BeginWrite() = 0;

  // Links of every record with each key, as of the latest commit, without a
  // transaction: each call sees everything committed before it began (not
  // one snapshot across calls). For resolve, on every CRM screen and ERP
  // posting: answered from memory.
  virtual std::vector<std::vector<XrefRow>> LookupCommittedXrefs(
      absl::Span<const SourceKey> keys) = 0;

  // Schema version of the open database.
  virtual int schema_version() const = 0;

  // Writes a consistent copy of the whole store, as of one moment, to a new
  // file at `path`, while reads and writes go on. AlreadyExists when `path`
  // exists. The copy opens as a store of its own.
  virtual absl::Status BackupTo(const std::string& path) = 0;

  // Moves everything committed into the main database file, so that the
  // file alone holds the store (before a clean exit). Waits for the open
  // write transaction, if any.
  virtual absl::Status Checkpoint() = 0;
};

}  // namespace mdm::storage

#endif  // MDM_STORAGE_STORE_H_
