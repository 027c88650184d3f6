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
    int page_size, absl::FunctionRef<void(const UnscoredPair&)> report) {
  // Records in increasing id order, with their keys and links.
  std::vector<storage::XrefRow> records;
  std::vector<std::vector<matching::BlockingKey>> keys;
  matching::CandidateIndex index;
  for (int64_t after = 0;;) {
    MDM_ASSIGN_OR_RETURN(std::vector<storage::RecordRow> rows,
                         txn.ScanRecords(model.name(), after, page_size));
    if (rows.empty()) break;
    after = rows.back().id;
    std::vector<int64_t> ids;
    std::vector<std::vector<uint64_t>> hashes;
    std::vector<std::string> encoded;
    for (storage::RecordRow& row : rows) {
      matching::RecordFeatures features;
      if (!matching::DecodeFeatures(model, row.features, features)) {
        features = matching::Standardize(model, row.attributes);
        row.features = matching::EncodeFeatures(model, features);
      }
      std::vector<matching::BlockingKey>& own =
          keys.emplace_back(matching::BlockingKeys(model, features));
      std::vector<uint64_t>& own_hashes = hashes.emplace_back();
      for (const matching::BlockingKey& key : own) {
        own_hashes.push_back(key.hash);
      }
      ids.push_back(row.id);
      encoded.push_back(std::move(row.features));
      records.push_back({.record_id = row.id,
                         .entity_type = row.entity_type,
                         .key = std::move(row.key),
                         .golden_id = row.golden_id});
    }
    index.Load(ids, absl::MakeSpan(hashes), absl::MakeSpan(encoded));
  }

  const double review = model.review_weight();
  matching::RecordFeatures own, other;
  std::vector<int64_t> later;
  for (size_t i = 0; i < records.size(); ++i) {
    const int64_t id = records[i].record_id;
    std::vector<int64_t> candidates = index.Candidates(model, keys[i]);
    later.assign(std::upper_bound(candidates.begin(), candidates.end(), id),
                 candidates.end());
    if (later.empty()) continue;
    bool decoded = false;
    index.VisitFeatures({id}, [&](int64_t, absl::string_view bytes) {
      decoded = matching::DecodeFeatures(model, bytes, own);
    });
    if (!decoded) continue;
    std::vector<std::pair<int64_t, double>> scored;
    index.VisitFeatures(later, [&](int64_t candidate, absl::string_view bytes) {
      if (!matching::DecodeFeatures(model, bytes, other)) return;
      const double weight =
          matching::MatchWeightAtLeast(model, own, other, review);
      if (weight >= review) scored.emplace_back(candidate, weight);
    });
    if (scored.empty()) continue;
    MDM_ASSIGN_OR_RETURN(std::vector<storage::Edge> edges, txn.EdgesOf(id));
    absl::flat_hash_set<int64_t> stored;
    for (const storage::Edge& edge : edges) {
      stored.insert(edge.a == id ? edge.b : edge.a);
    }
    for (const auto& [candidate, weight] : scored) {
      if (stored.contains(candidate)) continue;
      auto b = std::lower_bound(
          records.begin() + static_cast<std::ptrdiff_t>(i) + 1, records.end(),
          candidate, [](const storage::XrefRow& row, int64_t value) {
            return row.record_id < value;
          });
      report({.a = records[i], .b = *b, .weight = weight});
    }
  }
  return absl::OkStatus();
}

}  // namespace mdm::engine
