// The embedded Store: one SQLite database file in WAL mode.
//
//   MDM_ASSIGN_OR_RETURN(std::unique_ptr<Store> store,
//                        OpenSqliteStore({.path = "var/mdm.db"}));
//
// One connection writes (BEGIN IMMEDIATE); a pool of connections serves read
// transactions, each a snapshot that does not block the writer. Opening
// migrates an older schema forward and refuses a newer one.
//
// One process writes a database at a time: a writable store holds an
// exclusive lock on the file `PATH-lock` from open until it is destroyed,
// and opening a database another process holds fails with
// FailedPrecondition naming that process's pid (after waiting up to
// `lock_wait`). A read-only store takes no lock, so the invariant checker
// can read a database while its server writes it.
#ifndef MDM_STORAGE_SQLITE_SQLITE_STORE_H_
#define MDM_STORAGE_SQLITE_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "storage/store.h"

namespace mdm::storage {

enum class SqliteSync {
  // fsync the WAL on every commit: a commit survives power loss.
  kFull,
  // fsync only at checkpoints: a commit survives a process crash (kill -9) but
  // the last commits may be lost on power loss.
  kNormal,
};

struct SqliteOptions {
  // Database file, created if missing. Its directory must exist.
  std::string path;
  // Most read connections kept open at once.
  int max_read_connections = 8;
  // How long a statement waits on a lock held by another process before the
  // call fails with Unavailable.
  absl::Duration busy_timeout = absl::Seconds(5);
  SqliteSync sync = SqliteSync::kFull;
  // How long BeginWrite waits for the open write transaction to end before
  // it fails with Unavailable.
  absl::Duration max_write_wait = absl::InfiniteDuration();
  // Largest the database file may grow to, in bytes (a multiple of the 4 KiB
  // page); 0: no limit beyond the disk's. A write that would grow it past
  // the limit fails as a store-wide failure, as on a full disk. A database
  // already larger keeps its size and cannot grow.
  int64_t max_db_bytes = 0;
  // Schema version to migrate to; 0 means the latest. Tests use older
  // versions to exercise migrations.
  int schema_version = 0;
  // Where WAL checkpoints run. False: inside the commit that takes the WAL
  // past 1,000 pages, as SQLite does by default. True: on a thread of the
  // store's own (internal/wal_checkpointer.h). Against a 2.7 GB store at 500
  // upserts/s the thread made the upsert p99 no better with synchronous
  // NORMAL and four to twelve times worse with FULL, its fsyncs of the
  // database file delaying every commit's fsync of the WAL
  // (docs/benchmarks.md).
  bool background_checkpoints = false;
  // How long opening waits for another process to release the database.
  absl::Duration lock_wait = absl::ZeroDuration();
  // Opens an existing database for reading only: no lock, no migration (a
  // schema other than the latest is refused), and BeginWrite and Checkpoint
  // fail with FailedPrecondition. LookupCommittedXrefs answers as of open.
  bool read_only = false;
};

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const SqliteOptions& options);

}  // namespace mdm::storage

#endif  // MDM_STORAGE_SQLITE_SQLITE_STORE_H_
