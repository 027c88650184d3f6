// Values the engine takes and returns: records as sources send them, and views
// of golden records and changes with their public golden ids.
#ifndef MDM_SRC_ENGINE_TYPES_H_
#define MDM_SRC_ENGINE_TYPES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "mdm/v1/config.pb.h"
#include "storage/rows.h"

namespace mdm::engine {

using storage::SourceKey;

enum class MatchDecision { kLink, kReview, kNoMatch };

// A source record as received: attributes in any order; empty values mean
// absent.
struct RecordInput {
  std::string entity_type;
  SourceKey key;
  std::vector<std::pair<std::string, std::string>> attributes;
  // False: the record is the source's whole record, and a stored attribute
  // it lacks is removed. True: its attributes are merged into the stored
  // record, and attributes it lacks (or leaves empty) keep their values.
  bool partial = false;
};

enum class UpsertOutcome { kCreated, kLinked, kUpdated, kUnchanged };

struct UpsertResult {
  std::string golden_id;
  UpsertOutcome outcome = UpsertOutcome::kUnchanged;
  std::vector<std::string> merged_golden_ids;
  // For the caller, not errors: e.g. that the record is the first of a
  // source the configuration does not name.
  std::vector<std::string> warnings;
};

struct DeleteResult {
  std::string golden_id;
  bool golden_retired = false;
};

struct ResolvedId {
  std::string golden_id;
  std::string entity_type;
  bool redirected = false;  // the requested golden id was merged away
  bool retired = false;     // golden_id itself is retired
};

// One row of the xref export.
struct XrefView {
  int64_t record_id = 0;  // position for paging
  std::string entity_type;
  SourceKey key;
  std::string golden_id;
};

struct GoldenView {
  std::string golden_id;
  std::string entity_type;
  storage::GoldenState state = storage::GoldenState::kLive;
  std::string merged_into;  // for a record retired by a merge
  std::vector<storage::GoldenValue> attributes;
  std::vector<storage::RecordRow> members;  // by (source, source_id)
  int64_t version = 0;
  absl::Time created_at;
  absl::Time updated_at;
  bool redirected = false;  // reached by following a merge redirect
};

// How one attribute's values differ between two versions.
struct AttributeChange {
  std::string name;
  std::vector<std::string> before;
  std::vector<std::string> after;
};

// One version of a golden record, with public golden ids.
struct GoldenVersionView {
  storage::GoldenVersionRow row;
  std::string merged_into;
  std::vector<std::pair<SourceKey, std::string>> departed;  // "" = deleted
  std::vector<std::string> absorbed;
  std::vector<AttributeChange> changes;
};

struct GoldenHistory {
  std::string golden_id;
  std::string entity_type;
  std::vector<GoldenVersionView> versions;  // oldest first
  bool more = false;
};

// A search query: attributes and free text.
struct SearchQuery {
  std::string entity_type;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string text;
  int limit = 10;
  double min_probability = 0;
};

struct SearchMatch {
  std::string golden_id;
  double match_probability = 0;
  double match_weight = 0;
  MatchDecision decision = MatchDecision::kNoMatch;
  SourceKey best_record;
  std::vector<std::string> reasons;
  std::vector<storage::GoldenValue> attributes;
};

struct SearchResult {
  std::vector<SearchMatch> matches;
  storage::Attributes query_attributes;  // as understood, sorted
  int candidates = 0;
  int oversized_blocks_skipped = 0;
};

struct ChangeView {
  storage::ChangeRow row;
  std::string golden_id;
  std::string survivor_id;  // kGoldenMerged only
};

// A page of the change feed read from one snapshot.
struct ChangePage {
  std::vector<ChangeView> events;
  // Highest sequence number in the feed in that snapshot. When the page is
  // not full, every event up to head_sequence has been seen (or filtered out).
  int64_t head_sequence = 0;
};

// A stored record named by its key; entity_type may be empty when the key
// exists under one type only.
struct RecordRef {
  std::string entity_type;
  SourceKey key;
};

struct ComparisonExplanation {
  std::string comparison;
  std::string attribute;
  std::string value_a;  // standardized; empty when missing
  std::string value_b;
  // The level's label; when not `counted`, why: "missing" (a value is
  // missing), "not counted (NAME compared)" (comparison NAME carried the
  // evidence), "no level applies".
  std::string level;
  bool counted = false;  // its weight is part of the match weight
  double weight = 0;
  bool tf_adjusted = false;
  double m = 0;
  double u = 0;
};

struct SharedBlock {
  std::string rule;
  std::string key;
  int64_t block_size = 0;
  bool oversized = false;
};

struct Explanation {
  std::string entity_type;
  std::string golden_id_a;
  std::string golden_id_b;
  double prior_weight = 0;
  std::vector<ComparisonExplanation> comparisons;
  double match_weight = 0;
  double match_probability = 0;
  MatchDecision decision = MatchDecision::kNoMatch;
  std::vector<SharedBlock> shared_blocks;
  std::vector<std::string> conflicts;
  int64_t model_version = 0;
};

// The model an entity type runs on.
struct ActiveModel {
  v1::TrainedModel model;  // version 0 and empty without training
  absl::Time trained_at;
  // Candidate lookups that skipped an oversized block, since start.
  int64_t oversized_blocks_skipped = 0;
};

struct TrainingOutcome {
  v1::TrainedModel model;
  int64_t rematched_records = 0;
  double seconds = 0;
};

// What Engine::Rematch did to one entity type.
struct RematchOutcome {
  int64_t records = 0;  // records scored and clustered again
  // Golden records founded and retired by the re-clustering; both 0 when the
  // stored partition already was the batch clustering of the stored state.
  int64_t golden_records_created = 0;
  int64_t golden_records_retired = 0;
  // Records whose golden record changed.
  int64_t records_moved = 0;
  double seconds = 0;
};

// Limits on one source record. Exceeding one rejects the record with
// InvalidArgument naming the limit.
struct RecordLimits {
  int max_attributes = 256;
  size_t max_value_bytes = 32 * 1024;
  size_t max_record_bytes = 64 * 1024;  // all names and values together
  size_t max_source_id_bytes = 256;
};

// A steward's decision on a pair.
enum class Decision { kApprove, kReject, kUnsure };

// A pair of records the matcher is unsure about: scored between the review
// and auto_merge thresholds, in different golden records, not yet judged
// (or judged unsure).
struct ReviewCandidate {
  std::string entity_type;
  SourceKey a;  // a < b
  SourceKey b;
  std::string golden_id_a;
  std::string golden_id_b;
  double match_weight = 0;
  double match_probability = 0;
  std::optional<storage::JudgementRow> judgement;  // an unsure one
  // Records that approving would move: those of the younger golden record.
  int64_t records_moved = 0;
};

struct CandidateFilter {
  std::string entity_type;  // required
  double min_probability = 0;
  double max_probability = 1;
  std::string source;  // either record's source; empty: any
  int page_size = 50;
  std::string page_token;  // from the previous page; empty: the first
  bool unsure = false;     // list the pairs judged unsure instead
};

struct CandidatePage {
  // One per pair of golden records, by records moved (most first), then by
  // uncertainty (probability nearest 0.5 first).
  std::vector<ReviewCandidate> candidates;
  std::string next_page_token;  // empty after the last page
};

// One candidate side by side.
struct CandidateDetail {
  ReviewCandidate candidate;
  storage::RecordRow record_a;
  storage::RecordRow record_b;
  // Standardized values per model attribute (empty when missing).
  std::vector<std::pair<std::string, std::string>> standardized_a;
  std::vector<std::pair<std::string, std::string>> standardized_b;
  GoldenView golden_a;
  GoldenView golden_b;
  Explanation explanation;
  std::optional<storage::JudgementRow> judgement;
};

// What a steward action did.
struct StewardOutcome {
  std::vector<std::string> golden_ids;          // of the records named
  std::vector<std::string> merged_golden_ids;   // retired into others
  std::vector<std::string> created_golden_ids;  // split-off parts
  // Retired ids live again for their former records (an unmerge).
  std::vector<std::string> restored_golden_ids;
  int64_t audit_sequence = 0;
};

struct AuditView {
  storage::AuditRow row;
  std::vector<std::string> golden_ids;
  int64_t undoes = 0;  // an undo: the sequence of the entry it reverted
};

}  // namespace mdm::engine

#endif  // MDM_SRC_ENGINE_TYPES_H_
