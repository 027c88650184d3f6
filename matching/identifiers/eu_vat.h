// EU VAT identification numbers (the numbers VIES checks): a two-letter
// country prefix and the national number in that country's format.
//
//   CheckEuVat("DE 136 695 976")  -> valid, eu_vat, normalized "DE136695976"
//   CheckEuVat("DE136695977")     -> eu_vat, invalid,
//                                    "check digit should be 6"
//   CheckEuVat("GR 094259216")    -> valid, normalized "EL094259216"
//   CheckEuVat("BE 428.759.497")  -> valid, normalized "BE0428759497"
//   CheckEuVat("DE13669597")      -> kUnknown (8 digits)
//   CheckEuVat("136695976")       -> kUnknown (no country prefix)
//
// Format (decides scheme kEuVat): one of the prefixes AT BE BG CY CZ DE DK EE
// EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK XI GB (GR is read as
// EL), then the national part's length and character classes below. The
// prefix is required. `normalized` is the prefix plus the national part in
// canonical form (BE 9 -> 10 digits, EL 8 -> 9, NL 7-8 -> 9 before the B).
//
// Validity, per country (publicly documented algorithms; eu_vat_test.cc
// checks each against numbers that businesses publish):
//   AT  U + 8 digits; Luhn-like, even positions doubled, plus 4.
//   BE  10 digits starting 0/1; last two = 97 - first eight mod 97.
//   BG  9 digits: weights 1..8 (3..10 on 10), mod 11. 10 digits (persons):
//       EGN (with a real birth date), foreigner (PNF) or other weights:
//       passes if ANY of the three fits, so up to 3 in 10 mistyped numbers
//       still pass.
//   CY  8 digits + letter; letter from a mod-26 sum; never starting 12.
//   CZ  8 digits: weights 8..2 mod 11, not starting 9. 9 digits starting 6:
//       special weights. 10 digits (birth number): divisible by 11.
//       FORMAT-ONLY: other 9-digit birth numbers (people born before 1954).
//   DE  9 digits, not starting 0; ISO 7064 MOD 11,10.
//   DK  8 digits, not starting 0; weights 2,7,6,5,4,3,2,1 sum mod 11 = 0.
//   EE  9 digits starting 10; weights 3,7,1 mod 10.
//   EL  9 digits; weights 256..2 mod 11 mod 10.
//   ES  DNI (8 digits + mod-23 letter), NIE (X/Y/Z + 7 + letter), K/L/M +
//       7 + letter, CIF (entity letter + 7 + Luhn digit or its letter).
//   FI  8 digits; weights 7,9,10,5,8,4,2 mod 11.
//   FR  2-character key + 9-digit SIREN; SIREN Luhn (except Monaco, 000...);
//       numeric key (12 + 3 * (SIREN mod 97)) mod 97; alphanumeric keys by
//       the newer mod-11 scheme.
//   HR  11 digits (OIB); ISO 7064 MOD 11,10.
//   HU  8 digits; weights 9,7,3,1 mod 10.
//   IE  7 digits + letter (+ A-I or W), or digit + letter + 5 digits +
//       letter; mod 23.
//   IT  11 digits; Luhn; company number not zero; office code 001-100, 120,
//       121, 888, 999.
//   LT  9 digits (8th is 1) or 12 (11th is 1); two-pass mod 11.
//   LU  8 digits; last two = first six mod 89.
//   LV  11 digits; legal entities (first digit above 3) weighted mod 11 = 3.
//       FORMAT-ONLY: personal codes (birth date must be real; 32... codes).
//   MT  8 digits, not starting 0; weighted sum mod 37 = 0.
//   NL  9 digits + B + 01..99; mod 11 (RSIN/BSN) or MOD 97-10 over "NL..."
//       (sole traders' btw-id since 2020).
//   PL  10 digits; weights 6,5,7,2,3,4,5,6,7 mod 11.
//   PT  9 digits; weights 9..2 mod 11.
//   RO  2-10 digits, not starting 0; weights 7,5,3,2,1,7,5,3,2 (x10) mod 11;
//       or a 13-digit personal code (CNP) with its own mod-11 check.
//   SE  12 digits ending 01; the first 10 pass Luhn.
//   SI  8 digits, not starting 0; weights 8..2 mod 11.
//   SK  10 digits, not starting 0, third digit 2/3/4/7/8/9; divisible by 11.
//   XI  UK numbering: 9 or 12 digits, weights 8..2,10,1 mod 97 in {0, 42,
//       55}; GD + 3 digits below 500, HA + 3 digits from 500.
//   GB  The United Kingdom's VAT numbers (outside VIES since 2021, still on
//       every UK invoice): UK numbering, as XI.
// FORMAT-ONLY forms are `valid` when their format and any stated rule pass;
// like an SSN they cannot reveal a typo.
//
// Pure; thread-safe; one pass over the text and a few small allocations.
#ifndef MDM_MATCHING_IDENTIFIERS_EU_VAT_H_
#define MDM_MATCHING_IDENTIFIERS_EU_VAT_H_

#include "absl/strings/string_view.h"
#include "matching/identifiers/identifier.h"

namespace mdm::matching {

IdentifierCheck CheckEuVat(absl::string_view text);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_IDENTIFIERS_EU_VAT_H_
