// Features: the standardized, comparable form of a record's attributes.
//
// Standardization (standardizer.h) turns each raw attribute value into one
// Feature, once per record write; comparisons (scorer.h) and blocking
// (blocking.h) read Features many times. Which fields a kind fills:
//
//   value        the primary form, compared for equality and edit distance;
//                empty means the attribute is missing
//   tokens       comparable tokens (names, titles, addresses)
//   weak_tokens  the subset of tokens that are generic terms (company,
//                technology, the): they weigh less in token comparisons
//   keys         alternative exact forms: pinyin of Han text, the
//                provider-canonical e-mail, formal forms of a nickname,
//                model numbers in a product title
//   abbreviations  forms that match the other record's value only, never
//                each other: an organization's acronym ("ibm")
//   codes        values that contradict when they differ: validated
//                identifiers, model numbers, quantities ("gb:256")
//   number       numeric value (NUMBER) or days since 1970-01-01 (DATE)
//   validated    the value passed a known scheme's check (check digit)
//   invalid      the value matched a scheme's format but failed its check
//
//   RecordFeatures features = Standardize(model, attributes);
//   std::string bytes = EncodeFeatures(model, features);      // stored
//   RecordFeatures back;
//   bool ok = DecodeFeatures(model, bytes, back);
//
// Plain values; thread-compatible.
#ifndef MDM_MATCHING_FEATURES_H_
#define MDM_MATCHING_FEATURES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace mdm::matching {

class EntityModel;

struct Feature {
  std::string value;
  std::vector<std::string> tokens;
  std::vector<std::string> weak_tokens;
  std::vector<std::string> keys;
  std::vector<std::string> abbreviations;
  std::vector<std::string> codes;
  double number = 0;
  bool has_number = false;
  bool validated = false;
  bool invalid = false;

  bool missing() const { return value.empty(); }

  friend bool operator==(const Feature& a, const Feature& b) {
    return a.value == b.value && a.tokens == b.tokens &&
           a.weak_tokens == b.weak_tokens && a.keys == b.keys &&
           a.abbreviations == b.abbreviations && a.codes == b.codes &&
           a.number == b.number && a.has_number == b.has_number &&
           a.validated == b.validated && a.invalid == b.invalid;
  }
};

// One Feature per attribute of the entity model, in the model's order.
struct RecordFeatures {
  std::vector<Feature> attributes;

  friend bool operator==(const RecordFeatures& a, const RecordFeatures& b) {
    return a.attributes == b.attributes;
  }
};

// Encodes features for storage, stamped with the model's
// features_fingerprint(). Decode returns false on malformed input or when the
// stamp differs (the attributes or the standardizers changed since), in which
// case the caller standardizes the raw attributes again.
std::string EncodeFeatures(const EntityModel& model,
                           const RecordFeatures& features);
bool DecodeFeatures(const EntityModel& model, absl::string_view bytes,
                    RecordFeatures& features);

// A record's encoded features, decoded attribute by attribute as they are
// asked for: scoring a candidate usually needs its distinguishing codes and
// one or two comparisons, not every attribute. Reset() is one pass over the
// attribute sizes; nothing is copied until asked.
//
//   LazyFeatures other;                  // reused for every candidate
//   if (!other.Reset(model, bytes)) ...  // not this model's encoding
//   const Feature& title = other.Coded(0);  // value, flags, number, codes
//   const Feature& name = other.Whole(1);   // and the token lists
//   if (!other.ok()) ...  // some attribute decoded so far was malformed
//
// The bytes must outlive the object until the next Reset(); references it
// returns stay valid until then. Thread-compatible.
class LazyFeatures {
 public:
  // False when `bytes` is not `model`'s encoding or its attribute sizes do
  // not add up; nothing may be read then.
  bool Reset(const EntityModel& model, absl::string_view bytes);

  bool Missing(int attribute) const {
    return decoded_[attribute] == Depth::kNone
               ? bodies_[attribute].empty()
               : features_.attributes[attribute].missing();
  }
  // The attribute with value, number, flags and codes decoded; its token
  // lists are those of some earlier record until Whole() is called.
  const Feature& Coded(int attribute);
  // The attribute with every field decoded.
  const Feature& Whole(int attribute);

  // False once any attribute decoded since Reset() was malformed.
  bool ok() const { return ok_; }

 private:
  enum class Depth : uint8_t { kNone, kCoded, kWhole };

  // Per attribute: its undecoded body, then (once Coded) its token part.
  std::vector<absl::string_view> bodies_;
  std::vector<Depth> decoded_;
  RecordFeatures features_;
  bool ok_ = false;
};

}  // namespace mdm::matching

#endif  // MDM_MATCHING_FEATURES_H_
