// One source record produced by a synthetic data generator (PersonGenerator,
// OrganizationGenerator, ProductGenerator), with the source it belongs to.
//
//   for (const GeneratedRecord& r : generator.Entity(e)) {
//     Write(r.source, r.id, r.values);  // values in the generator's Columns()
//   }
#ifndef MDM_TOOLS_GEN_GENERATED_RECORD_H_
#define MDM_TOOLS_GEN_GENERATED_RECORD_H_

#include <string>
#include <vector>

namespace mdm::gen {

struct GeneratedRecord {
  std::string source;
  // "<entity>-<copy>": unique within a generated data set.
  std::string id;
  // In the column order of the generator that made the record; "" = missing.
  std::vector<std::string> values;
};

}  // namespace mdm::gen

#endif  // MDM_TOOLS_GEN_GENERATED_RECORD_H_
