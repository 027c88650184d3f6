// Fuzz target for every standardizer: matching/standardizer.h for each
// attribute kind and each entity type of the built-in configuration, and the
// modules behind it (person, organization, product, contact, identifiers,
// dates, text normalization, transliteration, query text).
//
// Input: byte 0 picks the function under test (see kTargets below); the rest
// is its text. Functions of two strings take the part before the first tab
// and the part after it. Entity types take one record per line and one value
// per tab-separated field, in the order of the type's attributes.
//
// Besides memory safety, each case checks what its header promises: for
// example that NormalizeText leaves no ASCII punctuation and no double
// spaces, that a parsed date exists and formats back to itself, that a
// person's tokens are the given then the family tokens, that a valid
// identifier has no problem, that stored features decode to themselves, and
// that the pruned match weight agrees with the full one. Standardized text
// from valid UTF-8 is valid UTF-8: records are checked for it at ingest, and
// features reach protobuf strings in explanations.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "matching/blocking.h"
#include "matching/comparators/date_distance.h"
#include "matching/contact/email.h"
#include "matching/contact/phone.h"
#include "matching/contact/region_code.h"
#include "matching/date_parser.h"
#include "matching/entity_model.h"
#include "matching/features.h"
#include "matching/identifiers/china_resident_id.h"
#include "matching/identifiers/china_uscc.h"
#include "matching/identifiers/eu_vat.h"
#include "matching/identifiers/gtin.h"
#include "matching/identifiers/identifier.h"
#include "matching/identifiers/isbn10.h"
#include "matching/identifiers/us_ein.h"
#include "matching/identifiers/us_ssn.h"
#include "matching/organization/business_terms.h"
#include "matching/organization/chinese_regions.h"
#include "matching/organization/legal_forms.h"
#include "matching/organization/organization_name.h"
#include "matching/person/chinese_surnames.h"
#include "matching/person/nicknames.h"
#include "matching/person/person_name.h"
#include "matching/person/pinyin_syllables.h"
#include "matching/person/soundex.h"
#include "matching/product/model_numbers.h"
#include "matching/product/product_text.h"
#include "matching/product/quantities.h"
#include "matching/query_text.h"
#include "matching/scorer.h"
#include "matching/standardizer.h"
#include "matching/text_normalizer.h"
#include "matching/transliteration.h"
#include "mdm/v1/config.pb.h"
#include "src/base/utf8.h"
#include "src/config/config_loader.h"
#include "tests/fuzz/fuzz_check.h"

namespace mdm::matching {
namespace {

// ----------------------------------------------------------------------------
// Helpers.

bool IsUpperAlnum(absl::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return absl::ascii_isdigit(c) || absl::ascii_isupper(c);
  });
}

// Upper-case ASCII letters and digits, and any non-ASCII bytes (letters and
// digits of other scripts are kept as written).
bool IsUpperAlnumOrNonAscii(absl::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return !absl::ascii_isascii(c) || absl::ascii_isdigit(c) ||
           absl::ascii_isupper(c);
  });
}

bool IsDigits(absl::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return absl::ascii_isdigit(c); });
}

bool AllUtf8(const std::vector<std::string>& strings) {
  return std::all_of(strings.begin(), strings.end(),
                     [](const std::string& s) { return IsValidUtf8(s); });
}

// `sub` appears in `all` in the same order.
bool IsSubsequence(const std::vector<std::string>& sub,
                   const std::vector<std::string>& all) {
  size_t j = 0;
  for (const std::string& s : all) {
    if (j < sub.size() && sub[j] == s) ++j;
  }
  return j == sub.size();
}

std::pair<absl::string_view, absl::string_view> SplitTab(
    absl::string_view text) {
  const size_t tab = text.find('\t');
  if (tab == absl::string_view::npos) return {text, ""};
  return {text.substr(0, tab), text.substr(tab + 1)};
}

// ----------------------------------------------------------------------------
// Features and entity types.

