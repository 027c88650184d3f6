#include "matching/features.h"

#include <cstdint>
#include <cstring>
#include <optional>

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
  // Reads into `value`, reusing its storage.
  void String(std::string& value) {
    const uint64_t size = Varint();
    if (!ok_ || size > rest_.size()) {
      ok_ = false;
      value.clear();
      return;
    }
    value.assign(rest_.data(), size);
    rest_.remove_prefix(size);
  }
  void List(std::vector<std::string>& values) {
    const uint64_t count = Varint();
    if (!ok_ || count > rest_.size()) {
      ok_ = false;
      values.clear();
      return;
    }
    values.resize(count);
    for (std::string& v : values) String(v);
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

namespace {

// Reads the rest of a present attribute (after its value) into `f`.
void ReadFeatureBody(Reader& in, Feature& f) {
  in.List(f.tokens);
  in.List(f.weak_tokens);
  in.List(f.keys);
  in.List(f.abbreviations);
  in.List(f.codes);
  const uint64_t flags = in.Varint();  // one byte: every flag is < 0x80
  f.has_number = (flags & kHasNumber) != 0;
  f.validated = (flags & kValidated) != 0;
  f.invalid = (flags & kInvalid) != 0;
  f.number = 0;
  if (f.has_number) {
    const uint64_t bits = in.Fixed64();
    std::memcpy(&f.number, &bits, sizeof(bits));
  }
}

void ClearFeature(Feature& f) {
  f.value.clear();
  f.tokens.clear();
  f.weak_tokens.clear();
  f.keys.clear();
  f.abbreviations.clear();
  f.codes.clear();
  f.number = 0;
  f.has_number = f.validated = f.invalid = false;
}

// The attribute count after a valid header, or nullopt.
std::optional<uint64_t> ReadHeader(const EntityModel& model, Reader& in) {
  if (in.Fixed64() != model.features_fingerprint() || !in.ok()) {
    return std::nullopt;
  }
  const uint64_t count = in.Varint();
  if (!in.ok() || count != model.attributes().size()) return std::nullopt;
  return count;
}

}  // namespace

bool DecodeFeatures(const EntityModel& model, absl::string_view bytes,
                    RecordFeatures& features) {
  if (bytes.empty() || bytes.front() != kFormat) {
    features.attributes.clear();
    return false;
  }
  Reader in(bytes.substr(1));
  const std::optional<uint64_t> count = ReadHeader(model, in);
  if (!count.has_value()) {
    features.attributes.clear();
    return false;
  }
  // Assigned in place: decoding into the same object again and again reuses
  // its strings and vectors.
  features.attributes.resize(*count);
  for (Feature& f : features.attributes) {
    in.String(f.value);
    if (f.value.empty()) {
      ClearFeature(f);
      continue;
    }
    ReadFeatureBody(in, f);
    if (!in.ok()) {
      features.attributes.clear();
      return false;
    }
  }
  if (in.ok() && in.done()) return true;
  features.attributes.clear();
  return false;
}

}  // namespace mdm::matching
