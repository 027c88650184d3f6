#include "matching/scorer.h"

#include <algorithm>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "matching/clustering.h"
#include "matching/comparators/damerau.h"
#include "matching/comparators/date_distance.h"
#include "matching/comparators/jaro_winkler.h"
#include "matching/comparators/levenshtein.h"
#include "matching/comparators/numeric_distance.h"
#include "matching/comparators/qgram_cosine.h"
#include "matching/comparators/token_similarity.h"
#include "matching/comparators/utf32.h"
#include "matching/organization/organization_name_codes.h"

namespace mdm::matching {
namespace {

// Weight of a token that is a generic term, relative to a distinctive one.
constexpr double kWeakTokenWeight = 0.3;

bool ParseIsoDate(const std::string& value, YearMonthDay& date) {
  if (value.size() != 10 || value[4] != '-' || value[7] != '-') return false;
  return absl::SimpleAtoi(value.substr(0, 4), &date.year) &&
         absl::SimpleAtoi(value.substr(5, 2), &date.month) &&
         absl::SimpleAtoi(value.substr(8, 2), &date.day);
}

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  for (const std::string& item : list) {
    if (item == value) return true;
  }
  return false;
}

bool ShareKey(const Feature& a, const Feature& b) {
  if (Contains(b.keys, a.value) || Contains(a.keys, b.value)) return true;
  if (Contains(b.abbreviations, a.value) ||
      Contains(a.abbreviations, b.value)) {
    return true;
  }
  for (const std::string& key : a.keys) {
    if (Contains(b.keys, key)) return true;
  }
  return false;
}

double DistinctCount(const std::vector<std::string>& tokens) {
  std::vector<absl::string_view> sorted(tokens.begin(), tokens.end());
  std::sort(sorted.begin(), sorted.end());
  return static_cast<double>(std::unique(sorted.begin(), sorted.end()) -
                             sorted.begin());
}

bool IsWeak(const Feature& f, const std::string& token) {
  return Contains(f.weak_tokens, token);
}

// Attribute access for fully decoded and lazily decoded records alike.
const Feature& Whole(const RecordFeatures& r, int attribute) {
  return r.attributes[attribute];
}
const Feature& Coded(const RecordFeatures& r, int attribute) {
  return r.attributes[attribute];
}
bool Missing(const RecordFeatures& r, int attribute) {
  return r.attributes[attribute].missing();
}
const Feature& Whole(LazyFeatures& r, int attribute) {
  return r.Whole(attribute);
}
const Feature& Coded(LazyFeatures& r, int attribute) {
  return r.Coded(attribute);
}
bool Missing(const LazyFeatures& r, int attribute) {
  return r.Missing(attribute);
}

// Lazily computed similarities of one comparison's pair of features.
class PairMeasures {
 public:
  PairMeasures(const EntityModel& model, int attribute, const Feature& a,
               const Feature& b)
      : model_(model), attribute_(attribute), a_(a), b_(b) {}

