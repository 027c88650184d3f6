#include "matching/blocking.h"

#include <xxhash.h>

#include <string>

namespace mdm::matching {

std::vector<BlockingKey> BlockingKeys(const EntityModel& model,
                                      const StandardizedRecord& record) {
  std::vector<BlockingKey> keys;
  const std::vector<BlockingRule>& rules = model.blocking_rules();
  std::string material;
  for (int r = 0; r < static_cast<int>(rules.size()); ++r) {
    material.clear();
    material.append(model.name());
    material.push_back('\x1f');
    material.append(rules[r].name);
    bool complete = true;
    for (int attribute : rules[r].attributes) {
      const std::string& value = record.values[attribute];
      if (value.empty()) {
        complete = false;
        break;
      }
      material.push_back('\x1f');
      material.append(value);
    }
    if (!complete) continue;
    keys.push_back(BlockingKey{
        .rule = r, .hash = XXH3_64bits(material.data(), material.size())});
  }
  return keys;
}

}  // namespace mdm::matching
