// EntityModel: one entity type's configuration, and optionally its trained
// parameters, compiled for matching.
//
//   MDM_ASSIGN_OR_RETURN(EntityModel model, EntityModel::Compile(type_config));
//   MDM_ASSIGN_OR_RETURN(EntityModel trained,
//                        EntityModel::Compile(type_config, &trained_model));
//   std::optional<int> email = model.AttributeIndex("email");
//   double w = model.comparisons()[0].levels[0].weight;   // log2(m / u)
//
// Compile() checks the configuration's meaning (names unique and well formed,
// rules and comparisons naming declared attributes, probabilities and
// thresholds in range) and reports the first problem with the entity type and
// field at fault, as "entity type person: blocking rule 'email': unknown
// attribute 'e_mail'". A trained model overrides m and u of the levels it
// names (by comparison name and level label) and the prior, and brings term
// statistics for term-frequency adjustment and rarity weights.
//
// An EntityModel is immutable after Compile() and safe to share between
// threads.
#ifndef MDM_MATCHING_ENTITY_MODEL_H_
#define MDM_MATCHING_ENTITY_MODEL_H_

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "matching/clustering.h"
#include "mdm/v1/config.pb.h"

namespace mdm::matching {

struct AttributeSpec {
  std::string name;
  v1::AttributeKind kind = v1::TEXT;
  bool strong = false;
  // Conflicting values decide a pair apart (strong attributes included).
  bool distinguishing = false;
  std::vector<int> derive_from;  // attribute indexes
  int region_attribute = -1;     // PHONE: index of the country attribute
  std::string default_region;    // PHONE
};

struct KeyPartSpec {
  int attribute = 0;
  v1::KeyTransform transform = v1::VALUE;
  int length = 0;
};

struct BlockingRule {
  std::string name;
  std::vector<KeyPartSpec> parts;
  int max_block_size = 0;  // resolved: the rule's own or the type's
  // Resolved likewise, at most max_block_size: a pair sharing only this
  // rule's key is a candidate while the key's block holds at most this
  // many records.
  int single_key_block_size = 0;
};

enum class LevelCondition {
  kExact,
  kElse,
  kSameKey,
  kJaroWinkler,
  kLevenshtein,
  kDamerau,
  kTokenJaccard,
  kTokenOverlap,
  kWeightedJaccard,
  kFuzzyTokenOverlap,
  kQgramCosine,
  kNumber,
  kDate,
  kInitial,
  kConflict,
  kInvalid,
  kSwapped,
  kTokenCosine,
  kFuzzyTokenJaccard,
};

struct ComparisonLevel {
  std::string label;
  LevelCondition condition = LevelCondition::kElse;
  // Similarity minimum, distance maximum, relative-difference maximum or
  // maximum days apart, depending on the condition.
  double threshold = 0;
  bool day_month_swapped = false;  // kDate
  int max_digit_edits = 0;         // kDate
  int other_attribute = -1;        // kSwapped
  double m = 0;
  double u = 0;
  double weight = 0;  // log2(m / u), in bits; 0 when neutral
  bool tf_adjust = false;
  bool neutral = false;
  bool fixed = false;  // training keeps m and u
};

struct Comparison {
  std::string name;
  int attribute = 0;
  std::vector<ComparisonLevel> levels;
  // Indexes of comparisons that, when any was made, make this one not count.
  std::vector<int> unless_compared;
  // The most this comparison can add to a match weight (at least 0, which
  // it adds when not made), term-frequency adjustment included.
  double max_weight = 0;
};

// Counts of values (or tokens) of one attribute, from training.
class TermStats {
 public:
  TermStats() = default;
  explicit TermStats(const v1::TermFrequencies& frequencies);

  bool empty() const { return population_ == 0; }
  int64_t population() const { return population_; }

  // count(term) / population; a term not in the table counts as seen once.
  double Frequency(absl::string_view term) const;

  // Inverse document frequency: ln((population + 1) / (count + 1)) + 1.
  double Idf(absl::string_view term) const;

 private:
  absl::flat_hash_map<std::string, int64_t> counts_;
  int64_t population_ = 0;
};

class EntityModel {
 public:
  static absl::StatusOr<EntityModel> Compile(
      const v1::EntityTypeConfig& config,
      const v1::TrainedModel* trained = nullptr);

