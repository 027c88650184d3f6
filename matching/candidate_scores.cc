#include "matching/candidate_scores.h"

#include "matching/scorer.h"

namespace mdm::matching {

CandidateScores ScoreCandidates(const EntityModel& model,
                                const RecordFeatures& features,
                                absl::Span<const BlockingKey> keys,
                                const CandidateIndex& index) {
  std::vector<CandidateIndex::CandidateFeatures> candidates =
      index.CandidatesWithFeatures(model, keys);
  CandidateScores scores;
  scores.reserve(candidates.size());
  LazyFeatures other;  // decoded into again and again
  for (CandidateIndex::CandidateFeatures& candidate : candidates) {
    if (!other.Reset(model, *candidate.features)) continue;
    const double weight =
        MatchWeightAtLeast(model, features, other, model.stored_weight());
    if (!other.ok()) continue;
    scores.push_back({.record_id = candidate.record_id,
                      .features = std::move(candidate.features),
                      .weight = weight});
  }
  return scores;
}

const CandidateScore* FindScore(const CandidateScores& scores,
                                int64_t record_id, absl::string_view bytes,
                                size_t& cursor) {
  while (cursor < scores.size() && scores[cursor].record_id < record_id) {
    ++cursor;
  }
  if (cursor == scores.size() || scores[cursor].record_id != record_id) {
    return nullptr;
  }
  const CandidateScore& score = scores[cursor];
  return score.features->data() == bytes.data() &&
                 score.features->size() == bytes.size()
             ? &score
             : nullptr;
}

}  // namespace mdm::matching
