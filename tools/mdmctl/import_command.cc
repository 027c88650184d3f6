#include "tools/mdmctl/import_command.h"

#include <deque>
#include <filesystem>
#include <fstream>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "mdm/v1/records.grpc.pb.h"
#include "mdm/v1/schema.grpc.pb.h"
#include "nlohmann/json.hpp"
#include "src/base/utf8.h"
#include "tools/mdmctl/output.h"
#include "tools/mdmctl/progress.h"

namespace mdm::cli {
namespace {

constexpr int kExitRejected = 1;
constexpr int kExitUsage = 2;
constexpr int kExitServer = 3;
// Most records, and about the most bytes, in one streamed request; well
// under the server's 4 MiB message limit, since one record can be 64 KiB.
constexpr int kRecordsPerRequest = 64;
constexpr size_t kBytesPerRequest = 1 << 20;

// Column -> attribute plan derived from the options and the entity type.
struct ColumnPlan {
  absl::flat_hash_map<std::string, std::string> rename;  // column -> attribute
  absl::flat_hash_set<std::string> ignored;
  absl::flat_hash_set<std::string> attributes;  // of the entity type
  bool allow_extra = false;
  std::string id_column;

  // Attribute for a column, or "" to drop it.
  std::string AttributeOf(const std::string& column) const {
    if (column == id_column || ignored.contains(column)) return "";
    auto it = rename.find(column);
    return it == rename.end() ? column : it->second;
  }
  bool Known(const std::string& attribute) const {
    return allow_extra || attributes.contains(attribute);
  }
};

// Rejected rows, written as CSV when the first one arrives. Thread-safe.
class RejectsFile {
 public:
  explicit RejectsFile(std::string path) : path_(std::move(path)) {}

  void Add(int64_t line, const std::string& source_id, const std::string& field,
           const std::string& reason, const std::string& raw) {
    absl::MutexLock lock(&mu_);
    ++count_;
    if (!out_.is_open()) {
      out_.open(path_, std::ios::binary | std::ios::trunc);
      out_ << "line,source_id,field,reason,row\n";
    }
    out_ << line << "," << CsvField(source_id) << "," << CsvField(field) << ","
         << CsvField(reason) << "," << CsvField(raw) << "\n";
  }

  int64_t count() {
    absl::MutexLock lock(&mu_);
    return count_;
  }
  const std::string& path() const { return path_; }

  // Flushes; false if writing failed.
  bool Close() {
    absl::MutexLock lock(&mu_);
    if (!out_.is_open()) return true;
    out_.close();
    return !out_.fail();
  }

 private:
  const std::string path_;
  absl::Mutex mu_;
  std::ofstream out_ ABSL_GUARDED_BY(mu_);
  int64_t count_ ABSL_GUARDED_BY(mu_) = 0;
};

// A row sent and not yet answered.
struct Pending {
  int64_t line = 0;
  std::string source_id;
  std::string raw;
};

struct Counts {
  int64_t created = 0, linked = 0, updated = 0, unchanged = 0, merged = 0;
};

std::string DefaultRejectsPath(const std::string& file) {
  return std::filesystem::path(file).filename().string() + ".rejects.csv";
}

absl::StatusOr<ColumnPlan> PlanColumns(const ImportOptions& options,
                                       const v1::EntityTypeConfig& type) {
  ColumnPlan plan;
  plan.id_column = options.id_column;
  plan.allow_extra = type.allow_extra_attributes();
  for (const v1::AttributeConfig& attribute : type.attributes()) {
    plan.attributes.insert(attribute.name());
  }
  for (const std::string& pair : options.map) {
    std::vector<std::string> parts =
        absl::StrSplit(pair, absl::MaxSplits('=', 1));
    if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--map entry '", pair, "' is not COLUMN=ATTRIBUTE"));
    }
    if (!plan.Known(parts[1])) {
      return absl::InvalidArgumentError(
          absl::StrCat("--map ", pair, ": '", parts[1],
                       "' is not an attribute of ", type.name()));
    }
    plan.rename[parts[0]] = parts[1];
  }
  for (const std::string& column : options.ignore) plan.ignored.insert(column);
  return plan;
}

absl::Status CheckColumns(const ColumnPlan& plan,
                          const std::vector<std::string>& columns,
                          const std::string& type_name) {
  bool has_id = false;
  std::vector<std::string> unknown;
  absl::flat_hash_set<std::string> seen;
  for (const std::string& column : columns) {
    if (!seen.insert(column).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("column '", column, "' appears twice in the header"));
    }
    if (column == plan.id_column) has_id = true;
    const std::string attribute = plan.AttributeOf(column);
    if (!attribute.empty() && !plan.Known(attribute)) unknown.push_back(column);
  }
  if (!has_id) {
    return absl::InvalidArgumentError(absl::StrCat(
        "no id column '", plan.id_column, "' in the header (columns: ",
        absl::StrJoin(columns, ", "), "); name it with --id-column"));
  }
  if (!unknown.empty()) {
    std::vector<std::string> known(plan.attributes.begin(),
                                   plan.attributes.end());
    std::sort(known.begin(), known.end());
    return absl::InvalidArgumentError(
        absl::StrCat("column(s) ", absl::StrJoin(unknown, ", "),
                     " are not attributes of ", type_name,
                     "; rename them with --map=COLUMN=ATTRIBUTE or drop them "
                     "with --ignore=COLUMN (attributes: ",
                     absl::StrJoin(known, ", "), ")"));
  }
  return absl::OkStatus();
}

