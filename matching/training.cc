#include "matching/training.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "matching/scorer.h"

namespace mdm::matching {
namespace {

// Fewest candidate pairs an EM session learns from.
constexpr size_t kMinSessionPairs = 10;

// Identical comparison vectors, counted.
using Patterns = std::map<std::vector<int8_t>, int64_t>;

Patterns CountPatterns(const EntityModel& model, const TrainingSample& sample,
                       const std::vector<RecordPair>& pairs) {
  Patterns patterns;
  for (const RecordPair& pair : pairs) {
    std::vector<int8_t> levels =
        ComparisonVector(model, sample.records[pair.a], sample.records[pair.b]);
    // A neutral level carries no evidence: as if the comparison were missing.
    for (size_t c = 0; c < levels.size(); ++c) {
      if (levels[c] >= 0 && model.comparisons()[c].levels[levels[c]].neutral) {
        levels[c] = -1;
      }
    }
    ++patterns[std::move(levels)];
  }
  return patterns;
}

// Probability levels; [comparison][level].
using LevelTable = std::vector<std::vector<double>>;

LevelTable ConfiguredM(const EntityModel& model) {
  LevelTable m;
  for (const Comparison& c : model.comparisons()) {
    m.emplace_back();
    for (const ComparisonLevel& level : c.levels) m.back().push_back(level.m);
  }
  return m;
}

// u from random pairs. Levels seen fewer than five times keep the smaller of
// the configured u and the rate one more sighting would give, so that a level
// never seen (an exact match on an identifier) is not made infinitely strong.
LevelTable EstimateU(const EntityModel& model, const Patterns& random) {
  LevelTable u;
  for (size_t c = 0; c < model.comparisons().size(); ++c) {
    const Comparison& comparison = model.comparisons()[c];
    std::vector<double> counts(comparison.levels.size(), 0);
    double total = 0;
    for (const auto& [pattern, n] : random) {
      if (pattern[c] < 0) continue;
      counts[pattern[c]] += n;
      total += n;
    }
    u.emplace_back();
    for (size_t l = 0; l < comparison.levels.size(); ++l) {
      const double configured = comparison.levels[l].u;
      if (total == 0 || comparison.levels[l].fixed) {
        u.back().push_back(configured);
      } else if (counts[l] < 5) {
        u.back().push_back(std::min(configured, (counts[l] + 1) / (total + 1)));
      } else {
        u.back().push_back(counts[l] / total);
      }
    }
  }
  return u;
}

struct EmResult {
  LevelTable m;
  double lambda = 0;  // match rate among the pairs
  int iterations = 0;
  bool converged = false;
  double last_change = 0;
};

double Clamp(double p) { return std::clamp(p, 1e-9, 1.0 - 1e-9); }

// EM for m and lambda with u fixed. `frozen[c]` marks comparisons whose m is
// kept (their attributes were used for blocking).
EmResult RunEm(const EntityModel& model, const Patterns& patterns,
               const LevelTable& u, const LevelTable& initial_m,
               const std::vector<bool>& frozen,
               const TrainingOptions& options) {
  EmResult result{.m = initial_m, .lambda = 0.1};
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    LevelTable numerator(result.m.size());
    std::vector<double> denominator(result.m.size(), 0);
    for (size_t c = 0; c < result.m.size(); ++c) {
      numerator[c].assign(result.m[c].size(), 0);
    }
    double expected_matches = 0;
    double total = 0;
    for (const auto& [pattern, count] : patterns) {
      double log_odds = std::log(result.lambda / (1 - result.lambda));
      for (size_t c = 0; c < pattern.size(); ++c) {
        if (pattern[c] < 0) continue;
        log_odds +=
            std::log(Clamp(result.m[c][pattern[c]]) / Clamp(u[c][pattern[c]]));
      }
      const double p = 1.0 / (1.0 + std::exp(-log_odds));
      expected_matches += p * count;
      total += count;
      for (size_t c = 0; c < pattern.size(); ++c) {
        if (pattern[c] < 0) continue;
        numerator[c][pattern[c]] += p * count;
        denominator[c] += p * count;
      }
    }
    double change = 0;
    for (size_t c = 0; c < result.m.size(); ++c) {
      if (frozen[c] || denominator[c] <= 0) continue;
      // Fixed levels keep their m; the others share the rest of the mass.
      const std::vector<ComparisonLevel>& levels =
          model.comparisons()[c].levels;
      double fixed_mass = 0;
      double free_numerator = 0;
      for (size_t l = 0; l < levels.size(); ++l) {
        if (levels[l].fixed) {
          fixed_mass += levels[l].m;
        } else {
          free_numerator += numerator[c][l];
        }
      }
      if (free_numerator <= 0) continue;
      for (size_t l = 0; l < result.m[c].size(); ++l) {
        if (levels[l].fixed) continue;
        const double updated =
            std::max((1 - fixed_mass) * numerator[c][l] / free_numerator, 1e-6);
        change = std::max(change, std::abs(updated - result.m[c][l]));
        result.m[c][l] = updated;
      }
    }
    result.lambda = Clamp(total > 0 ? expected_matches / total : 0.1);
    result.iterations = iteration;
    result.last_change = change;
    if (change < options.tolerance) {
      result.converged = true;
      break;
    }
  }
  return result;
}

// Pairs whose posterior match probability is at least one half: the matches
// a hard assignment would make. Ambiguous pairs, which EM's expected count
// takes fractionally, are left out, so the estimate errs on the side of
// fewer matches.
double ConfidentMatches(const Patterns& patterns, const LevelTable& u,
                        const LevelTable& m, double lambda) {
  double matches = 0;
  for (const auto& [pattern, count] : patterns) {
    double log_odds = std::log(lambda / (1 - lambda));
    for (size_t c = 0; c < pattern.size(); ++c) {
      if (pattern[c] < 0) continue;
      log_odds += std::log(Clamp(m[c][pattern[c]]) / Clamp(u[c][pattern[c]]));
    }
    if (log_odds >= 0) matches += static_cast<double>(count);
  }
  return matches;
}

// Counts values (or, with tokens, each record's distinct tokens) of the
// attributes in `attributes`.
void CountTerms(const EntityModel& model, const TrainingSample& sample,
                const absl::flat_hash_set<int>& attributes, bool tokens,
                int max_terms,
                google::protobuf::RepeatedPtrField<v1::TermFrequencies>* out) {
  for (int attribute : attributes) {
    absl::flat_hash_map<std::string, int64_t> counts;
    int64_t population = 0;
    for (const RecordFeatures& record : sample.records) {
      const Feature& feature = record.attributes[attribute];
      if (feature.missing()) continue;
      ++population;
      if (!tokens) {
        ++counts[feature.value];
        continue;
      }
      absl::flat_hash_set<absl::string_view> seen;
      for (const std::string& token : feature.tokens) {
        if (seen.insert(token).second) ++counts[token];
      }
    }
    std::vector<std::pair<int64_t, std::string>> ranked;
    ranked.reserve(counts.size());
    for (auto& [term, count] : counts) {
      if (count >= 2) ranked.emplace_back(count, term);
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) {
      return x.first != y.first ? x.first > y.first : x.second < y.second;
    });
    if (static_cast<int>(ranked.size()) > max_terms) ranked.resize(max_terms);
    v1::TermFrequencies* frequencies = out->Add();
    frequencies->set_attribute(model.attributes()[attribute].name);
    frequencies->set_population(population);
    for (const auto& [count, term] : ranked) {
      v1::TermFrequency* entry = frequencies->add_terms();
      entry->set_term(term);
      entry->set_count(count);
    }
  }
}

}  // namespace

