#include "src/engine/engine.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "src/base/error_field.h"
#include "src/base/testing/status_matchers.h"
#include "src/base/testing/temp_dir.h"
#include "src/config/config_loader.h"
#include "src/engine/testing/engine_fixture.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store_failure.h"

namespace mdm::engine {
namespace {

using ::mdm::testing::IsOk;
using ::mdm::testing::StatusIs;
using ::mdm::testing::TempDir;
using storage::ChangeKind;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST_F(EngineTest, FirstRecordCreatesGoldenRecordAndEvent) {
  const UpsertResult result = MustUpsert(
      Person("1", {{"full_name", "Ann Lee"}, {"email", "Ann@X.org"}}));
  EXPECT_EQ(result.outcome, UpsertOutcome::kCreated);
  EXPECT_EQ(result.golden_id, "PER-000001Y");
  const auto changes = Changes();
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].row.kind, ChangeKind::kGoldenCreated);
  EXPECT_EQ(changes[0].row.sequence, 1);
  EXPECT_EQ(changes[0].golden_id, result.golden_id);
  EXPECT_THAT(changes[0].row.keys, ElementsAre(SourceKey{"crm", "1"}));
  ASSERT_EQ(changes[0].row.attributes.size(), 2u);
  EXPECT_EQ(changes[0].row.attributes[0].value, "Ann@X.org");
}

TEST_F(EngineTest, ResendingAnUnchangedRecordWritesNothing) {
  const auto record = Person("1", {{"email", "ann@x.org"}});
  MustUpsert(record);
  const auto before = Changes();
  const UpsertResult again = MustUpsert(record);
  EXPECT_EQ(again.outcome, UpsertOutcome::kUnchanged);
  EXPECT_EQ(Changes().size(), before.size());
  ASSERT_OK_AND_ASSIGN(GoldenView golden,
                       engine_->GetGolden(again.golden_id, true));
  EXPECT_EQ(golden.version, 1);
  EXPECT_EQ(golden.members.at(0).version, 1);
}

TEST_F(EngineTest, MatchingRecordLinksToTheExistingGoldenRecord) {
  const auto first = MustUpsert(Person("1", {{"email", "ann@x.org"}}));
  const auto second = MustUpsert(
      Person("A-7", {{"email", " ANN@x.org"}, {"phone", "555 0100"}}, "erp"));
  EXPECT_EQ(second.outcome, UpsertOutcome::kLinked);
  EXPECT_EQ(second.golden_id, first.golden_id);
  const auto changes = Changes(1);
  EXPECT_THAT(Kinds(changes),
              ElementsAre(ChangeKind::kXrefLinked, ChangeKind::kGoldenUpdated));
  EXPECT_THAT(changes[0].row.keys, ElementsAre(SourceKey{"erp", "A-7"}));
  ASSERT_OK_AND_ASSIGN(GoldenView golden,
                       engine_->GetGolden(first.golden_id, true));
  EXPECT_EQ(golden.members.size(), 2u);
  EXPECT_EQ(golden.version, 2);
}

TEST_F(EngineTest, RecordJoiningTwoGoldenRecordsMergesThemIntoTheOlder) {
  const auto a = MustUpsert(Person("a", {{"email", "ann@x.org"}}));
  const auto b = MustUpsert(Person("b", {{"national_id", "X-123"}}));
  ASSERT_NE(a.golden_id, b.golden_id);
  const int64_t head = Changes().back().row.sequence;
  const auto c = MustUpsert(
      Person("c", {{"email", "ann@x.org"}, {"national_id", "x123"}}));
  EXPECT_EQ(c.golden_id, a.golden_id);
  EXPECT_THAT(c.merged_golden_ids, ElementsAre(b.golden_id));

  ASSERT_OK_AND_ASSIGN(ResolvedId resolved,
                       engine_->ResolveGoldenId(b.golden_id));
  EXPECT_EQ(resolved.golden_id, a.golden_id);
  EXPECT_TRUE(resolved.redirected);
  EXPECT_EQ(GoldenOf("b"), a.golden_id);

  ASSERT_OK_AND_ASSIGN(GoldenView retired,
                       engine_->GetGolden(b.golden_id, false));
  EXPECT_EQ(retired.state, storage::GoldenState::kRetired);
  EXPECT_EQ(retired.merged_into, a.golden_id);
  EXPECT_TRUE(retired.members.empty());

  const auto changes = Changes(head);
  bool saw_merge = false;
  for (const ChangeView& change : changes) {
    if (change.row.kind != ChangeKind::kGoldenMerged) continue;
    saw_merge = true;
    EXPECT_EQ(change.golden_id, b.golden_id);
    EXPECT_EQ(change.survivor_id, a.golden_id);
    EXPECT_THAT(change.row.keys, ElementsAre(SourceKey{"crm", "b"}));
  }
  EXPECT_TRUE(saw_merge);
}

TEST_F(EngineTest, RedirectsStayOneHopAfterRepeatedMerges) {
  const auto a = MustUpsert(Person("a", {{"email", "a@x.org"}}));
  const auto b = MustUpsert(Person("b", {{"email", "b@x.org"}}));
  const auto c = MustUpsert(Person("c", {{"email", "c@x.org"}}));
  MustUpsert(Person("bc", {{"email", "b@x.org"}, {"national_id", "N1"}}));
  MustUpsert(Person("c2", {{"email", "c@x.org"}, {"national_id", "N1"}}));
  MustUpsert(Person("ab", {{"email", "a@x.org"}, {"national_id", "N1"}}));
  for (const std::string& id : {b.golden_id, c.golden_id}) {
    ASSERT_OK_AND_ASSIGN(GoldenView retired, engine_->GetGolden(id, false));
    EXPECT_EQ(retired.merged_into, a.golden_id) << id;
  }
}

TEST_F(EngineTest, UpdateThatBreaksTheOnlyLinkSplitsTheNewerRecordOut) {
  const auto a = MustUpsert(Person("a", {{"email", "ann@x.org"}}));
  MustUpsert(Person("b", {{"email", "ann@x.org"}, {"phone", "5550100"}}));
  const int64_t head = Changes().back().row.sequence;
  const auto updated =
      MustUpsert(Person("b", {{"email", "bob@x.org"}, {"phone", "5550100"}}));
  EXPECT_EQ(updated.outcome, UpsertOutcome::kUpdated);
  EXPECT_NE(updated.golden_id, a.golden_id);
  EXPECT_EQ(GoldenOf("a"), a.golden_id);
  const auto changes = Changes(head);
  EXPECT_THAT(Kinds(changes),
              ElementsAre(ChangeKind::kXrefUnlinked, ChangeKind::kGoldenCreated,
                          ChangeKind::kGoldenUpdated));
  EXPECT_EQ(changes[0].golden_id, a.golden_id);
  EXPECT_EQ(changes[1].golden_id, updated.golden_id);
}

