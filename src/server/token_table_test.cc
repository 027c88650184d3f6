#include "src/server/token_table.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/base/sha256.h"

namespace mdm::server {
namespace {

using ::testing::HasSubstr;

std::string Line(absl::string_view name, absl::string_view token,
                 absl::string_view rest) {
  return absl::StrCat(name, " sha256:", Sha256Hex(token), " ", rest, "\n");
}

TEST(TokenTableTest, FindsTokensByTheirDigestWithRolesAndExpiry) {
  absl::StatusOr<TokenTable> table = TokenTable::Parse(
      absl::StrCat("# comment line\n\n",
                   Line("crm-sync", "t1", "reader,writer  # inline comment"),
                   Line("ann", "t2", "steward expires=2027-06-30T00:00:00Z")),
      "tokens");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->size(), 2u);
  const TokenEntry* sync = table->Find("t1");
  ASSERT_NE(sync, nullptr);
  EXPECT_EQ(sync->name, "crm-sync");
  EXPECT_TRUE(sync->Has(Role::kReader));
  EXPECT_TRUE(sync->Has(Role::kWriter));
  EXPECT_FALSE(sync->Has(Role::kSteward));
  EXPECT_FALSE(sync->expires.has_value());
  const TokenEntry* ann = table->Find("t2");
  ASSERT_NE(ann, nullptr);
  EXPECT_TRUE(ann->Has(Role::kSteward));
  EXPECT_FALSE(ann->Has(Role::kAdmin));
  EXPECT_EQ(*ann->expires,
            absl::FromCivil(absl::CivilSecond(2027, 6, 30, 0, 0, 0),
                            absl::UTCTimeZone()));
  EXPECT_EQ(table->Find("t3"), nullptr);
  EXPECT_EQ(table->Find(Sha256Hex("t1")), nullptr);  // the digest is no token
}

TEST(TokenTableTest, ErrorsNameTheLineAndWhatIsWrong) {
  const std::string digest = absl::StrCat("sha256:", Sha256Hex("t"));
  const struct {
    std::string text;
    std::string error;
  } cases[] = {
      {"ann " + digest + " wrtier\n",
       "tokens:1: token 'ann': unknown role 'wrtier'"},
      {"\nann " + digest + "\n", "tokens:2: expected NAME sha256:DIGEST ROLES"},
      {"ann md5:abc reader\n", "digest must be sha256:"},
      {"ann sha256:ABC reader\n", "64 lowercase hex digits"},
      {"a/b " + digest + " reader\n", "token name 'a/b'"},
      {"ann " + digest + " reader expires=tomorrow\n",
       "expected expires=RFC 3339"},
      {Line("ann", "a", "reader") + Line("ann", "b", "reader"),
       "tokens:2: token name 'ann' repeated"},
      {Line("ann", "a", "reader") + Line("bob", "a", "reader"),
       "tokens:2: digest repeated"},
  };
  for (const auto& c : cases) {
    absl::StatusOr<TokenTable> table = TokenTable::Parse(c.text, "tokens");
    ASSERT_FALSE(table.ok()) << c.text;
    EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(table.status().message(), HasSubstr(c.error)) << c.text;
  }
}

TEST(TokenTableTest, MissingFileIsNotFound) {
  EXPECT_EQ(LoadTokenFile("/nonexistent/tokens").status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace mdm::server
