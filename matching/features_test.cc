#include "matching/features.h"

#include "gtest/gtest.h"
#include "matching/standardizer.h"
#include "matching/testing/test_models.h"

namespace mdm::matching {
namespace {

using ::mdm::matching::testing::TestPersonModel;

TEST(Features, EncodingRoundTripsAndRejectsOtherModelsAndGarbage) {
  const EntityModel model = TestPersonModel();
  const RecordFeatures record =
      Standardize(model, {{"email", "a@b.co"},
                          {"full_name", "王伟"},
                          {"birth_date", "1985-03-07"},
                          {"national_id", "11010519491231002X"}});
  RecordFeatures decoded;
  ASSERT_TRUE(DecodeFeatures(model, EncodeFeatures(model, record), decoded));
  EXPECT_EQ(decoded, record);

  v1::EntityTypeConfig changed = model.config();
  changed.mutable_attributes(3)->set_kind(v1::TEXT);
  auto other = EntityModel::Compile(changed);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(DecodeFeatures(*other, EncodeFeatures(model, record), decoded));
  EXPECT_FALSE(DecodeFeatures(model, "\x02garbage", decoded));
  const std::string bytes = EncodeFeatures(model, record);
  EXPECT_FALSE(
      DecodeFeatures(model, bytes.substr(0, bytes.size() - 1), decoded));
}

TEST(Features, DecodingIntoAReusedObjectLeavesNothingOfThePreviousRecord) {
  const EntityModel model = TestPersonModel();
  const RecordFeatures full =
      Standardize(model, {{"email", "a@b.co"},
                          {"full_name", "Ann Mary Lee"},
                          {"birth_date", "1985-03-07"},
                          {"phone", "+1 415 555 0100"}});
  const RecordFeatures sparse =
      Standardize(model, {{"full_name", "Bo"}, {"email", "x@y.org"}});
  RecordFeatures reused;
  ASSERT_TRUE(DecodeFeatures(model, EncodeFeatures(model, full), reused));
  ASSERT_TRUE(DecodeFeatures(model, EncodeFeatures(model, sparse), reused));
  EXPECT_EQ(reused, sparse);
  ASSERT_TRUE(DecodeFeatures(model, EncodeFeatures(model, full), reused));
  EXPECT_EQ(reused, full);
  EXPECT_FALSE(DecodeFeatures(model, "\x02garbage", reused));
  EXPECT_TRUE(reused.attributes.empty());
}

}  // namespace
}  // namespace mdm::matching
