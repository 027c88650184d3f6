#include "matching/person/soundex.h"

#include "absl/strings/ascii.h"

namespace mdm::matching {
namespace {

constexpr int kCodeLength = 4;

// Soundex digit of a lower-case letter; '0' for the vowels and y, which
// separate runs, and for h and w, which the caller skips.
char CodeOf(char letter) {
  //                                  abcdefghijklmnopqrstuvwxyz
  static constexpr char kCodes[27] = "01230120022455012623010202";
  return kCodes[letter - 'a'];
}

}  // namespace

std::string Soundex(absl::string_view token) {
  for (char c : token) {
    if (static_cast<unsigned char>(c) >= 0x80) return "";
  }
  std::string code;
  char previous = 0;  // Code of the last coded letter; 'h'/'w' keep it.
  for (char c : token) {
    if (!absl::ascii_isalpha(c)) continue;
    const char letter = absl::ascii_tolower(c);
    const char digit = CodeOf(letter);
    if (code.empty()) {
      code.push_back(absl::ascii_toupper(letter));
      previous = digit;
      continue;
    }
    if (letter == 'h' || letter == 'w') continue;
    if (digit != '0' && digit != previous) {
      code.push_back(digit);
      if (code.size() == kCodeLength) break;
    }
    previous = digit;
  }
  if (code.empty()) return code;
  code.resize(kCodeLength, '0');
  return code;
}

}  // namespace mdm::matching
