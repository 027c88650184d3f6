// The invariant checker: a database built through the engine passes; each
// deliberate corruption is reported under the invariant it breaks.
#include "src/engine/invariant_checker.h"

#include <sqlite3.h>

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/engine/golden_id.h"
#include "src/engine/testing/engine_fixture.h"

namespace mdm::engine {

void PrintTo(const InvariantViolation& v, std::ostream* os) {
  *os << FormatViolation(v);
}

namespace {

using ::mdm::testing::IsOk;
using ::mdm::testing::StatusIs;
using storage::ChangeKind;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

std::string Describe(const InvariantReport& report) {
  std::string out = absl::StrCat(
      report.violation_count, " violations in ", report.records, " records, ",
      report.goldens, " golden records, ", report.changes, " changes, ",
      report.judgements, " judgements\n");
  for (const InvariantViolation& v : report.violations) {
    absl::StrAppend(&out, "  ", FormatViolation(v), "\n");
  }
  return out;
}

::testing::Matcher<InvariantViolation> Violation(const std::string& invariant,
                                                 const std::string& subject,
                                                 const std::string& detail) {
  return AllOf(Field(&InvariantViolation::invariant, invariant),
               Field(&InvariantViolation::subject, subject),
               Field(&InvariantViolation::detail, HasSubstr(detail)));
}

RecordRef Ref(const std::string& source, const std::string& id) {
  return {.entity_type = "person", .key = {source, id}};
}

RecordInput Product(std::string id, std::string mpn) {
  return {.entity_type = "product",
          .key = {"erp", std::move(id)},
          .attributes = {{"mpn", std::move(mpn)}}};
}

class InvariantCheckerTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    absl::StatusOr<v1::MdmConfig> config = DefaultConfig();
    ASSERT_THAT(config, IsOk());
    config_ = *std::move(config);
  }

  InvariantReport Check(const CheckOptions& options = {}) {
    absl::StatusOr<InvariantReport> report =
        CheckInvariants(*store_, config_, options);
    EXPECT_THAT(report, IsOk());
    return report.ok() ? *std::move(report) : InvariantReport{};
  }

  void ExpectHealthy() {
    const InvariantReport report = Check();
    EXPECT_TRUE(report.ok()) << Describe(report);
    EXPECT_THAT(report.violations, IsEmpty());
  }

  // Runs SQL on the database file behind the store's back.
  void Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.Path("mdm.db").c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << sql << ": " << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }

  // Writes through the store in one committed transaction.
  void Write(const std::function<void(storage::WriteTransaction&)>& write) {
    auto txn = store_->BeginWrite();
    ASSERT_THAT(txn, IsOk());
    write(**txn);
    ASSERT_THAT((*txn)->Commit(), IsOk());
  }

  static int64_t Number(const std::string& golden_id) {
    absl::StatusOr<ParsedGoldenId> parsed = ParseGoldenId(golden_id);
    EXPECT_THAT(parsed, IsOk()) << golden_id;
    return parsed.ok() ? parsed->number : 0;
  }

  storage::GoldenRow Golden(const std::string& golden_id) {
    auto txn = store_->BeginRead();
    EXPECT_THAT(txn, IsOk());
    auto row = (*txn)->GetGolden(Number(golden_id));
    EXPECT_THAT(row, IsOk());
    EXPECT_TRUE(row->has_value()) << golden_id;
    return **row;
  }

  // Persons crm:a, crm:b (one golden record), crm:c and crm:d, each alone.
  struct Basic {
    std::string ab, c, d;
  };
  Basic BuildBasic() {
    MustUpsert(Person("a", {{"email", "ann@x.org"}}));
    MustUpsert(Person("b", {{"email", "ann@x.org"}}));
    MustUpsert(Person("c", {{"email", "cat@x.org"}}));
    MustUpsert(Person("d", {{"email", "dan@x.org"}}));
    Basic basic{GoldenOf("a"), GoldenOf("c"), GoldenOf("d")};
    EXPECT_EQ(GoldenOf("b"), basic.ab);
    return basic;
  }

  // Persons crm:ma, crm:mb and crm:mc, whose golden records are joined by
  // later records: mb's and mc's are merged into ma's (and redirect to it).
  struct Merged {
    std::string a, b, c;
  };
  Merged BuildMerged() {
    Merged m{MustUpsert(Person("ma", {{"email", "ma@x.org"}})).golden_id,
             MustUpsert(Person("mb", {{"email", "mb@x.org"}})).golden_id,
             MustUpsert(Person("mc", {{"email", "mc@x.org"}})).golden_id};
    MustUpsert(Person("mbc", {{"email", "mb@x.org"}, {"national_id", "N1"}}));
    MustUpsert(Person("mc2", {{"email", "mc@x.org"}, {"national_id", "N1"}}));
    MustUpsert(Person("mab", {{"email", "ma@x.org"}, {"national_id", "N1"}}));
    EXPECT_EQ(Golden(m.b).merged_into, Number(m.a));
    EXPECT_EQ(Golden(m.c).merged_into, Number(m.a));
    return m;
  }
};

