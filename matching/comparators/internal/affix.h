// Implementation detail of the edit-distance kernels; not for use outside
// matching/comparators.
//
// Removing the common prefix and suffix of two strings leaves their
// Levenshtein and OSA distances unchanged and shrinks the work, often to
// nothing for near-duplicate names.
#ifndef MDM_MATCHING_COMPARATORS_INTERNAL_AFFIX_H_
#define MDM_MATCHING_COMPARATORS_INTERNAL_AFFIX_H_

#include <string_view>

namespace mdm::matching::internal {

inline void RemoveCommonAffix(std::u32string_view& a, std::u32string_view& b) {
  size_t prefix = 0;
  const size_t shorter = a.size() < b.size() ? a.size() : b.size();
  while (prefix < shorter && a[prefix] == b[prefix]) ++prefix;
  a.remove_prefix(prefix);
  b.remove_prefix(prefix);
  size_t suffix = 0;
  const size_t rest = shorter - prefix;
  while (suffix < rest &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  a.remove_suffix(suffix);
  b.remove_suffix(suffix);
}

}  // namespace mdm::matching::internal

#endif  // MDM_MATCHING_COMPARATORS_INTERNAL_AFFIX_H_
