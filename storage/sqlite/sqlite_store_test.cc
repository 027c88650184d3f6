#include "storage/sqlite/sqlite_store.h"

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/base/testing/status_matchers.h"
#include "src/base/testing/temp_dir.h"
#include "storage/sqlite/internal/row_codec.h"

namespace mdm::storage {
namespace {

using ::mdm::testing::IsOk;
using ::mdm::testing::IsOkAndHolds;
using ::mdm::testing::StatusIs;
using ::mdm::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const absl::Time kT0 = absl::FromUnixSeconds(1'700'000'000);

RecordRow MakeRecord(std::string source_id, int64_t golden_id) {
  RecordRow row;
  row.entity_type = "person";
  row.key = {"crm", std::move(source_id)};
  row.golden_id = golden_id;
  row.attributes = {{"email", "a@example.com"}, {"full_name", "Ann Lee"}};
  row.features = std::string("\x01\x02\x00\x03", 4);
  row.content_hash = 0xfedcba9876543210ULL;
  row.version = 1;
  row.created_at = kT0;
  row.updated_at = kT0;
  return row;
}

GoldenRow MakeGolden() {
  GoldenRow row;
  row.entity_type = "person";
  row.version = 1;
  row.created_at = kT0;
  row.updated_at = kT0;
  row.attributes = {{.name = "full_name",
                     .value = "Ann Lee",
                     .source = {"crm", "1"},
                     .rule = "most_recent"}};
  return row;
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<Store> Open(int schema_version = 0) {
    auto store = OpenSqliteStore(
        {.path = dir_.Path("mdm.db"), .schema_version = schema_version});
    EXPECT_THAT(store, IsOk());
    return store.ok() ? *std::move(store) : nullptr;
  }

  TempDir dir_;
};

TEST_F(SqliteStoreTest, NewDatabaseIsAtLatestSchemaAndEmpty) {
  auto store = Open();
  EXPECT_EQ(store->schema_version(), 6);
  ASSERT_OK_AND_ASSIGN(auto read, store->BeginRead());
  EXPECT_THAT(read->HeadSequence(), IsOkAndHolds(0));
  ASSERT_OK_AND_ASSIGN(auto xrefs, read->ScanXrefs("", 0, 10));
  EXPECT_THAT(xrefs, IsEmpty());
}

TEST_F(SqliteStoreTest, WritesAreVisibleAfterCommitAndReopen) {
  int64_t golden_id = 0;
  int64_t record_id = 0;
  {
    auto store = Open();
    ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
    GoldenRow golden = MakeGolden();
    ASSERT_OK(txn->InsertGolden(golden));
    RecordRow record = MakeRecord("1", golden.id);
    ASSERT_OK(txn->InsertRecord(record));
    ChangeRow change{.time = kT0,
                     .entity_type = "person",
                     .kind = ChangeKind::kGoldenCreated,
                     .golden_id = golden.id,
                     .keys = {record.key},
                     .attributes = golden.attributes};
    ASSERT_OK(txn->AppendChange(change));
    EXPECT_EQ(change.sequence, 1);
    ASSERT_OK(txn->Commit());
    golden_id = golden.id;
    record_id = record.id;
  }
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto read, store->BeginRead());
  ASSERT_OK_AND_ASSIGN(auto found, read->FindRecord("person", {"crm", "1"}));
  ASSERT_TRUE(found.has_value());
  const RecordRow expected = MakeRecord("1", golden_id);
  EXPECT_EQ(found->id, record_id);
  EXPECT_EQ(found->attributes, expected.attributes);
  EXPECT_EQ(found->features, expected.features);
  EXPECT_EQ(found->content_hash, expected.content_hash);
  EXPECT_EQ(found->created_at, kT0);
  ASSERT_OK_AND_ASSIGN(auto golden, read->GetGolden(golden_id));
  ASSERT_TRUE(golden.has_value());
  EXPECT_EQ(golden->attributes, MakeGolden().attributes);
  ASSERT_OK_AND_ASSIGN(auto changes, read->ListChanges(0, 10, ""));
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].keys, std::vector<SourceKey>({{"crm", "1"}}));
  ASSERT_OK_AND_ASSIGN(auto other_type,
                       read->FindRecord("product", {"crm", "1"}));
  EXPECT_FALSE(other_type.has_value());
}

TEST_F(SqliteStoreTest, WriterWaitGivesUpAtTheLimitAndServesTheNextOne) {
  auto store = OpenSqliteStore(
      {.path = dir_.Path("mdm.db"), .max_write_wait = absl::Milliseconds(50)});
  ASSERT_THAT(store, IsOk());
  ASSERT_OK_AND_ASSIGN(auto held, (*store)->BeginWrite());
  absl::StatusOr<std::unique_ptr<WriteTransaction>> refused;
  std::thread([&] { refused = (*store)->BeginWrite(); }).join();
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(refused.status().message(), ::testing::HasSubstr("busy"));
  held.reset();  // rolled back; the writer is free again
  EXPECT_THAT((*store)->BeginWrite(), IsOk());
}

TEST_F(SqliteStoreTest, BackupIsACompleteCopyAsOfOneMoment) {
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
  GoldenRow golden = MakeGolden();
  ASSERT_OK(txn->InsertGolden(golden));
  RecordRow committed = MakeRecord("1", golden.id);
  ASSERT_OK(txn->InsertRecord(committed));
  ASSERT_OK(txn->Commit());
  txn.reset();
  // An open write transaction is not in the copy.
  ASSERT_OK_AND_ASSIGN(auto open, store->BeginWrite());
  RecordRow uncommitted = MakeRecord("2", 1);
  ASSERT_OK(open->InsertRecord(uncommitted));
  const std::string copy = dir_.Path("copy.db");
  ASSERT_OK(store->BackupTo(copy));
  EXPECT_EQ(store->BackupTo(copy).code(), absl::StatusCode::kAlreadyExists);
  open.reset();
  auto copied = OpenSqliteStore({.path = copy});
  ASSERT_THAT(copied, IsOk());
  ASSERT_OK_AND_ASSIGN(auto read, (*copied)->BeginRead());
  ASSERT_OK_AND_ASSIGN(auto found, read->FindRecord("person", {"crm", "1"}));
  EXPECT_TRUE(found.has_value());
  ASSERT_OK_AND_ASSIGN(auto missing, read->FindRecord("person", {"crm", "2"}));
  EXPECT_FALSE(missing.has_value());
  EXPECT_FALSE(std::filesystem::exists(copy + ".partial"));
}

