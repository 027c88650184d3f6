#include "src/engine/invariant_checker.h"

#include <xxhash.h>

#include <algorithm>
#include <deque>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "matching/clustering.h"
#include "matching/entity_model.h"
#include "matching/features.h"
#include "matching/scorer.h"
#include "matching/standardizer.h"
#include "src/base/status_macros.h"
#include "src/engine/golden_id.h"
#include "src/engine/internal/unit_of_work.h"
#include "src/engine/internal/unscored_pairs.h"
#include "src/engine/record_validator.h"
#include "src/engine/survivorship.h"

namespace mdm::engine {
namespace {

using storage::ChangeKind;
using storage::ChangeRow;
using storage::GoldenRow;
using storage::GoldenState;
using storage::GoldenValue;
using storage::JudgementKind;
using storage::JudgementRow;
using storage::ReadTransaction;
using storage::RecordRow;
using storage::XrefRow;

// Redirect chains longer than this are reported as cycles.
constexpr int kMaxRedirectHops = 64;

absl::string_view KindName(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kGoldenCreated:
      return "GOLDEN_CREATED";
    case ChangeKind::kGoldenUpdated:
      return "GOLDEN_UPDATED";
    case ChangeKind::kGoldenMerged:
      return "GOLDEN_MERGED";
    case ChangeKind::kGoldenRetired:
      return "GOLDEN_RETIRED";
    case ChangeKind::kXrefLinked:
      return "XREF_LINKED";
    case ChangeKind::kXrefUnlinked:
      return "XREF_UNLINKED";
    case ChangeKind::kGoldenRestored:
      return "GOLDEN_RESTORED";
  }
  return "UNKNOWN";
}

bool KnownKind(ChangeKind kind) {
  const int k = static_cast<int>(kind);
  return k >= static_cast<int>(ChangeKind::kGoldenCreated) &&
         k <= static_cast<int>(ChangeKind::kGoldenRestored);
}

// FormatGoldenId's precondition on prefixes.
bool IsPrefix(absl::string_view prefix) {
  if (prefix.size() < 2 || prefix.size() > 4) return false;
  for (char c : prefix) {
    if (!absl::ascii_isupper(c)) return false;
  }
  return true;
}

void PutString(std::string& out, absl::string_view s) {
  absl::StrAppend(&out, s.size(), ":", s);
}

// A 64-bit digest of golden values, to compare them with the feed's without
// keeping them.
uint64_t DigestValues(const std::vector<GoldenValue>& values,
                      std::string& buffer) {
  buffer.clear();
  for (const GoldenValue& v : values) {
    PutString(buffer, v.name);
    PutString(buffer, v.value);
    PutString(buffer, v.source.source);
    PutString(buffer, v.source.source_id);
    PutString(buffer, v.rule);
    buffer.push_back(v.invalid ? '1' : '0');
  }
  return XXH3_64bits(buffer.data(), buffer.size());
}

// A 128-bit fingerprint of (entity type, key): the feed replay keeps these
// instead of the keys themselves.
struct KeyPrint {
  uint64_t low = 0;
  uint64_t high = 0;

  friend bool operator==(const KeyPrint& a, const KeyPrint& b) {
    return a.low == b.low && a.high == b.high;
  }
  template <typename H>
  friend H AbslHashValue(H h, const KeyPrint& k) {
    return H::combine(std::move(h), k.low, k.high);
  }
};

KeyPrint PrintKey(absl::string_view entity_type, const storage::SourceKey& key,
                  std::string& buffer) {
  buffer.clear();
  PutString(buffer, entity_type);
  PutString(buffer, key.source);
  PutString(buffer, key.source_id);
  const XXH128_hash_t h = XXH3_128bits(buffer.data(), buffer.size());
  return {h.low64, h.high64};
}

std::string PairLabel(const storage::SourceKey& a,
                      const storage::SourceKey& b) {
  return absl::StrCat(RecordLabel(a), ", ", RecordLabel(b));
}

std::string ValueLabel(const GoldenValue& v) {
  return absl::StrCat("\"", v.value, "\" from ", RecordLabel(v.source), " (",
                      v.rule, v.invalid ? ", invalid" : "", ")");
}

// What differs between stored golden values and a fresh survivorship run.
std::string DescribeDifference(const std::vector<GoldenValue>& stored,
                               const std::vector<GoldenValue>& fresh) {
  for (size_t i = 0; i < std::max(stored.size(), fresh.size()); ++i) {
    if (i >= stored.size()) {
      return absl::StrCat("a fresh survivorship run adds ", fresh[i].name, " ",
                          ValueLabel(fresh[i]));
    }
    if (i >= fresh.size()) {
      return absl::StrCat("holds ", stored[i].name, " ", ValueLabel(stored[i]),
                          ", which a fresh survivorship run does not give");
    }
    if (stored[i] != fresh[i]) {
      return absl::StrCat("holds ", stored[i].name, " ", ValueLabel(stored[i]),
                          "; a fresh survivorship run gives ", fresh[i].name,
                          " ", ValueLabel(fresh[i]));
    }
  }
  return "attributes differ";
}

// Union-find over a golden record's members.
class Components {
 public:
  explicit Components(size_t n) : parent_(n) {
    std::iota(parent_.begin(), parent_.end(), 0);
  }
  size_t Find(size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void Union(size_t a, size_t b) { parent_[Find(a)] = Find(b); }

 private:
  std::vector<size_t> parent_;
};

// Reads the open links of the xref history in record order, whole records
// at a time.
class OpenLinkCursor {
 public:
  OpenLinkCursor(ReadTransaction& txn, int page_size)
      : txn_(txn), page_size_(page_size) {}

  // Moves every remaining link of a record with id <= last into `out`, in
  // order.
  absl::Status TakeThrough(int64_t last, std::vector<XrefRow>& out) {
    while (true) {
      while (!buffer_.empty() && buffer_.front().record_id <= last) {
        out.push_back(std::move(buffer_.front()));
        buffer_.pop_front();
      }
      if (!buffer_.empty() || done_) return absl::OkStatus();
      MDM_RETURN_IF_ERROR(Fill());
    }
  }