void CheckFeature(v1::AttributeKind kind, const Feature& f, bool utf8_input) {
  MDM_FUZZ_CHECK(!(f.validated && f.invalid));
  MDM_FUZZ_CHECK(f.tokens.size() <= 48);
  if (f.validated) {
    MDM_FUZZ_CHECK(std::find(f.codes.begin(), f.codes.end(), f.value) !=
                   f.codes.end());
  }
  if (kind == v1::DATE && !f.missing()) {
    const std::optional<CivilDate> date = ParseDate(f.value);
    MDM_FUZZ_CHECK(date.has_value() && FormatIsoDate(*date) == f.value);
    MDM_FUZZ_CHECK(f.has_number);
    MDM_FUZZ_CHECK(f.number == static_cast<double>(DaysSinceEpoch(
                                   {date->year, date->month, date->day})));
  }
  if (kind == v1::MPN || kind == v1::IDENTIFIER || kind == v1::POSTAL_CODE ||
      kind == v1::CODE) {
    MDM_FUZZ_CHECK(IsUpperAlnumOrNonAscii(f.value));
  }
  if (kind == v1::GTIN && f.validated) {
    MDM_FUZZ_CHECK(f.value.size() == 14 && IsDigits(f.value));
  }
  if (utf8_input) {
    MDM_FUZZ_CHECK(IsValidUtf8(f.value));
    MDM_FUZZ_CHECK(AllUtf8(f.tokens) && AllUtf8(f.weak_tokens) &&
                   AllUtf8(f.keys) && AllUtf8(f.abbreviations) &&
                   AllUtf8(f.codes));
  }
}

void FuzzStandardizeValue(absl::string_view text) {
  if (text.empty()) return;
  const auto* kinds = v1::AttributeKind_descriptor();
  const auto kind = static_cast<v1::AttributeKind>(
      kinds->value(static_cast<uint8_t>(text[0]) % kinds->value_count())
          ->number());
  const auto [raw, region] = SplitTab(text.substr(1));
  const Feature f = StandardizeValue(kind, raw, region);
  CheckFeature(kind, f, IsValidUtf8(raw) && IsValidUtf8(region));
}

// The entity types of the built-in configuration, compiled once.
const std::vector<EntityModel>& Models() {
  static const std::vector<EntityModel>* models = [] {
    auto* result = new std::vector<EntityModel>;
    absl::StatusOr<v1::MdmConfig> config = DefaultConfig();
    MDM_FUZZ_CHECK(config.ok());
    for (const v1::EntityTypeConfig& type : config->entity_types()) {
      absl::StatusOr<EntityModel> model = EntityModel::Compile(type);
      MDM_FUZZ_CHECK(model.ok());
      result->push_back(*std::move(model));
    }
    return result;
  }();
  return *models;
}

std::vector<std::pair<std::string, std::string>> RecordFromLine(
    const EntityModel& model, absl::string_view line) {
  std::vector<std::pair<std::string, std::string>> record;
  const std::vector<absl::string_view> values = absl::StrSplit(line, '\t');
  for (size_t i = 0; i < values.size() && i < model.attributes().size(); ++i) {
    record.emplace_back(model.attributes()[i].name, std::string(values[i]));
  }
  return record;
}

