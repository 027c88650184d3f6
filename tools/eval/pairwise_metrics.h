// Pairwise precision, recall and F1 of a clustering against ground truth.
//
// A pair is two distinct records. A predicted pair shares a predicted cluster
// (for mdm: a golden id); a true pair shares a true cluster (or is listed in
// a truth pair file). Then
//
//   precision = correct / predicted   recall = correct / true
//   f1        = 2 * precision * recall / (precision + recall)
//
// where correct counts pairs that are both. Conventions for empty sets: with
// no predicted pair precision is 1 (no wrong claim), with no true pair recall
// is 1, and f1 is 0 when precision + recall is 0.
//
// Cost: the counts come from contingency tables (cluster sizes and the sizes
// of truth x predicted cells), never from enumerating pairs, so they take
// O(records) time and memory whatever the cluster sizes: one cluster of a
// million records is a single term n * (n - 1) / 2.
//
//   std::vector<LabeledRecord> records = {
//       {.source = "crm", .truth = "1", .predicted = "PER-1"},
//       {.source = "erp", .truth = "1", .predicted = "PER-1"},
//       {.source = "erp", .truth = "2", .predicted = ""}};  // a singleton
//   Scores s = ScoresOf(CountClusterPairs(records, PairScope::kAll));
//   // s.precision == 1, s.recall == 1, s.f1 == 1
#ifndef MDM_TOOLS_EVAL_PAIRWISE_METRICS_H_
#define MDM_TOOLS_EVAL_PAIRWISE_METRICS_H_

#include <cstdint>
#include <string>

#include "absl/types/span.h"

namespace mdm::eval {

struct PairCounts {
  int64_t true_pairs = 0;
  int64_t predicted_pairs = 0;
  int64_t correct_pairs = 0;  // both true and predicted
};

struct Scores {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};

Scores ScoresOf(const PairCounts& counts);

// One record with its source, its true cluster and its predicted cluster.
// An empty label puts the record in a cluster of its own (e.g. a record the
// service rejected has no golden id: a predicted singleton).
struct LabeledRecord {
  std::string source;
  std::string truth;
  std::string predicted;
};

enum class PairScope {
  kAll,          // every pair of records
  kCrossSource,  // only pairs whose two records have different sources
};

// Pair counts of the partitions given by the records' labels.
PairCounts CountClusterPairs(absl::Span<const LabeledRecord> records,
                             PairScope scope);

// A record identified by its source and the source's id for it.
struct RecordKey {
  std::string source;
  std::string id;

  friend bool operator==(const RecordKey&, const RecordKey&) = default;
  template <typename H>
  friend H AbslHashValue(H h, const RecordKey& key) {
    return H::combine(std::move(h), key.source, key.id);
  }
};

// A record and its predicted cluster ("" = a singleton, as above).
struct PredictedRecord {
  RecordKey key;
  std::string predicted;
};

// Pair counts against truth given as a list of pairs (which need not be
// transitive: a record may be in several pairs whose other records are not
// paired with each other). Only cross-source pairs count: predicted pairs
// are pairs of records from different sources sharing a predicted cluster;
// truth pairs within one source, and repeats of a pair in either order,
// are ignored. A truth pair naming a record absent from `records` is a true
// pair that was not predicted.
PairCounts CountListedPairs(
    absl::Span<const PredictedRecord> records,
    absl::Span<const std::pair<RecordKey, RecordKey>> truth_pairs);

}  // namespace mdm::eval

#endif  // MDM_TOOLS_EVAL_PAIRWISE_METRICS_H_
