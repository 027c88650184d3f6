// A fresh directory for one test, removed with everything in it on
// destruction.
//
//   TempDir dir;
//   std::string db = dir.Path("mdm.db");
#ifndef MDM_SRC_BASE_TESTING_TEMP_DIR_H_
#define MDM_SRC_BASE_TESTING_TEMP_DIR_H_

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

#include "absl/strings/string_view.h"

namespace mdm::testing {

class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern =
        std::string(base != nullptr && *base != '\0' ? base : "/tmp") +
        "/mdm-test-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string Path(absl::string_view name) const {
    return path_ + "/" + std::string(name);
  }

 private:
  std::string path_;
};

}  // namespace mdm::testing

#endif  // MDM_SRC_BASE_TESTING_TEMP_DIR_H_
