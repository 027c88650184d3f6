// Which field of a request an error is about, carried inside an absl::Status.
//
//   return WithErrorField(absl::InvalidArgumentError(
//                             "record crm:42: attribute 'email' is not UTF-8"),
//                         "attributes.email");
//   ...
//   std::string field = ErrorField(status);   // "attributes.email"
//
// The field travels as a Status payload, so it survives being returned
// through layers that only propagate the Status.
#ifndef MDM_SRC_BASE_ERROR_FIELD_H_
#define MDM_SRC_BASE_ERROR_FIELD_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace mdm {

absl::Status WithErrorField(absl::Status status, absl::string_view field);

// The field attached by WithErrorField, or "".
std::string ErrorField(const absl::Status& status);

}  // namespace mdm

#endif  // MDM_SRC_BASE_ERROR_FIELD_H_
