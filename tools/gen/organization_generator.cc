#include "tools/gen/organization_generator.h"

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "tools/gen/internal/copies.h"
#include "tools/gen/internal/random.h"
#include "tools/gen/internal/text_noise.h"

namespace mdm::gen {
namespace {

enum class Country { kUs, kGb, kDe, kCn };

// ---------------------------------------------------------------------------
// Word lists.

// Syllables of coined brand names: onset + middle + ending ("Valentra").
constexpr std::array<const char*, 40> kOnsets = {
    "Al",  "Ar",   "Bel", "Cor", "Dal",   "Ev",  "Fen",  "Gal",  "Hal", "Jor",
    "Kel", "Lum",  "Mar", "Nor", "Ol",    "Pel", "Quin", "Ros",  "Sol", "Tal",
    "Val", "Ver",  "Wes", "Zen", "Bra",   "Cal", "Der",  "Sten", "Tor", "Vin",
    "Ash", "Bren", "Cas", "Dor", "Ethel", "Fal", "Gren", "Mor",  "Pra", "Tre"};
constexpr std::array<const char*, 12> kMiddles = {
    "a", "e", "i", "o", "u", "an", "en", "or", "ar", "el", "in", "ov"};
constexpr std::array<const char*, 50> kEndings = {
    "tra",  "nix",  "via",   "lux",   "tek",    "mont", "ford",  "ton",
    "dale", "wick", "gate",  "stone", "ley",    "more", "field", "vane",
    "sys",  "tica", "lia",   "ron",   "bridge", "cor",  "dyne",  "gen",
    "holt", "kin",  "lan",   "mark",  "nova",   "pex",  "quest", "rix",
    "sen",  "tron", "vale",  "wood",  "xis",    "zar",  "brook", "crest",
    "dell", "fax",  "grove", "haven", "lock",   "mere", "port",  "ridge",
    "shaw", "well"};
constexpr std::array<const char*, 15> kBrandPrefixes = {
    "Blue",    "North",    "Silver",  "Red",     "Green",
    "Pacific", "Atlantic", "Summit",  "Pioneer", "Eagle",
    "Golden",  "Western",  "Eastern", "Prime",   "United"};

constexpr std::array<const char*, 40> kSurnames = {
    "Henderson",  "Clarke",     "Whitfield",  "Ashworth",     "Pemberton",
    "Caldwell",   "Hargreaves", "Fairbanks",  "Lindqvist",    "Morrison",
    "Sutherland", "Prescott",   "Thornton",   "Wakefield",    "Holloway",
    "Kingsley",   "Radcliffe",  "Bradshaw",   "Cunningham",   "Fletcher",
    "Gallagher",  "Hamilton",   "Lancaster",  "Merriweather", "Osborne",
    "Pritchard",  "Sinclair",   "Templeton",  "Whitaker",     "Donovan",
    "Abernathy",  "Blackwood",  "Carrington", "Dunmore",      "Ellington",
    "Fitzgerald", "Goodwin",    "Hollis",     "Ingram",       "Jessup"};

constexpr std::array<const char*, 40> kGermanSurnames = {
    "Müller",     "Schmidt", "Schneider", "Fischer",  "Weber",    "Meyer",
    "Wagner",     "Becker",  "Schulz",    "Hoffmann", "Koch",     "Bauer",
    "Richter",    "Klein",   "Wolf",      "Schröder", "Neumann",  "Schwarz",
    "Zimmermann", "Braun",   "Krüger",    "Hofmann",  "Hartmann", "Lange",
    "Schmitt",    "Werner",  "Krause",    "Meier",    "Lehmann",  "Schmid",
    "Schulze",    "Maier",   "Köhler",    "Herrmann", "König",    "Walter",
    "Mayer",      "Huber",   "Kaiser",    "Fuchs"};

struct Industry {
  const char* name;
  const char* abbreviation;  // "" when none
};

constexpr std::array<Industry, 20> kIndustries = {{
    {"Software", ""},
    {"Technologies", "Tech"},
    {"Trading", ""},
    {"Logistics", ""},
    {"Manufacturing", "Mfg"},
    {"Consulting", ""},
    {"Foods", ""},
    {"Pharmaceuticals", "Pharma"},
    {"Industries", "Inds"},
    {"Systems", "Sys"},
    {"Solutions", ""},
    {"Holdings", "Hldgs"},
    {"Engineering", "Eng"},
    {"Capital", ""},
    {"Services", "Svcs"},
    {"Media", ""},
    {"Electronics", ""},
    {"Construction", ""},
    {"Energy", ""},
    {"Group", "Grp"},
}};

constexpr std::array<const char*, 10> kGermanIndustries = {
    "Maschinenbau", "Logistik", "Handel",     "Elektrotechnik",
    "Bau",          "Software", "Consulting", "Medizintechnik",
    "Automation",   "Systeme"};

// Spellings of one legal form; the first is the usual one.
struct LegalForm {
  std::array<const char*, 4> spellings;  // nullptr-terminated when shorter
};

constexpr std::array<LegalForm, 4> kUsForms = {{
    {{"Inc.", "Inc", ", Inc.", "Incorporated"}},
    {{"Corp.", "Corporation", "Corp", nullptr}},
    {{"LLC", "L.L.C.", ", LLC", nullptr}},
    {{"Co.", "Company", "Co", nullptr}},
}};
constexpr std::array<LegalForm, 2> kGbForms = {{
    {{"Ltd", "Limited", "Ltd.", nullptr}},
    {{"plc", "PLC", "Public Limited Company", nullptr}},
}};
constexpr std::array<LegalForm, 3> kDeForms = {{
    {{"GmbH", "GMBH", "Gmbh", nullptr}},
    {{"AG", "Aktiengesellschaft", nullptr, nullptr}},
    {{"GmbH & Co. KG", "GmbH & Co KG", "GmbH u. Co. KG", nullptr}},
}};
constexpr std::array<const char*, 6> kChineseLatinForms = {
    "Co., Ltd.", "Co., Ltd.",       "Co. Ltd",
    "Co Ltd",    "Company Limited", "Limited"};

struct Han {
  const char* hanzi;
  const char* pinyin;
};

struct ChineseIndustry {
  const char* hanzi;
  const char* english;
  const char* pinyin;  // as in domain names
};

// Characters of Chinese brand names, none of which forms a business term
// with another.
constexpr std::array<Han, 100> kBrandHan = {{
    {"华", "hua"},    {"金", "jin"},   {"蝶", "die"},   {"腾", "teng"},
    {"达", "da"},     {"恒", "heng"},  {"瑞", "rui"},   {"鑫", "xin"},
    {"宏", "hong"},   {"伟", "wei"},   {"盛", "sheng"}, {"天", "tian"},
    {"海", "hai"},    {"博", "bo"},    {"联", "lian"},  {"泰", "tai"},
    {"安", "an"},     {"兴", "xing"},  {"隆", "long"},  {"祥", "xiang"},
    {"德", "de"},     {"明", "ming"},  {"卓", "zhuo"},  {"远", "yuan"},
    {"创", "chuang"}, {"益", "yi"},    {"嘉", "jia"},   {"东", "dong"},
    {"正", "zheng"},  {"汇", "hui"},   {"源", "yuan"},  {"佳", "jia"},
    {"宇", "yu"},     {"阳", "yang"},  {"富", "fu"},    {"康", "kang"},
    {"美", "mei"},    {"永", "yong"},  {"昌", "chang"}, {"荣", "rong"},
    {"辉", "hui"},    {"晨", "chen"},  {"星", "xing"},  {"云", "yun"},
    {"峰", "feng"},   {"凯", "kai"},   {"亿", "yi"},    {"诚", "cheng"},
    {"锦", "jin"},    {"飞", "fei"},   {"龙", "long"},  {"鹏", "peng"},
    {"立", "li"},     {"万", "wan"},   {"鼎", "ding"},  {"润", "run"},
    {"丰", "feng"},   {"帆", "fan"},   {"拓", "tuo"},   {"驰", "chi"},
    {"佰", "bai"},    {"璟", "jing"},  {"翔", "xiang"}, {"骏", "jun"},
    {"铭", "ming"},   {"耀", "yao"},   {"晟", "sheng"}, {"睿", "rui"},
    {"舜", "shun"},   {"禾", "he"},    {"岚", "lan"},   {"浩", "hao"},
    {"沃", "wo"},     {"威", "wei"},   {"奥", "ao"},    {"贝", "bei"},
    {"迪", "di"},     {"磊", "lei"},   {"楠", "nan"},   {"宸", "chen"},
    {"锋", "feng"},   {"钧", "jun"},   {"琪", "qi"},    {"昊", "hao"},
    {"彩", "cai"},    {"川", "chuan"}, {"丹", "dan"},   {"冠", "guan"},
    {"豪", "hao"},    {"虹", "hong"},  {"霖", "lin"},   {"麒", "qi"},
    {"麟", "lin"},    {"煜", "yu"},    {"炜", "wei"},   {"晖", "hui"},
    {"泓", "hong"},   {"凌", "ling"},  {"梵", "fan"},   {"钦", "qin"},
}};

// Chinese industry words and their usual English in company names.
constexpr std::array<ChineseIndustry, 16> kChineseIndustries = {{
    {"软件", "Software", "ruanjian"},
    {"科技", "Technology", "keji"},
    {"贸易", "Trading", "maoyi"},
    {"电子", "Electronics", "dianzi"},
    {"网络科技", "Network Technology", "wangluo"},
    {"信息技术", "Information Technology", "xinxi"},
    {"通信", "Communication", "tongxin"},
    {"投资", "Investment", "touzi"},
    {"咨询", "Consulting", "zixun"},
    {"物流", "Logistics", "wuliu"},
    {"食品", "Food", "shipin"},
    {"机械", "Machinery", "jixie"},
    {"实业", "Industrial", "shiye"},
    {"集团", "Group", "jituan"},
    {"电气", "Electric", "dianqi"},
    {"进出口", "Import & Export", "jinchukou"},
}};

struct City {
  const char* name;
  const char* other_name;  // another spelling in use, "" when none
  const char* region;
  const char* region_code;  // "" when none
  const char* postal_base;
  int area_code;
};

constexpr std::array<City, 12> kUsCities = {{
    {"Springfield", "", "Illinois", "IL", "62701", 217},
    {"Austin", "", "Texas", "TX", "78701", 512},
    {"Denver", "", "Colorado", "CO", "80202", 303},
    {"Seattle", "", "Washington", "WA", "98101", 206},
    {"Boston", "", "Massachusetts", "MA", "02108", 617},
    {"Chicago", "", "Illinois", "IL", "60601", 312},
    {"Atlanta", "", "Georgia", "GA", "30303", 404},
    {"Portland", "", "Oregon", "OR", "97201", 503},
    {"Phoenix", "", "Arizona", "AZ", "85001", 602},
    {"Columbus", "", "Ohio", "OH", "43085", 614},
    {"Nashville", "", "Tennessee", "TN", "37201", 615},
    {"San Jose", "", "California", "CA", "95101", 408},
}};
constexpr std::array<City, 7> kGbCities = {{
    {"London", "", "England", "", "EC1A", 20},
    {"Manchester", "", "England", "", "M1", 161},
    {"Birmingham", "", "England", "", "B1", 121},
    {"Leeds", "", "England", "", "LS1", 113},
    {"Glasgow", "", "Scotland", "", "G1", 141},
    {"Bristol", "", "England", "", "BS1", 117},
    {"Edinburgh", "", "Scotland", "", "EH1", 131},
}};
constexpr std::array<City, 8> kDeCities = {{
    {"Berlin", "", "Berlin", "BE", "10115", 30},
    {"München", "Munich", "Bayern", "BY", "80331", 89},
    {"Hamburg", "", "Hamburg", "HH", "20095", 40},
    {"Köln", "Cologne", "Nordrhein-Westfalen", "NW", "50667", 221},
    {"Frankfurt am Main", "Frankfurt", "Hessen", "HE", "60311", 69},
    {"Stuttgart", "", "Baden-Württemberg", "BW", "70173", 711},
    {"Düsseldorf", "", "Nordrhein-Westfalen", "NW", "40213", 211},
    {"Leipzig", "", "Sachsen", "SN", "04109", 341},
}};

struct ChineseCity {
  Han city;
  Han region;
  const char* postal_code;
  const char* division;  // GB/T 2260 code of the city, for USCC
  int area_code;
};

constexpr std::array<ChineseCity, 10> kCnCities = {{
    {{"北京", "Beijing"}, {"北京", "Beijing"}, "100000", "110105", 10},
    {{"上海", "Shanghai"}, {"上海", "Shanghai"}, "200000", "310115", 21},
    {{"深圳", "Shenzhen"}, {"广东", "Guangdong"}, "518000", "440300", 755},
    {{"广州", "Guangzhou"}, {"广东", "Guangdong"}, "510000", "440101", 20},
    {{"杭州", "Hangzhou"}, {"浙江", "Zhejiang"}, "310000", "330100", 571},
    {{"成都", "Chengdu"}, {"四川", "Sichuan"}, "610000", "510100", 28},
    {{"武汉", "Wuhan"}, {"湖北", "Hubei"}, "430000", "420100", 27},
    {{"南京", "Nanjing"}, {"江苏", "Jiangsu"}, "210000", "320100", 25},
    {{"苏州", "Suzhou"}, {"江苏", "Jiangsu"}, "215000", "320500", 512},
    {{"天津", "Tianjin"}, {"天津", "Tianjin"}, "300000", "120000", 22},
}};

constexpr std::array<const char*, 20> kStreets = {
    "Market",  "Main",     "Oak",        "Maple",     "Cedar",
    "Park",    "Lake",     "Hill",       "Church",    "Station",
    "Mill",    "Bridge",   "King",       "Queen",     "Victoria",
    "Harbour", "Commerce", "Industrial", "Riverside", "Enterprise"};

struct StreetType {
  const char* full;
  const char* short_form;
};

constexpr std::array<StreetType, 6> kStreetTypes = {{{"Street", "St"},
                                                     {"Road", "Rd"},
                                                     {"Avenue", "Ave"},
                                                     {"Boulevard", "Blvd"},
                                                     {"Drive", "Dr"},
                                                     {"Parkway", "Pkwy"}}};

constexpr std::array<const char*, 12> kGermanStreets = {
    "Haupt",  "Bahnhof",  "Industrie", "Garten", "Schiller", "Goethe",
    "Linden", "Berliner", "Kirch",     "Mühlen", "Hafen",    "Gewerbe"};

constexpr std::array<Han, 8> kChineseStreets = {{
    {"中山路", "Zhongshan"},
    {"人民路", "Renmin"},
    {"建设路", "Jianshe"},
    {"解放路", "Jiefang"},
    {"科技园路", "Kejiyuan"},
    {"创业路", "Chuangye"},
    {"滨江路", "Binjiang"},
    {"和平路", "Heping"},
}};

constexpr std::array<Han, 6> kChineseDistricts = {{
    {"高新区", "Gaoxin District"},
    {"经济开发区", "Economic Development Zone"},
    {"东城区", "Dongcheng District"},
    {"西城区", "Xicheng District"},
    {"南山区", "Nanshan District"},
    {"滨海新区", "Binhai New Area"},
}};

// Two-digit EIN prefixes that the IRS assigns.
constexpr std::array<int, 24> kEinPrefixes = {10, 12, 20, 26, 27, 30, 33, 35,
                                              36, 41, 45, 46, 52, 56, 58, 61,
                                              62, 65, 71, 75, 81, 86, 91, 94};

constexpr std::array<const char*, 5> kMailboxes = {"info", "sales", "contact",
                                                   "office", "service"};

// What a group's parent may be called instead of its industry ("Vantora
// Holdings", "Müller Gruppe", 华信控股).
constexpr std::array<Industry, 2> kHoldingWords = {
    {{"Holdings", "Hldgs"}, {"Group", "Grp"}}};
constexpr std::array<const char*, 2> kGermanHoldingWords = {"Holding",
                                                            "Gruppe"};
constexpr std::array<ChineseIndustry, 2> kChineseHoldingWords = {{
    {"控股", "Holdings", "konggu"},
    {"集团", "Group", "jituan"},
}};

// Made-up English brands of Chinese companies (as Lenovo is 联想's):
// onset + middle + ending, none of them a run of pinyin syllables.
constexpr std::array<const char*, 40> kEnglishBrandOnsets = {
    "King", "Len",   "Hi",     "Mid",  "Gree",   "Solar",  "Sky",   "Star",
    "Top",  "Great", "Gold",   "Jade", "Drake",  "Phenix", "Lotus", "Pearl",
    "Silk", "Ever",  "Bright", "Wise", "True",   "Swift",  "Neo",   "Uni",
    "Omni", "Pax",   "Sino",   "Asia", "Orient", "Vita",   "Terra", "Aqua",
    "Lumi", "Cosmo", "Magna",  "Nova", "Alpha",  "Zeta",   "Apex",  "Grand"};
constexpr std::array<const char*, 10> kEnglishBrandMiddles = {
    "", "a", "o", "i", "e", "ex", "ar", "on", "is", "el"};
constexpr std::array<const char*, 30> kEnglishBrandEndings = {
    "dee",  "vo",   "sense", "dea",   "ier",  "cent", "tron", "nix",
    "wit",  "ray",  "tek",   "lux",   "max",  "way",  "wave", "light",
    "rise", "link", "soft",  "mart",  "tel",  "com",  "tica", "net",
    "bit",  "ford", "well",  "field", "land", "view"};

// 第二 ... 第十: the ordinal of a second or later branch in one city.
constexpr std::array<const char*, 11> kChineseOrdinals = {
    "",     "",     "第二", "第三", "第四", "第五",
    "第六", "第七", "第八", "第九", "第十"};

// ---------------------------------------------------------------------------
// Identifiers with their check characters.

// 统一社会信用代码: "91" (enterprise registered by market regulation), the
// division, a 9-character organization code and the check character.
std::string ChinaUscc(const char* division, Random& random) {
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  std::string code = absl::StrCat("91", division);
  for (int i = 0; i < 9; ++i) {
    // Mostly digits, as issued codes are.
    code.push_back(
        kAlphabet[random.Chance(0.8) ? random.Pick(10) : random.Pick(31)]);
  }
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    const int value = static_cast<int>(
        absl::string_view(kAlphabet).find(code[static_cast<size_t>(i)]));
    sum += value * kWeights[i];
  }
  code.push_back(kAlphabet[(31 - sum % 31) % 31]);
  return code;
}

// German VAT number: DE and 9 digits, the last by ISO 7064 MOD 11,10.
std::string GermanVat(Random& random) {
  std::string digits = absl::StrCat(1 + random.Pick(9));
  for (int i = 0; i < 7; ++i) absl::StrAppend(&digits, random.Pick(10));
  int product = 10;
  for (char c : digits) {
    int sum = (c - '0' + product) % 10;
    if (sum == 0) sum = 10;
    product = (2 * sum) % 11;
  }
  absl::StrAppend(&digits, (11 - product) % 10);
  return absl::StrCat("DE", digits);
}

// UK VAT number: GB and 9 digits, the last two making the weighted sum
// (8..2 on the first seven) divisible by 97.
std::string UkVat(Random& random) {
  std::string digits;
  int sum = 0;
  for (int i = 0; i < 7; ++i) {
    const int d = static_cast<int>(random.Pick(10));
    sum += d * (8 - i);
    absl::StrAppend(&digits, d);
  }
  absl::StrAppend(&digits, absl::StrFormat("%02d", (97 - sum % 97) % 97));
  return absl::StrCat("GB", digits);
}

std::string Ein(Random& random) {
  const int prefix = kEinPrefixes[random.Pick(kEinPrefixes.size())];
  return absl::StrFormat("%02d-%07d", prefix, random.Pick(10000000));
}

// `id` with ASCII letters and digits in full width (ｆｕｌｌ).
std::string FullWidth(absl::string_view id) {
  std::string out;
  for (char c : id) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      // U+FF10.. for digits, U+FF21.. for capitals: EF BC 90+ / EF BC A1+.
      const int code = 0xFF00 + (c - 0x20);
      out.push_back(static_cast<char>(0xE0 | (code >> 12)));
      out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// `id` with one digit replaced by another.
std::string MistypedId(std::string id, Random& random) {
  std::vector<size_t> digits;
  for (size_t i = 0; i < id.size(); ++i) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(id[i]))) {
      digits.push_back(i);
    }
  }
  if (digits.empty()) return id;
  char& c = id[digits[random.Pick(digits.size())]];
  c = static_cast<char>('0' + (c - '0' + 1 + random.Pick(9)) % 10);
  return id;
}

