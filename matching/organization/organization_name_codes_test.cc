#include "matching/organization/organization_name_codes.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "matching/organization/organization_name.h"

namespace mdm::matching {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Codes(const std::string& name) {
  return OrganizationNameCodes(ParseOrganizationName(name));
}

TEST(OrganizationNameCodes, BrandIndustriesAndPlaceWithItsLevel) {
  EXPECT_THAT(Codes("腾讯科技（深圳）有限公司"),
              ElementsAre("b:tengxun", "i:technology", "p2:shenzhen"));
  EXPECT_THAT(Codes("Vantora Holdings International Trading Group Inc."),
              ElementsAre("b:vantora", "g", "i:trading"));
  EXPECT_THAT(Codes("Kingdee Software (China) Co., Ltd."),
              ElementsAre("b:kingdee", "i:software", "p0:china"));
  // A branch is placed where it is, not where its parent is.
  EXPECT_THAT(Codes("华信软件（深圳）有限公司北京分公司"),
              ElementsAre("b:huaxin", "i:software", "k", "p2:beijing"));
  EXPECT_THAT(Codes("Acme Inc. Downtown Branch"),
              ElementsAre("b:acme", "k", "pw:downtown"));
  EXPECT_THAT(Codes("Amazon.com, Inc."), ElementsAre("b:amazon"));
}

struct ConflictCase {
  std::string a;
  std::string b;
  bool conflict;
};

TEST(OrganizationNameCodesConflict, PlacesOfOneLevelAndIndustriesOfOneBrand) {
  const ConflictCase cases[] = {
      // Same legal entity, written differently.
      {"华信软件（深圳）有限公司", "Huaxin Software (Shenzhen) Co., Ltd.",
       false},
      {"深圳市华信软件有限公司", "华信软件（深圳）有限公司", false},
      {"Huaxin Software Technology Co., Ltd.", "华信软件有限公司", false},
      // The place or the industry left out: nothing to tell them apart.
      {"华信软件（深圳）有限公司", "华信软件有限公司", false},
      {"Vantora Trading Inc.", "Vantora Inc.", false},
      // Structure words are not industries.
      {"Vantora Group", "Vantora Holdings International", false},
      // Places of different levels may both be right.
      {"金蝶软件（中国）有限公司", "深圳市金蝶软件有限公司", false},
      // Other legal entities of one group.
      {"腾讯科技（深圳）有限公司", "腾讯科技（北京）有限公司", true},
      {"华信软件（深圳）有限公司北京分公司", "华信软件（深圳）有限公司", true},
      {"华信软件有限公司上海分公司", "华信软件有限公司北京分公司", true},
      {"Vantora Trading Inc.", "Vantora Logistics Inc.", true},
      {"小米科技有限责任公司", "小米通讯技术有限公司", false},
      {"小米科技有限责任公司", "小米通讯有限公司", true},
      // A branch and its head.
      {"Praevale Capital LLC", "Praevale Capital LLC - Atlanta Branch", true},
      {"Verincrest Automation GmbH",
       "Verincrest Automation GmbH Zweigniederlassung München", true},
      {"Vinantra Trading (Denver) International Co., Nashville Branch",
       "VINANTRA TRADING (DENVER) INTERNATIONAL (NASHVILLE BRANCH)", false},
      {"Valiquest Systems Ltd, Bristol Branch",
       "Valiquest Services Ltd, Bristol Branch", true},
      // Qualifiers of one brand.
      {"North Belemere Technologies (Bristol) Ltd",
       "North Belemere Technologies (London) Ltd", true},
      {"North Belemere Technologies (Bristol) Ltd",
       "North Belemere Technologies Ltd", false},
      // German industry words are industries too.
      {"Hoffmann & Huber Handel GmbH", "Hoffmann & Huber Logistik GmbH", true},
      {"Norincor Medizintechnik GmbH & Co. KG", "Norincor Medical Ltd", false},
      // A group or holding company and a member with its own industry.
      {"Ararhaven Holdings Corp.", "Ararhaven Media Co.", true},
      {"Huawei Technologies Co., Ltd.", "Huawei Technologies Group", false},
      // Industries differ, brands too: not this rule's to decide.
      {"Vantora Trading Inc.", "Norvik Logistics Inc.", false},
  };
  for (const ConflictCase& c : cases) {
    SCOPED_TRACE(c.a + " / " + c.b);
    EXPECT_EQ(OrganizationNameCodesConflict(Codes(c.a), Codes(c.b)),
              c.conflict);
    EXPECT_EQ(OrganizationNameCodesConflict(Codes(c.b), Codes(c.a)),
              c.conflict);
  }
}

}  // namespace
}  // namespace mdm::matching
