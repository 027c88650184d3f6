#include "tools/mdmctl/column_plan.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/base/testing/status_matchers.h"

namespace mdm::cli {
namespace {

using ::mdm::testing::IsOk;
using ::mdm::testing::StatusIs;
using ::testing::HasSubstr;

v1::EntityTypeConfig Person() {
  v1::EntityTypeConfig type;
  type.set_name("person");
  for (const char* name :
       {"full_name", "family_name", "given_name", "email", "birth_date"}) {
    type.add_attributes()->set_name(name);
  }
  return type;
}

TEST(ColumnPlan, MapsIgnoresAndKeepsTheIdOutOfTheAttributes) {
  ASSERT_OK_AND_ASSIGN(
      ColumnPlan plan,
      PlanColumns({.id_column = "no",
                   .map = {"surname=family_name", "dob=birth_date"},
                   .ignore = {"notes"}},
                  Person()));
  EXPECT_THAT(plan.CheckHeader({"no", "surname", "dob", "notes", "email"}),
              IsOk());
  EXPECT_EQ(plan.AttributeOf("surname"), "family_name");
  EXPECT_EQ(plan.AttributeOf("email"), "email");
  EXPECT_EQ(plan.AttributeOf("notes"), "");
  EXPECT_EQ(plan.AttributeOf("no"), "");
}

TEST(ColumnPlan, ContradictoryFlagsAreErrorsNamingTheFlags) {
  struct Case {
    ColumnFlags flags;
    std::string error;
  };
  const std::vector<Case> cases = {
      {{.id_column = "no", .map = {"no=full_name"}},
       "--map=no=full_name maps the id column (--id-column=no)"},
      {{.id_column = "no", .ignore = {"no"}},
       "--ignore=no drops the id column (--id-column=no)"},
      {{.map = {"surname=family_name"}, .ignore = {"surname"}},
       "--map=surname=family_name and --ignore=surname name the same column"},
      {{.map = {"a=email", "a=full_name"}},
       "--map=a=email and --map=a=full_name map the same column"},
      {{.map = {"a=email", "b=email"}},
       "--map=a=email and --map=b=email both fill 'email'"},
      {{.map = {"a=shoe_size"}},
       "--map=a=shoe_size: 'shoe_size' is not an attribute of person"},
      {{.map = {"a"}}, "--map entry 'a' is not COLUMN=ATTRIBUTE"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(
        PlanColumns(c.flags, Person()),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.error)))
        << c.error;
  }
}

TEST(ColumnPlan, HeaderConflictsAreErrors) {
  struct Case {
    ColumnFlags flags;
    std::vector<std::string> header;
    std::string error;
  };
  const std::vector<Case> cases = {
      // The --map target is also a column of the file.
      {{.map = {"surname=family_name"}},
       {"id", "surname", "family_name"},
       "--map=surname=family_name targets 'family_name', which is also a "
       "column of the file"},
      // --map and --ignore naming columns the file lacks (typos).
      {{.map = {"surnme=family_name"}},
       {"id", "surname"},
       "--map=surnme=family_name: no such column in the header"},
      {{.ignore = {"nots"}}, {"id", "email"}, "--ignore=nots: no such column"},
      {{}, {"id", "email", "email"}, "column 'email' appears twice"},
      {{.id_column = "no"}, {"id", "email"}, "no id column 'no' in the header"},
      {{}, {"id", "shoe_size"}, "column(s) shoe_size are not attributes"},
  };
  for (const Case& c : cases) {
    ASSERT_OK_AND_ASSIGN(ColumnPlan plan, PlanColumns(c.flags, Person()));
    EXPECT_THAT(
        plan.CheckHeader(c.header),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.error)))
        << c.error;
  }
}

TEST(ColumnPlan, TargetColumnThatIsIgnoredOrMappedAwayIsNoConflict) {
  ASSERT_OK_AND_ASSIGN(
      ColumnPlan ignored,
      PlanColumns({.map = {"surname=family_name"}, .ignore = {"family_name"}},
                  Person()));
  EXPECT_THAT(ignored.CheckHeader({"id", "surname", "family_name"}), IsOk());
  ASSERT_OK_AND_ASSIGN(
      ColumnPlan swapped,
      PlanColumns({.map = {"surname=family_name", "family_name=given_name"}},
                  Person()));
  EXPECT_THAT(swapped.CheckHeader({"id", "surname", "family_name"}), IsOk());
}

TEST(ColumnPlan, JsonRowHoldingAMappedColumnAndItsTargetIsAConflict) {
  ASSERT_OK_AND_ASSIGN(ColumnPlan plan,
                       PlanColumns({.map = {"surname=family_name"}}, Person()));
  EXPECT_THAT(plan.RowConflict(
                  {{"id", "1"}, {"surname", "Lee"}, {"family_name", "Li"}}),
              HasSubstr("--map=surname=family_name targets 'family_name'"));
  EXPECT_EQ(plan.RowConflict({{"id", "1"}, {"surname", "Lee"}}), "");
}

}  // namespace
}  // namespace mdm::cli
