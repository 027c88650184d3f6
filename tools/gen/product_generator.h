// Synthetic product records with known duplicates, for load tests and
// accuracy checks at scale.
//
//   ProductGenerator generator({.seed = 7, .sources = {"shop", "feed"}});
//   for (int64_t e = 0; e < 1000000; ++e) {
//     for (const GeneratedRecord& r : generator.Entity(e)) { ... }
//   }
//
// Entity(e) is a pure function of (options, e): records can be produced in
// any order, in parallel, and again later. Entities come in product lines
// ("families") of consecutive ids: about 30% of the lines are one product,
// 20% two to four siblings, 50% five to 48. Siblings share brand, series and
// model and differ in a capacity, size or colour ("... 64GB" and
// "... 128GB"), a second colour or a pack size ("Black", "3-Pack"), and a
// single or twin pack, with model numbers that differ in their last part,
// so that near duplicates which are different products are the rule. One
// line in ten is accessories for the device of the line before it
// ("Protective Case for Norvik Pulse X7 Pro", mostly from another maker),
// one in twelve bundles of that device with an accessory ("... with Wall
// Charger"): each names a device it is not. About
// `duplicate_share` of all records are extra copies of an entity, spread
// over the sources, each with realistic noise: the words of the title in
// another order, the brand left out of the title or repeated in it, the
// model number in the title or not, model numbers (MPN) with or without
// dashes and spaces and in another case, GTINs in some copies only (always
// with a valid check digit; a UPC-A also written as a 13-digit EAN with a
// leading zero, or with its leading zero lost), prices a few percent apart
// or in another currency, categories from other taxonomies, truncated or
// missing descriptions, and typos. SKUs are the source's own: equal within
// a source, different across sources.
//
// A share `chinese_share` of the product lines (15% by default) are listed
// in Chinese in one copy of each product and in English in another, as a
// Chinese shop and an export catalogue list them: "诺维 Pulse X7 Pro
// 智能手机 128GB 黑色" and "Norvik Pulse X7 Pro Smartphone 128GB Black".
// Chinese copies carry the brand in Hanzi (a fixed transliteration of the
// Latin brand: Norvik is 诺维) or in both forms (诺维/Norvik, 诺维（Norvik）),
// the noun, category, colours and pack sizes in Chinese (黑色, 银色, 3件装),
// capacities and sizes as digits and units (16GB+512GB, 27英寸), model
// names and model numbers (MPN) in Latin, Chinese descriptions, and prices
// in CNY or USD. Siblings still differ in capacity, size, colour or pack,
// in either language. The choice is drawn apart from everything else: at
// share 0 the output is that of a generator without Chinese listings, and
// at any share the lines listed in English only are unchanged.
//
//   ProductGenerator generator({.seed = 7, .chinese_share = 0.3});
//   for (const GeneratedRecord& r : generator.Entity(e)) {
//     // r.values[0] (the title) in one record:
//     //   "诺维 Pulse X7 Pro 智能手机 128GB 黑色",
//     // in another: "Norvik Pulse X7 Pro Smartphone 128GB Black".
//   }
//
// Thread-compatible; Entity() is const and may run on many threads.
#ifndef MDM_TOOLS_GEN_PRODUCT_GENERATOR_H_
#define MDM_TOOLS_GEN_PRODUCT_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "tools/gen/generated_record.h"

namespace mdm::gen {

// Column order of GeneratedRecord::values: the product attributes of the
// built-in configuration.
const std::vector<std::string>& ProductColumns();

struct ProductGeneratorOptions {
  uint64_t seed = 1;
  std::vector<std::string> sources = {"crm", "erp"};
  // Share of all records that are extra copies of an entity, in [0, 0.5].
  double duplicate_share = 0.2;
  // Share of product lines listed in Chinese and in English, in [0, 1].
  double chinese_share = 0.15;
};

class ProductGenerator {
 public:
  explicit ProductGenerator(ProductGeneratorOptions options);

  // The records of entity `entity` (>= 0): its first record, then its
  // copies. Record ids are "<entity>-<copy>".
  std::vector<GeneratedRecord> Entity(int64_t entity) const;

 private:
  ProductGeneratorOptions options_;
  double copy_probability_;
};

// The GS1 check digit (0-9) of the digits of `body`, a GTIN without its
// last digit. REQUIRES: `body` is ASCII digits only.
int GtinCheckDigit(const std::string& body);

}  // namespace mdm::gen

#endif  // MDM_TOOLS_GEN_PRODUCT_GENERATOR_H_