std::vector<RecordPair> RandomPairs(int32_t records, int64_t count,
                                    uint64_t seed) {
  std::vector<RecordPair> pairs;
  if (records < 2) return pairs;
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<int32_t> pick(0, records - 1);
  pairs.reserve(count);
  while (static_cast<int64_t>(pairs.size()) < count) {
    const int32_t a = pick(random);
    const int32_t b = pick(random);
    if (a != b) pairs.push_back({a, b});
  }
  return pairs;
}

absl::StatusOr<v1::TrainedModel> TrainModel(const EntityModel& model,
                                            const TrainingSample& sample,
                                            const TrainingOptions& options) {
  if (sample.records.size() < 2) {
    return absl::FailedPreconditionError(
        absl::StrCat("entity type ", model.name(),
                     " has fewer than two records to learn "
                     "from"));
  }
  if (static_cast<int64_t>(sample.records.size()) < options.min_records) {
    return absl::FailedPreconditionError(absl::StrCat(
        "too little data to learn from: ", sample.records.size(),
        " records, and training needs at least ", options.min_records));
  }
  if (sample.blocked_pairs.size() != model.blocking_rules().size()) {
    return absl::InvalidArgumentError(
        "training sample needs one list of pairs per blocking rule");
  }
  const size_t comparisons = model.comparisons().size();
  const Patterns random = CountPatterns(model, sample, sample.random_pairs);
  const LevelTable u = EstimateU(model, random);

  // One EM session per blocking rule; m averaged over the sessions that
  // estimated it.
  LevelTable m_sum(comparisons);
  std::vector<int> m_sessions(comparisons, 0);
  for (size_t c = 0; c < comparisons; ++c) {
    m_sum[c].assign(model.comparisons()[c].levels.size(), 0);
  }
  int iterations = 0;
  bool converged = true;
  double last_change = 0;
  int64_t blocked_pairs = 0;
  for (size_t r = 0; r < model.blocking_rules().size(); ++r) {
    const std::vector<RecordPair>& pairs = sample.blocked_pairs[r];
    blocked_pairs += static_cast<int64_t>(pairs.size());
    if (pairs.size() < kMinSessionPairs) continue;
    std::vector<bool> frozen(comparisons, false);
    for (const KeyPartSpec& part : model.blocking_rules()[r].parts) {
      for (size_t c = 0; c < comparisons; ++c) {
        if (model.comparisons()[c].attribute == part.attribute)
          frozen[c] = true;
      }
    }
    const EmResult session = RunEm(model, CountPatterns(model, sample, pairs),
                                   u, ConfiguredM(model), frozen, options);
    iterations = std::max(iterations, session.iterations);
    converged = converged && session.converged;
    last_change = std::max(last_change, session.last_change);
    for (size_t c = 0; c < comparisons; ++c) {
      if (frozen[c]) continue;
      for (size_t l = 0; l < session.m[c].size(); ++l) {
        m_sum[c][l] += session.m[c][l];
      }
      ++m_sessions[c];
    }
  }
  // Without an EM session the result would be the configured m with u from
  // a handful of pairs: worse than the configuration, so refuse.
  if (comparisons > 0 &&
      *std::max_element(m_sessions.begin(), m_sessions.end()) == 0) {
    size_t most = 0;
    for (const std::vector<RecordPair>& pairs : sample.blocked_pairs) {
      most = std::max(most, pairs.size());
    }
    return absl::FailedPreconditionError(absl::StrCat(
        "too little data to learn from: ", sample.records.size(),
        " records, and no blocking rule found the ", kMinSessionPairs,
        " candidate pairs an EM session needs (the most was ", most,
        "): EM would run 0 iterations"));
  }
  LevelTable m = ConfiguredM(model);
  std::vector<bool> estimated(comparisons, false);
  for (size_t c = 0; c < comparisons; ++c) {
    if (m_sessions[c] == 0) continue;
    estimated[c] = true;
    for (size_t l = 0; l < m[c].size(); ++l) {
      m[c][l] = m_sum[c][l] / m_sessions[c];
    }
  }

  // All distinct candidate pairs.
  absl::flat_hash_set<std::pair<int32_t, int32_t>> distinct;
  std::vector<RecordPair> candidates;
  for (const std::vector<RecordPair>& pairs : sample.blocked_pairs) {
    for (const RecordPair& pair : pairs) {
      const auto key = std::minmax(pair.a, pair.b);
      if (distinct.insert(key).second) candidates.push_back(pair);
    }
  }
  const Patterns candidate_patterns = CountPatterns(model, sample, candidates);
  // Comparisons on attributes that every blocking rule uses get m from all
  // candidates together: biased towards agreement, but far better than the
  // configured guess when blocking finds most matches.
  if (options.pool_unestimable_m &&
      std::find(estimated.begin(), estimated.end(), false) != estimated.end()) {
    const EmResult pooled =
        RunEm(model, candidate_patterns, u, m, /*frozen=*/estimated, options);
    iterations = std::max(iterations, pooled.iterations);
    converged = converged && pooled.converged;
    for (size_t c = 0; c < comparisons; ++c) {
      if (!estimated[c]) m[c] = pooled.m[c];
    }
  }

  // Prior: expected matches among all distinct candidate pairs, scored with
  // the learned m and u.
  const std::vector<bool> all_frozen(comparisons, true);
  const EmResult overall =
      RunEm(model, candidate_patterns, u, m, all_frozen, options);
  const double expected_matches =
      ConfidentMatches(candidate_patterns, u, m, overall.lambda) /
      options.assumed_blocking_recall;
  // A pair-level probability: estimated within the sample, whatever share of
  // the records it holds.
  const double s = static_cast<double>(sample.records.size());
  const double prior =
      std::clamp(expected_matches / (s * (s - 1) / 2), 1e-12, 0.5);

  v1::TrainedModel trained;
  trained.set_prior_match_probability(prior);
  for (size_t c = 0; c < comparisons; ++c) {
    const Comparison& comparison = model.comparisons()[c];
    v1::TrainedComparison* out = trained.add_comparisons();
    out->set_name(comparison.name);
    for (size_t l = 0; l < comparison.levels.size(); ++l) {
      v1::TrainedLevel* level = out->add_levels();
      const ComparisonLevel& configured = comparison.levels[l];
      level->set_label(configured.label);
      level->set_m(configured.fixed ? configured.m : Clamp(m[c][l]));
      level->set_u(configured.fixed ? configured.u : Clamp(u[c][l]));
    }
  }
  absl::flat_hash_set<int> tf_attributes, token_attributes;
  for (const Comparison& comparison : model.comparisons()) {
    for (const ComparisonLevel& level : comparison.levels) {
      if (level.tf_adjust) tf_attributes.insert(comparison.attribute);
      if (level.condition == LevelCondition::kWeightedJaccard ||
          level.condition == LevelCondition::kTokenCosine) {
        token_attributes.insert(comparison.attribute);
      }
    }
  }
  CountTerms(model, sample, tf_attributes, /*tokens=*/false, options.max_terms,
             trained.mutable_term_frequencies());
  CountTerms(model, sample, token_attributes, /*tokens=*/true,
             options.max_terms, trained.mutable_token_frequencies());
  v1::TrainingReport* report = trained.mutable_report();
  report->set_records(static_cast<int64_t>(sample.records.size()));
  report->set_random_pairs(static_cast<int64_t>(sample.random_pairs.size()));
  report->set_blocked_pairs(blocked_pairs);
  report->set_em_iterations(iterations);
  report->set_converged(converged);
  report->set_last_change(last_change);
  return trained;
}

}  // namespace mdm::matching
