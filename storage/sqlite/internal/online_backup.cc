#include "storage/sqlite/internal/online_backup.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "storage/sqlite/sqlite_status.h"

namespace mdm::storage::sqlite_internal {
namespace {

// Retries of a backup step that found the source busy (a checkpoint
// holding a lock for a moment).
constexpr int kBusyRetries = 50;
constexpr absl::Duration kBusyPause = absl::Milliseconds(100);

absl::Status SyncPath(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    return absl::InternalError(absl::StrCat("cannot sync ", path));
  }
  ::close(fd);
  return absl::OkStatus();
}

// Copies every page of `source` into `dest` in one step.
absl::Status CopyPages(sqlite3* source, sqlite3* dest) {
  sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source, "main");
  if (backup == nullptr) {
    return SqliteStatus(sqlite3_errcode(dest), dest, "starting backup");
  }
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt <= kBusyRetries; ++attempt) {
    rc = sqlite3_backup_step(backup, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    absl::SleepFor(kBusyPause);
  }
  const int finish_rc = sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return SqliteStatus(rc, dest, "copying pages");
  if (finish_rc != SQLITE_OK) {
    return SqliteStatus(finish_rc, dest, "finishing backup");
  }
  // A self-contained file: no WAL beside it.
  return SqliteStatus(sqlite3_exec(dest, "PRAGMA journal_mode = DELETE",
                                   nullptr, nullptr, nullptr),
                      dest, "setting the copy's journal mode");
}

}  // namespace

absl::Status CopyDatabase(sqlite3* source, const std::string& dest_path) {
  std::error_code error;
  if (std::filesystem::exists(dest_path, error)) {
    return absl::AlreadyExistsError(
        absl::StrCat("backup file ", dest_path, " already exists"));
  }
  const std::string partial = dest_path + ".partial";
  std::filesystem::remove(partial, error);
  sqlite3* dest = nullptr;
  int rc = sqlite3_open_v2(partial.c_str(), &dest,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  absl::Status status =
      rc == SQLITE_OK
          ? CopyPages(source, dest)
          : SqliteStatus(rc, dest, absl::StrCat("creating ", partial));
  sqlite3_close(dest);
  if (status.ok()) status = SyncPath(partial, O_RDONLY);
  if (status.ok() && std::rename(partial.c_str(), dest_path.c_str()) != 0) {
    status = absl::InternalError(
        absl::StrCat("cannot rename ", partial, " to ", dest_path));
  }
  if (!status.ok()) {
    std::filesystem::remove(partial, error);
    return status;
  }
  const std::filesystem::path parent =
      std::filesystem::path(dest_path).parent_path();
  return SyncPath(parent.empty() ? "." : parent.string(),
                  O_RDONLY | O_DIRECTORY);
}

}  // namespace mdm::storage::sqlite_internal
