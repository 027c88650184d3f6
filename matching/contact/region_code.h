// The ISO 3166-1 alpha-2 region code of a country as source records write
// it, for choosing how to read national phone numbers.
//
//   RegionCodeFor("CN")                          == "CN"
//   RegionCodeFor("chn")                         == "CN"
//   RegionCodeFor("People's Republic of China")  == "CN"
//   RegionCodeFor("中国")                        == "CN"
//   RegionCodeFor("U.S.A.")                      == "US"
//   RegionCodeFor("Deutschland")                 == "DE"
//   RegionCodeFor("UK")                          == "GB"
//   RegionCodeFor("FJ")                          == "FJ"   (any known alpha-2)
//   RegionCodeFor("Atlantis")                    == ""
//
// Recognised, case- and punctuation-insensitively (NormalizeText, then
// spaces removed, then a leading "the" ignored):
//   - the alpha-2 code, alpha-3 code, English names and common native and
//     Chinese (simplified and traditional) names of about 65 of the
//     countries that appear most in business data;
//   - any other alpha-2 code libphonenumber has metadata for.
// Hong Kong, Macao and Taiwan are their own regions (HK, MO, TW), as in
// ISO 3166 and libphonenumber.
//
// Cost: one NormalizeText and one hash probe; the table is built on first
// use and never changes. Thread-safe.
#ifndef MDM_MATCHING_CONTACT_REGION_CODE_H_
#define MDM_MATCHING_CONTACT_REGION_CODE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace mdm::matching {

// Upper-case ISO 3166-1 alpha-2 code for `country`, or "" when unknown.
std::string RegionCodeFor(absl::string_view country);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_CONTACT_REGION_CODE_H_
