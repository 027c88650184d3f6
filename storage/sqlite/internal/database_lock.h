// DatabaseLock: the one writer of a database file, enforced across processes.
//
//   MDM_ASSIGN_OR_RETURN(DatabaseLock lock,
//                        DatabaseLock::Acquire("var/mdm.db",
//                        absl::Seconds(0)));
//   ... open and write the database; the lock is held until `lock` dies ...
//
// The lock is an exclusive flock(2) on a file beside the database,
// `DATABASE-lock`, which also holds the holder's pid, so that a refused
// process can name it. The kernel releases the lock when the holder's last
// descriptor closes, so a crashed or killed holder (kill -9) never leaves a
// stale lock; the file itself stays and is harmless.
//
// flock locks belong to the open file description: a second Acquire of the
// same database fails even from the same process. They are independent of
// the POSIX record locks SQLite uses on the database file itself, so they do
// not interfere with SQLite's own locking, and readers (mdmd --verify beside
// a live server) need no lock at all.
//
// Thread safety: a DatabaseLock is a value with no shared state; Acquire is
// thread-safe.
#ifndef MDM_STORAGE_SQLITE_INTERNAL_DATABASE_LOCK_H_
#define MDM_STORAGE_SQLITE_INTERNAL_DATABASE_LOCK_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace mdm::storage::sqlite_internal {

class DatabaseLock {
 public:
  // Takes the lock of `database_path`, waiting up to `wait` while another
  // process holds it. FailedPrecondition naming the holder's pid when it is
  // still held after `wait`; Internal when the lock file cannot be opened.
  static absl::StatusOr<DatabaseLock> Acquire(const std::string& database_path,
                                              absl::Duration wait);

  // The path of the lock file of `database_path`.
  static std::string LockPath(const std::string& database_path);

  DatabaseLock(DatabaseLock&& other) noexcept;
  DatabaseLock& operator=(DatabaseLock&& other) noexcept;
  DatabaseLock(const DatabaseLock&) = delete;
  DatabaseLock& operator=(const DatabaseLock&) = delete;
  // Releases the lock.
  ~DatabaseLock();

 private:
  explicit DatabaseLock(int fd) : fd_(fd) {}

  int fd_ = -1;
};

}  // namespace mdm::storage::sqlite_internal

#endif  // MDM_STORAGE_SQLITE_INTERNAL_DATABASE_LOCK_H_
