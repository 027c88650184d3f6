// mdm-load: a load tool for a running mdmd. Loads synthetic people through
// the streaming upsert, then measures resolve, batch resolve, upsert and
// search on an asynchronous client, at a fixed offered rate or at
// saturation, and search's accuracy one query at a time.
//
//   mdm-load --records=100000                 load, then 2000 timed searches
//   mdm-load --records=100000 --no-load --queries=0 --bench=resolve
//       --rate=0 --in-flight=64 --seconds=10     (one command line)
//   mdm-load --generated=800000 --bench=upsert --rate=500 --seconds=60
//
// --generated=N works on a store loaded from `mdm-gen --entities=N` with the
// same --seed (both of its files imported) instead of loading its own people.
// Each benchmark prints one line, latency measured at the client from when a
// call was due (gRPC over the given address included):
//
//   resolve: offered 20000/s, 256 in flight at most: 20000 calls/s, p50
//   0.417 ms, p99 4.357 ms, p99.9 12.440 ms, max 19.350 ms; 400000 calls,
//   0 failed
//
// Exit 0 on success, 1 on a failed RPC, 2 on bad flags.
#include <grpcpp/create_channel.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <random>
#include <thread>

#include "CLI/CLI.hpp"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "mdm/v1/matching.grpc.pb.h"
#include "mdm/v1/records.grpc.pb.h"
#include "tools/gen/person_generator.h"
#include "tools/load/load_driver.h"
#include "tools/load/synthetic_people.h"
#include "tools/mdmctl/connection.h"

namespace {

constexpr char kSource[] = "load";
constexpr char kType[] = "person";

std::string IdOf(int64_t index) { return absl::StrCat("P", index); }

using mdm::load::Percentile;

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

// What the store holds, as the benchmarks need it: keys to resolve and
// queries to search with, drawn up front so that making a request costs the
// client little. Either mdm-load's own people (loaded by this tool with the
// same --seed and --records) or mdm-gen's output (--generated: the same
// --seed and --entities, sources crm and erp).
class StoreContents {
 public:
  static constexpr int kPoolSize = 1 << 16;

  StoreContents(const mdm::load::SyntheticPeople& people, int64_t records,
                const mdm::gen::PersonGenerator* generated, int64_t entities,
                uint64_t seed) {
    std::mt19937_64 rng(seed + 2);
    for (int i = 0; i < kPoolSize; ++i) {
      mdm::v1::SourceKey& key = keys_.emplace_back();
      mdm::v1::SearchRequest& query = queries_.emplace_back();
      query.set_entity_type(kType);
      query.set_limit(10);
      auto& attributes = *query.mutable_attributes();
      if (generated == nullptr) {
        const int64_t index = static_cast<int64_t>(rng() % records);
        key.set_source(kSource);
        key.set_source_id(IdOf(index));
        for (const auto& [name, value] : people.Query(index, rng)) {
          attributes[name] = value;
        }
        continue;
      }
      const std::vector<mdm::gen::GeneratedRecord> entity =
          generated->Entity(static_cast<int64_t>(rng() % entities));
      const mdm::gen::GeneratedRecord& record = entity[rng() % entity.size()];
      key.set_source(record.source);
      key.set_source_id(record.id);
      // Name, one of birth date and e-mail, and city.
      const std::vector<std::string>& columns = mdm::gen::PersonColumns();
      const size_t either = rng() % 2 == 0 ? 3 : 4;
      for (size_t c : {size_t{0}, size_t{1}, size_t{2}, either, size_t{7}}) {
        if (!record.values[c].empty())
          attributes[columns[c]] = record.values[c];
      }
    }
  }

  const mdm::v1::SourceKey& PickKey(std::mt19937_64& rng) const {
    return keys_[rng() % keys_.size()];
  }
  const mdm::v1::SearchRequest& PickQuery(std::mt19937_64& rng) const {
    return queries_[rng() % queries_.size()];
  }

 private:
  std::vector<mdm::v1::SourceKey> keys_;
  std::vector<mdm::v1::SearchRequest> queries_;
};

// New people for the upsert benchmark: entities mdm-gen would number
// `first`, `first + step`, ... with their duplicates, under source "upsert",
// so that each upsert is matched against the store and some link to an
// earlier upsert. One per client thread.
class UpsertSupply {
 public:
  UpsertSupply(const mdm::gen::PersonGenerator* generator, int64_t first,
               int64_t step)
      : generator_(generator), next_entity_(first), step_(step) {}

  mdm::v1::UpsertRecordRequest Next() {
    while (pending_.empty()) {
      pending_ = generator_->Entity(next_entity_);
      std::reverse(pending_.begin(), pending_.end());
      next_entity_ += step_;
    }
    const mdm::gen::GeneratedRecord record = std::move(pending_.back());
    pending_.pop_back();
    mdm::v1::UpsertRecordRequest request;
    mdm::v1::SourceRecord* out = request.mutable_record();
    out->set_entity_type(kType);
    out->mutable_key()->set_source("upsert");
    out->mutable_key()->set_source_id(record.id);
    const std::vector<std::string>& columns = mdm::gen::PersonColumns();
    for (size_t c = 0; c < columns.size(); ++c) {
      if (!record.values[c].empty()) {
        (*out->mutable_attributes())[columns[c]] = record.values[c];
      }
    }
    return request;
  }

