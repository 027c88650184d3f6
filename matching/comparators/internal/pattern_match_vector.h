// Implementation detail of the bit-parallel string kernels; not for use
// outside matching/comparators.
//
// A PatternMatchVector maps each code point c to the 64-bit mask whose bit i is
// set when pattern[i] == c. Jaro, Myers/Hyyrö Levenshtein and Hyyrö OSA all
// advance one text character at a time using only that mask.
//
//   PatternMatchVector pm(U"anna", U"hanna");
//   pm.Get(U'a') == 0b1001;  pm.Get(U'n') == 0b0110;  pm.Get(U'h') == 0;
//
// Cost: lives on the stack (about 2.6 KiB), never allocates. Construction is
// O(|pattern| + |queries|): only the ASCII slots for code points that occur in
// `pattern` or `queries` are cleared, so Get() may only be asked about those
// code points. Non-ASCII code points go to an open-addressing table of 8 to
// 128 slots, sized and cleared only when the pattern has any.
#ifndef MDM_MATCHING_COMPARATORS_INTERNAL_PATTERN_MATCH_VECTOR_H_
#define MDM_MATCHING_COMPARATORS_INTERNAL_PATTERN_MATCH_VECTOR_H_

#include <cstdint>
#include <cstring>
#include <string_view>

namespace mdm::matching::internal {

class PatternMatchVector {
 public:
  static constexpr size_t kMaxPatternLength = 64;

  // REQUIRES: pattern.size() <= kMaxPatternLength. Get(c) is defined for
  // every c in `pattern` or in `queries`.
  PatternMatchVector(std::u32string_view pattern, std::u32string_view queries) {
    for (char32_t c : queries) {
      if (c < kAsciiSize) ascii_[c] = 0;
    }
    for (char32_t c : pattern) {
      if (c < kAsciiSize) {
        ascii_[c] = 0;
      } else {
        has_extended_ = true;
      }
    }
    if (has_extended_) {
      // At least twice as many slots as pattern characters, so probes stay
      // short and a free slot always exists.
      slot_bits_ = 3;
      while ((size_t{1} << slot_bits_) < 2 * pattern.size()) ++slot_bits_;
      std::memset(values_, 0, sizeof(values_[0]) << slot_bits_);
    }
    uint64_t bit = 1;
    for (char32_t c : pattern) {
      if (c < kAsciiSize) {
        ascii_[c] |= bit;
      } else {
        const unsigned slot = Probe(c);
        keys_[slot] = c;
        values_[slot] |= bit;
      }
      bit <<= 1;
    }
  }

  PatternMatchVector(const PatternMatchVector&) = delete;
  PatternMatchVector& operator=(const PatternMatchVector&) = delete;

  uint64_t Get(char32_t c) const {
    if (c < kAsciiSize) return ascii_[c];
    if (!has_extended_) return 0;
    return values_[Probe(c)];
  }

 private:
  static constexpr char32_t kAsciiSize = 128;
  static constexpr unsigned kMaxSlots = 2 * kMaxPatternLength;

  // The slot holding `c`, or the free slot where it belongs. A slot is free
  // when its mask is 0: every stored code point has at least one bit.
  unsigned Probe(char32_t c) const {
    unsigned slot =
        (static_cast<uint32_t>(c) * 0x9E3779B1u) >> (32 - slot_bits_);
    const unsigned mask = (1u << slot_bits_) - 1;
    while (values_[slot] != 0 && keys_[slot] != c) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  // Deliberately not value-initialized; see the class comment.
  uint64_t ascii_[kAsciiSize];
  bool has_extended_ = false;
  unsigned slot_bits_ = 0;  // the table has 1 << slot_bits_ slots in use
  char32_t keys_[kMaxSlots];
  uint64_t values_[kMaxSlots];
};

}  // namespace mdm::matching::internal

#endif  // MDM_MATCHING_COMPARATORS_INTERNAL_PATTERN_MATCH_VECTOR_H_