RecordFeatures StandardizeChecked(
    const EntityModel& model,
    const std::vector<std::pair<std::string, std::string>>& record) {
  const RecordFeatures features = Standardize(model, record);
  MDM_FUZZ_CHECK(features.attributes.size() == model.attributes().size());
  bool utf8 = true;
  for (const auto& [name, value] : record) utf8 = utf8 && IsValidUtf8(value);
  for (size_t i = 0; i < features.attributes.size(); ++i) {
    CheckFeature(model.attributes()[i].kind, features.attributes[i], utf8);
  }
  RecordFeatures decoded;
  MDM_FUZZ_CHECK(
      DecodeFeatures(model, EncodeFeatures(model, features), decoded));
  MDM_FUZZ_CHECK(decoded == features);

  const std::vector<BlockingKey> keys = BlockingKeys(model, features, true);
  std::vector<int> per_rule(model.blocking_rules().size());
  for (size_t i = 0; i < keys.size(); ++i) {
    MDM_FUZZ_CHECK(keys[i].rule >= 0 &&
                   keys[i].rule < static_cast<int>(per_rule.size()));
    MDM_FUZZ_CHECK(++per_rule[keys[i].rule] <= kMaxKeysPerRule);
    if (i > 0) MDM_FUZZ_CHECK(keys[i - 1].rule <= keys[i].rule);
    for (size_t j = 0; j < i; ++j) MDM_FUZZ_CHECK(!(keys[j] == keys[i]));
  }
  return features;
}

void FuzzEntity(size_t type, absl::string_view text) {
  const EntityModel& model = Models()[type % Models().size()];
  const auto [first, second] = [&] {
    const size_t newline = text.find('\n');
    if (newline == absl::string_view::npos) {
      return std::make_pair(text, absl::string_view());
    }
    return std::make_pair(text.substr(0, newline), text.substr(newline + 1));
  }();
  const RecordFeatures a =
      StandardizeChecked(model, RecordFromLine(model, first));
  const RecordFeatures b =
      StandardizeChecked(model, RecordFromLine(model, second));

  const PairScore score = ScorePair(model, a, b);
  MDM_FUZZ_CHECK(score.outcomes.size() == model.comparisons().size());
  const double weight = MatchWeight(model, a, b);
  MDM_FUZZ_CHECK(std::isfinite(weight));
  MDM_FUZZ_CHECK(std::fabs(weight - score.weight) <= 1e-9);
  MDM_FUZZ_CHECK(ComparisonVector(model, a, b).size() ==
                 model.comparisons().size());
  for (double floor : {model.review_weight(), model.auto_merge_weight(), weight,
                       weight + 1e-6, -1e9}) {
    const double pruned = MatchWeightAtLeast(model, a, b, floor);
    if (weight >= floor) {
      MDM_FUZZ_CHECK(std::fabs(pruned - weight) <= 1e-9);
    } else {
      MDM_FUZZ_CHECK(pruned < floor);
    }
  }
}

void FuzzQueryText(size_t type, absl::string_view text) {
  const EntityModel& model = Models()[type % Models().size()];
  const std::vector<std::pair<std::string, std::string>> parts =
      InterpretQueryText(model, text);
  absl::flat_hash_set<std::string> seen;
  for (const auto& [name, value] : parts) {
    MDM_FUZZ_CHECK(model.AttributeIndex(name).has_value());
    MDM_FUZZ_CHECK(seen.insert(name).second);
    MDM_FUZZ_CHECK(!value.empty());
  }
}

// ----------------------------------------------------------------------------
// Text, transliteration and dates.

void FuzzNormalizeText(absl::string_view text) {
  const std::string normalized = NormalizeText(text);
  MDM_FUZZ_CHECK(IsValidUtf8(normalized));
  MDM_FUZZ_CHECK(!absl::StartsWith(normalized, " ") &&
                 !absl::EndsWith(normalized, " "));
  MDM_FUZZ_CHECK(!absl::StrContains(normalized, "  "));
  for (char c : normalized) {
    if (static_cast<unsigned char>(c) >= 0x80) continue;
    MDM_FUZZ_CHECK(c == ' ' || absl::ascii_isdigit(c) ||
                   absl::ascii_islower(c));
  }
  const std::vector<std::string> tokens = NormalizedTokens(text);
  MDM_FUZZ_CHECK(absl::StrJoin(tokens, " ") == normalized);
  for (const std::string& token : tokens) MDM_FUZZ_CHECK(!token.empty());
}

