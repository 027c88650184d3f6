#include "src/config/config_loader.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/base/testing/status_matchers.h"

namespace mdm {
namespace {

using ::mdm::testing::StatusIs;
using ::testing::HasSubstr;

TEST(DefaultConfig, DeclaresTheBuiltInTypesWithTheirAttributes) {
  ASSERT_OK_AND_ASSIGN(v1::MdmConfig config, DefaultConfig());
  ASSERT_EQ(config.entity_types_size(), 3);
  const char* person[] = {
      "full_name", "given_name",  "family_name", "birth_date",   "gender",
      "email",     "phone",       "national_id", "address_line", "city",
      "region",    "postal_code", "country"};
  const v1::EntityTypeConfig& p = config.entity_types(0);
  EXPECT_EQ(p.name(), "person");
  ASSERT_EQ(p.attributes_size(), static_cast<int>(std::size(person)));
  for (int i = 0; i < p.attributes_size(); ++i) {
    EXPECT_EQ(p.attributes(i).name(), person[i]);
  }
  EXPECT_EQ(config.entity_types(1).name(), "organization");
  EXPECT_EQ(config.entity_types(2).name(), "product");
}

TEST(ParseConfig, SyntaxErrorsCarryFileLineAndColumn) {
  EXPECT_THAT(ParseConfig("entity_types {\n  name: \"p\"\n  bogus: 1\n}\n",
                          "my.textproto"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("my.textproto:3:")));
}

TEST(ParseConfig, SemanticErrorsNameTheFileTypeAndField) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"", "declares no entity_types"},
      {R"pb(entity_types {
              name: "p"
              id_prefix: "PER"
              attributes { name: "a" kind: TEXT }
              blocking_rules { name: "r" attributes: "zz" }
            })pb",
       "f.txt: entity type p: blocking rule 'r': unknown attribute 'zz'"},
      {R"pb(entity_types {
              name: "p"
              id_prefix: "PER"
              attributes { name: "a" kind: TEXT }
            }
            entity_types {
              name: "q"
              id_prefix: "PER"
              attributes { name: "a" kind: TEXT }
            })pb",
       "id_prefix PER is used by another entity type"},
      {R"pb(entity_types {
              name: "p"
              id_prefix: "PER"
              attributes { name: "a" kind: TEXT }
            }
            sources { name: "bad name" })pb",
       "source name 'bad name'"},
      {R"pb(entity_types {
              name: "p"
              id_prefix: "PER"
              attributes { name: "a" kind: TEXT }
            }
            sources { name: "erp" trust: 2 })pb",
       "source erp: trust must be in [0, 1]"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(
        ParseConfig(c.text, "f.txt"),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.message)))
        << c.text;
  }
}

TEST(ParseConfig, IncludesBuiltInTypesUnlessRedeclared) {
  ASSERT_OK_AND_ASSIGN(
      v1::MdmConfig config,
      ParseConfig(R"pb(include_built_in_types: true
                       sources { name: "erp" deduplicated: true }
                       entity_types {
                         name: "product"
                         id_prefix: "PRD"
                         attributes { name: "title" kind: TEXT }
                       })pb",
                  "f.txt"));
  ASSERT_EQ(config.entity_types_size(), 3);
  EXPECT_EQ(config.entity_types(0).name(), "product");
  EXPECT_EQ(config.entity_types(0).attributes(0).name(), "title");
  EXPECT_EQ(config.entity_types(1).name(), "person");
  EXPECT_EQ(config.entity_types(2).name(), "organization");
  EXPECT_TRUE(config.sources(0).deduplicated());
}

TEST(LoadConfigFile, MissingFileIsNotFound) {
  EXPECT_THAT(LoadConfigFile("/nonexistent/mdm.textproto"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("/nonexistent")));
}

}  // namespace
}  // namespace mdm
