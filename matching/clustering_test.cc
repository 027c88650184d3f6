#include "matching/clustering.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>
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

// The engine's use of ClusterPart, on a random store: after a change, start
// from the changed records and the clusters of partners whose counted pairs
// changed, add each undecided record's whole cluster until none is left,
// and the result must be the whole store's clustering.
class PartSimulation {
 public:
  PartSimulation(std::vector<ClusterRecord> records,
                 std::vector<ScoredPair> pairs, LinkThresholds thresholds)
      : records_(std::move(records)),
        pairs_(std::move(pairs)),
        thresholds_(thresholds) {}

  // Clusters the store with `removed` absent before, and `added` absent
  // after (0: none), through ClusterPart; returns the partition after, and
  // the number of records the part took in.
  std::pair<std::vector<std::vector<int64_t>>, size_t> Change(
      int64_t removed_after, int64_t added) {
    const std::vector<std::vector<int64_t>> before = ClusterRecords(
        Without(records_, added), PairsWithout(added), thresholds_, kKinds);
    std::map<int64_t, size_t> cluster_of;
    for (size_t c = 0; c < before.size(); ++c) {
      for (int64_t id : before[c]) cluster_of[id] = c;
    }
    const std::vector<ClusterRecord> now = Without(records_, removed_after);
    const std::vector<ScoredPair> now_pairs = PairsWithout(removed_after);
    std::set<int64_t> inside;
    std::set<size_t> changed_clusters;
    auto take_cluster = [&](int64_t id) {
      auto it = cluster_of.find(id);
      if (it == cluster_of.end()) {
        inside.insert(id);
        return;
      }
      for (int64_t member : before[it->second]) {
        if (member != removed_after) inside.insert(member);
      }
    };
    const int64_t changed = added != 0 ? added : removed_after;
    if (added != 0) inside.insert(added);
    if (removed_after != 0) changed_clusters.insert(cluster_of[removed_after]);
    // Partners of the changed record whose clusters grew otherwise: every
    // one that lost a pair; one that gained a pair when the model has a band
    // and the changed record is now its best towards the record's source.
    const bool band = thresholds_.best_match_weight > thresholds_.link_weight;
    for (const ScoredPair& pair : pairs_) {
      if (pair.weight < thresholds_.link_weight) continue;
      if (pair.a != changed && pair.b != changed) continue;
      const int64_t partner = pair.a == changed ? pair.b : pair.a;
      if (removed_after != 0 ||
          (band && BestToward(partner, Record(changed).source) == changed)) {
        changed_clusters.insert(cluster_of[partner]);
      }
    }
    for (size_t c : changed_clusters) take_cluster(before[c].front());
    while (true) {
      std::vector<ClusterRecord> part;
      std::set<int64_t> outside;
      for (const ScoredPair& pair : now_pairs) {
        if (inside.contains(pair.a) && !inside.contains(pair.b)) {
          outside.insert(pair.b);
        }
        if (inside.contains(pair.b) && !inside.contains(pair.a)) {
          outside.insert(pair.a);
        }
      }
      for (const ClusterRecord& r : now) {
        if (inside.contains(r.id)) {
          ClusterRecord copy = r;
          auto it = cluster_of.find(r.id);
          if (it != cluster_of.end() &&
              !changed_clusters.contains(it->second)) {
            copy.unchanged_cluster = static_cast<int64_t>(it->second) + 1;
          }
          part.push_back(copy);
        } else if (outside.contains(r.id)) {
          part.push_back({.id = r.id,
                          .source = r.source,
                          .rank = r.rank,
                          .outside = true});
        }
      }
      std::vector<ScoredPair> part_pairs;
      for (const ScoredPair& pair : now_pairs) {
        if (inside.contains(pair.a) || inside.contains(pair.b)) {
          part_pairs.push_back(pair);
        }
      }
      PartClustering result =
          ClusterPart(part, part_pairs, thresholds_, kKinds);
      if (result.undecided.empty()) {
        std::vector<std::vector<int64_t>> all = result.clusters;
        std::set<size_t> taken;
        for (int64_t id : inside) {
          auto it = cluster_of.find(id);
          if (it != cluster_of.end()) taken.insert(it->second);
        }
        for (size_t c = 0; c < before.size(); ++c) {
          if (!taken.contains(c) && !changed_clusters.contains(c)) {
            all.push_back(before[c]);
          }
        }
        std::sort(all.begin(), all.end());
        return {all, inside.size()};
      }
      for (int64_t id : result.undecided) take_cluster(id);
    }
  }

  const ClusterRecord& Record(int64_t id) const {
    return *std::find_if(records_.begin(), records_.end(),
                         [&](const ClusterRecord& r) { return r.id == id; });
  }

  // The record's best partner towards `source`, by weight, then rank, then
  // id, among its pairs at or above the link weight (all present).
  int64_t BestToward(int64_t id, uint64_t source) const {
    int64_t best = 0;
    double best_weight = 0;
    for (const ScoredPair& pair : pairs_) {
      if (pair.weight < thresholds_.link_weight) continue;
      if (pair.a != id && pair.b != id) continue;
      const int64_t other = pair.a == id ? pair.b : pair.a;
      if (Record(other).source != source) continue;
      if (best == 0 || pair.weight > best_weight ||
          (pair.weight == best_weight &&
           std::tie(Record(other).rank, other) <
               std::tie(Record(best).rank, best))) {
        best = other;
        best_weight = pair.weight;
      }
    }
    return best;
  }

