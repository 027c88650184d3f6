// Integration tests of access control, limits, draining and the admin
// service: the real server on a loopback port, driven through real gRPC
// channels.
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>

#include <fstream>
#include <future>
#include <map>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "mdm/v1/admin.grpc.pb.h"
#include "mdm/v1/changes.grpc.pb.h"
#include "mdm/v1/matching.grpc.pb.h"
#include "mdm/v1/records.grpc.pb.h"
#include "mdm/v1/schema.grpc.pb.h"
#include "mdm/v1/stewardship.grpc.pb.h"
#include "src/base/clock.h"
#include "src/base/sha256.h"
#include "src/base/testing/temp_dir.h"
#include "src/config/config_loader.h"
#include "src/engine/engine.h"
#include "src/server/server.h"
#include "storage/sqlite/sqlite_store.h"

namespace mdm {
namespace {

using ::testing::HasSubstr;

// The role each RPC needs. Every method of every mdm.v1 service must be
// listed; a new RPC fails ListsEveryRpc until its role is decided here.
const std::map<std::string, std::string>& RoleOfMethod() {
  static const auto* roles = new std::map<std::string, std::string>{
      {"/mdm.v1.RecordService/UpsertRecord", "writer"},
      {"/mdm.v1.RecordService/UpsertRecords", "writer"},
      {"/mdm.v1.RecordService/DeleteRecord", "writer"},
      {"/mdm.v1.RecordService/CheckSource", "writer"},
      {"/mdm.v1.RecordService/Resolve", "reader"},
      {"/mdm.v1.RecordService/BatchResolve", "reader"},
      {"/mdm.v1.RecordService/GetGoldenRecord", "reader"},
      {"/mdm.v1.RecordService/GetGoldenHistory", "reader"},
      {"/mdm.v1.RecordService/ExportXrefs", "reader"},
      {"/mdm.v1.ChangeFeedService/ListChanges", "reader"},
      {"/mdm.v1.ChangeFeedService/WatchChanges", "reader"},
      {"/mdm.v1.SchemaService/ListEntityTypes", "reader"},
      {"/mdm.v1.SchemaService/GetEntityType", "reader"},
      {"/mdm.v1.MatchService/Search", "reader"},
      {"/mdm.v1.MatchService/Explain", "steward"},
      {"/mdm.v1.MatchService/TrainModel", "admin"},
      {"/mdm.v1.MatchService/GetModel", "admin"},
      {"/mdm.v1.MatchService/Rematch", "admin"},
      {"/mdm.v1.StewardService/ListCandidates", "steward"},
      {"/mdm.v1.StewardService/GetCandidate", "steward"},
      {"/mdm.v1.StewardService/Decide", "steward"},
      {"/mdm.v1.StewardService/UndoDecision", "steward"},
      {"/mdm.v1.StewardService/MergeGoldenRecords", "steward"},
      {"/mdm.v1.StewardService/SplitGoldenRecord", "steward"},
      {"/mdm.v1.StewardService/MoveRecord", "steward"},
      {"/mdm.v1.StewardService/ListAudit", "steward"},
      {"/mdm.v1.AdminService/Backup", "admin"},
      {"/mdm.v1.AdminService/Verify", "admin"},
  };
  return *roles;
}

// Every RPC the generated code knows in package mdm.v1.
std::vector<std::string> AllMethods() {
  const google::protobuf::DescriptorPool* pool =
      google::protobuf::DescriptorPool::generated_pool();
  std::vector<std::string> methods;
  for (const char* file : {"mdm/v1/records.proto", "mdm/v1/changes.proto",
                           "mdm/v1/schema.proto", "mdm/v1/matching.proto",
                           "mdm/v1/stewardship.proto", "mdm/v1/admin.proto"}) {
    const google::protobuf::FileDescriptor* descriptor =
        pool->FindFileByName(file);
    EXPECT_NE(descriptor, nullptr) << file;
    if (descriptor == nullptr) continue;
    for (int s = 0; s < descriptor->service_count(); ++s) {
      const google::protobuf::ServiceDescriptor* service =
          descriptor->service(s);
      for (int m = 0; m < service->method_count(); ++m) {
        methods.push_back(absl::StrCat("/", service->full_name(), "/",
                                       service->method(m)->name()));
      }
    }
  }
  return methods;
}

// Calls any method, unary or streaming, with one request message of the
// given bytes (empty: all fields default) and metadata; returns the final
// status. A call the server lets through may run until the deadline.
grpc::Status CallRaw(const std::shared_ptr<grpc::Channel>& channel,
                     const std::string& method,
                     const std::multimap<std::string, std::string>& metadata,
                     const std::string& bytes = "") {
  grpc::GenericStub stub(channel);
  grpc::CompletionQueue queue;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(2));
  for (const auto& [key, value] : metadata) context.AddMetadata(key, value);
  auto call = stub.PrepareCall(&context, method, &queue);
  void* tag = nullptr;
  bool ok = false;
  auto step = [&](intptr_t id) {
    return queue.Next(&tag, &ok) && tag == reinterpret_cast<void*>(id) && ok;
  };
  call->StartCall(reinterpret_cast<void*>(1));
  if (step(1)) {
    grpc::Slice slice(bytes.data(), bytes.size());
    grpc::ByteBuffer request(&slice, 1);
    call->Write(request, reinterpret_cast<void*>(2));
    if (step(2)) {
      call->WritesDone(reinterpret_cast<void*>(3));
      if (step(3)) {
        grpc::ByteBuffer response;
        intptr_t id = 4;
        do {
          call->Read(&response, reinterpret_cast<void*>(id));
        } while (step(id++));
      }
    }
  }
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(99));
  while (queue.Next(&tag, &ok) && tag != reinterpret_cast<void*>(99)) {
  }
  queue.Shutdown();
  while (queue.Next(&tag, &ok)) {
  }
  return status;
}