TEST_F(InvariantCheckerTest, EmptyDatabaseIsHealthy) {
  const InvariantReport report = Check();
  EXPECT_TRUE(report.ok()) << Describe(report);
  EXPECT_EQ(report.records, 0);
  EXPECT_EQ(report.changes, 0);
}

TEST_F(InvariantCheckerTest, DatabaseBuiltThroughTheEngineIsHealthy) {
  BuildMerged();
  // An update that splits, a delete that splits, a delete that retires, a
  // key that comes back.
  MustUpsert(Person("u1", {{"email", "u@x.org"}}));
  MustUpsert(Person("u2", {{"email", "u@x.org"}, {"phone", "5550100"}}));
  MustUpsert(Person("u2", {{"email", "v@x.org"}, {"phone", "5550100"}}));
  MustUpsert(Person("s1", {{"email", "s@x.org"}}));
  MustUpsert(Person("s0", {{"email", "s@x.org"}, {"national_id", "N9"}}));
  MustUpsert(Person("s2", {{"national_id", "N9"}}));
  ASSERT_OK(engine_->Delete("person", {"crm", "s0"}).status());
  MustUpsert(Person("gone", {{"email", "gone@x.org"}}));
  ASSERT_OK(engine_->Delete("person", {"crm", "gone"}).status());
  MustUpsert(Person("gone", {{"email", "gone@x.org"}}));
  // Steward work: reject, approve, merge, move, split.
  MustUpsert(Person("r1", {{"email", "r@x.org"}}));
  MustUpsert(Person("r2", {{"email", "r@x.org"}}, "web"));
  ASSERT_OK(engine_
                ->Decide(Ref("crm", "r1"), Ref("web", "r2"), Decision::kReject,
                         "ann", "shared inbox")
                .status());
  MustUpsert(Person("m1", {{"email", "m1@x.org"}}));
  MustUpsert(Person("m2", {{"email", "m2@x.org"}}));
  ASSERT_OK(engine_->MergeGoldens(GoldenOf("m1"), GoldenOf("m2"), "ann", "")
                .status());
  MustUpsert(Person("mv", {{"email", "mv@x.org"}}));
  ASSERT_OK(engine_->MoveRecord(Ref("crm", "mv"), GoldenOf("m1"), "ann", "")
                .status());
  ASSERT_OK(engine_
                ->SplitGolden(GoldenOf("m1"),
                              std::vector<SourceKey>{{"crm", "m2"}}, "bob", "")
                .status());
  MustUpsert(Product("p1", "WH1000XM4"));
  MustUpsert(Product("p2", "XB900N"));
  // A survivor whose records are all deleted: the redirects to it end at a
  // retired golden record.
  MustUpsert(Person("k1", {{"email", "k1@x.org"}}));
  MustUpsert(Person("k2", {{"email", "k2@x.org"}}));
  MustUpsert(Person("k12", {{"email", "k1@x.org"}, {"national_id", "K12"}}));
  MustUpsert(Person("k21", {{"email", "k2@x.org"}, {"national_id", "K12"}}));
  const std::string k = GoldenOf("k1");
  ASSERT_EQ(GoldenOf("k2"), k);
  for (const char* id : {"k1", "k2", "k12", "k21"}) {
    ASSERT_OK(engine_->Delete("person", {"crm", id}).status());
  }
  ASSERT_EQ(Golden(k).state, storage::GoldenState::kRetired);

  const InvariantReport report = Check();
  EXPECT_TRUE(report.ok()) << Describe(report);
  EXPECT_GT(report.records, 15);
  EXPECT_GT(report.goldens, report.live_goldens);
  EXPECT_GT(report.changes, report.records);
  EXPECT_GT(report.judgements, 2);
  // Small pages give the same answer.
  const InvariantReport paged = Check({.page_size = 1});
  EXPECT_TRUE(paged.ok()) << Describe(paged);
  EXPECT_EQ(paged.changes, report.changes);
  EXPECT_EQ(paged.records, report.records);
  EXPECT_EQ(paged.judgements, report.judgements);
  // So do more threads.
  const InvariantReport threaded = Check({.threads = 3});
  EXPECT_TRUE(threaded.ok()) << Describe(threaded);
}

