// Q-gram profiles and their cosine similarity, plain or TF-IDF weighted: a
// comparator for longer strings (company names, street addresses) where word
// boundaries are unreliable and edits cluster.
//
// A profile is the multiset of the string's q-grams (q consecutive code
// points) after padding with q - 1 start markers and q - 1 end markers, so
// first and last characters weigh as much as inner ones:
//
//   "anna", q = 2:  ^a an nn na a$        (^ and $ stand for the markers)
//
//   QGramProfile a = QGramProfile::FromUtf8("acme holdings");
//   QGramProfile b = QGramProfile::FromUtf8("acme holding");
//   double s = Cosine(a, b);                         // about 0.93
//   double t = CosineTfIdf(a, b, [&](uint64_t gram) { return idf[gram]; });
//
// Each gram is identified by a 64-bit hash that is exact: for q <= 3 the code
// points are packed losslessly and then mixed by a bijection, so two distinct
// grams never share a hash, and 2-grams never collide with 3-grams. Build an
// IDF table by counting, over a corpus of profiles, the documents in which
// each grams()[k].hash occurs.
//
// Cosine similarity is Σ x_g y_g / (|x| |y|) over the gram weight vectors,
// in [0, 1]: 1 for equal profiles (hence equal strings), 0 when no gram is
// shared. By convention two empty profiles (empty strings) score 1 and one
// empty profile scores 0. Profiles built with different q share no gram.
//
// Cost: building a profile is O(n log n) for n code points with one
// allocation (plus one to decode UTF-8); build it once per value. Cosine() is
// one linear merge of the two sorted gram vectors with no allocation;
// CosineTfIdf() is the same merge and calls idf once per distinct gram of
// either profile. Profiles are immutable values; concurrent reads are safe.
#ifndef MDM_MATCHING_COMPARATORS_QGRAM_COSINE_H_
#define MDM_MATCHING_COMPARATORS_QGRAM_COSINE_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace mdm::matching {

struct QGramCount {
  uint64_t hash = 0;  // identifies the gram exactly; see the file comment
  int32_t count = 0;  // occurrences in the padded string, >= 1
};

class QGramProfile {
 public:
  static constexpr int kMinQ = 1;
  static constexpr int kMaxQ = 3;

  // The empty profile (of the empty string).
  QGramProfile() = default;

  // REQUIRES: kMinQ <= q <= kMaxQ. Ill-formed UTF-8 is decoded as U+FFFD (see
  // utf32.h); code points above U+10FFFF count as U+FFFD too. The empty string
  // has no grams.
  static QGramProfile FromCodePoints(std::u32string_view text, int q = 2);
  static QGramProfile FromUtf8(absl::string_view text, int q = 2);

  // The hash of one gram of q = gram.size() code points, as stored in
  // grams(); kStartMarker and kEndMarker stand for the padding.
  // REQUIRES: kMinQ <= gram.size() <= kMaxQ.
  static constexpr char32_t kStartMarker = 0x110000;
  static constexpr char32_t kEndMarker = 0x110001;
  static uint64_t GramHash(std::u32string_view gram);

  int q() const { return q_; }
  bool empty() const { return grams_.empty(); }
  // Distinct grams sorted by hash.
  absl::Span<const QGramCount> grams() const { return grams_; }
  // sqrt(Σ count²), the norm used by Cosine().
  double norm() const { return norm_; }

 private:
  int q_ = 2;
  double norm_ = 0;
  std::vector<QGramCount> grams_;
};

// Cosine of the raw gram counts.
double Cosine(const QGramProfile& a, const QGramProfile& b);

// Cosine of the weights count * idf(hash). REQUIRES: idf(h) >= 0 and finite.
// A pair whose grams all weigh 0 scores 0 (1 if both profiles are empty).
double CosineTfIdf(const QGramProfile& a, const QGramProfile& b,
                   absl::FunctionRef<double(uint64_t gram_hash)> idf);

}  // namespace mdm::matching

#endif  // MDM_MATCHING_COMPARATORS_QGRAM_COSINE_H_
