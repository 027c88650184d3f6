#include "tools/mdmctl/rpc_util.h"

#include <chrono>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/mdmctl/call_errors.h"
#include "tools/mdmctl/output.h"

namespace mdm::cli {

std::unique_ptr<grpc::ClientContext> NewContext(const CommonOptions& common) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(30));
  if (!common.actor.empty()) context->AddMetadata("mdm-actor", common.actor);
  return context;
}

int Fail(std::ostream& err, const char* command, const grpc::Status& status) {
  err << "mdmctl " << command << ": " << DescribeFailure(command, status)
      << "\n";
  return ExitCodeFor(status.error_code());
}

std::string Key(const v1::SourceKey& key) {
  return absl::StrCat(key.source(), ":", key.source_id());
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
  const size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    return false;
  }
  ref->set_entity_type(entity_type);
  ref->mutable_key()->set_source(text.substr(0, colon));
  ref->mutable_key()->set_source_id(text.substr(colon + 1));
  return true;
}

void PrintExplanation(const v1::ExplainResponse& response, const std::string& a,
                      const std::string& b, std::ostream& out) {
  out << response.entity_type() << "  " << a << " (" << response.golden_id_a()
      << ")  vs  " << b << " (" << response.golden_id_b() << ")  model "
      << (response.model_version() == 0
              ? std::string("defaults")
              : absl::StrCat("version ", response.model_version()))
      << "\n\n";
  Table table({"COMPARISON", "A", "B", "LEVEL", "WEIGHT"});
  for (const v1::ComparisonExplanation& c : response.comparisons()) {
    table.AddRow({c.comparison(), c.value_a(), c.value_b(),
                  c.level() + (c.tf_adjusted() ? " (term frequency)" : ""),
                  c.level() == "missing" ? "" : Signed(c.weight())});
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
      out << "blocking: rule " << block.rule() << " key \"" << block.key()
          << "\" (" << block.block_size() << " records"
          << (block.oversized() ? ", too large: skipped" : "") << ")\n";
    }
  }
  for (const std::string& conflict : response.conflicts()) {
    out << "conflict: " << conflict << " (never clustered together)\n";
  }
}

}  // namespace mdm::cli
