#include "tools/mdmctl/commands.h"

#include <chrono>
#include <cmath>
#include <map>
#include <set>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "mdm/v1/changes.grpc.pb.h"
#include "mdm/v1/matching.grpc.pb.h"
#include "mdm/v1/records.grpc.pb.h"
#include "mdm/v1/schema.grpc.pb.h"
#include "nlohmann/json.hpp"
#include "src/base/utf8.h"
#include "tools/mdmctl/output.h"
#include "tools/mdmctl/rpc_util.h"
#include "tools/mdmctl/source_check.h"
#include "tools/mdmctl/terminal_text.h"

namespace mdm::cli {
namespace {

std::string KindName(v1::ChangeKind kind) { return v1::ChangeKind_Name(kind); }

std::string Describe(const v1::ChangeEvent& event) {
  std::vector<std::string> keys;
  for (const v1::SourceKey& key : event.keys()) keys.push_back(Key(key));
  std::string line =
      absl::StrCat(event.sequence(), "  ", Time(event.time()), "  ",
                   KindName(event.kind()), "  ", event.golden_id());
  if (!event.survivor_id().empty()) {
    absl::StrAppend(&line, " -> ", event.survivor_id());
  }
  if (!keys.empty()) absl::StrAppend(&line, "  ", absl::StrJoin(keys, " "));
  return line;
}

}  // namespace

bool ParseTimeArg(const std::string& text, absl::Time* time,
                  std::string* error) {
  std::string parse_error;
  if (absl::ParseTime(absl::RFC3339_full, text, time, &parse_error)) {
    return true;
  }
  if (absl::ParseTime("%Y-%m-%d", text, absl::UTCTimeZone(), time,
                      &parse_error)) {
    return true;
  }
  *error = absl::StrCat("'", text,
                        "' is not a time: give RFC 3339 "
                        "(2026-09-30T23:59:59Z) or a date (2026-09-30)");
  return false;
}

int RunResolve(const std::shared_ptr<grpc::Channel>& channel,
               const CommonOptions& common,
               const std::vector<std::string>& args,
               const std::string& entity_type, const std::string& as_of,
               std::ostream& out, std::ostream& err) {
  v1::ResolveRequest request;
  if (!as_of.empty()) {
    absl::Time time;
    std::string error;
    if (!ParseTimeArg(as_of, &time, &error)) {
      err << "mdmctl resolve: --as-of: " << error << "\n";
      return kExitUsage;
    }
    SetTimestamp(time, request.mutable_as_of());
  }
  if (args.size() == 2) {
    request.mutable_key()->set_source(args[0]);
    request.mutable_key()->set_source_id(args[1]);
  } else if (args.size() == 1) {
    request.set_golden_id(args[0]);
  } else {
    err << "mdmctl resolve: give SOURCE SOURCE_ID, or a GOLDEN_ID\n";
    return kExitUsage;
  }
  request.set_entity_type(entity_type);
  v1::ResolveResponse response;
  auto stub = v1::RecordService::NewStub(channel);
  grpc::Status status = stub->Resolve(NewContext().get(), request, &response);
  if (!status.ok()) return Fail(err, "resolve", status);
  if (common.json) {
    PrintJson(response, out);
    return 0;
  }
  out << response.golden_id();
  if (response.redirected()) out << "  (redirected from " << args[0] << ")";
  if (response.retired()) out << "  (retired)";
  out << "\n";
  return 0;
}

int RunGet(const std::shared_ptr<grpc::Channel>& channel,
           const CommonOptions& common, const std::string& golden_id,
           const std::string& as_of, std::ostream& out, std::ostream& err) {
  v1::GetGoldenRecordRequest request;
  request.set_golden_id(golden_id);
  request.set_follow_redirects(true);
  if (!as_of.empty()) {
    absl::Time time;
    std::string error;
    if (!ParseTimeArg(as_of, &time, &error)) {
      err << "mdmctl get: --as-of: " << error << "\n";
      return kExitUsage;
    }
    SetTimestamp(time, request.mutable_as_of());
  }
  v1::GetGoldenRecordResponse response;
  auto stub = v1::RecordService::NewStub(channel);
  grpc::Status status =
      stub->GetGoldenRecord(NewContext().get(), request, &response);
  if (!status.ok()) return Fail(err, "get", status);
  if (common.json) {
    PrintJson(response, out);
    return 0;
  }
  const v1::GoldenRecord& golden = response.record();
  out << golden.golden_id() << "  " << golden.entity_type() << "  "
      << v1::GoldenState_Name(golden.state()) << "  version "
      << golden.version() << "  created " << Time(golden.created_at())
      << "  updated " << Time(golden.updated_at()) << "\n";
  if (response.redirected()) {
    out << "(" << golden_id << " was merged into " << golden.golden_id()
        << (as_of.empty() ? "" : " by then") << ")\n";
  }
  if (!as_of.empty()) out << "(as of " << as_of << ")\n";
  out << "\n";
  Table attributes({"ATTRIBUTE", "VALUE", "FROM", "RULE"});
  for (const v1::GoldenAttribute& a : golden.attributes()) {
    attributes.AddRow({a.name(), a.value(), Key(a.source()),
                       a.invalid() ? a.rule() + " (invalid)" : a.rule()});
  }
  attributes.Print(out);
  out << "\n";
  if (!as_of.empty()) {
    Table xrefs({"SOURCE", "SOURCE_ID"});
    for (const v1::Xref& x : golden.xrefs()) {
      xrefs.AddRow({x.key().source(), x.key().source_id()});
    }
    xrefs.Print(out);
    return 0;
  }
  Table xrefs({"SOURCE", "SOURCE_ID", "VERSION", "UPDATED"});
  for (const v1::Xref& x : golden.xrefs()) {
    xrefs.AddRow({x.key().source(), x.key().source_id(),
                  absl::StrCat(x.version()), Time(x.updated_at())});
  }
  xrefs.Print(out);
  return 0;
}

namespace {

std::string CauseText(const v1::GoldenVersion& version) {
  switch (version.cause()) {
    case v1::RECORD_UPSERT:
      return absl::StrCat("upsert of ", Key(version.cause_key()));
    case v1::RECORD_DELETE:
      return absl::StrCat("delete of ", Key(version.cause_key()));
    case v1::REMATCH:
      return absl::StrCat("re-match (", TerminalSafe(version.cause_note()),
                          ")");
    case v1::STEWARD:
      return absl::StrCat(
          "steward decision",
          version.cause_note().empty()
              ? ""
              : absl::StrCat(": ", TerminalSafe(version.cause_note())));
    default:
      return "state before history was kept";
  }
}

std::string Values(const google::protobuf::RepeatedPtrField<std::string>& v) {
  if (v.empty()) return "(none)";
  std::vector<std::string> quoted;
  for (const std::string& value : v)
    quoted.push_back(absl::StrCat("\"", TerminalSafe(value), "\""));
  return absl::StrJoin(quoted, ", ");
}

}  // namespace

int RunHistory(const std::shared_ptr<grpc::Channel>& channel,
               const CommonOptions& common, const std::string& golden_id,
               std::ostream& out, std::ostream& err) {
  auto stub = v1::RecordService::NewStub(channel);
  v1::GetGoldenHistoryRequest request;
  request.set_golden_id(golden_id);
  request.set_page_size(1000);
  while (true) {
    v1::GetGoldenHistoryResponse response;
    grpc::Status status =
        stub->GetGoldenHistory(NewContext().get(), request, &response);
    if (!status.ok()) return Fail(err, "history", status);
    for (const v1::GoldenVersion& version : response.versions()) {
      if (common.json) {
        PrintJson(version, out);
        continue;
      }
      out << "version " << version.version() << "  " << Time(version.time())
          << "  " << v1::GoldenState_Name(version.state()) << "  "
          << CauseText(version) << "\n";
      for (const v1::SourceKey& key : version.joined()) {
        out << "  + " << Key(key) << " linked\n";
      }
      for (const v1::DepartedXref& departed : version.departed()) {
        out << "  - " << Key(departed.key())
            << (departed.to_golden_id().empty()
                    ? " deleted"
                    : absl::StrCat(" moved to ", departed.to_golden_id()))
            << "\n";
      }
      for (const std::string& absorbed : version.absorbed()) {
        out << "  < merged " << absorbed << " into this record\n";
      }
      if (!version.merged_into().empty()) {
        out << "  > merged into " << version.merged_into() << "\n";
      }
      for (const v1::AttributeChange& change : version.changes()) {
        out << "  " << TerminalSafe(change.name()) << ": "
            << Values(change.before()) << " -> " << Values(change.after())
            << "\n";
      }
    }
    if (!response.more() || response.versions().empty()) break;
    request.set_after_version(
        response.versions(response.versions_size() - 1).version());
  }
  return 0;
}

int RunSearch(const std::shared_ptr<grpc::Channel>& channel,
              const CommonOptions& common, const SearchOptions& options,
              std::ostream& out, std::ostream& err) {
  v1::SearchRequest request;
  request.set_entity_type(options.entity_type);
  request.set_text(absl::StrJoin(options.text, " "));
  request.set_limit(options.limit);
  request.set_min_probability(options.min_probability);
  for (const std::string& pair : options.attributes) {
    const size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) {
      err << "mdmctl search: --attr wants NAME=VALUE, got '" << pair << "'\n";
      return kExitUsage;
    }
    (*request.mutable_attributes())[pair.substr(0, eq)] = pair.substr(eq + 1);
  }
  auto stub = v1::MatchService::NewStub(channel);
  v1::SearchResponse response;
  grpc::Status status = stub->Search(NewContext().get(), request, &response);
  if (!status.ok()) return Fail(err, "search", status);
  if (common.json) {
    PrintJson(response, out);
    return 0;
  }
  std::vector<std::string> understood;
  std::map<std::string, std::string> sorted(response.query_attributes().begin(),
                                            response.query_attributes().end());
  for (const auto& [name, value] : sorted) {
    understood.push_back(
        absl::StrCat(TerminalSafe(name), "=\"", TerminalSafe(value), "\""));
  }
  out << "query: " << absl::StrJoin(understood, " ") << "  ("
      << response.candidates() << " records scored)\n\n";
  if (response.matches().empty()) {
    out << "no golden record matches\n";
    return 0;
  }
  Table table(
      {"GOLDEN_ID", "PROBABILITY", "DECISION", "BEST RECORD", "NAME", "WHY"});
  for (const v1::SearchMatch& match : response.matches()) {
    // The record's name: full_name or name if it has one, else the first
    // attribute called *name.
    std::string name, fallback;
    for (const v1::GoldenAttribute& a : match.attributes()) {
      if (name.empty() && (a.name() == "full_name" || a.name() == "name")) {
        name = a.value();
      }
      if (fallback.empty() && a.name().find("name") != std::string::npos) {
        fallback = a.value();
      }
    }
    if (name.empty()) name = fallback;
    table.AddRow(
        {match.golden_id(), absl::StrFormat("%.4f", match.match_probability()),
         v1::MatchDecision_Name(match.decision()), Key(match.best_record()),
         name, absl::StrJoin(match.reasons(), "; ")});
  }
  table.Print(out, /*max_width=*/80);
  return 0;
}

