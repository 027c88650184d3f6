#include "tools/mdmctl/output.h"

#include <algorithm>

#include "absl/strings/str_replace.h"
#include "google/protobuf/util/json_util.h"

namespace mdm::cli {
namespace {

size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++width;
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
