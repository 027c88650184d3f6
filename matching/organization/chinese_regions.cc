#include "matching/organization/chinese_regions.h"

#include <algorithm>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "matching/text_normalizer.h"
#include "matching/transliteration.h"

namespace mdm::matching {
namespace {

struct RegionEntry {
  absl::string_view canonical;
  RegionLevel level;
  // Han names and Latin spellings, separated by '|'. The canonical name is a
  // Latin spelling too.
  absl::string_view names;
};

constexpr RegionLevel kCountry = RegionLevel::kCountry;
constexpr RegionLevel kProvince = RegionLevel::kProvince;
constexpr RegionLevel kCity = RegionLevel::kCity;

constexpr RegionEntry kRegions[] = {
    // Provincial-level divisions: provinces, municipalities, autonomous
    // regions, special administrative regions and Taiwan.
    {"beijing", kProvince, "北京|peking"},
    {"tianjin", kProvince, "天津|tientsin"},
    {"shanghai", kProvince, "上海"},
    {"chongqing", kProvince, "重庆|chungking"},
    {"hebei", kProvince, "河北"},
    {"shanxi", kProvince, "山西"},
    {"liaoning", kProvince, "辽宁"},
    {"jilin", kProvince, "吉林"},
    {"heilongjiang", kProvince, "黑龙江"},
    {"jiangsu", kProvince, "江苏"},
    {"zhejiang", kProvince, "浙江"},
    {"anhui", kProvince, "安徽"},
    {"fujian", kProvince, "福建"},
    {"jiangxi", kProvince, "江西"},
    {"shandong", kProvince, "山东"},
    {"henan", kProvince, "河南"},
    {"hubei", kProvince, "湖北"},
    {"hunan", kProvince, "湖南"},
    {"guangdong", kProvince, "广东"},
    {"hainan", kProvince, "海南"},
    {"sichuan", kProvince, "四川"},
    {"guizhou", kProvince, "贵州"},
    {"yunnan", kProvince, "云南"},
    {"shaanxi", kProvince, "陕西"},
    {"gansu", kProvince, "甘肃"},
    {"qinghai", kProvince, "青海"},
    {"taiwan", kProvince, "台湾"},
    {"neimenggu", kProvince, "内蒙古|inner mongolia"},
    {"guangxi", kProvince, "广西"},
    {"xizang", kProvince, "西藏|tibet"},
    {"ningxia", kProvince, "宁夏"},
    {"xinjiang", kProvince, "新疆"},
    {"hongkong", kProvince, "香港|hong kong|xianggang|hk"},
    {"macau", kProvince, "澳门|macao|aomen"},

    // Cities.
    {"shenzhen", kCity, "深圳"},
    {"guangzhou", kCity, "广州"},
    {"hangzhou", kCity, "杭州"},
    {"nanjing", kCity, "南京"},
    {"chengdu", kCity, "成都"},
    {"wuhan", kCity, "武汉"},
    {"xian", kCity, "西安|xi an"},
    {"suzhou", kCity, "苏州"},
    {"changsha", kCity, "长沙"},
    {"zhengzhou", kCity, "郑州"},
    {"dongguan", kCity, "东莞"},
    {"qingdao", kCity, "青岛|tsingtao"},
    {"shenyang", kCity, "沈阳"},
    {"ningbo", kCity, "宁波"},
    {"kunming", kCity, "昆明"},
    {"hefei", kCity, "合肥"},
    {"foshan", kCity, "佛山"},
    {"wuxi", kCity, "无锡"},
    {"xiamen", kCity, "厦门|amoy"},
    {"jinan", kCity, "济南"},
    {"fuzhou", kCity, "福州"},
    {"dalian", kCity, "大连"},
    {"haerbin", kCity, "哈尔滨|harbin"},
    {"changchun", kCity, "长春"},
    {"shijiazhuang", kCity, "石家庄"},
    {"nanchang", kCity, "南昌"},
    {"guiyang", kCity, "贵阳"},
    {"nanning", kCity, "南宁"},
    {"taiyuan", kCity, "太原"},
    {"changzhou", kCity, "常州"},
    {"wenzhou", kCity, "温州"},
    {"quanzhou", kCity, "泉州"},
    {"nantong", kCity, "南通"},
    {"xuzhou", kCity, "徐州"},
    {"yantai", kCity, "烟台"},
    {"zhuhai", kCity, "珠海"},
    {"huizhou", kCity, "惠州"},
    {"zhongshan", kCity, "中山"},
    {"jiaxing", kCity, "嘉兴"},
    {"shaoxing", kCity, "绍兴"},
    {"jinhua", kCity, "金华"},
    {"taizhou", kCity, "台州|泰州"},
    {"yangzhou", kCity, "扬州"},
    {"zhenjiang", kCity, "镇江"},
    {"yancheng", kCity, "盐城"},
    {"weifang", kCity, "潍坊"},
    {"linyi", kCity, "临沂"},
    {"luoyang", kCity, "洛阳"},
    {"lanzhou", kCity, "兰州"},
    {"wulumuqi", kCity, "乌鲁木齐|urumqi"},
    {"huhehaote", kCity, "呼和浩特|hohhot"},
    {"yinchuan", kCity, "银川"},
    {"xining", kCity, "西宁"},
    {"lasa", kCity, "拉萨|lhasa"},
    {"haikou", kCity, "海口"},
    {"sanya", kCity, "三亚"},
    {"tangshan", kCity, "唐山"},
    {"baoding", kCity, "保定"},
    {"langfang", kCity, "廊坊"},
    {"handan", kCity, "邯郸"},
    {"baotou", kCity, "包头"},
    {"anshan", kCity, "鞍山"},
    {"wuhu", kCity, "芜湖"},
    {"ganzhou", kCity, "赣州"},
    {"zibo", kCity, "淄博"},
    {"weihai", kCity, "威海"},
    {"jining", kCity, "济宁"},
    {"xiangyang", kCity, "襄阳"},
    {"yichang", kCity, "宜昌"},
    {"zhuzhou", kCity, "株洲"},
    {"yueyang", kCity, "岳阳"},
    {"shantou", kCity, "汕头|swatow"},
    {"jiangmen", kCity, "江门"},
    {"zhanjiang", kCity, "湛江"},
    {"guilin", kCity, "桂林"},
    {"liuzhou", kCity, "柳州"},
    {"mianyang", kCity, "绵阳"},
    {"zunyi", kCity, "遵义"},
    {"kunshan", kCity, "昆山"},
    {"yiwu", kCity, "义乌"},
    {"daqing", kCity, "大庆"},
    {"lianyungang", kCity, "连云港"},
    {"huzhou", kCity, "湖州"},
    {"zhangzhou", kCity, "漳州"},
    {"taibei", kCity, "台北|taipei"},
    {"gaoxiong", kCity, "高雄|kaohsiung"},
    {"taizhong", kCity, "台中|taichung"},
    {"xinzhu", kCity, "新竹|hsinchu"},

    // Countries and areas, matched only as a whole bracket.
    {"china", kCountry,
     "中国|中华人民共和国|中国大陆|prc|p r c|zhongguo|mainland china"},
    {"japan", kCountry, "日本|nippon"},
    {"korea", kCountry, "韩国|한국|대한민국|south korea"},
    {"usa", kCountry,
     "美国|us|u s|u s a|united states|united states of america|america"},
    {"uk", kCountry, "英国|u k|united kingdom|great britain|britain"},
    {"germany", kCountry, "德国|deutschland"},
    {"france", kCountry, "法国"},
    {"italy", kCountry, "意大利|italia"},
    {"spain", kCountry, "西班牙|espana"},
    {"netherlands", kCountry, "荷兰|holland|nederland|the netherlands"},
    {"switzerland", kCountry, "瑞士|schweiz|suisse"},
    {"sweden", kCountry, "瑞典"},
    {"canada", kCountry, "加拿大"},
    {"australia", kCountry, "澳大利亚|澳洲"},
    {"newzealand", kCountry, "新西兰|new zealand"},
    {"singapore", kCountry, "新加坡"},
    {"malaysia", kCountry, "马来西亚"},
    {"thailand", kCountry, "泰国"},
    {"vietnam", kCountry, "越南|viet nam"},
    {"indonesia", kCountry, "印度尼西亚|印尼"},
    {"philippines", kCountry, "菲律宾"},
    {"india", kCountry, "印度"},
    {"russia", kCountry, "俄罗斯"},
    {"brazil", kCountry, "巴西|brasil"},
    {"mexico", kCountry, "墨西哥"},
    {"asiapacific", kCountry, "亚太|亚太区|亚太地区|asia pacific|apac"},
    {"asia", kCountry, "亚洲"},
    {"europe", kCountry, "欧洲"},
    {"middleeast", kCountry, "中东|middle east"},
    {"northamerica", kCountry, "北美|north america"},
};

// Administrative suffixes a province or city name may carry.
constexpr absl::string_view kSuffixes[] = {
    "省",         "市",         "自治区",       "特别行政区",
    "壮族自治区", "回族自治区", "维吾尔自治区",
};

bool IsAscii(absl::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return absl::ascii_isascii(c); });
}