int RunWatch(const std::shared_ptr<grpc::Channel>& channel,
             const CommonOptions& common, int64_t from,
             const std::string& entity_type, int64_t max_events,
             std::ostream& out, std::ostream& err) {
  v1::WatchChangesRequest request;
  request.set_after_sequence(from > 0 ? from - 1 : 0);
  request.set_entity_type(entity_type);
  auto stub = v1::ChangeFeedService::NewStub(channel);
  grpc::ClientContext context;
  std::unique_ptr<grpc::ClientReader<v1::ChangeEvent>> reader =
      stub->WatchChanges(&context, request);
  v1::ChangeEvent event;
  int64_t seen = 0;
  while (reader->Read(&event)) {
    if (common.json) {
      PrintJson(event, out);
    } else {
      out << Describe(event) << "\n";
    }
    out.flush();
    if (max_events > 0 && ++seen >= max_events) {
      context.TryCancel();
      break;
    }
  }
  grpc::Status status = reader->Finish();
  if (max_events > 0 && seen >= max_events) return 0;
  if (!status.ok()) return Fail(err, "watch", status);
  return 0;
}

int RunChanges(const std::shared_ptr<grpc::Channel>& channel,
               const CommonOptions& common, int64_t from,
               const std::string& entity_type, int limit, std::ostream& out,
               std::ostream& err) {
  v1::ListChangesRequest request;
  request.set_after_sequence(from > 0 ? from - 1 : 0);
  request.set_page_size(limit);
  request.set_entity_type(entity_type);
  v1::ListChangesResponse response;
  auto stub = v1::ChangeFeedService::NewStub(channel);
  grpc::Status status =
      stub->ListChanges(NewContext().get(), request, &response);
  if (!status.ok()) return Fail(err, "changes", status);
  for (const v1::ChangeEvent& event : response.events()) {
    if (common.json) {
      PrintJson(event, out);
    } else {
      out << Describe(event) << "\n";
    }
  }
  if (!common.json) {
    err << "head sequence " << response.head_sequence()
        << "; continue with --from=" << response.next_after_sequence() + 1
        << "\n";
  }
  return 0;
}