 private:
  absl::Status Fill() {
    for (int limit = page_size_;; limit *= 2) {
      MDM_ASSIGN_OR_RETURN(std::vector<XrefRow> rows,
                           txn_.ScanOpenLinks(after_, limit));
      size_t keep = rows.size();
      if (static_cast<int>(rows.size()) < limit) {
        done_ = true;
      } else {
        // The page may end inside the last record's links: leave those to
        // the next page.
        while (keep > 0 && rows[keep - 1].record_id == rows.back().record_id) {
          --keep;
        }
        if (keep == 0) continue;  // one record fills the page
      }
      if (keep > 0) after_ = rows[keep - 1].record_id;
      for (size_t i = 0; i < keep; ++i) buffer_.push_back(std::move(rows[i]));
      return absl::OkStatus();
    }
  }

  ReadTransaction& txn_;
  const int page_size_;
  std::deque<XrefRow> buffer_;
  int64_t after_ = 0;
  bool done_ = false;
};

class Checker {
 public:
  Checker(ReadTransaction& txn, const v1::MdmConfig& config,
          const CheckOptions& options)
      : txn_(txn),
        config_(config),
        options_(options),
        pool_(options.threads > 1
                  ? std::make_unique<WorkerPool>(options.threads - 1)
                  : nullptr) {
    for (const v1::SourceConfig& source : config.sources()) {
      if (source.deduplicated()) deduplicated_.insert(source.name());
    }
  }

  absl::StatusOr<InvariantReport> Run() {
    MDM_ASSIGN_OR_RETURN(registered_, txn_.EntityTypePrefixes());
    for (const v1::EntityTypeConfig& type : config_.entity_types()) {
      MDM_RETURN_IF_ERROR(TypeOf(type.name()).status());
    }
    MDM_RETURN_IF_ERROR(CheckGoldens());
    CheckRedirects();
    MDM_RETURN_IF_ERROR(CheckRedirectTargets());
    MDM_RETURN_IF_ERROR(ReplayFeed());
    CheckGoldensAgainstFeed();
    MDM_RETURN_IF_ERROR(CheckRecords());
    MDM_RETURN_IF_ERROR(CheckJudgements());
    MDM_RETURN_IF_ERROR(CheckScoredPairs());
    MDM_RETURN_IF_ERROR(CheckBatchPartition());
    CheckConfiguration();
    return std::move(report_);
  }

 private:
  // What the checker knows of one entity type.
  struct Type {
    std::string name;
    std::string prefix;  // the configuration's, else the registered one
    const v1::EntityTypeConfig* config = nullptr;  // null: not configured
    std::unique_ptr<matching::EntityModel> model;  // the active one
    std::unique_ptr<SurvivorshipPolicy> policy;
    std::vector<v1::AttributeKind> kinds;  // by attribute index
  };

  // What the checker keeps of one golden record; 64 bytes.
  struct Golden {
    int64_t id = 0;
    int64_t merged_into = 0;
    int64_t feed_survivor = 0;       // survivor of its GOLDEN_MERGED
    int64_t retired_at = 0;          // time of its retirement event, us
    int64_t retired_seq = 0;         // its retirement event; 0: none
    uint64_t attributes_digest = 0;  // as stored
    uint64_t feed_digest = 0;        // of its last CREATED or UPDATED
    int32_t type = 0;                // index into types_
    bool live = false;
    bool created = false;  // its GOLDEN_CREATED was seen
    bool named = false;    // some event named it
    ChangeKind retired_by = ChangeKind::kGoldenRetired;  // when retired_seq
  };

  // Where the feed has put a key: the golden record and the change.
  struct KeyState {
    int64_t golden = 0;
    int64_t sequence = 0;
  };

  void Report(absl::string_view invariant, std::string subject,
              std::string detail) {
    ++report_.violation_count;
    if (static_cast<int64_t>(report_.violations.size()) <
        options_.max_violations) {
      report_.violations.push_back(
          {std::string(invariant), std::move(subject), std::move(detail)});
    }
  }
  bool Full() const {
    return static_cast<int64_t>(report_.violations.size()) >=
           options_.max_violations;
  }

  // The type named `name`, added (with its model and rules when configured)
  // the first time.
  absl::StatusOr<int32_t> TypeOf(absl::string_view name) {
    auto it = type_index_.find(name);
    if (it != type_index_.end()) return it->second;
    auto type = std::make_unique<Type>();
    type->name = std::string(name);
    for (const v1::EntityTypeConfig& t : config_.entity_types()) {
      if (t.name() == name) type->config = &t;
    }
    if (type->config != nullptr) {
      type->prefix = type->config->id_prefix();
      MDM_ASSIGN_OR_RETURN(std::optional<storage::ModelRow> stored,
                           txn_.LatestModel(name));
      std::optional<v1::TrainedModel> trained;
      if (stored.has_value()) {
        trained.emplace();
        if (!trained->ParseFromString(stored->parameters)) {
          return absl::DataLossError(absl::StrCat(
              "model version ", stored->version, " of ", name, " is corrupt"));
        }
      }
      MDM_ASSIGN_OR_RETURN(
          matching::EntityModel model,
          matching::EntityModel::Compile(
              *type->config, trained.has_value() ? &*trained : nullptr));
      type->model = std::make_unique<matching::EntityModel>(std::move(model));
      for (const matching::AttributeSpec& spec : type->model->attributes()) {
        type->kinds.push_back(spec.kind);
      }
      MDM_ASSIGN_OR_RETURN(SurvivorshipPolicy policy,
                           SurvivorshipPolicy::Create(*type->config, config_));
      type->policy = std::make_unique<SurvivorshipPolicy>(std::move(policy));
    } else if (auto r = registered_.find(name); r != registered_.end()) {
      type->prefix = r->second;
    }
    const int32_t index = static_cast<int32_t>(types_.size());
    types_.push_back(std::move(type));
    type_index_.emplace(std::string(name), index);
    return index;
  }

  std::string GoldenLabel(int32_t type, int64_t id) const {
    const std::string& prefix = types_[type]->prefix;
    if (id >= 1 && IsPrefix(prefix)) return FormatGoldenId(prefix, id);
    return absl::StrCat("golden record #", id, " (", types_[type]->name, ")");
  }

