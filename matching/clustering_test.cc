#include "matching/clustering.h"

#include <algorithm>
#include <random>
#include <tuple>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

using ::testing::ElementsAre;

std::vector<ClusterRecord> Plain(std::vector<int64_t> ids) {
  std::vector<ClusterRecord> records;
  for (int64_t id : ids) records.push_back({.id = id});
  return records;
}

const std::vector<v1::AttributeKind> kKinds = {v1::GTIN, v1::MPN};

TEST(ClusterRecords, LinksTransitivelyAboveTheThreshold) {
  const auto clusters =
      ClusterRecords(Plain({5, 1, 2, 3, 4}),
                     {{1, 3, 10.0}, {3, 5, 7.0}, {2, 4, 1.0}, {9, 1, 50.0}},
                     {6.6, 6.6}, kKinds);
  EXPECT_THAT(clusters, ElementsAre(ElementsAre(1, 3, 5), ElementsAre(2),
                                    ElementsAre(4)));
}

TEST(ClusterRecords, NeverChainsAcrossConflictingStrongIdentifiers) {
  // 1 and 3 carry different GTINs; 2 links to both. The stronger link wins
  // and the weaker one is refused, whatever the order of the input.
  std::vector<ClusterRecord> records = {
      {.id = 1, .strong_values = {{0, "00000000000017"}}},
      {.id = 2},
      {.id = 3, .strong_values = {{0, "00000000000024"}}},
  };
  std::vector<ScoredPair> pairs = {{1, 2, 20.0}, {2, 3, 15.0}};
  EXPECT_THAT(ClusterRecords(records, pairs, {6.6, 6.6}, kKinds),
              ElementsAre(ElementsAre(1, 2), ElementsAre(3)));
  std::reverse(records.begin(), records.end());
  std::reverse(pairs.begin(), pairs.end());
  EXPECT_THAT(ClusterRecords(records, pairs, {6.6, 6.6}, kKinds),
              ElementsAre(ElementsAre(1, 2), ElementsAre(3)));
}

TEST(ClusterRecords, ModelNumberVariantsAreCompatibleSiblingsAreNot) {
  std::vector<ClusterRecord> records = {
      {.id = 1, .strong_values = {{1, "WH1000XM4"}}},
      {.id = 2, .strong_values = {{1, "WH1000XM4B"}}},
      {.id = 3, .strong_values = {{1, "WH1000XM5"}}},
  };
  EXPECT_THAT(
      ClusterRecords(records, {{1, 2, 20.0}, {2, 3, 19.0}, {1, 3, 18.0}},
                     {6.6, 6.6}, kKinds),
      ElementsAre(ElementsAre(1, 2), ElementsAre(3)));
}

TEST(ClusterRecords, NeverChainsSiblingsThroughALookAlike) {
  // 1 (128GB) and 3 (256GB) are siblings; 2 names no capacity and links to
  // both. The stronger link wins; 3 never joins through 2.
  auto with_title = [](int64_t id, absl::string_view codes) {
    ClusterRecord record{.id = id};
    Feature feature;
    feature.codes = absl::StrSplit(codes, ' ', absl::SkipEmpty());
    if (!feature.codes.empty()) record.distinguishing.push_back({2, feature});
    return record;
  };
  const std::vector<v1::AttributeKind> kinds = {v1::GTIN, v1::MPN,
                                                v1::PRODUCT_NAME};
  std::vector<ClusterRecord> records = {
      with_title(1, "q:gb:128 c:black"), with_title(2, "c:black"),
      with_title(3, "q:gb:256 c:black"), with_title(4, "q:gb:128")};
  std::vector<ScoredPair> pairs = {
      {1, 2, 20.0}, {2, 3, 25.0}, {3, 4, 30.0}, {1, 4, 10.0}};
  for (int round = 0; round < 2; ++round) {
    EXPECT_THAT(ClusterRecords(records, pairs, {6.6, 6.6}, kinds),
                ElementsAre(ElementsAre(1, 4), ElementsAre(2, 3)));
    std::reverse(records.begin(), records.end());
    std::reverse(pairs.begin(), pairs.end());
  }
  // A steward's must-link overrides the conflict between 1 and 3, not the
  // ones it brings with 4.
  EXPECT_THAT(ClusterRecords(records, pairs, {6.6, 6.6}, kinds, {}, {{1, 3}}),
              ElementsAre(ElementsAre(1, 2, 3), ElementsAre(4)));
}

