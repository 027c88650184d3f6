#include "tools/mdmctl/steward_commands.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "mdm/v1/stewardship.grpc.pb.h"
#include "tools/mdmctl/candidate_view.h"
#include "tools/mdmctl/output.h"
#include "tools/mdmctl/rpc_util.h"
#include "tools/mdmctl/terminal_text.h"

namespace mdm::cli {
namespace {

std::string Probability(double p) { return absl::StrFormat("%.4f", p); }

void PrintOutcome(const v1::StewardOutcome& outcome, std::ostream& out) {
  out << absl::StrJoin(outcome.golden_ids(), " ");
  if (!outcome.merged_golden_ids().empty()) {
    out << "  merged: " << absl::StrJoin(outcome.merged_golden_ids(), " ");
  }
  if (!outcome.created_golden_ids().empty()) {
    out << "  created: " << absl::StrJoin(outcome.created_golden_ids(), " ");
  }
  if (!outcome.restored_golden_ids().empty()) {
    out << "  restored: " << absl::StrJoin(outcome.restored_golden_ids(), " ");
  }
  out << "  (audit " << outcome.audit_sequence() << ")\n";
}

int Finish(const CommonOptions& common, const char* command,
           const grpc::Status& status, const v1::StewardOutcome& outcome,
           std::ostream& out, std::ostream& err) {
  if (!status.ok()) return Fail(err, command, status);
  if (common.json) {
    PrintJson(outcome, out);
  } else {
    PrintOutcome(outcome, out);
  }
  return 0;
}

}  // namespace

int RunCandidatesList(const std::shared_ptr<grpc::Channel>& channel,
                      const CommonOptions& common,
                      const CandidateListOptions& options, std::ostream& out,
                      std::ostream& err) {
  auto stub = v1::StewardService::NewStub(channel);
  v1::ListCandidatesRequest request;
  request.set_entity_type(options.entity_type);
  request.set_min_probability(options.min_probability);
  request.set_max_probability(options.max_probability);
  request.set_source(options.source);
  request.set_unsure(options.unsure);
  Table table({"A", "B", "PROBABILITY", "GOLDEN A", "GOLDEN B", "NOTE"});
  int listed = 0;
  while (listed < options.limit) {
    request.set_page_size(std::min(options.limit - listed, 1000));
    v1::ListCandidatesResponse response;
    grpc::Status status =
        stub->ListCandidates(NewContext(common).get(), request, &response);
    if (!status.ok()) return Fail(err, "candidates list", status);
    for (const v1::ReviewCandidate& c : response.candidates()) {
      ++listed;
      if (common.json) {
        PrintJson(c, out);
        continue;
      }
      std::string note;
      if (c.has_judgement()) {
        note = absl::StrCat("unsure (", c.judgement().actor(), ")");
      }
      table.AddRow({Key(c.a()), Key(c.b()), Probability(c.match_probability()),
                    c.golden_id_a(), c.golden_id_b(), note});
    }
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  if (!common.json) {
    if (listed == 0) {
      out << "no review candidates\n";
    } else {
      table.Print(out);
    }
  }
  return 0;
}

int RunCandidatesShow(const std::shared_ptr<grpc::Channel>& channel,
                      const CommonOptions& common, const std::string& a,
                      const std::string& b, const std::string& entity_type,
                      std::ostream& out, std::ostream& err) {
  v1::GetCandidateRequest request;
  if (!ParseRef(a, entity_type, request.mutable_a()) ||
      !ParseRef(b, entity_type, request.mutable_b())) {
    err << "mdmctl candidates show: give two records as SOURCE:SOURCE_ID\n";
    return kExitUsage;
  }
  auto stub = v1::StewardService::NewStub(channel);
  v1::GetCandidateResponse response;
  grpc::Status status =
      stub->GetCandidate(NewContext(common).get(), request, &response);
  if (!status.ok()) return Fail(err, "candidates show", status);
  if (common.json) {
    PrintJson(response, out);
    return 0;
  }
  PrintCandidate(response, /*color=*/false, out);
  return 0;
}

int RunCandidatesDecide(const std::shared_ptr<grpc::Channel>& channel,
                        const CommonOptions& common,
                        const std::string& decision, const std::string& a,
                        const std::string& b, const std::string& entity_type,
                        const std::string& reason, std::ostream& out,
                        std::ostream& err) {
  v1::DecideRequest request;
  const std::string command = absl::StrCat("candidates ", decision);
  if (!ParseRef(a, entity_type, request.mutable_a()) ||
      !ParseRef(b, entity_type, request.mutable_b())) {
    err << "mdmctl " << command << ": give two records as SOURCE:SOURCE_ID\n";
    return kExitUsage;
  }
  request.set_decision(decision == "approve"  ? v1::APPROVE
                       : decision == "reject" ? v1::REJECT
                                              : v1::UNSURE_DECISION);
  request.set_reason(reason);
  auto stub = v1::StewardService::NewStub(channel);
  v1::StewardOutcome outcome;
  grpc::Status status =
      stub->Decide(NewContext(common).get(), request, &outcome);
  return Finish(common, command.c_str(), status, outcome, out, err);
}

int RunCandidatesUndo(const std::shared_ptr<grpc::Channel>& channel,
                      const CommonOptions& common, int64_t audit_sequence,
                      const std::string& reason, std::ostream& out,
                      std::ostream& err) {
  v1::UndoDecisionRequest request;
  request.set_audit_sequence(audit_sequence);
  request.set_reason(reason);
  auto stub = v1::StewardService::NewStub(channel);
  v1::StewardOutcome outcome;
  grpc::Status status =
      stub->UndoDecision(NewContext(common).get(), request, &outcome);
  return Finish(common, "candidates undo", status, outcome, out, err);
}

int RunMerge(const std::shared_ptr<grpc::Channel>& channel,
             const CommonOptions& common, const std::string& golden_id,
             const std::string& other_golden_id, const std::string& reason,
             std::ostream& out, std::ostream& err) {
  v1::MergeGoldenRecordsRequest request;
  request.set_golden_id(golden_id);
  request.set_other_golden_id(other_golden_id);
  request.set_reason(reason);
  auto stub = v1::StewardService::NewStub(channel);
  v1::StewardOutcome outcome;
  grpc::Status status =
      stub->MergeGoldenRecords(NewContext(common).get(), request, &outcome);
  return Finish(common, "merge", status, outcome, out, err);
}

int RunSplit(const std::shared_ptr<grpc::Channel>& channel,
             const CommonOptions& common, const std::string& golden_id,
             const std::vector<std::string>& records, const std::string& reason,
             std::ostream& out, std::ostream& err) {
  v1::SplitGoldenRecordRequest request;
  request.set_golden_id(golden_id);
  request.set_reason(reason);
  for (const std::string& record : records) {
    v1::RecordRef ref;
    if (!ParseRef(record, "", &ref)) {
      err << "mdmctl split: give records as SOURCE:SOURCE_ID, not '" << record
          << "'\n";
      return kExitUsage;
    }
    *request.add_keys() = ref.key();
  }
  auto stub = v1::StewardService::NewStub(channel);
  v1::StewardOutcome outcome;
  grpc::Status status =
      stub->SplitGoldenRecord(NewContext(common).get(), request, &outcome);
  return Finish(common, "split", status, outcome, out, err);
}

int RunMove(const std::shared_ptr<grpc::Channel>& channel,
            const CommonOptions& common, const std::string& record,
            const std::string& to_golden_id, const std::string& entity_type,
            const std::string& reason, std::ostream& out, std::ostream& err) {
  v1::MoveRecordRequest request;
  if (!ParseRef(record, entity_type, request.mutable_record())) {
    err << "mdmctl move: give the record as SOURCE:SOURCE_ID\n";
    return kExitUsage;
  }
  request.set_to_golden_id(to_golden_id);
  request.set_reason(reason);
  auto stub = v1::StewardService::NewStub(channel);
  v1::StewardOutcome outcome;
  grpc::Status status =
      stub->MoveRecord(NewContext(common).get(), request, &outcome);
  return Finish(common, "move", status, outcome, out, err);
}

int RunAudit(const std::shared_ptr<grpc::Channel>& channel,
             const CommonOptions& common, const AuditOptions& options,
             std::ostream& out, std::ostream& err) {
  v1::ListAuditRequest request;
  request.set_golden_id(options.golden_id);
  request.set_actor(options.actor);
  if (!options.since.empty()) {
    absl::Time since;
    std::string error;
    if (!ParseTimeArg(options.since, &since, &error)) {
      err << "mdmctl audit: --since: " << error << "\n";
      return kExitUsage;
    }
    SetTimestamp(since, request.mutable_since());
  }
  auto stub = v1::StewardService::NewStub(channel);
  int listed = 0;
  while (listed < options.limit) {
    request.set_page_size(std::min(options.limit - listed, 1000));
    v1::ListAuditResponse response;
    grpc::Status status =
        stub->ListAudit(NewContext(common).get(), request, &response);
    if (!status.ok()) return Fail(err, "audit", status);
    for (const v1::AuditEntry& entry : response.entries()) {
      ++listed;
      if (common.json) {
        PrintJson(entry, out);
        continue;
      }
      std::vector<std::string> keys;
      for (const v1::SourceKey& key : entry.keys()) keys.push_back(Key(key));
      out << entry.sequence() << "  " << Time(entry.time()) << "  "
          << TerminalSafe(entry.actor()) << "  " << entry.action() << "  "
          << absl::StrJoin(entry.golden_ids(), ",");
      if (!keys.empty()) out << "  " << absl::StrJoin(keys, " ");
      if (entry.has_match_probability()) {
        out << "  p=" << Probability(entry.match_probability());
      }
      if (entry.automatic()) out << "  model " << entry.model_version();
      if (entry.undoes() != 0) out << "  undoes " << entry.undoes();
      if (!entry.reason().empty()) {
        out << "  \"" << TerminalSafe(entry.reason()) << "\"";
      }
      out << "\n";
    }
    if (response.entries().empty() ||
        response.entries_size() < request.page_size()) {
      break;
    }
    request.set_after_sequence(
        response.entries(response.entries_size() - 1).sequence());
  }
  if (listed == 0 && !common.json) out << "no audit entries\n";
  return 0;
}

}  // namespace mdm::cli
