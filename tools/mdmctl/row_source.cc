#include "tools/mdmctl/row_source.h"

#include <filesystem>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "nlohmann/json.hpp"
#include "tools/mdmctl/csv_reader.h"

namespace mdm::cli {
namespace {

class CsvRowSource : public RowSource {
 public:
  CsvRowSource(std::unique_ptr<std::ifstream> in, int64_t size)
      : in_(std::move(in)), reader_(*in_), size_(size) {}

  absl::Status ReadHeader() {
    CsvRow header;
    if (!reader_.Next(header)) {
      return absl::InvalidArgumentError("the file is empty: no header row");
    }
    if (!header.error.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("header row: ", header.error));
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
    row.values.clear();
    row.error = csv.error;
    row.raw = std::move(csv.raw);
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

  int64_t bytes_read() const override { return reader_.bytes_read(); }
  int64_t total_bytes() const override { return size_; }

 private:
  std::unique_ptr<std::ifstream> in_;
  CsvReader reader_;
  int64_t size_;
  std::vector<std::string> columns_;
};

class JsonLinesRowSource : public RowSource {
 public:
  JsonLinesRowSource(std::unique_ptr<std::ifstream> in, int64_t size)
      : in_(std::move(in)), size_(size) {}

  const std::vector<std::string>& columns() const override { return columns_; }

  bool Next(InputRow& row) override {
    std::string line;
    while (true) {
      if (!std::getline(*in_, line)) return false;
      // The line break, unless the file ends without one.
      read_ += static_cast<int64_t>(line.size()) + (in_->eof() ? 0 : 1);
      ++line_number_;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") != std::string::npos) break;
    }
    row.line = line_number_;
    row.values.clear();
    row.error.clear();
    row.raw = line;
    if (line_number_ == 1 && absl::StartsWith(line, "\xEF\xBB\xBF")) {
      line.erase(0, 3);
    }
    const nlohmann::json object =
        nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (object.is_discarded() || !object.is_object()) {
      row.error = "is not a JSON object";
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

  int64_t bytes_read() const override { return read_; }
  int64_t total_bytes() const override { return size_; }

 private:
  std::unique_ptr<std::ifstream> in_;
  int64_t size_;
  int64_t read_ = 0;
  int64_t line_number_ = 0;
  std::vector<std::string> columns_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<RowSource>> OpenRowSource(
    const std::string& path, RowFormat format) {
  auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  const int64_t total = error ? 0 : static_cast<int64_t>(size);
  if (format == RowFormat::kAuto) {
    const bool json = absl::EndsWithIgnoreCase(path, ".jsonl") ||
                      absl::EndsWithIgnoreCase(path, ".ndjson") ||
                      absl::EndsWithIgnoreCase(path, ".json");
    format = json ? RowFormat::kJsonLines : RowFormat::kCsv;
  }
  if (format == RowFormat::kJsonLines) {
    return std::unique_ptr<RowSource>(
        new JsonLinesRowSource(std::move(in), total));
  }
  auto csv = std::make_unique<CsvRowSource>(std::move(in), total);
  absl::Status status = csv->ReadHeader();
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": ", status.message()));
  }
  return std::unique_ptr<RowSource>(std::move(csv));
}

}  // namespace mdm::cli
