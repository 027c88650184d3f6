#include "storage/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "src/base/status_macros.h"
#include "storage/sqlite/internal/connection.h"
#include "storage/sqlite/internal/database_lock.h"
#include "storage/sqlite/internal/online_backup.h"
#include "storage/sqlite/internal/row_codec.h"
#include "storage/sqlite/internal/schema.h"
#include "storage/sqlite/internal/wal_checkpointer.h"
#include "storage/sqlite/internal/xref_directory.h"

namespace mdm::storage {
namespace {

using sqlite_internal::Connection;
using sqlite_internal::Statement;

int64_t ToMicros(absl::Time t) { return absl::ToUnixMicros(t); }
absl::Time FromMicros(int64_t us) { return absl::FromUnixMicros(us); }

// Up to 64 GiB of the database file mapped (address space, not memory).
constexpr absl::string_view kMmapPragma = "PRAGMA mmap_size = 68719476736";

constexpr absl::string_view kRecordColumns =
    "id, entity_type, source, source_id, golden_id, content_hash, version, "
    "created_at, updated_at, attributes, features";

absl::StatusOr<RecordRow> ReadRecordRow(const Statement& stmt) {
  RecordRow row;
  row.id = stmt.ColumnInt(0);
  row.entity_type = std::string(stmt.ColumnText(1));
  row.key.source = std::string(stmt.ColumnText(2));
  row.key.source_id = std::string(stmt.ColumnText(3));
  row.golden_id = stmt.ColumnInt(4);
  row.content_hash = static_cast<uint64_t>(stmt.ColumnInt(5));
  row.version = stmt.ColumnInt(6);
  row.created_at = FromMicros(stmt.ColumnInt(7));
  row.updated_at = FromMicros(stmt.ColumnInt(8));
  const std::string what = absl::StrCat("source record ", row.id);
  MDM_ASSIGN_OR_RETURN(row.attributes, sqlite_internal::DecodeAttributes(
                                           stmt.ColumnBlob(9), what));
  row.features = std::string(stmt.ColumnBlob(10));
  return row;
}

XrefRow ReadXrefRow(const Statement& stmt) {
  XrefRow row;
  row.record_id = stmt.ColumnInt(0);
  row.entity_type = std::string(stmt.ColumnText(1));
  row.key.source = std::string(stmt.ColumnText(2));
  row.key.source_id = std::string(stmt.ColumnText(3));
  row.golden_id = stmt.ColumnInt(4);
  return row;
}

// Rows of (a, b, weight).
absl::StatusOr<std::vector<Edge>> CollectEdges(Statement& stmt) {
  std::vector<Edge> edges;
  while (true) {
    MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) break;
    edges.push_back(Edge{.a = stmt.ColumnInt(0),
                         .b = stmt.ColumnInt(1),
                         .weight = stmt.ColumnDouble(2)});
  }
  return edges;
}

absl::StatusOr<std::vector<XrefRow>> CollectXrefs(Statement& stmt) {
  std::vector<XrefRow> rows;
  while (true) {
    MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) break;
    rows.push_back(ReadXrefRow(stmt));
  }
  return rows;
}

absl::StatusOr<std::vector<RecordRow>> CollectRecords(Statement& stmt) {
  std::vector<RecordRow> rows;
  while (true) {
    MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) break;
    MDM_ASSIGN_OR_RETURN(RecordRow row, ReadRecordRow(stmt));
    rows.push_back(std::move(row));
  }
  return rows;
}

absl::StatusOr<GoldenState> ReadGoldenState(int64_t state,
                                            absl::string_view what) {
  if (state != static_cast<int64_t>(GoldenState::kLive) &&
      state != static_cast<int64_t>(GoldenState::kRetired)) {
    return absl::DataLossError(
        absl::StrCat(what, " has unknown state ", state));
  }
  return static_cast<GoldenState>(state);
}

constexpr absl::string_view kGoldenColumns =
    "id, entity_type, state, merged_into, version, created_at, updated_at, "
    "attributes";

absl::StatusOr<GoldenRow> ReadGoldenRow(const Statement& stmt) {
  GoldenRow row;
  row.id = stmt.ColumnInt(0);
  row.entity_type = std::string(stmt.ColumnText(1));
  const std::string what = absl::StrCat("golden record ", row.id);
  MDM_ASSIGN_OR_RETURN(row.state, ReadGoldenState(stmt.ColumnInt(2), what));
  row.merged_into = stmt.ColumnIsNull(3) ? 0 : stmt.ColumnInt(3);
  row.version = stmt.ColumnInt(4);
  row.created_at = FromMicros(stmt.ColumnInt(5));
  row.updated_at = FromMicros(stmt.ColumnInt(6));
  MDM_ASSIGN_OR_RETURN(row.attributes, sqlite_internal::DecodeGoldenValues(
                                           stmt.ColumnBlob(7), what));
  return row;
}

constexpr absl::string_view kVersionColumns =
    "golden_id, version, time, state, merged_into, cause, attributes, detail";

absl::StatusOr<GoldenVersionRow> ReadVersionRow(const Statement& stmt) {
  GoldenVersionRow row;
  row.golden_id = stmt.ColumnInt(0);
  row.version = stmt.ColumnInt(1);
  const std::string what = absl::StrCat("version ", row.version,
                                        " of golden record ", row.golden_id);
  row.time = FromMicros(stmt.ColumnInt(2));
  MDM_ASSIGN_OR_RETURN(row.state, ReadGoldenState(stmt.ColumnInt(3), what));
  row.merged_into = stmt.ColumnIsNull(4) ? 0 : stmt.ColumnInt(4);
  const int64_t cause = stmt.ColumnInt(5);
  if (cause < 0 || cause > static_cast<int64_t>(ChangeCause::kSteward)) {
    return absl::DataLossError(
        absl::StrCat(what, " has unknown cause ", cause));
  }
  row.cause = static_cast<ChangeCause>(cause);
  MDM_ASSIGN_OR_RETURN(row.attributes, sqlite_internal::DecodeGoldenValues(
                                           stmt.ColumnBlob(6), what));
  MDM_RETURN_IF_ERROR(
      sqlite_internal::DecodeVersionDetail(stmt.ColumnBlob(7), what, row));
  return row;
}

constexpr absl::string_view kJudgementColumns =
    "entity_type, a_source, a_source_id, b_source, b_source_id, kind, actor, "
    "reason, time";

absl::StatusOr<JudgementRow> ReadJudgementRow(const Statement& stmt) {
  JudgementRow row;
  row.entity_type = std::string(stmt.ColumnText(0));
  row.a = {std::string(stmt.ColumnText(1)), std::string(stmt.ColumnText(2))};
  row.b = {std::string(stmt.ColumnText(3)), std::string(stmt.ColumnText(4))};
  const int64_t kind = stmt.ColumnInt(5);
  if (kind < 1 || kind > static_cast<int64_t>(JudgementKind::kUnsure)) {
    return absl::DataLossError(absl::StrCat(
        "judgement of ", row.a.source, ":", row.a.source_id, " and ",
        row.b.source, ":", row.b.source_id, " has unknown kind ", kind));
  }
  row.kind = static_cast<JudgementKind>(kind);
  row.actor = std::string(stmt.ColumnText(6));
  row.reason = std::string(stmt.ColumnText(7));
  row.time = FromMicros(stmt.ColumnInt(8));
  return row;
}

