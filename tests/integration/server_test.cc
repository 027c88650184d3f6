// Integration tests: the real server on a loopback port, driven through a
// real gRPC channel with the generated stubs.
#include "src/server/server.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>

#include <future>
#include <set>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mdm/v1/changes.grpc.pb.h"
#include "mdm/v1/matching.grpc.pb.h"
#include "mdm/v1/records.grpc.pb.h"
#include "mdm/v1/schema.grpc.pb.h"
#include "mdm/v1/stewardship.grpc.pb.h"
#include "src/base/testing/status_matchers.h"
#include "src/base/testing/temp_dir.h"
#include "src/config/config_loader.h"
#include "src/engine/engine.h"
#include "storage/sqlite/sqlite_store.h"

namespace mdm {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

v1::SourceRecord Person(const std::string& id,
                        std::map<std::string, std::string> attributes,
                        const std::string& source = "crm") {
  v1::SourceRecord record;
  record.set_entity_type("person");
  record.mutable_key()->set_source(source);
  record.mutable_key()->set_source_id(id);
  for (auto& [name, value] : attributes) {
    (*record.mutable_attributes())[name] = value;
  }
  return record;
}

std::string Bytes(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  EXPECT_TRUE(buffer.Dump(&slices).ok());
  std::string bytes;
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return bytes;
}

grpc::ByteBuffer Buffer(const std::string& bytes) {
  grpc::Slice slice(bytes.data(), bytes.size());
  return grpc::ByteBuffer(&slice, 1);
}

// A unary call by method name with raw protobuf bytes, for services whose
// .proto files are not installed (grpc.health.v1).
grpc::Status RawUnaryCall(const std::shared_ptr<grpc::Channel>& channel,
                          const std::string& method, const std::string& request,
                          std::string* response) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  grpc::ByteBuffer in = Buffer(request);
  grpc::ByteBuffer out;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, method, grpc::StubOptions(), &in, &out,
                 [&](grpc::Status status) { done.set_value(status); });
  grpc::Status status = done.get_future().get();
  if (status.ok()) *response = Bytes(out);
  return status;
}

