#include "tools/mdmctl/import_command.h"

#include <atomic>
#include <deque>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "mdm/v1/records.grpc.pb.h"
#include "mdm/v1/schema.grpc.pb.h"
#include "nlohmann/json.hpp"
#include "src/base/utf8.h"
#include "tools/mdmctl/call_errors.h"
#include "tools/mdmctl/column_plan.h"
#include "tools/mdmctl/duplicate_ids.h"
#include "tools/mdmctl/exit_codes.h"
#include "tools/mdmctl/import_stop.h"
#include "tools/mdmctl/interrupt.h"
#include "tools/mdmctl/progress.h"
#include "tools/mdmctl/rejects_file.h"
#include "tools/mdmctl/source_check.h"
#include "tools/mdmctl/terminal_text.h"

namespace mdm::cli {
namespace {

// Most records, and about the most bytes, in one streamed request; well
// under the server's 4 MiB message limit, since one record can be 64 KiB.
constexpr int kRecordsPerRequest = 64;
constexpr size_t kBytesPerRequest = 1 << 20;

// A row sent and not yet answered.
struct Pending {
  int64_t line = 0;
  std::string source_id;
  std::string raw;
};

struct Counts {
  int64_t created = 0, linked = 0, updated = 0, unchanged = 0, merged = 0;
  int64_t applied() const { return created + linked + updated + unchanged; }
};

// The --delimiter flag as a character; 0 for "detect".
absl::StatusOr<char> ParseDelimiter(const std::string& flag) {
  if (flag.empty()) return '\0';
  if (flag == "tab" || flag == "\\t" || flag == "\t") return '\t';
  if (flag.size() == 1 && flag[0] != '"' && flag[0] != '\n' &&
      flag[0] != '\r') {
    return flag[0];
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "--delimiter='", flag, "': give one character (',', ';', '|') or 'tab'"));
}

std::string DelimiterName(char delimiter) {
  return delimiter == '\t' ? "tab" : std::string(1, delimiter);
}

// Turns an input row into a record, or says why it cannot be sent.
std::string BuildRecord(const InputRow& row, const ColumnPlan& plan,
                        const ImportOptions& options, std::string& source_id,
                        std::string& field, v1::SourceRecord& record) {
  record.Clear();
  source_id.clear();
  field.clear();
  if (!row.error.empty()) return row.error;
  if (std::string conflict = plan.RowConflict(row.values); !conflict.empty()) {
    return conflict;
  }
  record.set_entity_type(options.entity_type);
  record.mutable_key()->set_source(options.source);
  auto clean = [&](const std::string& value) {
    return options.trim ? std::string(absl::StripAsciiWhitespace(value))
                        : value;
  };
  // The id first, so that every other error can name the record.
  bool has_id = false;
  for (const auto& [column, value] : row.values) {
    if (column != plan.id_column()) continue;
    has_id = true;
    source_id = clean(value);
    if (!IsValidUtf8(source_id)) {
      field = "key.source_id";
      return "the id is not valid UTF-8";
    }
    record.mutable_key()->set_source_id(source_id);
  }
  for (const auto& [column, raw_value] : row.values) {
    if (column == plan.id_column()) continue;
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
    (*record.mutable_attributes())[attribute] = value;
  }
  if (!has_id) {
    field = "key.source_id";
    return absl::StrCat("no value for the id column '", plan.id_column(), "'");
  }
  return "";
}

// The entity type's attributes, or the exit code after reporting why not.
absl::StatusOr<v1::EntityTypeConfig> FetchType(
    const std::shared_ptr<grpc::Channel>& channel, const ImportOptions& options,
    std::ostream& err, int& exit_code) {
  auto schema = v1::SchemaService::NewStub(channel);
  v1::EntityTypeConfig type;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  v1::GetEntityTypeRequest request;
  request.set_name(options.entity_type);
  const grpc::Status status = schema->GetEntityType(&context, request, &type);
  if (status.ok()) return type;
  exit_code = ExitCodeFor(status.error_code());
  if (status.error_code() == grpc::StatusCode::PERMISSION_DENIED) {
    err << "mdmctl import: " << TerminalSafe(status.error_message())
        << ": import reads the entity type's attributes (reader role) and "
           "sends records (writer role); give a token with both\n";
  } else if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    err << "mdmctl import: --type: " << TerminalSafe(status.error_message())
        << " (mdmctl types lists them)\n";
  } else {
    err << "mdmctl import: " << TerminalSafe(DescribeFailure("import", status))
        << "\n";
  }
  return absl::UnavailableError("reported");
}

}  // namespace

