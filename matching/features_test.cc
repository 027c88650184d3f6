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
  EXPECT_FALSE(DecodeFeatures(model, "\x03garbage", decoded));
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
  EXPECT_FALSE(DecodeFeatures(model, "\x03garbage", reused));
  EXPECT_TRUE(reused.attributes.empty());
}

TEST(LazyFeatures, DecodesEachAttributeAsTheWholeDecodingDoes) {
  const EntityModel model = TestPersonModel();
  const RecordFeatures full =
      Standardize(model, {{"email", "a@b.co"},
                          {"full_name", "Ann Mary Lee"},
                          {"birth_date", "1985-03-07"},
                          {"national_id", "11010519491231002X"}});
  const RecordFeatures sparse = Standardize(model, {{"full_name", "Bo"}});
  const std::string full_bytes = EncodeFeatures(model, full);
  const std::string sparse_bytes = EncodeFeatures(model, sparse);
  LazyFeatures lazy;
  for (const RecordFeatures* record : {&full, &sparse, &full}) {
    const std::string& bytes = record == &full ? full_bytes : sparse_bytes;
    ASSERT_TRUE(lazy.Reset(model, bytes));
    for (size_t a = 0; a < record->attributes.size(); ++a) {
      const Feature& want = record->attributes[a];
      const int attribute = static_cast<int>(a);
      EXPECT_EQ(lazy.Missing(attribute), want.missing()) << a;
      const Feature& coded = lazy.Coded(attribute);
      EXPECT_EQ(coded.value, want.value) << a;
      EXPECT_EQ(coded.codes, want.codes) << a;
      EXPECT_EQ(coded.validated, want.validated) << a;
      EXPECT_EQ(coded.has_number, want.has_number) << a;
      EXPECT_EQ(coded.number, want.number) << a;
      EXPECT_EQ(lazy.Missing(attribute), want.missing()) << a;
      EXPECT_EQ(lazy.Whole(attribute), want) << a;
    }
    EXPECT_TRUE(lazy.ok());
  }
}

TEST(LazyFeatures, RefusesOtherModelsTruncationAndGarbage) {
  const EntityModel model = TestPersonModel();
  const std::string bytes = EncodeFeatures(
      model, Standardize(model, {{"email", "a@b.co"}, {"full_name", "Ann"}}));
  v1::EntityTypeConfig changed = model.config();
  changed.mutable_attributes(3)->set_kind(v1::TEXT);
  auto other = EntityModel::Compile(changed);
  ASSERT_TRUE(other.ok());
  LazyFeatures lazy;
  EXPECT_FALSE(lazy.Reset(*other, bytes));
  EXPECT_FALSE(lazy.Reset(model, bytes.substr(0, bytes.size() - 1)));
  EXPECT_FALSE(lazy.Reset(model, "\x03garbage"));
  EXPECT_FALSE(lazy.Reset(model, ""));
  EXPECT_TRUE(lazy.Reset(model, bytes));
}

TEST(LazyFeatures, AMalformedAttributeBodyIsReportedWhenRead) {
  const EntityModel model = TestPersonModel();
  RecordFeatures record = Standardize(model, {{"full_name", "Ann Lee"}});
  std::string bytes = EncodeFeatures(model, record);
  // The last attribute present is full_name, first in the model: corrupt the
  // count of its last list (abbreviations, the body's last byte) so that it
  // claims more strings than the body holds.
  const size_t header = 1 + 8 + 1;
  const size_t body_size = static_cast<uint8_t>(bytes[header]);
  ASSERT_GT(body_size, 0u);
  bytes[header + body_size] = 5;
  LazyFeatures lazy;
  ASSERT_TRUE(lazy.Reset(model, bytes));  // the sizes still add up
  lazy.Coded(0);
  EXPECT_TRUE(lazy.ok());
  lazy.Whole(0);
  EXPECT_FALSE(lazy.ok());
  RecordFeatures decoded;
  EXPECT_FALSE(DecodeFeatures(model, bytes, decoded));
}

}  // namespace
}  // namespace mdm::matching
