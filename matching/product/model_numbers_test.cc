#include "matching/product/model_numbers.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace mdm::matching {
namespace {

using ::testing::ElementsAreArray;

TEST(ExtractModelNumbers, NormalizesLetterDigitCodes) {
  const struct {
    std::string text;
    std::vector<std::string> models;
  } cases[] = {
      {"Sony WH-1000XM4 Wireless Noise Cancelling Headphones", {"WH1000XM4"}},
      {"Sony WH-1000XM5 Wireless Noise Cancelling Headphones", {"WH1000XM5"}},
      {"sony wh1000xm4", {"WH1000XM4"}},
      {"Sharp SX-F26 fax", {"SXF26"}},
      {"Casio CP-9100 calculator", {"CP9100"}},
      {"Samsung ML-2010 laser printer", {"ML2010"}},
      {"Brother MX6600", {"MX6600"}},
      {"Sony Cyber-shot DSC-W120", {"DSCW120"}},
      {"Panasonic KX-TG1032S cordless phone", {"KXTG1032S"}},
      {"Intel Core i7-8700K", {"I78700K"}},
      {"adobe photoshop cs3 upgrade", {"CS3"}},
      {"Canon PowerShot SD1000 7.1MP Digital Elph Camera", {"SD1000"}},
      {"LG V60 ThinQ", {"V60"}},
      // De-duplicated, in order of appearance.
      {"HP C920 webcam, C920 HD", {"C920"}},
      {"Epson T200 ink for XP-300 and XP-400", {"T200", "XP300", "XP400"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_THAT(ExtractModelNumbers(c.text), ElementsAreArray(c.models));
  }
}

TEST(ExtractModelNumbers, JoinsFragmentsOnlyInKnownShapes) {
  const struct {
    std::string text;
    std::vector<std::string> models;
  } cases[] = {
      {"Sony WH-1000 XM4", {"WH1000XM4"}},  // model + short suffix
      {"Sony WH1000 XM4", {"WH1000XM4"}},
      {"Logitech MX6600 V2", {"MX6600V2"}},
      {"NVIDIA GeForce RTX 3080", {"RTX3080"}},  // upper-case prefix + digits
      {"Sony MDR 7506", {"MDR7506"}},
      {"Sony WH 1000XM4", {"1000XM4"}},  // neither shape
      {"nvidia rtx 3080", {}},           // prefix not in upper case
      {"Anker USB 3000 hub", {}},        // a common word, not a prefix
      {"Galaxy S21 FE", {"S21"}},        // suffix without a digit
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_THAT(ExtractModelNumbers(c.text), ElementsAreArray(c.models));
  }
}

TEST(ExtractModelNumbers, KeywordIntroducesEvenAllDigitModels) {
  const struct {
    std::string text;
    std::vector<std::string> models;
  } cases[] = {
      {"replacement filter, model 12345", {"12345"}},
      {"Model No.: 4401-22", {"440122"}},
      {"P/N 123-456-789", {"123456789"}},
      {"MPN: AB12C", {"AB12C"}},
      {"SKU 998877", {"998877"}},
      {"Item #: 55-1234", {"551234"}},
      {"item 12345", {}},       // "item" alone is too common
      {"part of the set", {}},  // no digit
      {"Tesla Model 3", {}},    // too short
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_THAT(ExtractModelNumbers(c.text), ElementsAreArray(c.models));
  }
}

TEST(ExtractModelNumbers, SkipsQuantitiesYearsVersionsAndStandards) {
  for (const std::string text : {
           "Apple iPhone 13 Pro 256GB",
           "Microsoft Office 2007 Professional",
           "clickart 950 000 - premier image pack (dvd-rom)",
           "ca international - arcserve lap/desktop oem 30pk",
           "Norton Antivirus v11.1",
           "Dell 1920x1080 1080p monitor",
           "3rd generation, size 2XL",
           "Nikon 50mm f/1.8 lens",
           "HP 2-in-1 laptop with 4-port hub and 8core CPU",
           "MP3 player, H.264 video, DDR4 RAM, USB3, 802.11ac, IP67, Wi-Fi 6",
           "16GB-DDR4",
           "Samsung Galaxy 5G",
       }) {
    SCOPED_TRACE(text);
    EXPECT_THAT(ExtractModelNumbers(text), ElementsAreArray<std::string>({}));
  }
}

TEST(FindModelNumbers, ReportsTheSpanOfJoinedFragments) {
  const std::string text = "Sony WH-1000 XM4 headphones";
  const std::vector<ModelNumberMatch> matches = FindModelNumbers(text);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(text.substr(matches[0].begin, matches[0].end - matches[0].begin),
            "WH-1000 XM4");
}

}  // namespace
}  // namespace mdm::matching
