// Golden ids: the public, typed, checkable form of a golden record's number.
//
//   FormatGoldenId("PER", 1)        == "PER-000001Y"
//   ParseGoldenId("per-000001y")    -> {prefix "PER", number 1}
//   ParseGoldenId("PER-000002Y")    -> InvalidArgument (check character)
//
// Form: PREFIX "-" BODY CHECK. BODY is the number in Crockford base32
// (0-9 A-Z without I, L, O, U), at least six characters, zero-padded. CHECK is
// one more base32 character computed with the Luhn mod-32 algorithm over BODY,
// which catches every single-character error and almost every swap of two
// adjacent characters. Parsing ignores case and reads O as 0 and I, L as 1, as
// Crockford base32 intends, so ids survive being read aloud or retyped.
#ifndef MDM_SRC_ENGINE_GOLDEN_ID_H_
#define MDM_SRC_ENGINE_GOLDEN_ID_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mdm::engine {

// REQUIRES: number >= 1; prefix is 2..4 upper-case letters.
std::string FormatGoldenId(absl::string_view prefix, int64_t number);

struct ParsedGoldenId {
  std::string prefix;  // upper case
  int64_t number = 0;
};

// InvalidArgument, naming the id, when it is malformed or its check character
// is wrong.
absl::StatusOr<ParsedGoldenId> ParseGoldenId(absl::string_view id);

}  // namespace mdm::engine

#endif  // MDM_SRC_ENGINE_GOLDEN_ID_H_
