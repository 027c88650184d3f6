#include "matching/scorer.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "gtest/gtest.h"
#include "matching/standardizer.h"
#include "matching/testing/test_models.h"

namespace mdm::matching {
namespace {

using ::mdm::matching::testing::TestPersonModel;

RecordFeatures F(const EntityModel& model,
                 std::vector<std::pair<std::string, std::string>> attributes) {
  return Standardize(model, attributes);
}

int LevelOf(const PairScore& score, const EntityModel& model,
            const std::string& comparison) {
  for (const ComparisonOutcome& o : score.outcomes) {
    if (model.comparisons()[o.comparison].name == comparison) return o.level;
  }
  return -2;
}

std::string LabelOf(const PairScore& score, const EntityModel& model,
                    const std::string& comparison) {
  for (const ComparisonOutcome& o : score.outcomes) {
    const Comparison& c = model.comparisons()[o.comparison];
    if (c.name == comparison)
      return o.level < 0 ? "missing" : c.levels[o.level].label;
  }
  return "?";
}

TEST(ScorePair, SumsLevelWeightsOnThePriorAndSkipsMissingValues) {
  const EntityModel model = TestPersonModel();
  const auto a = F(model, {{"email", "ann@x.org"}, {"given_name", "Ann"}});
  const auto b = F(model, {{"email", "ANN@x.org"}, {"given_name", "Bo"}});
  const PairScore score = ScorePair(model, a, b);
  EXPECT_EQ(LabelOf(score, model, "email"), "exact");
  EXPECT_EQ(LabelOf(score, model, "given_name"), "different");
  EXPECT_EQ(LabelOf(score, model, "birth_date"), "missing");
  double expected = model.prior_weight();
  for (const ComparisonOutcome& o : score.outcomes) expected += o.weight;
  EXPECT_DOUBLE_EQ(score.weight, expected);
  EXPECT_DOUBLE_EQ(MatchWeight(model, a, b), score.weight);
}

TEST(ScorePair, LevelsPerCondition) {
  const EntityModel model = TestPersonModel();
  struct Case {
    std::vector<std::pair<std::string, std::string>> a, b;
    const char* comparison;
    const char* label;
  };
  const Case cases[] = {
      {{{"email", "john.smith@gmail.com"}},
       {{"email", "johnsmith+x@gmail.com"}},
       "email",
       "same mailbox"},
      {{{"given_name", "Bob"}},
       {{"given_name", "Robert"}},
       "given_name",
       "nickname"},
      {{{"given_name", "Jonathon"}},
       {{"given_name", "Jonathan"}},
       "given_name",
       "jw"},
      {{{"given_name", "Lee"}, {"family_name", "Ann"}},
       {{"given_name", "Ann"}, {"family_name", "Lee"}},
       "given_name",
       "swapped"},
      {{{"birth_date", "1985-03-07"}},
       {{"birth_date", "1985-07-03"}},
       "birth_date",
       "swapped"},
      {{{"national_id", "11010519491231002X"}},
       {{"national_id", "110105194912310029"}},
       "national_id",
       "invalid"},
      {{{"national_id", "11010519491231002X"}},
       {{"national_id", "110105198001010016"}},
       "national_id",
       "conflict"},
  };
  for (const Case& c : cases) {
    const PairScore score = ScorePair(model, F(model, c.a), F(model, c.b));
    EXPECT_EQ(LabelOf(score, model, c.comparison), c.label)
        << c.comparison << " " << c.a[0].second << " / " << c.b[0].second;
  }
}

TEST(ScorePair, FallbackComparisonCountsOnlyWhenTheOthersCannot) {
  const EntityModel model = TestPersonModel();
  // Both have given and family names: full_name does not count.
  const PairScore parts = ScorePair(
      model, F(model, {{"given_name", "Ann"}, {"family_name", "Lee"}}),
      F(model, {{"given_name", "Ann"}, {"family_name", "Lee"}}));
  EXPECT_EQ(LevelOf(parts, model, "full_name"), -1);
  // One has only a whole name: full_name carries the evidence.
  const PairScore whole =
      ScorePair(model, F(model, {{"full_name", "Lee, Ann"}}),
                F(model, {{"given_name", "Ann"}, {"family_name", "Lee"}}));
  EXPECT_EQ(LabelOf(whole, model, "full_name"), "exact");
}

TEST(ScorePair, DecisionsFollowTheConfiguredEvidence) {
  const EntityModel model = TestPersonModel();
  struct Case {
    std::vector<std::pair<std::string, std::string>> a, b;
    bool links;
  };
  const Case cases[] = {
      {{{"email", "a@x.org"}}, {{"email", "a@x.org"}}, true},
      {{{"given_name", "Ann"}, {"family_name", "Lee"}},
       {{"given_name", "Ann"}, {"family_name", "Lee"}},
       false},
      {{{"given_name", "Ann"},
        {"family_name", "Lee"},
        {"birth_date", "1985-03-07"}},
       {{"given_name", "ann"},
        {"family_name", "LEE"},
        {"birth_date", "07/03/1985"}},
       true},
      {{{"given_name", "Ann"},
        {"family_name", "Lee"},
        {"birth_date", "1985-03-07"}},
       {{"given_name", "Ann"},
        {"family_name", "Lee"},
        {"birth_date", "1962-11-30"}},
       false},
  };
  for (const Case& c : cases) {
    const double weight = MatchWeight(model, F(model, c.a), F(model, c.b));
    EXPECT_EQ(weight >= model.auto_merge_weight(), c.links) << weight;
  }
}

TEST(ScorePair, TermFrequencyMakesRareAgreementCountMore) {
  v1::TrainedModel trained;
  v1::TermFrequencies* stats = trained.add_term_frequencies();
  stats->set_attribute("given_name");
  stats->set_population(1000);
  v1::TermFrequency* common = stats->add_terms();
  common->set_term("john");
  common->set_count(100);
  auto model = EntityModel::Compile(TestPersonModel().config(), &trained);
  ASSERT_TRUE(model.ok());
  const PairScore john = ScorePair(*model, F(*model, {{"given_name", "John"}}),
                                   F(*model, {{"given_name", "John"}}));
  const PairScore zebedee =
      ScorePair(*model, F(*model, {{"given_name", "Zebedee"}}),
                F(*model, {{"given_name", "Zebedee"}}));
  EXPECT_TRUE(john.outcomes[1].tf_adjusted);
  EXPECT_NEAR(john.outcomes[1].weight, std::log2(0.6 / 0.1), 1e-9);
  EXPECT_NEAR(zebedee.outcomes[1].weight, std::log2(0.6 / 0.001), 1e-9);
}

TEST(MatchWeightAtLeast, ExactAtOrAboveTheFloorAndBelowItOtherwise) {
  const EntityModel model = TestPersonModel();
  const std::vector<RecordFeatures> records = {
      F(model, {{"given_name", "Ann"},
                {"family_name", "Lee"},
                {"birth_date", "1985-03-07"},
                {"email", "ann@x.org"}}),
      F(model, {{"given_name", "Anne"},
                {"family_name", "Lee"},
                {"birth_date", "1985-07-03"},
                {"email", "ann.lee@y.org"}}),
      F(model, {{"given_name", "Bob"},
                {"family_name", "Stone"},
                {"birth_date", "1962-11-30"}}),
      F(model, {{"full_name", "Ann Lee"}, {"phone", "+1 415 555 0100"}}),
      F(model, {{"email", "ann@x.org"}}),
      F(model, {}),
  };
  LazyFeatures lazy;
  for (const RecordFeatures& a : records) {
    for (const RecordFeatures& b : records) {
      const double exact = MatchWeight(model, a, b);
      const std::string encoded = EncodeFeatures(model, b);
      for (double floor : {-1000.0, -10.0, 0.0, exact, exact + 0.5, 1000.0}) {
        const double bounded = MatchWeightAtLeast(model, a, b, floor);
        ASSERT_TRUE(lazy.Reset(model, encoded));
        EXPECT_EQ(MatchWeightAtLeast(model, a, lazy, floor), bounded);
        EXPECT_TRUE(lazy.ok());
        if (exact >= floor) {
          EXPECT_EQ(bounded, exact) << "floor " << floor;
        } else {
          EXPECT_LT(bounded, floor) << "exact " << exact;
        }
      }
    }
  }
}

TEST(MatchWeightAtLeast, ComparisonsWithTheMostWeightComeFirst) {
  const EntityModel model = TestPersonModel();
  const std::vector<int>& order = model.comparisons_by_max_weight();
  ASSERT_EQ(order.size(), model.comparisons().size());
  for (size_t i = 1; i < order.size(); ++i) {
    EXPECT_GE(model.comparisons()[order[i - 1]].max_weight,
              model.comparisons()[order[i]].max_weight);
  }
  for (const Comparison& comparison : model.comparisons()) {
    double most = 0;
    for (const ComparisonLevel& level : comparison.levels) {
      most = std::max(most, level.weight);
    }
    EXPECT_EQ(comparison.max_weight, most) << comparison.name;  // untrained
  }
}

TEST(FeaturesConflict, IdentifiersModelsAndQuantities) {
  EXPECT_TRUE(FeaturesConflict(
      v1::PRODUCT_NAME,
      StandardizeValue(v1::PRODUCT_NAME, "Sony WH-1000XM4 Headphones"),
      StandardizeValue(v1::PRODUCT_NAME, "Sony WH-1000XM5 Headphones")));
  EXPECT_TRUE(FeaturesConflict(
      v1::PRODUCT_NAME, StandardizeValue(v1::PRODUCT_NAME, "iPhone 13 256GB"),
      StandardizeValue(v1::PRODUCT_NAME, "iPhone 13 512GB")));
  EXPECT_FALSE(FeaturesConflict(
      v1::PRODUCT_NAME, StandardizeValue(v1::PRODUCT_NAME, "iPhone 13 256GB"),
      StandardizeValue(v1::PRODUCT_NAME, "Apple iPhone 13 256 GB black")));
  EXPECT_FALSE(FeaturesConflict(v1::MPN, StandardizeValue(v1::MPN, "WH1000XM4"),
                                StandardizeValue(v1::MPN, "WH-1000XM4/B")));
  EXPECT_TRUE(FeaturesConflict(v1::MPN, StandardizeValue(v1::MPN, "WH1000XM4"),
                               StandardizeValue(v1::MPN, "WH1000XM5")));
  EXPECT_TRUE(FeaturesConflict(v1::GTIN,
                               StandardizeValue(v1::GTIN, "4006381333931"),
                               StandardizeValue(v1::GTIN, "036000291452")));
}

TEST(FeaturesConflict, ColoursAndQuantitySets) {
  auto title = [](absl::string_view text) {
    return StandardizeValue(v1::PRODUCT_NAME, text);
  };
  EXPECT_TRUE(FeaturesConflict(v1::PRODUCT_NAME, title("iPhone 13 256GB Black"),
                               title("iPhone 13 256GB White")));
  EXPECT_TRUE(FeaturesConflict(v1::PRODUCT_NAME, title("手环 白色"),
                               title("Band black")));
  EXPECT_FALSE(FeaturesConflict(v1::PRODUCT_NAME,
                                title("iPhone 13 256GB black/silver"),
                                title("iPhone 13 256GB silver")));
  // One title says more: {256 gb, 8 gb} agrees with {256 gb}.
  EXPECT_FALSE(FeaturesConflict(v1::PRODUCT_NAME, title("Laptop 256GB SSD 8GB"),
                                title("Laptop 256GB")));
  EXPECT_TRUE(FeaturesConflict(v1::PRODUCT_NAME, title("Laptop 256GB SSD 8GB"),
                               title("Laptop 512GB SSD 8GB")));
  // A unit on one side only is no evidence...
  EXPECT_FALSE(FeaturesConflict(v1::PRODUCT_NAME, title("Batteries AA 1.5V"),
                                title("Batteries AA")));
  // ...except a pack count: a title without one is a single item.
  EXPECT_TRUE(FeaturesConflict(v1::PRODUCT_NAME, title("Batteries AA 4-pack"),
                               title("Batteries AA 1.5V")));
  EXPECT_TRUE(FeaturesConflict(v1::PRODUCT_NAME, title("Batteries AA 1.5V"),
                               title("Batteries AA pack of 4")));
  EXPECT_FALSE(FeaturesConflict(v1::PRODUCT_NAME, title("Batteries AA 1-pack"),
                                title("Batteries AA 1.5V")));
  EXPECT_FALSE(FeaturesConflict(v1::PRODUCT_NAME, title("Batteries AA 4-pack"),
                                title("AA batteries, pack of 4")));
}

TEST(FeaturesConflict, ModelCodesIgnoreSpacingCaseAndAVendorSuffix) {
  auto mpn = [](absl::string_view text) {
    return StandardizeValue(v1::MPN, text);
  };
  EXPECT_FALSE(FeaturesConflict(v1::MPN, mpn("SP565UZ"), mpn("sp 565 uz")));
  EXPECT_FALSE(FeaturesConflict(v1::MPN, mpn("SP-565-UZ"), mpn("SP565UZ")));
  EXPECT_FALSE(FeaturesConflict(v1::MPN, mpn("TR72B"), mpn("TR72BX")));
  EXPECT_TRUE(FeaturesConflict(v1::MPN, mpn("TR72B"), mpn("TR73B")));
}

EntityModel SiblingProductModel() {
  return testing::CompileOrDie(R"pb(
    name: "product"
    id_prefix: "PRD"
    prior_match_probability: 0.001
    thresholds { auto_merge: 0.99 review: 0.5 }
    attributes { name: "name" kind: PRODUCT_NAME distinguishing: true }
    attributes { name: "brand" kind: TEXT }
    blocking_rules { name: "brand" attributes: "brand" }
    comparisons {
      name: "name"
      attribute: "name"
      levels {
        label: "rare words"
        token_cosine { min: 0.5 }
        m: 0.9
        u: 0.0001
      }
      levels {
        label: "different"
        else {}
        m: 0.1
        u: 0.9999
      }
    }
    comparisons {
      name: "brand"
      attribute: "brand"
      levels {
        label: "exact"
        exact {}
        m: 0.9
        u: 0.001
      }
      levels {
        label: "different"
        else {}
        m: 0.1
        u: 0.999
      }
    }
  )pb");
}

TEST(DistinguishingConflict, DecidesSiblingsApartWhateverElseAgrees) {
  const EntityModel model = SiblingProductModel();
  const RecordFeatures black =
      F(model, {{"name", "Acme Phone X 128GB Black"}, {"brand", "Acme"}});
  const RecordFeatures white =
      F(model, {{"name", "Acme Phone X 128GB White"}, {"brand", "Acme"}});
  const RecordFeatures again =
      F(model, {{"name", "Acme Phone X black 128 GB"}, {"brand", "Acme"}});

  EXPECT_EQ(DistinguishingConflict(model, black, white), 0);
  const PairScore apart = ScorePair(model, black, white);
  EXPECT_EQ(apart.apart_attribute, 0);
  EXPECT_EQ(apart.weight, kApartWeight);
  EXPECT_GE(apart.evidence_weight, model.auto_merge_weight());
  EXPECT_EQ(MatchWeight(model, black, white), kApartWeight);
  EXPECT_EQ(MatchWeightAtLeast(model, black, white, model.review_weight()),
            kApartWeight);

  EXPECT_EQ(DistinguishingConflict(model, black, again), -1);
  const PairScore same = ScorePair(model, black, again);
  EXPECT_EQ(same.weight, same.evidence_weight);
  EXPECT_GE(MatchWeight(model, black, again), model.auto_merge_weight());
}

TEST(ScorePair, FuzzyTokenJaccardMatchesSpellingAsideAndCountsDistinctWords) {
  const EntityModel model = testing::CompileOrDie(R"pb(
    name: "organization"
    id_prefix: "ORG"
    thresholds { auto_merge: 0.99 review: 0.5 }
    attributes { name: "name" kind: TEXT }
    blocking_rules { name: "name" attributes: "name" }
    comparisons {
      name: "name"
      attribute: "name"
      levels {
        label: "all"
        fuzzy_token_jaccard { min: 1.0 }
        m: 0.5
        u: 0.001
      }
      levels {
        label: "half"
        fuzzy_token_jaccard { min: 0.5 }
        m: 0.3
        u: 0.01
      }
      levels {
        label: "different"
        else {}
        m: 0.2
        u: 0.989
      }
    }
  )pb");
  auto level = [&](const std::string& a, const std::string& b) {
    return LabelOf(
        ScorePair(model, F(model, {{"name", a}}), F(model, {{"name", b}})),
        model, "name");
  };
  EXPECT_EQ(level("northwind trading house", "northwnd tradng house"), "all");
  EXPECT_EQ(level("northwind trading", "northwind trading house"), "half");
  EXPECT_EQ(level("northwind trading trading", "trading northwind"), "all");
  EXPECT_EQ(level("northwind", "northwind trading house blue"), "different");
  EXPECT_EQ(level("northwind trading", "harbour lights"), "different");
}

TEST(MatchWeightAtLeast, ALazilyDecodedCandidateWeighsWhatADecodedOneDoes) {
  const EntityModel model = SiblingProductModel();
  const std::vector<RecordFeatures> records = {
      F(model, {{"name", "Acme Phone X 128GB Black"}, {"brand", "Acme"}}),
      F(model, {{"name", "Acme Phone X 128GB White"}, {"brand", "Acme"}}),
      F(model, {{"name", "Acme Phone X black 128 GB"}, {"brand", "Acme"}}),
      F(model, {{"name", "Acme Phone X 128GB Black, 2 pack"}}),
      F(model, {{"brand", "Acme"}}),
      F(model, {}),
  };
  LazyFeatures lazy;
  for (const RecordFeatures& a : records) {
    for (const RecordFeatures& b : records) {
      const std::string encoded = EncodeFeatures(model, b);
      ASSERT_TRUE(lazy.Reset(model, encoded));
      for (double floor : {-1000.0, 0.0, model.review_weight()}) {
        EXPECT_EQ(MatchWeightAtLeast(model, a, lazy, floor),
                  MatchWeightAtLeast(model, a, b, floor));
      }
      EXPECT_TRUE(lazy.ok());
    }
  }
}

}  // namespace
}  // namespace mdm::matching
