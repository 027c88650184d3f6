// Clustering: from scored pairs to a partition of records.
//
// Records joined by a pair whose weight is at least `link_weight` belong to
// one cluster, transitively. The result depends only on the records and the
// pairs, never on their order: clusters are sorted, each by increasing id, and
// the clusters by their smallest id.
//
//   std::vector<std::vector<int64_t>> clusters =
//       ClusterRecords({1, 2, 3, 4}, {{1, 3, 12.0}, {2, 4, 1.0}}, 6.6);
//   // {{1, 3}, {2}, {4}}
//
// Pairs that name a record outside `records` are ignored. Cost: near-linear in
// records + pairs (union-find). Pure; thread-safe.
#ifndef MDM_MATCHING_CLUSTERING_H_
#define MDM_MATCHING_CLUSTERING_H_

#include <cstdint>
#include <vector>

#include "absl/types/span.h"

namespace mdm::matching {

struct ScoredPair {
  int64_t a = 0;
  int64_t b = 0;
  double weight = 0;
};

std::vector<std::vector<int64_t>> ClusterRecords(
    absl::Span<const int64_t> records, absl::Span<const ScoredPair> pairs,
    double link_weight);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_CLUSTERING_H_
