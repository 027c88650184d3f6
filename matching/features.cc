#include "matching/features.h"

#include <cstdint>
#include <cstring>

#include "matching/entity_model.h"

namespace mdm::matching {
namespace {

constexpr char kFormat = 2;

void PutVarint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void PutString(std::string& out, const std::string& value) {
  PutVarint(out, value.size());
  out.append(value);
}

void PutList(std::string& out, const std::vector<std::string>& values) {
  PutVarint(out, values.size());
  for (const std::string& v : values) PutString(out, v);
}

class Reader {
 public:
  explicit Reader(absl::string_view bytes) : rest_(bytes) {}
  bool ok() const { return ok_; }
  bool done() const { return rest_.empty(); }

  uint64_t Varint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64 && !rest_.empty(); shift += 7) {
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
  std::vector<std::string> List() {
    const uint64_t count = Varint();
    if (!ok_ || count > rest_.size()) {
      ok_ = false;
      return {};
    }
    std::vector<std::string> values(count);
    for (std::string& v : values) v = String();
    return values;
  }
  uint64_t Fixed64() {
    if (rest_.size() < 8) {
      ok_ = false;
      return 0;
    }
    uint64_t value = 0;
    for (int i = 7; i >= 0; --i) {
      value = (value << 8) | static_cast<uint8_t>(rest_[i]);
    }
    rest_.remove_prefix(8);
    return value;
  }

 private:
  absl::string_view rest_;
  bool ok_ = true;
};

void PutFixed64(std::string& out, uint64_t value) {
  for (int i = 0; i < 8; ++i) {
    out.push_back(static_cast<char>(value & 0xff));
    value >>= 8;
  }
}

enum Flags : uint8_t { kHasNumber = 1, kValidated = 2, kInvalid = 4 };

}  // namespace

std::string EncodeFeatures(const EntityModel& model,
                           const RecordFeatures& features) {
  std::string out(1, kFormat);
  PutFixed64(out, model.features_fingerprint());
  PutVarint(out, features.attributes.size());
  for (const Feature& f : features.attributes) {
    PutString(out, f.value);
    if (f.value.empty()) continue;  // a missing attribute has nothing else
    PutList(out, f.tokens);
    PutList(out, f.weak_tokens);
    PutList(out, f.keys);
    PutList(out, f.abbreviations);
    PutList(out, f.codes);
    const uint8_t flags = (f.has_number ? kHasNumber : 0) |
                          (f.validated ? kValidated : 0) |
                          (f.invalid ? kInvalid : 0);
    out.push_back(static_cast<char>(flags));
    if (f.has_number) {
      uint64_t bits;
      std::memcpy(&bits, &f.number, sizeof(bits));
      PutFixed64(out, bits);
    }
  }
  return out;
}

bool DecodeFeatures(const EntityModel& model, absl::string_view bytes,
                    RecordFeatures& features) {
  features.attributes.clear();
  if (bytes.empty() || bytes.front() != kFormat) return false;
  Reader in(bytes.substr(1));
  if (in.Fixed64() != model.features_fingerprint() || !in.ok()) return false;
  const uint64_t count = in.Varint();
  if (!in.ok() || count != model.attributes().size()) return false;
  features.attributes.resize(count);
  for (Feature& f : features.attributes) {
    f.value = in.String();
    if (f.value.empty()) continue;
    f.tokens = in.List();
    f.weak_tokens = in.List();
    f.keys = in.List();
    f.abbreviations = in.List();
    f.codes = in.List();
    const uint64_t flags = in.Varint();  // one byte: every flag is < 0x80
    f.has_number = (flags & kHasNumber) != 0;
    f.validated = (flags & kValidated) != 0;
    f.invalid = (flags & kInvalid) != 0;
    if (f.has_number) {
      const uint64_t bits = in.Fixed64();
      std::memcpy(&f.number, &bits, sizeof(bits));
    }
    if (!in.ok()) return false;
  }
  return in.ok() && in.done();
}

}  // namespace mdm::matching
