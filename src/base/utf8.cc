#include "src/base/utf8.h"

#include <unicode/utf8.h>

#include <cstdint>

namespace mdm {

size_t FirstInvalidUtf8(absl::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return static_cast<size_t>(start);
  }
  return text.size();
}

bool IsValidUtf8(absl::string_view text) {
  return FirstInvalidUtf8(text) == text.size();
}

}  // namespace mdm
