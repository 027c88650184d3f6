#include "src/server/admission.h"

#include "absl/strings/str_cat.h"

namespace mdm::server {
namespace {

constexpr absl::string_view kDraining =
    "mdmd is shutting down; retry against the restarted server";

}  // namespace

absl::StatusOr<Admission::Ticket> Admission::AdmitStream() {
  if (draining()) return absl::UnavailableError(kDraining);
  if (streams_.fetch_add(1) >= limits_.max_streams) {
    streams_.fetch_sub(1);
    return absl::ResourceExhaustedError(
        absl::StrCat("too many open streams (limit ", limits_.max_streams,
                     "); close one or retry later"));
  }
  return Ticket(&streams_);
}

absl::StatusOr<Admission::Ticket> Admission::AdmitWrite() {
  if (draining()) return absl::UnavailableError(kDraining);
  if (writes_.fetch_add(1) >= limits_.max_queued_writes) {
    writes_.fetch_sub(1);
    return absl::UnavailableError(
        absl::StrCat("writer overloaded: ", limits_.max_queued_writes,
                     " writes already waiting; retry with backoff"));
  }
  return Ticket(&writes_);
}

}  // namespace mdm::server
