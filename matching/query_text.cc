#include "matching/query_text.h"

#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "matching/date_parser.h"
#include "matching/standardizer.h"
#include "re2/re2.h"

namespace mdm::matching {
namespace {

std::optional<int> FirstOfKinds(
    const EntityModel& model, std::initializer_list<v1::AttributeKind> kinds) {
  for (v1::AttributeKind kind : kinds) {
    for (size_t i = 0; i < model.attributes().size(); ++i) {
      if (model.attributes()[i].kind == kind) return static_cast<int>(i);
    }
  }
  return std::nullopt;
}

bool IsIdentifierKind(v1::AttributeKind kind) {
  return kind == v1::GTIN || kind == v1::NATIONAL_ID ||
         kind == v1::REGISTRATION_ID || kind == v1::TAX_ID;
}

int CountDigits(absl::string_view text) {
  int digits = 0;
  for (char c : text) digits += absl::ascii_isdigit(c);
  return digits;
}

// Takes every match of `pattern` that `accept` keeps out of `text`
// (replacing it by a space) and returns them in order; rejected matches stay.
template <typename Accept>
std::vector<std::string> TakeMatches(std::string& text, const RE2& pattern,
                                     Accept accept) {
  std::vector<std::string> taken;
  std::vector<std::pair<size_t, size_t>> spans;  // (offset, length)
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece piece;
  while (RE2::FindAndConsume(&input, pattern, &piece)) {
    const absl::string_view match(piece.data(), piece.size());
    if (!accept(match)) continue;
    taken.emplace_back(match);
    spans.emplace_back(match.data() - text.data(), match.size());
  }
  for (auto span = spans.rbegin(); span != spans.rend(); ++span) {
    text.replace(span->first, span->second, " ");
  }
  return taken;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> InterpretQueryText(
    const EntityModel& model, absl::string_view raw_text) {
  std::vector<std::pair<std::string, std::string>> parts;
  std::vector<bool> assigned(model.attributes().size(), false);
  auto assign = [&](std::optional<int> attribute, absl::string_view value) {
    if (!attribute.has_value() || assigned[*attribute]) return;
    assigned[*attribute] = true;
    parts.emplace_back(model.attributes()[*attribute].name, std::string(value));
  };
  std::string text(raw_text);

  static const RE2* const kEmail =
      new RE2(R"(([A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+))");
  for (const std::string& email :
       TakeMatches(text, *kEmail, [](absl::string_view) { return true; })) {
    assign(FirstOfKinds(model, {v1::EMAIL}), email);
  }

  // Identifiers: a token with at least six digits that passes a check-digit
  // scheme of one of the model's identifier attributes.
  static const RE2* const kIdentifier =
      new RE2(R"((\b[0-9A-Za-z][0-9A-Za-z\-]{6,}[0-9A-Za-z]\b))");
  std::vector<std::pair<int, std::string>> identifiers;
  TakeMatches(text, *kIdentifier, [&](absl::string_view token) {
    if (CountDigits(token) < 6) return false;
    for (size_t i = 0; i < model.attributes().size(); ++i) {
      if (!IsIdentifierKind(model.attributes()[i].kind) || assigned[i]) {
        continue;
      }
      if (StandardizeValue(model.attributes()[i].kind, token).validated) {
        identifiers.emplace_back(static_cast<int>(i), std::string(token));
        return true;
      }
    }
    return false;
  });
  for (const auto& [attribute, value] : identifiers) assign(attribute, value);

  const std::optional<int> date_attribute = FirstOfKinds(model, {v1::DATE});
  if (date_attribute.has_value()) {
    static const RE2* const kDate = new RE2(
        R"((\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{4}\b|\d{4}年\d{1,2}月\d{1,2}日))");
    for (const std::string& date : TakeMatches(
             text, *kDate,
             [](absl::string_view d) { return ParseDate(d).has_value(); })) {
      assign(date_attribute, date);
    }
  }

  static const RE2* const kPhone = new RE2(
      R"((?:^|[^0-9A-Za-z+])(\+?\(?\d[\d ()\-.]{5,}\d)(?:$|[^0-9A-Za-z]))");
  for (const std::string& phone :
       TakeMatches(text, *kPhone,
                   [](absl::string_view p) { return CountDigits(p) >= 7; })) {
    assign(FirstOfKinds(model, {v1::PHONE}), phone);
  }

  std::vector<absl::string_view> words =
      absl::StrSplit(text, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty());
  const std::string name = absl::StrJoin(words, " ");
  if (!name.empty()) {
    std::optional<int> name_attribute = FirstOfKinds(
        model,
        {v1::PERSON_NAME, v1::ORGANIZATION_NAME, v1::PRODUCT_NAME, v1::TEXT});
    assign(name_attribute, name);
  }
  return parts;
}

}  // namespace mdm::matching
