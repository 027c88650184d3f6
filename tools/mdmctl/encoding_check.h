// Which encoding an import file is in when the user gave none: UTF-8 (the
// default), UTF-16 or UTF-32 announced by a byte-order mark, or neither, in
// which case the import stops with one clear error and a hint instead of
// rejecting every row.
//
//   absl::StatusOr<std::string> encoding = DetectEncoding("erp.csv");
//   // "" (UTF-8), "UTF-16", "UTF-32", or InvalidArgument:
//   // "erp.csv is not UTF-8: line 2 (byte 31: 0xD5 0xC5) and 5 more lines
//   //  in the first 16 MiB are not; it looks like GB18030. Give the
//   //  file's encoding with --encoding (Chinese ERP exports are often GBK:
//   //  --encoding=GBK; also Big5, Shift_JIS, UTF-16)"
//
// The verdict comes from the first 16 MiB. The file is taken as UTF-8 when
// valid multi-byte UTF-8 comes before any ill-formed byte, or when only one
// line is ill-formed (that row is then rejected on its own). It is refused
// when two or more lines are ill-formed before any valid multi-byte UTF-8,
// or when it holds NUL bytes (UTF-16 without a byte-order mark). The hint
// names ICU's best guess (charset detection) when it has one.
#ifndef MDM_TOOLS_MDMCTL_ENCODING_CHECK_H_
#define MDM_TOOLS_MDMCTL_ENCODING_CHECK_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mdm::cli {

// Reads the start of the file at `path`. NotFound when it cannot be opened.
absl::StatusOr<std::string> DetectEncoding(const std::string& path);

// The same for the file's first bytes, `sample`, named `name` in messages;
// `truncated` when the file goes on past the sample.
absl::StatusOr<std::string> DetectEncodingOf(absl::string_view name,
                                             absl::string_view sample,
                                             bool truncated);

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_ENCODING_CHECK_H_
