// Unsupervised training of a Fellegi-Sunter model, as Splink does it:
//
//   - u (P(level | non-match)) from comparison vectors of random record
//     pairs, which are almost all non-matches;
//   - m (P(level | match)) by expectation maximisation over candidate pairs,
//     one session per blocking rule; a session does not estimate m of the
//     comparisons on the rule's own attributes (blocking forced them to
//     agree), and the estimates of the sessions are averaged;
//   - the prior, the probability that two random records match, from the
//     number of candidate pairs more likely matches than not;
//   - term frequencies of values (for tf_adjust levels) and of tokens (for
//     rarity weights) from the records.
//
//   TrainingSample sample = ...;     // records' features and candidate pairs
//   absl::StatusOr<v1::TrainedModel> trained = TrainModel(model, sample, {});
//
// No labels are used. Pure and deterministic: the same sample gives the same
// model. Cost: linear in the pairs (identical comparison vectors are grouped
// before EM) plus the records for term counting.
#ifndef MDM_MATCHING_TRAINING_H_
#define MDM_MATCHING_TRAINING_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "matching/entity_model.h"
#include "matching/features.h"
#include "mdm/v1/config.pb.h"

namespace mdm::matching {

// Pairs of record indexes into TrainingSample::records.
struct RecordPair {
  int32_t a = 0;
  int32_t b = 0;
};

struct TrainingSample {
  // Features of the records to learn from (all, or a uniform sample).
  std::vector<RecordFeatures> records;
  // Random pairs, for u.
  std::vector<RecordPair> random_pairs;
  // Candidate pairs found by each blocking rule, indexed like
  // EntityModel::blocking_rules().
  std::vector<std::vector<RecordPair>> blocked_pairs;
};

struct TrainingOptions {
  // Fewest records to learn from: u rests on the random pairs among them
  // (50 records give 1,225), and fewer give estimates no better than noise.
  int min_records = 50;
  int max_iterations = 100;
  // EM stops when no m probability moves by more than this.
  double tolerance = 1e-5;
  // Most terms kept per attribute in the frequency tables.
  int max_terms = 100000;
  // Share of the true matches the blocking rules are assumed to find, when
  // turning the expected matches among candidates into the prior.
  double assumed_blocking_recall = 0.95;
  // Estimate m of comparisons that every blocking rule uses from all
  // candidate pairs together (biased towards agreement) instead of keeping
  // the configured m.
  bool pool_unestimable_m = false;
};

// Everything in the result except `version` and `entity_type`, which the
// caller sets. FailedPrecondition when the sample is too small to learn
// from: fewer than `min_records` records, or no blocking rule with the 10
// candidate pairs an EM session needs (EM would run no iteration and
// estimate no m).
absl::StatusOr<v1::TrainedModel> TrainModel(const EntityModel& model,
                                            const TrainingSample& sample,
                                            const TrainingOptions& options);

// Draws `count` random pairs of distinct records among `records` records,
// deterministically from `seed`.
std::vector<RecordPair> RandomPairs(int32_t records, int64_t count,
                                    uint64_t seed);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_TRAINING_H_
