#include "matching/scorer.h"

namespace mdm::matching {
namespace {

// Level index of one comparison, or -1 when a value is missing.
int LevelOf(const Comparison& comparison, const std::string& a,
            const std::string& b) {
  if (a.empty() || b.empty()) return -1;
  for (int i = 0; i < static_cast<int>(comparison.levels.size()); ++i) {
    switch (comparison.levels[i].condition) {
      case LevelCondition::kExact:
        if (a == b) return i;
        break;
      case LevelCondition::kElse:
        return i;
    }
  }
  return -1;
}

}  // namespace

PairScore ScorePair(const EntityModel& model, const StandardizedRecord& a,
                    const StandardizedRecord& b) {
  PairScore score;
  score.weight = model.prior_weight();
  const std::vector<Comparison>& comparisons = model.comparisons();
  score.outcomes.reserve(comparisons.size());
  for (int c = 0; c < static_cast<int>(comparisons.size()); ++c) {
    const Comparison& comparison = comparisons[c];
    ComparisonOutcome outcome{.comparison = c};
    outcome.level = LevelOf(comparison, a.values[comparison.attribute],
                            b.values[comparison.attribute]);
    if (outcome.level >= 0) {
      outcome.weight = comparison.levels[outcome.level].weight;
    }
    score.weight += outcome.weight;
    score.outcomes.push_back(outcome);
  }
  return score;
}

double MatchWeight(const EntityModel& model, const StandardizedRecord& a,
                   const StandardizedRecord& b) {
  double weight = model.prior_weight();
  for (const Comparison& comparison : model.comparisons()) {
    const int level = LevelOf(comparison, a.values[comparison.attribute],
                              b.values[comparison.attribute]);
    if (level >= 0) weight += comparison.levels[level].weight;
  }
  return weight;
}

}  // namespace mdm::matching
