// Blocking: the keys that make two records a candidate pair.
//
// "Takes in a record and returns all blocks that record belongs to." Each
// rule yields keys when every part has a value; a part that yields several
// values (EACH_TOKEN, EACH_KEY) multiplies the keys, up to 64 per rule. A key
// is a 64-bit hash of (entity type, rule name, part values), stable across
// processes and releases, so blocks of different rules and types never
// collide in practice.
//
//   for (const BlockingKey& key : BlockingKeys(model, features)) {
//     const int cap = model.blocking_rules()[key.rule].max_block_size;
//     index.Members(key.hash, cap, candidates);  // CandidateIndex
//   }
//
// Pure; thread-safe.
#ifndef MDM_MATCHING_BLOCKING_H_
#define MDM_MATCHING_BLOCKING_H_

#include <cstdint>
#include <string>
#include <vector>

#include "matching/entity_model.h"
#include "matching/features.h"

namespace mdm::matching {

struct BlockingKey {
  int rule = 0;  // index into EntityModel::blocking_rules()
  uint64_t hash = 0;
  std::string text;  // the part values joined by '|', when asked for

  friend bool operator==(const BlockingKey& a, const BlockingKey& b) {
    return a.rule == b.rule && a.hash == b.hash;
  }
};

// Most keys one rule may yield for one record.
inline constexpr int kMaxKeysPerRule = 64;

// In rule order, duplicates removed. With `with_text` each key carries the
// readable values it was made from (for explanations).
std::vector<BlockingKey> BlockingKeys(const EntityModel& model,
                                      const RecordFeatures& record,
                                      bool with_text = false);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_BLOCKING_H_
