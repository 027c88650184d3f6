// Output helpers for mdmctl: aligned tables for people, JSON for scripts.
//
//   Table table({"ATTRIBUTE", "VALUE"});
//   table.AddRow({"email", "ann@x.org"});
//   table.Print(std::cout);
//
//   PrintJson(response, std::cout);   // one JSON object and a newline
#ifndef MDM_TOOLS_MDMCTL_OUTPUT_H_
#define MDM_TOOLS_MDMCTL_OUTPUT_H_

#include <ostream>
#include <string>
#include <vector>

#include "google/protobuf/message.h"

namespace mdm::cli {

class Table {
 public:
  explicit Table(std::vector<std::string> header)
      : header_(std::move(header)) {}
  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  // Columns padded to their widest cell (in terminal columns). Cells are
  // made safe with TerminalSafe (control characters escaped, so a value
  // cannot move the cursor or start a line) and cut with "…" past
  // `max_width` columns.
  // With `line_width`, the widest columns are narrowed (cells cut with "…")
  // until a line fits in it, as far as 4 columns a column allows.
  void Print(std::ostream& out, size_t max_width = 48,
             size_t line_width = 0) const;
  size_t rows() const { return rows_.size(); }

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// The message as one line of JSON with proto field names. Control and
// formatting characters in strings are escaped (\u001b, \u0085, \u202e), so
// that printing it to a terminal is safe too.
std::string ToJson(const google::protobuf::Message& message);
void PrintJson(const google::protobuf::Message& message, std::ostream& out);

// Quotes a CSV field when needed (RFC 4180).
std::string CsvField(const std::string& value);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_OUTPUT_H_