void FuzzTransliteration(absl::string_view text) {
  const bool han = ContainsHan(text);
  if (han) MDM_FUZZ_CHECK(ContainsNonLatinLetters(text));
  const bool utf8 = IsValidUtf8(text);
  const std::string pinyin = HanToPinyin(text);
  const std::string name = HanToPinyinName(text);
  const std::string simplified = TraditionalToSimplified(text);
  const std::string latin = ToLatin(text);
  if (utf8) {
    MDM_FUZZ_CHECK(IsValidUtf8(pinyin) && IsValidUtf8(name) &&
                   IsValidUtf8(simplified) && IsValidUtf8(latin));
  }
  MDM_FUZZ_CHECK(ContainsHan(simplified) == han || !utf8);
}

void FuzzDate(absl::string_view text) {
  const std::optional<CivilDate> date = ParseDate(text);
  if (!date.has_value()) return;
  MDM_FUZZ_CHECK(date->year >= 1000 && date->year <= 2999);
  MDM_FUZZ_CHECK(IsValidDate(date->year, date->month, date->day));
  const std::string iso = FormatIsoDate(*date);
  MDM_FUZZ_CHECK(iso.size() == 10);
  const std::optional<CivilDate> again = ParseDate(iso);
  MDM_FUZZ_CHECK(again.has_value() && *again == *date);
}

// ----------------------------------------------------------------------------
// Person names.

void CheckPersonName(const PersonName& p) {
  std::vector<std::string> tokens = p.given;
  tokens.insert(tokens.end(), p.family.begin(), p.family.end());
  MDM_FUZZ_CHECK(p.tokens == tokens);
  for (const std::string& token : tokens) MDM_FUZZ_CHECK(!token.empty());
  std::sort(tokens.begin(), tokens.end());
  MDM_FUZZ_CHECK(p.sorted_key == absl::StrJoin(tokens, " "));
  MDM_FUZZ_CHECK(p.canonical_given.size() == p.given.size());
  MDM_FUZZ_CHECK(p.initials.size() == p.given.size() + p.family.size());
  if (p.han.empty()) MDM_FUZZ_CHECK(p.han_pinyin.empty());
  if (p.order_ambiguous) MDM_FUZZ_CHECK(p.chinese);
}

void FuzzPersonName(absl::string_view text) {
  CheckPersonName(ParsePersonName(text));
  const auto [given, family] = SplitTab(text);
  CheckPersonName(ParsePersonName(given, family));
}

void FuzzPersonParts(absl::string_view text) {
  const std::string code = Soundex(text);
  MDM_FUZZ_CHECK(code.empty() || code.size() == 4);
  if (!code.empty()) {
    MDM_FUZZ_CHECK(absl::ascii_isupper(code[0]) &&
                   IsDigits(absl::string_view(code).substr(1)));
  }
  const std::string word = absl::AsciiStrToLower(text);
  if (word.empty() || word.size() > 30) MDM_FUZZ_CHECK(!IsPinyinWord(word));
  if (IsPinyinSyllable(word)) MDM_FUZZ_CHECK(IsPinyinWord(word));

  const auto [a, b] = SplitTab(text);
  MDM_FUZZ_CHECK(NicknameEquivalent(a, a));
  MDM_FUZZ_CHECK(NicknameEquivalent(a, b) == NicknameEquivalent(b, a));
  for (absl::string_view formal : FormalNamesFor(a)) {
    MDM_FUZZ_CHECK(NicknameEquivalent(a, formal));
  }
  if (const ChineseSurname* surname = FindChineseSurname(a)) {
    MDM_FUZZ_CHECK(surname->han == a);
  }
  const int rank = ChineseSurnameRank(a);
  MDM_FUZZ_CHECK(rank >= -1 &&
                 rank < static_cast<int>(ChineseSurnames().size()));
  if (rank >= 0) {
    MDM_FUZZ_CHECK(CanonicalSurnamePinyin(ChineseSurnames()[rank].pinyin) ==
                   CanonicalSurnamePinyin(a));
  }
}

