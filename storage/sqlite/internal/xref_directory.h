// The committed link of every source record, in memory: (source, source_id)
// to (record id, entity type, golden id), as in source_records. Serves
// resolve without a B-tree descent per key.
//
//   XrefDirectory directory;
//   directory.Apply({{.row = {.record_id = 7, .entity_type = "person",
//                             .key = {"crm", "42"}, .golden_id = 3}}});
//   std::vector<XrefRow> links = directory.Lookup({"crm", "42"});
//
// The store applies each write transaction's changes after its COMMIT has
// succeeded, in commit order, so readers see the latest committed state (not
// a snapshot: two lookups may straddle a commit). Thread-safe: lookups share
// a lock; Apply takes it exclusively.
#ifndef MDM_STORAGE_SQLITE_INTERNAL_XREF_DIRECTORY_H_
#define MDM_STORAGE_SQLITE_INTERNAL_XREF_DIRECTORY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "storage/rows.h"

namespace mdm::storage::sqlite_internal {

// One change to a record's link: `row` is the record's link now, or, with
// `erase`, the record (key and entity type) that no longer exists.
struct XrefChange {
  XrefRow row;
  bool erase = false;
};

class XrefDirectory {
 public:
  XrefDirectory() = default;
  XrefDirectory(const XrefDirectory&) = delete;
  XrefDirectory& operator=(const XrefDirectory&) = delete;

  // Applies `changes` in order.
  void Apply(absl::Span<const XrefChange> changes) ABSL_LOCKS_EXCLUDED(mu_);

  // Links of every record with this key (usually zero or one).
  std::vector<XrefRow> Lookup(const SourceKey& key) const
      ABSL_LOCKS_EXCLUDED(mu_);

  // Lookup of each key, under one lock.
  std::vector<std::vector<XrefRow>> LookupMany(
      absl::Span<const SourceKey> keys) const ABSL_LOCKS_EXCLUDED(mu_);

  int64_t size() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  struct Link {
    int64_t record_id;
    int64_t golden_id;
    uint32_t type;  // index into types_
  };
  using Links = absl::InlinedVector<Link, 1>;

  static std::string MapKey(const SourceKey& key);
  uint32_t TypeIndex(absl::string_view entity_type)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void AppendLinks(const SourceKey& key, std::vector<XrefRow>& out) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  // source, NUL, source_id -> the links of that key.
  absl::flat_hash_map<std::string, Links> links_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> types_ ABSL_GUARDED_BY(mu_);
  int64_t size_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace mdm::storage::sqlite_internal

#endif  // MDM_STORAGE_SQLITE_INTERNAL_XREF_DIRECTORY_H_
