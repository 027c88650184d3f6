#include "matching/standardizer.h"

#include "gtest/gtest.h"
#include "matching/testing/test_models.h"

namespace mdm::matching {
namespace {

using ::mdm::matching::testing::TestPersonModel;

TEST(StandardizeValue, PerKind) {
  struct Case {
    v1::AttributeKind kind;
    const char* raw;
    const char* expected;
  };
  const Case cases[] = {
      {v1::PERSON_NAME, "Lee, Ann", "ann lee"},
      {v1::PERSON_NAME, "ANN  LEE", "ann lee"},
      {v1::PERSON_NAME, "王伟", "王伟"},
      {v1::EMAIL, "  Ann.Lee@Example.COM ", "ann.lee@example.com"},
      {v1::EMAIL, "mailto:a@b.org", "a@b.org"},
      {v1::EMAIL, "not an email", ""},
      {v1::EMAIL, "a@@b", ""},
      {v1::PHONE, "+1 (555) 010-9999", "15550109999"},
      {v1::PHONE, "１３８ ０００ ０００００", "13800000000"},
      {v1::PHONE, "n/a", ""},
      {v1::DATE, "07/03/1985", "1985-03-07"},
      {v1::DATE, "someday", ""},
      {v1::IDENTIFIER, " 91350100-m000100y43 ", "91350100M000100Y43"},
      {v1::MPN, "WH-1000XM4", "WH1000XM4"},
      {v1::GTIN, "0 12345 67890 5", "00012345678905"},
      {v1::GTIN, "123", ""},
      {v1::NUMBER, " 12.50 ", "12.5"},
      {v1::NUMBER, "$1,299.00", "1299"},
      {v1::NUMBER, "free", ""},
      {v1::URL, "HTTPS://www.Kingdee.com/", "kingdee.com"},
      {v1::COUNTRY, "cn", "CN"},
      {v1::ORGANIZATION_NAME, "金蝶软件（中国）有限公司",
       "金蝶软件 中国 有限公司"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(StandardizeValue(c.kind, c.raw), c.expected)
        << v1::AttributeKind_Name(c.kind) << " " << c.raw;
  }
}

TEST(Standardize, DerivesFullNameFromPartsAndIgnoresUnknownAttributes) {
  const EntityModel model = TestPersonModel();
  StandardizedRecord record = Standardize(
      model, {{"given_name", "Ann"}, {"family_name", "LEE"}, {"shoe", "9"}});
  EXPECT_EQ(record.values.size(), model.attributes().size());
  EXPECT_EQ(record.values[*model.AttributeIndex("full_name")], "ann lee");
  EXPECT_EQ(record.values[*model.AttributeIndex("email")], "");

  StandardizedRecord explicit_name =
      Standardize(model, {{"full_name", "Annie Lee"}, {"given_name", "Ann"}});
  EXPECT_EQ(explicit_name.values[*model.AttributeIndex("full_name")],
            "annie lee");
}

TEST(Standardize, EncodingRoundTripsAndRejectsOtherModels) {
  const EntityModel model = TestPersonModel();
  const StandardizedRecord record =
      Standardize(model, {{"email", "a@b.c"}, {"full_name", "王伟"}});
  StandardizedRecord decoded;
  ASSERT_TRUE(
      DecodeStandardized(model, EncodeStandardized(model, record), decoded));
  EXPECT_EQ(decoded, record);

  v1::EntityTypeConfig changed = model.config();
  changed.mutable_attributes(3)->set_kind(v1::TEXT);
  auto other = EntityModel::Compile(changed);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(
      DecodeStandardized(*other, EncodeStandardized(model, record), decoded));
  EXPECT_FALSE(DecodeStandardized(model, "\x01garbage", decoded));
}

}  // namespace
}  // namespace mdm::matching
