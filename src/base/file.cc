#include "src/base/file.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace mdm {

absl::StatusOr<std::string> ReadFileToString(const std::string& path,
                                             absl::string_view what) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    return absl::NotFoundError(absl::StrCat("cannot read ", what, " ", path));
  }
  return text.str();
}

}  // namespace mdm