v1::SourceRecord Person(const std::string& id, const std::string& name,
                        const std::string& email) {
  v1::SourceRecord record;
  record.set_entity_type("person");
  record.mutable_key()->set_source("crm");
  record.mutable_key()->set_source_id(id);
  (*record.mutable_attributes())["full_name"] = name;
  (*record.mutable_attributes())["email"] = email;
  return record;
}

// Test tokens: name and roles. "lapsed" expired before the tests' clock.
constexpr absl::string_view kTokens[][2] = {
    {"reader", "reader"},
    {"writer", "writer"},
    {"steward", "steward"},
    {"admin", "admin"},
    {"lapsed", "reader,writer,steward,admin"},
};

class SecureServerTest : public ::testing::Test {
 protected:
  void SetUp() override { Start({}); }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown(absl::Seconds(1));
  }

  // A token's secret in these tests is its name with "-secret".
  static std::string Secret(absl::string_view name) {
    return absl::StrCat(name, "-secret");
  }

  static std::multimap<std::string, std::string> Bearer(
      absl::string_view name) {
    return {{"authorization", absl::StrCat("Bearer ", Secret(name))}};
  }

  void Start(server::ServerOptions options) {
    std::string text = "# test tokens\n";
    for (const auto& [name, roles] : kTokens) {
      absl::StrAppend(
          &text, name, " sha256:", Sha256Hex(Secret(name)), " ", roles,
          name == "lapsed" ? " expires=2025-01-01T00:00:00Z" : "", "\n");
    }
    absl::StatusOr<server::TokenTable> tokens =
        server::TokenTable::Parse(text, "test tokens");
    ASSERT_TRUE(tokens.ok()) << tokens.status();
    auto store = storage::OpenSqliteStore({.path = dir_.Path("mdm.db")});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    auto config = DefaultConfig();
    ASSERT_TRUE(config.ok());
    auto engine = engine::Engine::Create(store_.get(), *config, &clock_);
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = *std::move(engine);
    options.address = "127.0.0.1:0";
    options.tokens =
        std::make_shared<const server::TokenTable>(*std::move(tokens));
    options.clock = &clock_;
    options.admin.scratch_dir = dir_.path();
    auto server = server::MdmServer::Start(engine_.get(), options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                   grpc::InsecureChannelCredentials());
  }

  std::unique_ptr<grpc::ClientContext> As(absl::string_view name) {
    auto context = std::make_unique<grpc::ClientContext>();
    for (const auto& [key, value] : Bearer(name)) {
      context->AddMetadata(key, value);
    }
    return context;
  }

  std::string Upsert(const v1::SourceRecord& record) {
    auto stub = v1::RecordService::NewStub(channel_);
    v1::UpsertRecordRequest request;
    *request.mutable_record() = record;
    v1::UpsertRecordResponse response;
    grpc::Status status =
        stub->UpsertRecord(As("writer").get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.golden_id();
  }

  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2025, 6, 1, 0, 0, 0),
                                   absl::UTCTimeZone())};
  testing::TempDir dir_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<engine::Engine> engine_;
  std::unique_ptr<server::MdmServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(SecureServerTest, ListsEveryRpc) {
  const std::vector<std::string> methods = AllMethods();
  ASSERT_EQ(methods.size(), RoleOfMethod().size());
  for (const std::string& method : methods) {
    EXPECT_TRUE(RoleOfMethod().contains(method)) << method;
  }
}