  // A golden id as printed, of the type it has in the database when it
  // exists.
  std::string LabelOf(int64_t id, int32_t fallback_type) const {
    if (id == 0) return "no golden record";
    const Golden* g = Find(id);
    return GoldenLabel(g != nullptr ? g->type : fallback_type, id);
  }

  Golden* Find(int64_t id) {
    auto it = std::lower_bound(
        goldens_.begin(), goldens_.end(), id,
        [](const Golden& g, int64_t value) { return g.id < value; });
    return it != goldens_.end() && it->id == id ? &*it : nullptr;
  }
  const Golden* Find(int64_t id) const {
    return const_cast<Checker*>(this)->Find(id);
  }

  // Golden records: redirect of a live one, members, survivorship, strong
  // identifiers, deduplicated sources, version.
  absl::Status CheckGoldens() {
    for (int64_t after = 0;;) {
      MDM_ASSIGN_OR_RETURN(std::vector<GoldenRow> rows,
                           txn_.ScanGoldens(after, options_.page_size));
      if (rows.empty()) break;
      after = rows.back().id;
      for (const GoldenRow& row : rows) {
        MDM_ASSIGN_OR_RETURN(const int32_t type, TypeOf(row.entity_type));
        Golden& g = goldens_.emplace_back();
        g.id = row.id;
        g.type = type;
        g.live = row.state == GoldenState::kLive;
        g.merged_into = row.merged_into;
        g.attributes_digest = DigestValues(row.attributes, buffer_);
        ++report_.goldens;
        const std::string label = GoldenLabel(type, row.id);
        if (g.live) {
          ++report_.live_goldens;
          if (row.merged_into != 0) {
            Report("redirect", label,
                   absl::StrCat("is live but redirects to ",
                                GoldenLabel(type, row.merged_into)));
          }
          MDM_RETURN_IF_ERROR(CheckMembers(row, label));
        }
        MDM_RETURN_IF_ERROR(CheckVersion(row, label));
      }
    }
    return absl::OkStatus();
  }

  absl::Status CheckVersion(const GoldenRow& row, const std::string& label) {
    MDM_ASSIGN_OR_RETURN(std::vector<storage::GoldenVersionRow> versions,
                         txn_.GoldenHistory(row.id, row.version - 1, 2));
    if (versions.empty() || versions.front().version != row.version) {
      Report("golden_version", label,
             absl::StrCat("is at version ", row.version,
                          " but golden_versions has no such version"));
      return absl::OkStatus();
    }
    if (versions.size() > 1) {
      Report("golden_version", label,
             absl::StrCat("is at version ", row.version,
                          " but golden_versions goes on to version ",
                          versions.back().version));
      return absl::OkStatus();
    }
    const storage::GoldenVersionRow& latest = versions.front();
    // Redirects are re-pointed without a new version, so only whether there
    // is one can be compared.
    if (latest.state != row.state ||
        (latest.merged_into != 0) != (row.merged_into != 0)) {
      Report("golden_version", label,
             absl::StrCat("version ", row.version,
                          " records another state or redirect than the "
                          "golden record holds"));
    } else if (latest.attributes != row.attributes) {
      Report(
          "golden_version", label,
          absl::StrCat("version ", row.version, " records other attributes: ",
                       DescribeDifference(row.attributes, latest.attributes)));
    }
    return absl::OkStatus();
  }

  // A live golden record's members: at least one, golden values as a fresh
  // survivorship run gives them, no conflict that must-links do not explain.
  absl::Status CheckMembers(const GoldenRow& row, const std::string& label) {
    MDM_ASSIGN_OR_RETURN(std::vector<RecordRow> members,
                         txn_.GoldenMembers(row.id));
    if (members.empty()) {
      Report("membership", label, "is live but holds no source record");
      return absl::OkStatus();
    }
    MDM_ASSIGN_OR_RETURN(const int32_t type_index, TypeOf(row.entity_type));
    const Type& type = *types_[type_index];
    if (type.model == nullptr) return absl::OkStatus();  // see configuration
    const matching::EntityModel& model = *type.model;

    // Values facts as the unit of work computes them (UnitOfWork::Survive).
    std::vector<matching::RecordFeatures> features(members.size());
    std::vector<SurvivorMember> survivors(members.size());
    for (size_t i = 0; i < members.size(); ++i) {
      const RecordRow& member = members[i];
      if (!matching::DecodeFeatures(model, member.features, features[i])) {
        features[i] = matching::Standardize(model, member.attributes);
      }
      survivors[i].record = &member;
      survivors[i].facts.reserve(member.attributes.size());
      for (const auto& [name, value] : member.attributes) {
        ValueFacts& f = survivors[i].facts.emplace_back();
        const std::optional<int> index = model.AttributeIndex(name);
        if (!index.has_value()) {
          f.comparable = value;
          continue;
        }
        const matching::Feature& feature = features[i].attributes[*index];
        f.invalid = feature.invalid || feature.missing();
        f.comparable = feature.missing() ? value : feature.value;
      }
    }
    const std::vector<GoldenValue> fresh = type.policy->Survive(survivors);
    if (fresh != row.attributes) {
      Report("survivorship", label, DescribeDifference(row.attributes, fresh));
    }
    return CheckConflicts(type, label, members, features);
  }

