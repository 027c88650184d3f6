#include "tools/mdmctl/row_source.h"

#include <filesystem>
#include <fstream>
#include <istream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "nlohmann/json.hpp"
#include "tools/mdmctl/csv_reader.h"
#include "tools/mdmctl/decoding_streambuf.h"
#include "tools/mdmctl/encoding_check.h"

namespace mdm::cli {
namespace {

// The file, decoded to UTF-8 when it is in another encoding.
class Text {
 public:
  Text(std::unique_ptr<std::ifstream> file,
       std::unique_ptr<DecodingStreamBuf> decoder)
      : file_(std::move(file)),
        decoder_(std::move(decoder)),
        decoded_(decoder_ == nullptr
                     ? nullptr
                     : std::make_unique<std::istream>(decoder_.get())) {}

  std::istream& stream() { return decoded_ != nullptr ? *decoded_ : *file_; }
  bool decoding() const { return decoder_ != nullptr; }
  std::string encoding() const {
    return decoder_ != nullptr ? decoder_->encoding() : "UTF-8";
  }
  int64_t source_bytes_read() const {
    return decoder_ != nullptr ? decoder_->source_bytes_read() : 0;
  }

  // The reason a row spanning UTF-8 offsets [from, to) must be rejected
  // because the file's bytes there are not valid in its encoding, or "".
  std::string DecodeError(int64_t from, int64_t to) {
    if (decoder_ == nullptr) return "";
    const int64_t bad = decoder_->FirstErrorIn(from, to);
    if (bad < 0) return "";
    return absl::StrCat("byte ", bad, " of the file is not valid ",
                        decoder_->encoding());
  }

 private:
  std::unique_ptr<std::ifstream> file_;
  std::unique_ptr<DecodingStreamBuf> decoder_;
  std::unique_ptr<std::istream> decoded_;
};

class CsvRowSource : public RowSource {
 public:
  CsvRowSource(Text text, int64_t size)
      : text_(std::move(text)), reader_(text_.stream()), size_(size) {}

  absl::Status ReadHeader(char delimiter) {
    delimiter_ =
        delimiter != 0 ? delimiter : DetectDelimiter(reader_.PeekFirstLine());
    reader_.set_delimiter(delimiter_);
    CsvRow header;
    if (!reader_.Next(header)) {
      return absl::InvalidArgumentError("the file is empty: no header row");
    }
    if (!header.error.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("header row: ", header.error));
    }
    if (const std::string bad =
            text_.DecodeError(header.offset, reader_.bytes_read());
        !bad.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("header row: ", bad));
    }
    columns_ = std::move(header.fields);
    // A column named " surname" is never meant: header names are trimmed.
    for (std::string& column : columns_) {
      column = std::string(absl::StripAsciiWhitespace(column));
    }
    return absl::OkStatus();
  }

  const std::vector<std::string>& columns() const override { return columns_; }

  bool Next(InputRow& row) override {
    CsvRow csv;
    if (!reader_.Next(csv)) return false;
    row.line = csv.line;
    row.offset = csv.offset;
    row.values.clear();
    row.error = csv.error;
    row.raw = std::move(csv.raw);
    if (row.error.empty()) {
      row.error = text_.DecodeError(csv.offset, reader_.bytes_read());
    }
    if (row.error.empty() && csv.fields.size() != columns_.size()) {
      row.error = absl::StrCat("has ", csv.fields.size(),
                               " fields; the header has ", columns_.size());
    }
    if (!row.error.empty()) return true;
    row.values.reserve(columns_.size());
    for (size_t i = 0; i < columns_.size(); ++i) {
      row.values.emplace_back(columns_[i], std::move(csv.fields[i]));
    }
    return true;
  }

  int64_t bytes_read() const override {
    return text_.decoding() ? text_.source_bytes_read() : reader_.bytes_read();
  }
  int64_t total_bytes() const override { return size_; }
  RowFormat format() const override { return RowFormat::kCsv; }
  const std::string& encoding() const override { return encoding_; }
  char delimiter() const override { return delimiter_; }

 private:
  Text text_;
  CsvReader reader_;
  int64_t size_;
  std::vector<std::string> columns_;
  char delimiter_ = ',';
  const std::string encoding_ = text_.encoding();
};

