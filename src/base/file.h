// Whole small files (keys, certificates, tokens) read into memory.
//
//   MDM_ASSIGN_OR_RETURN(std::string pem,
//                        ReadFileToString("/etc/mdm/server.pem", "TLS
//                        certificate"));
//
// Thread-safe.
#ifndef MDM_SRC_BASE_FILE_H_
#define MDM_SRC_BASE_FILE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace mdm {

// The file's bytes. NotFound "cannot read WHAT PATH" when it cannot be read.
absl::StatusOr<std::string> ReadFileToString(const std::string& path,
                                             absl::string_view what);

}  // namespace mdm

#endif  // MDM_SRC_BASE_FILE_H_
