#include "tools/mdmctl/rpc_util.h"

#include <chrono>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/mdmctl/call_errors.h"
#include "tools/mdmctl/output.h"
#include "tools/mdmctl/terminal_text.h"

namespace mdm::cli {

std::unique_ptr<grpc::ClientContext> NewContext(const CommonOptions& common) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(30));
  if (!common.actor.empty()) context->AddMetadata("mdm-actor", common.actor);
  return context;
}

int Fail(std::ostream& err, const char* command, const grpc::Status& status) {
  err << "mdmctl " << command << ": "
      << TerminalSafe(DescribeFailure(command, status)) << "\n";
  return ExitCodeFor(status.error_code());
}

std::string Key(const v1::SourceKey& key) {
  const std::string source = TerminalSafe(key.source());
  return absl::StrCat(key.source().find(':') == std::string::npos
                          ? source
                          : absl::StrCat("[", source, "]"),
                      ":", TerminalSafe(key.source_id()));
}

std::string Time(const google::protobuf::Timestamp& t) {
  return absl::FormatTime(
      "%Y-%m-%dT%H:%M:%E3SZ",
      absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos()),
      absl::UTCTimeZone());
}

std::string Signed(double weight) { return absl::StrFormat("%+.2f", weight); }

void SetTimestamp(absl::Time time, google::protobuf::Timestamp* out) {
  const int64_t micros = absl::ToUnixMicros(time);
  out->set_seconds(micros / 1000000 - (micros % 1000000 < 0 ? 1 : 0));
  out->set_nanos(
      static_cast<int32_t>(((micros % 1000000) + 1000000) % 1000000 * 1000));
}

bool ParseRef(const std::string& text, const std::string& entity_type,
              v1::RecordRef* ref) {
  size_t source_begin = 0;
  size_t source_end = text.find(':');
  if (!text.empty() && text[0] == '[') {  // [SOURCE]:ID
    source_begin = 1;
    source_end = text.find("]:");
  }
  if (source_end == std::string::npos || source_end == source_begin) {
    return false;
  }
  const size_t id_begin = source_end + (source_begin == 1 ? 2 : 1);
  if (id_begin >= text.size()) return false;
  ref->set_entity_type(entity_type);
  ref->mutable_key()->set_source(
      text.substr(source_begin, source_end - source_begin));
  ref->mutable_key()->set_source_id(text.substr(id_begin));
  return true;
}

bool Counted(const v1::ExplainResponse& explanation,
             const v1::ComparisonExplanation& comparison) {
  if (comparison.counted()) return true;
  for (const v1::ComparisonExplanation& other : explanation.comparisons()) {
    if (other.counted()) return false;  // a server that sets it
  }
  return comparison.level() != "missing";
}

void PrintExplanation(const v1::ExplainResponse& response, const std::string& a,
                      const std::string& b, std::ostream& out) {
  out << response.entity_type() << "  " << TerminalSafe(a) << " ("
      << response.golden_id_a() << ")  vs  " << TerminalSafe(b) << " ("
      << response.golden_id_b() << ")  model "
      << (response.model_version() == 0
              ? std::string("defaults")
              : absl::StrCat("version ", response.model_version()))
      << "\n\n";
  Table table({"COMPARISON", "A", "B", "LEVEL", "WEIGHT"});
  for (const v1::ComparisonExplanation& c : response.comparisons()) {
    table.AddRow({c.comparison(), c.value_a(), c.value_b(),
                  c.level() + (c.tf_adjusted() ? " (term frequency)" : ""),
                  Counted(response, c) ? Signed(c.weight()) : ""});
  }
  table.AddRow({"prior", "", "", "", Signed(response.prior_weight())});
  table.Print(out);
  out << "\nmatch weight " << Signed(response.match_weight())
      << "  probability "
      << absl::StrFormat("%.6f", response.match_probability()) << "  decision "
      << v1::MatchDecision_Name(response.decision()) << "\n";
  if (response.shared_blocks().empty()) {
    out << "blocking: no key in common, so the matcher never compared them\n";
  } else {
    for (const v1::SharedBlock& block : response.shared_blocks()) {
      out << "blocking: rule " << block.rule() << " key \""
          << TerminalSafe(block.key()) << "\" (" << block.block_size()
          << " records" << (block.oversized() ? ", too large: skipped" : "")
          << ")\n";
    }
  }
  for (const std::string& conflict : response.conflicts()) {
    out << "conflict: " << TerminalSafe(conflict)
        << " (never clustered together)\n";
  }
}

}  // namespace mdm::cli
