// Full-width ASCII folding shared by the phone and e-mail parsers. Not for
// use outside matching/contact.
#ifndef MDM_MATCHING_CONTACT_INTERNAL_FULL_WIDTH_H_
#define MDM_MATCHING_CONTACT_INTERNAL_FULL_WIDTH_H_

#include <string>

#include "absl/strings/string_view.h"

namespace mdm::matching::internal {

// `text` with full-width ASCII forms (U+FF01..U+FF5E: "１３８", "＠", "＋")
// replaced by their ASCII characters and the ideographic space (U+3000) by
// ' '. Everything else, including malformed UTF-8, is copied unchanged.
std::string FoldFullWidth(absl::string_view text);

}  // namespace mdm::matching::internal

#endif  // MDM_MATCHING_CONTACT_INTERNAL_FULL_WIDTH_H_