TEST_F(InvariantCheckerTest, TrainedAndRematchedDatabaseIsHealthy) {
  for (int i = 0; i < 60; ++i) {
    const std::string g = absl::StrCat("Given", i % 17);
    const std::string f = absl::StrCat("Family", i % 23);
    const std::string dob = absl::StrFormat("19%02d-%02d-%02d", 50 + i % 40,
                                            1 + i % 12, 1 + i % 28);
    const std::vector<std::pair<std::string, std::string>> attributes = {
        {"given_name", g}, {"family_name", f}, {"birth_date", dob}};
    MustUpsert(Person(absl::StrCat(i), attributes));
    if (i % 3 == 0) MustUpsert(Person(absl::StrCat(i), attributes, "erp"));
  }
  ASSERT_OK(engine_->TrainModel("person", 0).status());
  ExpectHealthy();
}

TEST_F(InvariantCheckerTest, RecordOutsideALiveGoldenRecord) {
  const Basic basic = BuildBasic();
  const Merged merged = BuildMerged();
  ExpectHealthy();
  Sql("UPDATE source_records SET golden_id = 9999 WHERE source_id = 'c'");
  Sql(absl::StrCat("UPDATE source_records SET golden_id = ", Number(merged.b),
                   " WHERE source_id = 'd'"));
  const InvariantReport report = Check();
  EXPECT_THAT(report.violations,
              Contains(Violation("membership", "crm:c", "does not exist")));
  EXPECT_THAT(report.violations,
              Contains(Violation("membership", "crm:d",
                                 absl::StrCat("belongs to ", merged.b,
                                              ", which is retired"))));
  // Their old golden records are left empty.
  EXPECT_THAT(report.violations,
              Contains(Violation("membership", basic.c, "holds no source")));
  EXPECT_THAT(report.violations,
              Contains(Violation("membership", basic.d, "holds no source")));
  // The feed and the history still say where they were.
  EXPECT_THAT(
      report.violations,
      Contains(Violation("feed_state", "crm:c",
                         absl::StrCat("the feed leaves it in ", basic.c))));
  EXPECT_THAT(report.violations,
              Contains(Violation("xref_history", "crm:d", "open link")));
}

TEST_F(InvariantCheckerTest, RecordInAGoldenRecordOfAnotherType) {
  const Basic basic = BuildBasic();
  const std::string product = MustUpsert(Product("p1", "WH1000XM4")).golden_id;
  ExpectHealthy();
  Sql(absl::StrCat("UPDATE source_records SET golden_id = ", Number(product),
                   " WHERE source_id = 'c'"));
  EXPECT_THAT(Check().violations,
              Contains(Violation("membership", "crm:c",
                                 absl::StrCat("is a person record in ", product,
                                              ", a golden record of type "
                                              "product"))));
}

TEST_F(InvariantCheckerTest, OpenLinksOfTheXrefHistory) {
  BuildBasic();
  ExpectHealthy();
  // crm:a loses its open link, crm:b gains a second one, crm:c's names
  // another golden record, and a record that does not exist has one.
  Sql("DELETE FROM xref_history WHERE source_id = 'a' AND valid_to IS NULL");
  Sql("INSERT INTO xref_history SELECT record_id, entity_type, source, "
      "source_id, golden_id, valid_from + 1, NULL FROM xref_history "
      "WHERE source_id = 'b'");
  Sql("UPDATE xref_history SET golden_id = golden_id + 100 "
      "WHERE source_id = 'c' AND valid_to IS NULL");
  Sql("INSERT INTO xref_history VALUES (777, 'person', 'crm', 'ghost', 1, 0, "
      "NULL)");
  for (int page_size : {1, 2, 1000}) {
    const InvariantReport report = Check({.page_size = page_size});
    EXPECT_THAT(report.violations, Contains(Violation("xref_history", "crm:a",
                                                      "has 0 open links")))
        << page_size;
    EXPECT_THAT(report.violations, Contains(Violation("xref_history", "crm:b",
                                                      "has 2 open links")))
        << page_size;
    EXPECT_THAT(report.violations, Contains(Violation("xref_history", "crm:c",
                                                      "has an open link")))
        << page_size;
    EXPECT_THAT(report.violations,
                Contains(Violation("xref_history", "crm:ghost",
                                   "record #777, which does not exist")))
        << page_size;
    EXPECT_EQ(report.violation_count, 4) << Describe(report);
  }
}