int RunExportXrefs(const std::shared_ptr<grpc::Channel>& channel,
                   const CommonOptions& common, const std::string& entity_type,
                   std::ostream& out, std::ostream& err) {
  v1::ExportXrefsRequest request;
  request.set_entity_type(entity_type);
  auto stub = v1::RecordService::NewStub(channel);
  grpc::ClientContext context;
  auto reader = stub->ExportXrefs(&context, request);
  // The CSV header goes out with the first page or at a successful end, so
  // that a refused export writes nothing to standard output.
  bool started = false;
  auto start = [&] {
    if (!started && !common.json) {
      out << "entity_type,source,source_id,golden_id\n";
    }
    started = true;
  };
  v1::ExportXrefsResponse page;
  while (reader->Read(&page)) {
    start();
    for (const v1::XrefRow& row : page.rows()) {
      if (common.json) {
        // In the CSV's column order.
        out << nlohmann::ordered_json{{"entity_type", row.entity_type()},
                                      {"source", row.key().source()},
                                      {"source_id", row.key().source_id()},
                                      {"golden_id", row.golden_id()}}
                   .dump(-1, ' ', false,
                         nlohmann::ordered_json::error_handler_t::replace)
            << "\n";
        continue;
      }
      out << CsvField(row.entity_type()) << "," << CsvField(row.key().source())
          << "," << CsvField(row.key().source_id()) << ","
          << CsvField(row.golden_id()) << "\n";
    }
  }
  grpc::Status status = reader->Finish();
  if (!status.ok()) return Fail(err, "export xrefs", status);
  start();
  out.flush();
  return 0;
}

