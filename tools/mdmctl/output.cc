#include "tools/mdmctl/output.h"

#include <algorithm>

#include "absl/strings/str_replace.h"
#include "google/protobuf/util/json_util.h"

namespace mdm::cli {
namespace {

// Columns a code point takes in a terminal: 2 for East Asian wide and
// full-width characters (Han, Hangul, kana, full-width forms), else 1.
size_t ColumnsOf(uint32_t c) {
  const bool wide =
      (c >= 0x1100 && c <= 0x115F) ||
      (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) ||
      (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
      (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
      (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
  return wide ? 2 : 1;
}

// Terminal columns of UTF-8 text (ill-formed bytes count one each).
size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    const size_t length = lead < 0x80    ? 1
                          : lead >= 0xF0 ? 4
                          : lead >= 0xE0 ? 3
                          : lead >= 0xC0 ? 2
                                         : 1;
    uint32_t c = length == 1 ? lead : lead & (0x7F >> length);
    size_t k = 1;
    for (; k < length && i + k < text.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    width += ColumnsOf(c);
    i += k;
  }
  return width;
}

std::string OneLine(const std::string& value, size_t max_width) {
  std::string line = absl::StrReplaceAll(value, {{"\r", "\\r"}, {"\n", "\\n"}});
  if (DisplayWidth(line) <= max_width) return line;
  // Cut after max_width - 3 code points.
  size_t points = 0;
  size_t cut = 0;
  for (; cut < line.size(); ++cut) {
    if ((static_cast<unsigned char>(line[cut]) & 0xC0) != 0x80) {
      if (points == max_width - 3) break;
      ++points;
    }
  }
  return line.substr(0, cut) + "...";
}

}  // namespace

void Table::Print(std::ostream& out, size_t max_width) const {
  std::vector<size_t> widths(header_.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(OneLine(row[i], max_width)));
    }
  };
  measure(header_);
  for (const auto& row : rows_) measure(row);
  auto print = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      const std::string cell = OneLine(row[i], max_width);
      line += cell;
      if (i + 1 < row.size()) {
        line.append(widths[i] - DisplayWidth(cell) + 2, ' ');
      }
    }
    out << line << "\n";
  };
  print(header_);
  for (const auto& row : rows_) print(row);
}

std::string ToJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

void PrintJson(const google::protobuf::Message& message, std::ostream& out) {
  out << ToJson(message) << "\n";
}

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

}  // namespace mdm::cli
