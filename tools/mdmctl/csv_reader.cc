#include "tools/mdmctl/csv_reader.h"

#include "absl/strings/str_cat.h"

namespace mdm::cli {

CsvReader::CsvReader(std::istream& in, char delimiter)
    : in_(in), delimiter_(delimiter), buffer_(1 << 20) {}

int CsvReader::Peek() {
  if (pos_ == end_) {
    in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    end_ = static_cast<size_t>(in_.gcount());
    pos_ = 0;
    if (end_ == 0) return -1;
  }
  return static_cast<unsigned char>(buffer_[pos_]);
}

int CsvReader::Get() {
  const int c = Peek();
  if (c >= 0) {
    ++pos_;
    ++consumed_;
    if (c == '\n') ++line_;
  }
  return c;
}

int CsvReader::Take(std::string& raw) {
  const int c = Get();
  if (c >= 0) raw.push_back(static_cast<char>(c));
  return c;
}

char DetectDelimiter(const std::string& header_line) {
  int commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  for (char c : header_line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    commas += c == ',';
    semicolons += c == ';';
    tabs += c == '\t';
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

std::string CsvReader::PeekFirstLine() {
  Peek();  // fills the buffer
  size_t start = pos_;
  if (end_ - start >= 3 && buffer_[start] == '\xEF' &&
      buffer_[start + 1] == '\xBB' && buffer_[start + 2] == '\xBF') {
    start += 3;
  }
  size_t stop = start;
  while (stop < end_ && buffer_[stop] != '\n' && buffer_[stop] != '\r') {
    ++stop;
  }
  return std::string(buffer_.data() + start, stop - start);
}

bool CsvReader::Next(CsvRow& row) {
  row.fields.clear();
  row.error.clear();
  row.raw.clear();
  if (!started_) {
    started_ = true;
    // UTF-8 byte-order mark.
    if (Peek() == 0xEF) {
      Get();
      if (Get() != 0xBB || Get() != 0xBF) {
        row.line = 1;
        row.error = "starts with a broken byte-order mark";
      }
    }
  }
  // Skip blank lines.
  while (Peek() == '\n' || Peek() == '\r') Get();
  if (Peek() < 0) return false;
  row.line = line_;
  row.offset = consumed_;

  std::string field;
  while (true) {
    int c = Take(row.raw);
    if (c == '"' && field.empty()) {
      // Quoted field.
      const int64_t opened_at = line_;
      while (true) {
        c = Take(row.raw);
        if (c < 0) {
          row.error = absl::StrCat("quoted field opened on line ", opened_at,
                                   " is never closed");
          row.fields.push_back(std::move(field));
          return true;
        }
        if (c == '"') {
          if (Peek() == '"') {
            Take(row.raw);
            field.push_back('"');
            continue;
          }
          break;
        }
        field.push_back(static_cast<char>(c));
      }
      c = Take(row.raw);
      if (c != delimiter_ && c != '\n' && c != '\r' && c >= 0) {
        row.error = absl::StrCat(
            "unexpected character after closing quote "
            "in field ",
            row.fields.size() + 1);
        // Skip to the end of the line.
        while (c >= 0 && c != '\n') c = Take(row.raw);
        if (!row.raw.empty() && row.raw.back() == '\n') row.raw.pop_back();
        if (!row.raw.empty() && row.raw.back() == '\r') row.raw.pop_back();
        row.fields.push_back(std::move(field));
        return true;
      }
    } else {
      while (c >= 0 && c != delimiter_ && c != '\n' && c != '\r') {
        field.push_back(static_cast<char>(c));
        c = Take(row.raw);
      }
    }
    row.fields.push_back(std::move(field));
    field.clear();
    if (c == delimiter_) continue;
    if (c == '\r' && Peek() == '\n') Get();
    // The line end is not part of the row.
    if (!row.raw.empty() &&
        (row.raw.back() == '\n' || row.raw.back() == '\r')) {
      row.raw.pop_back();
    }
    return true;
  }
}

}  // namespace mdm::cli
