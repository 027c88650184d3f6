#include "matching/product/product_text.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "matching/product/model_numbers.h"
#include "matching/text_normalizer.h"

namespace mdm::matching {
namespace {

bool IsStopword(absl::string_view token) {
  static constexpr absl::string_view kStopwords[] = {
      "the", "and", "for", "with", "of", "a", "an", "&", "-", "by", "in", "new",
  };
  return std::find(std::begin(kStopwords), std::end(kStopwords), token) !=
         std::end(kStopwords);
}

void AddModelNumber(std::string model, std::vector<std::string>* models) {
  if (std::find(models->begin(), models->end(), model) == models->end()) {
    models->push_back(std::move(model));
  }
}

}  // namespace

ProductText ParseProductText(absl::string_view title,
                             absl::string_view description) {
  ProductText result;
  std::string rest(title);
  for (QuantityMatch& match : FindQuantities(title)) {
    std::fill(rest.begin() + match.begin, rest.begin() + match.end, ' ');
    result.quantities.push_back(std::move(match.quantity));
  }
  for (ModelNumberMatch& match : FindModelNumbers(title)) {
    std::fill(rest.begin() + match.begin, rest.begin() + match.end, ' ');
    AddModelNumber(std::move(match.model), &result.model_numbers);
  }
  for (std::string& token : NormalizedTokens(rest)) {
    if (IsStopword(token)) continue;
    if (std::any_of(token.begin(), token.end(), absl::ascii_isdigit) &&
        std::find(result.numbers.begin(), result.numbers.end(), token) ==
            result.numbers.end()) {
      result.numbers.push_back(token);
    }
    result.tokens.push_back(std::move(token));
  }
  result.colours = ExtractColours(title);
  for (std::string& model : ExtractModelNumbers(description)) {
    AddModelNumber(std::move(model), &result.model_numbers);
  }
  return result;
}

}  // namespace mdm::matching
