#include "tools/eval/evaluation.h"

#include <grpcpp/create_channel.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "mdm/v1/matching.grpc.pb.h"
#include "mdm/v1/stewardship.grpc.pb.h"
#include "nlohmann/json.hpp"
#include "src/base/status_macros.h"
#include "tools/eval/datasets.h"
#include "tools/eval/pairwise_metrics.h"
#include "tools/eval/subprocess.h"
#include "tools/mdmctl/csv_reader.h"

namespace mdm::eval {
namespace {

// Rejected rows quoted on the error stream per import file.
constexpr int kQuotedRejects = 3;

// The real mdmctl, talking to one server.
class Mdmctl {
 public:
  Mdmctl(std::string program, std::string server)
      : program_(std::move(program)), server_(std::move(server)) {}

  absl::StatusOr<ProcessResult> Run(std::vector<std::string> args) const {
    args.insert(args.begin(), absl::StrCat("--server=", server_));
    return RunProcess(program_, args);
  }

 private:
  std::string program_;
  std::string server_;
};

std::string Trimmed(absl::string_view text) {
  return std::string(absl::StripAsciiWhitespace(text));
}

absl::Status CommandFailed(absl::string_view command,
                           const ProcessResult& result) {
  return absl::InternalError(absl::StrCat("mdmctl ", command, " exited with ",
                                          result.exit_code, ": ",
                                          Trimmed(result.err)));
}

// "line 12: reason" for the first rejected rows in an mdmctl rejects file.
std::vector<std::string> QuoteRejects(const std::string& path, int limit) {
  std::vector<std::string> quoted;
  std::ifstream in(path, std::ios::binary);
  cli::CsvReader reader(in);
  cli::CsvRow row;
  bool header = true;
  while (static_cast<int>(quoted.size()) < limit && reader.Next(row)) {
    if (header) {
      header = false;
      continue;
    }
    // line,source_id,field,reason,row
    if (row.fields.size() < 4) continue;
    quoted.push_back(absl::StrCat("line ", row.fields[0], " (id ",
                                  row.fields[1], "): ", row.fields[3]));
  }
  return quoted;
}

// Imports every file of the dataset; rejected rows are reported, not fatal.
absl::Status ImportAll(const PreparedDataset& dataset, const Mdmctl& mdmctl,
                       const std::string& dir, std::ostream& err) {
  for (size_t i = 0; i < dataset.imports.size(); ++i) {
    const ImportFile& file = dataset.imports[i];
    const std::string rejects =
        (std::filesystem::path(dir) / absl::StrCat("rejects_", i + 1, ".csv"))
            .string();
    std::vector<std::string> args = {
        "--json", "import", absl::StrCat("--type=", dataset.entity_type),
        absl::StrCat("--source=", file.source),
        absl::StrCat("--rejects=", rejects)};
    args.insert(args.end(), file.flags.begin(), file.flags.end());
    args.push_back(file.path);
    MDM_ASSIGN_OR_RETURN(ProcessResult result, mdmctl.Run(args));
    if (result.exit_code != 0 && result.exit_code != 1) {
      return CommandFailed(absl::StrCat("import ", file.path), result);
    }
    if (result.exit_code == 0) continue;
    // Exit 1: some rows were rejected. The summary is one JSON object.
    const nlohmann::json summary =
        nlohmann::json::parse(result.out, nullptr, /*allow_exceptions=*/false);
    if (summary.is_object() && summary.contains("ok") &&
        summary["ok"].is_boolean() && !summary["ok"].get<bool>()) {
      return CommandFailed(absl::StrCat("import ", file.path), result);
    }
    int64_t rejected = -1;
    if (summary.is_object() && summary.contains("rejected") &&
        summary["rejected"].is_number_integer()) {
      rejected = summary["rejected"].get<int64_t>();
    }
    err << "mdm-eval: " << dataset.name << ": "
        << (rejected >= 0 ? absl::StrCat(rejected) : std::string("some"))
        << " rows of " << file.path << " (source " << file.source
        << ") rejected; they count as records without a golden id\n";
    for (const std::string& line : QuoteRejects(rejects, kQuotedRejects)) {
      err << "  " << line << "\n";
    }
  }
  return absl::OkStatus();
}

// (source, source id) -> golden id of every live record of the type.
absl::StatusOr<absl::flat_hash_map<RecordKey, std::string>> ExportXrefs(
    const Mdmctl& mdmctl, const std::string& entity_type) {
  MDM_ASSIGN_OR_RETURN(
      ProcessResult result,
      mdmctl.Run({"export", "xrefs", absl::StrCat("--type=", entity_type)}));
  if (result.exit_code != 0) return CommandFailed("export xrefs", result);
  std::istringstream in(std::move(result.out));
  cli::CsvReader reader(in);
  cli::CsvRow row;
  const std::vector<std::string> expected = {"entity_type", "source",
                                             "source_id", "golden_id"};
  if (!reader.Next(row) || row.fields != expected) {
    return absl::InternalError(
        absl::StrCat("mdmctl export xrefs: unexpected header '", row.raw, "'"));
  }
  absl::flat_hash_map<RecordKey, std::string> golden_of;
  while (reader.Next(row)) {
    if (!row.error.empty() || row.fields.size() != expected.size()) {
      return absl::InternalError(
          absl::StrCat("mdmctl export xrefs: malformed line ", row.line, ": ",
                       row.error.empty() ? row.raw : row.error));
    }
    golden_of[{row.fields[1], row.fields[2]}] = row.fields[3];
  }
  return golden_of;
}

// The first word of mdmctl's output: the golden id for upsert and resolve.
std::string FirstWord(absl::string_view text) {
  text = absl::StripLeadingAsciiWhitespace(text);
  const size_t end = text.find_first_of(" \t\r\n");
  return std::string(text.substr(0, end));
}

// Upserts each pair's two names alone, compares their golden ids, deletes
// both again. Returns the share of pairs where "same golden id" equals the
// label. A record the service rejects gets no golden id (no match).
absl::StatusOr<double> PairAccuracy(const PreparedDataset& dataset,
                                    const Mdmctl& mdmctl, std::ostream& err) {
  if (dataset.labelled_pairs.empty()) return 1.0;
  const std::string type = absl::StrCat("--type=", dataset.entity_type);
  int64_t correct = 0;
  int64_t rejected = 0;
  for (size_t i = 0; i < dataset.labelled_pairs.size(); ++i) {
    const LabelledPair& pair = dataset.labelled_pairs[i];
    const std::string id = absl::StrCat(i + 1);
    bool upserted[2] = {false, false};
    std::string golden[2];
    const std::pair<const char*, const std::string*> sides[2] = {
        {"x", &pair.name_x}, {"y", &pair.name_y}};
    for (int side = 0; side < 2; ++side) {
      MDM_ASSIGN_OR_RETURN(
          ProcessResult result,
          mdmctl.Run({"upsert", type,
                      absl::StrCat("--source=", sides[side].first),
                      absl::StrCat("--id=", id),
                      absl::StrCat("--attr=name=", *sides[side].second)}));
      // Only a rejected attribute value is the record's own fault; any other
      // rejection (e.g. of the entity type) would hit every record.
      if (result.exit_code == 4 &&
          absl::StrContains(result.err, "mdmctl upsert: --attr ")) {
        if (++rejected <= kQuotedRejects) {
          err << "mdm-eval: " << dataset.name << ": pair " << id << " name '"
              << *sides[side].second << "' rejected: " << Trimmed(result.err)
              << "\n";
        }
        continue;
      }
      if (result.exit_code != 0) return CommandFailed("upsert", result);
      upserted[side] = true;
      golden[side] = FirstWord(result.out);  // "GOLDEN_ID  OUTCOME"
    }
    // y's answer is current; x's golden record may since have been merged.
    if (upserted[0] && upserted[1]) {
      MDM_ASSIGN_OR_RETURN(ProcessResult result,
                           mdmctl.Run({"resolve", type, "x", id}));
      if (result.exit_code != 0) return CommandFailed("resolve", result);
      golden[0] = FirstWord(result.out);
    }
    const bool same = !golden[0].empty() && golden[0] == golden[1];
    if (same == pair.same) ++correct;
    for (int side = 0; side < 2; ++side) {
      if (!upserted[side]) continue;
      MDM_ASSIGN_OR_RETURN(ProcessResult result,
                           mdmctl.Run({"delete", type, sides[side].first, id}));
      if (result.exit_code != 0) return CommandFailed("delete", result);
    }
  }
  if (rejected > 0) {
    err << "mdm-eval: " << dataset.name << ": " << rejected
        << " names rejected; their pairs count as no match\n";
  }
  return static_cast<double>(correct) / dataset.labelled_pairs.size();
}

// Pair counts of the exported clustering against the dataset's truth.
PairCounts Score(const PreparedDataset& dataset,
                 const absl::flat_hash_map<RecordKey, std::string>& golden_of,
                 std::ostream& err) {
  int64_t without_golden = 0;
  auto golden = [&](const RecordKey& key) -> std::string {
    auto it = golden_of.find(key);
    if (it != golden_of.end()) return it->second;
    ++without_golden;
    return "";
  };
  PairCounts counts;
  if (dataset.scoring == Scoring::kListedPairs) {
    std::vector<PredictedRecord> records;
    records.reserve(dataset.records.size());
    for (const TruthRecord& record : dataset.records) {
      records.push_back({record.key, golden(record.key)});
    }
    counts = CountListedPairs(records, dataset.truth_pairs);
  } else {
    std::vector<LabeledRecord> records;
    records.reserve(dataset.records.size());
    for (const TruthRecord& record : dataset.records) {
      records.push_back(
          {record.key.source, record.cluster, golden(record.key)});
    }
    counts = CountClusterPairs(records, dataset.scoring == Scoring::kAllPairs
                                            ? PairScope::kAll
                                            : PairScope::kCrossSource);
  }
  if (without_golden > 0) {
    err << "mdm-eval: " << dataset.name << ": " << without_golden
        << " records have no golden id (scored as singletons)\n";
  }
  const int64_t exported = static_cast<int64_t>(golden_of.size());
  const int64_t known =
      static_cast<int64_t>(dataset.records.size()) - without_golden;
  if (exported != known) {
    err << "mdm-eval: " << dataset.name << ": the export holds "
        << exported - known << " records that are not in the dataset\n";
  }
  return counts;
}

struct SearchScores {
  int64_t matched_queries = 0;
  int64_t first_rank = 0;  // matched queries whose first result is right
  int64_t unmatched_queries = 0;
  int64_t above_auto_merge = 0;  // unmatched queries with a LINK result
  std::vector<double> latencies_ms;
};

double Percentile(std::vector<double> values, double fraction) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t index = std::min(values.size() - 1,
                                static_cast<size_t>(fraction * values.size()));
  return values[index];
}

// Sends every query of the dataset to MatchService.Search (one at a time,
// as an integration service would) and scores the first result.
absl::StatusOr<SearchScores> RunSearches(
    const PreparedDataset& dataset,
    const absl::flat_hash_map<RecordKey, std::string>& golden_of,
    const std::string& address, std::ostream& err) {
  auto channel =
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  auto stub = v1::MatchService::NewStub(channel);
  SearchScores scores;
  int64_t quoted = 0;
  for (const SearchCase& query : dataset.searches) {
    v1::SearchRequest request;
    request.set_entity_type(dataset.entity_type);
    request.set_limit(5);
    for (const auto& [name, value] : query.attributes) {
      (*request.mutable_attributes())[name] = value;
    }
    v1::SearchResponse response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(30));
    const absl::Time start = absl::Now();
    const grpc::Status status = stub->Search(&context, request, &response);
    scores.latencies_ms.push_back(
        absl::ToDoubleMilliseconds(absl::Now() - start));
    if (!status.ok()) {
      return absl::InternalError(absl::StrCat(
          "search for ", query.key.id, " failed: ", status.error_message()));
    }
    const v1::SearchMatch* top =
        response.matches().empty() ? nullptr : &response.matches(0);
    if (query.expected.id.empty()) {
      ++scores.unmatched_queries;
      if (top != nullptr && top->decision() == v1::LINK) {
        ++scores.above_auto_merge;
        if (++quoted <= kQuotedRejects) {
          err << "mdm-eval: " << dataset.name << ": " << query.key.id
              << " has no match but links to " << top->golden_id() << " ("
              << top->best_record().source_id()
              << ", p=" << top->match_probability() << ")\n";
        }
      }
      continue;
    }
    ++scores.matched_queries;
    auto expected = golden_of.find(query.expected);
    if (top != nullptr && expected != golden_of.end() &&
        top->golden_id() == expected->second) {
      ++scores.first_rank;
    } else if (++quoted <= kQuotedRejects) {
      err << "mdm-eval: " << dataset.name << ": " << query.key.id
          << " should find " << query.expected.id << " first, found "
          << (top == nullptr ? std::string("nothing")
                             : top->best_record().source_id())
          << "\n";
    }
  }
  return scores;
}

