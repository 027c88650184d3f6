// Fuzz target for mdm::cli::CsvReader (tools/mdmctl/csv_reader.h).
//
// Input: byte 0 picks the delimiter (',' ';' '\t' '|'); the rest is the file.
// Checks, besides memory safety:
//   - rows start on non-decreasing lines >= 1, and bytes_read() never exceeds
//     the input;
//   - the rows read without error come back unchanged from their own `raw`
//     bytes and from a re-encoding with every field quoted.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "tests/fuzz/fuzz_check.h"
#include "tools/mdmctl/csv_reader.h"

namespace {

using mdm::cli::CsvReader;
using mdm::cli::CsvRow;

// The rows of `text`, at most `limit` of them.
std::vector<CsvRow> ReadAll(const std::string& text, char delimiter,
                            size_t limit) {
  std::istringstream in(text);
  CsvReader reader(in, delimiter);
  std::vector<CsvRow> rows;
  CsvRow row;
  while (rows.size() < limit && reader.Next(row)) rows.push_back(row);
  return rows;
}

std::string QuoteAll(const std::vector<std::string>& fields, char delimiter) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(delimiter);
    out.push_back('"');
    for (char c : fields[i]) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out += "\r\n";
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static constexpr char kDelimiters[] = {',', ';', '\t', '|'};
  const char delimiter = kDelimiters[data[0] % sizeof(kDelimiters)];
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);

  std::istringstream in(text);
  CsvReader reader(in, delimiter);
  CsvRow row;
  int64_t last_line = 1;
  std::vector<std::vector<std::string>> clean;
  // The clean rows again: as read, behind a byte-order mark (so that a row
  // starting with EF is not taken for one), and with every field quoted.
  std::string raw = "\xEF\xBB\xBF";
  std::string quoted;
  while (reader.Next(row)) {
    MDM_FUZZ_CHECK(row.line >= last_line);
    last_line = row.line;
    MDM_FUZZ_CHECK(reader.bytes_read() <= static_cast<int64_t>(text.size()));
    if (!row.error.empty()) continue;
    MDM_FUZZ_CHECK(!row.fields.empty());
    MDM_FUZZ_CHECK(!row.raw.empty());
    raw += row.raw;
    raw += '\n';
    quoted += QuoteAll(row.fields, delimiter);
    clean.push_back(row.fields);
  }
  MDM_FUZZ_CHECK(reader.bytes_read() == static_cast<int64_t>(text.size()));

  for (const std::string& again : {raw, quoted}) {
    const std::vector<CsvRow> rows =
        ReadAll(again, delimiter, clean.size() + 1);
    MDM_FUZZ_CHECK(rows.size() == clean.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      MDM_FUZZ_CHECK(rows[i].error.empty());
      MDM_FUZZ_CHECK(rows[i].fields == clean[i]);
    }
  }
  return 0;
}
