#include "tools/mdmctl/decoding_streambuf.h"

#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/base/testing/status_matchers.h"

namespace mdm::cli {
namespace {

using ::mdm::testing::StatusIs;
using ::testing::HasSubstr;

// The whole source decoded, and the decoder for questions afterwards.
std::string Decode(const std::string& bytes, const std::string& encoding,
                   std::unique_ptr<DecodingStreamBuf>* kept = nullptr,
                   std::istringstream* source = nullptr) {
  std::istringstream local(bytes);
  std::istringstream& in = source != nullptr ? *source : local;
  if (source != nullptr) in.str(bytes);
  absl::StatusOr<std::unique_ptr<DecodingStreamBuf>> buf =
      DecodingStreamBuf::Create(in, encoding);
  EXPECT_TRUE(buf.ok()) << buf.status();
  if (!buf.ok()) return "";
  std::istream decoded(buf->get());
  std::stringstream text;
  text << decoded.rdbuf();
  EXPECT_EQ((*buf)->source_bytes_read(), static_cast<int64_t>(bytes.size()));
  if (kept != nullptr) *kept = *std::move(buf);
  return text.str();
}

TEST(DecodingStreamBuf, DecodesChineseAndJapaneseLegacyEncodings) {
  struct Case {
    std::string encoding;
    std::string bytes;
    std::string utf8;
  };
  const std::vector<Case> cases = {
      {"GBK", "1,\xCD\xF5\xCE\xB0\n", "1,王伟\n"},
      {"GB18030", "1,\xCD\xF5\xCE\xB0\n", "1,王伟\n"},
      {"Big5", "1,\xA4\xFD\n", "1,王\n"},
      {"Shift_JIS", "1,\x93\x8C\x8B\x9E\n", "1,東京\n"},
      {"windows-1252", "caf\xE9\n", "café\n"},
      // UTF-16 follows the byte-order mark and drops it.
      {"UTF-16", std::string("\xFF\xFEi\0d\0\n\0", 8), "id\n"},
      {"UTF-16", std::string("\xFE\xFF\0i\0d\0\n", 8), "id\n"},
      {"UTF-16LE", std::string("\x3D\xD8\x00\xDE", 4), "\xF0\x9F\x98\x80"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Decode(c.bytes, c.encoding), c.utf8) << c.encoding;
  }
}

TEST(DecodingStreamBuf, CharacterSplitBetweenChunksIsDecodedWhole) {
  // 64 KiB chunks: the two bytes of 王 straddle the first boundary.
  const std::string ascii((64 << 10) - 1, 'a');
  std::unique_ptr<DecodingStreamBuf> buf;
  std::istringstream source;
  EXPECT_EQ(Decode(ascii + "\xCD\xF5\n", "GBK", &buf, &source), ascii + "王\n");
  EXPECT_EQ(buf->FirstErrorIn(0, 1 << 20), -1);
}

TEST(DecodingStreamBuf, InvalidBytesAreFoundByTheirRowsAndFileOffset) {
  // Row 2 (UTF-8 offsets 9..16) holds 0x81 at file offset 9: a GBK lead
  // byte without a trail byte ('!' cannot be one); rows 1 and 3 are clean.
  std::unique_ptr<DecodingStreamBuf> buf;
  std::istringstream source;
  const std::string text =
      Decode("1,\xCD\xF5\xCE\xB0\n2,\x81!\n3,ok\n", "GBK", &buf, &source);
  EXPECT_THAT(text, ::testing::StartsWith("1,王伟\n2,"));
  EXPECT_THAT(text, ::testing::EndsWith("!\n3,ok\n"));
  const int64_t row3 = static_cast<int64_t>(text.size()) - 5;
  EXPECT_EQ(buf->FirstErrorIn(0, 9), -1);            // row 1
  EXPECT_EQ(buf->FirstErrorIn(9, row3), 9);          // row 2
  EXPECT_EQ(buf->FirstErrorIn(row3, row3 + 5), -1);  // row 3
}

TEST(DecodingStreamBuf, UnknownEncodingIsAnErrorNamingTheFlag) {
  std::istringstream in("x");
  EXPECT_THAT(DecodingStreamBuf::Create(in, "klingon-8"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("--encoding=klingon-8: no such encoding")));
}

}  // namespace
}  // namespace mdm::cli