// ----------------------------------------------------------------------------
// Organization names.

void FuzzOrganizationName(absl::string_view text) {
  const OrganizationName name = ParseOrganizationName(text);
  MDM_FUZZ_CHECK(name.core_key == absl::StrJoin(name.core_tokens, ""));
  MDM_FUZZ_CHECK(IsSubsequence(name.generic_tokens, name.core_tokens));
  for (const std::string& token : name.generic_tokens) {
    for (absl::string_view part : absl::StrSplit(token, ' ')) {
      MDM_FUZZ_CHECK(IsBusinessTerm(part));
    }
  }
  if (!name.has_han) MDM_FUZZ_CHECK(name.han_core.empty());
  if (IsValidUtf8(text)) {
    MDM_FUZZ_CHECK(AllUtf8(name.core_tokens) && AllUtf8(name.qualifiers) &&
                   IsValidUtf8(name.han_core) && IsValidUtf8(name.acronym));
  }
}

void FuzzOrganizationParts(absl::string_view text) {
  const std::vector<std::string> tokens = NormalizedTokens(text);
  for (const LegalFormMatch& m :
       {MatchTrailingLegalForm(tokens), MatchLeadingLegalForm(tokens)}) {
    MDM_FUZZ_CHECK(m.length <= tokens.size());
    MDM_FUZZ_CHECK(m.code.empty() == (m.length == 0));
  }
  const std::string normalized = NormalizeText(TraditionalToSimplified(text));
  for (const LegalFormMatch& m : {MatchCjkLegalFormSuffix(normalized),
                                  MatchCjkLegalFormPrefix(normalized)}) {
    MDM_FUZZ_CHECK(m.length <= normalized.size());
    MDM_FUZZ_CHECK(m.code.empty() == (m.length == 0));
  }
  LegalFormOf(normalized);

  for (const std::string& token : tokens) {
    if (!absl::c_all_of(token, absl::ascii_isascii)) continue;
    const absl::string_view canonical = CanonicalBusinessTerm(token);
    for (absl::string_view part :
         absl::StrSplit(canonical, ' ', absl::SkipEmpty())) {
      MDM_FUZZ_CHECK(IsBusinessTerm(part));
    }
  }
  for (size_t start = 0; start < normalized.size(); ++start) {
    const absl::string_view rest = absl::string_view(normalized).substr(start);
    const CjkTermMatch term = MatchCjkBusinessTermPrefix(rest);
    MDM_FUZZ_CHECK(term.length <= rest.size());
    MDM_FUZZ_CHECK(term.canonical.empty() == (term.length == 0));
    const RegionPrefix region = MatchChineseRegionPrefix(rest);
    MDM_FUZZ_CHECK(region.length <= rest.size());
    MDM_FUZZ_CHECK(region.region.has_value() == (region.length > 0));
    if (region.region.has_value()) {
      MDM_FUZZ_CHECK(region.region->level != RegionLevel::kCountry);
    }
  }
  if (const std::optional<Region> region = FindRegion(normalized)) {
    MDM_FUZZ_CHECK(!region->canonical.empty());
  }
}

// ----------------------------------------------------------------------------
// Product text.

