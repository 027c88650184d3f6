// Engine search: golden records ranked against a query, read-only.
#include <algorithm>
#include <cmath>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "matching/blocking.h"
#include "matching/query_text.h"
#include "matching/scorer.h"
#include "matching/standardizer.h"
#include "src/base/error_field.h"
#include "src/base/status_macros.h"
#include "src/engine/engine.h"

namespace mdm::engine {
namespace {

// Comparisons named in a match's reasons.
constexpr int kMaxReasons = 4;

absl::Status QueryError(absl::string_view field, absl::string_view message) {
  return WithErrorField(absl::InvalidArgumentError(message), field);
}

// The comparisons that weighed most, strongest first.
std::vector<std::string> Reasons(const matching::EntityModel& model,
                                 const matching::PairScore& score) {
  std::vector<const matching::ComparisonOutcome*> outcomes;
  for (const matching::ComparisonOutcome& outcome : score.outcomes) {
    if (outcome.level >= 0 && outcome.weight != 0) {
      outcomes.push_back(&outcome);
    }
  }
  std::sort(outcomes.begin(), outcomes.end(),
            [](const matching::ComparisonOutcome* a,
               const matching::ComparisonOutcome* b) {
              return std::abs(a->weight) > std::abs(b->weight);
            });
  if (outcomes.size() > kMaxReasons) outcomes.resize(kMaxReasons);
  std::vector<std::string> reasons;
  for (const matching::ComparisonOutcome* outcome : outcomes) {
    const matching::Comparison& comparison =
        model.comparisons()[outcome->comparison];
    reasons.push_back(absl::StrFormat("%s: %s (%+.1f)", comparison.name,
                                      comparison.levels[outcome->level].label,
                                      outcome->weight));
  }
  return reasons;
}

}  // namespace

absl::StatusOr<SearchResult> Engine::Search(const SearchQuery& query) {
  const std::shared_ptr<const matching::EntityModel> model =
      Model(query.entity_type);
  if (model == nullptr) {
    return QueryError("entity_type", absl::StrCat("unknown entity type '",
                                                  query.entity_type, "'"));
  }
  if (query.text.size() > options_.limits.max_record_bytes) {
    return QueryError("text",
                      absl::StrCat("search text is longer than ",
                                   options_.limits.max_record_bytes, " bytes"));
  }
  storage::Attributes attributes;
  absl::flat_hash_set<std::string> given;
  for (const auto& [name, value] : query.attributes) {
    const std::string field = absl::StrCat("attributes.", name);
    if (!model->AttributeIndex(name).has_value()) {
      if (model->allow_extra_attributes()) continue;  // not matched on
      return QueryError(field, absl::StrCat("entity type ", query.entity_type,
                                            " has no attribute '", name, "'"));
    }
    if (value.size() > options_.limits.max_value_bytes) {
      return QueryError(
          field, absl::StrCat("search attribute ", name, " is longer than ",
                              options_.limits.max_value_bytes, " bytes"));
    }
    if (!given.insert(name).second) {
      return QueryError(
          field, absl::StrCat("search attribute ", name, " is given twice"));
    }
    if (!value.empty()) attributes.emplace_back(name, value);
  }
  for (auto& [name, value] : matching::InterpretQueryText(*model, query.text)) {
    if (!given.contains(name)) attributes.emplace_back(name, std::move(value));
  }
  if (attributes.empty()) {
    return QueryError("text",
                      "the search query is empty: give attributes or text");
  }
  std::sort(attributes.begin(), attributes.end());

  const matching::RecordFeatures features =
      matching::Standardize(*model, attributes);
  SearchResult result;
  result.query_attributes = attributes;

  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  const std::vector<int64_t> candidates = candidate_index_.BlockMembers(
      *model, matching::BlockingKeys(*model, features),
      &result.oversized_blocks_skipped);
  MDM_ASSIGN_OR_RETURN(std::vector<storage::RecordRow> rows,
                       txn->GetRecords(candidates));

  // Golden record -> its best-scoring member.
  struct Best {
    double weight;
    const storage::RecordRow* record;
  };
  auto features_of = [&](const storage::RecordRow& row) {
    matching::RecordFeatures other;
    if (!matching::DecodeFeatures(*model, row.features, other)) {
      other = matching::Standardize(*model, row.attributes);
    }
    return other;
  };
  absl::flat_hash_map<int64_t, Best> best;
  for (const storage::RecordRow& row : rows) {
    if (row.entity_type != query.entity_type) continue;
    ++result.candidates;
    const double weight =
        matching::MatchWeight(*model, features, features_of(row));
    auto [it, inserted] = best.try_emplace(row.golden_id, Best{weight, &row});
    if (!inserted &&
        (weight > it->second.weight ||
         (weight == it->second.weight && row.key < it->second.record->key))) {
      it->second = Best{weight, &row};
    }
  }

  std::vector<std::pair<int64_t, const Best*>> ranked;
  ranked.reserve(best.size());
  for (const auto& [golden, entry] : best) {
    if (matching::WeightToProbability(entry.weight) >= query.min_probability) {
      ranked.emplace_back(golden, &entry);
    }
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    if (a.second->weight != b.second->weight) {
      return a.second->weight > b.second->weight;
    }
    return a.first < b.first;
  });
  if (static_cast<int>(ranked.size()) > query.limit) ranked.resize(query.limit);

  for (const auto& [golden, entry] : ranked) {
    SearchMatch match;
    match.golden_id = GoldenIdOf(query.entity_type, golden);
    match.match_weight = entry->weight;
    match.match_probability = matching::WeightToProbability(entry->weight);
    match.decision =
        entry->weight >= model->auto_merge_weight() ? MatchDecision::kLink
        : entry->weight >= model->review_weight()   ? MatchDecision::kReview
                                                    : MatchDecision::kNoMatch;
    match.best_record = entry->record->key;
    match.reasons = Reasons(
        *model,
        matching::ScorePair(*model, features, features_of(*entry->record)));
    MDM_ASSIGN_OR_RETURN(std::optional<storage::GoldenRow> row,
                         txn->GetGolden(golden));
    if (row.has_value()) match.attributes = std::move(row->attributes);
    result.matches.push_back(std::move(match));
  }
  return result;
}

}  // namespace mdm::engine
