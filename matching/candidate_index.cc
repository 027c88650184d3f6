#include "matching/candidate_index.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace mdm::matching {
namespace {

void SortUnique(std::vector<uint64_t>& keys) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
}

}  // namespace

void CandidateIndex::Replace(int64_t record_id, std::vector<uint64_t> keys,
                             std::string features, Identity identity) {
  SortUnique(keys);
  absl::MutexLock lock(&mu_);
  RememberLocked(record_id);
  SetLocked(
      record_id, true,
      {.keys = std::move(keys),
       .features = std::make_shared<const std::string>(std::move(features)),
       .identity = identity});
}

std::optional<CandidateIndex::Identity> CandidateIndex::IdentityOf(
    int64_t record_id) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = records_.find(record_id);
  if (it == records_.end()) return std::nullopt;
  return it->second.identity;
}

void CandidateIndex::Remove(int64_t record_id) {
  absl::MutexLock lock(&mu_);
  RememberLocked(record_id);
  SetLocked(record_id, false, {});
}

void CandidateIndex::Load(absl::Span<const int64_t> record_ids,
                          absl::Span<std::vector<uint64_t>> keys,
                          absl::Span<std::string> features,
                          absl::Span<const Identity> identities) {
  absl::MutexLock lock(&mu_);
  records_.reserve(records_.size() + record_ids.size());
  for (size_t i = 0; i < record_ids.size(); ++i) {
    SortUnique(keys[i]);
    SetLocked(record_ids[i], true,
              {.keys = std::move(keys[i]),
               .features =
                   std::make_shared<const std::string>(std::move(features[i])),
               .identity = identities.empty() ? Identity() : identities[i]});
  }
}

void CandidateIndex::RememberLocked(int64_t record_id) {
  auto it = records_.find(record_id);
  if (it == records_.end()) {
    undo_.push_back({.record_id = record_id, .existed = false, .previous = {}});
  } else {
    undo_.push_back(
        {.record_id = record_id, .existed = true, .previous = it->second});
  }
}

void CandidateIndex::SetLocked(int64_t record_id, bool present, Entry entry) {
  auto it = records_.find(record_id);
  static const std::vector<uint64_t> kNoKeys;
  const std::vector<uint64_t>& old_keys =
      it == records_.end() ? kNoKeys : it->second.keys;
  const std::vector<uint64_t>& new_keys = present ? entry.keys : kNoKeys;
  // Both lists are sorted: walk them together.
  size_t i = 0, j = 0;
  while (i < old_keys.size() || j < new_keys.size()) {
    if (j == new_keys.size() ||
        (i < old_keys.size() && old_keys[i] < new_keys[j])) {
      RemoveMember(old_keys[i++], record_id);
    } else if (i == old_keys.size() || new_keys[j] < old_keys[i]) {
      blocks_[new_keys[j++]].push_back(record_id);
    } else {
      ++i;
      ++j;
    }
  }
  if (!present) {
    if (it != records_.end()) records_.erase(it);
  } else if (it != records_.end()) {
    it->second = std::move(entry);
  } else {
    records_.emplace(record_id, std::move(entry));
  }
}

void CandidateIndex::RemoveMember(uint64_t key, int64_t record_id) {
  auto block = blocks_.find(key);
  if (block == blocks_.end()) return;
  std::vector<int64_t>& members = block->second;
  auto it = std::find(members.begin(), members.end(), record_id);
  if (it != members.end()) {
    *it = members.back();
    members.pop_back();
  }
  if (members.empty()) blocks_.erase(block);
}

bool CandidateIndex::Members(uint64_t key, size_t limit,
                             std::vector<int64_t>& members) const {
  absl::ReaderMutexLock lock(&mu_);
  auto block = blocks_.find(key);
  if (block == blocks_.end()) return true;
  if (block->second.size() > limit) return false;
  members.insert(members.end(), block->second.begin(), block->second.end());
  return true;
}

std::vector<int64_t> CandidateIndex::BlockMembers(
    const EntityModel& model, absl::Span<const BlockingKey> keys,
    int* oversized) const {
  std::vector<int64_t> candidates;
  for (const BlockingKey& key : keys) {
    const size_t cap = model.blocking_rules()[key.rule].max_block_size;
    if (!Members(key.hash, cap, candidates) && oversized != nullptr) {
      ++*oversized;
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()),
                   candidates.end());
  return candidates;
}

