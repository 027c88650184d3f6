#include "matching/candidate_scores.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "matching/blocking.h"
#include "matching/scorer.h"
#include "matching/standardizer.h"
#include "matching/testing/test_models.h"

namespace mdm::matching {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;

class CandidateScoresTest : public ::testing::Test {
 protected:
  RecordFeatures Person(const std::string& email, const std::string& name) {
    return Standardize(
        model_,
        {{"email", email}, {"full_name", name}, {"birth_date", "1980-02-03"}});
  }
  void Index(int64_t id, const RecordFeatures& features) {
    std::vector<uint64_t> hashes;
    for (const BlockingKey& key : BlockingKeys(model_, features)) {
      hashes.push_back(key.hash);
    }
    index_.Replace(id, std::move(hashes), EncodeFeatures(model_, features));
  }
  // The weight the writer would take from `scores` for `id` now.
  const CandidateScore* Lookup(const CandidateScores& scores, int64_t id) {
    const CandidateScore* found = nullptr;
    size_t cursor = 0;
    index_.VisitFeatures({id}, [&](int64_t, absl::string_view bytes) {
      found = FindScore(scores, id, bytes, cursor);
    });
    return found;
  }

  const EntityModel model_ = testing::TestPersonModel();
  CandidateIndex index_;
};

TEST_F(CandidateScoresTest, ScoresEachCandidateAsTheWriterWould) {
  const RecordFeatures ann = Person("ann@example.com", "Ann Lee");
  const RecordFeatures same = Person("ann@example.com", "Ann Lee");
  const RecordFeatures other = Person("ann@example.com", "Bob Stone");
  Index(4, same);
  Index(2, other);
  const CandidateScores scores =
      ScoreCandidates(model_, ann, BlockingKeys(model_, ann), index_);
  ASSERT_THAT(scores, ElementsAre(Field(&CandidateScore::record_id, 2),
                                  Field(&CandidateScore::record_id, 4)));
  EXPECT_EQ(scores[1].weight,
            MatchWeightAtLeast(model_, ann, same, model_.review_weight()));
  EXPECT_EQ(scores[1].weight, MatchWeight(model_, ann, same));
  EXPECT_EQ(scores[0].weight,
            MatchWeightAtLeast(model_, ann, other, model_.review_weight()));
}

TEST_F(CandidateScoresTest, AScoreIsTakenOnlyWhileTheCandidateIsUnchanged) {
  const RecordFeatures ann = Person("ann@example.com", "Ann Lee");
  Index(1, Person("ann@example.com", "Ann Lee"));
  const CandidateScores scores =
      ScoreCandidates(model_, ann, BlockingKeys(model_, ann), index_);
  ASSERT_NE(Lookup(scores, 1), nullptr);

  // Written again with equal features: new bytes, so scored again.
  Index(1, Person("ann@example.com", "Ann Lee"));
  EXPECT_EQ(Lookup(scores, 1), nullptr);
  // A candidate that appeared after scoring has no score.
  Index(3, Person("ann@example.com", "Ann Lee"));
  EXPECT_EQ(Lookup(scores, 3), nullptr);
  // The held features outlive the change.
  EXPECT_FALSE(scores[0].features->empty());
}

TEST_F(CandidateScoresTest, FindScoreWalksIncreasingIds) {
  const RecordFeatures ann = Person("ann@example.com", "Ann Lee");
  for (int64_t id : {2, 5, 9}) Index(id, Person("ann@example.com", "Ann"));
  const CandidateScores scores =
      ScoreCandidates(model_, ann, BlockingKeys(model_, ann), index_);
  ASSERT_EQ(scores.size(), 3u);
  size_t cursor = 0;
  std::vector<int64_t> found;
  index_.VisitFeatures({1, 2, 7, 9}, [&](int64_t id, absl::string_view bytes) {
    if (FindScore(scores, id, bytes, cursor) != nullptr) found.push_back(id);
  });
  EXPECT_THAT(found, ElementsAre(2, 9));
}

}  // namespace
}  // namespace mdm::matching
