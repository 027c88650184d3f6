#include "tools/gen/internal/text_noise.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"

namespace mdm::gen {

std::string Typo(std::string word, Random& random) {
  if (word.size() < 4 || std::any_of(word.begin(), word.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x80;
      })) {
    return word;
  }
  const size_t at = 1 + random.Next() % (word.size() - 2);
  switch (random.Next() % 4) {
    case 0:
      std::swap(word[at], word[at + 1]);
      break;
    case 1:
      word.erase(at, 1);
      break;
    case 2:
      word.insert(at, 1, word[at]);
      break;
    default:
      word[at] = static_cast<char>('a' + random.Next() % 26);
      break;
  }
  return word;
}

std::string Capitalized(std::string word) {
  if (!word.empty()) word[0] = absl::ascii_toupper(word[0]);
  return word;
}

}  // namespace mdm::gen
