#include "matching/entity_model.h"

#include <xxhash.h>

#include <cmath>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace mdm::matching {
namespace {

// Bump when a standardizer changes its output, so that stored features are
// recomputed.
constexpr absl::string_view kStandardizerVersion = "standardizers-6";

constexpr double kDefaultPrior = 0.0001;
constexpr double kDefaultAutoMerge = 0.99;
constexpr double kDefaultReview = 0.8;
constexpr int kDefaultMaxBlockSize = 1000;

bool IsLowerName(absl::string_view name, size_t max_length) {
  if (name.empty() || name.size() > max_length) return false;
  for (char c : name) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '_') {
      return false;
    }
  }
  return true;
}

bool IsIdPrefix(absl::string_view prefix) {
  if (prefix.size() < 2 || prefix.size() > 4) return false;
  for (char c : prefix) {
    if (!absl::ascii_isupper(c)) return false;
  }
  return true;
}

bool IsProbability(double p) { return p > 0 && p <= 1; }

absl::Status Invalid(absl::string_view where, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(where, what));
}

// Fills the condition of a compiled level from its configuration.
absl::Status CompileCondition(const v1::ComparisonLevelConfig& level,
                              absl::string_view at, ComparisonLevel& out) {
  auto similarity = [&](LevelCondition condition,
                        const v1::SimilarityCondition& c) -> absl::Status {
    out.condition = condition;
    out.threshold = c.min();
    if (!(c.min() >= 0 && c.min() <= 1)) {
      return Invalid(at, "min must be in [0, 1]");
    }
    return absl::OkStatus();
  };
  auto distance = [&](LevelCondition condition,
                      const v1::DistanceCondition& c) -> absl::Status {
    out.condition = condition;
    out.threshold = c.max();
    if (c.max() < 0) return Invalid(at, "max must not be negative");
    return absl::OkStatus();
  };
  using Config = v1::ComparisonLevelConfig;
  switch (level.condition_case()) {
    case Config::kExact:
      out.condition = LevelCondition::kExact;
      return absl::OkStatus();
    case Config::kElse:
      out.condition = LevelCondition::kElse;
      return absl::OkStatus();
    case Config::kSameKey:
      out.condition = LevelCondition::kSameKey;
      return absl::OkStatus();
    case Config::kJaroWinkler:
      return similarity(LevelCondition::kJaroWinkler, level.jaro_winkler());
    case Config::kLevenshtein:
      return distance(LevelCondition::kLevenshtein, level.levenshtein());
    case Config::kDamerau:
      return distance(LevelCondition::kDamerau, level.damerau());
    case Config::kTokenJaccard:
      return similarity(LevelCondition::kTokenJaccard, level.token_jaccard());
    case Config::kTokenOverlap:
      return similarity(LevelCondition::kTokenOverlap, level.token_overlap());
    case Config::kWeightedJaccard:
      return similarity(LevelCondition::kWeightedJaccard,
                        level.weighted_jaccard());
    case Config::kFuzzyTokenOverlap:
      return similarity(LevelCondition::kFuzzyTokenOverlap,
                        level.fuzzy_token_overlap());
    case Config::kQgramCosine:
      return similarity(LevelCondition::kQgramCosine, level.qgram_cosine());
    case Config::kNumber:
      out.condition = LevelCondition::kNumber;
      out.threshold = level.number().max_relative_difference();
      if (out.threshold < 0) {
        return Invalid(at, "max_relative_difference must not be negative");
      }
      return absl::OkStatus();
    case Config::kDate:
      out.condition = LevelCondition::kDate;
      out.threshold = level.date().max_days();
      out.day_month_swapped = level.date().day_month_swapped();
      out.max_digit_edits = level.date().max_digit_edits();
      if (level.date().max_days() < 0 || level.date().max_digit_edits() < 0) {
        return Invalid(at, "max_days and max_digit_edits must not be negative");
      }
      return absl::OkStatus();
    case Config::kInitial:
      out.condition = LevelCondition::kInitial;
      return absl::OkStatus();
    case Config::kConflict:
      out.condition = LevelCondition::kConflict;
      return absl::OkStatus();
    case Config::kInvalid:
      out.condition = LevelCondition::kInvalid;
      return absl::OkStatus();
    case Config::kFuzzyTokenJaccard:
      return similarity(LevelCondition::kFuzzyTokenJaccard,
                        level.fuzzy_token_jaccard());
    case Config::kTokenCosine:
      return similarity(LevelCondition::kTokenCosine, level.token_cosine());
    case Config::kSwapped:
      out.condition = LevelCondition::kSwapped;  // attribute resolved later
      return absl::OkStatus();
    case Config::CONDITION_NOT_SET:
      break;
  }
  return Invalid(at, "has no condition");
}

}  // namespace