TEST_F(SqliteStoreTest, TransactionWithoutCommitLeavesNothing) {
  auto store = Open();
  {
    ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
    GoldenRow golden = MakeGolden();
    ASSERT_OK(txn->InsertGolden(golden));
    ChangeRow change{
        .time = kT0, .entity_type = "person", .golden_id = golden.id};
    ASSERT_OK(txn->AppendChange(change));
  }
  ASSERT_OK_AND_ASSIGN(auto read, store->BeginRead());
  EXPECT_THAT(read->HeadSequence(), IsOkAndHolds(0));
  ASSERT_OK_AND_ASSIGN(auto golden, read->GetGolden(1));
  EXPECT_FALSE(golden.has_value());
}

TEST_F(SqliteStoreTest, RollbackToSavepointUndoesOnlyTheLastUnit) {
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
  ASSERT_OK(txn->Savepoint());
  RecordRow kept = MakeRecord("kept", 1);
  ASSERT_OK(txn->InsertRecord(kept));
  ASSERT_OK(txn->ReleaseSavepoint());
  ASSERT_OK(txn->Savepoint());
  RecordRow dropped = MakeRecord("dropped", 1);
  ASSERT_OK(txn->InsertRecord(dropped));
  ASSERT_OK(txn->RollbackToSavepoint());
  ASSERT_OK(txn->Commit());
  ASSERT_OK_AND_ASSIGN(auto read, store->BeginRead());
  ASSERT_OK_AND_ASSIGN(auto xrefs, read->ScanXrefs("", 0, 10));
  ASSERT_EQ(xrefs.size(), 1u);
  EXPECT_EQ(xrefs[0].key.source_id, "kept");
}

TEST_F(SqliteStoreTest, DuplicateKeyIsAborted) {
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
  RecordRow first = MakeRecord("1", 1);
  ASSERT_OK(txn->InsertRecord(first));
  RecordRow second = MakeRecord("1", 1);
  EXPECT_THAT(txn->InsertRecord(second), StatusIs(absl::StatusCode::kAborted));
  // The same key under another entity type is a different record.
  RecordRow product = MakeRecord("1", 1);
  product.entity_type = "product";
  EXPECT_THAT(txn->InsertRecord(product), IsOk());
  ASSERT_OK_AND_ASSIGN(auto xrefs, txn->LookupXrefs({"crm", "1"}));
  EXPECT_EQ(xrefs.size(), 2u);
}

TEST_F(SqliteStoreTest, DeleteRecordRemovesItsEdges) {
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
  RecordRow a = MakeRecord("a", 1);
  RecordRow b = MakeRecord("b", 1);
  ASSERT_OK(txn->InsertRecord(a));
  ASSERT_OK(txn->InsertRecord(b));
  ASSERT_OK(txn->ReplaceEdges(b.id, {Edge{a.id, b.id, 12.5}}));
  ASSERT_OK_AND_ASSIGN(auto edges, txn->EdgesOf(a.id));
  EXPECT_THAT(edges, ElementsAre(Edge{a.id, b.id, 12.5}));
  ASSERT_OK(txn->DeleteRecord(b.id, absl::FromUnixSeconds(50)));
  ASSERT_OK_AND_ASSIGN(edges, txn->EdgesOf(a.id));
  EXPECT_THAT(edges, IsEmpty());
  ASSERT_OK_AND_ASSIGN(auto found, txn->GetRecords({a.id, b.id}));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, a.id);
  EXPECT_THAT(txn->DeleteRecord(b.id, absl::FromUnixSeconds(50)),
              StatusIs(absl::StatusCode::kInternal));
}

TEST_F(SqliteStoreTest, XrefHistoryAnswersAsOfAnyTime) {
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
  RecordRow a = MakeRecord("a", 0);
  ASSERT_OK(txn->InsertRecord(a));
  const absl::Time t1 = kT0 + absl::Seconds(10);
  const absl::Time t2 = kT0 + absl::Seconds(20);
  const absl::Time t3 = kT0 + absl::Seconds(30);
  ASSERT_OK(txn->SetRecordGolden({&a}, 7, t1));
  ASSERT_OK(txn->SetRecordGolden({&a}, 8, t2));
  ASSERT_OK(txn->DeleteRecord(a.id, t3));
  ASSERT_OK(txn->Commit());

  ASSERT_OK_AND_ASSIGN(auto read, store->BeginRead());
  auto golden_at = [&](absl::Time t) -> int64_t {
    auto xrefs = read->LookupXrefsAt({"crm", "a"}, t);
    EXPECT_THAT(xrefs, IsOk());
    if (!xrefs.ok() || xrefs->empty()) return 0;
    EXPECT_EQ(xrefs->size(), 1u);
    return xrefs->front().golden_id;
  };
  EXPECT_EQ(golden_at(kT0), 0);  // not linked yet
  EXPECT_EQ(golden_at(t1), 7);   // intervals include their start
  EXPECT_EQ(golden_at(t2 - absl::Microseconds(1)), 7);
  EXPECT_EQ(golden_at(t2), 8);
  EXPECT_EQ(golden_at(t3), 0);  // deleted
  EXPECT_THAT(read->GoldenMembersAt(7, t1),
              IsOkAndHolds(ElementsAre(SourceKey{"crm", "a"})));
  EXPECT_THAT(read->GoldenMembersAt(7, t2), IsOkAndHolds(IsEmpty()));
  EXPECT_THAT(read->GoldenMembersAt(8, t2),
              IsOkAndHolds(ElementsAre(SourceKey{"crm", "a"})));
}