// ---------------------------------------------------------------------------
// The entity.

struct Company {
  Country country = Country::kUs;
  OrganizationRole role = OrganizationRole::kAlone;
  bool family_name = false;  // the brand is one or two family names
  // Latin brand ("Valentra", "North Calentra", "Henderson & Clarke",
  // "Huaxin"); for Chinese companies the pinyin of `brand_han`, or their
  // English brand.
  std::string brand;
  std::string brand_han;
  bool english_brand = false;  // `brand` is not the pinyin of `brand_han`
  std::string partner;         // second name of "Henderson & Clarke", else ""
  std::string industry;        // English, or German for German companies
  std::string industry_abbreviation;
  std::string industry_han;
  std::string industry_pinyin;
  // In the lists of the company's country. A holding parent shows a
  // holding word instead of industry `industry_index`.
  size_t industry_index = 0;
  size_t city_index = 0;
  // A subsidiary's region in its name, after the industry: "(Seattle)",
  // "Hamburg", "(UK)", "Deutschland", "USA"; else "".
  std::string qualifier;
  bool city_in_name = false;   // Chinese: the name always names the city
  bool latin_only = false;     // a foreign group's Chinese subsidiary
  bool international = false;  // "... International" before the legal form
  const LegalForm* legal_form = nullptr;
  // Chinese: where the registered name has its city: 0 in front
  // (深圳市华信软件有限公司), 1 in brackets (华信软件（深圳）有限公司), 2 none.
  int city_placement = 0;
  bool city_suffix = false;  // 深圳市 rather than 深圳
  const City* city = nullptr;
  const ChineseCity* cn_city = nullptr;
  std::string domain;
  std::string mailbox;
  int area_code = 0;
  int64_t phone_number = 0;
  // > 0: the number is the group's switchboard, this the member's line.
  int extension = 0;
  bool extension_in_first_record = false;
  int house = 0;
  std::string street;  // Latin name, or Hanzi for Chinese
  std::string street_pinyin;
  const StreetType* street_type = nullptr;
  int suite = 0;  // 0 = none
  const Han* district = nullptr;
  std::string postal_code;
  std::string registration_id;  // "" for branches outside China
  std::string tax_id;
  // Branches: the parent or subsidiary whose name the branch's carries,
  // the branch's ordinal among that company's branches in its city (1 for
  // the first), and how its name says "branch".
  std::shared_ptr<const Company> head;
  int branch_ordinal = 1;
  int branch_style = 0;
};