int RunImport(const std::shared_ptr<grpc::Channel>& channel,
              const CommonOptions& common, const ImportOptions& options,
              std::ostream& out, std::ostream& err) {
  if (options.entity_type.empty() || options.source.empty()) {
    err << "mdmctl import: --type and --source are required\n";
    return kExitUsage;
  }
  absl::StatusOr<char> delimiter = ParseDelimiter(options.delimiter);
  if (!delimiter.ok()) {
    err << "mdmctl import: " << TerminalSafe(delimiter.status().message())
        << "\n";
    return kExitUsage;
  }
  int exit_code = kExitOk;
  absl::StatusOr<v1::EntityTypeConfig> type =
      FetchType(channel, options, err, exit_code);
  if (!type.ok()) return exit_code;
  absl::StatusOr<ColumnPlan> planned =
      PlanColumns({.id_column = options.id_column,
                   .map = options.map,
                   .ignore = options.ignore},
                  *type);
  if (!planned.ok()) {
    err << "mdmctl import: " << TerminalSafe(planned.status().message())
        << "\n";
    return kExitUsage;
  }
  const ColumnPlan& plan = *planned;
  absl::StatusOr<std::unique_ptr<RowSource>> rows =
      OpenRowSource(options.file, {.format = options.format,
                                   .encoding = options.encoding,
                                   .delimiter = *delimiter});
  if (!rows.ok()) {
    err << "mdmctl import: " << TerminalSafe(rows.status().message()) << "\n";
    return kExitUsage;
  }
  RowSource& source = **rows;
  if (!source.columns().empty()) {
    absl::Status status = plan.CheckHeader(source.columns());
    if (!status.ok()) {
      err << "mdmctl import: " << TerminalSafe(options.file) << ": "
          << TerminalSafe(status.message()) << "\n";
      return kExitUsage;
    }
  }
  absl::StatusOr<std::unique_ptr<RejectsFile>> created = RejectsFile::Create(
      options.rejects_path.empty() ? RejectsPathFor(options.file)
                                   : options.rejects_path);
  if (!created.ok()) {
    err << "mdmctl import: " << TerminalSafe(created.status().message())
        << "\n";
    return kExitUsage;
  }
  RejectsFile& rejects = **created;
  // The server's verdict on --source comes after every local check, so that
  // a usage error is reported first. Returning removes the empty rejects
  // file.
  std::vector<std::string> source_warnings;
  if (int code = CheckSourceUpFront(channel, common, "import", options.source,
                                    options.new_source, err, source_warnings);
      code != kExitOk) {
    return code;
  }

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
  std::atomic<bool> stop_reading{false};
  std::atomic<bool> rejects_failed{false};
  std::atomic<bool> all_sent{false};  // every row of the file sent
  std::atomic<int64_t> sent{0};       // rows handed to the stream
  DuplicateIds duplicates;            // the writer's until it is joined

  InterruptHandler interrupts;
  interrupts.OnInterrupt([&] {
    stop_reading = true;
    err << "\nmdmctl import: interrupted; waiting for mdmd to answer the rows "
           "already sent (Ctrl-C again to quit at once)\n";
  });

  std::thread writer([&] {
    InputRow row;
    v1::SourceRecord record;
    // Records go out in groups: one message, and one wake-up of each side,
    // per group instead of per record.
    v1::UpsertRecordsRequest group;
    size_t group_bytes = 0;
    bool open = true;
    auto send = [&] {
      if (group.records().empty()) return;
      group.set_partial(options.partial);
      open = stream->Write(group);  // false: the server ended the stream
      if (open) sent += group.records_size();
      group.Clear();
      group_bytes = 0;
    };
    auto reject = [&](int64_t line, const std::string& id,
                      const std::string& field, const std::string& reason,
                      const std::string& raw) {
      if (!rejects.Add(line, id, field, reason, raw)) {
        rejects_failed = true;
        stop_reading = true;
      }
    };
    std::string source_id, field;
    bool file_done = false;
    while (open && !stop_reading) {
      if (!source.Next(row)) {
        file_done = true;
        break;
      }
      ++rows_read;
      bytes_read = source.bytes_read();
      const std::string problem =
          BuildRecord(row, plan, options, source_id, field, record);
      if (!problem.empty()) {
        reject(row.line, source_id, field, problem, row.raw);
        ++unsent;
        continue;
      }
      duplicates.Add(source_id, row.line);
      {
        absl::MutexLock lock(&mu);
        pending.push_back({row.line, source_id, row.raw});
      }
      group_bytes += record.ByteSizeLong();
      group.mutable_records()->Add(std::move(record));
      if (group.records_size() >= kRecordsPerRequest ||
          group_bytes >= kBytesPerRequest) {
        send();
      }
    }
    if (open && !stop_reading) {
      send();
      all_sent = file_done && open;
    } else {
      // Read but never sent: no answer will come for them.
      absl::MutexLock lock(&mu);
      for (int i = 0; i < group.records_size(); ++i) pending.pop_back();
    }
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
      if (!rejects.Add(row.line, row.source_id, response.rejected().field(),
                       response.rejected().message(), row.raw)) {
        rejects_failed = true;
        stop_reading = true;
      }
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
  int64_t unanswered = 0;
  {
    absl::MutexLock lock(&mu);
    unanswered = static_cast<int64_t>(pending.size());
  }
  if (status.ok() && unanswered > 0) {
    // Every row sent is answered on a healthy stream; a request the server
    // could not parse ends its reading early.
    status = grpc::Status(grpc::StatusCode::DATA_LOSS,
                          absl::StrCat("the server ended the stream with ",
                                       unanswered, " sent rows unanswered"));
  }
  progress.Finish();
  const absl::Status rejects_status = rejects.Close();
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  const int64_t rejected = rejects.count();
  const int64_t total = rows_read;
  // Ctrl-C after the last row was sent stops nothing.
  const bool interrupted = interrupts.interrupted() && !all_sent;
  const bool stopped = !status.ok() || interrupted || rejects_failed;
  ImportStop stop;
  if (rejects_failed) {
    stop.exit_code = kExitFailure;
    stop.cause = std::string(rejects_status.message());
    stop.advice =
        "make room for the rejects file (or choose another with "
        "--rejects), then re-run the same command";
  } else if (stopped) {
    stop = ClassifyImportStop(status, interrupted, GetCallTarget());
  }
  const int exit = stopped        ? stop.exit_code
                   : rejected > 0 ? kExitFailure
                                  : kExitOk;
  const std::vector<std::string> examples = duplicates.Examples();

  if (options.json) {
    nlohmann::json summary = {{"file", options.file},
                              {"rows", total},
                              {"acknowledged", answered + unsent},
                              {"created", counts.created},
                              {"linked", counts.linked},
                              {"updated", counts.updated},
                              {"unchanged", counts.unchanged},
                              {"rejected", rejected},
                              {"merged", counts.merged},
                              {"duplicate_ids", duplicates.ids()},
                              {"duplicate_examples", examples},
                              {"encoding", source.encoding()},
                              {"partial", options.partial},
                              {"seconds", seconds},
                              {"ok", !stopped},
                              {"exit_code", exit}};
    if (source.delimiter() != 0) {
      summary["delimiter"] = DelimiterName(source.delimiter());
    }
    if (rejected > 0) summary["rejects_file"] = rejects.path();
    if (stopped) {
      summary["stopped"] = {{"cause", stop.cause},
                            {"advice", stop.advice},
                            {"rerun_helps", stop.rerun_helps},
                            {"applied", counts.applied()}};
    }
    out << summary.dump(-1, ' ', false,
                        nlohmann::json::error_handler_t::replace)
        << "\n";
  } else {
    const std::string outcomes = absl::StrFormat(
        "%d created, %d linked, %d updated, %d unchanged, %d rejected; %d "
        "golden records merged",
        counts.created, counts.linked, counts.updated, counts.unchanged,
        rejected, counts.merged);
    const std::string file = TerminalSafe(options.file);
    if (stopped) {
      out << absl::StrFormat(
          "stopped importing %s: %d rows acknowledged in %.1fs: %s\n", file,
          answered + unsent, seconds, outcomes);
      if (unanswered > 0) {
        out << unanswered << " rows were sent without an answer\n";
      }
    } else {
      out << absl::StrFormat(
          "imported %s: %d rows in %.1fs (%.0f rows/s): %s\n", file, total,
          seconds, seconds > 0 ? total / seconds : 0, outcomes);
    }
    if (duplicates.ids() > 0) {
      out << duplicates.ids() << " source id"
          << (duplicates.ids() == 1 ? " is" : "s are")
          << " on more than one row; "
          << (options.partial ? "the rows were merged in file order"
                              : "the last row of each was kept")
          << ": " << TerminalSafe(absl::StrJoin(examples, ", "))
          << (duplicates.ids() > static_cast<int64_t>(examples.size()) ? ", ..."
                                                                       : "")
          << "\n";
    }
    if (rejected > 0) {
      out << "rejected rows and reasons: " << TerminalSafe(rejects.path())
          << "\n";
    }
  }
  int code = exit;
  if (stopped) {
    // The cause quotes the server's message.
    err << "mdmctl import: " << TerminalSafe(stop.Describe(counts.applied()))
        << "\n";
  } else if (!rejects_status.ok()) {
    err << "mdmctl import: " << TerminalSafe(rejects_status.message()) << "\n";
    code = kExitFailure;
  }
  // Once, and only when rows went out: an import that sent nothing has
  // nothing to warn about.
  if (sent > 0) PrintSourceWarnings("import", source_warnings, err);
  return code;
}

}  // namespace mdm::cli