TEST_F(InvariantCheckerTest, RedirectsEndInOneHopAtALiveGoldenRecord) {
  const Merged m = BuildMerged();
  const std::string product = MustUpsert(Product("p1", "WH1000XM4")).golden_id;
  ExpectHealthy();
  const int64_t a = Number(m.a), b = Number(m.b), c = Number(m.c);

  // b -> c -> a: two hops.
  Sql(absl::StrCat("UPDATE golden_records SET merged_into = ", c,
                   " WHERE id = ", b));
  EXPECT_THAT(Check().violations,
              Contains(Violation("redirect", m.b,
                                 absl::StrCat("reaches ", m.a, " in 2 hops"))));
  // b -> c -> b: a cycle.
  Sql(absl::StrCat("UPDATE golden_records SET merged_into = ", b,
                   " WHERE id = ", c));
  EXPECT_THAT(Check().violations,
              Contains(Violation("redirect", m.b, "in a cycle")));
  // To a golden record of another type, to one that does not exist.
  Sql(absl::StrCat("UPDATE golden_records SET merged_into = ", Number(product),
                   " WHERE id = ", b));
  Sql(absl::StrCat("UPDATE golden_records SET merged_into = 4242 WHERE id = ",
                   c));
  InvariantReport report = Check();
  EXPECT_THAT(report.violations,
              Contains(Violation("redirect", m.b,
                                 absl::StrCat("redirects to ", product,
                                              ", a golden record of type "
                                              "product"))));
  EXPECT_THAT(report.violations,
              Contains(Violation("redirect", m.c, "which does not exist")));
  // A live golden record with a redirect.
  Sql(absl::StrCat("UPDATE golden_records SET merged_into = ", b,
                   " WHERE id = ", a));
  EXPECT_THAT(Check().violations,
              Contains(Violation("redirect", m.a, "is live but redirects")));
}

TEST_F(InvariantCheckerTest, RedirectLeadsToWhereTheRetiredIdsRecordsAre) {
  const Merged m = BuildMerged();
  const std::string d =
      MustUpsert(Person("d", {{"email", "d@x.org"}})).golden_id;
  ExpectHealthy();
  // mb's golden record held mb and mbc, and then mc and mc2 (mc's was merged
  // into it) when it was merged into ma's. Pointing it at d's, which holds
  // none of them, is what an unmerge that forgot the id would leave.
  Sql(absl::StrCat("UPDATE golden_records SET merged_into = ", Number(d),
                   " WHERE id = ", Number(m.b)));
  EXPECT_THAT(Check().violations,
              Contains(Violation(
                  "redirect_target", m.b,
                  absl::StrCat("redirects to ", d,
                               ", which holds none of the 4 records it held "
                               "when version"))));
  // Former records deleted since do not count, nor does one sent again
  // after its delete: it is another record.
  for (const char* id : {"mb", "mbc", "mc", "mc2"}) {
    ASSERT_OK(engine_->Delete("person", {"crm", id}).status());
  }
  MustUpsert(Person("mb", {{"email", "mb@x.org"}}));
  EXPECT_THAT(
      Check().violations,
      Not(Contains(Field(&InvariantViolation::invariant, "redirect_target"))));
}

// Two writers on one database: the state the database lock prevents. The
// lock file is removed behind the first engine's back, so a second store
// opens the same file; each engine then knows only its own records.
TEST_F(InvariantCheckerTest, PairsNoProcessComparedAreFound) {
  ASSERT_TRUE(std::filesystem::remove(dir_.Path("mdm.db") + "-lock"));
  auto other_store = storage::OpenSqliteStore({.path = dir_.Path("mdm.db")});
  ASSERT_THAT(other_store, IsOk());
  auto other = Engine::Create(other_store->get(), config_, &clock_);
  ASSERT_THAT(other, IsOk());
  ASSERT_THAT(
      (*other)->Upsert(Person(
          "E1", {{"full_name", "Ann Lee"}, {"email", "ann@x.org"}}, "erp")),
      IsOk());
  const std::string c1 = MustUpsert(Person("C1", {{"full_name", "Ann Lee"},
                                                  {"email", "ann@x.org"}}))
                             .golden_id;
  // The first engine founded a second golden record for the same person,
  // and cannot resolve the other's record.
  EXPECT_THAT(engine_->Resolve({"erp", "E1"}, "person"),
              StatusIs(absl::StatusCode::kNotFound));
  const InvariantReport report = Check({.page_size = 1, .threads = 2});
  EXPECT_THAT(
      report.violations,
      Contains(AllOf(Field(&InvariantViolation::invariant, "scored_pairs"),
                     Field(&InvariantViolation::subject, "erp:E1, crm:C1"),
                     Field(&InvariantViolation::detail,
                           AllOf(HasSubstr("never scored against "
                                           "each other"),
                                 HasSubstr(c1))))))
      << Describe(report);
}

