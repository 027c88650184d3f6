#include "matching/scorer.h"

#include "gtest/gtest.h"
#include "matching/testing/test_models.h"

namespace mdm::matching {
namespace {

using ::mdm::matching::testing::TestPersonModel;

TEST(ScorePair, SumsLevelWeightsOnThePriorAndSkipsMissingValues) {
  const EntityModel model = TestPersonModel();
  const auto a =
      Standardize(model, {{"email", "ann@x.org"}, {"full_name", "Ann Lee"}});
  const auto b =
      Standardize(model, {{"email", "ANN@x.org"}, {"full_name", "Bo Chan"}});
  const PairScore score = ScorePair(model, a, b);
  ASSERT_EQ(score.outcomes.size(), 3u);
  EXPECT_EQ(score.outcomes[0].level, 0);   // email exact
  EXPECT_EQ(score.outcomes[1].level, 1);   // name different
  EXPECT_EQ(score.outcomes[2].level, -1);  // birth date missing
  EXPECT_DOUBLE_EQ(score.outcomes[2].weight, 0);
  const double expected = model.prior_weight() +
                          model.comparisons()[0].levels[0].weight +
                          model.comparisons()[1].levels[1].weight;
  EXPECT_DOUBLE_EQ(score.weight, expected);
  EXPECT_DOUBLE_EQ(MatchWeight(model, a, b), expected);
}

TEST(ScorePair, DecisionsFollowTheConfiguredEvidence) {
  const EntityModel model = TestPersonModel();
  struct Case {
    RawAttributes a, b;
    bool links;
  };
  const Case cases[] = {
      {{{"email", "a@x.org"}}, {{"email", "a@x.org"}}, true},
      {{{"full_name", "Ann Lee"}}, {{"full_name", "Lee Ann"}}, false},
      {{{"full_name", "Ann Lee"}, {"birth_date", "1985-03-07"}},
       {{"full_name", "ann lee"}, {"birth_date", "07/03/1985"}},
       true},
      {{{"full_name", "Ann Lee"}, {"birth_date", "1985-03-07"}},
       {{"full_name", "Ann Lee"}, {"birth_date", "1985-03-08"}},
       false},
  };
  for (const Case& c : cases) {
    const double weight =
        MatchWeight(model, Standardize(model, c.a), Standardize(model, c.b));
    EXPECT_EQ(weight >= model.auto_merge_weight(), c.links) << weight;
  }
}

}  // namespace
}  // namespace mdm::matching
