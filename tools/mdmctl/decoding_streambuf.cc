#include "tools/mdmctl/decoding_streambuf.h"

#include <unicode/ucnv_cb.h>
#include <unicode/ustring.h>

#include "absl/strings/str_cat.h"

namespace mdm::cli {
namespace {

constexpr size_t kChunkBytes = 64 << 10;

// UTF-8 bytes of the UTF-16 unit at `i` (a surrogate pair counts 4 at its
// lead and 0 at its trail; a lone surrogate becomes U+FFFD, 3 bytes).
size_t Utf8Length(const UChar* units, size_t count, size_t i) {
  const UChar u = units[i];
  if (u < 0x80) return 1;
  if (u < 0x800) return 2;
  if (U16_IS_LEAD(u) && i + 1 < count && U16_IS_TRAIL(units[i + 1])) return 4;
  if (U16_IS_TRAIL(u) && i > 0 && U16_IS_LEAD(units[i - 1])) return 0;
  return 3;
}

}  // namespace

absl::StatusOr<std::unique_ptr<DecodingStreamBuf>> DecodingStreamBuf::Create(
    std::istream& source, const std::string& encoding) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* converter = ucnv_open(encoding.c_str(), &status);
  if (U_FAILURE(status) || converter == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--encoding=", encoding,
        ": no such encoding (for example GBK, GB18030, Big5, Shift_JIS, "
        "UTF-16, UTF-16LE, ISO-8859-1, windows-1252)"));
  }
  auto buf = std::unique_ptr<DecodingStreamBuf>(
      new DecodingStreamBuf(source, converter, encoding));
  status = U_ZERO_ERROR;
  ucnv_setToUCallBack(converter, &DecodingStreamBuf::OnInvalid, buf.get(),
                      nullptr, nullptr, &status);
  if (U_FAILURE(status)) {
    return absl::InternalError(absl::StrCat("cannot set up the ", encoding,
                                            " decoder: ", u_errorName(status)));
  }
  return buf;
}

DecodingStreamBuf::DecodingStreamBuf(std::istream& source,
                                     UConverter* converter, std::string name)
    : source_(source),
      converter_(converter),
      name_(std::move(name)),
      in_(kChunkBytes),
      utf16_(kChunkBytes + 2) {}

DecodingStreamBuf::~DecodingStreamBuf() { ucnv_close(converter_); }

void DecodingStreamBuf::OnInvalid(const void* context,
                                  UConverterToUnicodeArgs* args,
                                  const char* code_units, int32_t length,
                                  UConverterCallbackReason reason,
                                  UErrorCode* error) {
  auto* self = static_cast<DecodingStreamBuf*>(const_cast<void*>(context));
  if (reason == UCNV_UNASSIGNED || reason == UCNV_ILLEGAL ||
      reason == UCNV_IRREGULAR) {
    self->chunk_errors_.emplace_back(
        static_cast<size_t>(args->target - self->chunk_target_start_),
        self->chunk_source_base_ + (args->source - self->chunk_source_start_) -
            length);
  }
  UCNV_TO_U_CALLBACK_SUBSTITUTE(nullptr, args, code_units, length, reason,
                                error);
}

bool DecodingStreamBuf::Fill() {
  if (source_done_) return false;
  source_.read(in_.data(), static_cast<std::streamsize>(in_.size()));
  const size_t read = static_cast<size_t>(source_.gcount());
  const bool flush = read < in_.size();
  const char* src = in_.data();
  const char* const src_end = in_.data() + read;
  chunk_source_start_ = in_.data();
  chunk_source_base_ = source_read_;
  while (true) {
    size_t start = 0;
    if (held_lead_ != 0) {
      utf16_[start++] = held_lead_;
      held_lead_ = 0;
    }
    UChar* target = utf16_.data() + start;
    chunk_target_start_ = utf16_.data();
    chunk_errors_.clear();
    UErrorCode status = U_ZERO_ERROR;
    ucnv_toUnicode(converter_, &target, utf16_.data() + utf16_.size(), &src,
                   src_end, nullptr, flush, &status);
    size_t count = static_cast<size_t>(target - utf16_.data());
    const bool more = status == U_BUFFER_OVERFLOW_ERROR;
    // A pair split between two conversions is completed by the next one.
    if (count > 0 && U16_IS_LEAD(utf16_[count - 1]) && (more || !flush)) {
      held_lead_ = utf16_[--count];
    }
    // Output offsets of this conversion's invalid sequences.
    size_t unit = 0;
    int64_t offset = output_written_ + static_cast<int64_t>(out_.size());
    for (const auto& [index, source_offset] : chunk_errors_) {
      for (; unit < index && unit < count; ++unit) {
        offset += static_cast<int64_t>(Utf8Length(utf16_.data(), count, unit));
      }
      errors_.push_back({offset, source_offset});
    }
    if (count > 0) {
      const size_t before = out_.size();
      out_.resize(before + count * 3);
      int32_t written = 0;
      UErrorCode utf8_status = U_ZERO_ERROR;
      u_strToUTF8WithSub(out_.data() + before,
                         static_cast<int32_t>(out_.size() - before), &written,
                         utf16_.data(), static_cast<int32_t>(count), 0xFFFD,
                         nullptr, &utf8_status);
      out_.resize(before + static_cast<size_t>(written));
    }
    if (!more) break;
  }
  source_read_ += static_cast<int64_t>(read);
  source_done_ = flush;
  return true;
}

std::streambuf::int_type DecodingStreamBuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  output_written_ += static_cast<int64_t>(out_.size());
  out_.clear();
  while (out_.empty()) {
    if (!Fill()) return traits_type::eof();
  }
  setg(out_.data(), out_.data(), out_.data() + out_.size());
  return traits_type::to_int_type(*gptr());
}

int64_t DecodingStreamBuf::FirstErrorIn(int64_t from, int64_t to) {
  while (!errors_.empty() && errors_.front().output_offset < from) {
    errors_.pop_front();
  }
  if (errors_.empty() || errors_.front().output_offset >= to) return -1;
  return errors_.front().source_offset;
}

}  // namespace mdm::cli
