#include "matching/standardizer.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "matching/date_parser.h"
#include "matching/text_normalizer.h"

namespace mdm::matching {
namespace {

std::string SortedTokens(absl::string_view raw) {
  std::vector<std::string> tokens = NormalizedTokens(raw);
  std::sort(tokens.begin(), tokens.end());
  return absl::StrJoin(tokens, " ");
}

std::string AlphanumericUpper(absl::string_view raw) {
  // NFKC folds full-width letters and digits first.
  const std::string folded = NormalizeText(raw);
  std::string out;
  for (char c : folded) {
    if (absl::ascii_isalnum(c)) out.push_back(absl::ascii_toupper(c));
    // Non-ASCII letters and digits are kept as they are.
    if (static_cast<unsigned char>(c) >= 0x80) out.push_back(c);
  }
  return out;
}

std::string Digits(absl::string_view raw) {
  std::string out;
  for (char c : NormalizeText(raw)) {
    if (absl::ascii_isdigit(c)) out.push_back(c);
  }
  return out;
}

std::string StandardizeEmail(absl::string_view raw) {
  std::string email = absl::AsciiStrToLower(absl::StripAsciiWhitespace(raw));
  if (absl::StartsWith(email, "mailto:")) email.erase(0, 7);
  const size_t at = email.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == email.size() ||
      email.find('@', at + 1) != std::string::npos) {
    return "";
  }
  return email;
}

std::string StandardizeNumber(absl::string_view raw) {
  std::string text;
  for (char c : absl::StripAsciiWhitespace(raw)) {
    if (absl::ascii_isdigit(c) || c == '.' || c == '-') text.push_back(c);
  }
  double value = 0;
  if (text.empty() || !absl::SimpleAtod(text, &value)) return "";
  return absl::StrFormat("%.10g", value);
}

std::string StandardizeUrl(absl::string_view raw) {
  std::string url = absl::AsciiStrToLower(absl::StripAsciiWhitespace(raw));
  for (absl::string_view scheme : {"https://", "http://"}) {
    if (absl::StartsWith(url, scheme)) {
      url.erase(0, scheme.size());
      break;
    }
  }
  if (absl::StartsWith(url, "www.")) url.erase(0, 4);
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

std::string StandardizeValue(v1::AttributeKind kind, absl::string_view raw) {
  switch (kind) {
    case v1::PERSON_NAME:
    case v1::GIVEN_NAME:
    case v1::FAMILY_NAME:
      return SortedTokens(raw);
    case v1::EMAIL:
      return StandardizeEmail(raw);
    case v1::PHONE: {
      std::string digits = Digits(raw);
      return digits.size() >= 5 ? digits : "";
    }
    case v1::DATE: {
      std::optional<CivilDate> date = ParseDate(raw);
      return date.has_value() ? FormatIsoDate(*date) : "";
    }
    case v1::IDENTIFIER:
    case v1::MPN:
    case v1::POSTAL_CODE:
    case v1::CODE:
    case v1::COUNTRY:
      return AlphanumericUpper(raw);
    case v1::GTIN: {
      std::string digits = Digits(raw);
      if (digits.size() < 8 || digits.size() > 14) return "";
      return std::string(14 - digits.size(), '0') + digits;
    }
    case v1::NUMBER:
      return StandardizeNumber(raw);
    case v1::URL:
      return StandardizeUrl(raw);
    case v1::TEXT:
    case v1::ORGANIZATION_NAME:
    default:
      return NormalizeText(raw);
  }
}

StandardizedRecord Standardize(
    const EntityModel& model,
    absl::Span<const std::pair<std::string, std::string>> attributes) {
  const std::vector<AttributeSpec>& specs = model.attributes();
  StandardizedRecord out;
  out.values.resize(specs.size());
  for (const auto& [name, raw] : attributes) {
    std::optional<int> index = model.AttributeIndex(name);
    if (!index.has_value()) continue;
    out.values[*index] = StandardizeValue(specs[*index].kind, raw);
  }
  // A whole person name derived from its parts when the record has none.
  int full = -1;
  std::vector<int> parts;
  for (int i = 0; i < static_cast<int>(specs.size()); ++i) {
    if (specs[i].kind == v1::PERSON_NAME && full < 0) full = i;
    if (specs[i].kind == v1::GIVEN_NAME || specs[i].kind == v1::FAMILY_NAME) {
      parts.push_back(i);
    }
  }
  if (full >= 0 && out.values[full].empty() && !parts.empty()) {
    std::string joined;
    for (int i : parts) absl::StrAppend(&joined, " ", out.values[i]);
    out.values[full] = SortedTokens(joined);
  }
  return out;
}

std::string EncodeStandardized(const EntityModel& model,
                               const StandardizedRecord& record) {
  std::string out(1, '\x01');
  uint64_t stamp = model.features_fingerprint();
  for (int i = 0; i < 8; ++i) {
    out.push_back(static_cast<char>(stamp & 0xff));
    stamp >>= 8;
  }
  for (const std::string& value : record.values) {
    uint64_t size = value.size();
    while (size >= 0x80) {
      out.push_back(static_cast<char>((size & 0x7f) | 0x80));
      size >>= 7;
    }
    out.push_back(static_cast<char>(size));
    out.append(value);
  }
  return out;
}

bool DecodeStandardized(const EntityModel& model, absl::string_view bytes,
                        StandardizedRecord& record) {
  record.values.clear();
  if (bytes.size() < 9 || bytes.front() != '\x01') return false;
  uint64_t stamp = 0;
  for (int i = 8; i >= 1; --i) {
    stamp = (stamp << 8) | static_cast<uint8_t>(bytes[i]);
  }
  if (stamp != model.features_fingerprint()) return false;
  bytes.remove_prefix(9);
  while (!bytes.empty()) {
    uint64_t size = 0;
    int shift = 0;
    while (true) {
      if (bytes.empty() || shift > 63) return false;
      const uint8_t byte = static_cast<uint8_t>(bytes.front());
      bytes.remove_prefix(1);
      size |= static_cast<uint64_t>(byte & 0x7f) << shift;
      shift += 7;
      if ((byte & 0x80) == 0) break;
    }
    if (size > bytes.size()) return false;
    record.values.emplace_back(bytes.substr(0, size));
    bytes.remove_prefix(size);
  }
  return record.values.size() == model.attributes().size();
}

}  // namespace mdm::matching
