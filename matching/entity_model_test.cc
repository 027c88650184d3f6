#include "matching/entity_model.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "matching/testing/test_models.h"
#include "src/base/testing/status_matchers.h"

namespace mdm::matching {
namespace {

using ::mdm::matching::testing::ParseEntityType;
using ::mdm::matching::testing::TestPersonModel;
using ::mdm::testing::StatusIs;
using ::testing::HasSubstr;

TEST(EntityModel, CompilesWeightsThresholdsAndReferences) {
  EntityModel model = TestPersonModel();
  EXPECT_EQ(model.name(), "person");
  EXPECT_EQ(model.AttributeIndex("email"), 3);
  EXPECT_EQ(model.AttributeIndex("nope"), std::nullopt);
  EXPECT_EQ(model.attributes()[0].derive_from, (std::vector<int>{1, 2}));
  EXPECT_TRUE(model.attributes()[5].strong);
  ASSERT_EQ(model.comparisons().size(), 6u);
  EXPECT_NEAR(model.comparisons()[0].levels[0].weight, std::log2(0.8 / 1e-7),
              1e-9);
  EXPECT_EQ(model.comparisons()[1].levels[1].other_attribute, 2);
  EXPECT_EQ(model.comparisons()[3].unless_compared, (std::vector<int>{1, 2}));
  EXPECT_NEAR(model.auto_merge_weight(), std::log2(0.99 / 0.01), 1e-9);
  EXPECT_NEAR(WeightToProbability(model.auto_merge_weight()), 0.99, 1e-12);
  EXPECT_EQ(model.max_block_size(), 1000);
  EXPECT_EQ(model.version(), 0);
  EXPECT_TRUE(model.value_stats(1).empty());
}

TEST(EntityModel, PairsAreStoredFromTheLowestThresholdThatUsesThem) {
  auto stored_from = [](const char* thresholds) -> double {
    auto type = ParseEntityType(absl::StrCat(
        R"pb(name: "p"
             id_prefix: "PRD"
             attributes { name: "a" kind: TEXT } thresholds)pb",
        thresholds));
    auto model = EntityModel::Compile(type, nullptr);
    EXPECT_TRUE(model.ok()) << model.status();
    return model.ok() ? WeightToProbability(model->stored_weight()) : -1;
  };
  EXPECT_NEAR(stored_from("{ auto_merge: 0.99 review: 0.5 }"), 0.5, 1e-12);
  // A link threshold below the review threshold: such pairs are stored (and
  // may link one-to-one) but never queued for review.
  EXPECT_NEAR(stored_from("{ auto_merge: 0.99 review: 0.5 one_to_one: 0.01 }"),
              0.01, 1e-12);
  EXPECT_NEAR(stored_from("{ auto_merge: 0.99 review: 0.9 best_match: 0.8 }"),
              0.8, 1e-12);
}

TEST(EntityModel, TrainedParametersOverrideByNameAndLabel) {
  v1::TrainedModel trained;
  trained.set_version(4);
  trained.set_prior_match_probability(0.001);
  v1::TrainedComparison* email = trained.add_comparisons();
  email->set_name("email");
  v1::TrainedLevel* exact = email->add_levels();
  exact->set_label("exact");
  exact->set_m(0.5);
  exact->set_u(0.001);
  v1::TrainedLevel* stale = email->add_levels();
  stale->set_label("no such level");
  stale->set_m(0.5);
  stale->set_u(0.5);
  auto model = EntityModel::Compile(TestPersonModel().config(), &trained);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(model->version(), 4);
  EXPECT_NEAR(model->comparisons()[0].levels[0].weight, std::log2(500.0), 1e-9);
  EXPECT_NEAR(model->comparisons()[0].levels[1].weight, std::log2(0.05 / 1e-7),
              1e-9);
  EXPECT_NEAR(model->prior_weight(), std::log2(0.001 / 0.999), 1e-9);
}

TEST(EntityModel, RejectsMeaninglessConfigurationNamingTheField) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {R"pb(name: "Person"
            id_prefix: "PER"
            attributes { name: "a" kind: TEXT })pb",
       "entity type name 'Person'"},
      {R"pb(name: "p"
            id_prefix: "per"
            attributes { name: "a" kind: TEXT })pb",
       "id_prefix 'per'"},
      {R"pb(name: "p" id_prefix: "PER")pb", "declares no attributes"},
      {R"pb(name: "p"
            id_prefix: "PER"
            attributes { name: "a" })pb",
       "attribute 'a' has no kind"},
      {R"pb(name: "p"
            id_prefix: "PER"
            attributes { name: "a" kind: TEXT }
            attributes { name: "a" kind: TEXT })pb",
       "attribute 'a' is declared twice"},
      {R"pb(name: "p"
            id_prefix: "PER"
            attributes { name: "a" kind: TEXT derive_from: "b" })pb",
       "attribute 'a': derive_from names unknown attribute 'b'"},
      {R"pb(name: "p"
            id_prefix: "PER"
            attributes { name: "a" kind: TEXT }
            blocking_rules { name: "r" attributes: "b" })pb",
       "blocking rule 'r': unknown attribute 'b'"},
      {R"pb(name: "p"
            id_prefix: "PER"
            attributes { name: "a" kind: TEXT }
            blocking_rules {
              name: "r"
              parts { attribute: "a" transform: PREFIX }
            })pb",
       "PREFIX and SUFFIX need a positive length"},
      {R"pb(name: "p"
            id_prefix: "PER"
            attributes { name: "a" kind: TEXT }
            comparisons {
              name: "c"
              attribute: "a"
              levels {
                label: "x"
                exact {}
                m: 0
                u: 0.1
              }
            })pb",
       "comparison 'c': level 1 'x': m and u must be in (0, 1]"},
      {R"pb(name: "p"
            id_prefix: "PER"
            attributes { name: "a" kind: TEXT }
            comparisons {
              name: "c"
              attribute: "a"
              levels {
                label: "j"
                jaro_winkler { min: 1.5 }
                m: 0.5
                u: 0.1
              }
            })pb",
       "min must be in [0, 1]"},
      {R"pb(name: "p"
            id_prefix: "PER"
            attributes { name: "a" kind: TEXT }
            comparisons {
              name: "c"
              attribute: "a"
              levels {
                label: "j"
                jaro_winkler { min: 0.9 }
                m: 0.5
                u: 0.1
                tf_adjust: true
              }
            })pb",
       "tf_adjust applies to exact levels only"},
      {R"pb(name: "p"
            id_prefix: "PER"
            attributes { name: "a" kind: TEXT }
            comparisons {
              name: "c"
              attribute: "a"
              levels {
                label: "e"
                else {}
                m: 0.5
                u: 0.5
              }
              levels {
                label: "x"
                exact {}
                m: 0.5
                u: 0.1
              }
            })pb",
       "an 'else' level must be the last"},
      {R"pb(name: "p"
            id_prefix: "PER"
            attributes { name: "a" kind: TEXT }
            comparisons {
              name: "c"
              attribute: "a"
              unless_compared: "d"
              levels {
                label: "e"
                else {}
                m: 0.5
                u: 0.5
              }
            })pb",
       "unless_compared names unknown comparison 'd'"},
      {R"pb(name: "p"
            id_prefix: "PER"
            attributes { name: "a" kind: TEXT }
            comparisons {
              name: "c"
              attribute: "a"
              levels {
                label: "s"
                swapped { attribute: "z" }
                m: 0.5
                u: 0.5
              }
            })pb",
       "swapped names unknown attribute 'z'"},
      {R"pb(name: "p"
            id_prefix: "PER"
            attributes { name: "a" kind: TEXT }
            thresholds { auto_merge: 0.5 review: 0.9 })pb",
       "thresholds"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(
        EntityModel::Compile(ParseEntityType(c.text)),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.message)))
        << c.text;
  }
}

TEST(EntityModel, FeaturesFingerprintFollowsAttributesNotWeights) {
  const EntityModel a = TestPersonModel();
  v1::EntityTypeConfig config = a.config();
  config.mutable_thresholds()->set_auto_merge(0.999);
  auto same_attributes = EntityModel::Compile(config);
  ASSERT_TRUE(same_attributes.ok());
  EXPECT_EQ(a.features_fingerprint(), same_attributes->features_fingerprint());
  config.mutable_attributes(3)->set_kind(v1::TEXT);
  auto other_kind = EntityModel::Compile(config);
  ASSERT_TRUE(other_kind.ok());
  EXPECT_NE(a.features_fingerprint(), other_kind->features_fingerprint());
}

}  // namespace
}  // namespace mdm::matching