// What a steward would face: the whole review queue of the type, read
// through StewardService.ListCandidates, and how many of its candidates
// are true matches.
struct ReviewQueue {
  int64_t candidates = 0;
  int64_t true_matches = 0;
};

absl::StatusOr<ReviewQueue> ReadReviewQueue(const PreparedDataset& dataset,
                                            const std::string& address) {
  absl::flat_hash_map<RecordKey, std::string> cluster_of;
  for (const TruthRecord& record : dataset.records) {
    if (!record.cluster.empty()) cluster_of[record.key] = record.cluster;
  }
  absl::flat_hash_set<std::pair<std::string, std::string>> listed;
  auto label = [](const RecordKey& key) {
    return absl::StrCat(key.source, ":", key.id);
  };
  for (const auto& [x, y] : dataset.truth_pairs) {
    listed.insert(std::minmax(label(x), label(y)));
  }
  auto channel =
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  auto stub = v1::StewardService::NewStub(channel);
  ReviewQueue queue;
  std::string token;
  do {
    v1::ListCandidatesRequest request;
    request.set_entity_type(dataset.entity_type);
    request.set_page_size(1000);
    request.set_page_token(token);
    v1::ListCandidatesResponse response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(120));
    const grpc::Status status =
        stub->ListCandidates(&context, request, &response);
    if (!status.ok()) {
      return absl::InternalError(absl::StrCat(
          "listing review candidates failed: ", status.error_message()));
    }
    for (const v1::ReviewCandidate& candidate : response.candidates()) {
      ++queue.candidates;
      const RecordKey a{candidate.a().source(), candidate.a().source_id()};
      const RecordKey b{candidate.b().source(), candidate.b().source_id()};
      auto ca = cluster_of.find(a), cb = cluster_of.find(b);
      const bool same = (ca != cluster_of.end() && cb != cluster_of.end() &&
                         ca->second == cb->second) ||
                        listed.contains(std::minmax(label(a), label(b)));
      if (same) ++queue.true_matches;
    }
    token = response.next_page_token();
  } while (!token.empty());
  return queue;
}

}  // namespace

