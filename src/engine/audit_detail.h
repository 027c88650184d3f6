// AuditDetail: what an audit entry keeps, beyond its columns, so that a
// steward's decision can be undone: for a decision, the judgement of the
// pair it replaced (or that there was none); for an undo, the entry it
// reverted. Stored in AuditRow::detail.
//
//   AuditDetail detail{.decision = true, .replaced = earlier_judgement};
//   audit.detail = EncodeAuditDetail(detail);
//   ...
//   MDM_ASSIGN_OR_RETURN(AuditDetail read, DecodeAuditDetail(row.detail));
//
// An empty string decodes as an entry that records nothing (entries written
// before details were kept, and automatic ones).
#ifndef MDM_SRC_ENGINE_AUDIT_DETAIL_H_
#define MDM_SRC_ENGINE_AUDIT_DETAIL_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "storage/rows.h"

namespace mdm::engine {

struct AuditDetail {
  // A decision (approve, reject, unsure) that recorded what it replaced.
  bool decision = false;
  // The pair's judgement before the decision; empty when it had none. Only
  // kind, actor, reason and time are kept (the entry names the pair).
  std::optional<storage::JudgementRow> replaced;
  // For an undo: the sequence of the entry it reverted.
  int64_t undoes = 0;
};

std::string EncodeAuditDetail(const AuditDetail& detail);

// DataLoss for text EncodeAuditDetail did not write.
absl::StatusOr<AuditDetail> DecodeAuditDetail(absl::string_view text);

}  // namespace mdm::engine

#endif  // MDM_SRC_ENGINE_AUDIT_DETAIL_H_
