// Engine methods for data stewards: the review queue, judgements, manual
// merge, split and move, and the audit log.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "matching/scorer.h"
#include "matching/standardizer.h"
#include "src/base/status_macros.h"
#include "src/engine/audit_detail.h"
#include "src/engine/engine.h"
#include "src/engine/record_validator.h"

namespace mdm::engine {
namespace {

using storage::AuditRow;
using storage::JudgementKind;
using storage::JudgementRow;
using storage::RecordRow;

// Most cannot-links one split or move may write (records out x records in).
constexpr size_t kMaxJudgementsPerAction = 10000;
// Most records a must-link component may hold when checking contradictions.
constexpr size_t kMaxComponent = 10000;

JudgementRow Judgement(absl::string_view entity_type, SourceKey x, SourceKey y,
                       JudgementKind kind, absl::string_view actor,
                       absl::string_view reason, absl::Time time) {
  if (y < x) std::swap(x, y);
  return {.entity_type = std::string(entity_type),
          .a = std::move(x),
          .b = std::move(y),
          .kind = kind,
          .actor = std::string(actor),
          .reason = std::string(reason),
          .time = time};
}

// Where a review candidate stands in the queue's order: most records moved
// first, then the most uncertain (smallest |weight|), then by record ids.
struct QueuePosition {
  int64_t records_moved = 0;
  double uncertainty = 0;
  int64_t a = 0;
  int64_t b = 0;