TEST_F(SqliteStoreTest, RecordInsertedWithReservedIdAndGoldenStartsItsLink) {
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
  EXPECT_THAT(txn->NextRecordId(), IsOkAndHolds(1));
  RecordRow first = MakeRecord("first", 0);
  ASSERT_OK(txn->InsertRecord(first));
  ASSERT_OK_AND_ASSIGN(const int64_t reserved, txn->NextRecordId());
  EXPECT_EQ(reserved, first.id + 1);
  RecordRow linked = MakeRecord("linked", 7);
  linked.id = reserved;
  linked.updated_at = kT0 + absl::Seconds(5);
  ASSERT_OK(txn->InsertRecord(linked));
  EXPECT_EQ(linked.id, reserved);
  RecordRow same_id = MakeRecord("other", 0);
  same_id.id = reserved;
  EXPECT_THAT(txn->InsertRecord(same_id), StatusIs(absl::StatusCode::kAborted));
  ASSERT_OK(txn->Commit());

  ASSERT_OK_AND_ASSIGN(auto read, store->BeginRead());
  ASSERT_OK_AND_ASSIGN(auto found, read->FindRecord("person", linked.key));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, reserved);
  EXPECT_EQ(found->golden_id, 7);
  auto golden_at = [&](const SourceKey& key, absl::Time t) -> int64_t {
    auto xrefs = read->LookupXrefsAt(key, t);
    EXPECT_THAT(xrefs, IsOk());
    return xrefs.ok() && !xrefs->empty() ? xrefs->front().golden_id : 0;
  };
  EXPECT_EQ(golden_at(linked.key, kT0), 0);
  EXPECT_EQ(golden_at(linked.key, kT0 + absl::Seconds(5)), 7);
  EXPECT_THAT(read->GoldenMembersAt(7, kT0 + absl::Seconds(5)),
              IsOkAndHolds(ElementsAre(linked.key)));
  // Inserted unlinked: no link in the history.
  EXPECT_EQ(golden_at(first.key, kT0 + absl::Seconds(5)), 0);
}

TEST_F(SqliteStoreTest, JudgementsAreKeptByKeyAndReplacedPerPair) {
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
  JudgementRow must{.entity_type = "person",
                    .a = {"crm", "1"},
                    .b = {"erp", "9"},
                    .kind = JudgementKind::kMustLink,
                    .actor = "ann",
                    .reason = "checked",
                    .time = kT0};
  ASSERT_OK(txn->PutJudgement(must));
  JudgementRow other = must;
  other.b = {"web", "3"};
  other.kind = JudgementKind::kCannotLink;
  ASSERT_OK(txn->PutJudgement(other));
  JudgementRow reversed = must;
  std::swap(reversed.a, reversed.b);
  EXPECT_THAT(txn->PutJudgement(reversed),
              StatusIs(absl::StatusCode::kInternal));
  ASSERT_OK_AND_ASSIGN(auto of_crm, txn->JudgementsOf("person", {"crm", "1"}));
  EXPECT_EQ(of_crm.size(), 2u);
  ASSERT_OK_AND_ASSIGN(auto of_erp, txn->JudgementsOf("person", {"erp", "9"}));
  ASSERT_EQ(of_erp.size(), 1u);
  EXPECT_EQ(of_erp[0].actor, "ann");
  ASSERT_OK_AND_ASSIGN(auto of_product,
                       txn->JudgementsOf("product", {"crm", "1"}));
  EXPECT_TRUE(of_product.empty());
  // A new judgement of the same pair replaces the old one.
  must.kind = JudgementKind::kUnsure;
  must.actor = "bob";
  ASSERT_OK(txn->PutJudgement(must));
  ASSERT_OK_AND_ASSIGN(
      auto found, txn->FindJudgement("person", {"crm", "1"}, {"erp", "9"}));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->kind, JudgementKind::kUnsure);
  EXPECT_EQ(found->actor, "bob");
}

TEST_F(SqliteStoreTest, DeleteJudgementLeavesThePairUndecided) {
  auto store = Open();
  const JudgementRow must{.entity_type = "person",
                          .a = {"crm", "1"},
                          .b = {"erp", "9"},
                          .kind = JudgementKind::kMustLink,
                          .actor = "ann",
                          .reason = "checked",
                          .time = kT0};
  JudgementRow other = must;
  other.b = {"web", "3"};
  JudgementRow product = must;
  product.entity_type = "product";
  {
    ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
    for (const JudgementRow& j : {must, other, product}) {
      ASSERT_OK(txn->PutJudgement(j));
    }
    ASSERT_OK(txn->Commit());
  }
  {
    // Not committed: nothing changes.
    ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
    ASSERT_OK(txn->DeleteJudgement("person", must.a, must.b));
    ASSERT_OK_AND_ASSIGN(auto found,
                         txn->FindJudgement("person", must.a, must.b));
    EXPECT_FALSE(found.has_value());
  }
  ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
  ASSERT_OK_AND_ASSIGN(auto kept, txn->FindJudgement("person", must.a, must.b));
  ASSERT_TRUE(kept.has_value());
  EXPECT_THAT(txn->DeleteJudgement("person", must.b, must.a),
              StatusIs(absl::StatusCode::kInternal));
  ASSERT_OK(txn->DeleteJudgement("person", must.a, must.b));
  // Deleting a pair without a judgement is no error.
  EXPECT_OK(txn->DeleteJudgement("person", must.a, must.b));
  EXPECT_OK(txn->DeleteJudgement("person", {"crm", "1"}, {"crm", "2"}));
  ASSERT_OK(txn->Commit());

  // Only that pair of that entity type is gone, for good.
  txn.reset();
  store.reset();
  store = Open();
  ASSERT_OK_AND_ASSIGN(auto read, store->BeginRead());
  ASSERT_OK_AND_ASSIGN(auto gone,
                       read->FindJudgement("person", must.a, must.b));
  EXPECT_FALSE(gone.has_value());
  ASSERT_OK_AND_ASSIGN(auto of_crm, read->JudgementsOf("person", must.a));
  ASSERT_EQ(of_crm.size(), 1u);
  EXPECT_EQ(of_crm[0].b, other.b);
  ASSERT_OK_AND_ASSIGN(auto of_product,
                       read->FindJudgement("product", must.a, must.b));
  EXPECT_TRUE(of_product.has_value());
}

