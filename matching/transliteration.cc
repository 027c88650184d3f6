#include "matching/transliteration.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"

namespace mdm::matching {
namespace {

enum TransformId { kPinyin, kPinyinName, kSimplified, kLatin, kTransformCount };

constexpr const char* kTransformRules[kTransformCount] = {
    "Han-Latin; Latin-ASCII; Lower",
    "Han-Latin/Names; Latin-ASCII; Lower",
    "Hant-Hans",
    "Any-Latin; Latin-ASCII; Lower",
};

// Per-thread transform objects: ICU transliterators must not be shared
// between threads.
icu::Transliterator* Transform(TransformId id) {
  thread_local std::unique_ptr<icu::Transliterator> transforms[kTransformCount];
  std::unique_ptr<icu::Transliterator>& slot = transforms[id];
  if (slot == nullptr) {
    UErrorCode status = U_ZERO_ERROR;
    slot.reset(icu::Transliterator::createInstance(
        icu::UnicodeString::fromUTF8(kTransformRules[id]), UTRANS_FORWARD,
        status));
    if (U_FAILURE(status)) slot.reset();
  }
  return slot.get();
}

std::string Apply(TransformId id, absl::string_view text) {
  icu::Transliterator* transform = Transform(id);
  if (transform == nullptr) return std::string(text);
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  transform->transliterate(unicode);
  std::string out;
  unicode.toUTF8String(out);
  return out;
}

// Han-Latin writes syllables of adjacent characters with no separator only
// when they are not Han; make sure each Han syllable stands alone.
std::string SpaceHan(absl::string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  bool previous_han = false;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    UErrorCode status = U_ZERO_ERROR;
    const bool han = c >= 0 && uscript_getScript(c, &status) == USCRIPT_HAN;
    if (han || previous_han) out.push_back(' ');
    out.append(text.data() + start, i - start);
    previous_han = han;
  }
  return out;
}

std::string Squeeze(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (absl::ascii_isspace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

template <typename Predicate>
bool AnyCodePoint(absl::string_view text, Predicate predicate) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && predicate(c)) return true;
  }
  return false;
}

}  // namespace

bool ContainsHan(absl::string_view text) {
  return AnyCodePoint(text, [](UChar32 c) {
    UErrorCode status = U_ZERO_ERROR;
    return uscript_getScript(c, &status) == USCRIPT_HAN;
  });
}

bool ContainsNonLatinLetters(absl::string_view text) {
  return AnyCodePoint(text, [](UChar32 c) {
    if (!u_isalpha(c)) return false;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    return script != USCRIPT_LATIN && script != USCRIPT_COMMON &&
           script != USCRIPT_INHERITED;
  });
}

std::string HanToPinyin(absl::string_view text) {
  if (!ContainsHan(text)) return absl::AsciiStrToLower(text);
  // Each Han character stands alone once spaced, so its syllable does not
  // depend on its neighbours: a per-thread memo by code point spares the
  // transform's rule search for characters seen before. Text between Han
  // characters goes through the transform as it is.
  thread_local absl::flat_hash_map<UChar32, std::string> syllables;
  constexpr size_t kMostSyllables = 1 << 16;
  const std::string spaced = SpaceHan(text);
  std::string out, run;
  auto flush_run = [&] {
    // Mostly the space between two syllables, which the transform keeps
    // (other ASCII it does not: it spaces out punctuation).
    if (std::all_of(run.begin(), run.end(), [](char c) { return c == ' '; })) {
      out += run;
    } else {
      out += Apply(kPinyin, run);
    }
    run.clear();
  };
  const auto* bytes = reinterpret_cast<const uint8_t*>(spaced.data());
  const int32_t length = static_cast<int32_t>(spaced.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    const absl::string_view character(spaced.data() + start, i - start);
    UErrorCode status = U_ZERO_ERROR;
    if (c < 0 || uscript_getScript(c, &status) != USCRIPT_HAN) {
      run.append(character.data(), character.size());
      continue;
    }
    flush_run();
    auto it = syllables.find(c);
    if (it == syllables.end()) {
      if (syllables.size() >= kMostSyllables) syllables.clear();
      it = syllables.emplace(c, Apply(kPinyin, character)).first;
    }
    out += it->second;
  }
  flush_run();
  return Squeeze(out);
}

std::string HanToPinyinName(absl::string_view text) {
  if (!ContainsHan(text)) return absl::AsciiStrToLower(text);
  return Squeeze(Apply(kPinyinName, SpaceHan(text)));
}

std::string TraditionalToSimplified(absl::string_view text) {
  if (!ContainsHan(text)) return std::string(text);
  return Apply(kSimplified, text);
}

std::string ToLatin(absl::string_view text) {
  // ASCII is Latin already, and lower-casing it is what the transform does.
  if (std::all_of(text.begin(), text.end(), absl::ascii_isascii)) {
    return Squeeze(absl::AsciiStrToLower(text));
  }
  if (!ContainsNonLatinLetters(text)) {
    return Squeeze(Apply(kLatin, text));
  }
  return Squeeze(Apply(kLatin, SpaceHan(text)));
}

}  // namespace mdm::matching