  bool operator<(const QueuePosition& other) const {
    if (records_moved != other.records_moved) {
      return records_moved > other.records_moved;
    }
    if (uncertainty != other.uncertainty) {
      return uncertainty < other.uncertainty;
    }
    return std::tie(a, b) < std::tie(other.a, other.b);
  }
};

std::string FormatQueuePosition(const QueuePosition& position) {
  return absl::StrFormat("%d,%a,%d,%d", position.records_moved,
                         position.uncertainty, position.a, position.b);
}

bool ParseQueuePosition(const std::string& token, QueuePosition& position) {
  std::vector<std::string> parts = absl::StrSplit(token, ',');
  if (parts.size() != 4) return false;
  char* end = nullptr;
  position.uncertainty = std::strtod(parts[1].c_str(), &end);
  if (end == parts[1].c_str() || *end != '\0') return false;
  return absl::SimpleAtoi(parts[0], &position.records_moved) &&
         absl::SimpleAtoi(parts[2], &position.a) &&
         absl::SimpleAtoi(parts[3], &position.b) && position.a > 0 &&
         position.b > 0 && position.records_moved >= 0;
}

// A pair of keys, a < b; both empty for none.
struct KeyPair {
  SourceKey a;
  SourceKey b;
  bool Is(const JudgementRow& j) const { return j.a == a && j.b == b; }
};

// Keys held together with `key` by must-links (including `key`), leaving out
// the judgement of `ignore`, which is about to be replaced.
absl::StatusOr<std::set<SourceKey>> MustLinkComponent(
    storage::ReadTransaction& txn, absl::string_view entity_type,
    const SourceKey& key, const KeyPair& ignore = {}) {
  std::set<SourceKey> component = {key};
  std::vector<SourceKey> queue = {key};
  while (!queue.empty() && component.size() < kMaxComponent) {
    const SourceKey next = std::move(queue.back());
    queue.pop_back();
    MDM_ASSIGN_OR_RETURN(std::vector<JudgementRow> judgements,
                         txn.JudgementsOf(entity_type, next));
    for (const JudgementRow& j : judgements) {
      if (j.kind != JudgementKind::kMustLink || ignore.Is(j)) continue;
      const SourceKey& other = j.a == next ? j.b : j.a;
      if (component.insert(other).second) queue.push_back(other);
    }
  }
  return component;
}

// FailedPrecondition when a cannot-link runs between the two sets, naming
// it; the judgement of `ignore` is about to be replaced.
absl::Status CheckNoCannotLink(storage::ReadTransaction& txn,
                               absl::string_view entity_type,
                               const std::set<SourceKey>& x,
                               const std::set<SourceKey>& y,
                               absl::string_view action,
                               const KeyPair& ignore = {}) {
  for (const SourceKey& key : x) {
    MDM_ASSIGN_OR_RETURN(std::vector<JudgementRow> judgements,
                         txn.JudgementsOf(entity_type, key));
    for (const JudgementRow& j : judgements) {
      if (j.kind != JudgementKind::kCannotLink || ignore.Is(j)) continue;
      const SourceKey& other = j.a == key ? j.b : j.a;
      if (y.contains(other)) {
        return absl::FailedPreconditionError(absl::StrCat(
            "cannot ", action, ": ", j.actor, " judged ", RecordLabel(j.a),
            " and ", RecordLabel(j.b), " different (",
            j.reason.empty() ? "no reason given" : j.reason,
            "); reject or re-judge that pair first"));
      }
    }
  }
  return absl::OkStatus();
}

std::string Note(absl::string_view action, absl::string_view actor,
                 absl::string_view reason) {
  return absl::StrCat(action, " by ", actor,
                      reason.empty() ? "" : absl::StrCat(": ", reason));
}

}  // namespace

absl::StatusOr<CandidatePage> Engine::ListCandidates(
    const CandidateFilter& filter) {
  const std::shared_ptr<const matching::EntityModel> model =
      Model(filter.entity_type);
  if (model == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown entity type '", filter.entity_type, "'"));
  }
  if (!(filter.min_probability >= 0 && filter.max_probability <= 1 &&
        filter.min_probability <= filter.max_probability)) {
    return absl::InvalidArgumentError(
        "probability range must satisfy 0 <= min <= max <= 1");
  }
  QueuePosition after;
  if (!filter.page_token.empty() &&
      !ParseQueuePosition(filter.page_token, after)) {
    return absl::InvalidArgumentError(
        absl::StrCat("malformed page token '", filter.page_token, "'"));
  }
  const double min_weight =
      std::max(model->review_weight(),
               matching::ProbabilityToWeight(filter.min_probability));
  const double max_weight =
      filter.max_probability >= 1
          ? model->auto_merge_weight()
          : std::min(model->auto_merge_weight(),
                     std::nextafter(
                         matching::ProbabilityToWeight(filter.max_probability),
                         HUGE_VAL));
  const int page_size = std::clamp(filter.page_size, 1, 1000);

  // Every cross-golden pair in the band, strongest first.
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  constexpr int kScanPage = 4096;
  std::vector<storage::Edge> edges;
  for (storage::Edge cursor;;) {
    MDM_ASSIGN_OR_RETURN(
        std::vector<storage::Edge> scanned,
        txn->ReviewPairs(filter.entity_type, min_weight, max_weight,
                         filter.source, cursor.weight, cursor.a, cursor.b,
                         kScanPage));
    edges.insert(edges.end(), scanned.begin(), scanned.end());
    if (static_cast<int>(scanned.size()) < kScanPage) break;
    cursor = scanned.back();
  }

  // One candidate per pair of golden records: its strongest pair, unless a
  // steward has decided any pair between them (a rejected pair keeps the two
  // apart for good; an approved one is already being honoured).
  struct Placed {
    SourceKey key;
    int64_t golden_id = 0;
  };
  absl::flat_hash_map<int64_t, Placed> rows;
  for (size_t begin = 0; begin < edges.size(); begin += kScanPage / 2) {
    std::vector<int64_t> ids;
    for (size_t i = begin; i < std::min(edges.size(), begin + kScanPage / 2);
         ++i) {
      ids.push_back(edges[i].a);
      ids.push_back(edges[i].b);
    }
    MDM_ASSIGN_OR_RETURN(std::vector<RecordRow> fetched, txn->GetRecords(ids));
    for (RecordRow& row : fetched) {
      rows.emplace(row.id, Placed{.key = std::move(row.key),
                                  .golden_id = row.golden_id});
    }
  }
  struct Group {
    const storage::Edge* strongest = nullptr;
    std::optional<JudgementRow> judgement;  // unsure, on any of its pairs
    bool decided = false;
  };
  absl::flat_hash_map<std::pair<int64_t, int64_t>, Group> groups;
  std::vector<std::pair<int64_t, int64_t>> group_order;
  for (const storage::Edge& edge : edges) {
    auto a = rows.find(edge.a), b = rows.find(edge.b);
    if (a == rows.end() || b == rows.end()) continue;
    const std::pair<int64_t, int64_t> goldens =
        std::minmax(a->second.golden_id, b->second.golden_id);
    auto [it, inserted] = groups.try_emplace(goldens);
    Group& group = it->second;
    if (inserted) {
      group.strongest = &edge;
      group_order.push_back(goldens);
    }
    if (group.decided) continue;
    const SourceKey& low = std::min(a->second.key, b->second.key);
    const SourceKey& high = std::max(a->second.key, b->second.key);
    MDM_ASSIGN_OR_RETURN(std::optional<JudgementRow> judgement,
                         txn->FindJudgement(filter.entity_type, low, high));
    if (!judgement.has_value()) continue;
    if (judgement->kind != JudgementKind::kUnsure) {
      group.decided = true;
    } else if (!group.judgement.has_value()) {
      group.judgement = std::move(judgement);
    }
  }

  // What ranking and the deduplicated-source rule need of a golden record:
  // its size, and the deduplicated sources (each lists a thing once) it
  // holds. Node-based: a looked-up entry stays put while others are added.
  struct GoldenFacts {
    int64_t size = 0;
    std::vector<std::string> exclusive_sources;  // sorted
  };
  std::map<int64_t, GoldenFacts> facts;
  auto facts_of = [&](int64_t golden) -> absl::StatusOr<const GoldenFacts*> {
    auto it = facts.find(golden);
    if (it != facts.end()) return &it->second;
    GoldenFacts found;
    if (clustering_.exclusive_sources.empty()) {
      MDM_ASSIGN_OR_RETURN(std::vector<int64_t> members,
                           txn->GoldenMemberIds(golden));
      found.size = static_cast<int64_t>(members.size());
    } else {
      MDM_ASSIGN_OR_RETURN(std::vector<RecordRow> members,
                           txn->GoldenMembers(golden));
      found.size = static_cast<int64_t>(members.size());
      for (const RecordRow& member : members) {
        if (clustering_.exclusive_sources.contains(member.key.source)) {
          found.exclusive_sources.push_back(member.key.source);
        }
      }
      std::sort(found.exclusive_sources.begin(), found.exclusive_sources.end());
    }
    return &(facts[golden] = std::move(found));
  };
  std::vector<std::pair<QueuePosition, const Group*>> ranked;
  for (const std::pair<int64_t, int64_t>& goldens : group_order) {
    const Group& group = groups.at(goldens);
    if (group.decided || group.judgement.has_value() != filter.unsure) {
      continue;
    }
    MDM_ASSIGN_OR_RETURN(const GoldenFacts* older, facts_of(goldens.first));
    MDM_ASSIGN_OR_RETURN(const GoldenFacts* younger, facts_of(goldens.second));
    // Two golden records that both hold a record of one deduplicated source
    // are kept apart by that rule: approving is no open question.
    const bool kept_apart = std::any_of(
        older->exclusive_sources.begin(), older->exclusive_sources.end(),
        [&](const std::string& source) {
          return std::binary_search(younger->exclusive_sources.begin(),
                                    younger->exclusive_sources.end(), source);
        });
    if (kept_apart) continue;
    // Ranked by the records approving would move (those of the younger
    // golden record, as the older keeps its id), then by uncertainty:
    // |weight| is smallest at probability 0.5.
    const QueuePosition position{
        .records_moved = younger->size,
        .uncertainty = std::abs(group.strongest->weight),
        .a = group.strongest->a,
        .b = group.strongest->b};
    if (!filter.page_token.empty() && !(after < position)) continue;
    ranked.emplace_back(position, &group);
  }
  const size_t shown = std::min(ranked.size(), static_cast<size_t>(page_size));
  std::partial_sort(
      ranked.begin(), ranked.begin() + static_cast<ptrdiff_t>(shown),
      ranked.end(),
      [](const auto& x, const auto& y) { return x.first < y.first; });

  CandidatePage page;
  for (size_t i = 0; i < shown; ++i) {
    const auto& [position, group] = ranked[i];
    const Placed& a = rows.at(group->strongest->a);
    const Placed& b = rows.at(group->strongest->b);
    ReviewCandidate candidate{
        .entity_type = filter.entity_type,
        .a = a.key,
        .b = b.key,
        .golden_id_a = GoldenIdOf(filter.entity_type, a.golden_id),
        .golden_id_b = GoldenIdOf(filter.entity_type, b.golden_id),
        .match_weight = group->strongest->weight,
        .match_probability =
            matching::WeightToProbability(group->strongest->weight),
        .judgement = group->judgement,
        .records_moved = position.records_moved};
    if (candidate.b < candidate.a) {
      std::swap(candidate.a, candidate.b);
      std::swap(candidate.golden_id_a, candidate.golden_id_b);
    }
    page.candidates.push_back(std::move(candidate));
  }
  if (ranked.size() > shown) {
    page.next_page_token = FormatQueuePosition(ranked[shown - 1].first);
  }
  return page;
}

absl::StatusOr<CandidateDetail> Engine::GetCandidate(const RecordRef& a,
                                                     const RecordRef& b) {
  MDM_ASSIGN_OR_RETURN(Explanation explanation, Explain(a, b));
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  CandidateDetail detail;
  MDM_ASSIGN_OR_RETURN(detail.record_a, FindRef(*txn, a));
  MDM_ASSIGN_OR_RETURN(detail.record_b, FindRef(*txn, b));
  const std::shared_ptr<const matching::EntityModel> model =
      Model(detail.record_a.entity_type);
  if (model == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("entity type ", detail.record_a.entity_type,
                     " is not in the configuration"));
  }
  auto standardized = [&](const RecordRow& row) {
    matching::RecordFeatures features;
    if (!matching::DecodeFeatures(*model, row.features, features)) {
      features = matching::Standardize(*model, row.attributes);
    }
    std::vector<std::pair<std::string, std::string>> out;
    for (size_t i = 0; i < model->attributes().size(); ++i) {
      out.emplace_back(model->attributes()[i].name,
                       features.attributes[i].value);
    }
    return out;
  };
  detail.standardized_a = standardized(detail.record_a);
  detail.standardized_b = standardized(detail.record_b);
  ReviewCandidate& candidate = detail.candidate;
  candidate.entity_type = detail.record_a.entity_type;
  candidate.a = detail.record_a.key;
  candidate.b = detail.record_b.key;
  candidate.golden_id_a = explanation.golden_id_a;
  candidate.golden_id_b = explanation.golden_id_b;
  candidate.match_weight = explanation.match_weight;
  candidate.match_probability = explanation.match_probability;
  const SourceKey& low = std::min(candidate.a, candidate.b);
  const SourceKey& high = std::max(candidate.a, candidate.b);
  MDM_ASSIGN_OR_RETURN(detail.judgement,
                       txn->FindJudgement(candidate.entity_type, low, high));
  detail.explanation = std::move(explanation);
  txn.reset();
  MDM_ASSIGN_OR_RETURN(detail.golden_a,
                       GetGolden(candidate.golden_id_a, false));
  MDM_ASSIGN_OR_RETURN(detail.golden_b,
                       GetGolden(candidate.golden_id_b, false));
  return detail;
}

