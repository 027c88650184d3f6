// Standardization: raw attribute values to the comparable forms matching uses.
//
//   StandardizedRecord s = Standardize(model, {{"email", " Ann.Lee@Example.COM
//   "},
//                                             {"given_name", "Ann"},
//                                             {"family_name", "LEE"}});
//   s.values[*model.AttributeIndex("email")]      == "ann.lee@example.com"
//   s.values[*model.AttributeIndex("full_name")]  == "ann lee"  (derived)
//
// Per attribute kind (see AttributeKind in config.proto):
//   TEXT, ORGANIZATION_NAME   NormalizeText
//   PERSON_NAME, GIVEN_NAME, FAMILY_NAME
//                             NormalizeText, tokens sorted so that order does
//                             not matter; PERSON_NAME is derived from the given
//                             and family names when absent
//   EMAIL                     trimmed, lower case; empty unless it has one '@'
//   PHONE                     digits only; empty below 5 digits
//   DATE                      YYYY-MM-DD; empty when unparseable
//   IDENTIFIER, MPN, POSTAL_CODE, CODE, COUNTRY
//                             letters and digits only, upper case
//   GTIN                      digits, left-padded to 14; empty unless 8..14
//   NUMBER                    canonical decimal ("12.50" -> "12.5")
//   URL                       lower case, without scheme, "www." and "/" end
// An empty standardized value means "missing": it never matches anything.
//
// Pure functions; thread-safe.
#ifndef MDM_MATCHING_STANDARDIZER_H_
#define MDM_MATCHING_STANDARDIZER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "matching/entity_model.h"

namespace mdm::matching {

// Standardized values of one record, indexed like EntityModel::attributes().
struct StandardizedRecord {
  std::vector<std::string> values;

  friend bool operator==(const StandardizedRecord& a,
                         const StandardizedRecord& b) {
    return a.values == b.values;
  }
};

using RawAttributes = std::vector<std::pair<std::string, std::string>>;

// Attributes the model does not declare are ignored here (the caller decides
// whether they are allowed).
StandardizedRecord Standardize(
    const EntityModel& model,
    absl::Span<const std::pair<std::string, std::string>> attributes);

// One value of the given kind.
std::string StandardizeValue(v1::AttributeKind kind, absl::string_view raw);

// Encodes a standardized record for storage, stamped with the model's
// features_fingerprint(). Decode returns false on malformed input or when the
// stamp differs (the model's attributes or standardization changed since), in
// which case the caller standardizes the raw attributes again.
std::string EncodeStandardized(const EntityModel& model,
                               const StandardizedRecord& record);
bool DecodeStandardized(const EntityModel& model, absl::string_view bytes,
                        StandardizedRecord& record);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_STANDARDIZER_H_
