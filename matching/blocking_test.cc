#include "matching/blocking.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "matching/standardizer.h"
#include "matching/testing/test_models.h"

namespace mdm::matching {
namespace {

using ::mdm::matching::testing::CompileOrDie;
using ::mdm::matching::testing::TestPersonModel;

TEST(BlockingKeys, OneKeyPerCompleteRuleAndEqualValuesShareKeys) {
  const EntityModel model = TestPersonModel();
  const auto a = Standardize(model, {{"email", "a@b.co"},
                                     {"full_name", "Lee, Ann"},
                                     {"birth_date", "07/03/1985"}});
  const auto b = Standardize(model, {{"given_name", "ANN"},
                                     {"family_name", "Lee"},
                                     {"birth_date", "1985-03-07"}});
  const std::vector<BlockingKey> ka = BlockingKeys(model, a);
  const std::vector<BlockingKey> kb = BlockingKeys(model, b);
  ASSERT_EQ(ka.size(), 2u);  // email, name_dob (no family name: no soundex)
  ASSERT_EQ(kb.size(), 2u);  // name_dob, sounds
  EXPECT_EQ(ka[1].hash, kb[0].hash);
  EXPECT_EQ(ka[1].rule, 1);
}

TEST(BlockingKeys, MultiValuedPartsMultiplyAndTextIsReadable) {
  const EntityModel model = CompileOrDie(R"pb(
    name: "product"
    id_prefix: "PRD"
    attributes { name: "name" kind: PRODUCT_NAME }
    attributes { name: "brand" kind: TEXT }
    blocking_rules {
      name: "pairs"
      parts { attribute: "brand" transform: VALUE }
      parts { attribute: "name" transform: EACH_TOKEN_PAIR }
    }
    blocking_rules {
      name: "forms"
      parts { attribute: "name" transform: EACH_KEY }
    }
  )pb");
  const auto record = Standardize(
      model, {{"name", "Adobe Photoshop CS3 Upgrade"}, {"brand", "Adobe"}});
  const std::vector<BlockingKey> keys =
      BlockingKeys(model, record, /*with_text=*/true);
  std::vector<std::string> texts;
  for (const BlockingKey& key : keys) texts.push_back(key.text);
  EXPECT_THAT(texts, ::testing::Contains("adobe|adobe photoshop"));
  EXPECT_THAT(texts, ::testing::Contains("adobe|photoshop upgrade"));
  EXPECT_THAT(texts, ::testing::Contains("CS3"));
}

TEST(BlockingKeys, StableAcrossCallsAndDistinctAcrossTypes) {
  const EntityModel person = TestPersonModel();
  v1::EntityTypeConfig other = person.config();
  other.set_name("customer");
  other.set_id_prefix("CUS");
  auto customer = EntityModel::Compile(other);
  ASSERT_TRUE(customer.ok());
  const auto record = Standardize(person, {{"email", "a@b.co"}});
  EXPECT_EQ(BlockingKeys(person, record), BlockingKeys(person, record));
  EXPECT_NE(BlockingKeys(person, record)[0].hash,
            BlockingKeys(*customer, record)[0].hash);
}

}  // namespace
}  // namespace mdm::matching
