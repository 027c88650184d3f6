#include "storage/sqlite/internal/wal_checkpointer.h"

#include <sqlite3.h>

#include <utility>

#include "src/base/status_macros.h"

namespace mdm::storage::sqlite_internal {

absl::StatusOr<std::unique_ptr<WalCheckpointer>> WalCheckpointer::Start(
    const std::string& path, absl::Duration busy_timeout,
    WalCheckpointerOptions options) {
  MDM_ASSIGN_OR_RETURN(
      std::unique_ptr<Connection> conn,
      Connection::Open(path, /*read_only=*/false, busy_timeout));
  // A connection that has read nothing does not know the database is in WAL
  // mode, and its checkpoints would do nothing.
  MDM_RETURN_IF_ERROR(conn->Exec("PRAGMA journal_mode = WAL"));
  return std::unique_ptr<WalCheckpointer>(
      new WalCheckpointer(std::move(conn), options));
}

WalCheckpointer::WalCheckpointer(std::unique_ptr<Connection> conn,
                                 WalCheckpointerOptions options)
    : options_(options), conn_(std::move(conn)), thread_([this] { Loop(); }) {}

WalCheckpointer::~WalCheckpointer() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void WalCheckpointer::Attach(sqlite3* writer) {
  sqlite3_wal_hook(writer, &WalCheckpointer::OnCommit, this);
}

int64_t WalCheckpointer::checkpoints() const {
  absl::MutexLock lock(&mu_);
  return checkpoints_;
}

int64_t WalCheckpointer::failures() const {
  absl::MutexLock lock(&mu_);
  return failures_;
}

int WalCheckpointer::OnCommit(void* self, sqlite3* db, const char* schema,
                              int pages) {
  auto* checkpointer = static_cast<WalCheckpointer*>(self);
  if (pages >= checkpointer->options_.foreground_pages) {
    // The background thread has fallen far behind: bound the WAL here, as
    // SQLite's autocheckpoint would. A failure leaves the WAL to the next
    // commit; the commit itself has succeeded either way.
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                              nullptr);
    return SQLITE_OK;
  }
  if (pages >= checkpointer->options_.background_pages) {
    absl::MutexLock lock(&checkpointer->mu_);
    checkpointer->wanted_ = true;
  }
  return SQLITE_OK;
}

bool WalCheckpointer::HasWork() const { return wanted_ || stopping_; }

void WalCheckpointer::Loop() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(this, &WalCheckpointer::HasWork));
      if (stopping_) return;
      wanted_ = false;
    }
    const int rc = sqlite3_wal_checkpoint_v2(
        conn_->raw(), "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    absl::MutexLock lock(&mu_);
    ++checkpoints_;
    // SQLITE_BUSY: the writer is checkpointing in its commit.
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) ++failures_;
  }
}

}  // namespace mdm::storage::sqlite_internal
