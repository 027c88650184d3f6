// Group commit: concurrent callers that each have one write to make hand
// them to whichever of them finds the writer free, which applies all that
// are waiting in one transaction and gives each caller its own result.
//
//   GroupCommit<Request, Result> group;
//   // on any number of threads:
//   Result r = group.Submit(std::move(request),
//       [&](std::vector<Request> batch) { return ApplyAll(batch); });
//
// One transaction a batch means one BEGIN, one commit and one fsync for
// every write that queued meanwhile, instead of one each, and callers are
// served in batches in arrival order rather than in the order a lock
// happens to wake them. `apply` runs on one caller's thread at a time, with
// no lock held, and must return one result per request, in order; a batch
// holds at most `max_batch` requests, and the rest wait for the next.
//
// Thread-safe. A result is only as independent as `apply` makes it: when
// `apply` fails a whole batch, every request in it fails.
#ifndef MDM_SRC_ENGINE_INTERNAL_GROUP_COMMIT_H_
#define MDM_SRC_ENGINE_INTERNAL_GROUP_COMMIT_H_

#include <algorithm>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/synchronization/mutex.h"

namespace mdm::engine {

template <typename Request, typename Result>
class GroupCommit {
 public:
  explicit GroupCommit(size_t max_batch = 256) : max_batch_(max_batch) {}

  Result Submit(
      Request request,
      absl::FunctionRef<std::vector<Result>(std::vector<Request>)> apply) {
    Waiter self{.request = std::move(request)};
    absl::MutexLock lock(&mu_);
    queue_.push_back(&self);
    Ready ready{this, &self};
    while (true) {
      mu_.Await(absl::Condition(&Ready::Check, &ready));
      if (self.result.has_value()) return *std::move(self.result);
      // The writer is free and this caller's request still waits: lead.
      leading_ = true;
      const size_t taken = std::min(queue_.size(), max_batch_);
      std::vector<Waiter*> batch(queue_.begin(), queue_.begin() + taken);
      queue_.erase(queue_.begin(), queue_.begin() + taken);
      std::vector<Request> requests;
      requests.reserve(batch.size());
      for (Waiter* waiter : batch) {
        requests.push_back(std::move(waiter->request));
      }
      mu_.Unlock();
      std::vector<Result> results = apply(std::move(requests));
      mu_.Lock();
      for (size_t i = 0; i < batch.size(); ++i) {
        batch[i]->result.emplace(std::move(results[i]));
      }
      leading_ = false;
    }
  }

  // Requests queued and not yet taken into a batch. For tests and
  // diagnostics.
  size_t waiting() {
    absl::MutexLock lock(&mu_);
    return queue_.size();
  }

 private:
  struct Waiter {
    Request request;
    std::optional<Result> result;
  };
  struct Ready {
    GroupCommit* group;
    Waiter* waiter;
    static bool Check(Ready* ready) {
      ready->group->mu_.AssertReaderHeld();
      return ready->waiter->result.has_value() || !ready->group->leading_;
    }
  };

  const size_t max_batch_;
  absl::Mutex mu_;
  std::vector<Waiter*> queue_ ABSL_GUARDED_BY(mu_);
  bool leading_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace mdm::engine

#endif  // MDM_SRC_ENGINE_INTERNAL_GROUP_COMMIT_H_