TEST_F(SqliteStoreTest, ListSourcesNamesEachStoredSourceOnceInByteOrder) {
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
  EXPECT_THAT(txn->ListSources(), IsOkAndHolds(IsEmpty()));
  EXPECT_THAT(txn->HoldsSource("crm"), IsOkAndHolds(false));
  const struct {
    const char* entity_type;
    const char* source;
    const char* id;
  } records[] = {
      {"person", "web", "1"},       {"person", "crm", "1"},
      {"person", "crm", "2"},       {"product", "crm", "1"},
      {"product", "ERP", "7"},      {"person", "erp:eu", "3"},
      {"organization", "web", "2"},
  };
  std::vector<RecordRow> rows;
  for (const auto& r : records) {
    RecordRow row = MakeRecord(r.id, 1);
    row.entity_type = r.entity_type;
    row.key.source = r.source;
    ASSERT_OK(txn->InsertRecord(row));
    rows.push_back(row);
  }
  EXPECT_THAT(txn->ListSources(),
              IsOkAndHolds(ElementsAre("ERP", "crm", "erp:eu", "web")));
  ASSERT_OK(txn->Commit());
  txn.reset();

  // A source is listed until its last record, of any type, is deleted.
  ASSERT_OK_AND_ASSIGN(auto before, store->BeginRead());
  EXPECT_THAT(before->HoldsSource("web"), IsOkAndHolds(true));  // snapshot
  ASSERT_OK_AND_ASSIGN(txn, store->BeginWrite());
  ASSERT_OK(txn->DeleteRecord(rows[0].id, kT0));  // person web:1
  EXPECT_THAT(txn->HoldsSource("web"), IsOkAndHolds(true));
  ASSERT_OK(txn->DeleteRecord(rows[6].id, kT0));  // organization web:2
  EXPECT_THAT(txn->HoldsSource("web"), IsOkAndHolds(false));
  ASSERT_OK(txn->DeleteRecord(rows[4].id, kT0));  // product ERP:7
  EXPECT_THAT(txn->HoldsSource("ERP"), IsOkAndHolds(false));
  EXPECT_THAT(txn->HoldsSource("erp"), IsOkAndHolds(false));
  EXPECT_THAT(txn->HoldsSource("crm"), IsOkAndHolds(true));
  EXPECT_THAT(txn->ListSources(), IsOkAndHolds(ElementsAre("crm", "erp:eu")));
  ASSERT_OK(txn->Commit());
  // A snapshot from before the deletes still sees them all.
  EXPECT_THAT(before->ListSources(),
              IsOkAndHolds(ElementsAre("ERP", "crm", "erp:eu", "web")));
  ASSERT_OK_AND_ASSIGN(auto after, store->BeginRead());
  EXPECT_THAT(after->ListSources(), IsOkAndHolds(ElementsAre("crm", "erp:eu")));
}

TEST_F(SqliteStoreTest, AuditEntriesFilterByGoldenActorAndTime) {
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
  AuditRow automatic{.time = kT0,
                     .actor = "mdm",
                     .action = "auto_merge",
                     .entity_type = "person",
                     .automatic = true,
                     .golden_ids = {1, 2},
                     .keys = {{"crm", "1"}},
                     .reason = "upsert of crm:1",
                     .weight = 7.5,
                     .has_weight = true,
                     .model_version = 3};
  AuditRow steward{.time = kT0 + absl::Seconds(10),
                   .actor = "ann",
                   .action = "split",
                   .entity_type = "person",
                   .golden_ids = {1, 5},
                   .reason = "two people"};
  ASSERT_OK(txn->AppendAudit(automatic));
  ASSERT_OK(txn->AppendAudit(steward));
  EXPECT_EQ(automatic.sequence, 1);
  EXPECT_EQ(steward.sequence, 2);
  ASSERT_OK(txn->Commit());
  ASSERT_OK_AND_ASSIGN(auto read, store->BeginRead());
  ASSERT_OK_AND_ASSIGN(auto all, read->ListAudit({}));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].weight, 7.5);
  EXPECT_EQ(all[0].model_version, 3);
  EXPECT_EQ(all[0].keys, automatic.keys);
  EXPECT_FALSE(all[1].has_weight);
  ASSERT_OK_AND_ASSIGN(auto of_two, read->ListAudit({.golden_id = 2}));
  ASSERT_EQ(of_two.size(), 1u);
  EXPECT_EQ(of_two[0].action, "auto_merge");
  ASSERT_OK_AND_ASSIGN(auto by_ann, read->ListAudit({.actor = "ann"}));
  ASSERT_EQ(by_ann.size(), 1u);
  ASSERT_OK_AND_ASSIGN(auto later,
                       read->ListAudit({.since = kT0 + absl::Seconds(5)}));
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].sequence, 2);
  ASSERT_OK_AND_ASSIGN(auto after, read->ListAudit({.after_sequence = 1}));
  EXPECT_EQ(after.size(), 1u);
}

