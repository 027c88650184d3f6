#include "matching/organization/organization_name.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

struct ParseCase {
  std::string name;
  std::vector<std::string> core_tokens;
  std::string legal_form;
  std::string region;
};

TEST(ParseOrganizationName, SeparatesCoreLegalFormAndRegion) {
  const ParseCase cases[] = {
      // Chinese, legal form glued, region in full-width brackets.
      {"金蝶软件（中国）有限公司", {"jindie", "software"}, "LTD", "china"},
      {"金蝶软件(中国)有限公司", {"jindie", "software"}, "LTD", "china"},
      {"Kingdee Software (China) Co., Ltd.",
       {"kingdee", "software"},
       "LTD",
       "china"},
      // Administrative prefix with 市.
      {"深圳市腾讯计算机系统有限公司",
       {"tengxun", "computer", "system"},
       "LTD",
       "shenzhen"},
      {"华为技术有限公司", {"huawei", "technology"}, "LTD", ""},
      {"Huawei Technologies Co., Ltd.", {"huawei", "technology"}, "LTD", ""},
      {"阿里巴巴集团控股有限公司", {"alibaba", "group", "holding"}, "LTD", ""},
      {"Alibaba Group Holding Limited",
       {"alibaba", "group", "holding"},
       "LTD",
       ""},
      {"百度在线网络技术（北京）公司",
       {"baidu", "online", "network", "technology"},
       "CO",
       "beijing"},
      {"华为技术股份有限公司", {"huawei", "technology"}, "JSC", ""},
      {"广西壮族自治区柳工机械股份有限公司",
       {"liugong", "machinery"},
       "JSC",
       "guangxi"},
      // Latin legal forms with or without punctuation.
      {"International Business Machines Corporation",
       {"international", "business", "machines"},
       "CORP",
       ""},
      {"ACME CO LTD", {"acme"}, "LTD", ""},
      {"Acme Co.,Ltd.", {"acme"}, "LTD", ""},
      {"Acme Limited", {"acme"}, "LTD", ""},
      {"Acme, Inc.", {"acme"}, "INC", ""},
      {"The Coca-Cola Company", {"coca", "cola"}, "CO", ""},
      {"Nestlé S.A.", {"nestle"}, "SA", ""},
      {"Siemens Aktiengesellschaft", {"siemens"}, "AG", ""},
      {"Volkswagen AG", {"volkswagen"}, "AG", ""},
      {"Robert Bosch GmbH", {"robert", "bosch"}, "GMBH", ""},
      {"Dr. Ing. h.c. F. Porsche AG",
       {"dr", "ing", "h", "c", "f", "porsche"},
       "AG",
       ""},
      // Two stacked forms: the last one is the legal form.
      {"Hewlett-Packard Development Company, L.P.",
       {"hewlett", "packard", "development"},
       "LP",
       ""},
      {"Procter & Gamble", {"procter", "gamble"}, "", ""},
      {"P&G", {"p", "g"}, "", ""},
      {"IBM", {"ibm"}, "", ""},
      // Japanese and Korean, legal form glued at either end.
      {"トヨタ自動車株式会社", {"toyota", "motor"}, "KK", ""},
      {"株式会社ソニー", {"soni"}, "KK", ""},
      {"ソニーグループ株式会社", {"soni", "group"}, "KK", ""},
      {"㈱日立製作所", {"rili", "works"}, "KK", ""},
      {"삼성전자주식회사", {"samseong", "electronics"}, "JSC", ""},
      {"삼성전자 주식회사", {"samseong", "electronics"}, "JSC", ""},
      {"㈜엘지화학", {"elji", "chemical"}, "JSC", ""},
      // Other scripts are transliterated; leading legal forms.
      {"ООО Яндекс", {"andeks"}, "LLC", ""},
      {"PT Telekomunikasi Indonesia Tbk",
       {"telekomunikasi", "indonesia", "tbk"},
       "PT",
       ""},
      // Pinyin city at the start of a Latin name.
      {"Shenzhen Tencent Computer Systems Company Limited",
       {"tencent", "computer", "system"},
       "LTD",
       "shenzhen"},
      {"Lenovo (Beijing) Co., Ltd.", {"lenovo"}, "LTD", "beijing"},
      // Finest region wins.
      {"上海金蝶软件（中国）有限公司",
       {"jindie", "software"},
       "LTD",
       "shanghai"},
  };
  for (const ParseCase& c : cases) {
    SCOPED_TRACE(c.name);
    const OrganizationName parsed = ParseOrganizationName(c.name);
    EXPECT_THAT(parsed.core_tokens, ElementsAreArray(c.core_tokens));
    EXPECT_EQ(parsed.legal_form, c.legal_form);
    EXPECT_EQ(parsed.region, c.region);
  }
}

