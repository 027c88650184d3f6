#include "src/engine/audit_detail.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/base/testing/status_matchers.h"

namespace mdm::engine {
namespace {

using ::mdm::testing::StatusIs;

TEST(AuditDetail, RoundTripsWhatADecisionReplaced) {
  storage::JudgementRow replaced{.kind = storage::JudgementKind::kCannotLink,
                                 .actor = "ann",
                                 .reason = "father, son: \"Jr\"\nsee notes",
                                 .time = absl::FromUnixMicros(1234567)};
  const struct {
    AuditDetail detail;
  } cases[] = {
      {{.decision = true, .replaced = replaced}},
      {{.decision = true}},
      {{.undoes = 42}},
      {{}},
  };
  for (const auto& c : cases) {
    const std::string text = EncodeAuditDetail(c.detail);
    ASSERT_OK_AND_ASSIGN(AuditDetail read, DecodeAuditDetail(text));
    EXPECT_EQ(read.decision, c.detail.decision) << text;
    EXPECT_EQ(read.undoes, c.detail.undoes) << text;
    ASSERT_EQ(read.replaced.has_value(), c.detail.replaced.has_value()) << text;
    if (read.replaced.has_value()) {
      EXPECT_EQ(read.replaced->kind, replaced.kind);
      EXPECT_EQ(read.replaced->actor, replaced.actor);
      EXPECT_EQ(read.replaced->reason, replaced.reason);
      EXPECT_EQ(read.replaced->time, replaced.time);
    }
  }
}

TEST(AuditDetail, EmptyTextRecordsNothing) {
  ASSERT_OK_AND_ASSIGN(AuditDetail read, DecodeAuditDetail(""));
  EXPECT_FALSE(read.decision);
  EXPECT_EQ(read.undoes, 0);
}

TEST(AuditDetail, RefusesTextItDidNotWrite) {
  for (const char* text :
       {"x", "undo:", "undo:-1", "decision:", "decision:9,0,0,0:",
        "decision:1,0,3,0:ab", "decision:1,0,1:a"}) {
    EXPECT_THAT(DecodeAuditDetail(text), StatusIs(absl::StatusCode::kDataLoss))
        << text;
  }
}

}  // namespace
}  // namespace mdm::engine