  // Design invariant 8 and deduplicated sources. Clustering joins must-link
  // components first and then only clusters without a conflict between
  // them, so two conflicting members must share a must-link component.
  absl::Status CheckConflicts(
      const Type& type, const std::string& label,
      const std::vector<RecordRow>& members,
      const std::vector<matching::RecordFeatures>& features) {
    const matching::EntityModel& model = *type.model;
    // (attribute, value) -> holders.
    std::map<std::pair<int, std::string>, std::vector<size_t>> strong;
    std::map<std::string, std::vector<size_t>> by_source;
    for (size_t i = 0; i < members.size(); ++i) {
      for (size_t a = 0; a < model.attributes().size(); ++a) {
        if (!model.attributes()[a].strong) continue;
        for (const std::string& code : features[i].attributes[a].codes) {
          strong[{static_cast<int>(a), code}].push_back(i);
        }
      }
      if (deduplicated_.contains(members[i].key.source)) {
        by_source[members[i].key.source].push_back(i);
      }
    }
    // Members that must share one must-link component.
    struct Group {
      absl::string_view invariant;
      std::string what;  // completes "holds ..."
      std::vector<size_t> holders;
    };
    std::vector<Group> groups;
    for (auto x = strong.begin(); x != strong.end(); ++x) {
      for (auto y = std::next(x); y != strong.end(); ++y) {
        if (y->first.first != x->first.first) break;
        const int attribute = x->first.first;
        if (matching::StrongValuesCompatible(
                type.kinds[attribute], x->first.second, y->first.second)) {
          continue;
        }
        Group& group = groups.emplace_back();
        group.invariant = "strong_identifier";
        group.what =
            absl::StrCat("conflicting ", model.attributes()[attribute].name,
                         " ", x->first.second, " and ", y->first.second);
        group.holders = x->second;
        group.holders.insert(group.holders.end(), y->second.begin(),
                             y->second.end());
      }
    }
    for (int attribute : model.distinguishing_attributes()) {
      const matching::AttributeSpec& spec = model.attributes()[attribute];
      if (spec.strong) continue;  // above
      for (size_t i = 0; i < members.size(); ++i) {
        const matching::Feature& x = features[i].attributes[attribute];
        if (x.codes.empty()) continue;
        for (size_t j = i + 1; j < members.size(); ++j) {
          const matching::Feature& y = features[j].attributes[attribute];
          if (y.codes.empty() || !matching::FeaturesConflict(spec.kind, x, y)) {
            continue;
          }
          groups.push_back(
              {.invariant = "distinguishing_attribute",
               .what = absl::StrCat("conflicting ", spec.name, " ",
                                    absl::StrJoin(x.codes, " "), " and ",
                                    absl::StrJoin(y.codes, " ")),
               .holders = {i, j}});
        }
      }
    }
    for (auto& [source, holders] : by_source) {
      if (holders.size() < 2) continue;
      groups.push_back({.invariant = "deduplicated_source",
                        .what = absl::StrCat("several records of "
                                             "deduplicated source ",
                                             source),
                        .holders = std::move(holders)});
    }
    if (groups.empty()) return absl::OkStatus();

    absl::flat_hash_map<storage::SourceKey, size_t> index;
    for (size_t i = 0; i < members.size(); ++i) index[members[i].key] = i;
    Components components(members.size());
    for (size_t i = 0; i < members.size(); ++i) {
      MDM_ASSIGN_OR_RETURN(std::vector<JudgementRow> judgements,
                           txn_.JudgementsOf(type.name, members[i].key));
      for (const JudgementRow& j : judgements) {
        if (j.kind != JudgementKind::kMustLink) continue;
        auto other = index.find(j.a == members[i].key ? j.b : j.a);
        if (other != index.end()) components.Union(i, other->second);
      }
    }
    for (const Group& group : groups) {
      const size_t first = group.holders.front();
      for (size_t h : group.holders) {
        if (components.Find(h) == components.Find(first)) continue;
        Report(group.invariant, label,
               absl::StrCat("holds ", group.what, " (",
                            PairLabel(members[first].key, members[h].key),
                            ") that no must-links hold together"));
        break;
      }
    }
    return absl::OkStatus();
  }

  // Retired golden records redirect, in one hop, to one of their type that
  // is live or was retired without a redirect.
  void CheckRedirects() {
    for (const Golden& g : goldens_) {
      if (g.live || g.merged_into == 0) continue;
      const std::string label = GoldenLabel(g.type, g.id);
      const Golden* at = &g;
      int hops = 0;
      std::string problem;
      while (true) {
        const Golden* next = Find(at->merged_into);
        ++hops;
        if (next == nullptr) {
          problem = absl::StrCat("redirects to ",
                                 GoldenLabel(g.type, at->merged_into),
                                 ", which does not exist");
          break;
        }
        if (next->type != g.type) {
          problem = absl::StrCat(
              "redirects to ", GoldenLabel(next->type, next->id),
              ", a golden record of type ", types_[next->type]->name);
          break;
        }
        // The end: live, or retired when its last records were deleted
        // (resolve then reports it retired).
        if (next->live || next->merged_into == 0) {
          if (hops > 1) {
            problem =
                absl::StrCat("reaches ", GoldenLabel(next->type, next->id),
                             " in ", hops, " hops, not one");
          }
          break;
        }
        if (next == &g || hops >= kMaxRedirectHops) {
          problem = "redirects in a cycle";
          break;
        }
        at = next;
      }
      if (!problem.empty()) Report("redirect", label, std::move(problem));
    }
  }

  // Design invariant 3: a retired id's redirect leads to a golden record
  // holding at least one of the records the id held when it was retired
  // (those still stored, and not deleted and sent again since).
  absl::Status CheckRedirectTargets() {
    for (const Golden& g : goldens_) {
      if (g.live || g.merged_into == 0) continue;
      MDM_ASSIGN_OR_RETURN(std::optional<storage::GoldenVersionRow> retirement,
                           txn_.LastRetirement(g.id));
      if (!retirement.has_value()) continue;
      int former = 0;
      bool held = false;
      std::map<int64_t, int> elsewhere;  // golden record -> former records
      for (const storage::DepartedRecord& departed : retirement->departed) {
        MDM_ASSIGN_OR_RETURN(
            std::optional<RecordRow> record,
            txn_.FindRecord(types_[g.type]->name, departed.key));
        if (!record.has_value() || record->created_at > retirement->time) {
          continue;
        }
        ++former;
        if (record->golden_id == g.merged_into) {
          held = true;
          break;
        }
        ++elsewhere[record->golden_id];
      }
      if (former == 0 || held) continue;
      std::string where;
      for (const auto& [golden, count] : elsewhere) {
        absl::StrAppend(&where, where.empty() ? "" : ", ",
                        LabelOf(golden, g.type), " (", count, ")");
      }
      Report("redirect_target", GoldenLabel(g.type, g.id),
             absl::StrCat("redirects to ", LabelOf(g.merged_into, g.type),
                          ", which holds none of the ", former,
                          " records it held when version ", retirement->version,
                          " retired it; they are in ", where));
    }
    return absl::OkStatus();
  }