absl::StatusOr<StewardOutcome> Engine::ApplyStewardAction(
    storage::WriteTransaction& txn, const matching::EntityModel& model,
    const std::vector<JudgementRow>& judgements,
    absl::Span<const int64_t> seed_records,
    absl::Span<const int64_t> seed_goldens, AuditRow audit,
    absl::Span<const int64_t> outcome_records) {
  for (const JudgementRow& judgement : judgements) {
    MDM_RETURN_IF_ERROR(txn.PutJudgement(judgement));
  }
  StewardOutcome outcome;
  std::set<int64_t> goldens(audit.golden_ids.begin(), audit.golden_ids.end());
  if (!seed_records.empty() || !seed_goldens.empty()) {
    UnitOfWork unit(clustering_, txn, model, audit.time,
                    {.cause = storage::ChangeCause::kSteward,
                     .note = Note(audit.action, audit.actor, audit.reason)});
    MDM_RETURN_IF_ERROR(unit.Recluster(seed_records, seed_goldens));
    for (int64_t record : outcome_records) {
      const int64_t golden = unit.GoldenOf(record);
      outcome.golden_ids.push_back(GoldenIdOf(model.name(), golden));
      goldens.insert(golden);
    }
    for (int64_t merged : unit.merged()) {
      outcome.merged_golden_ids.push_back(GoldenIdOf(model.name(), merged));
      goldens.insert(merged);
    }
    std::vector<int64_t> created(unit.created().begin(), unit.created().end());
    std::sort(created.begin(), created.end());
    for (int64_t id : created) {
      outcome.created_golden_ids.push_back(GoldenIdOf(model.name(), id));
      goldens.insert(id);
    }
    std::vector<int64_t> restored(unit.restored().begin(),
                                  unit.restored().end());
    std::sort(restored.begin(), restored.end());
    for (int64_t id : restored) {
      outcome.restored_golden_ids.push_back(GoldenIdOf(model.name(), id));
      goldens.insert(id);
    }
  }
  goldens.erase(0);
  audit.golden_ids.assign(goldens.begin(), goldens.end());
  MDM_RETURN_IF_ERROR(txn.AppendAudit(audit));
  outcome.audit_sequence = audit.sequence;
  return outcome;
}

