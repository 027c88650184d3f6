// DecodingStreamBuf: a stream buffer that reads text in any encoding ICU
// converts (GBK, GB18030, Big5, Shift_JIS, UTF-16 with or without a
// byte-order mark, ISO-8859-x, windows-125x...) from another stream and
// gives it as UTF-8, so that the CSV and JSON Lines readers need know only
// UTF-8.
//
//   std::ifstream raw("erp.csv", std::ios::binary);
//   MDM_ASSIGN_OR_RETURN(std::unique_ptr<DecodingStreamBuf> buf,
//                        DecodingStreamBuf::Create(raw, "GBK"));
//   std::istream in(buf.get());
//   ... read UTF-8 from `in`; for a row read from UTF-8 offsets [a, b):
//   int64_t bad = buf->FirstErrorIn(a, b);   // source offset, or -1
//
// Bytes that are not valid in the encoding become U+FFFD in the output and
// are remembered by their output offset, so that the reader can reject the
// row holding them, naming the byte of the file. The "UTF-16" encoding
// follows a byte-order mark and drops it (big-endian without one).
//
// Not thread-safe. Reads the source in 64 KiB chunks; memory is bounded by
// the chunk size plus the errors not yet asked about.
#ifndef MDM_TOOLS_MDMCTL_DECODING_STREAMBUF_H_
#define MDM_TOOLS_MDMCTL_DECODING_STREAMBUF_H_

#include <unicode/ucnv.h>

#include <cstdint>
#include <deque>
#include <istream>
#include <memory>
#include <streambuf>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace mdm::cli {

class DecodingStreamBuf : public std::streambuf {
 public:
  // InvalidArgument when ICU knows no converter called `encoding`.
  static absl::StatusOr<std::unique_ptr<DecodingStreamBuf>> Create(
      std::istream& source, const std::string& encoding);
  ~DecodingStreamBuf() override;

  // The source offset of the first byte that could not be decoded among the
  // output bytes [from, to), or -1. Offsets before `from` are forgotten:
  // ask with non-decreasing `from`.
  int64_t FirstErrorIn(int64_t from, int64_t to);

  // Source bytes consumed so far.
  int64_t source_bytes_read() const { return source_read_; }

  // The encoding's name as given, for messages ("GBK").
  const std::string& encoding() const { return name_; }

 protected:
  int_type underflow() override;

 private:
  struct DecodeError {
    int64_t output_offset;
    int64_t source_offset;
  };

  DecodingStreamBuf(std::istream& source, UConverter* converter,
                    std::string name);
  static void OnInvalid(const void* context, UConverterToUnicodeArgs* args,
                        const char* code_units, int32_t length,
                        UConverterCallbackReason reason, UErrorCode* error);
  // Decodes the next chunk into out_; false at the end of the source.
  bool Fill();

  std::istream& source_;
  UConverter* converter_;
  const std::string name_;
  std::vector<char> in_;
  std::vector<UChar> utf16_;
  std::string out_;
  int64_t source_read_ = 0;
  int64_t output_written_ = 0;  // UTF-8 bytes handed out before out_
  bool source_done_ = false;
  UChar held_lead_ = 0;  // a lead surrogate waiting for its trail
  // Filled by OnInvalid during one ucnv_toUnicode call: UTF-16 index in
  // utf16_ and source offset of each invalid sequence.
  const char* chunk_source_start_ = nullptr;
  int64_t chunk_source_base_ = 0;
  const UChar* chunk_target_start_ = nullptr;
  std::vector<std::pair<size_t, int64_t>> chunk_errors_;
  std::deque<DecodeError> errors_;
};

}  // namespace mdm::cli

#endif  // MDM_TOOLS_MDMCTL_DECODING_STREAMBUF_H_
