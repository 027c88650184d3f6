#include "matching/organization/legal_forms.h"

#include <algorithm>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "matching/text_normalizer.h"
#include "matching/transliteration.h"

namespace mdm::matching {
namespace {

enum class Position {
  kEnd,      // written after the name (most forms)
  kStart,    // written before the name
  kBracket,  // only as a whole bracket, "(株)"
};

struct LegalFormEntry {
  absl::string_view code;
  Position position;
  // Forms separated by '|'. Latin forms are written as NormalizeText would
  // leave them (lower case, one space between tokens, ASCII); CJK forms in
  // either Chinese script.
  absl::string_view forms;
};

constexpr LegalFormEntry kLegalForms[] = {
    {"LTD", Position::kEnd,
     "ltd|limited|co ltd|co limited|company limited|company ltd|corp ltd|"
     "pty ltd|pty limited|proprietary limited|pte ltd|pte limited|"
     "pvt ltd|pvt limited|private limited|private ltd|sdn bhd|ltda|"
     "limitada|yugen kaisha|有限公司|有限责任公司|有限会社|유한회사"},
    {"LTD", Position::kStart, "有限会社|유한회사"},
    {"LTD", Position::kBracket, "有|유|pty|pvt"},
    {"LLC", Position::kEnd,
     "llc|l l c|limited liability company|ltd liability co|sp z o o|"
     "godo kaisha|合同会社|유한책임회사"},
    {"LLC", Position::kStart, "ooo|合同会社"},
    {"INC", Position::kEnd, "inc|incorporated|co inc|company inc"},
    {"CORP", Position::kEnd, "corp|corporation"},
    {"CO", Position::kEnd, "co|company|cie|公司"},
    {"PLC", Position::kEnd,
     "plc|p l c|public limited company|public company limited|pcl|bhd|"
     "berhad"},
    {"GMBH", Position::kEnd,
     "gmbh|mbh|ges m b h|gesellschaft mit beschrankter haftung"},
    {"AG", Position::kEnd, "ag|aktiengesellschaft"},
    {"KG", Position::kEnd, "kg|gmbh co kg|ag co kg|kommanditgesellschaft"},
    {"KGAA", Position::kEnd, "kgaa|gmbh co kgaa|ag co kgaa"},
    {"SE", Position::kEnd, "se|societas europaea"},
    {"SA", Position::kEnd,
     "sa|s a|sociedad anonima|societe anonyme|sa de cv|s a de c v|"
     "sab de cv|s a b de c v"},
    {"SAS", Position::kEnd, "sas|s a s|sasu"},
    {"SARL", Position::kEnd, "sarl|s a r l|s a rl"},
    {"SRL", Position::kEnd, "srl|s r l"},
    {"SL", Position::kEnd, "sl|s l"},
    {"SPA", Position::kEnd, "spa|s p a"},
    {"BV", Position::kEnd, "bv|b v|besloten vennootschap"},
    {"NV", Position::kEnd, "nv|n v|naamloze vennootschap"},
    {"AB", Position::kEnd, "ab|ab publ"},
    {"AS", Position::kEnd, "as|a s"},
    {"ASA", Position::kEnd, "asa"},
    {"OY", Position::kEnd, "oy"},
    {"OYJ", Position::kEnd, "oyj"},
    {"KK", Position::kEnd, "kk|k k|kabushiki kaisha|kabushikigaisha|株式会社"},
    {"KK", Position::kStart, "株式会社"},
    {"KK", Position::kBracket, "株"},
    {"JSC", Position::kEnd,
     "jsc|pjsc|ojsc|cjsc|joint stock company|股份有限公司|股份公司|주식회사"},
    {"JSC", Position::kStart, "zao|oao|pao|주식회사"},
    {"JSC", Position::kBracket, "주"},
    {"LLP", Position::kEnd, "llp|l l p|limited liability partnership"},
    {"LP", Position::kEnd, "lp|l p|limited partnership|有限合伙"},
    {"PT", Position::kStart, "pt"},
};

bool IsAscii(absl::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return absl::ascii_isascii(c); });
}

