// Child processes for mdm-eval: run a program to completion and capture its
// output, or keep mdmd running in the background until told to stop.
//
//   MDM_ASSIGN_OR_RETURN(ProcessResult r,
//                        RunProcess("/usr/bin/env", {"true"}));
//   if (r.exit_code != 0) ... r.err ...
//
//   MDM_ASSIGN_OR_RETURN(std::unique_ptr<MdmdProcess> mdmd,
//                        MdmdProcess::Start("build/bin/mdmd",
//                                           {"--db=/tmp/x/mdm.db"},
//                                           "/tmp/x/mdmd.log"));
//   ... talk to 127.0.0.1:mdmd->port() ...
//   MDM_RETURN_IF_ERROR(mdmd->Stop());
//
// Programs are started with posix_spawn (no shell, no PATH search: give a
// path). The child's standard input is /dev/null; the capture pipes are
// close-on-exec, so no child holds another's. RunProcess may run on several
// threads at once (each call waits for its own child only); an MdmdProcess is
// not thread-safe.
#ifndef MDM_TOOLS_EVAL_SUBPROCESS_H_
#define MDM_TOOLS_EVAL_SUBPROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace mdm::eval {

struct ProcessResult {
  // The exit status; 128 + N when the child was killed by signal N.
  int exit_code = 0;
  std::string out;  // everything written to standard output
  std::string err;  // everything written to standard error
};

// Runs `program` with `args` (not including argv[0]) and waits for it,
// capturing both output streams in memory. An error only when the program
// cannot be started or waited for; a non-zero exit is a result.
absl::StatusOr<ProcessResult> RunProcess(const std::string& program,
                                         const std::vector<std::string>& args);

// mdmd running in the background with its output in a log file. The
// destructor kills (SIGKILL) and reaps a server that was not stopped.
class MdmdProcess {
 public:
  // Starts `program` with `args` plus --listen=127.0.0.1:0, writes its
  // stdout and stderr to `log_path`, and waits up to `timeout` for the log
  // line "ready: mdmd serving mdm.v1 on HOST:PORT ...". Fails, quoting the end
  // of the log, when mdmd exits first or does not become ready in time.
  static absl::StatusOr<std::unique_ptr<MdmdProcess>> Start(
      const std::string& program, const std::vector<std::string>& args,
      const std::string& log_path, absl::Duration timeout = absl::Seconds(30));

  MdmdProcess(const MdmdProcess&) = delete;
  MdmdProcess& operator=(const MdmdProcess&) = delete;
  ~MdmdProcess();

  int port() const { return port_; }
  // "127.0.0.1:PORT", for mdmctl --server.
  std::string address() const;
  const std::string& log_path() const { return log_path_; }

  // Sends SIGTERM and waits up to `timeout` for the exit (then SIGKILL).
  // Fails when mdmd had to be killed or exited with a non-zero status.
  absl::Status Stop(absl::Duration timeout = absl::Seconds(30));

 private:
  MdmdProcess(pid_t pid, std::string log_path)
      : pid_(pid), log_path_(std::move(log_path)) {}

  pid_t pid_;  // -1 once reaped
  int port_ = 0;
  std::string log_path_;
};

// The last `max_lines` lines of a text file ("" if it cannot be read).
std::string TailOfFile(const std::string& path, int max_lines);

}  // namespace mdm::eval

#endif  // MDM_TOOLS_EVAL_SUBPROCESS_H_
