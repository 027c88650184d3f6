// How many records a generated entity has: the draw shared by the
// generators in tools/gen, so that --duplicate-share means the same for
// every entity type.
//
//   const double q = CopyProbability(0.2);
//   const int records = RecordCount(random, q);  // 1, 2, 3 or 4
#ifndef MDM_TOOLS_GEN_INTERNAL_COPIES_H_
#define MDM_TOOLS_GEN_INTERNAL_COPIES_H_

#include <algorithm>

#include "tools/gen/internal/random.h"

namespace mdm::gen {

// The probability that an entity has extra copies, such that a share
// `duplicate_share` (clamped to [0, 0.5]) of all records are extra copies.
// A duplicated entity has 1, 2 or 3 extra copies at .6/.3/.1, 1.5 on
// average, so q * 1.5 / (1 + q * 1.5) = share.
inline double CopyProbability(double duplicate_share) {
  const double s = std::clamp(duplicate_share, 0.0, 0.5);
  return s / (1.5 * (1 - s));
}

// The number of records of one entity: 1 plus its extra copies. One draw,
// or two when the entity is duplicated.
inline int RecordCount(Random& random, double copy_probability) {
  if (!random.Chance(copy_probability)) return 1;
  const double r = random.Uniform();
  return r < 0.6 ? 2 : r < 0.9 ? 3 : 4;
}

}  // namespace mdm::gen

#endif  // MDM_TOOLS_GEN_INTERNAL_COPIES_H_
