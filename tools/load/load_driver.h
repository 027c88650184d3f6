// An asynchronous gRPC load driver: issues calls on a completion queue at a
// fixed offered rate (open loop) or as fast as the server answers with a
// fixed number in flight (saturation), and reports throughput and latency
// percentiles.
//
//   LoadOptions options{.rate = 20000, .duration = absl::Seconds(10)};
//   using ResolveCall = UnaryCall<v1::ResolveRequest, v1::ResolveResponse>;
//   LoadReport report = RunLoad(options, [&](int64_t n) {
//     return std::make_unique<ResolveCall>(
//         [&](auto* context, const auto& request, auto* cq) {
//           return stub->PrepareAsyncResolve(context, request, cq);
//         },
//         RequestNumber(n));
//   });
//   std::cout << FormatReport("resolve", options, report) << "\n";
//
// At a fixed rate, call n is due at start + n / rate and its latency is
// measured from that moment, not from when it was sent: a server that falls
// behind shows its queueing in the percentiles instead of slowing the client
// down (no coordinated omission). Calls wait for a slot when `max_in_flight`
// are outstanding; such waits count in their latency too.
//
// One thread drives one completion queue; RunLoad is thread-compatible and
// may run on several threads at once with separate channels.
#ifndef MDM_TOOLS_LOAD_LOAD_DRIVER_H_
#define MDM_TOOLS_LOAD_LOAD_DRIVER_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace mdm::load {

// A call to make. The factory given to RunLoad creates it; the driver sets
// its deadline, then calls Start, which must start the RPC on `cq` and have
// its completion posted with the Call itself as tag (UnaryCall does).
class Call {
 public:
  virtual ~Call() = default;

  virtual void Start(grpc::CompletionQueue* cq) = 0;

  // Checked after a successful call: a message rejects the response (a
  // batch with per-key errors, say).
  virtual std::string Check() const { return ""; }

  grpc::ClientContext context;
  grpc::Status status;
  // Units of work the call carried (keys of a batch resolve); 1 by default.
  int64_t items = 1;
  // When the call was due; set by the driver.
  absl::Time due;
};

// A unary call. `prepare` is a stub's PrepareAsync method, e.g.
//   [stub](grpc::ClientContext* c, const Request& r, grpc::CompletionQueue* q)
//   { return stub->PrepareAsyncResolve(c, r, q); }
template <typename Request, typename Response>
class UnaryCall : public Call {
 public:
  using Reader = grpc::ClientAsyncResponseReader<Response>;
  using Prepare = std::function<std::unique_ptr<Reader>(
      grpc::ClientContext*, const Request&, grpc::CompletionQueue*)>;

  UnaryCall(Prepare prepare, Request request)
      : prepare_(std::move(prepare)), request_(std::move(request)) {}

  void Start(grpc::CompletionQueue* cq) override {
    reader_ = prepare_(&context, request_, cq);
    reader_->StartCall();
    reader_->Finish(&response, &status, this);
  }

  Response response;

 private:
  Prepare prepare_;
  Request request_;
  std::unique_ptr<Reader> reader_;
};

struct LoadOptions {
  // Calls per second offered; 0 means saturation (keep max_in_flight busy).
  double rate = 0;
  // Most calls outstanding at once.
  int max_in_flight = 64;
  absl::Duration duration = absl::Seconds(10);
  // Calls due in this first stretch run but are not counted.
  absl::Duration warm_up = absl::Seconds(1);
  // Each call gets this deadline, from when it is sent.
  absl::Duration deadline = absl::Seconds(10);
};

struct LoadReport {
  int64_t calls = 0;  // counted calls, failed ones included
  int64_t failed = 0;
  int64_t items = 0;                 // items of successful counted calls
  double seconds = 0;                // span of the counted calls' due times
  std::vector<double> latencies_ms;  // of counted calls
  // Slowest counted call by second of its due time since counting began:
  // shows whether a tail is steady or one stall.
  std::vector<double> slowest_ms_by_second;
  std::string first_error;

  // Adds `other`, measured over the same span on another thread.
  void Merge(const LoadReport& other);
};

// Creates call number `sequence` (0, 1, ...), not yet started.
using CallFactory = std::function<std::unique_ptr<Call>(int64_t sequence)>;

// Runs calls from `factory` per `options` until options.duration has passed
// (after the warm-up) and every call sent has completed.
LoadReport RunLoad(const LoadOptions& options, const CallFactory& factory);

// One line: "NAME: offered R/s, achieved X/s (items/s), p50 p99 p99.9 max,
// failed", for the terminal and for docs/benchmarks.md.
std::string FormatReport(const std::string& name, const LoadOptions& options,
                         const LoadReport& report);

// The value below which `fraction` of `values` lie (nearest rank); 0 when
// empty. Sorts `values`.
double Percentile(std::vector<double>& values, double fraction);

}  // namespace mdm::load

#endif  // MDM_TOOLS_LOAD_LOAD_DRIVER_H_
