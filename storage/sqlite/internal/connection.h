// Thin RAII wrappers over one sqlite3 connection and its prepared statements.
//
//   MDM_ASSIGN_OR_RETURN(auto conn, Connection::Open(path,
//   /*read_only=*/false)); MDM_ASSIGN_OR_RETURN(Statement stmt,
//                        conn->Prepare("SELECT id FROM t WHERE k = ?"));
//   stmt.BindText(1, key);
//   MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
//   if (has_row) id = stmt.ColumnInt(0);
//
// Prepared statements are cached per connection, keyed by their SQL text; a
// Statement borrows one and resets it when destroyed, so the same SQL must not
// be stepped twice at once. Not thread-safe: one thread uses a Connection at a
// time.
#ifndef MDM_STORAGE_SQLITE_INTERNAL_CONNECTION_H_
#define MDM_STORAGE_SQLITE_INTERNAL_CONNECTION_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

struct sqlite3;
struct sqlite3_stmt;

namespace mdm::storage::sqlite_internal {

class Statement {
 public:
  Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  Statement(Statement&& other) noexcept : stmt_(other.stmt_), db_(other.db_) {
    other.stmt_ = nullptr;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQLite.
  void BindInt(int index, int64_t value);
  void BindDouble(int index, double value);
  void BindText(int index, absl::string_view value);
  void BindBlob(int index, absl::string_view value);
  void BindNull(int index);

  // Advances to the next row: true when a row is available, false when done.
  // When done (or on error) the statement is reset, ready to bind again.
  absl::StatusOr<bool> Step();
  // Abandons the remaining rows so that the statement can be bound again.
  void Reset();
  // Steps to completion, ignoring rows.
  absl::Status Run();

  int64_t ColumnInt(int index) const;
  double ColumnDouble(int index) const;
  bool ColumnIsNull(int index) const;
  // Views into SQLite's buffer, valid until the next Step().
  absl::string_view ColumnText(int index) const;
  absl::string_view ColumnBlob(int index) const;

 private:
  sqlite3_stmt* stmt_;
  sqlite3* db_;
};

class Connection {
 public:
  // Opens (creating if needed and not read_only) the database at `path`.
  static absl::StatusOr<std::unique_ptr<Connection>> Open(
      const std::string& path, bool read_only, absl::Duration busy_timeout);
  ~Connection();

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more SQL statements without parameters.
  absl::Status Exec(absl::string_view sql);

  // A cached prepared statement for `sql`.
  absl::StatusOr<Statement> Prepare(absl::string_view sql);

  // Runs one statement without parameters, prepared once per connection
  // (BEGIN, COMMIT, SAVEPOINT: statements run on every transaction).
  absl::Status Run(absl::string_view sql);

  // Number of rows changed by the last INSERT, UPDATE or DELETE.
  int64_t Changes() const;
  int64_t LastInsertRowId() const;

  sqlite3* raw() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  absl::flat_hash_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace mdm::storage::sqlite_internal

#endif  // MDM_STORAGE_SQLITE_INTERNAL_CONNECTION_H_