// "syntax error while parsing value - invalid literal; last read: 'nul'"
// from nlohmann's "[json.exception.parse_error.101] parse error at line 1,
// column 4: syntax error ...".
std::string ParseErrorReason(const std::string& what) {
  const size_t colon = what.find(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

class JsonLinesRowSource : public RowSource {
 public:
  JsonLinesRowSource(Text text, int64_t size)
      : text_(std::move(text)), size_(size) {}

  const std::vector<std::string>& columns() const override { return columns_; }

  bool Next(InputRow& row) override {
    std::string line;
    std::istream& in = text_.stream();
    int64_t start = 0;
    while (true) {
      start = read_;
      if (!std::getline(in, line)) return false;
      // The line break, unless the file ends without one.
      read_ += static_cast<int64_t>(line.size()) + (in.eof() ? 0 : 1);
      ++line_number_;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") != std::string::npos) break;
    }
    row.line = line_number_;
    row.offset = start;
    row.values.clear();
    row.error = text_.DecodeError(start, read_);
    row.raw = line;
    if (!row.error.empty()) return true;
    size_t bom = 0;
    if (line_number_ == 1 && absl::StartsWith(line, "\xEF\xBB\xBF")) bom = 3;
    nlohmann::json object;
    try {
      object = nlohmann::json::parse(line.begin() + bom, line.end());
    } catch (const nlohmann::json::parse_error& error) {
      // Offsets from 0, as elsewhere; nlohmann counts from 1.
      const int64_t at =
          static_cast<int64_t>(bom + (error.byte > 0 ? error.byte - 1 : 0));
      row.error = absl::StrCat(
          "is not JSON: byte ", at, " of the line (byte ", start + at,
          " of the file): ", ParseErrorReason(error.what()));
      return true;
    } catch (const nlohmann::json::exception& error) {
      // A well-formed line whose number does not fit a double, e.g. 1e400.
      row.error =
          absl::StrCat("is not usable JSON: ", ParseErrorReason(error.what()));
      return true;
    }
    if (!object.is_object()) {
      row.error =
          absl::StrCat("is a JSON ", object.type_name(), ", not an object");
      return true;
    }
    for (const auto& [name, value] : object.items()) {
      if (value.is_string()) {
        row.values.emplace_back(name, value.get<std::string>());
      } else if (value.is_number() || value.is_boolean()) {
        row.values.emplace_back(name, value.dump());
      } else if (!value.is_null()) {
        row.error = absl::StrCat("value of '", name,
                                 "' is an object or array; only strings, "
                                 "numbers and booleans are accepted");
        return true;
      }
    }
    return true;
  }

  int64_t bytes_read() const override {
    return text_.decoding() ? text_.source_bytes_read() : read_;
  }
  int64_t total_bytes() const override { return size_; }
  RowFormat format() const override { return RowFormat::kJsonLines; }
  const std::string& encoding() const override { return encoding_; }
  char delimiter() const override { return 0; }

 private:
  Text text_;
  int64_t size_;
  int64_t read_ = 0;
  int64_t line_number_ = 0;
  std::vector<std::string> columns_;
  const std::string encoding_ = text_.encoding();
};

}  // namespace

absl::StatusOr<std::unique_ptr<RowSource>> OpenRowSource(
    const std::string& path, const RowSourceOptions& options) {
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*file) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  const int64_t total = error ? 0 : static_cast<int64_t>(size);
  std::string encoding = options.encoding;
  if (encoding.empty()) {
    absl::StatusOr<std::string> detected = DetectEncoding(path);
    if (!detected.ok()) return detected.status();
    encoding = *detected;
  }
  std::unique_ptr<DecodingStreamBuf> decoder;
  // UTF-8 is read as it is; its ill-formed bytes are found per value.
  const bool utf8 = encoding.empty() ||
                    absl::EqualsIgnoreCase(encoding, "UTF-8") ||
                    absl::EqualsIgnoreCase(encoding, "UTF8");
  if (!utf8) {
    absl::StatusOr<std::unique_ptr<DecodingStreamBuf>> created =
        DecodingStreamBuf::Create(*file, encoding);
    if (!created.ok()) return created.status();
    decoder = *std::move(created);
  }
  Text text(std::move(file), std::move(decoder));
  RowFormat format = options.format;
  if (format == RowFormat::kAuto) {
    const bool json = absl::EndsWithIgnoreCase(path, ".jsonl") ||
                      absl::EndsWithIgnoreCase(path, ".ndjson") ||
                      absl::EndsWithIgnoreCase(path, ".json");
    format = json ? RowFormat::kJsonLines : RowFormat::kCsv;
  }
  if (format == RowFormat::kJsonLines) {
    return std::unique_ptr<RowSource>(
        new JsonLinesRowSource(std::move(text), total));
  }
  auto csv = std::make_unique<CsvRowSource>(std::move(text), total);
  absl::Status status = csv->ReadHeader(options.delimiter);
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": ", status.message()));
  }
  return std::unique_ptr<RowSource>(std::move(csv));
}

}  // namespace mdm::cli
