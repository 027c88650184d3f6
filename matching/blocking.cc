#include "matching/blocking.h"

#include <xxhash.h>

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_join.h"
#include "matching/comparators/utf32.h"
#include "matching/person/soundex.h"

namespace mdm::matching {
namespace {

// The first or last `n` code points of UTF-8 text.
std::string CodePointSlice(const std::string& text, int n, bool from_end) {
  const std::u32string points = ToCodePoints(text);
  if (static_cast<int>(points.size()) <= n) return text;
  const size_t begin = from_end ? points.size() - n : 0;
  return ToUtf8(std::u32string_view(points).substr(begin, n));
}

// The values one key part yields for a feature.
std::vector<std::string> PartValues(const KeyPartSpec& part,
                                    const Feature& feature) {
  if (feature.missing()) return {};
  switch (part.transform) {
    case v1::VALUE:
      return {feature.value};
    case v1::EACH_TOKEN:
      return feature.tokens;
    case v1::SOUNDEX: {
      const std::string code =
          feature.tokens.empty() ? "" : Soundex(feature.tokens.front());
      if (code.empty()) return {};
      return {code};
    }
    case v1::PREFIX:
      return {CodePointSlice(feature.value, part.length, false)};
    case v1::SUFFIX:
      return {CodePointSlice(feature.value, part.length, true)};
    case v1::YEAR:
      if (feature.value.size() < 4) return {};
      return {feature.value.substr(0, 4)};
    case v1::EACH_KEY: {
      std::vector<std::string> forms = {feature.value};
      forms.insert(forms.end(), feature.keys.begin(), feature.keys.end());
      forms.insert(forms.end(), feature.abbreviations.begin(),
                   feature.abbreviations.end());
      return forms;
    }
    case v1::SORTED_TOKENS: {
      std::vector<std::string> tokens = feature.tokens;
      std::sort(tokens.begin(), tokens.end());
      if (tokens.empty()) return {};
      return {absl::StrJoin(tokens, " ")};
    }
    case v1::FIRST_TOKEN:
      if (feature.tokens.empty()) return {};
      return {feature.tokens.front()};
    case v1::EACH_DISTINCTIVE_TOKEN: {
      std::vector<std::string> tokens;
      for (const std::string& token : feature.tokens) {
        if (std::find(feature.weak_tokens.begin(), feature.weak_tokens.end(),
                      token) == feature.weak_tokens.end()) {
          tokens.push_back(token);
        }
      }
      return tokens;
    }
    case v1::EACH_TOKEN_PAIR: {
      std::vector<std::string> pairs;
      for (size_t i = 0; i + 1 < feature.tokens.size(); ++i) {
        pairs.push_back(feature.tokens[i] + " " + feature.tokens[i + 1]);
      }
      return pairs;
    }
    default:
      return {};
  }
}

}  // namespace

std::vector<BlockingKey> BlockingKeys(const EntityModel& model,
                                      const RecordFeatures& record,
                                      bool with_text) {
  std::vector<BlockingKey> keys;
  absl::flat_hash_set<uint64_t> seen;
  const std::vector<BlockingRule>& rules = model.blocking_rules();
  for (int r = 0; r < static_cast<int>(rules.size()); ++r) {
    // Combinations of part values, grown part by part.
    std::vector<std::vector<const std::string*>> combinations(1);
    std::vector<std::vector<std::string>> storage;
    storage.reserve(rules[r].parts.size());
    for (const KeyPartSpec& part : rules[r].parts) {
      storage.push_back(PartValues(part, record.attributes[part.attribute]));
      std::vector<std::string>& values = storage.back();
      values.erase(std::remove(values.begin(), values.end(), std::string()),
                   values.end());
      std::sort(values.begin(), values.end());
      values.erase(std::unique(values.begin(), values.end()), values.end());
      std::vector<std::vector<const std::string*>> next;
      for (const auto& prefix : combinations) {
        for (const std::string& value : values) {
          if (static_cast<int>(next.size()) == kMaxKeysPerRule) break;
          next.push_back(prefix);
          next.back().push_back(&value);
        }
      }
      combinations = std::move(next);
      if (combinations.empty()) break;
    }
    for (const auto& combination : combinations) {
      std::string material = model.name();
      material.push_back('\x1f');
      material.append(rules[r].name);
      for (const std::string* value : combination) {
        material.push_back('\x1f');
        material.append(*value);
      }
      BlockingKey key{.rule = r,
                      .hash = XXH3_64bits(material.data(), material.size())};
      if (!seen.insert(key.hash).second) continue;
      if (with_text) {
        std::vector<std::string> parts;
        for (const std::string* value : combination) parts.push_back(*value);
        key.text = absl::StrJoin(parts, "|");
      }
      keys.push_back(std::move(key));
    }
  }
  return keys;
}

}  // namespace mdm::matching
