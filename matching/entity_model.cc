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
constexpr absl::string_view kStandardizerVersion = "standardizers-1";

constexpr double kDefaultPrior = 0.001;
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

}  // namespace

double ProbabilityToWeight(double probability) {
  return std::log2(probability / (1 - probability));
}

double WeightToProbability(double weight) {
  return 1.0 / (1.0 + std::exp2(-weight));
}

absl::StatusOr<EntityModel> EntityModel::Compile(
    const v1::EntityTypeConfig& config) {
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
    return absl::InvalidArgumentError(
        absl::StrCat(where, "id_prefix '", config.id_prefix(),
                     "' must be 2..4 upper-case letters"));
  }
  model.id_prefix_ = config.id_prefix();
  model.allow_extra_attributes_ = config.allow_extra_attributes();

  for (const v1::AttributeConfig& attribute : config.attributes()) {
    if (!IsLowerName(attribute.name(), 64)) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, "attribute name '", attribute.name(),
                       "' must be 1..64 characters of a-z, 0-9 and _"));
    }
    if (attribute.kind() == v1::ATTRIBUTE_KIND_UNSPECIFIED) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, "attribute '", attribute.name(), "' has no kind"));
    }
    const int index = static_cast<int>(model.attributes_.size());
    if (!model.attribute_index_.emplace(attribute.name(), index).second) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, "attribute '", attribute.name(), "' is declared twice"));
    }
    model.attributes_.push_back({attribute.name(), attribute.kind()});
  }
  std::string fingerprint(kStandardizerVersion);
  for (const AttributeSpec& spec : model.attributes_) {
    absl::StrAppend(&fingerprint, "|", spec.name, ":", spec.kind);
  }
  model.features_fingerprint_ =
      XXH3_64bits(fingerprint.data(), fingerprint.size());
  if (model.attributes_.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, "declares no attributes"));
  }

  absl::flat_hash_set<std::string> rule_names;
  for (const v1::BlockingRuleConfig& rule : config.blocking_rules()) {
    if (!rule_names.insert(rule.name()).second || rule.name().empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, "blocking rule name '", rule.name(),
                       "' is empty or used twice"));
    }
    if (rule.attributes().empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, "blocking rule '", rule.name(), "' names no attribute"));
    }
    BlockingRule compiled{.name = rule.name()};
    for (const std::string& name : rule.attributes()) {
      std::optional<int> index = model.AttributeIndex(name);
      if (!index.has_value()) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, "blocking rule '", rule.name(),
                         "': unknown attribute '", name, "'"));
      }
      compiled.attributes.push_back(*index);
    }
    model.blocking_rules_.push_back(std::move(compiled));
  }

  absl::flat_hash_set<std::string> comparison_names;
  for (const v1::ComparisonConfig& comparison : config.comparisons()) {
    const std::string here =
        absl::StrCat(where, "comparison '", comparison.name(), "': ");
    if (!comparison_names.insert(comparison.name()).second ||
        comparison.name().empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, "comparison name '", comparison.name(),
                       "' is empty or used twice"));
    }
    std::optional<int> index = model.AttributeIndex(comparison.attribute());
    if (!index.has_value()) {
      return absl::InvalidArgumentError(absl::StrCat(
          here, "unknown attribute '", comparison.attribute(), "'"));
    }
    if (comparison.levels().empty()) {
      return absl::InvalidArgumentError(absl::StrCat(here, "has no levels"));
    }
    Comparison compiled{.name = comparison.name(), .attribute = *index};
    for (int i = 0; i < comparison.levels_size(); ++i) {
      const v1::ComparisonLevelConfig& level = comparison.levels(i);
      const std::string at =
          absl::StrCat(here, "level ", i + 1, " '", level.label(), "': ");
      ComparisonLevel out{
          .label = level.label(), .m = level.m(), .u = level.u()};
      switch (level.condition_case()) {
        case v1::ComparisonLevelConfig::kExact:
          out.condition = LevelCondition::kExact;
          break;
        case v1::ComparisonLevelConfig::kElse:
          out.condition = LevelCondition::kElse;
          break;
        case v1::ComparisonLevelConfig::CONDITION_NOT_SET:
          return absl::InvalidArgumentError(
              absl::StrCat(at, "has no condition"));
      }
      if (out.condition == LevelCondition::kElse &&
          i + 1 != comparison.levels_size()) {
        return absl::InvalidArgumentError(
            absl::StrCat(at, "an 'else' level must be the last"));
      }
      if (!IsProbability(out.m) || !IsProbability(out.u)) {
        return absl::InvalidArgumentError(
            absl::StrCat(at, "m and u must be in (0, 1]"));
      }
      out.weight = std::log2(out.m / out.u);
      compiled.levels.push_back(std::move(out));
    }
    model.comparisons_.push_back(std::move(compiled));
  }

  const double prior = config.prior_match_probability() == 0
                           ? kDefaultPrior
                           : config.prior_match_probability();
  if (!(prior > 0 && prior < 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, "prior_match_probability must be in (0, 1)"));
  }
  model.prior_weight_ = ProbabilityToWeight(prior);
  const double auto_merge = config.thresholds().auto_merge() == 0
                                ? kDefaultAutoMerge
                                : config.thresholds().auto_merge();
  const double review = config.thresholds().review() == 0
                            ? kDefaultReview
                            : config.thresholds().review();
  if (!(auto_merge > 0 && auto_merge < 1) || !(review > 0 && review < 1) ||
      review > auto_merge) {
    return absl::InvalidArgumentError(absl::StrCat(
        where, "thresholds must satisfy 0 < review <= auto_merge < 1"));
  }
  model.auto_merge_weight_ = ProbabilityToWeight(auto_merge);
  model.review_weight_ = ProbabilityToWeight(review);
  model.max_block_size_ = config.max_block_size() == 0
                              ? kDefaultMaxBlockSize
                              : config.max_block_size();
  if (model.max_block_size_ < 2) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, "max_block_size must be at least 2"));
  }
  return model;
}

std::optional<int> EntityModel::AttributeIndex(absl::string_view name) const {
  auto it = attribute_index_.find(name);
  if (it == attribute_index_.end()) return std::nullopt;
  return it->second;
}

}  // namespace mdm::matching
