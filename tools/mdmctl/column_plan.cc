#include "tools/mdmctl/column_plan.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace mdm::cli {

std::string ColumnPlan::AttributeOf(const std::string& column) const {
  if (column == id_column_ || ignored_.contains(column)) return "";
  auto it = rename_.find(column);
  return it == rename_.end() ? column : it->second;
}

bool ColumnPlan::Known(const std::string& attribute) const {
  return allow_extra_ || attributes_.contains(attribute);
}

std::string ColumnPlan::Collision(const std::string& first,
                                  const std::string& second) const {
  const std::string attribute = AttributeOf(first);
  const bool first_mapped = rename_.contains(first);
  const bool second_mapped = rename_.contains(second);
  if (first_mapped && second_mapped) {
    return absl::StrCat("--map=", map_entry_.at(first),
                        " and --map=", map_entry_.at(second), " both fill '",
                        attribute,
                        "'; map one of them elsewhere or --ignore it");
  }
  const std::string& mapped = first_mapped ? first : second;
  return absl::StrCat("--map=", map_entry_.at(mapped), " targets '", attribute,
                      "', which is also a column of the file; --ignore one of "
                      "them or map '",
                      attribute, "' elsewhere");
}

absl::Status ColumnPlan::CheckHeader(
    const std::vector<std::string>& columns) const {
  bool has_id = false;
  std::vector<std::string> unknown;
  absl::flat_hash_set<std::string> seen;
  absl::flat_hash_map<std::string, std::string> filled_by;  // attr -> column
  for (const std::string& column : columns) {
    if (!seen.insert(column).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("column '", column, "' appears twice in the header"));
    }
    if (column == id_column_) has_id = true;
    const std::string attribute = AttributeOf(column);
    if (attribute.empty()) continue;
    if (!Known(attribute)) unknown.push_back(column);
    auto [it, inserted] = filled_by.emplace(attribute, column);
    if (!inserted) {
      return absl::InvalidArgumentError(Collision(it->second, column));
    }
  }
  const std::string listed =
      absl::StrCat("(columns: ", absl::StrJoin(columns, ", "), ")");
  if (!has_id) {
    return absl::InvalidArgumentError(
        absl::StrCat("no id column '", id_column_, "' in the header ", listed,
                     "; name it with --id-column"));
  }
  std::vector<std::string> absent;
  for (const auto& [column, entry] : map_entry_) {
    if (!seen.contains(column)) absent.push_back(absl::StrCat("--map=", entry));
  }
  for (const std::string& column : ignored_) {
    if (!seen.contains(column))
      absent.push_back(absl::StrCat("--ignore=", column));
  }
  if (!absent.empty()) {
    std::sort(absent.begin(), absent.end());
    return absl::InvalidArgumentError(
        absl::StrCat(absl::StrJoin(absent, ", "),
                     ": no such column in the header ", listed));
  }
  if (!unknown.empty()) {
    std::vector<std::string> known(attributes_.begin(), attributes_.end());
    std::sort(known.begin(), known.end());
    return absl::InvalidArgumentError(
        absl::StrCat("column(s) ", absl::StrJoin(unknown, ", "),
                     " are not attributes of ", type_name_,
                     "; rename them with --map=COLUMN=ATTRIBUTE or drop them "
                     "with --ignore=COLUMN (attributes: ",
                     absl::StrJoin(known, ", "), ")"));
  }
  return absl::OkStatus();
}

std::string ColumnPlan::RowConflict(
    const std::vector<std::pair<std::string, std::string>>& values) const {
  absl::flat_hash_map<std::string, std::string> filled_by;
  for (const auto& [column, value] : values) {
    const std::string attribute = AttributeOf(column);
    if (attribute.empty()) continue;
    auto [it, inserted] = filled_by.emplace(attribute, column);
    if (!inserted &&
        (rename_.contains(it->second) || rename_.contains(column))) {
      return Collision(it->second, column);
    }
  }
  return "";
}

absl::StatusOr<ColumnPlan> PlanColumns(const ColumnFlags& flags,
                                       const v1::EntityTypeConfig& type) {
  ColumnPlan plan;
  plan.type_name_ = type.name();
  plan.id_column_ = flags.id_column;
  plan.allow_extra_ = type.allow_extra_attributes();
  for (const v1::AttributeConfig& attribute : type.attributes()) {
    plan.attributes_.insert(attribute.name());
  }
  if (flags.id_column.empty()) {
    return absl::InvalidArgumentError("--id-column is empty");
  }
  for (const std::string& column : flags.ignore) {
    if (column == flags.id_column) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--ignore=", column,
          " drops the id column (--id-column=", flags.id_column, ")"));
    }
    plan.ignored_.insert(column);
  }
  absl::flat_hash_map<std::string, std::string> target_of;  // attr -> entry
  for (const std::string& entry : flags.map) {
    std::vector<std::string> parts =
        absl::StrSplit(entry, absl::MaxSplits('=', 1));
    if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--map entry '", entry, "' is not COLUMN=ATTRIBUTE"));
    }
    const std::string& column = parts[0];
    const std::string& attribute = parts[1];
    if (column == flags.id_column) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--map=", entry, " maps the id column (--id-column=", flags.id_column,
          "); the id is not an attribute"));
    }
    if (plan.ignored_.contains(column)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--map=", entry, " and --ignore=", column,
                       " name the same column; keep one"));
    }
    if (auto it = plan.map_entry_.find(column); it != plan.map_entry_.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--map=", it->second, " and --map=", entry,
                       " map the same column; keep one"));
    }
    if (auto it = target_of.find(attribute); it != target_of.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--map=", it->second, " and --map=", entry,
                       " both fill '", attribute, "'; keep one"));
    }
    if (!plan.Known(attribute)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--map=", entry, ": '", attribute,
                       "' is not an attribute of ", type.name()));
    }
    target_of[attribute] = entry;
    plan.rename_[column] = attribute;
    plan.map_entry_[column] = entry;
  }
  return plan;
}

}  // namespace mdm::cli
