// Identifier schemes: which scheme an identifier belongs to, and whether it
// passes that scheme's format, check digit and semantic rules.
//
// The matching engine treats identifiers as evidence. A VALID identifier of a
// known scheme is strong: two records whose identifiers of the same scheme are
// both valid and different are different entities. An identifier whose scheme
// format matched but that failed validation (typically a mistyped check digit)
// lowers trust in that identifier instead of matching on it. An identifier of
// no known scheme (kUnknown) is weaker evidence, compared on `normalized`.
//
//   IdentifierCheck c = ClassifyIdentifier("91350100M000100Y43",
//                                          IdentifierHint::kAny);
//   // c.scheme == IdScheme::kChinaUscc, c.valid == true
//
//   c = ClassifyIdentifier("4006381333932", IdentifierHint::kGtin);
//   // c.scheme == IdScheme::kGtin13, c.valid == false,
//   // c.normalized == "04006381333932",
//   // c.problem == "check digit should be 1"
//
//   c = ClassifyIdentifier("12-3456789", IdentifierHint::kTax);
//   // c.scheme == IdScheme::kUsEin
//
// One checker per scheme lives in its own header: china_uscc.h,
// china_resident_id.h, gtin.h, isbn10.h, us_ein.h, us_ssn.h, eu_vat.h. Each
// accepts any text; when the text does not have the scheme's format the
// result has scheme kUnknown, valid false, and a `problem` that says what
// did not match.
//
// Everything here is a pure function of its argument: no I/O, no global
// mutable state, thread-safe. A check costs one pass over the text and a
// few small allocations; ClassifyIdentifier runs at most three checkers.
#ifndef MDM_MATCHING_IDENTIFIERS_IDENTIFIER_H_
#define MDM_MATCHING_IDENTIFIERS_IDENTIFIER_H_

#include <string>

#include "absl/strings/string_view.h"

namespace mdm::matching {

enum class IdScheme {
  kUnknown,
  kChinaUscc,        // 统一社会信用代码, GB 32100-2015.
  kChinaResidentId,  // 居民身份证号码, GB 11643-1999.
  kGtin8,
  kGtin12,  // UPC-A.
  kGtin13,  // EAN-13, including ISBN-13 (978/979).
  kGtin14,
  kUsEin,   // IRS employer identification number.
  kUsSsn,   // Social security number.
  kEuVat,   // EU VAT identification number with its country prefix.
  kIsbn10,  // ISBN-10 (ISO 2108 before 2007).
};

struct IdentifierCheck {
  // The identifier in comparable form: upper-case ASCII letters and digits
  // when a scheme's format matched, in that scheme's canonical form (a GTIN
  // as 14 digits; a 15-digit resident id upgraded to 18; an EU VAT number
  // with its country prefix). For kUnknown, NormalizeIdentifier(text), which
  // keeps any characters other than the separators it strips, so that
  // different unknown identifiers do not collapse together.
  std::string normalized;
  // The scheme whose FORMAT matched (length, character set, prefix).
  IdScheme scheme = IdScheme::kUnknown;
  // Format matched AND the check digit (when the scheme has one and its
  // algorithm is implemented) passes AND the scheme's semantic rules pass.
  bool valid = false;
  // Empty when valid. When the format matched but validation failed, what
  // failed, e.g. "check digit should be 7". From a per-scheme checker whose
  // format did not match, why not, e.g. "USCC has 18 characters, not 17";
  // always empty from ClassifyIdentifier when it returns kUnknown.
  std::string problem;
};

// What kind of identifier a field is expected to hold; narrows the schemes
// that ClassifyIdentifier tries.
enum class IdentifierHint {
  kAny,           // By shape alone; ambiguous shapes stay kUnknown.
  kRegistration,  // Company registration: USCC, EU VAT.
  kTax,           // Taxpayer ids: USCC, Chinese resident id, EU VAT, EIN
                  // (SSN when written XXX-XX-XXXX).
  kNationalId,    // Personal ids: Chinese resident id (18 or 15), SSN.
  kGtin,          // Trade items: GTIN-8/12/13/14, ISBN-10.
};

// Strips spaces (including NBSP and U+3000), dashes (ASCII and U+2010..2015,
// U+2212), dots and slashes; folds full-width forms U+FF01..U+FF5E to ASCII;
// upper-cases ASCII letters. Other characters are kept unchanged.
//
//   NormalizeIdentifier(" ９１３５-0100m ")  == "91350100M"
//   NormalizeIdentifier("de 136.695.976")  == "DE136695976"
//   NormalizeIdentifier("粤B-12345")        == "粤B12345"
std::string NormalizeIdentifier(absl::string_view text);

// Tries the schemes plausible for `hint` (see IdentifierHint) and returns the
// first that is valid; if none is valid, the first whose format matched (with
// its problem); otherwise kUnknown with valid false, `normalized` filled and
// `problem` empty.
//
// For kAny, by shape: a two-letter EU country prefix (or GR) is tried as EU
// VAT; 18 characters as USCC then resident id (resident id first when the
// first 17 are digits embedding a plausible birth date; the order matters
// only when neither or both are valid); 8, 12, 13 or 14 digits as GTIN; 9
// digits written XX-XXXXXXX as EIN and XXX-XX-XXXX as SSN. Shapes shared by
// several unrelated identifiers stay kUnknown under kAny: plain 9 digits (EIN
// or SSN), 15 digits (old resident id, old Chinese business licence number,
// IMEI), 10 characters (ISBN-10 or many others).
IdentifierCheck ClassifyIdentifier(absl::string_view text, IdentifierHint hint);

// Stable lower-case name for logs, configuration and storage:
// "unknown", "cn_uscc", "cn_resident_id", "gtin8", "gtin12", "gtin13",
// "gtin14", "us_ein", "us_ssn", "eu_vat", "isbn10".
absl::string_view IdSchemeName(IdScheme scheme);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_IDENTIFIERS_IDENTIFIER_H_
