#include "storage/sqlite/internal/row_codec.h"

#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace mdm::storage::sqlite_internal {
namespace {

constexpr char kFormat = 1;

void PutVarint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void PutString(std::string& out, absl::string_view value) {
  PutVarint(out, value.size());
  out.append(value.data(), value.size());
}

// Reads from a blob; any failure latches `ok` to false.
class Reader {
 public:
  explicit Reader(absl::string_view blob) : rest_(blob) {}

  bool ok() const { return ok_; }
  bool done() const { return rest_.empty(); }

  uint64_t Varint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (rest_.empty()) break;
      const uint8_t byte = static_cast<uint8_t>(rest_.front());
      rest_.remove_prefix(1);
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    ok_ = false;
    return 0;
  }

  std::string String() {
    const uint64_t size = Varint();
    if (!ok_ || size > rest_.size()) {
      ok_ = false;
      return {};
    }
    std::string value(rest_.substr(0, size));
    rest_.remove_prefix(size);
    return value;
  }

  // Count of following items; each item takes at least one byte, which bounds
  // allocations made from a corrupt count.
  uint64_t Count() {
    const uint64_t count = Varint();
    if (count > rest_.size()) ok_ = false;
    return ok_ ? count : 0;
  }

  bool Format() {
    if (rest_.empty() || rest_.front() != kFormat) {
      ok_ = false;
      return false;
    }
    rest_.remove_prefix(1);
    return true;
  }

 private:
  absl::string_view rest_;
  bool ok_ = true;
};

absl::Status Corrupt(absl::string_view what) {
  return absl::DataLossError(absl::StrCat("corrupt stored data in ", what));
}

void PutGoldenValues(std::string& out, const std::vector<GoldenValue>& values) {
  PutVarint(out, values.size());
  for (const GoldenValue& v : values) {
    PutString(out, v.name);
    PutString(out, v.value);
    PutString(out, v.source.source);
    PutString(out, v.source.source_id);
    PutString(out, v.rule);
  }
}

std::vector<GoldenValue> ReadGoldenValues(Reader& in) {
  std::vector<GoldenValue> values(in.Count());
  for (GoldenValue& v : values) {
    v.name = in.String();
    v.value = in.String();
    v.source.source = in.String();
    v.source.source_id = in.String();
    v.rule = in.String();
  }
  return values;
}

}  // namespace

std::string EncodeAttributes(const Attributes& attributes) {
  std::string out(1, kFormat);
  PutVarint(out, attributes.size());
  for (const auto& [name, value] : attributes) {
    PutString(out, name);
    PutString(out, value);
  }
  return out;
}

absl::StatusOr<Attributes> DecodeAttributes(absl::string_view blob,
                                            absl::string_view what) {
  Reader in(blob);
  in.Format();
  Attributes attributes(in.Count());
  for (auto& [name, value] : attributes) {
    name = in.String();
    value = in.String();
  }
  if (!in.ok() || !in.done()) return Corrupt(what);
  return attributes;
}

std::string EncodeGoldenValues(const std::vector<GoldenValue>& values) {
  std::string out(1, kFormat);
  PutGoldenValues(out, values);
  return out;
}

absl::StatusOr<std::vector<GoldenValue>> DecodeGoldenValues(
    absl::string_view blob, absl::string_view what) {
  Reader in(blob);
  in.Format();
  std::vector<GoldenValue> values = ReadGoldenValues(in);
  if (!in.ok() || !in.done()) return Corrupt(what);
  return values;
}

std::string EncodeChangePayload(const std::vector<SourceKey>& keys,
                                const std::vector<GoldenValue>& values) {
  std::string out(1, kFormat);
  PutVarint(out, keys.size());
  for (const SourceKey& key : keys) {
    PutString(out, key.source);
    PutString(out, key.source_id);
  }
  PutGoldenValues(out, values);
  return out;
}

absl::Status DecodeChangePayload(absl::string_view blob, absl::string_view what,
                                 std::vector<SourceKey>& keys,
                                 std::vector<GoldenValue>& values) {
  Reader in(blob);
  in.Format();
  keys.resize(in.Count());
  for (SourceKey& key : keys) {
    key.source = in.String();
    key.source_id = in.String();
  }
  values = ReadGoldenValues(in);
  if (!in.ok() || !in.done()) return Corrupt(what);
  return absl::OkStatus();
}

std::string EncodeBlockKeys(const std::vector<uint64_t>& keys) {
  std::string out(keys.size() * sizeof(uint64_t), '\0');
  for (size_t i = 0; i < keys.size(); ++i) {
    uint64_t key = keys[i];
    for (size_t b = 0; b < sizeof(uint64_t); ++b) {
      out[i * sizeof(uint64_t) + b] = static_cast<char>(key & 0xff);
      key >>= 8;
    }
  }
  return out;
}

absl::StatusOr<std::vector<uint64_t>> DecodeBlockKeys(absl::string_view blob,
                                                      absl::string_view what) {
  if (blob.size() % sizeof(uint64_t) != 0) return Corrupt(what);
  std::vector<uint64_t> keys(blob.size() / sizeof(uint64_t));
  for (size_t i = 0; i < keys.size(); ++i) {
    uint64_t key = 0;
    for (size_t b = sizeof(uint64_t); b-- > 0;) {
      key = (key << 8) | static_cast<uint8_t>(blob[i * sizeof(uint64_t) + b]);
    }
    keys[i] = key;
  }
  return keys;
}

}  // namespace mdm::storage::sqlite_internal
