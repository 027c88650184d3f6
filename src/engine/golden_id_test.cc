#include "src/engine/golden_id.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/base/testing/status_matchers.h"

namespace mdm::engine {
namespace {

using ::mdm::testing::StatusIs;
using ::testing::HasSubstr;

TEST(GoldenId, FormatsAndParsesBack) {
  for (int64_t n :
       {1LL, 2LL, 31LL, 32LL, 1000000LL, 1LL << 40, (1LL << 62) + 12345}) {
    const std::string id = FormatGoldenId("ORG", n);
    ASSERT_OK_AND_ASSIGN(ParsedGoldenId parsed, ParseGoldenId(id));
    EXPECT_EQ(parsed.prefix, "ORG");
    EXPECT_EQ(parsed.number, n) << id;
  }
  EXPECT_EQ(FormatGoldenId("PER", 1), "PER-000001Y");
}

TEST(GoldenId, ParsingForgivesCaseAndCrockfordLookalikes) {
  const std::string id = FormatGoldenId("PER", 1);  // PER-000001Y
  ASSERT_OK_AND_ASSIGN(ParsedGoldenId lower, ParseGoldenId("per-000001y"));
  EXPECT_EQ(lower.number, 1);
  ASSERT_OK_AND_ASSIGN(ParsedGoldenId lookalike, ParseGoldenId("PER-OOOOOIY"));
  EXPECT_EQ(lookalike.number, 1);
}

TEST(GoldenId, EverySingleCharacterTypoIsRejected) {
  const std::string id = FormatGoldenId("PRD", 123456789);
  const std::string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  const size_t body = id.find('-') + 1;
  for (size_t i = body; i < id.size(); ++i) {
    for (char c : alphabet) {
      if (c == id[i]) continue;
      std::string typo = id;
      typo[i] = c;
      EXPECT_FALSE(ParseGoldenId(typo).ok()) << typo;
    }
  }
}

TEST(GoldenId, MostAdjacentSwapsAreRejected) {
  int caught = 0, swaps = 0;
  for (int64_t n = 1000; n < 3000; n += 7) {
    const std::string id = FormatGoldenId("PER", n);
    for (size_t i = id.find('-') + 1; i + 1 < id.size(); ++i) {
      if (id[i] == id[i + 1]) continue;
      std::string swapped = id;
      std::swap(swapped[i], swapped[i + 1]);
      ++swaps;
      if (!ParseGoldenId(swapped).ok()) ++caught;
    }
  }
  EXPECT_GT(caught, swaps * 95 / 100);
}

TEST(GoldenId, MalformedIdsSayWhatIsWrong) {
  EXPECT_THAT(ParseGoldenId(""), StatusIs(absl::StatusCode::kInvalidArgument,
                                          HasSubstr("malformed")));
  EXPECT_THAT(ParseGoldenId("PER000001Y"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      ParseGoldenId("PER-0001"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("length")));
  EXPECT_THAT(ParseGoldenId("PER-0000#1Y"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseGoldenId("PER-000002Y"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("check character")));
  EXPECT_THAT(ParseGoldenId("P1R-000001Y"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace mdm::engine