absl::StatusOr<std::vector<JudgementRow>> CollectJudgements(Statement& stmt) {
  std::vector<JudgementRow> rows;
  while (true) {
    MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) break;
    MDM_ASSIGN_OR_RETURN(JudgementRow row, ReadJudgementRow(stmt));
    rows.push_back(std::move(row));
  }
  return rows;
}

absl::StatusOr<std::vector<int64_t>> CollectIds(Statement& stmt) {
  std::vector<int64_t> ids;
  while (true) {
    MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) break;
    ids.push_back(stmt.ColumnInt(0));
  }
  return ids;
}

// The read operations, shared by read and write transactions.
template <typename Interface>
class SqliteReader : public Interface {
 public:
  explicit SqliteReader(Connection* conn) : conn_(conn) {}

  absl::StatusOr<std::optional<RecordRow>> FindRecord(
      absl::string_view entity_type, const SourceKey& key) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(absl::StrCat(
            "SELECT ", kRecordColumns,
            " FROM source_records WHERE source = ? AND source_id = ? "
            "AND entity_type = ?")));
    stmt.BindText(1, key.source);
    stmt.BindText(2, key.source_id);
    stmt.BindText(3, entity_type);
    MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) return std::nullopt;
    MDM_ASSIGN_OR_RETURN(RecordRow row, ReadRecordRow(stmt));
    return row;
  }

  absl::StatusOr<std::vector<XrefRow>> LookupXrefs(
      const SourceKey& key) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(
            "SELECT id, entity_type, source, source_id, golden_id "
            "FROM source_records WHERE source = ? AND source_id = ?"));
    stmt.BindText(1, key.source);
    stmt.BindText(2, key.source_id);
    return CollectXrefs(stmt);
  }

  absl::StatusOr<std::vector<RecordRow>> GetRecords(
      absl::Span<const int64_t> ids) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(absl::StrCat("SELECT ", kRecordColumns,
                                    " FROM source_records WHERE id = ?")));
    std::vector<RecordRow> rows;
    rows.reserve(ids.size());
    for (int64_t id : ids) {
      stmt.BindInt(1, id);
      MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
      if (has_row) {
        MDM_ASSIGN_OR_RETURN(RecordRow row, ReadRecordRow(stmt));
        rows.push_back(std::move(row));
        stmt.Reset();
      }
    }
    return rows;
  }

  absl::StatusOr<std::vector<RecordRow>> GoldenMembers(
      int64_t golden_id) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(absl::StrCat(
            "SELECT ", kRecordColumns,
            " FROM source_records WHERE golden_id = ? ORDER BY id")));
    stmt.BindInt(1, golden_id);
    return CollectRecords(stmt);
  }

  absl::StatusOr<std::vector<int64_t>> GoldenMemberIds(
      int64_t golden_id) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(
            "SELECT id FROM source_records WHERE golden_id = ? ORDER BY id"));
    stmt.BindInt(1, golden_id);
    return CollectIds(stmt);
  }

  absl::StatusOr<std::optional<GoldenRow>> GetGolden(
      int64_t golden_id) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(absl::StrCat("SELECT ", kGoldenColumns,
                                    " FROM golden_records WHERE id = ?")));
    stmt.BindInt(1, golden_id);
    MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) return std::nullopt;
    MDM_ASSIGN_OR_RETURN(GoldenRow row, ReadGoldenRow(stmt));
    return row;
  }

  absl::StatusOr<std::vector<Edge>> EdgesOf(int64_t record_id) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(
            "SELECT a, b, weight FROM edges WHERE a = ?1 "
            "UNION ALL SELECT a, b, weight FROM edges WHERE b = ?1"));
    stmt.BindInt(1, record_id);
    return CollectEdges(stmt);
  }

  absl::StatusOr<std::vector<ChangeRow>> ListChanges(
      int64_t after_sequence, int limit,
      absl::string_view entity_type) override {
    constexpr absl::string_view kAll =
        "SELECT seq, time, entity_type, kind, golden_id, survivor_id, payload "
        "FROM changes WHERE seq > ? ORDER BY seq LIMIT ?";
    constexpr absl::string_view kOfType =
        "SELECT seq, time, entity_type, kind, golden_id, survivor_id, payload "
        "FROM changes WHERE seq > ? AND entity_type = ? ORDER BY seq LIMIT ?";
    MDM_ASSIGN_OR_RETURN(Statement stmt,
                         conn_->Prepare(entity_type.empty() ? kAll : kOfType));
    int param = 1;
    stmt.BindInt(param++, after_sequence);
    if (!entity_type.empty()) stmt.BindText(param++, entity_type);
    stmt.BindInt(param++, limit);
    std::vector<ChangeRow> changes;
    while (true) {
      MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
      if (!has_row) break;
      ChangeRow change;
      change.sequence = stmt.ColumnInt(0);
      change.time = FromMicros(stmt.ColumnInt(1));
      change.entity_type = std::string(stmt.ColumnText(2));
      change.kind = static_cast<ChangeKind>(stmt.ColumnInt(3));
      change.golden_id = stmt.ColumnInt(4);
      change.survivor_id = stmt.ColumnIsNull(5) ? 0 : stmt.ColumnInt(5);
      MDM_RETURN_IF_ERROR(sqlite_internal::DecodeChangePayload(
          stmt.ColumnBlob(6), absl::StrCat("change ", change.sequence),
          change.keys, change.attributes));
      changes.push_back(std::move(change));
    }
    return changes;
  }

  absl::StatusOr<int64_t> HeadSequence() override {
    MDM_ASSIGN_OR_RETURN(Statement stmt,
                         conn_->Prepare("SELECT max(seq) FROM changes"));
    MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row || stmt.ColumnIsNull(0)) return 0;
    return stmt.ColumnInt(0);
  }

  absl::StatusOr<std::vector<XrefRow>> ScanXrefs(absl::string_view entity_type,
                                                 int64_t after_record_id,
                                                 int limit) override {
    constexpr absl::string_view kAll =
        "SELECT id, entity_type, source, source_id, golden_id "
        "FROM source_records WHERE id > ? ORDER BY id LIMIT ?";
    constexpr absl::string_view kOfType =
        "SELECT id, entity_type, source, source_id, golden_id "
        "FROM source_records WHERE id > ? AND entity_type = ? "
        "ORDER BY id LIMIT ?";
    MDM_ASSIGN_OR_RETURN(Statement stmt,
                         conn_->Prepare(entity_type.empty() ? kAll : kOfType));
    int param = 1;
    stmt.BindInt(param++, after_record_id);
    if (!entity_type.empty()) stmt.BindText(param++, entity_type);
    stmt.BindInt(param++, limit);
    return CollectXrefs(stmt);
  }

  absl::StatusOr<std::vector<RecordRow>> ScanRecords(
      absl::string_view entity_type, int64_t after_record_id,
      int limit) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(absl::StrCat(
            "SELECT ", kRecordColumns,
            " FROM source_records WHERE entity_type = ? AND id > ? "
            "ORDER BY id LIMIT ?")));
    stmt.BindText(1, entity_type);
    stmt.BindInt(2, after_record_id);
    stmt.BindInt(3, limit);
    return CollectRecords(stmt);
  }

  absl::StatusOr<int64_t> CountRecords(absl::string_view entity_type) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(
            "SELECT count(*) FROM source_records WHERE entity_type = ?"));
    stmt.BindText(1, entity_type);
    MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    const int64_t count = has_row ? stmt.ColumnInt(0) : 0;
    stmt.Reset();
    return count;
  }

  absl::StatusOr<std::vector<std::string>> ListSources() override {
    // A loose index scan of source_records_by_key (source, source_id,
    // entity_type): each step seeks past every key of the source before,
    // so it reads a page or two per source instead of the whole index
    // (SELECT DISTINCT scans it all).
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(
            "WITH RECURSIVE next(source) AS ("
            "SELECT (SELECT min(source) FROM source_records) "
            "UNION ALL SELECT (SELECT min(source) FROM source_records "
            "WHERE source > next.source) FROM next "
            "WHERE next.source IS NOT NULL) "
            "SELECT source FROM next WHERE source IS NOT NULL"));
    std::vector<std::string> sources;
    while (true) {
      MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
      if (!has_row) break;
      sources.emplace_back(stmt.ColumnText(0));
    }
    return sources;
  }

  absl::StatusOr<bool> HoldsSource(absl::string_view source) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(
            "SELECT 1 FROM source_records WHERE source = ? LIMIT 1"));
    stmt.BindText(1, source);
    MDM_ASSIGN_OR_RETURN(const bool has_row, stmt.Step());
    stmt.Reset();
    return has_row;
  }

  absl::StatusOr<std::optional<ModelRow>> LatestModel(
      absl::string_view entity_type) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare("SELECT version, created_at, parameters FROM models "
                       "WHERE entity_type = ? ORDER BY version DESC LIMIT 1"));
    stmt.BindText(1, entity_type);
    MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) return std::nullopt;
    ModelRow row{.entity_type = std::string(entity_type),
                 .version = stmt.ColumnInt(0),
                 .created_at = FromMicros(stmt.ColumnInt(1)),
                 .parameters = std::string(stmt.ColumnBlob(2))};
    stmt.Reset();
    return row;
  }

  absl::StatusOr<std::vector<GoldenVersionRow>> GoldenHistory(
      int64_t golden_id, int64_t after_version, int limit) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(absl::StrCat(
            "SELECT ", kVersionColumns,
            " FROM golden_versions WHERE golden_id = ? AND version > ? "
            "ORDER BY version LIMIT ?")));
    stmt.BindInt(1, golden_id);
    stmt.BindInt(2, after_version);
    stmt.BindInt(3, limit);
    std::vector<GoldenVersionRow> rows;
    while (true) {
      MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
      if (!has_row) break;
      MDM_ASSIGN_OR_RETURN(GoldenVersionRow row, ReadVersionRow(stmt));
      rows.push_back(std::move(row));
    }
    return rows;
  }

  absl::StatusOr<std::optional<GoldenVersionRow>> GoldenVersionAt(
      int64_t golden_id, absl::Time time) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(absl::StrCat(
            "SELECT ", kVersionColumns,
            " FROM golden_versions WHERE golden_id = ? AND time <= ? "
            "ORDER BY version DESC LIMIT 1")));
    stmt.BindInt(1, golden_id);
    stmt.BindInt(2, ToMicros(time));
    MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) return std::nullopt;
    MDM_ASSIGN_OR_RETURN(GoldenVersionRow row, ReadVersionRow(stmt));
    stmt.Reset();
    return row;
  }

  absl::StatusOr<std::optional<GoldenVersionRow>> LastRetirement(
      int64_t golden_id) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(absl::StrCat("SELECT ", kVersionColumns,
                                    " FROM golden_versions WHERE golden_id = ? "
                                    "ORDER BY version DESC")));
    stmt.BindInt(1, golden_id);
    // Newest first: the oldest of the retired versions since the last live
    // one.
    std::optional<GoldenVersionRow> retirement;
    while (true) {
      MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
      if (!has_row) return std::nullopt;
      MDM_ASSIGN_OR_RETURN(GoldenVersionRow row, ReadVersionRow(stmt));
      if (row.state == GoldenState::kLive) {
        stmt.Reset();
        return retirement;
      }
      retirement = std::move(row);
    }
  }

  absl::StatusOr<std::vector<int64_t>> RedirectsTo(int64_t golden_id) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare("SELECT id FROM golden_records WHERE merged_into = ? "
                       "ORDER BY id"));
    stmt.BindInt(1, golden_id);
    return CollectIds(stmt);
  }

  absl::StatusOr<std::vector<XrefRow>> LookupXrefsAt(const SourceKey& key,
                                                     absl::Time time) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(
            "SELECT record_id, entity_type, source, source_id, golden_id "
            "FROM xref_history WHERE source = ?1 AND source_id = ?2 "
            "AND valid_from <= ?3 AND (valid_to IS NULL OR valid_to > ?3)"));
    stmt.BindText(1, key.source);
    stmt.BindText(2, key.source_id);
    stmt.BindInt(3, ToMicros(time));
    return CollectXrefs(stmt);
  }

  absl::StatusOr<std::vector<SourceKey>> GoldenMembersAt(
      int64_t golden_id, absl::Time time) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(
            "SELECT source, source_id FROM xref_history WHERE golden_id = ?1 "
            "AND valid_from <= ?2 AND (valid_to IS NULL OR valid_to > ?2) "
            "ORDER BY source, source_id"));
    stmt.BindInt(1, golden_id);
    stmt.BindInt(2, ToMicros(time));
    std::vector<SourceKey> keys;
    while (true) {
      MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
      if (!has_row) break;
      keys.push_back(
          {std::string(stmt.ColumnText(0)), std::string(stmt.ColumnText(1))});
    }
    return keys;
  }

  absl::StatusOr<std::vector<JudgementRow>> JudgementsOf(
      absl::string_view entity_type, const SourceKey& key) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(absl::StrCat(
            "SELECT ", kJudgementColumns,
            " FROM judgements WHERE entity_type = ?1 AND a_source = ?2 AND "
            "a_source_id = ?3 UNION ALL SELECT ",
            kJudgementColumns,
            " FROM judgements WHERE entity_type = ?1 AND b_source = ?2 AND "
            "b_source_id = ?3")));
    stmt.BindText(1, entity_type);
    stmt.BindText(2, key.source);
    stmt.BindText(3, key.source_id);
    return CollectJudgements(stmt);
  }

  absl::StatusOr<std::optional<JudgementRow>> FindJudgement(
      absl::string_view entity_type, const SourceKey& a,
      const SourceKey& b) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(absl::StrCat(
            "SELECT ", kJudgementColumns,
            " FROM judgements WHERE entity_type = ? AND a_source = ? AND "
            "a_source_id = ? AND b_source = ? AND b_source_id = ?")));
    stmt.BindText(1, entity_type);
    stmt.BindText(2, a.source);
    stmt.BindText(3, a.source_id);
    stmt.BindText(4, b.source);
    stmt.BindText(5, b.source_id);
    MDM_ASSIGN_OR_RETURN(std::vector<JudgementRow> rows,
                         CollectJudgements(stmt));
    if (rows.empty()) return std::nullopt;
    return rows.front();
  }

  absl::StatusOr<std::vector<Edge>> ReviewPairs(
      absl::string_view entity_type, double min_weight, double max_weight,
      absl::string_view source, double after_weight, int64_t after_a,
      int64_t after_b, int limit) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(
            "SELECT e.a, e.b, e.weight FROM edges e "
            "JOIN source_records ra ON ra.id = e.a "
            "JOIN source_records rb ON rb.id = e.b "
            "WHERE e.weight >= ?1 AND e.weight < ?2 AND ra.entity_type = ?3 "
            "AND ra.golden_id != rb.golden_id "
            "AND (?4 = '' OR ra.source = ?4 OR rb.source = ?4) "
            "AND (?6 = 0 OR e.weight < ?5 OR (e.weight = ?5 AND "
            "(e.a > ?6 OR (e.a = ?6 AND e.b > ?7)))) "
            "ORDER BY e.weight DESC, e.a, e.b LIMIT ?8"));
    stmt.BindDouble(1, min_weight);
    stmt.BindDouble(2, max_weight);
    stmt.BindText(3, entity_type);
    stmt.BindText(4, source);
    stmt.BindDouble(5, after_weight);
    stmt.BindInt(6, after_a);
    stmt.BindInt(7, after_b);
    stmt.BindInt(8, limit);
    return CollectEdges(stmt);
  }

  absl::StatusOr<std::vector<AuditRow>> ListAudit(
      const AuditFilter& filter) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(
            "SELECT seq, time, actor, action, entity_type, automatic, weight, "
            "model_version, reason, payload FROM audit "
            "WHERE seq > ?1 AND time >= ?2 AND (?3 = '' OR actor = ?3) "
            "AND (?4 = 0 OR seq IN "
            "(SELECT seq FROM audit_goldens WHERE golden_id = ?4)) "
            "ORDER BY seq LIMIT ?5"));
    stmt.BindInt(1, filter.after_sequence);
    stmt.BindInt(2, filter.since == absl::InfinitePast()
                        ? std::numeric_limits<int64_t>::min()
                        : ToMicros(filter.since));
    stmt.BindText(3, filter.actor);
    stmt.BindInt(4, filter.golden_id);
    stmt.BindInt(5, filter.limit);
    std::vector<AuditRow> rows;
    while (true) {
      MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
      if (!has_row) break;
      AuditRow row;
      row.sequence = stmt.ColumnInt(0);
      row.time = FromMicros(stmt.ColumnInt(1));
      row.actor = std::string(stmt.ColumnText(2));
      row.action = std::string(stmt.ColumnText(3));
      row.entity_type = std::string(stmt.ColumnText(4));
      row.automatic = stmt.ColumnInt(5) != 0;
      row.has_weight = !stmt.ColumnIsNull(6);
      row.weight = row.has_weight ? stmt.ColumnDouble(6) : 0;
      row.model_version = stmt.ColumnInt(7);
      row.reason = std::string(stmt.ColumnText(8));
      MDM_RETURN_IF_ERROR(sqlite_internal::DecodeAuditPayload(
          stmt.ColumnBlob(9), absl::StrCat("audit entry ", row.sequence), row));
      rows.push_back(std::move(row));
    }
    return rows;
  }

  absl::StatusOr<absl::flat_hash_map<std::string, std::string>>
  EntityTypePrefixes() override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare("SELECT name, id_prefix FROM entity_types"));
    absl::flat_hash_map<std::string, std::string> prefixes;
    while (true) {
      MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
      if (!has_row) break;
      prefixes.emplace(stmt.ColumnText(0), stmt.ColumnText(1));
    }
    return prefixes;
  }

  absl::StatusOr<std::vector<GoldenRow>> ScanGoldens(int64_t after_golden_id,
                                                     int limit) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(absl::StrCat("SELECT ", kGoldenColumns,
                                    " FROM golden_records WHERE id > ? "
                                    "ORDER BY id LIMIT ?")));
    stmt.BindInt(1, after_golden_id);
    stmt.BindInt(2, limit);
    std::vector<GoldenRow> rows;
    while (true) {
      MDM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
      if (!has_row) break;
      MDM_ASSIGN_OR_RETURN(GoldenRow row, ReadGoldenRow(stmt));
      rows.push_back(std::move(row));
    }
    return rows;
  }

  absl::StatusOr<std::vector<XrefRow>> ScanOpenLinks(int64_t after_record_id,
                                                     int limit) override {
    // Reads the partial index of open intervals.
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(
            "SELECT record_id, entity_type, source, source_id, golden_id "
            "FROM xref_history WHERE valid_to IS NULL AND record_id > ? "
            "ORDER BY record_id LIMIT ?"));
    stmt.BindInt(1, after_record_id);
    stmt.BindInt(2, limit);
    return CollectXrefs(stmt);
  }

  absl::StatusOr<std::vector<JudgementRow>> ScanJudgements(
      absl::string_view after_entity_type, const SourceKey& after_a,
      const SourceKey& after_b, int limit) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(absl::StrCat(
            "SELECT ", kJudgementColumns,
            " FROM judgements WHERE (entity_type, a_source, a_source_id, "
            "b_source, b_source_id) > (?, ?, ?, ?, ?) ORDER BY entity_type, "
            "a_source, a_source_id, b_source, b_source_id LIMIT ?")));
    stmt.BindText(1, after_entity_type);
    stmt.BindText(2, after_a.source);
    stmt.BindText(3, after_a.source_id);
    stmt.BindText(4, after_b.source);
    stmt.BindText(5, after_b.source_id);
    stmt.BindInt(6, limit);
    return CollectJudgements(stmt);
  }

 protected:
  Connection* conn_;
};