  double JaroWinklerSimilarity() {
    if (!jaro_winkler_) {
      Prepare();
      jaro_winkler_ = JaroWinkler(a32_, b32_);
    }
    return *jaro_winkler_;
  }
  int LevenshteinUpTo(int bound) {
    Prepare();
    return LevenshteinBounded(a32_, b32_, bound);
  }
  int Damerau() {
    if (!damerau_) {
      Prepare();
      damerau_ = DamerauOsa(a32_, b32_);
    }
    return *damerau_;
  }
  double TokenJaccardSimilarity() {
    if (!jaccard_) jaccard_ = Jaccard(a_.tokens, b_.tokens);
    return *jaccard_;
  }
  double TokenOverlapSimilarity() {
    if (!overlap_) overlap_ = TokenSetRatio(a_.tokens, b_.tokens);
    return *overlap_;
  }
  // Rarity weight of a token: its inverse document frequency when trained,
  // less for generic terms.
  double TokenWeight(absl::string_view token) const {
    const std::string t(token);
    const double weak = IsWeak(a_, t) || IsWeak(b_, t) ? kWeakTokenWeight : 1.0;
    const TermStats& stats = model_.token_stats(attribute_);
    return stats.empty() ? weak : weak * stats.Idf(token);
  }
  double WeightedJaccardSimilarity() {
    if (!weighted_jaccard_) {
      weighted_jaccard_ = WeightedJaccard(
          a_.tokens, b_.tokens,
          [&](absl::string_view token) { return TokenWeight(token); });
    }
    return *weighted_jaccard_;
  }
  double TokenCosineSimilarity() {
    if (!token_cosine_) {
      token_cosine_ = TokenCosine(
          a_.tokens, b_.tokens,
          [&](absl::string_view token) { return TokenWeight(token); });
    }
    return *token_cosine_;
  }
  double FuzzyOverlap() {
    if (!fuzzy_overlap_) {
      fuzzy_overlap_ = SoftTokenOverlap(a_.tokens, b_.tokens, 0.9);
    }
    return *fuzzy_overlap_;
  }
  double FuzzyJaccard() {
    if (!fuzzy_jaccard_) {
      CountDistinct();
      const double matched = FuzzyOverlap() * std::min(*na_, *nb_);
      const double union_size = *na_ + *nb_ - matched;
      fuzzy_jaccard_ = union_size > 0 ? matched / union_size : 0;
    }
    return *fuzzy_jaccard_;
  }
  // At least FuzzyJaccard(), without comparing tokens: its value were every
  // token of the shorter list matched (the overlap at most 1).
  double FuzzyJaccardBound() {
    CountDistinct();
    const double matched = std::min(*na_, *nb_);
    const double union_size = *na_ + *nb_ - matched;
    return union_size > 0 ? matched / union_size : 0;
  }
  double QgramCosine() {
    if (!qgram_cosine_) {
      qgram_cosine_ = Cosine(QGramProfile::FromUtf8(a_.value, 3),
                             QGramProfile::FromUtf8(b_.value, 3));
    }
    return *qgram_cosine_;
  }

 private:
  void CountDistinct() {
    if (na_) return;
    na_ = DistinctCount(a_.tokens);
    nb_ = DistinctCount(b_.tokens);
  }
  void Prepare() {
    if (prepared_) return;
    a32_ = ToCodePoints(a_.value);
    b32_ = ToCodePoints(b_.value);
    prepared_ = true;
  }