  const std::string& name() const { return name_; }
  const std::string& id_prefix() const { return id_prefix_; }
  bool allow_extra_attributes() const { return allow_extra_attributes_; }
  const std::vector<AttributeSpec>& attributes() const { return attributes_; }
  const std::vector<BlockingRule>& blocking_rules() const {
    return blocking_rules_;
  }
  const std::vector<Comparison>& comparisons() const { return comparisons_; }
  // Comparison indexes by decreasing max_weight: the order in which a
  // score's upper bound falls fastest.
  const std::vector<int>& comparisons_by_max_weight() const {
    return comparisons_by_max_weight_;
  }
  // Indexes of the distinguishing attributes (strong ones included), in
  // declaration order.
  const std::vector<int>& distinguishing_attributes() const {
    return distinguishing_attributes_;
  }

  // Index of a declared attribute, if any.
  std::optional<int> AttributeIndex(absl::string_view name) const;

  // Match weight of the prior: log2(p / (1 - p)).
  double prior_weight() const { return prior_weight_; }
  // Thresholds as match weights: a pair links at or above auto_merge_weight and
  // is a review candidate at or above review_weight.
  double auto_merge_weight() const { return auto_merge_weight_; }
  double review_weight() const { return review_weight_; }
  // Pairs at or above this weight are stored: the lowest weight that either
  // queues a pair for review or may link it, min(review, link_weight()).
  double stored_weight() const {
    return std::min(review_weight_, link_weight());
  }
  // Pairs from best_match_weight up to auto_merge_weight link only as mutual
  // best candidates (see MatchThresholds.best_match).
  double best_match_weight() const { return best_match_weight_; }
  // Pairs between two deduplicated sources link from this weight up (see
  // MatchThresholds.one_to_one).
  double one_to_one_weight() const { return one_to_one_weight_; }
  // The lowest weight at which a pair may link: min(best_match, one_to_one,
  // auto_merge).
  double link_weight() const {
    return std::min(
        {best_match_weight_, one_to_one_weight_, auto_merge_weight_});
  }
  // The clustering thresholds these make (clustering.h).
  LinkThresholds link_thresholds() const {
    return {.link_weight = link_weight(),
            .best_match_weight = auto_merge_weight_,
            .mutual_best_weight = best_match_weight_,
            .one_to_one_weight = one_to_one_weight_};
  }
  int max_block_size() const { return max_block_size_; }

  // Changes whenever stored features of this type are no longer valid: a change
  // to the attributes, their kinds or options, or the standardizers.
  uint64_t features_fingerprint() const { return features_fingerprint_; }

  // Trained model version in use; 0 for the configuration's defaults.
  int64_t version() const { return version_; }

  // Value and token statistics of an attribute; empty when untrained.
  const TermStats& value_stats(int attribute) const {
    return value_stats_[attribute];
  }
  const TermStats& token_stats(int attribute) const {
    return token_stats_[attribute];
  }

  const v1::EntityTypeConfig& config() const { return config_; }

 private:
  EntityModel() = default;

  v1::EntityTypeConfig config_;
  std::string name_;
  std::string id_prefix_;
  bool allow_extra_attributes_ = false;
  std::vector<AttributeSpec> attributes_;
  absl::flat_hash_map<std::string, int> attribute_index_;
  std::vector<BlockingRule> blocking_rules_;
  std::vector<Comparison> comparisons_;
  std::vector<int> comparisons_by_max_weight_;
  std::vector<int> distinguishing_attributes_;
  double prior_weight_ = 0;
  double auto_merge_weight_ = 0;
  double review_weight_ = 0;
  double best_match_weight_ = 0;
  double one_to_one_weight_ = 0;
  int max_block_size_ = 0;
  uint64_t features_fingerprint_ = 0;
  int64_t version_ = 0;
  std::vector<TermStats> value_stats_;
  std::vector<TermStats> token_stats_;
};

// Converts between match probability and match weight (bits).
double ProbabilityToWeight(double probability);
double WeightToProbability(double weight);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_ENTITY_MODEL_H_