absl::Status EvaluateDataset(absl::string_view name, const EvalOptions& options,
                             std::ostream& out, std::ostream& err) {
  const absl::Time start = absl::Now();
  const std::filesystem::path dir =
      std::filesystem::path(options.work_dir) / std::string(name);
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot create directory ", dir.string(), ": ", error.message()));
  }
  MDM_ASSIGN_OR_RETURN(PreparedDataset dataset,
                       PrepareDataset(name, options.data_dir, dir.string()));
  for (const std::string& warning : dataset.warnings) {
    err << "mdm-eval: " << name << ": " << warning << "\n";
  }

  std::vector<std::string> mdmd_args = {
      absl::StrCat("--db=", (dir / "mdm.db").string())};
  std::string config = "built-in";
  const std::filesystem::path config_file =
      std::filesystem::path(options.configs_dir) /
      absl::StrCat(name, ".textproto");
  if (!options.configs_dir.empty() &&
      std::filesystem::is_regular_file(config_file, error)) {
    config = config_file.string();
    mdmd_args.push_back(absl::StrCat("--config=", config));
  }
  const std::string bin(options.bin_dir);
  MDM_ASSIGN_OR_RETURN(
      std::unique_ptr<MdmdProcess> mdmd,
      MdmdProcess::Start((std::filesystem::path(bin) / "mdmd").string(),
                         mdmd_args, (dir / "mdmd.log").string()));
  const Mdmctl mdmctl((std::filesystem::path(bin) / "mdmctl").string(),
                      mdmd->address());

  // A configuration without the entity type would otherwise show up as
  // every record rejected.
  MDM_ASSIGN_OR_RETURN(ProcessResult types,
                       mdmctl.Run({"types", dataset.entity_type}));
  if (types.exit_code != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("configuration ", config, ": no entity type '",
                     dataset.entity_type, "': ", Trimmed(types.err)));
  }

  std::string line;
  if (dataset.scoring == Scoring::kSearch) {
    // The loaded file has no duplicates to train on: the defaults answer.
    MDM_RETURN_IF_ERROR(ImportAll(dataset, mdmctl, dir.string(), err));
    MDM_ASSIGN_OR_RETURN(auto golden_of,
                         ExportXrefs(mdmctl, dataset.entity_type));
    MDM_ASSIGN_OR_RETURN(SearchScores scores,
                         RunSearches(dataset, golden_of, mdmd->address(), err));
    line = absl::StrFormat(
        "dataset=%s records=%d queries=%d first_rank=%.4f "
        "unmatched_queries=%d above_auto_merge=%d p50_ms=%.2f p99_ms=%.2f "
        "seconds=%.1f",
        name, golden_of.size(), dataset.searches.size(),
        scores.matched_queries == 0
            ? 1.0
            : static_cast<double>(scores.first_rank) / scores.matched_queries,
        scores.unmatched_queries, scores.above_auto_merge,
        Percentile(scores.latencies_ms, 0.5),
        Percentile(scores.latencies_ms, 0.99),
        absl::ToDoubleSeconds(absl::Now() - start));
  } else if (dataset.scoring == Scoring::kPairAccuracy) {
    // Pairs are scored one at a time, with nothing to train on.
    MDM_ASSIGN_OR_RETURN(const double accuracy,
                         PairAccuracy(dataset, mdmctl, err));
    line = absl::StrFormat("dataset=%s records=%d accuracy=%.4f seconds=%.1f",
                           name, 2 * dataset.labelled_pairs.size(), accuracy,
                           absl::ToDoubleSeconds(absl::Now() - start));
  } else {
    MDM_RETURN_IF_ERROR(ImportAll(dataset, mdmctl, dir.string(), err));
    if (options.train) {
      MDM_ASSIGN_OR_RETURN(
          ProcessResult result,
          mdmctl.Run({"model", "train",
                      absl::StrCat("--type=", dataset.entity_type)}));
      if (result.exit_code != 0) {
        err << "mdm-eval: " << name << ": mdmctl model train exited with "
            << result.exit_code << " (continuing without training):\n"
            << result.err;
      }
    }
    MDM_ASSIGN_OR_RETURN(auto golden_of,
                         ExportXrefs(mdmctl, dataset.entity_type));
    const Scores scores = ScoresOf(Score(dataset, golden_of, err));
    MDM_ASSIGN_OR_RETURN(const ReviewQueue queue,
                         ReadReviewQueue(dataset, mdmd->address()));
    line = absl::StrFormat(
        "dataset=%s records=%d precision=%.4f recall=%.4f f1=%.4f "
        "review=%d review_per_record=%.4f review_true=%d seconds=%.1f",
        name, dataset.records.size(), scores.precision, scores.recall,
        scores.f1, queue.candidates,
        dataset.records.empty()
            ? 0.0
            : static_cast<double>(queue.candidates) / dataset.records.size(),
        queue.true_matches, absl::ToDoubleSeconds(absl::Now() - start));
  }
  out << line << std::endl;
  return mdmd->Stop();
}

}  // namespace mdm::eval