  const EntityModel& model_;
  const int attribute_;
  const Feature& a_;
  const Feature& b_;
  bool prepared_ = false;
  std::u32string a32_, b32_;
  std::optional<double> jaro_winkler_, jaccard_, overlap_, weighted_jaccard_,
      fuzzy_overlap_, qgram_cosine_, token_cosine_, fuzzy_jaccard_, na_, nb_;
  std::optional<int> damerau_;
};

template <typename RecordA, typename RecordB>
bool Holds(const ComparisonLevel& level, v1::AttributeKind kind,
           const Feature& a, const Feature& b, RecordA& ra, RecordB& rb,
           PairMeasures& measures) {
  switch (level.condition) {
    case LevelCondition::kExact:
      return a.value == b.value;
    case LevelCondition::kElse:
      return true;
    case LevelCondition::kSameKey:
      return ShareKey(a, b);
    case LevelCondition::kJaroWinkler:
      return measures.JaroWinklerSimilarity() >= level.threshold;
    case LevelCondition::kLevenshtein: {
      const int bound = static_cast<int>(level.threshold);
      return measures.LevenshteinUpTo(bound) <= bound;
    }
    case LevelCondition::kDamerau:
      return measures.Damerau() <= level.threshold;
    case LevelCondition::kTokenJaccard:
      return measures.TokenJaccardSimilarity() >= level.threshold;
    case LevelCondition::kTokenOverlap:
      return measures.TokenOverlapSimilarity() >= level.threshold;
    case LevelCondition::kWeightedJaccard:
      return measures.WeightedJaccardSimilarity() >= level.threshold;
    case LevelCondition::kFuzzyTokenOverlap:
      return measures.FuzzyOverlap() >= level.threshold;
    case LevelCondition::kQgramCosine:
      return measures.QgramCosine() >= level.threshold;
    case LevelCondition::kTokenCosine:
      return measures.TokenCosineSimilarity() >= level.threshold;
    case LevelCondition::kFuzzyTokenJaccard:
      // Lists of very different lengths cannot reach the threshold.
      return measures.FuzzyJaccardBound() >= level.threshold &&
             measures.FuzzyJaccard() >= level.threshold;
    case LevelCondition::kNumber:
      return a.has_number && b.has_number &&
             RelativeDifference(a.number, b.number) <= level.threshold;
    case LevelCondition::kDate: {
      YearMonthDay x, y;
      if (!ParseIsoDate(a.value, x) || !ParseIsoDate(b.value, y)) return false;
      const DateComparison d = CompareDates(x, y);
      return d.days_apart <= level.threshold ||
             (level.day_month_swapped && d.day_month_swapped) ||
             (level.max_digit_edits > 0 &&
              d.digit_edits <= level.max_digit_edits);
    }
    case LevelCondition::kInitial: {
      if (a.tokens.empty() || b.tokens.empty()) return false;
      const std::string& x = a.tokens.front();
      const std::string& y = b.tokens.front();
      if (x.empty() || y.empty()) return false;
      return (x.size() == 1 || y.size() == 1) && x[0] == y[0];
    }
    case LevelCondition::kConflict:
      return FeaturesConflict(kind, a, b);
    case LevelCondition::kInvalid:
      return a.invalid || b.invalid;
    case LevelCondition::kSwapped: {
      if (Missing(ra, level.other_attribute) ||
          Missing(rb, level.other_attribute)) {
        return false;
      }
      const Feature& a_other = Coded(ra, level.other_attribute);
      const Feature& b_other = Coded(rb, level.other_attribute);
      return a.value == b_other.value && a_other.value == b.value;
    }
  }
  return false;
}

template <typename RecordA, typename RecordB>
bool Compared(const EntityModel& model, int index, const RecordA& a,
              const RecordB& b) {
  const int attribute = model.comparisons()[index].attribute;
  return !Missing(a, attribute) && !Missing(b, attribute);
}

// Evaluates one comparison; returns its outcome.
template <typename RecordA, typename RecordB>
ComparisonOutcome Evaluate(const EntityModel& model, int index, RecordA& a,
                           RecordB& b, bool use_term_frequencies) {
  const Comparison& comparison = model.comparisons()[index];
  ComparisonOutcome outcome{.comparison = index};
  if (!Compared(model, index, a, b)) return outcome;
  for (int other : comparison.unless_compared) {
    // Another comparison carries this evidence.
    if (Compared(model, other, a, b)) return outcome;
  }
  const Feature& x = Whole(a, comparison.attribute);
  const Feature& y = Whole(b, comparison.attribute);
  const v1::AttributeKind kind = model.attributes()[comparison.attribute].kind;
  PairMeasures measures(model, comparison.attribute, x, y);
  for (int l = 0; l < static_cast<int>(comparison.levels.size()); ++l) {
    const ComparisonLevel& level = comparison.levels[l];
    if (!Holds(level, kind, x, y, a, b, measures)) continue;
    outcome.level = l;
    outcome.weight = level.weight;
    if (use_term_frequencies && level.tf_adjust) {
      const TermStats& stats = model.value_stats(comparison.attribute);
      if (!stats.empty()) {
        outcome.weight = std::log2(level.m / stats.Frequency(x.value));
        outcome.tf_adjusted = true;
      }
    }
    return outcome;
  }
  return outcome;
}

// The unit part of a quantity code: "q:gb" of "q:gb:256".
absl::string_view QuantityUnit(absl::string_view code) {
  return code.substr(0, code.rfind(':'));
}

// Whether every quantity code of `unit` in `from` is also in `in`.
bool QuantitiesFoundIn(absl::string_view unit,
                       const std::vector<std::string>& from,
                       const std::vector<std::string>& in) {
  for (const std::string& x : from) {
    if (!absl::StartsWith(x, "q:") || QuantityUnit(x) != unit) continue;
    if (std::find(in.begin(), in.end(), x) == in.end()) return false;
  }
  return true;
}

// Whether `a` names a pack of two or more items and `b` names no pack.
bool MultipackOnly(const std::vector<std::string>& a,
                   const std::vector<std::string>& b) {
  constexpr absl::string_view kPack = "q:pack:";
  bool multipack = false;
  for (const std::string& x : a) {
    double count = 0;
    if (absl::StartsWith(x, kPack) &&
        absl::SimpleAtod(absl::string_view(x).substr(kPack.size()), &count) &&
        count >= 2) {
      multipack = true;
    }
  }
  if (!multipack) return false;
  for (const std::string& y : b) {
    if (absl::StartsWith(y, kPack)) return false;
  }
  return true;
}

// Product title codes "m:MODEL", "q:UNIT:AMOUNT", "c:COLOUR" and "n:TOKEN"
// (see standardizer.h): model numbers conflict when both titles have some
// and none is compatible; series numbers when both have some and share
// none; quantities when, for a unit on both sides, neither
// side's amounts are all found on the other ({256 gb, 8 gb} agrees with
// {256 gb}); colours when both name some and share none. A pack count is
// the one quantity a title without it still states: one item, so a
// multipack (2 or more) conflicts with a title that names no pack.
bool TitleCodesConflict(const std::vector<std::string>& a,
                        const std::vector<std::string>& b) {
  if (MultipackOnly(a, b) || MultipackOnly(b, a)) return true;
  bool a_models = false, b_models = false, shared_model = false;
  bool a_colours = false, b_colours = false, shared_colour = false;
  bool a_numbers = false, b_numbers = false, shared_number = false;
  for (const std::string& y : b) {
    b_models = b_models || absl::StartsWith(y, "m:");
    b_colours = b_colours || absl::StartsWith(y, "c:");
    b_numbers = b_numbers || absl::StartsWith(y, "n:");
  }
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string& x = a[i];
    if (absl::StartsWith(x, "m:")) {
      a_models = true;
      for (const std::string& y : b) {
        if (absl::StartsWith(y, "m:") &&
            StrongValuesCompatible(v1::MPN, absl::string_view(x).substr(2),
                                   absl::string_view(y).substr(2))) {
          shared_model = true;
        }
      }
    } else if (absl::StartsWith(x, "c:")) {
      a_colours = true;
      shared_colour =
          shared_colour || std::find(b.begin(), b.end(), x) != b.end();
    } else if (absl::StartsWith(x, "n:")) {
      a_numbers = true;
      for (const std::string& y : b) {
        // A number token may be the other title's model number ("s11" and
        // "S11" when one title wrote it as a model, the other did not).
        if ((absl::StartsWith(y, "n:") || absl::StartsWith(y, "m:")) &&
            absl::EqualsIgnoreCase(absl::string_view(x).substr(2),
                                   absl::string_view(y).substr(2))) {
          shared_number = true;
        }
      }
    } else if (absl::StartsWith(x, "q:")) {
      const absl::string_view unit = QuantityUnit(x);
      bool seen_before = false;
      for (size_t j = 0; j < i && !seen_before; ++j) {
        seen_before =
            absl::StartsWith(a[j], "q:") && QuantityUnit(a[j]) == unit;
      }
      if (seen_before) continue;
      bool on_both = false;
      for (const std::string& y : b) {
        on_both =
            on_both || (absl::StartsWith(y, "q:") && QuantityUnit(y) == unit);
      }
      if (on_both && !QuantitiesFoundIn(unit, a, b) &&
          !QuantitiesFoundIn(unit, b, a)) {
        return true;
      }
    }
  }
  if (a_models && b_models && !shared_model) return true;
  // Model numbers and series numbers together: both titles name some, and
  // no model is compatible and no number shared.
  if ((a_models || a_numbers) && (b_models || b_numbers) && !shared_model &&
      !shared_number) {
    for (const std::string& y : b) {
      if (!absl::StartsWith(y, "n:")) continue;
      for (const std::string& x : a) {
        if (absl::StartsWith(x, "m:") &&
            absl::EqualsIgnoreCase(absl::string_view(x).substr(2),
                                   absl::string_view(y).substr(2))) {
          return false;
        }
      }
    }
    return true;
  }
  return a_colours && b_colours && !shared_colour;
}

}  // namespace