// Turns an input row into a request, or says why it cannot be sent.
std::string BuildRequest(const InputRow& row, const ColumnPlan& plan,
                         const ImportOptions& options, std::string& source_id,
                         std::string& field,
                         v1::UpsertRecordsRequest& request) {
  request.Clear();
  source_id.clear();
  field.clear();
  if (!row.error.empty()) return row.error;
  v1::SourceRecord* record = request.mutable_record();
  record->set_entity_type(options.entity_type);
  record->mutable_key()->set_source(options.source);
  auto clean = [&](const std::string& value) {
    return options.trim ? std::string(absl::StripAsciiWhitespace(value))
                        : value;
  };
  // The id first, so that every other error can name the record.
  bool has_id = false;
  for (const auto& [column, value] : row.values) {
    if (column != plan.id_column) continue;
    has_id = true;
    source_id = clean(value);
    if (!IsValidUtf8(source_id)) {
      field = "key.source_id";
      return "the id is not valid UTF-8";
    }
    record->mutable_key()->set_source_id(source_id);
  }
  for (const auto& [column, raw_value] : row.values) {
    if (column == plan.id_column) continue;
    const std::string value = clean(raw_value);
    const std::string attribute = plan.AttributeOf(column);
    if (attribute.empty() || value.empty()) continue;
    if (!plan.Known(attribute)) {
      field = absl::StrCat("attributes.", attribute);
      return absl::StrCat("'", column, "' is not an attribute of ",
                          options.entity_type);
    }
    if (!IsValidUtf8(value)) {
      field = absl::StrCat("attributes.", attribute);
      return absl::StrCat("column '", column, "' is not valid UTF-8 (byte ",
                          FirstInvalidUtf8(value), ")");
    }
    (*record->mutable_attributes())[attribute] = value;
  }
  if (!has_id) {
    field = "key.source_id";
    return absl::StrCat("no value for the id column '", plan.id_column, "'");
  }
  return "";
}

}  // namespace

