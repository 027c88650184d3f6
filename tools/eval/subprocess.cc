#include "tools/eval/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"

extern char** environ;

namespace mdm::eval {
namespace {

std::string ErrnoText(int error) { return std::strerror(error); }

// Closes a file descriptor on scope exit.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { Reset(); }
  int get() const { return fd_; }
  void Reset() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// Owns a posix_spawn_file_actions_t.
class FileActions {
 public:
  FileActions() { posix_spawn_file_actions_init(&actions_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

absl::StatusOr<pid_t> Spawn(const std::string& program,
                            const std::vector<std::string>& args,
                            FileActions& actions) {
  std::vector<std::string> argv_storage;
  argv_storage.reserve(args.size() + 1);
  argv_storage.push_back(program);
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int error = posix_spawn(&pid, program.c_str(), actions.get(), nullptr,
                                argv.data(), environ);
  if (error != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot start ", program, ": ", ErrnoText(error)));
  }
  return pid;
}

int ExitCodeOf(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return -1;
}

// waitpid that retries on EINTR.
absl::StatusOr<int> Wait(pid_t pid, const std::string& program) {
  int wait_status = 0;
  while (waitpid(pid, &wait_status, 0) < 0) {
    if (errno != EINTR) {
      return absl::InternalError(
          absl::StrCat("waiting for ", program, ": ", ErrnoText(errno)));
    }
  }
  return ExitCodeOf(wait_status);
}

// Reads both pipes until both are closed.
absl::Status Drain(int out_fd, int err_fd, std::string& out, std::string& err) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  std::string* sinks[2] = {&out, &err};
  int open_count = 2;
  char buffer[65536];
  while (open_count > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return absl::InternalError(absl::StrCat("poll: ", ErrnoText(errno)));
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, buffer, sizeof(buffer));
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;  // end of file (or a broken pipe): stop polling it
        --open_count;
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ProcessResult> RunProcess(const std::string& program,
                                         const std::vector<std::string>& args) {
  int out_pipe[2];
  int err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    return absl::InternalError(absl::StrCat("pipe: ", ErrnoText(errno)));
  }
  Fd out_read(out_pipe[0]), out_write(out_pipe[1]);
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    return absl::InternalError(absl::StrCat("pipe: ", ErrnoText(errno)));
  }
  Fd err_read(err_pipe[0]), err_write(err_pipe[1]);

  FileActions actions;
  posix_spawn_file_actions_addopen(actions.get(), STDIN_FILENO, "/dev/null",
                                   O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(actions.get(), out_write.get(),
                                   STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(actions.get(), err_write.get(),
                                   STDERR_FILENO);
  absl::StatusOr<pid_t> pid = Spawn(program, args, actions);
  if (!pid.ok()) return pid.status();
  // Only the child holds the write ends now, so EOF means it is done.
  out_write.Reset();
  err_write.Reset();

  ProcessResult result;
  const absl::Status drained =
      Drain(out_read.get(), err_read.get(), result.out, result.err);
  absl::StatusOr<int> exit_code = Wait(*pid, program);
  if (!drained.ok()) return drained;
  if (!exit_code.ok()) return exit_code.status();
  result.exit_code = *exit_code;
  return result;
}

absl::StatusOr<std::unique_ptr<MdmdProcess>> MdmdProcess::Start(
    const std::string& program, const std::vector<std::string>& args,
    const std::string& log_path, absl::Duration timeout) {
  std::vector<std::string> all_args = args;
  all_args.push_back("--listen=127.0.0.1:0");
  FileActions actions;
  posix_spawn_file_actions_addopen(actions.get(), STDIN_FILENO, "/dev/null",
                                   O_RDONLY, 0);
  posix_spawn_file_actions_addopen(actions.get(), STDOUT_FILENO,
                                   log_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(actions.get(), STDOUT_FILENO, STDERR_FILENO);
  absl::StatusOr<pid_t> pid = Spawn(program, all_args, actions);
  if (!pid.ok()) return pid.status();
  std::unique_ptr<MdmdProcess> server(new MdmdProcess(*pid, log_path));

  constexpr absl::string_view kReady = "ready: mdmd serving mdm.v1 on ";
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    std::ifstream log(log_path, std::ios::binary);
    std::string line;
    while (std::getline(log, line)) {
      const size_t at = absl::string_view(line).find(kReady);
      if (at == absl::string_view::npos) continue;
      // "HOST:PORT (database ...)": the port follows the last ':' of the
      // address.
      absl::string_view address =
          absl::string_view(line).substr(at + kReady.size());
      address = address.substr(0, address.find(' '));
      const size_t colon = address.rfind(':');
      int port = 0;
      if (colon == absl::string_view::npos ||
          !absl::SimpleAtoi(address.substr(colon + 1), &port) || port <= 0) {
        return absl::InternalError(
            absl::StrCat("mdmd's ready line has no port: ", line));
      }
      server->port_ = port;
      return server;
    }
    int wait_status = 0;
    const pid_t done = waitpid(server->pid_, &wait_status, WNOHANG);
    if (done == server->pid_) {
      server->pid_ = -1;
      return absl::FailedPreconditionError(
          absl::StrCat("mdmd exited with status ", ExitCodeOf(wait_status),
                       " during start-up; end of its log ", log_path, ":\n",
                       TailOfFile(log_path, 20)));
    }
    if (absl::Now() > deadline) {
      return absl::DeadlineExceededError(
          absl::StrCat("mdmd did not log its ready line within ",
                       absl::FormatDuration(timeout), "; end of its log ",
                       log_path, ":\n", TailOfFile(log_path, 20)));
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
}

MdmdProcess::~MdmdProcess() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int wait_status = 0;
  while (waitpid(pid_, &wait_status, 0) < 0 && errno == EINTR) {
  }
}

std::string MdmdProcess::address() const {
  return absl::StrCat("127.0.0.1:", port_);
}

absl::Status MdmdProcess::Stop(absl::Duration timeout) {
  if (pid_ <= 0) return absl::OkStatus();
  if (kill(pid_, SIGTERM) != 0) {
    return absl::InternalError(absl::StrCat("cannot signal mdmd (pid ", pid_,
                                            "): ", ErrnoText(errno)));
  }
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    int wait_status = 0;
    const pid_t done = waitpid(pid_, &wait_status, WNOHANG);
    if (done == pid_) {
      pid_ = -1;
      const int code = ExitCodeOf(wait_status);
      if (code == 0) return absl::OkStatus();
      return absl::InternalError(absl::StrCat(
          "mdmd exited with status ", code, " after SIGTERM; end of its log ",
          log_path_, ":\n", TailOfFile(log_path_, 20)));
    }
    if (done < 0 && errno != EINTR) {
      return absl::InternalError(
          absl::StrCat("waiting for mdmd: ", ErrnoText(errno)));
    }
    if (absl::Now() > deadline) {
      kill(pid_, SIGKILL);
      while (waitpid(pid_, &wait_status, 0) < 0 && errno == EINTR) {
      }
      pid_ = -1;
      return absl::DeadlineExceededError(
          absl::StrCat("mdmd did not stop within ",
                       absl::FormatDuration(timeout), " of SIGTERM; killed"));
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
}

std::string TailOfFile(const std::string& path, int max_lines) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::vector<absl::string_view> lines =
      absl::StrSplit(text, '\n', absl::SkipEmpty());
  if (static_cast<int>(lines.size()) > max_lines) {
    lines.erase(lines.begin(), lines.end() - max_lines);
  }
  return absl::StrJoin(lines, "\n");
}

}  // namespace mdm::eval
