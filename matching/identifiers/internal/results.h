// Constructors for IdentifierCheck used by every checker, so that the three
// outcomes are spelled the same way everywhere.
//
//   return NoFormatMatch(cleaned.text, "GTIN has 8, 12, 13 or 14 digits");
//   return Invalid(IdScheme::kGtin13, padded, "check digit should be 1");
//   return Valid(IdScheme::kGtin13, padded);
//
// Implementation detail of mdm::matching_identifiers; not for use elsewhere.
#ifndef MDM_MATCHING_IDENTIFIERS_INTERNAL_RESULTS_H_
#define MDM_MATCHING_IDENTIFIERS_INTERNAL_RESULTS_H_

#include <string>
#include <utility>

#include "matching/identifiers/identifier.h"

namespace mdm::matching::identifiers_internal {

inline IdentifierCheck NoFormatMatch(std::string normalized,
                                     std::string problem) {
  IdentifierCheck check;
  check.normalized = std::move(normalized);
  check.problem = std::move(problem);
  return check;
}

inline IdentifierCheck Invalid(IdScheme scheme, std::string normalized,
                               std::string problem) {
  IdentifierCheck check;
  check.normalized = std::move(normalized);
  check.scheme = scheme;
  check.problem = std::move(problem);
  return check;
}

inline IdentifierCheck Valid(IdScheme scheme, std::string normalized) {
  IdentifierCheck check;
  check.normalized = std::move(normalized);
  check.scheme = scheme;
  check.valid = true;
  return check;
}

}  // namespace mdm::matching::identifiers_internal

#endif  // MDM_MATCHING_IDENTIFIERS_INTERNAL_RESULTS_H_