int RunImport(const std::shared_ptr<grpc::Channel>& channel,
              const ImportOptions& options, std::ostream& out,
              std::ostream& err) {
  if (options.entity_type.empty() || options.source.empty()) {
    err << "mdmctl import: --type and --source are required\n";
    return kExitUsage;
  }
  // The entity type's attributes, from the server.
  auto schema = v1::SchemaService::NewStub(channel);
  v1::EntityTypeConfig type;
  {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(10));
    v1::GetEntityTypeRequest request;
    request.set_name(options.entity_type);
    grpc::Status status = schema->GetEntityType(&context, request, &type);
    if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
      err << "mdmctl import: " << status.error_message() << "\n";
      return kExitUsage;
    }
    if (!status.ok()) {
      err << "mdmctl import: cannot reach mdmd: " << status.error_message()
          << "\n";
      return kExitServer;
    }
  }
  absl::StatusOr<ColumnPlan> plan = PlanColumns(options, type);
  if (!plan.ok()) {
    err << "mdmctl import: " << plan.status().message() << "\n";
    return kExitUsage;
  }
  absl::StatusOr<std::unique_ptr<RowSource>> rows =
      OpenRowSource(options.file, options.format);
  if (!rows.ok()) {
    err << "mdmctl import: " << rows.status().message() << "\n";
    return kExitUsage;
  }
  RowSource& source = **rows;
  if (!source.columns().empty()) {
    absl::Status status = CheckColumns(*plan, source.columns(), type.name());
    if (!status.ok()) {
      err << "mdmctl import: " << options.file << ": " << status.message()
          << "\n";
      return kExitUsage;
    }
  }

  RejectsFile rejects(options.rejects_path.empty()
                          ? DefaultRejectsPath(options.file)
                          : options.rejects_path);
  std::error_code ignored;
  std::filesystem::remove(rejects.path(), ignored);  // a stale report misleads

  const absl::Time start = absl::Now();
  auto records = v1::RecordService::NewStub(channel);
  grpc::ClientContext context;
  std::unique_ptr<grpc::ClientReaderWriter<v1::UpsertRecordsRequest,
                                           v1::UpsertRecordsResponse>>
      stream = records->UpsertRecords(&context);

  absl::Mutex mu;
  std::deque<Pending> pending;  // guarded by mu
  std::atomic<int64_t> bytes_read{0};
  std::atomic<int64_t> rows_read{0};
  std::atomic<int64_t> unsent{0};  // rows rejected before sending

  std::thread writer([&] {
    InputRow row;
    v1::UpsertRecordsRequest request;
    // Records go out in groups: one message, and one wake-up of each side,
    // per group instead of per record.
    v1::UpsertRecordsRequest group;
    size_t group_bytes = 0;
    bool open = true;
    auto send = [&] {
      if (group.records().empty()) return;
      open = stream->Write(group);  // false: the server went away
      group.Clear();
      group_bytes = 0;
    };
    std::string source_id, field;
    while (open && source.Next(row)) {
      ++rows_read;
      bytes_read = source.bytes_read();
      const std::string problem =
          BuildRequest(row, *plan, options, source_id, field, request);
      if (!problem.empty()) {
        rejects.Add(row.line, source_id, field, problem, row.raw);
        ++unsent;
        continue;
      }
      {
        absl::MutexLock lock(&mu);
        pending.push_back({row.line, source_id, row.raw});
      }
      group_bytes += request.record().ByteSizeLong();
      group.mutable_records()->Add(std::move(*request.mutable_record()));
      if (group.records_size() >= kRecordsPerRequest ||
          group_bytes >= kBytesPerRequest) {
        send();
      }
    }
    if (open) send();
    bytes_read = source.bytes_read();
    stream->WritesDone();
  });

  Progress progress(err, options.terminal, source.total_bytes());
  Counts counts;
  v1::UpsertRecordsResponse response;
  int64_t answered = 0;
  while (stream->Read(&response)) {
    Pending row;
    {
      absl::MutexLock lock(&mu);
      if (!pending.empty()) {
        row = std::move(pending.front());
        pending.pop_front();
      }
    }
    ++answered;
    if (response.has_rejected()) {
      rejects.Add(row.line, row.source_id, response.rejected().field(),
                  response.rejected().message(), row.raw);
    } else {
      switch (response.accepted().outcome()) {
        case v1::CREATED:
          ++counts.created;
          break;
        case v1::LINKED:
          ++counts.linked;
          break;
        case v1::UPDATED:
          ++counts.updated;
          break;
        default:
          ++counts.unchanged;
      }
      counts.merged += response.accepted().merged_golden_ids_size();
    }
    progress.Update(answered + unsent, bytes_read);
  }
  writer.join();
  grpc::Status status = stream->Finish();
  size_t unanswered = 0;
  {
    absl::MutexLock lock(&mu);
    unanswered = pending.size();
  }
  if (status.ok() && unanswered > 0) {
    // Every row sent is answered on a healthy stream; a request the server
    // could not parse ends its reading early.
    status = grpc::Status(grpc::StatusCode::DATA_LOSS,
                          absl::StrCat("the server ended the stream with ",
                                       unanswered, " sent rows unanswered"));
  }
  progress.Finish();
  const bool rejects_written = rejects.Close();
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  const int64_t rejected = rejects.count();
  const int64_t total = rows_read;

  if (options.json) {
    nlohmann::json summary = {
        {"file", options.file},      {"rows", total},
        {"created", counts.created}, {"linked", counts.linked},
        {"updated", counts.updated}, {"unchanged", counts.unchanged},
        {"rejected", rejected},      {"merged", counts.merged},
        {"seconds", seconds},        {"ok", status.ok()}};
    if (rejected > 0) summary["rejects_file"] = rejects.path();
    out << summary.dump() << "\n";
  } else {
    out << absl::StrFormat(
        "imported %s: %d rows in %.1fs (%.0f rows/s): %d created, %d linked, "
        "%d updated, %d unchanged, %d rejected; %d golden records merged\n",
        options.file, total, seconds, seconds > 0 ? total / seconds : 0,
        counts.created, counts.linked, counts.updated, counts.unchanged,
        rejected, counts.merged);
    if (rejected > 0) {
      out << "rejected rows and reasons: " << rejects.path() << "\n";
    }
  }
  if (!rejects_written) {
    err << "mdmctl import: could not write " << rejects.path() << "\n";
  }
  if (!status.ok()) {
    err << "mdmctl import: the server stopped the import after " << answered
        << " answered rows: " << status.error_message()
        << "\nRe-run the same command to continue; rows already committed "
           "are unchanged the second time.\n";
    return kExitServer;
  }
  return rejected > 0 ? kExitRejected : 0;
}

}  // namespace mdm::cli
