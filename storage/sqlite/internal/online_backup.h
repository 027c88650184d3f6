// A copy of a live SQLite database, taken with SQLite's online backup API.
//
//   MDM_RETURN_IF_ERROR(CopyDatabase(reader->raw(), "/backups/mdm.db"));
//
// The whole copy is made in one backup step, inside one read transaction on
// `source`: in WAL mode that sees one consistent snapshot and never blocks
// the writer, and the copy does not restart when the writer commits. The
// copy is written to a temporary file beside `dest_path`, synced, and renamed
// into place, so `dest_path` holds either nothing or a complete database.
//
// Thread safety: `source` must not be used by another thread meanwhile.
#ifndef MDM_STORAGE_SQLITE_INTERNAL_ONLINE_BACKUP_H_
#define MDM_STORAGE_SQLITE_INTERNAL_ONLINE_BACKUP_H_

#include <sqlite3.h>

#include <string>

#include "absl/status/status.h"

namespace mdm::storage::sqlite_internal {

// AlreadyExists when `dest_path` exists.
absl::Status CopyDatabase(sqlite3* source, const std::string& dest_path);

}  // namespace mdm::storage::sqlite_internal

#endif  // MDM_STORAGE_SQLITE_INTERNAL_ONLINE_BACKUP_H_
