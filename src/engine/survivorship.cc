#include "src/engine/survivorship.h"

#include <map>
#include <tuple>

namespace mdm::engine {

std::vector<storage::GoldenValue> SurviveAttributes(
    absl::Span<const storage::RecordRow* const> members) {
  // Attribute name -> (winning member).
  std::map<std::string, const storage::RecordRow*> winner;
  std::map<std::string, const std::string*> value;
  for (const storage::RecordRow* member : members) {
    for (const auto& [name, v] : member->attributes) {
      auto it = winner.find(name);
      if (it == winner.end() ||
          std::tie(member->updated_at, member->id) >
              std::tie(it->second->updated_at, it->second->id)) {
        winner[name] = member;
        value[name] = &v;
      }
    }
  }
  std::vector<storage::GoldenValue> golden;
  golden.reserve(winner.size());
  for (const auto& [name, member] : winner) {
    golden.push_back({.name = name,
                      .value = *value[name],
                      .source = member->key,
                      .rule = "most_recent"});
  }
  return golden;
}

}  // namespace mdm::engine
