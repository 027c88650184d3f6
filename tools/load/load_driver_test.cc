#include "tools/load/load_driver.h"

#include <grpcpp/alarm.h>

#include <algorithm>
#include <atomic>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace mdm::load {
namespace {

// A call that completes `delay` after it starts, through a gRPC alarm on the
// driver's queue; counts how many are outstanding at once.
class DelayedCall : public Call {
 public:
  struct Counters {
    int outstanding = 0;
    int most_outstanding = 0;
  };

  DelayedCall(absl::Duration delay, Counters* counters, std::string rejection)
      : delay_(delay), counters_(counters), rejection_(std::move(rejection)) {}
  ~DelayedCall() override { --counters_->outstanding; }

  void Start(grpc::CompletionQueue* cq) override {
    ++counters_->outstanding;
    counters_->most_outstanding =
        std::max(counters_->most_outstanding, counters_->outstanding);
    alarm_.Set(cq, absl::ToChronoTime(absl::Now() + delay_), this);
  }

  std::string Check() const override { return rejection_; }

 private:
  absl::Duration delay_;
  Counters* counters_;
  std::string rejection_;
  grpc::Alarm alarm_;
};

CallFactory Delayed(absl::Duration delay, DelayedCall::Counters* counters,
                    std::string rejection = "") {
  return [=](int64_t) {
    return std::make_unique<DelayedCall>(delay, counters, rejection);
  };
}

TEST(RunLoadTest, OpenLoopIssuesOneCallPerIntervalOfTheCountedSpan) {
  DelayedCall::Counters counters;
  const LoadOptions options{.rate = 1000,
                            .duration = absl::Milliseconds(400),
                            .warm_up = absl::Milliseconds(100)};
  const LoadReport report =
      RunLoad(options, Delayed(absl::Milliseconds(1), &counters));
  EXPECT_NEAR(report.calls, 400, 1);
  EXPECT_EQ(report.failed, 0);
  EXPECT_EQ(report.items, report.calls);
  EXPECT_EQ(static_cast<int64_t>(report.latencies_ms.size()), report.calls);
  EXPECT_DOUBLE_EQ(report.seconds, 0.4);
  EXPECT_EQ(counters.outstanding, 0);
}

TEST(RunLoadTest, NeverExceedsCallsInFlight) {
  DelayedCall::Counters counters;
  const LoadOptions options{.rate = 0,
                            .max_in_flight = 3,
                            .duration = absl::Milliseconds(200),
                            .warm_up = absl::ZeroDuration()};
  const LoadReport report =
      RunLoad(options, Delayed(absl::Milliseconds(20), &counters));
  EXPECT_EQ(counters.most_outstanding, 3);
  // Each call takes at least 20 ms, three at a time, over 200 ms.
  EXPECT_LE(report.calls, 3 * (200 / 20) + 3);
  EXPECT_GT(report.calls, 0);
  EXPECT_EQ(counters.outstanding, 0);
}

TEST(RunLoadTest, OpenLoopCountsQueueingBehindASlowServerInTheLatency) {
  DelayedCall::Counters counters;
  // 20 calls due within 200 ms, but one at a time and 50 ms each: the last
  // can only finish after 1 s, about 800 ms after it was due.
  const LoadOptions options{.rate = 100,
                            .max_in_flight = 1,
                            .duration = absl::Milliseconds(200),
                            .warm_up = absl::ZeroDuration()};
  LoadReport report =
      RunLoad(options, Delayed(absl::Milliseconds(50), &counters));
  ASSERT_EQ(report.calls, 20);
  EXPECT_GE(Percentile(report.latencies_ms, 1.0), 700);
}

TEST(RunLoadTest, RejectedResponsesCountAsFailedWithTheFirstReason) {
  DelayedCall::Counters counters;
  const LoadOptions options{.rate = 200,
                            .duration = absl::Milliseconds(100),
                            .warm_up = absl::ZeroDuration()};
  const LoadReport report = RunLoad(
      options, Delayed(absl::Milliseconds(1), &counters, "key crm/1: gone"));
  EXPECT_NEAR(report.calls, 20, 1);
  EXPECT_EQ(report.failed, report.calls);
  EXPECT_EQ(report.items, 0);
  EXPECT_TRUE(report.latencies_ms.empty());
  EXPECT_EQ(report.first_error, "key crm/1: gone");
  EXPECT_NE(FormatReport("resolve", options, report)
                .find(absl::StrCat(report.failed, " failed (first: key crm/1")),
            std::string::npos);
}

TEST(PercentileTest, NearestRank) {
  std::vector<double> values = {5, 1, 4, 2, 3};
  EXPECT_EQ(Percentile(values, 0.0), 1);
  EXPECT_EQ(Percentile(values, 0.5), 3);
  EXPECT_EQ(Percentile(values, 1.0), 5);
  std::vector<double> empty;
  EXPECT_EQ(Percentile(empty, 0.99), 0);
}

}  // namespace
}  // namespace mdm::load
