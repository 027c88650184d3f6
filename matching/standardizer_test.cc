#include "matching/standardizer.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "matching/testing/test_models.h"

namespace mdm::matching {
namespace {

using ::mdm::matching::testing::TestPersonModel;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(StandardizeValue, PrimaryFormPerKind) {
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
      {v1::PHONE, "+1 (415) 555-0101", "+14155550101"},
      {v1::DATE, "07/03/1985", "1985-03-07"},
      {v1::DATE, "someday", ""},
      {v1::IDENTIFIER, " 91350100-m000100y43 ", "91350100M000100Y43"},
      {v1::MPN, "WH-1000XM4", "WH1000XM4"},
      {v1::GTIN, "4006381333931", "04006381333931"},
      {v1::NUMBER, " 12.50 ", "12.5"},
      {v1::NUMBER, "$1,299.00", "1299"},
      {v1::NUMBER, "free", ""},
      {v1::URL, "HTTPS://www.Kingdee.com/", "kingdee.com"},
      {v1::COUNTRY, "China", "CN"},
      {v1::COUNTRY, "usa", "US"},
      {v1::ADDRESS, "12 Pinkerton Cct", "12 pinkerton circuit"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(StandardizeValue(c.kind, c.raw).value, c.expected)
        << v1::AttributeKind_Name(c.kind) << " " << c.raw;
  }
}

TEST(StandardizeValue, IdentifiersAreValidatedOrDistrusted) {
  const Feature valid = StandardizeValue(v1::NATIONAL_ID, "11010519491231002X");
  EXPECT_TRUE(valid.validated);
  EXPECT_FALSE(valid.invalid);
  EXPECT_THAT(valid.codes, ElementsAre("11010519491231002X"));

  const Feature typo = StandardizeValue(v1::NATIONAL_ID, "110105194912310021");
  EXPECT_FALSE(typo.validated);
  EXPECT_TRUE(typo.invalid);
  EXPECT_THAT(typo.codes, IsEmpty());

  const Feature unknown = StandardizeValue(v1::NATIONAL_ID, "5304218");
  EXPECT_FALSE(unknown.validated);
  EXPECT_FALSE(unknown.invalid);

  const Feature uscc = StandardizeValue(v1::REGISTRATION_ID,
                                        "９１３５０１００Ｍ０００１００Ｙ４３");
  EXPECT_TRUE(uscc.validated);
  EXPECT_EQ(uscc.value, "91350100M000100Y43");

  EXPECT_TRUE(StandardizeValue(v1::GTIN, "4006381333932").invalid);
}

TEST(StandardizeValue, KeysBridgeScriptsAndSpellings) {
  const Feature gmail =
      StandardizeValue(v1::EMAIL, "John.Smith+news@GoogleMail.com");
  EXPECT_THAT(gmail.keys, Contains("johnsmith@gmail.com"));

  const Feature bob = StandardizeValue(v1::GIVEN_NAME, "Bob");
  EXPECT_THAT(bob.keys, Contains("robert"));

  const Feature city = StandardizeValue(v1::TEXT, "深圳");
  EXPECT_THAT(city.keys, Contains("shenzhen"));

  const Feature han = StandardizeValue(v1::PERSON_NAME, "王伟");
  const Feature latin = StandardizeValue(v1::PERSON_NAME, "Wei Wang");
  EXPECT_THAT(han.keys, Contains(latin.value));

  const Feature phone = StandardizeValue(v1::PHONE, "138 0013 8000", "CN");
  EXPECT_EQ(phone.value, "+8613800138000");
  EXPECT_FALSE(phone.invalid);
}

TEST(StandardizeValue, UnplaceablePhonesShareAKeyWithTheirNationalNumber) {
  const Feature placed = StandardizeValue(v1::PHONE, "+86 755 8631 6688", "");
  const Feature unplaced = StandardizeValue(v1::PHONE, "0755-86316688", "");
  EXPECT_NE(placed.value, unplaced.value);
  EXPECT_THAT(unplaced.keys, Contains("75586316688"));
  EXPECT_THAT(placed.keys, Contains("75586316688"));
}

TEST(StandardizeValue, OrganizationNamesKeepTheCoreAndAbbreviate) {
  const Feature a = StandardizeValue(v1::ORGANIZATION_NAME, "华为技术有限公司");
  const Feature b =
      StandardizeValue(v1::ORGANIZATION_NAME, "Huawei Technologies Co., Ltd.");
  EXPECT_EQ(a.value, b.value);
  const Feature ibm = StandardizeValue(v1::ORGANIZATION_NAME,
                                       "International Business Machines Corp.");
  EXPECT_THAT(ibm.abbreviations, Contains("ibm"));
}

TEST(StandardizeValue, ProductTitlesCarryModelsAndQuantitiesAsCodes) {
  const Feature f = StandardizeValue(
      v1::PRODUCT_NAME, "Sony WH-1000XM4 Wireless Headphones 256GB");
  EXPECT_THAT(f.keys, Contains("WH1000XM4"));
  EXPECT_THAT(f.codes, Contains("m:WH1000XM4"));
  EXPECT_THAT(f.codes, Contains("q:gb:256"));
}

TEST(StandardizeValue, EveryKindKeepsAtMost48Tokens) {
  // 100 distinct words of letters only (person names drop numbers).
  std::string words;
  for (char a = 'b'; a < 'b' + 10; ++a) {
    for (char b = 'b'; b < 'b' + 10; ++b) {
      absl::StrAppend(&words, words.empty() ? "" : " ", "k", std::string{a, b});
    }
  }
  for (v1::AttributeKind kind :
       {v1::TEXT, v1::PERSON_NAME, v1::GIVEN_NAME, v1::FAMILY_NAME,
        v1::ORGANIZATION_NAME, v1::ADDRESS, v1::PRODUCT_NAME}) {
    const Feature f = StandardizeValue(kind, words);
    EXPECT_EQ(f.tokens.size(), 48u) << v1::AttributeKind_Name(kind);
    EXPECT_LE(f.weak_tokens.size(), 48u) << v1::AttributeKind_Name(kind);
  }
  // A long title keeps room for its model number.
  const Feature product =
      StandardizeValue(v1::PRODUCT_NAME, absl::StrCat(words, " WH-1000XM4"));
  EXPECT_EQ(product.tokens.size(), 48u);
  EXPECT_THAT(product.tokens, Contains("wh1000xm4"));
}

TEST(Standardize, DerivesFullNameAndIgnoresUnknownAttributes) {
  const EntityModel model = TestPersonModel();
  const RecordFeatures record = Standardize(
      model, {{"given_name", "Ann"}, {"family_name", "LEE"}, {"shoe", "9"}});
  ASSERT_EQ(record.attributes.size(), model.attributes().size());
  EXPECT_EQ(record.attributes[*model.AttributeIndex("full_name")].value,
            "ann lee");
  EXPECT_TRUE(record.attributes[*model.AttributeIndex("email")].missing());

  const RecordFeatures own =
      Standardize(model, {{"full_name", "Annie Lee"}, {"given_name", "Ann"}});
  EXPECT_EQ(own.attributes[*model.AttributeIndex("full_name")].value,
            "annie lee");
}

}  // namespace
}  // namespace mdm::matching