absl::StatusOr<StewardOutcome> Engine::Decide(const RecordRef& a,
                                              const RecordRef& b,
                                              Decision decision,
                                              absl::string_view actor,
                                              absl::string_view reason) {
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginWrite());
  MDM_ASSIGN_OR_RETURN(RecordRow x, FindRef(*txn, a));
  MDM_ASSIGN_OR_RETURN(RecordRow y, FindRef(*txn, b));
  if (x.entity_type != y.entity_type) {
    return absl::InvalidArgumentError(
        absl::StrCat(RecordLabel(x.key), " is a ", x.entity_type, " and ",
                     RecordLabel(y.key), " a ", y.entity_type,
                     "; only records of one "
                     "type can be judged"));
  }
  if (x.id == y.id) {
    return absl::InvalidArgumentError(
        "a record cannot be judged against itself");
  }
  const std::shared_ptr<const matching::EntityModel> model =
      Model(x.entity_type);
  if (model == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(
        "entity type ", x.entity_type, " is not in the configuration"));
  }
  const JudgementKind kind =
      decision == Decision::kApprove  ? JudgementKind::kMustLink
      : decision == Decision::kReject ? JudgementKind::kCannotLink
                                      : JudgementKind::kUnsure;
  const char* action = decision == Decision::kApprove  ? "approve"
                       : decision == Decision::kReject ? "reject"
                                                       : "unsure";
  MDM_ASSIGN_OR_RETURN(std::set<SourceKey> component_x,
                       MustLinkComponent(*txn, x.entity_type, x.key));
  // The pair's own earlier judgement is about to be replaced; the audit
  // entry keeps it, so that the decision can be undone.
  MDM_ASSIGN_OR_RETURN(std::optional<JudgementRow> own,
                       txn->FindJudgement(x.entity_type, std::min(x.key, y.key),
                                          std::max(x.key, y.key)));
  if (kind == JudgementKind::kMustLink) {
    MDM_ASSIGN_OR_RETURN(std::set<SourceKey> component_y,
                         MustLinkComponent(*txn, x.entity_type, y.key));
    if (!own.has_value() || own->kind != JudgementKind::kCannotLink) {
      MDM_RETURN_IF_ERROR(CheckNoCannotLink(*txn, x.entity_type, component_x,
                                            component_y, "approve"));
    }
  } else if (kind == JudgementKind::kCannotLink &&
             component_x.contains(y.key) && component_x.size() > 2) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot reject: ", RecordLabel(x.key), " and ", RecordLabel(y.key),
        " are held together by approvals through other records; split the "
        "golden record instead"));
  }
  const absl::Time now = clock_->Now();
  // The evidence, also for a pair that a distinguishing value decides apart.
  const double weight =
      matching::ScorePair(*model, matching::Standardize(*model, x.attributes),
                          matching::Standardize(*model, y.attributes))
          .evidence_weight;
  AuditRow audit{.time = now,
                 .actor = std::string(actor),
                 .action = action,
                 .entity_type = x.entity_type,
                 .golden_ids = {x.golden_id, y.golden_id},
                 .keys = {x.key, y.key},
                 .reason = std::string(reason),
                 .weight = weight,
                 .has_weight = true,
                 .model_version = model->version(),
                 .detail = EncodeAuditDetail(
                     {.decision = true, .replaced = std::move(own)})};
  const bool recluster = kind != JudgementKind::kUnsure;
  const std::vector<int64_t> seeds =
      recluster ? std::vector<int64_t>{x.id, y.id} : std::vector<int64_t>{};
  MDM_ASSIGN_OR_RETURN(
      StewardOutcome outcome,
      ApplyStewardAction(
          *txn, *model,
          {Judgement(x.entity_type, x.key, y.key, kind, actor, reason, now)},
          seeds, {}, std::move(audit), seeds));
  if (!recluster) {
    outcome.golden_ids = {GoldenIdOf(x.entity_type, x.golden_id),
                          GoldenIdOf(x.entity_type, y.golden_id)};
  }
  MDM_ASSIGN_OR_RETURN(int64_t head, txn->HeadSequence());
  MDM_RETURN_IF_ERROR(txn->Commit());
  PublishHead(head);
  return outcome;
}

