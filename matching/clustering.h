// Clustering: from scored pairs to a partition of records, under constraints.
//
// Must-links join their records first, whatever the deduplicated sources and
// strong identifiers say (a steward's decision overrides them), unless a
// cannot-link separates the two clusters. Then pairs at or above
// `options.link_weight` are taken in descending weight
// (ties by record ids); a pair below `options.best_match_weight` counts only
// when each record is the other's best-weighted pair among the records of
// the other's source (ties: the smaller id). A counted pair joins its two
// clusters unless that would put together
//   - two records of one deduplicated source (same exclusive_source >= 0), or
//   - two records whose strong identifiers conflict (same attribute, values
//     that are not compatible, see StrongValuesCompatible), or
//   - two records a cannot-link separates,
// whether the records are the pair's own or already clustered with them. So
// a cluster never chains across a conflict. The result is a function of the
// records, pairs and constraints only, never of their order: clusters are
// sorted, each by increasing id, and the clusters by their smallest id.
//
//   std::vector<std::vector<int64_t>> clusters = ClusterRecords(
//       records, pairs, {.link_weight = w, .best_match_weight = w}, kinds);
//
// Cost: O(P log P) for P pairs plus the constraint checks, which are linear
// in the constrained values of the two clusters joined. Pure; thread-safe.
#ifndef MDM_MATCHING_CLUSTERING_H_
#define MDM_MATCHING_CLUSTERING_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "mdm/v1/config.pb.h"

namespace mdm::matching {

struct ClusterRecord {
  int64_t id = 0;
  // Source system, for best-candidate pairing; any stable number per source.
  int source = 0;
  // Records sharing a non-negative value never share a cluster.
  int exclusive_source = -1;
  // (attribute index, normalized value) of the record's strong identifiers.
  std::vector<std::pair<int, std::string>> strong_values;
};

struct ScoredPair {
  int64_t a = 0;
  int64_t b = 0;
  double weight = 0;
};

// Two records that must never share a cluster.
struct CannotLink {
  int64_t a = 0;
  int64_t b = 0;
};

// Two records that must share a cluster (a data steward said so).
struct MustLink {
  int64_t a = 0;
  int64_t b = 0;
};

struct LinkThresholds {
  // Pairs below this weight never link.
  double link_weight = 0;
  // Pairs at or above this weight link without the best-candidate test.
  double best_match_weight = 0;
};

// `kinds[i]` is the kind of attribute i (for StrongValuesCompatible). Pairs
// or cannot-links that name a record outside `records` never link; a pair to
// an outside record does count against the inside record's best-candidate
// test, since that outside partner may be its best.
std::vector<std::vector<int64_t>> ClusterRecords(
    absl::Span<const ClusterRecord> records, absl::Span<const ScoredPair> pairs,
    LinkThresholds thresholds, absl::Span<const v1::AttributeKind> kinds,
    absl::Span<const CannotLink> cannot_links = {},
    absl::Span<const MustLink> must_links = {});

// True when two values of a strong identifier can belong to one entity:
// equal, or for MPN one extends the other by a short letter suffix after a
// digit (WH1000XM4, WH1000XM4B).
bool StrongValuesCompatible(v1::AttributeKind kind, absl::string_view a,
                            absl::string_view b);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_CLUSTERING_H_
