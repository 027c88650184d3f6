// FindUnscoredPairs: candidate pairs the matcher should have scored but did
// not store, found by matching one entity type again from its stored
// features.
//
//   MDM_RETURN_IF_ERROR(FindUnscoredPairs(
//       txn, model, /*page_size=*/1000, /*pool=*/nullptr,
//       [&](const UnscoredPair& pair) {
//         std::cerr << pair.a.key.source_id << " " << pair.weight << "\n";
//       }));
//
// Every record is scored against the records it shares a blocking key with
// (blocks within their rule's cap), each pair once, as the engine scores a
// record when it arrives. A pair at or above the stored threshold must be a
// stored scored pair (an edge): the clustering only ever sees stored pairs,
// so one missing means the records were never compared. That happens when
// something wrote the database behind the engine's back, such as a second
// process serving the same file, whose own records the first never saw.
//
// A pair is not reported when the stored one has another weight: the
// standardizers may have changed since it was scored (the engine
// standardizes again at start but keeps stored weights until a re-match).
// Blocks are counted as they are now, as the engine keeps them: when a block
// crosses its cap, the engine drops or scores its members' pairs
// (UnitOfWork::ResyncCrossedBlocks), so stored pairs never depend on the
// order records came in.
//
// Cost: one pass over the type's records, then the scoring work of loading
// them all again, spread over `pool` (the calling thread alone when null),
// and one read of each record's stored pairs.
// Memory: the type's encoded features and blocking keys, as in the engine's
// candidate index, for the duration of the call.
//
// Thread safety: reads `txn` on the calling thread only; the caller must
// not use it meanwhile.
#ifndef MDM_SRC_ENGINE_INTERNAL_UNSCORED_PAIRS_H_
#define MDM_SRC_ENGINE_INTERNAL_UNSCORED_PAIRS_H_

#include <cstdint>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "matching/entity_model.h"
#include "src/base/worker_pool.h"
#include "storage/store.h"

namespace mdm::engine {

struct UnscoredPair {
  enum class Kind {
    kUnscored,       // candidates at or above the threshold, no stored pair
    kNotCandidates,  // a stored pair of records that are no candidates
  };
  storage::XrefRow a;  // a.record_id < b.record_id
  storage::XrefRow b;
  // kUnscored: under `model`, at least its stored threshold; kNotCandidates:
  // the stored weight.
  double weight = 0;
  Kind kind = Kind::kUnscored;
};

// Calls `report`, on the calling thread, for each pair of `model`'s type at
// or above its stored threshold with no stored scored pair, and for each
// stored pair whose records share no block within its cap (a block that
// grew past its cap after the pair was scored, and whose pairs were not
// dropped then), by increasing a.
absl::Status FindUnscoredPairs(
    storage::ReadTransaction& txn, const matching::EntityModel& model,
    int page_size, WorkerPool* pool,
    absl::FunctionRef<void(const UnscoredPair&)> report);

}  // namespace mdm::engine

#endif  // MDM_SRC_ENGINE_INTERNAL_UNSCORED_PAIRS_H_
