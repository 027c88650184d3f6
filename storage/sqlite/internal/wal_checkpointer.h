// Moves WAL checkpoints off the writer's commit path.
//
//   MDM_ASSIGN_OR_RETURN(std::unique_ptr<WalCheckpointer> checkpointer,
//                        WalCheckpointer::Start(path, busy_timeout));
//   checkpointer->Attach(writer->raw());   // replaces SQLite's autocheckpoint
//   ... commits on `writer` ...
//   checkpointer.reset();                  // before `writer` is closed
//
// SQLite by default checkpoints inside the commit that takes the WAL past
// 1,000 pages: that commit copies every page of the WAL into the database
// file and syncs it, which on a database of gigabytes stalls the caller for
// tens to hundreds of milliseconds. Attached to the writer, a
// WalCheckpointer is told the WAL's size after each commit and, once it
// holds `background_pages`, wakes a thread of its own that runs a PASSIVE
// checkpoint on a connection of its own. A PASSIVE checkpoint never waits
// for the writer or for readers: it copies what no reader still needs, and
// the writer starts the WAL over once a checkpoint has copied all of it.
// Should the background thread fall behind until the WAL holds
// `foreground_pages`, the committing writer checkpoints itself, as SQLite
// would, so the WAL stays bounded whatever happens to the thread.
//
// Thread safety: Attach and destruction on the writer's thread; the commit
// hook runs on the writer's thread. Destruction stops and joins the thread.
#ifndef MDM_STORAGE_SQLITE_INTERNAL_WAL_CHECKPOINTER_H_
#define MDM_STORAGE_SQLITE_INTERNAL_WAL_CHECKPOINTER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "storage/sqlite/internal/connection.h"

namespace mdm::storage::sqlite_internal {

struct WalCheckpointerOptions {
  // WAL size, in pages, at which the background thread checkpoints: SQLite's
  // own autocheckpoint size.
  int background_pages = 1000;
  // WAL size, in pages, at which the writer checkpoints in its commit (256
  // MiB of 4 KiB pages).
  int foreground_pages = 65536;
};

class WalCheckpointer {
 public:
  // Opens a connection of its own to the WAL-mode database at `path` and
  // starts the thread.
  static absl::StatusOr<std::unique_ptr<WalCheckpointer>> Start(
      const std::string& path, absl::Duration busy_timeout,
      WalCheckpointerOptions options = {});

  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;
  ~WalCheckpointer();

  // Hooks the commits of `writer` (a connection to the same database),
  // replacing its autocheckpoint. REQUIRES: `writer` outlives this object or
  // is detached with sqlite3_wal_hook(writer, nullptr, nullptr) first.
  void Attach(sqlite3* writer);

  // Checkpoints run by the background thread so far, and how many of them
  // failed (other than finding another checkpoint running). For tests and
  // diagnostics.
  int64_t checkpoints() const;
  int64_t failures() const;

 private:
  WalCheckpointer(std::unique_ptr<Connection> conn,
                  WalCheckpointerOptions options);

  static int OnCommit(void* self, sqlite3* db, const char* schema, int pages);
  bool HasWork() const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  void Loop();

  const WalCheckpointerOptions options_;
  std::unique_ptr<Connection> conn_;  // used only by thread_
  mutable absl::Mutex mu_;
  bool wanted_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int64_t checkpoints_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t failures_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace mdm::storage::sqlite_internal

#endif  // MDM_STORAGE_SQLITE_INTERNAL_WAL_CHECKPOINTER_H_