  // Moves `key` from golden record `from` to `to` (0: unlinked) as change
  // `event` says.
  void Move(const ChangeRow& event, int32_t type, const storage::SourceKey& key,
            int64_t from, int64_t to) {
    const KeyPrint print = PrintKey(event.entity_type, key, buffer_);
    auto it = keys_.find(print);
    const KeyState current = it == keys_.end() ? KeyState{} : it->second;
    if (current.golden != from) {
      Report("feed_state", RecordLabel(key),
             absl::StrCat(
                 "change ", event.sequence, " (", KindName(event.kind),
                 ") moves it from ", LabelOf(from, type),
                 ", but the feed had it in ", LabelOf(current.golden, type),
                 current.sequence == 0
                     ? ""
                     : absl::StrCat(" (change ", current.sequence, ")")));
    }
    if (to == 0) {
      if (it != keys_.end()) keys_.erase(it);
    } else if (it != keys_.end()) {
      it->second = {to, event.sequence};
    } else {
      keys_.emplace(print, KeyState{to, event.sequence});
    }
  }

  absl::Status ReplayFeed() {
    int64_t expected = 1;
    for (int64_t after = 0;;) {
      MDM_ASSIGN_OR_RETURN(std::vector<ChangeRow> page,
                           txn_.ListChanges(after, options_.page_size, ""));
      if (page.empty()) break;
      after = page.back().sequence;
      for (const ChangeRow& event : page) {
        ++report_.changes;
        if (event.sequence != expected) {
          Report("feed_sequence", absl::StrCat("change ", event.sequence),
                 absl::StrCat("follows change ", expected - 1,
                              "; the sequence has a gap"));
        }
        expected = event.sequence + 1;
        MDM_RETURN_IF_ERROR(ReplayEvent(event));
      }
    }
    MDM_ASSIGN_OR_RETURN(const int64_t head, txn_.HeadSequence());
    if (head != expected - 1) {
      Report("feed_sequence", absl::StrCat("change ", head),
             absl::StrCat("is the head, but the feed reads up to change ",
                          expected - 1));
    }
    return absl::OkStatus();
  }

  absl::Status ReplayEvent(const ChangeRow& event) {
    const std::string subject = absl::StrCat("change ", event.sequence);
    if (!KnownKind(event.kind)) {
      Report("feed_sequence", subject,
             absl::StrCat("has unknown kind ", static_cast<int>(event.kind)));
      return absl::OkStatus();
    }
    MDM_ASSIGN_OR_RETURN(const int32_t type, TypeOf(event.entity_type));
    Golden* g = Find(event.golden_id);
    if (g == nullptr) {
      Report("feed_sequence", subject,
             absl::StrCat("(", KindName(event.kind), ") names ",
                          GoldenLabel(type, event.golden_id),
                          ", which does not exist"));
      return absl::OkStatus();
    }
    const std::string label = GoldenLabel(g->type, g->id);
    if (g->type != type) {
      Report("feed_sequence", subject,
             absl::StrCat("(", KindName(event.kind), ") of type ",
                          event.entity_type, " names ", label, " of type ",
                          types_[g->type]->name));
    }
    if ((event.survivor_id != 0) != (event.kind == ChangeKind::kGoldenMerged)) {
      Report("feed_sequence", subject,
             absl::StrCat("(", KindName(event.kind), ") has survivor id ",
                          event.survivor_id));
    }
    if (!g->named && event.kind != ChangeKind::kGoldenCreated) {
      Report(
          "feed_state", label,
          absl::StrCat("first appears in change ", event.sequence, " (",
                       KindName(event.kind), "), not in its GOLDEN_CREATED"));
    }
    g->named = true;
    // After retirement only the same unit's unlinks, a revival, or a new
    // target for the redirect may name a golden record.
    if (g->retired_seq != 0 && event.kind != ChangeKind::kGoldenRestored &&
        event.kind != ChangeKind::kGoldenMerged &&
        !(event.kind == ChangeKind::kXrefUnlinked &&
          absl::ToUnixMicros(event.time) == g->retired_at)) {
      Report("feed_state", label,
             absl::StrCat("is named by change ", event.sequence, " (",
                          KindName(event.kind), ") after change ",
                          g->retired_seq, " retired it"));
    }
    switch (event.kind) {
      case ChangeKind::kGoldenCreated:
        if (g->created) {
          Report("feed_state", label,
                 absl::StrCat("is created again by change ", event.sequence));
        }
        g->created = true;
        g->feed_digest = DigestValues(event.attributes, buffer_);
        for (const storage::SourceKey& key : event.keys) {
          Move(event, type, key, 0, g->id);
        }
        break;
      case ChangeKind::kGoldenUpdated:
        g->feed_digest = DigestValues(event.attributes, buffer_);
        break;
      case ChangeKind::kXrefLinked:
        for (const storage::SourceKey& key : event.keys) {
          Move(event, type, key, 0, g->id);
        }
        break;
      case ChangeKind::kXrefUnlinked:
        for (const storage::SourceKey& key : event.keys) {
          Move(event, type, key, g->id, 0);
        }
        break;
      case ChangeKind::kGoldenMerged: {
        Golden* survivor = Find(event.survivor_id);
        if (survivor == nullptr || survivor == g || survivor->type != g->type ||
            survivor->retired_seq != 0 || !survivor->created) {
          Report("feed_state", label,
                 absl::StrCat("is merged by change ", event.sequence, " into ",
                              LabelOf(event.survivor_id, type),
                              ", which is not another live golden record of "
                              "its type then"));
        }
        if (g->retired_seq == 0) {
          g->retired_seq = event.sequence;
          g->retired_at = absl::ToUnixMicros(event.time);
          g->retired_by = ChangeKind::kGoldenMerged;
          g->feed_survivor = event.survivor_id;
        } else if (g->retired_by == ChangeKind::kGoldenMerged) {
          // Its redirect now leads where its former records went.
          g->feed_survivor = event.survivor_id;
        } else {
          Report("feed_state", label,
                 absl::StrCat("is merged by change ", event.sequence,
                              " after change ", g->retired_seq,
                              " retired it without a redirect"));
        }
        for (const storage::SourceKey& key : event.keys) {
          Move(event, type, key, g->id, event.survivor_id);
        }
        break;
      }
      case ChangeKind::kGoldenRestored:
        if (g->retired_seq == 0 || g->retired_by != ChangeKind::kGoldenMerged) {
          Report("feed_state", label,
                 absl::StrCat("is restored by change ", event.sequence,
                              " but was not retired by a merge"));
        }
        g->retired_seq = 0;
        g->retired_at = 0;
        g->feed_survivor = 0;
        g->feed_digest = DigestValues(event.attributes, buffer_);
        for (const storage::SourceKey& key : event.keys) {
          Move(event, type, key, 0, g->id);
        }
        break;
      case ChangeKind::kGoldenRetired:
        if (g->retired_seq == 0) {
          g->retired_seq = event.sequence;
          g->retired_at = absl::ToUnixMicros(event.time);
          g->retired_by = ChangeKind::kGoldenRetired;
        }
        break;
    }
    return absl::OkStatus();
  }