TEST_F(InvariantCheckerTest, PartitionIsWhatABatchReclusteringGives) {
  const Basic basic = BuildBasic();
  ExpectHealthy();
  // A pair written behind the engine's back, which never re-clustered.
  Write([&](storage::WriteTransaction& txn) {
    auto c = txn.FindRecord("person", {"crm", "c"});
    auto d = txn.FindRecord("person", {"crm", "d"});
    ASSERT_OK(c.status());
    ASSERT_OK(d.status());
    ASSERT_TRUE(c->has_value() && d->has_value());
    ASSERT_OK(txn.ReplaceEdges((*c)->id, {{.a = std::min((*c)->id, (*d)->id),
                                           .b = std::max((*c)->id, (*d)->id),
                                           .weight = 100}}));
  });
  const InvariantReport report = Check();
  EXPECT_THAT(report.violations,
              Contains(Violation("batch_partition", "crm:c, crm:d",
                                 absl::StrCat("are one entity when all person "
                                              "records are clustered at once, "
                                              "but are in ",
                                              basic.c, " and ", basic.d))))
      << Describe(report);
}

TEST_F(InvariantCheckerTest, FeedSequenceIsDenseAndNamesGoldenRecords) {
  BuildBasic();
  ExpectHealthy();
  const int64_t head = Changes().back().row.sequence;
  Sql(absl::StrCat("UPDATE changes SET seq = ", head + 10,
                   " WHERE seq = ", head));
  InvariantReport report = Check();
  EXPECT_THAT(
      report.violations,
      Contains(Violation("feed_sequence", absl::StrCat("change ", head + 10),
                         absl::StrCat("follows change ", head - 1))));
  Sql(absl::StrCat("UPDATE changes SET seq = ", head,
                   " WHERE seq = ", head + 10));
  ExpectHealthy();
  // Events of an unknown kind, or naming no golden record.
  Write([](storage::WriteTransaction& txn) {
    storage::ChangeRow unknown{.entity_type = "person",
                               .kind = static_cast<ChangeKind>(9),
                               .golden_id = 1};
    ASSERT_OK(txn.AppendChange(unknown));
    storage::ChangeRow nowhere{.entity_type = "person",
                               .kind = ChangeKind::kGoldenUpdated,
                               .golden_id = 4242};
    ASSERT_OK(txn.AppendChange(nowhere));
  });
  report = Check();
  EXPECT_THAT(
      report.violations,
      Contains(Violation("feed_sequence", absl::StrCat("change ", head + 1),
                         "unknown kind 9")));
  EXPECT_THAT(
      report.violations,
      Contains(Violation("feed_sequence", absl::StrCat("change ", head + 2),
                         "which does not exist")));
}

TEST_F(InvariantCheckerTest, FeedReplayEndsAtTheCurrentLinks) {
  const Basic basic = BuildBasic();
  ExpectHealthy();
  // An unlink the state does not show, and a link of a record that does not
  // exist.
  Write([&](storage::WriteTransaction& txn) {
    storage::ChangeRow unlink{.entity_type = "person",
                              .kind = ChangeKind::kXrefUnlinked,
                              .golden_id = Number(basic.c),
                              .keys = {{"crm", "c"}}};
    ASSERT_OK(txn.AppendChange(unlink));
    storage::ChangeRow link{.entity_type = "person",
                            .kind = ChangeKind::kXrefLinked,
                            .golden_id = Number(basic.d),
                            .keys = {{"crm", "ghost"}}};
    ASSERT_OK(txn.AppendChange(link));
  });
  const InvariantReport report = Check();
  EXPECT_THAT(report.violations,
              Contains(Violation("feed_state", "crm:c",
                                 absl::StrCat("is in ", basic.c,
                                              ", but the feed leaves it in no "
                                              "golden record"))));
  EXPECT_THAT(report.violations,
              Contains(Violation("feed_state", "crm:ghost",
                                 absl::StrCat("is left linked to ", basic.d))));
  EXPECT_EQ(report.violation_count, 2) << Describe(report);
}

TEST_F(InvariantCheckerTest, FeedMovesKeysFromWhereTheyAre) {
  const Basic basic = BuildBasic();
  ExpectHealthy();
  // crm:c is in c's golden record, not d's.
  Write([&](storage::WriteTransaction& txn) {
    storage::ChangeRow unlink{.entity_type = "person",
                              .kind = ChangeKind::kXrefUnlinked,
                              .golden_id = Number(basic.d),
                              .keys = {{"crm", "c"}}};
    ASSERT_OK(txn.AppendChange(unlink));
  });
  EXPECT_THAT(
      Check().violations,
      Contains(Violation("feed_state", "crm:c",
                         absl::StrCat("moves it from ", basic.d,
                                      ", but the feed had it in ", basic.c))));
}

