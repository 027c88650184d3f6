// The one mapping from SQLite result codes to absl::Status.
//
//   int rc = sqlite3_step(stmt);
//   if (rc != SQLITE_DONE) return SqliteStatus(rc, db, "inserting record");
//
// BUSY and LOCKED become Unavailable (retry later), CONSTRAINT becomes Aborted,
// FULL, NOMEM and TOOBIG become ResourceExhausted, CORRUPT and NOTADB become
// DataLoss, CANTOPEN, PERM and READONLY become FailedPrecondition, the rest
// Internal. The message carries `context`, SQLite's own message and the
// extended code. Errors of the database as a whole (FULL, NOMEM, CORRUPT,
// NOTADB, CANTOPEN, PERM, READONLY, IOERR) are marked store-wide with a
// short cause (storage/store_failure.h).
#ifndef MDM_STORAGE_SQLITE_SQLITE_STATUS_H_
#define MDM_STORAGE_SQLITE_SQLITE_STATUS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

struct sqlite3;

namespace mdm::storage {

// `db` may be null (then only the code is described).
absl::Status SqliteStatus(int result_code, sqlite3* db,
                          absl::string_view context);

}  // namespace mdm::storage

#endif  // MDM_STORAGE_SQLITE_SQLITE_STATUS_H_
