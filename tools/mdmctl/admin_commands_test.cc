#include "tools/mdmctl/admin_commands.h"

#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/server/token_table.h"

namespace mdm::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

const absl::Time kNow = absl::FromUnixSeconds(1'800'000'000);  // 2027-01-15

TEST(NewToken, PrintsATokenAndALineMdmdAccepts) {
  std::ostringstream out, err;
  ASSERT_EQ(RunNewToken({}, "ann", "steward,reader", "2027-06-30T00:00:00Z",
                        kNow, out, err),
            0)
      << err.str();
  EXPECT_THAT(err.str(), IsEmpty());
  std::istringstream lines(out.str());
  std::string line, token, entry;
  std::getline(lines, line);
  std::getline(lines, token);
  std::getline(lines, line);
  std::getline(lines, entry);
  token = token.substr(2);
  entry = entry.substr(2);
  EXPECT_THAT(entry, HasSubstr(" steward,reader expires=2027-06-30T00:00:00Z"));
  absl::StatusOr<server::TokenTable> table =
      server::TokenTable::Parse(entry, "line");
  ASSERT_TRUE(table.ok()) << table.status();
  const server::TokenEntry* found = table->Find(token);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->name, "ann");
  EXPECT_TRUE(found->Has(server::Role::kSteward));
}

TEST(NewToken, RefusesWhatMdmdWouldRefuseOrNeverAccept) {
  const struct {
    std::string name, roles, expires, error;
  } cases[] = {
      {"ann", "stewrd", "", "--roles: unknown role 'stewrd'"},
      {"ann", "reader,", "", "--roles: unknown role ''"},
      {"ann", "Reader", "", "--roles: unknown role 'Reader'"},
      {"ann", "reader", "2020-01-01T00:00:00Z",
       "--expires: 2020-01-01T00:00:00Z is in the past"},
      {"ann", "reader", "2027-01-15T08:00:00Z", "is in the past"},  // = now
      {"ann", "reader", "tomorrow", "--expires: 'tomorrow' is not an RFC 3339"},
      {"ann lee", "reader", "", "--name: token name 'ann lee' must be"},
  };
  for (const auto& c : cases) {
    std::ostringstream out, err;
    EXPECT_EQ(RunNewToken({}, c.name, c.roles, c.expires, kNow, out, err), 2)
        << c.error;
    EXPECT_THAT(err.str(), HasSubstr(c.error));
    EXPECT_THAT(out.str(), IsEmpty()) << c.error;
  }
}

}  // namespace
}  // namespace mdm::cli