TEST_F(InvariantCheckerTest, FeedAccountsForEveryGoldenRecordsLife) {
  const Basic basic = BuildBasic();
  const Merged m = BuildMerged();
  ExpectHealthy();
  // Without its creation, its merge, and its last update.
  Sql(
      absl::StrCat("UPDATE changes SET kind = 2 WHERE kind = 1 AND golden_id "
                   "= ",
                   Number(basic.c)));
  Sql(
      absl::StrCat("UPDATE changes SET kind = 2, survivor_id = NULL WHERE "
                   "kind = 3 AND golden_id = ",
                   Number(m.b)));
  Write([&](storage::WriteTransaction& txn) {
    storage::GoldenRow d = Golden(basic.d);
    d.attributes.front().value = "dan@elsewhere.org";
    ASSERT_OK(txn.UpdateGolden(d));
    // A second retirement of a retired golden record.
    storage::ChangeRow retire{.entity_type = "person",
                              .kind = ChangeKind::kGoldenRetired,
                              .golden_id = Number(m.c)};
    ASSERT_OK(txn.AppendChange(retire));
  });
  const InvariantReport report = Check();
  EXPECT_THAT(
      report.violations,
      Contains(Violation("feed_state", basic.c, "not in its GOLDEN_CREATED")));
  EXPECT_THAT(report.violations,
              Contains(Violation("feed_state", basic.c,
                                 "has no GOLDEN_CREATED event")));
  EXPECT_THAT(report.violations,
              Contains(Violation("feed_state", m.b,
                                 "is retired, but no event retires it")));
  EXPECT_THAT(report.violations,
              Contains(Violation("feed_state", m.c, "after change")));
  EXPECT_THAT(report.violations,
              Contains(Violation("feed_state", basic.d,
                                 "other attributes than its last")));
}

TEST_F(InvariantCheckerTest, FeedMergesLeadWhereRedirectsPoint) {
  const Merged m = BuildMerged();
  MustUpsert(Person("z", {{"email", "z@x.org"}}));
  const std::string z = GoldenOf("z");
  ExpectHealthy();
  // b redirects to z, but the feed merged it into a.
  Sql(absl::StrCat("UPDATE golden_records SET merged_into = ", Number(z),
                   " WHERE id = ", Number(m.b)));
  EXPECT_THAT(Check().violations,
              Contains(Violation("feed_state", m.b,
                                 absl::StrCat("redirects to ", z,
                                              ", but the feed's merges lead "
                                              "to ",
                                              m.a))));
}

TEST_F(InvariantCheckerTest, FeedRestoresAndRetargetsRetiredIds) {
  for (const char* id : {"a", "b", "c", "z"}) {
    MustUpsert(Person(id, {{"email", absl::StrCat(id, "@x.org")}}));
  }
  const std::string a = GoldenOf("a"), b = GoldenOf("b"), c = GoldenOf("c"),
                    z = GoldenOf("z");
  // b merged into a and split out again: restored.
  ASSERT_OK(engine_->MergeGoldens(a, b, "ann", "").status());
  ASSERT_OK(
      engine_->SplitGolden(a, std::vector<SourceKey>{{"crm", "b"}}, "ann", "")
          .status());
  ASSERT_EQ(GoldenOf("b"), b);
  // c merged into a, and its record moved on to z: retargeted.
  ASSERT_OK(engine_->MergeGoldens(a, c, "ann", "").status());
  ASSERT_OK(engine_->MoveRecord(Ref("crm", "c"), z, "ann", "").status());
  ASSERT_EQ(Golden(c).merged_into, Number(z));
  ExpectHealthy();

  // Without its GOLDEN_RESTORED, b is live with no event saying so.
  Sql(absl::StrCat("UPDATE changes SET kind = 2 WHERE kind = 7 AND ",
                   "golden_id = ", Number(b)));
  InvariantReport report = Check();
  EXPECT_THAT(report.violations,
              Contains(Violation("feed_state", b, "is live, but change")))
      << Describe(report);
  Sql(absl::StrCat("UPDATE changes SET kind = 7 WHERE kind = 2 AND ",
                   "golden_id = ", Number(b)));
  ExpectHealthy();
  // Without the retargeting GOLDEN_MERGED, the feed leads c to a.
  Sql(absl::StrCat("UPDATE changes SET kind = 2, survivor_id = NULL ",
                   "WHERE seq = (SELECT MAX(seq) FROM changes WHERE kind = 3 ",
                   "AND golden_id = ", Number(c), ")"));
  report = Check();
  EXPECT_THAT(report.violations,
              Contains(Violation("feed_state", c,
                                 absl::StrCat("redirects to ", z,
                                              ", but the feed's merges lead "
                                              "to ",
                                              a))))
      << Describe(report);
}

