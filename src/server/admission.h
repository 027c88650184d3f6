// Admission of calls that hold server resources for long: streams (upsert,
// watch, export) and writes waiting for the single writer. Past a limit a
// call is refused at once instead of queueing without bound, and once the
// server drains, new ones are refused so that it can stop.
//
//   Admission admission({.max_streams = 64, .max_queued_writes = 256});
//   absl::StatusOr<Admission::Ticket> ticket = admission.AdmitWrite();
//   if (!ticket.ok()) return ToGrpcStatus(ticket.status());
//   ... write; the ticket is given back when it goes out of scope.
//
// Thread-safe.
#ifndef MDM_SRC_SERVER_ADMISSION_H_
#define MDM_SRC_SERVER_ADMISSION_H_

#include <atomic>

#include "absl/status/statusor.h"

namespace mdm::server {

struct AdmissionLimits {
  // Streams open at once (UpsertRecords, WatchChanges, ExportXrefs, Backup).
  int max_streams = 64;
  // Unary writes (upsert, delete, steward actions, training) in progress or
  // waiting for the writer.
  int max_queued_writes = 256;
};

class Admission {
 public:
  // Gives its place back on destruction. Movable, not copyable.
  class Ticket {
   public:
    Ticket(Ticket&& other) noexcept : count_(other.count_) {
      other.count_ = nullptr;
    }
    Ticket& operator=(Ticket&&) = delete;
    ~Ticket() {
      if (count_ != nullptr) count_->fetch_sub(1);
    }

   private:
    friend class Admission;
    explicit Ticket(std::atomic<int>* count) : count_(count) {}
    std::atomic<int>* count_;
  };

  explicit Admission(AdmissionLimits limits) : limits_(limits) {}

  // RESOURCE_EXHAUSTED when max_streams are open; UNAVAILABLE while
  // draining.
  absl::StatusOr<Ticket> AdmitStream();
  // UNAVAILABLE when max_queued_writes are waiting, or while draining.
  absl::StatusOr<Ticket> AdmitWrite();

  // From now on new calls are refused with UNAVAILABLE, and open streams
  // end after the transaction they are in.
  void BeginDrain() { draining_.store(true); }
  bool draining() const { return draining_.load(); }

 private:
  const AdmissionLimits limits_;
  std::atomic<int> streams_{0};
  std::atomic<int> writes_{0};
  std::atomic<bool> draining_{false};
};

}  // namespace mdm::server

#endif  // MDM_SRC_SERVER_ADMISSION_H_
