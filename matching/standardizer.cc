#include "matching/standardizer.h"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "matching/comparators/date_distance.h"
#include "matching/contact/email.h"
#include "matching/contact/phone.h"
#include "matching/contact/region_code.h"
#include "matching/date_parser.h"
#include "matching/identifiers/identifier.h"
#include "matching/organization/organization_name.h"
#include "matching/organization/organization_name_codes.h"
#include "matching/person/nicknames.h"
#include "matching/person/person_name.h"
#include "matching/product/model_numbers.h"
#include "matching/product/product_text.h"
#include "matching/text_normalizer.h"
#include "matching/transliteration.h"

namespace mdm::matching {
namespace {

void AddKey(Feature& f, std::string key) {
  if (key.empty() || key == f.value) return;
  if (std::find(f.keys.begin(), f.keys.end(), key) != f.keys.end()) return;
  f.keys.push_back(std::move(key));
}

std::string WithoutSpaces(absl::string_view text) {
  return absl::StrReplaceAll(text, {{" ", ""}});
}

std::vector<std::string> Split(const std::string& text) {
  return absl::StrSplit(text, ' ', absl::SkipEmpty());
}

// Keys of text in another script: simplified Han and pinyin, or Latin.
void AddScriptKeys(Feature& f, absl::string_view raw) {
  if (ContainsHan(raw)) {
    const std::string simplified = NormalizeText(TraditionalToSimplified(raw));
    AddKey(f, WithoutSpaces(simplified));
    AddKey(f, WithoutSpaces(HanToPinyin(simplified)));
  } else if (ContainsNonLatinLetters(raw)) {
    AddKey(f, WithoutSpaces(ToLatin(raw)));
  }
}

// Most tokens kept per value: long descriptions add little to similarity
// beyond their opening words and would dominate comparison cost.
constexpr size_t kMaxTokens = 48;

// Keeps the first kMaxTokens of `tokens`, less `room` kept for later ones.
void CapTokens(std::vector<std::string>& tokens, size_t room = 0) {
  const size_t limit = kMaxTokens - std::min(room, kMaxTokens);
  if (tokens.size() > limit) tokens.resize(limit);
}

Feature Text(absl::string_view raw) {
  Feature f;
  f.value = NormalizeText(raw);
  if (f.value.empty()) return f;
  f.tokens = Split(f.value);
  CapTokens(f.tokens);
  AddScriptKeys(f, raw);
  return f;
}

std::string AlphanumericUpper(absl::string_view raw) {
  std::string out;
  for (char c : NormalizeText(raw)) {
    if (absl::ascii_isalnum(c)) {
      out.push_back(absl::ascii_toupper(c));
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      out.push_back(c);  // non-ASCII letters and digits, byte for byte
    }
  }
  return out;
}

std::vector<std::string> Sorted(std::vector<std::string> tokens) {
  std::sort(tokens.begin(), tokens.end());
  return tokens;
}

Feature FromPersonName(const PersonName& name) {
  Feature f;
  if (name.tokens.empty() && name.han.empty()) return f;
  f.value = name.han.empty() ? name.sorted_key : name.han;
  f.tokens = name.tokens;
  CapTokens(f.tokens);
  AddKey(f, name.sorted_key);
  if (name.canonical_given != name.given) {
    std::vector<std::string> formal = name.canonical_given;
    formal.insert(formal.end(), name.family.begin(), name.family.end());
    AddKey(f, absl::StrJoin(Sorted(std::move(formal)), " "));
  }
  if (name.chinese && !name.given.empty() && !name.family.empty()) {
    // Syllables written apart ("Xiao Ming Wang") meet those written together.
    AddKey(f, absl::StrJoin(Sorted({absl::StrJoin(name.given, ""),
                                    absl::StrJoin(name.family, "")}),
                            " "));
  }
  return f;
}

Feature NamePart(const std::vector<std::string>& tokens, const PersonName& name,
                 bool given) {
  Feature f;
  if (tokens.empty()) return f;
  f.tokens = tokens;
  CapTokens(f.tokens);
  const std::string latin = absl::StrJoin(tokens, " ");
  f.value = name.han.empty() ? latin : name.han;
  AddKey(f, latin);
  if (given) {
    for (const std::string& token : tokens) {
      for (absl::string_view formal : FormalNamesFor(token)) {
        AddKey(f, std::string(formal));
      }
    }
  }
  return f;
}

Feature Organization(absl::string_view raw) {
  Feature f;
  const OrganizationName name = ParseOrganizationName(raw);
  f.value =
      name.core_key.empty() ? WithoutSpaces(NormalizeText(raw)) : name.core_key;
  if (f.value.empty()) return f;
  f.tokens =
      name.core_tokens.empty() ? Split(NormalizeText(raw)) : name.core_tokens;
  CapTokens(f.tokens);
  f.weak_tokens = name.generic_tokens;
  // A web suffix ("Amazon.com") is not part of what distinguishes the name.
  std::string distinctive;
  for (const std::string& token : f.tokens) {
    if (token == "com" || token == "net" || token == "org") {
      f.weak_tokens.push_back(token);
    } else if (std::find(f.weak_tokens.begin(), f.weak_tokens.end(), token) ==
               f.weak_tokens.end()) {
      distinctive += token;
    }
  }
  if (name.acronym.size() >= 2 && name.acronym != f.value) {
    f.abbreviations.push_back(name.acronym);
  }
  CapTokens(f.weak_tokens);
  AddKey(f, name.han_core);
  AddKey(f, distinctive);
  f.codes = OrganizationNameCodes(name);
  return f;
}

Feature Email(absl::string_view raw) {
  Feature f;
  const EmailAddress email = ParseEmail(raw);
  if (email.normalized.empty()) return f;
  f.value = email.normalized;
  f.invalid = !email.valid;
  AddKey(f, email.canonical);
  if (!email.local.empty()) f.tokens.push_back(email.local);
  if (!email.domain.empty()) f.tokens.push_back(email.domain);
  return f;
}

Feature Phone(absl::string_view raw, absl::string_view region) {
  Feature f;
  const PhoneNumber phone = ParsePhone(raw, region);
  f.value = !phone.e164.empty() ? phone.e164 : phone.digits;
  if (f.value.empty()) return f;
  f.invalid = !phone.valid;
  AddKey(f, phone.digits);
  if (phone.e164.empty()) {
    // Not placeable without a region: also key it without a trunk prefix,
    // so "0755-86316688" meets +86 755 8631 6688 (national number
    // 75586316688) on the same national number.
    const size_t significant = phone.digits.find_first_not_of('0');
    if (significant != 0 && significant != std::string::npos) {
      AddKey(f, phone.digits.substr(significant));
    }
  }
  return f;
}

Feature Date(absl::string_view raw) {
  Feature f;
  std::optional<CivilDate> date = ParseDate(raw);
  if (!date.has_value()) return f;
  f.value = FormatIsoDate(*date);
  f.number = static_cast<double>(
      DaysSinceEpoch(YearMonthDay{date->year, date->month, date->day}));
  f.has_number = true;
  return f;
}

Feature CheckedIdentifier(absl::string_view raw, IdentifierHint hint) {
  Feature f;
  const IdentifierCheck check = ClassifyIdentifier(raw, hint);
  f.value = check.normalized;
  if (f.value.empty()) return f;
  f.validated = check.valid;
  f.invalid = check.scheme != IdScheme::kUnknown && !check.valid;
  if (f.validated) f.codes.push_back(f.value);
  return f;
}

Feature Number(absl::string_view raw) {
  Feature f;
  std::string text;
  for (char c : absl::StripAsciiWhitespace(raw)) {
    if (absl::ascii_isdigit(c) || c == '.' || c == '-') text.push_back(c);
  }
  double value = 0;
  if (text.empty() || !absl::SimpleAtod(text, &value)) return f;
  f.value = absl::StrFormat("%.10g", value);
  f.number = value;
  f.has_number = true;
  return f;
}

Feature Url(absl::string_view raw) {
  Feature f;
  std::string url = absl::AsciiStrToLower(absl::StripAsciiWhitespace(raw));
  for (absl::string_view scheme : {"https://", "http://"}) {
    if (absl::StartsWith(url, scheme)) {
      url.erase(0, scheme.size());
      break;
    }
  }
  if (absl::StartsWith(url, "www.")) url.erase(0, 4);
  while (!url.empty() && url.back() == '/') url.pop_back();
  f.value = url;
  if (url.empty()) return f;
  AddKey(f, url.substr(0, url.find('/')));
  return f;
}

// Common street-address abbreviations and their full forms.
const absl::flat_hash_map<std::string, std::string>& AddressWords() {
  static const auto* const words =
      new absl::flat_hash_map<std::string, std::string>{
          {"st", "street"},    {"str", "street"},    {"rd", "road"},
          {"ave", "avenue"},   {"av", "avenue"},     {"blvd", "boulevard"},
          {"dr", "drive"},     {"ln", "lane"},       {"ct", "court"},
          {"pl", "place"},     {"sq", "square"},     {"hwy", "highway"},
          {"pkwy", "parkway"}, {"cres", "crescent"}, {"cct", "circuit"},
          {"cir", "circle"},   {"tce", "terrace"},   {"ter", "terrace"},
          {"pde", "parade"},   {"crt", "court"},     {"hts", "heights"},
          {"mt", "mount"},     {"apt", "apartment"}, {"ste", "suite"},
          {"fl", "floor"},     {"bldg", "building"}, {"n", "north"},
          {"s", "south"},      {"e", "east"},        {"w", "west"},
          {"ne", "northeast"}, {"nw", "northwest"},  {"se", "southeast"},
          {"sw", "southwest"}, {"rte", "route"},     {"expy", "expressway"},
      };
  return *words;
}

bool IsStreetWord(const std::string& token) {
  static const auto* const types = new absl::flat_hash_set<std::string>{
      "street",  "road",     "avenue",  "boulevard", "drive",     "lane",
      "court",   "place",    "square",  "highway",   "parkway",   "crescent",
      "circuit", "circle",   "terrace", "parade",    "way",       "close",
      "north",   "south",    "east",    "west",      "apartment", "suite",
      "floor",   "building", "unit"};
  return types->contains(token);
}

Feature Address(absl::string_view raw) {
  Feature f = Text(raw);
  if (f.missing()) return f;
  for (std::string& token : f.tokens) {
    auto it = AddressWords().find(token);
    if (it != AddressWords().end()) token = it->second;
    if (IsStreetWord(token)) f.weak_tokens.push_back(token);
  }
  f.value = absl::StrJoin(f.tokens, " ");
  // The house number: different numbers on one street are different
  // buildings.
  for (const std::string& token : f.tokens) {
    if (!token.empty() && absl::ascii_isdigit(token.front())) {
      f.codes.push_back(absl::StrCat("n:", token));
      break;
    }
  }
  return f;
}

Feature ProductName(absl::string_view raw) {
  Feature f;
  f.value = NormalizeText(raw);
  if (f.value.empty()) return f;
  const ProductText text = ParseProductText(raw);
  // Model numbers are the most telling words of a title: they keep their
  // place among the tokens.
  f.tokens = text.tokens;
  CapTokens(f.tokens, text.model_numbers.size());
  for (const std::string& model : text.model_numbers) {
    if (f.tokens.size() < kMaxTokens) {
      f.tokens.push_back(absl::AsciiStrToLower(model));
    }
    AddKey(f, model);
    f.codes.push_back(absl::StrCat("m:", model));
  }
  for (const Quantity& quantity : text.quantities) {
    f.codes.push_back(
        absl::StrFormat("q:%s:%g", quantity.unit, quantity.value));
  }
  for (const std::string& colour : text.colours) {
    f.codes.push_back(absl::StrCat("c:", colour));
  }
  for (const std::string& number : text.numbers) {
    f.codes.push_back(absl::StrCat("n:", number));
  }
  AddScriptKeys(f, raw);
  return f;
}

}  // namespace

Feature StandardizeValue(v1::AttributeKind kind, absl::string_view raw,
                         absl::string_view region) {
  switch (kind) {
    case v1::PERSON_NAME:
      return FromPersonName(ParsePersonName(raw));
    case v1::GIVEN_NAME: {
      const PersonName name = ParsePersonName(raw, "");
      return NamePart(name.given, name, /*given=*/true);
    }
    case v1::FAMILY_NAME: {
      const PersonName name = ParsePersonName("", raw);
      return NamePart(name.family, name, /*given=*/false);
    }
    case v1::ORGANIZATION_NAME:
      return Organization(raw);
    case v1::EMAIL:
      return Email(raw);
    case v1::PHONE:
      return Phone(raw, region);
    case v1::DATE:
      return Date(raw);
    case v1::NATIONAL_ID:
      return CheckedIdentifier(raw, IdentifierHint::kNationalId);
    case v1::REGISTRATION_ID:
      return CheckedIdentifier(raw, IdentifierHint::kRegistration);
    case v1::TAX_ID:
      return CheckedIdentifier(raw, IdentifierHint::kTax);
    case v1::GTIN:
      return CheckedIdentifier(raw, IdentifierHint::kGtin);
    case v1::MPN: {
      Feature f;
      f.value = AlphanumericUpper(raw);
      if (!f.value.empty()) f.codes.push_back(f.value);
      return f;
    }
    case v1::IDENTIFIER:
    case v1::POSTAL_CODE:
    case v1::CODE: {
      Feature f;
      f.value = AlphanumericUpper(raw);
      return f;
    }
    case v1::COUNTRY: {
      Feature f;
      f.value = RegionCodeFor(raw);
      if (f.value.empty()) f.value = AlphanumericUpper(raw);
      return f;
    }
    case v1::NUMBER:
      return Number(raw);
    case v1::URL:
      return Url(raw);
    case v1::ADDRESS:
      return Address(raw);
    case v1::PRODUCT_NAME:
      return ProductName(raw);
    case v1::TEXT:
    default:
      return Text(raw);
  }
}

RecordFeatures Standardize(
    const EntityModel& model,
    absl::Span<const std::pair<std::string, std::string>> attributes) {
  const std::vector<AttributeSpec>& specs = model.attributes();
  std::vector<absl::string_view> raw(specs.size());
  for (const auto& [name, value] : attributes) {
    std::optional<int> index = model.AttributeIndex(name);
    if (index.has_value()) raw[*index] = value;
  }
  RecordFeatures out;
  out.attributes.resize(specs.size());
  for (size_t i = 0; i < specs.size(); ++i) {
    const AttributeSpec& spec = specs[i];
    std::string region;
    if (spec.kind == v1::PHONE) {
      if (spec.region_attribute >= 0) {
        region = RegionCodeFor(raw[spec.region_attribute]);
      }
      if (region.empty()) region = spec.default_region;
    }
    if (!raw[i].empty()) {
      out.attributes[i] = StandardizeValue(spec.kind, raw[i], region);
    }
    if (!out.attributes[i].missing() || spec.derive_from.empty()) continue;
    // Derived value.
    if (spec.kind == v1::PERSON_NAME) {
      absl::string_view given, family;
      for (int from : spec.derive_from) {
        if (specs[from].kind == v1::FAMILY_NAME) {
          family = raw[from];
        } else {
          given = raw[from];
        }
      }
      if (!given.empty() || !family.empty()) {
        out.attributes[i] = FromPersonName(ParsePersonName(given, family));
      }
    } else if (spec.kind == v1::MPN) {
      Feature f;
      for (int from : spec.derive_from) {
        for (const std::string& model_number : ExtractModelNumbers(raw[from])) {
          if (f.value.empty()) {
            f.value = model_number;
          } else {
            AddKey(f, model_number);
          }
        }
      }
      out.attributes[i] = std::move(f);  // derived: evidence, not a strong code
    } else {
      std::vector<absl::string_view> parts;
      for (int from : spec.derive_from) {
        if (!raw[from].empty()) parts.push_back(raw[from]);
      }
      if (!parts.empty()) {
        out.attributes[i] =
            StandardizeValue(spec.kind, absl::StrJoin(parts, " "), region);
      }
    }
  }
  return out;
}

}  // namespace mdm::matching
