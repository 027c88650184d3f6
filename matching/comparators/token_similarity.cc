#include "matching/comparators/token_similarity.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>

#include "absl/container/inlined_vector.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "matching/comparators/jaro_winkler.h"
#include "matching/comparators/utf32.h"

namespace mdm::matching {
namespace {

using Tokens = absl::Span<const std::string>;

// Up to this many tokens in both lists together, compare pairwise in place.
constexpr size_t kSmallTotal = 16;

bool Contains(Tokens tokens, size_t end, absl::string_view token) {
  for (size_t i = 0; i < end; ++i) {
    if (tokens[i] == token) return true;
  }
  return false;
}

using SortedTokens = absl::InlinedVector<absl::string_view, 16>;

SortedTokens SortedDistinct(Tokens tokens) {
  SortedTokens out(tokens.begin(), tokens.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Calls visit(token, in_a, in_b) once for every distinct token of A ∪ B.
template <typename Visit>
void ForEachDistinctToken(Tokens a, Tokens b, Visit visit) {
  if (a.size() + b.size() <= kSmallTotal) {
    for (size_t i = 0; i < a.size(); ++i) {
      if (Contains(a, i, a[i])) continue;
      visit(absl::string_view(a[i]), true, Contains(b, b.size(), a[i]));
    }
    for (size_t j = 0; j < b.size(); ++j) {
      if (Contains(b, j, b[j]) || Contains(a, a.size(), b[j])) continue;
      visit(absl::string_view(b[j]), false, true);
    }
    return;
  }
  const SortedTokens sa = SortedDistinct(a);
  const SortedTokens sb = SortedDistinct(b);
  size_t i = 0;
  size_t j = 0;
  while (i < sa.size() || j < sb.size()) {
    if (j == sb.size() || (i < sa.size() && sa[i] < sb[j])) {
      visit(sa[i++], true, false);
    } else if (i == sa.size() || sb[j] < sa[i]) {
      visit(sb[j++], false, true);
    } else {
      visit(sa[i], true, true);
      ++i;
      ++j;
    }
  }
}

struct Counts {
  int only_a = 0;
  int only_b = 0;
  int shared = 0;
};

Counts CountTokens(Tokens a, Tokens b) {
  Counts counts;
  ForEachDistinctToken(a, b,
                       [&counts](absl::string_view, bool in_a, bool in_b) {
                         if (in_a && in_b) {
                           ++counts.shared;
                         } else if (in_a) {
                           ++counts.only_a;
                         } else {
                           ++counts.only_b;
                         }
                       });
  return counts;
}

// The distinct tokens of a list, in first-seen order.
absl::InlinedVector<absl::string_view, 8> Distinct(Tokens tokens) {
  absl::InlinedVector<absl::string_view, 8> out;
  if (tokens.size() <= kSmallTotal) {
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (!Contains(tokens, i, tokens[i])) out.push_back(tokens[i]);
    }
    return out;
  }
  const SortedTokens sorted = SortedDistinct(tokens);
  out.assign(sorted.begin(), sorted.end());
  return out;
}

}  // namespace

double Jaccard(Tokens a, Tokens b) {
  const Counts c = CountTokens(a, b);
  const int all = c.only_a + c.only_b + c.shared;
  if (all == 0) return 1.0;
  return static_cast<double>(c.shared) / static_cast<double>(all);
}

double TokenSetRatio(Tokens a, Tokens b) {
  const Counts c = CountTokens(a, b);
  const int smaller = std::min(c.only_a, c.only_b) + c.shared;
  if (smaller == 0) return 0.0;
  return static_cast<double>(c.shared) / static_cast<double>(smaller);
}

double WeightedJaccard(Tokens a, Tokens b,
                       absl::FunctionRef<double(absl::string_view)> weight) {
  double shared = 0;
  double all = 0;
  bool equal_sets = true;
  ForEachDistinctToken(a, b,
                       [&](absl::string_view token, bool in_a, bool in_b) {
                         const double w = weight(token);
                         all += w;
                         if (in_a && in_b) {
                           shared += w;
                         } else {
                           equal_sets = false;
                         }
                       });
  if (!(all > 0)) return equal_sets ? 1.0 : 0.0;
  return std::clamp(shared / all, 0.0, 1.0);
}

double TokenCosine(Tokens a, Tokens b,
                   absl::FunctionRef<double(absl::string_view)> weight) {
  if (a.empty() || b.empty()) return 0;
  // Counts per distinct token, from sorted views of the lists.
  auto counted = [](Tokens list) {
    std::vector<absl::string_view> sorted(list.begin(), list.end());
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::pair<absl::string_view, int>> counts;
    for (absl::string_view token : sorted) {
      if (!counts.empty() && counts.back().first == token) {
        ++counts.back().second;
      } else {
        counts.emplace_back(token, 1);
      }
    }
    return counts;
  };
  const auto ca = counted(a);
  const auto cb = counted(b);
  double dot = 0, norm_a = 0, norm_b = 0;
  size_t i = 0, j = 0;
  while (i < ca.size() || j < cb.size()) {
    if (j == cb.size() || (i < ca.size() && ca[i].first < cb[j].first)) {
      const double w = weight(ca[i].first) * ca[i].second;
      norm_a += w * w;
      ++i;
    } else if (i == ca.size() || cb[j].first < ca[i].first) {
      const double w = weight(cb[j].first) * cb[j].second;
      norm_b += w * w;
      ++j;
    } else {
      const double w = weight(ca[i].first);
      const double wa = w * ca[i].second;
      const double wb = w * cb[j].second;
      dot += wa * wb;
      norm_a += wa * wa;
      norm_b += wb * wb;
      ++i;
      ++j;
    }
  }
  if (norm_a <= 0 || norm_b <= 0) return 0;
  return std::min(1.0, dot / std::sqrt(norm_a * norm_b));
}

double SoftTokenOverlap(Tokens a, Tokens b, double threshold) {
  const auto distinct_a = Distinct(a);
  const auto distinct_b = Distinct(b);
  const size_t smaller = std::min(distinct_a.size(), distinct_b.size());
  if (smaller == 0) return 0.0;

  // Decode every token once into one buffer; ends[k] closes token k.
  size_t bytes = 0;
  for (absl::string_view token : distinct_a) bytes += token.size();
  for (absl::string_view token : distinct_b) bytes += token.size();
  absl::InlinedVector<char32_t, 128> buffer(bytes);
  absl::InlinedVector<size_t, 16> ends;
  size_t used_code_points = 0;
  for (const auto* list : {&distinct_a, &distinct_b}) {
    for (absl::string_view token : *list) {
      used_code_points += DecodeUtf8(token, buffer.data() + used_code_points);
      ends.push_back(used_code_points);
    }
  }
  const std::u32string_view all(buffer.data(), used_code_points);
  auto token = [&](size_t k) {
    const size_t begin = k == 0 ? 0 : ends[k - 1];
    return all.substr(begin, ends[k] - begin);
  };

  struct Candidate {
    double score;
    uint32_t i;
    uint32_t j;
  };
  absl::InlinedVector<Candidate, 16> candidates;
  for (size_t i = 0; i < distinct_a.size(); ++i) {
    for (size_t j = 0; j < distinct_b.size(); ++j) {
      const double score = JaroWinkler(token(i), token(distinct_a.size() + j));
      if (score >= threshold) {
        candidates.push_back(
            {score, static_cast<uint32_t>(i), static_cast<uint32_t>(j)});
      }
    }
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& x, const Candidate& y) {
              return std::tie(y.score, x.i, x.j) < std::tie(x.score, y.i, y.j);
            });
  absl::InlinedVector<bool, 16> used(distinct_a.size() + distinct_b.size(),
                                     false);
  size_t matched = 0;
  for (const Candidate& c : candidates) {
    bool& used_a = used[c.i];
    bool& used_b = used[distinct_a.size() + c.j];
    if (used_a || used_b) continue;
    used_a = used_b = true;
    if (++matched == smaller) break;
  }
  return static_cast<double>(matched) / static_cast<double>(smaller);
}

}  // namespace mdm::matching
