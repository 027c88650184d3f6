#include "tools/mdmctl/progress.h"

#include <algorithm>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace mdm::cli {
namespace {

std::string Clock(double seconds) {
  const int64_t s = static_cast<int64_t>(seconds + 0.5);
  return absl::StrFormat("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
}

}  // namespace

Progress::Progress(std::ostream& out, bool terminal, int64_t total_bytes)
    : out_(out),
      terminal_(terminal),
      total_bytes_(total_bytes),
      start_(absl::Now()),
      last_draw_(start_) {}

void Progress::Update(int64_t rows, int64_t bytes_read) {
  const absl::Time now = absl::Now();
  const absl::Duration every =
      terminal_ ? absl::Milliseconds(200) : absl::Seconds(10);
  if (now - last_draw_ < every) return;
  last_draw_ = now;
  Draw(rows, bytes_read, now);
}

void Progress::Draw(int64_t rows, int64_t bytes_read, absl::Time now) {
  const double elapsed = absl::ToDoubleSeconds(now - start_);
  const double rate = elapsed > 0 ? rows / elapsed : 0;
  const double fraction =
      total_bytes_ > 0
          ? std::clamp(static_cast<double>(bytes_read) / total_bytes_, 0.0, 1.0)
          : 0;
  std::string eta = "--:--:--";
  if (fraction > 0.001) eta = Clock(elapsed / fraction - elapsed);
  if (terminal_) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth);
    out_ << absl::StrFormat("\r[%s%s] %5.1f%%  %d rows  %.0f rows/s  ETA %s ",
                            std::string(filled, '#'),
                            std::string(kWidth - filled, '.'), fraction * 100,
                            rows, rate, eta)
         << std::flush;
    drawn_ = true;
  } else {
    out_ << absl::StrFormat(
                "progress: %d rows, %.0f rows/s, %.1f%% of the "
                "file, ETA %s\n",
                rows, rate, fraction * 100, eta)
         << std::flush;
  }
}

void Progress::Finish() {
  if (terminal_ && drawn_)
    out_ << "\r" << std::string(79, ' ') << "\r" << std::flush;
}

}  // namespace mdm::cli