bool FeaturesConflict(v1::AttributeKind kind, const Feature& a,
                      const Feature& b) {
  if (a.codes.empty() || b.codes.empty()) return false;
  switch (kind) {
    case v1::MPN: {
      for (const std::string& x : a.codes) {
        for (const std::string& y : b.codes) {
          if (StrongValuesCompatible(v1::MPN, x, y)) return false;
        }
      }
      return true;
    }
    case v1::ADDRESS:
      // Codes are "n:HOUSE_NUMBER".
      return a.codes.front() != b.codes.front();
    case v1::ORGANIZATION_NAME:
      return OrganizationNameCodesConflict(a.codes, b.codes);
    case v1::PRODUCT_NAME:
    case v1::TEXT:
      return TitleCodesConflict(a.codes, b.codes);
    default:
      // Validated identifiers: one code each, the normalized value.
      return a.validated && b.validated && a.codes.front() != b.codes.front();
  }
}

bool DistinguishingValuesConflict(const AttributeSpec& spec, const Feature& a,
                                  const Feature& b) {
  if (!spec.strong) return FeaturesConflict(spec.kind, a, b);
  for (const std::string& x : a.codes) {
    for (const std::string& y : b.codes) {
      if (!StrongValuesCompatible(spec.kind, x, y)) return true;
    }
  }
  return false;
}

