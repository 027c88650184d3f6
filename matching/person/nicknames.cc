#include "matching/person/nicknames.h"

#include <algorithm>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_split.h"
#include "matching/person/internal/nickname_table.h"

namespace mdm::matching {
namespace {

using FormalNamesMap =
    absl::flat_hash_map<absl::string_view, std::vector<absl::string_view>>;

const FormalNamesMap& FormalNames() {
  static const FormalNamesMap* const map = [] {
    auto* built = new FormalNamesMap;
    for (absl::string_view row : internal::NicknameTableRows()) {
      std::vector<absl::string_view> words =
          absl::StrSplit(row, ' ', absl::SkipEmpty());
      if (words.size() < 2) continue;
      (*built)[words[0]].assign(words.begin() + 1, words.end());
    }
    return built;
  }();
  return *map;
}

bool Contains(absl::Span<const absl::string_view> names,
              absl::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

absl::Span<const absl::string_view> FormalNamesFor(absl::string_view nickname) {
  const FormalNamesMap& map = FormalNames();
  const auto it = map.find(nickname);
  if (it == map.end()) return {};
  return it->second;
}

bool NicknameEquivalent(absl::string_view a, absl::string_view b) {
  if (a == b) return true;
  const absl::Span<const absl::string_view> formal_a = FormalNamesFor(a);
  const absl::Span<const absl::string_view> formal_b = FormalNamesFor(b);
  if (Contains(formal_a, b) || Contains(formal_b, a)) return true;
  for (absl::string_view name : formal_a) {
    if (Contains(formal_b, name)) return true;
  }
  return false;
}

}  // namespace mdm::matching
