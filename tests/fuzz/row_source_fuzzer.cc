// Fuzz target for mdm::cli::OpenRowSource (tools/mdmctl/row_source.h), which
// reads files: each input is written to one scratch file per process.
//
// Input: byte 0 picks the format (even: CSV, odd: JSON Lines); the rest is
// the file. Checks, besides memory safety:
//   - rows come on increasing lines >= 1 (JSON Lines: strictly increasing);
//   - a CSV row without error has one value per header column, named after
//     the columns in order; a row with an error has no values;
//   - bytes_read() never exceeds total_bytes(), which is the file's size, and
//     reaches it at the end of the file.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "tests/fuzz/fuzz_check.h"
#include "tools/mdmctl/row_source.h"

namespace {

using mdm::cli::InputRow;
using mdm::cli::OpenRowSource;
using mdm::cli::RowFormat;
using mdm::cli::RowSource;

// A file in $TMPDIR (or /tmp) owned by this process, removed at exit.
const std::string& ScratchPath() {
  static const std::string* path = [] {
    const char* dir = std::getenv("TMPDIR");
    std::string pattern = std::string(dir != nullptr ? dir : "/tmp") +
                          "/mdm_row_source_fuzz_XXXXXX";
    const int fd = mkstemp(pattern.data());
    MDM_FUZZ_CHECK(fd >= 0);
    close(fd);
    auto* result = new std::string(pattern);
    std::atexit([] { unlink(ScratchPath().c_str()); });
    return result;
  }();
  return *path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const RowFormat format =
      data[0] % 2 == 0 ? RowFormat::kCsv : RowFormat::kJsonLines;
  const std::string& path = ScratchPath();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data) + 1,
              static_cast<std::streamsize>(size - 1));
    MDM_FUZZ_CHECK(out.good());
  }
  const int64_t file_size = static_cast<int64_t>(size - 1);

  absl::StatusOr<std::unique_ptr<RowSource>> source =
      OpenRowSource(path, {.format = format});
  if (!source.ok()) {
    // Only a CSV file without a usable header, or a file that is evidently
    // not UTF-8, is refused.
    MDM_FUZZ_CHECK(absl::IsInvalidArgument(source.status()));
    return 0;
  }
  RowSource& rows = **source;
  MDM_FUZZ_CHECK(rows.total_bytes() == file_size);
  if (format == RowFormat::kJsonLines) MDM_FUZZ_CHECK(rows.columns().empty());

  InputRow row;
  int64_t last_line = 0;
  while (rows.Next(row)) {
    MDM_FUZZ_CHECK(row.line >= 1);
    if (format == RowFormat::kJsonLines) {
      MDM_FUZZ_CHECK(row.line > last_line);
    } else {
      MDM_FUZZ_CHECK(row.line >= last_line);
    }
    last_line = row.line;
    MDM_FUZZ_CHECK(rows.bytes_read() <= rows.total_bytes());
    if (!row.error.empty()) {
      if (format == RowFormat::kCsv) MDM_FUZZ_CHECK(row.values.empty());
      continue;
    }
    if (format == RowFormat::kCsv) {
      MDM_FUZZ_CHECK(row.values.size() == rows.columns().size());
      for (size_t i = 0; i < row.values.size(); ++i) {
        MDM_FUZZ_CHECK(row.values[i].first == rows.columns()[i]);
      }
    }
  }
  MDM_FUZZ_CHECK(rows.bytes_read() == rows.total_bytes());
  return 0;
}