TEST_F(InvariantCheckerTest, JudgementsAreRespected) {
  const Basic basic = BuildBasic();
  ExpectHealthy();
  Write([&](storage::WriteTransaction& txn) {
    ASSERT_OK(txn.PutJudgement({.entity_type = "person",
                                .a = {"crm", "a"},
                                .b = {"crm", "b"},
                                .kind = storage::JudgementKind::kCannotLink,
                                .actor = "ann"}));
    ASSERT_OK(txn.PutJudgement({.entity_type = "person",
                                .a = {"crm", "c"},
                                .b = {"crm", "d"},
                                .kind = storage::JudgementKind::kMustLink,
                                .actor = "bob"}));
    // Judgements naming a deleted record, or unsure, hold nothing.
    ASSERT_OK(txn.PutJudgement({.entity_type = "person",
                                .a = {"crm", "a"},
                                .b = {"crm", "zz"},
                                .kind = storage::JudgementKind::kMustLink}));
    ASSERT_OK(txn.PutJudgement({.entity_type = "person",
                                .a = {"crm", "a"},
                                .b = {"crm", "c"},
                                .kind = storage::JudgementKind::kUnsure}));
  });
  const InvariantReport report = Check({.page_size = 1});
  EXPECT_EQ(report.judgements, 4);
  EXPECT_THAT(report.violations,
              Contains(Violation("judgement", "crm:a, crm:b",
                                 absl::StrCat("are cannot-linked by ann but "
                                              "are both in ",
                                              basic.ab))));
  EXPECT_THAT(report.violations,
              Contains(Violation("judgement", "crm:c, crm:d",
                                 absl::StrCat("are must-linked by bob but are "
                                              "in ",
                                              basic.c, " and ", basic.d))));
  // A batch re-clustering follows the judgements, so it disagrees too.
  EXPECT_THAT(report.violations,
              Contains(Violation("batch_partition", basic.ab,
                                 "holds crm:a and crm:b, which clustering all "
                                 "person records at once keeps apart")));
  EXPECT_THAT(report.violations,
              Contains(Violation("batch_partition", "crm:c, crm:d",
                                 absl::StrCat("are one entity when all person "
                                              "records are clustered at once, "
                                              "but are in ",
                                              basic.c, " and ", basic.d))));
  EXPECT_EQ(report.violation_count, 4) << Describe(report);
}

TEST_F(InvariantCheckerTest, GoldenAttributesAreAFreshSurvivorshipRun) {
  const Basic basic = BuildBasic();
  ExpectHealthy();
  // A value no member holds, written with its version and event, so that
  // only survivorship can tell.
  Write([&](storage::WriteTransaction& txn) {
    storage::GoldenRow golden = Golden(basic.ab);
    golden.attributes.front().value = "eve@x.org";
    golden.version += 1;
    ASSERT_OK(txn.UpdateGolden(golden));
    ASSERT_OK(txn.AppendGoldenVersion({.golden_id = golden.id,
                                       .version = golden.version,
                                       .state = golden.state,
                                       .attributes = golden.attributes}));
    storage::ChangeRow update{.entity_type = "person",
                              .kind = ChangeKind::kGoldenUpdated,
                              .golden_id = golden.id,
                              .attributes = golden.attributes};
    ASSERT_OK(txn.AppendChange(update));
  });
  InvariantReport report = Check();
  EXPECT_THAT(report.violations,
              Contains(Violation("survivorship", basic.ab,
                                 "holds email \"eve@x.org\" from crm:b")));
  EXPECT_EQ(report.violation_count, 1) << Describe(report);

  // Another survivorship rule than the database was written under.
  v1::MdmConfig changed = config_;
  for (v1::EntityTypeConfig& type : *changed.mutable_entity_types()) {
    if (type.name() == "person") type.set_default_survivorship(v1::LONGEST);
  }
  Sql(absl::StrCat(
      "DELETE FROM golden_versions WHERE golden_id = ", Number(basic.ab),
      " AND version = ", Golden(basic.ab).version));
  ASSERT_OK_AND_ASSIGN(report, CheckInvariants(*store_, changed));
  EXPECT_THAT(report.violations,
              Contains(Violation("survivorship", basic.c, "longest")));
  EXPECT_THAT(report.violations,
              Contains(Violation("golden_version", basic.ab,
                                 "golden_versions has no such version")));
}

