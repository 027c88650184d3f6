#include "src/engine/record_validator.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "matching/testing/test_models.h"
#include "src/base/error_field.h"
#include "src/base/testing/status_matchers.h"

namespace mdm::engine {
namespace {

using ::mdm::testing::StatusIs;
using ::testing::HasSubstr;

RecordInput Valid() {
  return {.entity_type = "person",
          .key = {"crm", "42"},
          .attributes = {{"full_name", "Ann Lee"}, {"email", "ann@x.org"}}};
}

TEST(ValidateRecord, CanonicalizesAttributes) {
  const auto model = matching::testing::TestPersonModel();
  RecordInput input = Valid();
  input.attributes.push_back({"birth_date", "   "});
  ASSERT_OK_AND_ASSIGN(storage::Attributes attributes,
                       ValidateRecord(input, &model, {}));
  EXPECT_EQ(attributes, (storage::Attributes{{"email", "ann@x.org"},
                                             {"full_name", "Ann Lee"}}));
}

TEST(ValidateRecord, EachProblemNamesTheRecordAndField) {
  const auto model = matching::testing::TestPersonModel();
  RecordLimits limits;
  limits.max_value_bytes = 100;
  limits.max_record_bytes = 150;
  struct Case {
    RecordInput input;
    const char* field;
    const char* message;
  };
  std::vector<Case> cases;
  {
    RecordInput r = Valid();
    r.key.source_id = "";
    cases.push_back({r, "key.source_id", "record crm:: source_id is empty"});
  }
  {
    RecordInput r = Valid();
    r.key.source = "c r m";
    cases.push_back({r, "key.source", "source 'c r m' must be"});
  }
  {
    RecordInput r = Valid();
    r.key.source_id = "bad\xFF";
    cases.push_back({r, "key.source_id", "not valid UTF-8"});
  }
  {
    RecordInput r = Valid();
    r.attributes.push_back({"shoe_size", "9"});
    cases.push_back(
        {r, "attributes.shoe_size",
         "record crm:42: 'shoe_size' is not an attribute of person"});
  }
  {
    RecordInput r = Valid();
    r.attributes[0].second = "Ann\xC3";
    cases.push_back({r, "attributes.full_name",
                     "attribute 'full_name' is not valid UTF-8 (byte 3)"});
  }
  {
    RecordInput r = Valid();
    r.attributes[0].second = std::string(101, 'a');
    cases.push_back({r, "attributes.full_name", "101 bytes; the limit is 100"});
  }
  {
    RecordInput r = Valid();
    r.attributes[0].second = std::string(90, 'a');
    r.attributes[1].second = std::string(90, 'b');
    cases.push_back({r, "attributes", "the limit is 150"});
  }
  {
    RecordInput r = Valid();
    r.attributes.push_back({"email", "other@x.org"});
    cases.push_back({r, "attributes.email", "'email' is given twice"});
  }
  for (const Case& c : cases) {
    absl::Status status = ValidateRecord(c.input, &model, limits).status();
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                                 HasSubstr(c.message)));
    EXPECT_EQ(ErrorField(status), c.field) << status;
  }
  absl::Status unknown_type = ValidateRecord(Valid(), nullptr, limits).status();
  EXPECT_THAT(unknown_type,
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown entity type 'person'")));
  EXPECT_EQ(ErrorField(unknown_type), "entity_type");
}

TEST(ValidateRecord, ExtraAttributesAreKeptWhenTheTypeAllowsThem) {
  v1::EntityTypeConfig config = matching::testing::TestPersonModel().config();
  config.set_allow_extra_attributes(true);
  auto model = matching::EntityModel::Compile(config);
  ASSERT_TRUE(model.ok());
  RecordInput r = Valid();
  r.attributes.push_back({"loyalty_tier", "gold"});
  ASSERT_OK_AND_ASSIGN(auto attributes, ValidateRecord(r, &*model, {}));
  EXPECT_EQ(attributes.size(), 3u);
}

}  // namespace
}  // namespace mdm::engine