TEST_F(EngineTest, SplitKeepsTheIdWithThePartHoldingTheOldestRecord) {
  // b and c link through a; deleting a splits {b} from {c}. b is older.
  MustUpsert(Person("b", {{"email", "b@x.org"}}));
  const auto golden =
      MustUpsert(Person("a", {{"email", "b@x.org"}, {"national_id", "N9"}}));
  MustUpsert(Person("c", {{"national_id", "N9"}}));
  ASSERT_EQ(GoldenOf("c"), golden.golden_id);
  ASSERT_OK_AND_ASSIGN(DeleteResult deleted,
                       engine_->Delete("person", {"crm", "a"}));
  EXPECT_FALSE(deleted.golden_retired);
  EXPECT_EQ(GoldenOf("b"), golden.golden_id);
  EXPECT_NE(GoldenOf("c"), golden.golden_id);
}

TEST_F(EngineTest, DeletingTheLastRecordRetiresTheGoldenRecord) {
  const auto a = MustUpsert(Person("a", {{"email", "a@x.org"}}));
  const int64_t head = Changes().back().row.sequence;
  ASSERT_OK_AND_ASSIGN(DeleteResult deleted,
                       engine_->Delete("person", {"crm", "a"}));
  EXPECT_TRUE(deleted.golden_retired);
  EXPECT_EQ(deleted.golden_id, a.golden_id);
  EXPECT_THAT(Kinds(Changes(head)), ElementsAre(ChangeKind::kXrefUnlinked,
                                                ChangeKind::kGoldenRetired));
  ASSERT_OK_AND_ASSIGN(ResolvedId resolved,
                       engine_->ResolveGoldenId(a.golden_id));
  EXPECT_TRUE(resolved.retired);
  EXPECT_FALSE(resolved.redirected);
  EXPECT_THAT(engine_->Resolve({"crm", "a"}, ""),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("crm:a")));
  EXPECT_THAT(engine_->Delete("person", {"crm", "a"}),
              StatusIs(absl::StatusCode::kNotFound));
  // The same key comes back as a new record with a new golden id.
  const auto again = MustUpsert(Person("a", {{"email", "a@x.org"}}));
  EXPECT_EQ(again.outcome, UpsertOutcome::kCreated);
  EXPECT_NE(again.golden_id, a.golden_id);
}

