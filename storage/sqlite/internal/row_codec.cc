#include "storage/sqlite/internal/row_codec.h"

#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace mdm::storage::sqlite_internal {
namespace {

constexpr char kFormat = 1;
// Golden values since schema 4: a flags varint after each value's rule.
constexpr char kGoldenFormat = 2;
constexpr uint64_t kInvalidFlag = 1;

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

  // Consumes the format byte; returns it, or 0 (and latches failure) when
  // it is not one of `accepted`.
  char Format(absl::string_view accepted = absl::string_view(&kFormat, 1)) {
    if (rest_.empty() || accepted.find(rest_.front()) == accepted.npos) {
      ok_ = false;
      return 0;
    }
    const char format = rest_.front();
    rest_.remove_prefix(1);
    return format;
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
    PutVarint(out, v.invalid ? kInvalidFlag : 0);
  }
}

std::vector<GoldenValue> ReadGoldenValues(Reader& in, char format) {
  std::vector<GoldenValue> values(in.Count());
  for (GoldenValue& v : values) {
    v.name = in.String();
    v.value = in.String();
    v.source.source = in.String();
    v.source.source_id = in.String();
    v.rule = in.String();
    if (format >= kGoldenFormat) v.invalid = (in.Varint() & kInvalidFlag) != 0;
  }
  return values;
}

constexpr char kGoldenFormats[] = {kFormat, kGoldenFormat};
constexpr absl::string_view kAnyGoldenFormat(kGoldenFormats, 2);

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
  std::string out(1, kGoldenFormat);
  PutGoldenValues(out, values);
  return out;
}

absl::StatusOr<std::vector<GoldenValue>> DecodeGoldenValues(
    absl::string_view blob, absl::string_view what) {
  Reader in(blob);
  const char format = in.Format(kAnyGoldenFormat);
  std::vector<GoldenValue> values = ReadGoldenValues(in, format);
  if (!in.ok() || !in.done()) return Corrupt(what);
  return values;
}

std::string EncodeChangePayload(const std::vector<SourceKey>& keys,
                                const std::vector<GoldenValue>& values) {
  std::string out(1, kGoldenFormat);
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
  const char format = in.Format(kAnyGoldenFormat);
  keys.resize(in.Count());
  for (SourceKey& key : keys) {
    key.source = in.String();
    key.source_id = in.String();
  }
  values = ReadGoldenValues(in, format);
  if (!in.ok() || !in.done()) return Corrupt(what);
  return absl::OkStatus();
}

std::string EncodeVersionDetail(const GoldenVersionRow& version) {
  std::string out(1, kFormat);
  PutString(out, version.cause_key.source);
  PutString(out, version.cause_key.source_id);
  PutString(out, version.cause_note);
  PutVarint(out, version.joined.size());
  for (const SourceKey& key : version.joined) {
    PutString(out, key.source);
    PutString(out, key.source_id);
  }
  PutVarint(out, version.departed.size());
  for (const DepartedRecord& departed : version.departed) {
    PutString(out, departed.key.source);
    PutString(out, departed.key.source_id);
    PutVarint(out, static_cast<uint64_t>(departed.to_golden_id));
  }
  PutVarint(out, version.absorbed.size());
  for (int64_t id : version.absorbed) PutVarint(out, static_cast<uint64_t>(id));
  return out;
}

absl::Status DecodeVersionDetail(absl::string_view blob, absl::string_view what,
                                 GoldenVersionRow& version) {
  if (blob.empty()) return absl::OkStatus();  // versions from a migration
  Reader in(blob);
  in.Format();
  version.cause_key.source = in.String();
  version.cause_key.source_id = in.String();
  version.cause_note = in.String();
  version.joined.resize(in.Count());
  for (SourceKey& key : version.joined) {
    key.source = in.String();
    key.source_id = in.String();
  }
  version.departed.resize(in.Count());
  for (DepartedRecord& departed : version.departed) {
    departed.key.source = in.String();
    departed.key.source_id = in.String();
    departed.to_golden_id = static_cast<int64_t>(in.Varint());
  }
  version.absorbed.resize(in.Count());
  for (int64_t& id : version.absorbed) id = static_cast<int64_t>(in.Varint());
  if (!in.ok() || !in.done()) return Corrupt(what);
  return absl::OkStatus();
}

std::string EncodeAuditPayload(const AuditRow& entry) {
  std::string out(1, kFormat);
  PutVarint(out, entry.golden_ids.size());
  for (int64_t id : entry.golden_ids) PutVarint(out, static_cast<uint64_t>(id));
  PutVarint(out, entry.keys.size());
  for (const SourceKey& key : entry.keys) {
    PutString(out, key.source);
    PutString(out, key.source_id);
  }
  PutString(out, entry.detail);
  return out;
}

absl::Status DecodeAuditPayload(absl::string_view blob, absl::string_view what,
                                AuditRow& entry) {
  Reader in(blob);
  in.Format();
  entry.golden_ids.resize(in.Count());
  for (int64_t& id : entry.golden_ids) id = static_cast<int64_t>(in.Varint());
  entry.keys.resize(in.Count());
  for (SourceKey& key : entry.keys) {
    key.source = in.String();
    key.source_id = in.String();
  }
  entry.detail = in.String();
  if (!in.ok() || !in.done()) return Corrupt(what);
  return absl::OkStatus();
}

}  // namespace mdm::storage::sqlite_internal