  // What the feed says of each golden record against its stored state.
  void CheckGoldensAgainstFeed() {
    for (const Golden& g : goldens_) {
      const std::string label = GoldenLabel(g.type, g.id);
      if (!g.created) {
        Report("feed_state", label, "has no GOLDEN_CREATED event");
        continue;
      }
      if (g.live) {
        if (g.retired_seq != 0) {
          Report("feed_state", label,
                 absl::StrCat("is live, but change ", g.retired_seq, " (",
                              KindName(g.retired_by), ") retired it"));
        } else if (g.feed_digest != g.attributes_digest) {
          Report("feed_state", label,
                 "holds other attributes than its last GOLDEN_CREATED or "
                 "GOLDEN_UPDATED event");
        }
        continue;
      }
      if (g.retired_seq == 0) {
        Report("feed_state", label, "is retired, but no event retires it");
        continue;
      }
      const bool merged = g.retired_by == ChangeKind::kGoldenMerged;
      if (merged != (g.merged_into != 0)) {
        Report(
            "feed_state", label,
            absl::StrCat("was retired by change ", g.retired_seq, " (",
                         KindName(g.retired_by), ") but ",
                         g.merged_into == 0
                             ? "has no redirect"
                             : absl::StrCat("redirects to ",
                                            LabelOf(g.merged_into, g.type))));
        continue;
      }
      if (!merged) continue;
      // Later merges re-point the redirect: follow the feed's merges.
      int64_t end = g.feed_survivor;
      for (int hops = 0; hops < kMaxRedirectHops; ++hops) {
        const Golden* next = Find(end);
        if (next == nullptr || next->retired_by != ChangeKind::kGoldenMerged ||
            next->retired_seq == 0) {
          break;
        }
        end = next->feed_survivor;
      }
      if (end != g.merged_into) {
        Report("feed_state", label,
               absl::StrCat("redirects to ", LabelOf(g.merged_into, g.type),
                            ", but the feed's merges lead to ",
                            LabelOf(end, g.type)));
      }
    }
  }

  // Source records: golden record, open link, where the feed left the key.
  absl::Status CheckRecords() {
    OpenLinkCursor links(txn_, options_.page_size);
    std::vector<XrefRow> page_links;
    for (int64_t after = 0;;) {
      MDM_ASSIGN_OR_RETURN(std::vector<XrefRow> rows,
                           txn_.ScanXrefs("", after, options_.page_size));
      if (rows.empty()) break;
      after = rows.back().record_id;
      page_links.clear();
      MDM_RETURN_IF_ERROR(links.TakeThrough(after, page_links));
      size_t l = 0;
      for (const XrefRow& row : rows) {
        ++report_.records;
        // Open links of records that do not exist.
        for (; l < page_links.size() && page_links[l].record_id < row.record_id;
             ++l) {
          ReportOrphanLink(page_links[l]);
        }
        size_t open = 0;
        for (;
             l < page_links.size() && page_links[l].record_id == row.record_id;
             ++l, ++open) {
          MDM_RETURN_IF_ERROR(CheckOpenLink(row, page_links[l]));
        }
        MDM_RETURN_IF_ERROR(CheckRecord(row, open));
      }
      for (; l < page_links.size(); ++l) ReportOrphanLink(page_links[l]);
    }
    page_links.clear();
    MDM_RETURN_IF_ERROR(
        links.TakeThrough(std::numeric_limits<int64_t>::max(), page_links));
    for (const XrefRow& link : page_links) ReportOrphanLink(link);
    return ReportStrayKeys();
  }

  void ReportOrphanLink(const XrefRow& link) {
    Report("xref_history", RecordLabel(link.key),
           absl::StrCat("has an open link to golden record #", link.golden_id,
                        " for record #", link.record_id,
                        ", which does not exist"));
  }

  absl::Status CheckOpenLink(const XrefRow& row, const XrefRow& link) {
    if (link.golden_id != row.golden_id || link.key != row.key ||
        link.entity_type != row.entity_type) {
      MDM_ASSIGN_OR_RETURN(const int32_t type, TypeOf(row.entity_type));
      Report("xref_history", RecordLabel(row.key),
             absl::StrCat("has an open link of ", link.entity_type, " ",
                          RecordLabel(link.key), " to ",
                          LabelOf(link.golden_id, type), ", but is a ",
                          row.entity_type, " record in ",
                          LabelOf(row.golden_id, type)));
    }
    return absl::OkStatus();
  }

