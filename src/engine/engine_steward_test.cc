// Engine: the review queue, sticky judgements, manual merge, split and move,
// and the audit log.
#include <cmath>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/engine/testing/engine_fixture.h"

namespace mdm::engine {
namespace {

using ::mdm::testing::StatusIs;
using storage::ChangeKind;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// Same name, one with a city and one with an e-mail: a review candidate
// (probability about 0.57 under the built-in person model).
RecordInput Half(const std::string& source, const std::string& id,
                 const std::string& given, const std::string& family,
                 bool with_city) {
  std::vector<std::pair<std::string, std::string>> attributes = {
      {"given_name", given}, {"family_name", family}};
  if (with_city) {
    attributes.emplace_back("city", "Oakland");
  } else {
    attributes.emplace_back("email", absl::StrCat(given, "@y.org"));
  }
  return Person(id, attributes, source);
}

RecordRef Ref(const std::string& source, const std::string& id) {
  return {.entity_type = "person", .key = {source, id}};
}

class StewardTest : public EngineTest {
 protected:
  std::vector<ReviewCandidate> Candidates(bool unsure = false) {
    auto page = engine_->ListCandidates(
        {.entity_type = "person", .page_size = 100, .unsure = unsure});
    EXPECT_THAT(page, ::mdm::testing::IsOk());
    return page.ok() ? page->candidates : std::vector<ReviewCandidate>{};
  }

