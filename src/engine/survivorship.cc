#include "src/engine/survivorship.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "src/base/status_macros.h"

namespace mdm::engine {
namespace {

int64_t CodePoints(absl::string_view text) {
  int64_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

absl::Status CheckTrust(double trust, absl::string_view what) {
  if (trust < 0 || trust > 1) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": trust must be in [0, 1]"));
  }
  return absl::OkStatus();
}

// One attribute value of one member, as survivorship weighs it.
struct Candidate {
  const storage::RecordRow* record;
  const std::string* value;
  const std::string* comparable;
  bool invalid;
  double trust;
  int64_t frequency = 0;  // members holding the comparable value
};

}  // namespace

absl::string_view SurvivorshipPolicy::RuleName(
    v1::SurvivorshipStrategy strategy) {
  switch (strategy) {
    case v1::SOURCE_PRIORITY:
      return "source_priority";
    case v1::MOST_FREQUENT:
      return "most_frequent";
    case v1::LONGEST:
      return "longest";
    case v1::FIRST_NON_EMPTY:
      return "first_non_empty";
    case v1::AGGREGATE:
      return "aggregate";
    default:
      return "most_recent";
  }
}

absl::StatusOr<SurvivorshipPolicy> SurvivorshipPolicy::Create(
    const v1::EntityTypeConfig& type, const v1::MdmConfig& config) {
  SurvivorshipPolicy policy;
  if (config.has_source_defaults() && config.source_defaults().trust() > 0) {
    policy.default_trust_ = config.source_defaults().trust();
  }
  for (const v1::SourceConfig& source : config.sources()) {
    if (source.trust() > 0) {
      policy.source_trust_[source.name()] = source.trust();
    }
  }
  if (type.default_survivorship() != v1::SURVIVORSHIP_STRATEGY_UNSPECIFIED) {
    policy.default_rule_.strategy = type.default_survivorship();
  }
  absl::flat_hash_set<std::string> attributes;
  for (const v1::AttributeConfig& attribute : type.attributes()) {
    attributes.insert(attribute.name());
  }
  for (const v1::SurvivorshipRule& rule : type.survivorship()) {
    const std::string what = absl::StrCat("entity type ", type.name(),
                                          ": survivorship rule for attribute '",
                                          rule.attribute(), "'");
    if (rule.attribute().empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("entity type ", type.name(),
                       ": survivorship rule without attribute"));
    }
    if (!attributes.contains(rule.attribute()) &&
        !type.allow_extra_attributes()) {
      return absl::InvalidArgumentError(
          absl::StrCat(what, ": no such attribute"));
    }
    Rule compiled;
    if (rule.strategy() != v1::SURVIVORSHIP_STRATEGY_UNSPECIFIED) {
      compiled.strategy = rule.strategy();
    } else {
      compiled.strategy = policy.default_rule_.strategy;
    }
    for (const v1::SourceTrust& trust : rule.source_trust()) {
      MDM_RETURN_IF_ERROR(CheckTrust(
          trust.trust(), absl::StrCat(what, ", source ", trust.source())));
      if (!compiled.source_trust.emplace(trust.source(), trust.trust())
               .second) {
        return absl::InvalidArgumentError(
            absl::StrCat(what, ": source ", trust.source(), " is given twice"));
      }
    }
    if (!policy.rules_.emplace(rule.attribute(), std::move(compiled)).second) {
      return absl::InvalidArgumentError(absl::StrCat(what, " is given twice"));
    }
  }
  return policy;
}

const SurvivorshipPolicy::Rule& SurvivorshipPolicy::RuleFor(
    absl::string_view attribute) const {
  auto it = rules_.find(attribute);
  return it == rules_.end() ? default_rule_ : it->second;
}

double SurvivorshipPolicy::Trust(const Rule& rule,
                                 absl::string_view source) const {
  if (auto it = rule.source_trust.find(source); it != rule.source_trust.end()) {
    return it->second;
  }
  if (auto it = source_trust_.find(source); it != source_trust_.end()) {
    return it->second;
  }
  return default_trust_;
}

std::vector<storage::GoldenValue> SurvivorshipPolicy::Survive(
    absl::Span<const SurvivorMember> members) const {
  // Attribute name -> its values among the members.
  std::map<std::string, std::vector<Candidate>> by_attribute;
  for (const SurvivorMember& member : members) {
    const storage::Attributes& attributes = member.record->attributes;
    for (size_t i = 0; i < attributes.size(); ++i) {
      const auto& [name, value] = attributes[i];
      const bool has_facts = i < member.facts.size();
      by_attribute[name].push_back(
          {.record = member.record,
           .value = &value,
           .comparable = has_facts ? &member.facts[i].comparable : &value,
           .invalid = has_facts && member.facts[i].invalid,
           .trust = 0});
    }
  }

  std::vector<storage::GoldenValue> golden;
  for (auto& [name, candidates] : by_attribute) {
    const Rule& rule = RuleFor(name);
    for (Candidate& c : candidates) c.trust = Trust(rule, c.record->key.source);
    if (rule.strategy == v1::MOST_FREQUENT) {
      absl::flat_hash_map<std::string, int64_t> counts;
      for (const Candidate& c : candidates) ++counts[*c.comparable];
      for (Candidate& c : candidates) c.frequency = counts[*c.comparable];
    }
    // Ties after the rule: more trusted source, updated last, created last.
    auto tie_break = [](const Candidate& c) {
      return std::make_tuple(c.trust, c.record->updated_at, c.record->id);
    };
    auto better = [&](const Candidate& a, const Candidate& b) {
      if (a.invalid != b.invalid) return !a.invalid;
      switch (rule.strategy) {
        case v1::MOST_RECENT:
          if (a.record->updated_at != b.record->updated_at) {
            return a.record->updated_at > b.record->updated_at;
          }
          break;
        case v1::MOST_FREQUENT:
          if (a.frequency != b.frequency) return a.frequency > b.frequency;
          break;
        case v1::LONGEST: {
          const int64_t la = CodePoints(*a.value), lb = CodePoints(*b.value);
          if (la != lb) return la > lb;
          break;
        }
        case v1::FIRST_NON_EMPTY:
          return std::tie(a.record->created_at, a.record->id) <
                 std::tie(b.record->created_at, b.record->id);
        default:  // SOURCE_PRIORITY, AGGREGATE: trust comes first anyway
          break;
      }
      return tie_break(a) > tie_break(b);
    };
    std::sort(candidates.begin(), candidates.end(), better);
    const std::string rule_name(RuleName(rule.strategy));
    // Clang before 16 cannot capture a structured binding in a lambda.
    const std::string& attribute = name;
    auto emit = [&](const Candidate& c) {
      golden.push_back({.name = attribute,
                        .value = *c.value,
                        .source = c.record->key,
                        .rule = rule_name,
                        .invalid = c.invalid});
    };
    if (rule.strategy != v1::AGGREGATE) {
      emit(candidates.front());
      continue;
    }
    const bool any_valid = !candidates.front().invalid;
    absl::flat_hash_set<absl::string_view> seen;
    for (const Candidate& c : candidates) {
      if (any_valid && c.invalid) break;  // invalid ones sort last
      if (seen.insert(*c.comparable).second) emit(c);
    }
  }
  return golden;
}

}  // namespace mdm::engine
