#include "src/engine/survivorship.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "src/base/testing/status_matchers.h"

namespace mdm::engine {
namespace {

using ::mdm::testing::StatusIs;
using ::testing::HasSubstr;

// A member value: raw text, comparable form ("" = same as raw), validity.
struct Value {
  std::string attribute;
  std::string raw;
  std::string comparable;
  bool invalid = false;
};

struct MemberSpec {
  std::string source;
  std::string id;
  int created = 0;  // seconds
  int updated = 0;
  std::vector<Value> values;
};

// What the golden record should hold for one attribute: (source id, value,
// invalid) per surviving value, best first.
struct Expected {
  std::string source_id;
  std::string value;
  bool invalid = false;
};

struct Case {
  std::string name;
  std::string rules;  // text of EntityTypeConfig survivorship fields
  std::vector<MemberSpec> members;
  std::string attribute;
  std::vector<Expected> expected;
  std::string rule = "";  // expected lineage rule; "" = not checked
};

v1::MdmConfig Config(const std::string& rules) {
  v1::MdmConfig config;
  const std::string text =
      R"pb(
        sources { name: "erp" trust: 0.9 }
        sources { name: "crm" trust: 0.6 }
        sources { name: "web" trust: 0.2 }
        source_defaults { trust: 0.5 }
        entity_types { name: "organization" id_prefix: "ORG"
                       attributes { name: "name" kind: ORGANIZATION_NAME }
                       attributes { name: "phone" kind: PHONE }
                       attributes { name: "address" kind: ADDRESS }
                       attributes { name: "email" kind: EMAIL }
      )pb" +
      rules + "}";
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &config))
      << text;
  return config;
}

class Survived {
 public:
  explicit Survived(const Case& c) {
    rows_.reserve(c.members.size());
    int64_t next_id = 1;
    for (const MemberSpec& spec : c.members) {
      storage::RecordRow& row = rows_.emplace_back();
      row.id = next_id++;
      row.key = {spec.source, spec.id};
      row.created_at = absl::FromUnixSeconds(spec.created);
      row.updated_at = absl::FromUnixSeconds(spec.updated);
      std::vector<Value> values = spec.values;
      std::sort(values.begin(), values.end(),
                [](const Value& a, const Value& b) {
                  return a.attribute < b.attribute;
                });
      SurvivorMember& member = members_.emplace_back();
      for (const Value& v : values) {
        row.attributes.emplace_back(v.attribute, v.raw);
        member.facts.push_back(
            {.comparable = v.comparable.empty() ? v.raw : v.comparable,
             .invalid = v.invalid});
      }
    }
    for (size_t i = 0; i < rows_.size(); ++i) members_[i].record = &rows_[i];
  }

  std::vector<SurvivorMember>& members() { return members_; }

 private:
  std::vector<storage::RecordRow> rows_;
  std::vector<SurvivorMember> members_;
};

std::vector<storage::GoldenValue> Of(
    const std::vector<storage::GoldenValue>& golden,
    const std::string& attribute) {
  std::vector<storage::GoldenValue> out;
  for (const storage::GoldenValue& v : golden) {
    if (v.name == attribute) out.push_back(v);
  }
  return out;
}

