#include "tools/load/load_driver.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace mdm::load {
namespace {

// How long the driver sleeps on the queue when nothing is due.
constexpr absl::Duration kIdleWait = absl::Milliseconds(50);

}  // namespace

void LoadReport::Merge(const LoadReport& other) {
  calls += other.calls;
  failed += other.failed;
  items += other.items;
  seconds = std::max(seconds, other.seconds);
  latencies_ms.insert(latencies_ms.end(), other.latencies_ms.begin(),
                      other.latencies_ms.end());
  if (first_error.empty()) first_error = other.first_error;
  if (slowest_ms_by_second.size() < other.slowest_ms_by_second.size()) {
    slowest_ms_by_second.resize(other.slowest_ms_by_second.size(), 0);
  }
  for (size_t s = 0; s < other.slowest_ms_by_second.size(); ++s) {
    slowest_ms_by_second[s] =
        std::max(slowest_ms_by_second[s], other.slowest_ms_by_second[s]);
  }
}

LoadReport RunLoad(const LoadOptions& options, const CallFactory& factory) {
  grpc::CompletionQueue cq;
  LoadReport report;
  const bool open_loop = options.rate > 0;
  const absl::Duration interval =
      open_loop ? absl::Seconds(1.0 / options.rate) : absl::ZeroDuration();
  const absl::Time start = absl::Now();
  const absl::Time count_from = start + options.warm_up;
  const absl::Time stop_sending = count_from + options.duration;
  absl::Time next_due = start;
  int64_t sequence = 0;
  int in_flight = 0;

  auto complete = [&](Call* finished, bool ok) {
    std::unique_ptr<Call> call(finished);
    --in_flight;
    if (call->due < count_from) return;
    ++report.calls;
    std::string error;
    if (!ok) {
      error = "completion queue reported failure";
    } else if (!call->status.ok()) {
      error = absl::StrCat(call->status.error_code(), ": ",
                           call->status.error_message());
    } else {
      error = call->Check();
    }
    if (!error.empty()) {
      ++report.failed;
      if (report.first_error.empty()) report.first_error = std::move(error);
      return;
    }
    report.items += call->items;
    const double latency_ms =
        absl::ToDoubleMilliseconds(absl::Now() - call->due);
    report.latencies_ms.push_back(latency_ms);
    const size_t second =
        static_cast<size_t>(absl::ToInt64Seconds(call->due - count_from));
    if (report.slowest_ms_by_second.size() <= second) {
      report.slowest_ms_by_second.resize(second + 1, 0);
    }
    double& slowest = report.slowest_ms_by_second[second];
    slowest = std::max(slowest, latency_ms);
  };

  while (true) {
    absl::Time now = absl::Now();
    bool sending = (open_loop ? next_due : now) < stop_sending;
    while (sending && in_flight < options.max_in_flight &&
           (!open_loop || next_due <= now)) {
      std::unique_ptr<Call> call = factory(sequence++);
      call->due = open_loop ? next_due : now;
      call->context.set_deadline(absl::ToChronoTime(now + options.deadline));
      call.release()->Start(&cq);
      ++in_flight;
      if (open_loop) next_due += interval;
      now = absl::Now();
      sending = (open_loop ? next_due : now) < stop_sending;
    }
    if (!sending && in_flight == 0) break;
    const absl::Time wake =
        sending && open_loop && in_flight < options.max_in_flight
            ? next_due
            : now + kIdleWait;
    void* tag = nullptr;
    bool ok = false;
    switch (cq.AsyncNext(&tag, &ok, absl::ToChronoTime(wake))) {
      case grpc::CompletionQueue::GOT_EVENT:
        complete(static_cast<Call*>(tag), ok);
        break;
      case grpc::CompletionQueue::TIMEOUT:
        break;
      case grpc::CompletionQueue::SHUTDOWN:
        return report;
    }
  }
  cq.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (cq.Next(&tag, &ok)) {
  }
  report.seconds = absl::ToDoubleSeconds(options.duration);
  return report;
}

double Percentile(std::vector<double>& values, double fraction) {
  if (values.empty()) return 0;
  const size_t rank = std::min(values.size() - 1,
                               static_cast<size_t>(fraction * values.size()));
  std::nth_element(values.begin(), values.begin() + rank, values.end());
  return values[rank];
}

std::string FormatReport(const std::string& name, const LoadOptions& options,
                         const LoadReport& report) {
  std::vector<double> latencies = report.latencies_ms;
  const double succeeded = static_cast<double>(report.calls - report.failed);
  const double seconds = report.seconds > 0 ? report.seconds : 1;
  std::string line = absl::StrFormat(
      "%s: %s, %d in flight at most: %.0f calls/s", name,
      options.rate > 0 ? absl::StrFormat("offered %.0f/s", options.rate)
                       : std::string("saturation"),
      options.max_in_flight, succeeded / seconds);
  if (report.items != static_cast<int64_t>(succeeded)) {
    absl::StrAppendFormat(&line, " (%.0f items/s)", report.items / seconds);
  }
  absl::StrAppendFormat(
      &line, ", p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms",
      Percentile(latencies, 0.5), Percentile(latencies, 0.99),
      Percentile(latencies, 0.999), Percentile(latencies, 1.0));
  absl::StrAppendFormat(&line, "; %d calls, %d failed", report.calls,
                        report.failed);
  if (!report.first_error.empty()) {
    absl::StrAppend(&line, " (first: ", report.first_error, ")");
  }
  return line;
}

}  // namespace mdm::load
