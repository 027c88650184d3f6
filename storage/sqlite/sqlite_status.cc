#include "storage/sqlite/sqlite_status.h"

#include <sqlite3.h>

#include "absl/strings/str_cat.h"
#include "storage/store_failure.h"

namespace mdm::storage {

absl::Status SqliteStatus(int result_code, sqlite3* db,
                          absl::string_view context) {
  const int primary = result_code & 0xff;
  const char* detail =
      db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(result_code);
  std::string message =
      absl::StrCat(context, ": ", detail, " (sqlite code ", result_code, ")");
  switch (primary) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
      return absl::OkStatus();
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(std::move(message));
    case SQLITE_CONSTRAINT:
      return absl::AbortedError(std::move(message));
    case SQLITE_FULL:
      return MarkStoreFailure(absl::ResourceExhaustedError(std::move(message)),
                              "database disk is full");
    case SQLITE_NOMEM:
      return MarkStoreFailure(absl::ResourceExhaustedError(std::move(message)),
                              "database out of memory");
    case SQLITE_TOOBIG:
      return absl::ResourceExhaustedError(std::move(message));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return MarkStoreFailure(absl::DataLossError(std::move(message)),
                              "database file is damaged");
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return MarkStoreFailure(absl::FailedPreconditionError(std::move(message)),
                              "database file cannot be opened");
    case SQLITE_READONLY:
      return MarkStoreFailure(absl::FailedPreconditionError(std::move(message)),
                              "database is read-only");
    case SQLITE_IOERR:
      return MarkStoreFailure(absl::InternalError(std::move(message)),
                              "database I/O error");
    default:
      return absl::InternalError(std::move(message));
  }
}

}  // namespace mdm::storage
