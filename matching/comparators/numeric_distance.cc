#include "matching/comparators/numeric_distance.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mdm::matching {

double AbsoluteDifference(double a, double b) {
  if (a == b) return 0.0;  // also inf - inf
  return std::fabs(a - b);
}

double RelativeDifference(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (a == b) return 0.0;
  const double scale = std::max(std::fabs(a), std::fabs(b));
  if (std::isinf(scale)) {
    // Opposite infinities are as far apart as 5 and -5.
    return std::isinf(a) && std::isinf(b) ? 2.0 : 1.0;
  }
  // Dividing first keeps |a - b| from overflowing for huge opposite values.
  return std::fabs(a / scale - b / scale);
}

}  // namespace mdm::matching
