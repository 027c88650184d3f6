#include "src/base/worker_pool.h"

#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace mdm {
namespace {

TEST(WorkerPool, EveryIndexRunsExactlyOnceAcrossManyJobs) {
  WorkerPool pool(/*helpers=*/3);
  for (size_t n : {0, 1, 2, 7, 100, 1000}) {
    std::vector<std::atomic<int>> calls(n);
    pool.ParallelFor(n, [&](size_t i) { calls[i].fetch_add(1); });
    for (size_t i = 0; i < n; ++i)
      EXPECT_EQ(calls[i].load(), 1) << n << " " << i;
  }
}

TEST(WorkerPool, UsesTheHelpers) {
  WorkerPool pool(/*helpers=*/1);
  std::mutex mu;
  std::set<std::thread::id> threads;
  pool.ParallelFor(2000, [&](size_t) {
    std::this_thread::sleep_for(std::chrono::microseconds(50));
    std::lock_guard<std::mutex> lock(mu);
    threads.insert(std::this_thread::get_id());
  });
  EXPECT_EQ(threads.size(), 2u);
}

TEST(WorkerPool, ConcurrentCallersAllFinish) {
  WorkerPool pool(/*helpers=*/1);
  std::atomic<int64_t> sum{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < 4; ++c) {
    callers.emplace_back([&] {
      for (int round = 0; round < 50; ++round) {
        pool.ParallelFor(100, [&](size_t i) { sum.fetch_add(i); });
      }
    });
  }
  for (std::thread& t : callers) t.join();
  EXPECT_EQ(sum.load(), 4 * 50 * (99 * 100 / 2));
}

}  // namespace
}  // namespace mdm
