#include "matching/blocking.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "matching/testing/test_models.h"

namespace mdm::matching {
namespace {

using ::mdm::matching::testing::TestPersonModel;

TEST(BlockingKeys, OneKeyPerCompleteRule) {
  const EntityModel model = TestPersonModel();
  const StandardizedRecord both =
      Standardize(model, {{"email", "a@b.c"},
                          {"full_name", "Ann Lee"},
                          {"birth_date", "1985-03-07"}});
  const std::vector<BlockingKey> keys = BlockingKeys(model, both);
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].rule, 0);
  EXPECT_EQ(keys[1].rule, 1);

  const StandardizedRecord no_dob =
      Standardize(model, {{"email", "a@b.c"}, {"full_name", "Ann Lee"}});
  EXPECT_THAT(BlockingKeys(model, no_dob), ::testing::ElementsAre(keys[0]));
}

TEST(BlockingKeys, EqualStandardizedValuesShareAKeyAcrossSpellings) {
  const EntityModel model = TestPersonModel();
  const auto a = Standardize(
      model, {{"full_name", "Lee, Ann"}, {"birth_date", "07/03/1985"}});
  const auto b = Standardize(model, {{"given_name", "ANN"},
                                     {"family_name", "Lee"},
                                     {"birth_date", "1985-03-07"}});
  const auto c = Standardize(
      model, {{"full_name", "Ann Lee"}, {"birth_date", "1985-03-08"}});
  EXPECT_EQ(BlockingKeys(model, a), BlockingKeys(model, b));
  EXPECT_NE(BlockingKeys(model, a), BlockingKeys(model, c));
}

}  // namespace
}  // namespace mdm::matching
