#include "matching/comparators/qgram_cosine.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/container/inlined_vector.h"
#include "matching/comparators/utf32.h"

namespace mdm::matching {
namespace {

constexpr int kBitsPerCodePoint = 21;  // 0x110001 < 2^21

// A bijection on 64-bit words (the SplitMix64 finalizer), so that exact
// packed grams spread evenly over hash tables.
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  x ^= x >> 31;
  return x;
}

uint64_t Clean(char32_t c) {
  return c > QGramProfile::kEndMarker ? uint64_t{0xFFFD} : uint64_t{c};
}

// Packs q <= 3 code points into the low 21 * q bits and tags q with bit
// 60 + q, which lies above them and differs for each q.
uint64_t PackedHash(const char32_t* gram, int q) {
  uint64_t packed = 0;
  for (int k = 0; k < q; ++k) {
    packed = (packed << kBitsPerCodePoint) | Clean(gram[k]);
  }
  return Mix(packed | uint64_t{1} << (60 + q));
}

}  // namespace

uint64_t QGramProfile::GramHash(std::u32string_view gram) {
  return PackedHash(gram.data(), static_cast<int>(gram.size()));
}

QGramProfile QGramProfile::FromCodePoints(std::u32string_view text, int q) {
  QGramProfile profile;
  q = std::clamp(q, kMinQ, kMaxQ);
  profile.q_ = q;
  if (text.empty()) return profile;
  const size_t pad = static_cast<size_t>(q - 1);
  absl::InlinedVector<char32_t, 64> padded(text.size() + 2 * pad);
  std::fill(padded.begin(), padded.begin() + pad, kStartMarker);
  std::transform(text.begin(), text.end(), padded.begin() + pad,
                 [](char32_t c) { return c > 0x10FFFF ? U'\uFFFD' : c; });
  std::fill(padded.end() - pad, padded.end(), kEndMarker);

  const size_t n = padded.size() - pad;  // number of grams
  absl::InlinedVector<uint64_t, 64> hashes(n);
  for (size_t k = 0; k < n; ++k) hashes[k] = PackedHash(&padded[k], q);
  std::sort(hashes.begin(), hashes.end());

  size_t distinct = 1;
  for (size_t k = 1; k < n; ++k) distinct += hashes[k] != hashes[k - 1];
  profile.grams_.reserve(distinct);
  double sum_squares = 0;
  for (size_t k = 0; k < n;) {
    size_t end = k + 1;
    while (end < n && hashes[end] == hashes[k]) ++end;
    const int32_t count = static_cast<int32_t>(end - k);
    profile.grams_.push_back({hashes[k], count});
    sum_squares += static_cast<double>(count) * count;
    k = end;
  }
  profile.norm_ = std::sqrt(sum_squares);
  return profile;
}

QGramProfile QGramProfile::FromUtf8(absl::string_view text, int q) {
  return FromCodePoints(ToCodePoints(text), q);
}

double Cosine(const QGramProfile& a, const QGramProfile& b) {
  if (a.empty() || b.empty()) return a.empty() && b.empty() ? 1.0 : 0.0;
  const auto x = a.grams();
  const auto y = b.grams();
  int64_t dot = 0;
  size_t i = 0;
  size_t j = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i].hash < y[j].hash) {
      ++i;
    } else if (y[j].hash < x[i].hash) {
      ++j;
    } else {
      dot += int64_t{x[i].count} * y[j].count;
      ++i;
      ++j;
    }
  }
  return std::min(1.0, static_cast<double>(dot) / (a.norm() * b.norm()));
}

double CosineTfIdf(const QGramProfile& a, const QGramProfile& b,
                   absl::FunctionRef<double(uint64_t)> idf) {
  if (a.empty() || b.empty()) return a.empty() && b.empty() ? 1.0 : 0.0;
  const auto x = a.grams();
  const auto y = b.grams();
  double dot = 0;
  double xx = 0;
  double yy = 0;
  size_t i = 0;
  size_t j = 0;
  while (i < x.size() || j < y.size()) {
    if (j == y.size() || (i < x.size() && x[i].hash < y[j].hash)) {
      const double w = x[i].count * idf(x[i].hash);
      xx += w * w;
      ++i;
    } else if (i == x.size() || y[j].hash < x[i].hash) {
      const double w = y[j].count * idf(y[j].hash);
      yy += w * w;
      ++j;
    } else {
      const double weight = idf(x[i].hash);
      const double wx = x[i].count * weight;
      const double wy = y[j].count * weight;
      dot += wx * wy;
      xx += wx * wx;
      yy += wy * wy;
      ++i;
      ++j;
    }
  }
  if (!(xx > 0) || !(yy > 0)) return 0.0;
  return std::clamp(dot / (std::sqrt(xx) * std::sqrt(yy)), 0.0, 1.0);
}

}  // namespace mdm::matching
