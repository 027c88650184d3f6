#include "tools/mdmctl/candidate_view.h"

#include <map>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "tools/mdmctl/output.h"
#include "tools/mdmctl/rpc_util.h"

namespace mdm::cli {
namespace {

constexpr char kHighlight[] = "\033[1;33m";
constexpr char kReset[] = "\033[0m";

// Prints a table whose first column is "*" on rows to highlight: with color
// those rows are printed highlighted and the column is blank.
void PrintMarked(const Table& table, bool color, std::ostream& out) {
  std::ostringstream text;
  table.Print(text);
  for (absl::string_view line : absl::StrSplit(text.str(), '\n')) {
    if (line.empty()) continue;
    if (color && line[0] == '*') {
      out << kHighlight << " " << line.substr(1) << kReset << "\n";
    } else {
      out << line << "\n";
    }
  }
}

std::string GoldenName(const v1::GoldenRecord& golden) {
  for (const char* name : {"full_name", "name", "title"}) {
    for (const v1::GoldenAttribute& a : golden.attributes()) {
      if (a.name() == name) return a.value();
    }
  }
  return "";
}

}  // namespace

void PrintCandidate(const v1::GetCandidateResponse& candidate, bool color,
                    std::ostream& out) {
  const v1::ReviewCandidate& c = candidate.candidate();
  const std::string a = Key(c.a()), b = Key(c.b());
  out << c.entity_type() << "  " << a << "  vs  " << b << "  probability "
      << absl::StrFormat("%.4f", c.match_probability()) << "  weight "
      << Signed(c.match_weight()) << "\n";
  for (const auto* side : {&candidate.a(), &candidate.b()}) {
    const v1::GoldenRecord& golden = side->golden();
    out << "  " << Key(side->record().key()) << " is in " << golden.golden_id()
        << " (" << golden.xrefs_size() << " record"
        << (golden.xrefs_size() == 1 ? "" : "s") << ")"
        << (GoldenName(golden).empty() ? ""
                                       : absl::StrCat(": ", GoldenName(golden)))
        << "\n";
  }
  if (candidate.has_judgement()) {
    const v1::Judgement& j = candidate.judgement();
    out << "  judged " << v1::JudgementKind_Name(j.kind()) << " by "
        << j.actor() << " at " << Time(j.time())
        << (j.reason().empty() ? "" : absl::StrCat(": ", j.reason())) << "\n";
  }
  out << "\n";

  // As sent.
  std::map<std::string, std::pair<std::string, std::string>> values;
  for (const auto& [name, value] : candidate.a().record().attributes()) {
    values[name].first = value;
  }
  for (const auto& [name, value] : candidate.b().record().attributes()) {
    values[name].second = value;
  }
  Table sent({" ", "ATTRIBUTE", a, b});
  for (const auto& [name, pair] : values) {
    const bool differ = !pair.first.empty() && !pair.second.empty() &&
                        pair.first != pair.second;
    sent.AddRow({differ ? "*" : " ", name, pair.first, pair.second});
  }
  PrintMarked(sent, color, out);
  out << "\n";

  // As compared.
  const v1::ExplainResponse& e = candidate.explanation();
  Table compared({" ", "COMPARISON", "A (standardized)", "B (standardized)",
                  "LEVEL", "WEIGHT"});
  for (const v1::ComparisonExplanation& row : e.comparisons()) {
    const bool differ = row.level() != "missing" && row.weight() < 0;
    compared.AddRow({differ ? "*" : " ", row.comparison(), row.value_a(),
                     row.value_b(), row.level(),
                     row.level() == "missing" ? "" : Signed(row.weight())});
  }
  compared.AddRow({" ", "prior", "", "", "", Signed(e.prior_weight())});
  PrintMarked(compared, color, out);
  out << "\nmatch weight " << Signed(e.match_weight()) << "  probability "
      << absl::StrFormat("%.6f", e.match_probability()) << "  model "
      << (e.model_version() == 0 ? std::string("defaults")
                                 : absl::StrCat("version ", e.model_version()))
      << "\n";
  for (const std::string& conflict : e.conflicts()) {
    out << "conflict: " << conflict << "\n";
  }
}

}  // namespace mdm::cli
