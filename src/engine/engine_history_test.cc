// Engine: golden record versions, reads as of a past time, survivorship
// through the configuration, and search.
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "src/base/error_field.h"
#include "src/engine/testing/engine_fixture.h"

namespace mdm::engine {
namespace {

using ::mdm::testing::StatusIs;
using storage::ChangeCause;
using storage::ChangeKind;
using storage::GoldenState;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<std::string> Values(const std::vector<storage::GoldenValue>& v,
                                const std::string& name) {
  std::vector<std::string> out;
  for (const storage::GoldenValue& value : v) {
    if (value.name == name) out.push_back(value.value);
  }
  return out;
}

const storage::GoldenValue* Find(const std::vector<storage::GoldenValue>& v,
                                 const std::string& name) {
  for (const storage::GoldenValue& value : v) {
    if (value.name == name) return &value;
  }
  return nullptr;
}

TEST_F(EngineTest, EveryChangeMakesOneVersionSayingWhatAndWhy) {
  const auto a = MustUpsert(Person("a", {{"email", "ann@x.org"}}));
  MustUpsert(Person("b", {{"email", "ann@x.org"}, {"phone", "+1 650 253 0000"}},
                    "erp"));
  MustUpsert(Person("a", {{"email", "ann@x.org"}, {"given_name", "Ann"}}));
  MustUpsert(Person("a", {{"email", "ann@x.org"}, {"given_name", "Ann"}}));
  ASSERT_OK(engine_->Delete("person", {"erp", "b"}).status());

  ASSERT_OK_AND_ASSIGN(GoldenHistory history,
                       engine_->History(a.golden_id, 0, 100));
  EXPECT_EQ(history.golden_id, a.golden_id);
  ASSERT_EQ(history.versions.size(), 4u);  // the unchanged re-send made none
  const auto& v = history.versions;
  for (size_t i = 0; i < v.size(); ++i) EXPECT_EQ(v[i].row.version, i + 1);

  EXPECT_EQ(v[0].row.cause, ChangeCause::kUpsert);
  EXPECT_EQ(v[0].row.cause_key, (SourceKey{"crm", "a"}));
  EXPECT_THAT(v[0].row.joined, ElementsAre(SourceKey{"crm", "a"}));
  ASSERT_EQ(v[0].changes.size(), 1u);
  EXPECT_EQ(v[0].changes[0].name, "email");
  EXPECT_THAT(v[0].changes[0].before, IsEmpty());

  EXPECT_THAT(v[1].row.joined, ElementsAre(SourceKey{"erp", "b"}));
  ASSERT_EQ(v[1].changes.size(), 1u);  // the e-mail's value is the same
  EXPECT_EQ(v[1].changes[0].name, "phone");
  EXPECT_THAT(v[1].changes[0].after, ElementsAre("+1 650 253 0000"));
  EXPECT_EQ(Find(v[1].row.attributes, "email")->source,
            (SourceKey{"erp", "b"}));  // lineage: the newest record

  EXPECT_THAT(v[2].row.joined, IsEmpty());
  ASSERT_EQ(v[2].changes.size(), 1u);
  EXPECT_EQ(v[2].changes[0].name, "given_name");
  EXPECT_EQ(Find(v[2].row.attributes, "email")->source,
            (SourceKey{"crm", "a"}));

  EXPECT_EQ(v[3].row.cause, ChangeCause::kDelete);
  EXPECT_EQ(v[3].row.cause_key, (SourceKey{"erp", "b"}));
  ASSERT_EQ(v[3].departed.size(), 1u);
  EXPECT_EQ(v[3].departed[0].first, (SourceKey{"erp", "b"}));
  EXPECT_EQ(v[3].departed[0].second, "");  // deleted, not moved
  EXPECT_THAT(Values(v[3].row.attributes, "phone"), IsEmpty());

  // Paging: after version 2, the diff is still against version 2.
  ASSERT_OK_AND_ASSIGN(GoldenHistory page, engine_->History(a.golden_id, 2, 1));
  ASSERT_EQ(page.versions.size(), 1u);
  EXPECT_TRUE(page.more);
  EXPECT_EQ(page.versions[0].row.version, 3);
  EXPECT_EQ(page.versions[0].changes.size(), v[2].changes.size());
  ASSERT_OK_AND_ASSIGN(GoldenView now, engine_->GetGolden(a.golden_id, false));
  EXPECT_EQ(now.version, 4);
  EXPECT_THAT(engine_->History("PER-999999X", 0, 10),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(EngineTest, AsOfReadsAcrossAMerge) {
  const auto a = MustUpsert(Person("a", {{"email", "ann@x.org"}}));
  const auto b = MustUpsert(Person("b", {{"national_id", "X-123"}}));
  const absl::Time before_merge = clock_.Now();
  const auto c = MustUpsert(
      Person("c", {{"email", "ann@x.org"}, {"national_id", "x123"}}));
  ASSERT_THAT(c.merged_golden_ids, ElementsAre(b.golden_id));

  ASSERT_OK_AND_ASSIGN(ResolvedId then,
                       engine_->ResolveAt({"crm", "b"}, "", before_merge));
  EXPECT_EQ(then.golden_id, b.golden_id);
  ASSERT_OK_AND_ASSIGN(ResolvedId now,
                       engine_->ResolveAt({"crm", "b"}, "", clock_.Now()));
  EXPECT_EQ(now.golden_id, a.golden_id);
  EXPECT_THAT(engine_->ResolveAt({"crm", "c"}, "", before_merge),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("not linked")));

  ASSERT_OK_AND_ASSIGN(GoldenView b_then,
                       engine_->GetGoldenAt(b.golden_id, true, before_merge));
  EXPECT_EQ(b_then.state, GoldenState::kLive);
  EXPECT_FALSE(b_then.redirected);
  ASSERT_EQ(b_then.members.size(), 1u);
  EXPECT_EQ(b_then.members[0].key, (SourceKey{"crm", "b"}));
  EXPECT_THAT(Values(b_then.attributes, "national_id"), ElementsAre("X-123"));

  ASSERT_OK_AND_ASSIGN(GoldenView b_now,
                       engine_->GetGoldenAt(b.golden_id, true, clock_.Now()));
  EXPECT_TRUE(b_now.redirected);
  EXPECT_EQ(b_now.golden_id, a.golden_id);
  EXPECT_EQ(b_now.members.size(), 3u);
  ASSERT_OK_AND_ASSIGN(GoldenView b_retired,
                       engine_->GetGoldenAt(b.golden_id, false, clock_.Now()));
  EXPECT_EQ(b_retired.state, GoldenState::kRetired);
  EXPECT_EQ(b_retired.merged_into, a.golden_id);
  EXPECT_THAT(b_retired.members, IsEmpty());

  EXPECT_THAT(
      engine_->GetGoldenAt(a.golden_id, true,
                           absl::FromUnixSeconds(1'600'000'000)),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr("did not exist")));

  ASSERT_OK_AND_ASSIGN(GoldenHistory a_history,
                       engine_->History(a.golden_id, 0, 10));
  EXPECT_THAT(a_history.versions.back().absorbed, ElementsAre(b.golden_id));
  ASSERT_OK_AND_ASSIGN(GoldenHistory b_history,
                       engine_->History(b.golden_id, 0, 10));
  const GoldenVersionView& last = b_history.versions.back();
  EXPECT_EQ(last.row.state, GoldenState::kRetired);
  EXPECT_EQ(last.merged_into, a.golden_id);
  ASSERT_EQ(last.departed.size(), 1u);
  EXPECT_EQ(last.departed[0].second, a.golden_id);
}

TEST_F(EngineTest, AsOfReadsAcrossASplit) {
  // b and c link through a; deleting a splits c off into a new golden record.
  MustUpsert(Person("b", {{"email", "b@x.org"}}));
  const auto golden =
      MustUpsert(Person("a", {{"email", "b@x.org"}, {"national_id", "N9"}}));
  MustUpsert(Person("c", {{"national_id", "N9"}}));
  const absl::Time before_split = clock_.Now();
  clock_.Advance(absl::Seconds(1));
  ASSERT_OK(engine_->Delete("person", {"crm", "a"}).status());
  const std::string split_off = GoldenOf("c");
  ASSERT_NE(split_off, golden.golden_id);

  ASSERT_OK_AND_ASSIGN(
      ResolvedId c_then,
      engine_->ResolveAt({"crm", "c"}, "person", before_split));
  EXPECT_EQ(c_then.golden_id, golden.golden_id);
  ASSERT_OK_AND_ASSIGN(ResolvedId a_then,
                       engine_->ResolveAt({"crm", "a"}, "", before_split));
  EXPECT_EQ(a_then.golden_id, golden.golden_id);
  EXPECT_THAT(engine_->ResolveAt({"crm", "a"}, "", clock_.Now()),
              StatusIs(absl::StatusCode::kNotFound));

  ASSERT_OK_AND_ASSIGN(
      GoldenView then,
      engine_->GetGoldenAt(golden.golden_id, true, before_split));
  EXPECT_EQ(then.members.size(), 3u);
  ASSERT_OK_AND_ASSIGN(
      GoldenView now,
      engine_->GetGoldenAt(golden.golden_id, true, clock_.Now()));
  ASSERT_EQ(now.members.size(), 1u);
  EXPECT_EQ(now.members[0].key, (SourceKey{"crm", "b"}));
  EXPECT_THAT(engine_->GetGoldenAt(split_off, true, before_split),
              StatusIs(absl::StatusCode::kNotFound));

  ASSERT_OK_AND_ASSIGN(GoldenHistory history,
                       engine_->History(golden.golden_id, 0, 10));
  const GoldenVersionView& last = history.versions.back();
  EXPECT_EQ(last.row.cause, ChangeCause::kDelete);
  ASSERT_EQ(last.departed.size(), 2u);  // a deleted, c moved
  EXPECT_EQ(last.departed[0].first, (SourceKey{"crm", "a"}));
  EXPECT_EQ(last.departed[0].second, "");
  EXPECT_EQ(last.departed[1].first, (SourceKey{"crm", "c"}));
  EXPECT_EQ(last.departed[1].second, split_off);
}

TEST_F(EngineTest, SurvivorshipRulesFromTheConfigurationWithLineage) {
  ASSERT_OK_AND_ASSIGN(v1::MdmConfig config, DefaultConfig());
  ASSERT_TRUE(google::protobuf::TextFormat::MergeFromString(
      R"pb(sources { name: "erp" trust: 0.9 }
           sources { name: "crm" trust: 0.6 })pb",
      &config));
  // The built-in person type: source priority, every distinct phone.
  Open(&config);
  const auto erp = MustUpsert(Person("E1",
                                     {{"email", "ann@x.org"},
                                      {"city", "Shenzhen"},
                                      {"phone", "+86 755 8631 6688"}},
                                     "erp"));
  const int64_t head = Changes().back().row.sequence;
  MustUpsert(Person("C1", {{"email", "ann@x.org"},
                           {"city", "Shenzhen City"},
                           {"phone", "+8675586316688"},
                           {"given_name", "Ann"}}));
  MustUpsert(Person(
      "C2", {{"email", "ann@x.org"}, {"phone", "+1 650 253 0000"}}, "web"));
  ASSERT_EQ(GoldenOf("C1"), erp.golden_id);

  ASSERT_OK_AND_ASSIGN(GoldenView golden,
                       engine_->GetGolden(erp.golden_id, false));
  const storage::GoldenValue* city = Find(golden.attributes, "city");
  ASSERT_NE(city, nullptr);
  EXPECT_EQ(city->value, "Shenzhen");  // erp trusted over the newer crm
  EXPECT_EQ(city->source, (SourceKey{"erp", "E1"}));
  EXPECT_EQ(city->rule, "source_priority");
  // One value per distinct number, most trusted source first.
  EXPECT_THAT(Values(golden.attributes, "phone"),
              ElementsAre("+86 755 8631 6688", "+1 650 253 0000"));
  EXPECT_EQ(Find(golden.attributes, "phone")->rule, "aggregate");
  EXPECT_EQ(Find(golden.attributes, "given_name")->source,
            (SourceKey{"crm", "C1"}));

  // The feed carries the new values.
  bool saw_update = false;
  for (const ChangeView& change : Changes(head)) {
    if (change.row.kind != ChangeKind::kGoldenUpdated) continue;
    saw_update = true;
    EXPECT_NE(Find(change.row.attributes, "given_name"), nullptr);
  }
  EXPECT_TRUE(saw_update);

  // The ERP record leaves: its values give way to the others'.
  ASSERT_OK(engine_->Delete("person", {"erp", "E1"}).status());
  ASSERT_OK_AND_ASSIGN(golden,
                       engine_->GetGolden(GoldenOf("C1"), /*follow=*/true));
  EXPECT_EQ(Find(golden.attributes, "city")->value, "Shenzhen City");
  EXPECT_THAT(Values(golden.attributes, "phone"),
              ElementsAre("+8675586316688", "+1 650 253 0000"));
}

TEST_F(EngineTest, AnInvalidValueLosesToAValidOneWhateverItsAge) {
  const auto a = MustUpsert(
      Person("a", {{"email", "ann@x.org"}, {"phone", "+1 650 253 0000"}}));
  MustUpsert(Person("b", {{"email", "ann@x.org"}, {"phone", "12"}}));
  ASSERT_OK_AND_ASSIGN(GoldenView golden,
                       engine_->GetGolden(a.golden_id, false));
  const storage::GoldenValue* phone = Find(golden.attributes, "phone");
  ASSERT_NE(phone, nullptr);
  EXPECT_EQ(phone->value, "+1 650 253 0000");
  EXPECT_FALSE(phone->invalid);
  // Alone, the invalid value survives, marked.
  const auto c = MustUpsert(Person("c", {{"phone", "34"}}));
  ASSERT_OK_AND_ASSIGN(golden, engine_->GetGolden(c.golden_id, false));
  EXPECT_TRUE(Find(golden.attributes, "phone")->invalid);
}

TEST_F(EngineTest, SearchRanksGoldenRecordsAndWritesNothing) {
  const auto ann = MustUpsert(Person("1", {{"given_name", "Ann"},
                                           {"family_name", "Lee"},
                                           {"birth_date", "1985-03-07"},
                                           {"email", "ann.lee@x.org"}}));
  MustUpsert(Person("2", {{"given_name", "Anne"},
                          {"family_name", "Leigh"},
                          {"birth_date", "1990-01-01"}}));
  ASSERT_OK_AND_ASSIGN(int64_t head, engine_->HeadSequence());

  ASSERT_OK_AND_ASSIGN(SearchResult result,
                       engine_->Search({.entity_type = "person",
                                        .attributes = {{"family_name", "Lee"},
                                                       {"given_name", "Ann"}},
                                        .text = "1985-03-07"}));
  ASSERT_FALSE(result.matches.empty());
  EXPECT_EQ(result.matches[0].golden_id, ann.golden_id);
  EXPECT_EQ(result.matches[0].best_record, (SourceKey{"crm", "1"}));
  EXPECT_EQ(result.matches[0].decision, MatchDecision::kLink);
  EXPECT_FALSE(result.matches[0].reasons.empty());
  EXPECT_NE(Find(result.matches[0].attributes, "email"), nullptr);
  EXPECT_THAT(
      result.query_attributes,
      ElementsAre(
          std::pair<std::string, std::string>("birth_date", "1985-03-07"),
          std::pair<std::string, std::string>("family_name", "Lee"),
          std::pair<std::string, std::string>("given_name", "Ann")));
  for (size_t i = 1; i < result.matches.size(); ++i) {
    EXPECT_LE(result.matches[i].match_weight,
              result.matches[i - 1].match_weight);
  }

  // Free text alone: the e-mail is recognized.
  ASSERT_OK_AND_ASSIGN(result, engine_->Search({.entity_type = "person",
                                                .text = "ANN.LEE@x.org"}));
  ASSERT_FALSE(result.matches.empty());
  EXPECT_EQ(result.matches[0].golden_id, ann.golden_id);

  ASSERT_OK_AND_ASSIGN(int64_t after, engine_->HeadSequence());
  EXPECT_EQ(after, head);
  EXPECT_THAT(engine_->Search({.entity_type = "person", .text = "  "}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty")));
  absl::StatusOr<SearchResult> unknown = engine_->Search(
      {.entity_type = "person", .attributes = {{"shoe_size", "42"}}});
  EXPECT_THAT(unknown, StatusIs(absl::StatusCode::kInvalidArgument,
                                HasSubstr("shoe_size")));
  EXPECT_EQ(ErrorField(unknown.status()), "attributes.shoe_size");
  EXPECT_THAT(engine_->Search({.entity_type = "starship", .text = "x"}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace mdm::engine
