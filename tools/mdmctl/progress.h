// Import progress on standard error: a redrawn bar with rate and ETA on a
// terminal, a plain line every few seconds otherwise.
//
//   Progress progress(std::cerr, isatty(2), file_bytes);
//   progress.Update(rows_done, bytes_read);   // cheap; redraws when due
//   progress.Finish();
//
// Not thread-safe: call from one thread.
#ifndef MDM_TOOLS_MDMCTL_PROGRESS_H_
#define MDM_TOOLS_MDMCTL_PROGRESS_H_

#include <cstdint>
#include <ostream>

#include "absl/time/time.h"

namespace mdm::cli {

class Progress {
 public:
  Progress(std::ostream& out, bool terminal, int64_t total_bytes);

  void Update(int64_t rows, int64_t bytes_read);
  // Clears the bar on a terminal.
  void Finish();

 private:
  void Draw(int64_t rows, int64_t bytes_read, absl::Time now);

  std::ostream& out_;
  const bool terminal_;
  const int64_t total_bytes_;
  const absl::Time start_;
  absl::Time last_draw_;
  bool drawn_ = false;
};

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_PROGRESS_H_