TEST(ClusterRecords, RanksNotIdsBreakTies) {
  // 1 and 3 conflict and tie for 2. The one of smaller rank wins, whichever
  // arrived first (has the smaller id).
  for (const auto& [rank_1, rank_3, expected_with_2] :
       {std::tuple<uint64_t, uint64_t, int64_t>{5, 9, 1}, {9, 5, 3}}) {
    const std::vector<ClusterRecord> records = {
        {.id = 1, .rank = rank_1, .strong_values = {{0, "00000000000017"}}},
        {.id = 2, .rank = 7},
        {.id = 3, .rank = rank_3, .strong_values = {{0, "00000000000024"}}},
    };
    const auto clusters = ClusterRecords(records, {{1, 2, 20.0}, {2, 3, 20.0}},
                                         {6.6, 6.6}, kKinds);
    ASSERT_EQ(clusters.size(), 2u);
    const std::vector<int64_t> joined = expected_with_2 == 1
                                            ? std::vector<int64_t>{1, 2}
                                            : std::vector<int64_t>{2, 3};
    EXPECT_THAT(clusters, ::testing::Contains(joined)) << rank_1;
  }
}

TEST(ClusterRecords, OutsidePartnersMakeAPartAgreeWithTheWhole) {
  // Band pairs (below best_match 10) count when mutual best per source.
  // 2's best in source 1 is 4, not 1: 1-2 does not count, 1-3 does.
  const std::vector<ClusterRecord> all = {{.id = 1, .source = 1},
                                          {.id = 2, .source = 2},
                                          {.id = 3, .source = 3},
                                          {.id = 4, .source = 1}};
  const std::vector<ScoredPair> pairs = {{1, 2, 8.0}, {2, 4, 9.0}, {1, 3, 7.0}};
  const LinkThresholds band = {.link_weight = 5, .best_match_weight = 10};
  EXPECT_THAT(ClusterRecords(all, pairs, band, kKinds),
              ElementsAre(ElementsAre(1, 3), ElementsAre(2, 4)));
  // The part {1, 3}: 2 and 4 as outside partners give the same answer.
  std::vector<ClusterRecord> part = {{.id = 1, .source = 1},
                                     {.id = 3, .source = 3},
                                     {.id = 2, .source = 2, .outside = true}};
  EXPECT_THAT(ClusterRecords(part, pairs, band, kKinds),
              ElementsAre(ElementsAre(1, 3)));
  // Without its partner 2, whose source is then unknown, 1's pairs are not
  // provably best.
  part.pop_back();
  EXPECT_THAT(ClusterRecords(part, pairs, band, kKinds),
              ElementsAre(ElementsAre(1), ElementsAre(3)));
}

TEST(ClusterRecords, DeduplicatedSourceContributesAtMostOneRecord) {
  std::vector<ClusterRecord> records = {
      {.id = 1, .exclusive_source = 0},
      {.id = 2, .exclusive_source = 0},
      {.id = 3},
  };
  // 3 links to both ERP records; the better link wins.
  EXPECT_THAT(
      ClusterRecords(records, {{1, 3, 10.0}, {2, 3, 12.0}}, {6.6, 6.6}, kKinds),
      ElementsAre(ElementsAre(1), ElementsAre(2, 3)));
}

TEST(ClusterRecords, CannotLinkSeparatesEvenThroughOthers) {
  EXPECT_THAT(ClusterRecords(Plain({1, 2, 3}), {{1, 2, 30.0}, {2, 3, 20.0}},
                             {6.6, 6.6}, kKinds, {{1, 3}}),
              ElementsAre(ElementsAre(1, 2), ElementsAre(3)));
}