size_t CityCount(Country country) {
  switch (country) {
    case Country::kUs:
      return kUsCities.size();
    case Country::kGb:
      return kGbCities.size();
    case Country::kDe:
      return kDeCities.size();
    case Country::kCn:
      return kCnCities.size();
  }
  return 1;
}

// Moves `c` to city `index` of its country's list.
void SetCity(Company& c, size_t index) {
  c.city_index = index;
  c.city = nullptr;
  c.cn_city = nullptr;
  switch (c.country) {
    case Country::kUs:
      c.city = &kUsCities[index];
      break;
    case Country::kGb:
      c.city = &kGbCities[index];
      break;
    case Country::kDe:
      c.city = &kDeCities[index];
      break;
    case Country::kCn:
      c.cn_city = &kCnCities[index];
      break;
  }
}

// The city as Latin script writes it.
std::string CityInLatin(const Company& c) {
  return c.country == Country::kCn ? c.cn_city->city.pinyin : c.city->name;
}

size_t IndustryCount(Country country) {
  switch (country) {
    case Country::kCn:
      return kChineseIndustries.size();
    case Country::kDe:
      return kGermanIndustries.size();
    default:
      return kIndustries.size();
  }
}

// Gives `c` industry `index` of the list of `country`.
void SetIndustry(Company& c, Country country, size_t index) {
  c.industry_index = index;
  c.industry_abbreviation.clear();
  c.industry_han.clear();
  c.industry_pinyin.clear();
  switch (country) {
    case Country::kCn:
      c.industry = kChineseIndustries[index].english;
      c.industry_han = kChineseIndustries[index].hanzi;
      c.industry_pinyin = kChineseIndustries[index].pinyin;
      break;
    case Country::kDe:
      c.industry = kGermanIndustries[index];
      break;
    default:
      c.industry = kIndustries[index].name;
      c.industry_abbreviation = kIndustries[index].abbreviation;
      break;
  }
}

// Names `c` by holding word `which` (0 or 1) instead of its industry.
void SetHoldingWord(Company& c, size_t which) {
  c.industry_abbreviation.clear();
  switch (c.country) {
    case Country::kCn:
      c.industry = kChineseHoldingWords[which].english;
      c.industry_han = kChineseHoldingWords[which].hanzi;
      c.industry_pinyin = kChineseHoldingWords[which].pinyin;
      break;
    case Country::kDe:
      c.industry = kGermanHoldingWords[which];
      break;
    default:
      c.industry = kHoldingWords[which].name;
      c.industry_abbreviation = kHoldingWords[which].abbreviation;
      break;
  }
}

// Whether industry `index` of `country`'s list is a holding word, which
// subsidiaries do not take.
bool IsHoldingWord(Country country, size_t index) {
  switch (country) {
    case Country::kCn:
      return absl::string_view(kChineseIndustries[index].hanzi) == "集团";
    case Country::kDe:
      return false;
    default: {
      const absl::string_view name = kIndustries[index].name;
      return name == "Holdings" || name == "Group";
    }
  }
}

// ---------------------------------------------------------------------------
// Groups.
//
// Entities come in segments of kSegment ids; each segment is cut into
// corporate groups by its own random draw, so a group is a pure function
// of the seed and the segment. 84% of the groups are a company alone, the
// rest a parent, 1-8 subsidiaries (1 at .5, 2 at .25, 3-4 at .15, 5-8 at
// .1) and 0-10 branches (0 at .4, 1-2 at .3, 3-5 at .2, 6-10 at .1): 5.2
// entities on average, so that about half of all entities are in a group
// of two or more. A group that would cross the segment's end is cut there.

constexpr int64_t kSegment = 256;

