// Clustering: from scored pairs to a partition of records, under constraints.
//
// Must-links join their records first, whatever the deduplicated sources and
// strong identifiers say (a steward's decision overrides them), unless a
// cannot-link separates the two clusters. Then pairs at or above
// `options.link_weight` are taken in descending weight (ties by the records'
// stable order: rank, then id); a pair below `options.best_match_weight`
// counts only when each record is the other's best-weighted pair among the
// records of the other's source (ties: stable order), partners marked
// `outside` included. A counted pair joins its two
// clusters unless that would put together
//   - two records of one deduplicated source (same exclusive_source >= 0), or
//   - two records whose strong identifiers conflict (same attribute, values
//     that are not compatible, see StrongValuesCompatible), or
//   - two records whose distinguishing values conflict (same attribute,
//     FeaturesConflict: different model numbers, sizes, colours), or
//   - two records a cannot-link separates,
// whether the records are the pair's own or already clustered with them. So
// a cluster never chains across a conflict. The result is a function of the
// records, pairs and constraints only, never of their order: clusters are
// sorted, each by increasing id, and the clusters by their smallest id.
// With ranks that depend on the records' identities only, it does not depend
// on their ids either, so on arrival order neither.
//
// Clustering a part of the records gives the same clusters as clustering
// them all when the part is closed under counted pairs and must-links, and
// every pair of its records is given, with each partner outside the part as
// an `outside` record.
//
//   std::vector<std::vector<int64_t>> clusters = ClusterRecords(
//       records, pairs, {.link_weight = w, .best_match_weight = w}, kinds);
//
// Cost: O(P log P) for P pairs plus the constraint checks, which are linear
// in the constrained values of the two clusters joined. Pure; thread-safe.
#ifndef MDM_MATCHING_CLUSTERING_H_
#define MDM_MATCHING_CLUSTERING_H_

#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "matching/features.h"
#include "mdm/v1/config.pb.h"

namespace mdm::matching {

struct ClusterRecord {
  int64_t id = 0;
  // Source system, for best-candidate pairing; any stable number per source.
  uint64_t source = 0;
  // The record's place in the order that breaks ties between equal
  // weights: a function of what the record is (a hash of its source key),
  // never of when it arrived (ids do). Equal ranks fall back to ids.
  uint64_t rank = 0;
  // Known only as a partner: its pairs count in its partners'
  // best-candidate tests (it may be their best), but it is not clustered
  // and not in the result. Lets a caller cluster part of a store exactly.
  bool outside = false;
  // Records sharing a non-negative value never share a cluster.
  int exclusive_source = -1;
  // (attribute index, normalized value) of the record's strong identifiers.
  std::vector<std::pair<int, std::string>> strong_values;
  // (attribute index, standardized value) of the record's distinguishing
  // attributes that are not strong; only the codes and `validated` matter.
  // Records whose values of one attribute conflict (FeaturesConflict) never
  // share a cluster.
  std::vector<std::pair<int, Feature>> distinguishing;
  // For ClusterPart only: the cluster (any id) the record had in the
  // previous partition when neither that cluster's records nor their pairs
  // have changed since; 0 for a new record and for every record of a
  // cluster that did change.
  int64_t unchanged_cluster = 0;
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
  // Pairs below best_match_weight link as mutual best candidates from this
  // weight up (and from link_weight).
  double mutual_best_weight = -std::numeric_limits<double>::infinity();
  // Pairs between two records of deduplicated sources (exclusive_source >=
  // 0) link without the best-candidate test from this weight up (and from
  // link_weight).
  double one_to_one_weight = -std::numeric_limits<double>::infinity();
};

// `kinds[i]` is the kind of attribute i (for StrongValuesCompatible). Pairs
// or cannot-links that name a record not in `records`, or an `outside` one,
// never link. A pair to a record not given at all counts against the other
// record's best-candidate test towards every source, since that unknown
// partner may be its best; give partners as `outside` records to be exact.
std::vector<std::vector<int64_t>> ClusterRecords(
    absl::Span<const ClusterRecord> records, absl::Span<const ScoredPair> pairs,
    LinkThresholds thresholds, absl::Span<const v1::AttributeKind> kinds,
    absl::Span<const CannotLink> cannot_links = {},
    absl::Span<const MustLink> must_links = {});

// Clustering one part of a store after a change, without the rest.
//
// The part is the `records` not `outside`: whole clusters of the previous
// partition (every member given, each with its `unchanged_cluster`), plus
// the new records. Every pair of every part record is given, with each
// partner beyond the part as an `outside` record, as for ClusterRecords. The
// previous partition must be ClusterRecords of the previous state.
//
// A pair from a part record u to an outside record v counts against the
// part: it kept their clusters apart before. It still does when, at its
// turn in the order, u's cluster holds at least the records it held then,
// since a cluster with more records has more constraints. Otherwise, or
// when u's cluster changed, v is `undecided`: the caller adds v's cluster
// to the part and clusters again. Once nothing is undecided, `clusters` are
// what ClusterRecords of the whole new state gives the part's records, and
// every cluster beyond the part stands as it was.
//
//   PartClustering part = ClusterPart(records, pairs, thresholds, kinds);
//   while (!part.undecided.empty()) { ...add their clusters; again... }
//
// Cost: that of ClusterRecords, plus for each pair that leaves the part the
// size of one cluster. Pure; thread-safe.
struct PartClustering {
  std::vector<std::vector<int64_t>> clusters;  // as ClusterRecords
  std::vector<int64_t> undecided;              // sorted, unique
};
PartClustering ClusterPart(absl::Span<const ClusterRecord> records,
                           absl::Span<const ScoredPair> pairs,
                           LinkThresholds thresholds,
                           absl::Span<const v1::AttributeKind> kinds,
                           absl::Span<const CannotLink> cannot_links = {},
                           absl::Span<const MustLink> must_links = {});

// True when two values of a strong identifier can belong to one entity:
// equal, or for MPN one extends the other, which holds a digit, by 1-3
// letters: a vendor's colour or region suffix (WH1000XM4 and WH1000XM4B,
// TR72B and TR72BX).
bool StrongValuesCompatible(v1::AttributeKind kind, absl::string_view a,
                            absl::string_view b);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_CLUSTERING_H_
