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

}  // namespace
}  // namespace mdm::cli
