// CandidateScores: a record's match weights against its candidates, computed
// ahead of the write that needs them, off the writer's thread.
//
// Each score keeps the candidate's features as they were scored. The writer
// later looks the candidates up again and takes a score only when the
// candidate's features are still the same bytes; candidates that are new or
// changed since are scored then. A stale score therefore costs a re-score,
// never a wrong weight.
//
//   CandidateScores ahead = ScoreCandidates(model, features, keys, index);
//   ...  // later, on the writer's thread, with the index changed meanwhile
//   index.VisitFeatures(candidates, [&](int64_t id, absl::string_view bytes) {
//     const CandidateScore* score = FindScore(ahead, id, bytes);
//     double w = score != nullptr ? score->weight : Score(...);
//   });
//
// Plain values; thread-compatible.
#ifndef MDM_MATCHING_CANDIDATE_SCORES_H_
#define MDM_MATCHING_CANDIDATE_SCORES_H_

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "matching/blocking.h"
#include "matching/candidate_index.h"
#include "matching/entity_model.h"
#include "matching/features.h"

namespace mdm::matching {

struct CandidateScore {
  int64_t record_id = 0;
  // The candidate's features the weight was computed from.
  CandidateIndex::SharedFeatures features;
  // MatchWeightAtLeast(model, record, candidate, model.stored_weight()).
  double weight = 0;
};

// By increasing record id.
using CandidateScores = std::vector<CandidateScore>;

// Scores a record against the candidates of its blocking keys in `index`,
// as they are now. Thread-safe as the index is.
CandidateScores ScoreCandidates(const EntityModel& model,
                                const RecordFeatures& features,
                                absl::Span<const BlockingKey> keys,
                                const CandidateIndex& index);

// The score of `record_id` in `scores` when it was computed from `bytes`
// (the same buffer, not an equal one); null otherwise. Calls must come in
// increasing record id; `cursor` (start at 0) carries the position.
const CandidateScore* FindScore(const CandidateScores& scores,
                                int64_t record_id, absl::string_view bytes,
                                size_t& cursor);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_CANDIDATE_SCORES_H_