struct Tables {
  // Latin phrases (tokens joined by one space) by position.
  absl::flat_hash_map<std::string, std::string> latin_end;
  absl::flat_hash_map<std::string, std::string> latin_start;
  absl::flat_hash_map<std::string, std::string> cjk_end;
  absl::flat_hash_map<std::string, std::string> cjk_start;
  // Every form at any position, for LegalFormOf.
  absl::flat_hash_map<std::string, std::string> any;
  size_t max_latin_tokens = 0;
  size_t max_cjk_bytes = 0;
};

Tables BuildTables() {
  Tables tables;
  for (const LegalFormEntry& entry : kLegalForms) {
    for (absl::string_view form : absl::StrSplit(entry.forms, '|')) {
      const bool latin = IsAscii(form);
      std::string key = NormalizeText(latin ? std::string(form)
                                            : TraditionalToSimplified(form));
      tables.any.emplace(key, entry.code);
      if (entry.position == Position::kBracket) continue;
      const bool end = entry.position == Position::kEnd;
      if (latin) {
        const size_t tokens = 1 + std::count(key.begin(), key.end(), ' ');
        tables.max_latin_tokens = std::max(tables.max_latin_tokens, tokens);
        (end ? tables.latin_end : tables.latin_start)
            .emplace(std::move(key), entry.code);
      } else {
        tables.max_cjk_bytes = std::max(tables.max_cjk_bytes, key.size());
        (end ? tables.cjk_end : tables.cjk_start)
            .emplace(std::move(key), entry.code);
      }
    }
  }
  return tables;
}

const Tables& GetTables() {
  static const Tables* const tables = new Tables(BuildTables());
  return *tables;
}

bool IsUtf8Lead(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

}  // namespace

LegalFormMatch MatchTrailingLegalForm(absl::Span<const std::string> tokens) {
  const Tables& tables = GetTables();
  for (size_t n = std::min(tokens.size(), tables.max_latin_tokens); n > 0;
       --n) {
    auto it = tables.latin_end.find(
        absl::StrJoin(tokens.subspan(tokens.size() - n), " "));
    if (it != tables.latin_end.end()) return {it->second, n};
  }
  return {};
}

LegalFormMatch MatchLeadingLegalForm(absl::Span<const std::string> tokens) {
  const Tables& tables = GetTables();
  for (size_t n = std::min(tokens.size(), tables.max_latin_tokens); n > 0;
       --n) {
    auto it = tables.latin_start.find(absl::StrJoin(tokens.first(n), " "));
    if (it != tables.latin_start.end()) return {it->second, n};
  }
  return {};
}

LegalFormMatch MatchCjkLegalFormSuffix(absl::string_view text) {
  const Tables& tables = GetTables();
  for (size_t n = std::min(text.size(), tables.max_cjk_bytes); n > 0; --n) {
    const absl::string_view suffix = text.substr(text.size() - n);
    if (!IsUtf8Lead(suffix.front())) continue;
    auto it = tables.cjk_end.find(suffix);
    if (it != tables.cjk_end.end()) return {it->second, n};
  }
  return {};
}

LegalFormMatch MatchCjkLegalFormPrefix(absl::string_view text) {
  const Tables& tables = GetTables();
  for (size_t n = std::min(text.size(), tables.max_cjk_bytes); n > 0; --n) {
    if (n < text.size() && !IsUtf8Lead(text[n])) continue;
    auto it = tables.cjk_start.find(text.substr(0, n));
    if (it != tables.cjk_start.end()) return {it->second, n};
  }
  return {};
}

absl::string_view LegalFormOf(absl::string_view normalized_text) {
  const Tables& tables = GetTables();
  auto it = tables.any.find(normalized_text);
  if (it == tables.any.end()) return "";
  return it->second;
}

}  // namespace mdm::matching
