#include "storage/sqlite/internal/xref_directory.h"

#include <algorithm>

namespace mdm::storage::sqlite_internal {

std::string XrefDirectory::MapKey(const SourceKey& key) {
  std::string map_key;
  map_key.reserve(key.source.size() + 1 + key.source_id.size());
  map_key.append(key.source);
  map_key.push_back('\0');
  map_key.append(key.source_id);
  return map_key;
}

uint32_t XrefDirectory::TypeIndex(absl::string_view entity_type) {
  auto it = std::find(types_.begin(), types_.end(), entity_type);
  if (it != types_.end()) return static_cast<uint32_t>(it - types_.begin());
  types_.emplace_back(entity_type);
  return static_cast<uint32_t>(types_.size() - 1);
}

void XrefDirectory::Apply(absl::Span<const XrefChange> changes) {
  absl::MutexLock lock(&mu_);
  for (const XrefChange& change : changes) {
    const XrefRow& row = change.row;
    const uint32_t type = TypeIndex(row.entity_type);
    const std::string map_key = MapKey(row.key);
    if (change.erase) {
      auto it = links_.find(map_key);
      if (it == links_.end()) continue;
      Links& links = it->second;
      const size_t before = links.size();
      links.erase(std::remove_if(links.begin(), links.end(),
                                 [&](const Link& l) { return l.type == type; }),
                  links.end());
      size_ -= static_cast<int64_t>(before - links.size());
      if (links.empty()) links_.erase(it);
      continue;
    }
    Links& links = links_[map_key];
    auto same_type =
        std::find_if(links.begin(), links.end(),
                     [&](const Link& l) { return l.type == type; });
    const Link link{row.record_id, row.golden_id, type};
    if (same_type != links.end()) {
      *same_type = link;
    } else {
      links.push_back(link);
      ++size_;
    }
  }
}

void XrefDirectory::AppendLinks(const SourceKey& key,
                                std::vector<XrefRow>& out) const {
  auto it = links_.find(MapKey(key));
  if (it == links_.end()) return;
  for (const Link& link : it->second) {
    out.push_back(XrefRow{.record_id = link.record_id,
                          .entity_type = types_[link.type],
                          .key = key,
                          .golden_id = link.golden_id});
  }
}

std::vector<XrefRow> XrefDirectory::Lookup(const SourceKey& key) const {
  std::vector<XrefRow> rows;
  absl::ReaderMutexLock lock(&mu_);
  AppendLinks(key, rows);
  return rows;
}

std::vector<std::vector<XrefRow>> XrefDirectory::LookupMany(
    absl::Span<const SourceKey> keys) const {
  std::vector<std::vector<XrefRow>> rows(keys.size());
  absl::ReaderMutexLock lock(&mu_);
  for (size_t i = 0; i < keys.size(); ++i) AppendLinks(keys[i], rows[i]);
  return rows;
}

int64_t XrefDirectory::size() const {
  absl::ReaderMutexLock lock(&mu_);
  return size_;
}

}  // namespace mdm::storage::sqlite_internal
