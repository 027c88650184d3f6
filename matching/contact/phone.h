// Telephone numbers standardized with libphonenumber into E.164, so that
// "(650) 253-0000", "+1 650-253-0000" and "1.650.253.0000" compare equal.
//
//   ParsePhone("+86 138 0013 8000", "")      -> e164 "+8613800138000",
//                                              digits "13800138000",
//                                              valid, region "CN"
//   ParsePhone("0086-138-0013-8000", "中国") -> same
//   ParsePhone("13800138000", "China")       -> same
//   ParsePhone("(650) 253-0000 x12", "US")   -> e164 "+16502530000", valid
//   ParsePhone("1 650 253 0000", "USA")      -> same
//   ParsePhone("(555) 010-9999", "US")       -> e164 "+15550109999",
//                                              valid false (no such area
//                                              code), region "US"
//   ParsePhone("13800138000", "")            -> e164 "", digits
//                                              "13800138000", valid false
//
// How the text is read:
//   - Full-width digits and signs become ASCII; extensions ("x12",
//     "ext. 12", "#12", "转12", "分机12") are dropped.
//   - `region_hint` is whatever country the record carries: an alpha-2 or
//     alpha-3 code or a country name in English, a native language or
//     Chinese (see RegionCodeFor). An unknown hint counts as none.
//   - A number is read as written after a '+' and otherwise as a national
//     number of the hinted region (a trunk prefix such as 0 or 1 and the
//     region's international prefix such as 00 or 011 are understood).
//     When that reading is not a valid number and the number starts with
//     "00", it is also tried as "+..." (the international prefix of most of
//     the world), and the valid reading wins.
//   - Without a region and without '+' or "00", the number cannot be placed:
//     e164 is empty and `digits` keeps the ASCII digits as written.
//
// Cost: libphonenumber parsing, a few microseconds; call once per record
// at ingest. Thread-safe (PhoneNumberUtil is, after its first use).
#ifndef MDM_MATCHING_CONTACT_PHONE_H_
#define MDM_MATCHING_CONTACT_PHONE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace mdm::matching {

struct PhoneNumber {
  // "+8613800138000": '+', country code, national significant number; no
  // extension. Empty when the text could not be read as a number of a known
  // country.
  std::string e164;
  // The national significant number ("13800138000", "6502530000"): no
  // country code, trunk prefix or extension. When e164 is empty, the ASCII
  // digits of the text instead (extension excluded).
  std::string digits;
  // libphonenumber's IsValidNumber: the number fits a numbering plan.
  bool valid = false;
  // Alpha-2 region of the number ("CN", "US"): the region whose plan it fits;
  // for an invalid number, the main region of its country code; "001" for
  // non-geographic numbers; without e164, the region of the hint or "".
  std::string region;
};

PhoneNumber ParsePhone(absl::string_view raw, absl::string_view region_hint);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_CONTACT_PHONE_H_
