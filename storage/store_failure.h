// Store-wide failures: errors of the database as a whole (disk full, I/O
// error, damaged file, out of memory, read-only), as opposed to errors about
// one record (a constraint, a bad value). A store-wide failure fails every
// write that follows until an operator acts, so a batch stops at the first
// one instead of reporting it once per record.
//
//   absl::Status s = MarkStoreFailure(
//       absl::ResourceExhaustedError("inserting record: database or disk is "
//                                    "full (sqlite code 13)"),
//       "database disk is full");
//   IsStoreFailure(s);      // true
//   StoreFailureCause(s);   // "database disk is full"
//
// The mark travels as a Status payload, so it survives layers that only
// propagate the Status. Store implementations mark the errors they return;
// callers only test for the mark.
#ifndef MDM_STORAGE_STORE_FAILURE_H_
#define MDM_STORAGE_STORE_FAILURE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/string_view.h"

namespace mdm::storage {

inline constexpr absl::string_view kStoreFailurePayload =
    "type.mdm.dev/store-failure";

// `status` marked as store-wide, with a short cause for people ("database
// disk is full"). An OK status stays OK.
inline absl::Status MarkStoreFailure(absl::Status status,
                                     absl::string_view cause) {
  if (!status.ok()) status.SetPayload(kStoreFailurePayload, absl::Cord(cause));
  return status;
}

inline bool IsStoreFailure(const absl::Status& status) {
  return status.GetPayload(kStoreFailurePayload).has_value();
}

// The cause given to MarkStoreFailure, or "" when `status` is not marked.
inline std::string StoreFailureCause(const absl::Status& status) {
  absl::optional<absl::Cord> cause = status.GetPayload(kStoreFailurePayload);
  return cause.has_value() ? std::string(*cause) : std::string();
}

}  // namespace mdm::storage

#endif  // MDM_STORAGE_STORE_FAILURE_H_
