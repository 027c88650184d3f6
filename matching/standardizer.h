// Standardization: raw attribute values to the Features matching compares.
//
//   RecordFeatures f = Standardize(model, {{"email", " Ann.Lee@GoogleMail.com
//   "},
//                                         {"given_name", "Bob"},
//                                         {"family_name", "LEE"}});
//   f.attributes[*model.AttributeIndex("email")].value  ==
//   "ann.lee@googlemail.com" f.attributes[*model.AttributeIndex("email")].keys
//   == {"annlee@gmail.com"} f.attributes[*model.AttributeIndex("full_name")]
//   derived: "bob lee"
//
// Per attribute kind (AttributeKind in config.proto); see features.h for the
// fields:
//   TEXT               NFKC, case fold, punctuation folding; tokens; Han text
//                      also as simplified characters and pinyin keys, other
//                      scripts as a Latin key
//   PERSON_NAME        token order ignored (value = sorted tokens, or the Han
//                      characters); keys: pinyin and nickname-formal forms
//   GIVEN_NAME         keys: formal names of a nickname, pinyin
//   FAMILY_NAME        keys: pinyin
//   ORGANIZATION_NAME  value = core name key (legal form, region, qualifiers
//                      removed; business terms in one language); generic terms
//                      as weak tokens; keys: acronym, Han core, distinctive key
//   EMAIL              keys: provider-canonical address; invalid when
//                      malformed
//   PHONE              E.164 with the region of the record's country
//                      attribute or the default region; keys: national digits
//   DATE               YYYY-MM-DD, number = days since 1970-01-01
//   IDENTIFIER         letters and digits, upper case
//   NATIONAL_ID, REGISTRATION_ID, TAX_ID, GTIN
//                      checked against known schemes: validated / invalid;
//                      codes = the value when validated
//   MPN                letters and digits, upper case; codes = the value
//   COUNTRY            ISO 3166 alpha-2 where known
//   POSTAL_CODE, CODE  letters and digits, upper case
//   NUMBER             canonical decimal; number
//   URL                host and path without scheme and "www."
//   ADDRESS            street abbreviations folded (St -> street); codes:
//                      "n:" and the house number
//   PRODUCT_NAME       tokens without model numbers and quantities; keys:
//                      model numbers; codes: "m:MODEL", "q:UNIT:AMOUNT",
//                      "c:COLOUR", "n:TOKEN" (product_text.h)
// Token lists keep the first 48 tokens of a value.
// Attributes with derive_from get a value from those attributes when they
// have none of their own. Attributes the model does not declare are ignored
// (the caller decides whether they are allowed).
//
// Cost: microseconds per attribute (ICU transforms for non-Latin text);
// call once per record write. Pure; thread-safe.
#ifndef MDM_MATCHING_STANDARDIZER_H_
#define MDM_MATCHING_STANDARDIZER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "matching/entity_model.h"
#include "matching/features.h"

namespace mdm::matching {

RecordFeatures Standardize(
    const EntityModel& model,
    absl::Span<const std::pair<std::string, std::string>> attributes);

// One value of the given kind. `region` is the ISO 3166 alpha-2 region for
// phone numbers without a country code ("" when unknown).
Feature StandardizeValue(v1::AttributeKind kind, absl::string_view raw,
                         absl::string_view region = "");

}  // namespace mdm::matching

#endif  // MDM_MATCHING_STANDARDIZER_H_
