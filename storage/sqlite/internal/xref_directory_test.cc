#include "storage/sqlite/internal/xref_directory.h"

#include "gtest/gtest.h"

namespace mdm::storage::sqlite_internal {
namespace {

XrefChange Link(int64_t record_id, std::string type, std::string source_id,
                int64_t golden_id) {
  return {.row = {.record_id = record_id,
                  .entity_type = std::move(type),
                  .key = {"crm", std::move(source_id)},
                  .golden_id = golden_id}};
}

TEST(XrefDirectoryTest, LaterChangesReplaceEarlierOnesPerKeyAndType) {
  XrefDirectory directory;
  directory.Apply({Link(1, "person", "7", 10), Link(2, "organization", "7", 20),
                   Link(1, "person", "7", 11)});
  const std::vector<XrefRow> links = directory.Lookup({"crm", "7"});
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].record_id, 1);
  EXPECT_EQ(links[0].entity_type, "person");
  EXPECT_EQ(links[0].golden_id, 11);
  EXPECT_EQ(links[1].entity_type, "organization");
  EXPECT_EQ(links[1].golden_id, 20);
  EXPECT_EQ(directory.size(), 2);
}

TEST(XrefDirectoryTest, EraseRemovesOnlyThatTypeOfTheKey) {
  XrefDirectory directory;
  directory.Apply({Link(1, "person", "7", 10), Link(2, "organization", "7", 20),
                   Link(3, "person", "8", 30)});
  XrefChange erase = Link(1, "person", "7", 0);
  erase.erase = true;
  directory.Apply({erase});
  const std::vector<std::vector<XrefRow>> links =
      directory.LookupMany({{"crm", "7"}, {"crm", "8"}, {"erp", "7"}});
  ASSERT_EQ(links.size(), 3u);
  ASSERT_EQ(links[0].size(), 1u);
  EXPECT_EQ(links[0][0].entity_type, "organization");
  ASSERT_EQ(links[1].size(), 1u);
  EXPECT_EQ(links[1][0].golden_id, 30);
  EXPECT_TRUE(links[2].empty());
  EXPECT_EQ(directory.size(), 2);
}

TEST(XrefDirectoryTest, KeysDoNotRunTogether) {
  XrefDirectory directory;
  directory.Apply({{.row = {.record_id = 1,
                            .entity_type = "person",
                            .key = {"ab", "c"},
                            .golden_id = 1}}});
  EXPECT_TRUE(directory.Lookup({"a", "bc"}).empty());
  EXPECT_EQ(directory.Lookup({"ab", "c"}).size(), 1u);
}

}  // namespace
}  // namespace mdm::storage::sqlite_internal
