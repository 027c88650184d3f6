// mdm-load: a load tool for a running mdmd. Loads synthetic people through
// the streaming upsert, then measures search latency against them.
//
//   mdm-load --server=127.0.0.1:50051 --records=100000 --queries=5000
//   mdm-load --server=... --records=100000 --no-load --queries=5000
//   mdm-load --server=... --records=100000 --no-load --resolve-seconds=10
//
// Prints what it did and the latency percentiles, measured at the client
// (gRPC over the given address included), one query at a time:
//
//   load: 100000 records in 41.2 s (2427 records/s), 0 rejected
//   store: 99987 golden records of type person
//   search: 5000 queries, p50 0.61 ms, p90 0.95 ms, p99 1.80 ms, max 7.2 ms;
//           right record first for 99.1%
//
// With --no-load the records are assumed loaded by an earlier run with the
// same --seed and --records. Exit 0 on success, 1 on a failed RPC.
#include <grpcpp/create_channel.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <random>
#include <thread>

#include "CLI/CLI.hpp"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "mdm/v1/matching.grpc.pb.h"
#include "mdm/v1/records.grpc.pb.h"
#include "tools/load/synthetic_people.h"

namespace {

constexpr char kSource[] = "load";
constexpr char kType[] = "person";

std::string IdOf(int64_t index) { return absl::StrCat("P", index); }

double Percentile(std::vector<double> values, double fraction) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1,
                         static_cast<size_t>(fraction * values.size()))];
}

bool Load(mdm::v1::RecordService::Stub& records,
          const mdm::load::SyntheticPeople& people, int64_t count) {
  const absl::Time start = absl::Now();
  grpc::ClientContext context;
  auto stream = records.UpsertRecords(&context);
  std::thread writer([&] {
    mdm::v1::UpsertRecordsRequest request;
    for (int64_t i = 0; i < count; ++i) {
      mdm::v1::SourceRecord* record = request.mutable_record();
      record->Clear();
      record->set_entity_type(kType);
      record->mutable_key()->set_source(kSource);
      record->mutable_key()->set_source_id(IdOf(i));
      for (const auto& [name, value] : people.Person(i)) {
        (*record->mutable_attributes())[name] = value;
      }
      if (!stream->Write(request)) break;
    }
    stream->WritesDone();
  });
  mdm::v1::UpsertRecordsResponse response;
  int64_t answered = 0, rejected = 0;
  while (stream->Read(&response)) {
    ++answered;
    if (response.has_rejected()) {
      if (++rejected <= 3) {
        std::cerr << "mdm-load: rejected: " << response.rejected().message()
                  << "\n";
      }
    }
    if (answered % 10000 == 0) {
      std::cerr << "mdm-load: " << answered << " records loaded\n";
    }
  }
  writer.join();
  const grpc::Status status = stream->Finish();
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  if (!status.ok()) {
    std::cerr << "mdm-load: upsert stream failed: " << status.error_message()
              << "\n";
    return false;
  }
  std::cout << absl::StrFormat(
      "load: %d records in %.1f s (%.0f records/s), %d rejected\n", answered,
      seconds, answered / seconds, rejected);
  return answered == count;
}

bool CountGoldens(mdm::v1::RecordService::Stub& records) {
  grpc::ClientContext context;
  mdm::v1::ExportXrefsRequest request;
  request.set_entity_type(kType);
  auto reader = records.ExportXrefs(&context, request);
  mdm::v1::ExportXrefsResponse page;
  absl::flat_hash_set<std::string> goldens;
  int64_t xrefs = 0;
  while (reader->Read(&page)) {
    for (const mdm::v1::XrefRow& row : page.rows()) {
      ++xrefs;
      goldens.insert(row.golden_id());
    }
  }
  if (!reader->Finish().ok()) return false;
  std::cout << "store: " << xrefs << " records in " << goldens.size()
            << " golden records of type " << kType << "\n";
  return true;
}