  absl::Status CheckRecord(const XrefRow& row, size_t open_links) {
    const std::string label = RecordLabel(row.key);
    MDM_ASSIGN_OR_RETURN(const int32_t type, TypeOf(row.entity_type));
    if (open_links != 1) {
      Report("xref_history", label,
             absl::StrCat("has ", open_links,
                          " open links in the xref history, not one"));
    }
    const Golden* g = Find(row.golden_id);
    if (row.golden_id == 0) {
      Report("membership", label, "belongs to no golden record");
    } else if (g == nullptr) {
      Report("membership", label,
             absl::StrCat("belongs to ", GoldenLabel(type, row.golden_id),
                          ", which does not exist"));
    } else if (g->type != type) {
      Report("membership", label,
             absl::StrCat("is a ", row.entity_type, " record in ",
                          GoldenLabel(g->type, g->id),
                          ", a golden record of "
                          "type ",
                          types_[g->type]->name));
    } else if (!g->live) {
      Report("membership", label,
             absl::StrCat("belongs to ", GoldenLabel(g->type, g->id),
                          ", which is retired"));
    }
    const KeyPrint print = PrintKey(row.entity_type, row.key, buffer_);
    auto it = keys_.find(print);
    const KeyState state = it == keys_.end() ? KeyState{} : it->second;
    if (state.golden != row.golden_id) {
      Report("feed_state", label,
             absl::StrCat(
                 "is in ", LabelOf(row.golden_id, type),
                 ", but the feed leaves it in ", LabelOf(state.golden, type),
                 state.sequence == 0
                     ? ""
                     : absl::StrCat(" (change ", state.sequence, ")")));
    }
    if (it != keys_.end()) keys_.erase(it);
    return absl::OkStatus();
  }

  // Keys the feed leaves linked that no record has.
  absl::Status ReportStrayKeys() {
    std::vector<std::pair<int64_t, KeyPrint>> stray;  // (change, key)
    for (const auto& [print, state] : keys_) {
      stray.emplace_back(state.sequence, print);
    }
    std::sort(stray.begin(), stray.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [sequence, print] : stray) {
      if (Full()) {
        ++report_.violation_count;
        continue;
      }
      // Find the key in the change that linked it, to name it.
      MDM_ASSIGN_OR_RETURN(std::vector<ChangeRow> events,
                           txn_.ListChanges(sequence - 1, 1, ""));
      std::string subject = absl::StrCat("a key of change ", sequence);
      int32_t type = 0;
      if (!events.empty()) {
        MDM_ASSIGN_OR_RETURN(type, TypeOf(events.front().entity_type));
        for (const storage::SourceKey& key : events.front().keys) {
          if (PrintKey(events.front().entity_type, key, buffer_) == print) {
            subject = RecordLabel(key);
          }
        }
      }
      Report("feed_state", subject,
             absl::StrCat("is left linked to ",
                          LabelOf(keys_.at(print).golden, type), " by change ",
                          sequence, ", but no such record exists"));
    }
    keys_.clear();
    return absl::OkStatus();
  }

  absl::Status CheckJudgements() {
    std::string after_type;
    storage::SourceKey after_a, after_b;
    while (true) {
      MDM_ASSIGN_OR_RETURN(std::vector<JudgementRow> page,
                           txn_.ScanJudgements(after_type, after_a, after_b,
                                               options_.page_size));
      if (page.empty()) break;
      after_type = page.back().entity_type;
      after_a = page.back().a;
      after_b = page.back().b;
      for (const JudgementRow& j : page) {
        ++report_.judgements;
        if (j.kind == JudgementKind::kUnsure) continue;
        MDM_ASSIGN_OR_RETURN(std::optional<RecordRow> a,
                             txn_.FindRecord(j.entity_type, j.a));
        if (!a.has_value()) continue;
        MDM_ASSIGN_OR_RETURN(std::optional<RecordRow> b,
                             txn_.FindRecord(j.entity_type, j.b));
        if (!b.has_value()) continue;
        MDM_ASSIGN_OR_RETURN(const int32_t type, TypeOf(j.entity_type));
        const bool together = a->golden_id == b->golden_id;
        const bool must = j.kind == JudgementKind::kMustLink;
        if (together == must) continue;
        Report("judgement", PairLabel(j.a, j.b),
               must ? absl::StrCat("are must-linked by ", j.actor,
                                   " but are in ", LabelOf(a->golden_id, type),
                                   " and ", LabelOf(b->golden_id, type))
                    : absl::StrCat("are cannot-linked by ", j.actor,
                                   " but are both in ",
                                   LabelOf(a->golden_id, type)));
      }
    }
    return absl::OkStatus();
  }

  // Pairs the active model scores at or above the review threshold that
  // were never stored as scored pairs (internal/unscored_pairs.h).
  absl::Status CheckScoredPairs() {
    for (size_t t = 0; t < types_.size(); ++t) {
      const Type& type = *types_[t];
      if (type.model == nullptr) continue;
      const matching::EntityModel& model = *type.model;
      MDM_RETURN_IF_ERROR(FindUnscoredPairs(
          txn_, model, options_.page_size, pool_.get(),
          [&](const UnscoredPair& pair) {
            const int32_t index = static_cast<int32_t>(t);
            if (pair.kind == UnscoredPair::Kind::kNotCandidates) {
              Report("scored_pairs", PairLabel(pair.a.key, pair.b.key),
                     absl::StrCat(
                         "have a stored pair (", absl::SixDigits(pair.weight),
                         " bits) but are no candidates (no shared block "
                         "within its single-key size, nor two within their "
                         "caps): a re-match would not score them, so the "
                         "clustering counts a pair the batch path does not "
                         "(did a block grow past a limit without its pairs "
                         "being dropped, or did the blocking configuration "
                         "change?)"));
              return;
            }
            Report("scored_pairs", PairLabel(pair.a.key, pair.b.key),
                   absl::StrCat(
                       "score ", absl::SixDigits(pair.weight),
                       " bits under the active model (stored from ",
                       absl::SixDigits(model.stored_weight()), ", auto-merge ",
                       absl::SixDigits(model.auto_merge_weight()),
                       ") but were never scored against each other: they are "
                       "in ",
                       LabelOf(pair.a.golden_id, index), " and ",
                       LabelOf(pair.b.golden_id, index),
                       " with no stored pair (was the database written by a "
                       "process that did not see the other record?)"));
          }));
    }
    return absl::OkStatus();
  }

