// English given-name nicknames (diminutives) and the formal names they stand
// for, so that "Bob Smith" and "Robert Smith" compare as the same given name.
//
//   FormalNamesFor("bob")                     == {"robert"}
//   FormalNamesFor("alex")                    == {"alexander", "alexandra",
//                                                 "alexis"}
//   FormalNamesFor("robert")                  == {}   (not a nickname)
//   NicknameEquivalent("bob", "robert")       == true
//   NicknameEquivalent("robert", "bobby")     == true
//   NicknameEquivalent("bill", "will")        == true  (both William)
//   NicknameEquivalent("anne", "annabelle")   == false
//
// The table (internal/nickname_table.cc) holds about 350 nicknames and 500
// nickname -> formal pairs, mostly English, with a few common Spanish, German
// and Russian diminutives. A nickname may stand for several formal names; the
// most usual one comes first, and PersonName::canonical_given uses it.
//
// Arguments are normalized given-name tokens: lower-case ASCII as
// ParsePersonName produces. Anything else finds nothing.
//
// Cost: one or two hash probes, no allocation; the map is built on first use
// and never changes. Thread-safe.
#ifndef MDM_MATCHING_PERSON_NICKNAMES_H_
#define MDM_MATCHING_PERSON_NICKNAMES_H_

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace mdm::matching {

// The formal names `nickname` stands for, most usual first; empty when it is
// not a known nickname. The span and its strings live for the whole program.
absl::Span<const absl::string_view> FormalNamesFor(absl::string_view nickname);

// True when a == b, when one is a nickname of the other, or when both are
// nicknames of a common formal name ("bill" and "billy"). Symmetric. Two
// formal names that share a nickname are not equivalent ("isabel" and
// "annabelle" share "belle").
bool NicknameEquivalent(absl::string_view a, absl::string_view b);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_PERSON_NICKNAMES_H_
