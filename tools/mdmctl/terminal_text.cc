#include "tools/mdmctl/terminal_text.h"

#include "absl/strings/str_format.h"

namespace mdm::cli {
namespace {

constexpr absl::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026
constexpr absl::string_view kReset = "\033[0m";

// Decodes the well-formed UTF-8 sequence at text[i]: its code point and
// length. False (length 1) for a byte that does not start one.
bool DecodeAt(absl::string_view text, size_t i, uint32_t& code_point,
              size_t& length) {
  const auto byte = [&](size_t k) {
    return static_cast<unsigned char>(text[i + k]);
  };
  const unsigned char lead = byte(0);
  length = 1;
  if (lead < 0x80) {
    code_point = lead;
    return true;
  }
  size_t need = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 1;
    code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 2;
    code_point = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 3;
    code_point = lead & 0x07;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return false;
  }
  if (i + need >= text.size()) return false;
  for (size_t k = 1; k <= need; ++k) {
    const unsigned char c = byte(k);
    if (c < (k == 1 ? low : 0x80) || c > (k == 1 ? high : 0xBF)) return false;
    code_point = (code_point << 6) | (c & 0x3F);
  }
  length = need + 1;
  return true;
}

size_t ColumnsOf(uint32_t c) {
  const bool wide =
      (c >= 0x1100 && c <= 0x115F) ||
      (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) ||
      (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
      (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
      (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
  return wide ? 2 : 1;
}

// Length of the SGR sequence (ESC [ digits/; m) at text[i], or 0.
size_t SgrLength(absl::string_view text, size_t i) {
  if (text[i] != '\033' || i + 1 >= text.size() || text[i + 1] != '[') {
    return 0;
  }
  for (size_t k = i + 2; k < text.size(); ++k) {
    const char c = text[k];
    if (c == 'm') return k - i + 1;
    if (!((c >= '0' && c <= '9') || c == ';')) return 0;
  }
  return 0;
}

}  // namespace

bool IsUnsafeCodePoint(uint32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E ||
         c == 0x200F || (c >= 0x2028 && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

std::string TerminalSafe(absl::string_view text) {
  std::string safe;
  safe.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    uint32_t c = 0;
    size_t length = 1;
    if (!DecodeAt(text, i, c, length)) {
      absl::StrAppendFormat(&safe, "\\x%02x",
                            static_cast<unsigned char>(text[i]));
      i += 1;
      continue;
    }
    if (!IsUnsafeCodePoint(c)) {
      safe.append(text.data() + i, length);
    } else if (c == '\n') {
      safe += "\\n";
    } else if (c == '\r') {
      safe += "\\r";
    } else if (c == '\t') {
      safe += "\\t";
    } else if (c < 0x80) {
      absl::StrAppendFormat(&safe, "\\x%02x", c);
    } else {
      absl::StrAppendFormat(&safe, "\\u%04x", c);
    }
    i += length;
  }
  return safe;
}

size_t DisplayWidth(absl::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    if (const size_t sgr = SgrLength(text, i); sgr > 0) {
      i += sgr;
      continue;
    }
    uint32_t c = 0;
    size_t length = 1;
    width += DecodeAt(text, i, c, length) ? ColumnsOf(c) : 1;
    i += length;
  }
  return width;
}

std::string FitToWidth(absl::string_view text, size_t width) {
  if (DisplayWidth(text) <= width) return std::string(text);
  std::string fitted;
  if (width == 0) return fitted;
  bool styled = false;
  size_t used = 0;
  for (size_t i = 0; i < text.size();) {
    if (const size_t sgr = SgrLength(text, i); sgr > 0) {
      fitted.append(text.data() + i, sgr);
      styled = true;
      i += sgr;
      continue;
    }
    uint32_t c = 0;
    size_t length = 1;
    const size_t columns = DecodeAt(text, i, c, length) ? ColumnsOf(c) : 1;
    if (used + columns > width - 1) break;  // one column for the ellipsis
    fitted.append(text.data() + i, length);
    used += columns;
    i += length;
  }
  fitted.append(kEllipsis.data(), kEllipsis.size());
  if (styled) fitted.append(kReset.data(), kReset.size());
  return fitted;
}

}  // namespace mdm::cli