struct Tables {
  absl::flat_hash_map<std::string, Region> any;     // every name
  absl::flat_hash_map<std::string, Region> prefix;  // Han, province or city
  size_t max_prefix_bytes = 0;
};

Tables BuildTables() {
  Tables tables;
  for (const RegionEntry& entry : kRegions) {
    const Region region{entry.canonical, entry.level};
    tables.any.emplace(std::string(entry.canonical), region);
    for (absl::string_view name : absl::StrSplit(entry.names, '|')) {
      if (IsAscii(name)) {
        tables.any.emplace(NormalizeText(name), region);
        continue;
      }
      const std::string han = NormalizeText(TraditionalToSimplified(name));
      tables.any.emplace(han, region);
      if (entry.level == kCountry) continue;
      tables.prefix.emplace(han, region);
      for (absl::string_view suffix : kSuffixes) {
        std::string with_suffix = absl::StrCat(han, suffix);
        tables.any.emplace(with_suffix, region);
        tables.max_prefix_bytes =
            std::max(tables.max_prefix_bytes, with_suffix.size());
        tables.prefix.emplace(std::move(with_suffix), region);
      }
    }
  }
  return tables;
}

const Tables& GetTables() {
  static const Tables* const tables = new Tables(BuildTables());
  return *tables;
}

bool IsUtf8Lead(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

}  // namespace

std::optional<Region> FindRegion(absl::string_view normalized_name) {
  const Tables& tables = GetTables();
  auto it = tables.any.find(normalized_name);
  if (it == tables.any.end()) return std::nullopt;
  return it->second;
}

RegionPrefix MatchChineseRegionPrefix(absl::string_view text) {
  const Tables& tables = GetTables();
  for (size_t n = std::min(text.size(), tables.max_prefix_bytes); n > 0; --n) {
    if (n < text.size() && !IsUtf8Lead(text[n])) continue;
    const absl::string_view candidate = text.substr(0, n);
    auto it = tables.prefix.find(candidate);
    if (it == tables.prefix.end()) continue;
    // 上海市场 is the Shanghai market, not the city of Shanghai plus 场.
    if (absl::EndsWith(candidate, "市") &&
        absl::StartsWith(text.substr(n), "场")) {
      continue;
    }
    return {it->second, n};
  }
  return {};
}

}  // namespace mdm::matching