// One request and its first response on a bidirectional stream by method
// name, with raw protobuf bytes (grpc.reflection.v1alpha).
grpc::Status RawStreamExchange(const std::shared_ptr<grpc::Channel>& channel,
                               const std::string& method,
                               const std::string& request,
                               std::string* response) {
  grpc::GenericStub stub(channel);
  grpc::CompletionQueue queue;
  grpc::ClientContext context;
  auto call = stub.PrepareCall(&context, method, &queue);
  void* tag = nullptr;
  bool ok = false;
  auto step = [&](int expected) {
    return queue.Next(&tag, &ok) && ok &&
           tag == reinterpret_cast<void*>(expected);
  };
  call->StartCall(reinterpret_cast<void*>(1));
  if (!step(1)) return grpc::Status(grpc::StatusCode::UNKNOWN, "start failed");
  grpc::ByteBuffer in = Buffer(request);
  call->Write(in, reinterpret_cast<void*>(2));
  if (!step(2)) return grpc::Status(grpc::StatusCode::UNKNOWN, "write failed");
  grpc::ByteBuffer out;
  call->Read(&out, reinterpret_cast<void*>(3));
  if (!step(3)) return grpc::Status(grpc::StatusCode::UNKNOWN, "read failed");
  *response = Bytes(out);
  call->WritesDone(reinterpret_cast<void*>(4));
  step(4);
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  while (queue.Next(&tag, &ok) && tag != reinterpret_cast<void*>(5)) {
  }
  queue.Shutdown();
  while (queue.Next(&tag, &ok)) {
  }
  return grpc::Status::OK;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = storage::OpenSqliteStore({.path = dir_.Path("mdm.db")});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    auto config = DefaultConfig();
    ASSERT_TRUE(config.ok());
    auto engine = engine::Engine::Create(store_.get(), *config, Clock::Real());
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = *std::move(engine);
    server::ServerOptions options{.address = "127.0.0.1:0"};
    options.records.stream_batch_size = 3;  // several batches per stream
    auto server = server::MdmServer::Start(engine_.get(), options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                   grpc::InsecureChannelCredentials());
    records_ = v1::RecordService::NewStub(channel_);
    feed_ = v1::ChangeFeedService::NewStub(channel_);
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown(absl::Seconds(1));
  }

  v1::UpsertRecordResponse Upsert(const v1::SourceRecord& record) {
    grpc::ClientContext context;
    v1::UpsertRecordRequest request;
    *request.mutable_record() = record;
    v1::UpsertRecordResponse response;
    grpc::Status status = records_->UpsertRecord(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<engine::Engine> engine_;
  std::unique_ptr<server::MdmServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::RecordService::Stub> records_;
  std::unique_ptr<v1::ChangeFeedService::Stub> feed_;
};

TEST_F(ServerTest, UpsertThenResolveByKeyAndGetTheGoldenRecord) {
  const auto created =
      Upsert(Person("1", {{"email", "ann@x.org"}, {"full_name", "Ann Lee"}}));
  EXPECT_EQ(created.outcome(), v1::CREATED);
  const auto linked = Upsert(Person("E-9", {{"email", "ANN@x.org"}}, "erp"));
  EXPECT_EQ(linked.outcome(), v1::LINKED);
  EXPECT_EQ(linked.golden_id(), created.golden_id());

  grpc::ClientContext context;
  v1::ResolveRequest request;
  request.mutable_key()->set_source("erp");
  request.mutable_key()->set_source_id("E-9");
  v1::ResolveResponse resolved;
  ASSERT_TRUE(records_->Resolve(&context, request, &resolved).ok());
  EXPECT_EQ(resolved.golden_id(), created.golden_id());
  EXPECT_EQ(resolved.entity_type(), "person");

  grpc::ClientContext get_context;
  v1::GetGoldenRecordRequest get;
  get.set_golden_id(created.golden_id());
  v1::GetGoldenRecordResponse golden;
  ASSERT_TRUE(records_->GetGoldenRecord(&get_context, get, &golden).ok());
  EXPECT_EQ(golden.record().state(), v1::LIVE);
  ASSERT_EQ(golden.record().xrefs_size(), 2);
  EXPECT_EQ(golden.record().xrefs(0).key().source(), "crm");
  EXPECT_EQ(golden.record().xrefs(1).key().source(), "erp");
  EXPECT_GT(golden.record().attributes_size(), 0);
}

TEST_F(ServerTest, ErrorsMapToGrpcCodesWithTheFieldNamed) {
  grpc::ClientContext context;
  v1::UpsertRecordRequest request;
  *request.mutable_record() = Person("1", {{"e_mail", "x"}});
  v1::UpsertRecordResponse response;
  grpc::Status status = records_->UpsertRecord(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("crm:1"));
  EXPECT_THAT(status.error_message(), HasSubstr("[field: attributes.e_mail]"));

  grpc::ClientContext get_context;
  v1::GetGoldenRecordRequest get;
  get.set_golden_id("PER-00009ZZ");
  v1::GetGoldenRecordResponse golden;
  status = records_->GetGoldenRecord(&get_context, get, &golden);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  grpc::ClientContext resolve_context;
  v1::ResolveRequest resolve;
  resolve.mutable_key()->set_source("crm");
  resolve.mutable_key()->set_source_id("missing");
  v1::ResolveResponse resolved;
  status = records_->Resolve(&resolve_context, resolve, &resolved);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(ServerTest, StreamingUpsertAnswersEveryRecordInOrder) {
  grpc::ClientContext context;
  auto stream = records_->UpsertRecords(&context);
  std::vector<v1::SourceRecord> batch = {
      Person("1", {{"email", "a@x.org"}}),
      Person("2", {{"email", "b@x.org"}}),
      Person("3", {{"shoe", "9"}}),
      Person("", {{"email", "c@x.org"}}),
      Person("5", {{"email", "a@x.org"}}),
      Person("6", {{"email", std::string(100000, 'x')}}),
      Person("7", {{"email", "b@x.org"}}),
  };
  for (const auto& record : batch) {
    v1::UpsertRecordsRequest request;
    *request.mutable_record() = record;
    ASSERT_TRUE(stream->Write(request));
  }
  stream->WritesDone();
  std::vector<v1::UpsertRecordsResponse> responses;
  v1::UpsertRecordsResponse response;
  while (stream->Read(&response)) responses.push_back(response);
  ASSERT_TRUE(stream->Finish().ok());
  ASSERT_EQ(responses.size(), batch.size());
  for (size_t i = 0; i < responses.size(); ++i) {
    EXPECT_EQ(responses[i].index(), static_cast<int64_t>(i));
  }
  EXPECT_TRUE(responses[0].has_accepted());
  EXPECT_TRUE(responses[1].has_accepted());
  EXPECT_EQ(responses[2].rejected().field(), "attributes.shoe");
  EXPECT_EQ(responses[2].rejected().code(), "INVALID_ARGUMENT");
  EXPECT_EQ(responses[3].rejected().field(), "key.source_id");
  EXPECT_EQ(responses[4].accepted().outcome(), v1::LINKED);
  EXPECT_EQ(responses[4].accepted().golden_id(),
            responses[0].accepted().golden_id());
  EXPECT_THAT(responses[5].rejected().message(), HasSubstr("limit"));
  EXPECT_EQ(responses[6].accepted().golden_id(),
            responses[1].accepted().golden_id());
}

TEST_F(ServerTest, StreamingUpsertAnswersEachRecordOfAGroupedRequest) {
  grpc::ClientContext context;
  auto stream = records_->UpsertRecords(&context);
  v1::UpsertRecordsRequest single;
  *single.mutable_record() = Person("1", {{"email", "a@x.org"}});
  ASSERT_TRUE(stream->Write(single));
  v1::UpsertRecordsRequest grouped;
  *grouped.add_records() = Person("2", {{"email", "b@x.org"}});
  *grouped.add_records() = Person("3", {{"shoe", "9"}});
  *grouped.add_records() = Person("4", {{"email", "a@x.org"}});
  ASSERT_TRUE(stream->Write(grouped));
  stream->WritesDone();
  std::vector<v1::UpsertRecordsResponse> responses;
  v1::UpsertRecordsResponse response;
  while (stream->Read(&response)) responses.push_back(response);
  ASSERT_TRUE(stream->Finish().ok());
  ASSERT_EQ(responses.size(), 4u);
  for (size_t i = 0; i < responses.size(); ++i) {
    EXPECT_EQ(responses[i].index(), static_cast<int64_t>(i));
  }
  EXPECT_EQ(responses[1].accepted().outcome(), v1::CREATED);
  EXPECT_EQ(responses[2].rejected().field(), "attributes.shoe");
  EXPECT_EQ(responses[3].accepted().outcome(), v1::LINKED);
  EXPECT_EQ(responses[3].accepted().golden_id(),
            responses[0].accepted().golden_id());
}

TEST_F(ServerTest, PartialUpsertsMergeIntoTheStoredRecord) {
  Upsert(Person("1", {{"full_name", "Ann Lee"}, {"email", "ann@x.org"}}));
  {
    grpc::ClientContext context;
    auto stream = records_->UpsertRecords(&context);
    v1::UpsertRecordsRequest request;
    request.set_partial(true);
    *request.add_records() = Person("1", {{"phone", "+1 415 555 0101"}});
    ASSERT_TRUE(stream->Write(request));
    stream->WritesDone();
    v1::UpsertRecordsResponse response;
    ASSERT_TRUE(stream->Read(&response));
    EXPECT_EQ(response.accepted().outcome(), v1::UPDATED);
    ASSERT_TRUE(stream->Finish().ok());
  }
  grpc::ClientContext context;
  v1::UpsertRecordRequest unary;
  unary.set_partial(true);
  *unary.mutable_record() = Person("1", {{"email", "ann.lee@x.org"}});
  v1::UpsertRecordResponse upserted;
  ASSERT_TRUE(records_->UpsertRecord(&context, unary, &upserted).ok());
  grpc::ClientContext get_context;
  v1::GetGoldenRecordRequest get;
  get.set_golden_id(upserted.golden_id());
  v1::GetGoldenRecordResponse golden;
  ASSERT_TRUE(records_->GetGoldenRecord(&get_context, get, &golden).ok());
  ASSERT_EQ(golden.record().xrefs_size(), 1);
  const auto& attributes = golden.record().xrefs(0).attributes();
  EXPECT_EQ(attributes.at("full_name"), "Ann Lee");
  EXPECT_EQ(attributes.at("email"), "ann.lee@x.org");
  EXPECT_EQ(attributes.at("phone"), "+1 415 555 0101");
}

TEST_F(ServerTest, ExportOfAnUnknownEntityTypeIsInvalidArgument) {
  grpc::ClientContext context;
  v1::ExportXrefsRequest request;
  request.set_entity_type("spaceship");
  auto reader = records_->ExportXrefs(&context, request);
  v1::ExportXrefsResponse page;
  EXPECT_FALSE(reader->Read(&page));
  const grpc::Status status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(),
              HasSubstr("unknown entity type 'spaceship'"));
}

TEST(ServerStoreFailure,
     FullDatabaseEndsTheStreamOnceNamingTheFirstRecordNotApplied) {
  testing::TempDir dir;
  auto store = storage::OpenSqliteStore(
      {.path = dir.Path("small.db"), .max_db_bytes = 1 << 20});
  ASSERT_TRUE(store.ok()) << store.status();
  auto config = DefaultConfig();
  ASSERT_TRUE(config.ok());
  auto engine = engine::Engine::Create(store->get(), *config, Clock::Real());
  ASSERT_TRUE(engine.ok()) << engine.status();
  server::ServerOptions options{.address = "127.0.0.1:0"};
  options.records.stream_batch_size = 10;  // several batches fit
  auto server = server::MdmServer::Start(engine->get(), options);
  ASSERT_TRUE(server.ok()) << server.status();
  auto channel =
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", (*server)->port()),
                          grpc::InsecureChannelCredentials());
  auto records = v1::RecordService::NewStub(channel);

  constexpr int kRecords = 3000;  // far more than 1 MiB holds
  grpc::ClientContext context;
  auto stream = records->UpsertRecords(&context);
  std::thread writer([&] {
    const std::string filler(500, 'x');
    for (int i = 0; i < kRecords; ++i) {
      v1::UpsertRecordsRequest request;
      *request.add_records() =
          Person(absl::StrCat(i), {{"full_name", absl::StrCat("Person ", i)},
                                   {"address_line", filler}});
      if (!stream->Write(request)) break;
    }
    stream->WritesDone();
  });
  int64_t answered = 0;
  v1::UpsertRecordsResponse response;
  while (stream->Read(&response)) {
    EXPECT_EQ(response.index(), answered);
    EXPECT_TRUE(response.has_accepted()) << response.rejected().message();
    ++answered;
  }
  writer.join();
  const grpc::Status status = stream->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(),
              HasSubstr(absl::StrCat("database disk is full: records from "
                                     "index ",
                                     answered, " on were not applied")));
  EXPECT_GT(answered, 0);
  EXPECT_LT(answered, kRecords);
  // Everything acknowledged is stored.
  grpc::ClientContext resolve_context;
  v1::ResolveRequest resolve;
  resolve.mutable_key()->set_source("crm");
  resolve.mutable_key()->set_source_id(absl::StrCat(answered - 1));
  v1::ResolveResponse resolved;
  EXPECT_TRUE(records->Resolve(&resolve_context, resolve, &resolved).ok());
  (*server)->Shutdown(absl::Seconds(1));
}

