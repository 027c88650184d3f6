#include "matching/clustering.h"

#include <algorithm>
#include <random>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

using ::testing::ElementsAre;

TEST(ClusterRecords, LinksTransitivelyAboveTheThreshold) {
  const auto clusters = ClusterRecords(
      {5, 1, 2, 3, 4}, {{1, 3, 10.0}, {3, 5, 7.0}, {2, 4, 1.0}, {9, 1, 50.0}},
      6.6);
  EXPECT_THAT(clusters, ElementsAre(ElementsAre(1, 3, 5), ElementsAre(2),
                                    ElementsAre(4)));
}

TEST(ClusterRecords, ResultDoesNotDependOnInputOrder) {
  std::vector<int64_t> records;
  std::vector<ScoredPair> pairs;
  for (int64_t i = 1; i <= 200; ++i) records.push_back(i);
  std::mt19937 random(7);
  for (int i = 0; i < 300; ++i) {
    pairs.push_back({static_cast<int64_t>(random() % 200 + 1),
                     static_cast<int64_t>(random() % 200 + 1),
                     static_cast<double>(random() % 20)});
  }
  const auto expected = ClusterRecords(records, pairs, 10);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(records.begin(), records.end(), random);
    std::shuffle(pairs.begin(), pairs.end(), random);
    for (ScoredPair& p : pairs) {
      if (random() % 2) std::swap(p.a, p.b);
    }
    EXPECT_EQ(ClusterRecords(records, pairs, 10), expected);
  }
}

}  // namespace
}  // namespace mdm::matching
