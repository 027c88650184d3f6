#include "tools/eval/pairwise_metrics.h"

#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"

namespace mdm::eval {
namespace {

using View = absl::string_view;

int64_t Choose2(int64_t n) { return n * (n - 1) / 2; }

// Sizes of groups of records; Pairs() is the number of pairs within groups.
template <typename Key>
class GroupSizes {
 public:
  void Add(const Key& key) { ++sizes_[key]; }
  int64_t Pairs() const {
    int64_t pairs = 0;
    for (const auto& [key, size] : sizes_) pairs += Choose2(size);
    return pairs;
  }

 private:
  absl::flat_hash_map<Key, int64_t> sizes_;
};

// Pairs within the groups of `by_label`, minus those whose two records share
// a source when only cross-source pairs count.
template <typename Key, typename KeyWithSource>
int64_t PairsInScope(const GroupSizes<Key>& by_label,
                     const GroupSizes<KeyWithSource>& by_label_and_source,
                     PairScope scope) {
  const int64_t all = by_label.Pairs();
  return scope == PairScope::kAll ? all : all - by_label_and_source.Pairs();
}

}  // namespace

Scores ScoresOf(const PairCounts& counts) {
  Scores scores;
  scores.precision =
      counts.predicted_pairs == 0
          ? 1.0
          : static_cast<double>(counts.correct_pairs) / counts.predicted_pairs;
  scores.recall =
      counts.true_pairs == 0
          ? 1.0
          : static_cast<double>(counts.correct_pairs) / counts.true_pairs;
  const double sum = scores.precision + scores.recall;
  scores.f1 = sum == 0 ? 0.0 : 2 * scores.precision * scores.recall / sum;
  return scores;
}

PairCounts CountClusterPairs(absl::Span<const LabeledRecord> records,
                             PairScope scope) {
  const bool cross = scope == PairScope::kCrossSource;
  GroupSizes<View> truth, predicted;
  GroupSizes<std::pair<View, View>> cell;
  // The same groups split by source; filled only for cross-source counts.
  GroupSizes<std::pair<View, View>> truth_source, predicted_source;
  GroupSizes<std::tuple<View, View, View>> cell_source;
  for (const LabeledRecord& record : records) {
    const bool has_truth = !record.truth.empty();
    const bool has_predicted = !record.predicted.empty();
    if (has_truth) truth.Add(record.truth);
    if (has_predicted) predicted.Add(record.predicted);
    if (has_truth && has_predicted) cell.Add({record.truth, record.predicted});
    if (!cross) continue;
    if (has_truth) truth_source.Add({record.truth, record.source});
    if (has_predicted) predicted_source.Add({record.predicted, record.source});
    if (has_truth && has_predicted) {
      cell_source.Add({record.truth, record.predicted, record.source});
    }
  }
  PairCounts counts;
  counts.true_pairs = PairsInScope(truth, truth_source, scope);
  counts.predicted_pairs = PairsInScope(predicted, predicted_source, scope);
  counts.correct_pairs = PairsInScope(cell, cell_source, scope);
  return counts;
}

PairCounts CountListedPairs(
    absl::Span<const PredictedRecord> records,
    absl::Span<const std::pair<RecordKey, RecordKey>> truth_pairs) {
  PairCounts counts;
  GroupSizes<View> predicted;
  GroupSizes<std::pair<View, View>> predicted_source;
  absl::flat_hash_map<RecordKey, View> cluster_of;
  for (const PredictedRecord& record : records) {
    cluster_of.emplace(record.key, record.predicted);
    if (record.predicted.empty()) continue;
    predicted.Add(record.predicted);
    predicted_source.Add({record.predicted, record.key.source});
  }
  counts.predicted_pairs =
      PairsInScope(predicted, predicted_source, PairScope::kCrossSource);

  // Each unordered cross-source pair once, as (smaller key, larger key).
  absl::flat_hash_set<std::pair<RecordKey, RecordKey>> seen;
  for (const auto& [a, b] : truth_pairs) {
    if (a.source == b.source) continue;
    const bool ordered = std::tie(a.source, a.id) < std::tie(b.source, b.id);
    if (!seen.insert(ordered ? std::make_pair(a, b) : std::make_pair(b, a))
             .second) {
      continue;
    }
    ++counts.true_pairs;
    const auto it_a = cluster_of.find(a);
    const auto it_b = cluster_of.find(b);
    if (it_a != cluster_of.end() && it_b != cluster_of.end() &&
        !it_a->second.empty() && it_a->second == it_b->second) {
      ++counts.correct_pairs;
    }
  }
  return counts;
}

}  // namespace mdm::eval
