// Calendar arithmetic for identifiers that embed a birth date.
//
//   IsRealDate(2000, 2, 29) == true
//   IsRealDate(1900, 2, 29) == false
//
// (matching/date_parser.h has the same rule, but mdm::matching links this
// library, so this library cannot link it.)
//
// Implementation detail of mdm::matching_identifiers; not for use elsewhere.
#ifndef MDM_MATCHING_IDENTIFIERS_INTERNAL_CALENDAR_H_
#define MDM_MATCHING_IDENTIFIERS_INTERNAL_CALENDAR_H_

namespace mdm::matching::identifiers_internal {

// True when the date exists in the proleptic Gregorian calendar.
bool IsRealDate(int year, int month, int day);

}  // namespace mdm::matching::identifiers_internal

#endif  // MDM_MATCHING_IDENTIFIERS_INTERNAL_CALENDAR_H_