  std::vector<AuditView> Audit(const std::string& golden = "") {
    auto entries = engine_->ListAudit({}, golden);
    EXPECT_THAT(entries, ::mdm::testing::IsOk());
    return entries.ok() ? *entries : std::vector<AuditView>{};
  }
};

TEST_F(StewardTest, QueueListsUncertainPairsAcrossGoldenRecordsOnly) {
  MustUpsert(Half("crm", "g1", "Gus", "Hall", true));
  MustUpsert(Half("web", "g2", "Gus", "Hall", false));
  MustUpsert(Half("crm", "h1", "Hal", "Ito", true));
  MustUpsert(Half("web", "h2", "Hal", "Ito", false));
  // A sure pair (same e-mail) is no candidate.
  MustUpsert(Person("s1", {{"email", "sure@x.org"}}));
  MustUpsert(Person("s2", {{"email", "sure@x.org"}}, "web"));
  std::vector<ReviewCandidate> queue = Candidates();
  ASSERT_THAT(queue, SizeIs(2));
  EXPECT_EQ(queue[0].a, (SourceKey{"crm", "g1"}));
  EXPECT_EQ(queue[0].b, (SourceKey{"web", "g2"}));
  EXPECT_GT(queue[0].match_probability, 0.5);
  EXPECT_LT(queue[0].match_probability, 0.95);
  EXPECT_NE(queue[0].golden_id_a, queue[0].golden_id_b);

  // Paging: one at a time, then the end.
  auto first =
      engine_->ListCandidates({.entity_type = "person", .page_size = 1});
  ASSERT_OK(first.status());
  ASSERT_THAT(first->candidates, SizeIs(1));
  ASSERT_FALSE(first->next_page_token.empty());
  auto second = engine_->ListCandidates({.entity_type = "person",
                                         .page_size = 1,
                                         .page_token = first->next_page_token});
  ASSERT_OK(second.status());
  ASSERT_THAT(second->candidates, SizeIs(1));
  EXPECT_NE(second->candidates[0].a, first->candidates[0].a);

  // Unsure leaves the queue for the unsure list.
  ASSERT_OK(engine_
                ->Decide(Ref("crm", "h1"), Ref("web", "h2"), Decision::kUnsure,
                         "ann", "ask the account manager")
                .status());
  EXPECT_THAT(Candidates(), SizeIs(1));
  queue = Candidates(/*unsure=*/true);
  ASSERT_THAT(queue, SizeIs(1));
  ASSERT_TRUE(queue[0].judgement.has_value());
  EXPECT_EQ(queue[0].judgement->actor, "ann");

  EXPECT_THAT(engine_->ListCandidates(
                  {.entity_type = "person", .page_token = "garbage"}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(engine_->ListCandidates({.entity_type = "ship"}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(StewardTest, QueueHoldsOneCandidatePerGoldenPairRankedByRecordsMoved) {
  MustUpsert(Half("crm", "g1", "Gus", "Hall", true));
  MustUpsert(Half("crm", "h1", "Hal", "Ito", true));
  MustUpsert(Half("crm", "k1", "Kim", "Orr", true));
  MustUpsert(Half("web", "h2", "Hal", "Ito", false));
  MustUpsert(Half("web", "k2", "Kim", "Orr", false));
  // g2 and g3 share an e-mail: one younger golden record of two, and two
  // review pairs (g1-g2, g1-g3) that ask one question.
  MustUpsert(Half("web", "g2", "Gus", "Hall", false));
  MustUpsert(Half("app", "g3", "Gus", "Hall", false));
  ASSERT_NE(GoldenOf("g1"), GoldenOf("g2", "web"));
  ASSERT_EQ(GoldenOf("g2", "web"), GoldenOf("g3", "app"));

  std::vector<ReviewCandidate> queue = Candidates();
  ASSERT_THAT(queue, SizeIs(3));
  EXPECT_EQ(queue[0].a.source_id, "g1");
  EXPECT_EQ(queue[0].records_moved, 2);
  EXPECT_EQ(queue[1].records_moved, 1);
  EXPECT_EQ(queue[2].records_moved, 1);
  EXPECT_LE(std::abs(queue[1].match_weight), std::abs(queue[2].match_weight));

  // Paging walks the same order, one candidate a page.
  std::vector<std::string> paged;
  std::string token;
  do {
    auto page = engine_->ListCandidates(
        {.entity_type = "person", .page_size = 1, .page_token = token});
    ASSERT_OK(page.status());
    for (const ReviewCandidate& c : page->candidates) {
      paged.push_back(c.a.source_id);
    }
    token = page->next_page_token;
  } while (!token.empty() && paged.size() < 10);
  EXPECT_THAT(paged, ElementsAre(queue[0].a.source_id, queue[1].a.source_id,
                                 queue[2].a.source_id));

  // A rejected pair keeps the two golden records apart: the other pair
  // between them asks nothing more.
  ASSERT_OK(engine_
                ->Decide(Ref("crm", "g1"), Ref("web", "g2"), Decision::kReject,
                         "ann", "two people")
                .status());
  queue = Candidates();
  ASSERT_THAT(queue, SizeIs(2));
  EXPECT_NE(queue[0].a.source_id, "g1");
  EXPECT_NE(queue[1].a.source_id, "g1");
}

TEST_F(StewardTest, QueueLeavesOutPairsTheDeduplicatedSourceRuleDecides) {
  absl::StatusOr<v1::MdmConfig> config = DefaultConfig();
  ASSERT_OK(config.status());
  v1::SourceConfig* crm = config->add_sources();
  crm->set_name("crm");
  crm->set_deduplicated(true);
  Open(&*config);
  // Two crm records: crm lists each customer once, so they stay apart
  // without asking anyone.
  MustUpsert(Half("crm", "g1", "Gus", "Hall", true));
  MustUpsert(Half("crm", "g2", "Gus", "Hall", false));
  EXPECT_THAT(Candidates(), IsEmpty());
  // A web record like them is a question.
  MustUpsert(Half("web", "h1", "Hal", "Ito", true));
  MustUpsert(Half("crm", "h2", "Hal", "Ito", false));
  const std::vector<ReviewCandidate> queue = Candidates();
  ASSERT_THAT(queue, SizeIs(1));
  EXPECT_EQ(queue[0].a.source_id, "h2");
  EXPECT_EQ(queue[0].b.source_id, "h1");
}

TEST_F(StewardTest, CandidateDetailShowsBothSidesAndTheExplanation) {
  MustUpsert(Half("crm", "g1", "Gus", "Hall", true));
  MustUpsert(Half("web", "g2", "Gus", "Hall", false));
  ASSERT_OK_AND_ASSIGN(
      CandidateDetail detail,
      engine_->GetCandidate(Ref("crm", "g1"), Ref("web", "g2")));
  EXPECT_EQ(detail.record_a.key, (SourceKey{"crm", "g1"}));
  EXPECT_THAT(detail.standardized_a,
              Contains(std::pair<std::string, std::string>("city", "oakland")));
  EXPECT_EQ(detail.golden_a.golden_id, detail.candidate.golden_id_a);
  EXPECT_FALSE(detail.explanation.comparisons.empty());
  EXPECT_FALSE(detail.judgement.has_value());
}

TEST_F(StewardTest, RejectionIsStickyAcrossUpdatesAndRetraining) {
  MustUpsert(Half("crm", "h1", "Hal", "Ito", true));
  MustUpsert(Half("web", "h2", "Hal", "Ito", false));
  ASSERT_OK(engine_
                ->Decide(Ref("crm", "h1"), Ref("web", "h2"), Decision::kReject,
                         "ann", "different people")
                .status());
  // The web record now says everything the CRM record says: a sure link,
  // were it not for the judgement.
  MustUpsert(Person("h2",
                    {{"given_name", "Hal"},
                     {"family_name", "Ito"},
                     {"city", "Oakland"},
                     {"email", "Hal@y.org"}},
                    "web"));
  ASSERT_OK_AND_ASSIGN(Explanation e,
                       engine_->Explain(Ref("crm", "h1"), Ref("web", "h2")));
  EXPECT_EQ(e.decision, MatchDecision::kLink);
  EXPECT_NE(GoldenOf("h1"), GoldenOf("h2", "web"));
  // Nor through a third record linking both.
  MustUpsert(Person("h3",
                    {{"given_name", "Hal"},
                     {"family_name", "Ito"},
                     {"city", "Oakland"},
                     {"email", "Hal@y.org"}},
                    "erp"));
  EXPECT_NE(GoldenOf("h1"), GoldenOf("h2", "web"));
  // Nor after training and re-matching.
  for (int i = 0; i < 50; ++i) {
    MustUpsert(Person(
        absl::StrCat("p", i),
        {{"given_name", absl::StrCat("N", i)},
         {"family_name",
          std::vector<std::string>{"Doe", "Roe", "Poe", "Moe", "Lowe"}[i % 5]},
         {"email", absl::StrCat("n", i, "@z.org")}}));
  }
  ASSERT_OK(engine_->TrainModel("person", 0).status());
  EXPECT_NE(GoldenOf("h1"), GoldenOf("h2", "web"));
  // The pair is no candidate any more.
  for (const ReviewCandidate& c : Candidates()) {
    EXPECT_FALSE(c.a == (SourceKey{"crm", "h1"}) &&
                 c.b == (SourceKey{"web", "h2"}));
  }
}

TEST_F(StewardTest, RejectingTheOnlyLinkSplitsTheGoldenRecord) {
  MustUpsert(Person("a", {{"email", "ann@x.org"}}));
  MustUpsert(Person("b", {{"email", "ann@x.org"}}, "web"));
  const std::string golden = GoldenOf("a");
  ASSERT_EQ(GoldenOf("b", "web"), golden);
  ASSERT_OK_AND_ASSIGN(
      StewardOutcome outcome,
      engine_->Decide(Ref("crm", "a"), Ref("web", "b"), Decision::kReject,
                      "ann", "shared inbox"));
  EXPECT_THAT(outcome.golden_ids, SizeIs(2));
  EXPECT_EQ(outcome.golden_ids[0], golden);  // the older record keeps the id
  EXPECT_NE(outcome.golden_ids[1], golden);
  EXPECT_THAT(outcome.created_golden_ids, ElementsAre(outcome.golden_ids[1]));
}

TEST_F(StewardTest, ApprovalMergesAndLaterRecordsJoinAutomatically) {
  MustUpsert(Half("crm", "g1", "Gus", "Hall", true));
  MustUpsert(Half("web", "g2", "Gus", "Hall", false));
  const std::string older = GoldenOf("g1");
  const std::string newer = GoldenOf("g2", "web");
  ASSERT_OK_AND_ASSIGN(StewardOutcome outcome,
                       engine_->Decide(Ref("crm", "g1"), Ref("web", "g2"),
                                       Decision::kApprove, "ann", "checked"));
  EXPECT_THAT(outcome.golden_ids, ElementsAre(older, older));
  EXPECT_THAT(outcome.merged_golden_ids, ElementsAre(newer));
  // A third record sharing the web record's e-mail joins by itself.
  MustUpsert(Person(
      "g3", {{"email", "Gus@y.org"}, {"phone", "+1 650 253 0000"}}, "erp"));
  EXPECT_EQ(GoldenOf("g3", "erp"), older);
  // The approval holds through an update that weakens the pair.
  MustUpsert(Person("g2", {{"given_name", "Gustav"}, {"family_name", "Hallo"}},
                    "web"));
  EXPECT_EQ(GoldenOf("g2", "web"), older);
  // Rejecting a pair an approval holds together is refused... unless it is
  // the approved pair itself, which is re-judged.
  EXPECT_OK(engine_
                ->Decide(Ref("crm", "g1"), Ref("web", "g2"), Decision::kReject,
                         "bob", "no, after all")
                .status());
  EXPECT_NE(GoldenOf("g2", "web"), GoldenOf("g1"));
}

TEST_F(StewardTest, ContradictingJudgementsAreRefusedNamingTheEarlierOne) {
  MustUpsert(Half("crm", "g1", "Gus", "Hall", true));
  MustUpsert(Half("web", "g2", "Gus", "Hall", false));
  MustUpsert(Half("erp", "g3", "Gus", "Hall", false));
  ASSERT_OK(engine_
                ->Decide(Ref("crm", "g1"), Ref("web", "g2"), Decision::kApprove,
                         "ann", "")
                .status());
  ASSERT_OK(engine_
                ->Decide(Ref("web", "g2"), Ref("erp", "g3"), Decision::kApprove,
                         "ann", "")
                .status());
  // g1 and g3 are held together through g2.
  EXPECT_THAT(engine_->Decide(Ref("crm", "g1"), Ref("erp", "g3"),
                              Decision::kReject, "bob", ""),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("held together")));
  MustUpsert(Half("crm", "x1", "Xu", "Li", true));
  MustUpsert(Half("web", "x2", "Xu", "Li", false));
  ASSERT_OK(engine_
                ->Decide(Ref("crm", "x1"), Ref("web", "x2"), Decision::kReject,
                         "ann", "twins")
                .status());
  EXPECT_THAT(
      engine_->MergeGoldens(GoldenOf("x1"), GoldenOf("x2", "web"), "bob", ""),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               HasSubstr("ann judged crm:x1 and web:x2 different (twins)")));
}

TEST_F(StewardTest, MergeSplitAndMoveFollowTheIdRules) {
  MustUpsert(Person("a", {{"email", "a@x.org"}}));
  MustUpsert(Person("b", {{"email", "b@x.org"}}));
  MustUpsert(Person("c", {{"email", "c@x.org"}}));
  const std::string ga = GoldenOf("a"), gb = GoldenOf("b"), gc = GoldenOf("c");
  const int64_t head = Changes().back().row.sequence;

  // Merge: the golden record holding the older record survives.
  ASSERT_OK_AND_ASSIGN(StewardOutcome merged,
                       engine_->MergeGoldens(gb, ga, "ann", "same person"));
  EXPECT_THAT(merged.golden_ids, ElementsAre(ga));
  EXPECT_THAT(merged.merged_golden_ids, ElementsAre(gb));
  ASSERT_OK_AND_ASSIGN(ResolvedId redirect, engine_->ResolveGoldenId(gb));
  EXPECT_TRUE(redirect.redirected);
  EXPECT_EQ(redirect.golden_id, ga);
  bool saw_merge = false;
  for (const ChangeView& change : Changes(head)) {
    if (change.row.kind == ChangeKind::kGoldenMerged) {
      saw_merge = true;
      EXPECT_EQ(change.golden_id, gb);
      EXPECT_EQ(change.survivor_id, ga);
    }
  }
  EXPECT_TRUE(saw_merge);

  // Move c into it, then split a out: the part with the oldest record (a)
  // keeps the id.
  ASSERT_OK_AND_ASSIGN(StewardOutcome moved,
                       engine_->MoveRecord(Ref("crm", "c"), ga, "ann", "typo"));
  EXPECT_THAT(moved.golden_ids, ElementsAre(ga));
  EXPECT_EQ(GoldenOf("c"), ga);
  // c's golden record lost its only record to ga: it redirects there.
  ASSERT_OK_AND_ASSIGN(ResolvedId gone, engine_->ResolveGoldenId(gc));
  EXPECT_TRUE(gone.redirected);
  EXPECT_EQ(gone.golden_id, ga);
  ASSERT_OK_AND_ASSIGN(
      StewardOutcome split,
      engine_->SplitGolden(ga,
                           std::vector<SourceKey>{{"crm", "b"}, {"crm", "c"}},
                           "bob", "b and c are one other person"));
  EXPECT_EQ(GoldenOf("a"), ga);
  EXPECT_EQ(GoldenOf("b"), GoldenOf("c"));  // the split part stays together
  // b and c once formed gb and gc, both merged into ga: the older id comes
  // back for them, and the other now leads there.
  EXPECT_EQ(GoldenOf("b"), gb);
  EXPECT_THAT(split.created_golden_ids, IsEmpty());
  EXPECT_THAT(split.restored_golden_ids, ElementsAre(gb));
  ASSERT_OK_AND_ASSIGN(ResolvedId gc_now, engine_->ResolveGoldenId(gc));
  EXPECT_TRUE(gc_now.redirected);
  EXPECT_EQ(gc_now.golden_id, gb);
  ExpectInvariantsHold();
  // The split stands: a new record linking a and b cannot re-join them.
  MustUpsert(Person("ab", {{"email", "a@x.org"}}, "web"));
  MustUpsert(Person("ab2", {{"email", "b@x.org"}}, "web"));
  EXPECT_NE(GoldenOf("a"), GoldenOf("b"));

  EXPECT_THAT(engine_->SplitGolden(ga, std::vector<SourceKey>{{"crm", "zz"}},
                                   "bob", ""),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("crm:zz is not in golden record")));
  EXPECT_THAT(
      engine_->MergeGoldens(ga, gc, "bob", ""),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("retired")));
}

TEST_F(StewardTest, AuditAnswersWhoMergedTheseAndWhy) {
  MustUpsert(Person("a", {{"email", "ann@x.org"}}));
  MustUpsert(Person("b", {{"national_id", "X-123"}}));
  const std::string ga = GoldenOf("a"), gb = GoldenOf("b");
  // An automatic merge through a record carrying both.
  MustUpsert(Person("c", {{"email", "ann@x.org"}, {"national_id", "x123"}}));
  std::vector<AuditView> entries = Audit(gb);
  ASSERT_THAT(entries, SizeIs(1));
  const storage::AuditRow& automatic = entries[0].row;
  EXPECT_EQ(automatic.action, "auto_merge");
  EXPECT_TRUE(automatic.automatic);
  EXPECT_EQ(automatic.actor, "mdm");
  EXPECT_EQ(automatic.reason, "upsert of crm:c");
  EXPECT_TRUE(automatic.has_weight);
  EXPECT_THAT(entries[0].golden_ids, ElementsAre(ga, gb));

  MustUpsert(Person("d", {{"email", "dan@x.org"}}));
  ASSERT_OK(engine_->MergeGoldens(ga, GoldenOf("d"), "ann", "same household")
                .status());
  entries = Audit(ga);
  ASSERT_THAT(entries, SizeIs(2));
  EXPECT_EQ(entries[1].row.action, "merge");
  EXPECT_EQ(entries[1].row.actor, "ann");
  EXPECT_EQ(entries[1].row.reason, "same household");
  EXPECT_FALSE(entries[1].row.automatic);

  auto by_actor = engine_->ListAudit({.actor = "ann"}, "");
  ASSERT_OK(by_actor.status());
  EXPECT_THAT(*by_actor, SizeIs(1));
  auto later = engine_->ListAudit({.since = clock_.Now() + absl::Hours(1)}, "");
  ASSERT_OK(later.status());
  EXPECT_THAT(*later, IsEmpty());

  // The golden version says it was a steward's decision.
  ASSERT_OK_AND_ASSIGN(GoldenHistory history, engine_->History(ga, 0, 100));
  EXPECT_EQ(history.versions.back().row.cause, storage::ChangeCause::kSteward);
  EXPECT_THAT(history.versions.back().row.cause_note,
              HasSubstr("merge by ann: same household"));
}

// The README tour's mistake undone: two people merged by hand, then told
// apart. Every system that stored the second one's id must get it back.
TEST_F(StewardTest, RejectingAMergeGivesTheMergedIdBack) {
  MustUpsert(Person("C-1002", {{"full_name", "Bo Chan"},
                               {"email", "bo.chan@example.com"},
                               {"birth_date", "1990-11-21"}}));
  MustUpsert(Person("C-1004", {{"full_name", "Dora Ruiz"},
                               {"email", "dora@example.org"},
                               {"birth_date", "1972-01-30"}}));
  const std::string bo = GoldenOf("C-1002"), dora = GoldenOf("C-1004");
  ASSERT_OK(engine_->MergeGoldens(bo, dora, "ann", "same customer").status());
  ASSERT_EQ(GoldenOf("C-1004"), bo);
  const int64_t head = Changes().back().row.sequence;

  ASSERT_OK_AND_ASSIGN(
      StewardOutcome undone,
      engine_->Decide(Ref("crm", "C-1002"), Ref("crm", "C-1004"),
                      Decision::kReject, "ann", "different people"));
  EXPECT_THAT(undone.restored_golden_ids, ElementsAre(dora));
  EXPECT_THAT(undone.created_golden_ids, IsEmpty());
  EXPECT_EQ(GoldenOf("C-1002"), bo);
  EXPECT_EQ(GoldenOf("C-1004"), dora);
  ASSERT_OK_AND_ASSIGN(ResolvedId resolved, engine_->ResolveGoldenId(dora));
  EXPECT_FALSE(resolved.redirected);
  EXPECT_EQ(resolved.golden_id, dora);
  ASSERT_OK_AND_ASSIGN(GoldenView view, engine_->GetGolden(dora, false));
  EXPECT_EQ(view.state, storage::GoldenState::kLive);
  EXPECT_THAT(view.attributes, Contains(::testing::Field(
                                   &storage::GoldenValue::value, "Dora Ruiz")));

  // The feed says so: Dora's record leaves Bo's golden record, and her id is
  // restored with it.
  std::vector<ChangeView> changes = Changes(head);
  EXPECT_THAT(Kinds(changes), ElementsAre(ChangeKind::kXrefUnlinked,
                                          ChangeKind::kGoldenRestored,
                                          ChangeKind::kGoldenUpdated));
  EXPECT_EQ(changes[1].golden_id, dora);
  EXPECT_THAT(changes[1].row.keys, ElementsAre(SourceKey{"crm", "C-1004"}));
  // Her history has a version that brings it back, a steward's decision.
  ASSERT_OK_AND_ASSIGN(GoldenHistory history, engine_->History(dora, 0, 100));
  const auto& last = history.versions.back().row;
  EXPECT_EQ(last.state, storage::GoldenState::kLive);
  EXPECT_EQ(last.merged_into, 0);
  EXPECT_EQ(last.cause, storage::ChangeCause::kSteward);
  EXPECT_THAT(last.joined, ElementsAre(SourceKey{"crm", "C-1004"}));
  ExpectInvariantsHold();

  // Approving the pair after all merges them again, under the older id.
  ASSERT_OK(engine_
                ->Decide(Ref("crm", "C-1002"), Ref("crm", "C-1004"),
                         Decision::kApprove, "ann", "same after all")
                .status());
  EXPECT_EQ(GoldenOf("C-1004"), bo);
  ExpectInvariantsHold();
}

TEST_F(StewardTest, SplittingOutARecordRevivesTheIdOfTheMajorityOnly) {
  // b1..b3 form one golden record (one e-mail), a another.
  MustUpsert(Person("a", {{"email", "a@x.org"}}));
  for (const char* id : {"b1", "b2", "b3"}) {
    MustUpsert(Person(id, {{"email", "b@x.org"}}));
  }
  const std::string ga = GoldenOf("a"), gb = GoldenOf("b1");
  ASSERT_OK(engine_->MergeGoldens(ga, gb, "ann", "").status());

  // One of gb's three records leaves: gb stands for the two that stay.
  ASSERT_OK_AND_ASSIGN(
      StewardOutcome one,
      engine_->SplitGolden(ga, std::vector<SourceKey>{{"crm", "b1"}}, "ann",
                           ""));
  EXPECT_THAT(one.restored_golden_ids, IsEmpty());
  EXPECT_THAT(one.created_golden_ids, ElementsAre(GoldenOf("b1")));
  ASSERT_OK_AND_ASSIGN(ResolvedId still, engine_->ResolveGoldenId(gb));
  EXPECT_TRUE(still.redirected);
  EXPECT_EQ(still.golden_id, ga);
  ExpectInvariantsHold();

  // The other two leave too: now they hold gb's majority, and get it back.
  ASSERT_OK_AND_ASSIGN(
      StewardOutcome two,
      engine_->SplitGolden(
          ga, std::vector<SourceKey>{{"crm", "b2"}, {"crm", "b3"}}, "ann", ""));
  EXPECT_THAT(two.restored_golden_ids, ElementsAre(gb));
  EXPECT_EQ(GoldenOf("b2"), gb);
  EXPECT_EQ(GoldenOf("b3"), gb);
  EXPECT_EQ(GoldenOf("a"), ga);
  ExpectInvariantsHold();
}

TEST_F(StewardTest, MovingARetiredIdsRecordsElsewhereMovesItsRedirect) {
  MustUpsert(Person("a", {{"email", "a@x.org"}}));
  MustUpsert(Person("b", {{"email", "b@x.org"}}));
  MustUpsert(Person("z", {{"email", "z@x.org"}}));
  const std::string ga = GoldenOf("a"), gb = GoldenOf("b"), gz = GoldenOf("z");
  ASSERT_OK(engine_->MergeGoldens(ga, gb, "ann", "").status());
  const int64_t head = Changes().back().row.sequence;

  // b, the one record gb ever held, goes to z's golden record: gb's
  // redirect must follow it there, not stay with a.
  ASSERT_OK(engine_->MoveRecord(Ref("crm", "b"), gz, "ann", "").status());
  EXPECT_EQ(GoldenOf("b"), gz);
  ASSERT_OK_AND_ASSIGN(ResolvedId moved, engine_->ResolveGoldenId(gb));
  EXPECT_TRUE(moved.redirected);
  EXPECT_EQ(moved.golden_id, gz);
  bool retargeted = false;
  for (const ChangeView& change : Changes(head)) {
    if (change.row.kind == ChangeKind::kGoldenMerged) {
      retargeted = change.golden_id == gb && change.survivor_id == gz &&
                   change.row.keys.empty();
    }
  }
  EXPECT_TRUE(retargeted);
  ExpectInvariantsHold();
}

TEST_F(StewardTest, DeletingARetiredIdsRecordMovesItsRedirectToTheOthers) {
  MustUpsert(Person("a", {{"email", "a@x.org"}}));
  MustUpsert(Person("b1", {{"email", "b1@x.org"}}));
  MustUpsert(Person("b2", {{"email", "b2@x.org"}}));
  MustUpsert(Person("z", {{"email", "z@x.org"}}));
  const std::string ga = GoldenOf("a"), gb = GoldenOf("b1"), gz = GoldenOf("z");
  ASSERT_OK(engine_->MergeGoldens(gb, GoldenOf("b2"), "ann", "").status());
  ASSERT_OK(engine_->MergeGoldens(ga, gb, "ann", "").status());
  // gb's records part: one each in ga and gz, and the older, b1, keeps its
  // redirect at ga.
  ASSERT_OK(engine_->MoveRecord(Ref("crm", "b2"), gz, "ann", "").status());
  ASSERT_OK_AND_ASSIGN(ResolvedId before, engine_->ResolveGoldenId(gb));
  EXPECT_EQ(before.golden_id, ga);
  ExpectInvariantsHold();

  // b1 is deleted: of gb's records only b2 remains, in gz.
  ASSERT_OK(engine_->Delete("person", {"crm", "b1"}).status());
  ASSERT_OK_AND_ASSIGN(ResolvedId after, engine_->ResolveGoldenId(gb));
  EXPECT_TRUE(after.redirected);
  EXPECT_EQ(after.golden_id, gz);
  ExpectInvariantsHold();
}

TEST_F(StewardTest, RedirectsThroughARevivedIdAreSaidAgainInTheFeed) {
  MustUpsert(Person("y", {{"email", "y@x.org"}}));
  MustUpsert(Person("x", {{"email", "x@x.org"}}));
  MustUpsert(Person("r", {{"email", "r@x.org"}}));
  const std::string gy = GoldenOf("y"), gx = GoldenOf("x"), gr = GoldenOf("r");
  // gr into gx, then gx into gy: gr's redirect is re-pointed to gy without
  // a word, and the feed leads there through gx.
  ASSERT_OK(engine_->MergeGoldens(gx, gr, "ann", "").status());
  ASSERT_OK(engine_->MergeGoldens(gy, gx, "ann", "").status());
  ExpectInvariantsHold();
  // x leaves gy and takes gx back; r stays in gy, and so does gr's redirect,
  // which the feed must now say, since gx leads nowhere any more.
  ASSERT_OK(engine_->SplitGolden(gy, {{"crm", "x"}}, "ann", "").status());
  EXPECT_EQ(GoldenOf("x"), gx);
  ASSERT_OK_AND_ASSIGN(ResolvedId resolved, engine_->ResolveGoldenId(gr));
  EXPECT_TRUE(resolved.redirected);
  EXPECT_EQ(resolved.golden_id, gy);
  ExpectInvariantsHold();
}

TEST_F(StewardTest, UndoRevertsAnApprovalAndIsAudited) {
  MustUpsert(Half("crm", "g1", "Gus", "Hall", true));
  MustUpsert(Half("web", "g2", "Gus", "Hall", false));
  const std::string g1 = GoldenOf("g1"), g2 = GoldenOf("g2", "web");
  ASSERT_OK_AND_ASSIGN(StewardOutcome approved,
                       engine_->Decide(Ref("crm", "g1"), Ref("web", "g2"),
                                       Decision::kApprove, "ann", "looked"));
  ASSERT_EQ(GoldenOf("g2", "web"), g1);
  ASSERT_OK_AND_ASSIGN(
      StewardOutcome undone,
      engine_->UndoDecision(approved.audit_sequence, "ann", "wrong key"));
  // Apart again, each under its id from before the approval.
  EXPECT_EQ(GoldenOf("g1"), g1);
  EXPECT_EQ(GoldenOf("g2", "web"), g2);
  EXPECT_THAT(undone.golden_ids, ElementsAre(g1, g2));
  EXPECT_THAT(undone.restored_golden_ids, ElementsAre(g2));
  // Audited as an undo naming the decision it reverted.
  std::vector<AuditView> entries = Audit();
  ASSERT_FALSE(entries.empty());
  const AuditView& last = entries.back();
  EXPECT_EQ(last.row.sequence, undone.audit_sequence);
  EXPECT_EQ(last.row.action, "undo");
  EXPECT_EQ(last.row.actor, "ann");
  EXPECT_EQ(last.row.reason, "wrong key");
  EXPECT_EQ(last.undoes, approved.audit_sequence);
  EXPECT_THAT(last.row.keys,
              ElementsAre(SourceKey{"crm", "g1"}, SourceKey{"web", "g2"}));
  // The pair had no judgement before and has none again: it is back in
  // the review queue, not among the pairs judged unsure.
  std::vector<ReviewCandidate> queue = Candidates();
  ASSERT_THAT(queue, SizeIs(1));
  EXPECT_EQ(queue[0].a, (SourceKey{"crm", "g1"}));
  EXPECT_EQ(queue[0].b, (SourceKey{"web", "g2"}));
  EXPECT_FALSE(queue[0].judgement.has_value());
  EXPECT_THAT(Candidates(/*unsure=*/true), IsEmpty());
  ASSERT_OK_AND_ASSIGN(
      CandidateDetail detail,
      engine_->GetCandidate(Ref("crm", "g1"), Ref("web", "g2")));
  EXPECT_FALSE(detail.judgement.has_value());
  // The history of the golden record says why it split.
  ASSERT_OK_AND_ASSIGN(GoldenHistory history, engine_->History(g1, 0, 100));
  EXPECT_THAT(history.versions.back().row.cause_note,
              HasSubstr("undo by ann: wrong key"));
  // Undone once only.
  EXPECT_THAT(
      engine_->UndoDecision(approved.audit_sequence, "ann", ""),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               HasSubstr("has been undone already (crm:g1 and web:g2 are "
                         "undecided)")));
  ExpectInvariantsHold();
}

TEST_F(StewardTest, UndoOfAFirstDecisionPutsThePairBackInTheQueue) {
  MustUpsert(Half("crm", "g1", "Gus", "Hall", true));
  MustUpsert(Half("web", "g2", "Gus", "Hall", false));
  for (Decision decision : {Decision::kReject, Decision::kUnsure}) {
    ASSERT_OK_AND_ASSIGN(StewardOutcome decided,
                         engine_->Decide(Ref("web", "g2"), Ref("crm", "g1"),
                                         decision, "ann", ""));
    EXPECT_THAT(Candidates(), IsEmpty());
    ASSERT_OK(
        engine_->UndoDecision(decided.audit_sequence, "ann", "").status());
    std::vector<ReviewCandidate> queue = Candidates();
    ASSERT_THAT(queue, SizeIs(1));
    EXPECT_EQ(queue[0].a, (SourceKey{"crm", "g1"}));
    EXPECT_THAT(Candidates(/*unsure=*/true), IsEmpty());
    clock_.Advance(absl::Seconds(1));
  }
  // Undecided means unconstrained: evidence that links the pair joins it
  // now, as if no steward had looked at it.
  MustUpsert(Person("g2",
                    {{"given_name", "Gus"},
                     {"family_name", "Hall"},
                     {"city", "Oakland"},
                     {"email", "Gus@y.org"}},
                    "web"));
  MustUpsert(Person("g1",
                    {{"given_name", "Gus"},
                     {"family_name", "Hall"},
                     {"city", "Oakland"},
                     {"email", "Gus@y.org"}},
                    "crm"));
  EXPECT_EQ(GoldenOf("g2", "web"), GoldenOf("g1"));
  ExpectInvariantsHold();
}

TEST_F(StewardTest, UndoingEveryDecisionOfAPairInTurnEndsUndecided) {
  MustUpsert(Half("crm", "h1", "Hal", "Ito", true));
  MustUpsert(Half("web", "h2", "Hal", "Ito", false));
  ASSERT_OK_AND_ASSIGN(StewardOutcome rejected,
                       engine_->Decide(Ref("crm", "h1"), Ref("web", "h2"),
                                       Decision::kReject, "ann", "no"));
  clock_.Advance(absl::Seconds(1));
  ASSERT_OK_AND_ASSIGN(StewardOutcome approved,
                       engine_->Decide(Ref("crm", "h1"), Ref("web", "h2"),
                                       Decision::kApprove, "bob", "yes"));
  // The first decision cannot be undone while a later one stands.
  EXPECT_THAT(engine_->UndoDecision(rejected.audit_sequence, "ann", ""),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("judged again since")));
  ASSERT_OK(engine_->UndoDecision(approved.audit_sequence, "bob", "").status());
  ASSERT_OK_AND_ASSIGN(
      CandidateDetail detail,
      engine_->GetCandidate(Ref("crm", "h1"), Ref("web", "h2")));
  ASSERT_TRUE(detail.judgement.has_value());
  EXPECT_EQ(detail.judgement->kind, storage::JudgementKind::kCannotLink);
  EXPECT_THAT(Candidates(), IsEmpty());
  ASSERT_OK(engine_->UndoDecision(rejected.audit_sequence, "ann", "").status());
  ASSERT_OK_AND_ASSIGN(
      detail, engine_->GetCandidate(Ref("crm", "h1"), Ref("web", "h2")));
  EXPECT_FALSE(detail.judgement.has_value());
  EXPECT_THAT(Candidates(), SizeIs(1));
  EXPECT_NE(GoldenOf("h2", "web"), GoldenOf("h1"));
  // Both are undone now; neither can be again.
  for (int64_t sequence : {approved.audit_sequence, rejected.audit_sequence}) {
    EXPECT_THAT(engine_->UndoDecision(sequence, "ann", ""),
                StatusIs(absl::StatusCode::kFailedPrecondition,
                         HasSubstr("has been undone already")));
  }
  ExpectInvariantsHold();
}

TEST_F(StewardTest, UndoRestoresTheJudgementTheDecisionReplaced) {
  MustUpsert(Half("crm", "h1", "Hal", "Ito", true));
  MustUpsert(Half("web", "h2", "Hal", "Ito", false));
  ASSERT_OK(engine_
                ->Decide(Ref("crm", "h1"), Ref("web", "h2"), Decision::kReject,
                         "ann", "different people")
                .status());
  clock_.Advance(absl::Seconds(5));
  ASSERT_OK_AND_ASSIGN(StewardOutcome approved,
                       engine_->Decide(Ref("web", "h2"), Ref("crm", "h1"),
                                       Decision::kApprove, "bob", "same"));
  ASSERT_EQ(GoldenOf("h2", "web"), GoldenOf("h1"));
  ASSERT_OK(engine_->UndoDecision(approved.audit_sequence, "bob", "").status());
  EXPECT_NE(GoldenOf("h2", "web"), GoldenOf("h1"));
  ASSERT_OK_AND_ASSIGN(
      CandidateDetail detail,
      engine_->GetCandidate(Ref("crm", "h1"), Ref("web", "h2")));
  ASSERT_TRUE(detail.judgement.has_value());
  EXPECT_EQ(detail.judgement->kind, storage::JudgementKind::kCannotLink);
  EXPECT_EQ(detail.judgement->actor, "ann");
  EXPECT_EQ(detail.judgement->reason, "different people");
  // The restored reject holds against new evidence, as before.
  MustUpsert(Person("h2",
                    {{"given_name", "Hal"},
                     {"family_name", "Ito"},
                     {"city", "Oakland"},
                     {"email", "Hal@y.org"}},
                    "web"));
  EXPECT_NE(GoldenOf("h2", "web"), GoldenOf("h1"));
  ExpectInvariantsHold();
}

TEST_F(StewardTest, UndoIsRefusedForWhatIsNoDecisionOrNoLongerTheLatest) {
  MustUpsert(Person("a", {{"email", "a@x.org"}}));
  MustUpsert(Person("b", {{"email", "b@x.org"}}));
  ASSERT_OK_AND_ASSIGN(
      StewardOutcome merged,
      engine_->MergeGoldens(GoldenOf("a"), GoldenOf("b"), "ann", ""));
  EXPECT_THAT(engine_->UndoDecision(merged.audit_sequence, "ann", ""),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("is a merge, not a decision")));
  EXPECT_THAT(engine_->UndoDecision(999, "ann", ""),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(engine_->UndoDecision(0, "ann", ""),
              StatusIs(absl::StatusCode::kInvalidArgument));
  MustUpsert(Half("crm", "g1", "Gus", "Hall", true));
  MustUpsert(Half("web", "g2", "Gus", "Hall", false));
  ASSERT_OK_AND_ASSIGN(StewardOutcome first,
                       engine_->Decide(Ref("crm", "g1"), Ref("web", "g2"),
                                       Decision::kUnsure, "ann", ""));
  clock_.Advance(absl::Seconds(1));
  ASSERT_OK(engine_
                ->Decide(Ref("crm", "g1"), Ref("web", "g2"), Decision::kReject,
                         "bob", "")
                .status());
  EXPECT_THAT(engine_->UndoDecision(first.audit_sequence, "ann", ""),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("crm:g1 and web:g2 have been judged again")));
}

}  // namespace
}  // namespace mdm::engine
