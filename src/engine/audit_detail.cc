#include "src/engine/audit_detail.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace mdm::engine {
namespace {

// "decision:none"
// "decision:KIND,TIME_MICROS,ACTOR_BYTES,REASON_BYTES:" ACTOR REASON
// "undo:SEQUENCE"
constexpr absl::string_view kDecision = "decision:";
constexpr absl::string_view kUndo = "undo:";

absl::Status Corrupt(absl::string_view text) {
  return absl::DataLossError(
      absl::StrCat("audit detail '", text.substr(0, 80), "' is corrupt"));
}

}  // namespace

std::string EncodeAuditDetail(const AuditDetail& detail) {
  if (detail.undoes != 0) return absl::StrCat(kUndo, detail.undoes);
  if (!detail.decision) return "";
  if (!detail.replaced.has_value()) return absl::StrCat(kDecision, "none");
  const storage::JudgementRow& j = *detail.replaced;
  return absl::StrCat(kDecision, static_cast<int>(j.kind), ",",
                      absl::ToUnixMicros(j.time), ",", j.actor.size(), ",",
                      j.reason.size(), ":", j.actor, j.reason);
}

absl::StatusOr<AuditDetail> DecodeAuditDetail(absl::string_view text) {
  AuditDetail detail;
  if (text.empty()) return detail;
  absl::string_view rest = text;
  if (absl::ConsumePrefix(&rest, kUndo)) {
    if (!absl::SimpleAtoi(rest, &detail.undoes) || detail.undoes <= 0) {
      return Corrupt(text);
    }
    return detail;
  }
  if (!absl::ConsumePrefix(&rest, kDecision)) return Corrupt(text);
  detail.decision = true;
  if (rest == "none") return detail;
  const size_t colon = rest.find(':');
  if (colon == absl::string_view::npos) return Corrupt(text);
  const std::vector<absl::string_view> fields =
      absl::StrSplit(rest.substr(0, colon), ',');
  int kind = 0;
  int64_t micros = 0;
  size_t actor_bytes = 0, reason_bytes = 0;
  if (fields.size() != 4 || !absl::SimpleAtoi(fields[0], &kind) ||
      !absl::SimpleAtoi(fields[1], &micros) ||
      !absl::SimpleAtoi(fields[2], &actor_bytes) ||
      !absl::SimpleAtoi(fields[3], &reason_bytes) || kind < 1 || kind > 3) {
    return Corrupt(text);
  }
  rest.remove_prefix(colon + 1);
  if (rest.size() != actor_bytes + reason_bytes) return Corrupt(text);
  storage::JudgementRow replaced;
  replaced.kind = static_cast<storage::JudgementKind>(kind);
  replaced.time = absl::FromUnixMicros(micros);
  replaced.actor = std::string(rest.substr(0, actor_bytes));
  replaced.reason = std::string(rest.substr(actor_bytes));
  detail.replaced = std::move(replaced);
  return detail;
}

}  // namespace mdm::engine