void FuzzProductText(absl::string_view text) {
  const auto [title, description] = SplitTab(text);
  const ProductText product = ParseProductText(title, description);
  static const absl::flat_hash_set<absl::string_view> kStopwords = {
      "the", "and", "for", "with", "of", "a", "an", "by", "in", "new"};
  for (const std::string& token : product.tokens) {
    MDM_FUZZ_CHECK(!token.empty() && !kStopwords.contains(token));
  }
  for (const std::string& model : product.model_numbers) {
    MDM_FUZZ_CHECK(model.size() >= 3 && IsUpperAlnum(model));
  }
  MDM_FUZZ_CHECK(!QuantitiesConflict(product.quantities, product.quantities));

  for (const ModelNumberMatch& m : FindModelNumbers(title)) {
    MDM_FUZZ_CHECK(m.begin < m.end && m.end <= title.size());
    MDM_FUZZ_CHECK(m.model.size() >= 3 && IsUpperAlnum(m.model));
  }
  const std::vector<std::string> distinct = ExtractModelNumbers(title);
  MDM_FUZZ_CHECK(
      absl::flat_hash_set<std::string>(distinct.begin(), distinct.end())
          .size() == distinct.size());

  const std::vector<QuantityMatch> found = FindQuantities(title);
  const std::vector<Quantity> a = ExtractQuantities(title);
  MDM_FUZZ_CHECK(a.size() == found.size());
  for (size_t i = 0; i < found.size(); ++i) {
    MDM_FUZZ_CHECK(found[i].begin < found[i].end &&
                   found[i].end <= title.size());
    MDM_FUZZ_CHECK(found[i].quantity == a[i]);
    MDM_FUZZ_CHECK(!found[i].quantity.unit.empty());
  }
  const std::vector<Quantity> b = ExtractQuantities(description);
  MDM_FUZZ_CHECK(QuantitiesConflict(a, b) == QuantitiesConflict(b, a));
}

// ----------------------------------------------------------------------------
// Contact details.

void FuzzEmail(absl::string_view text) {
  const EmailAddress e = ParseEmail(text);
  if (e.normalized.empty()) {
    MDM_FUZZ_CHECK(!e.valid && e.canonical.empty() && e.local.empty() &&
                   e.domain.empty());
    return;
  }
  MDM_FUZZ_CHECK(e.canonical == e.local + "@" + e.domain);
  MDM_FUZZ_CHECK(std::count(e.normalized.begin(), e.normalized.end(), '@') ==
                 1);
  if (!e.valid) MDM_FUZZ_CHECK(e.canonical == e.normalized);
  if (e.valid) MDM_FUZZ_CHECK(e.normalized.size() <= 254);
  for (char c : e.normalized) MDM_FUZZ_CHECK(!absl::ascii_isupper(c));
  // Cleaning is done once: the cleaned address cleans to itself.
  const EmailAddress again = ParseEmail(e.normalized);
  MDM_FUZZ_CHECK(again.normalized == e.normalized);
  MDM_FUZZ_CHECK(again.valid == e.valid);
}

void FuzzPhone(absl::string_view text) {
  const auto [raw, hint] = SplitTab(text);
  const PhoneNumber phone = ParsePhone(raw, hint);
  if (phone.valid) MDM_FUZZ_CHECK(!phone.e164.empty());
  if (!phone.e164.empty()) {
    MDM_FUZZ_CHECK(phone.e164[0] == '+' && phone.e164.size() >= 2);
    MDM_FUZZ_CHECK(IsDigits(absl::string_view(phone.e164).substr(1)));
    MDM_FUZZ_CHECK(absl::EndsWith(phone.e164, phone.digits));
  }
  MDM_FUZZ_CHECK(IsDigits(phone.digits));
  MDM_FUZZ_CHECK(phone.region.empty() || phone.region == "001" ||
                 (phone.region.size() == 2 && IsUpperAlnum(phone.region)));
  const std::string region = RegionCodeFor(hint);
  MDM_FUZZ_CHECK(region.empty() ||
                 (region.size() == 2 && absl::ascii_isupper(region[0]) &&
                  absl::ascii_isupper(region[1])));
}

// ----------------------------------------------------------------------------
// Identifiers.

void CheckIdentifier(const IdentifierCheck& c) {
  if (c.valid) {
    MDM_FUZZ_CHECK(c.scheme != IdScheme::kUnknown);
    MDM_FUZZ_CHECK(c.problem.empty());
  }
  if (c.scheme != IdScheme::kUnknown)
    MDM_FUZZ_CHECK(IsUpperAlnum(c.normalized));
  MDM_FUZZ_CHECK(!IdSchemeName(c.scheme).empty());
}

