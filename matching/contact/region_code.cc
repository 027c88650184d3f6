#include "matching/contact/region_code.h"

#include <phonenumbers/phonenumberutil.h>

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "matching/text_normalizer.h"

namespace mdm::matching {
namespace {

struct Country {
  absl::string_view alpha2;
  absl::string_view alpha3;
  absl::string_view names;  // Separated by '|'.
};

constexpr Country kCountries[] = {
    {"CN", "CHN",
     "China|People's Republic of China|PRC|P.R. China|Mainland China|"
     "中国|中华人民共和国|中國|中華人民共和國|中国大陆|中國大陸"},
    {"US", "USA",
     "United States|United States of America|America|"
     "美国|美國|美利坚合众国|美利堅合眾國"},
    {"GB", "GBR",
     "United Kingdom|UK|Great Britain|Britain|England|Scotland|Wales|"
     "Northern Ireland|United Kingdom of Great Britain and Northern Ireland|"
     "英国|英國|大不列颠及北爱尔兰联合王国"},
    {"DE", "DEU", "Germany|Deutschland|Federal Republic of Germany|德国|德國"},
    {"FR", "FRA", "France|République française|法国|法國"},
    {"JP", "JPN", "Japan|Nippon|Nihon|日本|日本国|日本國"},
    {"KR", "KOR",
     "South Korea|Korea|Republic of Korea|Korea, Republic of|韩国|韓國|"
     "大韩民国|대한민국|한국"},
    {"IN", "IND", "India|Bharat|印度"},
    {"CA", "CAN", "Canada|加拿大"},
    {"AU", "AUS", "Australia|澳大利亚|澳大利亞|澳洲"},
    {"NZ", "NZL", "New Zealand|Aotearoa|新西兰|新西蘭|紐西蘭"},
    {"IT", "ITA", "Italy|Italia|意大利|義大利"},
    {"ES", "ESP", "Spain|España|Espana|西班牙"},
    {"PT", "PRT", "Portugal|葡萄牙"},
    {"NL", "NLD", "Netherlands|Holland|Nederland|荷兰|荷蘭"},
    {"BE", "BEL", "Belgium|Belgique|België|Belgien|比利时|比利時"},
    {"CH", "CHE", "Switzerland|Schweiz|Suisse|Svizzera|瑞士"},
    {"AT", "AUT", "Austria|Österreich|Osterreich|奥地利|奧地利"},
    {"SE", "SWE", "Sweden|Sverige|瑞典"},
    {"NO", "NOR", "Norway|Norge|挪威"},
    {"DK", "DNK", "Denmark|Danmark|丹麦|丹麥"},
    {"FI", "FIN", "Finland|Suomi|芬兰|芬蘭"},
    {"IE", "IRL", "Ireland|Republic of Ireland|Éire|爱尔兰|愛爾蘭"},
    {"PL", "POL", "Poland|Polska|波兰|波蘭"},
    {"CZ", "CZE", "Czech Republic|Czechia|Česko|捷克"},
    {"SK", "SVK", "Slovakia|Slovensko|斯洛伐克"},
    {"HU", "HUN", "Hungary|Magyarország|匈牙利"},
    {"RO", "ROU", "Romania|România|罗马尼亚|羅馬尼亞"},
    {"GR", "GRC", "Greece|Hellas|Ελλάδα|希腊|希臘"},
    {"TR", "TUR", "Turkey|Türkiye|Turkiye|土耳其"},
    {"RU", "RUS", "Russia|Russian Federation|Россия|俄罗斯|俄羅斯"},
    {"UA", "UKR", "Ukraine|Україна|乌克兰|烏克蘭"},
    {"LU", "LUX", "Luxembourg|卢森堡|盧森堡"},
    {"IS", "ISL", "Iceland|Ísland|冰岛|冰島"},
    {"BR", "BRA", "Brazil|Brasil|巴西"},
    {"MX", "MEX", "Mexico|México|墨西哥"},
    {"AR", "ARG", "Argentina|阿根廷"},
    {"CL", "CHL", "Chile|智利"},
    {"CO", "COL", "Colombia|哥伦比亚|哥倫比亞"},
    {"PE", "PER", "Peru|Perú|秘鲁|秘魯"},
    {"ZA", "ZAF", "South Africa|南非"},
    {"EG", "EGY", "Egypt|埃及"},
    {"NG", "NGA", "Nigeria|尼日利亚|尼日利亞"},
    {"KE", "KEN", "Kenya|肯尼亚|肯尼亞"},
    {"MA", "MAR", "Morocco|Maroc|摩洛哥"},
    {"SA", "SAU", "Saudi Arabia|Kingdom of Saudi Arabia|KSA|沙特阿拉伯|沙特"},
    {"AE", "ARE",
     "United Arab Emirates|UAE|Emirates|阿联酋|阿聯酋|阿拉伯联合酋长国"},
    {"QA", "QAT", "Qatar|卡塔尔|卡達"},
    {"IL", "ISR", "Israel|以色列"},
    {"IR", "IRN", "Iran|伊朗"},
    {"PK", "PAK", "Pakistan|巴基斯坦"},
    {"BD", "BGD", "Bangladesh|孟加拉国|孟加拉"},
    {"LK", "LKA", "Sri Lanka|斯里兰卡|斯里蘭卡"},
    {"KZ", "KAZ", "Kazakhstan|哈萨克斯坦|哈薩克"},
    {"MN", "MNG", "Mongolia|蒙古|蒙古国"},
    {"ID", "IDN", "Indonesia|印度尼西亚|印尼"},
    {"MY", "MYS", "Malaysia|马来西亚|馬來西亞"},
    {"SG", "SGP", "Singapore|新加坡"},
    {"TH", "THA", "Thailand|泰国|泰國"},
    {"VN", "VNM", "Vietnam|Viet Nam|越南"},
    {"PH", "PHL", "Philippines|菲律宾|菲律賓"},
    {"MM", "MMR", "Myanmar|Burma|缅甸|緬甸"},
    {"KH", "KHM", "Cambodia|柬埔寨"},
    {"HK", "HKG", "Hong Kong|Hong Kong SAR|Hongkong|香港|中国香港|中國香港"},
    {"MO", "MAC", "Macao|Macau|Macao SAR|澳门|澳門|中国澳门|中國澳門"},
    {"TW", "TWN", "Taiwan|台湾|臺灣|台灣|中国台湾|中國台灣"},
};

// NormalizeText, spaces removed, a leading "the" dropped.
std::string Key(absl::string_view text) {
  std::string normalized = NormalizeText(text);
  if (absl::StartsWith(normalized, "the ")) normalized.erase(0, 4);
  return absl::StrReplaceAll(normalized, {{" ", ""}});
}

using RegionMap = absl::flat_hash_map<std::string, absl::string_view>;

const RegionMap& Regions() {
  static const RegionMap* const regions = [] {
    auto* built = new RegionMap;
    for (const Country& country : kCountries) {
      built->try_emplace(Key(country.alpha2), country.alpha2);
      built->try_emplace(Key(country.alpha3), country.alpha2);
      for (absl::string_view name : absl::StrSplit(country.names, '|')) {
        built->try_emplace(Key(name), country.alpha2);
      }
    }
    return built;
  }();
  return *regions;
}

}  // namespace

std::string RegionCodeFor(absl::string_view country) {
  const std::string key = Key(country);
  if (key.empty()) return "";
  const RegionMap& regions = Regions();
  if (const auto it = regions.find(key); it != regions.end()) {
    return std::string(it->second);
  }
  if (key.size() == 2 && absl::ascii_isalpha(key[0]) &&
      absl::ascii_isalpha(key[1])) {
    const std::string alpha2 = absl::AsciiStrToUpper(key);
    if (i18n::phonenumbers::PhoneNumberUtil::GetInstance()
            ->GetCountryCodeForRegion(alpha2) != 0) {
      return alpha2;
    }
  }
  return "";
}

}  // namespace mdm::matching
