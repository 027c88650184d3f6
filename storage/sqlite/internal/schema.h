// Schema of the SQLite store and its forward migrations.
//
// The schema version lives in PRAGMA user_version. Migration N takes a database
// at version N-1 to N inside one transaction; Migrate() applies every missing
// migration up to `target` in order. A database newer than this binary knows is
// refused rather than touched.
#ifndef MDM_STORAGE_SQLITE_INTERNAL_SCHEMA_H_
#define MDM_STORAGE_SQLITE_INTERNAL_SCHEMA_H_

#include "absl/status/status.h"
#include "storage/sqlite/internal/connection.h"

namespace mdm::storage::sqlite_internal {

// The version this binary creates and expects.
int LatestSchemaVersion();

// Reads the database's schema version (0 for a new, empty file).
absl::StatusOr<int> ReadSchemaVersion(Connection& conn);

// Brings the database to `target` (<= LatestSchemaVersion()).
// FailedPrecondition if the database is newer than `target`.
absl::Status Migrate(Connection& conn, int target);

}  // namespace mdm::storage::sqlite_internal

#endif  // MDM_STORAGE_SQLITE_INTERNAL_SCHEMA_H_
