// CsvReader: RFC 4180 rows from a stream, with per-row errors instead of
// giving up on the file.
//
//   std::ifstream in("people.csv", std::ios::binary);
//   CsvReader reader(in);
//   CsvRow row;
//   while (reader.Next(row)) {
//     if (!row.error.empty()) { Report(row.line, row.error); continue; }
//     Use(row.fields);
//   }
//
// Accepts: quoted fields with "" escapes, delimiters and line breaks inside
// quotes, CRLF or LF line ends, a UTF-8 byte-order mark, a missing final line
// break. Blank lines are skipped. A quote inside an unquoted field is taken
// literally (12" pipe). Errors, each ending only the row it occurs in:
// text after a closing quote (`"ab"c`), and a quoted field left open at the
// end of the input (which swallows the rest of the file; the error names the
// line where the field began). Field-count checks are the caller's.
//
// The delimiter is ',' unless given; DetectDelimiter picks ';' or tab when
// a header line holds more of them (outside quotes) than commas.
//
// Not thread-safe. Reads the stream in 1 MiB chunks.
#ifndef MDM_TOOLS_MDMCTL_CSV_READER_H_
#define MDM_TOOLS_MDMCTL_CSV_READER_H_

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace mdm::cli {

struct CsvRow {
  std::vector<std::string> fields;
  int64_t line = 0;    // 1-based line where the row starts
  int64_t offset = 0;  // byte offset in the input where the row starts
  std::string error;  // non-empty when the row is malformed
  std::string raw;    // the row's bytes as read, without the line end
};

// The delimiter of a CSV file from its header line: ',', ';' or '\t',
// whichever occurs most often outside quotes (',' when none does, or on a
// tie with ',').
char DetectDelimiter(const std::string& header_line);

class CsvReader {
 public:
  explicit CsvReader(std::istream& in, char delimiter = ',');

  // Reads the next row into `row`; false at the end of the input.
  bool Next(CsvRow& row);

  // Bytes consumed so far (for progress).
  int64_t bytes_read() const { return consumed_; }

  // The first line of the input (after a byte-order mark), without its line
  // end, as far as it is buffered (up to 1 MiB); reads nothing past it.
  // Call before the first Next().
  std::string PeekFirstLine();

  // Changes the delimiter; before the first Next().
  void set_delimiter(char delimiter) { delimiter_ = delimiter; }

 private:
  // Next byte, or -1 at the end.
  int Get();
  int Peek();
  // Get() that also appends the byte to `raw`.
  int Take(std::string& raw);

  std::istream& in_;
  char delimiter_;
  std::vector<char> buffer_;
  size_t pos_ = 0;
  size_t end_ = 0;
  int64_t consumed_ = 0;
  int64_t line_ = 1;
  bool started_ = false;
};

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_CSV_READER_H_
