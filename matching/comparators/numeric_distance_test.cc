#include "matching/comparators/numeric_distance.h"

#include <cmath>
#include <limits>

#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kMax = std::numeric_limits<double>::max();

TEST(NumericDistance, KnownDifferences) {
  struct Case {
    double a;
    double b;
    double absolute;
    double relative;
  };
  const Case cases[] = {
      {0, 0, 0, 0},
      {-0.0, 0.0, 0, 0},
      {5, 5, 0, 0},
      {100, 103, 3, 3 / 103.0},
      {103, 100, 3, 3 / 103.0},
      {0, 7, 7, 1},    // one zero: relative difference 1
      {5, -5, 10, 2},  // opposite signs: the maximum
      {-100, -110, 10, 10 / 110.0},
      {kMax, -kMax, kInf, 2},  // no overflow in the relative difference
      {kInf, kInf, 0, 0},
      {kInf, 1, kInf, 1},
      {kInf, -kInf, kInf, 2},
  };
  for (const Case& c : cases) {
    EXPECT_DOUBLE_EQ(AbsoluteDifference(c.a, c.b), c.absolute)
        << c.a << " " << c.b;
    EXPECT_DOUBLE_EQ(RelativeDifference(c.a, c.b), c.relative)
        << c.a << " " << c.b;
  }
}

TEST(NumericDistance, NanPropagates) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_TRUE(std::isnan(RelativeDifference(nan, 1)));
  EXPECT_TRUE(std::isnan(RelativeDifference(1, nan)));
  EXPECT_TRUE(std::isnan(AbsoluteDifference(nan, 1)));
}

}  // namespace
}  // namespace mdm::matching