struct Group {
  int64_t root = 0;  // the parent, its first entity
  int index = 0;     // of the entity within it
  int size = 1;
  int subsidiaries = 0;  // entities root + 1 .. root + subsidiaries
};

Group GroupOf(uint64_t seed, int64_t entity) {
  const int64_t start = entity / kSegment * kSegment;
  Random random(Mix(seed ^ 0x62a0c5ULL ^ Mix(static_cast<uint64_t>(start))));
  for (int64_t at = start;;) {
    int64_t subsidiaries = 0, branches = 0;
    if (!random.Chance(0.84)) {
      const double s = random.Uniform();
      subsidiaries = s < 0.5    ? 1
                     : s < 0.75 ? 2
                     : s < 0.9  ? 3 + static_cast<int64_t>(random.Pick(2))
                                : 5 + static_cast<int64_t>(random.Pick(4));
      const double b = random.Uniform();
      branches = b < 0.4   ? 0
                 : b < 0.7 ? 1 + static_cast<int64_t>(random.Pick(2))
                 : b < 0.9 ? 3 + static_cast<int64_t>(random.Pick(3))
                           : 6 + static_cast<int64_t>(random.Pick(5));
    }
    const int64_t size =
        std::min(1 + subsidiaries + branches, start + kSegment - at);
    if (entity < at + size) {
      return {
          .root = at,
          .index = static_cast<int>(entity - at),
          .size = static_cast<int>(size),
          .subsidiaries = static_cast<int>(std::min(subsidiaries, size - 1))};
    }
    at += size;
  }
}

// Brand names are few and real companies rarely share one: a coined brand
// is a bijection of the group's root modulo the number of coined words, so
// that roots below that number never share a coined word.
constexpr uint64_t kCoinedWords =
    kOnsets.size() * kMiddles.size() * kEndings.size();

std::string CoinedBrand(uint64_t seed, int64_t root, Random& random) {
  // 7919 is prime and does not divide kCoinedWords: a permutation.
  static_assert(kCoinedWords % 7919 != 0);
  uint64_t index = (static_cast<uint64_t>(root) % kCoinedWords * 7919 +
                    Mix(seed) % kCoinedWords) %
                   kCoinedWords;
  std::string brand = kOnsets[index % kOnsets.size()];
  index /= kOnsets.size();
  absl::StrAppend(&brand, kMiddles[index % kMiddles.size()]);
  index /= kMiddles.size();
  absl::StrAppend(&brand, kEndings[index]);
  brand = Capitalized(absl::AsciiStrToLower(brand));
  if (random.Chance(0.25)) {
    brand = absl::StrCat(kBrandPrefixes[random.Pick(kBrandPrefixes.size())],
                         " ", brand);
  }
  return brand;
}

// The English brand of the Chinese brands whose first two characters are
// pair `pair` (< 100^2) of kBrandHan: a fixed bijection into the words of
// the kEnglishBrand* lists, the same for every seed.
constexpr uint64_t kEnglishBrandWords = kEnglishBrandOnsets.size() *
                                        kEnglishBrandMiddles.size() *
                                        kEnglishBrandEndings.size();

std::string EnglishBrand(uint64_t pair) {
  static_assert(kEnglishBrandWords >= kBrandHan.size() * kBrandHan.size());
  static_assert(kEnglishBrandWords % 7919 != 0);
  uint64_t index =
      (pair % kEnglishBrandWords * 7919 + 4409) % kEnglishBrandWords;
  std::string brand = kEnglishBrandOnsets[index % kEnglishBrandOnsets.size()];
  index /= kEnglishBrandOnsets.size();
  absl::StrAppend(&brand,
                  kEnglishBrandMiddles[index % kEnglishBrandMiddles.size()]);
  index /= kEnglishBrandMiddles.size();
  absl::StrAppend(&brand, kEnglishBrandEndings[index]);
  return brand;
}

// `words` as one label of a domain name or mailbox: "Henderson & Clarke"
// -> "henderson-clarke", "Müller" -> "mueller", "San Jose" -> "sanjose".
std::string AsciiLabel(std::string words) {
  words = absl::AsciiStrToLower(words);
  return absl::StrReplaceAll(words, {{" & ", "-"},
                                     {" ", ""},
                                     {"ü", "ue"},
                                     {"ö", "oe"},
                                     {"ä", "ae"},
                                     {"ß", "ss"}});
}

std::string Domain(const std::string& words, Country country) {
  const std::string label = AsciiLabel(words);
  switch (country) {
    case Country::kUs:
      return absl::StrCat(label, ".com");
    case Country::kGb:
      return absl::StrCat(label, ".co.uk");
    case Country::kDe:
      return absl::StrCat(label, ".de");
    case Country::kCn:
      return absl::StrCat(label, ".com.cn");
  }
  return label;
}

// The company's domain name. Family names and Chinese brands are shared by
// unrelated companies: their domains always name the industry too (and,
// for German family firms, the city).
std::string CompanyDomain(const Company& c, bool with_industry,
                          bool with_city) {
  std::string words = c.brand;
  if (!c.partner.empty()) absl::StrAppend(&words, " & ", c.partner);
  if (c.country == Country::kCn && !c.latin_only) {
    if (c.english_brand) {
      // "kingdee-software.com.cn"
      absl::StrAppend(&words, " & ",
                      c.industry.substr(0, c.industry.find(' ')));
    } else {
      absl::StrAppend(&words, " ", c.industry_pinyin);  // "huaxinruanjian"
    }
    if (with_city) absl::StrAppend(&words, " & ", c.cn_city->city.pinyin);
    return Domain(words, c.country);
  }
  if (c.family_name || with_industry) {
    absl::StrAppend(&words, " & ", c.industry);
  }
  if ((c.family_name && c.country == Country::kDe) || with_city) {
    absl::StrAppend(&words, " & ", CityInLatin(c));
  }
  return Domain(words, c.country);
}

// A telephone number in the company's city.
void DrawPhone(Company& c, Random& random) {
  switch (c.country) {
    case Country::kCn:
      c.area_code = c.cn_city->area_code;
      c.phone_number = 60000000 + static_cast<int64_t>(random.Pick(29999999));
      break;
    case Country::kUs:
      c.area_code = c.city->area_code;
      c.phone_number = 2000000 + static_cast<int64_t>(random.Pick(7999999));
      break;
    case Country::kGb:
      c.area_code = c.city->area_code;
      c.phone_number =
          c.area_code < 100
              ? 70000000 + static_cast<int64_t>(random.Pick(9999999))
              : 4000000 + static_cast<int64_t>(random.Pick(5999999));
      break;
    case Country::kDe:
      c.area_code = c.city->area_code;
      c.phone_number = 1000000 + static_cast<int64_t>(random.Pick(98999999));
      break;
  }
}

// A street address in the company's city.
void DrawAddress(Company& c, Random& random) {
  c.street_pinyin.clear();
  c.street_type = nullptr;
  c.suite = 0;
  c.district = nullptr;
  switch (c.country) {
    case Country::kCn: {
      const Han& street = kChineseStreets[random.Pick(kChineseStreets.size())];
      c.street = street.hanzi;
      c.street_pinyin = street.pinyin;
      c.house = 1 + static_cast<int>(random.Pick(999));
      c.district = &kChineseDistricts[random.Pick(kChineseDistricts.size())];
      c.postal_code =
          absl::StrCat(std::string(c.cn_city->postal_code).substr(0, 4),
                       absl::StrFormat("%02d", random.Pick(100)));
      break;
    }
    case Country::kUs:
      c.street = kStreets[random.Pick(kStreets.size())];
      c.street_type = &kStreetTypes[random.Pick(kStreetTypes.size())];
      c.house = 1 + static_cast<int>(random.Pick(2500));
      if (random.Chance(0.4)) c.suite = 100 * (1 + random.Pick(20));
      c.postal_code = absl::StrFormat(
          "%05d", std::stoi(c.city->postal_base) + random.Pick(60));
      break;
    case Country::kGb: {
      c.street = kStreets[random.Pick(kStreets.size())];
      c.street_type = &kStreetTypes[random.Pick(3)];
      c.house = 1 + static_cast<int>(random.Pick(2500));
      static constexpr char kLetters[] = "ABDEFGHJLNPQRSTUWXYZ";
      c.postal_code = absl::StrCat(c.city->postal_base, " ", random.Pick(10));
      c.postal_code.push_back(kLetters[random.Pick(20)]);
      c.postal_code.push_back(kLetters[random.Pick(20)]);
      break;
    }
    case Country::kDe:
      c.street = kGermanStreets[random.Pick(kGermanStreets.size())];
      c.house = 1 + static_cast<int>(random.Pick(180));
      c.postal_code = absl::StrFormat(
          "%05d", std::stoi(c.city->postal_base) + random.Pick(40));
      break;
  }
}

