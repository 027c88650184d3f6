#include "matching/features.h"

#include <cstdint>
#include <cstring>
#include <optional>

#include "matching/entity_model.h"

namespace mdm::matching {
namespace {

// Format 3: format byte, the model's features fingerprint (fixed64), the
// attribute count (varint), then per attribute its body's size (varint) and
// its body. A missing attribute's body is empty. A present one holds, in this
// order: value, flags byte, number (fixed64, when kHasNumber), codes, tokens,
// weak_tokens, keys, abbreviations; a string is varint size + bytes, a list
// varint count + strings. Sized bodies let LazyFeatures skip an attribute
// without reading it, and the codes come first because the distinguishing
// check reads only them.
constexpr char kFormat = 3;

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

void PutFixed64(std::string& out, uint64_t value) {
  for (int i = 0; i < 8; ++i) {
    out.push_back(static_cast<char>(value & 0xff));
    value >>= 8;
  }
}

class Reader {
 public:
  explicit Reader(absl::string_view bytes) : rest_(bytes) {}
  bool ok() const { return ok_; }
  bool done() const { return rest_.empty(); }
  absl::string_view rest() const { return rest_; }

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
  // The next `size` bytes, or empty (and not ok) when fewer are left.
  absl::string_view Bytes(uint64_t size) {
    if (!ok_ || size > rest_.size()) {
      ok_ = false;
      return {};
    }
    const absl::string_view bytes = rest_.substr(0, size);
    rest_.remove_prefix(size);
    return bytes;
  }
  // Reads into `value`, reusing its storage.
  void String(std::string& value) {
    const absl::string_view bytes = Bytes(Varint());
    value.assign(bytes.data(), bytes.size());
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

enum Flags : uint8_t { kHasNumber = 1, kValidated = 2, kInvalid = 4 };

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

// Reads a present attribute's body up to and including its codes.
void ReadCodedPart(Reader& in, Feature& f) {
  in.String(f.value);
  const uint64_t flags = in.Varint();  // one byte: every flag is < 0x80
  f.has_number = (flags & kHasNumber) != 0;
  f.validated = (flags & kValidated) != 0;
  f.invalid = (flags & kInvalid) != 0;
  f.number = 0;
  if (f.has_number) {
    const uint64_t bits = in.Fixed64();
    std::memcpy(&f.number, &bits, sizeof(bits));
  }
  in.List(f.codes);
}

// Reads the rest of a present attribute's body, after its codes.
void ReadTokenPart(Reader& in, Feature& f) {
  in.List(f.tokens);
  in.List(f.weak_tokens);
  in.List(f.keys);
  in.List(f.abbreviations);
}

// Reads one attribute's whole body into `f`; false when malformed.
bool ReadBody(absl::string_view body, Feature& f) {
  if (body.empty()) {
    ClearFeature(f);
    return true;
  }
  Reader in(body);
  ReadCodedPart(in, f);
  ReadTokenPart(in, f);
  return in.ok() && in.done() && !f.value.empty();
}

// The attribute count after a valid header, or nullopt.
std::optional<uint64_t> ReadHeader(const EntityModel& model,
                                   absl::string_view bytes, Reader& in) {
  if (bytes.empty() || bytes.front() != kFormat) return std::nullopt;
  in = Reader(bytes.substr(1));
  if (in.Fixed64() != model.features_fingerprint() || !in.ok()) {
    return std::nullopt;
  }
  const uint64_t count = in.Varint();
  if (!in.ok() || count != model.attributes().size()) return std::nullopt;
  return count;
}

}  // namespace

std::string EncodeFeatures(const EntityModel& model,
                           const RecordFeatures& features) {
  std::string out(1, kFormat);
  PutFixed64(out, model.features_fingerprint());
  PutVarint(out, features.attributes.size());
  std::string body;
  for (const Feature& f : features.attributes) {
    body.clear();
    if (!f.value.empty()) {  // a missing attribute has an empty body
      PutString(body, f.value);
      const uint8_t flags = (f.has_number ? kHasNumber : 0) |
                            (f.validated ? kValidated : 0) |
                            (f.invalid ? kInvalid : 0);
      body.push_back(static_cast<char>(flags));
      if (f.has_number) {
        uint64_t bits;
        std::memcpy(&bits, &f.number, sizeof(bits));
        PutFixed64(body, bits);
      }
      PutList(body, f.codes);
      PutList(body, f.tokens);
      PutList(body, f.weak_tokens);
      PutList(body, f.keys);
      PutList(body, f.abbreviations);
    }
    PutString(out, body);
  }
  return out;
}

bool DecodeFeatures(const EntityModel& model, absl::string_view bytes,
                    RecordFeatures& features) {
  Reader in("");
  const std::optional<uint64_t> count = ReadHeader(model, bytes, in);
  if (!count.has_value()) {
    features.attributes.clear();
    return false;
  }
  // Assigned in place: decoding into the same object again and again reuses
  // its strings and vectors.
  features.attributes.resize(*count);
  for (Feature& f : features.attributes) {
    if (!ReadBody(in.Bytes(in.Varint()), f) || !in.ok()) {
      features.attributes.clear();
      return false;
    }
  }
  if (in.done()) return true;
  features.attributes.clear();
  return false;
}

bool LazyFeatures::Reset(const EntityModel& model, absl::string_view bytes) {
  Reader in("");
  const std::optional<uint64_t> count = ReadHeader(model, bytes, in);
  ok_ = count.has_value();
  bodies_.clear();
  if (!ok_) return false;
  bodies_.reserve(*count);
  for (uint64_t i = 0; i < *count && in.ok(); ++i) {
    bodies_.push_back(in.Bytes(in.Varint()));
  }
  ok_ = in.ok() && in.done();
  if (!ok_) {
    bodies_.clear();
    return false;
  }
  decoded_.assign(*count, Depth::kNone);
  features_.attributes.resize(*count);
  return true;
}

const Feature& LazyFeatures::Coded(int attribute) {
  Feature& f = features_.attributes[attribute];
  if (decoded_[attribute] != Depth::kNone) return f;
  const absl::string_view body = bodies_[attribute];
  if (body.empty()) {
    ClearFeature(f);
    decoded_[attribute] = Depth::kWhole;
    return f;
  }
  Reader in(body);
  ReadCodedPart(in, f);
  ok_ = ok_ && in.ok() && !f.value.empty();
  // Where the token part starts: the rest of the body.
  bodies_[attribute] = in.rest();
  decoded_[attribute] = Depth::kCoded;
  return f;
}

const Feature& LazyFeatures::Whole(int attribute) {
  Feature& f = features_.attributes[attribute];
  if (decoded_[attribute] == Depth::kWhole) return f;
  Coded(attribute);
  if (decoded_[attribute] == Depth::kWhole) return f;  // missing
  Reader in(bodies_[attribute]);
  ReadTokenPart(in, f);
  ok_ = ok_ && in.ok() && in.done();
  decoded_[attribute] = Depth::kWhole;
  return f;
}

}  // namespace mdm::matching
