#include "src/base/error_field.h"

#include "absl/strings/cord.h"

namespace mdm {
namespace {

constexpr absl::string_view kFieldPayload = "type.mdm.dev/error-field";

}  // namespace

absl::Status WithErrorField(absl::Status status, absl::string_view field) {
  if (!status.ok()) status.SetPayload(kFieldPayload, absl::Cord(field));
  return status;
}

std::string ErrorField(const absl::Status& status) {
  absl::optional<absl::Cord> payload = status.GetPayload(kFieldPayload);
  return payload.has_value() ? std::string(*payload) : std::string();
}

}  // namespace mdm
