// mdmctl import against an in-process fake of the service: the order of its
// checks (local usage errors before the server's verdict on --source), the
// new-source warning, and server text printed escaped.
#include "tools/mdmctl/import_command.h"

#include <grpcpp/grpcpp.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mdm/v1/records.grpc.pb.h"
#include "mdm/v1/schema.grpc.pb.h"
#include "src/base/testing/temp_dir.h"
#include "tools/mdmctl/exit_codes.h"

namespace mdm::cli {
namespace {

using ::mdm::testing::TempDir;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

// Person with three attributes, or `status` when it is not OK.
class FakeSchema final : public v1::SchemaService::Service {
 public:
  grpc::Status GetEntityType(grpc::ServerContext*,
                             const v1::GetEntityTypeRequest* request,
                             v1::EntityTypeConfig* response) override {
    if (!status.ok()) return status;
    response->set_name(request->name());
    response->set_id_prefix("PER");
    for (const char* name : {"given_name", "family_name", "email"}) {
      response->add_attributes()->set_name(name);
    }
    return grpc::Status::OK;
  }

  grpc::Status status = grpc::Status::OK;
};

// Answers CheckSource with `check_status` and `warnings`; accepts the first
// `accept` records of the upsert stream, then ends it with `stream_end`.
class FakeRecords final : public v1::RecordService::Service {
 public:
  grpc::Status CheckSource(grpc::ServerContext*,
                           const v1::CheckSourceRequest* request,
                           v1::CheckSourceResponse* response) override {
    absl::MutexLock lock(&mu_);
    ++check_calls_;
    new_source_ = request->new_source();
    if (!check_status.ok()) return check_status;
    for (const std::string& warning : warnings) response->add_warnings(warning);
    return grpc::Status::OK;
  }

  grpc::Status UpsertRecords(
      grpc::ServerContext*,
      grpc::ServerReaderWriter<v1::UpsertRecordsResponse,
                               v1::UpsertRecordsRequest>* stream) override {
    {
      absl::MutexLock lock(&mu_);
      ++streams_;
    }
    v1::UpsertRecordsRequest request;
    int64_t index = 0;
    while (stream->Read(&request)) {
      for (int i = 0; i < request.records_size(); ++i, ++index) {
        if (index >= accept) return stream_end;
        v1::UpsertRecordsResponse response;
        response.set_index(index);
        response.mutable_accepted()->set_outcome(v1::CREATED);
        stream->Write(response);
      }
    }
    return grpc::Status::OK;
  }

  int check_calls() {
    absl::MutexLock lock(&mu_);
    return check_calls_;
  }
  bool new_source() {
    absl::MutexLock lock(&mu_);
    return new_source_;
  }
  int streams() {
    absl::MutexLock lock(&mu_);
    return streams_;
  }

  grpc::Status check_status = grpc::Status::OK;
  std::vector<std::string> warnings;
  int64_t accept = 1'000'000;
  grpc::Status stream_end = grpc::Status::OK;