int RunUpsert(const std::shared_ptr<grpc::Channel>& channel,
              const CommonOptions& common, const UpsertOptions& options,
              std::ostream& out, std::ostream& err) {
  v1::UpsertRecordRequest request;
  request.set_partial(options.partial);
  v1::SourceRecord* record = request.mutable_record();
  record->set_entity_type(options.entity_type);
  record->mutable_key()->set_source(options.source);
  record->mutable_key()->set_source_id(options.source_id);
  auto& attributes = *record->mutable_attributes();
  for (const std::string& pair : options.attributes) {
    std::vector<std::string> parts =
        absl::StrSplit(pair, absl::MaxSplits('=', 1));
    if (parts.size() != 2 || parts[0].empty()) {
      err << "mdmctl upsert: --attr '" << pair << "' is not NAME=VALUE\n";
      return kExitUsage;
    }
    attributes[parts[0]] = parts[1];
  }
  if (!options.json.empty()) {
    const nlohmann::json object = nlohmann::json::parse(
        options.json, nullptr, /*allow_exceptions=*/false);
    if (object.is_discarded() || !object.is_object()) {
      err << "mdmctl upsert: --attributes-json is not a JSON object\n";
      return kExitUsage;
    }
    for (const auto& [name, value] : object.items()) {
      if (value.is_string()) {
        attributes[name] = value.get<std::string>();
      } else if (value.is_number() || value.is_boolean()) {
        attributes[name] = value.dump();
      } else if (!value.is_null()) {
        err << "mdmctl upsert: --attributes-json value of '" << name
            << "' must be a string, number or boolean\n";
        return kExitUsage;
      }
    }
  }
  for (const auto& [name, value] : attributes) {
    if (!IsValidUtf8(value) || !IsValidUtf8(name)) {
      err << "mdmctl upsert: attribute '" << name << "' is not valid UTF-8\n";
      return kExitUsage;
    }
  }
  if (!IsValidUtf8(options.source_id)) {
    err << "mdmctl upsert: --id is not valid UTF-8\n";
    return kExitUsage;
  }
  std::vector<std::string> warnings;
  if (int code = CheckSourceUpFront(channel, common, "upsert", options.source,
                                    options.new_source, err, warnings);
      code != 0) {
    return code;
  }
  v1::UpsertRecordResponse response;
  auto stub = v1::RecordService::NewStub(channel);
  grpc::Status status =
      stub->UpsertRecord(NewContext().get(), request, &response);
  if (!status.ok()) return Fail(err, "upsert", status);
  warnings.insert(warnings.end(), response.warnings().begin(),
                  response.warnings().end());
  PrintSourceWarnings("upsert", warnings, err);
  if (common.json) {
    PrintJson(response, out);
    return 0;
  }
  out << response.golden_id() << "  "
      << v1::UpsertOutcome_Name(response.outcome());
  if (response.merged_golden_ids_size() > 0) {
    out << "  merged " << absl::StrJoin(response.merged_golden_ids(), " ");
  }
  out << "\n";
  return 0;
}

