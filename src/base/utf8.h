// UTF-8 checks shared by the server and the CLI.
//
//   if (!IsValidUtf8(value)) return InvalidArgumentError("... not UTF-8");
#ifndef MDM_SRC_BASE_UTF8_H_
#define MDM_SRC_BASE_UTF8_H_

#include <cstddef>

#include "absl/strings/string_view.h"

namespace mdm {

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code
// points above U+10FFFF). NUL bytes are well-formed.
bool IsValidUtf8(absl::string_view text);

// Byte offset of the first ill-formed sequence, or text.size() when valid.
size_t FirstInvalidUtf8(absl::string_view text);

}  // namespace mdm

#endif  // MDM_SRC_BASE_UTF8_H_
