// Clock: the source of "now" for code that records times.
//
//   Engine engine(store, config, Clock::Real());
//   FakeClock clock(absl::FromUnixSeconds(1700000000));   // in tests
//   clock.Advance(absl::Minutes(5));
//
// Implementations are thread-safe.
#ifndef MDM_SRC_BASE_CLOCK_H_
#define MDM_SRC_BASE_CLOCK_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace mdm {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() = 0;

  // The process-wide wall clock; never deleted.
  static Clock* Real();
};

// A clock that moves only when told to.
class FakeClock : public Clock {
 public:
  explicit FakeClock(absl::Time start) : now_(start) {}

  absl::Time Now() override {
    absl::MutexLock lock(&mu_);
    return now_;
  }
  void Advance(absl::Duration d) {
    absl::MutexLock lock(&mu_);
    now_ += d;
  }
  void Set(absl::Time t) {
    absl::MutexLock lock(&mu_);
    now_ = t;
  }

 private:
  absl::Mutex mu_;
  absl::Time now_ ABSL_GUARDED_BY(mu_);
};

}  // namespace mdm

#endif  // MDM_SRC_BASE_CLOCK_H_
