// One-line operational log messages to standard error.
//
//   LogInfo(absl::StrCat("serving on ", address));
//   // 2026-11-26T19:40:01.123Z I serving on 127.0.0.1:50051
//
// Thread-safe: each call writes one whole line. Only binaries and the server
// layer log; libraries return Status instead.
#ifndef MDM_SRC_BASE_LOG_H_
#define MDM_SRC_BASE_LOG_H_

#include "absl/strings/string_view.h"

namespace mdm {

void LogInfo(absl::string_view message);
void LogWarning(absl::string_view message);
void LogError(absl::string_view message);

}  // namespace mdm

#endif  // MDM_SRC_BASE_LOG_H_
