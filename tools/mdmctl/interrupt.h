// Ctrl-C for commands that must end cleanly: the first SIGINT (or SIGTERM)
// runs the command's action (stop reading the file, cancel the call) and
// lets it finish and report; a second one ends the process at once with
// exit code 130. Commands that do not install it keep the default (the
// signal ends them, which the shell reports as 130 too).
//
//   InterruptHandler interrupts;               // installs the handlers
//   interrupts.OnInterrupt([&] { context.TryCancel(); });
//   ...
//   if (interrupts.interrupted()) return kExitInterrupted;
//
// One at a time per process. The action runs on a thread of the handler's
// own, never in the signal handler, so it may take locks and call gRPC.
#ifndef MDM_TOOLS_MDMCTL_INTERRUPT_H_
#define MDM_TOOLS_MDMCTL_INTERRUPT_H_

#include <signal.h>

#include <atomic>
#include <functional>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace mdm::cli {

class InterruptHandler {
 public:
  // Installs handlers for SIGINT and SIGTERM; the destructor restores the
  // previous ones.
  InterruptHandler();
  ~InterruptHandler();
  InterruptHandler(const InterruptHandler&) = delete;
  InterruptHandler& operator=(const InterruptHandler&) = delete;

  // What the first signal does (replacing any earlier action). When the
  // signal came before the action was set, it runs at once.
  void OnInterrupt(std::function<void()> action);

  // True once a first signal has arrived.
  bool interrupted() const;

 private:
  void Watch();

  int pipe_[2] = {-1, -1};
  struct sigaction previous_int_ = {};
  struct sigaction previous_term_ = {};
  absl::Mutex mu_;
  std::function<void()> action_ ABSL_GUARDED_BY(mu_);
  bool ran_ ABSL_GUARDED_BY(mu_) = false;
  std::thread watcher_;
};

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_INTERRUPT_H_