TEST_F(ServerTest, BatchResolveAnswersEachKeyInOrder) {
  const auto a = Upsert(Person("a", {{"email", "a@x.org"}}));
  grpc::ClientContext context;
  v1::BatchResolveRequest request;
  for (const char* id : {"a", "zzz", "a"}) {
    v1::SourceKey* key = request.add_keys();
    key->set_source("crm");
    key->set_source_id(id);
  }
  v1::BatchResolveResponse response;
  ASSERT_TRUE(records_->BatchResolve(&context, request, &response).ok());
  ASSERT_EQ(response.results_size(), 3);
  EXPECT_EQ(response.results(0).golden_id(), a.golden_id());
  EXPECT_EQ(response.results(1).golden_id(), "");
  EXPECT_EQ(response.results(1).error().code(), "NOT_FOUND");
  EXPECT_EQ(response.results(2).key().source_id(), "a");
}

TEST_F(ServerTest, ResolvingAMergedGoldenIdRedirectsToTheSurvivor) {
  const auto a = Upsert(Person("a", {{"email", "a@x.org"}}));
  const auto b = Upsert(Person("b", {{"national_id", "N1"}}));
  const auto c =
      Upsert(Person("c", {{"email", "a@x.org"}, {"national_id", "N1"}}));
  EXPECT_THAT(c.merged_golden_ids(), ElementsAre(b.golden_id()));
  grpc::ClientContext context;
  v1::ResolveRequest request;
  request.set_golden_id(b.golden_id());
  v1::ResolveResponse resolved;
  ASSERT_TRUE(records_->Resolve(&context, request, &resolved).ok());
  EXPECT_EQ(resolved.golden_id(), a.golden_id());
  EXPECT_TRUE(resolved.redirected());

  grpc::ClientContext get_context;
  v1::GetGoldenRecordRequest get;
  get.set_golden_id(b.golden_id());
  get.set_follow_redirects(true);
  v1::GetGoldenRecordResponse golden;
  ASSERT_TRUE(records_->GetGoldenRecord(&get_context, get, &golden).ok());
  EXPECT_TRUE(golden.redirected());
  EXPECT_EQ(golden.record().golden_id(), a.golden_id());
  EXPECT_EQ(golden.record().xrefs_size(), 3);
}