int RunDelete(const std::shared_ptr<grpc::Channel>& channel,
              const CommonOptions& common, const std::string& entity_type,
              const std::string& source, const std::string& source_id,
              std::ostream& out, std::ostream& err) {
  v1::DeleteRecordRequest request;
  request.set_entity_type(entity_type);
  request.mutable_key()->set_source(source);
  request.mutable_key()->set_source_id(source_id);
  v1::DeleteRecordResponse response;
  auto stub = v1::RecordService::NewStub(channel);
  grpc::Status status =
      stub->DeleteRecord(NewContext().get(), request, &response);
  if (!status.ok()) return Fail(err, "delete", status);
  if (common.json) {
    PrintJson(response, out);
    return 0;
  }
  v1::SourceKey key;
  key.set_source(source);
  key.set_source_id(source_id);
  out << "deleted " << Key(key) << " from " << response.golden_id()
      << (response.golden_retired() ? " (golden record retired)" : "") << "\n";
  return 0;
}

int RunTypes(const std::shared_ptr<grpc::Channel>& channel,
             const CommonOptions& common, const std::string& name,
             std::ostream& out, std::ostream& err) {
  auto stub = v1::SchemaService::NewStub(channel);
  v1::ListEntityTypesResponse response;
  grpc::Status status = stub->ListEntityTypes(
      NewContext().get(), v1::ListEntityTypesRequest(), &response);
  if (!status.ok()) return Fail(err, "types", status);
  bool found = false;
  for (const v1::EntityTypeConfig& type : response.entity_types()) {
    if (!name.empty() && type.name() != name) continue;
    found = true;
    if (common.json) {
      PrintJson(type, out);
      continue;
    }
    out << type.name() << " (golden ids " << type.id_prefix() << "-...)"
        << (type.allow_extra_attributes() ? ", extra attributes allowed" : "")
        << "\n";
    Table table({"  ATTRIBUTE", "KIND"});
    for (const v1::AttributeConfig& attribute : type.attributes()) {
      table.AddRow(
          {"  " + attribute.name(), v1::AttributeKind_Name(attribute.kind())});
    }
    table.Print(out);
    out << "\n";
  }
  if (!found && !name.empty()) {
    err << "mdmctl types: entity type '" << name << "' not found\n";
    return kExitNotFound;
  }
  return 0;
}

namespace {

void PrintModelParameters(const v1::TrainedModel& model, std::ostream& out) {
  Table table({"COMPARISON", "LEVEL", "M", "U", "WEIGHT"});
  for (const v1::TrainedComparison& comparison : model.comparisons()) {
    for (const v1::TrainedLevel& level : comparison.levels()) {
      table.AddRow({comparison.name(), level.label(),
                    absl::StrFormat("%.4g", level.m()),
                    absl::StrFormat("%.4g", level.u()),
                    Signed(std::log2(level.m() / level.u()))});
    }
  }
  table.Print(out);
}

}  // namespace

