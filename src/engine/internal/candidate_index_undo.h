// CandidateIndexUndo: ties the block index's changes to one write transaction.
//
//   MDM_ASSIGN_OR_RETURN(auto txn, store->BeginWrite());
//   CandidateIndexUndo undo(index);          // after BeginWrite: destroyed
//   first index.Replace(record_id, keys); MDM_RETURN_IF_ERROR(txn->Commit());
//   // an early return undoes the change undo.Committed();
//
// Declare it after the transaction so that it rolls the index back while the
// transaction still holds the store's write lock. Not thread-safe; lives on
// the writer's thread.
#ifndef MDM_SRC_ENGINE_INTERNAL_CANDIDATE_INDEX_UNDO_H_
#define MDM_SRC_ENGINE_INTERNAL_CANDIDATE_INDEX_UNDO_H_

#include "matching/candidate_index.h"

namespace mdm::engine {

class CandidateIndexUndo {
 public:
  explicit CandidateIndexUndo(matching::CandidateIndex& index)
      : index_(index), mark_(index.mark()) {}
  CandidateIndexUndo(const CandidateIndexUndo&) = delete;
  CandidateIndexUndo& operator=(const CandidateIndexUndo&) = delete;
  ~CandidateIndexUndo() {
    if (!committed_) index_.RollbackTo(mark_);
  }

  // The transaction committed: its index changes stay.
  void Committed() {
    committed_ = true;
    index_.ForgetUndo();
  }

 private:
  matching::CandidateIndex& index_;
  const matching::CandidateIndex::Mark mark_;
  bool committed_ = false;
};

}  // namespace mdm::engine

#endif  // MDM_SRC_ENGINE_INTERNAL_CANDIDATE_INDEX_UNDO_H_