// The legal form and the registration and tax ids of a legal entity.
void DrawLegalEntity(Company& c, Random& random) {
  switch (c.country) {
    case Country::kCn:
      c.registration_id = ChinaUscc(c.cn_city->division, random);
      c.tax_id = c.registration_id;  // the USCC is the taxpayer id too
      break;
    case Country::kUs:
      c.legal_form = &kUsForms[random.Pick(kUsForms.size())];
      c.international = random.Chance(0.12);
      c.registration_id =
          absl::StrFormat("%07d", random.Pick(9000000) + 1000000);
      c.tax_id = Ein(random);
      break;
    case Country::kGb:
      c.legal_form = random.Chance(0.85) ? &kGbForms[0] : &kGbForms[1];
      c.international = random.Chance(0.12);
      c.registration_id = absl::StrFormat("%08d", random.Pick(14000000));
      c.tax_id = UkVat(random);
      break;
    case Country::kDe:
      c.legal_form = &kDeForms[random.Chance(0.7)   ? 0
                               : random.Chance(0.5) ? 1
                                                    : 2];
      c.international = false;
      c.registration_id = absl::StrCat("HRB ", 10000 + random.Pick(190000));
      c.tax_id = GermanVat(random);
      break;
  }
}

// What the members of group `g` share, drawn from `random`: the country,
// the brand, the parent's industry and city, the switchboard number, the
// head office's address and the website domain. Before the parent's own
// draws (legal form, ids), this is the parent.
Company MakeGroupCompany(const OrganizationGeneratorOptions& options,
                         const Group& g, Random& random) {
  const uint64_t root = static_cast<uint64_t>(g.root);
  Company c;
  c.role = g.size > 1 ? OrganizationRole::kParent : OrganizationRole::kAlone;
  const double chinese_share = options.chinese_share;
  const double r = random.Uniform();
  if (r < chinese_share) {
    c.country = Country::kCn;
  } else {
    const double rest = (r - chinese_share) / (1 - chinese_share);
    c.country = rest < 0.55  ? Country::kUs
                : rest < 0.8 ? Country::kGb
                             : Country::kDe;
  }
  size_t industry = 0;
  switch (c.country) {
    case Country::kCn: {
      // The first two characters and the industry are a bijection of the
      // root modulo 100^2 * 16, as coined brands are, so that a brand's
      // roots below that number differ in their industry; a few brands have
      // a third character.
      constexpr uint64_t kNames =
          kBrandHan.size() * kBrandHan.size() * kChineseIndustries.size();
      static_assert(kNames % 7919 != 0);
      uint64_t index =
          (root % kNames * 7919 + Mix(options.seed + 1) % kNames) % kNames;
      const uint64_t pair = index % (kBrandHan.size() * kBrandHan.size());
      std::vector<const Han*> characters;
      for (int i = 0; i < 2; ++i) {
        characters.push_back(&kBrandHan[index % kBrandHan.size()]);
        index /= kBrandHan.size();
      }
      if (random.Chance(0.15)) {
        characters.push_back(&kBrandHan[random.Pick(kBrandHan.size())]);
      }
      for (const Han* han : characters) {
        absl::StrAppend(&c.brand_han, han->hanzi);
        absl::StrAppend(&c.brand, han->pinyin);
      }
      c.brand = Capitalized(c.brand);
      // Drawn apart, so that the share changes nothing else.
      if (HashChance(Mix(options.seed ^ 0xe9b7aULL ^ Mix(root)),
                     options.english_brand_share)) {
        c.brand = EnglishBrand(pair);
        c.english_brand = true;
      }
      industry = index;
      break;
    }
    case Country::kDe:
      c.family_name = random.Chance(0.4);
      if (c.family_name) {
        c.brand = kGermanSurnames[random.Pick(kGermanSurnames.size())];
        if (random.Chance(0.5)) {
          c.partner = kGermanSurnames[random.Pick(kGermanSurnames.size())];
          if (c.partner == c.brand) c.partner.clear();
        }
      } else {
        c.brand = CoinedBrand(options.seed, g.root, random);
      }
      industry = random.Pick(kGermanIndustries.size());
      break;
    default:
      c.family_name = random.Uniform() < 0.15;
      if (c.family_name) {
        c.brand = kSurnames[random.Pick(kSurnames.size())];
        c.partner = kSurnames[random.Pick(kSurnames.size())];
        if (c.partner == c.brand) c.partner.clear();
      } else {
        c.brand = CoinedBrand(options.seed, g.root, random);
      }
      industry = random.Pick(kIndustries.size());
      break;
  }
  SetIndustry(c, c.country, industry);
  SetCity(c, random.Pick(CityCount(c.country)));
  if (g.size > 1 && random.Chance(0.5)) {
    SetHoldingWord(c, random.Pick(2));
  }
  DrawPhone(c, random);
  DrawAddress(c, random);
  c.domain = CompanyDomain(c, /*with_industry=*/false, /*with_city=*/false);
  return c;
}

// One member of a group, as the group's plan lays it out.
struct Member {
  enum class Kind {
    kIndustry,  // another industry: "Vantora Trading"
    kRegional,  // the parent's industry elsewhere: "Vantora Logistics
                // (Seattle)"
    kForeign,   // the parent's industry abroad: "Vantora Logistics (UK) Ltd"
  };
  OrganizationRole role = OrganizationRole::kAlone;
  Kind kind = Kind::kIndustry;
  Country country = Country::kUs;
  size_t industry = 0;  // in the list of the group's country
  size_t city = 0;      // in the list of the member's country
  int head = 0;         // branches: the member whose branch it is
  int ordinal = 1;      // branches: 1 + earlier ones of `head` in `city`
};

template <typename T>
void Shuffle(std::vector<T>& items, Random& random) {
  for (size_t i = items.size(); i > 1; --i) {
    std::swap(items[i - 1], items[random.Pick(i)]);
  }
}

// The members of group `g` whose parent is `parent`. Subsidiaries of
// another industry take distinct industries, regional ones distinct cities
// other than the parent's, foreign ones distinct countries, so that no two
// members share a name; branches are of the parent (60%) or a domestic
// subsidiary, each in a city other than its head's, a second branch of one
// head in one city only when the head has one in every other city.
std::vector<Member> PlanGroup(const OrganizationGeneratorOptions& options,
                              const Group& g, const Company& parent,
                              Random& random) {
  std::vector<Member> members(static_cast<size_t>(g.size));
  members[0] = {.role = parent.role,
                .country = parent.country,
                .industry = parent.industry_index,
                .city = parent.city_index};
  if (g.size == 1) return members;
  const Country home = parent.country;
  std::vector<size_t> industries, cities;
  for (size_t i = 0; i < IndustryCount(home); ++i) {
    if (i != parent.industry_index && !IsHoldingWord(home, i)) {
      industries.push_back(i);
    }
  }
  for (size_t i = 0; i < CityCount(home); ++i) {
    if (i != parent.city_index) cities.push_back(i);
  }
  std::vector<Country> abroad;
  if (home != Country::kCn) {
    for (Country country : {Country::kUs, Country::kGb, Country::kDe}) {
      if (country != home) abroad.push_back(country);
    }
    if (options.chinese_share > 0) abroad.push_back(Country::kCn);
  }
  Shuffle(industries, random);
  Shuffle(cities, random);
  Shuffle(abroad, random);
  size_t next_industry = 0, next_city = 0, next_abroad = 0;
  std::vector<int> heads = {0};
  for (int i = 1; i <= g.subsidiaries; ++i) {
    Member& m = members[static_cast<size_t>(i)];
    m.role = OrganizationRole::kSubsidiary;
    m.country = home;
    m.industry = parent.industry_index;
    const double r = random.Uniform();
    if (r < 0.15 && next_abroad < abroad.size()) {
      m.kind = Member::Kind::kForeign;
      m.country = abroad[next_abroad++];
      m.city = random.Pick(CityCount(m.country));
      continue;
    }
    if (r < 0.4 && next_city < cities.size()) {
      m.kind = Member::Kind::kRegional;
      m.city = cities[next_city++];
    } else {
      m.kind = Member::Kind::kIndustry;
      m.industry = industries[next_industry++ % industries.size()];
      m.city =
          random.Chance(0.6) ? parent.city_index : random.Pick(CityCount(home));
    }
    heads.push_back(i);
  }
  for (int i = g.subsidiaries + 1; i < g.size; ++i) {
    Member& m = members[static_cast<size_t>(i)];
    m.role = OrganizationRole::kBranch;
    m.head = heads.size() == 1 || random.Chance(0.6)
                 ? 0
                 : heads[1 + random.Pick(heads.size() - 1)];
    const Member& head = members[static_cast<size_t>(m.head)];
    m.country = head.country;
    m.industry = head.industry;
    auto earlier = [&](size_t city) {
      int count = 0;
      for (int j = g.subsidiaries + 1; j < i; ++j) {
        const Member& other = members[static_cast<size_t>(j)];
        if (other.head == m.head && other.city == city) ++count;
      }
      return count;
    };
    // The cities other than the head's, from a random one on.
    const size_t others = CityCount(m.country) - 1;
    auto other_city = [&](size_t k) { return k < head.city ? k : k + 1; };
    const size_t start = random.Pick(others);
    m.city = other_city(start);
    for (size_t k = 0; k < others; ++k) {
      const size_t city = other_city((start + k) % others);
      if (earlier(city) == 0) {
        m.city = city;
        break;
      }
    }
    m.ordinal = 1 + earlier(m.city);
  }
  return members;
}

