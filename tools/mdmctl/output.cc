#include "tools/mdmctl/output.h"

#include <algorithm>

#include "absl/strings/str_format.h"
#include "google/protobuf/util/json_util.h"
#include "tools/mdmctl/terminal_text.h"

namespace mdm::cli {
namespace {

// Columns are not narrowed below this to fit a line.
constexpr size_t kNarrowest = 4;

// One table cell: made safe for the terminal, at most `max_width` columns.
std::string Cell(const std::string& value, size_t max_width) {
  return FitToWidth(TerminalSafe(value), max_width);
}

// JSON text with every code point TerminalSafe escapes written as \uHHHH:
// the JSON printer escapes C0 controls already, but passes C1 controls and
// bidirectional formatting through, and a terminal may act on them. Outside
// strings JSON text is ASCII, so only string contents change.
std::string JsonTerminalSafe(const std::string& json) {
  std::string safe;
  safe.reserve(json.size());
  for (size_t i = 0; i < json.size();) {
    const unsigned char lead = static_cast<unsigned char>(json[i]);
    size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (i + length > json.size()) length = json.size() - i;
    uint32_t c = length == 1 ? lead : lead & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
      c = (c << 6) | (static_cast<unsigned char>(json[i + k]) & 0x3F);
    }
    if (IsUnsafeCodePoint(c)) {
      absl::StrAppendFormat(&safe, "\\u%04x", c);
    } else {
      safe.append(json, i, length);
    }
    i += length;
  }
  return safe;
}

}  // namespace

void Table::Print(std::ostream& out, size_t max_width,
                  size_t line_width) const {
  std::vector<size_t> widths(header_.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], DisplayWidth(Cell(row[i], max_width)));
    }
  };
  measure(header_);
  for (const auto& row : rows_) measure(row);
  if (line_width > 0 && !widths.empty()) {
    // Narrow the widest column, one column at a time, until a line fits.
    size_t total = 2 * (widths.size() - 1);
    for (size_t w : widths) total += w;
    while (total > line_width) {
      const auto widest = std::max_element(widths.begin(), widths.end());
      if (*widest <= kNarrowest) break;
      --*widest;
      --total;
    }
  }
  auto print = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      const std::string cell = FitToWidth(Cell(row[i], max_width), widths[i]);
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
  return JsonTerminalSafe(json);
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