// Resolve (unary) from `threads` client threads for `seconds`, then batch
// resolve (1,000 keys a call) from one thread: saturation throughput and
// latency percentiles.
void MeasureResolve(const std::shared_ptr<grpc::Channel>& channel,
                    int64_t records, int threads, double seconds,
                    uint64_t seed) {
  std::vector<std::vector<double>> latencies(threads);
  std::atomic<int64_t> failures{0};
  const absl::Time end = absl::Now() + absl::Seconds(seconds);
  std::vector<std::thread> clients;
  for (int t = 0; t < threads; ++t) {
    clients.emplace_back([&, t] {
      auto stub = mdm::v1::RecordService::NewStub(channel);
      std::mt19937_64 rng(seed + 100 + t);
      mdm::v1::ResolveRequest request;
      mdm::v1::ResolveResponse response;
      while (absl::Now() < end) {
        request.mutable_key()->set_source(kSource);
        request.mutable_key()->set_source_id(IdOf(rng() % records));
        grpc::ClientContext context;
        const absl::Time start = absl::Now();
        if (!stub->Resolve(&context, request, &response).ok()) ++failures;
        latencies[t].push_back(absl::ToDoubleMilliseconds(absl::Now() - start));
      }
    });
  }
  for (std::thread& client : clients) client.join();
  std::vector<double> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::cout << absl::StrFormat(
      "resolve: %d threads, %d requests in %.1f s = %.0f/s, p50 %.3f ms, "
      "p99 %.3f ms, p99.9 %.3f ms, %d failed\n",
      threads, all.size(), seconds, all.size() / seconds, Percentile(all, 0.5),
      Percentile(all, 0.99), Percentile(all, 0.999), failures.load());

  auto stub = mdm::v1::RecordService::NewStub(channel);
  std::mt19937_64 rng(seed + 99);
  constexpr int kKeysPerBatch = 1000;
  int64_t ids = 0;
  std::vector<double> batch_ms;
  const absl::Time batch_end = absl::Now() + absl::Seconds(seconds);
  const absl::Time batch_start = absl::Now();
  while (absl::Now() < batch_end) {
    mdm::v1::BatchResolveRequest request;
    for (int k = 0; k < kKeysPerBatch; ++k) {
      mdm::v1::SourceKey* key = request.add_keys();
      key->set_source(kSource);
      key->set_source_id(IdOf(rng() % records));
    }
    mdm::v1::BatchResolveResponse response;
    grpc::ClientContext context;
    const absl::Time start = absl::Now();
    if (stub->BatchResolve(&context, request, &response).ok()) {
      ids += response.results_size();
    }
    batch_ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - start));
  }
  const double elapsed = absl::ToDoubleSeconds(absl::Now() - batch_start);
  std::cout << absl::StrFormat(
      "batch resolve: %d ids in %.1f s = %.0f ids/s, p99 %.2f ms per call of "
      "%d\n",
      ids, elapsed, ids / elapsed, Percentile(batch_ms, 0.99), kKeysPerBatch);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "mdm-load: load synthetic people into a running mdmd and "
      "measure search latency"};
  std::string server = "127.0.0.1:50051";
  int64_t records = 100000;
  int64_t queries = 2000;
  uint64_t seed = 7;
  bool no_load = false;
  app.add_option("--server", server, "mdmd address")->capture_default_str();
  app.add_option("--records", records, "synthetic people to load")
      ->capture_default_str();
  app.add_option("--queries", queries, "search queries to time")
      ->capture_default_str();
  app.add_option("--seed", seed, "seed of the synthetic data")
      ->capture_default_str();
  app.add_flag("--no-load", no_load,
               "the records are loaded already (same --seed and --records)");
  double resolve_seconds = 0;
  int resolve_threads = 4;
  app.add_option("--resolve-seconds", resolve_seconds,
                 "also measure resolve and batch resolve for this long each");
  app.add_option("--resolve-threads", resolve_threads,
                 "client threads for unary resolve")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  auto channel =
      grpc::CreateChannel(server, grpc::InsecureChannelCredentials());
  auto record_service = mdm::v1::RecordService::NewStub(channel);
  auto match_service = mdm::v1::MatchService::NewStub(channel);
  const mdm::load::SyntheticPeople people(seed);
  if (!no_load && !Load(*record_service, people, records)) return 1;
  if (!CountGoldens(*record_service)) return 1;

  if (resolve_seconds > 0) {
    MeasureResolve(channel, records, resolve_threads, resolve_seconds, seed);
  }
  std::mt19937_64 rng(seed + 1);
  std::vector<double> latencies_ms;
  int64_t first = 0;
  constexpr int kWarmUp = 100;
  for (int64_t q = 0; q < queries + kWarmUp; ++q) {
    const int64_t index = static_cast<int64_t>(rng() % records);
    mdm::v1::SearchRequest request;
    request.set_entity_type(kType);
    request.set_limit(10);
    for (const auto& [name, value] : people.Query(index, rng)) {
      (*request.mutable_attributes())[name] = value;
    }
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(10));
    mdm::v1::SearchResponse response;
    const absl::Time start = absl::Now();
    const grpc::Status status =
        match_service->Search(&context, request, &response);
    const double ms = absl::ToDoubleMilliseconds(absl::Now() - start);
    if (!status.ok()) {
      std::cerr << "mdm-load: search failed: " << status.error_message()
                << "\n";
      return 1;
    }
    if (q < kWarmUp) continue;
    latencies_ms.push_back(ms);
    if (!response.matches().empty() &&
        response.matches(0).best_record().source_id() == IdOf(index)) {
      ++first;
    }
  }
  std::cout << absl::StrFormat(
      "search: %d queries, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f "
      "ms; right record first for %.1f%%\n",
      latencies_ms.size(), Percentile(latencies_ms, 0.5),
      Percentile(latencies_ms, 0.9), Percentile(latencies_ms, 0.99),
      Percentile(latencies_ms, 1.0),
      latencies_ms.empty() ? 0.0 : 100.0 * first / latencies_ms.size());
  return 0;
}
