#include "tools/gen/person_generator.h"

#include <algorithm>
#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "tools/gen/internal/copies.h"
#include "tools/gen/internal/random.h"
#include "tools/gen/internal/text_noise.h"

namespace mdm::gen {
namespace {

struct Given {
  const char* name;
  const char* nickname;  // "" when none
};

constexpr std::array<Given, 48> kGiven = {{
    {"robert", "bob"},
    {"william", "bill"},
    {"james", "jim"},
    {"john", "jack"},
    {"michael", "mike"},
    {"richard", "dick"},
    {"thomas", "tom"},
    {"charles", "chuck"},
    {"daniel", "dan"},
    {"matthew", "matt"},
    {"anthony", "tony"},
    {"joseph", "joe"},
    {"christopher", "chris"},
    {"edward", "ed"},
    {"steven", "steve"},
    {"andrew", "andy"},
    {"kenneth", "ken"},
    {"timothy", "tim"},
    {"elizabeth", "liz"},
    {"margaret", "peggy"},
    {"katherine", "kate"},
    {"jennifer", "jenny"},
    {"patricia", "pat"},
    {"susan", "sue"},
    {"deborah", "debbie"},
    {"rebecca", "becky"},
    {"samantha", "sam"},
    {"victoria", "vicky"},
    {"mary", ""},
    {"linda", ""},
    {"barbara", ""},
    {"sarah", ""},
    {"karen", ""},
    {"nancy", ""},
    {"lisa", ""},
    {"sandra", ""},
    {"ashley", ""},
    {"emily", ""},
    {"donna", ""},
    {"michelle", ""},
    {"carol", ""},
    {"amanda", ""},
    {"melissa", ""},
    {"laura", ""},
    {"olivia", ""},
    {"sophia", ""},
    {"chloe", ""},
    {"grace", ""},
}};

constexpr std::array<const char*, 60> kFamilyStems = {
    "smith",    "johnson", "williams",  "brown",    "jones",     "garcia",
    "miller",   "davis",   "rodriguez", "martinez", "hernandez", "lopez",
    "gonzalez", "wilson",  "anderson",  "thomas",   "taylor",    "moore",
    "jackson",  "martin",  "lee",       "perez",    "thompson",  "white",
    "harris",   "sanchez", "clark",     "ramirez",  "lewis",     "robinson",
    "walker",   "young",   "allen",     "king",     "wright",    "scott",
    "torres",   "nguyen",  "hill",      "flores",   "green",     "adams",
    "nelson",   "baker",   "hall",      "rivera",   "campbell",  "mitchell",
    "carter",   "roberts", "gomez",     "phillips", "evans",     "turner",
    "diaz",     "parker",  "cruz",      "edwards",  "collins",   "reyes"};

constexpr std::array<const char*, 12> kFamilySuffixes = {
    "", "", "", "son", "ley", "ford", "ton", "field", "well", "man", "er", "s"};

struct Han {
  const char* hanzi;
  const char* pinyin;
};

constexpr std::array<Han, 20> kChineseFamily = {{
    {"王", "wang"}, {"李", "li"},   {"张", "zhang"}, {"刘", "liu"},
    {"陈", "chen"}, {"杨", "yang"}, {"黄", "huang"}, {"赵", "zhao"},
    {"吴", "wu"},   {"周", "zhou"}, {"徐", "xu"},    {"孙", "sun"},
    {"马", "ma"},   {"朱", "zhu"},  {"胡", "hu"},    {"郭", "guo"},
    {"何", "he"},   {"高", "gao"},  {"林", "lin"},   {"罗", "luo"},
}};

constexpr std::array<Han, 40> kChineseGiven = {{
    {"伟", "wei"},        {"芳", "fang"},      {"娜", "na"},
    {"敏", "min"},        {"静", "jing"},      {"丽", "li"},
    {"强", "qiang"},      {"磊", "lei"},       {"军", "jun"},
    {"洋", "yang"},       {"勇", "yong"},      {"艳", "yan"},
    {"杰", "jie"},        {"娟", "juan"},      {"涛", "tao"},
    {"明", "ming"},       {"超", "chao"},      {"秀英", "xiuying"},
    {"霞", "xia"},        {"平", "ping"},      {"刚", "gang"},
    {"桂英", "guiying"},  {"建华", "jianhua"}, {"志强", "zhiqiang"},
    {"晓东", "xiaodong"}, {"海燕", "haiyan"},  {"国平", "guoping"},
    {"文杰", "wenjie"},   {"子涵", "zihan"},   {"雨桐", "yutong"},
    {"浩然", "haoran"},   {"欣怡", "xinyi"},   {"俊杰", "junjie"},
    {"梓萱", "zixuan"},   {"宇轩", "yuxuan"},  {"思远", "siyuan"},
    {"嘉怡", "jiayi"},    {"一鸣", "yiming"},  {"佳琪", "jiaqi"},
    {"天佑", "tianyou"},
}};

constexpr std::array<const char*, 24> kStreets = {
    "oak",      "maple",   "cedar",    "pine",   "elm",    "willow",
    "birch",    "spruce",  "lake",     "hill",   "river",  "park",
    "church",   "station", "mill",     "bridge", "king",   "queen",
    "victoria", "albert",  "highland", "meadow", "forest", "harbour"};

struct StreetType {
  const char* full;
  const char* short_form;
};

constexpr std::array<StreetType, 6> kStreetTypes = {{{"street", "st"},
                                                     {"road", "rd"},
                                                     {"avenue", "ave"},
                                                     {"lane", "ln"},
                                                     {"drive", "dr"},
                                                     {"court", "ct"}}};

struct City {
  const char* name;
  const char* chinese;  // for Chinese entities: the city in Hanzi
  const char* country;
  int area_code;
};

constexpr std::array<City, 16> kCities = {{
    {"springfield", "", "US", 217},
    {"riverton", "", "US", 307},
    {"fairview", "", "US", 214},
    {"madison", "", "US", 608},
    {"franklin", "", "US", 615},
    {"bristol", "", "US", 423},
    {"oxford", "", "US", 662},
    {"newport", "", "US", 401},
    {"kingston", "", "US", 845},
    {"arlington", "", "US", 703},
    {"beijing", "北京", "CN", 10},
    {"shanghai", "上海", "CN", 21},
    {"shenzhen", "深圳", "CN", 755},
    {"hangzhou", "杭州", "CN", 571},
    {"chengdu", "成都", "CN", 28},
    {"wuhan", "武汉", "CN", 27},
}};

struct Person {
  bool chinese = false;
  std::string given, family;          // Latin (pinyin for Chinese)
  std::string given_han, family_han;  // Chinese only
  const char* nickname = "";
  int year = 0, month = 0, day = 0;
  std::string email_local, email_domain;
  int area_code = 0;
  int64_t phone_number = 0;
  int house = 0;
  const char* street = "";
  const StreetType* street_type = nullptr;
  const City* city = nullptr;
  int postal_code = 0;
};

Person MakePerson(uint64_t seed, int64_t entity, double chinese_share) {
  Random random(Mix(seed ^ Mix(static_cast<uint64_t>(entity))));
  auto pick = [&](size_t n) { return random.Pick(n); };
  auto chance = [&](double p) { return random.Chance(p); };
  Person p;
  p.chinese = chance(chinese_share);
  if (p.chinese) {
    const Han& family = kChineseFamily[pick(kChineseFamily.size())];
    const Han& given = kChineseGiven[pick(kChineseGiven.size())];
    p.family = family.pinyin;
    p.family_han = family.hanzi;
    p.given = given.pinyin;
    p.given_han = given.hanzi;
    p.city = &kCities[10 + pick(6)];
  } else {
    const Given& given = kGiven[pick(kGiven.size())];
    p.given = given.name;
    p.nickname = given.nickname;
    p.family = absl::StrCat(kFamilyStems[pick(kFamilyStems.size())],
                            kFamilySuffixes[pick(kFamilySuffixes.size())]);
    p.city = &kCities[pick(10)];
  }
  p.year = 1940 + static_cast<int>(pick(66));
  p.month = 1 + static_cast<int>(pick(12));
  p.day = 1 + static_cast<int>(pick(28));
  p.email_local = absl::StrCat(p.given, ".", p.family, entity % 9973);
  static constexpr std::array<const char*, 6> kDomains = {
      "gmail.com", "example.com", "mail.cn",
      "qq.com",    "outlook.com", "corp.example"};
  p.email_domain = kDomains[pick(kDomains.size())];
  p.area_code = p.city->area_code;
  p.phone_number = 2000000 + static_cast<int64_t>(pick(7999999));
  p.house = 1 + static_cast<int>(pick(400));
  p.street = kStreets[pick(kStreets.size())];
  p.street_type = &kStreetTypes[pick(kStreetTypes.size())];
  p.postal_code = 10000 + static_cast<int>(pick(89999));
  return p;
}

}  // namespace

PersonGenerator::PersonGenerator(PersonGeneratorOptions options)
    : options_(std::move(options)) {
  if (options_.sources.empty()) options_.sources = {"crm"};
  copy_probability_ = CopyProbability(options_.duplicate_share);
}

std::vector<GeneratedRecord> PersonGenerator::Entity(int64_t entity) const {
  const Person p = MakePerson(options_.seed, entity, options_.chinese_share);
  Random random(Mix(options_.seed + 0x51 + Mix(entity)));
  auto chance = [&](double q) { return random.Chance(q); };
  const int copies = RecordCount(random, copy_probability_);
  std::vector<GeneratedRecord> records;
  for (int copy = 0; copy < copies; ++copy) {
    GeneratedRecord record;
    record.source = options_.sources[random.Pick(options_.sources.size())];
    record.id = absl::StrCat(entity, "-", copy);
    const bool noisy = copy > 0;
    auto drop = [&](double q) { return noisy && chance(q); };

    std::string given = p.given, family = p.family, full;
    if (p.chinese && noisy && chance(0.5)) {
      full = absl::StrCat(p.family_han, p.given_han);  // 王伟
      given.clear();
      family.clear();
    } else if (p.chinese && !noisy && chance(0.3)) {
      full = absl::StrCat(p.family_han, p.given_han);
      given.clear();
      family.clear();
    } else {
      if (noisy && *p.nickname != '\0' && chance(0.2)) given = p.nickname;
      if (noisy && chance(0.15)) family = Typo(family, random);
      if (noisy && chance(0.08)) given = Typo(given, random);
      if (noisy && chance(0.03)) std::swap(given, family);
      given = Capitalized(given);
      family = Capitalized(family);
      if (noisy && chance(0.1)) family = absl::AsciiStrToUpper(family);
    }

    std::string birth;
    if (!drop(0.1)) {
      int year = p.year, month = p.month, day = p.day;
      if (noisy && chance(0.03)) year += chance(0.5) ? 1 : -1;
      const double format = random.Uniform();
      if (!noisy || format < 0.6) {
        birth = absl::StrFormat("%04d-%02d-%02d", year, month, day);
      } else if (format < 0.8) {
        birth = absl::StrFormat("%02d/%02d/%04d", day, month, year);
      } else if (p.chinese) {
        birth = absl::StrFormat("%d年%d月%d日", year, month, day);
      } else {
        birth = absl::StrFormat("%04d%02d%02d", year, month, day);
      }
    }

    std::string email;
    if (!drop(0.25)) {
      email = absl::StrCat(p.email_local, "@", p.email_domain);
      if (noisy && chance(0.25)) {  // another address: work, or a new one
        email = absl::StrCat(p.given.substr(0, 1), p.family,
                             random.Next() % 1000, "@work.example");
      }
      if (noisy && chance(0.2)) email = absl::AsciiStrToUpper(email);
    }

    std::string phone;
    if (!drop(0.3)) {
      const int64_t n =
          noisy && chance(0.2)
              ? 2000000 + static_cast<int64_t>(random.Next() % 7999999)
              : p.phone_number;  // another line, or the same
      const bool cn = std::string(p.city->country) == "CN";
      if (!noisy || chance(0.5)) {
        phone = cn ? absl::StrFormat("+86 %d %07d", p.area_code, n)
                   : absl::StrFormat("+1 %03d %03d %04d", p.area_code,
                                     n / 10000, n % 10000);
      } else {
        phone = cn ? absl::StrFormat("0%d-%07d", p.area_code, n)
                   : absl::StrFormat("(%03d) %03d-%04d", p.area_code, n / 10000,
                                     n % 10000);
      }
    }

    std::string address, city, postal;
    if (!drop(0.2)) {
      address = absl::StrCat(p.house, " ", p.street, " ",
                             noisy && chance(0.5) ? p.street_type->short_form
                                                  : p.street_type->full);
      if (noisy && chance(0.05)) address = Typo(address, random);
    }
    if (!drop(0.15)) {
      city = p.chinese && *p.city->chinese != '\0' && noisy && chance(0.5)
                 ? p.city->chinese
                 : Capitalized(p.city->name);
    }
    if (!drop(0.2)) postal = absl::StrFormat("%05d", p.postal_code);

    record.values = {given, family,  full, birth,  email,
                     phone, address, city, postal, p.city->country};
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace mdm::gen