double ProbabilityToWeight(double probability) {
  return std::log2(probability / (1 - probability));
}

double WeightToProbability(double weight) {
  return 1.0 / (1.0 + std::exp2(-weight));
}

TermStats::TermStats(const v1::TermFrequencies& frequencies)
    : population_(frequencies.population()) {
  counts_.reserve(frequencies.terms_size());
  for (const v1::TermFrequency& term : frequencies.terms()) {
    counts_[term.term()] = term.count();
  }
}

double TermStats::Frequency(absl::string_view term) const {
  if (population_ <= 0) return 1;
  auto it = counts_.find(term);
  const int64_t count =
      it == counts_.end() ? 1 : std::max<int64_t>(1, it->second);
  return static_cast<double>(count) / static_cast<double>(population_);
}

double TermStats::Idf(absl::string_view term) const {
  auto it = counts_.find(term);
  const int64_t count = it == counts_.end() ? 0 : it->second;
  return std::log((population_ + 1.0) / (count + 1.0)) + 1.0;
}

absl::StatusOr<EntityModel> EntityModel::Compile(
    const v1::EntityTypeConfig& config, const v1::TrainedModel* trained) {
  EntityModel model;
  model.config_ = config;
  model.name_ = config.name();
  const std::string where = absl::StrCat("entity type ", config.name(), ": ");
  if (!IsLowerName(config.name(), 32)) {
    return absl::InvalidArgumentError(
        absl::StrCat("entity type name '", config.name(),
                     "' must be 1..32 characters of a-z, 0-9 and _"));
  }
  if (!IsIdPrefix(config.id_prefix())) {
    return Invalid(where, absl::StrCat("id_prefix '", config.id_prefix(),
                                       "' must be 2..4 upper-case letters"));
  }
  model.id_prefix_ = config.id_prefix();
  model.allow_extra_attributes_ = config.allow_extra_attributes();

  for (const v1::AttributeConfig& attribute : config.attributes()) {
    if (!IsLowerName(attribute.name(), 64)) {
      return Invalid(
          where, absl::StrCat("attribute name '", attribute.name(),
                              "' must be 1..64 characters of a-z, 0-9 and _"));
    }
    if (attribute.kind() == v1::ATTRIBUTE_KIND_UNSPECIFIED) {
      return Invalid(where, absl::StrCat("attribute '", attribute.name(),
                                         "' has no kind"));
    }
    const int index = static_cast<int>(model.attributes_.size());
    if (!model.attribute_index_.emplace(attribute.name(), index).second) {
      return Invalid(where, absl::StrCat("attribute '", attribute.name(),
                                         "' is declared twice"));
    }
    model.attributes_.push_back(
        {.name = attribute.name(),
         .kind = attribute.kind(),
         .strong = attribute.strong(),
         .distinguishing = attribute.strong() || attribute.distinguishing(),
         .default_region = attribute.default_region()});
  }
  if (model.attributes_.empty()) {
    return Invalid(where, "declares no attributes");
  }
  // Second pass: references between attributes.
  for (int i = 0; i < config.attributes_size(); ++i) {
    const v1::AttributeConfig& attribute = config.attributes(i);
    const std::string at = absl::StrCat("attribute '", attribute.name(), "': ");
    for (const std::string& from : attribute.derive_from()) {
      std::optional<int> index = model.AttributeIndex(from);
      if (!index.has_value() || *index == i) {
        return Invalid(where, absl::StrCat(at,
                                           "derive_from names unknown "
                                           "attribute '",
                                           from, "'"));
      }
      model.attributes_[i].derive_from.push_back(*index);
    }
    if (!attribute.region_attribute().empty()) {
      std::optional<int> index =
          model.AttributeIndex(attribute.region_attribute());
      if (!index.has_value()) {
        return Invalid(where, absl::StrCat(at,
                                           "region_attribute names unknown "
                                           "attribute '",
                                           attribute.region_attribute(), "'"));
      }
      model.attributes_[i].region_attribute = *index;
    }
  }
  std::string fingerprint(kStandardizerVersion);
  for (const AttributeSpec& spec : model.attributes_) {
    absl::StrAppend(&fingerprint, "|", spec.name, ":", spec.kind, ":",
                    spec.region_attribute, ":", spec.default_region, ":",
                    spec.strong);
    for (int from : spec.derive_from) absl::StrAppend(&fingerprint, ",", from);
  }
  model.features_fingerprint_ =
      XXH3_64bits(fingerprint.data(), fingerprint.size());

  absl::flat_hash_set<std::string> rule_names;
  for (const v1::BlockingRuleConfig& rule : config.blocking_rules()) {
    if (rule.name().empty() || !rule_names.insert(rule.name()).second) {
      return Invalid(where, absl::StrCat("blocking rule name '", rule.name(),
                                         "' is empty or used twice"));
    }
    const std::string at = absl::StrCat("blocking rule '", rule.name(), "': ");
    BlockingRule compiled{
        .name = rule.name(),
        .max_block_size = rule.max_block_size(),
        .single_key_block_size = rule.single_key_block_size()};
    if (rule.max_block_size() < 0 || rule.max_block_size() == 1) {
      return Invalid(where, absl::StrCat(at,
                                         "max_block_size must be 0 or at "
                                         "least 2"));
    }
    if (rule.single_key_block_size() < 0 || rule.single_key_block_size() == 1) {
      return Invalid(where, absl::StrCat(at,
                                         "single_key_block_size must be 0 or "
                                         "at least 2"));
    }
    auto add_part = [&](const std::string& name, v1::KeyTransform transform,
                        int length) -> absl::Status {
      std::optional<int> index = model.AttributeIndex(name);
      if (!index.has_value()) {
        return Invalid(where,
                       absl::StrCat(at, "unknown attribute '", name, "'"));
      }
      if ((transform == v1::PREFIX || transform == v1::SUFFIX) && length <= 0) {
        return Invalid(where, absl::StrCat(at,
                                           "PREFIX and SUFFIX need a "
                                           "positive length"));
      }
      compiled.parts.push_back(
          {.attribute = *index, .transform = transform, .length = length});
      return absl::OkStatus();
    };
    for (const std::string& name : rule.attributes()) {
      absl::Status status = add_part(name, v1::VALUE, 0);
      if (!status.ok()) return status;
    }
    for (const v1::KeyPart& part : rule.parts()) {
      absl::Status status =
          add_part(part.attribute(), part.transform(), part.length());
      if (!status.ok()) return status;
    }
    if (compiled.parts.empty()) {
      return Invalid(where, absl::StrCat(at, "names no attribute"));
    }
    model.blocking_rules_.push_back(std::move(compiled));
  }

  // Trained parameters by comparison name and level label.
  absl::flat_hash_map<std::string, std::pair<double, double>> trained_levels;
  if (trained != nullptr) {
    for (const v1::TrainedComparison& comparison : trained->comparisons()) {
      for (const v1::TrainedLevel& level : comparison.levels()) {
        if (IsProbability(level.m()) && IsProbability(level.u())) {
          trained_levels[absl::StrCat(comparison.name(), "\x1f",
                                      level.label())] = {level.m(), level.u()};
        }
      }
    }
  }

  absl::flat_hash_set<std::string> comparison_names;
  for (const v1::ComparisonConfig& comparison : config.comparisons()) {
    const std::string here =
        absl::StrCat("comparison '", comparison.name(), "': ");
    if (comparison.name().empty() ||
        !comparison_names.insert(comparison.name()).second) {
      return Invalid(where, absl::StrCat("comparison name '", comparison.name(),
                                         "' is empty or used twice"));
    }
    std::optional<int> index = model.AttributeIndex(comparison.attribute());
    if (!index.has_value()) {
      return Invalid(where, absl::StrCat(here, "unknown attribute '",
                                         comparison.attribute(), "'"));
    }
    if (comparison.levels().empty()) {
      return Invalid(where, absl::StrCat(here, "has no levels"));
    }
    Comparison compiled{.name = comparison.name(), .attribute = *index};
    absl::flat_hash_set<std::string> labels;
    for (int i = 0; i < comparison.levels_size(); ++i) {
      const v1::ComparisonLevelConfig& level = comparison.levels(i);
      const std::string at = absl::StrCat(where, here, "level ", i + 1, " '",
                                          level.label(), "': ");
      if (level.label().empty() || !labels.insert(level.label()).second) {
        return Invalid(at, "label is empty or used twice in the comparison");
      }
      ComparisonLevel out{.label = level.label(),
                          .m = level.m(),
                          .u = level.u(),
                          .tf_adjust = level.tf_adjust()};
      absl::Status status = CompileCondition(level, at, out);
      if (!status.ok()) return status;
      if (out.condition == LevelCondition::kSwapped) {
        std::optional<int> other =
            model.AttributeIndex(level.swapped().attribute());
        if (!other.has_value() || *other == *index) {
          return Invalid(at, absl::StrCat("swapped names unknown attribute '",
                                          level.swapped().attribute(), "'"));
        }
        out.other_attribute = *other;
      }
      if (out.condition == LevelCondition::kElse &&
          i + 1 != comparison.levels_size()) {
        return Invalid(at, "an 'else' level must be the last");
      }
      if (out.tf_adjust && out.condition != LevelCondition::kExact) {
        return Invalid(at, "tf_adjust applies to exact levels only");
      }
      if (!IsProbability(out.m) || !IsProbability(out.u)) {
        return Invalid(at, "m and u must be in (0, 1]");
      }
      out.fixed = level.fixed();
      auto learned = trained_levels.find(
          absl::StrCat(comparison.name(), "\x1f", level.label()));
      if (learned != trained_levels.end() && !out.fixed) {
        out.m = learned->second.first;
        out.u = learned->second.second;
      }
      out.neutral = level.neutral();
      out.weight = out.neutral ? 0 : std::log2(out.m / out.u);
      compiled.levels.push_back(std::move(out));
    }
    model.comparisons_.push_back(std::move(compiled));
  }
  // Second pass: references between comparisons.
  for (int c = 0; c < config.comparisons_size(); ++c) {
    for (const std::string& other : config.comparisons(c).unless_compared()) {
      int found = -1;
      for (int d = 0; d < config.comparisons_size(); ++d) {
        if (d != c && config.comparisons(d).name() == other) found = d;
      }
      if (found < 0) {
        return Invalid(
            where, absl::StrCat("comparison '", config.comparisons(c).name(),
                                "': unless_compared names unknown "
                                "comparison '",
                                other, "'"));
      }
      model.comparisons_[c].unless_compared.push_back(found);
    }
  }

  double prior = config.prior_match_probability() == 0
                     ? kDefaultPrior
                     : config.prior_match_probability();
  if (!(prior > 0 && prior < 1)) {
    return Invalid(where, "prior_match_probability must be in (0, 1)");
  }
  if (trained != nullptr && trained->prior_match_probability() > 0 &&
      trained->prior_match_probability() < 1) {
    prior = trained->prior_match_probability();
  }
  model.prior_weight_ = ProbabilityToWeight(prior);
  const double auto_merge = config.thresholds().auto_merge() == 0
                                ? kDefaultAutoMerge
                                : config.thresholds().auto_merge();
  const double review = config.thresholds().review() == 0
                            ? kDefaultReview
                            : config.thresholds().review();
  const double best_match = config.thresholds().best_match() == 0
                                ? auto_merge
                                : config.thresholds().best_match();
  if (!(auto_merge > 0 && auto_merge < 1) || !(review > 0 && review < 1) ||
      review > auto_merge) {
    return Invalid(where,
                   "thresholds must satisfy 0 < review <= auto_merge < 1");
  }
  if (!(best_match > 0 && best_match <= auto_merge)) {
    return Invalid(where,
                   "thresholds must satisfy 0 < best_match <= auto_merge");
  }
  const double one_to_one = config.thresholds().one_to_one() == 0
                                ? best_match
                                : config.thresholds().one_to_one();
  if (!(one_to_one > 0 && one_to_one <= auto_merge)) {
    return Invalid(where,
                   "thresholds must satisfy 0 < one_to_one <= auto_merge");
  }
  model.one_to_one_weight_ = ProbabilityToWeight(one_to_one);
  model.auto_merge_weight_ = ProbabilityToWeight(auto_merge);
  model.review_weight_ = ProbabilityToWeight(review);
  model.best_match_weight_ = ProbabilityToWeight(best_match);
  model.max_block_size_ = config.max_block_size() == 0
                              ? kDefaultMaxBlockSize
                              : config.max_block_size();
  if (model.max_block_size_ < 2) {
    return Invalid(where, "max_block_size must be at least 2");
  }
  if (config.single_key_block_size() < 0 ||
      config.single_key_block_size() == 1) {
    return Invalid(where, "single_key_block_size must be 0 or at least 2");
  }
  for (BlockingRule& rule : model.blocking_rules_) {
    if (rule.max_block_size == 0) rule.max_block_size = model.max_block_size_;
    if (rule.single_key_block_size == 0) {
      rule.single_key_block_size = config.single_key_block_size();
    }
    if (rule.single_key_block_size == 0 ||
        rule.single_key_block_size > rule.max_block_size) {
      rule.single_key_block_size = rule.max_block_size;
    }
  }

  model.value_stats_.resize(model.attributes_.size());
  model.token_stats_.resize(model.attributes_.size());
  if (trained != nullptr) {
    model.version_ = trained->version();
    for (const v1::TermFrequencies& stats : trained->term_frequencies()) {
      std::optional<int> index = model.AttributeIndex(stats.attribute());
      if (index.has_value()) model.value_stats_[*index] = TermStats(stats);
    }
    for (const v1::TermFrequencies& stats : trained->token_frequencies()) {
      std::optional<int> index = model.AttributeIndex(stats.attribute());
      if (index.has_value()) model.token_stats_[*index] = TermStats(stats);
    }
  }
  for (Comparison& comparison : model.comparisons_) {
    const TermStats& stats = model.value_stats_[comparison.attribute];
    comparison.max_weight = 0;
    for (const ComparisonLevel& level : comparison.levels) {
      double weight = level.weight;
      if (level.tf_adjust && !stats.empty()) {
        // The rarest value: seen once in the population.
        weight = std::max(
            weight,
            std::log2(level.m * static_cast<double>(stats.population())));
      }
      comparison.max_weight = std::max(comparison.max_weight, weight);
    }
  }
  for (size_t a = 0; a < model.attributes_.size(); ++a) {
    if (model.attributes_[a].distinguishing) {
      model.distinguishing_attributes_.push_back(static_cast<int>(a));
    }
  }
  model.comparisons_by_max_weight_.resize(model.comparisons_.size());
  for (size_t c = 0; c < model.comparisons_.size(); ++c) {
    model.comparisons_by_max_weight_[c] = static_cast<int>(c);
  }
  std::stable_sort(model.comparisons_by_max_weight_.begin(),
                   model.comparisons_by_max_weight_.end(), [&](int x, int y) {
                     return model.comparisons_[x].max_weight >
                            model.comparisons_[y].max_weight;
                   });
  return model;
}

std::optional<int> EntityModel::AttributeIndex(absl::string_view name) const {
  auto it = attribute_index_.find(name);
  if (it == attribute_index_.end()) return std::nullopt;
  return it->second;
}

}  // namespace mdm::matching