TEST(ClusterRecords, MustLinksJoinWhateverTheScoresAndSourcesSay) {
  std::vector<ClusterRecord> records = {
      {.id = 1, .exclusive_source = 0},
      {.id = 2, .exclusive_source = 0},
      {.id = 3},
  };
  // No pair scores; a steward joined 1 and 2 although both come from one
  // deduplicated source, and 3 follows 2 automatically.
  EXPECT_THAT(
      ClusterRecords(records, {{2, 3, 20.0}}, {6.6, 6.6}, kKinds, {}, {{2, 1}}),
      ElementsAre(ElementsAre(1, 2, 3)));
}

TEST(ClusterRecords, CannotLinksWinOverMustLinksAndLinks) {
  // 1=2 and 2=3 are must-links, 1!=3 a cannot-link: the first must-link in
  // id order holds, the second cannot join across the cannot-link.
  EXPECT_THAT(ClusterRecords(Plain({1, 2, 3}), {{1, 3, 50.0}}, {6.6, 6.6},
                             kKinds, {{1, 3}}, {{3, 2}, {1, 2}}),
              ElementsAre(ElementsAre(1, 2), ElementsAre(3)));
}

TEST(ClusterRecords, BandPairsLinkOnlyAsMutualBestCandidates) {
  // Source 1 listings a1 (1), a2 (2); source 2 listings g1 (3), g2 (4).
  std::vector<ClusterRecord> records = {{.id = 1, .source = 1},
                                        {.id = 2, .source = 1},
                                        {.id = 3, .source = 2},
                                        {.id = 4, .source = 2}};
  // All pairs are in the band [5, 10). a1's best is g1 and g1's best is a1;
  // a2's best is g1 too, but g1 prefers a1; g2's best is a2, and a2's best
  // (g1) is not g2, so a2 and g2 stay apart as well.
  const std::vector<ScoredPair> pairs = {
      {1, 3, 8.0}, {2, 3, 7.0}, {2, 4, 6.0}, {1, 4, 5.5}};
  EXPECT_THAT(ClusterRecords(records, pairs, {5.0, 10.0}, kKinds),
              ElementsAre(ElementsAre(1, 3), ElementsAre(2), ElementsAre(4)));
  // Above the best-match weight every pair links.
  EXPECT_THAT(ClusterRecords(records, pairs, {5.0, 5.0}, kKinds),
              ElementsAre(ElementsAre(1, 2, 3, 4)));
  // Between deduplicated sources the best pairs link one-to-one.
  for (ClusterRecord& r : records) r.exclusive_source = r.source;
  EXPECT_THAT(ClusterRecords(records, pairs, {5.0, 10.0}, kKinds),
              ElementsAre(ElementsAre(1, 3), ElementsAre(2, 4)));
}

TEST(ClusterRecords, ResultDoesNotDependOnInputOrder) {
  std::vector<ClusterRecord> records;
  std::mt19937 random(7);
  for (int64_t i = 1; i <= 200; ++i) {
    ClusterRecord r{.id = i,
                    .source = static_cast<uint64_t>(i % 3),
                    .exclusive_source = i % 7 == 0 ? 1 : -1};
    if (i % 5 == 0) r.strong_values.push_back({0, std::to_string(i % 3)});
    records.push_back(r);
  }
  std::vector<ScoredPair> pairs;
  for (int i = 0; i < 400; ++i) {
    pairs.push_back({static_cast<int64_t>(random() % 200 + 1),
                     static_cast<int64_t>(random() % 200 + 1),
                     static_cast<double>(random() % 20)});
  }
  const auto expected = ClusterRecords(records, pairs, {8, 12}, kKinds);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(records.begin(), records.end(), random);
    std::shuffle(pairs.begin(), pairs.end(), random);
    for (ScoredPair& p : pairs) {
      if (random() % 2) std::swap(p.a, p.b);
    }
    EXPECT_EQ(ClusterRecords(records, pairs, {8, 12}, kKinds), expected);
  }
}

}  // namespace
}  // namespace mdm::matching
