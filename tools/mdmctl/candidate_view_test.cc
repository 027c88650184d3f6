#include "tools/mdmctl/candidate_view.h"

#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/mdmctl/terminal_text.h"

namespace mdm::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A pair with `attributes` attributes on each side (long values, one with
// an escape sequence) and `comparisons` comparisons, every third of which
// did not count.
v1::GetCandidateResponse Pair(int attributes, int comparisons) {
  v1::GetCandidateResponse r;
  v1::ReviewCandidate* c = r.mutable_candidate();
  c->set_entity_type("person");
  c->mutable_a()->set_source("crm");
  c->mutable_a()->set_source_id("C-1001");
  c->mutable_b()->set_source("erp");
  c->mutable_b()->set_source_id("E-77");
  c->set_match_probability(0.5652);
  for (auto* side : {r.mutable_a(), r.mutable_b()}) {
    side->mutable_golden()->set_golden_id("PER-000001Y");
    auto& values = *side->mutable_record()->mutable_attributes();
    for (int i = 0; i < attributes; ++i) {
      values[absl::StrCat("attribute_", i)] =
          absl::StrCat("a value long enough to need cutting, number ", i,
                       side == r.mutable_a() ? " on the left" : " right");
    }
    values["alias"] = "Ann\x1b[2J\x1b[H";
  }
  *r.mutable_a()->mutable_record()->mutable_key() = c->a();
  *r.mutable_b()->mutable_record()->mutable_key() = c->b();
  v1::ExplainResponse* e = r.mutable_explanation();
  for (int i = 0; i < comparisons; ++i) {
    v1::ComparisonExplanation* row = e->add_comparisons();
    row->set_comparison(absl::StrCat("comparison_", i));
    row->set_value_a("left standardized value");
    row->set_value_b(i % 3 == 2 ? "" : "right standardized value");
    row->set_counted(i % 3 != 2);
    row->set_level(i % 3 == 2 ? "missing" : "jaro-winkler >= 0.92");
    row->set_weight(i % 3 == 2 ? 0 : (i % 2 == 0 ? 2.5 : -1.25));
  }
  e->set_prior_weight(-13.29);
  e->set_match_weight(0.38);
  return r;
}

TEST(CandidateLines, FitsEightyByTwentyFourWithoutWrapping) {
  const CandidateViewOptions options = {.width = 80, .height = 20};
  const std::vector<std::string> lines = CandidateLines(Pair(16, 12), options);
  ASSERT_LE(lines.size(), 20u);
  for (const std::string& line : lines) {
    EXPECT_LE(DisplayWidth(line), 80u) << line;
    EXPECT_THAT(line, Not(HasSubstr("\x1b"))) << line;
    EXPECT_THAT(line, Not(HasSubstr("\n"))) << line;
  }
  const std::string text = absl::StrJoin(lines, "\n");
  EXPECT_THAT(text, HasSubstr("person  crm:C-1001  vs  erp:E-77"));
  EXPECT_THAT(text, HasSubstr("…"));
  EXPECT_THAT(text, HasSubstr("more rows"));
  EXPECT_THAT(text, HasSubstr("Ann\\x1b[2J\\x1b[H"));
  EXPECT_THAT(text, HasSubstr("prior"));
  EXPECT_EQ(lines.back().rfind("match weight +0.38", 0), 0u) << lines.back();
}

TEST(CandidateLines, DropsUncountedComparisonsBeforeRows) {
  // Everything fits once blanks and the comparisons that did not count go.
  const v1::GetCandidateResponse pair = Pair(4, 9);
  const std::vector<std::string> all = CandidateLines(pair, {});
  const std::vector<std::string> fitted =
      CandidateLines(pair, {.width = 80, .height = 20});
  EXPECT_GT(all.size(), 20u);
  ASSERT_LE(fitted.size(), 20u);
  const std::string text = absl::StrJoin(fitted, "\n");
  EXPECT_THAT(text, Not(HasSubstr("missing")));
  EXPECT_THAT(text, Not(HasSubstr("more row")));
  EXPECT_THAT(text, HasSubstr("comparison_7"));
}

TEST(CandidateLines, HighlightsDifferingRowsWithColor) {
  const std::vector<std::string> lines =
      CandidateLines(Pair(1, 2), {.color = true, .width = 80, .height = 24});
  bool highlighted = false;
  for (const std::string& line : lines) {
    if (line.rfind("\x1b[1;33m", 0) == 0) {
      highlighted = true;
      EXPECT_EQ(line.substr(line.size() - 4), "\x1b[0m") << line;
      EXPECT_LE(DisplayWidth(line), 80u);
    }
  }
  EXPECT_TRUE(highlighted);
}

TEST(PrintCandidate, MarksDifferencesWithoutColorAndKeepsEverything) {
  std::ostringstream out;
  PrintCandidate(Pair(2, 3), /*color=*/false, out);
  EXPECT_THAT(out.str(), HasSubstr("\n*  attribute_0"));
  EXPECT_THAT(out.str(), HasSubstr("comparison_2"));
  EXPECT_THAT(out.str(), HasSubstr("missing"));
  EXPECT_THAT(out.str(), Not(HasSubstr("more row")));
}

}  // namespace
}  // namespace mdm::cli
