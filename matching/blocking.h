// Blocking: the keys that make two records a candidate pair.
//
// "Takes in a record and returns all blocks that record belongs to." A rule
// yields one key when every attribute it names has a standardized value; the
// key is a 64-bit hash of (entity type, rule name, values), so blocks of
// different rules and types never collide in practice.
//
//   for (const BlockingKey& key : BlockingKeys(model, standardized)) {
//     candidates += store.BlockMembers(key.hash, model.max_block_size() + 1);
//   }
//
// Pure; thread-safe.
#ifndef MDM_MATCHING_BLOCKING_H_
#define MDM_MATCHING_BLOCKING_H_

#include <cstdint>
#include <vector>

#include "matching/entity_model.h"
#include "matching/standardizer.h"

namespace mdm::matching {

struct BlockingKey {
  int rule = 0;       // index into EntityModel::blocking_rules()
  uint64_t hash = 0;  // stable across processes and releases

  friend bool operator==(const BlockingKey& a, const BlockingKey& b) {
    return a.rule == b.rule && a.hash == b.hash;
  }
};

// In rule order; at most one key per rule.
std::vector<BlockingKey> BlockingKeys(const EntityModel& model,
                                      const StandardizedRecord& record);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_BLOCKING_H_