TEST_F(SecureServerTest, EveryRpcRefusesCallsWithoutAValidToken) {
  for (const std::string& method : AllMethods()) {
    EXPECT_EQ(CallRaw(channel_, method, {}).error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << method << " without a token";
    EXPECT_EQ(CallRaw(channel_, method,
                      {{"authorization", "Bearer not-a-known-token"}})
                  .error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << method << " with an unknown token";
    EXPECT_EQ(CallRaw(channel_, method,
                      {{"authorization", Secret("reader")}})  // no "Bearer"
                  .error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << method << " with a malformed header";
  }
}

TEST_F(SecureServerTest, EveryRpcAdmitsItsRoleAndDeniesTheOthers) {
  for (const auto& [method, role] : RoleOfMethod()) {
    for (const auto& [name, roles] : kTokens) {
      if (name == "lapsed") continue;
      const grpc::Status status = CallRaw(channel_, method, Bearer(name));
      if (name == role) {
        EXPECT_NE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << method << " as " << name << ": " << status.error_message();
        EXPECT_NE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED)
            << method << " as " << name;
      } else {
        EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << method << " as " << name;
        EXPECT_THAT(status.error_message(),
                    HasSubstr(absl::StrCat("lacks the ", role, " role")));
      }
    }
  }
}

TEST_F(SecureServerTest, ExpiredTokenIsRefusedWhateverItsRoles) {
  const grpc::Status status =
      CallRaw(channel_, "/mdm.v1.RecordService/Resolve", Bearer("lapsed"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(status.error_message(), HasSubstr("expired"));
}

TEST_F(SecureServerTest, TokenExpiresWhenItsTimeComes) {
  server_->ReplaceTokens(
      std::make_shared<const server::TokenTable>(*server::TokenTable::Parse(
          absl::StrCat("temp sha256:", Sha256Hex(Secret("temp")),
                       " reader expires=2025-06-01T00:01:00Z\n"),
          "replaced")));
  auto stub = v1::SchemaService::NewStub(channel_);
  v1::ListEntityTypesResponse response;
  EXPECT_TRUE(stub->ListEntityTypes(As("temp").get(), {}, &response).ok());
  clock_.Advance(absl::Minutes(1));
  EXPECT_EQ(stub->ListEntityTypes(As("temp").get(), {}, &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // The replaced table no longer knows the old tokens.
  EXPECT_EQ(
      stub->ListEntityTypes(As("reader").get(), {}, &response).error_code(),
      grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(SecureServerTest, AuditActorIsTheTokenNameNotTheClaimedOne) {
  const std::string a = Upsert(Person("1", "Ann Lee", "ann@x.org"));
  const std::string b = Upsert(Person("2", "Bob Stone", "bob@y.org"));
  ASSERT_NE(a, b);
  auto steward = v1::StewardService::NewStub(channel_);
  auto context = As("steward");
  context->AddMetadata("mdm-actor", "somebody-else");
  v1::MergeGoldenRecordsRequest merge;
  merge.set_golden_id(a);
  merge.set_other_golden_id(b);
  merge.set_reason("same person");
  v1::StewardOutcome outcome;
  grpc::Status status =
      steward->MergeGoldenRecords(context.get(), merge, &outcome);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::ListAuditRequest audit;
  audit.set_golden_id(a);
  v1::ListAuditResponse entries;
  ASSERT_TRUE(steward->ListAudit(As("steward").get(), audit, &entries).ok());
  ASSERT_GE(entries.entries_size(), 1);
  EXPECT_EQ(entries.entries(entries.entries_size() - 1).actor(), "steward");
}

TEST_F(SecureServerTest, StreamsBeyondTheLimitAreRefusedAtOnce) {
  TearDown();
  server_.reset();
  engine_.reset();
  store_.reset();
  Start({.admission = {.max_streams = 1}});
  auto feed = v1::ChangeFeedService::NewStub(channel_);
  auto first_context = As("reader");
  auto first = feed->WatchChanges(first_context.get(), {});
  // The first watch holds the only slot until it is cancelled.
  absl::SleepFor(absl::Milliseconds(200));
  auto second_context = As("reader");
  auto second = feed->WatchChanges(second_context.get(), {});
  v1::ChangeEvent event;
  EXPECT_FALSE(second->Read(&event));
  const grpc::Status refused = second->Finish();
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(refused.error_message(), HasSubstr("too many open streams"));
  first_context->TryCancel();
  first->Finish().IgnoreError();
}

TEST_F(SecureServerTest, WritesBeyondTheQueueLimitAreRefusedAtOnce) {
  TearDown();
  server_.reset();
  engine_.reset();
  store_.reset();
  Start({.admission = {.max_queued_writes = 2}});
  // Holding the store's writer makes every write wait.
  absl::StatusOr<std::unique_ptr<storage::WriteTransaction>> held =
      store_->BeginWrite();
  ASSERT_TRUE(held.ok());
  std::vector<std::future<grpc::Status>> waiting;
  for (int i = 0; i < 2; ++i) {
    waiting.push_back(std::async(std::launch::async, [this, i] {
      auto stub = v1::RecordService::NewStub(channel_);
      v1::UpsertRecordRequest request;
      *request.mutable_record() =
          Person(absl::StrCat("w", i), "Ann Lee", "ann@x.org");
      v1::UpsertRecordResponse response;
      return stub->UpsertRecord(As("writer").get(), request, &response);
    }));
  }
  absl::SleepFor(absl::Milliseconds(300));
  auto stub = v1::RecordService::NewStub(channel_);
  v1::UpsertRecordRequest request;
  *request.mutable_record() = Person("w3", "Cy Young", "cy@z.org");
  v1::UpsertRecordResponse response;
  const grpc::Status refused =
      stub->UpsertRecord(As("writer").get(), request, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(refused.error_message(), HasSubstr("writer overloaded"));
  // Reads do not queue behind the writer.
  v1::ResolveRequest resolve;
  resolve.mutable_key()->set_source("crm");
  resolve.mutable_key()->set_source_id("nobody");
  v1::ResolveResponse resolved;
  EXPECT_EQ(stub->Resolve(As("reader").get(), resolve, &resolved).error_code(),
            grpc::StatusCode::NOT_FOUND);
  held->reset();
  for (auto& call : waiting) EXPECT_TRUE(call.get().ok());
}

TEST_F(SecureServerTest, OversizedMessageIsRefused) {
  TearDown();
  server_.reset();
  engine_.reset();
  store_.reset();
  Start({.max_message_bytes = 64 * 1024});
  auto stub = v1::RecordService::NewStub(channel_);
  v1::UpsertRecordRequest request;
  *request.mutable_record() =
      Person("big", std::string(100 * 1024, 'a'), "big@x.org");
  v1::UpsertRecordResponse response;
  EXPECT_EQ(
      stub->UpsertRecord(As("writer").get(), request, &response).error_code(),
      grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(SecureServerTest, MalformedRequestsAreRefusedAndServingGoesOn) {
  // Not a protobuf message: a truncated length-delimited field.
  const std::string garbage("\x0a\xff\xff\xff\x0f\x01", 6);
  for (const auto& [method, role] :
       {std::pair<std::string, std::string>{
            "/mdm.v1.RecordService/UpsertRecord", "writer"},
        {"/mdm.v1.RecordService/Resolve", "reader"},
        {"/mdm.v1.StewardService/Decide", "steward"}}) {
    const grpc::Status status =
        CallRaw(channel_, method, Bearer(role), garbage);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << method;
    EXPECT_THAT(status.error_message(),
                HasSubstr(absl::StrCat("the request to ", method,
                                       " is not a valid message")));
  }
  // Invalid UTF-8 in a string field does not parse either (proto3).
  auto stub = v1::RecordService::NewStub(channel_);
  v1::UpsertRecordRequest request;
  *request.mutable_record() = Person("m1", "Ann \xff Lee", "ann@x.org");
  v1::UpsertRecordResponse response;
  grpc::Status status =
      stub->UpsertRecord(As("writer").get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("UTF-8"));
  // An unknown entity type is named.
  *request.mutable_record() = Person("m1", "Ann Lee", "ann@x.org");
  request.mutable_record()->set_entity_type("starship");
  status = stub->UpsertRecord(As("writer").get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("starship"));
  // An oversized value is refused by name.
  *request.mutable_record() = Person("m2", "Ann Lee", "ann@x.org");
  (*request.mutable_record()->mutable_attributes())["full_name"] =
      std::string(40 * 1024, 'a');
  status = stub->UpsertRecord(As("writer").get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("full_name"));
  // The server still serves.
  EXPECT_FALSE(Upsert(Person("m3", "Ann Lee", "ann@x.org")).empty());
}

TEST_F(SecureServerTest, ShutdownEndsAnUpsertStreamSayingWhatWasNotApplied) {
  auto stub = v1::RecordService::NewStub(channel_);
  auto context = As("writer");
  auto stream = stub->UpsertRecords(context.get());
  v1::UpsertRecordsRequest request;
  *request.mutable_record() = Person("s1", "Ann Lee", "ann@x.org");
  ASSERT_TRUE(stream->Write(request));
  v1::UpsertRecordsResponse response;
  ASSERT_TRUE(stream->Read(&response));
  EXPECT_TRUE(response.has_accepted());
  std::thread stopper([this] { server_->Shutdown(absl::Seconds(5)); });
  absl::SleepFor(absl::Milliseconds(200));
  *request.mutable_record() = Person("s2", "Bob Stone", "bob@y.org");
  stream->Write(request);
  stream->WritesDone();
  while (stream->Read(&response)) {
  }
  const grpc::Status status = stream->Finish();
  stopper.join();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(status.error_message(), HasSubstr("from index 1 on"));
  // What was acknowledged is stored; what was not, is not.
  EXPECT_TRUE(engine_->Resolve({"crm", "s1"}, "person").ok());
  EXPECT_FALSE(engine_->Resolve({"crm", "s2"}, "person").ok());
}

TEST_F(SecureServerTest, BackupIsAWholeDatabaseThatOpensAndVerifies) {
  for (int i = 0; i < 50; ++i) {
    Upsert(Person(absl::StrCat("b", i), absl::StrCat("Person ", i),
                  absl::StrCat("p", i, "@x.org")));
  }
  auto admin = v1::AdminService::NewStub(channel_);
  auto context = As("admin");
  auto reader = admin->Backup(context.get(), {});
  std::string bytes;
  v1::BackupChunk chunk;
  std::string digest;
  int64_t total = -1;
  while (reader->Read(&chunk)) {
    bytes += chunk.data();
    if (!chunk.sha256().empty()) {
      digest = chunk.sha256();
      total = chunk.total_bytes();
    }
  }
  ASSERT_TRUE(reader->Finish().ok());
  EXPECT_EQ(total, static_cast<int64_t>(bytes.size()));
  EXPECT_EQ(digest, Sha256Hex(bytes));
  // The staged copy is gone from the server's directory.
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
    EXPECT_THAT(entry.path().filename().string(),
                ::testing::Not(HasSubstr("backup")));
  }

  const std::string restored = dir_.Path("restored.db");
  std::ofstream(restored, std::ios::binary) << bytes;
  auto store = storage::OpenSqliteStore({.path = restored});
  ASSERT_TRUE(store.ok()) << store.status();
  auto read = (*store)->BeginRead();
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*(*read)->CountRecords("person"), 50);
  read->reset();
  auto config = DefaultConfig();
  absl::StatusOr<engine::InvariantReport> report =
      engine::CheckInvariants(**store, *config);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_TRUE(report->ok());
}

TEST_F(SecureServerTest, VerifyReportsAHealthyDatabase) {
  Upsert(Person("v1", "Ann Lee", "ann@x.org"));
  Upsert(Person("v2", "Ann Lee", "ann@x.org"));
  auto admin = v1::AdminService::NewStub(channel_);
  v1::VerifyResponse response;
  grpc::Status status = admin->Verify(As("admin").get(), {}, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(response.ok());
  EXPECT_EQ(response.records(), 2);
  EXPECT_EQ(response.violation_count(), 0);
}

}  // namespace
}  // namespace mdm
