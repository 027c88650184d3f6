// Fellegi-Sunter scoring of a candidate pair.
//
// Each comparison puts the pair in the first level whose condition holds and
// adds that level's weight log2(m / u); a comparison where either record lacks
// the attribute adds nothing. An exact level with tf_adjust uses the agreeing
// value's trained frequency as u, so agreement on a rare value counts more.
// The pair's match weight is the prior weight plus the sum, and its match
// probability is 1 / (1 + 2^-weight).
//
//   PairScore score = ScorePair(model, a, b);
//   if (score.weight >= model.auto_merge_weight()) Link(a, b);
//
// Cost: one pass over the comparisons; each similarity is computed at most
// once per comparison however many levels test it. MatchWeight() does not
// allocate beyond the comparators' own needs. Pure; thread-safe.
#ifndef MDM_MATCHING_SCORER_H_
#define MDM_MATCHING_SCORER_H_

#include <cstdint>
#include <vector>

#include "matching/entity_model.h"
#include "matching/features.h"

namespace mdm::matching {

struct ComparisonOutcome {
  int comparison = 0;  // index into EntityModel::comparisons()
  int level = -1;      // index into its levels; -1 when a value is missing
  double weight = 0;   // the level's weight (term-frequency adjusted), 0 when
                       // missing
  bool tf_adjusted = false;
};

// The match weight of a pair decided apart by a distinguishing attribute:
// below every threshold a model can have.
inline constexpr double kApartWeight = -1.0e6;

struct PairScore {
  // prior + sum of outcome weights, in bits; kApartWeight when decided apart.
  double weight = 0;
  // prior + sum of outcome weights even when decided apart: the evidence.
  double evidence_weight = 0;
  // The distinguishing attribute whose values conflict, or -1.
  int apart_attribute = -1;
  std::vector<ComparisonOutcome> outcomes;  // one per comparison, in order
};

PairScore ScorePair(const EntityModel& model, const RecordFeatures& a,
                    const RecordFeatures& b);

// ScorePair(...).weight without the per-comparison detail. A pair whose
// values of a distinguishing attribute conflict (DistinguishingConflict)
// weighs kApartWeight, whatever else agrees.
double MatchWeight(const EntityModel& model, const RecordFeatures& a,
                   const RecordFeatures& b);

// MatchWeight(a, b) when it is at least `floor`; otherwise some weight below
// `floor`. Stops as soon as the comparisons not made yet cannot lift the
// weight to `floor` (most candidate pairs are far below the review
// threshold), trying comparisons in comparisons_by_max_weight() order.
//
//   double w = MatchWeightAtLeast(model, a, b, model.stored_weight());
//   if (w >= model.stored_weight()) StoreEdge(a, b, w);  // w is exact
double MatchWeightAtLeast(const EntityModel& model, const RecordFeatures& a,
                          const RecordFeatures& b, double floor);
// The same against a candidate decoded lazily: only the attributes the
// comparisons made need are decoded. Check `b.ok()` afterwards; a malformed
// attribute makes the weight meaningless.
double MatchWeightAtLeast(const EntityModel& model, const RecordFeatures& a,
                          LazyFeatures& b, double floor);

// The level of each comparison (-1 when missing), for training. Term
// frequencies play no part.
std::vector<int8_t> ComparisonVector(const EntityModel& model,
                                     const RecordFeatures& a,
                                     const RecordFeatures& b);

// True when the two features of attribute kind `kind` contradict each other
// (different valid identifiers, different model numbers, quantities of one
// unit with different amounts). Used by the kConflict condition and by
// clustering.
bool FeaturesConflict(v1::AttributeKind kind, const Feature& a,
                      const Feature& b);

// True when two values of a distinguishing attribute say two different
// entities: for a strong attribute, some pair of their codes is not
// StrongValuesCompatible (the clustering constraint); otherwise
// FeaturesConflict.
bool DistinguishingValuesConflict(const AttributeSpec& spec, const Feature& a,
                                  const Feature& b);

// The first distinguishing attribute (model.distinguishing_attributes())
// whose values conflict between the two records, or -1.
int DistinguishingConflict(const EntityModel& model, const RecordFeatures& a,
                           const RecordFeatures& b);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_SCORER_H_