 private:
  absl::Mutex mu_;
  int check_calls_ ABSL_GUARDED_BY(mu_) = 0;
  bool new_source_ ABSL_GUARDED_BY(mu_) = false;
  int streams_ ABSL_GUARDED_BY(mu_) = 0;
};

const grpc::Status kRefusedSource(
    grpc::StatusCode::INVALID_ARGUMENT,
    "source 'CRM' differs only by case from source 'crm'; use 'crm', or "
    "confirm 'CRM' as a new source (mdmctl --new-source)");

constexpr char kWarning[] =
    "source 'crm' is new and not in the configuration: the default source "
    "settings apply (trust 0.5); name it under sources in the configuration "
    "to change them";

class ImportCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.RegisterService(&schema_);
    builder.RegisterService(&records_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    channel_ = server_->InProcessChannel(grpc::ChannelArguments());
  }
  void TearDown() override { server_->Shutdown(); }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = dir_.Path(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  ImportOptions Options(const std::string& file) {
    return {.file = file, .entity_type = "person", .source = "crm"};
  }

  int Run(const ImportOptions& options) {
    out_.str("");
    err_.str("");
    return RunImport(channel_, {.actor = "ann"}, options, out_, err_);
  }

  std::vector<std::string> ErrLines() {
    return absl::StrSplit(err_.str(), '\n', absl::SkipEmpty());
  }

  TempDir dir_;
  FakeSchema schema_;
  FakeRecords records_;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::ostringstream out_;
  std::ostringstream err_;
};

constexpr char kTwoPeople[] =
    "id,given_name,family_name\n"
    "1,Ann,Lee\n"
    "2,Bo,Chen\n";

TEST_F(ImportCommandTest, LocalUsageErrorsComeBeforeTheSourceCheck) {
  // The server would refuse --source; a local mistake is reported instead.
  records_.check_status = kRefusedSource;
  const std::string good = Write("good.csv", kTwoPeople);
  const std::string unknown_column =
      Write("unknown.csv", "id,given_name,shoe_size\n1,Ann,42\n");
  const struct {
    const char* what;
    ImportOptions options;
    const char* error;
  } cases[] = {
      {"missing file", Options(dir_.Path("missing.csv")), "cannot open"},
      {"unknown column", Options(unknown_column), "shoe_size"},
      {"contradictory flags",
       [&] {
         ImportOptions o = Options(good);
         o.ignore = {"id"};
         return o;
       }(),
       "--ignore=id drops the id column"},
      {"bad delimiter",
       [&] {
         ImportOptions o = Options(good);
         o.delimiter = "ab";
         return o;
       }(),
       "--delimiter"},
      {"rejects file not creatable",
       [&] {
         ImportOptions o = Options(good);
         o.rejects_path = dir_.Path("no/such/dir/rejects.csv");
         return o;
       }(),
       "cannot create the rejects file"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Run(c.options), kExitUsage) << c.what << ": " << err_.str();
    EXPECT_THAT(err_.str(), HasSubstr(c.error)) << c.what;
    EXPECT_THAT(err_.str(), Not(HasSubstr("--source"))) << c.what;
    EXPECT_THAT(ErrLines(), SizeIs(1)) << c.what << ": " << err_.str();
  }
  EXPECT_EQ(records_.check_calls(), 0);
  EXPECT_EQ(records_.streams(), 0);
}

TEST_F(ImportCommandTest, RefusedSourceStopsBeforeAnyRowAndLeavesNoRejects) {
  records_.check_status = kRefusedSource;
  const std::string file = Write("people.csv", kTwoPeople);
  ImportOptions options = Options(file);
  options.source = "CRM";
  EXPECT_EQ(Run(options), kExitInvalidArgument);
  ASSERT_THAT(ErrLines(), SizeIs(1)) << err_.str();
  EXPECT_THAT(ErrLines()[0],
              HasSubstr("mdmctl import: --source: source 'CRM' differs only "
                        "by case from source 'crm'"));
  EXPECT_EQ(records_.check_calls(), 1);
  EXPECT_EQ(records_.streams(), 0);
  EXPECT_EQ(out_.str(), "");
  EXPECT_FALSE(std::filesystem::exists(file + ".rejects.csv"));
}

TEST_F(ImportCommandTest, NewSourceWarningIsPrintedOnceAfterTheRows) {
  records_.warnings = {kWarning, kWarning};
  ImportOptions options = Options(Write("people.csv", kTwoPeople));
  options.new_source = true;
  EXPECT_EQ(Run(options), kExitOk) << err_.str();
  EXPECT_TRUE(records_.new_source());
  EXPECT_THAT(out_.str(), HasSubstr("2 rows"));
  ASSERT_THAT(ErrLines(), SizeIs(1)) << err_.str();
  EXPECT_EQ(ErrLines()[0], absl::StrCat("mdmctl import: warning: ", kWarning));

  // Every row rejected before sending: no row went out, nothing to warn
  // about.
  EXPECT_EQ(Run(Options(Write("malformed.csv",
                              "id,given_name\n1,Ann,extra\n2,Bo,extra\n"))),
            kExitFailure);
  EXPECT_THAT(out_.str(), HasSubstr("2 rejected"));
  EXPECT_THAT(err_.str(), Not(HasSubstr("warning")));
}

TEST_F(ImportCommandTest, ServerTextIsPrintedEscaped) {
  const std::string file = Write("people.csv", kTwoPeople);
  auto expect_escaped = [&](const std::string& expected) {
    EXPECT_THAT(err_.str(), HasSubstr(expected));
    EXPECT_FALSE(absl::StrContains(err_.str(), "\x1b")) << err_.str();
    EXPECT_FALSE(absl::StrContains(out_.str(), "\x1b")) << out_.str();
    // One line per message: no line break of the server's gets through.
    for (const std::string& line : ErrLines()) {
      EXPECT_TRUE(absl::StartsWith(line, "mdmctl import: ")) << line;
    }
  };

  // The stream ends with an error quoting data after the first record.
  records_.accept = 1;
  records_.stream_end =
      grpc::Status(grpc::StatusCode::INTERNAL,
                   "record crm:2: broke on 'Bo\x1b[2J'\nmdmctl import: fake");
  EXPECT_EQ(Run(Options(file)), kExitFailure);
  EXPECT_THAT(out_.str(), HasSubstr("stopped importing"));
  expect_escaped("broke on 'Bo\\x1b[2J'\\nmdmctl import: fake (INTERNAL)");

  // The entity type's lookup fails, quoting what was asked for.
  schema_.status = grpc::Status(grpc::StatusCode::NOT_FOUND,
                                "unknown entity type 'per\x1b[31mson'");
  EXPECT_EQ(Run(Options(file)), kExitNotFound);
  expect_escaped("--type: unknown entity type 'per\\x1b[31mson'");
  schema_.status = grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                                "token 'x\x1b]0;owned\x07' lacks reader");
  EXPECT_EQ(Run(Options(file)), kExitDenied);
  expect_escaped("token 'x\\x1b]0;owned\\x07' lacks reader");
  schema_.status = grpc::Status::OK;

  // Values of the file itself, quoted in the duplicate-id report.
  records_.accept = 1'000'000;
  records_.stream_end = grpc::Status::OK;
  EXPECT_EQ(Run(Options(Write("dup.csv",
                              "id,given_name\n"
                              "a\x1b[2J,Ann\n"
                              "a\x1b[2J,Ann\n"))),
            kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("a\\x1b[2J (lines 2, 3)"));
  expect_escaped("");
}

}  // namespace
}  // namespace mdm::cli
