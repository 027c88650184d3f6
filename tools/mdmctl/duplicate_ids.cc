#include "tools/mdmctl/duplicate_ids.h"

#include <xxhash.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace mdm::cli {

bool DuplicateIds::Add(absl::string_view id, int64_t line) {
  const uint64_t hash = XXH3_64bits(id.data(), id.size());
  auto [it, inserted] = seen_.try_emplace(hash, Seen{.first_line = line});
  if (inserted) return false;
  Seen& seen = it->second;
  ++replaced_rows_;
  if (seen.first_line >= 0) {  // the id's first repeat
    ++ids_;
    if (static_cast<int>(examples_.size()) < kMaxExamples) {
      seen.example = static_cast<int>(examples_.size());
      examples_.push_back({std::string(id), {seen.first_line}});
    }
    seen.first_line = -1;
  }
  if (seen.example >= 0) examples_[seen.example].lines.push_back(line);
  return true;
}

std::vector<std::string> DuplicateIds::Examples() const {
  std::vector<std::string> lines;
  for (const Example& example : examples_) {
    lines.push_back(absl::StrCat(example.id, " (lines ",
                                 absl::StrJoin(example.lines, ", "), ")"));
  }
  return lines;
}

}  // namespace mdm::cli