TEST_F(SqliteStoreTest, ReviewPairsAreBandPairsAcrossGoldenRecordsByWeight) {
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
  std::vector<RecordRow> rows;
  for (int i = 0; i < 4; ++i) {
    RecordRow row =
        MakeRecord(absl::StrCat("r", i), /*golden_id=*/i < 2 ? 1 : 10 + i);
    if (i == 3) row.key.source = "web";
    ASSERT_OK(txn->InsertRecord(row));
    rows.push_back(row);
  }
  // r0-r1 share golden 1: not reviewable. r0-r2 4.0, r1-r3 2.0, r2-r3 9.0
  // (above the band).
  ASSERT_OK(txn->ReplaceEdges(rows[1].id, {Edge{rows[0].id, rows[1].id, 3.0}}));
  ASSERT_OK(txn->ReplaceEdges(rows[2].id, {Edge{rows[0].id, rows[2].id, 4.0},
                                           Edge{rows[2].id, rows[3].id, 9.0}}));
  ASSERT_OK(txn->ReplaceEdges(rows[3].id, {Edge{rows[1].id, rows[3].id, 2.0},
                                           Edge{rows[2].id, rows[3].id, 9.0}}));
  ASSERT_OK_AND_ASSIGN(auto pairs,
                       txn->ReviewPairs("person", 0.0, 5.0, "", 0, 0, 0, 10));
  ASSERT_EQ(pairs.size(), 2u);
  EXPECT_EQ(pairs[0].weight, 4.0);
  EXPECT_EQ(pairs[1].weight, 2.0);
  ASSERT_OK_AND_ASSIGN(auto next,
                       txn->ReviewPairs("person", 0.0, 5.0, "", pairs[0].weight,
                                        pairs[0].a, pairs[0].b, 10));
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].weight, 2.0);
  ASSERT_OK_AND_ASSIGN(
      auto web, txn->ReviewPairs("person", 0.0, 5.0, "web", 0, 0, 0, 10));
  ASSERT_EQ(web.size(), 1u);
  EXPECT_EQ(web[0].weight, 2.0);
  ASSERT_OK_AND_ASSIGN(auto products,
                       txn->ReviewPairs("product", 0.0, 5.0, "", 0, 0, 0, 10));
  EXPECT_TRUE(products.empty());
}

TEST_F(SqliteStoreTest, GoldenVersionsRoundTripAndAnswerAsOf) {
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
  GoldenVersionRow first{.golden_id = 5,
                         .version = 1,
                         .time = kT0,
                         .attributes = MakeGolden().attributes,
                         .cause = ChangeCause::kUpsert,
                         .cause_key = {"crm", "1"},
                         .joined = {{"crm", "1"}}};
  GoldenVersionRow second{
      .golden_id = 5,
      .version = 2,
      .time = kT0 + absl::Seconds(5),
      .state = GoldenState::kRetired,
      .merged_into = 9,
      .cause = ChangeCause::kRematch,
      .cause_note = "model version 2",
      .departed = {{.key = {"crm", "1"}, .to_golden_id = 9}},
      .absorbed = {3, 4}};
  second.attributes.push_back({.name = "email",
                               .value = "bad",
                               .source = {"crm", "1"},
                               .rule = "aggregate",
                               .invalid = true});
  ASSERT_OK(txn->AppendGoldenVersion(first));
  ASSERT_OK(txn->AppendGoldenVersion(second));
  EXPECT_THAT(txn->AppendGoldenVersion(second),
              StatusIs(absl::StatusCode::kAborted));
  ASSERT_OK(txn->Commit());

  ASSERT_OK_AND_ASSIGN(auto read, store->BeginRead());
  ASSERT_OK_AND_ASSIGN(auto history, read->GoldenHistory(5, 0, 10));
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].joined, first.joined);
  EXPECT_EQ(history[0].cause_key, first.cause_key);
  EXPECT_EQ(history[1].state, GoldenState::kRetired);
  EXPECT_EQ(history[1].merged_into, 9);
  EXPECT_EQ(history[1].cause, ChangeCause::kRematch);
  EXPECT_EQ(history[1].cause_note, "model version 2");
  EXPECT_EQ(history[1].departed, second.departed);
  EXPECT_EQ(history[1].absorbed, second.absorbed);
  EXPECT_EQ(history[1].attributes, second.attributes);
  ASSERT_OK_AND_ASSIGN(history, read->GoldenHistory(5, 1, 10));
  EXPECT_EQ(history.size(), 1u);

  ASSERT_OK_AND_ASSIGN(auto at,
                       read->GoldenVersionAt(5, kT0 - absl::Seconds(1)));
  EXPECT_FALSE(at.has_value());
  ASSERT_OK_AND_ASSIGN(at, read->GoldenVersionAt(5, kT0 + absl::Seconds(4)));
  ASSERT_TRUE(at.has_value());
  EXPECT_EQ(at->version, 1);
  ASSERT_OK_AND_ASSIGN(at, read->GoldenVersionAt(5, kT0 + absl::Seconds(5)));
  EXPECT_EQ(at->version, 2);
}

TEST_F(SqliteStoreTest, ReplaceEdgesRejectsPairsNotTouchingTheRecord) {
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
  EXPECT_THAT(txn->ReplaceEdges(1, {Edge{2, 3, 1.0}}),
              StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(txn->ReplaceEdges(3, {Edge{3, 2, 1.0}}),
              StatusIs(absl::StatusCode::kInternal));
}

TEST_F(SqliteStoreTest, ChangeSequenceIsDenseAcrossTransactionsAndFilters) {
  auto store = Open();
  for (int i = 0; i < 3; ++i) {
    ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
    for (const char* type : {"person", "product"}) {
      ChangeRow change{.time = kT0, .entity_type = type, .golden_id = i + 1};
      ASSERT_OK(txn->AppendChange(change));
    }
    ASSERT_OK(txn->Commit());
  }
  ASSERT_OK_AND_ASSIGN(auto read, store->BeginRead());
  ASSERT_OK_AND_ASSIGN(auto all, read->ListChanges(0, 100, ""));
  ASSERT_EQ(all.size(), 6u);
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].sequence, i + 1);
  ASSERT_OK_AND_ASSIGN(auto products, read->ListChanges(2, 100, "product"));
  ASSERT_EQ(products.size(), 2u);
  EXPECT_EQ(products[0].sequence, 4);
  EXPECT_EQ(products[1].sequence, 6);
  ASSERT_OK_AND_ASSIGN(auto page, read->ListChanges(1, 2, ""));
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[1].sequence, 3);
}

