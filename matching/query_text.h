// Query text: free text of a search turned into attribute values.
//
//   std::vector<std::pair<std::string, std::string>> parts =
//       InterpretQueryText(model, "Kingdee 0755-8631 6688 info@kingdee.com");
//   // {{"email", "info@kingdee.com"}, {"phone", "0755-8631 6688"},
//   //  {"name", "Kingdee"}}
//
// Recognized, in this order, and taken out of the text: e-mail addresses;
// identifiers that pass a check-digit scheme of one of the model's
// identifier attributes (GTIN, national id, registration id, tax id); dates
// (for the first DATE attribute); phone numbers (runs of at least seven
// digits with + ( ) - . and spaces, for the first PHONE attribute). What
// remains, with white space collapsed, is the value of the name attribute:
// the first PERSON_NAME, ORGANIZATION_NAME or PRODUCT_NAME attribute, else
// the first TEXT attribute. Each attribute gets at most one value (the
// first found); values for attributes the model lacks are dropped.
//
// Pure; thread-safe.
#ifndef MDM_MATCHING_QUERY_TEXT_H_
#define MDM_MATCHING_QUERY_TEXT_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "matching/entity_model.h"

namespace mdm::matching {

std::vector<std::pair<std::string, std::string>> InterpretQueryText(
    const EntityModel& model, absl::string_view text);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_QUERY_TEXT_H_
