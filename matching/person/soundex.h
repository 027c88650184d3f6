// American Soundex code of a name, for blocking keys: names that sound alike
// in English share a four-character code.
//
//   Soundex("robert")   == "R163"
//   Soundex("rupert")   == "R163"
//   Soundex("ashcraft") == "A261"    (h and w do not separate equal codes)
//   Soundex("tymczak")  == "T522"
//   Soundex("pfister")  == "P236"    (f codes as the first letter's p)
//   Soundex("honeyman") == "H555"
//   Soundex("lee")      == "L000"
//   Soundex("王伟")     == ""        (romanize first: ToLatin, PersonName)
//
// Rules (the National Archives' American Soundex): keep the first letter,
// upper-cased; code the rest b f p v = 1, c g j k q s x z = 2, d t = 3,
// l = 4, m n = 5, r = 6; a run of letters with the same code, including the
// first letter and letters separated only by h or w, gives one digit; vowels
// (a e i o u y) give no digit but separate runs; pad with zeros or cut to
// four characters.
//
// Input is a normalized Latin token. ASCII letters of either case are coded,
// other ASCII characters (spaces, hyphens, digits) are skipped, and any
// non-ASCII byte makes the result empty, as does input without letters.
//
// Cost: one pass, one small allocation. Pure; thread-safe.
#ifndef MDM_MATCHING_PERSON_SOUNDEX_H_
#define MDM_MATCHING_PERSON_SOUNDEX_H_

#include <string>

#include "absl/strings/string_view.h"

namespace mdm::matching {

std::string Soundex(absl::string_view token);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_PERSON_SOUNDEX_H_
