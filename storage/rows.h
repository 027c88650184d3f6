// The domain values a Store reads and writes.
//
// These are plain structs with no behaviour beyond comparison. Ids are the
// store's own 64-bit row numbers: `RecordRow::id` grows with creation order,
// and a golden record's number is turned into its public id ("PER-000001Y") by
// the engine, never by the store. Times are absl::Time, stored with microsecond
// precision.
#ifndef MDM_STORAGE_ROWS_H_
#define MDM_STORAGE_ROWS_H_

#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/time/time.h"

namespace mdm::storage {

// A record's key within its source system.
struct SourceKey {
  std::string source;
  std::string source_id;

  friend bool operator==(const SourceKey& a, const SourceKey& b) {
    return a.source == b.source && a.source_id == b.source_id;
  }
  friend bool operator<(const SourceKey& a, const SourceKey& b) {
    return std::tie(a.source, a.source_id) < std::tie(b.source, b.source_id);
  }
  template <typename H>
  friend H AbslHashValue(H h, const SourceKey& key) {
    return H::combine(std::move(h), key.source, key.source_id);
  }
};

// Attribute name -> value pairs, sorted by name, names unique, values
// non-empty.
using Attributes = std::vector<std::pair<std::string, std::string>>;

// One source record and its link to a golden record.
struct RecordRow {
  int64_t id = 0;  // assigned by InsertRecord; increases with creation order
  std::string entity_type;
  SourceKey key;
  int64_t golden_id = 0;  // number of the live golden record holding it
  Attributes attributes;
  // Standardized features, owned and encoded by the engine; opaque here.
  std::string features;
  uint64_t content_hash = 0;  // hash of (entity_type, attributes)
  int64_t version = 0;        // 1 on insert, +1 per update
  absl::Time created_at;
  absl::Time updated_at;
};

// Light view of a record's link, for resolution and export.
struct XrefRow {
  int64_t record_id = 0;
  std::string entity_type;
  SourceKey key;
  int64_t golden_id = 0;
};

// One golden attribute with its lineage.
struct GoldenValue {
  std::string name;
  std::string value;
  SourceKey source;  // the source record that supplied the value
  std::string rule;  // the survivorship rule that chose it
  // The value failed validation and no member offered a valid one.
  bool invalid = false;

  friend bool operator==(const GoldenValue& a, const GoldenValue& b) {
    return std::tie(a.name, a.value, a.source, a.rule, a.invalid) ==
           std::tie(b.name, b.value, b.source, b.rule, b.invalid);
  }
  friend bool operator!=(const GoldenValue& a, const GoldenValue& b) {
    return !(a == b);
  }
};

enum class GoldenState { kLive = 1, kRetired = 2 };

struct GoldenRow {
  int64_t id = 0;  // assigned by InsertGolden; never reused
  std::string entity_type;
  GoldenState state = GoldenState::kLive;
  int64_t merged_into = 0;  // for a record retired by a merge, else 0
  std::vector<GoldenValue> attributes;  // sorted by name
  int64_t version = 0;                  // 1 on insert, +1 per change
  absl::Time created_at;
  absl::Time updated_at;
};

enum class ChangeKind {
  kGoldenCreated = 1,
  kGoldenUpdated = 2,
  kGoldenMerged = 3,
  kGoldenRetired = 4,
  kXrefLinked = 5,
  kXrefUnlinked = 6,
  kGoldenRestored = 7,
};

// One change-feed event.
struct ChangeRow {
  int64_t sequence = 0;  // assigned by AppendChange: dense, from 1
  absl::Time time;
  std::string entity_type;
  ChangeKind kind = ChangeKind::kGoldenCreated;
  int64_t golden_id = 0;
  int64_t survivor_id = 0;  // kGoldenMerged only
  std::vector<SourceKey> keys;
  std::vector<GoldenValue> attributes;
};

// A scored pair of records, stored once with a < b.
struct Edge {
  int64_t a = 0;
  int64_t b = 0;
  double weight = 0;  // match weight in bits

  friend bool operator==(const Edge& x, const Edge& y) {
    return x.a == y.a && x.b == y.b && x.weight == y.weight;
  }
};

// What started the unit of work that changed a golden record.
enum class ChangeCause {
  kUnknown = 0,  // versions from before history was kept
  kUpsert = 1,   // a source record was inserted or updated
  kDelete = 2,   // a source record was deleted
  kRematch = 3,  // the records were matched again (a new model version)
  kSteward = 4,  // a data steward's decision
};

// A record that left a golden record, and where it went (0: deleted).
struct DepartedRecord {
  SourceKey key;
  int64_t to_golden_id = 0;

  friend bool operator==(const DepartedRecord& a, const DepartedRecord& b) {
    return a.key == b.key && a.to_golden_id == b.to_golden_id;
  }
};

// One version of a golden record: its state after a change, and the change.
struct GoldenVersionRow {
  int64_t golden_id = 0;
  int64_t version = 0;  // equals GoldenRow::version after the change
  absl::Time time;
  GoldenState state = GoldenState::kLive;
  int64_t merged_into = 0;
  std::vector<GoldenValue> attributes;  // all of them, sorted by name
  // Why.
  ChangeCause cause = ChangeCause::kUnknown;
  SourceKey cause_key;     // the record upserted or deleted, if any
  std::string cause_note;  // free text: "model version 3", a steward's note
  // What happened to membership.
  std::vector<SourceKey> joined;
  std::vector<DepartedRecord> departed;
  std::vector<int64_t> absorbed;  // golden records merged into this one
};

// A data steward's judgement of a pair of source records, kept by key so
// that it survives updates, re-imports and retraining.
enum class JudgementKind {
  kMustLink = 1,    // the same entity: never split by the matcher
  kCannotLink = 2,  // different entities: never joined by the matcher
  kUnsure = 3,      // no decision; asked again later
};

struct JudgementRow {
  std::string entity_type;
  SourceKey a;  // a < b
  SourceKey b;
  JudgementKind kind = JudgementKind::kUnsure;
  std::string actor;
  std::string reason;
  absl::Time time;
};

// One entry of the audit log: a steward action, or an automatic merge or
// split.
struct AuditRow {
  int64_t sequence = 0;  // assigned by AppendAudit: dense, from 1
  absl::Time time;
  std::string actor;   // the caller's identity; "mdm" for automatic actions
  std::string action;  // approve, reject, unsure, merge, split, move,
                       // auto_merge, auto_split
  std::string entity_type;
  bool automatic = false;
  std::vector<int64_t> golden_ids;  // the golden records involved
  std::vector<SourceKey> keys;      // the source records involved
  std::string reason;
  double weight = 0;  // automatic: the match weight that decided, if any
  bool has_weight = false;
  int64_t model_version = 0;  // automatic: the model that decided
  std::string detail;
};

// Which audit entries to list; empty fields do not filter.
struct AuditFilter {
  int64_t golden_id = 0;
  std::string actor;
  absl::Time since = absl::InfinitePast();
  int64_t after_sequence = 0;
  int limit = 100;
};

// One stored version of an entity type's trained matching model.
struct ModelRow {
  std::string entity_type;
  int64_t version = 0;  // from 1, increasing per entity type
  absl::Time created_at;
  // The trained parameters, serialized by the engine; opaque here.
  std::string parameters;
};

}  // namespace mdm::storage

#endif  // MDM_STORAGE_ROWS_H_