class SqliteStore;

// The right to write: held by one write transaction at a time. Unlike a
// mutex, waiting for it can give up at a deadline.
class WriterLease {
 public:
  // True, holding the lease, once it is free; false at `deadline`.
  bool Acquire(absl::Time deadline) {
    absl::MutexLock lock(&mu_);
    if (!mu_.AwaitWithDeadline(free_, deadline)) {
      return false;
    }
    held_ = true;
    return true;
  }

  // REQUIRES: held by the caller.
  void Release() {
    absl::MutexLock lock(&mu_);
    held_ = false;
  }

 private:
  bool Free() const ABSL_SHARED_LOCKS_REQUIRED(mu_) { return !held_; }

  absl::Mutex mu_;
  bool held_ ABSL_GUARDED_BY(mu_) = false;
  const absl::Condition free_{this, &WriterLease::Free};
};

class SqliteReadTransaction : public SqliteReader<ReadTransaction> {
 public:
  SqliteReadTransaction(SqliteStore* store, std::unique_ptr<Connection> conn);
  ~SqliteReadTransaction() override;

 private:
  SqliteStore* store_;
  std::unique_ptr<Connection> owned_;
};

class SqliteWriteTransaction : public SqliteReader<WriteTransaction> {
 public:
  // REQUIRES: `lease` is held by the caller; the transaction releases it.
  SqliteWriteTransaction(Connection* conn, WriterLease* lease,
                         sqlite_internal::XrefDirectory* directory)
      : SqliteReader(conn), lease_(lease), directory_(directory) {}