TEST_F(ServerTest, HistoryAsOfAndSearchOverGrpc) {
  const auto a = Upsert(Person("a", {{"email", "a@x.org"}}));
  const auto b = Upsert(Person("b", {{"national_id", "N1"}}));
  absl::SleepFor(absl::Milliseconds(2));
  const absl::Time before_merge = absl::Now();
  absl::SleepFor(absl::Milliseconds(2));
  Upsert(Person("c", {{"email", "a@x.org"}, {"national_id", "N1"}}));

  google::protobuf::Timestamp then;
  then.set_seconds(absl::ToUnixSeconds(before_merge));
  then.set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(
      before_merge - absl::FromUnixSeconds(then.seconds()))));
  {
    grpc::ClientContext context;
    v1::ResolveRequest request;
    request.mutable_key()->set_source("crm");
    request.mutable_key()->set_source_id("b");
    *request.mutable_as_of() = then;
    v1::ResolveResponse resolved;
    ASSERT_TRUE(records_->Resolve(&context, request, &resolved).ok());
    EXPECT_EQ(resolved.golden_id(), b.golden_id());
  }
  {
    grpc::ClientContext context;
    v1::GetGoldenRecordRequest request;
    request.set_golden_id(b.golden_id());
    request.set_follow_redirects(true);
    *request.mutable_as_of() = then;
    v1::GetGoldenRecordResponse golden;
    ASSERT_TRUE(records_->GetGoldenRecord(&context, request, &golden).ok());
    EXPECT_FALSE(golden.redirected());
    EXPECT_EQ(golden.record().state(), v1::LIVE);
    ASSERT_EQ(golden.record().xrefs_size(), 1);
    EXPECT_EQ(golden.record().xrefs(0).key().source_id(), "b");
  }
  {
    grpc::ClientContext context;
    v1::GetGoldenRecordRequest request;
    request.set_golden_id(b.golden_id());
    request.mutable_as_of()->set_seconds(-1'000'000'000'000);
    v1::GetGoldenRecordResponse golden;
    grpc::Status status = records_->GetGoldenRecord(&context, request, &golden);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  }
  {
    grpc::ClientContext context;
    v1::GetGoldenHistoryRequest request;
    request.set_golden_id(a.golden_id());
    v1::GetGoldenHistoryResponse history;
    ASSERT_TRUE(records_->GetGoldenHistory(&context, request, &history).ok());
    ASSERT_EQ(history.versions_size(), 2);
    EXPECT_EQ(history.versions(0).cause(), v1::RECORD_UPSERT);
    EXPECT_EQ(history.versions(0).cause_key().source_id(), "a");
    EXPECT_THAT(history.versions(1).absorbed(), ElementsAre(b.golden_id()));
    EXPECT_FALSE(history.more());
  }
  {
    grpc::ClientContext context;
    v1::GetGoldenHistoryRequest request;
    request.set_golden_id(a.golden_id());
    request.set_page_size(5000);
    v1::GetGoldenHistoryResponse history;
    EXPECT_EQ(
        records_->GetGoldenHistory(&context, request, &history).error_code(),
        grpc::StatusCode::INVALID_ARGUMENT);
  }
  auto matching = v1::MatchService::NewStub(channel_);
  {
    grpc::ClientContext context;
    v1::SearchRequest request;
    request.set_entity_type("person");
    request.set_text("a@x.org");
    v1::SearchResponse found;
    ASSERT_TRUE(matching->Search(&context, request, &found).ok());
    ASSERT_GE(found.matches_size(), 1);
    EXPECT_EQ(found.matches(0).golden_id(), a.golden_id());
    EXPECT_EQ(found.matches(0).decision(), v1::LINK);
    EXPECT_EQ(found.query_attributes().at("email"), "a@x.org");
  }
  {
    grpc::ClientContext context;
    v1::SearchRequest request;
    request.set_entity_type("person");
    request.set_limit(500);
    request.set_text("x");
    v1::SearchResponse found;
    EXPECT_EQ(matching->Search(&context, request, &found).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
  }
}

