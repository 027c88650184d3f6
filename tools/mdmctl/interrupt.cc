#include "tools/mdmctl/interrupt.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace mdm::cli {
namespace {

// Shared with the async-signal-safe handler.
std::atomic<int> signals_seen{0};
std::atomic<int> wake_fd{-1};

void HandleSignal(int) {
  if (signals_seen.fetch_add(1) >= 1) _exit(130);  // the second one
  const int fd = wake_fd.load();
  if (fd >= 0) {
    const char byte = 1;
    [[maybe_unused]] ssize_t ignored = ::write(fd, &byte, 1);
  }
}

}  // namespace

InterruptHandler::InterruptHandler() {
  signals_seen = 0;
  if (::pipe(pipe_) != 0) {
    pipe_[0] = pipe_[1] = -1;
    return;  // without a pipe, the default action stays
  }
  ::fcntl(pipe_[1], F_SETFL, O_NONBLOCK);
  wake_fd = pipe_[1];
  watcher_ = std::thread([this] { Watch(); });
  struct sigaction action = {};
  action.sa_handler = HandleSignal;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, &previous_int_);
  ::sigaction(SIGTERM, &action, &previous_term_);
}

InterruptHandler::~InterruptHandler() {
  if (pipe_[1] < 0) return;
  ::sigaction(SIGINT, &previous_int_, nullptr);
  ::sigaction(SIGTERM, &previous_term_, nullptr);
  wake_fd = -1;
  ::close(pipe_[1]);  // ends the watcher
  watcher_.join();
  ::close(pipe_[0]);
}

void InterruptHandler::OnInterrupt(std::function<void()> action) {
  bool run_now = false;
  {
    absl::MutexLock lock(&mu_);
    action_ = std::move(action);
    run_now = ran_;
  }
  if (run_now) {
    absl::MutexLock lock(&mu_);
    if (action_) action_();
  }
}

bool InterruptHandler::interrupted() const { return signals_seen.load() > 0; }

void InterruptHandler::Watch() {
  char byte;
  while (true) {
    const ssize_t n = ::read(pipe_[0], &byte, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // closed by the destructor
    absl::MutexLock lock(&mu_);
    ran_ = true;
    if (action_) action_();
  }
}

}  // namespace mdm::cli