absl::StatusOr<StewardOutcome> Engine::UndoDecision(int64_t audit_sequence,
                                                    absl::string_view actor,
                                                    absl::string_view reason) {
  if (audit_sequence <= 0) {
    return absl::InvalidArgumentError(
        "name the decision to undo by its audit sequence (1 or more)");
  }
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginWrite());
  MDM_ASSIGN_OR_RETURN(
      std::vector<AuditRow> rows,
      txn->ListAudit({.after_sequence = audit_sequence - 1, .limit = 1}));
  if (rows.empty() || rows.front().sequence != audit_sequence) {
    return absl::NotFoundError(
        absl::StrCat("audit entry ", audit_sequence, " not found"));
  }
  const AuditRow& entry = rows.front();
  const std::optional<JudgementKind> decided =
      entry.automatic             ? std::nullopt
      : entry.action == "approve" ? std::optional(JudgementKind::kMustLink)
      : entry.action == "reject"  ? std::optional(JudgementKind::kCannotLink)
      : entry.action == "unsure"  ? std::optional(JudgementKind::kUnsure)
                                  : std::nullopt;
  if (!decided.has_value()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "audit entry ", audit_sequence, " is ",
        entry.automatic ? "an automatic " : "a ", entry.action,
        ", not a decision; only approve, reject and unsure can be undone"));
  }
  MDM_ASSIGN_OR_RETURN(AuditDetail detail, DecodeAuditDetail(entry.detail));
  if (!detail.decision || entry.keys.size() != 2) {
    return absl::FailedPreconditionError(absl::StrCat(
        "audit entry ", audit_sequence,
        " does not record the judgement it replaced (it predates undo); "
        "judge the pair again instead"));
  }
  const std::shared_ptr<const matching::EntityModel> model =
      Model(entry.entity_type);
  if (model == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(
        "entity type ", entry.entity_type, " is not in the configuration"));
  }
  const KeyPair pair{std::min(entry.keys[0], entry.keys[1]),
                     std::max(entry.keys[0], entry.keys[1])};
  const std::string pair_label =
      absl::StrCat(RecordLabel(pair.a), " and ", RecordLabel(pair.b));
  MDM_ASSIGN_OR_RETURN(std::optional<JudgementRow> current,
                       txn->FindJudgement(entry.entity_type, pair.a, pair.b));
  if (!current.has_value()) {
    // Only an undo removes a judgement, and only the latest decision can be
    // undone: this one, or an earlier one after it, has been.
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot undo audit entry ", audit_sequence,
        ": it has been undone already (", pair_label, " are undecided)"));
  }
  if (current->kind != *decided || current->actor != entry.actor ||
      current->time != entry.time) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot undo audit entry ", audit_sequence, ": ", pair_label,
        " have been judged again since; only the latest decision on a pair "
        "can be undone"));
  }
  const absl::Time now = clock_->Now();
  // The judgement the decision replaced comes back as it was. Without one,
  // the judgement goes: the pair is undecided again, as before the
  // decision, and back in the review queue while it scores in the band.
  std::vector<JudgementRow> restored;
  if (detail.replaced.has_value()) {
    restored.push_back({.entity_type = entry.entity_type,
                        .a = pair.a,
                        .b = pair.b,
                        .kind = detail.replaced->kind,
                        .actor = detail.replaced->actor,
                        .reason = detail.replaced->reason,
                        .time = detail.replaced->time});
  }
  const std::optional<JudgementKind> restored_kind =
      restored.empty() ? std::nullopt : std::optional(restored.front().kind);
  if (restored_kind == JudgementKind::kMustLink) {
    MDM_ASSIGN_OR_RETURN(
        std::set<SourceKey> component_a,
        MustLinkComponent(*txn, entry.entity_type, pair.a, pair));
    MDM_ASSIGN_OR_RETURN(
        std::set<SourceKey> component_b,
        MustLinkComponent(*txn, entry.entity_type, pair.b, pair));
    MDM_RETURN_IF_ERROR(CheckNoCannotLink(*txn, entry.entity_type, component_a,
                                          component_b, "undo", pair));
  } else if (restored_kind == JudgementKind::kCannotLink) {
    MDM_ASSIGN_OR_RETURN(
        std::set<SourceKey> component_a,
        MustLinkComponent(*txn, entry.entity_type, pair.a, pair));
    if (component_a.contains(pair.b)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "cannot undo: restoring the reject of ", pair_label,
          " contradicts approvals since that hold them together through "
          "other records"));
    }
  }
  if (!restored_kind.has_value()) {
    MDM_RETURN_IF_ERROR(
        txn->DeleteJudgement(entry.entity_type, pair.a, pair.b));
  }
  std::vector<int64_t> seeds;
  std::vector<int64_t> goldens;
  for (const SourceKey& key : {pair.a, pair.b}) {
    MDM_ASSIGN_OR_RETURN(std::optional<RecordRow> row,
                         txn->FindRecord(entry.entity_type, key));
    if (!row.has_value()) continue;  // deleted since; the judgement stays
    seeds.push_back(row->id);
    goldens.push_back(row->golden_id);
  }
  AuditRow audit{.time = now,
                 .actor = std::string(actor),
                 .action = "undo",
                 .entity_type = entry.entity_type,
                 .golden_ids = goldens,
                 .keys = {pair.a, pair.b},
                 .reason = std::string(reason),
                 .model_version = model->version(),
                 .detail = EncodeAuditDetail({.undoes = audit_sequence})};
  MDM_ASSIGN_OR_RETURN(StewardOutcome outcome,
                       ApplyStewardAction(*txn, *model, restored, seeds, {},
                                          std::move(audit), seeds));
  MDM_ASSIGN_OR_RETURN(int64_t head, txn->HeadSequence());
  MDM_RETURN_IF_ERROR(txn->Commit());
  PublishHead(head);
  return outcome;
}

