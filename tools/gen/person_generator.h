// Synthetic person records with known duplicates, for load tests and
// accuracy checks at scale.
//
//   PersonGenerator generator({.seed = 7, .sources = {"crm", "erp"}});
//   for (int64_t e = 0; e < 1000000; ++e) {
//     for (const GeneratedRecord& r : generator.Entity(e)) { ... }
//   }
//
// Entity(e) is a pure function of (options, e): records can be produced in
// any order, in parallel, and again later (a search query for entity e
// finds what was loaded for it). About `duplicate_share` of all records are
// extra copies of an entity, spread over the sources (a source may hold
// several copies too), each with realistic noise: typos, nicknames (Bob for
// Robert), swapped name order, Chinese names in Hanzi in one copy and in
// pinyin in another, dates and phone numbers written differently, e-mail
// case, abbreviated streets, and missing fields. A few entities share a
// common name and birth year with others, as real populations do.
//
// Thread-compatible; Entity() is const and may run on many threads.
#ifndef MDM_TOOLS_GEN_PERSON_GENERATOR_H_
#define MDM_TOOLS_GEN_PERSON_GENERATOR_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tools/gen/generated_record.h"

namespace mdm::gen {

// Column order of GeneratedRecord::values.
inline const std::vector<std::string>& PersonColumns() {
  static const auto* columns = new std::vector<std::string>{
      "given_name", "family_name",  "full_name", "birth_date",  "email",
      "phone",      "address_line", "city",      "postal_code", "country"};
  return *columns;
}

struct PersonGeneratorOptions {
  uint64_t seed = 1;
  std::vector<std::string> sources = {"crm", "erp"};
  // Share of all records that are extra copies of an entity, in [0, 0.5].
  double duplicate_share = 0.2;
  // Share of entities with Chinese names.
  double chinese_share = 0.15;
};

class PersonGenerator {
 public:
  explicit PersonGenerator(PersonGeneratorOptions options);

  // The records of entity `entity`: its first record, then its copies.
  // Record ids are "<entity>-<copy>" (unique within the whole data set).
  std::vector<GeneratedRecord> Entity(int64_t entity) const;

 private:
  PersonGeneratorOptions options_;
  double copy_probability_;
};

}  // namespace mdm::gen

#endif  // MDM_TOOLS_GEN_PERSON_GENERATOR_H_
