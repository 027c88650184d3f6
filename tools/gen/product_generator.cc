#include "tools/gen/product_generator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "tools/gen/internal/copies.h"
#include "tools/gen/internal/random.h"
#include "tools/gen/internal/text_noise.h"

namespace mdm::gen {
namespace {

// ---------------------------------------------------------------------------
// Word lists.

// Brand names are coined from two syllables ("Norvik"); the brand's
// maker, barcode and model number prefix follow from the brand.
constexpr std::array<const char*, 40> kBrandOnsets = {
    "Nor", "Alt",  "Kes",  "Zen",  "Lum", "Bright", "Cor",  "Hel",
    "Tes", "Vel",  "Or",   "Quan", "Son", "Tri",    "Ar",   "Miz",
    "Pol", "Ever", "Cas",  "Nim",  "Yu",  "Red",    "Spar", "Van",
    "Ob",  "Pyr",  "Stel", "Tav",  "Ul",  "Wex",    "Zor",  "Bel",
    "Dra", "Fen",  "Gor",  "Hax",  "Jun", "Lor",    "Mav",  "Ryn"};
constexpr std::array<const char*, 40> kBrandEndings = {
    "vik",  "ura",  "trel",   "tek", "ora",  "well", "vana", "ix",
    "saro", "tro",  "iel",    "tix", "ara",  "beca", "dent", "aru",
    "aris", "lane", "tellan", "bus", "hang", "moor", "row",  "tage",
    "ion",  "ex",   "on",     "ico", "ani",  "eon",  "ova",  "ant",
    "oss",  "ari",  "ezza",   "ida", "ok",   "umi",  "yx",   "ette"};

// The Hanzi of each syllable, for brands listed in Chinese: Norvik is
// 诺维 as Nokia is 诺基亚. Distinct within each list, so that distinct
// brands have distinct Hanzi names.
constexpr std::array<const char*, 40> kBrandOnsetsHan = {
    "诺", "奥", "凯", "泽", "朗", "博", "科", "赫", "特", "威",
    "欧", "全", "索", "创", "雅", "米", "波", "艾", "卡", "尼",
    "宇", "瑞", "斯", "万", "傲", "派", "思", "塔", "优", "韦",
    "佐", "贝", "德", "芬", "戈", "海", "骏", "洛", "迈", "林"};
constexpr std::array<const char*, 40> kBrandEndingsHan = {
    "维", "拉", "泰", "克", "娜", "威", "瓦", "思", "萨", "卓",
    "尔", "蒂", "亚", "贝", "登", "鲁", "丽", "兰", "伦", "巴",
    "航", "摩", "罗", "棠", "翼", "斯", "恩", "科", "尼", "昂",
    "娃", "安", "索", "瑞", "莎", "达", "沃", "米", "逸", "特"};

enum class Barcode { kUpc, kEan };

struct Maker {
  const char* suffix;  // after the brand in the manufacturer's name
  Barcode barcode;
  const char* ean_prefix;  // GS1 country prefix for kEan
  const char* suffix_han;  // after the Hanzi brand, in Chinese listings
};

constexpr std::array<Maker, 10> kMakers = {{
    {"Electronics Inc.", Barcode::kUpc, "", "电子有限公司"},
    {"Technologies Corp.", Barcode::kUpc, "", "科技股份有限公司"},
    {"Audio GmbH", Barcode::kEan, "400", "音频有限公司"},
    {"Consumer Products Co., Ltd.", Barcode::kEan, "690", "消费品有限公司"},
    {"Home Ltd", Barcode::kEan, "501", "家居有限公司"},
    {"Devices LLC", Barcode::kUpc, "", "设备有限公司"},
    {"S.p.A.", Barcode::kEan, "800", "股份公司"},
    {"Electric Co., Ltd.", Barcode::kEan, "451", "电器有限公司"},
    {"Corporation", Barcode::kUpc, "", "公司"},
    {"Technik AG", Barcode::kEan, "426", "技术股份公司"},
}};

struct Brand {
  std::string name;
  std::string name_han;  // 诺维 for Norvik
  std::string manufacturer;
  std::string mpn_prefix;
  const Maker* maker = nullptr;
};

constexpr uint64_t kBrandCount = kBrandOnsets.size() * kBrandEndings.size();

Brand BrandOf(uint64_t index) {
  Brand brand;
  brand.name = absl::StrCat(kBrandOnsets[index % kBrandOnsets.size()],
                            kBrandEndings[index / kBrandOnsets.size()]);
  brand.name_han = absl::StrCat(kBrandOnsetsHan[index % kBrandOnsets.size()],
                                kBrandEndingsHan[index / kBrandOnsets.size()]);
  brand.maker = &kMakers[Mix(index) % kMakers.size()];
  brand.manufacturer = absl::StrCat(brand.name, " ", brand.maker->suffix);
  brand.mpn_prefix = absl::AsciiStrToUpper(brand.name.substr(0, 2));
  return brand;
}

constexpr std::array<const char*, 30> kSeries = {
    "Pulse",  "Nova",   "Aero",     "Vista",   "Titan", "Spark",
    "Orbit",  "Fusion", "Zen",      "Apex",    "Edge",  "Flux",
    "Vertex", "Swift",  "Prism",    "Quantum", "Sonic", "Terra",
    "Volt",   "Halo",   "Aurora",   "Comet",   "Ember", "Glide",
    "Ion",    "Lynx",   "Meridian", "Nexus",   "Rally", "Strata"};

constexpr std::array<const char*, 6> kModelLetters = {"",  "",  "X",
                                                      "S", "A", "M"};
constexpr std::array<const char*, 6> kModelSuffixes = {
    "", "", " Pro", " Plus", " Lite", " Max"};

// One variant of a product line: its label in the title, the code that
// ends its model number, its price relative to the line's, and its label
// in Chinese listings (digits and units kept: "16GB+512GB", "27英寸").
struct Variant {
  const char* label;
  const char* code;
  double price_factor;
  const char* label_han;
};

struct Category {
  const char* noun;  // in titles
  // Whether the variants are colours: siblings then differ by pack size
  // instead of colour on the second axis.
  bool colour_variants;
  std::array<const char*, 3> paths;  // as different taxonomies file it
  std::array<Variant, 4> variants;
  double min_price, max_price;
  // Description sentences; {B} brand, {M} model, {V} variant, {F} a
  // number from the line.
  std::array<const char*, 3> sentences;
  int feature_min, feature_max;
  // The same in Chinese listings.
  const char* noun_han;
  std::array<const char*, 2> paths_han;
  std::array<const char*, 3> sentences_han;
};

constexpr std::array<Category, 8> kCategories = {{
    {"Smartphone",
     false,
     {"Smartphones", "Electronics > Cell Phones > Smartphones",
      "Mobile Phones"},
     {{{"64GB", "64", 1.0, "64GB"},
       {"128GB", "128", 1.15, "128GB"},
       {"256GB", "256", 1.35, "256GB"},
       {"512GB", "512", 1.6, "512GB"}}},
     199,
     999,
     {"{B} {M} smartphone with {V} of storage.",
      "{F} MP main camera and a 6.1-inch OLED display.",
      "Unlocked; dual SIM; fast charging."},
     12,
     108,
     "智能手机",
     {"手机通讯 > 手机", "数码 > 智能手机"},
     {"{B} {M} 智能手机，{V} 存储。", "{F}MP 主摄，6.1英寸 OLED 屏幕。",
      "全网通，双卡双待，支持快充。"}},
    {"Laptop",
     false,
     {"Laptops", "Computers > Laptops & Notebooks", "Notebook Computers"},
     {{{"8GB RAM 256GB SSD", "8256", 1.0, "8GB+256GB"},
       {"16GB RAM 512GB SSD", "16512", 1.25, "16GB+512GB"},
       {"16GB RAM 1TB SSD", "161T", 1.4, "16GB+1TB"},
       {"32GB RAM 1TB SSD", "321T", 1.7, "32GB+1TB"}}},
     499,
     1999,
     {"{B} {M} laptop with {V}.", "{F}-hour battery life and backlit keyboard.",
      "Ships with a 65W USB-C charger."},
     8,
     20,
     "笔记本电脑",
     {"电脑办公 > 笔记本", "电脑 > 笔记本电脑"},
     {"{B} {M} 笔记本电脑，{V}。", "续航长达{F}小时，背光键盘。",
      "随附 65W USB-C 充电器。"}},
    {"USB Flash Drive",
     false,
     {"USB Flash Drives", "Computers > Data Storage > USB Flash Drives",
      "Memory & Storage"},
     {{{"32GB", "32G", 1.0, "32GB"},
       {"64GB", "64G", 1.4, "64GB"},
       {"128GB", "128G", 2.0, "128GB"},
       {"256GB", "256G", 3.2, "256GB"}}},
     8,
     30,
     {"{B} {M} USB 3.0 flash drive, {V}.", "Read speeds up to {F}0 MB/s.",
      "Metal casing with key ring."},
     10,
     42,
     "U盘",
     {"电脑办公 > 存储设备 > U盘", "数码 > U盘"},
     {"{B} {M} USB 3.0 U盘，{V}。", "读取速度高达{F}0MB/s。",
      "金属外壳，带钥匙扣。"}},
    {"Wireless Headphones",
     true,
     {"Headphones", "Electronics > Audio > Headphones", "Over-Ear Headphones"},
     {{{"Black", "BK", 1.0, "黑色"},
       {"White", "WH", 1.0, "白色"},
       {"Midnight Blue", "BL", 1.05, "午夜蓝"},
       {"Silver", "SV", 1.05, "银色"}}},
     49,
     399,
     {"{B} {M} wireless noise cancelling headphones in {V}.",
      "Up to {F} hours of playback.", "Bluetooth 5.3 with multipoint pairing."},
     20,
     60,
     "无线耳机",
     {"数码 > 影音娱乐 > 耳机", "手机配件 > 蓝牙耳机"},
     {"{B} {M} 无线降噪耳机，{V}。", "续航长达{F}小时。",
      "蓝牙5.3，支持多点连接。"}},
    {"Monitor",
     false,
     {"Monitors", "Computers > Monitors", "Computer Displays"},
     {{{"24-inch", "24", 1.0, "24英寸"},
       {"27-inch", "27", 1.3, "27英寸"},
       {"32-inch", "32", 1.7, "32英寸"},
       {"34-inch Ultrawide", "34W", 2.1, "34英寸 带鱼屏"}}},
     129,
     599,
     {"{B} {M} {V} IPS monitor.", "{F}0Hz refresh rate, 1 ms response time.",
      "HDMI and DisplayPort inputs; height adjustable stand."},
     6,
     24,
     "显示器",
     {"电脑办公 > 显示器", "电脑 > 显示器"},
     {"{B} {M} {V} IPS 显示器。", "{F}0Hz 刷新率，1ms 响应时间。",
      "HDMI 和 DisplayPort 接口，升降支架。"}},
    {"Coffee Maker",
     false,
     {"Coffee Makers", "Home & Kitchen > Coffee Machines", "Small Appliances"},
     {{{"4-Cup", "4C", 1.0, "4杯"},
       {"8-Cup", "8C", 1.2, "8杯"},
       {"10-Cup", "10C", 1.35, "10杯"},
       {"12-Cup", "12C", 1.5, "12杯"}}},
     25,
     149,
     {"{B} {M} {V} programmable coffee maker.",
      "Brews in under {F} minutes with keep-warm plate.",
      "Dishwasher-safe carafe and reusable filter."},
     5,
     12,
     "咖啡机",
     {"家用电器 > 厨房小电 > 咖啡机", "厨房电器 > 咖啡机"},
     {"{B} {M} {V}可预约咖啡机。", "{F}分钟内完成冲煮，带保温底盘。",
      "咖啡壶可用洗碗机清洗，附可重复使用滤网。"}},
    {"Ink Cartridge",
     true,
     {"Printer Ink", "Office Supplies > Ink & Toner", "Printer Supplies"},
     {{{"Black", "BK", 1.0, "黑色"},
       {"Cyan", "C", 0.9, "青色"},
       {"Magenta", "M", 0.9, "品红色"},
       {"Yellow", "Y", 0.9, "黄色"}}},
     12,
     45,
     {"{B} {M} high yield {V} ink cartridge.", "Prints up to {F}00 pages.",
      "Genuine cartridge with chip."},
     3,
     25,
     "墨盒",
     {"办公设备 > 耗材 > 墨盒", "打印耗材 > 墨盒"},
     {"{B} {M} 大容量{V}墨盒。", "可打印约{F}00页。", "原装墨盒，带芯片。"}},
    {"Power Bank",
     false,
     {"Power Banks", "Electronics > Phone Accessories > Chargers",
      "Portable Chargers"},
     {{{"5000mAh", "05K", 1.0, "5000mAh"},
       {"10000mAh", "10K", 1.4, "10000mAh"},
       {"20000mAh", "20K", 1.9, "20000mAh"},
       {"26800mAh", "26K", 2.3, "26800mAh"}}},
     15,
     69,
     {"{B} {M} portable charger, {V}.", "{F}W fast charging over USB-C.",
      "Charges two devices at once."},
     18,
     65,
     "移动电源",
     {"手机配件 > 移动电源", "数码配件 > 充电宝"},
     {"{B} {M} 移动电源，{V}。", "USB-C {F}W 快充。",
      "可同时为两台设备充电。"}},
}};

// The second axis of a product line: a colour (every sibling of such a line
// has one), or for lines whose variants are colours a pack size (the first
// entry is the single item).
struct AxisValue {
  const char* label;  // in titles; "" for the plain listing
  const char* code;   // ends the model number
  double price_factor;
  const char* label_han;  // in Chinese listings
};
constexpr std::array<AxisValue, 6> kColours = {{{"Green", "GN", 1.0, "绿色"},
                                                {"Black", "BK", 1.0, "黑色"},
                                                {"White", "WH", 1.0, "白色"},
                                                {"Silver", "SV", 1.02, "银色"},
                                                {"Blue", "BL", 1.03, "蓝色"},
                                                {"Red", "RD", 1.03, "红色"}}};
constexpr std::array<AxisValue, 6> kPacks = {
    {{"", "", 1.0, ""},
     {"2-Pack", "2P", 1.9, "2件装"},
     {"3-Pack", "3P", 2.7, "3件装"},
     {"4-Pack", "4P", 3.5, "4件装"},
     {"6-Pack", "6P", 5.0, "6件装"},
     {"10-Pack", "10P", 8.0, "10件装"}}};

// Accessories name the device they fit ("Case for Norvik Pulse X7 Pro").
struct AccessoryKind {
  const char* name;
  const char* code;
  double min_price, max_price;
  const char* name_han;
};
constexpr std::array<AccessoryKind, 6> kAccessoryKinds = {{
    {"Protective Case", "CS", 9, 39, "保护壳"},
    {"Screen Protector", "SP", 6, 19, "钢化膜"},
    {"Charging Stand", "ST", 15, 49, "充电支架"},
    {"Carrying Case", "CC", 12, 45, "收纳包"},
    {"Replacement Battery", "RB", 19, 59, "替换电池"},
    {"Wall Charger", "WC", 10, 35, "充电器"},
}};
constexpr Category kAccessoryCategory = {
    "",
    false,
    {"Accessories", "Electronics > Accessories", "Device Accessories"},
    {{{"", "", 1.0, ""},
      {"", "", 1.0, ""},
      {"", "", 1.0, ""},
      {"", "", 1.0, ""}}},
    0,
    0,
    {"{M}.", "Precise cut-outs and a snug fit.",
     "Ships in recyclable packaging."},
    1,
    1,
    "",
    {"数码配件", "手机配件 > 配件"},
    {"{M}。", "开孔精准，贴合机身。", "采用可回收包装。"}};

// ---------------------------------------------------------------------------
// Families.
//
// Entities come in segments of kSegment ids; each segment is cut into
// product lines ("families") by its own random draw, so a family is a
// pure function of the seed and the segment. About 30% of the families
// are one product alone, 20% two to four siblings and 50% five to 48: a
// line in every first-axis variant (capacity, size, colour) crossed with
// the second axis (colour or pack size), and for lines whose variants are
// not colours, single and twin packs. A family is a device line, or (one
// in ten) accessories for the device of the family before it, or (one in
// twelve) bundles of that device with an accessory.

constexpr int64_t kSegment = 512;

struct Family {
  int64_t root = 0;  // its first entity
  int index = 0;     // of the entity within it
  int size = 1;
};

Family FamilyOf(uint64_t seed, int64_t entity) {
  const int64_t start = entity / kSegment * kSegment;
  Random random(Mix(seed ^ 0xfa3117ULL ^ Mix(static_cast<uint64_t>(start))));
  for (int64_t at = start;;) {
    const double r = random.Uniform();
    int64_t size = r < 0.3   ? 1
                   : r < 0.5 ? 2 + static_cast<int64_t>(random.Pick(3))
                             : 5 + static_cast<int64_t>(random.Pick(44));
    size = std::min(size, start + kSegment - at);
    if (entity < at + size) {
      return {.root = at,
              .index = static_cast<int>(entity - at),
              .size = static_cast<int>(size)};
    }
    at += size;
  }
}

enum class FamilyKind { kDevice, kAccessory, kBundle };

FamilyKind KindOf(uint64_t seed, int64_t root) {
  if (root == 0) return FamilyKind::kDevice;
  Random random(Mix(seed ^ 0x6b1dULL ^ Mix(static_cast<uint64_t>(root))));
  const double r = random.Uniform();
  return r < 0.1    ? FamilyKind::kAccessory
         : r < 0.18 ? FamilyKind::kBundle
                    : FamilyKind::kDevice;
}

// ---------------------------------------------------------------------------
// The entity.

struct Product {
  Brand brand;
  const Category* category = nullptr;
  std::string model;     // "Pulse X7 Pro"
  std::string mpn_body;  // "PU4721"
  int variant = 0;
  const AxisValue* axis = &kColours[0];  // second axis
  bool twin_pack = false;                // third axis
  std::string bundled;                   // "with Protective Case"; bundles
  const AccessoryKind* bundled_accessory = nullptr;  // bundles
  // The model in Chinese listings: the model, or for accessories
  // "适用于诺维 Pulse X7 Pro 保护壳".
  std::string model_han;
  double price = 0;  // of this variant, in USD
  int feature = 0;
  std::string gtin;         // 12 digits for a UPC brand, else 13
  int64_t family_root = 0;  // the first entity of its family
};

// Digits [0, 10^width) that are a bijection of `n` mod 10^width: entities
// below 10^width get distinct item numbers.
uint64_t ItemNumber(uint64_t seed, int64_t n, int width) {
  uint64_t modulus = 1;
  for (int i = 0; i < width; ++i) modulus *= 10;
  const uint64_t offset = Mix(seed) % modulus;
  // 7919533 is prime to 10, so multiplying by it permutes the residues.
  return (static_cast<uint64_t>(n) % modulus * 7919533ULL + offset) % modulus;
}

// The device line of a family root, before its sibling's axes are set.
Product MakeLine(uint64_t seed, int64_t root) {
  Random random(Mix(seed ^ Mix(static_cast<uint64_t>(root) + 0x9d0d)));
  Product p;
  p.brand = BrandOf(random.Pick(kBrandCount));
  p.category = &kCategories[random.Pick(kCategories.size())];
  const char* series = kSeries[random.Pick(kSeries.size())];
  const int number = 1 + static_cast<int>(random.Pick(30));
  const char* letter = kModelLetters[random.Pick(kModelLetters.size())];
  const char* suffix = kModelSuffixes[random.Pick(kModelSuffixes.size())];
  p.model = absl::StrCat(series, " ", letter, number, suffix);
  p.mpn_body = absl::StrCat(absl::AsciiStrToUpper(std::string(series, 2)),
                            1000 + random.Pick(9000));
  if (*suffix != '\0') p.mpn_body.push_back(suffix[1]);
  p.variant = static_cast<int>(random.Pick(4));
  p.price = p.category->min_price +
            random.Uniform() * (p.category->max_price - p.category->min_price);
  return p;
}

Product MakeProduct(uint64_t seed, int64_t entity) {
  Family family = FamilyOf(seed, entity);
  FamilyKind kind = KindOf(seed, family.root);
  // Siblings walk the axes in a family-specific order: sibling k takes
  // combination (offset + 7k) mod n, which visits every one of the n since
  // 7 is prime to 10, 24 and 48. A line has n products at most: siblings
  // beyond are lines of their own.
  // A bundle is of the device of the family before it.
  const int64_t line_root = kind == FamilyKind::kBundle
                                ? FamilyOf(seed, family.root - 1).root
                                : family.root;
  const bool colours = kind == FamilyKind::kAccessory ||
                       !MakeLine(seed, line_root).category->colour_variants;
  const int combinations = kind == FamilyKind::kAccessory ? 10
                           : colours                      ? 48
                                                          : 24;
  if (family.index >= combinations) {
    family = {.root = entity, .index = 0, .size = 1};
    kind = FamilyKind::kDevice;
  }
  Random random(Mix(seed ^ Mix(static_cast<uint64_t>(family.root) + 0x5a1b)));
  const int combination = static_cast<int>(
      (random.Pick(combinations) + 7 * static_cast<size_t>(family.index)) %
      combinations);
  Product p;
  if (kind == FamilyKind::kDevice) {
    p = MakeLine(seed, family.root);
  } else {
    // The device of the family before this one, in its first variant.
    const int64_t device_root = FamilyOf(seed, family.root - 1).root;
    const Product device = MakeLine(seed, device_root);
    const AccessoryKind& accessory =
        kAccessoryKinds[random.Pick(kAccessoryKinds.size())];
    if (kind == FamilyKind::kAccessory) {
      // Mostly a third-party maker's, sometimes the device maker's own.
      p.brand =
          random.Chance(0.7) ? BrandOf(random.Pick(kBrandCount)) : device.brand;
      p.category = &kAccessoryCategory;
      p.model = absl::StrCat(accessory.name, " for ", device.brand.name, " ",
                             device.model);
      p.model_han = absl::StrCat("适用于", device.brand.name_han, " ",
                                 device.model, " ", accessory.name_han);
      p.mpn_body = absl::StrCat(accessory.code, 100 + random.Pick(900));
      p.price = accessory.min_price +
                random.Uniform() * (accessory.max_price - accessory.min_price);
    } else {
      p = device;
      p.bundled = absl::StrCat("with ", accessory.name);
      p.bundled_accessory = &accessory;
      p.mpn_body = absl::StrCat(p.mpn_body, "B", accessory.code);
      p.price = device.price + accessory.min_price;
    }
  }
  if (kind == FamilyKind::kAccessory) {
    // Accessories come in a colour, single or twin packed.
    p.axis = &kColours[combination % 5];
    p.twin_pack = combination >= 5;
  } else {
    p.variant = (p.variant + combination % 4) % 4;
    p.price *= p.category->variants[p.variant].price_factor;
    p.axis =
        colours ? &kColours[combination / 4 % 6] : &kPacks[combination / 4 % 6];
    p.twin_pack = combination >= 24;
  }
  p.price *= p.axis->price_factor * (p.twin_pack ? 1.9 : 1.0);
  p.feature = p.category->feature_min +
              static_cast<int>(random.Pick(p.category->feature_max -
                                           p.category->feature_min + 1));
  // The GTIN is the entity's own.
  std::string body;
  if (p.brand.maker->barcode == Barcode::kUpc) {
    body = absl::StrFormat("0%010d", ItemNumber(seed, entity, 10));
  } else {
    body = absl::StrFormat("%s%09d", p.brand.maker->ean_prefix,
                           ItemNumber(seed, entity, 9));
  }
  p.gtin = absl::StrCat(body, GtinCheckDigit(body));
  if (p.model_han.empty()) p.model_han = p.model;
  p.family_root = family.root;
  return p;
}

// ---------------------------------------------------------------------------
// Records.

// The last part of the model number: one per sibling of a line.
std::string VariantCode(const Product& p) {
  return absl::StrCat(p.category->variants[p.variant].code, p.axis->code,
                      p.twin_pack ? "X2" : "");
}

std::string Mpn(const Product& p, Random& random, bool noisy) {
  const std::string code = VariantCode(p);
  const std::string prefix = p.brand.mpn_prefix;
  if (!noisy) return absl::StrCat(prefix, "-", p.mpn_body, "-", code);
  std::string mpn;
  switch (random.Pick(5)) {
    case 0:
    case 1:
      mpn = absl::StrCat(prefix, "-", p.mpn_body, "-", code);
      break;
    case 2:
      mpn = absl::StrCat(prefix, p.mpn_body, code);
      break;
    case 3:
      mpn = absl::StrCat(prefix, " ", p.mpn_body, " ", code);
      break;
    default:
      mpn = absl::StrCat(prefix, p.mpn_body, "-", code);
      break;
  }
  if (random.Chance(0.15)) mpn = absl::AsciiStrToLower(mpn);
  return mpn;
}

// The variant label as a copy writes it: "128GB", "128 GB", "128gb".
std::string VariantLabel(const Variant& v, Random& random, bool noisy) {
  std::string label = v.label;
  if (!noisy) return label;
  const double r = random.Uniform();
  if (r < 0.15) {
    for (const char* unit : {"GB", "TB", "mAh"}) {
      label = absl::StrReplaceAll(label, {{unit, absl::StrCat(" ", unit)}});
    }
  } else if (r < 0.25) {
    label = absl::StrReplaceAll(label, {{"GB", "gb"}, {"-inch", "\""}});
  }
  return label;
}

std::string Title(const Product& p, const std::string& mpn, Random& random,
                  bool noisy) {
  const Variant& v = p.category->variants[p.variant];
  std::string brand = p.brand.name;
  std::string model = p.model;
  if (noisy && random.Chance(0.08)) {
    std::vector<std::string> words = absl::StrSplit(model, ' ');
    std::string& word = words[random.Pick(words.size())];
    word = Typo(word, random);
    model = absl::StrJoin(words, " ");
  }
  std::string variant = VariantLabel(v, random, noisy);
  // The second and third axes after the first: "128GB Black 2-Pack".
  for (const char* extra : {p.axis->label, p.twin_pack ? "2-Pack" : ""}) {
    if (*extra == '\0') continue;
    std::string label = extra;
    if (noisy && absl::EndsWith(label, "-Pack") && random.Chance(0.3)) {
      label = absl::StrCat("Pack of ", label.substr(0, label.find('-')));
    }
    variant = variant.empty() ? label : absl::StrCat(variant, " ", label);
  }
  if (!p.bundled.empty()) {
    variant = absl::StrCat(variant, noisy && random.Chance(0.4) ? " + " : " ",
                           noisy ? p.bundled.substr(5) : p.bundled,
                           noisy && random.Chance(0.5) ? " Bundle" : "");
  }
  std::string noun = p.category->noun;
  if (noisy && random.Chance(0.3)) noun.clear();
  std::string title;
  const double order = noisy ? random.Uniform() : 0;
  const bool brand_left_out = noisy && random.Chance(0.12);
  const std::string lead =
      brand_left_out ? model : absl::StrCat(brand, " ", model);
  auto with_noun = [&](std::string text) {
    return noun.empty() ? text : absl::StrCat(text, " ", noun);
  };
  if (order < 0.55) {
    title = absl::StrCat(with_noun(lead), " ", variant);  // brand model noun v
  } else if (order < 0.75) {
    title = absl::StrCat(lead, " ", variant, noun.empty() ? "" : " ", noun);
  } else if (order < 0.9) {
    title = absl::StrCat(with_noun(lead), " (", variant, ")");
  } else {
    title = absl::StrCat(with_noun(absl::StrCat(model, " ", variant)), " - ",
                         brand);
  }
  if (noisy && random.Chance(0.05)) {
    title = absl::StrCat(brand, " ", title);  // the brand twice
  }
  if (noisy && random.Chance(0.15)) absl::StrAppend(&title, " (", mpn, ")");
  if (noisy && random.Chance(0.05)) title = absl::AsciiStrToUpper(title);
  return title;
}

std::string Description(const Product& p, Random& random, bool noisy) {
  const Variant& v = p.category->variants[p.variant];
  std::vector<std::string> sentences;
  for (const char* sentence : p.category->sentences) {
    sentences.push_back(absl::StrReplaceAll(
        sentence, {{"{B}", p.brand.name},
                   {"{M}", p.model},
                   {"{V}", absl::StrCat(v.label, *p.axis->label ? " " : "",
                                        p.axis->label)},
                   {"{F}", absl::StrCat(p.feature)}}));
  }
  if (noisy && random.Chance(0.2)) std::swap(sentences[1], sentences[2]);
  if (noisy && random.Chance(0.2)) sentences.pop_back();
  std::string text = absl::StrJoin(sentences, " ");
  if (noisy && random.Chance(0.1)) {
    std::vector<std::string> words = absl::StrSplit(text, ' ');
    std::string& word = words[random.Pick(words.size())];
    word = Typo(word, random);
    text = absl::StrJoin(words, " ");
  }
  if (noisy && random.Chance(0.25)) {
    // Cut at a word boundary, as listings with a length limit do.
    const size_t limit = 40 + random.Pick(40);
    if (text.size() > limit) {
      const size_t space = text.rfind(' ', limit);
      text = absl::StrCat(
          text.substr(0, space == std::string::npos ? limit : space), "...");
    }
  }
  return text;
}

std::string Gtin(const Product& p, Random& random, bool noisy) {
  if (!noisy || p.gtin.size() != 12) return p.gtin;
  const double r = random.Uniform();
  if (r < 0.3) return absl::StrCat("0", p.gtin);    // as EAN-13
  if (r < 0.35) return absl::StrCat("00", p.gtin);  // as GTIN-14
  if (r < 0.4) return p.gtin.substr(1);             // leading zero lost
  return p.gtin;
}

std::string Price(double amount, Random& random, bool noisy) {
  std::string text = absl::StrFormat("%.2f", amount);
  if (noisy && amount >= 1000 && random.Chance(0.3)) {
    const size_t point = text.find('.');
    text.insert(point - 3, ",");
  }
  return text;
}

// ---------------------------------------------------------------------------
// Chinese listings.

// The brand in a Chinese listing: 诺维 in the first record; in copies also
// both forms (诺维/Norvik, 诺维（Norvik）) or the Latin one alone.
std::string BrandHan(const Brand& brand, Random& random, bool noisy) {
  if (!noisy) return brand.name_han;
  const double r = random.Uniform();
  if (r < 0.5) return brand.name_han;
  if (r < 0.65) return absl::StrCat(brand.name_han, "/", brand.name);
  if (r < 0.8) return absl::StrCat(brand.name_han, "（", brand.name, "）");
  return brand.name;
}

// The variant words of a Chinese listing: "16GB+512GB 银色", "黑色 3件装",
// "128GB 黑色 套装（含充电器）".
std::string VariantHan(const Product& p, Random& random, bool noisy) {
  std::string label = p.category->variants[p.variant].label_han;
  if (noisy && random.Chance(0.15)) {
    label = absl::StrReplaceAll(label, {{"GB", " GB"}, {"TB", " TB"}});
  }
  for (const char* extra : {p.axis->label_han, p.twin_pack ? "2件装" : ""}) {
    if (*extra == '\0') continue;
    label = label.empty() ? extra : absl::StrCat(label, " ", extra);
  }
  if (p.bundled_accessory != nullptr) {
    const char* accessory = p.bundled_accessory->name_han;
    absl::StrAppend(&label, " ",
                    noisy && random.Chance(0.4)
                        ? absl::StrCat("+", accessory)
                        : absl::StrCat("套装（含", accessory, "）"));
  }
  return label;
}

// `words` without the empty ones, joined by spaces.
std::string JoinWords(std::initializer_list<std::string> words) {
  std::string text;
  for (const std::string& word : words) {
    if (word.empty()) continue;
    if (!text.empty()) text.push_back(' ');
    absl::StrAppend(&text, word);
  }
  return text;
}

// A Chinese listing's title: "诺维 Pulse X7 Pro 智能手机 128GB 黑色"; in
// copies the words in another order, the brand or the noun left out, the
// model number added.
std::string TitleHan(const Product& p, const std::string& mpn, Random& random,
                     bool noisy) {
  const std::string brand = BrandHan(p.brand, random, noisy);
  std::string model = p.model_han;
  if (noisy && random.Chance(0.08)) {
    // Typo() leaves Hanzi words as they are.
    std::vector<std::string> words = absl::StrSplit(model, ' ');
    std::string& word = words[random.Pick(words.size())];
    word = Typo(word, random);
    model = absl::StrJoin(words, " ");
  }
  const std::string variant = VariantHan(p, random, noisy);
  std::string noun = p.category->noun_han;
  if (noisy && random.Chance(0.3)) noun.clear();
  const double order = noisy ? random.Uniform() : 0;
  const std::string lead = noisy && random.Chance(0.12) ? std::string() : brand;
  std::string title;
  if (order < 0.55) {
    title = JoinWords({lead, model, noun, variant});
  } else if (order < 0.75) {
    title = JoinWords({absl::StrCat(lead, noun), model, variant});
  } else if (order < 0.9) {
    title = JoinWords({lead, model, variant, noun});
  } else {
    title =
        JoinWords({lead.empty() ? model : absl::StrCat("【", lead, "】", model),
                   noun, variant});
  }
  if (noisy && random.Chance(0.15)) {
    const bool full_width = random.Chance(0.5);
    absl::StrAppend(&title, full_width ? "（" : " (", mpn,
                    full_width ? "）" : ")");
  }

  if (noisy && random.Chance(0.05)) title = absl::AsciiStrToUpper(title);
  return title;
}

// `text` cut to at most `limit` bytes after a clause (，or 。), else at a
// character boundary, and marked as cut.
std::string CutHan(const std::string& text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t cut = text.rfind("，", limit);
  if (cut == std::string::npos || cut == 0) {
    cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
      --cut;
    }
  }
  return absl::StrCat(text.substr(0, cut), "…");
}

std::string DescriptionHan(const Product& p, Random& random, bool noisy) {
  const Variant& v = p.category->variants[p.variant];
  std::vector<std::string> sentences;
  for (const char* sentence : p.category->sentences_han) {
    sentences.push_back(absl::StrReplaceAll(
        sentence, {{"{B}", p.brand.name_han},
                   {"{M}", p.model_han},
                   {"{V}", JoinWords({v.label_han, p.axis->label_han})},
                   {"{F}", absl::StrCat(p.feature)}}));
  }
  if (noisy && random.Chance(0.2)) std::swap(sentences[1], sentences[2]);
  if (noisy && random.Chance(0.2)) sentences.pop_back();
  std::string text = absl::StrJoin(sentences, "");
  if (noisy && random.Chance(0.25)) {
    // As listings with a length limit do; 3 bytes a Hanzi.
    text = CutHan(text, 40 + random.Pick(60));
  }
  return text;
}

// The manufacturer in a Chinese listing: 诺维电子有限公司, or as in
// English; in copies also the Hanzi brand alone.
std::string ManufacturerHan(const Product& p, Random& random, bool noisy) {
  if (noisy && random.Chance(0.3)) return p.brand.manufacturer;
  if (noisy && random.Chance(0.2)) return p.brand.name_han;
  return absl::StrCat(p.brand.name_han, p.brand.maker->suffix_han);
}

}  // namespace