absl::StatusOr<StewardOutcome> Engine::MergeGoldens(absl::string_view golden_id,
                                                    absl::string_view other_id,
                                                    absl::string_view actor,
                                                    absl::string_view reason) {
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginWrite());
  MDM_ASSIGN_OR_RETURN(storage::GoldenRow x, FindGolden(*txn, golden_id));
  MDM_ASSIGN_OR_RETURN(storage::GoldenRow y, FindGolden(*txn, other_id));
  for (const storage::GoldenRow* g : {&x, &y}) {
    if (g->state != storage::GoldenState::kLive) {
      return absl::FailedPreconditionError(
          absl::StrCat("golden record ", GoldenIdOf(g->entity_type, g->id),
                       " is retired; merge its successor instead"));
    }
  }
  if (x.id == y.id) {
    return absl::InvalidArgumentError(
        "cannot merge a golden record with itself");
  }
  if (x.entity_type != y.entity_type) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot merge a ", x.entity_type, " with a ", y.entity_type));
  }
  const std::shared_ptr<const matching::EntityModel> model =
      Model(x.entity_type);
  if (model == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(
        "entity type ", x.entity_type, " is not in the configuration"));
  }
  MDM_ASSIGN_OR_RETURN(std::vector<RecordRow> members_x,
                       txn->GoldenMembers(x.id));
  MDM_ASSIGN_OR_RETURN(std::vector<RecordRow> members_y,
                       txn->GoldenMembers(y.id));
  if (members_x.empty() || members_y.empty()) {
    return absl::InternalError("a live golden record without records");
  }
  std::set<SourceKey> keys_x, keys_y;
  for (const RecordRow& r : members_x) keys_x.insert(r.key);
  for (const RecordRow& r : members_y) keys_y.insert(r.key);
  MDM_RETURN_IF_ERROR(
      CheckNoCannotLink(*txn, x.entity_type, keys_x, keys_y, "merge"));
  const absl::Time now = clock_->Now();
  // The oldest record of each stands for its golden record.
  const RecordRow& rx = members_x.front();
  const RecordRow& ry = members_y.front();
  AuditRow audit{.time = now,
                 .actor = std::string(actor),
                 .action = "merge",
                 .entity_type = x.entity_type,
                 .golden_ids = {x.id, y.id},
                 .keys = {rx.key, ry.key},
                 .reason = std::string(reason),
                 .model_version = model->version()};
  MDM_ASSIGN_OR_RETURN(
      StewardOutcome outcome,
      ApplyStewardAction(
          *txn, *model,
          {Judgement(x.entity_type, rx.key, ry.key, JudgementKind::kMustLink,
                     actor, reason, now)},
          {}, {x.id, y.id}, std::move(audit), {rx.id}));
  MDM_ASSIGN_OR_RETURN(int64_t head, txn->HeadSequence());
  MDM_RETURN_IF_ERROR(txn->Commit());
  PublishHead(head);
  return outcome;
}