TEST_F(InvariantCheckerTest, GoldenVersionIsTheLatestVersionRow) {
  const Basic basic = BuildBasic();
  ExpectHealthy();
  Sql(
      absl::StrCat("UPDATE golden_records SET version = version - 1 WHERE id "
                   "= ",
                   Number(basic.ab)));
  Sql(absl::StrCat("UPDATE golden_versions SET state = 2 WHERE golden_id = ",
                   Number(basic.c)));
  const InvariantReport report = Check();
  EXPECT_THAT(report.violations,
              Contains(Violation("golden_version", basic.ab,
                                 "golden_versions goes on to version 2")));
  EXPECT_THAT(report.violations,
              Contains(Violation("golden_version", basic.c,
                                 "another state or redirect")));
  EXPECT_EQ(report.violation_count, 2) << Describe(report);
}

TEST_F(InvariantCheckerTest, NoConflictingStrongIdentifiersInAGoldenRecord) {
  const std::string p1 = MustUpsert(Product("p1", "WH1000XM4")).golden_id;
  const std::string p2 = MustUpsert(Product("p2", "XB900N")).golden_id;
  ExpectHealthy();
  Sql(absl::StrCat("UPDATE source_records SET golden_id = ", Number(p1),
                   " WHERE source_id = 'p2'"));
  InvariantReport report = Check();
  EXPECT_THAT(report.violations,
              Contains(Violation("strong_identifier", p1,
                                 "holds conflicting mpn WH1000XM4 and XB900N "
                                 "(erp:p1, erp:p2)")));
  // A steward's must-link explains it.
  Write([](storage::WriteTransaction& txn) {
    ASSERT_OK(txn.PutJudgement({.entity_type = "product",
                                .a = {"erp", "p1"},
                                .b = {"erp", "p2"},
                                .kind = storage::JudgementKind::kMustLink}));
  });
  report = Check();
  EXPECT_THAT(
      report.violations,
      Not(Contains(Field(&InvariantViolation::invariant, "strong_identifier"))))
      << Describe(report);
  EXPECT_THAT(report.violations, Contains(Violation("membership", p2, "")));
}

TEST_F(InvariantCheckerTest, NoTwoRecordsOfADeduplicatedSourceInAGoldenRecord) {
  MustUpsert(Person("e1", {{"email", "e1@x.org"}}, "erp"));
  MustUpsert(Person("e2", {{"email", "e2@x.org"}}, "erp"));
  const std::string e1 = GoldenOf("e1", "erp");
  v1::SourceConfig* erp = config_.add_sources();
  erp->set_name("erp");
  erp->set_deduplicated(true);
  ExpectHealthy();
  Sql(absl::StrCat("UPDATE source_records SET golden_id = ", Number(e1),
                   " WHERE source_id = 'e2'"));
  EXPECT_THAT(Check().violations,
              Contains(Violation("deduplicated_source", e1,
                                 "several records of deduplicated source erp "
                                 "(erp:e1, erp:e2)")));
}

TEST_F(InvariantCheckerTest, GoldenIdPrefixesMatchTheConfiguration) {
  BuildBasic();
  ExpectHealthy();
  for (v1::EntityTypeConfig& type : *config_.mutable_entity_types()) {
    if (type.name() == "person") type.set_id_prefix("PX");
  }
  InvariantReport report = Check();
  EXPECT_THAT(report.violations,
              Contains(Violation("configuration", "person",
                                 "registered with golden id prefix PER, but "
                                 "the configuration gives PX")));
  // A type the configuration does not know.
  config_.mutable_entity_types()->RemoveLast();  // product
  MustUpsert(Product("p1", "WH1000XM4"));
  report = Check();
  EXPECT_THAT(report.violations,
              Contains(Violation("configuration", "product",
                                 "not in the configuration")));
}

TEST_F(InvariantCheckerTest, KeepsTheFirstViolationsAndCountsThemAll) {
  BuildBasic();
  Sql("UPDATE source_records SET golden_id = 9999");
  const InvariantReport all = Check();
  ASSERT_GT(all.violation_count, 3);
  const InvariantReport first = Check({.max_violations = 2});
  EXPECT_THAT(first.violations, SizeIs(2));
  EXPECT_EQ(first.violation_count, all.violation_count);
  EXPECT_FALSE(first.ok());
  EXPECT_THAT(CheckInvariants(*store_, config_, {.page_size = 0}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace mdm::engine
