// Fuzz target for the comparators of matching/comparators.
//
// Input: two strings separated by the first tab (without a tab, the second
// string is empty). Every comparator runs on the pair, and on its tokens,
// its numbers and its dates; each property below is promised by the
// comparator's header:
//   - similarities in [0, 1], symmetric, 1 for a string with itself;
//   - edit distances symmetric, 0 exactly for equal strings, between the
//     length difference and the longer length; OSA at most Levenshtein; the
//     bounded forms equal min(distance, bound + 1);
//   - UTF-8 decoding: DecodeUtf8 == ToCodePoints, at most one code point per
//     byte, and well-formed text survives ToUtf8(ToCodePoints(s));
//   - numeric and date distances: symmetric, non-negative, 0 for equal
//     values; RelativeDifference in [0, 2].
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "matching/comparators/damerau.h"
#include "matching/comparators/date_distance.h"
#include "matching/comparators/jaro_winkler.h"
#include "matching/comparators/levenshtein.h"
#include "matching/comparators/numeric_distance.h"
#include "matching/comparators/qgram_cosine.h"
#include "matching/comparators/token_similarity.h"
#include "matching/comparators/utf32.h"
#include "src/base/utf8.h"
#include "tests/fuzz/fuzz_check.h"

namespace mdm::matching {
namespace {

constexpr double kEpsilon = 1e-9;

bool InUnitInterval(double x) { return x >= 0 && x <= 1; }
bool Near(double x, double y) { return std::fabs(x - y) <= kEpsilon; }

void CheckUtf32(absl::string_view text) {
  const std::u32string points = ToCodePoints(text);
  MDM_FUZZ_CHECK(points.size() <= text.size());
  std::vector<char32_t> buffer(text.size() + 1);
  const size_t n = DecodeUtf8(text, buffer.data());
  MDM_FUZZ_CHECK(n == points.size());
  MDM_FUZZ_CHECK(std::equal(points.begin(), points.end(), buffer.begin()));
  std::u32string appended = U"x";
  AppendCodePoints(text, &appended);
  MDM_FUZZ_CHECK(appended.substr(1) == points);
  const std::string back = ToUtf8(points);
  if (IsValidUtf8(text)) {
    MDM_FUZZ_CHECK(back == text);
  } else {
    MDM_FUZZ_CHECK(points.find(kReplacementCharacter) != std::u32string::npos);
  }
  // ToUtf8 writes well-formed text, which decodes to the same code points.
  MDM_FUZZ_CHECK(IsValidUtf8(back));
  MDM_FUZZ_CHECK(ToCodePoints(back) == points);
}

void CheckEditDistances(const std::u32string& a, const std::u32string& b,
                        int bound) {
  const int lev = Levenshtein(a, b);
  MDM_FUZZ_CHECK(lev == Levenshtein(b, a));
  MDM_FUZZ_CHECK((lev == 0) == (a == b));
  const int longer = static_cast<int>(std::max(a.size(), b.size()));
  const int shorter = static_cast<int>(std::min(a.size(), b.size()));
  MDM_FUZZ_CHECK(lev >= longer - shorter && lev <= longer);
  MDM_FUZZ_CHECK(LevenshteinBounded(a, b, bound) ==
                 std::min(lev, std::max(bound, 0) + 1));
  MDM_FUZZ_CHECK(Levenshtein(a, a) == 0);

  const double similarity = LevenshteinSimilarity(a, b);
  MDM_FUZZ_CHECK(InUnitInterval(similarity));
  MDM_FUZZ_CHECK(Near(similarity, LevenshteinSimilarity(b, a)));
  MDM_FUZZ_CHECK(
      Near(similarity, longer == 0 ? 1.0 : 1.0 - double(lev) / longer));

  const int osa = DamerauOsa(a, b);
  MDM_FUZZ_CHECK(osa == DamerauOsa(b, a));
  MDM_FUZZ_CHECK((osa == 0) == (a == b));
  MDM_FUZZ_CHECK(osa <= lev && osa >= longer - shorter);
  // Each transposition does the work of at most two Levenshtein edits.
  MDM_FUZZ_CHECK(2 * osa >= lev);
  MDM_FUZZ_CHECK(DamerauOsaBounded(a, b, bound) ==
                 std::min(osa, std::max(bound, 0) + 1));
}

void CheckJaro(const std::u32string& a, const std::u32string& b) {
  const double jaro = Jaro(a, b);
  const double jw = JaroWinkler(a, b);
  MDM_FUZZ_CHECK(InUnitInterval(jaro) && InUnitInterval(jw));
  MDM_FUZZ_CHECK(Near(jaro, Jaro(b, a)));
  MDM_FUZZ_CHECK(Near(jw, JaroWinkler(b, a)));
  MDM_FUZZ_CHECK(jw >= jaro - kEpsilon);
  MDM_FUZZ_CHECK(Near(Jaro(a, a), 1.0) && Near(JaroWinkler(a, a), 1.0));
  if (a.empty() != b.empty()) MDM_FUZZ_CHECK(jaro == 0.0 && jw == 0.0);
  MDM_FUZZ_CHECK(InUnitInterval(JaroWinkler(a, b, 0.25, 4)));
}

void CheckQGrams(absl::string_view a, absl::string_view b) {
  for (int q = QGramProfile::kMinQ; q <= QGramProfile::kMaxQ; ++q) {
    const QGramProfile pa = QGramProfile::FromUtf8(a, q);
    const QGramProfile pb = QGramProfile::FromUtf8(b, q);
    MDM_FUZZ_CHECK(pa.q() == q);
    MDM_FUZZ_CHECK(pa.empty() == a.empty());
    for (size_t i = 1; i < pa.grams().size(); ++i) {
      MDM_FUZZ_CHECK(pa.grams()[i - 1].hash < pa.grams()[i].hash);
    }
    for (const QGramCount& gram : pa.grams()) MDM_FUZZ_CHECK(gram.count >= 1);
    const double cosine = Cosine(pa, pb);
    MDM_FUZZ_CHECK(InUnitInterval(cosine));
    MDM_FUZZ_CHECK(Near(cosine, Cosine(pb, pa)));
    MDM_FUZZ_CHECK(Near(Cosine(pa, pa), 1.0));
    if (a == b) MDM_FUZZ_CHECK(Near(cosine, 1.0));
    const auto idf = [](uint64_t hash) { return double(hash % 7); };
    const double tfidf = CosineTfIdf(pa, pb, idf);
    MDM_FUZZ_CHECK(InUnitInterval(tfidf));
    MDM_FUZZ_CHECK(Near(tfidf, CosineTfIdf(pb, pa, idf)));
  }
  // Different q share no gram.
  if (!a.empty() && !b.empty()) {
    MDM_FUZZ_CHECK(Cosine(QGramProfile::FromUtf8(a, 2),
                          QGramProfile::FromUtf8(b, 3)) == 0.0);
  }
}

void CheckTokens(absl::string_view a, absl::string_view b) {
  const std::vector<std::string> ta = absl::StrSplit(a, ' ', absl::SkipEmpty());
  const std::vector<std::string> tb = absl::StrSplit(b, ' ', absl::SkipEmpty());
  const auto weight = [](absl::string_view token) {
    return double(token.size() % 5);
  };
  const double jaccard = Jaccard(ta, tb);
  MDM_FUZZ_CHECK(InUnitInterval(jaccard));
  MDM_FUZZ_CHECK(Near(jaccard, Jaccard(tb, ta)));
  MDM_FUZZ_CHECK(Jaccard(ta, ta) == 1.0);
  const double ratio = TokenSetRatio(ta, tb);
  MDM_FUZZ_CHECK(InUnitInterval(ratio));
  MDM_FUZZ_CHECK(Near(ratio, TokenSetRatio(tb, ta)));
  if (!ta.empty() && !tb.empty()) MDM_FUZZ_CHECK(ratio >= jaccard - kEpsilon);
  if (!ta.empty()) MDM_FUZZ_CHECK(TokenSetRatio(ta, ta) == 1.0);
  if (ta.empty() || tb.empty()) MDM_FUZZ_CHECK(ratio == 0.0);
  const double weighted = WeightedJaccard(ta, tb, weight);
  MDM_FUZZ_CHECK(InUnitInterval(weighted));
  MDM_FUZZ_CHECK(Near(weighted, WeightedJaccard(tb, ta, weight)));
  MDM_FUZZ_CHECK(WeightedJaccard(ta, ta, weight) == 1.0);
  const double cosine = TokenCosine(ta, tb, weight);
  MDM_FUZZ_CHECK(InUnitInterval(cosine));
  MDM_FUZZ_CHECK(Near(cosine, TokenCosine(tb, ta, weight)));
  for (double threshold : {0.0, 0.85, 1.0}) {
    const double soft = SoftTokenOverlap(ta, tb, threshold);
    MDM_FUZZ_CHECK(InUnitInterval(soft));
    if (!ta.empty()) MDM_FUZZ_CHECK(SoftTokenOverlap(ta, ta, threshold) == 1.0);
    if (ta.empty() || tb.empty()) MDM_FUZZ_CHECK(soft == 0.0);
    // Tokens equal byte for byte pair at any threshold.
    MDM_FUZZ_CHECK(soft >= ratio - kEpsilon);
  }
}

void CheckNumbers(double a, double b) {
  const double absolute = AbsoluteDifference(a, b);
  const double relative = RelativeDifference(a, b);
  if (std::isnan(a) || std::isnan(b)) {
    MDM_FUZZ_CHECK(std::isnan(absolute) && std::isnan(relative));
    return;
  }
  MDM_FUZZ_CHECK(absolute >= 0);
  MDM_FUZZ_CHECK(absolute == AbsoluteDifference(b, a));
  MDM_FUZZ_CHECK(relative >= 0 && relative <= 2);
  MDM_FUZZ_CHECK(relative == RelativeDifference(b, a));
  MDM_FUZZ_CHECK(RelativeDifference(a, a) == 0 &&
                 AbsoluteDifference(a, a) == 0);
  if (std::isfinite(a) && std::isfinite(b) && (a == 0) != (b == 0)) {
    MDM_FUZZ_CHECK(relative == 1);
  }
  if (std::isinf(a) != std::isinf(b)) MDM_FUZZ_CHECK(relative == 1);
}

void CheckDates(const YearMonthDay& a, const YearMonthDay& b) {
  const DateComparison ab = CompareDates(a, b);
  const DateComparison ba = CompareDates(b, a);
  MDM_FUZZ_CHECK(ab.days_apart >= 0 && ab.days_apart == ba.days_apart);
  MDM_FUZZ_CHECK(ab.digit_edits >= 0 && ab.digit_edits == ba.digit_edits);
  MDM_FUZZ_CHECK(ab.day_month_swapped == ba.day_month_swapped);
  MDM_FUZZ_CHECK(ab.same_year == (a.year == b.year));
  MDM_FUZZ_CHECK(ab.same_year_month ==
                 (a.year == b.year && a.month == b.month));
  MDM_FUZZ_CHECK(
      ab.day_month_swapped ==
      (a.month == b.day && a.day == b.month && a.year == b.year && !(a == b)));
  const DateComparison aa = CompareDates(a, a);
  MDM_FUZZ_CHECK(aa.days_apart == 0 && aa.digit_edits == 0);
  const int64_t days = DaysSinceEpoch(a);
  const int64_t other = DaysSinceEpoch(b);
  const uint64_t apart = days >= other ? uint64_t(days) - uint64_t(other)
                                       : uint64_t(other) - uint64_t(days);
  MDM_FUZZ_CHECK(uint64_t(ab.days_apart) == apart);
}

template <typename T>
T Read(const uint8_t*& data, size_t& size) {
  T value{};
  const size_t n = std::min(size, sizeof(T));
  if (n > 0) std::memcpy(&value, data, n);
  data += n;
  size -= n;
  return value;
}

}  // namespace
}  // namespace mdm::matching

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mdm::matching;  // NOLINT(build/namespaces)
  const absl::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t tab = input.find('\t');
  const absl::string_view a = input.substr(0, tab);
  const absl::string_view b =
      tab == absl::string_view::npos ? "" : input.substr(tab + 1);

  CheckUtf32(a);
  CheckUtf32(b);
  const std::u32string ca = ToCodePoints(a);
  const std::u32string cb = ToCodePoints(b);
  CheckEditDistances(ca, cb, static_cast<int>(size % 7) - 1);
  CheckJaro(ca, cb);
  CheckQGrams(a, b);
  CheckTokens(a, b);

  // Numbers as written, and the input's raw bytes as doubles and dates, so
  // that NaN, infinities, denormals and extreme fields all occur.
  double x = 0, y = 0;
  if (absl::SimpleAtod(a, &x) && absl::SimpleAtod(b, &y)) CheckNumbers(x, y);
  const uint8_t* cursor = data;
  size_t left = size;
  const double rx = Read<double>(cursor, left);
  const double ry = Read<double>(cursor, left);
  CheckNumbers(rx, ry);
  YearMonthDay da, db;
  da.year = Read<int32_t>(cursor, left);
  da.month = Read<int32_t>(cursor, left);
  da.day = Read<int32_t>(cursor, left);
  db.year = Read<int32_t>(cursor, left);
  db.month = Read<int32_t>(cursor, left);
  db.day = Read<int32_t>(cursor, left);
  CheckDates(da, db);
  // Real-looking dates: small fields from the input's bytes.
  if (size >= 6) {
    const YearMonthDay near_a{1900 + data[0], data[1] % 14, data[2] % 33};
    const YearMonthDay near_b{1900 + data[3], data[4] % 14, data[5] % 33};
    CheckDates(near_a, near_b);
  }
  return 0;
}