int RunExplain(const std::shared_ptr<grpc::Channel>& channel,
               const CommonOptions& common, const std::string& a,
               const std::string& b, const std::string& entity_type,
               std::ostream& out, std::ostream& err) {
  v1::ExplainRequest request;
  if (!ParseRef(a, entity_type, request.mutable_a()) ||
      !ParseRef(b, entity_type, request.mutable_b())) {
    err << "mdmctl explain: give two records as SOURCE:SOURCE_ID\n";
    return kExitUsage;
  }
  v1::ExplainResponse response;
  auto stub = v1::MatchService::NewStub(channel);
  grpc::Status status = stub->Explain(NewContext().get(), request, &response);
  if (!status.ok()) return Fail(err, "explain", status);
  if (common.json) {
    PrintJson(response, out);
    return 0;
  }
  PrintExplanation(response, a, b, out);
  return 0;
}

int RunModelTrain(const std::shared_ptr<grpc::Channel>& channel,
                  const CommonOptions& common, const std::string& entity_type,
                  int max_records, std::ostream& out, std::ostream& err) {
  v1::TrainModelRequest request;
  request.set_entity_type(entity_type);
  request.set_max_records(max_records);
  v1::TrainModelResponse response;
  auto stub = v1::MatchService::NewStub(channel);
  grpc::ClientContext context;  // training takes as long as it takes
  grpc::Status status = stub->TrainModel(&context, request, &response);
  if (!status.ok()) return Fail(err, "model train", status);
  if (common.json) {
    PrintJson(response, out);
    return 0;
  }
  const v1::TrainedModel& model = response.model();
  const v1::TrainingReport& report = model.report();
  out << entity_type << " model version " << model.version() << ": "
      << report.records() << " records, " << report.random_pairs()
      << " random pairs, " << report.blocked_pairs() << " candidate pairs, "
      << report.em_iterations() << " EM iterations"
      << (report.converged() ? "" : " (not converged)") << ", prior "
      << absl::StrFormat("%.3g", model.prior_match_probability()) << "\n"
      << "re-matched " << response.rematched_records() << " records in "
      << absl::StrFormat("%.1f", response.seconds()) << " s\n\n";
  PrintModelParameters(model, out);
  return 0;
}

int RunModelRematch(const std::shared_ptr<grpc::Channel>& channel,
                    const CommonOptions& common, const std::string& entity_type,
                    std::ostream& out, std::ostream& err) {
  v1::RematchRequest request;
  request.set_entity_type(entity_type);
  v1::RematchResponse response;
  auto stub = v1::MatchService::NewStub(channel);
  grpc::ClientContext context;  // re-matching takes as long as it takes
  grpc::Status status = stub->Rematch(&context, request, &response);
  if (!status.ok()) return Fail(err, "model rematch", status);
  if (common.json) {
    PrintJson(response, out);
    return 0;
  }
  out << "re-matched " << response.records() << " " << entity_type
      << " records in " << absl::StrFormat("%.1f", response.seconds())
      << " s: ";
  if (response.records_moved() == 0 && response.golden_records_created() == 0 &&
      response.golden_records_retired() == 0) {
    out << "the partition was already the batch clustering\n";
    return 0;
  }
  out << response.records_moved() << " records moved, "
      << response.golden_records_created() << " golden records created, "
      << response.golden_records_retired() << " retired\n";
  return 0;
}

int RunModelShow(const std::shared_ptr<grpc::Channel>& channel,
                 const CommonOptions& common, const std::string& entity_type,
                 std::ostream& out, std::ostream& err) {
  v1::GetModelRequest request;
  request.set_entity_type(entity_type);
  v1::GetModelResponse response;
  auto stub = v1::MatchService::NewStub(channel);
  grpc::Status status = stub->GetModel(NewContext().get(), request, &response);
  if (!status.ok()) return Fail(err, "model show", status);
  if (common.json) {
    PrintJson(response, out);
    return 0;
  }
  const std::string skipped =
      absl::StrCat("oversized blocks skipped since the server started: ",
                   response.oversized_blocks_skipped(), "\n");
  if (response.model().version() == 0) {
    out << entity_type
        << " runs on its configuration's defaults (no trained model)\n"
        << skipped;
    return 0;
  }
  out << skipped;
  out << entity_type << " model version " << response.model().version()
      << ", trained " << Time(response.trained_at()) << ", prior "
      << absl::StrFormat("%.3g", response.model().prior_match_probability())
      << "\n\n";
  PrintModelParameters(response.model(), out);
  return 0;
}

}  // namespace mdm::cli
