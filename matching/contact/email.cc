#include "matching/contact/email.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/types/span.h"
#include "matching/contact/internal/full_width.h"

namespace mdm::matching {
namespace {

constexpr size_t kMaxAddressLength = 254;
constexpr size_t kMaxLabelLength = 63;

constexpr absl::string_view kGmailDomains[] = {"gmail.com", "googlemail.com"};

// Domains whose mailboxes accept "local+tag": everything from '+' on is
// dropped.
constexpr absl::string_view kPlusTagDomains[] = {
    // Microsoft.
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "hotmail.co.uk",
    "hotmail.fr",
    "hotmail.de",
    "hotmail.it",
    "hotmail.es",
    "live.co.uk",
    "live.fr",
    "live.de",
    "live.it",
    "outlook.fr",
    "outlook.de",
    // Apple.
    "icloud.com",
    "me.com",
    "mac.com",
    // Others.
    "protonmail.com",
    "protonmail.ch",
    "proton.me",
    "pm.me",
    "fastmail.com",
    "fastmail.fm",
    "yandex.ru",
    "yandex.com",
    "ya.ru",
    "zoho.com",
};

// Yahoo's disposable addresses are "basename-keyword"; basenames have no '-'.
constexpr absl::string_view kDashTagDomains[] = {
    "yahoo.com",    "yahoo.co.uk",  "yahoo.fr",     "yahoo.de",
    "yahoo.it",     "yahoo.es",     "yahoo.ca",     "yahoo.com.au",
    "yahoo.co.in",  "yahoo.in",     "yahoo.com.br", "yahoo.com.mx",
    "yahoo.com.sg", "yahoo.com.hk", "yahoo.com.tw",
};

bool IsOneOf(absl::string_view text, absl::Span<const absl::string_view> set) {
  return std::find(set.begin(), set.end(), text) != set.end();
}

bool IsNonAscii(char c) { return static_cast<uint8_t>(c) >= 0x80; }

// RFC 5322 atext.
bool IsAtext(char c) {
  return absl::ascii_isalnum(c) || IsNonAscii(c) ||
         absl::string_view("!#$%&'*+/=?^_`{|}~-").find(c) !=
             absl::string_view::npos;
}

bool ValidLocal(absl::string_view local) {
  if (local.empty() || local.front() == '.' || local.back() == '.') {
    return false;
  }
  if (absl::StrContains(local, "..")) return false;
  return std::all_of(local.begin(), local.end(),
                     [](char c) { return c == '.' || IsAtext(c); });
}

bool ValidDomain(absl::string_view domain) {
  const std::vector<absl::string_view> labels = absl::StrSplit(domain, '.');
  if (labels.size() < 2) return false;
  for (absl::string_view label : labels) {
    if (label.empty() || label.size() > kMaxLabelLength) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    const bool label_chars_ok =
        std::all_of(label.begin(), label.end(), [](char c) {
          return absl::ascii_isalnum(c) || c == '-' || IsNonAscii(c);
        });
    if (!label_chars_ok) return false;
  }
  const absl::string_view top = labels.back();
  return !std::all_of(top.begin(), top.end(),
                      [](char c) { return absl::ascii_isdigit(c); });
}

// What surrounds an address in running text and lists: every ASCII space
// (as StripAsciiWhitespace has it), quotes, brackets and separators.
constexpr absl::string_view kWrapping = " \t\r\n\v\f\"'<>;,";

// Strips characters of `set` from both ends.
absl::string_view StripAny(absl::string_view text, absl::string_view set) {
  while (!text.empty() && set.find(text.front()) != absl::string_view::npos) {
    text.remove_prefix(1);
  }
  while (!text.empty() && set.find(text.back()) != absl::string_view::npos) {
    text.remove_suffix(1);
  }
  return text;
}

// Everything before the first `separator`, unless that would be empty.
absl::string_view DropTag(absl::string_view local, char separator) {
  const size_t at = local.find(separator);
  if (at == 0 || at == absl::string_view::npos) return local;
  return local.substr(0, at);
}

// The address text with its wrapping removed, ASCII lower-cased.
std::string Clean(absl::string_view raw) {
  const std::string folded = absl::StrReplaceAll(internal::FoldFullWidth(raw),
                                                 {{"\u3002", "."}});  // 。 -> .
  absl::string_view text = absl::StripAsciiWhitespace(folded);
  // "Name <address>".
  const size_t open = text.rfind('<');
  if (open != absl::string_view::npos) {
    const size_t close = text.find('>', open);
    if (close != absl::string_view::npos) {
      text = text.substr(open + 1, close - open - 1);
    }
  }
  text = StripAny(text, kWrapping);
  std::string lower = absl::AsciiStrToLower(text);
  absl::string_view address = lower;
  // "mailto:" may be repeated, with wrapping between ("mailto: mailto:a@b").
  bool mailto = false;
  while (absl::ConsumePrefix(&address, "mailto:")) {
    mailto = true;
    address = StripAny(address, kWrapping);
  }
  if (mailto) address = address.substr(0, address.find('?'));
  return std::string(StripAny(address, kWrapping));
}

}  // namespace

EmailAddress ParseEmail(absl::string_view raw) {
  const std::string cleaned = Clean(raw);
  const size_t at = cleaned.find('@');
  if (at == std::string::npos ||
      cleaned.find('@', at + 1) != std::string::npos) {
    return EmailAddress();
  }
  const absl::string_view local = absl::string_view(cleaned).substr(0, at);
  absl::string_view domain = absl::string_view(cleaned).substr(at + 1);
  // Trailing dots of the domain go, and wrapping or white space written
  // after them ("jane@example.org;.", "a@b\v."): Clean strips both, so the
  // result cleans to itself.
  while (!domain.empty() &&
         (domain.back() == '.' || absl::ascii_isspace(domain.back()) ||
          kWrapping.find(domain.back()) != absl::string_view::npos)) {
    domain.remove_suffix(1);
  }
  if (local.empty() || domain.empty()) return EmailAddress();

  EmailAddress email;
  email.normalized = absl::StrCat(local, "@", domain);
  email.valid = email.normalized.size() <= kMaxAddressLength &&
                ValidLocal(local) && ValidDomain(domain);

  std::string canonical_local(local);
  std::string canonical_domain(domain);
  if (email.valid) {
    if (IsOneOf(domain, kGmailDomains)) {
      canonical_local = absl::StrReplaceAll(DropTag(local, '+'), {{".", ""}});
      canonical_domain = "gmail.com";
    } else if (IsOneOf(domain, kPlusTagDomains)) {
      canonical_local = std::string(DropTag(local, '+'));
    } else if (IsOneOf(domain, kDashTagDomains)) {
      canonical_local = std::string(DropTag(local, '-'));
    }
  }
  email.canonical = absl::StrCat(canonical_local, "@", canonical_domain);
  email.local = std::move(canonical_local);
  email.domain = std::move(canonical_domain);
  return email;
}

}  // namespace mdm::matching
