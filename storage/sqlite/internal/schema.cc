#include "storage/sqlite/internal/schema.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "src/base/status_macros.h"

namespace mdm::storage::sqlite_internal {
namespace {

// Times are microseconds since the Unix epoch. Composite columns (attributes,
// payload) use the encodings in row_codec.h.
constexpr absl::string_view kMigrations[] = {
    // 1: records, golden records, matching state and the change feed.
    R"sql(
CREATE TABLE entity_types(
  name TEXT PRIMARY KEY,
  id_prefix TEXT NOT NULL UNIQUE
) WITHOUT ROWID;

CREATE TABLE source_records(
  id INTEGER PRIMARY KEY,
  entity_type TEXT NOT NULL,
  source TEXT NOT NULL,
  source_id TEXT NOT NULL,
  golden_id INTEGER NOT NULL,
  content_hash INTEGER NOT NULL,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  attributes BLOB NOT NULL,
  features BLOB NOT NULL,
  block_keys BLOB NOT NULL
);
CREATE UNIQUE INDEX source_records_by_key
  ON source_records(source, source_id, entity_type);
CREATE INDEX source_records_by_golden ON source_records(golden_id);

CREATE TABLE golden_records(
  id INTEGER PRIMARY KEY,
  entity_type TEXT NOT NULL,
  state INTEGER NOT NULL,
  merged_into INTEGER,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  attributes BLOB NOT NULL
);
CREATE INDEX golden_records_by_merged_into
  ON golden_records(merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE block_keys(
  key INTEGER NOT NULL,
  record_id INTEGER NOT NULL,
  PRIMARY KEY(key, record_id)
) WITHOUT ROWID;

CREATE TABLE edges(
  a INTEGER NOT NULL,
  b INTEGER NOT NULL,
  weight REAL NOT NULL,
  PRIMARY KEY(a, b)
) WITHOUT ROWID;
CREATE INDEX edges_by_b ON edges(b);

CREATE TABLE changes(
  seq INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  entity_type TEXT NOT NULL,
  kind INTEGER NOT NULL,
  golden_id INTEGER NOT NULL,
  survivor_id INTEGER,
  payload BLOB NOT NULL
);
)sql",
    // 2: the feed by golden record, for per-record history.
    R"sql(
CREATE INDEX changes_by_golden ON changes(golden_id, seq);
)sql",
    // 3: trained matching models, one row per version.
    R"sql(
CREATE TABLE models(
  entity_type TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  parameters BLOB NOT NULL,
  PRIMARY KEY(entity_type, version)
) WITHOUT ROWID;
CREATE INDEX source_records_by_type ON source_records(entity_type, id);
)sql",
    // 4: history. Every version of every golden record, and every link of a
    // source record with the interval it held [valid_from, valid_to), so that
    // reads can be answered as of a past time. Existing golden records and
    // links start their history at their last change.
    R"sql(
CREATE TABLE golden_versions(
  golden_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  time INTEGER NOT NULL,
  state INTEGER NOT NULL,
  merged_into INTEGER,
  cause INTEGER NOT NULL,
  attributes BLOB NOT NULL,
  detail BLOB NOT NULL,
  PRIMARY KEY(golden_id, version)
) WITHOUT ROWID;
INSERT INTO golden_versions
  SELECT id, version, updated_at, state, merged_into, 0, attributes, x''
  FROM golden_records;

CREATE TABLE xref_history(
  record_id INTEGER NOT NULL,
  entity_type TEXT NOT NULL,
  source TEXT NOT NULL,
  source_id TEXT NOT NULL,
  golden_id INTEGER NOT NULL,
  valid_from INTEGER NOT NULL,
  valid_to INTEGER
);
CREATE INDEX xref_history_by_key
  ON xref_history(source, source_id, valid_from);
CREATE INDEX xref_history_by_golden ON xref_history(golden_id, valid_from);
CREATE INDEX xref_history_open ON xref_history(record_id)
  WHERE valid_to IS NULL;
INSERT INTO xref_history
  SELECT id, entity_type, source, source_id, golden_id, updated_at, NULL
  FROM source_records WHERE golden_id != 0;
)sql",
    // 5: data stewardship. Judgements of record pairs by key (a < b), the
    // audit log with the golden records each entry names, and scored pairs
    // by weight for the review queue.
    R"sql(
CREATE TABLE judgements(
  entity_type TEXT NOT NULL,
  a_source TEXT NOT NULL,
  a_source_id TEXT NOT NULL,
  b_source TEXT NOT NULL,
  b_source_id TEXT NOT NULL,
  kind INTEGER NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL,
  time INTEGER NOT NULL,
  PRIMARY KEY(entity_type, a_source, a_source_id, b_source, b_source_id)
) WITHOUT ROWID;
CREATE INDEX judgements_by_b
  ON judgements(entity_type, b_source, b_source_id);

CREATE TABLE audit(
  seq INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  automatic INTEGER NOT NULL,
  weight REAL,
  model_version INTEGER NOT NULL,
  reason TEXT NOT NULL,
  payload BLOB NOT NULL
);
CREATE INDEX audit_by_actor ON audit(actor, seq);
CREATE TABLE audit_goldens(
  golden_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY(golden_id, seq)
) WITHOUT ROWID;

CREATE INDEX edges_by_weight ON edges(weight);
)sql",
    // 6: blocking keys move to an index in memory, rebuilt from the records'
    // features at start; on disk they cost a dozen random B-tree inserts per
    // record.
    R"sql(
DROP TABLE block_keys;
ALTER TABLE source_records DROP COLUMN block_keys;
)sql",
};

}  // namespace

int LatestSchemaVersion() { return static_cast<int>(std::size(kMigrations)); }

absl::StatusOr<int> ReadSchemaVersion(Connection& conn) {
  MDM_ASSIGN_OR_RETURN(Statement stmt, conn.Prepare("PRAGMA user_version"));
  MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  if (!has_row)
    return absl::InternalError("PRAGMA user_version returned no row");
  return static_cast<int>(stmt.ColumnInt(0));
}

absl::Status Migrate(Connection& conn, int target) {
  MDM_ASSIGN_OR_RETURN(int version, ReadSchemaVersion(conn));
  if (version > target) {
    return absl::FailedPreconditionError(absl::StrCat(
        "database schema version ", version, " is newer than this build's ",
        target, "; use a newer mdmd"));
  }
  for (int next = version + 1; next <= target; ++next) {
    MDM_RETURN_IF_ERROR(conn.Exec("BEGIN IMMEDIATE"));
    absl::Status status = conn.Exec(kMigrations[next - 1]);
    if (status.ok()) {
      status = conn.Exec(absl::StrCat("PRAGMA user_version = ", next));
    }
    if (status.ok()) status = conn.Exec("COMMIT");
    if (!status.ok()) {
      conn.Exec("ROLLBACK").IgnoreError();
      return absl::Status(status.code(),
                          absl::StrCat("migrating database to schema version ",
                                       next, ": ", status.message()));
    }
  }
  return absl::OkStatus();
}

}  // namespace mdm::storage::sqlite_internal
