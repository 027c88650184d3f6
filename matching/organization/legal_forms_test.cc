#include "matching/organization/legal_forms.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

TEST(MatchTrailingLegalForm, LongestFormEndingTheTokens) {
  const struct {
    std::vector<std::string> tokens;
    std::string code;
    size_t length;
  } cases[] = {
      {{"acme", "co", "ltd"}, "LTD", 2},
      {{"acme", "company", "limited"}, "LTD", 2},
      {{"acme", "limited"}, "LTD", 1},
      {{"acme", "pty", "ltd"}, "LTD", 2},
      {{"acme", "co"}, "CO", 1},
      {{"acme", "co", "inc"}, "INC", 2},
      {{"acme", "incorporated"}, "INC", 1},
      {{"acme", "corporation"}, "CORP", 1},
      {{"acme", "l", "l", "c"}, "LLC", 3},
      {{"nestle", "s", "a"}, "SA", 2},
      {{"acme", "s", "a", "s"}, "SAS", 3},
      {{"acme", "s", "a", "de", "c", "v"}, "SA", 5},
      {{"siemens", "aktiengesellschaft"}, "AG", 1},
      {{"acme", "gmbh", "co", "kg"}, "KG", 3},
      {{"acme", "gmbh"}, "GMBH", 1},
      {{"acme", "b", "v"}, "BV", 2},
      {{"acme", "plc"}, "PLC", 1},
      {{"acme", "k", "k"}, "KK", 2},
      {{"acme", "llp"}, "LLP", 1},
      {{"co", "ltd"}, "LTD", 2},
      // No legal form: glued, in the middle, or absent.
      {{"acmelimited"}, "", 0},
      {{"acme", "ltd", "widgets"}, "", 0},
      {{}, "", 0},
  };
  for (const auto& c : cases) {
    const LegalFormMatch match = MatchTrailingLegalForm(c.tokens);
    EXPECT_EQ(match.code, c.code) << c.tokens.size();
    EXPECT_EQ(match.length, c.length) << c.code;
  }
}

TEST(MatchLeadingLegalForm, FormsWrittenBeforeTheName) {
  EXPECT_EQ(MatchLeadingLegalForm({"pt", "telkom"}).code, "PT");
  EXPECT_EQ(MatchLeadingLegalForm({"ooo", "andeks"}).code, "LLC");
  EXPECT_EQ(MatchLeadingLegalForm({"zao", "acme"}).code, "JSC");
  EXPECT_EQ(MatchLeadingLegalForm({"acme", "pt"}).length, 0u);
}

TEST(MatchCjkLegalFormSuffix, LongestSuffixGluedToTheName) {
  const struct {
    std::string text;
    std::string code;
    size_t length;
  } cases[] = {
      {"金蝶软件有限公司", "LTD", 12},
      {"华为技术股份有限公司", "JSC", 18},
      {"某某有限责任公司", "LTD", 18},
      {"百度公司", "CO", 6},
      {"某某有限合伙", "LP", 12},
      {"トヨタ自动车株式会社", "KK", 12},
      {"삼성전자주식회사", "JSC", 12},
      {"有限公司", "LTD", 12},
      {"金蝶软件", "", 0},
      {"", "", 0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const LegalFormMatch match = MatchCjkLegalFormSuffix(c.text);
    EXPECT_EQ(match.code, c.code);
    EXPECT_EQ(match.length, c.length);
  }
}

TEST(MatchCjkLegalFormPrefix, JapaneseAndKoreanFormsBeforeTheName) {
  EXPECT_EQ(MatchCjkLegalFormPrefix("株式会社日立").code, "KK");
  EXPECT_EQ(MatchCjkLegalFormPrefix("株式会社日立").length, 12u);
  EXPECT_EQ(MatchCjkLegalFormPrefix("주식회사엘지").code, "JSC");
  EXPECT_EQ(MatchCjkLegalFormPrefix("有限公司").length, 0u);
}

TEST(LegalFormOf, WholeTextIncludingBracketAbbreviations) {
  EXPECT_EQ(LegalFormOf("株"), "KK");
  EXPECT_EQ(LegalFormOf("주"), "JSC");
  EXPECT_EQ(LegalFormOf("pty"), "LTD");
  EXPECT_EQ(LegalFormOf("co ltd"), "LTD");
  EXPECT_EQ(LegalFormOf("有限公司"), "LTD");
  EXPECT_EQ(LegalFormOf("holdings"), "");
}

}  // namespace
}  // namespace mdm::matching