TEST_F(EngineTest, RejectedRecordInABatchLeavesTheOthersApplied) {
  const std::vector<RecordInput> batch = {
      Person("1", {{"email", "a@x.org"}}),
      Person("2", {{"e_mail", "b@x.org"}}),
      Person("", {{"email", "c@x.org"}}),
      {.entity_type = "spaceship", .key = {"crm", "4"}},
      Person("5", {{"email", "a@x.org"}}),
  };
  const auto results = engine_->UpsertBatch(batch);
  ASSERT_EQ(results.size(), 5u);
  EXPECT_THAT(results[0], IsOk());
  EXPECT_THAT(results[1],
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("crm:2")));
  EXPECT_EQ(ErrorField(results[1].status()), "attributes.e_mail");
  EXPECT_EQ(ErrorField(results[2].status()), "key.source_id");
  EXPECT_THAT(results[3],
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown entity type 'spaceship'")));
  ASSERT_THAT(results[4], IsOk());
  EXPECT_EQ(results[4]->outcome, UpsertOutcome::kLinked);
  EXPECT_EQ(results[4]->golden_id, results[0]->golden_id);
  EXPECT_THAT(engine_->Resolve({"crm", "2"}, ""),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(EngineTest, FullDiskStopsTheBatchOnceInsteadOfRejectingEachRecord) {
  // A database capped at 1 MiB (an empty one takes about 112 KiB) fills up
  // after a few batches of records with long values.
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(
      auto store, storage::OpenSqliteStore(
                      {.path = dir.Path("small.db"), .max_db_bytes = 1 << 20}));
  ASSERT_OK_AND_ASSIGN(v1::MdmConfig config, DefaultConfig());
  ASSERT_OK_AND_ASSIGN(auto engine,
                       Engine::Create(store.get(), config, &clock_));
  const std::string filler(500, 'x');
  int committed_batches = 0;
  for (int batch = 0; batch < 100; ++batch) {
    std::vector<RecordInput> records;
    for (int i = 0; i < 20; ++i) {
      const std::string id = absl::StrCat(batch, "-", i);
      records.push_back(Person(
          id, {{"full_name", "Person " + id}, {"address_line", filler + id}}));
    }
    const auto results = engine->UpsertBatch(records);
    ASSERT_EQ(results.size(), records.size());
    if (results[0].ok()) {
      for (const auto& result : results) ASSERT_THAT(result, IsOk());
      ++committed_batches;
      continue;
    }
    // Every record of the failed batch carries the one store-wide error,
    // and none of them was kept.
    for (const auto& result : results) {
      EXPECT_THAT(result, StatusIs(absl::StatusCode::kResourceExhausted,
                                   HasSubstr("full")));
      EXPECT_TRUE(storage::IsStoreFailure(result.status()));
      EXPECT_EQ(storage::StoreFailureCause(result.status()),
                "database disk is full");
    }
    EXPECT_THAT(engine->Resolve({"crm", absl::StrCat(batch, "-0")}, ""),
                StatusIs(absl::StatusCode::kNotFound));
    break;
  }
  ASSERT_GT(committed_batches, 0);
  ASSERT_LT(committed_batches, 100) << "the database never filled up";
  EXPECT_THAT(
      engine->Resolve({"crm", absl::StrCat(committed_batches - 1, "-19")}, ""),
      IsOk());
  ASSERT_OK_AND_ASSIGN(InvariantReport report,
                       engine->CheckStoreInvariants({}));
  EXPECT_EQ(report.violation_count, 0);
}

TEST_F(EngineTest, PartialRecordKeepsTheAttributesItLeavesOut) {
  MustUpsert(Person("1", {{"full_name", "Ann Lee"},
                          {"email", "ann@x.org"},
                          {"phone", "+1 415 555 0101"}}));
  RecordInput partial =
      Person("1", {{"email", "ann.lee@x.org"}, {"phone", ""}});  // empty: keep
  partial.partial = true;
  EXPECT_EQ(MustUpsert(partial).outcome, UpsertOutcome::kUpdated);
  ASSERT_OK_AND_ASSIGN(GoldenView golden,
                       engine_->GetGolden(GoldenOf("1"), true));
  ASSERT_EQ(golden.members.size(), 1u);
  EXPECT_THAT(
      golden.members[0].attributes,
      ElementsAre(
          std::pair<std::string, std::string>("email", "ann.lee@x.org"),
          std::pair<std::string, std::string>("full_name", "Ann Lee"),
          std::pair<std::string, std::string>("phone", "+1 415 555 0101")));
  // Sending what is stored changes nothing.
  EXPECT_EQ(MustUpsert(partial).outcome, UpsertOutcome::kUnchanged);
  // A partial record of a new key is stored as sent.
  RecordInput fresh = Person("2", {{"email", "bo@x.org"}});
  fresh.partial = true;
  EXPECT_EQ(MustUpsert(fresh).outcome, UpsertOutcome::kCreated);
  // Without partial, the record is the whole record.
  MustUpsert(Person("1", {{"email", "ann.lee@x.org"}}));
  ASSERT_OK_AND_ASSIGN(golden, engine_->GetGolden(GoldenOf("1"), true));
  EXPECT_THAT(golden.members[0].attributes,
              ElementsAre(std::pair<std::string, std::string>(
                  "email", "ann.lee@x.org")));
}

TEST_F(EngineTest, PartialRecordWithABadValueIsRejectedAndChangesNothing) {
  MustUpsert(Person("1", {{"full_name", "Ann Lee"}}));
  RecordInput partial = Person("1", {{"shoe_size", "38"}});
  partial.partial = true;
  EXPECT_THAT(
      engine_->Upsert(partial),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("shoe_size")));
}

TEST_F(EngineTest, ExportOfAnUnknownEntityTypeIsAnError) {
  EXPECT_THAT(engine_->ForEachXref("spaceship", 10,
                                   [](std::vector<XrefView>) { return true; }),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown entity type 'spaceship'")));
}

TEST_F(EngineTest, ResolveNeedsAnEntityTypeOnlyWhenTheKeyIsAmbiguous) {
  MustUpsert(Person("7", {{"email", "a@x.org"}}));
  ASSERT_OK_AND_ASSIGN(ResolvedId person, engine_->Resolve({"crm", "7"}, ""));
  EXPECT_EQ(person.entity_type, "person");
  MustUpsert({.entity_type = "product",
              .key = {"crm", "7"},
              .attributes = {{"name", "Widget"}}});
  EXPECT_THAT(engine_->Resolve({"crm", "7"}, ""),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("person and product")));
  ASSERT_OK_AND_ASSIGN(ResolvedId product,
                       engine_->Resolve({"crm", "7"}, "product"));
  EXPECT_EQ(product.golden_id.substr(0, 4), "PRD-");
}

TEST_F(EngineTest, UnknownOrMistypedGoldenIds) {
  const auto a = MustUpsert(Person("a", {{"email", "a@x.org"}}));
  EXPECT_THAT(engine_->GetGolden("PER-000009Z", true),
              StatusIs(absl::StatusCode::kInvalidArgument));
  std::string wrong_type = a.golden_id;
  wrong_type.replace(0, 3, "ORG");
  // Same number and check character under another prefix: another record.
  EXPECT_THAT(engine_->GetGolden(wrong_type, true),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(wrong_type)));
  EXPECT_THAT(engine_->GetGolden("XYZ-000001Y", true),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(EngineTest, PrefixChangeOfAnExistingTypeIsRefused) {
  MustUpsert(Person("a", {{"email", "a@x.org"}}));
  auto config = DefaultConfig();
  ASSERT_THAT(config, IsOk());
  config->mutable_entity_types(0)->set_id_prefix("PRS");
  EXPECT_THAT(Engine::Create(store_.get(), *config, &clock_),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("would change existing golden ids")));
}

// The partition as sets of source ids.
std::set<std::set<std::string>> Partition(Engine& engine) {
  std::map<std::string, std::set<std::string>> by_golden;
  absl::StatusOr<std::vector<XrefView>> xrefs = engine.ScanXrefs("", 0, 100000);
  EXPECT_THAT(xrefs, IsOk());
  if (!xrefs.ok()) return {};
  for (const XrefView& x : *xrefs)
    by_golden[x.golden_id].insert(x.key.source_id);
  std::set<std::set<std::string>> partition;
  for (auto& [golden, ids] : by_golden) partition.insert(ids);
  return partition;
}

TEST_F(EngineTest, PartitionDoesNotDependOnArrivalOrder) {
  std::vector<RecordInput> records;
  std::mt19937 random(11);
  for (int i = 0; i < 60; ++i) {
    std::vector<std::pair<std::string, std::string>> attrs;
    attrs.push_back({"email", absl::StrCat("e", random() % 25, "@x.org")});
    if (random() % 2) {
      attrs.push_back({"national_id", absl::StrCat("N", random() % 25)});
    }
    records.push_back(Person(absl::StrCat(i), attrs));
  }
  ASSERT_THAT(engine_->UpsertBatch(records)[0], IsOk());
  const auto expected = Partition(*engine_);
  EXPECT_GT(expected.size(), 3u);
  EXPECT_LT(expected.size(), 40u);
  for (int round = 0; round < 3; ++round) {
    TempDir other_dir;
    auto store = storage::OpenSqliteStore({.path = other_dir.Path("mdm.db")});
    ASSERT_THAT(store, IsOk());
    auto engine = Engine::Create(store->get(), *DefaultConfig(), &clock_);
    ASSERT_THAT(engine, IsOk());
    std::shuffle(records.begin(), records.end(), random);
    for (const RecordInput& r : records)
      ASSERT_THAT((*engine)->Upsert(r), IsOk());
    EXPECT_EQ(Partition(**engine), expected) << "round " << round;
  }
}

TEST_F(EngineTest, FeedIsDenseAndAccountsForEveryLiveGoldenId) {
  for (int i = 0; i < 40; ++i) {
    MustUpsert(
        Person(absl::StrCat(i), {{"email", absl::StrCat("e", i % 13, "@x")},
                                 {"national_id", absl::StrCat(i % 7)}}));
  }
  ASSERT_OK(engine_->Delete("person", {"crm", "3"}).status());
  const auto changes = Changes();
  std::set<std::string> created, gone;
  for (size_t i = 0; i < changes.size(); ++i) {
    EXPECT_EQ(changes[i].row.sequence, static_cast<int64_t>(i + 1));
    if (changes[i].row.kind == ChangeKind::kGoldenCreated) {
      created.insert(changes[i].golden_id);
    }
    if (changes[i].row.kind == ChangeKind::kGoldenMerged ||
        changes[i].row.kind == ChangeKind::kGoldenRetired) {
      gone.insert(changes[i].golden_id);
    }
  }
  std::set<std::string> live;
  ASSERT_OK_AND_ASSIGN(std::vector<XrefView> xrefs,
                       engine_->ScanXrefs("", 0, 1000));
  for (const XrefView& x : xrefs) live.insert(x.golden_id);
  std::set<std::string> expected;
  std::set_difference(created.begin(), created.end(), gone.begin(), gone.end(),
                      std::inserter(expected, expected.end()));
  EXPECT_EQ(live, expected);
  EXPECT_THAT(engine_->HeadSequence(),
              mdm::testing::IsOkAndHolds(static_cast<int64_t>(changes.size())));
}

TEST_F(EngineTest, ChangePagesReportTheHeadEvenWhenFilteredEmpty) {
  MustUpsert(Person("a", {{"email", "a@x.org"}}));
  MustUpsert({.entity_type = "product",
              .key = {"erp", "1"},
              .attributes = {{"name", "Widget"}}});
  ASSERT_OK_AND_ASSIGN(ChangePage products,
                       engine_->ListChanges(0, 10, "product"));
  ASSERT_EQ(products.events.size(), 1u);
  EXPECT_EQ(products.events[0].row.sequence, 2);
  ASSERT_OK_AND_ASSIGN(ChangePage organizations,
                       engine_->ListChanges(0, 10, "organization"));
  EXPECT_TRUE(organizations.events.empty());
  EXPECT_EQ(organizations.head_sequence, 2);
}

TEST_F(EngineTest, ForEachXrefPagesThroughOneSnapshot) {
  for (int i = 0; i < 7; ++i) {
    MustUpsert(Person(absl::StrCat(i), {{"email", absl::StrCat(i, "@x.org")}}));
  }
  std::vector<size_t> page_sizes;
  ASSERT_OK(engine_->ForEachXref("person", 3, [&](std::vector<XrefView> page) {
    page_sizes.push_back(page.size());
    return true;
  }));
  EXPECT_THAT(page_sizes, ElementsAre(3, 3, 1));
  int pages = 0;
  ASSERT_OK(engine_->ForEachXref(
      "", 3, [&](std::vector<XrefView>) { return ++pages < 2; }));
  EXPECT_EQ(pages, 2);
}

TEST_F(EngineTest, WaitForChangesWakesOnCommit) {
  EXPECT_FALSE(
      engine_->WaitForChanges(0, absl::Now() + absl::Milliseconds(10)));
  MustUpsert(Person("a", {{"email", "a@x.org"}}));
  EXPECT_TRUE(engine_->WaitForChanges(0, absl::Now()));
}

TEST_F(EngineTest, ExplainShowsLevelsWeightsAndTheBlockingKeys) {
  MustUpsert(Person("a", {{"given_name", "Robert"},
                          {"family_name", "Smith"},
                          {"birth_date", "1985-03-07"},
                          {"email", "bob.smith@example.org"}}));
  MustUpsert(Person("b",
                    {{"given_name", "Bob"},
                     {"family_name", "Smith"},
                     {"birth_date", "07/03/1985"}},
                    "erp"));
  ASSERT_OK_AND_ASSIGN(Explanation e, engine_->Explain({.key = {"crm", "a"}},
                                                       {.key = {"erp", "b"}}));
  EXPECT_EQ(e.entity_type, "person");
  EXPECT_EQ(e.model_version, 0);
  std::map<std::string, ComparisonExplanation> by_name;
  for (const ComparisonExplanation& c : e.comparisons)
    by_name[c.comparison] = c;
  EXPECT_EQ(by_name["given_name"].level, "nickname or script");
  EXPECT_EQ(by_name["given_name"].value_a, "robert");
  EXPECT_EQ(by_name["given_name"].value_b, "bob");
  EXPECT_GT(by_name["given_name"].weight, 0);
  EXPECT_EQ(by_name["birth_date"].level, "exact");
  EXPECT_EQ(by_name["email"].level, "missing");
  EXPECT_EQ(by_name["email"].weight, 0);
  double total = e.prior_weight;
  for (const ComparisonExplanation& c : e.comparisons) total += c.weight;
  EXPECT_NEAR(e.match_weight, total, 1e-9);
  EXPECT_EQ(e.decision, MatchDecision::kLink);
  EXPECT_EQ(e.golden_id_a, e.golden_id_b);
  std::set<std::string> rules;
  for (const SharedBlock& block : e.shared_blocks) rules.insert(block.rule);
  EXPECT_TRUE(rules.contains("birth_date")) << rules.size();
  EXPECT_THAT(engine_->Explain({.key = {"crm", "a"}}, {.key = {"crm", "zz"}}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("crm:zz")));
}

TEST_F(EngineTest, ExplainSaysWhenNoBlockingKeyIsShared) {
  MustUpsert(Person("a", {{"given_name", "Ann"}, {"family_name", "Lee"}}));
  MustUpsert(Person("b", {{"given_name", "Zed"}, {"family_name", "Quay"}}));
  ASSERT_OK_AND_ASSIGN(Explanation e, engine_->Explain({.key = {"crm", "a"}},
                                                       {.key = {"crm", "b"}}));
  EXPECT_TRUE(e.shared_blocks.empty());
  EXPECT_EQ(e.decision, MatchDecision::kNoMatch);
}

TEST_F(EngineTest,
       StrongIdentifierConflictsAreNeverClusteredEvenThroughOthers) {
  // c links to a (same e-mail) and to b (same phone and name); a and b carry
  // different valid national ids, so c joins only one of them.
  MustUpsert(Person("a", {{"email", "x@example.org"},
                          {"national_id", "11010519491231002X"}}));
  MustUpsert(Person("b", {{"phone", "+1 415 555 0101"},
                          {"given_name", "Ann"},
                          {"family_name", "Lee"},
                          {"national_id", "110105198001010016"}}));
  MustUpsert(Person("c", {{"email", "x@example.org"},
                          {"phone", "+1 415 555 0101"},
                          {"given_name", "Ann"},
                          {"family_name", "Lee"}}));
  EXPECT_NE(GoldenOf("a"), GoldenOf("b"));
  ASSERT_OK_AND_ASSIGN(Explanation e, engine_->Explain({.key = {"crm", "a"}},
                                                       {.key = {"crm", "b"}}));
  ASSERT_EQ(e.conflicts.size(), 1u);
  EXPECT_THAT(e.conflicts[0], HasSubstr("national_id"));
}

TEST_F(EngineTest, TrainingStoresAVersionUsedFromThenOnAndRematches) {
  for (int i = 0; i < 60; ++i) {
    const std::string g = absl::StrCat("Given", i % 17);
    const std::string f = absl::StrCat("Family", i % 23);
    const std::string dob = absl::StrFormat("19%02d-%02d-%02d", 50 + i % 40,
                                            1 + i % 12, 1 + i % 28);
    MustUpsert(
        Person(absl::StrCat(i),
               {{"given_name", g}, {"family_name", f}, {"birth_date", dob}}));
    if (i % 3 == 0) {
      MustUpsert(Person(
          absl::StrCat(i),
          {{"given_name", g}, {"family_name", f}, {"birth_date", dob}}, "erp"));
    }
  }
  ASSERT_OK_AND_ASSIGN(ActiveModel before, engine_->GetModel("person"));
  EXPECT_EQ(before.model.version(), 0);
  ASSERT_OK_AND_ASSIGN(TrainingOutcome outcome,
                       engine_->TrainModel("person", 0));
  EXPECT_EQ(outcome.model.version(), 1);
  EXPECT_EQ(outcome.rematched_records, 80);
  EXPECT_GT(outcome.model.prior_match_probability(), 0);
  ASSERT_OK_AND_ASSIGN(ActiveModel after, engine_->GetModel("person"));
  EXPECT_EQ(after.model.version(), 1);
  EXPECT_EQ(engine_->Model("person")->version(), 1);
  // The copies still share golden records under the trained model.
  EXPECT_EQ(GoldenOf("3"), engine_->Resolve({"erp", "3"}, "person")->golden_id);
  // A second training makes version 2, and a reopened engine loads it.
  ASSERT_OK_AND_ASSIGN(TrainingOutcome second,
                       engine_->TrainModel("person", 0));
  EXPECT_EQ(second.model.version(), 2);
  Open();
  EXPECT_EQ(engine_->Model("person")->version(), 2);
  EXPECT_THAT(engine_->TrainModel("spaceship", 0),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(EngineTest,
       RematchMovesNothingOnAHealthyStoreAndReclustersAfterAChange) {
  const std::vector<std::pair<std::string, std::string>> ann = {
      {"given_name", "Ann"},
      {"family_name", "Lee"},
      {"email", "ann.lee@example.org"},
      {"birth_date", "1980-02-03"}};
  MustUpsert(Person("1", ann));
  MustUpsert(Person("2", ann, "erp"));
  MustUpsert(Person("3", {{"given_name", "Bo"}, {"family_name", "Chan"}}));
  ASSERT_EQ(GoldenOf("1"), GoldenOf("2", "erp"));
  ASSERT_OK_AND_ASSIGN(RematchOutcome healthy, engine_->Rematch("person"));
  EXPECT_EQ(healthy.records, 3);
  EXPECT_EQ(healthy.records_moved, 0);
  EXPECT_EQ(healthy.golden_records_created, 0);
  EXPECT_EQ(healthy.golden_records_retired, 0);

  // Reopened with thresholds no pair here reaches, the batch path splits
  // them.
  absl::StatusOr<v1::MdmConfig> config = DefaultConfig();
  ASSERT_OK(config.status());
  for (v1::EntityTypeConfig& type : *config->mutable_entity_types()) {
    if (type.name() != "person") continue;
    type.mutable_thresholds()->set_auto_merge(1 - 1e-15);
    type.mutable_thresholds()->set_review(1 - 1e-15);
    type.mutable_thresholds()->clear_best_match();
    type.mutable_thresholds()->clear_one_to_one();
  }
  Open(&*config);
  ASSERT_OK_AND_ASSIGN(RematchOutcome split, engine_->Rematch("person"));
  EXPECT_EQ(split.records, 3);
  EXPECT_EQ(split.records_moved, 1);
  EXPECT_EQ(split.golden_records_created, 1);
  EXPECT_EQ(split.golden_records_retired, 0);
  EXPECT_NE(GoldenOf("1"), GoldenOf("2", "erp"));
  ExpectInvariantsHold();
  ASSERT_OK_AND_ASSIGN(RematchOutcome again, engine_->Rematch("person"));
  EXPECT_EQ(again.records_moved + again.golden_records_created +
                again.golden_records_retired,
            0);
  EXPECT_THAT(engine_->Rematch("spaceship"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(EngineTest, PairsFollowBlocksAcrossTheirCapInEitherDirection) {
  // Every person block capped at 2 records.
  absl::StatusOr<v1::MdmConfig> config = DefaultConfig();
  ASSERT_OK(config.status());
  for (v1::EntityTypeConfig& type : *config->mutable_entity_types()) {
    if (type.name() != "person") continue;
    type.set_max_block_size(2);
    for (v1::BlockingRuleConfig& rule : *type.mutable_blocking_rules()) {
      rule.clear_max_block_size();
    }
  }
  Open(&*config);
  auto queue_size = [&] {
    auto page = engine_->ListCandidates({.entity_type = "person"});
    EXPECT_OK(page.status());
    return page.ok() ? page->candidates.size() : size_t{99};
  };
  // Same name, one with a city and one with an e-mail: a review pair, found
  // only through the name blocks.
  MustUpsert(Person(
      "a",
      {{"given_name", "Ann"}, {"family_name", "Lee"}, {"city", "Oakland"}}));
  MustUpsert(Person(
      "b",
      {{"given_name", "Ann"}, {"family_name", "Lee"}, {"email", "ann@y.org"}},
      "web"));
  EXPECT_EQ(queue_size(), 1u);
  ExpectInvariantsHold();
  // A third Ann Lee takes the name blocks past their cap: a batch re-match
  // would not pair a and b any more, so neither does the store.
  MustUpsert(Person("c",
                    {{"given_name", "Ann"},
                     {"family_name", "Lee"},
                     {"phone", "+1 415 555 0199"}},
                    "app"));
  EXPECT_EQ(queue_size(), 0u);
  ExpectInvariantsHold();
  // Its delete brings the blocks back to the cap, and the pair with them.
  ASSERT_OK(engine_->Delete("person", {"app", "c"}).status());
  EXPECT_EQ(queue_size(), 1u);
  ExpectInvariantsHold();
  // The same through an update that changes the third record's name.
  MustUpsert(Person("c",
                    {{"given_name", "Ann"},
                     {"family_name", "Lee"},
                     {"phone", "+1 415 555 0199"}},
                    "app"));
  EXPECT_EQ(queue_size(), 0u);
  MustUpsert(Person("c",
                    {{"given_name", "Cho"},
                     {"family_name", "Park"},
                     {"phone", "+1 415 555 0199"}},
                    "app"));
  EXPECT_EQ(queue_size(), 1u);
  ExpectInvariantsHold();
}

TEST_F(EngineTest, PairsFollowBlocksAcrossTheirSingleKeySizeInEitherDirection) {
  // Persons blocked by e-mail and by name sounds only; a name-sounds block
  // of more than 2 records pairs only records that share another key.
  absl::StatusOr<v1::MdmConfig> config = DefaultConfig();
  ASSERT_OK(config.status());
  for (v1::EntityTypeConfig& type : *config->mutable_entity_types()) {
    if (type.name() != "person") continue;
    google::protobuf::RepeatedPtrField<v1::BlockingRuleConfig> kept;
    for (const v1::BlockingRuleConfig& rule : type.blocking_rules()) {
      if (rule.name() == "email" || rule.name() == "name_sounds") {
        *kept.Add() = rule;
      }
    }
    ASSERT_EQ(kept.size(), 2);
    for (v1::BlockingRuleConfig& rule : kept) {
      if (rule.name() == "name_sounds") rule.set_single_key_block_size(2);
    }
    type.mutable_blocking_rules()->Swap(&kept);
  }
  Open(&*config);
  auto queue_size = [&] {
    auto page = engine_->ListCandidates({.entity_type = "person"});
    EXPECT_OK(page.status());
    return page.ok() ? page->candidates.size() : size_t{99};
  };
  // A review pair sharing one key: the name-sounds block.
  MustUpsert(Person(
      "a",
      {{"given_name", "Ann"}, {"family_name", "Lee"}, {"city", "Oakland"}}));
  const UpsertResult b = MustUpsert(Person(
      "b",
      {{"given_name", "Ann"}, {"family_name", "Lee"}, {"email", "ann@y.org"}},
      "web"));
  EXPECT_EQ(queue_size(), 1u);
  ExpectInvariantsHold();
  // A third Ann Lee takes the block past its single-key size: a and b share
  // nothing else, so a batch re-match would not pair them any more.
  MustUpsert(Person("c",
                    {{"given_name", "Ann"},
                     {"family_name", "Lee"},
                     {"phone", "+1 415 555 0199"}},
                    "app"));
  EXPECT_EQ(queue_size(), 0u);
  ExpectInvariantsHold();
  // A pair that shares the e-mail too is still scored, and links.
  const UpsertResult d = MustUpsert(Person(
      "d",
      {{"given_name", "Ann"}, {"family_name", "Lee"}, {"email", "ann@y.org"}},
      "app"));
  EXPECT_EQ(d.golden_id, b.golden_id);
  ExpectInvariantsHold();
  // Deletes bring the block back to its single-key size, and the pair with
  // it.
  ASSERT_OK(engine_->Delete("person", {"app", "c"}).status());
  ASSERT_OK(engine_->Delete("person", {"app", "d"}).status());
  EXPECT_EQ(queue_size(), 1u);
  ExpectInvariantsHold();
}

TEST_F(EngineTest, SiblingProductsSharingBrandWordsAndPriceStayApart) {
  auto product = [](std::string id, std::string name, std::string price) {
    return RecordInput{.entity_type = "product",
                       .key = {"shop", std::move(id)},
                       .attributes = {{"name", std::move(name)},
                                      {"brand", "Sony"},
                                      {"price", std::move(price)},
                                      {"category", "Headphones"}}};
  };
  const auto xm4 = MustUpsert(
      product("1", "Sony WH-1000XM4 Wireless Noise Cancelling Headphones Black",
              "348"));
  const auto xm5 = MustUpsert(
      product("2", "Sony WH-1000XM5 Wireless Noise Cancelling Headphones Black",
              "349"));
  EXPECT_NE(xm4.golden_id, xm5.golden_id);
  const auto xm4_again = MustUpsert(
      product("3", "Sony WH1000XM4 Wireless Noise-Cancelling Headphones, Black",
              "348"));
  EXPECT_EQ(xm4_again.golden_id, xm4.golden_id);
  const auto small = MustUpsert(
      product("4", "Sony Walkman NW-A306 32GB Hi-Res Audio Player", "349"));
  const auto large = MustUpsert(
      product("5", "Sony Walkman NW-A306 64GB Hi-Res Audio Player", "349"));
  EXPECT_NE(small.golden_id, large.golden_id);
}

TEST_F(EngineTest, ANewBestCandidateEndsTheBandLinkItDisplaces) {
  // P (crm) and Z (erp) are each other's best candidate in the band below
  // auto_merge, so they share a golden record. X (erp) then links to P at
  // auto_merge and nothing else: X becomes P's best towards erp, the P-Z
  // pair no longer counts, and Z must leave, as a batch clustering of the
  // three would have it.
  v1::MdmConfig config = *DefaultConfig();
  v1::EntityTypeConfig* item = config.add_entity_types();
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(
        name: "item"
        id_prefix: "ITM"
        prior_match_probability: 0.1
        thresholds { auto_merge: 0.99 review: 0.01 best_match: 0.5 }
        attributes { name: "code" kind: IDENTIFIER }
        attributes { name: "hint" kind: TEXT }
        blocking_rules { name: "code" attributes: "code" }
        blocking_rules { name: "hint" attributes: "hint" }
        comparisons {
          name: "code"
          attribute: "code"
          levels {
            label: "exact"
            exact {}
            m: 0.9
            u: 0.000001
          }
          levels {
            label: "different"
            else {}
            m: 0.5
            u: 0.5
          }
        }
        comparisons {
          name: "hint"
          attribute: "hint"
          levels {
            label: "exact"
            exact {}
            m: 0.9
            u: 0.05
          }
          levels {
            label: "different"
            else {}
            m: 0.1
            u: 0.95
          }
        }
      )pb",
      item));
  Open(&config);
  auto record = [](std::string source, std::string id, std::string code,
                   std::string hint) {
    return RecordInput{
        .entity_type = "item",
        .key = {std::move(source), std::move(id)},
        .attributes = {{"code", std::move(code)}, {"hint", std::move(hint)}}};
  };
  const auto p = MustUpsert(record("crm", "P", "C1", "h"));
  const auto z = MustUpsert(record("erp", "Z", "C2", "h"));
  ASSERT_EQ(z.golden_id, p.golden_id) << "the band pair should link";
  const auto x = MustUpsert(record("erp", "X", "C1", "k"));
  EXPECT_EQ(x.golden_id, p.golden_id);
  ASSERT_OK_AND_ASSIGN(ResolvedId z_now,
                       engine_->Resolve({"erp", "Z"}, "item"));
  EXPECT_NE(z_now.golden_id, x.golden_id);
  ExpectInvariantsHold();
}

TEST_F(EngineTest, OversizedBlocksAreSkippedAndCounted) {
  v1::MdmConfig config = *DefaultConfig();
  v1::EntityTypeConfig* person = config.mutable_entity_types(0);
  for (v1::BlockingRuleConfig& rule : *person->mutable_blocking_rules()) {
    if (rule.name() == "birth_date") rule.set_max_block_size(3);
  }
  engine_.reset();
  auto engine = Engine::Create(store_.get(), config, &clock_);
  ASSERT_THAT(engine, IsOk());
  engine_ = *std::move(engine);
  for (int i = 0; i < 6; ++i) {
    MustUpsert(Person(absl::StrCat(i), {{"birth_date", "1985-03-07"},
                                        {"given_name", absl::StrCat("G", i)}}));
  }
  ASSERT_OK_AND_ASSIGN(ActiveModel active, engine_->GetModel("person"));
  EXPECT_GT(active.oversized_blocks_skipped, 0);
  ASSERT_OK_AND_ASSIGN(Explanation e, engine_->Explain({.key = {"crm", "0"}},
                                                       {.key = {"crm", "5"}}));
  bool oversized = false;
  for (const SharedBlock& block : e.shared_blocks) {
    if (block.rule == "birth_date") oversized = block.oversized;
  }
  EXPECT_TRUE(oversized);
}

TEST_F(EngineTest, TrainingNeedsRecords) {
  EXPECT_THAT(engine_->TrainModel("organization", 0),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(EngineTest, TrainingOnTooLittleDataKeepsTheCurrentModel) {
  for (int i = 0; i < 10; ++i) {
    MustUpsert(Person(absl::StrCat(i),
                      {{"given_name", absl::StrCat("Given", i)},
                       {"family_name", absl::StrCat("Family", i)},
                       {"email", absl::StrCat("p", i, "@example.org")}}));
  }
  EXPECT_THAT(engine_->TrainModel("person", 0),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("cannot train person: too little data to "
                                 "learn from: 10 records")));
  EXPECT_THAT(engine_->TrainModel("person", 0),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("the configuration's defaults stay active")));
  ASSERT_OK_AND_ASSIGN(ActiveModel active, engine_->GetModel("person"));
  EXPECT_EQ(active.model.version(), 0);
  EXPECT_EQ(engine_->Model("person")->version(), 0);
}

TEST_F(EngineTest, NewSourceNamesFollowTheSourceRules) {
  // The first record of a source the configuration does not name warns
  // that the defaults apply; later ones do not.
  const UpsertResult first = MustUpsert(Person("1", {{"email", "a@x.org"}}));
  ASSERT_THAT(first.warnings, ::testing::SizeIs(1));
  EXPECT_THAT(first.warnings[0], HasSubstr("source 'crm' is new"));
  EXPECT_THAT(MustUpsert(Person("2", {{"email", "b@x.org"}})).warnings,
              ::testing::IsEmpty());
  // Per record: a new name differing only by case, or holding ':', is
  // refused, naming the record and the field.
  const struct {
    const char* source;
    const char* error;
  } refused[] = {
      {"CRM",
       "record CRM:3: source 'CRM' differs only by case from source "
       "'crm'"},
      {"erp:eu", "record erp:eu:3: source 'erp:eu' holds ':'"},
  };
  for (const auto& c : refused) {
    absl::StatusOr<UpsertResult> result =
        engine_->Upsert(Person("3", {{"email", "c@x.org"}}, c.source));
    EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument,
                                 HasSubstr(c.error)));
    EXPECT_EQ(ErrorField(result.status()), "key.source");
  }
  // Within one batch the second spelling is refused too.
  std::vector<absl::StatusOr<UpsertResult>> batch =
      engine_->UpsertBatch({Person("4", {{"email", "d@x.org"}}, "web"),
                            Person("5", {{"email", "e@x.org"}}, "Web")});
  ASSERT_THAT(batch, ::testing::SizeIs(2));
  ASSERT_OK(batch[0].status());
  EXPECT_THAT(batch[0]->warnings, ::testing::SizeIs(1));
  EXPECT_THAT(batch[1], StatusIs(absl::StatusCode::kInvalidArgument,
                                 HasSubstr("differs only by case")));
  // CheckSource answers the same up front; new_source confirms a name.
  EXPECT_THAT(engine_->CheckSource("CRM", false),
              StatusIs(absl::StatusCode::kInvalidArgument));
  ASSERT_OK_AND_ASSIGN(SourceVerdict verdict,
                       engine_->CheckSource("CRM", true));
  EXPECT_FALSE(verdict.held);
  EXPECT_THAT(verdict.warning, HasSubstr("source 'CRM' is new"));
  ASSERT_OK(
      engine_->Upsert(Person("3", {{"email", "c@x.org"}}, "CRM")).status());
  ASSERT_OK_AND_ASSIGN(verdict, engine_->CheckSource("crm", false));
  EXPECT_TRUE(verdict.held);
  EXPECT_THAT(verdict.warning, ::testing::IsEmpty());
  EXPECT_THAT(engine_->CheckSource("a:b", true),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(EngineTest, SourcesHoldingAColonFromBeforeStayUsable) {
  // Stand-in for a database written before ':' was refused: a configuration
  // that names the source lets records in.
  absl::StatusOr<v1::MdmConfig> config = DefaultConfig();
  ASSERT_OK(config.status());
  config->add_sources()->set_name("erp:eu");
  Open(&*config);
  const UpsertResult stored =
      MustUpsert(Person("42", {{"email", "eu@x.org"}}, "erp:eu"));
  EXPECT_THAT(stored.warnings, ::testing::IsEmpty());  // configured
  MustUpsert(Person("43", {{"email", "eu2@x.org"}}, "erp:eu"));
  // Reopened without it, the source is known from the records it holds.
  Open();
  ASSERT_OK_AND_ASSIGN(SourceVerdict verdict,
                       engine_->CheckSource("erp:eu", false));
  EXPECT_TRUE(verdict.held);
  EXPECT_EQ(GoldenOf("42", "erp:eu"), stored.golden_id);
  const UpsertResult updated = MustUpsert(
      Person("42", {{"email", "eu@x.org"}, {"given_name", "Eu"}}, "erp:eu"));
  EXPECT_EQ(updated.outcome, UpsertOutcome::kUpdated);
  EXPECT_OK(
      engine_->Explain({.key = {"erp:eu", "42"}}, {.key = {"erp:eu", "43"}})
          .status());
  EXPECT_OK(engine_->Delete("person", {"erp:eu", "42"}).status());
  // A new source with ':' is still refused.
  EXPECT_THAT(engine_->Upsert(Person("1", {{"email", "x@x.org"}}, "erp:us")),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // Once its last record is deleted, the old source is new like any other,
  // and refused for its ':'.
  EXPECT_OK(engine_->Delete("person", {"erp:eu", "43"}).status());
  EXPECT_THAT(
      engine_->Upsert(Person("42", {{"email", "eu@x.org"}}, "erp:eu")),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("holds ':'")));
}

TEST_F(EngineTest, DeletingTheLastRecordOfASourceForgetsIt) {
  MustUpsert(Person("1", {{"email", "a@x.org"}}, "crm"));
  MustUpsert(Person("2", {{"email", "b@x.org"}}, "crm"));
  // While a record is left, the source is held and its spellings refused.
  ASSERT_OK(engine_->Delete("person", {"crm", "1"}).status());
  ASSERT_OK_AND_ASSIGN(SourceVerdict verdict,
                       engine_->CheckSource("crm", false));
  EXPECT_TRUE(verdict.held);
  EXPECT_THAT(engine_->CheckSource("CRM", false),
              StatusIs(absl::StatusCode::kInvalidArgument));
  ASSERT_OK(engine_->Delete("person", {"crm", "2"}).status());
  ASSERT_OK_AND_ASSIGN(verdict, engine_->CheckSource("crm", false));
  EXPECT_FALSE(verdict.held);
  EXPECT_THAT(verdict.warning, HasSubstr("source 'crm' is new"));
  // As after a restart: the same answers from the store alone.
  Open();
  ASSERT_OK_AND_ASSIGN(verdict, engine_->CheckSource("crm", false));
  EXPECT_FALSE(verdict.held);
  // Another spelling is free now; its first record warns that it is new.
  const UpsertResult shouted =
      MustUpsert(Person("1", {{"email", "a@x.org"}}, "CRM"));
  ASSERT_THAT(shouted.warnings, ::testing::SizeIs(1));
  EXPECT_THAT(shouted.warnings[0], HasSubstr("source 'CRM' is new"));
}

TEST_F(EngineTest, SourcesOfEntityTypesNoLongerConfiguredStayKnown) {
  absl::StatusOr<v1::MdmConfig> config = DefaultConfig();
  ASSERT_OK(config.status());
  MustUpsert({.entity_type = "product",
              .key = {"pim", "1"},
              .attributes = {{"name", "Widget"}}});
  // Reopened with the product type left out of the configuration.
  auto* types = config->mutable_entity_types();
  for (int i = 0; i < types->size(); ++i) {
    if (types->Get(i).name() == "product") {
      types->DeleteSubrange(i, 1);
      break;
    }
  }
  Open(&*config);
  ASSERT_OK_AND_ASSIGN(SourceVerdict verdict,
                       engine_->CheckSource("pim", false));
  EXPECT_TRUE(verdict.held);
  EXPECT_THAT(engine_->CheckSource("PIM", false),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("differs only by case from source 'pim'")));
}

TEST_F(EngineTest, ExplanationLevelLabelsAgreeWithTheValues) {
  MustUpsert(Person("1", {{"given_name", "Ann"},
                          {"family_name", "Lee"},
                          {"full_name", "Ann Lee"},
                          {"postal_code", "94107"},
                          {"city", "San Francisco"}}));
  MustUpsert(Person("2", {{"given_name", "Ann"},
                          {"family_name", "Lee"},
                          {"full_name", "Ann Lee"},
                          {"postal_code", "94107"},
                          {"city", "SF"},
                          {"email", "ann@x.org"}}));
  ASSERT_OK_AND_ASSIGN(Explanation e, engine_->Explain({.key = {"crm", "1"}},
                                                       {.key = {"crm", "2"}}));
  std::map<std::string, const ComparisonExplanation*> by_name;
  for (const ComparisonExplanation& c : e.comparisons)
    by_name[c.comparison] = &c;
  ASSERT_TRUE(by_name.contains("full_name") && by_name.contains("city") &&
              by_name.contains("email") && by_name.contains("given_name"));
  // Both values shown, so not "missing": another comparison counted them.
  EXPECT_EQ(by_name["full_name"]->value_a, by_name["full_name"]->value_b);
  EXPECT_EQ(by_name["full_name"]->level, "not counted (given_name compared)");
  EXPECT_FALSE(by_name["full_name"]->counted);
  EXPECT_EQ(by_name["city"]->level, "not counted (postal_code compared)");
  EXPECT_FALSE(by_name["city"]->value_b.empty());
  // "missing" only where a value is.
  EXPECT_EQ(by_name["email"]->level, "missing");
  EXPECT_TRUE(by_name["email"]->value_a.empty());
  EXPECT_EQ(by_name["given_name"]->level, "exact");
  EXPECT_TRUE(by_name["given_name"]->counted);
  for (const ComparisonExplanation& c : e.comparisons) {
    EXPECT_EQ(c.level == "missing", c.value_a.empty() || c.value_b.empty())
        << c.comparison;
    if (!c.counted) {
      EXPECT_EQ(c.weight, 0) << c.comparison;
    }
  }
}

TEST_F(EngineTest, StateSurvivesReopen) {
  const auto a = MustUpsert(Person("a", {{"email", "a@x.org"}}));
  Open();
  EXPECT_EQ(GoldenOf("a"), a.golden_id);
  const auto b = MustUpsert(Person("b", {{"email", "a@x.org"}}));
  EXPECT_EQ(b.golden_id, a.golden_id);
  EXPECT_TRUE(engine_->WaitForChanges(0, absl::Now()));
}

TEST_F(EngineTest, BlocksFollowUpdatesDeletesAndReopen) {
  const auto a = MustUpsert(Person("a", {{"email", "x@x.org"}}));
  MustUpsert(Person("a", {{"email", "y@x.org"}}));
  // a left the block of x@x.org.
  const auto b = MustUpsert(Person("b", {{"email", "x@x.org"}}));
  EXPECT_EQ(b.outcome, UpsertOutcome::kCreated);
  const auto c = MustUpsert(Person("c", {{"email", "y@x.org"}}));
  EXPECT_EQ(c.golden_id, a.golden_id);
  clock_.Advance(absl::Seconds(1));
  ASSERT_OK(engine_->Delete("person", {"crm", "b"}));
  const auto d = MustUpsert(Person("d", {{"email", "x@x.org"}}));
  EXPECT_EQ(d.outcome, UpsertOutcome::kCreated);
  Open();  // the index is rebuilt from the stored records
  const auto e = MustUpsert(Person("e", {{"email", "y@x.org"}}));
  EXPECT_EQ(e.golden_id, a.golden_id);
  const auto f = MustUpsert(Person("f", {{"email", "x@x.org"}}));
  EXPECT_EQ(f.golden_id, d.golden_id);
}

}  // namespace
}  // namespace mdm::engine
