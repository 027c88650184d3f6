#include "matching/contact/region_code.h"

#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

TEST(RegionCodeFor, CodesNamesAndChineseNamesMapToAlpha2) {
  struct Case {
    const char* country;
    const char* region;
  };
  const Case cases[] = {
      {"CN", "CN"},
      {"cn", "CN"},
      {"CHN", "CN"},
      {"China", "CN"},
      {"People's Republic of China", "CN"},
      {"P.R. China", "CN"},
      {"中国", "CN"},
      {"中華人民共和國", "CN"},
      {"US", "US"},
      {"USA", "US"},
      {"U.S.A.", "US"},
      {"United States", "US"},
      {"the United States of America", "US"},
      {"美国", "US"},
      {"Deutschland", "DE"},
      {"germany", "DE"},
      {"德国", "DE"},
      {"日本", "JP"},
      {"英国", "GB"},
      {"UK", "GB"},
      {"United Kingdom", "GB"},
      {"The Netherlands", "NL"},
      {"Österreich", "AT"},
      {"ＵＳＡ", "US"},
      {"Hong Kong", "HK"},
      {"香港", "HK"},
      {"台灣", "TW"},
      {"  Korea, Republic of ", "KR"},
      // Any alpha-2 code libphonenumber knows.
      {"FJ", "FJ"},
      {"is", "IS"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RegionCodeFor(c.country), c.region) << c.country;
  }
}

TEST(RegionCodeFor, UnknownGivesEmpty) {
  for (const char* country : {"", "  ", "Atlantis", "XX", "QQQ", "中土"}) {
    EXPECT_EQ(RegionCodeFor(country), "") << country;
  }
}

}  // namespace
}  // namespace mdm::matching
