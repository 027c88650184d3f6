// ISBN-10, the International Standard Book Number before 2007 (ISO 2108).
//
//   CheckIsbn10("0-306-40615-2")  -> valid, isbn10,
//                                    normalized "09780306406157"
//   CheckIsbn10("080442957X")     -> valid (X stands for 10)
//   CheckIsbn10("0-306-40615-3")  -> isbn10, invalid,
//                                    "check digit should be 2"
//
// Format (decides scheme kIsbn10): 9 digits then a digit or X. Validity: the
// weighted sum with weights 10, 9, ..., 1 (X = 10) is divisible by 11.
//
// When valid, `normalized` is the 14-digit GTIN of the same book (978 prefix,
// new mod-10 check digit, left-padded), so an ISBN-10 compares equal to the
// EAN-13 barcode printed on the book (CheckGtin normalizes it the same way).
// When invalid, `normalized` is the 10 characters as written.
//
// Pure; thread-safe; one pass over the text.
#ifndef MDM_MATCHING_IDENTIFIERS_ISBN10_H_
#define MDM_MATCHING_IDENTIFIERS_ISBN10_H_

#include "absl/strings/string_view.h"
#include "matching/identifiers/identifier.h"

namespace mdm::matching {

IdentifierCheck CheckIsbn10(absl::string_view text);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_IDENTIFIERS_ISBN10_H_
