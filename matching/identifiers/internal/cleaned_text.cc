#include "matching/identifiers/internal/cleaned_text.h"

#include <cstddef>
#include <cstdint>

#include "absl/strings/ascii.h"

namespace mdm::matching::identifiers_internal {
namespace {

// Decodes the UTF-8 sequence at text[*pos], advancing *pos past it. Returns
// -1 (and advances one byte) for an ill-formed sequence; such bytes are kept
// as they are by the caller.
int32_t DecodeUtf8(absl::string_view text, size_t* pos) {
  const auto byte = [&](size_t i) {
    return static_cast<uint8_t>(text[*pos + i]);
  };
  const uint8_t lead = byte(0);
  int length = 0;
  int32_t code_point = 0;
  if (lead < 0x80) {
    ++*pos;
    return lead;
  } else if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code_point = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code_point = lead & 0x07;
  } else {
    ++*pos;
    return -1;
  }
  if (*pos + length > text.size()) {
    ++*pos;
    return -1;
  }
  for (int i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) {
      ++*pos;
      return -1;
    }
    code_point = (code_point << 6) | (byte(i) & 0x3F);
  }
  // Overlong forms and surrogates are ill-formed.
  if ((length == 3 && code_point < 0x800) ||
      (length == 4 && (code_point < 0x10000 || code_point > 0x10FFFF)) ||
      (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    ++*pos;
    return -1;
  }
  *pos += length;
  return code_point;
}

bool IsSeparator(int32_t c) {
  switch (c) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '-':
    case '.':
    case '/':
    case 0x00A0:  // No-break space.
    case 0x2212:  // Minus sign.
    case 0x3000:  // Ideographic space.
      return true;
    default:
      return c >= 0x2010 && c <= 0x2015;  // Hyphens and dashes.
  }
}

}  // namespace

CleanedText CleanIdentifierText(absl::string_view text) {
  CleanedText out;
  out.text.reserve(text.size());
  int run = 0;
  const auto end_run = [&] {
    if (run > 0) out.groups.push_back(run);
    run = 0;
  };
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    int32_t c = DecodeUtf8(text, &pos);
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // Full-width to ASCII.
    if (IsSeparator(c)) {
      end_run();
      continue;
    }
    const size_t before = out.text.size();
    if (c >= 0 && c < 0x80) {
      out.text.push_back(absl::ascii_toupper(static_cast<char>(c)));
    } else {
      out.text.append(text.data() + start, pos - start);
    }
    run += static_cast<int>(out.text.size() - before);
  }
  end_run();
  return out;
}

bool IsDigits(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return true;
}

bool IsUpperAlnum(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(c) && !(c >= 'A' && c <= 'Z')) return false;
  }
  return true;
}

}  // namespace mdm::matching::identifiers_internal
