#include "matching/training.h"

#include <random>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "matching/blocking.h"
#include "matching/standardizer.h"
#include "matching/testing/test_models.h"
#include "src/base/testing/status_matchers.h"

namespace mdm::matching {
namespace {

using ::mdm::matching::testing::TestPersonModel;
using ::mdm::testing::StatusIs;
using ::testing::HasSubstr;

// Synthetic people: 300 entities, each written 1-3 times with typos.
TrainingSample MakeSample(const EntityModel& model) {
  std::mt19937 random(3);
  const char* given[] = {"james",    "mary",    "robert", "patricia", "john",
                         "jennifer", "michael", "linda",  "david",    "susan"};
  const char* family[] = {"smith",     "johnson",  "williams",  "brown",
                          "jones",     "garcia",   "miller",    "davis",
                          "rodriguez", "martinez", "hernandez", "lopez",
                          "gonzalez",  "wilson",   "anderson"};
  TrainingSample sample;
  for (int e = 0; e < 300; ++e) {
    const std::string g = given[random() % 10];
    const std::string f = family[random() % 15];
    const std::string dob =
        absl::StrFormat("19%02d-%02d-%02d", 40 + random() % 60,
                        1 + random() % 12, 1 + random() % 28);
    const int copies = 1 + random() % 3;
    for (int c = 0; c < copies; ++c) {
      std::string gg = g;
      if (c > 0 && random() % 3 == 0) gg[random() % gg.size()] = 'x';
      sample.records.push_back(
          Standardize(model, {{"given_name", gg},
                              {"family_name", f},
                              {"birth_date", dob},
                              {"email", absl::StrCat(g, e, "@example.org")}}));
    }
  }
  const int32_t n = static_cast<int32_t>(sample.records.size());
  sample.random_pairs = RandomPairs(n, 50000, 11);
  sample.blocked_pairs.resize(model.blocking_rules().size());
  std::vector<absl::flat_hash_map<uint64_t, std::vector<int32_t>>> blocks(
      model.blocking_rules().size());
  for (int32_t i = 0; i < n; ++i) {
    for (const BlockingKey& key : BlockingKeys(model, sample.records[i])) {
      blocks[key.rule][key.hash].push_back(i);
    }
  }
  for (size_t r = 0; r < blocks.size(); ++r) {
    for (auto& [hash, members] : blocks[r]) {
      for (size_t i = 0; i < members.size(); ++i) {
        for (size_t j = i + 1; j < members.size(); ++j) {
          sample.blocked_pairs[r].push_back({members[i], members[j]});
        }
      }
    }
  }
  return sample;
}

TEST(TrainModel, LearnsPlausibleParametersWithoutLabels) {
  const EntityModel model = TestPersonModel();
  const TrainingSample sample = MakeSample(model);
  ASSERT_OK_AND_ASSIGN(v1::TrainedModel trained, TrainModel(model, sample, {}));
  ASSERT_EQ(trained.comparisons_size(),
            static_cast<int>(model.comparisons().size()));
  // Agreement on the birth date is much likelier among matches than among
  // random pairs, which hardly ever agree.
  const v1::TrainedComparison& dob = trained.comparisons(4);
  ASSERT_EQ(dob.name(), "birth_date");
  EXPECT_GT(dob.levels(0).m(), 0.5);
  EXPECT_LT(dob.levels(0).u(), 0.01);
  // Random pairs mostly disagree on the family name.
  const v1::TrainedComparison& family = trained.comparisons(2);
  EXPECT_GT(family.levels(3).u(), 0.5);
  // The prior is a small pair-level probability: about 1-2 true pairs per
  // entity among ~180,000 pairs.
  EXPECT_GT(trained.prior_match_probability(), 1e-4);
  EXPECT_LT(trained.prior_match_probability(), 1e-2);
  EXPECT_TRUE(trained.report().converged());
  // Term frequencies for the tf-adjusted given name.
  ASSERT_EQ(trained.term_frequencies_size(), 1);
  EXPECT_EQ(trained.term_frequencies(0).attribute(), "given_name");
  EXPECT_GT(trained.term_frequencies(0).terms_size(), 5);
  // The result compiles into a usable model.
  EXPECT_TRUE(EntityModel::Compile(model.config(), &trained).ok());
}

TEST(TrainModel, IsDeterministic) {
  const EntityModel model = TestPersonModel();
  const TrainingSample sample = MakeSample(model);
  ASSERT_OK_AND_ASSIGN(v1::TrainedModel first, TrainModel(model, sample, {}));
  ASSERT_OK_AND_ASSIGN(v1::TrainedModel second, TrainModel(model, sample, {}));
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());
}

TEST(TrainModel, NeedsRecords) {
  const EntityModel model = TestPersonModel();
  TrainingSample sample;
  sample.blocked_pairs.resize(model.blocking_rules().size());
  EXPECT_THAT(TrainModel(model, sample, {}),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

// `n` records, all different, with `pairs` candidate pairs for the first
// blocking rule.
TrainingSample SmallSample(const EntityModel& model, int n, int pairs) {
  TrainingSample sample;
  for (int i = 0; i < n; ++i) {
    sample.records.push_back(
        Standardize(model, {{"given_name", absl::StrCat("Given", i)},
                            {"family_name", absl::StrCat("Family", i)},
                            {"email", absl::StrCat("p", i, "@example.org")}}));
  }
  sample.random_pairs = RandomPairs(n, int64_t{n} * (n - 1) / 2, 11);
  sample.blocked_pairs.resize(model.blocking_rules().size());
  for (int i = 0; i < pairs; ++i) {
    sample.blocked_pairs[0].push_back({i, i + 1});
  }
  return sample;
}

TEST(TrainModel, RefusesTooFewRecords) {
  const EntityModel model = TestPersonModel();
  EXPECT_THAT(TrainModel(model, SmallSample(model, 10, 9), {}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("too little data to learn from: 10 records, "
                                 "and training needs at least 50")));
  EXPECT_OK(TrainModel(model, SmallSample(model, 12, 11), {.min_records = 12})
                .status());
}

TEST(TrainModel, RefusesASampleWhereEmWouldRunNoIteration) {
  const EntityModel model = TestPersonModel();
  EXPECT_THAT(
      TrainModel(model, SmallSample(model, 60, 2), {}),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               HasSubstr("60 records, and no blocking rule found the 10 "
                         "candidate pairs an EM session needs (the most was "
                         "2): EM would run 0 iterations")));
}

TEST(RandomPairs, DistinctRecordsAndReproducible) {
  const auto pairs = RandomPairs(10, 1000, 5);
  ASSERT_EQ(pairs.size(), 1000u);
  for (const RecordPair& p : pairs) {
    EXPECT_NE(p.a, p.b);
    EXPECT_LT(p.a, 10);
  }
  const auto again = RandomPairs(10, 1000, 5);
  EXPECT_EQ(again[17].a, pairs[17].a);
  EXPECT_TRUE(RandomPairs(1, 10, 5).empty());
}

}  // namespace
}  // namespace mdm::matching
