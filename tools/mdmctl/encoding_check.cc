#include "tools/mdmctl/encoding_check.h"

#include <unicode/ucsdet.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "src/base/utf8.h"

namespace mdm::cli {
namespace {

constexpr size_t kSampleBytes = 16 << 20;
// Ill-formed bytes handed to charset detection, at most.
constexpr size_t kDetectBytes = 64 << 10;

// ICU's best guess of the encoding of `text`, or "" when it has none worth
// giving: a Unicode encoding (UTF-16, UTF-32) only when `unicode` (the text
// holds NUL bytes), another only with a confidence of 50 or more, since on
// a few short lines its guesses are noise.
std::string GuessEncoding(absl::string_view text, bool unicode) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* detector = ucsdet_open(&status);
  if (U_FAILURE(status)) return "";
  ucsdet_setText(detector, text.data(), static_cast<int32_t>(text.size()),
                 &status);
  int32_t found = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector, &found, &status);
  std::string name;
  for (int32_t i = 0; U_SUCCESS(status) && i < found; ++i) {
    const int32_t confidence = ucsdet_getConfidence(matches[i], &status);
    const char* guess = ucsdet_getName(matches[i], &status);
    if (U_FAILURE(status) || guess == nullptr) break;
    const bool utf = absl::StartsWithIgnoreCase(guess, "UTF-");
    if (unicode ? (utf && !absl::EqualsIgnoreCase(guess, "UTF-8") &&
                   confidence >= 10)
                : (!utf && confidence >= 50)) {
      name = guess;
      break;
    }
  }
  ucsdet_close(detector);
  return name;
}

std::string Hex(absl::string_view bytes) {
  std::vector<std::string> parts;
  for (unsigned char c : bytes) parts.push_back(absl::StrFormat("0x%02X", c));
  return absl::StrJoin(parts, " ");
}

}  // namespace

absl::StatusOr<std::string> DetectEncodingOf(absl::string_view name,
                                             absl::string_view sample,
                                             bool truncated) {
  if (absl::StartsWith(sample, absl::string_view("\xFF\xFE\0\0", 4)) ||
      absl::StartsWith(sample, absl::string_view("\0\0\xFE\xFF", 4))) {
    return std::string("UTF-32");
  }
  if (absl::StartsWith(sample, "\xFF\xFE") ||
      absl::StartsWith(sample, "\xFE\xFF")) {
    return std::string("UTF-16");
  }
  const std::string hint =
      "Give the file's encoding with --encoding (Chinese ERP exports are "
      "often GBK: --encoding=GBK; also Big5, Shift_JIS, UTF-16LE, "
      "windows-1252)";
  if (const size_t nul = sample.find('\0'); nul != absl::string_view::npos) {
    const std::string guess =
        GuessEncoding(sample.substr(0, kDetectBytes), /*unicode=*/true);
    return absl::InvalidArgumentError(absl::StrCat(
        name, " is not UTF-8: it holds NUL bytes (byte ", nul,
        "), as UTF-16 without a byte-order mark does",
        guess.empty() ? "" : absl::StrCat("; it looks like ", guess), ". ",
        hint));
  }
  int64_t line = 1;
  int64_t bad_lines = 0;
  int64_t last_bad_line = 0;
  std::string first;       // "line 2 (byte 31: 0xD5 0xC5)"
  std::string ill_formed;  // the ill-formed lines, for detection
  size_t at = 0;
  while (at < sample.size()) {
    const absl::string_view rest = sample.substr(at);
    const size_t bad = FirstInvalidUtf8(rest);
    const absl::string_view good = rest.substr(0, bad);
    for (size_t i = 0; i < good.size(); ++i) {
      if (static_cast<unsigned char>(good[i]) >= 0x80) {
        if (bad_lines == 0) return std::string();  // real UTF-8 came first
        break;
      }
    }
    for (char c : good) line += c == '\n';
    if (bad == rest.size()) break;
    // A sequence cut by the end of the sample is not ill-formed.
    if (truncated && rest.size() - bad < 4) break;
    const size_t line_start = sample.rfind('\n', at + bad);
    const size_t line_end = sample.find('\n', at + bad);
    const size_t from =
        line_start == absl::string_view::npos ? 0 : line_start + 1;
    const size_t to =
        line_end == absl::string_view::npos ? sample.size() : line_end;
    if (line != last_bad_line) {
      ++bad_lines;
      last_bad_line = line;
      if (first.empty()) {
        first = absl::StrCat(
            "line ", line, " (byte ", at + bad, ": ",
            Hex(rest.substr(bad, std::min<size_t>(2, rest.size() - bad))), ")");
      }
      if (ill_formed.size() < kDetectBytes) {
        absl::StrAppend(&ill_formed, sample.substr(from, to - from), "\n");
      }
    }
    // On to the next line: one verdict per line.
    if (line_end == absl::string_view::npos) break;
    at = line_end;
  }
  if (bad_lines < 2) return std::string();
  const std::string guess = GuessEncoding(ill_formed, /*unicode=*/false);
  return absl::InvalidArgumentError(absl::StrCat(
      name, " is not UTF-8: ", first, " and ", bad_lines - 1, " more line",
      bad_lines == 2 ? "" : "s", truncated ? " in the first 16 MiB" : "",
      " are not", guess.empty() ? "" : absl::StrCat("; it looks like ", guess),
      ". ", hint));
}

absl::StatusOr<std::string> DetectEncoding(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  // Sized by the file, not the cap: most inputs are far below 16 MiB. A
  // pipe has no size and no seeking: it gets the cap.
  std::error_code error;
  const uintmax_t file_size = std::filesystem::file_size(path, error);
  const size_t to_read =
      error ? kSampleBytes + 1
            : std::min(static_cast<size_t>(file_size), kSampleBytes) + 1;
  std::string sample(to_read, '\0');
  in.read(sample.data(), static_cast<std::streamsize>(sample.size()));
  sample.resize(static_cast<size_t>(in.gcount()));
  const bool truncated = sample.size() > kSampleBytes;
  if (truncated) sample.resize(kSampleBytes);
  return DetectEncodingOf(path, sample, truncated);
}

}  // namespace mdm::cli
