#include "src/base/worker_pool.h"

namespace mdm {

WorkerPool::WorkerPool(int helpers) {
  for (int i = 0; i < helpers; ++i)
    threads_.emplace_back([this] { HelperLoop(); });
}

WorkerPool::~WorkerPool() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
    changed_.SignalAll();
  }
  for (std::thread& thread : threads_) thread.join();
}

void WorkerPool::RunJob(absl::FunctionRef<void(size_t)> fn, size_t n) {
  for (size_t i = next_.fetch_add(1); i < n; i = next_.fetch_add(1)) fn(i);
}

void WorkerPool::HelperLoop() {
  uint64_t seen = 0;
  absl::MutexLock lock(&mu_);
  while (true) {
    while (!stop_ && (generation_ == seen || job_ == nullptr)) {
      if (generation_ != seen) seen = generation_;  // a job already gone
      changed_.Wait(&mu_);
    }
    if (stop_) return;
    seen = generation_;
    const absl::FunctionRef<void(size_t)> fn = *job_;
    const size_t n = size_;
    ++active_;
    mu_.Unlock();
    RunJob(fn, n);
    mu_.Lock();
    --active_;
    changed_.SignalAll();
  }
}

void WorkerPool::ParallelFor(size_t n, absl::FunctionRef<void(size_t)> fn) {
  if (threads_.empty() || n < 2 || !run_mu_.TryLock()) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  {
    absl::MutexLock lock(&mu_);
    next_.store(0);
    job_ = &fn;
    size_ = n;
    ++generation_;
    changed_.SignalAll();
  }
  RunJob(fn, n);
  {
    absl::MutexLock lock(&mu_);
    job_ = nullptr;  // helpers that wake from now on skip this job
    while (active_ > 0) changed_.Wait(&mu_);
  }
  run_mu_.Unlock();
}

}  // namespace mdm
