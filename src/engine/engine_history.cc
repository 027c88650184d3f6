// Engine reads of the past: golden record versions, and resolution and
// golden records as of a time.
#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "src/base/status_macros.h"
#include "src/engine/engine.h"
#include "src/engine/golden_id.h"
#include "src/engine/record_validator.h"

namespace mdm::engine {
namespace {

using storage::GoldenState;
using storage::GoldenVersionRow;

constexpr int kMaxRedirectHops = 64;

std::string TimeLabel(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", time, absl::UTCTimeZone());
}

// Attribute name -> its values, in the order stored.
std::map<std::string, std::vector<std::string>> ValuesByName(
    const std::vector<storage::GoldenValue>& attributes) {
  std::map<std::string, std::vector<std::string>> values;
  for (const storage::GoldenValue& v : attributes) {
    values[v.name].push_back(v.value);
  }
  return values;
}

std::vector<AttributeChange> Diff(
    const std::vector<storage::GoldenValue>& before,
    const std::vector<storage::GoldenValue>& after) {
  const auto old_values = ValuesByName(before);
  const auto new_values = ValuesByName(after);
  std::map<std::string, AttributeChange> changes;
  for (const auto& [name, values] : old_values) {
    auto it = new_values.find(name);
    if (it == new_values.end() || it->second != values) {
      changes[name] = {.name = name, .before = values};
    }
  }
  for (const auto& [name, values] : new_values) {
    auto it = old_values.find(name);
    if (it == old_values.end() || it->second != values) {
      AttributeChange& change = changes[name];
      change.name = name;
      change.after = values;
    }
  }
  std::vector<AttributeChange> out;
  out.reserve(changes.size());
  for (auto& [name, change] : changes) out.push_back(std::move(change));
  return out;
}

}  // namespace

absl::StatusOr<storage::GoldenRow> Engine::FindGolden(
    storage::ReadTransaction& txn, absl::string_view golden_id) {
  MDM_ASSIGN_OR_RETURN(ParsedGoldenId parsed, ParseGoldenId(golden_id));
  auto type = type_of_prefix_.find(parsed.prefix);
  std::optional<storage::GoldenRow> row;
  if (type != type_of_prefix_.end()) {
    MDM_ASSIGN_OR_RETURN(row, txn.GetGolden(parsed.number));
  }
  if (!row.has_value() || row->entity_type != type->second) {
    return absl::NotFoundError(
        absl::StrCat("golden record ", golden_id, " not found"));
  }
  return *std::move(row);
}

absl::StatusOr<ResolvedId> Engine::ResolveAt(const SourceKey& key,
                                             absl::string_view entity_type,
                                             absl::Time as_of) {
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  return ResolveIn(*txn, key, entity_type, as_of);
}

absl::StatusOr<GoldenView> Engine::GetGoldenAt(absl::string_view golden_id,
                                               bool follow_redirects,
                                               absl::Time as_of) {
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  MDM_ASSIGN_OR_RETURN(storage::GoldenRow current, FindGolden(*txn, golden_id));
  MDM_ASSIGN_OR_RETURN(std::optional<GoldenVersionRow> version,
                       txn->GoldenVersionAt(current.id, as_of));
  if (!version.has_value()) {
    return absl::NotFoundError(absl::StrCat(
        "golden record ", golden_id, " did not exist at ", TimeLabel(as_of)));
  }
  bool redirected = false;
  for (int hops = 0;
       follow_redirects && version->state == GoldenState::kRetired &&
       version->merged_into != 0;
       ++hops) {
    if (hops == kMaxRedirectHops) {
      return absl::InternalError(
          absl::StrCat("golden record ", golden_id, " redirects more than ",
                       kMaxRedirectHops, " times at ", TimeLabel(as_of)));
    }
    const int64_t target = version->merged_into;
    MDM_ASSIGN_OR_RETURN(version, txn->GoldenVersionAt(target, as_of));
    if (!version.has_value()) {
      return absl::InternalError(
          absl::StrCat("golden record ", golden_id, " redirects at ",
                       TimeLabel(as_of), " to a record without history"));
    }
    MDM_ASSIGN_OR_RETURN(std::optional<storage::GoldenRow> row,
                         txn->GetGolden(target));
    if (row.has_value()) current = *std::move(row);
    redirected = true;
  }
  GoldenView view;
  view.golden_id = GoldenIdOf(current.entity_type, version->golden_id);
  view.entity_type = current.entity_type;
  view.state = version->state;
  if (version->merged_into != 0) {
    view.merged_into = GoldenIdOf(current.entity_type, version->merged_into);
  }
  view.attributes = version->attributes;
  view.version = version->version;
  view.created_at = current.created_at;
  view.updated_at = version->time;
  view.redirected = redirected;
  MDM_ASSIGN_OR_RETURN(std::vector<SourceKey> keys,
                       txn->GoldenMembersAt(version->golden_id, as_of));
  for (SourceKey& key : keys) {
    storage::RecordRow member;
    member.entity_type = current.entity_type;
    member.key = std::move(key);
    member.golden_id = version->golden_id;
    view.members.push_back(std::move(member));
  }
  return view;
}

absl::StatusOr<GoldenHistory> Engine::History(absl::string_view golden_id,
                                              int64_t after_version,
                                              int limit) {
  MDM_ASSIGN_OR_RETURN(auto txn, store_->BeginRead());
  MDM_ASSIGN_OR_RETURN(storage::GoldenRow golden, FindGolden(*txn, golden_id));
  std::vector<storage::GoldenValue> previous;
  if (after_version > 0) {
    MDM_ASSIGN_OR_RETURN(
        std::vector<GoldenVersionRow> before,
        txn->GoldenHistory(golden.id, after_version - 1, /*limit=*/1));
    if (!before.empty() && before.front().version == after_version) {
      previous = std::move(before.front().attributes);
    }
  }
  MDM_ASSIGN_OR_RETURN(std::vector<GoldenVersionRow> rows,
                       txn->GoldenHistory(golden.id, after_version, limit + 1));
  GoldenHistory history;
  history.golden_id = GoldenIdOf(golden.entity_type, golden.id);
  history.entity_type = golden.entity_type;
  history.more = static_cast<int>(rows.size()) > limit;
  if (history.more) rows.resize(limit);
  for (GoldenVersionRow& row : rows) {
    GoldenVersionView view;
    if (row.merged_into != 0) {
      view.merged_into = GoldenIdOf(golden.entity_type, row.merged_into);
    }
    for (const storage::DepartedRecord& departed : row.departed) {
      view.departed.emplace_back(
          departed.key,
          departed.to_golden_id == 0
              ? std::string()
              : GoldenIdOf(golden.entity_type, departed.to_golden_id));
    }
    for (int64_t absorbed : row.absorbed) {
      view.absorbed.push_back(GoldenIdOf(golden.entity_type, absorbed));
    }
    view.changes = Diff(previous, row.attributes);
    previous = row.attributes;
    view.row = std::move(row);
    history.versions.push_back(std::move(view));
  }
  return history;
}

}  // namespace mdm::engine
