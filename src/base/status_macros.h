// Status propagation macros for absl::Status and absl::StatusOr.
//
// Debian's Abseil (20220623) has no status macros; these are ours.
//
//   absl::Status Load(const std::string& path) {
//     MDM_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
//     MDM_RETURN_IF_ERROR(Parse(text));
//     return absl::OkStatus();
//   }
//
// Both evaluate their argument exactly once.
#ifndef MDM_SRC_BASE_STATUS_MACROS_H_
#define MDM_SRC_BASE_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

// Returns from the enclosing function with the status of `expr` if it is not
// OK.
#define MDM_RETURN_IF_ERROR(expr)              \
  do {                                         \
    ::absl::Status mdm_status_ = (expr);       \
    if (!mdm_status_.ok()) return mdm_status_; \
  } while (false)

#define MDM_STATUS_CONCAT_INNER_(a, b) a##b
#define MDM_STATUS_CONCAT_(a, b) MDM_STATUS_CONCAT_INNER_(a, b)

// Evaluates `rexpr` (an absl::StatusOr<T>); on error returns its status from
// the enclosing function, otherwise moves the value into `lhs`, which may
// declare a variable: MDM_ASSIGN_OR_RETURN(auto x, F());
#define MDM_ASSIGN_OR_RETURN(lhs, rexpr)                                       \
  MDM_ASSIGN_OR_RETURN_IMPL_(MDM_STATUS_CONCAT_(mdm_statusor_, __LINE__), lhs, \
                             rexpr)

#define MDM_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr)   \
  auto statusor = (rexpr);                                 \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = *std::move(statusor)

#endif  // MDM_SRC_BASE_STATUS_MACROS_H_