  ~SqliteWriteTransaction() override {
    if (!finished_) conn_->Run("ROLLBACK").IgnoreError();
    lease_->Release();
  }

  absl::StatusOr<int64_t> NextRecordId() override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare("SELECT COALESCE(MAX(id), 0) + 1 FROM source_records"));
    MDM_ASSIGN_OR_RETURN(const bool found, stmt.Step());
    if (!found) return absl::InternalError("no next source record id");
    const int64_t id = stmt.ColumnInt(0);
    stmt.Reset();
    return id;
  }

  absl::Status InsertRecord(RecordRow& row) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(
            "INSERT INTO source_records(id, entity_type, source, source_id, "
            "golden_id, content_hash, version, created_at, updated_at, "
            "attributes, features) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (row.id != 0) {
      stmt.BindInt(1, row.id);
    } else {
      stmt.BindNull(1);
    }
    stmt.BindText(2, row.entity_type);
    stmt.BindText(3, row.key.source);
    stmt.BindText(4, row.key.source_id);
    stmt.BindInt(5, row.golden_id);
    stmt.BindInt(6, static_cast<int64_t>(row.content_hash));
    stmt.BindInt(7, row.version);
    stmt.BindInt(8, ToMicros(row.created_at));
    stmt.BindInt(9, ToMicros(row.updated_at));
    stmt.BindBlob(10, sqlite_internal::EncodeAttributes(row.attributes));
    stmt.BindBlob(11, row.features);
    MDM_RETURN_IF_ERROR(stmt.Run());
    row.id = conn_->LastInsertRowId();
    if (row.golden_id != 0) {
      MDM_ASSIGN_OR_RETURN(
          Statement open,
          conn_->Prepare("INSERT INTO xref_history(record_id, entity_type, "
                         "source, source_id, golden_id, valid_from) "
                         "VALUES (?, ?, ?, ?, ?, ?)"));
      open.BindInt(1, row.id);
      open.BindText(2, row.entity_type);
      open.BindText(3, row.key.source);
      open.BindText(4, row.key.source_id);
      open.BindInt(5, row.golden_id);
      open.BindInt(6, ToMicros(row.updated_at));
      MDM_RETURN_IF_ERROR(open.Run());
    }
    NoteLink(row);
    return absl::OkStatus();
  }

  absl::Status UpdateRecord(const RecordRow& row) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare("UPDATE source_records SET golden_id = ?, "
                       "content_hash = ?, version = ?, updated_at = ?, "
                       "attributes = ?, features = ? WHERE id = ?"));
    stmt.BindInt(1, row.golden_id);
    stmt.BindInt(2, static_cast<int64_t>(row.content_hash));
    stmt.BindInt(3, row.version);
    stmt.BindInt(4, ToMicros(row.updated_at));
    stmt.BindBlob(5, sqlite_internal::EncodeAttributes(row.attributes));
    stmt.BindBlob(6, row.features);
    stmt.BindInt(7, row.id);
    MDM_RETURN_IF_ERROR(stmt.Run());
    MDM_RETURN_IF_ERROR(
        ExpectOneChange(absl::StrCat("source record ", row.id)));
    NoteLink(row);
    return absl::OkStatus();
  }

  absl::Status SetRecordGolden(absl::Span<const RecordRow* const> records,
                               int64_t golden_id, absl::Time time) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare("UPDATE source_records SET golden_id = ? WHERE id = ?"));
    MDM_ASSIGN_OR_RETURN(
        Statement open,
        conn_->Prepare(
            "INSERT INTO xref_history(record_id, entity_type, source, "
            "source_id, golden_id, valid_from) SELECT id, entity_type, "
            "source, source_id, golden_id, ? FROM source_records WHERE id = "
            "?"));
    for (const RecordRow* record : records) {
      const int64_t id = record->id;
      MDM_RETURN_IF_ERROR(EndLink(id, time));
      stmt.BindInt(1, golden_id);
      stmt.BindInt(2, id);
      MDM_RETURN_IF_ERROR(stmt.Run());
      MDM_RETURN_IF_ERROR(ExpectOneChange(absl::StrCat("source record ", id)));
      open.BindInt(1, ToMicros(time));
      open.BindInt(2, id);
      MDM_RETURN_IF_ERROR(open.Run());
      xref_changes_.push_back({.row = {.record_id = id,
                                       .entity_type = record->entity_type,
                                       .key = record->key,
                                       .golden_id = golden_id}});
    }
    return absl::OkStatus();
  }

  absl::Status DeleteRecord(int64_t record_id, absl::Time time) override {
    MDM_RETURN_IF_ERROR(EndLink(record_id, time));
    MDM_RETURN_IF_ERROR(ReplaceEdges(record_id, {}));
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare("DELETE FROM source_records WHERE id = ? "
                       "RETURNING entity_type, source, source_id"));
    stmt.BindInt(1, record_id);
    // The first step deletes; the row it returns names the deleted key.
    MDM_ASSIGN_OR_RETURN(const bool deleted, stmt.Step());
    if (!deleted) {
      return absl::InternalError(
          absl::StrCat("source record ", record_id, " does not exist"));
    }
    xref_changes_.push_back(
        {.row = {.record_id = record_id,
                 .entity_type = std::string(stmt.ColumnText(0)),
                 .key = {std::string(stmt.ColumnText(1)),
                         std::string(stmt.ColumnText(2))}},
         .erase = true});
    stmt.Reset();
    return absl::OkStatus();
  }

  absl::Status ReplaceEdges(int64_t record_id,
                            absl::Span<const Edge> edges) override {
    MDM_ASSIGN_OR_RETURN(
        Statement remove,
        conn_->Prepare("DELETE FROM edges WHERE a = ?1 OR b = ?1"));
    remove.BindInt(1, record_id);
    MDM_RETURN_IF_ERROR(remove.Run());
    MDM_ASSIGN_OR_RETURN(
        Statement insert,
        conn_->Prepare(
            "INSERT OR REPLACE INTO edges(a, b, weight) VALUES (?, ?, ?)"));
    for (const Edge& edge : edges) {
      if (edge.a >= edge.b || (edge.a != record_id && edge.b != record_id)) {
        return absl::InternalError(
            absl::StrCat("edge (", edge.a, ", ", edge.b,
                         ") is not an ordered pair of record ", record_id));
      }
      insert.BindInt(1, edge.a);
      insert.BindInt(2, edge.b);
      insert.BindDouble(3, edge.weight);
      MDM_RETURN_IF_ERROR(insert.Run());
    }
    return absl::OkStatus();
  }

  absl::Status InsertGolden(GoldenRow& row) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare("INSERT INTO golden_records(entity_type, state, "
                       "merged_into, version, created_at, updated_at, "
                       "attributes) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    BindGolden(stmt, row);
    MDM_RETURN_IF_ERROR(stmt.Run());
    row.id = conn_->LastInsertRowId();
    return absl::OkStatus();
  }

  absl::Status UpdateGolden(const GoldenRow& row) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare("UPDATE golden_records SET entity_type = ?, state = ?, "
                       "merged_into = ?, version = ?, created_at = ?, "
                       "updated_at = ?, attributes = ? WHERE id = ?"));
    BindGolden(stmt, row);
    stmt.BindInt(8, row.id);
    MDM_RETURN_IF_ERROR(stmt.Run());
    return ExpectOneChange(absl::StrCat("golden record ", row.id));
  }

  absl::Status AppendGoldenVersion(const GoldenVersionRow& version) override {
    MDM_ASSIGN_OR_RETURN(Statement stmt,
                         conn_->Prepare(absl::StrCat(
                             "INSERT INTO golden_versions(", kVersionColumns,
                             ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")));
    stmt.BindInt(1, version.golden_id);
    stmt.BindInt(2, version.version);
    stmt.BindInt(3, ToMicros(version.time));
    stmt.BindInt(4, static_cast<int64_t>(version.state));
    if (version.merged_into != 0) {
      stmt.BindInt(5, version.merged_into);
    } else {
      stmt.BindNull(5);
    }
    stmt.BindInt(6, static_cast<int64_t>(version.cause));
    stmt.BindBlob(7, sqlite_internal::EncodeGoldenValues(version.attributes));
    stmt.BindBlob(8, sqlite_internal::EncodeVersionDetail(version));
    return stmt.Run();
  }

  absl::Status PutJudgement(const JudgementRow& judgement) override {
    if (!(judgement.a < judgement.b)) {
      return absl::InternalError("judgement pair is not ordered (a < b)");
    }
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(absl::StrCat("INSERT OR REPLACE INTO judgements(",
                                    kJudgementColumns,
                                    ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")));
    stmt.BindText(1, judgement.entity_type);
    stmt.BindText(2, judgement.a.source);
    stmt.BindText(3, judgement.a.source_id);
    stmt.BindText(4, judgement.b.source);
    stmt.BindText(5, judgement.b.source_id);
    stmt.BindInt(6, static_cast<int64_t>(judgement.kind));
    stmt.BindText(7, judgement.actor);
    stmt.BindText(8, judgement.reason);
    stmt.BindInt(9, ToMicros(judgement.time));
    return stmt.Run();
  }

  absl::Status DeleteJudgement(absl::string_view entity_type,
                               const SourceKey& a,
                               const SourceKey& b) override {
    if (!(a < b)) {
      return absl::InternalError("judgement pair is not ordered (a < b)");
    }
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare("DELETE FROM judgements WHERE entity_type = ? AND "
                       "a_source = ? AND a_source_id = ? AND b_source = ? AND "
                       "b_source_id = ?"));
    stmt.BindText(1, entity_type);
    stmt.BindText(2, a.source);
    stmt.BindText(3, a.source_id);
    stmt.BindText(4, b.source);
    stmt.BindText(5, b.source_id);
    return stmt.Run();
  }

  absl::Status AppendAudit(AuditRow& entry) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare("INSERT INTO audit(time, actor, action, entity_type, "
                       "automatic, weight, model_version, reason, payload) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    stmt.BindInt(1, ToMicros(entry.time));
    stmt.BindText(2, entry.actor);
    stmt.BindText(3, entry.action);
    stmt.BindText(4, entry.entity_type);
    stmt.BindInt(5, entry.automatic ? 1 : 0);
    if (entry.has_weight) {
      stmt.BindDouble(6, entry.weight);
    } else {
      stmt.BindNull(6);
    }
    stmt.BindInt(7, entry.model_version);
    stmt.BindText(8, entry.reason);
    stmt.BindBlob(9, sqlite_internal::EncodeAuditPayload(entry));
    MDM_RETURN_IF_ERROR(stmt.Run());
    entry.sequence = conn_->LastInsertRowId();
    MDM_ASSIGN_OR_RETURN(
        Statement index,
        conn_->Prepare("INSERT OR IGNORE INTO audit_goldens(golden_id, seq) "
                       "VALUES (?, ?)"));
    for (int64_t golden : entry.golden_ids) {
      index.BindInt(1, golden);
      index.BindInt(2, entry.sequence);
      MDM_RETURN_IF_ERROR(index.Run());
    }
    return absl::OkStatus();
  }

  absl::Status RepointMerged(int64_t from, int64_t to) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare(
            "UPDATE golden_records SET merged_into = ? WHERE merged_into = ?"));
    stmt.BindInt(1, to);
    stmt.BindInt(2, from);
    return stmt.Run();
  }

  absl::Status AppendChange(ChangeRow& event) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare("INSERT INTO changes(time, entity_type, kind, "
                       "golden_id, survivor_id, payload) "
                       "VALUES (?, ?, ?, ?, ?, ?)"));
    stmt.BindInt(1, ToMicros(event.time));
    stmt.BindText(2, event.entity_type);
    stmt.BindInt(3, static_cast<int64_t>(event.kind));
    stmt.BindInt(4, event.golden_id);
    if (event.survivor_id != 0) {
      stmt.BindInt(5, event.survivor_id);
    } else {
      stmt.BindNull(5);
    }
    stmt.BindBlob(
        6, sqlite_internal::EncodeChangePayload(event.keys, event.attributes));
    MDM_RETURN_IF_ERROR(stmt.Run());
    event.sequence = conn_->LastInsertRowId();
    return absl::OkStatus();
  }

  absl::Status RegisterEntityType(absl::string_view name,
                                  absl::string_view id_prefix) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare("INSERT INTO entity_types(name, id_prefix) "
                       "VALUES (?, ?) ON CONFLICT(name) DO NOTHING"));
    stmt.BindText(1, name);
    stmt.BindText(2, id_prefix);
    absl::Status status = stmt.Run();
    if (!status.ok()) {
      return absl::AbortedError(absl::StrCat("golden id prefix ", id_prefix,
                                             " is registered to another "
                                             "entity type: ",
                                             status.message()));
    }
    MDM_ASSIGN_OR_RETURN(auto prefixes, EntityTypePrefixes());
    auto it = prefixes.find(name);
    if (it == prefixes.end() || it->second != id_prefix) {
      return absl::AbortedError(absl::StrCat(
          "entity type ", name, " is registered with golden id prefix ",
          it == prefixes.end() ? "" : it->second, ", not ", id_prefix));
    }
    return absl::OkStatus();
  }

  absl::Status InsertModel(const ModelRow& model) override {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare("INSERT INTO models(entity_type, version, created_at, "
                       "parameters) VALUES (?, ?, ?, ?)"));
    stmt.BindText(1, model.entity_type);
    stmt.BindInt(2, model.version);
    stmt.BindInt(3, ToMicros(model.created_at));
    stmt.BindBlob(4, model.parameters);
    return stmt.Run();
  }

  absl::Status Savepoint() override {
    MDM_RETURN_IF_ERROR(conn_->Run("SAVEPOINT unit"));
    savepoint_marks_.push_back(xref_changes_.size());
    return absl::OkStatus();
  }
  absl::Status ReleaseSavepoint() override {
    MDM_RETURN_IF_ERROR(conn_->Run("RELEASE unit"));
    if (!savepoint_marks_.empty()) savepoint_marks_.pop_back();
    return absl::OkStatus();
  }
  absl::Status RollbackToSavepoint() override {
    MDM_RETURN_IF_ERROR(conn_->Run("ROLLBACK TO unit"));
    if (!savepoint_marks_.empty()) {
      xref_changes_.resize(savepoint_marks_.back());
    }
    return ReleaseSavepoint();
  }

  absl::Status Commit() override {
    if (finished_) {
      return absl::FailedPreconditionError("transaction already finished");
    }
    finished_ = true;
    absl::Status status = conn_->Run("COMMIT");
    if (!status.ok()) {
      conn_->Run("ROLLBACK").IgnoreError();
      return status;
    }
    // Still under the write lock: directories change in commit order.
    directory_->Apply(xref_changes_);
    return absl::OkStatus();
  }

 private:
  static void BindGolden(Statement& stmt, const GoldenRow& row) {
    stmt.BindText(1, row.entity_type);
    stmt.BindInt(2, static_cast<int64_t>(row.state));
    if (row.merged_into != 0) {
      stmt.BindInt(3, row.merged_into);
    } else {
      stmt.BindNull(3);
    }
    stmt.BindInt(4, row.version);
    stmt.BindInt(5, ToMicros(row.created_at));
    stmt.BindInt(6, ToMicros(row.updated_at));
    stmt.BindBlob(7, sqlite_internal::EncodeGoldenValues(row.attributes));
  }

  // Ends the open xref-history interval of a record, if any.
  absl::Status EndLink(int64_t record_id, absl::Time time) {
    MDM_ASSIGN_OR_RETURN(
        Statement stmt,
        conn_->Prepare("UPDATE xref_history SET valid_to = ? "
                       "WHERE record_id = ? AND valid_to IS NULL"));
    stmt.BindInt(1, ToMicros(time));
    stmt.BindInt(2, record_id);
    return stmt.Run();
  }

  absl::Status ExpectOneChange(const std::string& what) {
    if (conn_->Changes() != 1) {
      return absl::InternalError(absl::StrCat(what, " does not exist"));
    }
    return absl::OkStatus();
  }

  void NoteLink(const RecordRow& row) {
    xref_changes_.push_back({.row = {.record_id = row.id,
                                     .entity_type = row.entity_type,
                                     .key = row.key,
                                     .golden_id = row.golden_id}});
  }

  WriterLease* lease_;
  sqlite_internal::XrefDirectory* directory_;
  // Link changes made so far, applied to the directory on commit; and where
  // each open savepoint began in them.
  std::vector<sqlite_internal::XrefChange> xref_changes_;
  std::vector<size_t> savepoint_marks_;
  bool finished_ = false;
};

