#include "tools/mdmctl/suggest.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace mdm::cli {
namespace {

TEST(ClosestName, SuggestsTyposPrefixesAndNothingForStrangers) {
  const std::vector<std::string> commands = {
      "import", "resolve", "get",    "history",    "search",
      "watch",  "changes", "export", "upsert",     "delete",
      "types",  "explain", "model",  "candidates", "merge",
      "split",  "move",    "audit",  "review",     "admin"};
  struct Case {
    std::string typed;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"imprt", "import"},     // a letter dropped
      {"improt", "import"},    // two letters swapped
      {"resovle", "resolve"},  // swapped
      {"histroy", "history"},  // swapped
      {"Import", "import"},    // case
      {"cand", "candidates"},  // a prefix
      {"gte", "get"},          // swapped in a short name
      {"xyzzy", ""},           // nothing close
      {"x", ""},               // too short to guess
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ClosestName(c.typed, commands), c.expected) << c.typed;
  }
}

}  // namespace
}  // namespace mdm::cli
