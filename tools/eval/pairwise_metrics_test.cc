#include "tools/eval/pairwise_metrics.h"

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdm::eval {
namespace {

using ::testing::DoubleNear;

// "source:truth:predicted" per record, e.g. "a:1:X"; an empty label is a
// singleton.
std::vector<LabeledRecord> Records(const std::vector<std::string>& specs) {
  std::vector<LabeledRecord> records;
  for (const std::string& spec : specs) {
    const size_t first = spec.find(':');
    const size_t second = spec.find(':', first + 1);
    records.push_back({.source = spec.substr(0, first),
                       .truth = spec.substr(first + 1, second - first - 1),
                       .predicted = spec.substr(second + 1)});
  }
  return records;
}

struct ClusterCase {
  std::string name;
  std::vector<std::string> records;
  PairScope scope;
  PairCounts expected;
  Scores scores;
};

TEST(CountClusterPairs, CountsPairsFromContingencyTables) {
  const std::vector<ClusterCase> cases = {
      {"perfect clustering, other labels",
       {"s:1:X", "s:1:X", "s:1:X", "s:2:Y", "s:2:Y", "s:3:Z"},
       PairScope::kAll,
       {.true_pairs = 4, .predicted_pairs = 4, .correct_pairs = 4},
       {1, 1, 1}},
      {"all singletons (no golden id)",
       {"s:1:", "s:1:", "s:1:", "s:2:", "s:2:", "s:3:"},
       PairScope::kAll,
       {.true_pairs = 4, .predicted_pairs = 0, .correct_pairs = 0},
       {1, 0, 0}},
      {"all singletons (distinct golden ids)",
       {"s:1:A", "s:1:B", "s:2:C", "s:2:D"},
       PairScope::kAll,
       {.true_pairs = 2, .predicted_pairs = 0, .correct_pairs = 0},
       {1, 0, 0}},
      {"one big cluster",
       {"s:1:X", "s:1:X", "s:1:X", "s:2:X", "s:2:X", "s:3:X"},
       PairScope::kAll,
       {.true_pairs = 4, .predicted_pairs = 15, .correct_pairs = 4},
       {4.0 / 15, 1, 2 * (4.0 / 15) / (4.0 / 15 + 1)}},
      {"a true cluster split in two",
       {"s:1:A", "s:1:A", "s:1:B", "s:1:B"},
       PairScope::kAll,
       {.true_pairs = 6, .predicted_pairs = 2, .correct_pairs = 2},
       {1, 1.0 / 3, 0.5}},
      {"records without a true cluster are singletons",
       {"s::X", "s::X", "s:1:X", "s:1:X"},
       PairScope::kAll,
       {.true_pairs = 1, .predicted_pairs = 6, .correct_pairs = 1},
       {1.0 / 6, 1, 2 * (1.0 / 6) / (1.0 / 6 + 1)}},
      {"no records", {}, PairScope::kAll, {}, {1, 1, 1}},
      {"all pairs, two sources",
       {"a:1:X", "a:1:X", "b:1:X", "b:2:X"},
       PairScope::kAll,
       {.true_pairs = 3, .predicted_pairs = 6, .correct_pairs = 3},
       {0.5, 1, 2.0 / 3}},
      {"cross-source pairs only",
       {"a:1:X", "a:1:X", "b:1:X", "b:2:X"},
       PairScope::kCrossSource,
       {.true_pairs = 2, .predicted_pairs = 4, .correct_pairs = 2},
       {0.5, 1, 2.0 / 3}},
      {"cross-source: pairs within a source never count",
       {"a:1:X", "a:1:X", "a:2:Y", "b:3:Z"},
       PairScope::kCrossSource,
       {.true_pairs = 0, .predicted_pairs = 0, .correct_pairs = 0},
       {1, 1, 1}},
      {"cross-source: a true pair split across clusters",
       {"a:1:X", "b:1:Y", "a:2:Z", "b:2:Z", "c:2:Z"},
       PairScope::kCrossSource,
       {.true_pairs = 4, .predicted_pairs = 3, .correct_pairs = 3},
       {1, 0.75, 2 * 0.75 / 1.75}},
  };
  for (const ClusterCase& c : cases) {
    SCOPED_TRACE(c.name);
    const std::vector<LabeledRecord> records = Records(c.records);
    const PairCounts counts = CountClusterPairs(records, c.scope);
    EXPECT_EQ(counts.true_pairs, c.expected.true_pairs);
    EXPECT_EQ(counts.predicted_pairs, c.expected.predicted_pairs);
    EXPECT_EQ(counts.correct_pairs, c.expected.correct_pairs);
    const Scores scores = ScoresOf(counts);
    EXPECT_THAT(scores.precision, DoubleNear(c.scores.precision, 1e-12));
    EXPECT_THAT(scores.recall, DoubleNear(c.scores.recall, 1e-12));
    EXPECT_THAT(scores.f1, DoubleNear(c.scores.f1, 1e-12));
  }
}

TEST(CountClusterPairs, LargeClusterCountsWithoutEnumeratingPairs) {
  // 200,000 records in one true and one predicted cluster: 2e10 pairs,
  // far too many to enumerate.
  std::vector<LabeledRecord> records(200000, {"s", "1", "X"});
  const PairCounts counts = CountClusterPairs(records, PairScope::kAll);
  EXPECT_EQ(counts.true_pairs, int64_t{200000} * 199999 / 2);
  EXPECT_EQ(counts.predicted_pairs, counts.true_pairs);
  EXPECT_EQ(counts.correct_pairs, counts.true_pairs);
}

RecordKey Key(const std::string& source, const std::string& id) {
  return {source, id};
}

struct ListedCase {
  std::string name;
  std::vector<PredictedRecord> records;
  std::vector<std::pair<RecordKey, RecordKey>> truth;
  PairCounts expected;
};

TEST(CountListedPairs, CountsCrossSourcePairsAgainstAPairList) {
  const std::vector<ListedCase> cases = {
      {"a record in several true pairs",
       {{Key("amazon", "a1"), "X"},
        {Key("google", "g1"), "X"},
        {Key("google", "g2"), "X"},
        {Key("amazon", "a2"), "Y"},
        {Key("google", "g3"), "Z"}},
       {{Key("amazon", "a1"), Key("google", "g1")},
        {Key("amazon", "a1"), Key("google", "g2")},
        {Key("amazon", "a2"), Key("google", "g3")}},
       // Predicted: a1-g1, a1-g2 (g1-g2 is within google: not counted).
       {.true_pairs = 3, .predicted_pairs = 2, .correct_pairs = 2}},
      {"a pair listed twice, once reversed, counts once",
       {{Key("amazon", "a1"), "X"}, {Key("google", "g1"), "X"}},
       {{Key("amazon", "a1"), Key("google", "g1")},
        {Key("google", "g1"), Key("amazon", "a1")}},
       {.true_pairs = 1, .predicted_pairs = 1, .correct_pairs = 1}},
      {"a pair naming a missing or unclustered record is never predicted",
       {{Key("amazon", "a1"), ""}, {Key("google", "g1"), ""}},
       {{Key("amazon", "a1"), Key("google", "g1")},
        {Key("amazon", "a9"), Key("google", "g1")}},
       {.true_pairs = 2, .predicted_pairs = 0, .correct_pairs = 0}},
      {"pairs within one source are ignored",
       {{Key("amazon", "a1"), "X"}, {Key("amazon", "a2"), "X"}},
       {{Key("amazon", "a1"), Key("amazon", "a2")}},
       {.true_pairs = 0, .predicted_pairs = 0, .correct_pairs = 0}},
      {"a wrong merge",
       {{Key("amazon", "a1"), "X"},
        {Key("google", "g1"), "X"},
        {Key("google", "g2"), "X"}},
       {{Key("amazon", "a1"), Key("google", "g1")}},
       {.true_pairs = 1, .predicted_pairs = 2, .correct_pairs = 1}},
  };
  for (const ListedCase& c : cases) {
    SCOPED_TRACE(c.name);
    const PairCounts counts = CountListedPairs(c.records, c.truth);
    EXPECT_EQ(counts.true_pairs, c.expected.true_pairs);
    EXPECT_EQ(counts.predicted_pairs, c.expected.predicted_pairs);
    EXPECT_EQ(counts.correct_pairs, c.expected.correct_pairs);
  }
}

TEST(ScoresOf, HarmonicMeanAndEmptyConventions) {
  const Scores half =
      ScoresOf({.true_pairs = 4, .predicted_pairs = 2, .correct_pairs = 2});
  EXPECT_DOUBLE_EQ(half.precision, 1.0);
  EXPECT_DOUBLE_EQ(half.recall, 0.5);
  EXPECT_DOUBLE_EQ(half.f1, 2.0 / 3);
  const Scores none =
      ScoresOf({.true_pairs = 4, .predicted_pairs = 3, .correct_pairs = 0});
  EXPECT_DOUBLE_EQ(none.precision, 0.0);
  EXPECT_DOUBLE_EQ(none.recall, 0.0);
  EXPECT_DOUBLE_EQ(none.f1, 0.0);
}

}  // namespace
}  // namespace mdm::eval
