#include "storage/sqlite/internal/database_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstring>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace mdm::storage::sqlite_internal {
namespace {

// The pid a holder wrote into the lock file, or "unknown".
std::string HolderOf(int fd) {
  char buffer[32] = {};
  const ssize_t n = pread(fd, buffer, sizeof(buffer) - 1, 0);
  int64_t pid = 0;
  if (n <= 0 ||
      !absl::SimpleAtoi(absl::StripAsciiWhitespace(
                            absl::string_view(buffer, static_cast<size_t>(n))),
                        &pid) ||
      pid <= 0) {
    return "an unknown process";
  }
  return absl::StrCat("pid ", pid);
}

}  // namespace

std::string DatabaseLock::LockPath(const std::string& database_path) {
  return database_path + "-lock";
}

absl::StatusOr<DatabaseLock> DatabaseLock::Acquire(
    const std::string& database_path, absl::Duration wait) {
  const std::string path = LockPath(database_path);
  const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int error = errno;
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot open the lock file ", path, ": ", std::strerror(error)));
  }
  const absl::Time deadline = absl::Now() + wait;
  while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    if (error == EINTR) continue;
    if (error != EWOULDBLOCK) {
      close(fd);
      return absl::InternalError(
          absl::StrCat("cannot lock ", path, ": ", std::strerror(error)));
    }
    if (absl::Now() >= deadline) {
      std::string holder = HolderOf(fd);
      close(fd);
      return absl::FailedPreconditionError(absl::StrCat(
          "database ", database_path, " is in use by another mdmd (", holder,
          "): one process writes a database at a time; stop it first, or "
          "check the live database with mdmd --verify=",
          database_path));
    }
    absl::SleepFor(absl::Milliseconds(50));
  }
  // Ours now: record who holds it, so that a refused process can name it.
  // Failing to write loses only the name; the lock holds regardless.
  const std::string pid = absl::StrCat(getpid(), "\n");
  if (ftruncate(fd, 0) == 0) {
    const ssize_t written = pwrite(fd, pid.data(), pid.size(), 0);
    static_cast<void>(written);
  }
  return DatabaseLock(fd);
}

DatabaseLock::DatabaseLock(DatabaseLock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)) {}

DatabaseLock& DatabaseLock::operator=(DatabaseLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

DatabaseLock::~DatabaseLock() {
  if (fd_ >= 0) close(fd_);
}

}  // namespace mdm::storage::sqlite_internal
