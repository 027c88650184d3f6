#include "src/engine/survivorship.h"

#include "gtest/gtest.h"

namespace mdm::engine {
namespace {

storage::RecordRow Member(int64_t id, int seconds, storage::Attributes attrs) {
  storage::RecordRow row;
  row.id = id;
  row.key = {"src", std::to_string(id)};
  row.updated_at = absl::FromUnixSeconds(seconds);
  row.attributes = std::move(attrs);
  return row;
}

TEST(SurviveAttributes, MostRecentValueWinsPerAttributeWithLineage) {
  const auto old_full =
      Member(1, 100, {{"email", "old@x.org"}, {"phone", "1"}});
  const auto newer = Member(2, 200, {{"email", "new@x.org"}});
  const auto tie_later_id = Member(3, 200, {{"email", "tie@x.org"}});
  const storage::RecordRow* members[] = {&newer, &old_full, &tie_later_id};
  const auto golden = SurviveAttributes(members);
  ASSERT_EQ(golden.size(), 2u);
  EXPECT_EQ(golden[0].name, "email");
  EXPECT_EQ(golden[0].value, "tie@x.org");
  EXPECT_EQ(golden[0].source.source_id, "3");
  EXPECT_EQ(golden[0].rule, "most_recent");
  EXPECT_EQ(golden[1].name, "phone");
  EXPECT_EQ(golden[1].value, "1");
  EXPECT_EQ(golden[1].source.source_id, "1");
}

TEST(SurviveAttributes, NoMembersNoAttributes) {
  EXPECT_TRUE(SurviveAttributes({}).empty());
}

}  // namespace
}  // namespace mdm::engine
