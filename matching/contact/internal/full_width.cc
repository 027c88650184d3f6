#include "matching/contact/internal/full_width.h"

#include <cstddef>
#include <cstdint>

namespace mdm::matching::internal {

std::string FoldFullWidth(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    // Both forms are three-byte sequences: EF BC/BD xx and E3 80 80.
    if (i + 2 < text.size()) {
      const auto b0 = static_cast<uint8_t>(text[i]);
      const auto b1 = static_cast<uint8_t>(text[i + 1]);
      const auto b2 = static_cast<uint8_t>(text[i + 2]);
      if ((b0 & 0xF0) == 0xE0 && (b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80) {
        const uint32_t code_point =
            ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
        if (code_point >= 0xFF01 && code_point <= 0xFF5E) {
          out.push_back(static_cast<char>(code_point - 0xFEE0));
          i += 3;
          continue;
        }
        if (code_point == 0x3000) {
          out.push_back(' ');
          i += 3;
          continue;
        }
      }
    }
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

}  // namespace mdm::matching::internal
