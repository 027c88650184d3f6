#include "matching/clustering.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "matching/scorer.h"

namespace mdm::matching {
namespace {

// Constraint state of one cluster, kept at its root.
struct ClusterState {
  std::vector<int> sources;                         // sorted
  std::vector<std::pair<int, std::string>> strong;  // sorted
  std::vector<size_t> cannot;                       // record indexes
  // Members with distinguishing values (record indexes).
  std::vector<size_t> distinguished;
  // Every member (record indexes), when the sets track them.
  std::vector<size_t> members;
};

class ConstrainedSets {
 public:
  ConstrainedSets(absl::Span<const ClusterRecord> records,
                  absl::Span<const v1::AttributeKind> kinds,
                  bool track_members = false)
      : records_(records),
        parent_(records.size()),
        state_(records.size()),
        kinds_(kinds) {
    std::iota(parent_.begin(), parent_.end(), 0);
    for (size_t i = 0; i < records.size(); ++i) {
      if (track_members) state_[i].members.push_back(i);
      if (!records[i].distinguishing.empty()) {
        state_[i].distinguished.push_back(i);
      }
      if (records[i].exclusive_source >= 0) {
        state_[i].sources.push_back(records[i].exclusive_source);
      }
      state_[i].strong = records[i].strong_values;
      std::sort(state_[i].strong.begin(), state_[i].strong.end());
    }
  }

  size_t Find(size_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }

  void AddCannotLink(size_t a, size_t b) {
    state_[a].cannot.push_back(b);
    state_[b].cannot.push_back(a);
  }

  // Joins the clusters of x and y unless a constraint forbids it; `forced`
  // (a must-link) ignores every constraint but cannot-links.
  void TryUnion(size_t x, size_t y, bool forced = false) {
    x = Find(x);
    y = Find(y);
    if (x == y) return;
    if (forced ? Separated(x, y) : !Compatible(x, y)) return;
    if (y < x) std::swap(x, y);  // the smaller root survives
    parent_[y] = x;
    ClusterState& into = state_[x];
    ClusterState& from = state_[y];
    std::vector<int> sources;
    std::merge(into.sources.begin(), into.sources.end(), from.sources.begin(),
               from.sources.end(), std::back_inserter(sources));
    into.sources = std::move(sources);
    std::vector<std::pair<int, std::string>> strong;
    std::merge(into.strong.begin(), into.strong.end(), from.strong.begin(),
               from.strong.end(), std::back_inserter(strong));
    strong.erase(std::unique(strong.begin(), strong.end()), strong.end());
    into.strong = std::move(strong);
    into.cannot.insert(into.cannot.end(), from.cannot.begin(),
                       from.cannot.end());
    into.distinguished.insert(into.distinguished.end(),
                              from.distinguished.begin(),
                              from.distinguished.end());
    into.members.insert(into.members.end(), from.members.begin(),
                        from.members.end());
    from = ClusterState();
  }

  // The members of root x's cluster; empty unless the sets track them.
  absl::Span<const size_t> Members(size_t root) const {
    return state_[root].members;
  }

 private:
  bool Compatible(size_t x, size_t y) {
    const ClusterState& a = state_[x];
    const ClusterState& b = state_[y];
    // Deduplicated sources: sorted lists must be disjoint.
    for (size_t i = 0, j = 0; i < a.sources.size() && j < b.sources.size();) {
      if (a.sources[i] == b.sources[j]) return false;
      if (a.sources[i] < b.sources[j]) {
        ++i;
      } else {
        ++j;
      }
    }
    for (const auto& [attribute, value] : a.strong) {
      for (const auto& [other_attribute, other_value] : b.strong) {
        if (attribute != other_attribute) continue;
        const v1::AttributeKind kind =
            attribute < static_cast<int>(kinds_.size()) ? kinds_[attribute]
                                                        : v1::IDENTIFIER;
        if (!StrongValuesCompatible(kind, value, other_value)) return false;
      }
    }
    for (size_t i : a.distinguished) {
      for (size_t j : b.distinguished) {
        if (DistinguishingConflict(records_[i], records_[j])) return false;
      }
    }
    return !Separated(x, y);
  }

  bool DistinguishingConflict(const ClusterRecord& a, const ClusterRecord& b) {
    for (const auto& [attribute, value] : a.distinguishing) {
      for (const auto& [other_attribute, other_value] : b.distinguishing) {
        if (attribute != other_attribute) continue;
        const v1::AttributeKind kind =
            attribute < static_cast<int>(kinds_.size()) ? kinds_[attribute]
                                                        : v1::TEXT;
        if (FeaturesConflict(kind, value, other_value)) return true;
      }
    }
    return false;
  }

  // A cannot-link runs between the clusters of roots x and y.
  bool Separated(size_t x, size_t y) {
    for (size_t r : state_[x].cannot) {
      if (Find(r) == y) return true;
    }
    for (size_t r : state_[y].cannot) {
      if (Find(r) == x) return true;
    }
    return false;
  }