TEST_F(ServerTest, StewardDecisionsCarryTheCallersIdentityIntoTheAudit) {
  Upsert(Person(
      "g1",
      {{"given_name", "Gus"}, {"family_name", "Hall"}, {"city", "Oakland"}}));
  Upsert(Person(
      "g2",
      {{"given_name", "Gus"}, {"family_name", "Hall"}, {"email", "gus@y.org"}},
      "web"));
  auto steward = v1::StewardService::NewStub(channel_);
  v1::ListCandidatesResponse queue;
  {
    grpc::ClientContext context;
    v1::ListCandidatesRequest request;
    request.set_entity_type("person");
    ASSERT_TRUE(steward->ListCandidates(&context, request, &queue).ok());
  }
  ASSERT_EQ(queue.candidates_size(), 1);
  const v1::ReviewCandidate& candidate = queue.candidates(0);
  int64_t approval = 0;
  {
    grpc::ClientContext context;
    v1::GetCandidateRequest request;
    request.mutable_a()->set_entity_type("person");
    *request.mutable_a()->mutable_key() = candidate.a();
    request.mutable_b()->set_entity_type("person");
    *request.mutable_b()->mutable_key() = candidate.b();
    v1::GetCandidateResponse detail;
    ASSERT_TRUE(steward->GetCandidate(&context, request, &detail).ok());
    EXPECT_EQ(detail.a().record().attributes().at("city"), "Oakland");
    EXPECT_GT(detail.explanation().comparisons_size(), 0);
    EXPECT_EQ(detail.a().golden().golden_id(), candidate.golden_id_a());
  }
  {
    grpc::ClientContext context;
    context.AddMetadata("mdm-actor", "ann");
    v1::DecideRequest request;
    request.mutable_a()->set_entity_type("person");
    *request.mutable_a()->mutable_key() = candidate.a();
    request.mutable_b()->set_entity_type("person");
    *request.mutable_b()->mutable_key() = candidate.b();
    request.set_decision(v1::APPROVE);
    request.set_reason("checked");
    v1::StewardOutcome outcome;
    ASSERT_TRUE(steward->Decide(&context, request, &outcome).ok());
    ASSERT_EQ(outcome.golden_ids_size(), 2);
    EXPECT_EQ(outcome.golden_ids(0), outcome.golden_ids(1));
  }
  {
    grpc::ClientContext context;
    v1::DecideRequest request;  // no decision
    *request.mutable_a()->mutable_key() = candidate.a();
    *request.mutable_b()->mutable_key() = candidate.b();
    v1::StewardOutcome outcome;
    EXPECT_EQ(steward->Decide(&context, request, &outcome).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
  }
  {
    grpc::ClientContext context;
    v1::ListAuditRequest request;
    request.set_golden_id(candidate.golden_id_b());
    v1::ListAuditResponse audit;
    ASSERT_TRUE(steward->ListAudit(&context, request, &audit).ok());
    ASSERT_EQ(audit.entries_size(), 1);
    EXPECT_EQ(audit.entries(0).actor(), "ann");
    EXPECT_EQ(audit.entries(0).action(), "approve");
    EXPECT_EQ(audit.entries(0).reason(), "checked");
    EXPECT_TRUE(audit.entries(0).has_match_probability());
    approval = audit.entries(0).sequence();
  }
  {
    // Undone by its audit entry: apart again, and audited.
    grpc::ClientContext context;
    context.AddMetadata("mdm-actor", "bob");
    v1::UndoDecisionRequest request;
    request.set_audit_sequence(approval);
    request.set_reason("wrong key");
    v1::StewardOutcome outcome;
    const grpc::Status status =
        steward->UndoDecision(&context, request, &outcome);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_EQ(outcome.golden_ids_size(), 2);
    EXPECT_NE(outcome.golden_ids(0), outcome.golden_ids(1));
  }
  {
    grpc::ClientContext context;
    v1::ListAuditRequest request;
    request.set_actor("bob");
    v1::ListAuditResponse audit;
    ASSERT_TRUE(steward->ListAudit(&context, request, &audit).ok());
    ASSERT_EQ(audit.entries_size(), 1);
    EXPECT_EQ(audit.entries(0).action(), "undo");
    EXPECT_EQ(audit.entries(0).undoes(), approval);
    EXPECT_EQ(audit.entries(0).reason(), "wrong key");
  }
  {
    grpc::ClientContext context;
    v1::UndoDecisionRequest request;
    request.set_audit_sequence(approval);  // undone already
    v1::StewardOutcome outcome;
    EXPECT_EQ(steward->UndoDecision(&context, request, &outcome).error_code(),
              grpc::StatusCode::FAILED_PRECONDITION);
  }
}

TEST_F(ServerTest, SourceNamesAreCheckedUpFrontAndNewSourcesWarnOnce) {
  {
    grpc::ClientContext context;
    v1::CheckSourceRequest request;
    request.set_source("crm");
    v1::CheckSourceResponse response;
    ASSERT_TRUE(records_->CheckSource(&context, request, &response).ok());
    EXPECT_FALSE(response.held());
    EXPECT_FALSE(response.configured());
    ASSERT_EQ(response.warnings_size(), 1);
    EXPECT_THAT(response.warnings(0),
                HasSubstr("the default source settings apply"));
  }
  // The first record of the source carries the warning, the next does not,
  // on the unary and the streaming upsert alike.
  EXPECT_EQ(Upsert(Person("1", {{"email", "a@x.org"}})).warnings_size(), 1);
  EXPECT_EQ(Upsert(Person("2", {{"email", "b@x.org"}})).warnings_size(), 0);
  {
    grpc::ClientContext context;
    auto stream = records_->UpsertRecords(&context);
    v1::UpsertRecordsRequest request;
    *request.add_records() = Person("1", {{"email", "w@x.org"}}, "web");
    *request.add_records() = Person("2", {{"email", "v@x.org"}}, "web");
    *request.add_records() = Person("3", {{"email", "u@x.org"}}, "Web");
    ASSERT_TRUE(stream->Write(request));
    stream->WritesDone();
    std::vector<v1::UpsertRecordsResponse> answers;
    v1::UpsertRecordsResponse answer;
    while (stream->Read(&answer)) answers.push_back(answer);
    ASSERT_TRUE(stream->Finish().ok());
    ASSERT_EQ(answers.size(), 3u);
    EXPECT_EQ(answers[0].accepted().warnings_size(), 1);
    EXPECT_EQ(answers[1].accepted().warnings_size(), 0);
    ASSERT_TRUE(answers[2].has_rejected());
    EXPECT_EQ(answers[2].rejected().field(), "key.source");
    EXPECT_THAT(answers[2].rejected().message(),
                HasSubstr("differs only by case from source 'web'"));
  }
  const struct {
    const char* source;
    bool new_source;
    grpc::StatusCode code;
    const char* message;
  } cases[] = {
      {"CRM", false, grpc::StatusCode::INVALID_ARGUMENT,
       "source 'CRM' differs only by case from source 'crm'"},
      {"erp:eu", true, grpc::StatusCode::INVALID_ARGUMENT, "holds ':'"},
      {"a b", false, grpc::StatusCode::INVALID_ARGUMENT, "1..64 characters"},
      {"CRM", true, grpc::StatusCode::OK, ""},
  };
  for (const auto& c : cases) {
    grpc::ClientContext context;
    v1::CheckSourceRequest request;
    request.set_source(c.source);
    request.set_new_source(c.new_source);
    v1::CheckSourceResponse response;
    const grpc::Status status =
        records_->CheckSource(&context, request, &response);
    EXPECT_EQ(status.error_code(), c.code) << c.source;
    EXPECT_THAT(status.error_message(), HasSubstr(c.message)) << c.source;
  }
  // Confirmed: records from CRM are accepted now.
  EXPECT_FALSE(
      Upsert(Person("3", {{"email", "c@x.org"}}, "CRM")).golden_id().empty());
}

TEST_F(ServerTest, ListChangesPagesAndReportsTheHead) {
  for (int i = 0; i < 5; ++i) {
    Upsert(Person(absl::StrCat(i), {{"email", absl::StrCat(i, "@x.org")}}));
  }
  grpc::ClientContext context;
  v1::ListChangesRequest request;
  request.set_after_sequence(1);
  request.set_page_size(2);
  v1::ListChangesResponse response;
  ASSERT_TRUE(feed_->ListChanges(&context, request, &response).ok());
  ASSERT_EQ(response.events_size(), 2);
  EXPECT_EQ(response.events(0).sequence(), 2);
  EXPECT_EQ(response.events(0).kind(), v1::GOLDEN_CREATED);
  EXPECT_EQ(response.events(0).keys(0).source_id(), "1");
  EXPECT_EQ(response.next_after_sequence(), 3);
  EXPECT_EQ(response.head_sequence(), 5);

  grpc::ClientContext bad_context;
  request.set_entity_type("spaceship");
  EXPECT_EQ(feed_->ListChanges(&bad_context, request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ServerTest, WatchDeliversPastThenLiveEventsUntilCancelled) {
  Upsert(Person("1", {{"email", "a@x.org"}}));
  grpc::ClientContext context;
  v1::WatchChangesRequest request;
  auto reader = feed_->WatchChanges(&context, request);
  v1::ChangeEvent event;
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_EQ(event.sequence(), 1);
  std::thread writer([&] {
    absl::SleepFor(absl::Milliseconds(100));
    Upsert(Person("2", {{"email", "a@x.org"}}, "erp"));
  });
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_EQ(event.sequence(), 2);
  EXPECT_EQ(event.kind(), v1::XREF_LINKED);
  EXPECT_EQ(event.keys(0).source(), "erp");
  writer.join();
  context.TryCancel();
  while (reader->Read(&event)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
}

TEST_F(ServerTest, ExportXrefsStreamsEveryLiveRecordAcrossPages) {
  constexpr int kRecords = 2100;  // pages of 1000
  {
    grpc::ClientContext context;
    auto stream = records_->UpsertRecords(&context);
    for (int i = 0; i < kRecords; ++i) {
      v1::UpsertRecordsRequest request;
      *request.mutable_record() =
          Person(absl::StrCat(i), {{"email", absl::StrCat(i % 700, "@x.org")}});
      ASSERT_TRUE(stream->Write(request));
    }
    stream->WritesDone();
    v1::UpsertRecordsResponse response;
    int accepted = 0;
    while (stream->Read(&response)) accepted += response.has_accepted();
    ASSERT_TRUE(stream->Finish().ok());
    ASSERT_EQ(accepted, kRecords);
  }
  grpc::ClientContext context;
  auto reader = records_->ExportXrefs(&context, v1::ExportXrefsRequest());
  v1::ExportXrefsResponse page;
  std::set<std::string> ids;
  std::set<std::string> goldens;
  int pages = 0;
  while (reader->Read(&page)) {
    ++pages;
    for (const v1::XrefRow& row : page.rows()) {
      ids.insert(row.key().source_id());
      goldens.insert(row.golden_id());
    }
  }
  ASSERT_TRUE(reader->Finish().ok());
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(ids.size(), static_cast<size_t>(kRecords));
  EXPECT_EQ(goldens.size(), 700u);  // records sharing an email link
}

TEST_F(ServerTest, ExplainTrainGetModelAndRematchOverGrpc) {
  const char* given[] = {"Ann", "Bo", "Cyril", "Dora", "Elif", "Farid"};
  const char* family[] = {"Lee", "Okafor", "Novak", "Silva", "Tanaka", "Weber"};
  for (int i = 0; i < 12; ++i) {
    Upsert(Person(absl::StrCat(i),
                  {{"given_name", given[i % 6]},
                   {"family_name", family[i % 6]},
                   {"birth_date", absl::StrCat("19", 60 + (i % 6) * 7, "-0",
                                               1 + i % 6, "-1", i % 6)}}));
  }
  auto matching = v1::MatchService::NewStub(channel_);
  {
    grpc::ClientContext context;
    v1::ExplainRequest request;
    request.mutable_a()->mutable_key()->set_source("crm");
    request.mutable_a()->mutable_key()->set_source_id("1");
    request.mutable_b()->mutable_key()->set_source("crm");
    request.mutable_b()->mutable_key()->set_source_id("7");  // same person
    v1::ExplainResponse response;
    ASSERT_TRUE(matching->Explain(&context, request, &response).ok());
    EXPECT_EQ(response.entity_type(), "person");
    EXPECT_GT(response.comparisons_size(), 3);
    EXPECT_EQ(response.decision(), v1::LINK);
    EXPECT_GT(response.match_probability(), 0.95);
    EXPECT_EQ(response.golden_id_a(), response.golden_id_b());
    EXPECT_FALSE(response.shared_blocks().empty());
  }
  {
    grpc::ClientContext context;
    v1::ExplainRequest request;
    request.mutable_a()->mutable_key()->set_source("crm");
    request.mutable_a()->mutable_key()->set_source_id("1");
    request.mutable_b()->mutable_key()->set_source("crm");
    request.mutable_b()->mutable_key()->set_source_id("nope");
    v1::ExplainResponse response;
    EXPECT_EQ(matching->Explain(&context, request, &response).error_code(),
              grpc::StatusCode::NOT_FOUND);
  }
  {
    // Twelve records are too few to learn from: refused, and the defaults
    // stay.
    grpc::ClientContext context;
    v1::TrainModelRequest request;
    request.set_entity_type("person");
    v1::TrainModelResponse response;
    const grpc::Status status =
        matching->TrainModel(&context, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_THAT(status.error_message(),
                HasSubstr("too little data to learn from: 12 records, and "
                          "training needs at least 50"));
    EXPECT_THAT(status.error_message(),
                HasSubstr("the configuration's defaults stay active"));
  }
  for (int i = 12; i < 60; ++i) {
    Upsert(Person(absl::StrCat(i),
                  {{"given_name", given[i % 6]},
                   {"family_name", family[i % 6]},
                   {"birth_date", absl::StrCat("19", 60 + (i % 6) * 7, "-0",
                                               1 + i % 6, "-1", i % 6)}}));
  }
  {
    grpc::ClientContext context;
    v1::TrainModelRequest request;
    request.set_entity_type("person");
    v1::TrainModelResponse response;
    const grpc::Status status =
        matching->TrainModel(&context, request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.model().version(), 1);
    EXPECT_EQ(response.rematched_records(), 60);
    EXPECT_GT(response.model().report().em_iterations(), 0);
  }
  {
    grpc::ClientContext context;
    v1::GetModelRequest request;
    request.set_entity_type("person");
    v1::GetModelResponse response;
    ASSERT_TRUE(matching->GetModel(&context, request, &response).ok());
    EXPECT_EQ(response.model().version(), 1);
    EXPECT_GT(response.trained_at().seconds(), 0);
  }
  {
    // Training re-matched already: the batch path finds nothing to move.
    grpc::ClientContext context;
    v1::RematchRequest request;
    request.set_entity_type("person");
    v1::RematchResponse response;
    const grpc::Status status = matching->Rematch(&context, request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.records(), 60);
    EXPECT_EQ(response.records_moved(), 0);
    EXPECT_EQ(response.golden_records_created(), 0);
    EXPECT_EQ(response.golden_records_retired(), 0);
  }
  {
    grpc::ClientContext context;
    v1::RematchRequest request;
    request.set_entity_type("spaceship");
    v1::RematchResponse response;
    const grpc::Status status = matching->Rematch(&context, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr("spaceship"));
  }
}

TEST_F(ServerTest, HealthReflectionAndSchemaServicesAnswer) {
  // grpc.health.v1.HealthCheckRequest{} -> HealthCheckResponse{status: SERVING}
  std::string health;
  ASSERT_TRUE(
      RawUnaryCall(channel_, "/grpc.health.v1.Health/Check", "", &health).ok());
  EXPECT_EQ(health, std::string("\x08\x01", 2));

  // ServerReflectionRequest{list_services: ""} lists our services.
  std::string services;
  ASSERT_TRUE(
      RawStreamExchange(
          channel_,
          "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
          std::string("\x3a\x00", 2), &services)
          .ok());
  EXPECT_THAT(services, HasSubstr("mdm.v1.RecordService"));
  EXPECT_THAT(services, HasSubstr("mdm.v1.ChangeFeedService"));
  EXPECT_THAT(services, HasSubstr("mdm.v1.MatchService"));

  auto schema = v1::SchemaService::NewStub(channel_);
  grpc::ClientContext schema_context;
  v1::GetEntityTypeRequest get;
  get.set_name("organization");
  v1::EntityTypeConfig type;
  ASSERT_TRUE(schema->GetEntityType(&schema_context, get, &type).ok());
  EXPECT_EQ(type.id_prefix(), "ORG");
  grpc::ClientContext missing_context;
  get.set_name("spaceship");
  EXPECT_EQ(schema->GetEntityType(&missing_context, get, &type).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace mdm
