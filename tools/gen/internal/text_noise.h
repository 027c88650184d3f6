// Text noise shared by the generators in tools/gen: the typing mistakes and
// case changes that make copies of one entity differ.
//
//   Typo("springfield", random)  // "sprinfgield", "springfeld", ...
#ifndef MDM_TOOLS_GEN_INTERNAL_TEXT_NOISE_H_
#define MDM_TOOLS_GEN_INTERNAL_TEXT_NOISE_H_

#include <string>

#include "tools/gen/internal/random.h"

namespace mdm::gen {

// `word` with one typing mistake at an inner position (never the first or
// last byte): two neighbours swapped, one dropped, one doubled, or one
// replaced by a random lower-case letter. Words shorter than 4 bytes and
// words with non-ASCII bytes come back unchanged, without drawing.
std::string Typo(std::string word, Random& random);

// `word` with its first byte upper-cased (ASCII only).
std::string Capitalized(std::string word);

}  // namespace mdm::gen

#endif  // MDM_TOOLS_GEN_INTERNAL_TEXT_NOISE_H_
