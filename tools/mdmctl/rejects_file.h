// RejectsFile: the rows an import could not load, with their line and
// reason, as CSV ("line,source_id,field,reason,row").
//
//   MDM_ASSIGN_OR_RETURN(std::unique_ptr<RejectsFile> rejects,
//                        RejectsFile::Create(RejectsPathFor("in/people.csv")));
//   rejects->Add(12, "C-7", "attributes.email", "not an e-mail", raw_row);
//   MDM_RETURN_IF_ERROR(rejects->Close());   // removes the file if empty
//
// Create opens the file at once, so a path that cannot be written fails
// before any row is sent. A file from an earlier run is replaced; one left
// empty is removed on Close, so after an import the file exists exactly
// when rows were rejected. Thread-safe.
#ifndef MDM_TOOLS_MDMCTL_REJECTS_FILE_H_
#define MDM_TOOLS_MDMCTL_REJECTS_FILE_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace mdm::cli {

// The default rejects file of an input file: beside it, named
// "INPUT.rejects.csv" ("in/people.csv" -> "in/people.csv.rejects.csv").
std::string RejectsPathFor(const std::string& input);

class RejectsFile {
 public:
  // InvalidArgument naming the path and the reason when it cannot be
  // created.
  static absl::StatusOr<std::unique_ptr<RejectsFile>> Create(
      const std::string& path);
  ~RejectsFile();

  // Appends one row. Returns false once writing has failed (the error is
  // kept for Close).
  bool Add(int64_t line, const std::string& source_id, const std::string& field,
           const std::string& reason, const std::string& raw);

  int64_t count();
  const std::string& path() const { return path_; }

  // Flushes and closes; removes the file when no row was added. The first
  // write error, if any, naming the path.
  absl::Status Close();

 private:
  RejectsFile(std::string path, std::FILE* file);

  const std::string path_;
  absl::Mutex mu_;
  std::FILE* file_ ABSL_GUARDED_BY(mu_);
  int64_t count_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Status error_ ABSL_GUARDED_BY(mu_);
};

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_REJECTS_FILE_H_