class SqliteStore : public Store {
 public:
  SqliteStore(SqliteOptions options,
              std::optional<sqlite_internal::DatabaseLock> lock,
              std::unique_ptr<Connection> writer, int schema_version,
              std::unique_ptr<sqlite_internal::WalCheckpointer> checkpointer)
      : options_(std::move(options)),
        lock_(std::move(lock)),
        writer_(std::move(writer)),
        checkpointer_(std::move(checkpointer)),
        schema_version_(schema_version) {
    if (checkpointer_ != nullptr) checkpointer_->Attach(writer_->raw());
  }

  ~SqliteStore() override {
    if (checkpointer_ != nullptr) {
      sqlite3_wal_hook(writer_->raw(), nullptr, nullptr);
      checkpointer_.reset();
    }
  }

  absl::StatusOr<std::unique_ptr<ReadTransaction>> BeginRead() override {
    std::unique_ptr<Connection> conn;
    {
      absl::MutexLock lock(&pool_mu_);
      if (!idle_readers_.empty()) {
        conn = std::move(idle_readers_.back());
        idle_readers_.pop_back();
      }
    }
    if (conn == nullptr) {
      MDM_ASSIGN_OR_RETURN(conn, OpenReader());
    }
    MDM_RETURN_IF_ERROR(conn->Run("BEGIN"));
    return std::unique_ptr<ReadTransaction>(
        new SqliteReadTransaction(this, std::move(conn)));
  }

