#include "matching/candidate_index.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "matching/testing/test_models.h"

namespace mdm::matching {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

std::string Features(int64_t id) { return absl::StrCat("f", id); }

std::vector<std::pair<int64_t, std::string>> FeaturesOf(
    const CandidateIndex& index, std::vector<int64_t> ids) {
  std::vector<std::pair<int64_t, std::string>> seen;
  index.VisitFeatures(ids, [&](int64_t id, absl::string_view bytes) {
    seen.emplace_back(id, std::string(bytes));
  });
  return seen;
}

std::vector<int64_t> MembersOf(const CandidateIndex& index, uint64_t key,
                               size_t limit = 100) {
  std::vector<int64_t> members;
  EXPECT_TRUE(index.Members(key, limit, members));
  return members;
}

TEST(CandidateIndex, MembersAreTheRecordsHoldingTheKey) {
  CandidateIndex index;
  index.Replace(1, {10, 20}, Features(1));
  index.Replace(2, {20, 30}, Features(2));
  EXPECT_THAT(MembersOf(index, 10), ElementsAre(1));
  EXPECT_THAT(MembersOf(index, 20), UnorderedElementsAre(1, 2));
  EXPECT_THAT(MembersOf(index, 40), IsEmpty());
  EXPECT_EQ(index.records(), 2u);
}

TEST(CandidateIndex, OversizedBlockYieldsNothingAndSaysSo) {
  CandidateIndex index;
  for (int64_t id = 1; id <= 4; ++id) index.Replace(id, {7}, Features(id));
  std::vector<int64_t> members = {99};
  EXPECT_FALSE(index.Members(7, 3, members));
  EXPECT_THAT(members, ElementsAre(99));  // untouched
  EXPECT_TRUE(index.Members(7, 4, members));
  EXPECT_EQ(members.size(), 5u);
  EXPECT_EQ(index.BlockSize(7), 4u);
}

TEST(CandidateIndex, ReplaceMovesARecordBetweenBlocks) {
  CandidateIndex index;
  index.Replace(1, {10, 20, 20}, Features(1));
  index.Replace(1, {20, 30}, Features(1));
  EXPECT_THAT(MembersOf(index, 10), IsEmpty());
  EXPECT_THAT(MembersOf(index, 20), ElementsAre(1));
  EXPECT_THAT(MembersOf(index, 30), ElementsAre(1));
  EXPECT_THAT(index.KeysOf(1), ElementsAre(20, 30));
  index.Remove(1);
  EXPECT_THAT(MembersOf(index, 20), IsEmpty());
  EXPECT_THAT(index.KeysOf(1), IsEmpty());
  EXPECT_EQ(index.records(), 0u);
}

TEST(CandidateIndex, RollbackRestoresTheStateAtTheMark) {
  CandidateIndex index;
  index.Replace(1, {10}, Features(1));
  index.ForgetUndo();
  const CandidateIndex::Mark mark = index.mark();
  index.Replace(2, {10, 20}, Features(2));
  index.Replace(1, {30}, Features(1));
  index.Remove(2);
  index.Replace(3, {40}, "new");
  index.Replace(3, {41}, "newer");
  index.RollbackTo(mark);
  EXPECT_THAT(MembersOf(index, 10), ElementsAre(1));
  EXPECT_THAT(MembersOf(index, 20), IsEmpty());
  EXPECT_THAT(MembersOf(index, 30), IsEmpty());
  EXPECT_THAT(index.KeysOf(1), ElementsAre(10));
  EXPECT_THAT(MembersOf(index, 40), IsEmpty());
  EXPECT_THAT(MembersOf(index, 41), IsEmpty());
  EXPECT_THAT(FeaturesOf(index, {1, 2, 3}),
              ElementsAre(std::make_pair(int64_t{1}, std::string("f1"))));
  EXPECT_EQ(index.records(), 1u);
}

TEST(CandidateIndex, FeaturesFollowTheLatestReplace) {
  CandidateIndex index;
  index.Replace(1, {10}, "old");
  index.Replace(2, {10}, "two");
  index.Replace(1, {10}, "new");
  EXPECT_THAT(FeaturesOf(index, {2, 1, 3}),
              ElementsAre(std::make_pair(int64_t{2}, std::string("two")),
                          std::make_pair(int64_t{1}, std::string("new"))));
}

TEST(CandidateIndex, RollbackToAnInnerMarkKeepsEarlierChanges) {
  CandidateIndex index;
  const CandidateIndex::Mark outer = index.mark();
  index.Replace(1, {10}, Features(1));
  const CandidateIndex::Mark inner = index.mark();
  index.Replace(2, {10}, Features(2));
  index.RollbackTo(inner);
  EXPECT_THAT(MembersOf(index, 10), ElementsAre(1));
  index.RollbackTo(outer);
  EXPECT_THAT(MembersOf(index, 10), IsEmpty());
}

TEST(CandidateIndex, ForgottenChangesCannotBeRolledBack) {
  CandidateIndex index;
  const CandidateIndex::Mark mark = index.mark();
  index.Replace(1, {10}, Features(1));
  index.ForgetUndo();
  index.RollbackTo(mark);
  EXPECT_THAT(MembersOf(index, 10), ElementsAre(1));
}

TEST(CandidateIndex, LoadSetsKeysWithoutUndo) {
  CandidateIndex index;
  std::vector<std::vector<uint64_t>> keys = {{5, 6}, {6}};
  std::vector<std::string> features = {"f1", "f2"};
  index.Load({1, 2}, absl::MakeSpan(keys), absl::MakeSpan(features));
  EXPECT_THAT(MembersOf(index, 6), UnorderedElementsAre(1, 2));
  EXPECT_THAT(FeaturesOf(index, {2}),
              ElementsAre(std::make_pair(int64_t{2}, std::string("f2"))));
  index.RollbackTo(0);
  EXPECT_THAT(MembersOf(index, 5), ElementsAre(1));
}

TEST(CandidateIndex, CandidatesAreDistinctSortedAndSkipBlocksOverTheirRuleCap) {
  const EntityModel model = testing::TestPersonModel();
  ASSERT_GE(model.blocking_rules().size(), 2u);
  const size_t cap = model.blocking_rules()[1].max_block_size;
  CandidateIndex index;
  index.Replace(3, {100, 200}, Features(3));
  index.Replace(1, {100}, Features(1));
  for (size_t i = 0; i <= cap; ++i) {
    index.Replace(1000 + static_cast<int64_t>(i), {300}, "x");
  }
  const std::vector<BlockingKey> keys = {{.rule = 0, .hash = 100},
                                         {.rule = 0, .hash = 200},
                                         {.rule = 1, .hash = 300}};
  int oversized = 0;
  EXPECT_THAT(index.Candidates(model, keys, &oversized), ElementsAre(1, 3));
  EXPECT_EQ(oversized, 1);
}

TEST(CandidateIndex, ALargeBlockPairsOnlyRecordsSharingAnotherKey) {
  v1::EntityTypeConfig config = testing::TestPersonModel().config();
  config.mutable_blocking_rules(0)->set_single_key_block_size(3);
  absl::StatusOr<EntityModel> model = EntityModel::Compile(config);
  ASSERT_TRUE(model.ok()) << model.status();
  ASSERT_EQ(model->blocking_rules()[0].single_key_block_size, 3);
  // Block 100 (rule 0) holds 1..4, over its single-key size; 1 and 2 also
  // share block 200, and 3 shares block 300 (within its size) with 5.
  CandidateIndex index;
  index.Replace(1, {100, 200}, Features(1));
  index.Replace(2, {100, 200}, Features(2));
  index.Replace(3, {100, 300}, Features(3));
  index.Replace(4, {100}, Features(4));
  index.Replace(5, {300}, Features(5));
  auto keys = [](std::vector<uint64_t> hashes) {
    std::vector<BlockingKey> keys;
    for (uint64_t hash : hashes) keys.push_back({.rule = 0, .hash = hash});
    return keys;
  };
  EXPECT_THAT(index.Candidates(*model, keys({100, 200})), ElementsAre(1, 2));
  EXPECT_THAT(index.Candidates(*model, keys({100})), ElementsAre());
  EXPECT_THAT(index.Candidates(*model, keys({100, 300})), ElementsAre(3, 5));
  // A key given twice is one key.
  EXPECT_THAT(index.Candidates(*model, keys({100, 100})), ElementsAre());
  // A search looks through every block within its cap.
  EXPECT_THAT(index.BlockMembers(*model, keys({100})), ElementsAre(1, 2, 3, 4));
  // Back within its size, the block pairs all its members.
  index.Remove(4);
  EXPECT_THAT(index.Candidates(*model, keys({100})), ElementsAre(1, 2, 3));
}

TEST(CandidateIndex, SingleKeyBlockSizeIsValidatedAndAtMostTheCap) {
  v1::EntityTypeConfig config = testing::TestPersonModel().config();
  config.set_single_key_block_size(1);
  EXPECT_FALSE(EntityModel::Compile(config).ok());
  config.set_single_key_block_size(5000);
  absl::StatusOr<EntityModel> model = EntityModel::Compile(config);
  ASSERT_TRUE(model.ok()) << model.status();
  for (const BlockingRule& rule : model->blocking_rules()) {
    EXPECT_EQ(rule.single_key_block_size, rule.max_block_size) << rule.name;
  }
  config.clear_single_key_block_size();
  config.mutable_blocking_rules(0)->set_single_key_block_size(-2);
  EXPECT_FALSE(EntityModel::Compile(config).ok());
}

}  // namespace
}  // namespace mdm::matching