TEST(ParseOrganizationName, SameOrganizationInHanAndLatinSharesCoreKey) {
  const struct {
    std::string a;
    std::string b;
    std::string core_key;
  } cases[] = {
      {"华为技术有限公司", "Huawei Technologies Co., Ltd.", "huaweitechnology"},
      {"華為技術有限公司", "华为技术有限公司", "huaweitechnology"},
      {"阿里巴巴集团控股有限公司", "Alibaba Group Holding Limited",
       "alibabagroupholding"},
      {"中国移动通信集团有限公司",
       "China Mobile Communications Group Co., Ltd.",
       "chinamobilecommunicationgroup"},
      {"上海浦东发展银行股份有限公司",
       "Shanghai Pudong Development Bank Co., Ltd.", "pudongdevelopmentbank"},
      {"ＡＣＭＥ　ＴＥＣＨＮＯＬＯＧＩＥＳ", "Acme Tech Inc", "acmetechnology"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.a + " / " + c.b);
    EXPECT_EQ(ParseOrganizationName(c.a).core_key, c.core_key);
    EXPECT_EQ(ParseOrganizationName(c.b).core_key, c.core_key);
  }
}

TEST(ParseOrganizationName, AcronymFromInitialsOrShortCapitalizedName) {
  const struct {
    std::string name;
    std::string acronym;
  } cases[] = {
      {"International Business Machines Corporation", "ibm"},
      {"IBM", "ibm"},
      {"IBM Corp.", "ibm"},
      {"General Electric Company", "ge"},
      {"Procter & Gamble", "pg"},
      {"P&G", "pg"},
      {"AT&T Inc.", "att"},
      {"Bayerische Motoren Werke AG", "bmw"},
      {"BMW AG", "bmw"},
      {"3M Company", "3m"},
      {"The Coca-Cola Company", "cc"},
      // One ordinary word has no acronym; neither has CJK text.
      {"Siemens AG", ""},
      {"SIEMENS AG", ""},
      {"华为技术有限公司", ""},
      {"", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(ParseOrganizationName(c.name).acronym, c.acronym);
  }
}

TEST(ParseOrganizationName, AcronymIsEmptyWhenAWordHasNoLatinForm) {
  // ToLatin leaves Javanese and U+0377 as written; their first bytes are
  // not initials (and would make the acronym invalid UTF-8).
  for (const std::string name : {"\xea\xa6\x97\xea\xa6\xae Acme",
                                 "Acme \xcd\xb7 Trading", "J\t\xcd\xb6"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(ParseOrganizationName(name).acronym, "");
  }
}

TEST(ParseOrganizationName, GenericTokensAreTheBusinessTerms) {
  const OrganizationName parsed =
      ParseOrganizationName("百度在线网络技术（北京）公司");
  EXPECT_THAT(parsed.generic_tokens,
              ElementsAre("online", "network", "technology"));
  EXPECT_THAT(ParseOrganizationName("Kingdee Software (China) Co., Ltd.")
                  .generic_tokens,
              ElementsAre("software"));
  EXPECT_THAT(
      ParseOrganizationName("Mitsubishi Heavy Industries, Ltd.").generic_tokens,
      ElementsAre("heavy", "industrial"));
  EXPECT_THAT(ParseOrganizationName("三菱重工業株式会社").core_tokens,
              ElementsAre("sanling", "heavy", "industrial"));
}

TEST(ParseOrganizationName, HanCoreIsTheSimplifiedHanOfTheCore) {
  const struct {
    std::string name;
    std::string han_core;
    bool has_han;
  } cases[] = {
      {"金蝶软件（中国）有限公司", "金蝶软件", true},
      {"華為技術有限公司", "华为技术", true},
      {"深圳市腾讯计算机系统有限公司", "腾讯计算机系统", true},
      {"トヨタ自動車株式会社", "自动车", true},
      {"ソニー株式会社", "", true},  // Han only in the legal form
      {"Huawei Technologies Co., Ltd.", "", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const OrganizationName parsed = ParseOrganizationName(c.name);
    EXPECT_EQ(parsed.han_core, c.han_core);
    EXPECT_EQ(parsed.has_han, c.has_han);
  }
}

TEST(ParseOrganizationName, RegionStaysInCoreWhenNothingDistinctiveRemains) {
  const OrganizationName han = ParseOrganizationName("上海银行股份有限公司");
  EXPECT_THAT(han.core_tokens, ElementsAre("shanghai", "bank"));
  EXPECT_EQ(han.region, "shanghai");
  EXPECT_EQ(han.han_core, "上海银行");
  const OrganizationName latin =
      ParseOrganizationName("Shanghai Electric Group");
  EXPECT_THAT(latin.core_tokens, ElementsAre("shanghai", "electric", "group"));
  EXPECT_EQ(latin.region, "shanghai");
  // Place names read with the table's spelling, not per-character pinyin.
  EXPECT_THAT(ParseOrganizationName("长沙银行").core_tokens,
              ElementsAre("changsha", "bank"));
}

TEST(ParseOrganizationName, CountryAtTheStartIsPartOfTheName) {
  const OrganizationName parsed = ParseOrganizationName("中国银行股份有限公司");
  EXPECT_THAT(parsed.core_tokens, ElementsAre("china", "bank"));
  EXPECT_EQ(parsed.region, "");
  EXPECT_THAT(ParseOrganizationName("Bank of China Limited").core_tokens,
              ElementsAre("bank", "china"));
}

TEST(ParseOrganizationName, NameThatIsOnlyALegalFormHasEmptyCore) {
  for (const std::string name :
       {"有限公司", "Co., Ltd.", "Limited", "株式会社"}) {
    SCOPED_TRACE(name);
    const OrganizationName parsed = ParseOrganizationName(name);
    EXPECT_THAT(parsed.core_tokens, IsEmpty());
    EXPECT_EQ(parsed.core_key, "");
    EXPECT_NE(parsed.legal_form, "");
  }
}

TEST(ParseOrganizationName, LatinLegalFormMustBeASeparateWord) {
  const OrganizationName parsed = ParseOrganizationName("ACMELIMITED");
  EXPECT_THAT(parsed.core_tokens, ElementsAre("acmelimited"));
  EXPECT_EQ(parsed.legal_form, "");
}

TEST(ParseOrganizationName, OtherBracketsBecomeQualifiers) {
  const OrganizationName parsed =
      ParseOrganizationName("Acme (Holdings) Pte. Ltd. [formerly Widget Co]");
  EXPECT_THAT(parsed.core_tokens, ElementsAre("acme"));
  EXPECT_EQ(parsed.legal_form, "LTD");
  EXPECT_THAT(parsed.qualifiers, ElementsAre("holding", "formerly widget co"));
  // A bracketed legal form is the legal form, not a qualifier.
  const OrganizationName hitachi = ParseOrganizationName("(株)日立");
  EXPECT_EQ(hitachi.legal_form, "KK");
  EXPECT_THAT(hitachi.qualifiers, IsEmpty());
  // A coarser second region is kept as a qualifier.
  const OrganizationName two = ParseOrganizationName("Acme (Shenzhen) (China)");
  EXPECT_EQ(two.region, "shenzhen");
  EXPECT_THAT(two.qualifiers, ElementsAre("china"));
}

TEST(ParseOrganizationName, ToleratesUnbalancedBracketsAndEmptyInput) {
  EXPECT_THAT(ParseOrganizationName("Acme (China Co., Ltd.").core_tokens,
              ElementsAre("acme"));
  EXPECT_THAT(ParseOrganizationName("Acme) Ltd").core_tokens,
              ElementsAre("acme"));
  const OrganizationName empty = ParseOrganizationName("");
  EXPECT_THAT(empty.core_tokens, IsEmpty());
  EXPECT_EQ(empty.legal_form, "");
  EXPECT_EQ(empty.acronym, "");
}

struct BranchCase {
  std::string name;
  std::vector<std::string> core_tokens;
  std::string legal_form;
  std::string region;
  bool branch;
  std::string branch_place;
};

TEST(ParseOrganizationName, CutsBranchMarkerAndPlaceBeforeTheLegalForm) {
  const BranchCase cases[] = {
      {"华信软件（深圳）有限公司北京分公司",
       {"huaxin", "software"},
       "LTD",
       "shenzhen",
       true,
       "beijing"},
      {"华信软件有限公司 北京 分公司",
       {"huaxin", "software"},
       "LTD",
       "",
       true,
       "beijing"},
      {"华信软件（深圳）有限公司（北京分公司）",
       {"huaxin", "software"},
       "LTD",
       "shenzhen",
       true,
       "beijing"},
      {"招商银行上海分行", {"zhaoshang", "bank"}, "", "", true, "shanghai"},
      {"Huaxin Software (Shenzhen) Co., Ltd. Beijing Branch",
       {"huaxin", "software"},
       "LTD",
       "shenzhen",
       true,
       "beijing"},
      {"Huaxin Software Co., Ltd. (Beijing Branch)",
       {"huaxin", "software"},
       "LTD",
       "",
       true,
       "beijing"},
      {"Vantora Trading Inc. Downtown Branch Office",
       {"vantora", "trading"},
       "INC",
       "",
       true,
       "downtown"},
      {"Vantora Trading Inc. Branch",
       {"vantora", "trading"},
       "INC",
       "",
       true,
       ""},
      {"Praenmere Holding GmbH, Niederlassung Düsseldorf",
       {"praenmere", "holding"},
       "GMBH",
       "",
       true,
       "dusseldorf"},
      {"Verincrest Automation GmbH Zweigniederlassung Frankfurt am Main",
       {"verincrest", "automation"},
       "GMBH",
       "",
       true,
       "frankfurt am main"},
      // Not branches: no marker at the end, or nothing before it.
      {"华信软件（深圳）有限公司",
       {"huaxin", "software"},
       "LTD",
       "shenzhen",
       false,
       ""},
      {"Branch", {"branch"}, "", "", false, ""},
  };
  for (const BranchCase& c : cases) {
    SCOPED_TRACE(c.name);
    const OrganizationName name = ParseOrganizationName(c.name);
    EXPECT_THAT(name.core_tokens, ElementsAreArray(c.core_tokens));
    EXPECT_EQ(name.legal_form, c.legal_form);
    EXPECT_EQ(name.region, c.region);
    EXPECT_EQ(name.branch, c.branch);
    EXPECT_EQ(name.branch_place, c.branch_place);
  }
}

}  // namespace
}  // namespace mdm::matching
