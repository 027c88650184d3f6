#include "src/engine/internal/unscored_pairs.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "matching/blocking.h"
#include "matching/candidate_index.h"
#include "matching/features.h"
#include "matching/scorer.h"
#include "matching/standardizer.h"
#include "src/base/status_macros.h"

namespace mdm::engine {

absl::Status FindUnscoredPairs(
    storage::ReadTransaction& txn, const matching::EntityModel& model,
    int page_size, WorkerPool* pool,
    absl::FunctionRef<void(const UnscoredPair&)> report) {
  auto parallel_for = [pool](size_t n, absl::FunctionRef<void(size_t)> fn) {
    if (pool != nullptr) {
      pool->ParallelFor(n, fn);
    } else {
      for (size_t i = 0; i < n; ++i) fn(i);
    }
  };
  // Records in increasing id order, with their keys and links.
  std::vector<storage::XrefRow> records;
  std::vector<std::vector<matching::BlockingKey>> keys;
  matching::CandidateIndex index;
  for (int64_t after = 0;;) {
    MDM_ASSIGN_OR_RETURN(std::vector<storage::RecordRow> rows,
                         txn.ScanRecords(model.name(), after, page_size));
    if (rows.empty()) break;
    after = rows.back().id;
    std::vector<int64_t> ids(rows.size());
    std::vector<std::vector<uint64_t>> hashes(rows.size());
    std::vector<std::string> encoded(rows.size());
    const size_t first = keys.size();
    keys.resize(first + rows.size());
    parallel_for(rows.size(), [&](size_t i) {
      storage::RecordRow& row = rows[i];
      matching::RecordFeatures features;
      if (!matching::DecodeFeatures(model, row.features, features)) {
        features = matching::Standardize(model, row.attributes);
        row.features = matching::EncodeFeatures(model, features);
      }
      keys[first + i] = matching::BlockingKeys(model, features);
      for (const matching::BlockingKey& key : keys[first + i]) {
        hashes[i].push_back(key.hash);
      }
      ids[i] = row.id;
      encoded[i] = std::move(row.features);
    });
    for (storage::RecordRow& row : rows) {
      records.push_back({.record_id = row.id,
                         .entity_type = std::move(row.entity_type),
                         .key = std::move(row.key),
                         .golden_id = row.golden_id});
    }
    index.Load(ids, absl::MakeSpan(hashes), absl::MakeSpan(encoded));
  }

  // Scored in chunks on the pool; stored pairs are read on this thread,
  // which alone may use `txn`.
  constexpr size_t kChunk = 4096;
  const double stored_from = model.stored_weight();
  std::vector<std::vector<std::pair<int64_t, double>>> scored(kChunk);
  // Per record of the chunk, its later candidates (ids above its own).
  std::vector<std::vector<int64_t>> later_candidates(kChunk);
  for (size_t begin = 0; begin < records.size(); begin += kChunk) {
    const size_t n = std::min(kChunk, records.size() - begin);
    parallel_for(n, [&](size_t k) {
      const size_t i = begin + k;
      scored[k].clear();
      later_candidates[k].clear();
      const int64_t id = records[i].record_id;
      std::vector<int64_t> candidates = index.Candidates(model, keys[i]);
      auto later = std::upper_bound(candidates.begin(), candidates.end(), id);
      if (later == candidates.end()) return;
      later_candidates[k].assign(later, candidates.end());
      matching::RecordFeatures own;
      matching::LazyFeatures other;
      bool decoded = false;
      index.VisitFeatures({id}, [&](int64_t, absl::string_view bytes) {
        decoded = matching::DecodeFeatures(model, bytes, own);
      });
      if (!decoded) return;
      index.VisitFeatures(
          absl::MakeConstSpan(&*later,
                              static_cast<size_t>(candidates.end() - later)),
          [&](int64_t candidate, absl::string_view bytes) {
            if (!other.Reset(model, bytes)) return;
            const double weight =
                matching::MatchWeightAtLeast(model, own, other, stored_from);
            if (other.ok() && weight >= stored_from)
              scored[k].emplace_back(candidate, weight);
          });
    });
    auto record_of = [&](size_t i, int64_t id) -> const storage::XrefRow* {
      auto it = std::lower_bound(
          records.begin() + static_cast<std::ptrdiff_t>(i) + 1, records.end(),
          id, [](const storage::XrefRow& row, int64_t value) {
            return row.record_id < value;
          });
      return it == records.end() || it->record_id != id ? nullptr : &*it;
    };
    for (size_t k = 0; k < n; ++k) {
      const size_t i = begin + k;
      const int64_t id = records[i].record_id;
      MDM_ASSIGN_OR_RETURN(std::vector<storage::Edge> edges, txn.EdgesOf(id));
      absl::flat_hash_set<int64_t> stored;
      for (const storage::Edge& edge : edges) {
        const int64_t partner = edge.a == id ? edge.b : edge.a;
        stored.insert(partner);
        if (partner < id ||
            std::binary_search(later_candidates[k].begin(),
                               later_candidates[k].end(), partner)) {
          continue;
        }
        const storage::XrefRow* b = record_of(i, partner);
        if (b == nullptr) continue;  // another type's record: not ours
        report({.a = records[i],
                .b = *b,
                .weight = edge.weight,
                .kind = UnscoredPair::Kind::kNotCandidates});
      }
      for (const auto& [candidate, weight] : scored[k]) {
        if (stored.contains(candidate)) continue;
        const storage::XrefRow* b = record_of(i, candidate);
        if (b == nullptr) continue;
        report({.a = records[i], .b = *b, .weight = weight});
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace mdm::engine