std::vector<int64_t> CandidateIndex::Candidates(
    const EntityModel& model, absl::Span<const BlockingKey> keys,
    int* oversized) const {
  // Each distinct key once (a key given twice is one shared block).
  std::vector<std::pair<uint64_t, int>> distinct;  // hash, rule
  distinct.reserve(keys.size());
  for (const BlockingKey& key : keys) distinct.emplace_back(key.hash, key.rule);
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end(),
                             [](const auto& a, const auto& b) {
                               return a.first == b.first;
                             }),
                 distinct.end());
  // Members of blocks within their single-key size, and members of larger
  // blocks within their cap.
  std::vector<int64_t> small, large;
  {
    absl::ReaderMutexLock lock(&mu_);
    for (const auto& [hash, rule_index] : distinct) {
      auto block = blocks_.find(hash);
      if (block == blocks_.end()) continue;
      const BlockingRule& rule = model.blocking_rules()[rule_index];
      const size_t size = block->second.size();
      if (size > static_cast<size_t>(rule.max_block_size)) {
        if (oversized != nullptr) ++*oversized;
        continue;
      }
      std::vector<int64_t>& to =
          size <= static_cast<size_t>(rule.single_key_block_size) ? small
                                                                  : large;
      to.insert(to.end(), block->second.begin(), block->second.end());
    }
  }
  std::sort(small.begin(), small.end());
  small.erase(std::unique(small.begin(), small.end()), small.end());
  if (large.empty()) return small;
  std::sort(large.begin(), large.end());
  // Members of large blocks only: kept when two keys hold them.
  std::vector<int64_t> shared;
  for (size_t i = 0; i < large.size();) {
    size_t j = i + 1;
    while (j < large.size() && large[j] == large[i]) ++j;
    if (j - i >= 2 ||
        std::binary_search(small.begin(), small.end(), large[i])) {
      shared.push_back(large[i]);
    }
    i = j;
  }
  std::vector<int64_t> candidates;
  candidates.reserve(small.size() + shared.size());
  std::set_union(small.begin(), small.end(), shared.begin(), shared.end(),
                 std::back_inserter(candidates));
  return candidates;
}

std::vector<CandidateIndex::CandidateFeatures>
CandidateIndex::CandidatesWithFeatures(
    const EntityModel& model, absl::Span<const BlockingKey> keys) const {
  const std::vector<int64_t> ids = Candidates(model, keys);
  std::vector<CandidateFeatures> candidates;
  candidates.reserve(ids.size());
  absl::ReaderMutexLock lock(&mu_);
  for (int64_t id : ids) {
    auto it = records_.find(id);
    if (it != records_.end()) candidates.push_back({id, it->second.features});
  }
  return candidates;
}

size_t CandidateIndex::BlockSize(uint64_t key) const {
  absl::ReaderMutexLock lock(&mu_);
  auto block = blocks_.find(key);
  return block == blocks_.end() ? 0 : block->second.size();
}

void CandidateIndex::VisitFeatures(
    absl::Span<const int64_t> record_ids,
    absl::FunctionRef<void(int64_t, absl::string_view)> visit) const {
  absl::ReaderMutexLock lock(&mu_);
  for (int64_t id : record_ids) {
    auto it = records_.find(id);
    if (it != records_.end()) visit(id, *it->second.features);
  }
}

std::vector<uint64_t> CandidateIndex::KeysOf(int64_t record_id) const {
  absl::ReaderMutexLock lock(&mu_);
  auto it = records_.find(record_id);
  return it == records_.end() ? std::vector<uint64_t>() : it->second.keys;
}

size_t CandidateIndex::records() const {
  absl::ReaderMutexLock lock(&mu_);
  return records_.size();
}

CandidateIndex::Mark CandidateIndex::mark() const {
  absl::ReaderMutexLock lock(&mu_);
  return undo_.size();
}

void CandidateIndex::RollbackTo(Mark mark) {
  absl::MutexLock lock(&mu_);
  while (undo_.size() > mark) {
    Undo undo = std::move(undo_.back());
    undo_.pop_back();
    SetLocked(undo.record_id, undo.existed, std::move(undo.previous));
  }
}

void CandidateIndex::ForgetUndo() {
  absl::MutexLock lock(&mu_);
  undo_.clear();
}

}  // namespace mdm::matching
