// ColumnPlan: how the columns of an import file become a record's id and
// attributes, from --id-column, --map and --ignore and the entity type.
//
//   MDM_ASSIGN_OR_RETURN(ColumnPlan plan,
//       PlanColumns({.id_column = "customer_no",
//                    .map = {"surname=family_name"}, .ignore = {"notes"}},
//                   type));
//   MDM_RETURN_IF_ERROR(plan.CheckHeader({"customer_no", "surname", "notes"}));
//   plan.AttributeOf("surname");   // "family_name"
//   plan.AttributeOf("notes");     // "" (dropped)
//
// Flags that contradict each other are errors, never silently resolved: a
// column both mapped and ignored, the id column mapped or ignored, two
// columns mapped to one attribute, a --map target that is also a column of
// the file, a --map or --ignore naming a column the header lacks. Every
// error is InvalidArgument and names the flag as typed.
#ifndef MDM_TOOLS_MDMCTL_COLUMN_PLAN_H_
#define MDM_TOOLS_MDMCTL_COLUMN_PLAN_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "mdm/v1/config.pb.h"

namespace mdm::cli {

struct ColumnFlags {
  std::string id_column = "id";
  std::vector<std::string> map;     // "COLUMN=ATTRIBUTE"
  std::vector<std::string> ignore;  // columns
};

class ColumnPlan {
 public:
  // The attribute a column fills, or "" for the id column and ignored
  // columns.
  std::string AttributeOf(const std::string& column) const;
  // Whether the entity type takes the attribute.
  bool Known(const std::string& attribute) const;
  const std::string& id_column() const { return id_column_; }

  // Checks a CSV header against the plan: no column twice, the id column
  // present, every --map and --ignore column present, no two columns filling
  // one attribute, every attribute known to the type.
  absl::Status CheckHeader(const std::vector<std::string>& columns) const;

  // For a JSON Lines row, whose columns vary: the reason the row's columns
  // contradict the plan (two of them fill one attribute), or "".
  std::string RowConflict(
      const std::vector<std::pair<std::string, std::string>>& values) const;

 private:
  friend absl::StatusOr<ColumnPlan> PlanColumns(
      const ColumnFlags& flags, const v1::EntityTypeConfig& type);

  // Two columns filling one attribute, as an error message, or "".
  std::string Collision(const std::string& first,
                        const std::string& second) const;

  std::string type_name_;
  std::string id_column_;
  absl::flat_hash_map<std::string, std::string> rename_;  // column -> attr
  // Column -> the --map entry as typed, for messages.
  absl::flat_hash_map<std::string, std::string> map_entry_;
  absl::flat_hash_set<std::string> ignored_;
  absl::flat_hash_set<std::string> attributes_;
  bool allow_extra_ = false;
};

// InvalidArgument for a malformed --map entry, a --map target the type does
// not have, or flags that contradict each other.
absl::StatusOr<ColumnPlan> PlanColumns(const ColumnFlags& flags,
                                       const v1::EntityTypeConfig& type);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_COLUMN_PLAN_H_
