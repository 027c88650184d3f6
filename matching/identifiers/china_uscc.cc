#include "matching/identifiers/china_uscc.h"

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "matching/identifiers/internal/check_digits.h"
#include "matching/identifiers/internal/cleaned_text.h"
#include "matching/identifiers/internal/results.h"

namespace mdm::matching {
namespace {

using identifiers_internal::CleanIdentifierText;
using identifiers_internal::DigitsValue;
using identifiers_internal::Invalid;
using identifiers_internal::IsDigits;
using identifiers_internal::NoFormatMatch;
using identifiers_internal::Valid;

constexpr absl::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                              29, 25, 13, 8,  24, 10, 30, 28};

// Organization categories allowed for each registration authority.
absl::string_view CategoriesOf(char authority) {
  switch (authority) {
    case '1':
      return "1239";  // 机构编制: 机关, 事业单位, 群众团体, 其他.
    case '2':
      return "19";  // 外交: 外国常驻新闻机构, 其他.
    case '3':
      return "123459";  // 司法行政: 律所, 公证处, 法律服务所, 鉴定, 仲裁.
    case '4':
      return "19";  // 文化: 外国在华文化中心, 其他.
    case '5':
      return "1239";  // 民政: 社会团体, 民办非企业单位, 基金会, 其他.
    case '6':
      return "129";  // 旅游: 外国/港澳台旅游部门常驻代表机构, 其他.
    case '7':
      return "129";  // 宗教: 宗教活动场所, 宗教院校, 其他.
    case '8':
      return "19";  // 工会: 基层工会, 其他.
    case '9':
      return "123";  // 工商: 企业, 个体工商户, 农民专业合作社.
    case 'A':
      return "19";  // 中央军委改革和编制办公室: 军队事业单位, 其他.
    case 'N':
      return "1239";  // 农业: 组级, 村级, 乡镇级集体经济组织, 其他.
    case 'Y':
      return "1";  // 其他.
    default:
      return "";
  }
}

bool IsProvinceCode(int code) {
  return (code >= 11 && code <= 15) || (code >= 21 && code <= 23) ||
         (code >= 31 && code <= 37) || (code >= 41 && code <= 46) ||
         (code >= 50 && code <= 54) || (code >= 61 && code <= 65) ||
         code == 71 || code == 81 || code == 82;
}

}  // namespace

IdentifierCheck CheckChinaUscc(absl::string_view text) {
  std::string code = CleanIdentifierText(text).text;
  if (code.size() != 18) {
    std::string problem =
        absl::StrCat("USCC has 18 characters, not ", code.size());
    return NoFormatMatch(std::move(code), std::move(problem));
  }
  int values[18];
  for (int i = 0; i < 18; ++i) {
    const size_t value = kAlphabet.find(code[i]);
    if (value == absl::string_view::npos) {
      std::string problem =
          absl::ascii_isalnum(code[i])
              ? absl::StrCat("USCC does not use the letter ", code.substr(i, 1))
              : "USCC has only digits and upper-case letters";
      return NoFormatMatch(std::move(code), std::move(problem));
    }
    values[i] = static_cast<int>(value);
  }

  std::string problem;
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += values[i] * kWeights[i];
  const int expected = (31 - sum % 31) % 31;
  const absl::string_view categories = CategoriesOf(code[0]);
  const absl::string_view division = absl::string_view(code).substr(2, 6);
  if (values[17] != expected) {
    problem =
        absl::StrCat("check digit should be ", kAlphabet.substr(expected, 1));
  } else if (categories.empty()) {
    problem = absl::StrCat("registration authority code ", code.substr(0, 1),
                           " is not assigned");
  } else if (categories.find(code[1]) == absl::string_view::npos) {
    problem = absl::StrCat("organization category ", code.substr(1, 1),
                           " is not defined for registration authority ",
                           code.substr(0, 1));
  } else if (!IsDigits(division) ||
             !(IsProvinceCode(DigitsValue(division.substr(0, 2))) ||
               division == "100000")) {
    problem = absl::StrCat("administrative division ", division,
                           " is not in a province-level region");
  }
  if (!problem.empty()) {
    return Invalid(IdScheme::kChinaUscc, std::move(code), std::move(problem));
  }
  return Valid(IdScheme::kChinaUscc, std::move(code));
}

}  // namespace mdm::matching
