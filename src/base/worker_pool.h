// WorkerPool: long-lived helper threads for data-parallel loops, so that
// per-thread caches (ICU transliterators, phone metadata) are built once.
//
//   WorkerPool pool(/*helpers=*/1);
//   pool.ParallelFor(records.size(), [&](size_t i) { out[i] = Work(in[i]); });
//
// ParallelFor runs fn(0..n-1) on the calling thread and the helpers and
// returns when every call has returned; fn must be safe to call
// concurrently for different indexes. Thread-safe: while one ParallelFor
// runs, a concurrent one runs on its caller's thread alone rather than wait.
#ifndef MDM_SRC_BASE_WORKER_POOL_H_
#define MDM_SRC_BASE_WORKER_POOL_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/synchronization/mutex.h"

namespace mdm {

class WorkerPool {
 public:
  explicit WorkerPool(int helpers);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void ParallelFor(size_t n, absl::FunctionRef<void(size_t)> fn);

 private:
  void HelperLoop();
  void RunJob(absl::FunctionRef<void(size_t)> fn, size_t n);

  absl::Mutex run_mu_;  // one ParallelFor on the helpers at a time
  absl::Mutex mu_;
  absl::CondVar changed_;
  const absl::FunctionRef<void(size_t)>* job_ ABSL_GUARDED_BY(mu_) = nullptr;
  size_t size_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
  int active_ ABSL_GUARDED_BY(mu_) = 0;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::atomic<size_t> next_{0};
  std::vector<std::thread> threads_;
};

}  // namespace mdm

#endif  // MDM_SRC_BASE_WORKER_POOL_H_
