#include "storage/sqlite/internal/connection.h"

#include <sqlite3.h>

#include "absl/strings/str_cat.h"
#include "src/base/status_macros.h"
#include "storage/sqlite/sqlite_status.h"

namespace mdm::storage::sqlite_internal {

Statement::~Statement() {
  if (stmt_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

void Statement::BindInt(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
}

void Statement::BindDouble(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
}

void Statement::BindText(int index, absl::string_view value) {
  sqlite3_bind_text64(stmt_, index, value.data(), value.size(),
                      SQLITE_TRANSIENT, SQLITE_UTF8);
}

void Statement::BindBlob(int index, absl::string_view value) {
  // A zero-length blob must not bind as NULL.
  sqlite3_bind_blob64(stmt_, index, value.empty() ? "" : value.data(),
                      value.size(), SQLITE_TRANSIENT);
}

void Statement::BindNull(int index) { sqlite3_bind_null(stmt_, index); }

absl::StatusOr<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  // Reset so that the statement can be bound and stepped again.
  sqlite3_reset(stmt_);
  if (rc == SQLITE_DONE) return false;
  return SqliteStatus(rc, db_, sqlite3_sql(stmt_));
}

void Statement::Reset() { sqlite3_reset(stmt_); }

absl::Status Statement::Run() {
  while (true) {
    absl::StatusOr<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
  }
}

int64_t Statement::ColumnInt(int index) const {
  return sqlite3_column_int64(stmt_, index);
}

double Statement::ColumnDouble(int index) const {
  return sqlite3_column_double(stmt_, index);
}

bool Statement::ColumnIsNull(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

absl::string_view Statement::ColumnText(int index) const {
  const unsigned char* text = sqlite3_column_text(stmt_, index);
  const int size = sqlite3_column_bytes(stmt_, index);
  if (text == nullptr) return {};
  return absl::string_view(reinterpret_cast<const char*>(text), size);
}

absl::string_view Statement::ColumnBlob(int index) const {
  const void* blob = sqlite3_column_blob(stmt_, index);
  const int size = sqlite3_column_bytes(stmt_, index);
  if (blob == nullptr) return {};
  return absl::string_view(static_cast<const char*>(blob), size);
}

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(
    const std::string& path, bool read_only, absl::Duration busy_timeout) {
  sqlite3* db = nullptr;
  const int flags = (read_only ? SQLITE_OPEN_READONLY
                               : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    absl::Status status =
        SqliteStatus(rc, db, absl::StrCat("opening database ", path));
    sqlite3_close_v2(db);
    return status;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(
      db, static_cast<int>(absl::ToInt64Milliseconds(busy_timeout)));
  return std::unique_ptr<Connection>(new Connection(db));
}

Connection::~Connection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

absl::Status Connection::Exec(absl::string_view sql) {
  const std::string text(sql);
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (rc == SQLITE_OK) return absl::OkStatus();
  sqlite3_free(error);
  return SqliteStatus(rc, db_, text);
}

absl::StatusOr<Statement> Connection::Prepare(absl::string_view sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(
        db_, sql.data(), sql.size(), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      return SqliteStatus(rc, db_, absl::StrCat("preparing ", sql));
    }
    it = statements_.emplace(std::string(sql), stmt).first;
  }
  return Statement(it->second, db_);
}

absl::Status Connection::Run(absl::string_view sql) {
  MDM_ASSIGN_OR_RETURN(Statement stmt, Prepare(sql));
  return stmt.Run();
}

int64_t Connection::Changes() const { return sqlite3_changes64(db_); }

int64_t Connection::LastInsertRowId() const {
  return sqlite3_last_insert_rowid(db_);
}

}  // namespace mdm::storage::sqlite_internal
