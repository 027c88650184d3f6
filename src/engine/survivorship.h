// Survivorship: the golden record's attribute values chosen from its members.
//
//   MDM_ASSIGN_OR_RETURN(SurvivorshipPolicy policy,
//                        SurvivorshipPolicy::Create(type_config, config));
//   std::vector<SurvivorMember> members = ...;  // each with its value facts
//   std::vector<storage::GoldenValue> golden = policy.Survive(members);
//
// Each attribute is decided by its rule from the configuration (see
// SurvivorshipStrategy in config.proto): most recent, source priority, most
// frequent, longest, first non-empty or aggregate. Whatever the rule, a value
// that failed validation loses to a valid one; it survives only when no
// member has a valid value, and is then marked invalid. Ties go to the more
// trusted source, then to the record updated last, then to the record
// created last, so the result is a function of the members alone (not of
// their order). Every value carries its lineage: the member's key and the
// rule's name. The result is sorted by attribute name; an aggregated
// attribute appears once per distinct value, best first.
//
// Thread safety: a policy is immutable after Create; Survive is const and
// may be called concurrently.
#ifndef MDM_SRC_ENGINE_SURVIVORSHIP_H_
#define MDM_SRC_ENGINE_SURVIVORSHIP_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "mdm/v1/config.pb.h"
#include "storage/rows.h"

namespace mdm::engine {

// What validation and standardization say of one attribute value.
struct ValueFacts {
  // The value in comparable form (standardized), used to count and group
  // equal values; the raw value when the attribute is not standardized.
  std::string comparable;
  // The value failed its kind's validation.
  bool invalid = false;
};

// One member of a golden record. `facts[i]` describes
// `record->attributes[i]`; when `facts` is empty every value is taken as
// valid and compared as written. The record must outlive the call.
struct SurvivorMember {
  const storage::RecordRow* record = nullptr;
  std::vector<ValueFacts> facts;
};

class SurvivorshipPolicy {
 public:
  // Compiles the rules of one entity type. InvalidArgument names the rule at
  // fault: an unknown attribute (unless the type allows extra attributes), a
  // second rule for one attribute, a trust outside [0, 1].
  static absl::StatusOr<SurvivorshipPolicy> Create(
      const v1::EntityTypeConfig& type, const v1::MdmConfig& config);

  // Most recent for every attribute, every source at trust 0.5.
  SurvivorshipPolicy() = default;

  std::vector<storage::GoldenValue> Survive(
      absl::Span<const SurvivorMember> members) const;

  // The rule's name as written in lineage ("most_recent", ...).
  static absl::string_view RuleName(v1::SurvivorshipStrategy strategy);

 private:
  struct Rule {
    v1::SurvivorshipStrategy strategy = v1::MOST_RECENT;
    absl::flat_hash_map<std::string, double> source_trust;
  };

  const Rule& RuleFor(absl::string_view attribute) const;
  double Trust(const Rule& rule, absl::string_view source) const;

  Rule default_rule_;
  absl::flat_hash_map<std::string, Rule> rules_;
  absl::flat_hash_map<std::string, double> source_trust_;
  double default_trust_ = 0.5;
};

}  // namespace mdm::engine

#endif  // MDM_SRC_ENGINE_SURVIVORSHIP_H_