absl::StatusOr<StewardOutcome> Engine::SplitGolden(
    absl::string_view golden_id, absl::Span<const SourceKey> keys,
    absl::string_view actor, absl::string_view reason) {
  if (keys.empty()) {
    return absl::InvalidArgumentError("name the source records to split out");
  }
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginWrite());
  MDM_ASSIGN_OR_RETURN(storage::GoldenRow golden, FindGolden(*txn, golden_id));
  if (golden.state != storage::GoldenState::kLive) {
    return absl::FailedPreconditionError(
        absl::StrCat("golden record ", golden_id, " is retired"));
  }
  const std::shared_ptr<const matching::EntityModel> model =
      Model(golden.entity_type);
  if (model == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(
        "entity type ", golden.entity_type, " is not in the configuration"));
  }
  MDM_ASSIGN_OR_RETURN(std::vector<RecordRow> members,
                       txn->GoldenMembers(golden.id));
  std::set<SourceKey> out(keys.begin(), keys.end());
  std::vector<const RecordRow*> leaving, staying;
  for (const RecordRow& member : members) {
    (out.contains(member.key) ? leaving : staying).push_back(&member);
  }
  if (leaving.size() != out.size()) {
    for (const SourceKey& key : out) {
      bool found = false;
      for (const RecordRow* r : leaving) found = found || r->key == key;
      if (!found) {
        return absl::InvalidArgumentError(
            absl::StrCat("source record ", RecordLabel(key),
                         " is not in golden record ", golden_id));
      }
    }
  }
  if (staying.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "splitting out every record of ", golden_id, " would change nothing"));
  }
  if (leaving.size() * staying.size() + members.size() >
      kMaxJudgementsPerAction) {
    return absl::InvalidArgumentError(
        absl::StrCat("a split may separate at most ", kMaxJudgementsPerAction,
                     " record pairs; this one would separate ",
                     leaving.size() * staying.size()));
  }
  const absl::Time now = clock_->Now();
  // Each part stays together (must-links along it), and no record of one
  // part may join the other (cannot-links across).
  std::vector<JudgementRow> judgements;
  for (const std::vector<const RecordRow*>* part : {&leaving, &staying}) {
    for (size_t i = 1; i < part->size(); ++i) {
      judgements.push_back(Judgement(golden.entity_type, (*part)[0]->key,
                                     (*part)[i]->key, JudgementKind::kMustLink,
                                     actor, reason, now));
    }
  }
  for (const RecordRow* l : leaving) {
    for (const RecordRow* s : staying) {
      judgements.push_back(Judgement(golden.entity_type, l->key, s->key,
                                     JudgementKind::kCannotLink, actor, reason,
                                     now));
    }
  }
  AuditRow audit{.time = now,
                 .actor = std::string(actor),
                 .action = "split",
                 .entity_type = golden.entity_type,
                 .golden_ids = {golden.id},
                 .keys = std::vector<SourceKey>(out.begin(), out.end()),
                 .reason = std::string(reason),
                 .model_version = model->version()};
  MDM_ASSIGN_OR_RETURN(
      StewardOutcome outcome,
      ApplyStewardAction(*txn, *model, judgements, {}, {golden.id},
                         std::move(audit),
                         {staying.front()->id, leaving.front()->id}));
  MDM_ASSIGN_OR_RETURN(int64_t head, txn->HeadSequence());
  MDM_RETURN_IF_ERROR(txn->Commit());
  PublishHead(head);
  return outcome;
}

