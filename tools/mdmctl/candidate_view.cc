#include "tools/mdmctl/candidate_view.h"

#include <algorithm>
#include <map>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "tools/mdmctl/output.h"
#include "tools/mdmctl/rpc_util.h"
#include "tools/mdmctl/terminal_text.h"

namespace mdm::cli {
namespace {

constexpr char kHighlight[] = "\033[1;33m";
constexpr char kReset[] = "\033[0m";

std::string GoldenName(const v1::GoldenRecord& golden) {
  for (const char* name : {"full_name", "name", "title"}) {
    for (const v1::GoldenAttribute& a : golden.attributes()) {
      if (a.name() == name) return a.value();
    }
  }
  return "";
}

// Table rows whose first cell is "*" for rows to highlight.
using Rows = std::vector<std::vector<std::string>>;

// The table's lines: the header, the first `limit` rows (all when `limit` is
// at least their number, else limit - 1 and a line counting the others),
// then `tail`. With color, marked rows are highlighted and the mark blank.
std::vector<std::string> TableLines(const std::vector<std::string>& header,
                                    const Rows& rows, size_t limit,
                                    const Rows& tail, bool color,
                                    size_t width) {
  const size_t shown = rows.size() <= limit ? rows.size()
                       : limit == 0         ? 0
                                            : limit - 1;
  Table table(header);
  for (size_t i = 0; i < shown; ++i) table.AddRow(rows[i]);
  for (const auto& row : tail) table.AddRow(row);
  std::ostringstream text;
  table.Print(text, /*max_width=*/48, width);
  std::vector<std::string> lines;
  for (absl::string_view line : absl::StrSplit(text.str(), '\n')) {
    if (line.empty()) continue;
    if (color && line[0] == '*') {
      lines.push_back(absl::StrCat(kHighlight, " ", line.substr(1), kReset));
    } else {
      lines.emplace_back(line);
    }
  }
  if (shown < rows.size()) {
    const size_t hidden = rows.size() - shown;
    const std::string more =
        absl::StrCat("  … ", hidden, hidden == 1 ? " more row" : " more rows");
    lines.insert(lines.begin() + 1 + shown, more);
  }
  return lines;
}

}  // namespace

std::vector<std::string> CandidateLines(
    const v1::GetCandidateResponse& candidate,
    const CandidateViewOptions& options) {
  const v1::ReviewCandidate& c = candidate.candidate();
  const std::string a = Key(c.a()), b = Key(c.b());
  std::vector<std::string> head;
  head.push_back(absl::StrCat(c.entity_type(), "  ", a, "  vs  ", b,
                              "  probability ",
                              absl::StrFormat("%.4f", c.match_probability()),
                              "  weight ", Signed(c.match_weight())));
  for (const auto* side : {&candidate.a(), &candidate.b()}) {
    const v1::GoldenRecord& golden = side->golden();
    const std::string name = GoldenName(golden);
    head.push_back(absl::StrCat(
        "  ", Key(side->record().key()), " is in ", golden.golden_id(), " (",
        golden.xrefs_size(), " record", golden.xrefs_size() == 1 ? "" : "s",
        ")", name.empty() ? "" : absl::StrCat(": ", TerminalSafe(name))));
  }
  if (candidate.has_judgement()) {
    const v1::Judgement& j = candidate.judgement();
    head.push_back(absl::StrCat(
        "  judged ", v1::JudgementKind_Name(j.kind()), " by ",
        TerminalSafe(j.actor()), " at ", Time(j.time()),
        j.reason().empty() ? ""
                           : absl::StrCat(": ", TerminalSafe(j.reason()))));
  }

  // As sent.
  std::map<std::string, std::pair<std::string, std::string>> values;
  for (const auto& [name, value] : candidate.a().record().attributes()) {
    values[name].first = value;
  }
  for (const auto& [name, value] : candidate.b().record().attributes()) {
    values[name].second = value;
  }
  Rows sent;
  for (const auto& [name, pair] : values) {
    const bool differ = !pair.first.empty() && !pair.second.empty() &&
                        pair.first != pair.second;
    sent.push_back({differ ? "*" : " ", name, pair.first, pair.second});
  }

  // As compared; those that did not count last when space is short.
  const v1::ExplainResponse& e = candidate.explanation();
  Rows counted, compared;
  for (const v1::ComparisonExplanation& row : e.comparisons()) {
    const bool was_counted = Counted(e, row);
    const bool differ = was_counted && row.weight() < 0;
    std::vector<std::string> cells = {
        differ ? "*" : " ", row.comparison(),
        row.value_a(),      row.value_b(),
        row.level(),        was_counted ? Signed(row.weight()) : ""};
    if (was_counted) counted.push_back(cells);
    compared.push_back(std::move(cells));
  }
  const Rows prior = {{" ", "prior", "", "", "", Signed(e.prior_weight())}};

  std::vector<std::string> tail;
  tail.push_back(absl::StrCat(
      "match weight ", Signed(e.match_weight()), "  probability ",
      absl::StrFormat("%.6f", e.match_probability()), "  model ",
      e.model_version() == 0 ? std::string("defaults")
                             : absl::StrCat("version ", e.model_version())));
  for (const std::string& conflict : e.conflicts()) {
    tail.push_back(absl::StrCat("conflict: ", TerminalSafe(conflict)));
  }

  // What fits in the height: blank lines go first, then the comparisons
  // that did not count, then rows of both tables.
  bool blanks = true;
  const Rows* comparisons = &compared;
  size_t sent_limit = sent.size(), compared_limit = compared.size();
  if (options.height > 0) {
    auto needed = [&] {
      return head.size() + tail.size() + (blanks ? 3 : 0) + 1 +
             std::min(sent.size(), sent_limit) + 1 +
             std::min(comparisons->size(), compared_limit) + prior.size();
    };
    if (needed() > options.height) blanks = false;
    if (needed() > options.height) {
      comparisons = &counted;
      compared_limit = counted.size();
    }
    if (needed() > options.height) {
      const size_t fixed =
          head.size() + tail.size() + 2 + prior.size();  // + headers
      const size_t rows = options.height > fixed ? options.height - fixed : 0;
      // Each table keeps a share of the rows by its size, at least two
      // (a row and the count of the rest) while there are two.
      const size_t total = sent.size() + comparisons->size();
      sent_limit = total == 0 ? 0 : rows * sent.size() / total;
      sent_limit = std::max<size_t>(sent_limit, std::min<size_t>(2, rows));
      sent_limit = std::min(sent_limit, sent.size());
      compared_limit = rows > sent_limit ? rows - sent_limit : 0;
    }
  }

  const size_t width = options.width;
  std::vector<std::string> lines = head;
  if (blanks) lines.emplace_back();
  for (std::string& line : TableLines({" ", "ATTRIBUTE", a, b}, sent,
                                      sent_limit, {}, options.color, width)) {
    lines.push_back(std::move(line));
  }
  if (blanks) lines.emplace_back();
  for (std::string& line :
       TableLines({" ", "COMPARISON", "A (standardized)", "B (standardized)",
                   "LEVEL", "WEIGHT"},
                  *comparisons, compared_limit, prior, options.color, width)) {
    lines.push_back(std::move(line));
  }
  if (blanks) lines.emplace_back();
  for (std::string& line : tail) lines.push_back(std::move(line));
  if (options.height > 0 && lines.size() > options.height) {
    lines.resize(options.height);
  }
  if (width > 0) {
    for (std::string& line : lines) line = FitToWidth(line, width);
  }
  return lines;
}

void PrintCandidate(const v1::GetCandidateResponse& candidate, bool color,
                    std::ostream& out) {
  for (const std::string& line : CandidateLines(candidate, {.color = color})) {
    out << line << "\n";
  }
}

}  // namespace mdm::cli
