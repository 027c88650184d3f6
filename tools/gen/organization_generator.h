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
//
// Entities come in corporate groups of consecutive ids, as product lines
// do in ProductGenerator: about 84% of the groups are one company alone,
// the rest a parent, 1-8 subsidiaries and 0-10 branches, in that order
// (2-19 entities, about 5 on average), so that about half of all
// organizations belong to a group of two or more. Every member is a
// distinct entity, its own legal entity with its own registration and tax
// ids, except that branches outside China carry none (they are not
// registered on their own; a Chinese 分公司 has its own USCC).
// Subsidiaries keep the group's brand with another industry ("Vantora
// Holdings", "Vantora Trading"), or the parent's industry with a region
// ("Vantora Logistics (Seattle)", "Vantora Logistik Hamburg",
// 华信软件（深圳）有限公司), or are abroad ("Vantora Logistics (UK)
// Ltd", "Vantora Logistics (Shanghai) Co., Ltd.", the latter in Latin
// script only). Branches repeat the name of the parent or a subsidiary
// with another city ("Vantora Trading Inc. - Chicago Branch", "... GmbH
// Niederlassung Hamburg", 深圳市华信软件有限公司北京分公司, "Shenzhen
// Huaxin Software Co., Ltd. Beijing Branch"). Members share the group's
// website domain (some subsidiaries have their own), often the group's
// switchboard number (sometimes with an extension: "... ext. 214",
// "0755-86001234-8021") and, in the parent's city, often its address.
//
// With `english_brand_share` > 0, that share of the Chinese groups carry a
// made-up English brand in Latin script instead of the pinyin of their
// Hanzi brand, as Lenovo is 联想's: 金蝶软件（成都）有限公司 in one copy,
// "Topidee Software (Chengdu) Co., Ltd." rather than "Jindie Software
// (Chengdu) Co., Ltd." in another, and topidee-software.com.cn. The pairs
// are fixed: the English brand is a function of the first two Hanzi of the
// brand alone, for every seed. The share is drawn apart from everything
// else: it changes the Latin names, websites and e-mail domains of the
// groups it picks and nothing more.
//
//   OrganizationGenerator generator({.seed = 7, .english_brand_share = 0.3});
//   const OrganizationMembership m = generator.Membership(e);
//   if (m.role == OrganizationRole::kBranch) { /* m.head's branch */ }
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
  // Share of groups (so about that of entities) that are Chinese.
  double chinese_share = 0.2;
  // Share of the Chinese groups whose Latin name is a made-up English brand
  // rather than the pinyin of their Hanzi brand, in [0, 1].
  double english_brand_share = 0.0;
};

// Where an entity stands in its corporate group.
enum class OrganizationRole { kAlone, kParent, kSubsidiary, kBranch };

struct OrganizationMembership {
  OrganizationRole role = OrganizationRole::kAlone;
  // The group's parent, its first entity; the entity itself when alone.
  int64_t group = 0;
  // Branches: the parent or subsidiary it is a branch of; else the entity.
  int64_t head = 0;
};

class OrganizationGenerator {
 public:
  explicit OrganizationGenerator(OrganizationGeneratorOptions options);

  // The records of entity `entity` (>= 0): its first record, then its
  // copies. Record ids are "<entity>-<copy>".
  std::vector<GeneratedRecord> Entity(int64_t entity) const;

  // The group of entity `entity` (>= 0): a pure function of (options,
  // entity), cheaper than Entity().
  OrganizationMembership Membership(int64_t entity) const;

 private:
  OrganizationGeneratorOptions options_;
  double copy_probability_;
};

}  // namespace mdm::gen

#endif  // MDM_TOOLS_GEN_ORGANIZATION_GENERATOR_H_
