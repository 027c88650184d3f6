#include "matching/query_text.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "matching/testing/test_models.h"

namespace mdm::matching {
namespace {

using ::mdm::matching::testing::CompileOrDie;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

EntityModel Organization() {
  return CompileOrDie(R"pb(
    name: "organization"
    id_prefix: "ORG"
    attributes { name: "name" kind: ORGANIZATION_NAME }
    attributes { name: "registration_id" kind: REGISTRATION_ID }
    attributes { name: "phone" kind: PHONE }
    attributes { name: "email" kind: EMAIL }
  )pb");
}

TEST(InterpretQueryText, SplitsContactsFromTheName) {
  EXPECT_THAT(
      InterpretQueryText(Organization(),
                         "Kingdee Software  0755-8631 6688 info@kingdee.com"),
      UnorderedElementsAre(Pair("email", "info@kingdee.com"),
                           Pair("phone", "0755-8631 6688"),
                           Pair("name", "Kingdee Software")));
}

TEST(InterpretQueryText, ValidIdentifiersGoToTheirAttribute) {
  // A valid Unified Social Credit Code, then one with a wrong check character,
  // which is not taken as an identifier and stays in the name.
  EXPECT_THAT(
      InterpretQueryText(Organization(), "金蝶软件 91350100M000100Y43"),
      UnorderedElementsAre(Pair("registration_id", "91350100M000100Y43"),
                           Pair("name", "金蝶软件")));
  EXPECT_THAT(InterpretQueryText(Organization(), "91350100M000100Y44"),
              ElementsAre(Pair("name", "91350100M000100Y44")));
}

TEST(InterpretQueryText, DatesGoToTheDateAttributeOfPersons) {
  EXPECT_THAT(
      InterpretQueryText(testing::TestPersonModel(), "Ann Lee 1985-03-07"),
      UnorderedElementsAre(Pair("birth_date", "1985-03-07"),
                           Pair("full_name", "Ann Lee")));
}

TEST(InterpretQueryText, ShortDigitRunsStayInTheName) {
  EXPECT_THAT(InterpretQueryText(Organization(), "Studio 54"),
              ElementsAre(Pair("name", "Studio 54")));
}

TEST(InterpretQueryText, EmptyTextGivesNothing) {
  EXPECT_THAT(InterpretQueryText(Organization(), "  \t "), IsEmpty());
}

}  // namespace
}  // namespace mdm::matching