int GtinCheckDigit(const std::string& body) {
  int sum = 0;
  // Weights 3, 1, 3, ... from the digit next to the check digit.
  for (size_t i = 0; i < body.size(); ++i) {
    const int digit = body[body.size() - 1 - i] - '0';
    sum += digit * (i % 2 == 0 ? 3 : 1);
  }
  return (10 - sum % 10) % 10;
}

const std::vector<std::string>& ProductColumns() {
  static const auto* columns = new std::vector<std::string>{
      "name", "brand",    "manufacturer", "mpn",   "gtin",
      "sku",  "category", "description",  "price", "currency"};
  return *columns;
}

ProductGenerator::ProductGenerator(ProductGeneratorOptions options)
    : options_(std::move(options)) {
  if (options_.sources.empty()) options_.sources = {"crm"};
  copy_probability_ = CopyProbability(options_.duplicate_share);
}

std::vector<GeneratedRecord> ProductGenerator::Entity(int64_t entity) const {
  const Product p = MakeProduct(options_.seed, entity);
  Random random(
      Mix(options_.seed + 0x9d1 + Mix(static_cast<uint64_t>(entity))));
  const int copies = RecordCount(random, copy_probability_);
  // Lines listed in Chinese and in English: the first record in one
  // language, the second in the other, later ones in either. Own streams,
  // so that the share changes no English record.
  const bool bilingual =
      HashChance(Mix(options_.seed ^ 0x2c4a1ULL ^
                     Mix(static_cast<uint64_t>(p.family_root))),
                 options_.chinese_share);
  std::optional<Random> language;
  if (bilingual) {
    language.emplace(
        Mix(options_.seed ^ 0x5c71bULL ^ Mix(static_cast<uint64_t>(entity))));
  }
  const bool first_in_chinese = bilingual && language->Chance(0.5);
  std::vector<GeneratedRecord> records;
  for (int copy = 0; copy < copies; ++copy) {
    const bool chinese = bilingual && (copy == 0   ? first_in_chinese
                                       : copy == 1 ? !first_in_chinese
                                                   : language->Chance(0.5));
    GeneratedRecord record;
    const size_t source = random.Pick(options_.sources.size());
    record.source = options_.sources[source];
    record.id = absl::StrCat(entity, "-", copy);
    const bool noisy = copy > 0;
    auto drop = [&](double q) { return random.Chance(noisy ? q : q * 0.6); };

    const std::string mpn_text = Mpn(p, random, noisy);
    const std::string name = chinese ? TitleHan(p, mpn_text, random, noisy)
                                     : Title(p, mpn_text, random, noisy);
    std::string mpn = drop(0.35) ? "" : mpn_text;

    std::string brand;
    if (!drop(0.2)) {
      if (chinese) {
        brand = BrandHan(p.brand, random, noisy);
      } else {
        brand = p.brand.name;
        if (noisy && random.Chance(0.1)) brand = absl::AsciiStrToUpper(brand);
        if (noisy && random.Chance(0.03)) brand = Typo(brand, random);
      }
    }
    std::string manufacturer;
    if (!drop(0.5)) {
      if (chinese) {
        manufacturer = ManufacturerHan(p, random, noisy);
      } else {
        manufacturer = p.brand.manufacturer;
        if (noisy && random.Chance(0.4)) {
          // Without its legal form, or just the brand.
          const size_t cut = manufacturer.find_last_of(' ');
          manufacturer = random.Chance(0.5) ? manufacturer.substr(0, cut)
                                            : std::string(p.brand.name);
          while (!manufacturer.empty() && manufacturer.back() == ',') {
            manufacturer.pop_back();
          }
        }
      }
    }
    std::string gtin;
    if (!drop(0.4)) gtin = Gtin(p, random, noisy);

    std::string sku;
    if (!drop(0.5)) {
      // The source's own stock number: one per (source, entity).
      const uint64_t h = Mix(options_.seed ^ Mix(source + 0x5c0) ^
                             Mix(static_cast<uint64_t>(entity) + 0x51));
      sku = absl::StrFormat("%s-%07d",
                            absl::AsciiStrToUpper(record.source.substr(0, 3)),
                            h % 10000000);
    }

    std::string category;
    if (!drop(0.2)) {
      category = chinese ? p.category->paths_han[noisy ? random.Pick(2) : 0]
                         : p.category->paths[noisy ? random.Pick(3) : 0];
    }
    std::string description;
    if (!drop(0.3)) {
      description = chinese ? DescriptionHan(p, random, noisy)
                            : Description(p, random, noisy);
    }

    std::string price, currency;
    if (!drop(0.15)) {
      double amount = p.price;
      if (noisy) {
        amount *= random.Chance(0.85) ? 1 + (random.Uniform() - 0.5) * 0.08
                                      : 0.8 + random.Uniform() * 0.15;
      }
      currency = "USD";
      if (chinese && random.Chance(0.6)) {
        price = Price(std::floor(amount * 7.2), random, noisy);
        currency = "CNY";
      } else {
        if (noisy && random.Chance(0.15)) {
          amount *= 0.92;
          currency = "EUR";
        }
        price = Price(std::floor(amount) + 0.99, random, noisy);
      }
      if (drop(0.1)) currency.clear();
    }

    record.values = {name, brand,    manufacturer, mpn,   gtin,
                     sku,  category, description,  price, currency};
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace mdm::gen
