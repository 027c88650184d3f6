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
  // Columns padded to their widest cell (counting UTF-8 code points); values
  // with line breaks are shown with "\n"; cells longer than `max_width`
  // code points are cut with "...".
  void Print(std::ostream& out, size_t max_width = 48) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// The message as one line of JSON with proto field names.
std::string ToJson(const google::protobuf::Message& message);
void PrintJson(const google::protobuf::Message& message, std::ostream& out);

// Quotes a CSV field when needed (RFC 4180).
std::string CsvField(const std::string& value);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_OUTPUT_H_
