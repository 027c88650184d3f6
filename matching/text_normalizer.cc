#include "matching/text_normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "absl/strings/str_split.h"

namespace mdm::matching {
namespace {

const icu::Normalizer2* NfkcCasefold() {
  static const icu::Normalizer2* const normalizer = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n =
        icu::Normalizer2::getNFKCCasefoldInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return normalizer;
}

bool IsApostrophe(UChar32 c) {
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == '`';
}

// True for characters kept as part of a token.
bool IsWordCharacter(UChar32 c) {
  const int32_t category_mask = U_GET_GC_MASK(c);
  return (category_mask & (U_GC_L_MASK | U_GC_N_MASK | U_GC_M_MASK)) != 0;
}

}  // namespace

std::string NormalizeText(absl::string_view text) {
  icu::UnicodeString folded;
  {
    icu::UnicodeString input = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer = NfkcCasefold();
    if (normalizer != nullptr) {
      folded = normalizer->normalize(input, status);
    }
    if (normalizer == nullptr || U_FAILURE(status)) folded = input.foldCase();
  }
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (int32_t i = 0; i < folded.length();) {
    const UChar32 c = folded.char32At(i);
    i += U16_LENGTH(c);
    if (IsApostrophe(c)) continue;
    if (!IsWordCharacter(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    char buffer[U8_MAX_LENGTH];
    int32_t length = 0;
    UBool error = false;
    U8_APPEND(buffer, length, U8_MAX_LENGTH, c, error);
    if (!error) out.append(buffer, length);
  }
  return out;
}

std::vector<std::string> NormalizedTokens(absl::string_view text) {
  return absl::StrSplit(NormalizeText(text), ' ', absl::SkipEmpty());
}

}  // namespace mdm::matching