  std::vector<std::vector<int64_t>> Whole(int64_t absent) const {
    return ClusterRecords(Without(records_, absent), PairsWithout(absent),
                          thresholds_, kKinds);
  }

 private:
  static std::vector<ClusterRecord> Without(std::vector<ClusterRecord> records,
                                            int64_t id) {
    records.erase(
        std::remove_if(records.begin(), records.end(),
                       [&](const ClusterRecord& r) { return r.id == id; }),
        records.end());
    return records;
  }
  std::vector<ScoredPair> PairsWithout(int64_t id) const {
    std::vector<ScoredPair> pairs;
    for (const ScoredPair& pair : pairs_) {
      if (pair.a != id && pair.b != id) pairs.push_back(pair);
    }
    return pairs;
  }

  std::vector<ClusterRecord> records_;
  std::vector<ScoredPair> pairs_;
  LinkThresholds thresholds_;
};

TEST(ClusterPart, AddingOrRemovingARecordAgreesWithTheWholeStore) {
  std::mt19937 random(16);
  size_t part_records = 0;
  size_t store_records = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const int n = 20 + static_cast<int>(random() % 60);
    std::vector<ClusterRecord> records;
    for (int64_t i = 1; i <= n; ++i) {
      ClusterRecord r{.id = i,
                      .source = random() % 3,
                      .rank = random() % 5,
                      .exclusive_source = random() % 9 == 0 ? 1 : -1};
      if (random() % 3 == 0) {
        r.strong_values.push_back({0, std::to_string(random() % 4)});
      }
      if (random() % 4 == 0) {
        r.strong_values.push_back({1, std::to_string(random() % 3)});
      }
      records.push_back(r);
    }
    std::vector<ScoredPair> pairs;
    const int pair_count = n * (1 + static_cast<int>(random() % 3));
    std::set<std::pair<int64_t, int64_t>> seen;
    for (int i = 0; i < pair_count; ++i) {
      int64_t a = static_cast<int64_t>(random() % n + 1);
      int64_t b = static_cast<int64_t>(random() % n + 1);
      if (a == b) continue;
      if (a > b) std::swap(a, b);
      if (!seen.insert({a, b}).second) continue;
      pairs.push_back({a, b, static_cast<double>(random() % 20)});
    }
    const LinkThresholds thresholds =
        trial % 2 == 0 ? LinkThresholds{8, 12} : LinkThresholds{8, 8};
    PartSimulation store(records, pairs, thresholds);
    const int64_t changed = static_cast<int64_t>(random() % n + 1);
    // Added: absent before, present after.
    auto [added, added_size] = store.Change(/*removed_after=*/0, changed);
    EXPECT_EQ(added, store.Whole(0))
        << "trial " << trial << " adding " << changed;
    // Removed: present before, absent after.
    auto [removed, removed_size] = store.Change(changed, /*added=*/0);
    EXPECT_EQ(removed, store.Whole(changed))
        << "trial " << trial << " removing " << changed;
    part_records += added_size;
    store_records += static_cast<size_t>(n);
  }
  // The part is a fraction of the store, not all of it.
  EXPECT_LT(part_records * 2, store_records);
}

TEST(ClusterPart, StopsAtClustersKeptApartAsBefore) {
  // Before: {1, 2}, and {3, 4} kept apart from it by a pair their GTINs
  // refused; {5, 6} hangs on {3, 4} by another refused pair. New record 7
  // takes 2 from 1 (GTIN c against a), so 2's cluster is no longer what it
  // was when the pair to 3 came: 3 is undecided.
  const std::vector<ClusterRecord> part = {
      {.id = 1, .strong_values = {{0, "a"}}, .unchanged_cluster = 1},
      {.id = 2, .unchanged_cluster = 1},
      {.id = 7, .strong_values = {{0, "c"}}},
      {.id = 3, .outside = true},
  };
  const std::vector<ScoredPair> pairs = {{2, 7, 20}, {1, 2, 19}, {2, 3, 15}};
  const PartClustering first = ClusterPart(part, pairs, {8, 8}, kKinds);
  EXPECT_THAT(first.undecided, ElementsAre(3));
  // With {3, 4} in the part: it grows as before, so {5, 6} stays out.
  const std::vector<ClusterRecord> wider = {
      {.id = 1, .strong_values = {{0, "a"}}, .unchanged_cluster = 1},
      {.id = 2, .unchanged_cluster = 1},
      {.id = 7, .strong_values = {{0, "c"}}},
      {.id = 3, .strong_values = {{0, "b"}}, .unchanged_cluster = 2},
      {.id = 4, .unchanged_cluster = 2},
      {.id = 5, .outside = true},
  };
  const std::vector<ScoredPair> wider_pairs = {
      {2, 7, 20}, {1, 2, 19}, {2, 3, 15}, {3, 4, 17}, {4, 5, 12}};
  const PartClustering second = ClusterPart(wider, wider_pairs, {8, 8}, kKinds);
  EXPECT_THAT(second.undecided, ElementsAre());
  EXPECT_THAT(second.clusters, ElementsAre(ElementsAre(1), ElementsAre(2, 7),
                                           ElementsAre(3, 4)));
  // A cluster that grew from more records still refuses: 7 without a GTIN
  // joins {1, 2}, which holds all it held, and 3 is not looked at.
  std::vector<ClusterRecord> grown = part;
  grown[2].strong_values.clear();
  EXPECT_THAT(ClusterPart(grown, pairs, {8, 8}, kKinds).undecided,
              ElementsAre());
}

}  // namespace
}  // namespace mdm::matching
