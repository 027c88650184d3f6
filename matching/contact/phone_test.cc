#include "matching/contact/phone.h"

#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

struct Case {
  const char* raw;
  const char* hint;
  const char* e164;
  const char* digits;
  bool valid;
  const char* region;
};

void ExpectParses(const Case& c) {
  const PhoneNumber phone = ParsePhone(c.raw, c.hint);
  EXPECT_EQ(phone.e164, c.e164) << c.raw << " [" << c.hint << "]";
  EXPECT_EQ(phone.digits, c.digits) << c.raw << " [" << c.hint << "]";
  EXPECT_EQ(phone.valid, c.valid) << c.raw << " [" << c.hint << "]";
  EXPECT_EQ(phone.region, c.region) << c.raw << " [" << c.hint << "]";
}

TEST(ParsePhone, ChineseMobileInEveryLayoutGivesOneE164) {
  const Case cases[] = {
      {"+86 138 0013 8000", "中国", "+8613800138000", "13800138000", true,
       "CN"},
      {"0086-138-0013-8000", "中国", "+8613800138000", "13800138000", true,
       "CN"},
      {"13800138000", "中国", "+8613800138000", "13800138000", true, "CN"},
      {"86 138 0013 8000", "CN", "+8613800138000", "13800138000", true, "CN"},
      {"(+86)138-0013-8000", "", "+8613800138000", "13800138000", true, "CN"},
      {"+86 138 0013 8000", "", "+8613800138000", "13800138000", true, "CN"},
      {"0086 13800138000", "", "+8613800138000", "13800138000", true, "CN"},
      // Hinted as US, but "00" is not the US international prefix.
      {"0086 13800138000", "US", "+8613800138000", "13800138000", true, "CN"},
      {"１３８００１３８０００", "China", "+8613800138000", "13800138000", true,
       "CN"},
      {"＋８６　１３８－００１３－８０００", "", "+8613800138000",
       "13800138000", true, "CN"},
      {"手机: 138 0013 8000", "CHN", "+8613800138000", "13800138000", true,
       "CN"},
  };
  for (const Case& c : cases) ExpectParses(c);
}

TEST(ParsePhone, ChineseLandlineWithTrunkPrefixAndExtension) {
  const Case cases[] = {
      {"010-6552 9988", "CN", "+861065529988", "1065529988", true, "CN"},
      {"(010) 6552-9988转123", "CN", "+861065529988", "1065529988", true, "CN"},
      {"+86 10 6552 9988 分机 8", "", "+861065529988", "1065529988", true,
       "CN"},
  };
  for (const Case& c : cases) ExpectParses(c);
}

TEST(ParsePhone, UsNumbersWithOrWithoutCountryPrefixAndExtensions) {
  const Case cases[] = {
      {"(650) 253-0000", "US", "+16502530000", "6502530000", true, "US"},
      {"1 650 253 0000", "USA", "+16502530000", "6502530000", true, "US"},
      {"1-650-253-0000", "United States", "+16502530000", "6502530000", true,
       "US"},
      {"+1 (650) 253-0000", "", "+16502530000", "6502530000", true, "US"},
      {"650.253.0000 ext. 12", "US", "+16502530000", "6502530000", true, "US"},
      {"650-253-0000 #12", "美国", "+16502530000", "6502530000", true, "US"},
      // 555 is not an area code: read, but not valid.
      {"(555) 010-9999 x12", "US", "+15550109999", "5550109999", false, "US"},
      {"1-800-FLOWERS", "US", "+18003569377", "8003569377", true, "US"},
  };
  for (const Case& c : cases) ExpectParses(c);
}

TEST(ParsePhone, OtherRegionsByNameOrCode) {
  const Case cases[] = {
      {"030 1234567", "Deutschland", "+49301234567", "301234567", true, "DE"},
      {"020 7946 0958", "UK", "+442079460958", "2079460958", true, "GB"},
      {"+44 20 7946 0958", "DE", "+442079460958", "2079460958", true, "GB"},
      {"03-1234-5678", "日本", "+81312345678", "312345678", true, "JP"},
  };
  for (const Case& c : cases) ExpectParses(c);
}

TEST(ParsePhone, UnplaceableNumbersKeepDigitsOnly) {
  const Case cases[] = {
      {"13800138000", "", "", "13800138000", false, ""},
      {"138-0013-8000 x5", "Atlantis", "", "13800138000", false, ""},
      {"no phone", "US", "", "", false, "US"},
      {"", "CN", "", "", false, "CN"},
  };
  for (const Case& c : cases) ExpectParses(c);
}

TEST(ParsePhone, InvalidNumbersAreMarkedInvalid) {
  const Case cases[] = {
      {"123", "US", "+1123", "123", false, "US"},
      {"13800138000", "US", "+13800138000", "3800138000", false, "US"},
      {"+86 123", "", "+86123", "123", false, "CN"},
  };
  for (const Case& c : cases) ExpectParses(c);
}

}  // namespace
}  // namespace mdm::matching