const Case kCases[] = {
    {.name = "most recent wins by default",
     .members = {{"crm", "1", 1, 10, {{"email", "old@x.cn"}}},
                 {"web", "2", 2, 20, {{"email", "new@x.cn"}}}},
     .attribute = "email",
     .expected = {{"2", "new@x.cn"}},
     .rule = "most_recent"},
    {.name = "most recent tie goes to the trusted source",
     .members = {{"erp", "1", 1, 20, {{"email", "erp@x.cn"}}},
                 {"web", "2", 2, 20, {{"email", "web@x.cn"}}}},
     .attribute = "email",
     .expected = {{"1", "erp@x.cn"}}},
    {.name = "most recent full tie goes to the record created last",
     .members = {{"crm", "1", 1, 20, {{"email", "a@x.cn"}}},
                 {"crm", "2", 2, 20, {{"email", "b@x.cn"}}}},
     .attribute = "email",
     .expected = {{"2", "b@x.cn"}}},
    {.name = "an invalid newest value loses to an older valid one",
     .members = {{"crm", "1", 1, 10, {{"phone", "+86 10 6552 9988"}}},
                 {"crm", "2", 2, 20, {{"phone", "12", "", true}}}},
     .attribute = "phone",
     .expected = {{"1", "+86 10 6552 9988"}}},
    {.name = "only invalid values: the best survives, marked invalid",
     .members = {{"crm", "1", 1, 10, {{"phone", "12", "", true}}},
                 {"crm", "2", 2, 20, {{"phone", "345", "", true}}}},
     .attribute = "phone",
     .expected = {{"2", "345", true}}},
    {.name = "source priority uses the source's trust",
     .rules = R"pb(default_survivorship: SOURCE_PRIORITY)pb",
     .members = {{"erp", "1", 1, 10, {{"address", "1 Erp Road"}}},
                 {"crm", "2", 2, 20, {{"address", "2 Crm Street"}}}},
     .attribute = "address",
     .expected = {{"1", "1 Erp Road"}},
     .rule = "source_priority"},
    {.name = "source priority per attribute overrides the source's trust",
     .rules = R"pb(survivorship {
                     attribute: "email"
                     strategy: SOURCE_PRIORITY
                     source_trust { source: "crm" trust: 1 }
                   })pb",
     .members = {{"erp", "1", 1, 30, {{"email", "erp@x.cn"}}},
                 {"crm", "2", 2, 20, {{"email", "crm@x.cn"}}}},
     .attribute = "email",
     .expected = {{"2", "crm@x.cn"}},
     .rule = "source_priority"},
    {.name = "source priority: an unknown source has source_defaults' trust",
     .rules = R"pb(default_survivorship: SOURCE_PRIORITY)pb",
     .members = {{"pos", "1", 1, 10, {{"address", "pos road"}}},
                 {"web", "2", 2, 20, {{"address", "web road"}}}},
     .attribute = "address",
     .expected = {{"1", "pos road"}}},
    {.name = "source priority: an invalid trusted value loses",
     .rules = R"pb(default_survivorship: SOURCE_PRIORITY)pb",
     .members = {{"erp", "1", 1, 10, {{"phone", "0000", "", true}}},
                 {"web", "2", 2, 20, {{"phone", "+1 650 253 0000"}}}},
     .attribute = "phone",
     .expected = {{"2", "+1 650 253 0000"}}},
    {.name = "source priority tie goes to the most recent",
     .rules = R"pb(default_survivorship: SOURCE_PRIORITY)pb",
     .members = {{"crm", "1", 1, 30, {{"address", "newer"}}},
                 {"crm", "2", 2, 20, {{"address", "older"}}}},
     .attribute = "address",
     .expected = {{"1", "newer"}}},
    {.name = "most frequent counts standardized forms",
     .rules =
         R"pb(survivorship { attribute: "phone" strategy: MOST_FREQUENT })pb",
     .members =
         {{"crm", "1", 1, 10, {{"phone", "010-6552 9988", "+861065529988"}}},
          {"erp", "2", 2, 20, {{"phone", "+86 10 65529988", "+861065529988"}}},
          {"web",
           "3",
           3,
           30,
           {{"phone", "+86 21 5555 0000", "+862155550000"}}}},
     .attribute = "phone",
     .expected = {{"2", "+86 10 65529988"}},
     .rule = "most_frequent"},
    {.name = "most frequent tie goes to the trusted source",
     .rules =
         R"pb(survivorship { attribute: "name" strategy: MOST_FREQUENT })pb",
     .members = {{"web", "1", 1, 30, {{"name", "Acme"}}},
                 {"erp", "2", 2, 10, {{"name", "ACME Ltd"}}}},
     .attribute = "name",
     .expected = {{"2", "ACME Ltd"}}},
    {.name = "longest counts characters, not bytes",
     .rules = R"pb(survivorship { attribute: "address" strategy: LONGEST })pb",
     .members =
         {{"erp", "1", 1, 10, {{"address", "北京市海淀区中关村大街一号"}}},
          {"crm", "2", 2, 20, {{"address", "Zhongguancun Street 1, Beijing"}}}},
     .attribute = "address",
     .expected = {{"2", "Zhongguancun Street 1, Beijing"}},
     .rule = "longest"},
    {.name = "longest tie goes to the trusted source",
     .rules = R"pb(survivorship { attribute: "name" strategy: LONGEST })pb",
     .members = {{"crm", "1", 1, 30, {{"name", "ABCD"}}},
                 {"erp", "2", 2, 10, {{"name", "WXYZ"}}}},
     .attribute = "name",
     .expected = {{"2", "WXYZ"}}},
    {.name = "first non-empty takes the record created first",
     .rules =
         R"pb(survivorship { attribute: "name" strategy: FIRST_NON_EMPTY })pb",
     .members = {{"web", "1", 5, 50, {{"name", "Later"}}},
                 {"crm", "2", 1, 60, {{"name", "First"}}},
                 {"erp", "3", 0, 70, {{"email", "a@b.cn"}}}},
     .attribute = "name",
     .expected = {{"2", "First"}},
     .rule = "first_non_empty"},
    {.name = "aggregate keeps each distinct value, trusted first, invalid out",
     .rules = R"pb(survivorship { attribute: "phone" strategy: AGGREGATE })pb",
     .members =
         {{"web", "1", 1, 10, {{"phone", "+86 21 5555 0000", "+862155550000"}}},
          {"erp", "2", 2, 20, {{"phone", "010 6552 9988", "+861065529988"}}},
          {"crm", "3", 3, 30, {{"phone", "+86-10-6552-9988", "+861065529988"}}},
          {"crm", "4", 4, 40, {{"phone", "99", "", true}}}},
     .attribute = "phone",
     .expected = {{"2", "010 6552 9988"}, {"1", "+86 21 5555 0000"}},
     .rule = "aggregate"},
    {.name = "aggregate of invalid values only keeps them, marked",
     .rules = R"pb(survivorship { attribute: "phone" strategy: AGGREGATE })pb",
     .members = {{"crm", "1", 1, 10, {{"phone", "12", "", true}}},
                 {"crm", "2", 2, 20, {{"phone", "34", "", true}}}},
     .attribute = "phone",
     .expected = {{"2", "34", true}, {"1", "12", true}}},
};