void FuzzIdentifier(absl::string_view text) {
  const std::string normalized = NormalizeIdentifier(text);
  for (char c : normalized) MDM_FUZZ_CHECK(!absl::ascii_islower(c));
  for (IdentifierHint hint :
       {IdentifierHint::kAny, IdentifierHint::kRegistration,
        IdentifierHint::kTax, IdentifierHint::kNationalId,
        IdentifierHint::kGtin}) {
    const IdentifierCheck c = ClassifyIdentifier(text, hint);
    CheckIdentifier(c);
    if (c.scheme == IdScheme::kUnknown) {
      MDM_FUZZ_CHECK(!c.valid && c.problem.empty());
      MDM_FUZZ_CHECK(c.normalized == normalized);
    }
  }
  for (IdentifierCheck (*check)(absl::string_view) :
       {&CheckChinaUscc, &CheckChinaResidentId, &CheckGtin, &CheckIsbn10,
        &CheckUsEin, &CheckUsSsn, &CheckEuVat}) {
    const IdentifierCheck c = check(text);
    CheckIdentifier(c);
    if (c.scheme == IdScheme::kUnknown) MDM_FUZZ_CHECK(!c.valid);
  }
  const IdentifierCheck gtin = CheckGtin(text);
  if (gtin.scheme != IdScheme::kUnknown) {
    MDM_FUZZ_CHECK(gtin.normalized.size() == 14 && IsDigits(gtin.normalized));
  }
  const IdentifierCheck isbn = CheckIsbn10(text);
  if (isbn.valid) {
    MDM_FUZZ_CHECK(isbn.normalized.size() == 14 && IsDigits(isbn.normalized));
    // The book's GTIN-13 is the same number.
    const IdentifierCheck ean = CheckGtin(isbn.normalized.substr(1));
    MDM_FUZZ_CHECK(ean.valid && ean.normalized == isbn.normalized);
  }
  const IdentifierCheck id = CheckChinaResidentId(text);
  if (id.scheme == IdScheme::kChinaResidentId && id.normalized.size() == 18) {
    // An upgraded 15-digit number is the 18-character form of the person.
    const IdentifierCheck upgraded = CheckChinaResidentId(id.normalized);
    MDM_FUZZ_CHECK(upgraded.scheme == IdScheme::kChinaResidentId);
    MDM_FUZZ_CHECK(upgraded.normalized == id.normalized);
  }
}

// ----------------------------------------------------------------------------

struct Target {
  const char* name;
  void (*run)(absl::string_view text);
};

constexpr Target kTargets[] = {
    {"standardize_value", &FuzzStandardizeValue},
    {"person_record", [](absl::string_view t) { FuzzEntity(0, t); }},
    {"organization_record", [](absl::string_view t) { FuzzEntity(1, t); }},
    {"product_record", [](absl::string_view t) { FuzzEntity(2, t); }},
    {"query_text",
     [](absl::string_view t) {
       if (!t.empty()) FuzzQueryText(static_cast<uint8_t>(t[0]), t.substr(1));
     }},
    {"normalize_text", &FuzzNormalizeText},
    {"transliteration", &FuzzTransliteration},
    {"date", &FuzzDate},
    {"person_name", &FuzzPersonName},
    {"person_parts", &FuzzPersonParts},
    {"organization_name", &FuzzOrganizationName},
    {"organization_parts", &FuzzOrganizationParts},
    {"product_text", &FuzzProductText},
    {"email", &FuzzEmail},
    {"phone", &FuzzPhone},
    {"identifier", &FuzzIdentifier},
};

}  // namespace
}  // namespace mdm::matching

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using mdm::matching::kTargets;
  if (size == 0) return 0;
  constexpr size_t kCount = sizeof(kTargets) / sizeof(kTargets[0]);
  const absl::string_view text(reinterpret_cast<const char*>(data) + 1,
                               size - 1);
  kTargets[data[0] % kCount].run(text);
  return 0;
}