  absl::StatusOr<std::unique_ptr<WriteTransaction>> BeginWrite() override {
    if (options_.read_only) return ReadOnlyError();
    if (!lease_.Acquire(absl::Now() + options_.max_write_wait)) {
      return absl::UnavailableError(absl::StrCat(
          "the writer stayed busy for ",
          absl::FormatDuration(options_.max_write_wait), "; retry later"));
    }
    absl::Status status = writer_->Run("BEGIN IMMEDIATE");
    if (!status.ok()) {
      lease_.Release();
      return status;
    }
    return std::unique_ptr<WriteTransaction>(
        new SqliteWriteTransaction(writer_.get(), &lease_, &directory_));
  }

  std::vector<std::vector<XrefRow>> LookupCommittedXrefs(
      absl::Span<const SourceKey> keys) override {
    return directory_.LookupMany(keys);
  }

  // Fills the directory from the database; before serving. Reads two
  // covering indexes, not the table, on a connection of its own without a
  // memory map: index pages lie scattered among table pages, and faulting
  // them in through a map would map their neighbours too.
  absl::Status LoadDirectory() {
    MDM_ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn,
                         Connection::Open(options_.path, /*read_only=*/true,
                                          options_.busy_timeout));
    // Both indexes from one snapshot: another process (mdmd --verify beside
    // a live server) may commit between the two reads. The transaction
    // ends when the connection closes.
    MDM_RETURN_IF_ERROR(conn->Run("BEGIN"));
    MDM_ASSIGN_OR_RETURN(
        Statement goldens,
        conn->Prepare("SELECT id, golden_id FROM source_records "
                      "INDEXED BY source_records_by_golden"));
    std::vector<std::pair<int64_t, int64_t>> golden_of;  // by record id
    while (true) {
      MDM_ASSIGN_OR_RETURN(bool has_row, goldens.Step());
      if (!has_row) break;
      golden_of.emplace_back(goldens.ColumnInt(0), goldens.ColumnInt(1));
    }
    std::sort(golden_of.begin(), golden_of.end());
    MDM_ASSIGN_OR_RETURN(
        Statement keys,
        conn->Prepare("SELECT id, entity_type, source, source_id "
                      "FROM source_records INDEXED BY source_records_by_key"));
    std::vector<sqlite_internal::XrefChange> rows;
    while (true) {
      MDM_ASSIGN_OR_RETURN(bool has_row, keys.Step());
      if (!has_row) break;
      XrefRow row{.record_id = keys.ColumnInt(0),
                  .entity_type = std::string(keys.ColumnText(1)),
                  .key = {std::string(keys.ColumnText(2)),
                          std::string(keys.ColumnText(3))}};
      auto golden = std::lower_bound(
          golden_of.begin(), golden_of.end(),
          std::pair<int64_t, int64_t>(row.record_id, INT64_MIN));
      if (golden == golden_of.end() || golden->first != row.record_id) {
        return absl::DataLossError(absl::StrCat("source record ", row.record_id,
                                                " is missing from an index"));
      }
      row.golden_id = golden->second;
      rows.push_back({.row = std::move(row)});
      if (rows.size() == 65536) {
        directory_.Apply(rows);
        rows.clear();
      }
    }
    directory_.Apply(rows);
    return absl::OkStatus();
  }

  int schema_version() const override { return schema_version_; }

  absl::Status BackupTo(const std::string& path) override {
    MDM_ASSIGN_OR_RETURN(std::unique_ptr<Connection> source,
                         Connection::Open(options_.path, /*read_only=*/true,
                                          options_.busy_timeout));
    return sqlite_internal::CopyDatabase(source->raw(), path);
  }

  absl::Status Checkpoint() override {
    if (options_.read_only) return ReadOnlyError();
    lease_.Acquire(absl::InfiniteFuture());
    absl::Status status = writer_->Run("PRAGMA wal_checkpoint(TRUNCATE)");
    lease_.Release();
    return status;
  }

  // Takes back a reader whose transaction has ended.
  void ReturnReader(std::unique_ptr<Connection> conn) {
    absl::MutexLock lock(&pool_mu_);
    if (static_cast<int>(idle_readers_.size()) <
        options_.max_read_connections) {
      idle_readers_.push_back(std::move(conn));
    }
  }

 private:
  absl::Status ReadOnlyError() const {
    return absl::FailedPreconditionError(
        absl::StrCat("database ", options_.path, " is open read-only"));
  }

  absl::StatusOr<std::unique_ptr<Connection>> OpenReader() {
    MDM_ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn,
                         Connection::Open(options_.path, /*read_only=*/false,
                                          options_.busy_timeout));
    MDM_RETURN_IF_ERROR(conn->Exec("PRAGMA query_only = ON"));
    // Pages read through a memory map instead of copied in by read(2):
    // point lookups (resolve) are dominated by that copy otherwise.
    MDM_RETURN_IF_ERROR(conn->Exec(kMmapPragma));
    MDM_RETURN_IF_ERROR(conn->Exec("PRAGMA cache_size = -16384"));
    return conn;
  }

  const SqliteOptions options_;
  // Held for the store's life when it is writable.
  const std::optional<sqlite_internal::DatabaseLock> lock_;
  WriterLease lease_;
  // Used only by the holder of lease_ (a SqliteWriteTransaction, for its
  // life).
  std::unique_ptr<Connection> writer_;
  // Null when checkpoints run in commits, and for a read-only store.
  std::unique_ptr<sqlite_internal::WalCheckpointer> checkpointer_;
  const int schema_version_;
  absl::Mutex pool_mu_;
  std::vector<std::unique_ptr<Connection>> idle_readers_
      ABSL_GUARDED_BY(pool_mu_);
  sqlite_internal::XrefDirectory directory_;
};

