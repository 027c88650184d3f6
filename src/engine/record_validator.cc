#include "src/engine/record_validator.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "src/base/error_field.h"
#include "src/base/utf8.h"

namespace mdm::engine {
namespace {

absl::Status Invalid(const SourceKey& key, absl::string_view field,
                     absl::string_view problem) {
  return WithErrorField(absl::InvalidArgumentError(absl::StrCat(
                            "record ", RecordLabel(key), ": ", problem)),
                        field);
}

// Shown in messages: at most 64 bytes, and only when it is valid UTF-8.
std::string Shown(absl::string_view text) {
  if (!IsValidUtf8(text)) return "(not UTF-8)";
  if (text.size() <= 64) return std::string(text);
  size_t cut = 64;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return absl::StrCat(text.substr(0, cut), "...");
}

}  // namespace

std::string RecordLabel(const SourceKey& key) {
  return absl::StrCat(Shown(key.source), ":", Shown(key.source_id));
}

bool IsValidSourceName(absl::string_view source) {
  if (source.empty() || source.size() > 64) return false;
  for (char c : source) {
    if (!absl::ascii_isalnum(c) && c != '_' && c != '.' && c != ':' &&
        c != '-') {
      return false;
    }
  }
  return true;
}

absl::Status ValidateKey(absl::string_view entity_type, const SourceKey& key,
                         const RecordLimits& limits) {
  if (!IsValidSourceName(key.source)) {
    return Invalid(key, "key.source",
                   absl::StrCat("source '", Shown(key.source),
                                "' must be 1..64 characters of A-Z, a-z, "
                                "0-9, _ . -"));
  }
  if (key.source_id.empty()) {
    return Invalid(key, "key.source_id", "source_id is empty");
  }
  if (key.source_id.size() > limits.max_source_id_bytes) {
    return Invalid(key, "key.source_id",
                   absl::StrCat("source_id is longer than ",
                                limits.max_source_id_bytes, " bytes"));
  }
  if (!IsValidUtf8(key.source_id)) {
    return Invalid(key, "key.source_id", "source_id is not valid UTF-8");
  }
  if (entity_type.empty()) {
    return Invalid(key, "entity_type", "entity_type is empty");
  }
  return absl::OkStatus();
}

absl::StatusOr<storage::Attributes> ValidateRecord(
    const RecordInput& input, const matching::EntityModel* model,
    const RecordLimits& limits) {
  const SourceKey& key = input.key;
  absl::Status status = ValidateKey(input.entity_type, key, limits);
  if (!status.ok()) return status;
  if (model == nullptr) {
    return Invalid(
        key, "entity_type",
        absl::StrCat("unknown entity type '", Shown(input.entity_type), "'"));
  }
  if (static_cast<int>(input.attributes.size()) > limits.max_attributes) {
    return Invalid(
        key, "attributes",
        absl::StrCat("has ", input.attributes.size(),
                     " attributes; the limit is ", limits.max_attributes));
  }
  size_t total = 0;
  storage::Attributes attributes;
  attributes.reserve(input.attributes.size());
  for (const auto& [name, value] : input.attributes) {
    const std::string field = absl::StrCat("attributes.", Shown(name));
    if (name.empty() || !IsValidUtf8(name)) {
      return Invalid(key, "attributes",
                     "an attribute name is empty or not UTF-8");
    }
    if (!model->AttributeIndex(name).has_value() &&
        !model->allow_extra_attributes()) {
      return Invalid(key, field,
                     absl::StrCat("'", Shown(name), "' is not an attribute of ",
                                  model->name()));
    }
    if (!IsValidUtf8(value)) {
      return Invalid(key, field,
                     absl::StrCat("attribute '", Shown(name),
                                  "' is not valid UTF-8 (byte ",
                                  FirstInvalidUtf8(value), ")"));
    }
    if (value.size() > limits.max_value_bytes) {
      return Invalid(
          key, field,
          absl::StrCat("attribute '", Shown(name), "' is ", value.size(),
                       " bytes; the limit is ", limits.max_value_bytes));
    }
    total += name.size() + value.size();
    if (absl::StripAsciiWhitespace(value).empty()) continue;
    attributes.emplace_back(name, value);
  }
  if (total > limits.max_record_bytes) {
    return Invalid(key, "attributes",
                   absl::StrCat("is ", total, " bytes; the limit is ",
                                limits.max_record_bytes));
  }
  std::sort(attributes.begin(), attributes.end());
  for (size_t i = 1; i < attributes.size(); ++i) {
    if (attributes[i].first == attributes[i - 1].first) {
      return Invalid(
          key, absl::StrCat("attributes.", attributes[i].first),
          absl::StrCat("attribute '", attributes[i].first, "' is given twice"));
    }
  }
  return attributes;
}

}  // namespace mdm::engine