  absl::Span<const ClusterRecord> records_;
  std::vector<size_t> parent_;
  std::vector<ClusterState> state_;
  absl::Span<const v1::AttributeKind> kinds_;
};

}  // namespace

bool StrongValuesCompatible(v1::AttributeKind kind, absl::string_view a,
                            absl::string_view b) {
  if (a == b) return true;
  if (kind != v1::MPN) return false;
  if (a.size() > b.size()) std::swap(a, b);
  if (a.empty() || !absl::StartsWith(b, a) ||
      std::none_of(a.begin(), a.end(), absl::ascii_isdigit)) {
    return false;
  }
  const absl::string_view extra = b.substr(a.size());
  if (extra.size() > 3) return false;
  for (char c : extra) {
    if (!absl::ascii_isalpha(c)) return false;
  }
  return true;
}

namespace {

// ClusterRecords, and with `part` ClusterPart.
PartClustering Cluster(absl::Span<const ClusterRecord> records,
                       absl::Span<const ScoredPair> pairs,
                       LinkThresholds thresholds,
                       absl::Span<const v1::AttributeKind> kinds,
                       absl::Span<const CannotLink> cannot_links,
                       absl::Span<const MustLink> must_links, bool part) {
  // Records in their stable order (rank, then id), so that every tie broken
  // by the smaller index is broken by rank; a record given twice counts once
  // (inside when either copy is).
  std::vector<ClusterRecord> sorted(records.begin(), records.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const ClusterRecord& x, const ClusterRecord& y) {
              return std::tie(x.id, x.outside) < std::tie(y.id, y.outside);
            });
  sorted.erase(std::unique(sorted.begin(), sorted.end(),
                           [](const ClusterRecord& x, const ClusterRecord& y) {
                             return x.id == y.id;
                           }),
               sorted.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const ClusterRecord& x, const ClusterRecord& y) {
              return std::tie(x.rank, x.id) < std::tie(y.rank, y.id);
            });
  absl::flat_hash_map<int64_t, size_t> index;
  index.reserve(sorted.size());
  for (size_t i = 0; i < sorted.size(); ++i) index.emplace(sorted[i].id, i);
  auto inside = [&](absl::flat_hash_map<int64_t, size_t>::const_iterator it) {
    return it != index.end() && !sorted[it->second].outside;
  };

  ConstrainedSets sets(sorted, kinds);
  // With `part`: the previous partition's clusters as they grew, from the
  // pairs and must-links within each unchanged cluster.
  ConstrainedSets before(part ? sorted : absl::Span<const ClusterRecord>(),
                         kinds, /*track_members=*/true);
  auto unchanged_together = [&](size_t a, size_t b) {
    return part && sorted[a].unchanged_cluster != 0 &&
           sorted[a].unchanged_cluster == sorted[b].unchanged_cluster;
  };
  for (const CannotLink& link : cannot_links) {
    auto a = index.find(link.a);
    auto b = index.find(link.b);
    if (inside(a) && inside(b)) {
      sets.AddCannotLink(a->second, b->second);
      if (unchanged_together(a->second, b->second)) {
        before.AddCannotLink(a->second, b->second);
      }
    }
  }
  // Must-links in a fixed order, so that conflicting ones resolve the same
  // way whatever order they came in.
  PartClustering result;
  std::vector<std::pair<size_t, size_t>> forced;
  for (const MustLink& link : must_links) {
    auto a = index.find(link.a);
    auto b = index.find(link.b);
    // A must-link that leaves the part joins what lies beyond it.
    if (part && inside(a) != inside(b)) {
      result.undecided.push_back(inside(a) ? link.b : link.a);
    }
    if (inside(a) && inside(b)) {
      forced.emplace_back(std::min(a->second, b->second),
                          std::max(a->second, b->second));
    }
  }
  std::sort(forced.begin(), forced.end());
  for (const auto& [a, b] : forced) {
    sets.TryUnion(a, b, /*forced=*/true);
    if (unchanged_together(a, b)) before.TryUnion(a, b, /*forced=*/true);
  }