// The region in the name of a regional or foreign subsidiary.
std::string RegionQualifier(const Company& c, Member::Kind kind) {
  if (kind == Member::Kind::kForeign) {
    switch (c.country) {
      case Country::kUs:
        return "USA";
      case Country::kGb:
        return "(UK)";
      case Country::kDe:
        return "Deutschland";
      case Country::kCn:
        return "";  // the city, where Chinese names have it
    }
  }
  switch (c.country) {
    case Country::kDe:
      return c.city->name;  // "Vantora Logistik Hamburg GmbH"
    case Country::kCn:
      return "";
    default:
      return absl::StrCat("(", c.city->name, ")");
  }
}

// Group `g`'s parent before its own draws, and its members, from one
// stream keyed by the group's root.
struct GroupLayout {
  Company parent;
  std::vector<Member> members;
};

GroupLayout LayOutGroup(const OrganizationGeneratorOptions& options,
                        const Group& g) {
  Random random(
      Mix(options.seed ^ Mix(static_cast<uint64_t>(g.root) + 0xb7a4d)));
  GroupLayout layout;
  layout.parent = MakeGroupCompany(options, g, random);
  layout.members = PlanGroup(options, g, layout.parent, random);
  return layout;
}

Company MakeCompany(const OrganizationGeneratorOptions& options,
                    int64_t entity) {
  const Group g = GroupOf(options.seed, entity);
  const GroupLayout layout = LayOutGroup(options, g);
  const Company& group = layout.parent;
  const Member& m = layout.members[static_cast<size_t>(g.index)];
  Company c;
  if (m.role == OrganizationRole::kBranch) {
    // The head's name, domain and legal form, in another city.
    auto head =
        std::make_shared<const Company>(MakeCompany(options, g.root + m.head));
    c = *head;
    c.head = std::move(head);
    c.role = OrganizationRole::kBranch;
    c.extension = 0;
    SetCity(c, m.city);
    c.branch_ordinal = m.ordinal;
  } else {
    c = group;
    c.role = m.role;
    if (m.role == OrganizationRole::kSubsidiary) {
      SetIndustry(c, group.country, m.industry);
      c.country = m.country;
      SetCity(c, m.city);
      if (m.kind != Member::Kind::kIndustry) {
        c.qualifier = RegionQualifier(c, m.kind);
        c.city_in_name = c.country == Country::kCn;
      }
      if (m.kind == Member::Kind::kForeign && c.country == Country::kCn) {
        // Named in Latin script only, the industry in the group's language.
        c.latin_only = true;
        if (!c.partner.empty()) {
          c.brand = absl::StrCat(c.brand, " & ", c.partner);
          c.partner.clear();
        }
        c.industry_han.clear();
        c.industry_pinyin.clear();
      }
    }
  }
  Random random(Mix(options.seed ^ Mix(static_cast<uint64_t>(entity))));
  c.mailbox = kMailboxes[random.Pick(kMailboxes.size())];
  if (m.role == OrganizationRole::kBranch && random.Chance(0.3)) {
    c.mailbox = AsciiLabel(CityInLatin(c));  // "chicago@vantora.com"
  }
  c.branch_style = static_cast<int>(random.Pick(3));
  if (c.country == Country::kCn && m.role != OrganizationRole::kBranch) {
    c.city_placement = c.latin_only         ? (random.Chance(0.8) ? 1 : 0)
                       : c.city_in_name     ? static_cast<int>(random.Pick(2))
                       : random.Chance(0.5) ? 0
                       : random.Chance(0.6) ? 1
                                            : 2;
    c.city_suffix = random.Chance(0.5);
  }

  // The member's own number, or the group's switchboard with its line.
  DrawPhone(c, random);
  const bool domestic = c.country == group.country;
  const bool switchboard =
      m.role == OrganizationRole::kParent ||
      m.role == OrganizationRole::kAlone ||
      (m.role == OrganizationRole::kSubsidiary && domestic &&
       random.Chance(0.6)) ||
      (m.role == OrganizationRole::kBranch && random.Chance(0.4));
  if (switchboard) {
    c.area_code = group.area_code;
    c.phone_number = group.phone_number;
  }
  if (switchboard && m.role != OrganizationRole::kParent &&
      m.role != OrganizationRole::kAlone) {
    c.extension = c.country == Country::kCn
                      ? 8000 + static_cast<int>(random.Pick(1000))
                      : 100 + static_cast<int>(random.Pick(800));
    c.extension_in_first_record = random.Chance(0.3);
  }

  // An address of its own, or in the parent's city often the parent's.
  DrawAddress(c, random);
  const bool parents_building =
      m.role == OrganizationRole::kParent ||
      m.role == OrganizationRole::kAlone ||
      (m.role == OrganizationRole::kSubsidiary && domestic &&
       c.city_index == group.city_index && random.Chance(0.5));
  if (parents_building) {
    const int suite = c.suite;  // another floor of the building
    c.street = group.street;
    c.street_pinyin = group.street_pinyin;
    c.street_type = group.street_type;
    c.house = group.house;
    c.district = group.district;
    c.postal_code = group.postal_code;
    c.suite = m.role == OrganizationRole::kSubsidiary ? suite : group.suite;
  }

  const LegalForm* head_form = c.legal_form;
  DrawLegalEntity(c, random);
  if (m.role == OrganizationRole::kBranch) {
    c.legal_form = head_form;
    if (c.country != Country::kCn) {
      // Part of its head's legal entity: no ids of its own.
      c.registration_id.clear();
      c.tax_id.clear();
    }
  }
  if (m.role == OrganizationRole::kSubsidiary) {
    const bool own_domain =
        random.Chance(m.kind == Member::Kind::kForeign ? 0.5 : 0.25);
    if (own_domain) {
      c.domain =
          CompanyDomain(c, /*with_industry=*/m.kind == Member::Kind::kIndustry,
                        /*with_city=*/m.kind == Member::Kind::kRegional);
    }
  }
  return c;
}

// ---------------------------------------------------------------------------
// Records.

// `text` with its ASCII letters upper-cased, or without punctuation.
std::string CaseAndPunctuationNoise(std::string text, Random& random) {
  const double r = random.Uniform();
  if (r < 0.12) return absl::AsciiStrToUpper(text);
  if (r < 0.17) return absl::AsciiStrToLower(text);
  if (r < 0.3) {
    text = absl::StrReplaceAll(text, {{".", ""}, {",", ""}});
  }
  return text;
}

std::string LegalFormSpelling(const LegalForm& form, Random& random,
                              bool noisy) {
  if (!noisy) return form.spellings[0];
  size_t count = 0;
  while (count < form.spellings.size() && form.spellings[count] != nullptr) {
    ++count;
  }
  return form.spellings[random.Chance(0.5) ? 0 : random.Pick(count)];
}

std::string JoinLegalForm(const std::string& name, const std::string& form) {
  if (form.empty()) return name;
  if (form[0] == ',') return absl::StrCat(name, form);
  return absl::StrCat(name, " ", form);
}

std::string GermanUmlautsSpelledOut(const std::string& text) {
  return absl::StrReplaceAll(text, {{"ü", "ue"},
                                    {"ö", "oe"},
                                    {"ä", "ae"},
                                    {"Ü", "Ue"},
                                    {"Ö", "Oe"},
                                    {"Ä", "Ae"},
                                    {"ß", "ss"}});
}

// The registered name of a company outside China: brand, industry,
// region, "International" and legal form ("Vantora Logistics (UK) Ltd").
std::string WesternLegalName(const Company& c, Random& random, bool noisy) {
  std::string brand = c.brand;
  if (!c.partner.empty()) {
    const bool swapped = noisy && random.Chance(0.1);
    const char* joint = noisy && random.Chance(0.3) ? " and " : " & ";
    brand = swapped ? absl::StrCat(c.partner, joint, c.brand)
                    : absl::StrCat(c.brand, joint, c.partner);
  }
  if (noisy && random.Chance(0.08)) brand = Typo(brand, random);
  std::string industry = c.industry;
  if (noisy && !c.industry_abbreviation.empty() && random.Chance(0.2)) {
    industry = c.industry_abbreviation;
  }
  std::string name;
  if (c.country == Country::kDe && noisy && random.Chance(0.15)) {
    name = absl::StrCat(industry, " ", brand);  // "Maschinenbau Müller"
  } else {
    name = absl::StrCat(brand, " ", industry);
  }
  if (!c.qualifier.empty()) absl::StrAppend(&name, " ", c.qualifier);
  if (c.international) {
    absl::StrAppend(&name,
                    noisy && random.Chance(0.3) ? " Intl" : " International");
  }
  const bool drop_form = noisy && random.Chance(0.15);
  if (!drop_form) {
    name = JoinLegalForm(name, LegalFormSpelling(*c.legal_form, random, noisy));
  }
  return name;
}