namespace {

template <typename RecordA, typename RecordB>
int FirstDistinguishingConflict(const EntityModel& model, RecordA& a,
                                RecordB& b) {
  for (int attribute : model.distinguishing_attributes()) {
    if (Missing(a, attribute) || Missing(b, attribute)) continue;
    const Feature& x = Coded(a, attribute);
    if (x.codes.empty()) continue;
    const Feature& y = Coded(b, attribute);
    if (y.codes.empty()) continue;
    if (DistinguishingValuesConflict(model.attributes()[attribute], x, y)) {
      return attribute;
    }
  }
  return -1;
}

template <typename RecordA, typename RecordB>
double WeightAtLeast(const EntityModel& model, RecordA& a, RecordB& b,
                     double floor) {
  if (FirstDistinguishingConflict(model, a, b) >= 0) return kApartWeight;
  const std::vector<Comparison>& comparisons = model.comparisons();
  const int count = static_cast<int>(comparisons.size());
  double reachable = model.prior_weight();
  for (const Comparison& comparison : comparisons) {
    reachable += comparison.max_weight;
  }
  // Outcomes by comparison index, summed in that order at the end so that
  // the result is bit-identical to MatchWeight's.
  constexpr int kInline = 32;
  double inline_weights[kInline];
  std::vector<double> heap_weights;
  double* weights = inline_weights;
  if (count > kInline) {
    heap_weights.resize(count);
    weights = heap_weights.data();
  }
  std::fill(weights, weights + count, 0.0);
  for (int c : model.comparisons_by_max_weight()) {
    // The margin absorbs rounding: `reachable` is summed in another order.
    if (reachable < floor - 1e-9) return reachable;
    weights[c] = Evaluate(model, c, a, b, true).weight;
    reachable += weights[c] - comparisons[c].max_weight;
  }
  double weight = model.prior_weight();
  for (int c = 0; c < count; ++c) weight += weights[c];
  return weight;
}

}  // namespace

int DistinguishingConflict(const EntityModel& model, const RecordFeatures& a,
                           const RecordFeatures& b) {
  return FirstDistinguishingConflict(model, a, b);
}

PairScore ScorePair(const EntityModel& model, const RecordFeatures& a,
                    const RecordFeatures& b) {
  PairScore score;
  score.evidence_weight = model.prior_weight();
  const int count = static_cast<int>(model.comparisons().size());
  score.outcomes.reserve(count);
  for (int c = 0; c < count; ++c) {
    ComparisonOutcome outcome = Evaluate(model, c, a, b, true);
    score.evidence_weight += outcome.weight;
    score.outcomes.push_back(outcome);
  }
  score.apart_attribute = DistinguishingConflict(model, a, b);
  score.weight =
      score.apart_attribute >= 0 ? kApartWeight : score.evidence_weight;
  return score;
}

double MatchWeight(const EntityModel& model, const RecordFeatures& a,
                   const RecordFeatures& b) {
  if (DistinguishingConflict(model, a, b) >= 0) return kApartWeight;
  double weight = model.prior_weight();
  const int count = static_cast<int>(model.comparisons().size());
  for (int c = 0; c < count; ++c) {
    weight += Evaluate(model, c, a, b, true).weight;
  }
  return weight;
}

double MatchWeightAtLeast(const EntityModel& model, const RecordFeatures& a,
                          const RecordFeatures& b, double floor) {
  return WeightAtLeast(model, a, b, floor);
}

double MatchWeightAtLeast(const EntityModel& model, const RecordFeatures& a,
                          LazyFeatures& b, double floor) {
  return WeightAtLeast(model, a, b, floor);
}

std::vector<int8_t> ComparisonVector(const EntityModel& model,
                                     const RecordFeatures& a,
                                     const RecordFeatures& b) {
  const int count = static_cast<int>(model.comparisons().size());
  std::vector<int8_t> levels(count);
  for (int c = 0; c < count; ++c) {
    levels[c] = static_cast<int8_t>(Evaluate(model, c, a, b, false).level);
  }
  return levels;
}

}  // namespace mdm::matching