 private:
  const mdm::gen::PersonGenerator* generator_;
  int64_t next_entity_;
  int64_t step_;
  std::vector<mdm::gen::GeneratedRecord> pending_;
};

class BatchResolveCall
    : public mdm::load::UnaryCall<mdm::v1::BatchResolveRequest,
                                  mdm::v1::BatchResolveResponse> {
 public:
  using UnaryCall::UnaryCall;
  std::string Check() const override {
    for (const mdm::v1::BatchResolveResult& result : response.results()) {
      if (result.has_error()) {
        return absl::StrCat("key ", result.key().source(), "/",
                            result.key().source_id(), ": ",
                            result.error().message());
      }
    }
    return "";
  }
};

struct BenchOptions {
  std::string server;
  std::string token;  // sent as a bearer token when not empty
  int client_threads = 1;
  int batch_keys = 1000;
  int64_t upsert_first_entity = 0;
  uint64_t seed = 7;
};

// Runs benchmark `name` on `options.client_threads` threads, each with its
// own connection and a share of the rate and of the calls in flight.
mdm::load::LoadReport RunBench(const std::string& name,
                               const BenchOptions& options,
                               const mdm::load::LoadOptions& load,
                               const StoreContents& store,
                               const mdm::gen::PersonGenerator& upserts) {
  const int threads = std::max(1, options.client_threads);
  mdm::load::LoadOptions share = load;
  share.rate = load.rate / threads;
  share.max_in_flight = std::max(1, load.max_in_flight / threads);
  std::vector<mdm::load::LoadReport> reports(threads);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      grpc::ChannelArguments args;
      args.SetInt("mdm.load.connection", t);  // one connection per thread
      std::vector<std::unique_ptr<
          grpc::experimental::ClientInterceptorFactoryInterface>>
          interceptors;
      if (!options.token.empty()) {
        interceptors.push_back(mdm::cli::BearerTokenInterceptor(options.token));
      }
      auto channel = grpc::experimental::CreateCustomChannelWithInterceptors(
          options.server, grpc::InsecureChannelCredentials(), args,
          std::move(interceptors));
      auto records = mdm::v1::RecordService::NewStub(channel);
      auto matching = mdm::v1::MatchService::NewStub(channel);
      std::mt19937_64 rng(options.seed * 1000 + t);
      UpsertSupply supply(&upserts, options.upsert_first_entity + t, threads);
      using mdm::load::UnaryCall;
      namespace v1 = mdm::v1;
      mdm::load::CallFactory factory;
      if (name == "resolve") {
        factory = [&](int64_t) {
          v1::ResolveRequest request;
          *request.mutable_key() = store.PickKey(rng);
          return std::make_unique<
              UnaryCall<v1::ResolveRequest, v1::ResolveResponse>>(
              [&](grpc::ClientContext* c, const v1::ResolveRequest& r,
                  grpc::CompletionQueue* cq) {
                return records->PrepareAsyncResolve(c, r, cq);
              },
              std::move(request));
        };
      } else if (name == "batch_resolve") {
        factory = [&](int64_t) {
          v1::BatchResolveRequest request;
          for (int k = 0; k < options.batch_keys; ++k) {
            *request.add_keys() = store.PickKey(rng);
          }
          auto call = std::make_unique<BatchResolveCall>(
              [&](grpc::ClientContext* c, const v1::BatchResolveRequest& r,
                  grpc::CompletionQueue* cq) {
                return records->PrepareAsyncBatchResolve(c, r, cq);
              },
              std::move(request));
          call->items = options.batch_keys;
          return call;
        };
      } else if (name == "upsert") {
        factory = [&](int64_t) {
          return std::make_unique<
              UnaryCall<v1::UpsertRecordRequest, v1::UpsertRecordResponse>>(
              [&](grpc::ClientContext* c, const v1::UpsertRecordRequest& r,
                  grpc::CompletionQueue* cq) {
                return records->PrepareAsyncUpsertRecord(c, r, cq);
              },
              supply.Next());
        };
      } else {
        factory = [&](int64_t) {
          return std::make_unique<
              UnaryCall<v1::SearchRequest, v1::SearchResponse>>(
              [&](grpc::ClientContext* c, const v1::SearchRequest& r,
                  grpc::CompletionQueue* cq) {
                return matching->PrepareAsyncSearch(c, r, cq);
              },
              store.PickQuery(rng));
        };
      }
      reports[t] = mdm::load::RunLoad(share, factory);
    });
  }
  for (std::thread& worker : workers) worker.join();
  mdm::load::LoadReport total;
  for (const mdm::load::LoadReport& report : reports) total.Merge(report);
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  // As in mdmd: no global lock-order graph on every lock.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  CLI::App app{
      "mdm-load: load synthetic people into a running mdmd; measure resolve, "
      "batch resolve, upsert and search"};
  std::string server = "127.0.0.1:50051";
  int64_t records = 100000;
  int64_t queries = 2000;
  uint64_t seed = 7;
  bool no_load = false;
  int64_t generated_entities = 0;
  std::string benches;
  mdm::load::LoadOptions load;
  double seconds = 10;
  BenchOptions bench;
  app.add_option("--server", server, "mdmd address")->capture_default_str();
  std::string token_file;
  app.add_option("--token-file", token_file,
                 "file holding a bearer token to send (default: $MDM_TOKEN)");
  app.add_option("--records", records, "synthetic people to load")
      ->capture_default_str();
  app.add_option("--queries", queries,
                 "search queries to time one at a time, with the share that "
                 "finds the right record first (0: none)")
      ->capture_default_str();
  app.add_option("--seed", seed, "seed of the synthetic data")
      ->capture_default_str();
  app.add_flag("--no-load", no_load,
               "the records are loaded already (same --seed and --records)");
  app.add_option("--generated", generated_entities,
                 "the store holds `mdm-gen --entities=N --seed=SEED` "
                 "(sources crm, erp); resolve and search use it; no load");
  app.add_option("--bench", benches,
                 "comma-separated: resolve, batch_resolve, upsert, search; "
                 "each runs on an asynchronous client for --seconds");
  app.add_option("--rate", load.rate,
                 "calls per second offered (0: saturation)")
      ->capture_default_str();
  app.add_option("--seconds", seconds, "length of each benchmark")
      ->capture_default_str();
  app.add_option("--in-flight", load.max_in_flight,
                 "most calls outstanding at once")
      ->capture_default_str();
  app.add_option("--client-threads", bench.client_threads,
                 "client threads, one connection each")
      ->capture_default_str();
  app.add_option("--batch-keys", bench.batch_keys,
                 "keys per batch resolve call")
      ->capture_default_str();
  app.add_option("--upsert-first-entity", bench.upsert_first_entity,
                 "upserts create mdm-gen entities from this number on "
                 "(default: after --generated or 100,000,000)");
  bool timeline = false;
  app.add_flag("--timeline", timeline,
               "also print each second's slowest call, to tell a steady tail "
               "from a stall");
  CLI11_PARSE(app, argc, argv);
  load.duration = absl::Seconds(seconds);
  bench.server = server;
  bench.seed = seed;
  absl::StatusOr<std::string> token = mdm::cli::ReadToken(token_file);
  if (!token.ok()) {
    std::cerr << "mdm-load: " << token.status().message() << "\n";
    return 2;
  }
  bench.token = *token;
  if (bench.upsert_first_entity == 0) {
    bench.upsert_first_entity =
        generated_entities > 0 ? generated_entities : 100000000;
  }

  std::vector<
      std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>>
      interceptors;
  if (!bench.token.empty()) {
    interceptors.push_back(mdm::cli::BearerTokenInterceptor(bench.token));
  }
  auto channel = grpc::experimental::CreateCustomChannelWithInterceptors(
      server, grpc::InsecureChannelCredentials(), grpc::ChannelArguments(),
      std::move(interceptors));
  auto record_service = mdm::v1::RecordService::NewStub(channel);
  auto match_service = mdm::v1::MatchService::NewStub(channel);
  const mdm::load::SyntheticPeople people(seed);
  const mdm::gen::PersonGenerator generator({.seed = seed});
  if (generated_entities == 0 && !no_load &&
      !Load(*record_service, people, records)) {
    return 1;
  }
  if (!CountGoldens(*record_service)) return 1;

  const StoreContents store(people, records,
                            generated_entities > 0 ? &generator : nullptr,
                            generated_entities, seed);
  bool all_ok = true;
  for (absl::string_view name :
       absl::StrSplit(benches, ',', absl::SkipEmpty())) {
    if (name != "resolve" && name != "batch_resolve" && name != "upsert" &&
        name != "search") {
      std::cerr << "mdm-load: unknown benchmark " << name << "\n";
      return 2;
    }
    const mdm::load::LoadReport report =
        RunBench(std::string(name), bench, load, store, generator);
    std::cout << mdm::load::FormatReport(std::string(name), load, report)
              << std::endl;
    if (timeline) {
      std::cout << "  slowest call by second (ms):";
      for (double ms : report.slowest_ms_by_second) {
        std::cout << absl::StrFormat(" %.1f", ms);
      }
      std::cout << std::endl;
    }
    if (report.failed > 0) all_ok = false;
  }
  if (generated_entities > 0 || queries == 0) return all_ok ? 0 : 1;

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
  const double share_first =
      latencies_ms.empty() ? 0.0 : 100.0 * first / latencies_ms.size();
  std::cout << absl::StrFormat(
      "search: %d queries one at a time, p50 %.2f ms, p90 %.2f ms, p99 %.2f "
      "ms, max %.2f ms; right record first for %.1f%%\n",
      latencies_ms.size(), Percentile(latencies_ms, 0.5),
      Percentile(latencies_ms, 0.9), Percentile(latencies_ms, 0.99),
      Percentile(latencies_ms, 1.0), share_first);
  return all_ok ? 0 : 1;
}