  struct Link {
    double weight;
    size_t a, b;          // a < b
    bool leaves = false;  // one end is outside (ClusterPart only)
  };
  std::vector<Link> links;
  // Best weight of each record's pairs to records not given at all, whose
  // source is unknown: such a partner may be its best candidate, which makes
  // none of the record's pairs provably best.
  std::vector<double> unknown_best(sorted.size(),
                                   -std::numeric_limits<double>::infinity());
  for (const ScoredPair& pair : pairs) {
    if (pair.weight < thresholds.link_weight) continue;
    auto a = index.find(pair.a);
    auto b = index.find(pair.b);
    if (a == index.end() && b != index.end()) {
      unknown_best[b->second] = std::max(unknown_best[b->second], pair.weight);
    }
    if (b == index.end() && a != index.end()) {
      unknown_best[a->second] = std::max(unknown_best[a->second], pair.weight);
    }
    if (a == index.end() || b == index.end() || a->second == b->second) {
      continue;
    }
    links.push_back({pair.weight, std::min(a->second, b->second),
                     std::max(a->second, b->second)});
  }
  // Best pair of each record towards each source: (record, source) -> the
  // other record, by weight then stable order. Outside records count here.
  const double mutual_best =
      std::max(thresholds.link_weight, thresholds.mutual_best_weight);
  const double one_to_one =
      std::max(thresholds.link_weight, thresholds.one_to_one_weight);
  const bool band = thresholds.best_match_weight > thresholds.link_weight;
  absl::flat_hash_map<std::pair<size_t, uint64_t>, const Link*> best;
  if (band) {
    auto consider = [&](size_t self, size_t other, const Link& link) {
      const auto key = std::make_pair(self, sorted[other].source);
      auto [it, inserted] = best.emplace(key, &link);
      if (inserted) return;
      const Link& current = *it->second;
      const size_t current_other = current.a == self ? current.b : current.a;
      if (link.weight > current.weight ||
          (link.weight == current.weight && other < current_other)) {
        it->second = &link;
      }
    };
    for (const Link& link : links) {
      consider(link.a, link.b, link);
      consider(link.b, link.a, link);
    }
  }
  auto is_best = [&](size_t self, size_t other) {
    auto it = best.find(std::make_pair(self, sorted[other].source));
    if (it == best.end()) return false;
    const Link& link = *it->second;
    return (link.a == self ? link.b : link.a) == other &&
           link.weight > unknown_best[self];
  };
  // Links that count: between two given records, at least one of them in
  // the part, and (in a band) past the best-candidate test.
  std::vector<Link> kept;
  for (Link link : links) {
    const bool outside_a = sorted[link.a].outside;
    const bool outside_b = sorted[link.b].outside;
    if (outside_a && outside_b) continue;
    link.leaves = outside_a || outside_b;
    if (link.leaves && !part) continue;
    if (band && link.weight < thresholds.best_match_weight) {
      // Between two deduplicated sources the constraint itself keeps the
      // linking one-to-one, best pairs first.
      const bool exclusive = sorted[link.a].exclusive_source >= 0 &&
                             sorted[link.b].exclusive_source >= 0;
      // An outside record's pairs are not all given: whether the pair is
      // its best is unknown, so it may be.
      const bool best_of_a = outside_a || is_best(link.a, link.b);
      const bool best_of_b = outside_b || is_best(link.b, link.a);
      if (exclusive ? link.weight < one_to_one
                    : link.weight < mutual_best || !best_of_a || !best_of_b) {
        continue;
      }
    }
    kept.push_back(link);
  }
  links = std::move(kept);
  std::sort(links.begin(), links.end(), [](const Link& x, const Link& y) {
    return std::tie(y.weight, x.a, x.b) < std::tie(x.weight, y.a, y.b);
  });
  for (const Link& link : links) {
    if (!link.leaves) {
      sets.TryUnion(link.a, link.b);
      if (unchanged_together(link.a, link.b)) before.TryUnion(link.a, link.b);
      continue;
    }
    const size_t own = sorted[link.a].outside ? link.b : link.a;
    const size_t other = own == link.a ? link.b : link.a;
    // The pair kept the two clusters apart before; it still does if `own`'s
    // cluster holds every record its cluster held then.
    bool stands = sorted[own].unchanged_cluster != 0;
    if (stands) {
      const size_t root = sets.Find(own);
      for (size_t member : before.Members(before.Find(own))) {
        if (sets.Find(member) != root) {
          stands = false;
          break;
        }
      }
    }
    if (!stands) result.undecided.push_back(sorted[other].id);
  }
  std::sort(result.undecided.begin(), result.undecided.end());
  result.undecided.erase(
      std::unique(result.undecided.begin(), result.undecided.end()),
      result.undecided.end());

  std::vector<std::vector<int64_t>>& clusters = result.clusters;
  absl::flat_hash_map<size_t, size_t> cluster_of_root;
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (sorted[i].outside) continue;
    const size_t root = sets.Find(i);
    auto [it, inserted] = cluster_of_root.emplace(root, clusters.size());
    if (inserted) clusters.emplace_back();
    clusters[it->second].push_back(sorted[i].id);
  }
  for (std::vector<int64_t>& cluster : clusters) {
    std::sort(cluster.begin(), cluster.end());
  }
  std::sort(clusters.begin(), clusters.end());
  return result;
}

}  // namespace

std::vector<std::vector<int64_t>> ClusterRecords(
    absl::Span<const ClusterRecord> records, absl::Span<const ScoredPair> pairs,
    LinkThresholds thresholds, absl::Span<const v1::AttributeKind> kinds,
    absl::Span<const CannotLink> cannot_links,
    absl::Span<const MustLink> must_links) {
  return Cluster(records, pairs, thresholds, kinds, cannot_links, must_links,
                 /*part=*/false)
      .clusters;
}

PartClustering ClusterPart(absl::Span<const ClusterRecord> records,
                           absl::Span<const ScoredPair> pairs,
                           LinkThresholds thresholds,
                           absl::Span<const v1::AttributeKind> kinds,
                           absl::Span<const CannotLink> cannot_links,
                           absl::Span<const MustLink> must_links) {
  return Cluster(records, pairs, thresholds, kinds, cannot_links, must_links,
                 /*part=*/true);
}

}  // namespace mdm::matching
