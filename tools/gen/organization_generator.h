// Synthetic organization records with known duplicates, for load tests and
// accuracy checks at scale.
//
//   OrganizationGenerator generator({.seed = 7, .sources = {"crm", "erp"}});
//   for (int64_t e = 0; e < 1000000; ++e) {
//     for (const GeneratedRecord& r : generator.Entity(e)) { ... }
//   }
//
// Entity(e) is a pure function of (options, e): records can be produced in
// any order, in parallel, and again later. About `duplicate_share` of all
// records are extra copies of an entity, spread over the sources, each with
// realistic noise: legal forms written differently (Inc, Inc., Incorporated;
// Ltd, Limited; Corp, Corporation; Co., Ltd.) or left out, a leading "The",
// abbreviations (International -> Intl, & for and), case and punctuation,
// typos, the city moved in or out of the name, phone numbers and websites
// in other formats, and missing fields. Chinese companies appear in Hanzi
// in one copy (深圳市华信软件有限公司, 华信软件（深圳）有限公司) and in
// pinyin and English in another ("Shenzhen Huaxin Software Co., Ltd."):
// the pinyin is that of the Hanzi brand, the English that of its industry
// and city. Registration and tax ids (USCC, EIN, German VAT and register
// numbers, UK company numbers; valid check characters where the scheme has
// them) appear in some copies only, sometimes grouped or cased differently.
// Some distinct entities are made alike on purpose: a sister company of the
// same brand in another industry ("Vantora Holdings", "Vantora Trading") or
// another city (a branch: 华信软件（北京） and 华信软件（深圳）).
//
// Thread-compatible; Entity() is const and may run on many threads.
#ifndef MDM_TOOLS_GEN_ORGANIZATION_GENERATOR_H_
#define MDM_TOOLS_GEN_ORGANIZATION_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "tools/gen/generated_record.h"

namespace mdm::gen {

// Column order of GeneratedRecord::values: the organization attributes of
// the built-in configuration.
const std::vector<std::string>& OrganizationColumns();

struct OrganizationGeneratorOptions {
  uint64_t seed = 1;
  std::vector<std::string> sources = {"crm", "erp"};
  // Share of all records that are extra copies of an entity, in [0, 0.5].
  double duplicate_share = 0.2;
  // Share of entities that are Chinese companies.
  double chinese_share = 0.2;
};

class OrganizationGenerator {
 public:
  explicit OrganizationGenerator(OrganizationGeneratorOptions options);

  // The records of entity `entity` (>= 0): its first record, then its
  // copies. Record ids are "<entity>-<copy>".
  std::vector<GeneratedRecord> Entity(int64_t entity) const;

 private:
  OrganizationGeneratorOptions options_;
  double copy_probability_;
};

}  // namespace mdm::gen

#endif  // MDM_TOOLS_GEN_ORGANIZATION_GENERATOR_H_