absl::StatusOr<StewardOutcome> Engine::MoveRecord(
    const RecordRef& record, absl::string_view to_golden_id,
    absl::string_view actor, absl::string_view reason) {
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginWrite());
  MDM_ASSIGN_OR_RETURN(RecordRow row, FindRef(*txn, record));
  MDM_ASSIGN_OR_RETURN(storage::GoldenRow target,
                       FindGolden(*txn, to_golden_id));
  if (target.state != storage::GoldenState::kLive) {
    return absl::FailedPreconditionError(
        absl::StrCat("golden record ", to_golden_id, " is retired"));
  }
  if (target.entity_type != row.entity_type) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot move a ", row.entity_type, " into a ", target.entity_type));
  }
  if (target.id == row.golden_id) {
    return absl::FailedPreconditionError(
        absl::StrCat(RecordLabel(row.key), " is already in ", to_golden_id));
  }
  const std::shared_ptr<const matching::EntityModel> model =
      Model(row.entity_type);
  if (model == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(
        "entity type ", row.entity_type, " is not in the configuration"));
  }
  MDM_ASSIGN_OR_RETURN(std::vector<RecordRow> old_members,
                       txn->GoldenMembers(row.golden_id));
  MDM_ASSIGN_OR_RETURN(std::vector<RecordRow> new_members,
                       txn->GoldenMembers(target.id));
  if (old_members.size() > kMaxJudgementsPerAction || new_members.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot move out of a golden record with more than ",
                     kMaxJudgementsPerAction, " records"));
  }
  std::set<SourceKey> moving = {row.key};
  std::set<SourceKey> joining;
  for (const RecordRow& r : new_members) joining.insert(r.key);
  MDM_RETURN_IF_ERROR(
      CheckNoCannotLink(*txn, row.entity_type, moving, joining, "move"));
  const absl::Time now = clock_->Now();
  // The record leaves its old golden record, whose other members stay
  // together, and joins the new one.
  std::vector<JudgementRow> judgements;
  const RecordRow* first_staying = nullptr;
  for (const RecordRow& other : old_members) {
    if (other.id == row.id) continue;
    judgements.push_back(Judgement(row.entity_type, row.key, other.key,
                                   JudgementKind::kCannotLink, actor, reason,
                                   now));
    if (first_staying == nullptr) {
      first_staying = &other;
    } else {
      judgements.push_back(Judgement(row.entity_type, first_staying->key,
                                     other.key, JudgementKind::kMustLink, actor,
                                     reason, now));
    }
  }
  judgements.push_back(Judgement(row.entity_type, row.key,
                                 new_members.front().key,
                                 JudgementKind::kMustLink, actor, reason, now));
  AuditRow audit{.time = now,
                 .actor = std::string(actor),
                 .action = "move",
                 .entity_type = row.entity_type,
                 .golden_ids = {row.golden_id, target.id},
                 .keys = {row.key},
                 .reason = std::string(reason),
                 .model_version = model->version()};
  MDM_ASSIGN_OR_RETURN(StewardOutcome outcome,
                       ApplyStewardAction(*txn, *model, judgements, {row.id},
                                          {row.golden_id, target.id},
                                          std::move(audit), {row.id}));
  MDM_ASSIGN_OR_RETURN(int64_t head, txn->HeadSequence());
  MDM_RETURN_IF_ERROR(txn->Commit());
  PublishHead(head);
  return outcome;
}

absl::StatusOr<std::vector<AuditView>> Engine::ListAudit(
    storage::AuditFilter filter, absl::string_view golden_id) {
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  if (!golden_id.empty()) {
    MDM_ASSIGN_OR_RETURN(storage::GoldenRow golden,
                         FindGolden(*txn, golden_id));
    filter.golden_id = golden.id;
  }
  MDM_ASSIGN_OR_RETURN(std::vector<AuditRow> rows, txn->ListAudit(filter));
  std::vector<AuditView> views;
  views.reserve(rows.size());
  for (AuditRow& row : rows) {
    AuditView view;
    if (absl::StatusOr<AuditDetail> detail = DecodeAuditDetail(row.detail);
        detail.ok()) {
      view.undoes = detail->undoes;
    }
    for (int64_t id : row.golden_ids) {
      view.golden_ids.push_back(GoldenIdOf(row.entity_type, id));
    }
    view.row = std::move(row);
    views.push_back(std::move(view));
  }
  return views;
}

}  // namespace mdm::engine