TEST_F(SqliteStoreTest, ReadSnapshotDoesNotSeeLaterCommits) {
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto read, store->BeginRead());
  EXPECT_THAT(read->HeadSequence(), IsOkAndHolds(0));
  {
    ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
    ChangeRow change{.time = kT0, .entity_type = "person", .golden_id = 1};
    ASSERT_OK(txn->AppendChange(change));
    ASSERT_OK(txn->Commit());
  }
  EXPECT_THAT(read->HeadSequence(), IsOkAndHolds(0));
  read.reset();
  ASSERT_OK_AND_ASSIGN(auto fresh, store->BeginRead());
  EXPECT_THAT(fresh->HeadSequence(), IsOkAndHolds(1));
}

TEST_F(SqliteStoreTest, RepointMergedKeepsRedirectsOneHop) {
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
  GoldenRow a = MakeGolden(), b = MakeGolden(), c = MakeGolden();
  ASSERT_OK(txn->InsertGolden(a));
  ASSERT_OK(txn->InsertGolden(b));
  ASSERT_OK(txn->InsertGolden(c));
  c.state = GoldenState::kRetired;
  c.merged_into = b.id;
  ASSERT_OK(txn->UpdateGolden(c));
  ASSERT_OK(txn->RepointMerged(b.id, a.id));
  ASSERT_OK_AND_ASSIGN(auto stored, txn->GetGolden(c.id));
  EXPECT_EQ(stored->merged_into, a.id);
  EXPECT_EQ(stored->state, GoldenState::kRetired);
}

TEST_F(SqliteStoreTest, EntityTypePrefixesAreRegisteredOnce) {
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
  ASSERT_OK(txn->RegisterEntityType("person", "PER"));
  ASSERT_OK(txn->RegisterEntityType("person", "PER"));
  EXPECT_THAT(
      txn->RegisterEntityType("person", "PRS"),
      StatusIs(absl::StatusCode::kAborted, ::testing::HasSubstr("PER")));
  EXPECT_THAT(txn->RegisterEntityType("people", "PER"),
              StatusIs(absl::StatusCode::kAborted));
}

TEST_F(SqliteStoreTest, MigratesVersionOneDatabaseKeepingItsData) {
  {
    auto store = Open(/*schema_version=*/1);
    ASSERT_EQ(store->schema_version(), 1);
  }
  {
    // Written as a version 1 build wrote it (with its blocking keys).
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.Path("mdm.db").c_str(), &db), SQLITE_OK);
    const std::string insert = absl::StrCat(
        "INSERT INTO source_records(entity_type, source, source_id, "
        "golden_id, content_hash, version, created_at, updated_at, "
        "attributes, features, block_keys) VALUES ('person', 'crm', 'old', "
        "1, 7, 1, ",
        absl::ToUnixMicros(kT0), ", ", absl::ToUnixMicros(kT0),
        ", ?, x'', x'0b00000000000000')");
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, insert.c_str(), -1, &stmt, nullptr),
              SQLITE_OK);
    const std::string attributes =
        sqlite_internal::EncodeAttributes(MakeRecord("old", 1).attributes);
    sqlite3_bind_blob(stmt, 1, attributes.data(),
                      static_cast<int>(attributes.size()), SQLITE_TRANSIENT);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_DONE);
    sqlite3_finalize(stmt);
    EXPECT_EQ(sqlite3_exec(db,
                           "INSERT INTO block_keys(key, record_id) "
                           "VALUES (11, 1)",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  auto store = Open();
  EXPECT_EQ(store->schema_version(), 6);
  ASSERT_OK_AND_ASSIGN(auto read, store->BeginRead());
  ASSERT_OK_AND_ASSIGN(auto found, read->FindRecord("person", {"crm", "old"}));
  EXPECT_TRUE(found.has_value());
  // Version 4 starts the history of existing links at their last change.
  ASSERT_OK_AND_ASSIGN(auto then, read->LookupXrefsAt({"crm", "old"}, kT0));
  ASSERT_EQ(then.size(), 1u);
  EXPECT_EQ(then[0].golden_id, 1);
  ASSERT_OK_AND_ASSIGN(
      then, read->LookupXrefsAt({"crm", "old"}, kT0 - absl::Seconds(1)));
  EXPECT_THAT(then, IsEmpty());
  // Version 2 added the per-golden index of the feed; version 6 dropped the
  // blocking keys.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.Path("mdm.db").c_str(), &db), SQLITE_OK);
  auto count = [&](const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    const int n = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return n;
  };
  EXPECT_EQ(count("SELECT count(*) FROM sqlite_master WHERE "
                  "name = 'changes_by_golden'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM sqlite_master WHERE "
                  "name = 'block_keys'"),
            0);
  EXPECT_EQ(count("SELECT count(*) FROM pragma_table_info('source_records') "
                  "WHERE name = 'block_keys'"),
            0);
  sqlite3_close(db);
}

TEST_F(SqliteStoreTest, ModelVersionsAndRecordScans) {
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
  ASSERT_OK_AND_ASSIGN(auto none, txn->LatestModel("person"));
  EXPECT_FALSE(none.has_value());
  for (int64_t version : {1, 2}) {
    ASSERT_OK(txn->InsertModel(
        {.entity_type = "person",
         .version = version,
         .created_at = kT0,
         .parameters = std::string("v\0", 2) + std::to_string(version)}));
  }
  EXPECT_THAT(txn->InsertModel(
                  {.entity_type = "person", .version = 2, .created_at = kT0}),
              StatusIs(absl::StatusCode::kAborted));
  ASSERT_OK_AND_ASSIGN(auto latest, txn->LatestModel("person"));
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->version, 2);
  EXPECT_EQ(latest->parameters, std::string("v\0", 2) + "2");
  for (const char* id : {"a", "b", "c"}) {
    RecordRow row = MakeRecord(id, 1);
    ASSERT_OK(txn->InsertRecord(row));
  }
  RecordRow product = MakeRecord("p", 1);
  product.entity_type = "product";
  ASSERT_OK(txn->InsertRecord(product));
  ASSERT_OK_AND_ASSIGN(auto first, txn->ScanRecords("person", 0, 2));
  ASSERT_EQ(first.size(), 2u);
  ASSERT_OK_AND_ASSIGN(auto rest, txn->ScanRecords("person", first[1].id, 10));
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].key.source_id, "c");
  EXPECT_THAT(txn->CountRecords("person"), IsOkAndHolds(3));
}

