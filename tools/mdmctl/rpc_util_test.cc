#include "tools/mdmctl/rpc_util.h"

#include <string>

#include "gtest/gtest.h"

namespace mdm::cli {
namespace {

v1::SourceKey MakeKey(const std::string& source, const std::string& id) {
  v1::SourceKey key;
  key.set_source(source);
  key.set_source_id(id);
  return key;
}

TEST(Key, BracketsASourceHoldingAColonAndEscapesControls) {
  EXPECT_EQ(Key(MakeKey("crm", "42")), "crm:42");
  EXPECT_EQ(Key(MakeKey("crm", "urn:x:1")), "crm:urn:x:1");
  EXPECT_EQ(Key(MakeKey("erp:eu", "42")), "[erp:eu]:42");
  EXPECT_EQ(Key(MakeKey("crm", "4\x1b[2J")), "crm:4\\x1b[2J");
}

TEST(ParseRef, ReadsBackWhatKeyPrints) {
  const struct {
    std::string text;
    std::string source;
    std::string id;
  } cases[] = {
      {"crm:42", "crm", "42"},
      {"crm:urn:x:1", "crm", "urn:x:1"},  // ids may hold ':'
      {"[erp:eu]:42", "erp:eu", "42"},
      {"[erp:eu]:a:b", "erp:eu", "a:b"},
      {"[crm]:42", "crm", "42"},
  };
  for (const auto& c : cases) {
    v1::RecordRef ref;
    ASSERT_TRUE(ParseRef(c.text, "person", &ref)) << c.text;
    EXPECT_EQ(ref.entity_type(), "person");
    EXPECT_EQ(ref.key().source(), c.source) << c.text;
    EXPECT_EQ(ref.key().source_id(), c.id) << c.text;
  }
  for (const std::string bad :
       {"crm", ":42", "crm:", "[erp:eu]", "[]:42", "[erp:eu]:", "[erp:eu:42"}) {
    v1::RecordRef ref;
    EXPECT_FALSE(ParseRef(bad, "", &ref)) << bad;
  }
}

TEST(Counted, FollowsTheServerAndFallsBackForServersThatDoNotSay) {
  v1::ExplainResponse e;
  v1::ComparisonExplanation* name = e.add_comparisons();
  name->set_level("exact");
  v1::ComparisonExplanation* email = e.add_comparisons();
  email->set_level("missing");
  v1::ComparisonExplanation* full = e.add_comparisons();
  full->set_level("not counted (given_name compared)");
  // A server that does not set `counted`: every level but "missing".
  EXPECT_TRUE(Counted(e, *name));
  EXPECT_FALSE(Counted(e, *email));
  // A server that does.
  name->set_counted(true);
  EXPECT_TRUE(Counted(e, *name));
  EXPECT_FALSE(Counted(e, *email));
  EXPECT_FALSE(Counted(e, *full));
}

}  // namespace
}  // namespace mdm::cli