// How a branch's name follows its head's: " - Chicago Branch",
// " Niederlassung Hamburg", " Beijing Branch"; a second branch of the
// head in the city is "... Branch 2".
std::string BranchSuffix(const Company& c, Random& random, bool noisy) {
  std::string city = CityInLatin(c);
  if (noisy && c.city != nullptr && *c.city->other_name != '\0' &&
      random.Chance(0.3)) {
    city = c.city->other_name;
  }
  const std::string number =
      c.branch_ordinal > 1 ? absl::StrCat(" ", c.branch_ordinal) : "";
  const int style = noisy && random.Chance(0.4)
                        ? static_cast<int>(random.Pick(4))
                        : c.branch_style;
  if (c.country == Country::kDe) {
    switch (style) {
      case 0:
        return absl::StrCat(" Niederlassung ", city, number);
      case 1:
        return absl::StrCat(" Zweigniederlassung ", city, number);
      case 2:
        return absl::StrCat(", Niederlassung ", city, number);
      default:
        return absl::StrCat(" NL ", city, number);
    }
  }
  if (c.country == Country::kCn) {
    switch (style) {
      case 0:
        return absl::StrCat(" ", city, " Branch", number);
      case 1:
        return absl::StrCat(" (", city, " Branch", number, ")");
      case 2:
        return absl::StrCat(", ", city, " Branch", number);
      default:
        return absl::StrCat(" - ", city, " Branch", number);
    }
  }
  switch (style) {
    case 0:
      return absl::StrCat(" - ", city, " Branch", number);
    case 1:
      return absl::StrCat(" (", city, " Branch", number, ")");
    case 2:
      return absl::StrCat(", ", city, " Branch", number);
    default:
      return absl::StrCat(" ", city, number);  // "Vantora Trading Inc Chicago"
  }
}

std::string WesternName(const Company& c, Random& random, bool noisy) {
  std::string name;
  if (c.head != nullptr) {
    name = absl::StrCat(WesternLegalName(*c.head, random, noisy),
                        BranchSuffix(c, random, noisy));
  } else {
    name = WesternLegalName(c, random, noisy);
    if (noisy && random.Chance(0.05)) {
      name = absl::StrCat(name, ", The");
    } else if (noisy && random.Chance(0.05)) {
      // The city the record was entered for: "Valentra Software (Denver)".
      absl::StrAppend(&name, " (", c.city->name, ")");
    }
  }
  if (noisy && random.Chance(0.06)) name = absl::StrCat("The ", name);
  if (c.country == Country::kDe && noisy && random.Chance(0.3)) {
    name = GermanUmlautsSpelledOut(name);
  }
  if (noisy) name = CaseAndPunctuationNoise(std::move(name), random);
  return name;
}

std::string HanziName(const Company& c, int placement, Random& random,
                      bool noisy) {
  if (c.head != nullptr) {
    // 深圳市华信软件有限公司北京分公司, or without the head's legal form.
    std::string head = HanziName(*c.head, placement, random, noisy);
    if (noisy && random.Chance(0.2)) {
      for (absl::string_view form : {"有限责任公司", "有限公司"}) {
        if (absl::EndsWith(head, form)) {
          head.resize(head.size() - form.size());
          break;
        }
      }
    }
    return absl::StrCat(
        head, c.cn_city->city.hanzi,
        kChineseOrdinals[static_cast<size_t>(std::min(
            c.branch_ordinal, static_cast<int>(kChineseOrdinals.size()) - 1))],
        "分公司");
  }
  std::string city = c.cn_city->city.hanzi;
  if (c.city_suffix && placement == 0) absl::StrAppend(&city, "市");
  const bool full_width = random.Chance(0.7);
  const char* open = full_width ? "（" : "(";
  const char* close = full_width ? "）" : ")";
  const std::string core = absl::StrCat(c.brand_han, c.industry_han);
  const char* form = random.Chance(0.9) ? "有限公司" : "有限责任公司";
  switch (placement) {
    case 0:
      return absl::StrCat(city, core, form);
    case 1:
      return absl::StrCat(core, open, city, close, form);
    default:
      return absl::StrCat(core, form);
  }
}

std::string LatinChineseLegalName(const Company& c, int placement,
                                  Random& random, bool noisy) {
  std::string brand = c.brand;
  if (noisy && random.Chance(0.05) && c.brand.size() > 4) {
    brand = Typo(brand, random);
  }
  const std::string core = absl::StrCat(brand, " ", c.industry);
  const std::string city = c.cn_city->city.pinyin;
  std::string name;
  switch (placement) {
    case 0:
      name = absl::StrCat(city, " ", core);
      break;
    case 1:
      name = absl::StrCat(core, " (", city, ")");
      break;
    default:
      name = core;
      break;
  }
  if (!(noisy && random.Chance(0.1))) {
    absl::StrAppend(
        &name, " ",
        noisy ? kChineseLatinForms[random.Pick(kChineseLatinForms.size())]
              : kChineseLatinForms[0]);
  }
  return name;
}

std::string LatinChineseName(const Company& c, int placement, Random& random,
                             bool noisy) {
  std::string name = c.head != nullptr
                         ? absl::StrCat(LatinChineseLegalName(
                                            *c.head, placement, random, noisy),
                                        BranchSuffix(c, random, noisy))
                         : LatinChineseLegalName(c, placement, random, noisy);
  if (noisy) name = CaseAndPunctuationNoise(std::move(name), random);
  return name;
}

std::string Phone(const Company& c, Random& random, bool noisy) {
  const int64_t n = c.phone_number;
  const int a = c.area_code;
  const size_t format = noisy ? random.Pick(4) : 0;
  switch (c.country) {
    case Country::kCn: {
      const std::string local = absl::StrCat(n);
      switch (format) {
        case 0:
          return absl::StrFormat("+86 %d %s %s", a, local.substr(0, 4),
                                 local.substr(4));
        case 1:
          return absl::StrFormat("0%d-%d", a, n);
        case 2:
          return absl::StrFormat("(0%d)%d", a, n);
        default:
          return absl::StrFormat("+86-%d-%d", a, n);
      }
    }
    case Country::kUs: {
      const int64_t x = n / 10000, y = n % 10000;
      switch (format) {
        case 0:
          return absl::StrFormat("+1 %03d %03d %04d", a, x, y);
        case 1:
          return absl::StrFormat("(%03d) %03d-%04d", a, x, y);
        case 2:
          return absl::StrFormat("%03d-%03d-%04d", a, x, y);
        default:
          return absl::StrFormat("%03d.%03d.%04d", a, x, y);
      }
    }
    case Country::kGb: {
      const std::string local = absl::StrCat(n);
      const size_t split = local.size() - 4;
      const std::string spaced =
          absl::StrCat(local.substr(0, split), " ", local.substr(split));
      switch (format) {
        case 0:
        case 1:
          return absl::StrFormat("+44 %d %s", a, spaced);
        case 2:
          return absl::StrFormat("0%d %s", a, spaced);
        default:
          return absl::StrFormat("0%d%d", a, n);
      }
    }
    case Country::kDe:
      switch (format) {
        case 0:
          return absl::StrFormat("+49 %d %d", a, n);
        case 1:
          return absl::StrFormat("0%d %d", a, n);
        case 2:
          return absl::StrFormat("0%d/%d", a, n);
        default:
          return absl::StrFormat("+49 (0)%d %d", a, n);
      }
  }
  return "";
}

// `phone`, a group's switchboard, with the member's line: "... ext. 214",
// "+49 30 1234567-214", "0755-86001234-8021", "0755-86001234转8021".
std::string WithExtension(const Company& c, const std::string& phone,
                          Random& random, bool noisy) {
  const size_t format = noisy ? random.Pick(3) : 0;
  switch (c.country) {
    case Country::kCn:
      return absl::StrCat(phone,
                          format == 0   ? "-"
                          : format == 1 ? "转"
                                        : " ext. ",
                          c.extension);
    case Country::kDe:
      return absl::StrCat(phone, format == 2 ? " Durchwahl " : "-",
                          c.extension);
    default:
      return absl::StrCat(phone,
                          format == 0   ? " ext. "
                          : format == 1 ? " x"
                                        : " Ext ",
                          c.extension);
  }
}

std::string Website(const Company& c, Random& random, bool noisy) {
  if (!noisy) return absl::StrCat("https://www.", c.domain);
  switch (random.Pick(5)) {
    case 0:
      return absl::StrCat("https://www.", c.domain);
    case 1:
      return absl::StrCat("www.", c.domain);
    case 2:
      return c.domain;
    case 3:
      return absl::StrCat("http://", c.domain, "/");
    default:
      return absl::StrCat("https://www.", c.domain, "/",
                          c.country == Country::kCn ? "cn" : "en");
  }
}