TEST_F(SqliteStoreTest, RefusesDatabaseFromNewerSchema) {
  { Open(); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.Path("mdm.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(db);
  EXPECT_THAT(OpenSqliteStore({.path = dir_.Path("mdm.db")}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       ::testing::HasSubstr("newer")));
}

TEST_F(SqliteStoreTest, SecondWriterIsRefusedNamingTheHoldersPid) {
  auto first = Open();
  ASSERT_NE(first, nullptr);
  EXPECT_THAT(
      OpenSqliteStore({.path = dir_.Path("mdm.db")}),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               ::testing::AllOf(::testing::HasSubstr("in use by another mdmd"),
                                ::testing::HasSubstr(absl::StrCat(
                                    "pid ", static_cast<int64_t>(getpid()))))));
  // The first writer is unaffected by the refused open.
  ASSERT_OK_AND_ASSIGN(auto txn, first->BeginWrite());
  GoldenRow golden = MakeGolden();
  EXPECT_OK(txn->InsertGolden(golden));
  EXPECT_OK(txn->Commit());
}

TEST_F(SqliteStoreTest, LockIsReleasedWhenTheStoreCloses) {
  { Open(); }
  EXPECT_NE(Open(), nullptr);
}

TEST_F(SqliteStoreTest, OpeningWaitsUpToLockWaitForTheHolderToClose) {
  auto first = Open();
  ASSERT_NE(first, nullptr);
  std::thread closer([&] {
    absl::SleepFor(absl::Milliseconds(200));
    first.reset();
  });
  auto second = OpenSqliteStore(
      {.path = dir_.Path("mdm.db"), .lock_wait = absl::Seconds(30)});
  closer.join();
  EXPECT_THAT(second, IsOk());
}

TEST_F(SqliteStoreTest, ReadOnlyStoreReadsBesideTheWriterAndRefusesWrites) {
  auto writer = Open();
  ASSERT_NE(writer, nullptr);
  {
    ASSERT_OK_AND_ASSIGN(auto txn, writer->BeginWrite());
    GoldenRow golden = MakeGolden();
    ASSERT_OK(txn->InsertGolden(golden));
    RecordRow record = MakeRecord("1", golden.id);
    ASSERT_OK(txn->InsertRecord(record));
    ASSERT_OK(txn->Commit());
  }
  auto reader =
      OpenSqliteStore({.path = dir_.Path("mdm.db"), .read_only = true});
  ASSERT_THAT(reader, IsOk());
  ASSERT_OK_AND_ASSIGN(auto read, (*reader)->BeginRead());
  ASSERT_OK_AND_ASSIGN(auto found, read->FindRecord("person", {"crm", "1"}));
  EXPECT_TRUE(found.has_value());
  EXPECT_THAT((*reader)->BeginWrite(),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       ::testing::HasSubstr("read-only")));
  EXPECT_THAT((*reader)->Checkpoint(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  // The writer still writes while the reader is open.
  ASSERT_OK_AND_ASSIGN(auto txn, writer->BeginWrite());
  RecordRow second = MakeRecord("2", 1);
  EXPECT_OK(txn->InsertRecord(second));
  EXPECT_OK(txn->Commit());
}

TEST_F(SqliteStoreTest, ReadOnlyStoreNeedsAnExistingDatabaseAtTheLatestSchema) {
  EXPECT_THAT(OpenSqliteStore({.path = dir_.Path("mdm.db"), .read_only = true}),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_FALSE(std::filesystem::exists(dir_.Path("mdm.db")));
  { Open(/*schema_version=*/5); }
  EXPECT_THAT(OpenSqliteStore({.path = dir_.Path("mdm.db"), .read_only = true}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       ::testing::HasSubstr("migrate")));
}

TEST_F(SqliteStoreTest, MissingDirectoryIsAnErrorNotACrash) {
  EXPECT_THAT(OpenSqliteStore({.path = dir_.Path("no/such/dir/mdm.db")}),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(SqliteStoreTest, WriterWaitsForTheOpenWriteTransaction) {
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto first, store->BeginWrite());
  std::atomic<bool> second_started{false};
  std::thread other([&] {
    auto second = store->BeginWrite();
    second_started = true;
    ASSERT_THAT(second, IsOk());
    ChangeRow change{.time = kT0, .entity_type = "person", .golden_id = 2};
    ASSERT_OK((*second)->AppendChange(change));
    EXPECT_EQ(change.sequence, 2);
    ASSERT_OK((*second)->Commit());
  });
  absl::SleepFor(absl::Milliseconds(50));
  EXPECT_FALSE(second_started);
  ChangeRow change{.time = kT0, .entity_type = "person", .golden_id = 1};
  ASSERT_OK(first->AppendChange(change));
  ASSERT_OK(first->Commit());
  first.reset();
  other.join();
  EXPECT_TRUE(second_started);
}

// The committed links, from memory, against the stored ones.
class CommittedXrefsTest : public SqliteStoreTest {
 protected:
  // (record id, entity type, golden id) of each link of crm/`source_id`.
  std::vector<std::tuple<int64_t, std::string, int64_t>> Committed(
      Store& store, const std::string& source_id) {
    const SourceKey key{"crm", source_id};
    std::vector<std::tuple<int64_t, std::string, int64_t>> links;
    const std::vector<std::vector<XrefRow>> rows =
        store.LookupCommittedXrefs({&key, 1});
    for (const XrefRow& row : rows.front()) {
      EXPECT_EQ(row.key, key);
      links.emplace_back(row.record_id, row.entity_type, row.golden_id);
    }
    return links;
  }
  std::vector<std::tuple<int64_t, std::string, int64_t>> Stored(
      Store& store, const std::string& source_id) {
    auto read = store.BeginRead();
    EXPECT_THAT(read, IsOk());
    auto rows = (*read)->LookupXrefs({"crm", source_id});
    EXPECT_THAT(rows, IsOk());
    std::vector<std::tuple<int64_t, std::string, int64_t>> links;
    for (const XrefRow& row : *rows) {
      links.emplace_back(row.record_id, row.entity_type, row.golden_id);
    }
    return links;
  }
};

TEST_F(CommittedXrefsTest, ShowsCommittedWritesOnly) {
  auto store = Open();
  RecordRow a = MakeRecord("1", 5);
  {
    ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
    ASSERT_OK(txn->InsertRecord(a));
    EXPECT_THAT(Committed(*store, "1"), IsEmpty());
    ASSERT_OK(txn->Commit());
  }
  EXPECT_THAT(Committed(*store, "1"),
              ElementsAre(std::tuple(a.id, "person", 5)));
  {
    ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
    ASSERT_OK(txn->SetRecordGolden({&a}, 9, kT0));
    // Abandoned: rolled back.
  }
  EXPECT_THAT(Committed(*store, "1"),
              ElementsAre(std::tuple(a.id, "person", 5)));
  {
    ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
    ASSERT_OK(txn->SetRecordGolden({&a}, 9, kT0));
    ASSERT_OK(txn->Commit());
  }
  EXPECT_THAT(Committed(*store, "1"),
              ElementsAre(std::tuple(a.id, "person", 9)));
  EXPECT_EQ(Committed(*store, "1"), Stored(*store, "1"));
}

TEST_F(CommittedXrefsTest, SavepointRollbackDiscardsItsChangesOnly) {
  auto store = Open();
  RecordRow a = MakeRecord("1", 5);
  RecordRow b = MakeRecord("2", 6);
  RecordRow c = MakeRecord("3", 7);
  {
    ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
    ASSERT_OK(txn->Savepoint());
    ASSERT_OK(txn->InsertRecord(a));
    ASSERT_OK(txn->ReleaseSavepoint());
    ASSERT_OK(txn->Savepoint());
    ASSERT_OK(txn->InsertRecord(b));
    ASSERT_OK(txn->SetRecordGolden({&a}, 8, kT0));
    ASSERT_OK(txn->RollbackToSavepoint());
    ASSERT_OK(txn->Savepoint());
    ASSERT_OK(txn->InsertRecord(c));
    ASSERT_OK(txn->ReleaseSavepoint());
    ASSERT_OK(txn->Commit());
  }
  EXPECT_THAT(Committed(*store, "1"),
              ElementsAre(std::tuple(a.id, "person", 5)));
  EXPECT_THAT(Committed(*store, "2"), IsEmpty());
  EXPECT_THAT(Committed(*store, "3"),
              ElementsAre(std::tuple(c.id, "person", 7)));
  for (const std::string id : {"1", "2", "3"}) {
    EXPECT_EQ(Committed(*store, id), Stored(*store, id)) << id;
  }
}

TEST_F(CommittedXrefsTest, FollowsUpdatesDeletesAndTypesAndSurvivesReopen) {
  {
    auto store = Open();
    RecordRow person = MakeRecord("1", 5);
    RecordRow organization = MakeRecord("1", 6);
    organization.entity_type = "organization";
    RecordRow gone = MakeRecord("2", 7);
    ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
    ASSERT_OK(txn->InsertRecord(person));
    ASSERT_OK(txn->InsertRecord(organization));
    ASSERT_OK(txn->InsertRecord(gone));
    person.golden_id = 11;
    ASSERT_OK(txn->UpdateRecord(person));
    ASSERT_OK(txn->DeleteRecord(gone.id, kT0));
    ASSERT_OK(txn->Commit());
    EXPECT_THAT(Committed(*store, "1"),
                ::testing::UnorderedElementsAre(
                    std::tuple(person.id, "person", 11),
                    std::tuple(organization.id, "organization", 6)));
    EXPECT_THAT(Committed(*store, "2"), IsEmpty());
  }
  auto reopened = Open();
  EXPECT_THAT(Committed(*reopened, "1"),
              ::testing::UnorderedElementsAreArray(Stored(*reopened, "1")));
  EXPECT_EQ(Committed(*reopened, "1").size(), 2u);
  EXPECT_THAT(Committed(*reopened, "2"), IsEmpty());
}

TEST_F(CommittedXrefsTest, SetGoldenOfAMissingRecordFailsAndChangesNothing) {
  auto store = Open();
  ASSERT_OK_AND_ASSIGN(auto txn, store->BeginWrite());
  RecordRow missing = MakeRecord("404", 1);
  missing.id = 404;
  EXPECT_THAT(txn->SetRecordGolden({&missing}, 1, kT0),
              StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(txn->DeleteRecord(404, kT0),
              StatusIs(absl::StatusCode::kInternal));
}

}  // namespace
}  // namespace mdm::storage