class SurvivorshipRules : public ::testing::TestWithParam<Case> {};

TEST_P(SurvivorshipRules, ChooseTheExpectedValuesInAnyMemberOrder) {
  const Case& c = GetParam();
  const v1::MdmConfig config = Config(c.rules);
  ASSERT_OK_AND_ASSIGN(
      SurvivorshipPolicy policy,
      SurvivorshipPolicy::Create(config.entity_types(0), config));
  Survived survived(c);
  std::vector<SurvivorMember>& members = survived.members();
  std::vector<size_t> order(members.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  do {
    std::vector<SurvivorMember> permuted;
    for (size_t i : order) permuted.push_back(members[i]);
    const std::vector<storage::GoldenValue> values =
        Of(policy.Survive(permuted), c.attribute);
    ASSERT_EQ(values.size(), c.expected.size());
    for (size_t i = 0; i < values.size(); ++i) {
      EXPECT_EQ(values[i].value, c.expected[i].value) << "value " << i;
      EXPECT_EQ(values[i].source.source_id, c.expected[i].source_id);
      EXPECT_EQ(values[i].invalid, c.expected[i].invalid);
      if (!c.rule.empty()) {
        EXPECT_EQ(values[i].rule, c.rule);
      }
    }
  } while (std::next_permutation(order.begin(), order.end()));
}

INSTANTIATE_TEST_SUITE_P(Table, SurvivorshipRules, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           std::string name;
                           for (char c : info.param.name) {
                             name.push_back(absl::ascii_isalnum(c) ? c : '_');
                           }
                           return name;
                         });

TEST(SurvivorshipPolicy, SourceLeavingGivesTheValueBackToTheOthers) {
  const v1::MdmConfig config = Config(
      R"pb(survivorship { attribute: "address" strategy: SOURCE_PRIORITY })pb");
  ASSERT_OK_AND_ASSIGN(
      SurvivorshipPolicy policy,
      SurvivorshipPolicy::Create(config.entity_types(0), config));
  Survived survived({.members = {{"erp", "1", 1, 10, {{"address", "erp"}}},
                                 {"crm", "2", 2, 20, {{"address", "crm"}}}}});
  std::vector<SurvivorMember> all = survived.members();
  EXPECT_EQ(Of(policy.Survive(all), "address").at(0).value, "erp");
  all.erase(all.begin());  // the ERP record leaves the golden record
  EXPECT_EQ(Of(policy.Survive(all), "address").at(0).value, "crm");
  EXPECT_TRUE(policy.Survive({}).empty());
}

TEST(SurvivorshipPolicy, AttributesComeSortedByName) {
  SurvivorshipPolicy policy;
  Survived survived(
      {.members = {{"crm", "1", 1, 10, {{"phone", "1"}, {"address", "a"}}},
                   {"erp", "2", 2, 20, {{"email", "e@x.cn"}}}}});
  const auto golden = policy.Survive(survived.members());
  ASSERT_EQ(golden.size(), 3u);
  EXPECT_EQ(golden[0].name, "address");
  EXPECT_EQ(golden[1].name, "email");
  EXPECT_EQ(golden[2].name, "phone");
}

TEST(SurvivorshipPolicy, RejectsBadRulesNamingThem) {
  struct Bad {
    std::string rules;
    std::string message;
  };
  const Bad bad[] = {
      {R"pb(survivorship { attribute: "fax" strategy: LONGEST })pb",
       "survivorship rule for attribute 'fax': no such attribute"},
      {R"pb(survivorship { attribute: "name" strategy: LONGEST }
            survivorship { attribute: "name" strategy: MOST_RECENT })pb",
       "'name' is given twice"},
      {R"pb(survivorship {
              attribute: "name"
              source_trust { source: "crm" trust: 1.5 }
            })pb",
       "'name', source crm: trust must be in [0, 1]"},
      {R"pb(survivorship { strategy: LONGEST })pb",
       "survivorship rule without attribute"},
  };
  for (const Bad& b : bad) {
    const v1::MdmConfig config = Config(b.rules);
    EXPECT_THAT(
        SurvivorshipPolicy::Create(config.entity_types(0), config),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(b.message)))
        << b.rules;
  }
}

}  // namespace
}  // namespace mdm::engine
