// Standardization of product titles and descriptions for matching across
// catalogs: words, model numbers and quantities, each kept apart so that a
// comparison can score shared words while model numbers and quantities veto
// sibling products (WH-1000XM4 vs WH-1000XM5, 256GB vs 512GB).
//
//   ProductText p = ParseProductText(
//       "Sony WH-1000XM4 Wireless Noise Cancelling Headphones");
//   // p.tokens        == {"sony", "wireless", "noise", "cancelling",
//   //                     "headphones"}
//   // p.model_numbers == {"WH1000XM4"}
//   // p.quantities    == {}
//
//   ParseProductText("Apple iPhone 13 Pro 256GB")
//     tokens {"apple", "iphone", "13", "pro"}, quantities {{256, "gb"}}
//
// tokens: NormalizedTokens of the title (text_normalizer.h) once the text of
// its model numbers and quantities is removed, without the stopwords the,
// and, for, with, of, a, an, by, in, new. Numbers without units stay tokens
// ("13", "2007").
// model_numbers: ExtractModelNumbers of the title, then those of the
// description that the title lacks (model_numbers.h).
// quantities: ExtractQuantities of the title only (quantities.h);
// descriptions mention too many incidental quantities ("40mm drivers", "30
// hours") for a conflict test to trust them.
// colours: ExtractColours of the title only (colours.h), for the same reason.
// numbers: the title's tokens (as above) that hold a digit.
//
// Cost: a few RE2 passes and one normalization, microseconds for a title
// (descriptions cost in proportion to their length). Parse once per record
// at standardization. Pure and thread-safe.
#ifndef MDM_MATCHING_PRODUCT_PRODUCT_TEXT_H_
#define MDM_MATCHING_PRODUCT_PRODUCT_TEXT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "matching/product/colours.h"
#include "matching/product/quantities.h"

namespace mdm::matching {

struct ProductText {
  std::vector<std::string> tokens;
  std::vector<std::string> model_numbers;
  std::vector<Quantity> quantities;
  std::vector<std::string> colours;  // canonical, sorted (colours.h)
  // Tokens of the title holding a digit that are neither model numbers nor
  // quantities: series and generation numbers ("iPhone 13", "Edge 22",
  // "Office 2007", "M29"), in order, distinct.
  std::vector<std::string> numbers;
};

ProductText ParseProductText(absl::string_view title,
                             absl::string_view description = "");

}  // namespace mdm::matching

#endif  // MDM_MATCHING_PRODUCT_PRODUCT_TEXT_H_
