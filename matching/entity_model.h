// EntityModel: one entity type's configuration compiled for matching.
//
//   MDM_ASSIGN_OR_RETURN(EntityModel model, EntityModel::Compile(type_config));
//   std::optional<int> email = model.AttributeIndex("email");
//   double w = model.comparisons()[0].levels[0].weight;   // log2(m / u)
//
// Compile() checks the configuration's meaning (names unique and well formed,
// rules and comparisons naming declared attributes, probabilities in range)
// and reports the first problem with the entity type and field at fault, as
// "entity type person: blocking rule 'email': unknown attribute 'e_mail'".
//
// An EntityModel is immutable after Compile() and safe to share between
// threads.
#ifndef MDM_MATCHING_ENTITY_MODEL_H_
#define MDM_MATCHING_ENTITY_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "mdm/v1/config.pb.h"

namespace mdm::matching {

struct AttributeSpec {
  std::string name;
  v1::AttributeKind kind = v1::TEXT;
};

struct BlockingRule {
  std::string name;
  std::vector<int> attributes;  // indexes into EntityModel::attributes()
};

enum class LevelCondition { kExact, kElse };

struct ComparisonLevel {
  std::string label;
  LevelCondition condition = LevelCondition::kElse;
  double m = 0;
  double u = 0;
  double weight = 0;  // log2(m / u), in bits
};

struct Comparison {
  std::string name;
  int attribute = 0;  // index into EntityModel::attributes()
  std::vector<ComparisonLevel> levels;
};

class EntityModel {
 public:
  static absl::StatusOr<EntityModel> Compile(
      const v1::EntityTypeConfig& config);

  const std::string& name() const { return name_; }
  const std::string& id_prefix() const { return id_prefix_; }
  bool allow_extra_attributes() const { return allow_extra_attributes_; }
  const std::vector<AttributeSpec>& attributes() const { return attributes_; }
  const std::vector<BlockingRule>& blocking_rules() const {
    return blocking_rules_;
  }
  const std::vector<Comparison>& comparisons() const { return comparisons_; }

  // Index of a declared attribute, if any.
  std::optional<int> AttributeIndex(absl::string_view name) const;

  // Match weight of the prior: log2(p / (1 - p)).
  double prior_weight() const { return prior_weight_; }
  // Thresholds as match weights: a pair links at or above auto_merge_weight and
  // is a review candidate at or above review_weight.
  double auto_merge_weight() const { return auto_merge_weight_; }
  double review_weight() const { return review_weight_; }
  int max_block_size() const { return max_block_size_; }
  // Changes whenever stored standardized features of this type are no longer
  // valid: a change to the attributes, their kinds or the standardizers.
  uint64_t features_fingerprint() const { return features_fingerprint_; }

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
  double prior_weight_ = 0;
  double auto_merge_weight_ = 0;
  double review_weight_ = 0;
  int max_block_size_ = 0;
  uint64_t features_fingerprint_ = 0;
};

// Converts between match probability and match weight (bits).
double ProbabilityToWeight(double probability);
double WeightToProbability(double weight);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_ENTITY_MODEL_H_
