#include "matching/clustering.h"

#include <algorithm>
#include <numeric>

#include "absl/container/flat_hash_map.h"

namespace mdm::matching {
namespace {

class DisjointSets {
 public:
  explicit DisjointSets(size_t n) : parent_(n) {
    std::iota(parent_.begin(), parent_.end(), 0);
  }
  size_t Find(size_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  // The smaller root wins, which keeps the result order-independent.
  void Union(size_t x, size_t y) {
    x = Find(x);
    y = Find(y);
    if (x == y) return;
    if (x < y) {
      parent_[y] = x;
    } else {
      parent_[x] = y;
    }
  }

 private:
  std::vector<size_t> parent_;
};

}  // namespace

std::vector<std::vector<int64_t>> ClusterRecords(
    absl::Span<const int64_t> records, absl::Span<const ScoredPair> pairs,
    double link_weight) {
  std::vector<int64_t> ids(records.begin(), records.end());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  absl::flat_hash_map<int64_t, size_t> index;
  index.reserve(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) index.emplace(ids[i], i);

  DisjointSets sets(ids.size());
  for (const ScoredPair& pair : pairs) {
    if (pair.weight < link_weight) continue;
    auto a = index.find(pair.a);
    auto b = index.find(pair.b);
    if (a == index.end() || b == index.end()) continue;
    sets.Union(a->second, b->second);
  }
  // Roots are the smallest member, so clusters come out ordered by it.
  std::vector<std::vector<int64_t>> clusters;
  absl::flat_hash_map<size_t, size_t> cluster_of_root;
  for (size_t i = 0; i < ids.size(); ++i) {
    const size_t root = sets.Find(i);
    auto [it, inserted] = cluster_of_root.emplace(root, clusters.size());
    if (inserted) clusters.emplace_back();
    clusters[it->second].push_back(ids[i]);
  }
  return clusters;
}

}  // namespace mdm::matching
