// CandidateIndex: what finding and scoring a record's candidates needs, in
// memory: blocking key -> the records holding it, and each record's encoded
// features (EncodeFeatures).
//
// Looking candidates up must not cost a B-tree descent per blocking key and a
// row read per candidate, and writing a record's ten-odd keys must not dirty
// ten random pages of a database. The index is derived data: its owner builds
// it from the stored records at start and changes it in step with its
// writes, undoing changes whose transaction did not commit.
//
//   CandidateIndex index;
//   const CandidateIndex::Mark mark = index.mark();
//   index.Replace(record_id, {key_a, key_b}, EncodeFeatures(model, f));
//   if (!committed) index.RollbackTo(mark); else index.ForgetUndo();
//   std::vector<int64_t> members;
//   if (index.Members(key_a, /*limit=*/1000, members)) { ... }  // not over
//   index.VisitFeatures(members, [&](int64_t id, absl::string_view bytes) {
//     DecodeFeatures(model, bytes, other);  ...
//   });
//   // Scoring off the writer's thread: features that outlive later changes.
//   for (const auto& [id, features] : index.CandidatesWithFeatures(model,
//   keys))
//     ...  // `bytes.data() == features->data()` in a later VisitFeatures
//          // means the record's features are still these.
//
// Thread safety: every method may be called concurrently. Writers (Replace,
// Remove, RollbackTo, ForgetUndo) are meant to come from one thread at a
// time, the one holding the store's write transaction, since marks and undo
// refer to its changes; readers see a write as soon as it is made (before its
// transaction commits), so a reader must check the records it gets against
// its own snapshot.
//
// Memory: per record its features and key list; per (key, record) pair an
// 8-byte posting; per distinct key a hash table slot and a small vector.
#ifndef MDM_MATCHING_CANDIDATE_INDEX_H_
#define MDM_MATCHING_CANDIDATE_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "matching/blocking.h"
#include "matching/entity_model.h"

namespace mdm::matching {

class CandidateIndex {
 public:
  // A point in the undo history to roll back to.
  using Mark = size_t;
  // A record's encoded features. The bytes never change; a Replace puts new
  // ones in place, so a holder may use them without the index's lock.
  using SharedFeatures = std::shared_ptr<const std::string>;
  struct CandidateFeatures {
    int64_t record_id = 0;
    SharedFeatures features;
  };
  // What clustering knows of a record besides its features: a number for
  // its source and its stable rank (see ClusterRecord in clustering.h).
  // (No member initializers, so that `{}` can be a default argument below;
  // `Identity{}` is zero.)
  struct Identity {
    uint64_t source;
    uint64_t rank;
  };

  CandidateIndex() = default;
  CandidateIndex(const CandidateIndex&) = delete;
  CandidateIndex& operator=(const CandidateIndex&) = delete;

  // Makes `keys` the blocks of `record_id` (duplicates ignored) and
  // `features` its features. Remembered for RollbackTo until ForgetUndo.
  void Replace(int64_t record_id, std::vector<uint64_t> keys,
               std::string features, Identity identity = {});
  // Forgets a record; remembered like Replace.
  void Remove(int64_t record_id);

  // Sets records at once, without undo history: for building the index at
  // start. The spans are indexed alike; `identities` may be empty.
  void Load(absl::Span<const int64_t> record_ids,
            absl::Span<std::vector<uint64_t>> keys,
            absl::Span<std::string> features,
            absl::Span<const Identity> identities = {});

  // The identity a record was indexed with; nullopt when it is not indexed.
  std::optional<Identity> IdentityOf(int64_t record_id) const;

  // Appends the members of block `key` to `members` (in no particular order)
  // and returns true, unless the block holds more than `limit` records: then
  // appends nothing and returns false.
  bool Members(uint64_t key, size_t limit, std::vector<int64_t>& members) const;

  // Number of records holding `key`.
  size_t BlockSize(uint64_t key) const;

  // The records a record with `keys` (of `model`'s type) is paired with,
  // increasing and distinct: those sharing a key whose block holds at most
  // its rule's single_key_block_size records, and those sharing two or more
  // distinct keys. A block over its rule's max_block_size counts for
  // nothing, and `oversized` (when not null) counts such blocks. The
  // relation is symmetric: it depends on the two records' keys and the
  // blocks' sizes only.
  std::vector<int64_t> Candidates(const EntityModel& model,
                                  absl::Span<const BlockingKey> keys,
                                  int* oversized = nullptr) const;

  // Every record sharing any of `keys`, each block counting up to its
  // rule's max_block_size (whatever single_key_block_size says): what a
  // search looks through. Increasing and distinct.
  std::vector<int64_t> BlockMembers(const EntityModel& model,
                                    absl::Span<const BlockingKey> keys,
                                    int* oversized = nullptr) const;

  // Candidates() with each one's features, in the same order.
  std::vector<CandidateFeatures> CandidatesWithFeatures(
      const EntityModel& model, absl::Span<const BlockingKey> keys) const;

  // Calls `visit` with the features of each of `record_ids` that is indexed,
  // in order, under a shared lock: `visit` must not call into the index.
  // The bytes are those CandidatesWithFeatures hands out while the record is
  // unchanged: comparing their address tells whether it changed since.
  void VisitFeatures(
      absl::Span<const int64_t> record_ids,
      absl::FunctionRef<void(int64_t, absl::string_view)> visit) const;

  // The keys of a record, sorted; empty when it is not indexed.
  std::vector<uint64_t> KeysOf(int64_t record_id) const;

  size_t records() const;

  Mark mark() const;
  // Undoes every Replace and Remove made after `mark`, newest first.
  void RollbackTo(Mark mark);
  // Drops the undo history: the changes so far are permanent.
  void ForgetUndo();

 private:
  struct Entry {
    std::vector<uint64_t> keys;  // sorted, unique
    SharedFeatures features;
    Identity identity;
  };
  struct Undo {
    int64_t record_id;
    bool existed;
    Entry previous;
  };
  // Sets a record's entry, or removes the record when `present` is false,
  // keeping blocks_ in step.
  void SetLocked(int64_t record_id, bool present, Entry entry)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void RememberLocked(int64_t record_id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void RemoveMember(uint64_t key, int64_t record_id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  absl::flat_hash_map<uint64_t, std::vector<int64_t>> blocks_
      ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<int64_t, Entry> records_ ABSL_GUARDED_BY(mu_);
  std::vector<Undo> undo_ ABSL_GUARDED_BY(mu_);
};

}  // namespace mdm::matching

#endif  // MDM_MATCHING_CANDIDATE_INDEX_H_