  // Design invariant 4: each type's golden records are the clusters a
  // clustering of all its records at once gives (ClusterRecords over the
  // stored pairs and the judgements), whatever order the records came in.
  absl::Status CheckBatchPartition() {
    for (size_t t = 0; t < types_.size(); ++t) {
      const Type& type = *types_[t];
      if (type.model == nullptr) continue;
      const matching::EntityModel& model = *type.model;
      const int32_t index = static_cast<int32_t>(t);
      std::vector<matching::ClusterRecord> nodes;
      std::vector<matching::ScoredPair> pairs;
      absl::flat_hash_map<int64_t, std::pair<storage::SourceKey, int64_t>>
          records;  // id -> (key, golden id)
      absl::flat_hash_map<storage::SourceKey, int64_t> id_of;
      std::vector<std::string> dedup_sources(deduplicated_.begin(),
                                             deduplicated_.end());
      std::sort(dedup_sources.begin(), dedup_sources.end());
      for (int64_t after = 0;;) {
        MDM_ASSIGN_OR_RETURN(
            std::vector<RecordRow> page,
            txn_.ScanRecords(type.name, after, options_.page_size));
        if (page.empty()) break;
        after = page.back().id;
        for (RecordRow& row : page) {
          auto dedup = std::lower_bound(dedup_sources.begin(),
                                        dedup_sources.end(), row.key.source);
          nodes.push_back(ClusterRecordFor(
              model, row,
              dedup != dedup_sources.end() && *dedup == row.key.source
                  ? static_cast<int>(dedup - dedup_sources.begin())
                  : -1));
          MDM_ASSIGN_OR_RETURN(std::vector<storage::Edge> edges,
                               txn_.EdgesOf(row.id));
          for (const storage::Edge& edge : edges) {
            if (edge.a == row.id)
              pairs.push_back({edge.a, edge.b, edge.weight});
          }
          id_of.emplace(row.key, row.id);
          records.emplace(row.id,
                          std::make_pair(std::move(row.key), row.golden_id));
        }
      }
      std::vector<matching::MustLink> must_links;
      std::vector<matching::CannotLink> cannot_links;
      for (const auto& [key, id] : id_of) {
        MDM_ASSIGN_OR_RETURN(std::vector<JudgementRow> judgements,
                             txn_.JudgementsOf(type.name, key));
        for (const JudgementRow& j : judgements) {
          if (j.kind == JudgementKind::kUnsure || !(j.a == key)) continue;
          auto other = id_of.find(j.b);
          if (other == id_of.end()) continue;
          if (j.kind == JudgementKind::kMustLink) {
            must_links.push_back({id, other->second});
          } else {
            cannot_links.push_back({id, other->second});
          }
        }
      }
      const std::vector<std::vector<int64_t>> clusters =
          matching::ClusterRecords(nodes, pairs, model.link_thresholds(),
                                   type.kinds, cannot_links, must_links);
      // A batch cluster split over golden records, and a golden record
      // holding records of several batch clusters, each reported once.
      absl::flat_hash_map<int64_t, size_t> cluster_of_golden;
      for (size_t c = 0; c < clusters.size(); ++c) {
        const auto& [first_key, first_golden] = records.at(clusters[c][0]);
        for (int64_t id : clusters[c]) {
          const auto& [key, golden] = records.at(id);
          if (golden != first_golden) {
            Report("batch_partition", PairLabel(first_key, key),
                   absl::StrCat("are one entity when all ", type.name,
                                " records are clustered at once, but are in ",
                                LabelOf(first_golden, index), " and ",
                                LabelOf(golden, index)));
            break;
          }
        }
        for (int64_t id : clusters[c]) {
          const auto& [key, golden] = records.at(id);
          auto [it, inserted] = cluster_of_golden.emplace(golden, c);
          if (!inserted && it->second != c) {
            const auto& [other_key, other_golden] =
                records.at(clusters[it->second][0]);
            Report("batch_partition", LabelOf(golden, index),
                   absl::StrCat("holds ", RecordLabel(other_key), " and ",
                                RecordLabel(key), ", which clustering all ",
                                type.name, " records at once keeps apart"));
          }
        }
      }
    }
    return absl::OkStatus();
  }

  void CheckConfiguration() {
    for (const std::unique_ptr<Type>& type : types_) {
      auto registered = registered_.find(type->name);
      if (type->config == nullptr) {
        Report("configuration", type->name,
               "appears in the database but not in the configuration; its "
               "golden attributes and conflicts were not checked");
      } else if (registered != registered_.end() &&
                 registered->second != type->prefix) {
        Report("configuration", type->name,
               absl::StrCat("is registered with golden id prefix ",
                            registered->second,
                            ", but the configuration gives ", type->prefix));
      }
    }
    // Types with data must be registered.
    std::vector<bool> used(types_.size());
    for (const Golden& g : goldens_) used[g.type] = true;
    for (size_t t = 0; t < types_.size(); ++t) {
      if (used[t] && !registered_.contains(types_[t]->name)) {
        Report("configuration", types_[t]->name,
               "has golden records but no registered golden id prefix");
      }
    }
  }

  ReadTransaction& txn_;
  const v1::MdmConfig& config_;
  const CheckOptions& options_;
  const std::unique_ptr<WorkerPool> pool_;  // null: one thread
  absl::flat_hash_set<std::string> deduplicated_;
  absl::flat_hash_map<std::string, std::string> registered_;
  std::vector<std::unique_ptr<Type>> types_;
  absl::flat_hash_map<std::string, int32_t> type_index_;
  std::vector<Golden> goldens_;  // by increasing id
  absl::flat_hash_map<KeyPrint, KeyState> keys_;
  std::string buffer_;  // scratch for digests
  InvariantReport report_;
};

}  // namespace

std::string FormatViolation(const InvariantViolation& violation) {
  return absl::StrCat(violation.invariant, " ", violation.subject, ": ",
                      violation.detail);
}

absl::StatusOr<InvariantReport> CheckInvariants(storage::Store& store,
                                                const v1::MdmConfig& config,
                                                const CheckOptions& options) {
  if (options.page_size < 1 || options.max_violations < 0 ||
      options.threads < 1) {
    return absl::InvalidArgumentError(
        "page_size and threads must be positive and max_violations not "
        "negative");
  }
  MDM_ASSIGN_OR_RETURN(std::unique_ptr<ReadTransaction> txn, store.BeginRead());
  Checker checker(*txn, config, options);
  return checker.Run();
}

}  // namespace mdm::engine
