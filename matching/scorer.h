// Fellegi-Sunter scoring of a candidate pair.
//
// Each comparison puts the pair in the first level whose condition holds and
// adds that level's weight log2(m / u); a comparison where either record lacks
// the attribute adds nothing. The pair's match weight is the prior weight plus
// the sum, and its match probability is 1 / (1 + 2^-weight).
//
//   PairScore score = ScorePair(model, a, b);
//   if (score.weight >= model.auto_merge_weight()) Link(a, b);
//
// Cost: one pass over the comparisons; no allocation in MatchWeight().
// Pure; thread-safe.
#ifndef MDM_MATCHING_SCORER_H_
#define MDM_MATCHING_SCORER_H_

#include <vector>

#include "matching/entity_model.h"
#include "matching/standardizer.h"

namespace mdm::matching {

struct ComparisonOutcome {
  int comparison = 0;  // index into EntityModel::comparisons()
  int level = -1;      // index into its levels; -1 when a value is missing
  double weight = 0;   // the level's weight, 0 when missing
};

struct PairScore {
  double weight = 0;  // prior + sum of outcome weights, in bits
  std::vector<ComparisonOutcome> outcomes;  // one per comparison, in order
};

PairScore ScorePair(const EntityModel& model, const StandardizedRecord& a,
                    const StandardizedRecord& b);

// ScorePair(...).weight without the per-comparison detail.
double MatchWeight(const EntityModel& model, const StandardizedRecord& a,
                   const StandardizedRecord& b);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_SCORER_H_
