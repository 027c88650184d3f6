#include "src/engine/internal/group_commit.h"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdm::engine {
namespace {

using ::testing::ElementsAre;

TEST(GroupCommit, ALoneCallerGetsItsResult) {
  GroupCommit<int, std::string> group;
  const std::string result = group.Submit(7, [](std::vector<int> batch) {
    return std::vector<std::string>{std::to_string(batch.front() * 2)};
  });
  EXPECT_EQ(result, "14");
}

TEST(GroupCommit, CallersWaitingMeanwhileShareTheNextBatchInArrivalOrder) {
  constexpr int kCallers = 9;
  GroupCommit<int, int> group(/*max_batch=*/4);
  absl::Mutex mu;
  std::vector<std::vector<int>> batches;
  std::atomic<bool> first_leads = false;
  auto apply = [&](std::vector<int> batch) {
    if (batch.front() == 0) {
      first_leads = true;
      // The first caller leads alone; hold the writer until all the others
      // have queued behind it.
      while (group.waiting() < kCallers - 1)
        absl::SleepFor(absl::Microseconds(50));
    }
    {
      absl::MutexLock lock(&mu);
      batches.push_back(batch);
    }
    std::vector<int> results;
    for (int request : batch) results.push_back(request * 10);
    return results;
  };
  std::vector<int> results(kCallers, -1);
  std::thread first([&] { results[0] = group.Submit(0, apply); });
  while (!first_leads) absl::SleepFor(absl::Microseconds(50));
  std::vector<std::thread> others;
  for (int i = 1; i < kCallers; ++i) {
    // One at a time, so that they queue in this order.
    while (group.waiting() < static_cast<size_t>(i - 1)) {
      absl::SleepFor(absl::Microseconds(50));
    }
    others.emplace_back([&, i] { results[i] = group.Submit(i, apply); });
  }
  first.join();
  for (std::thread& t : others) t.join();

  for (int i = 0; i < kCallers; ++i) EXPECT_EQ(results[i], i * 10) << i;
  // 0 alone, then the eight that queued meanwhile in batches of at most 4.
  ASSERT_EQ(batches.size(), 3u);
  EXPECT_THAT(batches[0], ElementsAre(0));
  EXPECT_THAT(batches[1], ElementsAre(1, 2, 3, 4));
  EXPECT_THAT(batches[2], ElementsAre(5, 6, 7, 8));
}

}  // namespace
}  // namespace mdm::engine
