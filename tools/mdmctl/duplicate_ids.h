// DuplicateIds: source ids that occur on more than one row of one import
// file. Each row is an upsert, so the last row of an id is what the record
// ends up as (merged in file order with --partial); this reports the
// earlier rows that were replaced.
//
//   DuplicateIds duplicates;
//   duplicates.Add("C-1", 2);
//   duplicates.Add("C-1", 5);    // true: seen on line 2
//   duplicates.ids();            // 1
//   duplicates.Examples();       // {"C-1 (lines 2, 5)"}
//
// Keeps a 64-bit hash and a line per distinct id (about 40 bytes each), so
// two different ids are taken for one with odds of about 1 in 10^7 at ten
// million ids. Not thread-safe.
#ifndef MDM_TOOLS_MDMCTL_DUPLICATE_IDS_H_
#define MDM_TOOLS_MDMCTL_DUPLICATE_IDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"

namespace mdm::cli {

class DuplicateIds {
 public:
  // Most examples kept.
  static constexpr int kMaxExamples = 5;

  // Notes `id` on `line`; true when an earlier row had it.
  bool Add(absl::string_view id, int64_t line);

  // Distinct ids on more than one row, and rows replaced by a later one.
  int64_t ids() const { return ids_; }
  int64_t replaced_rows() const { return replaced_rows_; }

  // The first ids found more than once with their lines:
  // "C-1 (lines 2, 5)", "C-9 (lines 7, 8, 12)".
  std::vector<std::string> Examples() const;

 private:
  struct Seen {
    int64_t first_line = 0;
    int example = -1;  // index into examples_, or -1
  };
  struct Example {
    std::string id;
    std::vector<int64_t> lines;
  };
  absl::flat_hash_map<uint64_t, Seen> seen_;
  std::vector<Example> examples_;
  int64_t ids_ = 0;
  int64_t replaced_rows_ = 0;
};

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_DUPLICATE_IDS_H_
