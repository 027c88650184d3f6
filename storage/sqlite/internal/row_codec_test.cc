#include "storage/sqlite/internal/row_codec.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/base/testing/status_matchers.h"

namespace mdm::storage::sqlite_internal {
namespace {

using ::mdm::testing::StatusIs;

TEST(RowCodec, AttributesRoundTripIncludingEmptyAndBinaryValues) {
  const Attributes cases[] = {
      {},
      {{"name", "金蝶软件（中国）有限公司"}},
      {{"a", std::string("x\0y", 3)}, {"b", std::string(300, 'z')}},
  };
  for (const Attributes& attributes : cases) {
    ASSERT_OK_AND_ASSIGN(Attributes decoded,
                         DecodeAttributes(EncodeAttributes(attributes), "t"));
    EXPECT_EQ(decoded, attributes);
  }
}

TEST(RowCodec, TruncatedOrForeignBlobIsDataLoss) {
  const std::string blob = EncodeAttributes({{"name", "value"}});
  EXPECT_THAT(
      DecodeAttributes(blob.substr(0, blob.size() - 1), "record 9"),
      StatusIs(absl::StatusCode::kDataLoss, ::testing::HasSubstr("record 9")));
  EXPECT_THAT(DecodeAttributes("", "r"), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(DecodeAttributes(blob + "x", "r"),
              StatusIs(absl::StatusCode::kDataLoss));
  // A huge count must not allocate before failing.
  EXPECT_THAT(DecodeAttributes(std::string("\x01\xff\xff\xff\xff\x0f", 6), "r"),
              StatusIs(absl::StatusCode::kDataLoss));
}

TEST(RowCodec, ChangePayloadRoundTrips) {
  const std::vector<SourceKey> keys = {{"crm", "1"}, {"erp", "A-7"}};
  const std::vector<GoldenValue> values = {{.name = "name",
                                            .value = "Acme",
                                            .source = {"crm", "1"},
                                            .rule = "most_recent"}};
  std::vector<SourceKey> decoded_keys;
  std::vector<GoldenValue> decoded_values;
  ASSERT_OK(DecodeChangePayload(EncodeChangePayload(keys, values), "c",
                                decoded_keys, decoded_values));
  EXPECT_EQ(decoded_keys, keys);
  EXPECT_EQ(decoded_values, values);
}

}  // namespace
}  // namespace mdm::storage::sqlite_internal
