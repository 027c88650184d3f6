// US SSN (Social Security Number), written AAA-GG-SSSS: area, group, serial.
//
//   CheckUsSsn("536-22-1234")  -> valid, us_ssn, normalized "536221234"
//   CheckUsSsn("666-22-1234")  -> us_ssn, invalid,
//                                 "SSN area 666 is never assigned"
//   CheckUsSsn("536-22-123")   -> kUnknown (8 digits)
//
// Format (decides scheme kUsSsn): 9 ASCII digits after stripping separators,
// in any grouping. Validity (SSA rules, unchanged by the 2011
// randomization): area not 000, 666 or 900-999 (9xx is the ITIN range);
// group not 00; serial not 0000; and not one of the numbers the SSA voided
// after they were printed in advertising, 078-05-1120 and 219-09-9999.
// SSNs carry no check digit, so a typo cannot be detected and a valid SSN is
// weaker evidence than a checksummed identifier.
//
// Pure; thread-safe; one pass over the text.
#ifndef MDM_MATCHING_IDENTIFIERS_US_SSN_H_
#define MDM_MATCHING_IDENTIFIERS_US_SSN_H_

#include "absl/strings/string_view.h"
#include "matching/identifiers/identifier.h"

namespace mdm::matching {

IdentifierCheck CheckUsSsn(absl::string_view text);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_IDENTIFIERS_US_SSN_H_
