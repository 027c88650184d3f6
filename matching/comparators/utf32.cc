#include "matching/comparators/utf32.h"

#include <cstdint>
#include <cstring>
#include <string>

namespace mdm::matching {
namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ull;

bool IsAscii(const unsigned char* s, size_t n) {
  uint64_t acc = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    std::memcpy(&word, s + i, 8);
    acc |= word;
  }
  for (; i < n; ++i) acc |= s[i];
  return (acc & kHighBits) == 0;
}

// Decodes one code point starting at s[0] (a byte >= 0x80), n >= 1 bytes
// available. Sets *consumed to the length of the well-formed sequence, or of
// the maximal ill-formed subpart, and returns the code point or U+FFFD.
char32_t DecodeMultiByte(const unsigned char* s, size_t n, size_t* consumed) {
  const unsigned lead = s[0];
  int length;
  // Allowed range of the second byte; later bytes are always 80..BF.
  unsigned lo = 0x80, hi = 0xBF;
  char32_t cp;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    cp = lead & 0x0F;
    if (lead == 0xE0) lo = 0xA0;  // no overlongs
    if (lead == 0xED) hi = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    cp = lead & 0x07;
    if (lead == 0xF0) lo = 0x90;  // no overlongs
    if (lead == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    *consumed = 1;  // 80..C1 or F5..FF can start nothing
    return kReplacementCharacter;
  }
  for (int k = 1; k < length; ++k) {
    if (static_cast<size_t>(k) >= n) {
      *consumed = k;
      return kReplacementCharacter;
    }
    const unsigned byte = s[k];
    if (byte < lo || byte > hi) {
      *consumed = k;
      return kReplacementCharacter;
    }
    lo = 0x80;
    hi = 0xBF;
    cp = (cp << 6) | (byte & 0x3F);
  }
  *consumed = length;
  return cp;
}

}  // namespace

size_t DecodeUtf8(absl::string_view utf8, char32_t* out) {
  const auto* s = reinterpret_cast<const unsigned char*>(utf8.data());
  const size_t n = utf8.size();
  if (IsAscii(s, n)) {
    for (size_t i = 0; i < n; ++i) out[i] = s[i];  // vectorized widening
    return n;
  }
  size_t written = 0;
  size_t i = 0;
  while (i < n) {
    if (s[i] < 0x80) {
      out[written++] = s[i++];
      continue;
    }
    size_t consumed;
    out[written++] = DecodeMultiByte(s + i, n - i, &consumed);
    i += consumed;
  }
  return written;
}

void AppendCodePoints(absl::string_view utf8, std::u32string* out) {
  const size_t old_size = out->size();
  out->resize(old_size + utf8.size());  // at most one code point per byte
  out->resize(old_size + DecodeUtf8(utf8, out->data() + old_size));
}

std::u32string ToCodePoints(absl::string_view utf8) {
  std::u32string out;
  AppendCodePoints(utf8, &out);
  return out;
}

std::string ToUtf8(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size());
  for (char32_t c : code_points) {
    if (c >= 0xD800 && (c <= 0xDFFF || c > 0x10FFFF)) c = kReplacementCharacter;
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

}  // namespace mdm::matching
