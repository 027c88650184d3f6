#include "tools/eval/datasets.h"

#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/base/testing/status_matchers.h"
#include "src/base/testing/temp_dir.h"

namespace mdm::eval {
namespace {

using ::mdm::testing::IsOk;
using ::mdm::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

void WriteFile(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(
      std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(SourceNameOf, KeepsValidBytesReplacesOthersAndCaps) {
  const struct {
    std::string in, out;
  } cases[] = {
      {"DFSS_AgencySiteLies_2012.csv", "DFSS_AgencySiteLies_2012.csv"},
      {"ECE Chicago Find a School scrape.csv",
       "ECE_Chicago_Find_a_School_scrape.csv"},
      {"a-c.d_e", "a-c.d_e"},
      {"a:b", "a_b"},  // ':' separates source and id
      {"caf\xC3\xA9", "caf__"},
      {"", "_"},
      {std::string(70, 'x'), std::string(64, 'x')},
  };
  for (const auto& c : cases) EXPECT_EQ(SourceNameOf(c.in), c.out) << c.in;
}

TEST(PrepareDataset, Febrl3TrimsAndTakesTheEntityFromRecId) {
  mdm::testing::TempDir data, scratch;
  WriteFile(data.Path("febrl/febrl_dataset3.csv"),
            "rec_id, given_name, surname\n"
            "rec-7-org, ann, lee\n"
            "rec-7-dup-0, anne, lee\n"
            "rec-12-org, bob, ray\n");
  absl::StatusOr<PreparedDataset> dataset =
      PrepareDataset("febrl3", data.path(), scratch.path());
  ASSERT_THAT(dataset, IsOk());
  EXPECT_EQ(dataset->entity_type, "person");
  EXPECT_EQ(dataset->scoring, Scoring::kAllPairs);
  ASSERT_THAT(dataset->records, SizeIs(3));
  EXPECT_EQ(dataset->records[1].key, (RecordKey{"febrl", "rec-7-dup-0"}));
  EXPECT_EQ(dataset->records[1].cluster, "7");
  EXPECT_EQ(dataset->records[2].cluster, "12");
  ASSERT_THAT(dataset->imports, SizeIs(1));
  EXPECT_EQ(dataset->imports[0].source, "febrl");
  EXPECT_THAT(dataset->imports[0].flags, ::testing::Contains("--trim"));
}

TEST(PrepareDataset, ChicagoSplitsBySourceKeepingQuotedLineBreaks) {
  mdm::testing::TempDir data, scratch;
  WriteFile(data.Path("dedupe_chicago_childhood/"
                      "csv_example_input_with_true_ids.csv"),
            "\"True Id\",\"Id\",\"Source\",\"Site name\",\"Address\",\"Zip\","
            "\"Phone\",\"Fax\"\n"
            "27,1958,\"A file.csv\",\"Chicago Commons\nSt Lucy\",\"27 Oak\","
            ",3865286,\n"
            "27,1959,\"b.csv\",\"Chicago Commons, St Lucy\",,60302,,1\n"
            "28,1960,\"A file.csv\",\"Other\",,,,\n");
  absl::StatusOr<PreparedDataset> dataset =
      PrepareDataset("chicago", data.path(), scratch.path());
  ASSERT_THAT(dataset, IsOk());
  ASSERT_THAT(dataset->imports, SizeIs(2));
  EXPECT_EQ(dataset->imports[0].source, "A_file.csv");
  EXPECT_EQ(dataset->imports[1].source, "b.csv");
  EXPECT_EQ(ReadFile(dataset->imports[0].path),
            "Id,name,address_line,postal_code,phone\n"
            "1958,\"Chicago Commons\nSt Lucy\",27 Oak,,3865286\n"
            "1960,Other,,,\n");
  EXPECT_EQ(ReadFile(dataset->imports[1].path),
            "Id,name,address_line,postal_code,phone\n"
            "1959,\"Chicago Commons, St Lucy\",,60302,\n");
  ASSERT_THAT(dataset->records, SizeIs(3));
  EXPECT_EQ(dataset->records[1].key, (RecordKey{"b.csv", "1959"}));
  EXPECT_EQ(dataset->records[1].cluster, "27");
}

TEST(PrepareDataset, AmazonGoogleReadsTheTruthAsPairs) {
  mdm::testing::TempDir data, scratch;
  WriteFile(data.Path("amazon_google/Amazon.csv"),
            "\"id\",\"title\"\r\n\"a1\",\"x\"\r\n");
  WriteFile(data.Path("amazon_google/GoogleProducts.csv"),
            "\"id\",\"name\"\r\n\"g1\",\"x\"\r\n\"g2\",\"y\"\r\n");
  WriteFile(data.Path("amazon_google/Amzon_GoogleProducts_perfectMapping.csv"),
            "\"idAmazon\",\"idGoogleBase\"\r\n\"a1\",\"g2\"\r\n");
  absl::StatusOr<PreparedDataset> dataset =
      PrepareDataset("amazon_google", data.path(), scratch.path());
  ASSERT_THAT(dataset, IsOk());
  EXPECT_THAT(dataset->records, SizeIs(3));
  ASSERT_THAT(dataset->truth_pairs, SizeIs(1));
  EXPECT_EQ(dataset->truth_pairs[0].first, (RecordKey{"amazon", "a1"}));
  EXPECT_EQ(dataset->truth_pairs[0].second, (RecordKey{"google", "g2"}));
}

TEST(PrepareDataset, RepeatedIdsCountOnceWithAWarning) {
  mdm::testing::TempDir data, scratch;
  WriteFile(data.Path("splink_fake_1000/fake_1000.csv"),
            "unique_id,first_name,cluster\n1,a,0\n1,b,0\n2,c,1\n");
  absl::StatusOr<PreparedDataset> dataset =
      PrepareDataset("fake_1000", data.path(), scratch.path());
  ASSERT_THAT(dataset, IsOk());
  EXPECT_THAT(dataset->records, SizeIs(2));
  EXPECT_THAT(dataset->warnings,
              ElementsAre(HasSubstr("fake_1000:1 appears twice")));
}

TEST(PrepareDataset, MissingFileIsNamed) {
  mdm::testing::TempDir data, scratch;
  EXPECT_THAT(PrepareDataset("febrl4", data.path(), scratch.path()),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("febrl/febrl_dataset4a.csv")));
}

TEST(PrepareDataset, MissingColumnIsNamed) {
  mdm::testing::TempDir data, scratch;
  WriteFile(data.Path("company_names_mixed_zh_en/test_data_pairs.csv"),
            "Name_x,Targets\nA,1\n");
  EXPECT_THAT(PrepareDataset("company_names", data.path(), scratch.path()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("no column 'Name_y'")));
}

TEST(PrepareDataset, CompanyNamesReadsLabelledPairs) {
  mdm::testing::TempDir data, scratch;
  WriteFile(data.Path("company_names_mixed_zh_en/test_data_pairs.csv"),
            "Name_x,Name_y,Targets\n\"Apple Inc.\",\"Apple Inc\",1\n"
            "\"腾讯\",\"Tencent\",0\n");
  absl::StatusOr<PreparedDataset> dataset =
      PrepareDataset("company_names", data.path(), scratch.path());
  ASSERT_THAT(dataset, IsOk());
  ASSERT_THAT(dataset->labelled_pairs, SizeIs(2));
  EXPECT_EQ(dataset->labelled_pairs[0].name_x, "Apple Inc.");
  EXPECT_TRUE(dataset->labelled_pairs[0].same);
  EXPECT_FALSE(dataset->labelled_pairs[1].same);
}

}  // namespace
}  // namespace mdm::eval
