// RowSource: the rows of an import file, as (column, value) pairs, in
// UTF-8 whatever the file's encoding.
//
//   MDM_ASSIGN_OR_RETURN(std::unique_ptr<RowSource> rows,
//                        OpenRowSource("people.csv", {.encoding = "GBK"}));
//   InputRow row;
//   while (rows->Next(row)) { ... }
//
// CSV (RFC 4180, see csv_reader.h): the first row is the header, whose names
// are trimmed of white space; a row whose field count differs from the
// header's is an error for that row. The delimiter is given, or detected
// from the header (',', ';' or tab). JSON Lines: one object per line, values
// strings, numbers or booleans (null is absent); a line that is not such an
// object is an error for that line, naming the byte where parsing failed
// (counted from 0, in the line and in the file).
// Errors never end the file: the row comes back with `error` set.
//
// Encoding: the one given (any ICU converter name: GBK, GB18030, Big5,
// Shift_JIS, UTF-16...), or UTF-8, or UTF-16/UTF-32 announced by a
// byte-order mark; a file that is evidently not UTF-8 is refused with a hint
// (encoding_check.h). A row holding bytes that are not valid in the encoding
// is an error for that row, naming the byte of the file.
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
  int64_t offset = 0;  // byte offset in the (UTF-8) text where it starts
  std::vector<std::pair<std::string, std::string>> values;
  std::string error;  // non-empty when the row is malformed
  std::string raw;    // the row as it was in the file, for reports
};

enum class RowFormat { kAuto, kCsv, kJsonLines };

struct RowSourceOptions {
  // kAuto picks JSON Lines for .jsonl, .ndjson and .json, CSV otherwise.
  RowFormat format = RowFormat::kAuto;
  // An ICU converter name; empty: UTF-8, or what a byte-order mark says.
  std::string encoding;
  // CSV delimiter; 0: detected from the header.
  char delimiter = 0;
};

class RowSource {
 public:
  virtual ~RowSource() = default;

  // Column names from the CSV header; empty for JSON Lines, whose columns are
  // known only row by row.
  virtual const std::vector<std::string>& columns() const = 0;

  // Reads the next row; false at the end of the file.
  virtual bool Next(InputRow& row) = 0;

  // Bytes of the file read so far and its size (0 when unknown), for
  // progress.
  virtual int64_t bytes_read() const = 0;
  virtual int64_t total_bytes() const = 0;

  // The format, encoding ("UTF-8" when none was needed) and CSV delimiter in
  // use.
  virtual RowFormat format() const = 0;
  virtual const std::string& encoding() const = 0;
  virtual char delimiter() const = 0;
};

// NotFound when the file cannot be opened; InvalidArgument when a CSV file has
// no header, the encoding is unknown, or the file is not UTF-8 and no
// encoding was given.
absl::StatusOr<std::unique_ptr<RowSource>> OpenRowSource(
    const std::string& path, const RowSourceOptions& options);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_ROW_SOURCE_H_
