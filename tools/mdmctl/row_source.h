// RowSource: the rows of an import file, as (column, value) pairs.
//
//   MDM_ASSIGN_OR_RETURN(std::unique_ptr<RowSource> rows,
//                        OpenRowSource("people.csv", RowFormat::kAuto));
//   InputRow row;
//   while (rows->Next(row)) { ... }
//
// CSV (RFC 4180, see csv_reader.h): the first row is the header, whose names
// are trimmed of white space; a row whose field count differs from the
// header's is an error for that row. JSON Lines:
// one object per line, values strings, numbers or booleans (null is absent);
// a line that is not such an object is an error for that line. Errors never
// end the file: the row comes back with `error` set.
//
// Not thread-safe.
#ifndef MDM_TOOLS_MDMCTL_ROW_SOURCE_H_
#define MDM_TOOLS_MDMCTL_ROW_SOURCE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace mdm::cli {

struct InputRow {
  int64_t line = 0;  // 1-based line where the row starts
  std::vector<std::pair<std::string, std::string>> values;
  std::string error;  // non-empty when the row is malformed
  std::string raw;    // the row as it was in the file, for reports
};

enum class RowFormat { kAuto, kCsv, kJsonLines };

class RowSource {
 public:
  virtual ~RowSource() = default;

  // Column names from the CSV header; empty for JSON Lines, whose columns are
  // known only row by row.
  virtual const std::vector<std::string>& columns() const = 0;

  // Reads the next row; false at the end of the file.
  virtual bool Next(InputRow& row) = 0;

  // Bytes read so far and the file's size (0 when unknown), for progress.
  virtual int64_t bytes_read() const = 0;
  virtual int64_t total_bytes() const = 0;
};

// kAuto picks JSON Lines for .jsonl, .ndjson and .json, CSV otherwise.
// NotFound when the file cannot be opened; InvalidArgument when a CSV file has
// no header.
absl::StatusOr<std::unique_ptr<RowSource>> OpenRowSource(
    const std::string& path, RowFormat format);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_ROW_SOURCE_H_
