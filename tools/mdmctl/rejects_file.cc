#include "tools/mdmctl/rejects_file.h"

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "tools/mdmctl/output.h"

namespace mdm::cli {
namespace {

absl::Status WriteError(const std::string& path) {
  return absl::InvalidArgumentError(absl::StrCat(
      "cannot write the rejects file ", path, ": ", std::strerror(errno)));
}

}  // namespace

std::string RejectsPathFor(const std::string& input) {
  return absl::StrCat(input, ".rejects.csv");
}

absl::StatusOr<std::unique_ptr<RejectsFile>> RejectsFile::Create(
    const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot create the rejects file ", path, ": ",
                     std::strerror(errno), " (choose another with --rejects)"));
  }
  auto rejects = std::unique_ptr<RejectsFile>(new RejectsFile(path, file));
  if (std::fputs("line,source_id,field,reason,row\n", file) < 0 ||
      std::fflush(file) != 0) {
    absl::Status error = WriteError(path);
    rejects->Close().IgnoreError();
    return error;
  }
  return rejects;
}

RejectsFile::RejectsFile(std::string path, std::FILE* file)
    : path_(std::move(path)), file_(file) {}

RejectsFile::~RejectsFile() { Close().IgnoreError(); }

bool RejectsFile::Add(int64_t line, const std::string& source_id,
                      const std::string& field, const std::string& reason,
                      const std::string& raw) {
  const std::string text =
      absl::StrCat(line, ",", CsvField(source_id), ",", CsvField(field), ",",
                   CsvField(reason), ",", CsvField(raw), "\n");
  absl::MutexLock lock(&mu_);
  ++count_;
  if (!error_.ok() || file_ == nullptr) return false;
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
    error_ = WriteError(path_);
    return false;
  }
  return true;
}

int64_t RejectsFile::count() {
  absl::MutexLock lock(&mu_);
  return count_;
}

absl::Status RejectsFile::Close() {
  absl::MutexLock lock(&mu_);
  if (file_ == nullptr) return error_;
  if (std::fclose(file_) != 0 && error_.ok()) error_ = WriteError(path_);
  file_ = nullptr;
  if (count_ == 0) std::remove(path_.c_str());
  return error_;
}

}  // namespace mdm::cli