SqliteReadTransaction::SqliteReadTransaction(SqliteStore* store,
                                             std::unique_ptr<Connection> conn)
    : SqliteReader(conn.get()), store_(store), owned_(std::move(conn)) {}

SqliteReadTransaction::~SqliteReadTransaction() {
  if (owned_->Run("COMMIT").ok()) {
    store_->ReturnReader(std::move(owned_));
  }
}

absl::StatusOr<std::unique_ptr<Store>> OpenReadOnly(
    const SqliteOptions& options, int target) {
  if (!std::filesystem::exists(options.path)) {
    return absl::NotFoundError(absl::StrCat("no database at ", options.path));
  }
  MDM_ASSIGN_OR_RETURN(
      std::unique_ptr<Connection> conn,
      Connection::Open(options.path, /*read_only=*/true, options.busy_timeout));
  MDM_ASSIGN_OR_RETURN(const int version,
                       sqlite_internal::ReadSchemaVersion(*conn));
  if (version != target) {
    return absl::FailedPreconditionError(
        absl::StrCat("database ", options.path, " has schema version ", version,
                     ", this build reads ", target,
                     version < target ? "; start mdmd on it once to migrate it"
                                      : "; use a newer mdmd"));
  }
  auto store = std::make_unique<SqliteStore>(
      options, std::nullopt, std::move(conn), target, /*checkpointer=*/nullptr);
  MDM_RETURN_IF_ERROR(store->LoadDirectory());
  return store;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const SqliteOptions& options) {
  if (options.path.empty()) {
    return absl::InvalidArgumentError("database path is empty");
  }
  const int target = options.schema_version == 0
                         ? sqlite_internal::LatestSchemaVersion()
                         : options.schema_version;
  if (target < 0 || target > sqlite_internal::LatestSchemaVersion()) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown schema version ", options.schema_version));
  }
  if (options.read_only) return OpenReadOnly(options, target);
  // Before anything touches the file: another process may be writing it.
  MDM_ASSIGN_OR_RETURN(
      sqlite_internal::DatabaseLock lock,
      sqlite_internal::DatabaseLock::Acquire(options.path, options.lock_wait));
  MDM_ASSIGN_OR_RETURN(std::unique_ptr<Connection> writer,
                       Connection::Open(options.path, /*read_only=*/false,
                                        options.busy_timeout));
  MDM_RETURN_IF_ERROR(writer->Exec("PRAGMA journal_mode = WAL"));
  MDM_RETURN_IF_ERROR(writer->Exec(options.sync == SqliteSync::kFull
                                       ? "PRAGMA synchronous = FULL"
                                       : "PRAGMA synchronous = NORMAL"));
  MDM_RETURN_IF_ERROR(writer->Exec("PRAGMA cache_size = -65536"));
  MDM_RETURN_IF_ERROR(writer->Exec(kMmapPragma));
  MDM_RETURN_IF_ERROR(writer->Exec("PRAGMA temp_store = MEMORY"));
  if (options.max_db_bytes > 0) {
    // Pages of SQLite's default size, which every mdm database uses.
    MDM_RETURN_IF_ERROR(writer->Exec(
        absl::StrCat("PRAGMA max_page_count = ",
                     std::max<int64_t>(1, options.max_db_bytes / 4096))));
  }
  MDM_RETURN_IF_ERROR(sqlite_internal::Migrate(*writer, target));
  std::unique_ptr<sqlite_internal::WalCheckpointer> checkpointer;
  if (options.background_checkpoints) {
    MDM_ASSIGN_OR_RETURN(checkpointer, sqlite_internal::WalCheckpointer::Start(
                                           options.path, options.busy_timeout));
  }
  auto store =
      std::make_unique<SqliteStore>(options, std::move(lock), std::move(writer),
                                    target, std::move(checkpointer));
  MDM_RETURN_IF_ERROR(store->LoadDirectory());
  return store;
}

}  // namespace mdm::storage
