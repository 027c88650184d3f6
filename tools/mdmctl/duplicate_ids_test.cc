#include "tools/mdmctl/duplicate_ids.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdm::cli {
namespace {

using ::testing::ElementsAre;

TEST(DuplicateIds, CountsIdsAndReplacedRowsWithTheirLines) {
  DuplicateIds duplicates;
  EXPECT_FALSE(duplicates.Add("C-1", 2));
  EXPECT_FALSE(duplicates.Add("C-2", 3));
  EXPECT_TRUE(duplicates.Add("C-1", 5));
  EXPECT_TRUE(duplicates.Add("C-1", 9));
  EXPECT_FALSE(duplicates.Add("c-2", 10));  // ids are case-sensitive
  EXPECT_TRUE(duplicates.Add("C-2", 11));
  EXPECT_EQ(duplicates.ids(), 2);
  EXPECT_EQ(duplicates.replaced_rows(), 3);
  EXPECT_THAT(duplicates.Examples(),
              ElementsAre("C-1 (lines 2, 5, 9)", "C-2 (lines 3, 11)"));
}

TEST(DuplicateIds, KeepsAFewExamplesButCountsAll) {
  DuplicateIds duplicates;
  for (int i = 0; i < 20; ++i) {
    duplicates.Add(std::to_string(i), i + 1);
    duplicates.Add(std::to_string(i), i + 100);
  }
  EXPECT_EQ(duplicates.ids(), 20);
  EXPECT_EQ(duplicates.Examples().size(),
            static_cast<size_t>(DuplicateIds::kMaxExamples));
}

}  // namespace
}  // namespace mdm::cli