std::string Address(const Company& c, bool hanzi, Random& random, bool noisy) {
  switch (c.country) {
    case Country::kCn:
      if (hanzi) {
        return absl::StrCat(
            noisy && random.Chance(0.3) ? "" : c.district->hanzi, c.street,
            c.house, "号");
      }
      {
        std::string line =
            absl::StrCat("No. ", c.house, " ", c.street_pinyin,
                         noisy && random.Chance(0.4) ? " Rd" : " Road");
        if (!(noisy && random.Chance(0.3))) {
          absl::StrAppend(&line, ", ", c.district->pinyin);
        }
        return line;
      }
    case Country::kDe: {
      const double r = noisy ? random.Uniform() : 0;
      const char* suffix = r < 0.6 ? "straße" : r < 0.8 ? "str." : "strasse";
      return absl::StrCat(c.street, suffix, " ", c.house);
    }
    default: {
      std::string line =
          absl::StrCat(c.house, " ", c.street, " ",
                       noisy && random.Chance(0.5) ? c.street_type->short_form
                                                   : c.street_type->full);
      if (c.suite > 0 && !(noisy && random.Chance(0.3))) {
        absl::StrAppend(
            &line, noisy && random.Chance(0.5) ? " Ste " : ", Suite ", c.suite);
      }
      if (noisy && random.Chance(0.05)) line = Typo(line, random);
      return line;
    }
  }
}

// The registration id as a copy writes it.
std::string RegistrationId(const Company& c, bool hanzi, Random& random,
                           bool noisy) {
  std::string id = c.registration_id;
  if (!noisy) return id;
  if (random.Chance(0.03)) return MistypedId(id, random);
  switch (c.country) {
    case Country::kCn:
      if (random.Chance(0.1)) id = absl::AsciiStrToLower(id);
      if (hanzi && random.Chance(0.1)) id = FullWidth(id);
      return id;
    case Country::kGb:
      // Spreadsheets drop the leading zeros of a company number.
      if (random.Chance(0.2)) {
        const size_t first = id.find_first_not_of('0');
        if (first != std::string::npos) id = id.substr(first);
      }
      return id;
    case Country::kDe:
      if (random.Chance(0.3)) id = absl::StrReplaceAll(id, {{" ", ""}});
      return id;
    case Country::kUs:
      return id;
  }
  return id;
}

std::string TaxId(const Company& c, Random& random, bool noisy) {
  std::string id = c.tax_id;
  if (!noisy) return id;
  if (random.Chance(0.03)) return MistypedId(id, random);
  switch (c.country) {
    case Country::kUs:
      if (random.Chance(0.4)) id = absl::StrReplaceAll(id, {{"-", ""}});
      return id;
    case Country::kDe:
      if (random.Chance(0.3)) {
        id = absl::StrCat("DE ", id.substr(2, 3), " ", id.substr(5, 3), " ",
                          id.substr(8));
      }
      return id;
    case Country::kGb:
      if (random.Chance(0.3)) {
        id = absl::StrCat("GB ", id.substr(2, 3), " ", id.substr(5, 4), " ",
                          id.substr(9));
      } else if (random.Chance(0.2)) {
        id = id.substr(2);
      }
      return id;
    case Country::kCn:
      if (random.Chance(0.1)) id = absl::AsciiStrToLower(id);
      return id;
  }
  return id;
}

const char* CountryCode(Country country) {
  switch (country) {
    case Country::kUs:
      return "US";
    case Country::kGb:
      return "GB";
    case Country::kDe:
      return "DE";
    case Country::kCn:
      return "CN";
  }
  return "";
}

}  // namespace

const std::vector<std::string>& OrganizationColumns() {
  static const auto* columns = new std::vector<std::string>{
      "name",   "registration_id", "tax_id",       "phone",
      "email",  "website",         "address_line", "city",
      "region", "postal_code",     "country"};
  return *columns;
}

OrganizationGenerator::OrganizationGenerator(
    OrganizationGeneratorOptions options)
    : options_(std::move(options)) {
  if (options_.sources.empty()) options_.sources = {"crm"};
  copy_probability_ = CopyProbability(options_.duplicate_share);
}

OrganizationMembership OrganizationGenerator::Membership(int64_t entity) const {
  const Group g = GroupOf(options_.seed, entity);
  OrganizationMembership membership{.group = g.root, .head = entity};
  if (g.size == 1) return membership;
  const Member m =
      LayOutGroup(options_, g).members[static_cast<size_t>(g.index)];
  membership.role = m.role;
  if (m.role == OrganizationRole::kBranch) membership.head = g.root + m.head;
  return membership;
}

std::vector<GeneratedRecord> OrganizationGenerator::Entity(
    int64_t entity) const {
  const Company c = MakeCompany(options_, entity);
  Random random(
      Mix(options_.seed + 0x0c9 + Mix(static_cast<uint64_t>(entity))));
  const int copies = RecordCount(random, copy_probability_);
  const bool cn = c.country == Country::kCn;
  // Chinese companies: the first record in one script, the second in the
  // other, later ones in either; a foreign group's in Latin only.
  const bool first_in_hanzi = random.Chance(0.5);
  const bool bilingual = cn && !c.latin_only;
  std::vector<GeneratedRecord> records;
  for (int copy = 0; copy < copies; ++copy) {
    GeneratedRecord record;
    record.source = options_.sources[random.Pick(options_.sources.size())];
    record.id = absl::StrCat(entity, "-", copy);
    const bool noisy = copy > 0;
    auto drop = [&](double q) { return random.Chance(noisy ? q : q * 0.6); };
    const bool hanzi = bilingual && (copy == 0   ? first_in_hanzi
                                     : copy == 1 ? !first_in_hanzi
                                                 : random.Chance(0.5));

    std::string name;
    if (cn) {
      int placement = c.city_placement;
      if (noisy && random.Chance(0.3)) {
        // Never without the city when the city tells members apart.
        placement = static_cast<int>(random.Pick(c.city_in_name ? 2 : 3));
      }
      name = hanzi ? HanziName(c, placement, random, noisy)
                   : LatinChineseName(c, placement, random, noisy);
    } else {
      name = WesternName(c, random, noisy);
    }

    std::string registration_id, tax_id;
    if (!drop(0.55) && !c.registration_id.empty()) {
      registration_id = RegistrationId(c, hanzi, random, noisy);
    }
    if (!drop(cn ? 0.75 : 0.6) && !c.tax_id.empty()) {
      tax_id = TaxId(c, random, noisy);
    }

    std::string phone;
    if (!drop(0.3)) {
      phone = Phone(c, random, noisy);
      if (noisy && random.Chance(0.1)) {
        // Another line of the same company.
        phone = phone.substr(0, phone.size() - 2) +
                absl::StrFormat("%02d", random.Pick(100));
      }
      if (c.extension > 0 &&
          (noisy ? random.Chance(0.4) : c.extension_in_first_record)) {
        phone = WithExtension(c, phone, random, noisy);
      }
    }

    std::string email;
    if (!drop(0.45)) {
      email = absl::StrCat(c.mailbox, "@", c.domain);
      if (noisy && random.Chance(0.25)) {
        email = absl::StrCat(kMailboxes[random.Pick(kMailboxes.size())], "@",
                             c.domain);
      }
      if (noisy && random.Chance(0.15)) email = absl::AsciiStrToUpper(email);
    }

    std::string website;
    if (!drop(0.35)) website = Website(c, random, noisy);

    std::string address;
    if (!drop(0.2)) address = Address(c, hanzi, random, noisy);

    std::string city, region;
    if (!drop(0.15)) {
      if (cn) {
        city = hanzi ? absl::StrCat(c.cn_city->city.hanzi,
                                    random.Chance(0.5) ? "市" : "")
                     : c.cn_city->city.pinyin;
      } else {
        city = noisy && *c.city->other_name != '\0' && random.Chance(0.3)
                   ? c.city->other_name
                   : c.city->name;
        if (noisy && random.Chance(0.1)) city = absl::AsciiStrToUpper(city);
      }
    }
    if (!drop(0.4)) {
      if (cn) {
        region = hanzi ? c.cn_city->region.hanzi : c.cn_city->region.pinyin;
      } else {
        region = *c.city->region_code != '\0' && random.Chance(0.5)
                     ? c.city->region_code
                     : c.city->region;
      }
    }

    std::string postal;
    if (!drop(0.2)) {
      postal = c.postal_code;
      if (noisy && c.country == Country::kGb && random.Chance(0.3)) {
        postal = absl::StrReplaceAll(postal, {{" ", ""}});
      } else if (noisy && c.country == Country::kUs && random.Chance(0.2)) {
        absl::StrAppend(&postal, "-",
                        absl::StrFormat("%04d", random.Pick(10000)));
      }
    }

    std::string country = CountryCode(c.country);
    if (noisy && random.Chance(0.1)) {
      country = c.country == Country::kCn   ? (hanzi ? "中国" : "China")
                : c.country == Country::kUs ? "USA"
                : c.country == Country::kGb ? "United Kingdom"
                                            : "Germany";
    } else if (drop(0.1)) {
      country.clear();
    }

    record.values = {name,   registration_id, tax_id,  phone,
                     email,  website,         address, city,
                     region, postal,          country};
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace mdm::gen
